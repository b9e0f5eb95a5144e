"""Research exports of the archive: CSV and JSON Lines per table and a flat one-row-per-answer
file, a SQL dump, WARC files of the raw captures, and dated bundles of all of these with a
manifest. Deterministic: the same archive gives byte-identical files."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import re
import shutil
import sqlite3
import tempfile
import uuid
import zlib
from http import HTTPStatus
from importlib import metadata as package_metadata
from pathlib import Path

import yaml
from sqlite_utils import Database
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from db.migrations import schema_version

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
}
FORMATS = ("csv", "jsonl", "sql", "warc", "bundle")
DUMPED_TABLE = re.compile(r"""^(CREATE TABLE|INSERT INTO) ["']?([^"'\s(]+)""")
WARC_NAMESPACE = uuid.UUID("6f0c7d6e-7a58-4c8e-9b43-3c2b9b5f0e2a")
# Headers that described the bytes on the wire, not the decoded body kept in the archive.
WIRE_HEADERS = {"content-encoding", "transfer-encoding", "content-length"}


def rows(db: Database, name: str) -> list[dict]:
    """Return the rows of one export."""
    return list(db.query(EXPORTS[name]))


# A text cell a spreadsheet would run as a formula (CSV injection): OWASP's advice is to
# prefix it with an apostrophe, which spreadsheets show as text and do not display.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value: object) -> object:
    """Return a CSV cell value that no spreadsheet evaluates (numbers stay numbers)."""
    return f"'{value}" if isinstance(value, str) and value.startswith(FORMULA_START) else value


def export_csv(db: Database, folder: Path) -> list[Path]:
    """Write one CSV file per table (UTF-8, header row, RFC 4180 quoting, formula-like
    text cells neutralised with a leading apostrophe; the JSON Lines files keep them as is)."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name in EXPORTS:
        cursor = db.execute(EXPORTS[name])
        path = folder / f"{name}.csv"
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle, lineterminator="\n")
            writer.writerow([c[0] for c in cursor.description])
            writer.writerows([spreadsheet_safe(value) for value in row] for row in cursor)
        written.append(path)
    return written


def export_jsonl(db: Database, folder: Path) -> list[Path]:
    """Write one JSON Lines file per table (one object a line, keys in column order)."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name in EXPORTS:
        path = folder / f"{name}.jsonl"
        with path.open("w", encoding="utf-8") as handle:
            for row in db.query(EXPORTS[name]):
                handle.write(json.dumps(row, ensure_ascii=False) + "\n")
        written.append(path)
    return written


def export_sql(db: Database, folder: Path, name: str) -> list[Path]:
    """Write a SQL dump that rebuilds the archive (``sqlite3 new.db < dump.sql``). Full-text
    indexes are not dumped row by row: they are created and rebuilt at the end, then the
    triggers that keep them in step."""
    folder.mkdir(parents=True, exist_ok=True)
    virtual = dict(db.execute("SELECT name, sql FROM sqlite_master WHERE sql LIKE 'CREATE VIRTUAL TABLE%' "
                              "ORDER BY name").fetchall())
    derived = set(virtual) | {t for (t,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
                              if any(t.startswith(f"{v}_") for v in virtual)}
    triggers = [sql for (sql,) in db.execute("SELECT sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name")]
    path = folder / f"{name}.sql"
    with path.open("w", encoding="utf-8") as handle:
        for statement in db.conn.iterdump():
            target = DUMPED_TABLE.match(statement)
            skipped = statement.startswith(("PRAGMA writable_schema", "INSERT INTO sqlite_master", "CREATE TRIGGER")) \
                or (target is not None and target.group(2) in derived)
            if statement == "COMMIT;":
                for table, sql in virtual.items():
                    handle.write(f"{sql};\nINSERT INTO {table}({table}) VALUES('rebuild');\n")
                handle.writelines(f"{sql};\n" for sql in triggers)
            if not skipped:
                handle.write(statement + "\n")
    return [path]


def warc_date(iso: str) -> str:
    """Return an ISO 8601 UTC time in the WARC form (``2024-01-02T03:04:05Z``)."""
    return iso.replace("+00:00", "Z") if iso.endswith("+00:00") else iso


def export_warc(db: Database, folder: Path, name: str) -> list[Path]:
    """Write the raw captures as one gzipped WARC file (one ``response`` record each, plus a
    ``warcinfo``), readable by warcio, pywb and other web-archive tools."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.warc.gz"
    first = db.execute("SELECT min(fetched_at) FROM captures").fetchone()[0] or "1970-01-01T00:00:00+00:00"
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        info = writer.create_warcinfo_record(f"{name}.warc.gz", {
            "software": f"ess-archive {package_version()}", "format": "WARC File Format 1.1",
            "description": "Raw captures of the ESS 2024 archive (bodies as decoded by the crawler)"})
        info.rec_headers.replace_header("WARC-Date", warc_date(first))
        info.rec_headers.replace_header("WARC-Record-ID", f"<urn:uuid:{uuid.uuid5(WARC_NAMESPACE, name)}>")
        writer.write_record(info)
        for capture in db.query("SELECT * FROM captures ORDER BY id"):
            writer.write_record(warc_record(writer, capture))
    return [path]


def warc_record(writer: WARCWriter, capture: dict):
    """Return the WARC ``response`` record of one capture."""
    body = zlib.decompress(capture["body"]) if capture["body"] else b""
    headers = [(k, v) for k, v in json.loads(capture["headers"] or "{}").items() if k.lower() not in WIRE_HEADERS]
    headers.append(("Content-Length", str(len(body))))
    http = StatusAndHeaders(f"{capture['status']} {http_reason(capture['status'])}", headers, protocol="HTTP/1.1")
    record_id = uuid.uuid5(WARC_NAMESPACE, f"{capture['id']}:{capture['sha256']}")
    return writer.create_warc_record(capture["url"], "response", payload=io.BytesIO(body), http_headers=http,
                                     warc_headers_dict={"WARC-Date": warc_date(capture["fetched_at"]),
                                                        "WARC-Record-ID": f"<urn:uuid:{record_id}>",
                                                        "WARC-Source": capture["source"] or ""})


def http_reason(status: int) -> str:
    """Return the reason phrase of an HTTP status."""
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Unknown"


def package_version() -> str:
    """Return the installed version of ess-archive."""
    try:
        return package_metadata.version("ess-archive")
    except package_metadata.PackageNotFoundError:
        return "unknown"


def data_dictionary(name: str) -> str:
    """Return the data dictionary (tables, columns, descriptions) as Markdown."""
    from db.publish import load_metadata

    tables = load_metadata(f"{name}.db")["databases"][name]["tables"]
    lines = [f"# Data dictionary of {name}", ""]
    for table, info in tables.items():
        lines += [f"## {table}", "", info.get("description", ""), ""]
        for column, text in (info.get("columns") or {}).items():
            lines.append(f"- `{column}`: {text}")
        lines.append("")
    return "\n".join(lines)


def sha256_file(path: Path) -> str:
    """Return the SHA-256 of a file."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def export_bundle(db: Database, out: Path, name: str) -> list[Path]:
    """Write a dated folder with every export, a copy of the SQLite file, the data dictionary
    and a manifest (counts, SHA-256 of every file, schema version, crawl dates, version)."""
    last = db.execute("SELECT max(coalesce(finished, started)) FROM crawl_runs").fetchone()[0]
    folder = out / f"{name}-{(last or '0000-00-00')[:10]}"
    folder.mkdir(parents=True, exist_ok=True)
    files = export_csv(db, folder / "csv") + export_jsonl(db, folder / "jsonl")
    files += export_sql(db, folder, name) + export_warc(db, folder, name)
    copy = folder / f"{name}.db"
    copy.unlink(missing_ok=True)
    db.execute("VACUUM INTO ?", [str(copy)])
    with sqlite3.connect(copy) as conn:  # a single file: no WAL beside it
        conn.execute("PRAGMA journal_mode = DELETE")
    dictionary = folder / "DATA-DICTIONARY.md"
    dictionary.write_text(data_dictionary(name), encoding="utf-8")
    files += [copy, dictionary]
    runs = db.execute("SELECT min(started), max(finished), count(*) FROM crawl_runs").fetchone()
    manifest = {
        "archive": name, "project_version": package_version(), "schema_version": schema_version(db),
        "crawls": {"first_started": runs[0], "last_finished": runs[1], "runs": runs[2]},
        "counts": {table: db.execute(f"SELECT count(*) FROM ({sql})").fetchone()[0] for table, sql in EXPORTS.items()},
        "files": {str(p.relative_to(folder)): {"bytes": p.stat().st_size, "sha256": sha256_file(p)}
                  for p in sorted(files)},
        "licence": yaml.safe_load(Path(__file__).with_name("metadata.yaml").read_text(encoding="utf-8"))["license"],
    }
    manifest_path = folder / "manifest.json"
    manifest_path.write_text(json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=True) + "\n", encoding="utf-8")
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


def write_format(db: Database, fmt: str, out: Path, name: str) -> list[Path]:
    """Write the export ``fmt`` of ``db`` under ``out``; return the files."""
    if fmt == "csv":
        return export_csv(db, out)
    if fmt == "jsonl":
        return export_jsonl(db, out)
    if fmt == "sql":
        return export_sql(db, out, name)
    if fmt == "warc":
        return export_warc(db, out, name)
    return export_bundle(db, out, name)


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


def export(db_path: str | Path, fmt: str, out: str | Path) -> list[Path]:
    """Write the export ``fmt`` of the archive at ``db_path`` under ``out``; return the files.
    Everything is written in a temporary folder beside the target, from one snapshot of the
    archive, then renamed into place: a killed or failed export leaves nothing that looks
    complete, and two exports at once do not mix."""
    db_path, out = Path(db_path), Path(out)
    name = db_path.stem
    work = Path(tempfile.mkdtemp(prefix=".export-", dir=out))
    try:
        db = Database(snapshot(db_path, work))
        try:
            staged = work / "out"
            files = write_format(db, fmt, staged, name)
        finally:
            db.close()
        move_into_place(staged, out)
        return [out / path.relative_to(staged) for path in files]
    finally:
        shutil.rmtree(work, ignore_errors=True)
