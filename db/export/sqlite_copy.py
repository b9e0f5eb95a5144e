"""The SQL dump of the archive and the canonical SQLite copy rebuilt from it.

Why a rebuild and not ``VACUUM INTO`` alone: ``VACUUM INTO`` carries the schema cookie
(header bytes 40-43), which counts every schema change ever made, and a no-op ``reparse`` or
``crawl`` changes it (sqlite-utils' ``supports_on_conflict`` probe creates and drops a
scratch table on every writable open: +2). The page layout also follows the history of the
file (the order migrations created tables in). Built from the dump, in a new file, the copy
depends only on the schema and the rows: same content, same bytes."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from sqlite_utils import Database

DUMPED_TABLE = re.compile(r"""^(CREATE TABLE|INSERT INTO) ["']?([^"'\s(]+)""")


def dump_statements(db: Database) -> Iterator[str]:
    """Yield the SQL statements that rebuild the archive. Full-text indexes are not dumped
    row by row: they are created and rebuilt at the end, then the triggers that keep them in
    step. ``iterdump`` orders tables, then indexes, triggers and views, by name."""
    virtual = dict(db.execute("SELECT name, sql FROM sqlite_master WHERE sql LIKE 'CREATE VIRTUAL TABLE%' "
                              "ORDER BY name").fetchall())
    derived = set(virtual) | {t for (t,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
                              if any(t.startswith(f"{v}_") for v in virtual)}
    triggers = [sql for (sql,) in db.execute("SELECT sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name")]
    for statement in db.conn.iterdump():
        target = DUMPED_TABLE.match(statement)
        skipped = statement.startswith(("PRAGMA writable_schema", "INSERT INTO sqlite_master", "CREATE TRIGGER")) \
            or (target is not None and target.group(2) in derived)
        if statement == "COMMIT;":
            for table, sql in virtual.items():
                yield f"{sql};"
                yield f"INSERT INTO {table}({table}) VALUES('rebuild');"
            yield from (f"{sql};" for sql in triggers)
        if not skipped:
            yield statement


def export_sql(db: Database, folder: Path, name: str) -> list[Path]:
    """Write a SQL dump that rebuilds the archive (``sqlite3 new.db < dump.sql``)."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.sql"
    with path.open("w", encoding="utf-8", newline="\n") as handle:
        handle.writelines(statement + "\n" for statement in dump_statements(db))
    return [path]


def canonical_copy(db: Database, path: Path) -> Path:
    """Write the archive as a single SQLite file that depends only on its content: rebuilt
    from the dump in a scratch file, then compacted with ``VACUUM INTO`` (rollback journal,
    no WAL beside it, page size 4096)."""
    scratch = path.with_name(f".{path.name}.build")
    for leftover in (path, scratch):
        leftover.unlink(missing_ok=True)
    conn = sqlite3.connect(scratch, isolation_level=None)
    try:
        conn.execute("PRAGMA page_size = 4096")
        conn.execute("PRAGMA journal_mode = OFF")  # a scratch file: nothing to recover
        for statement in dump_statements(db):
            conn.execute(statement)
        conn.execute("VACUUM INTO ?", [str(path)])
    finally:
        conn.close()
        scratch.unlink(missing_ok=True)
    with sqlite3.connect(path) as copy:
        copy.execute("PRAGMA journal_mode = DELETE")
    copy.close()
    return path
