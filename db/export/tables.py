"""The exported tables, one file per table: CSV (RFC 4180, or the Excel variant), JSON and
JSON Lines. Pure writers over a snapshot of the archive; each table in a stable order."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path

from sqlite_utils import Database

# Tables and views exported, each in a stable order.
EXPORTS = {
    "interviews": "SELECT * FROM interviews ORDER BY id",
    "qa": "SELECT interview_id, n, marker, question, answer, answer_html, speaker FROM qa ORDER BY interview_id, n",
    "answers": "SELECT * FROM answers ORDER BY interview_id, n",  # flat, for analysis
    "people": "SELECT * FROM people ORDER BY id",
    "organisations": "SELECT * FROM organisations ORDER BY id",
    "categories": "SELECT * FROM categories ORDER BY id",
    "tags": "SELECT * FROM tags ORDER BY id",
    "interview_categories": "SELECT * FROM interview_categories ORDER BY interview_id, category_id",
    "interview_tags": "SELECT * FROM interview_tags ORDER BY interview_id, tag_id",
    "images": "SELECT * FROM images ORDER BY interview_id, n",
    "versions": "SELECT * FROM versions ORDER BY id",
    "crawl_runs": "SELECT * FROM crawl_runs ORDER BY id",
    "rejects": "SELECT * FROM rejects ORDER BY url",
    "corrections": "SELECT * FROM corrections ORDER BY id",
    # The bodies are in the WARC files; here, what describes each capture.
    "captures": "SELECT id, url, requested_url, fetched_at, last_seen, status, headers, content_type, "
                "body_size, sha256, encoding, source, kind, context, run_id FROM captures ORDER BY id",
    # The pictures' bytes are in the SQLite copy of a bundle; here, what describes each one.
    "pictures": "SELECT id, url, fetched_url, fetched_at, last_seen, status, content_type, headers, body_size, "
                "sha256, run_id FROM pictures ORDER BY id",
}

# Columns SQLite keeps as JSON text: decoded in the JSON exports (lists as arrays, objects as
# objects), kept as JSON text in CSV (Table Schema types ``array`` and ``object``).
JSON_COLUMNS = {
    "interviews": {"categories": "array", "tags": "array", "images": "array", "warnings": "array",
                   "corrected": "array"},
    "captures": {"headers": "object", "context": "object"},
    "pictures": {"headers": "object"},
    "crawl_runs": {"completeness": "object", "stats": "object"},
    "versions": {"record": "object"},
}

# A text cell a spreadsheet would run as a formula (CSV injection): OWASP's advice is to
# prefix it with an apostrophe, which spreadsheets show as text and do not display.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def rows(db: Database, name: str) -> list[dict]:
    """Return the rows of one export, as stored (JSON columns as text)."""
    return list(db.query(EXPORTS[name]))


def columns(db: Database, name: str) -> list[str]:
    """Return the column names of one export, in file order."""
    return [c[0] for c in db.execute(f"SELECT * FROM ({EXPORTS[name]}) LIMIT 0").description]


def decoded(name: str, row: dict) -> dict:
    """Return a row with its JSON columns decoded (text that is not JSON is kept as text)."""
    kinds = JSON_COLUMNS.get(name, {})
    out = dict(row)
    for column in kinds.keys() & row.keys():
        if isinstance(row[column], str):
            try:
                out[column] = json.loads(row[column])
            except ValueError:
                pass
    return out


def decoded_rows(db: Database, name: str) -> Iterator[dict]:
    """Yield the rows of one export with their JSON columns decoded."""
    for row in db.query(EXPORTS[name]):
        yield decoded(name, row)


def json_text(value: object) -> str:
    """Return compact JSON in UTF-8 characters (no ``\\u`` escapes), keys in given order."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def spreadsheet_safe(value: object) -> object:
    """Return a CSV cell value that no spreadsheet evaluates (numbers stay numbers)."""
    return f"'{value}" if isinstance(value, str) and value.startswith(FORMULA_START) else value


def export_csv(db: Database, folder: Path, excel: bool = False) -> list[Path]:
    """Write one CSV file per table: UTF-8, ``,``, LF and RFC 4180 quoting; or, with ``excel``,
    the variant a French Excel opens as it is (UTF-8 with BOM, ``;``, CRLF). Formula-like text
    cells are neutralised with a leading apostrophe; the JSON files keep them as they are."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name in EXPORTS:
        cursor = db.execute(EXPORTS[name])
        path = folder / f"{name}.csv"
        with path.open("w", encoding="utf-8-sig" if excel else "utf-8", newline="") as handle:
            writer = csv.writer(handle, delimiter=";" if excel else ",", lineterminator="\r\n" if excel else "\n")
            writer.writerow([c[0] for c in cursor.description])
            writer.writerows([spreadsheet_safe(value) for value in row] for row in cursor)
        written.append(path)
    return written


def export_jsonl(db: Database, folder: Path) -> list[Path]:
    """Write one JSON Lines file per table (one object a line, keys in column order, JSON
    columns decoded)."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name in EXPORTS:
        path = folder / f"{name}.jsonl"
        with path.open("w", encoding="utf-8", newline="\n") as handle:
            for row in decoded_rows(db, name):
                handle.write(json_text(row) + "\n")
        written.append(path)
    return written


def export_json(db: Database, folder: Path) -> list[Path]:
    """Write one JSON file per table: an array of objects, one object a line (JSON columns
    decoded), so that a diff of two exports shows the rows that changed."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name in EXPORTS:
        path = folder / f"{name}.json"
        with path.open("w", encoding="utf-8", newline="\n") as handle:
            handle.write("[")
            for k, row in enumerate(decoded_rows(db, name)):
                handle.write(("\n" if k == 0 else ",\n") + json_text(row))
            handle.write("\n]\n")
        written.append(path)
    return written
