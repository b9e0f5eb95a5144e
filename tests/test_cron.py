"""Unattended runs: one crawl at a time, and a run killed at any moment (SIGKILL) never
leaves a broken archive; the next run completes it as if nothing happened."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time

from sqlite_utils import Database

from crawler.lock import crawl_lock, lock_path
from tests.conftest import LOOPBACK_CRAWL, ROOT, records, run_cli



def crawl_args(server, db_path, *extra: str) -> list[str]:
    return ["crawl", "--db", str(db_path), "--start-url", server.base_url + "/", *LOOPBACK_CRAWL, *extra]


def start_crawl(server, db_path, *extra: str) -> subprocess.Popen:
    env = {**os.environ, "ESS_ARCHIVE_LOOPBACK_ONLY": "1"}
    return subprocess.Popen([sys.executable, "-m", "crawler", *crawl_args(server, db_path, *extra)], cwd=ROOT,
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def consistent(db_path) -> None:
    """Assert the archive is sound: SQLite's own check, and no interview half written."""
    db = Database(db_path)
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    for row in db.query("SELECT i.id, i.n_questions, count(q.n) AS n, i.capture_id, "
                        "(SELECT count(*) FROM captures c WHERE c.id = i.capture_id) AS has_capture "
                        "FROM interviews i LEFT JOIN qa q ON q.interview_id = i.id GROUP BY i.id"):
        assert row["n"] == row["n_questions"] and row["has_capture"] == 1, row


def test_a_held_lock_makes_a_second_crawl_exit_6(mirror, tmp_path):
    db_path = tmp_path / "locked.db"
    with crawl_lock(db_path):
        done = run_cli(*crawl_args(mirror, db_path))
    assert done.returncode == 6
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "lock held" in lines[0] and f"pid {os.getpid()}" in lines[0]
    assert not db_path.exists() or Database(db_path)["crawl_runs"].count == 0


def test_two_concurrent_crawls_one_runs_one_exits_with_the_lock_code(make_mirror, tmp_path, interview_ids):
    server = make_mirror()
    db_path = tmp_path / "two.db"
    first = start_crawl(server, db_path, "-s", "DOWNLOAD_DELAY=0.25")
    for _ in range(200):  # bounded: up to 10 s for the first run to take the lock
        if lock_path(db_path).exists() and lock_path(db_path).read_text().startswith("pid"):
            break
        time.sleep(0.05)
    second = run_cli(*crawl_args(server, db_path))
    out, err = first.communicate(timeout=120)
    assert second.returncode == 6, second.stderr
    assert first.returncode == 0, err
    assert Database(db_path)["interviews"].count == len(interview_ids)


def test_runs_killed_at_random_moments_never_break_the_archive(make_mirror, tmp_path, interview_ids):
    server = make_mirror()
    clean = tmp_path / "clean.db"
    assert run_cli(*crawl_args(server, clean)).returncode == 0
    killed = tmp_path / "killed.db"
    chance = random.Random(20240726)
    for _ in range(4):
        process = start_crawl(server, killed, "-s", "DOWNLOAD_DELAY=0.08")
        time.sleep(chance.uniform(0.4, 2.5))
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
        if killed.exists():
            consistent(killed)
    done = run_cli(*crawl_args(server, killed))
    assert done.returncode == 0, done.stderr
    consistent(killed)
    assert records(killed) == records(clean)
    statuses = [r["status"] for r in Database(killed).query("SELECT status FROM crawl_runs ORDER BY id")]
    assert statuses[-1] == "ok" and "running" not in statuses


def written_so_far(db_path):
    """Interviews in an archive another process is still creating (0 until its schema exists)."""
    if not db_path.exists():
        return 0
    try:
        return Database(db_path).execute("SELECT count(*) FROM interviews").fetchone()[0]
    except sqlite3.OperationalError:  # the file is there, the schema not yet
        return 0


def test_a_run_stopped_by_sigint_writes_what_it_fetched_and_says_interrupted(make_mirror, tmp_path, interview_ids):
    server = make_mirror()
    db_path = tmp_path / "stopped.db"
    process = start_crawl(server, db_path, "-s", "DOWNLOAD_DELAY=0.1")
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:  # stop once some pages are written
        if written_so_far(db_path) >= 2:
            break
        time.sleep(0.05)
    process.send_signal(signal.SIGINT)
    process.communicate(timeout=60)
    assert process.returncode == 7  # interrupted
    consistent(db_path)
    db = Database(db_path)
    run = next(db.query("SELECT * FROM crawl_runs ORDER BY id DESC LIMIT 1"))
    assert run["status"] == "interrupted" and run["finished"]
    written = db.execute("SELECT count(*) FROM interviews").fetchone()[0]
    assert 2 <= written < len(interview_ids) and run["new"] == written  # every page handed over was written
