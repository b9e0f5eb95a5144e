"""The SQL dump of the archive and the canonical SQLite copy rebuilt from it.

Why a rebuild and not ``VACUUM INTO`` alone: ``VACUUM INTO`` carries the schema cookie
(header bytes 40-43), which counts every schema change ever made, and a no-op ``reparse`` or
``crawl`` changes it (sqlite-utils' ``supports_on_conflict`` probe creates and drops a
scratch table on every writable open: +2). The page layout also follows the history of the
file (the order migrations created tables in). Built from the dump, in a new file, the copy
depends only on the schema and the rows: same content, same bytes."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator
from pathlib import Path

from sqlite_utils import Database

def quoted(name: str) -> str:
    """Return an SQL identifier in double quotes."""
    return '"' + name.replace('"', '""') + '"'


ROWS_PER_PIECE = 1000


def dump_pieces(db: Database) -> Iterator[bytes]:
    """Yield the SQL statements that rebuild the archive, in UTF-8 pieces of whole lines:
    as ``iterdump`` writes them (tables by name, each with its rows as ``INSERT``
    statements, then indexes and views), except the full-text indexes, which are not dumped
    row by row: they are created and rebuilt at the end, then the triggers (by name) that
    keep them in step.

    SQLite writes each ``INSERT`` line itself (``quote()`` in one ``SELECT`` per table, as
    the ``sqlite3`` shell's ``.dump`` does) and hands it over as bytes: Python neither
    decodes nor re-encodes the text, and the full-text indexes' shadow tables are never read."""
    master = db.execute("SELECT type, name, sql FROM sqlite_master WHERE sql NOT NULL").fetchall()
    virtual = {name: sql for kind, name, sql in master if kind == "table" and sql.startswith("CREATE VIRTUAL TABLE")}
    derived = set(virtual) | {name for kind, name, _ in master if kind == "table"
                              and any(name.startswith(f"{v}_") for v in virtual)}

    def lines(statements: Iterable[str]) -> bytes:
        return "".join(f"{statement}\n" for statement in statements).encode("utf-8")

    yield lines(["BEGIN TRANSACTION;"])
    for kind, name, sql in sorted(m for m in master if m[0] == "table"):
        if name.startswith("sqlite_") or name in derived:
            continue
        yield lines([f"{sql};"])
        columns = [row[1] for row in db.execute(f"PRAGMA table_info({quoted(name)})")]
        factory, db.conn.text_factory = db.conn.text_factory, bytes
        try:
            cursor = db.conn.execute(insert_lines(name, columns))
            while rows := cursor.fetchmany(ROWS_PER_PIECE):
                yield b"".join(row[0] for row in rows)
        finally:
            db.conn.text_factory = factory
    tail = [f"{sql};" for kind, _, sql in master if kind in ("index", "view")]
    if any(name == "sqlite_sequence" for _, name, _ in master):
        tail.append('DELETE FROM "sqlite_sequence";')
        tail += [f"INSERT INTO \"sqlite_sequence\" VALUES('{name}',{seq});"
                 for name, seq in db.execute('SELECT * FROM "sqlite_sequence"')]
    for table, sql in sorted(virtual.items()):
        tail += [f"{sql};", f"INSERT INTO {table}({table}) VALUES('rebuild');"]
    tail += [f"{sql};" for kind, _, sql in sorted(master, key=lambda m: m[1]) if kind == "trigger"]
    yield lines(tail + ["COMMIT;"])


MAX_PRINTF_COLUMNS = 100  # SQLite functions take at most 127 arguments


def insert_lines(table: str, columns: list[str]) -> str:
    """Return the query whose rows are the ``INSERT`` lines of a table's rows: one
    ``printf`` per row (no intermediate string per column, as ``||`` makes), or ``||`` for a
    table too wide for ``printf``'s arguments."""
    values = [f"quote({quoted(column)})" for column in columns]
    head = f"INSERT INTO {quoted(table)} VALUES(".replace("'", "''")
    if len(columns) <= MAX_PRINTF_COLUMNS:
        form = head.replace("%", "%%") + ",".join(["%s"] * len(columns)) + ");"
        return f"SELECT printf('{form}'||char(10), {', '.join(values)}) FROM {quoted(table)}"
    joined = "||','||".join(values)
    return f"SELECT '{head}'||{joined}||');'||char(10) FROM {quoted(table)}"


def export_sql(db: Database, folder: Path, name: str) -> list[Path]:
    """Write a SQL dump that rebuilds the archive (``sqlite3 new.db < dump.sql``)."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.sql"
    with path.open("wb") as handle:
        handle.writelines(dump_pieces(db))
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
        for piece in dump_pieces(db):  # each piece in a transaction of its own (executescript commits)
            script = piece.decode("utf-8").removeprefix("BEGIN TRANSACTION;\n").removesuffix("COMMIT;\n")
            conn.executescript(f"BEGIN;\n{script}COMMIT;\n")
        conn.execute("VACUUM INTO ?", [str(path)])
    finally:
        conn.close()
        scratch.unlink(missing_ok=True)
    with sqlite3.connect(path) as copy:
        copy.execute("PRAGMA journal_mode = DELETE")
    copy.close()
    return path
