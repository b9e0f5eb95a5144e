"""The whole path over real HTTP on 127.0.0.1: the real Scrapy engine in a child process
crawls the demo mirror into SQLite; Datasette publishes it. No mocked responses."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request

import pytest
from sqlite_utils import Database

from tests.conftest import LOOPBACK_CRAWL, ROOT, copy_archive, run_cli

VOLATILE = {"first_seen", "last_seen", "updated_at", "fetched_at", "run_id"}


def crawl(mirror, db_path, *extra: str) -> subprocess.CompletedProcess:
    return run_cli("crawl", "--db", str(db_path), "--start-url", mirror.base_url + "/",
                   *LOOPBACK_CRAWL, *extra)


def snapshot(db_path) -> dict[str, list]:
    """Return what the archive holds, bookkeeping times aside."""
    db = Database(db_path)
    return {t: sorted(json.dumps({k: v for k, v in row.items() if k not in VOLATILE}, default=str,
                                 sort_keys=True) for row in db[t].rows)
            for t in ("interviews", "qa", "captures", "rejects")}


def test_crawl_archives_exactly_the_mirror_interviews(archived, posts, interview_ids):
    db = Database(archived)
    assert {r["id"] for r in db["interviews"].rows} == interview_ids
    questions = {r["interview_id"]: r["n"] for r in db.query(
        "SELECT interview_id, count(*) AS n FROM qa GROUP BY interview_id")}
    assert questions == {p.id: p.questions for p in posts if p.expect == "interview"}
    rejected = {r["post_id"] for r in db["rejects"].rows}
    assert rejected == {p.id for p in posts if p.expect != "interview"}


def test_rest_discovery_keeps_wordpress_dates_and_the_raw_pages(archived, posts):
    db = Database(archived)
    by_id = {r["id"]: r for r in db["interviews"].rows}
    block = next(p for p in posts if p.expect == "interview" and p.theme == "block")
    assert by_id[block.id]["modified"].startswith(block.modified.isoformat())  # from REST
    assert {r["source"] for r in by_id.values()} == {"rest"}
    kinds = {r["kind"] for r in db["captures"].rows}
    assert kinds == {"page", "rest-list"}


def test_run_is_recorded_with_its_counts(archived, interview_ids):
    run = next(Database(archived)["crawl_runs"].rows)
    assert run["status"] == "ok" and run["finished"]
    assert run["new"] == len(interview_ids) and run["errors"] == 0
    assert run["requests"] >= len(interview_ids) + 1


def test_a_second_run_gives_the_same_archive(mirror, archived, interview_ids, tmp_path):
    db_path = copy_archive(archived, tmp_path / "again.db")
    before = snapshot(db_path)
    done = crawl(mirror, db_path)
    assert done.returncode == 0, done.stderr
    assert f"0 new, 0 updated, {len(interview_ids)} unchanged" in done.stdout
    assert snapshot(db_path) == before


def test_sitemaps_read_other_posts_once_then_only_series_slugs(mirror, tmp_path, interview_ids, posts):
    db_path = tmp_path / "sitemap.db"
    done = crawl(mirror, db_path, "--source", "sitemap")
    assert done.returncode == 0, done.stderr
    db = Database(db_path)
    assert {r["id"] for r in db["interviews"].rows} == interview_ids
    news = len(posts) - len(interview_ids)
    assert {r["code"] for r in db["rejects"].rows} == {"not-series"} and db["rejects"].count == news
    again = crawl(mirror, db_path, "--source", "sitemap")
    assert again.returncode == 0, again.stderr
    run = list(db.query("SELECT * FROM crawl_runs ORDER BY id DESC LIMIT 1"))[0]
    assert run["skipped"] == news  # read once: not fetched again


def test_sitemaps_without_the_slug_filter_fetch_and_reject_every_other_post(mirror, tmp_path, interview_ids, posts):
    db_path = tmp_path / "sitemap-all.db"
    done = crawl(mirror, db_path, "--source", "sitemap", "-s", "SITEMAP_SLUG_FILTER=False")
    assert done.returncode == 0, done.stderr
    db = Database(db_path)
    assert {r["id"] for r in db["interviews"].rows} == interview_ids
    assert {r["code"] for r in db["rejects"].rows} == {"not-series"}
    assert db["rejects"].count == len(posts) - len(interview_ids)


def test_rest_switched_off_falls_back_to_sitemaps(make_mirror, tmp_path, interview_ids):
    server = make_mirror(rest=False)
    db_path = tmp_path / "fallback.db"
    assert crawl(server, db_path).returncode == 0
    db = Database(db_path)
    assert {r["id"] for r in db["interviews"].rows} == interview_ids
    assert {r["source"] for r in db["interviews"].rows} == {"sitemap"}


def test_demo_builds_the_same_archive_twice(tmp_path, interview_ids):
    db_path = tmp_path / "demo.db"
    for _ in range(2):
        done = run_cli("demo", "--no-serve", "--db", str(db_path))
        assert done.returncode == 0, done.stderr
        counts = {t: Database(db_path)[t].count for t in ("interviews", "qa", "captures", "rejects")}
        assert counts["interviews"] == len(interview_ids)
    assert Database(db_path)["crawl_runs"].count == 2


def test_scrapy_crawl_works_from_the_repository_root(mirror, tmp_path, interview_ids):
    db_path = tmp_path / "scrapy.db"
    done = subprocess.run([sys.executable, "-m", "scrapy", "crawl", "wordpress",
                           "-a", f"start_url={mirror.base_url}/", "-s", f"ARCHIVE_DB={db_path}",
                           *LOOPBACK_CRAWL, "-s", "LOG_LEVEL=WARNING"],
                          cwd=ROOT, capture_output=True, text=True, timeout=120, check=False,
                          env={**os.environ, "ESS_ARCHIVE_LOOPBACK_ONLY": "1"})
    assert done.returncode == 0, done.stderr
    assert {r["id"] for r in Database(db_path)["interviews"].rows} == interview_ids


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_serve_answers_interviews_json_on_the_printed_address(archived, tmp_path, interview_ids):
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "crawler", "serve", "--db", str(archived),
                               "--port", str(port)], cwd=ROOT, stdout=subprocess.PIPE, text=True)
    try:
        line = server.stdout.readline()
        address = line.split(" at ")[1].split()[0]
        assert address == f"http://127.0.0.1:{port}/{archived.stem}"
        for _ in range(100):  # bounded: up to 10 s for the server to listen
            try:
                with urllib.request.urlopen(f"{address}/interviews.json?_shape=array", timeout=5) as r:
                    rows = json.load(r)
                break
            except OSError:
                time.sleep(0.1)
        else:
            pytest.fail("Datasette did not answer")
        assert {row["id"] for row in rows} == interview_ids
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_a_second_demo_does_not_collide_and_keeps_its_demo_site_up(tmp_path):
    import os
    import re
    import socket
    import subprocess
    import sys
    import urllib.request

    from tests.conftest import ROOT

    taken = []
    for port in (8001, 8765):  # as if a first demo held them
        holder = socket.socket()
        try:
            holder.bind(("127.0.0.1", port))
            holder.listen()
            taken.append(holder)
        except OSError:
            holder.close()  # already taken by something else: the point holds all the same
    env = {**os.environ, "ESS_ARCHIVE_LOOPBACK_ONLY": "1"}
    demo = subprocess.Popen([sys.executable, "-m", "crawler", "demo", "--db", str(tmp_path / "d.db")], cwd=ROOT,
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        site = archive = None
        for line in demo.stdout:  # bounded: the demo prints both addresses within seconds
            site = site or (re.search(r"demo site served at (http://127\.0\.0\.1:\d+)/", line) or [None, None])[1]
            found = re.search(r"serving the archive at (http://127\.0\.0\.1:(\d+))/(\w+)", line)
            if found:
                archive = found
                break
        assert site and archive and int(archive.group(2)) != 8001 and ":8765" not in site
        import time

        for _ in range(50):  # the server starts just after printing its address
            try:
                with urllib.request.urlopen(archive.group(1) + "/" + archive.group(3) + "/interviews.json") as answer:
                    assert answer.status == 200
                    break
            except OSError:
                time.sleep(0.1)
        else:
            raise AssertionError("the archive was never served")
        with urllib.request.urlopen(site + "/robots.txt") as answer:  # the demo site is still up
            assert answer.status == 200
    finally:
        demo.terminate()
        demo.wait(timeout=20)
        for holder in taken:
            holder.close()
