"""Citations of the whole archive: CSL-JSON, RIS and BibTeX files with one record per
interview (``db/citations.py``, the records the interview pages cite), and a CITATION.cff
for the dataset itself."""

from __future__ import annotations

import json
import os
from pathlib import Path

import yaml
from sqlite_utils import Database

from db.citations import SITE, archive_url, bibtex_entry, csl_item, day, ris_record

# Where the archive is published (``ess-archive serve``'s address unless told otherwise):
# the archive URL of every citation. Read here only, from the environment.
PUBLIC_URL = os.environ.get("ESS_ARCHIVE_PUBLIC_URL", "http://127.0.0.1:8001")

# Each interview with the date of the capture it was read from (its "accessed" date).
CITED = """
SELECT i.*, c.fetched_at AS captured FROM interviews i LEFT JOIN captures c ON c.id = i.capture_id ORDER BY i.id
"""


def cited(db: Database) -> list[dict]:
    """Return every interview with its capture date, in id order."""
    return list(db.query(CITED))


def export_citations(db: Database, folder: Path, name: str, base: str | None = None) -> list[Path]:
    """Write ``NAME.csl.json``, ``NAME.ris`` and ``NAME.bib``: every interview, in id order."""
    folder.mkdir(parents=True, exist_ok=True)
    base = base or PUBLIC_URL
    rows = cited(db)
    items = [csl_item(r, archive_url(base, r["id"]), r["captured"]) for r in rows]
    csl, ris, bib = folder / f"{name}.csl.json", folder / f"{name}.ris", folder / f"{name}.bib"
    csl.write_text("[\n" + ",\n".join(json.dumps(i, ensure_ascii=False) for i in items) + "\n]\n",
                   encoding="utf-8", newline="\n")
    ris.write_text("\n".join(ris_record(r, archive_url(base, r["id"]), r["captured"]) for r in rows),
                   encoding="utf-8", newline="\n")
    bib.write_text("\n\n".join(bibtex_entry(r, archive_url(base, r["id"]), r["captured"]) for r in rows) + "\n",
                   encoding="utf-8", newline="\n")
    return [csl, ris, bib]


def citation_cff(db: Database, name: str, version: str) -> dict:
    """Return the CITATION.cff (Citation File Format 1.2.0) of the dataset."""
    meta = yaml.safe_load(Path(__file__).parent.parent.joinpath("metadata.yaml").read_text(encoding="utf-8"))
    last = db.execute("SELECT max(coalesce(finished, started)) FROM crawl_runs").fetchone()[0]
    count = db.execute("SELECT count(*) FROM interviews").fetchone()[0]
    cff = {
        "cff-version": "1.2.0",
        "message": "Pour citer ce jeu de données, utilisez ces métadonnées ; pour citer un entretien, "
                   f"les notices de citations/{name}.csl.json, .ris ou .bib.",
        "type": "dataset",
        "title": f"{meta['title']} — archive structurée ({name})",
        "abstract": f"{count} entretiens de la série « 3 questions à … » publiés par {SITE}, archivés avec leurs "
                    f"pages brutes. {meta['license']}.",
        "authors": [{"name": "ess-archive"}],
        "version": version,
        "license": "MIT",
        "url": meta["source_url"],
        "repository-code": meta["about_url"],
        "keywords": ["économie sociale et solidaire", SITE, "entretiens", "archive du web"],
        "references": [{"type": "website", "title": SITE, "url": meta["source_url"],
                        "authors": [{"name": SITE}]}],
    }
    if last:
        cff["date-released"] = day(last)
    return cff


def export_citation_cff(db: Database, folder: Path, name: str, version: str) -> list[Path]:
    """Write ``CITATION.cff`` in the bundle's folder."""
    path = folder / "CITATION.cff"
    path.write_text(yaml.safe_dump(citation_cff(db, name, version), allow_unicode=True, sort_keys=False, width=100),
                    encoding="utf-8", newline="\n")
    return [path]
