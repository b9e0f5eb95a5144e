"""The data dictionary of the exports, generated from ``db/metadata.yaml`` and the archive's
own schema: every exported table and column, its type and its description."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from sqlite_utils import Database

from db.export.tables import EXPORTS, JSON_COLUMNS, columns

# The table or view each export reads its columns from (``answers`` is a view).
SOURCE_TABLE = {name: name for name in EXPORTS}


@dataclass(frozen=True)
class Column:
    """One exported column: where it is, its SQLite type, what it holds."""

    table: str
    name: str
    sql_type: str
    json: str | None  # "array" or "object" for JSON text, else None
    description: str
    primary_key: int  # rank in the primary key, 0 if not part of it


def table_descriptions(db_name: str) -> dict:
    """Return the ``tables`` part of the Datasette metadata of the archive."""
    from db.publish import load_metadata

    return load_metadata(f"{db_name}.db")["databases"][db_name]["tables"]


def exported_columns(db: Database, db_name: str) -> dict[str, list[Column]]:
    """Return every exported column of every export, described (an empty description where
    metadata.yaml has none: the tests forbid it)."""
    described = table_descriptions(db_name)
    out = {}
    for name in EXPORTS:
        info = {row[1]: row for row in db.execute(f"PRAGMA table_xinfo({SOURCE_TABLE[name]})")}
        texts = (described.get(name) or {}).get("columns") or {}
        out[name] = [Column(name, column, (info[column][2] if column in info else "") or "TEXT",
                            JSON_COLUMNS.get(name, {}).get(column), texts.get(column, ""),
                            info[column][5] if column in info else 0)
                     for column in columns(db, name)]
    return out


def type_label(column: Column) -> str:
    """Return the type of a column for a reader (``TEXT (JSON list)``)."""
    return f"{column.sql_type} (JSON {'list' if column.json == 'array' else 'object'})" if column.json \
        else column.sql_type


def cell(text: str) -> str:
    """Return text safe in a Markdown table cell."""
    return text.replace("|", "\\|").replace("\n", " ")


def dictionary_markdown(db: Database, db_name: str) -> str:
    """Return the data dictionary as Markdown: one section per exported table."""
    described = table_descriptions(db_name)
    lines = [f"# Data dictionary of {db_name}", "",
             "Every exported table (`csv/`, `json/`, `jsonl/`) and column, from `db/metadata.yaml`.", ""]
    for table, cols in exported_columns(db, db_name).items():
        lines += [f"## {table}", "", (described.get(table) or {}).get("description", ""), "",
                  "| column | type | description |", "|---|---|---|"]
        lines += [f"| `{c.name}` | {type_label(c)} | {cell(c.description)} |" for c in cols]
        lines.append("")
    return "\n".join(lines)


def dictionary_csv(db: Database, db_name: str) -> str:
    """Return the data dictionary as CSV: table, column, type, primary key rank, description."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["table", "column", "type", "primary_key", "description"])
    for cols in exported_columns(db, db_name).values():
        writer.writerows([c.table, c.name, type_label(c), c.primary_key or "", c.description] for c in cols)
    return buffer.getvalue()


def export_dictionary(db: Database, folder: Path, db_name: str) -> list[Path]:
    """Write ``DATA-DICTIONARY.md`` and ``data-dictionary.csv``."""
    folder.mkdir(parents=True, exist_ok=True)
    markdown, table = folder / "DATA-DICTIONARY.md", folder / "data-dictionary.csv"
    markdown.write_text(dictionary_markdown(db, db_name), encoding="utf-8", newline="\n")
    table.write_text(dictionary_csv(db, db_name), encoding="utf-8", newline="\n")
    return [markdown, table]
