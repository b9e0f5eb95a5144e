"""The bundle as a Frictionless Data Package (``datapackage.json``, Data Package v1): every
CSV file with its Table Schema (types, descriptions from ``db/metadata.yaml``, primary and
foreign keys), its size, SHA-256 and row count, which ``frictionless validate`` checks."""

from __future__ import annotations

import json
from pathlib import Path

import yaml
from sqlite_utils import Database

from db.export.dictionary import Column, exported_columns, table_descriptions
from db.export.tables import EXPORTS

# SQLite types to Table Schema types; JSON text columns are ``array`` or ``object``.
FIELD_TYPES = {"INTEGER": "integer", "INT": "integer", "REAL": "number", "FLOAT": "number", "TEXT": "string",
               "BLOB": "string"}
# Views have no keys of their own in SQLite: those they have by construction.
VIEW_KEYS = {"answers": (["interview_id", "n"], [("interview_id", "interviews", "id")])}


def field(column: Column) -> dict:
    """Return the Table Schema field of one column."""
    out = {"name": column.name, "type": column.json or FIELD_TYPES.get(column.sql_type.upper(), "string"),
           "description": column.description}
    if column.primary_key:
        out["constraints"] = {"required": True}
    return out


def keys(db: Database, table: str, cols: list[Column]) -> tuple[list[str], list[tuple[str, str, str]]]:
    """Return the primary key and the foreign keys (column, table, column) of one export,
    those to exported tables only."""
    if table in VIEW_KEYS:
        return VIEW_KEYS[table]
    primary = [c.name for c in sorted((c for c in cols if c.primary_key), key=lambda c: c.primary_key)]
    names = {c.name for c in cols}
    foreign = sorted((row[3], row[2], row[4]) for row in db.execute(f"PRAGMA foreign_key_list({table})")
                     if row[2] in EXPORTS and row[3] in names)
    return primary, foreign


def table_schema(db: Database, table: str, cols: list[Column]) -> dict:
    """Return the Table Schema of one export."""
    primary, foreign = keys(db, table, cols)
    schema: dict = {"fields": [field(c) for c in cols], "missingValues": [""]}
    if primary:
        schema["primaryKey"] = primary
    if foreign:
        schema["foreignKeys"] = [{"fields": [column], "reference": {"resource": target, "fields": [target_column]}}
                                 for column, target, target_column in foreign]
    return schema


def metadata() -> dict:
    """Return the top of ``db/metadata.yaml`` (title, licence, source)."""
    return yaml.safe_load(Path(__file__).parent.parent.joinpath("metadata.yaml").read_text(encoding="utf-8"))


def datapackage(db: Database, folder: Path, name: str, files: dict[str, dict], version: str) -> dict:
    """Return the Data Package descriptor of the CSV files of a bundle; ``files`` maps each
    path to its ``bytes`` and ``sha256``."""
    described = table_descriptions(name)
    meta = metadata()
    created = db.execute("SELECT max(coalesce(finished, started)) FROM crawl_runs").fetchone()[0]
    resources = []
    for table, cols in exported_columns(db, name).items():
        path = f"csv/{table}.csv"
        resources.append({
            "name": table, "path": path, "profile": "tabular-data-resource",
            "title": table, "description": (described.get(table) or {}).get("description", ""),
            "format": "csv", "mediatype": "text/csv", "encoding": "utf-8",
            "dialect": {"delimiter": ",", "quoteChar": '"', "doubleQuote": True, "header": True,
                        "lineTerminator": "\n"},
            "bytes": files[path]["bytes"], "hash": f"sha256:{files[path]['sha256']}",
            "rows": db.execute(f"SELECT count(*) FROM ({EXPORTS[table]})").fetchone()[0],
            "schema": table_schema(db, table, cols),
        })
    package = {
        "profile": "tabular-data-package", "name": name.lower(), "title": meta["title"],
        "description": meta["databases"]["ARCHIVE"]["description"],
        "version": version, "homepage": meta["about_url"],
        "licenses": [{"name": "MIT", "path": meta["license_url"], "title": meta["license"]}],
        "sources": [{"title": meta["source"], "path": meta["source_url"]}],
        "keywords": ["économie sociale et solidaire", "ESS 2024", "entretiens", "archive du web"],
        "resources": resources,
    }
    if created:
        package["created"] = created[:19] + "Z"
    return package


def export_datapackage(db: Database, folder: Path, name: str, files: dict[str, dict], version: str) -> list[Path]:
    """Write ``datapackage.json`` beside the ``csv/`` folder of a bundle."""
    path = folder / "datapackage.json"
    path.write_text(json.dumps(datapackage(db, folder, name, files, version), ensure_ascii=False, indent=2) + "\n",
                    encoding="utf-8", newline="\n")
    return [path]
