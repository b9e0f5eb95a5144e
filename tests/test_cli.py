"""The command line: every command has help; bad input gives one clear line and a non-zero
exit, and never costs what is archived."""

from __future__ import annotations

import os
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from sqlite_utils import Database

from tests.conftest import LOOPBACK_CRAWL, run_cli


@pytest.mark.parametrize("command", ["", "crawl", "demo", "serve", "reparse", "export", "stats"])
def test_every_command_has_help(command):
    done = run_cli(*([command] if command else []), "--help")
    assert done.returncode == 0
    assert "Usage: ess-archive" in done.stdout
    if command:
        assert "Example:" in done.stdout


def closed_port() -> int:
    """Return a loopback port where nothing listens."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def one_error_line(stderr: str) -> str:
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert len(lines) == 1, stderr
    assert lines[0].startswith("ess-archive: ")
    return lines[0]


@pytest.fixture(scope="module")
def archive_with_data(mirror, tmp_path_factory):
    db_path = tmp_path_factory.mktemp("cli") / "kept.db"
    done = run_cli("crawl", "--db", str(db_path), "--start-url", mirror.base_url + "/", *LOOPBACK_CRAWL)
    assert done.returncode == 0, done.stderr
    return db_path


def counts(db_path) -> dict[str, int]:
    db = Database(db_path)
    return {t: db[t].count for t in ("interviews", "qa", "captures")}


def test_unreachable_site_exits_3_and_keeps_the_archive(archive_with_data):
    before = counts(archive_with_data)
    done = run_cli("crawl", "--db", str(archive_with_data), "--start-url",
                   f"http://127.0.0.1:{closed_port()}/", *LOOPBACK_CRAWL)
    assert done.returncode == 3
    assert "site unreachable" in one_error_line(done.stderr)
    assert counts(archive_with_data) == before
    last = list(Database(archive_with_data).query("SELECT status FROM crawl_runs ORDER BY id DESC LIMIT 1"))
    assert last[0]["status"] == "unreachable"


class PlainSite(BaseHTTPRequestHandler):
    """A web server that is not WordPress: the same small page at every address."""

    def do_GET(self) -> None:  # noqa: N802
        body = b"<html><head><title>Accueil</title></head><body><p>Bienvenue.</p></body></html>"
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


def test_a_site_that_is_not_wordpress_exits_4(archive_with_data):
    server = ThreadingHTTPServer(("127.0.0.1", 0), PlainSite)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    before = counts(archive_with_data)
    try:
        done = run_cli("crawl", "--db", str(archive_with_data), "--start-url",
                       f"http://127.0.0.1:{server.server_address[1]}/", *LOOPBACK_CRAWL)
    finally:
        server.shutdown()
        server.server_close()
    assert done.returncode == 4
    assert "no WordPress source answered" in one_error_line(done.stderr)
    assert counts(archive_with_data) == before


def test_database_in_a_missing_folder(tmp_path):
    done = run_cli("crawl", "--db", str(tmp_path / "nope" / "a.db"), "--start-url", "http://127.0.0.1:9/")
    assert done.returncode == 1
    assert "does not exist" in one_error_line(done.stderr)


def test_database_in_a_read_only_folder(tmp_path):
    if os.geteuid() == 0:
        target = "/sys/ess-archive-test.db"  # sysfs refuses new files, even to root
    else:
        folder = tmp_path / "ro"
        folder.mkdir(mode=0o555)
        target = str(folder / "a.db")
    done = run_cli("crawl", "--db", target, "--start-url", "http://127.0.0.1:9/")
    assert done.returncode == 1
    assert "not writable" in one_error_line(done.stderr)


def test_usage_errors_are_one_line_too():
    done = run_cli("crawl", "--source", "everywhere")
    assert done.returncode == 2
    assert "is not one of" in one_error_line(done.stderr)


def test_a_read_only_archive_file_is_refused_and_kept(archive_with_data, tmp_path):
    import shutil
    import subprocess

    target = tmp_path / "read-only.db"
    shutil.copy(archive_with_data, target)
    before = target.read_bytes()
    # Root writes through chmod: the immutable attribute stops it (where the file system has it).
    immutable = os.geteuid() == 0 and subprocess.run(["chattr", "+i", str(target)], capture_output=True).returncode == 0
    if not immutable:
        target.chmod(0o444)
    try:
        done = run_cli("crawl", "--db", str(target), "--start-url", "http://127.0.0.1:9/", *LOOPBACK_CRAWL)
    finally:
        if immutable:
            subprocess.run(["chattr", "-i", str(target)], check=True)
    if os.geteuid() == 0 and not immutable:
        pytest.fail("cannot make a read-only file here (root, and no chattr): run as another user")
    assert done.returncode == 1
    assert "not writable" in one_error_line(done.stderr)
    assert target.read_bytes() == before


@pytest.mark.parametrize("args, needle", [
    (("crawl", "--start-url", "ftp://example.org/"), "http(s) URL"),
    (("crawl", "--start-url", "http://127.0.0.1:9/", "-s", "DOWNLOAD_DELAY"), "NAME=VALUE"),
    (("stats", "--db", "/nonexistent.db"), "no archive"),
    (("serve", "--db", "/nonexistent.db"), "no archive"),
])
def test_bad_arguments_get_one_clear_line(args, needle, tmp_path):
    done = run_cli(*args)
    assert done.returncode == 1
    assert needle in one_error_line(done.stderr)


def test_stats_reports_counts_and_runs(archive_with_data):
    done = run_cli("stats", "--db", str(archive_with_data), "--json")
    assert done.returncode == 0
    import json

    figures = json.loads(done.stdout)
    assert figures["counts"]["interviews"] == Database(archive_with_data)["interviews"].count
    assert figures["last_runs"][-1]["status"] == "ok"
    assert figures["rejects_by_code"]["not-series"] >= 8


def old_archive(path) -> None:
    """Write an archive of the first schema, with one interview, as an older version left it."""
    from sqlite_utils import Database

    from db.migrations import migrations

    old = Database(path)
    migrations.apply(old, stop_before="m002_incremental")
    old["interviews"].insert({"id": 7, "url": "http://x.test/7/", "title": "3 questions à Ana Roy, Gérante chez Zeta",
                              "interviewee": "Ana Roy", "organisation": "Zeta", "published": "2021-05-04",
                              "categories": "[]", "tags": "[]", "images": "[]", "n_questions": 0})
    old.close()


@pytest.mark.parametrize("command", [["stats"], ["stats", "--json"], ["export", "--format", "jsonl", "--out", "OUT"]])
def test_every_command_migrates_an_archive_of_an_older_schema(tmp_path, command):
    from sqlite_utils import Database

    db_path = tmp_path / "old.db"
    old_archive(db_path)
    args = [str(tmp_path / "out") if a == "OUT" else a for a in command]
    done = run_cli(*args, "--db", str(db_path))
    assert done.returncode == 0, done.stderr
    assert "m007_pictures" in {m["name"] for m in Database(db_path)["_sqlite_migrations"].rows}
    assert Database(db_path)["interviews"].get(7)["interviewee"] == "Ana Roy"


def test_another_applications_sqlite_file_is_refused_untouched(tmp_path):
    import sqlite3

    other = tmp_path / "notes.db"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)")
        conn.execute("INSERT INTO notes (text) VALUES ('à garder')")
    conn.close()
    before = other.read_bytes()
    for args in (["stats"], ["crawl", "--start-url", "http://127.0.0.1:9/"], ["reparse"]):
        done = run_cli(*args, "--db", str(other))
        assert done.returncode == 1
        assert "another application's SQLite file" in one_error_line(done.stderr)
    assert other.read_bytes() == before


@pytest.mark.parametrize("kind", ["directory", "symlink"])
def test_a_lock_path_that_is_not_a_file_is_one_line(tmp_path, kind):
    db_path = tmp_path / "a.db"
    lock = tmp_path / "a.db.lock"
    if kind == "directory":
        lock.mkdir()
    else:
        lock.symlink_to(tmp_path / "elsewhere")
    done = run_cli("crawl", "--db", str(db_path), "--start-url", "http://127.0.0.1:9/", *LOOPBACK_CRAWL)
    assert done.returncode == 1
    assert "is not a plain file" in one_error_line(done.stderr)


@pytest.mark.parametrize("url, message", [
    ("http://anna:secret@127.0.0.1:9/", "credentials"),
    ("http://127.0.0.1:99999/", "bad start URL"),
    ("http://127.0.0.1:0/", "bad start URL"),
    ("ftp://127.0.0.1/", "bad start URL"),
])
def test_a_start_url_that_cannot_be_crawled_is_one_line_and_never_stored(tmp_path, url, message):
    done = run_cli("crawl", "--db", str(tmp_path / "a.db"), "--start-url", url)
    assert done.returncode == 1
    assert message in one_error_line(done.stderr) and "secret" not in done.stderr
    assert not (tmp_path / "a.db").exists()


@pytest.mark.parametrize("setting, message", [
    ("DOWNLOAD_DELAY=soon", "expected a number"), ("ROBOTSTXT_OBEY=perhaps", "expected true or false"),
    ("DOWNLOD_DELAY=1", "no such setting"),
])
def test_bad_setting_values_are_one_line(tmp_path, setting, message):
    done = run_cli("crawl", "--db", str(tmp_path / "a.db"), "--start-url", "http://127.0.0.1:9/", "-s", setting)
    assert done.returncode == 1
    assert message in one_error_line(done.stderr)
