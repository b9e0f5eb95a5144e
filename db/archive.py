"""Opening the archive: the SQLite file checked, migrated, in WAL mode with a busy timeout."""

from __future__ import annotations

import os
import sqlite3
import tempfile
from pathlib import Path

from sqlite_utils import Database

from crawler.items import utc_now

from db.migrations import migrate

BUSY_TIMEOUT_MS = 30_000
# Tables every archive of ours has; another application's SQLite file lacks them.
OUR_TABLES = {"captures", "interviews", "qa", "crawl_runs", "rejects"}


class ArchiveError(Exception):
    """The archive cannot be opened or written; the message is one line for the user."""


now = utc_now  # the archive's times are the captures' clock: UTC, ISO 8601 to the second


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


def check_ours(db: Database, path: Path) -> None:
    """Raise ArchiveError when ``db`` holds tables but not an archive's (another
    application's SQLite file): it is left untouched."""
    tables = set(db.table_names())
    if tables and not (tables & OUR_TABLES) and "_sqlite_migrations" not in tables:
        raise ArchiveError(f"{path} is another application's SQLite file (tables: "
                           f"{', '.join(sorted(tables)[:5])}), not an ess-archive archive: choose another --db")


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
        check_ours(db, path)
        if writer:
            db.enable_wal()
            # In WAL mode NORMAL is safe from corruption; a power cut may lose the last
            # commits (the next run fetches them again), an application crash loses nothing.
            db.execute("PRAGMA synchronous = NORMAL")
            migrate(db)
            # sqlite-utils probes upsert support with a scratch table on first use; do it now,
            # not in the middle of a transaction with a read cursor open.
            _ = db.supports_on_conflict
        else:
            db.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.DatabaseError as error:
        raise ArchiveError(f"cannot use {path} as an archive: {error}") from error
    return db
