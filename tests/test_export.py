"""Research exports: every row of every table, WARC files web-archive tools can read, and
the same archive always giving byte-identical files."""

from __future__ import annotations

import csv
import filecmp
import json
import sqlite3

import pytest
from sqlite_utils import Database
from warcio.archiveiterator import ArchiveIterator

from db.export import EXPORTS
from tests.conftest import copy_archive, run_cli


def export(archived, fmt: str, out) -> None:
    done = run_cli("export", "--db", str(archived), "--format", fmt, "--out", str(out))
    assert done.returncode == 0, done.stderr


def counts(path) -> dict[str, int]:
    db = Database(path)
    return {name: db.execute(f"SELECT count(*) FROM ({sql})").fetchone()[0] for name, sql in EXPORTS.items()}


@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
def test_table_files_hold_every_row(archived, tmp_path, fmt):
    export(archived, fmt, tmp_path)
    for name, expected in counts(archived).items():
        path = tmp_path / f"{name}.{fmt}"
        with path.open(encoding="utf-8") as handle:
            found = len(list(csv.DictReader(handle))) if fmt == "csv" else sum(1 for _ in handle)
        assert found == expected, name


def test_the_flat_answers_file_joins_each_answer_with_its_interview(archived, tmp_path):
    export(archived, "jsonl", tmp_path)
    first = json.loads((tmp_path / "answers.jsonl").read_text(encoding="utf-8").splitlines()[0])
    assert {"interview_id", "n", "question", "answer", "interviewee", "organisation", "published", "year"} <= set(first)


def test_warc_reads_back_one_response_per_capture(archived, tmp_path):
    export(archived, "warc", tmp_path)
    db = Database(archived)
    with (tmp_path / f"{archived.stem}.warc.gz").open("rb") as handle:
        records = [(r.rec_type, r.rec_headers.get_header("WARC-Target-URI"), r.content_stream().read())
                   for r in ArchiveIterator(handle)]
    responses = [r for r in records if r[0] == "response"]
    assert records[0][0] == "warcinfo"
    assert len(responses) == db["captures"].count
    urls = {r["url"] for r in db["captures"].rows}
    assert {uri for _, uri, _ in responses} == urls
    assert any("Réseau Tremplin".encode() in body for *_, body in responses)


