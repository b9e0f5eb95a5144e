"""Deterministic to the byte: the same archive content gives the same bundle, SQLite copy
included, whatever no-op ``reparse``, ``stats``, FTS optimize or VACUUM ran in between."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlite_utils import Database

from crawler.reparse import reparse
from db.archive import open_archive
from db.export import export
from db.report import archive_stats
from tests.conftest import copy_archive


def tree(folder: Path) -> dict[str, bytes]:
    """Return every file under ``folder`` with its bytes."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def schema_cookie(path: Path) -> int:
    with sqlite3.connect(path) as conn:
        return conn.execute("PRAGMA schema_version").fetchone()[0]


def bundle(db_path: Path, out: Path) -> dict[str, bytes]:
    export(db_path, "bundle", out, excel=True)
    [folder] = list(out.iterdir())
    return tree(folder)


def test_a_no_op_reparse_and_stats_leave_the_bundle_byte_identical(archived, tmp_path):
    db_path = copy_archive(archived, tmp_path / "ess2024.db")
    one = bundle(db_path, tmp_path / "one")
    before = schema_cookie(db_path)
    db = open_archive(db_path)
    outcomes = reparse(db, {})
    db.close()
    archive_stats(open_archive(db_path, writer=False))
    assert outcomes["new"] == outcomes["updated"] == 0
    assert schema_cookie(db_path) != before  # the file did change: the copy must not show it
    two = bundle(db_path, tmp_path / "two")
    assert sorted(one) == sorted(two) and "ess2024.db" in one and "datapackage.json" in one
    assert [name for name in one if one[name] != two[name]] == []


def test_fts_optimize_and_vacuum_do_not_change_the_sqlite_copy(archived, tmp_path):
    db_path = copy_archive(archived, tmp_path / "ess2024.db")
    one = bundle(db_path, tmp_path / "one")
    conn = sqlite3.connect(db_path)
    for table in ("qa_fts", "interviews_fts", "qa_stem_fts"):
        conn.execute(f"INSERT INTO {table}({table}) VALUES ('optimize')")
    conn.commit()
    conn.execute("VACUUM")
    conn.close()
    two = bundle(db_path, tmp_path / "two")
    assert one["ess2024.db"] == two["ess2024.db"] and one == two


def test_a_change_of_content_changes_the_copy_and_the_manifest(archived, tmp_path):
    db_path = copy_archive(archived, tmp_path / "ess2024.db")
    one = bundle(db_path, tmp_path / "one")
    db = Database(db_path)
    db.execute("UPDATE qa SET answer = answer || ' (modifié)' WHERE interview_id = 5120 AND n = 1")
    db.conn.commit()
    two = bundle(db_path, tmp_path / "two")
    assert one["ess2024.db"] != two["ess2024.db"] and one["manifest.json"] != two["manifest.json"]
    assert one["csv/people.csv"] == two["csv/people.csv"]


def test_the_sqlite_copy_is_a_complete_single_file_archive(archived, tmp_path):
    export(archived, "bundle", tmp_path)
    [folder] = list(tmp_path.iterdir())
    copy = folder / f"{archived.stem}.db"
    assert not copy.with_name(copy.name + "-wal").exists()
    conn = sqlite3.connect(copy)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    assert conn.execute("SELECT count(*) FROM qa_fts WHERE qa_fts MATCH 'economie'").fetchone()[0] >= 1
    assert conn.execute("SELECT count(*) FROM qa_stem_fts WHERE qa_stem_fts MATCH 'emploi'").fetchone()[0] >= 1
    source = Database(archived)
    for table in ("interviews", "qa", "captures", "_sqlite_migrations", "crawl_runs"):
        assert conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == source[table].count, table
    assert {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")} == \
        {r[0] for r in source.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
