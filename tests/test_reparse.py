"""``ess-archive reparse`` rebuilds the records from the raw captures alone."""

from __future__ import annotations

import json

from sqlite_utils import Database

from tests.conftest import copy_archive, run_cli

TIMES = {"first_seen", "last_seen", "updated_at"}


def everything(db_path) -> dict[str, list]:
    """Return every row of the record tables, times included."""
    db = Database(db_path)
    return {t: sorted(json.dumps(r, sort_keys=True, default=str) for r in db[t].rows)
            for t in ("interviews", "qa", "rejects", "captures")}


def records(db_path) -> dict[str, list]:
    """Return the interviews and their questions, times aside."""
    db = Database(db_path)
    return {t: sorted(json.dumps({k: v for k, v in r.items() if k not in TIMES}, sort_keys=True)
                      for r in db[t].rows) for t in ("interviews", "qa")}


def test_reparse_after_a_crawl_changes_nothing(archived, tmp_path, interview_ids):
    db_path = copy_archive(archived, tmp_path / "a.db")
    before = everything(db_path)
    for _ in range(2):
        done = run_cli("reparse", "--db", str(db_path))
        assert done.returncode == 0, done.stderr
        assert done.stdout.strip() == f"0 new, 0 updated, {len(interview_ids)} unchanged, 0 rejected"
        assert everything(db_path) == before


def test_reparse_rebuilds_lost_records_from_the_captures(archived, tmp_path, interview_ids):
    db_path = copy_archive(archived, tmp_path / "b.db")
    expected = records(db_path)
    db = Database(db_path)
    db.execute("DELETE FROM qa")
    db.execute("DELETE FROM interviews")
    db.conn.commit()
    done = run_cli("reparse", "--db", str(db_path))
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"{len(interview_ids)} new")
    assert records(db_path) == expected


def test_reparse_needs_an_existing_archive(tmp_path):
    done = run_cli("reparse", "--db", str(tmp_path / "none.db"))
    assert done.returncode == 1 and "no archive" in done.stderr
    assert not (tmp_path / "none.db").exists()


def test_reparse_keeps_the_record_it_replaces_with_its_reason(archived, tmp_path):
    db_path = copy_archive(archived, tmp_path / "c.db")
    db = Database(db_path)
    # What an older parser might have stored: a different answer and content hash.
    db.execute("UPDATE qa SET answer = 'ancienne lecture' WHERE interview_id = 5120 AND n = 1")
    db.execute("UPDATE interviews SET content_hash = 'older' WHERE id = 5120")
    db.conn.commit()
    done = run_cli("reparse", "--db", str(db_path))
    assert done.returncode == 0 and done.stdout.startswith("0 new, 1 updated")
    [version] = list(Database(db_path)["versions"].rows)
    assert version["reason"] == "new parser"
    assert json.loads(version["record"])["qa"][0]["answer"] == "ancienne lecture"
    assert Database(db_path).execute("SELECT answer FROM qa WHERE interview_id = 5120 AND n = 1").fetchone()[0] \
        != "ancienne lecture"


def test_reparse_reads_the_capture_an_interview_came_from_not_a_later_bad_one(archived, tmp_path):
    from db.store import save_capture

    db_path = copy_archive(archived, tmp_path / "d.db")
    expected = records(db_path)
    db = Database(db_path)
    url, good = db.execute("SELECT c.url, c.body FROM interviews i JOIN captures c ON c.id = i.capture_id "
                           "WHERE i.id = 8012").fetchone()
    import zlib

    page = zlib.decompress(good)
    with db.atomic():  # a later fetch cut short after the second question
        save_capture(db, {"url": url, "status": 200, "headers": {}, "body": page[: page.index(b"3. Quel est")],
                          "source": "sitemap", "kind": "page"}, None)
    done = run_cli("reparse", "--db", str(db_path))
    assert done.returncode == 0, done.stderr
    assert records(db_path) == expected