def test_sql_dump_rebuilds_the_archive(archived, tmp_path):
    export(archived, "sql", tmp_path)
    rebuilt = sqlite3.connect(tmp_path / "rebuilt.db")
    rebuilt.executescript((tmp_path / f"{archived.stem}.sql").read_text(encoding="utf-8"))
    assert rebuilt.execute("SELECT count(*) FROM qa").fetchone()[0] == Database(archived)["qa"].count
    assert rebuilt.execute("SELECT count(*) FROM qa_fts WHERE qa_fts MATCH 'economie'").fetchone()[0] >= 1
    assert rebuilt.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_sql_dump_gives_back_every_value_exactly(archived, tmp_path):
    """Quotes, percent signs, new lines, NULLs, non-Latin text and bytes: the rebuilt archive
    holds every row of every table as the archive does."""
    db_path = copy_archive(archived, tmp_path / "ess2024.db")
    with sqlite3.connect(db_path) as conn:
        conn.execute("INSERT INTO rejects (url, code, reason, title) VALUES (?, ?, ?, NULL)",
                     ["http://127.0.0.1/l'été-100%/", "not-interview", "« 100 % d'été »\r\nligne 2 ; %s %d 'x'\u00a0ok 日本"])
        conn.execute("UPDATE captures SET body = ? WHERE id = (SELECT min(id) FROM captures)", [bytes(range(256))])
    export(db_path, "sql", tmp_path / "out")
    rebuilt = sqlite3.connect(tmp_path / "rebuilt.db")
    with (tmp_path / "out" / "ess2024.sql").open(encoding="utf-8", newline="") as dump:  # as sqlite3 reads it
        rebuilt.executescript(dump.read())
    source = sqlite3.connect(db_path)
    tables = [name for (name,) in source.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '%fts%'")]
    assert "captures" in tables and "rejects" in tables
    for table in tables:
        query = f'SELECT * FROM "{table}" ORDER BY rowid'
        assert rebuilt.execute(query).fetchall() == source.execute(query).fetchall(), table


def test_two_bundles_of_one_archive_are_byte_identical(archived, tmp_path):
    export(archived, "bundle", tmp_path / "one")
    export(archived, "bundle", tmp_path / "two")
    [folder] = list((tmp_path / "one").iterdir())
    assert folder.name.startswith(f"{archived.stem}-20")
    comparison = filecmp.dircmp(tmp_path / "one", tmp_path / "two")
    assert not comparison.diff_files and not comparison.left_only and not comparison.right_only
    for sub in ("csv", "jsonl"):
        inner = filecmp.dircmp(folder / sub, tmp_path / "two" / folder.name / sub)
        assert inner.same_files and not inner.diff_files
    assert filecmp.cmp(folder / f"{archived.stem}.db", tmp_path / "two" / folder.name / f"{archived.stem}.db",
                       shallow=False)
    manifest = json.loads((folder / "manifest.json").read_text())
    assert manifest["counts"]["interviews"] == Database(archived)["interviews"].count
    assert manifest["schema_version"] and "csv/answers.csv" in manifest["files"]
    assert (folder / "DATA-DICTIONARY.md").read_text().count("## ") >= 10


def test_export_of_a_missing_archive_is_one_line(tmp_path):
    done = run_cli("export", "--db", str(tmp_path / "none.db"), "--format", "csv", "--out", str(tmp_path / "x"))
    assert done.returncode == 1 and len(done.stderr.strip().splitlines()) == 1


def test_formula_like_cells_are_neutralised_in_csv_and_kept_in_jsonl(archived, tmp_path):
    from tests.conftest import copy_archive

    db_path = copy_archive(archived, tmp_path / "f.db")
    db = Database(db_path)
    db.execute("UPDATE qa SET answer = '=HYPERLINK(\"http://x.test\")' WHERE interview_id = 5120 AND n = 1")
    db.conn.commit()
    export(db_path, "csv", tmp_path / "csv")
    export(db_path, "jsonl", tmp_path / "jsonl")
    with (tmp_path / "csv" / "qa.csv").open(encoding="utf-8") as handle:
        cell = next(r["answer"] for r in csv.DictReader(handle) if r["interview_id"] == "5120" and r["n"] == "1")
    assert cell == "'=HYPERLINK(\"http://x.test\")"
    lines = (tmp_path / "jsonl" / "qa.jsonl").read_text(encoding="utf-8").splitlines()
    assert any(json.loads(line)["answer"] == '=HYPERLINK("http://x.test")' for line in lines)


def test_an_export_leaves_no_temporary_folder_and_a_failed_one_leaves_nothing(archived, tmp_path, monkeypatch):
    import db.export as exports

    export(archived, "bundle", tmp_path / "ok")
    assert [p.name for p in (tmp_path / "ok").iterdir() if p.name.startswith(".")] == []

    def broken(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(exports, "export_warc", broken)
    (tmp_path / "ko").mkdir()
    with pytest.raises(OSError):
        exports.export(archived, "bundle", tmp_path / "ko")
    assert list((tmp_path / "ko").iterdir()) == []  # no half bundle that looks complete


def test_two_exports_at_once_do_not_break_each_other(archived, tmp_path):
    import threading

    from db.export import export as write_export

    errors: list[BaseException] = []

    def one() -> None:
        try:
            write_export(archived, "bundle", tmp_path)
        except BaseException as error:  # noqa: BLE001 - reported below
            errors.append(error)

    threads = [threading.Thread(target=one) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert errors == []
    [bundle] = [p for p in tmp_path.iterdir()]  # one complete bundle, no temporary folder left
    manifest = json.loads((bundle / "manifest.json").read_text(encoding="utf-8"))
    for name, info in manifest["files"].items():
        assert (bundle / name).stat().st_size == info["bytes"], name
