"""Faithful export files: JSON and JSON Lines in UTF-8 with lists as arrays, the CSV variant
Excel opens as it is, and a data dictionary that describes every exported column."""

from __future__ import annotations

import csv
import json

import pytest
from sqlite_utils import Database

from db.export import EXPORTS, export
from db.export.dictionary import exported_columns
from db.export.tables import JSON_COLUMNS


@pytest.fixture(scope="module")
def files(archived, tmp_path_factory):
    """Export the demo archive once as json, jsonl, csv and Excel CSV."""
    root = tmp_path_factory.mktemp("files")
    for fmt in ("json", "jsonl", "csv"):
        export(archived, fmt, root / fmt)
    export(archived, "csv", root / "excel", excel=True)
    return root


def test_json_files_hold_every_row_with_json_columns_decoded(archived, files):
    db = Database(archived)
    for name, sql in EXPORTS.items():
        data = json.loads((files / "json" / f"{name}.json").read_text(encoding="utf-8"))
        assert len(data) == db.execute(f"SELECT count(*) FROM ({sql})").fetchone()[0], name
    interviews = json.loads((files / "json" / "interviews.json").read_text(encoding="utf-8"))
    for row in interviews:
        for column in ("categories", "tags", "images", "warnings"):
            assert isinstance(row[column], list), column
        assert row["corrected"] is None or isinstance(row["corrected"], list)
    assert any(row["categories"] for row in interviews)
    runs = json.loads((files / "json" / "crawl_runs.json").read_text(encoding="utf-8"))
    assert isinstance(runs[0]["completeness"], dict)


def test_jsonl_lines_decode_the_same_lists(files):
    lines = (files / "jsonl" / "interviews.jsonl").read_text(encoding="utf-8").splitlines()
    assert all(isinstance(json.loads(line)["tags"], list) for line in lines)
    captures = [json.loads(line) for line in (files / "jsonl" / "captures.jsonl").read_text(encoding="utf-8").splitlines()]
    assert all(isinstance(c["headers"], dict) for c in captures)


@pytest.mark.parametrize("fmt", ["json", "jsonl"])
def test_json_text_is_utf8_without_escapes(files, fmt):
    text = (files / fmt / "interviews.{}".format(fmt)).read_bytes().decode("utf-8")
    assert "\\u" not in text and "\\/" not in text
    assert "é" in text and "’" in text


def test_excel_csv_has_a_bom_semicolons_and_the_same_cells(files):
    for name in EXPORTS:
        raw = (files / "excel" / f"{name}.csv").read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf"), name
        assert raw.split(b"\n", 1)[0].endswith(b"\r"), name
        with (files / "excel" / f"{name}.csv").open(encoding="utf-8-sig", newline="") as handle:
            excel = list(csv.reader(handle, delimiter=";"))
        with (files / "csv" / f"{name}.csv").open(encoding="utf-8", newline="") as handle:
            plain = list(csv.reader(handle))
        assert excel == plain, name
    assert b";" in (files / "excel" / "interviews.csv").read_bytes().split(b"\n", 1)[0]


def test_every_exported_column_has_a_description(archived):
    exported = exported_columns(Database(archived), archived.stem)
    assert set(exported) == set(EXPORTS)  # answers view, rejects, tags, categories, corrections included
    missing = [f"{c.table}.{c.name}" for cols in exported.values() for c in cols if not c.description.strip()]
    assert missing == []
    json_columns = {(c.table, c.name) for cols in exported.values() for c in cols if c.json}
    assert json_columns == {(t, c) for t, cols in JSON_COLUMNS.items() for c in cols}


def test_the_data_dictionary_lists_every_exported_column(archived, tmp_path):
    export(archived, "bundle", tmp_path)
    [folder] = list(tmp_path.iterdir())
    markdown = (folder / "DATA-DICTIONARY.md").read_text(encoding="utf-8")
    with (folder / "data-dictionary.csv").open(encoding="utf-8", newline="") as handle:
        listed = {(r["table"], r["column"]) for r in csv.DictReader(handle) if r["description"]}
    for name in EXPORTS:
        assert f"## {name}\n" in markdown
        with (folder / "csv" / f"{name}.csv").open(encoding="utf-8", newline="") as handle:
            header = next(csv.reader(handle))
        assert {(name, column) for column in header} <= listed, name
        assert all(f"| `{column}` |" in markdown for column in header)
