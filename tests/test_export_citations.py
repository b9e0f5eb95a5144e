"""Citations of the whole archive: CSL-JSON that citeproc-py renders into one French
bibliography entry per interview, RIS and BibTeX of the same records, accessed on the
capture's date, and a CITATION.cff for the dataset."""

from __future__ import annotations

import json
import warnings

import jsonschema
import pytest
import rispy
import yaml
from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc.source.json import CiteProcJSON
from sqlite_utils import Database

from db.citations import bibtex_entry, citation, citation_key, csl_item, csl_name, ris_record
from db.export import export
from tests.conftest import ROOT, copy_archive

# The Citation File Format 1.2.0 schema, as released (citation-file-format/citation-file-format,
# tag 1.2.0, schema.json; CC BY 4.0).
CFF_SCHEMA = ROOT / "tests" / "schemas" / "cff-1.2.0.schema.json"

INTERVIEW = {"id": -42, "url": "https://ess.test/2020/09/22/3-questions-a-jean-de-la-fontaine/",
             "title": "3 questions à Jean de La Fontaine, président de 100% & Co", "interviewee": "Jean de La Fontaine",
             "name": "Jean de La Fontaine", "kind": "person", "published": "2020-09-22T08:00:00+02:00",
             "language": "fr"}


@pytest.fixture(scope="module")
def citations(archived, tmp_path_factory):
    out = tmp_path_factory.mktemp("citations")
    export(archived, "citations", out)
    return out


@pytest.mark.parametrize("record, expected", [
    ({"name": "Maëlle Guérin", "kind": "person"}, {"family": "Guérin", "given": "Maëlle"}),
    ({"name": "Jean de La Fontaine", "kind": "person"}, {"family": "de La Fontaine", "given": "Jean"}),
    ({"name": "Anne-Sophie d’Arc", "kind": "person"}, {"family": "d’Arc", "given": "Anne-Sophie"}),
    ({"name": None, "interviewee": "L’équipe de Tremplin", "kind": "group"}, {"literal": "L’équipe de Tremplin"}),
    ({"name": "", "interviewee": "Réseau Tremplin", "kind": "organisation"}, {"literal": "Réseau Tremplin"}),
])
def test_interviewee_names_in_csl(record, expected):
    assert csl_name(record) == expected


def test_one_record_in_every_format_with_the_capture_date():
    archive = "https://archive.test/entretien/-42"
    item = csl_item(INTERVIEW, archive, "2024-03-01T10:00:00+00:00")
    assert item["id"] == citation_key(INTERVIEW) == "ess2024_m42"
    assert item["type"] == "post-weblog" and item["author"] == [{"literal": "ESS 2024"}]
    assert item["note"].startswith("Entretien avec Jean de La Fontaine")  # the interviewee, not the author
    assert item["issued"] == {"date-parts": [[2020, 9, 22]]} and item["accessed"] == {"date-parts": [[2024, 3, 1]]}
    assert item["archive_location"] == archive and item["URL"] == INTERVIEW["url"]
    bib = bibtex_entry(INTERVIEW, archive, "2024-03-01T10:00:00+00:00")
    assert "author = {{ESS 2024}}" in bib and "100\\% \\& Co" in bib and "urldate = {2024-03-01}" in bib
    assert "Entretien avec Jean de La Fontaine" in bib
    [ris] = rispy.loads(ris_record(INTERVIEW, archive, "2024-03-01T10:00:00+00:00"))
    assert ris["authors"] == ["ESS 2024"] and ris["access_date"] == "2024/03/01"
    assert ris["urls"] == [INTERVIEW["url"]] and ris["publisher"] == "ESS 2024"
    cited = citation(INTERVIEW, archive, "2024-03-01T10:00:00+00:00")
    assert {"plain", "bibtex"} <= set(cited) and "consulté le 1 mars 2024" in cited["plain"]


def test_csl_json_renders_one_french_entry_per_interview(archived, citations):
    items = json.loads((citations / f"{archived.stem}.csl.json").read_text(encoding="utf-8"))
    assert len(items) == Database(archived)["interviews"].count
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # an unknown CSL variable or type would warn
        style = CitationStylesStyle("harvard-cite-them-right", locale="fr-FR", validate=False)
        bibliography = CitationStylesBibliography(style, CiteProcJSON(items), formatter.plain)
        for item in items:
            bibliography.register(Citation([CitationItem(item["id"])]))
        entries = [str(entry) for entry in bibliography.bibliography()]
    assert len(entries) == len(items)
    assert all("Consulté le" in e and "Disponible sur" in e and "ESS 2024" in e for e in entries)
    assert all(e.startswith("ESS 2024 (") for e in entries)  # the site is the author
    assert any("«\u00a03 questions à Maëlle Guérin" in e for e in entries)  # French spacing


def test_ris_and_bibtex_hold_the_same_records(archived, citations):
    ids = [r["id"] for r in Database(archived).query("SELECT id FROM interviews ORDER BY id")]
    ris = rispy.loads((citations / f"{archived.stem}.ris").read_text(encoding="utf-8"))
    assert [r["id"] for r in ris] == [f"ess2024_{i}".replace("-", "m") for i in ids]
    bib = (citations / f"{archived.stem}.bib").read_text(encoding="utf-8")
    assert bib.count("@misc{") == len(ids) and bib.count("{") - bib.count("\\{") == bib.count("}") - bib.count("\\}")


def test_accessed_is_the_capture_date_not_today(archived, tmp_path):
    db_path = copy_archive(archived, tmp_path / "ess2024.db")
    db = Database(db_path)
    capture = db.execute("SELECT capture_id FROM interviews WHERE id = 5120").fetchone()[0]
    db.execute("UPDATE captures SET fetched_at = '2021-01-02T03:04:05+00:00' WHERE id = ?", [capture])
    db.conn.commit()
    export(db_path, "citations", tmp_path / "out")
    items = {i["id"]: i for i in json.loads((tmp_path / "out" / "ess2024.csl.json").read_text(encoding="utf-8"))}
    assert items["ess2024_5120"]["accessed"] == {"date-parts": [[2021, 1, 2]]}


def test_the_bundle_has_a_citation_file_for_the_dataset(archived, tmp_path):
    export(archived, "bundle", tmp_path)
    [folder] = list(tmp_path.iterdir())
    cff = yaml.safe_load((folder / "CITATION.cff").read_text(encoding="utf-8"))
    assert cff["cff-version"] == "1.2.0" and cff["type"] == "dataset" and cff["authors"]
    assert folder.name.endswith(cff["date-released"]) and cff["license"] == "MIT"
    assert {f"citations/{archived.stem}.{ext}" for ext in ("csl.json", "ris", "bib")} <= \
        set(json.loads((folder / "manifest.json").read_text())["files"])


def test_the_citation_file_is_valid_cff_1_2_0(archived, tmp_path):
    export(archived, "bundle", tmp_path)
    [folder] = list(tmp_path.iterdir())
    cff = yaml.safe_load((folder / "CITATION.cff").read_text(encoding="utf-8"))
    schema = json.loads(CFF_SCHEMA.read_text(encoding="utf-8"))
    validator = jsonschema.Draft7Validator(schema, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER)
    assert [error.message for error in validator.iter_errors(cff)] == []
    # The schema is strict enough to notice a mistake.
    assert list(validator.iter_errors({**cff, "date-released": "2 décembre 2026"}))
