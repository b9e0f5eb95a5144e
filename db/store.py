"""All writes to the archive, in one place: one transaction per capture, upserts on stable
ids, so running a crawl twice leaves the same archive."""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import tempfile
import zlib
from dataclasses import asdict
from datetime import datetime, timezone
from pathlib import Path

from sqlite_utils import Database

from crawler.parser.records import Interview, NotAnInterview
from crawler.parser.text import fold
from db.migrations import migrate
from db.search import stem_text

BUSY_TIMEOUT_MS = 30_000
# Fields whose change makes an interview "updated"; bookkeeping columns are left out.
CONTENT_FIELDS = ("url", "title", "interviewee", "role", "organisation", "published",
                  "modified", "printed_date", "language", "intro", "qa", "categories", "tags",
                  "images")


class ArchiveError(Exception):
    """The archive cannot be opened or written; the message is one line for the user."""


def now() -> str:
    """Return the current UTC time as ISO 8601 (seconds)."""
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat()


def check_path(path: Path) -> None:
    """Raise ArchiveError when the database file cannot be created or written at ``path``."""
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise ArchiveError(f"database folder {folder} does not exist: create it or choose another --db")
    if path.exists() and not path.is_file():
        raise ArchiveError(f"database path {path} is not a file")
    unwritable = path.exists() and not os.access(path, os.W_OK)
    if not path.exists():
        try:  # os.access says yes to root even on read-only file systems: try for real
            tempfile.TemporaryFile(dir=folder).close()
        except OSError:
            unwritable = True
    if unwritable:
        raise ArchiveError(f"database {path} is not writable (read-only file or folder): "
                           "fix the permissions or choose another --db")


def open_archive(path: str | Path, *, writer: bool = True, busy_timeout_ms: int = BUSY_TIMEOUT_MS,
                 max_page_count: int = 0) -> Database:
    """Return the archive at ``path``, created and migrated if needed (WAL mode, busy
    timeout); raise ArchiveError with a one-line reason when it cannot be used."""
    path = Path(path)
    if writer:
        check_path(path)
    elif not path.is_file():
        raise ArchiveError(f"no archive at {path}: run `ess-archive crawl --db {path}` or `ess-archive demo` first")
    try:
        db = Database(path)
        db.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
        if max_page_count:  # a cap on the file's size (tests use it to fill the archive up)
            db.execute(f"PRAGMA max_page_count = {int(max_page_count)}").fetchall()
        db.execute("PRAGMA foreign_keys = ON")
        if writer:
            db.enable_wal()
            migrate(db)
            # sqlite-utils probes upsert support with a scratch table on first use; do it now,
            # not in the middle of a transaction with a read cursor open.
            _ = db.supports_on_conflict
        else:
            db.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.DatabaseError as error:
        raise ArchiveError(f"cannot use {path} as an archive: {error}") from error
    return db


def looks_truncated(body: bytes) -> bool:
    """Return whether an HTML page stops before its end (no ``</html>`` or ``</body>``)."""
    tail = body[-4096:].lower()
    return b"</html" not in tail and b"</body" not in tail


def save_capture(db: Database, capture: dict, run_id: int | None) -> int:
    """Store a fetched response (body compressed) and return its id; the same bytes at the
    same URL are stored once, later fetches only move ``last_seen``."""
    body: bytes = capture.get("body") or b""
    digest = hashlib.sha256(body).hexdigest()
    existing = db.execute("SELECT id FROM captures WHERE url = ? AND sha256 = ?",
                          [capture["url"], digest]).fetchone()
    seen = capture.get("fetched_at") or now()
    if existing:
        db.execute("UPDATE captures SET last_seen = ? WHERE id = ?", [seen, existing[0]])
        return existing[0]
    row = {
        "url": capture["url"], "requested_url": capture.get("requested_url"),
        "fetched_at": seen, "last_seen": seen, "status": capture.get("status", 200),
        "headers": json.dumps(capture.get("headers") or {}, ensure_ascii=False, sort_keys=True),
        "content_type": (capture.get("headers") or {}).get("Content-Type"),
        "body": zlib.compress(body, 9), "body_size": len(body), "sha256": digest,
        "encoding": capture.get("encoding"), "source": capture.get("source"),
        "kind": capture.get("kind", "page"),
        "context": json.dumps(capture.get("context") or {}, ensure_ascii=False, sort_keys=True),
        "run_id": run_id,
    }
    return db["captures"].insert(row).last_pk


