"""Research exports of the archive: CSV (and an Excel variant), JSON and JSON Lines per table
and a flat one-row-per-answer file, a SQL dump, WARC files of the raw captures, TEI P5 XML
of the interviews, a static copy of the archive's pages (plain HTML and its search), and
dated bundles of all of these with a canonical SQLite copy, a data dictionary, a Frictionless
Data Package and a manifest. Deterministic: the same archive content gives byte-identical
files (README, "Exports", says what "same content" means)."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import tempfile
import uuid
from pathlib import Path

import yaml
from sqlite_utils import Database

from db.export.citations import export_citation_cff, export_citations
from db.export.datapackage import export_datapackage
from db.export.dictionary import export_dictionary
from db.export.site import export_site
from db.export.sqlite_copy import canonical_copy, export_sql
from db.export.tables import EXPORTS, export_csv, export_json, export_jsonl, rows, spreadsheet_safe
from db.export.tei import export_tei
from db.export.warc import export_warc, package_version
from db.export.wacz import export_wacz
from db.migrations import schema_version

__all__ = ["EXPORTS", "FORMATS", "export", "rows", "spreadsheet_safe"]

FORMATS = ("csv", "json", "jsonl", "sql", "warc", "wacz", "citations", "tei", "site", "bundle")


def sha256_file(path: Path) -> str:
    """Return the SHA-256 of a file."""
    import hashlib

    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def described_files(folder: Path, files: list[Path]) -> dict[str, dict]:
    """Return the size and SHA-256 of each file, by its path in the bundle."""
    return {p.relative_to(folder).as_posix(): {"bytes": p.stat().st_size, "sha256": sha256_file(p)}
            for p in sorted(files)}


def licence() -> str:
    """Return the licence statement of the archive (``db/metadata.yaml``)."""
    return yaml.safe_load(Path(__file__).parent.parent.joinpath("metadata.yaml").read_text(encoding="utf-8"))["license"]


def bundle_folder(db: Database, out: Path, name: str) -> Path:
    """Return the bundle's folder, named after the last crawl's date."""
    last = db.execute("SELECT max(coalesce(finished, started)) FROM crawl_runs").fetchone()[0]
    return out / f"{name}-{(last or '0000-00-00')[:10]}"


def export_bundle(db: Database, out: Path, name: str, excel: bool = False) -> list[Path]:
    """Write a dated folder with every export, a canonical copy of the SQLite file, the data
    dictionary and a manifest (counts, SHA-256 of every file, schema version, crawl dates,
    version); with ``excel``, the Excel CSV variant too."""
    folder = bundle_folder(db, out, name)
    folder.mkdir(parents=True, exist_ok=True)
    files = export_csv(db, folder / "csv") + (export_csv(db, folder / "csv-excel", excel=True) if excel else [])
    files += export_json(db, folder / "json") + export_jsonl(db, folder / "jsonl")
    files += export_sql(db, folder, name) + export_warc(db, folder, name) + export_wacz(db, folder, name)
    files += [canonical_copy(db, folder / f"{name}.db")] + export_dictionary(db, folder, name)
    files += export_citations(db, folder / "citations", name) + export_citation_cff(db, folder, name, package_version())
    files += export_tei(db, folder / "tei") + export_site(db, folder / "site", name, package_version())
    files += export_datapackage(db, folder, name, described_files(folder, files), package_version())
    runs = db.execute("SELECT min(started), max(finished), count(*) FROM crawl_runs").fetchone()
    manifest = {
        "archive": name, "project_version": package_version(), "schema_version": schema_version(db),
        "crawls": {"first_started": runs[0], "last_finished": runs[1], "runs": runs[2]},
        "counts": {table: db.execute(f"SELECT count(*) FROM ({sql})").fetchone()[0] for table, sql in EXPORTS.items()},
        "files": described_files(folder, files),
        "datapackage": "datapackage.json",
        "licence": licence(),
    }
    manifest_path = folder / "manifest.json"
    manifest_path.write_text(json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=True) + "\n",
                             encoding="utf-8", newline="\n")
    return files + [manifest_path]


def snapshot(db_path: Path, folder: Path) -> Path:
    """Return a consistent copy of the archive (``VACUUM INTO``: one read snapshot, even
    while a crawl writes), from which every file of one export is made."""
    copy = folder / "snapshot.db"
    with sqlite3.connect(f"file:{db_path}?mode=ro", uri=True) as conn:
        conn.execute("PRAGMA busy_timeout = 30000")
        conn.execute("VACUUM INTO ?", [str(copy)])
    conn.close()
    return copy


def write_format(db: Database, fmt: str, out: Path, name: str, excel: bool = False) -> list[Path]:
    """Write the export ``fmt`` of ``db`` under ``out``; return the files."""
    if fmt == "csv":
        return export_csv(db, out, excel=excel)
    if fmt == "json":
        return export_json(db, out)
    if fmt == "jsonl":
        return export_jsonl(db, out)
    if fmt == "sql":
        return export_sql(db, out, name)
    if fmt == "warc":
        return export_warc(db, out, name)
    if fmt == "wacz":
        return export_wacz(db, out, name)
    if fmt == "citations":
        return export_citations(db, out, name)
    if fmt == "tei":
        return export_tei(db, out / "tei")
    if fmt == "site":
        return export_site(db, out / "site", name, package_version())
    if fmt == "bundle":
        return export_bundle(db, out, name, excel=excel)
    raise ValueError(f"unknown export format {fmt!r}: one of {', '.join(FORMATS)}")


def move_into_place(staged: Path, out: Path) -> list[Path]:
    """Move what was written under ``staged`` into ``out``, each top-level entry renamed at
    once (a bundle folder whole), so a reader never finds a half-written export."""
    moved = []
    for entry in sorted(staged.iterdir()):
        target = out / entry.name
        if target.is_dir() and entry.is_dir():
            old = out / f".old-{entry.name}-{uuid.uuid4().hex[:8]}"
            target.rename(old)
            entry.rename(target)
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.replace(entry, target)
        moved.append(target)
    return moved


def export(db_path: str | Path, fmt: str, out: str | Path, excel: bool = False) -> list[Path]:
    """Write the export ``fmt`` of the archive at ``db_path`` under ``out``; return the files.
    Everything is written in a temporary folder beside the target, from one snapshot of the
    archive, then renamed into place: a killed or failed export leaves nothing that looks
    complete, and two exports at once do not mix."""
    db_path, out = Path(db_path), Path(out)
    name = db_path.stem
    out.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=".export-", dir=out))
    try:
        db = Database(snapshot(db_path, work))
        try:
            staged = work / "out"
            files = write_format(db, fmt, staged, name, excel=excel)
        finally:
            db.close()
        move_into_place(staged, out)
        return [out / path.relative_to(staged) for path in files]
    finally:
        shutil.rmtree(work, ignore_errors=True)
