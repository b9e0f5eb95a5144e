"""Plain SQL writers over the archive's connection, for the statements every capture runs:
sqlite-utils' ``insert``/``upsert`` read the table's schema on each call (several PRAGMA
queries), which costs more than the write itself at one capture a millisecond."""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from sqlite_utils import Database


@lru_cache(maxsize=128)
def insert_sql(table: str, columns: tuple[str, ...], conflict: tuple[str, ...] = ()) -> str:
    """Return the INSERT (an upsert on ``conflict`` when given) of these columns."""
    names = ", ".join(f"[{c}]" for c in columns)
    sql = f"INSERT INTO [{table}] ({names}) VALUES ({', '.join('?' * len(columns))})"
    if conflict:
        updates = ", ".join(f"[{c}] = excluded.[{c}]" for c in columns if c not in conflict)
        sql += f" ON CONFLICT ({', '.join(conflict)}) DO UPDATE SET {updates}"
    return sql


def insert_row(db: Database, table: str, row: dict, conflict: tuple[str, ...] = ()) -> int:
    """Insert (or upsert on ``conflict``) one row; return its rowid."""
    columns = tuple(row)
    return db.execute(insert_sql(table, columns, conflict), [row[c] for c in columns]).lastrowid


def insert_rows(db: Database, table: str, rows: Iterable[dict]) -> None:
    """Insert rows that all have the same keys, in one statement run many times."""
    rows = list(rows)
    if rows:
        columns = tuple(rows[0])
        db.conn.executemany(insert_sql(table, columns), [[r[c] for c in columns] for r in rows])