def capture_body(row: dict) -> bytes:
    """Return the raw bytes of a stored capture."""
    return zlib.decompress(row["body"]) if row.get("body") else b""


def content_hash(record: Interview) -> str:
    """Return a hash of what an interview says (not of when it was seen)."""
    data = {k: v for k, v in asdict(record).items() if k in CONTENT_FIELDS}
    return hashlib.sha256(json.dumps(data, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def synthetic_id(url: str) -> int:
    """Return a stable negative id for an interview whose WordPress post id is unknown."""
    return -int(hashlib.sha256(url.encode()).hexdigest()[:12], 16)


def save_interview(db: Database, record: Interview, capture_id: int | None,
                   source: str | None, seen_at: str | None = "now") -> str:
    """Upsert an interview and its questions; return "new", "updated" or "unchanged".

    ``seen_at`` is when the page was seen on the site; None (``reparse``) keeps the
    recorded times."""
    interview_id = record.id if record.id is not None else synthetic_id(record.url)
    digest = content_hash(record)
    stamp = now()
    seen_at = stamp if seen_at == "now" else seen_at
    old = db.execute("SELECT content_hash, first_seen, last_seen FROM interviews WHERE id = ?",
                     [interview_id]).fetchone()
    if old and old[0] == digest:
        if seen_at:
            db.execute("UPDATE interviews SET last_seen = ?, gone_since = NULL WHERE id = ?",
                       [seen_at, interview_id])
        return "unchanged"
    if old:
        keep_version(db, interview_id, stamp, "changed on the site" if seen_at else
                     f"read again by parser {record.parser_version}")
    db["interviews"].upsert({
        "id": interview_id, "url": record.url, "title": record.title,
        "interviewee": record.interviewee, "role": record.role,
        "organisation": record.organisation, "published": record.published,
        "modified": record.modified, "printed_date": record.printed_date,
        "language": record.language, "intro": record.intro, "n_questions": record.n_questions,
        "categories": json.dumps(record.categories, ensure_ascii=False),
        "tags": json.dumps(record.tags, ensure_ascii=False),
        "images": json.dumps([asdict(i) for i in record.images], ensure_ascii=False),
        "source": source, "strategy": record.strategy, "parser_version": record.parser_version,
        "encoding": record.encoding, "warnings": json.dumps(record.warnings, ensure_ascii=False),
        "content_hash": digest, "capture_id": capture_id, "gone_since": None,
        "first_seen": old[1] if old else (seen_at or stamp),
        "last_seen": seen_at or (old[2] if old else stamp), "updated_at": stamp,
    }, pk="id")
    db.execute("DELETE FROM qa WHERE interview_id = ?", [interview_id])
    db["qa"].insert_all(({"interview_id": interview_id, **asdict(qa),
                          "stemmed": stem_text(f"{qa.question} {qa.answer}")} for qa in record.qa),
                        pk=("interview_id", "n"))
    save_research_tables(db, next(db.query("SELECT * FROM interviews WHERE id = ?", [interview_id])))
    db.execute("DELETE FROM rejects WHERE url = ?", [record.url])
    return "updated" if old else "new"


def name_id(db: Database, table: str, name: str | None) -> int | None:
    """Return the id of a person or organisation, created on first sight; names that differ
    only by case, accents or apostrophes are one row."""
    if not name or not name.strip():
        return None
    key = fold(" ".join(name.split()))
    row = db.execute(f"SELECT id FROM {table} WHERE name_key = ?", [key]).fetchone()
    return row[0] if row else db[table].insert({"name": name.strip(), "name_key": key}).last_pk


def term_ids(db: Database, table: str, names: list[str]) -> list[int]:
    """Return the ids of categories or tags, created on first sight."""
    ids = []
    for name in dict.fromkeys(n.strip() for n in names if n and n.strip()):
        row = db.execute(f"SELECT id FROM {table} WHERE name = ?", [name]).fetchone()
        ids.append(row[0] if row else db[table].insert({"name": name}).last_pk)
    return ids


def save_research_tables(db: Database, row: dict) -> None:
    """Fill the tables derived from an interview row: its person and organisation, its
    categories and tags, its images."""
    interview_id = row["id"]
    db.execute("UPDATE interviews SET person_id = ?, organisation_id = ? WHERE id = ?",
               [name_id(db, "people", row["interviewee"]), name_id(db, "organisations", row["organisation"]),
                interview_id])
    for table, column in (("categories", "category_id"), ("tags", "tag_id")):
        db.execute(f"DELETE FROM interview_{table} WHERE interview_id = ?", [interview_id])
        ids = term_ids(db, table, json.loads(row[table] or "[]"))
        db[f"interview_{table}"].insert_all(({"interview_id": interview_id, column: i} for i in ids),
                                            pk=("interview_id", column))
    db.execute("DELETE FROM images WHERE interview_id = ?", [interview_id])
    db["images"].insert_all(({"interview_id": interview_id, "n": n, **image}
                             for n, image in enumerate(json.loads(row["images"] or "[]"), start=1)),
                            pk=("interview_id", "n"))


def keep_version(db: Database, interview_id: int, replaced_at: str, reason: str) -> None:
    """Copy the archived interview and its questions into ``versions`` before it changes."""
    row = next(db.query("SELECT * FROM interviews WHERE id = ?", [interview_id]))
    qa = list(db.query("SELECT n, marker, question, answer, answer_html, speaker FROM qa "
                       "WHERE interview_id = ? ORDER BY n", [interview_id]))
    record = {k: v for k, v in row.items() if k not in ("first_seen", "last_seen", "updated_at")}
    db["versions"].insert({
        "interview_id": interview_id, "content_hash": row["content_hash"],
        "capture_id": row["capture_id"], "first_seen": row["updated_at"] or row["first_seen"],
        "last_seen": row["last_seen"], "replaced_at": replaced_at,
        "record": json.dumps({**record, "qa": qa}, ensure_ascii=False, sort_keys=True),
        "reason": reason,
    })


def mark_seen(db: Database, post_id: int, seen_at: str | None = None) -> bool:
    """Note that an interview is still on the site, unchanged, without fetching it again;
    return whether it is archived."""
    cursor = db.execute("UPDATE interviews SET last_seen = ?, gone_since = NULL WHERE id = ?",
                        [seen_at or now(), post_id])
    db.execute("DELETE FROM rejects WHERE post_id = ?", [post_id])  # an earlier failure is over
    return cursor.rowcount > 0


def mark_unchanged_capture(db: Database, url: str, seen_at: str | None = None) -> bool:
    """Note a ``304 Not Modified`` (or identical bytes): the captures of ``url`` and the
    interview archived from them were seen again, and an earlier failure there is over;
    return whether anything was archived for it."""
    seen_at = seen_at or now()
    latest = db.execute("SELECT max(id) FROM captures WHERE url = ?", [url]).fetchone()[0]
    if latest is None:
        return False
    with db.atomic():
        db.execute("UPDATE captures SET last_seen = ? WHERE id = ?", [seen_at, latest])
        interviews = [r[0] for r in db.execute(
            "SELECT i.id FROM interviews i JOIN captures c ON c.id = i.capture_id WHERE c.url = ?", [url])]
        for interview_id in interviews:
            db.execute("UPDATE interviews SET last_seen = ?, gone_since = NULL WHERE id = ?", [seen_at, interview_id])
        if interviews:
            db.execute("DELETE FROM rejects WHERE url = ?", [url])
    return True


def mark_gone(db: Database, post_ids: list[int], when: str | None = None) -> int:
    """Mark archived interviews as gone from the site (never deleted); return how many
    were newly marked."""
    when = when or now()
    marked = 0
    with db.atomic():
        for post_id in post_ids:
            marked += db.execute("UPDATE interviews SET gone_since = ? WHERE id = ? AND gone_since IS NULL",
                                 [when, post_id]).rowcount
    return marked


def save_reject(db: Database, rejection: NotAnInterview, *, url: str | None = None,
                source: str | None = None, capture_id: int | None = None,
                run_id: int | None = None) -> None:
    """Record why a page was not archived (one row per URL, latest reason)."""
    url = url or rejection.url
    stamp = now()
    old = db.execute("SELECT first_seen FROM rejects WHERE url = ?", [url]).fetchone()
    db["rejects"].upsert({
        "url": url, "post_id": rejection.id, "code": rejection.code, "reason": rejection.reason,
        "title": rejection.title, "source": source, "capture_id": capture_id, "run_id": run_id,
        "first_seen": old[0] if old else stamp, "last_seen": stamp,
    }, pk="url")


def archive_page(db: Database, capture: dict, result: Interview | NotAnInterview | None,
                 run_id: int | None) -> str:
    """Store one capture with its record or rejection in a single transaction; return the
    outcome ("new", "updated", "unchanged", "rejected" or "captured")."""
    with db.atomic():
        capture_id = save_capture(db, capture, run_id)
        truncated = capture.get("status", 200) == 200 and looks_truncated(capture.get("body") or b"")
        if truncated and isinstance(result, NotAnInterview) and result.code in ("too-few-questions", "no-content"):
            result = NotAnInterview("truncated", f"the page ends before </html> ({result.reason})",
                                    result.url, result.title, result.id, result.encoding)
        if isinstance(result, Interview) and truncated \
                and result.id is not None and db.execute("SELECT 1 FROM interviews WHERE id = ?",
                                                         [result.id]).fetchone():
            # A page cut short (a wrong Content-Length) must not replace what is archived.
            save_reject(db, NotAnInterview("truncated", "the page ends before </html>: the archived "
                                           "interview is kept", result.url, result.title, result.id),
                        url=capture.get("url"), source=capture.get("source"), capture_id=capture_id, run_id=run_id)
            return "rejected"
        if isinstance(result, Interview):
            for url in {capture.get("url"), capture.get("requested_url"), result.url} - {None}:
                db.execute("DELETE FROM rejects WHERE url = ?", [url])  # an earlier failure is over
            return save_interview(db, result, capture_id, capture.get("source"))
        if isinstance(result, NotAnInterview):
            save_reject(db, result, url=capture.get("url"), source=capture.get("source"),
                        capture_id=capture_id, run_id=run_id)
            return "rejected"
        return "captured"


def start_run(db: Database, source: str, start_url: str) -> int:
    """Open a ``crawl_runs`` row and return its id. Runs still "running" were killed (the
    caller holds the crawl lock): they are closed as "interrupted"."""
    with db.atomic():
        db.execute("UPDATE crawl_runs SET status = 'interrupted', message = 'the process was killed' "
                   "WHERE status = 'running'")
        return db["crawl_runs"].insert({"started": now(), "status": "running", "source": source,
                                        "start_url": start_url}).last_pk


FTS_TABLES = ("qa_fts", "qa_stem_fts", "interviews_fts")


def optimize_search(db: Database) -> None:
    """Merge the full-text indexes into one segment each (faster ranked search; for an
    archive of this size it takes milliseconds)."""
    existing = set(db.table_names())
    with db.atomic():
        for table in FTS_TABLES:
            if table in existing:
                db.execute(f"INSERT INTO {table}({table}) VALUES ('optimize')")


def finish_run(db: Database, run_id: int, status: str, counts: dict[str, int],
               message: str = "", stats: dict | None = None) -> None:
    """Close a ``crawl_runs`` row with its counts and status, the search indexes optimised."""
    optimize_search(db)
    db["crawl_runs"].update(run_id, {
        "finished": now(), "status": status, "message": message,
        "stats": json.dumps(stats or {}, default=str, sort_keys=True), **counts})
