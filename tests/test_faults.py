"""Proof under fire: the real spiders and pipelines against a server that misbehaves on
purpose (tests/hostile.py) and an archive that refuses writes. Each case asserts the exit
code, the recorded reason, and that nothing archived was lost; a later clean run completes."""

from __future__ import annotations

import json
import sqlite3

import pytest
from sqlite_utils import Database

from db.archive import open_archive
from mirror.site import MirrorConfig, Site
from tests.conftest import LOOPBACK_CRAWL, copy_archive, records, run_cli
from tests.hostile import HostileServer, gzip_bomb, random_bytes

# Short waits so that faults resolve quickly; the defaults are for the live site.
FAULT_CRAWL = (*LOOPBACK_CRAWL, "-s", "DOWNLOAD_TIMEOUT=2", "-s", "RETRY_TIMES=1", "-s", "RETRY_AFTER_MAX=2")
TARGET = 5120  # the interview whose page misbehaves


@pytest.fixture(scope="module")
def hostile():
    with HostileServer(Site(MirrorConfig())) as server:
        yield server


@pytest.fixture(scope="module")
def baseline(hostile, tmp_path_factory):
    """An archive made by a clean crawl (sitemaps: every interview page is fetched each run)."""
    path = tmp_path_factory.mktemp("faults") / "baseline.db"
    done = crawl(hostile, path)
    assert done.returncode == 0, done.stderr
    return path


def crawl(server, db_path, *extra: str):
    return run_cli("crawl", "--db", str(db_path), "--start-url", server.base_url + "/", "--source", "sitemap",
                   *FAULT_CRAWL, *extra)


def crawl_with_faults(hostile, start, db_path, faults: dict, *extra: str):
    """Copy the archive ``start`` (if any) to ``db_path``, set the faults for one crawl, run
    it, clear the faults; return the crawl's result."""
    if start is not None:
        copy_archive(start, db_path)
    hostile.faults = faults
    try:
        return crawl(hostile, db_path, *extra)
    finally:
        hostile.faults = {}


def page_of(server, post_id: int) -> str:
    return next(p for p in server.site.posts if p.id == post_id).path()


def last_run(db_path) -> dict:
    return list(Database(db_path).query("SELECT * FROM crawl_runs ORDER BY id DESC LIMIT 1"))[0]


def rejected(db_path) -> dict[str, tuple[str, str]]:
    return {r["url"]: (r["code"], r["reason"]) for r in Database(db_path)["rejects"].rows}


PAGE_FAULTS = [
    # (case, fault, options, exit code, reject code or None, reason fragment)
    ("accepts and never answers", "hang", {}, 0, "fetch-error", "Timeout"),
    ("answers past the timeout", "slow", {}, 0, "fetch-error", "Timeout"),
    ("connection reset", "reset", {}, 0, "fetch-error", ""),
    ("truncated body", "truncate", {}, 0, "fetch-error", ""),
    ("Content-Length too short", "short-length", {}, 0, "truncated", "ends before </html>"),
    ("503 that never ends", "status", {"status": 503}, 0, "http-503", "HTTP 503"),
    ("one 500 then fine", "status", {"status": 500, "times": 1}, 0, None, ""),
    ("429 with Retry-After", "status", {"status": 429, "times": 1, "retry_after": "1"}, 0, None, ""),
    ("redirect to itself", "redirect", {"to": "SELF"}, 0, "redirect-loop", "redirect loop"),
    ("endless chain of redirects", "chain", {}, 0, "redirect-loop", "redirect loop"),
    ("redirect to another host", "redirect", {"to": "http://example.org/elsewhere/"}, 0, "redirect-offsite",
     "example.org"),
    ("gzip bomb past the size limit", "replace", {"body": "BOMB", "encoding": "gzip"}, 0, "fetch-error", ""),
    ("20 MB page", "replace", {"body": b"<html><body>" + b"<p>x</p>" * 2_600_000}, 0, "fetch-error", ""),
    ("binary bytes served as text/html", "replace", {"body": "RANDOM"}, 0, "binary", "binary"),
]


@pytest.mark.parametrize("case, fault, options, code, reject, reason", PAGE_FAULTS, ids=[c[0] for c in PAGE_FAULTS])
def test_a_misbehaving_page(hostile, baseline, tmp_path, case, fault, options, code, reject, reason):
    db_path = copy_archive(baseline, tmp_path / "a.db")
    path = page_of(hostile, TARGET)
    url = hostile.base_url + path
    options = dict(options)
    if options.get("to") == "SELF":
        options["to"] = url
    if options.get("body") == "BOMB":
        options["body"] = gzip_bomb()
    if options.get("body") == "RANDOM":
        options["body"] = random_bytes(60_000)
    # A chain answers every /page?hop&hop… with one more hop.
    hostile.faults = {(path + "*") if fault == "chain" else path: (fault, options)}
    hostile.counts.clear()
    try:
        done = crawl(hostile, db_path)
    finally:
        hostile.faults = {}
    assert done.returncode == code, done.stderr
    # Nothing archived was lost or damaged; a redirect to another host is evidence that the
    # interview left its address: marked gone, its record kept.
    gone = {r[0] for r in Database(db_path).execute("SELECT id FROM interviews WHERE gone_since IS NOT NULL")}
    assert gone == ({TARGET} if reject == "redirect-offsite" else set())
    assert records(db_path, drop=("gone_since",)) == records(baseline, drop=("gone_since",))
    found = rejected(db_path)
    if reject is None:
        assert url not in found
    else:
        assert found[url][0] == reject and reason.lower() in found[url][1].lower(), found[url]
    again = crawl(hostile, db_path)  # the site behaves again
    assert again.returncode == 0, again.stderr
    assert url not in rejected(db_path) and records(db_path) == records(baseline)


def test_example_org_was_never_contacted(hostile, baseline, tmp_path):
    db_path = tmp_path / "b.db"
    crawl_with_faults(hostile, baseline, db_path,
                      {page_of(hostile, TARGET): ("redirect", {"to": "http://example.org/elsewhere/"})})
    code, reason = rejected(db_path)[hostile.base_url + page_of(hostile, TARGET)]
    assert code == "redirect-offsite" and "http://example.org/elsewhere/" in reason
    assert not any("example.org" in r for r in hostile.requests)


def test_a_burst_of_502_on_every_page_is_a_partial_run(hostile, baseline, tmp_path):
    db_path = tmp_path / "c.db"
    done = crawl_with_faults(hostile, baseline, db_path, {"/20*": ("status", {"status": 502})})
    assert done.returncode == 5 and "partial run" in done.stderr
    assert records(db_path) == records(baseline)
    new = {url: found for url, found in rejected(db_path).items() if url not in rejected(baseline)}
    assert {code for code, _ in new.values()} == {"http-502"}
    assert last_run(db_path)["status"] == "partial"


def test_robots_txt_that_disallows_the_interviews_is_obeyed(hostile, baseline, tmp_path):
    db_path = tmp_path / "d.db"
    hostile.requests.clear()
    done = crawl_with_faults(hostile, baseline, db_path, {"/robots.txt": (
        "replace", {"body": b"User-agent: *\nDisallow: /20\n", "content_type": "text/plain"})})
    assert done.returncode == 5  # every page refused: a partial run
    assert not [r for r in hostile.requests if r.startswith("/20")]  # no page was requested
    new = [reason for url, (_, reason) in rejected(db_path).items() if url not in rejected(baseline)]
    assert new and all("robots.txt" in reason for reason in new)
    assert records(db_path) == records(baseline)


def test_a_robots_txt_answering_500_does_not_stop_the_crawl(hostile, baseline, tmp_path):
    db_path = tmp_path / "e.db"
    done = crawl_with_faults(hostile, baseline, db_path, {"/robots.txt": ("status", {"status": 500})})
    assert done.returncode == 0, done.stderr
    assert records(db_path) == records(baseline)


def test_mismatched_charsets_keep_the_interview_unchanged(hostile, baseline, tmp_path):
    db_path = tmp_path / "f.db"
    cp1252 = lambda body: body.decode("utf-8").encode("cp1252", errors="replace")  # noqa: E731
    done = crawl_with_faults(hostile, baseline, db_path, {page_of(hostile, TARGET): ("transform", {"change": cp1252})})
    assert done.returncode == 0, done.stderr
    assert records(db_path) == records(baseline)
    assert hostile.base_url + page_of(hostile, TARGET) not in rejected(db_path)


@pytest.mark.parametrize("body", [b"<urlset><url><loc>http://127.0.0.1/broken", b"\x00\x01 not xml"],
                         ids=["cut short", "not xml"])
def test_a_malformed_post_sitemap_makes_a_partial_run(hostile, baseline, tmp_path, body):
    db_path = tmp_path / "g.db"
    done = crawl_with_faults(hostile, baseline, db_path, {"/wp-sitemap-posts-post-1.xml": (
        "replace", {"body": body, "content_type": "application/xml"})})
    assert done.returncode == 5 and "listing is incomplete" in done.stderr
    assert records(db_path) == records(baseline)
    assert Database(db_path).execute("SELECT count(*) FROM interviews WHERE gone_since IS NOT NULL").fetchone()[0] == 0


def test_a_huge_sitemap_is_read(hostile, baseline, tmp_path, interview_ids):
    db_path = copy_archive(baseline, tmp_path / "h.db")
    real = [hostile.base_url + p.path() for p in hostile.site.posts]
    fake = [f"{hostile.base_url}/2020/01/01/article-{k}/" for k in range(60_000)]
    body = ('<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
            + "".join(f"<url><loc>{u}</loc></url>" for u in fake + real) + "</urlset>").encode()
    done = crawl_with_faults(hostile, None, db_path, {"/wp-sitemap-posts-post-1.xml": (
        "replace", {"body": body, "content_type": "application/xml"})}, "-s", "SITEMAP_FIRST_READS=50")
    assert done.returncode == 0, done.stderr
    run = last_run(db_path)
    assert run["skipped"] >= 60_000 - 50  # other posts are read once, 50 a run here
    assert "left for later runs" in run["message"]
    assert records(db_path) == records(baseline)


@pytest.mark.parametrize("body", [b"{not json", b'[{"id": "12", "link": 5}]', b'{"posts": []}'])
def test_broken_rest_answers_fall_back_to_sitemaps(hostile, baseline, tmp_path, body):
    db_path = copy_archive(baseline, tmp_path / "i.db")
    hostile.faults = {"/wp-json/wp/v2/posts*": ("replace", {"body": body, "content_type": "application/json"})}
    try:
        done = run_cli("crawl", "--db", str(db_path), "--start-url", hostile.base_url + "/", *FAULT_CRAWL)
    finally:
        hostile.faults = {}
    assert done.returncode == 0, done.stderr
    assert "via sitemap" in last_run(db_path)["message"]
    assert records(db_path) == records(baseline)


def test_a_full_archive_stops_the_run_with_code_8_and_stays_sound(hostile, baseline, tmp_path):
    db_path = tmp_path / "full.db"
    open_archive(db_path).close()
    pages = sqlite3.connect(db_path).execute("PRAGMA page_count").fetchone()[0]
    done = crawl(hostile, db_path, "-s", f"SQLITE_MAX_PAGE_COUNT={pages + 4}")
    assert done.returncode == 8, done.stderr
    assert "could not be written" in done.stderr and "full" in done.stderr
    assert sqlite3.connect(db_path).execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    again = crawl(hostile, db_path)
    assert again.returncode == 0, again.stderr
    assert records(db_path) == records(baseline)


def test_an_archive_locked_by_another_writer_stops_the_run_with_code_8(hostile, baseline, tmp_path):
    db_path = copy_archive(baseline, tmp_path / "locked.db")
    Database(db_path).enable_wal()
    holder = sqlite3.connect(db_path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        done = crawl(hostile, db_path, "-s", "SQLITE_BUSY_TIMEOUT_MS=300")
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert done.returncode == 8, done.stderr
    assert "locked" in done.stderr
    assert records(db_path) == records(baseline)
    assert crawl(hostile, db_path).returncode == 0


def test_an_archive_of_an_older_schema_is_migrated_by_the_crawl(hostile, baseline, tmp_path):
    from db.migrations import migrations, schema_version

    db_path = tmp_path / "old.db"
    old = Database(db_path)
    migrations.apply(old, stop_before="m002_incremental")
    old.close()
    done = crawl(hostile, db_path)
    assert done.returncode == 0, done.stderr
    assert schema_version(Database(db_path)) == "m009_interviews_fts_on_its_columns"
    assert records(db_path) == records(baseline)


def test_fault_runs_then_one_clean_run_equal_a_clean_run_alone(hostile, baseline, tmp_path):
    db_path = tmp_path / "survivor.db"
    path = page_of(hostile, TARGET)
    for faults in ({path: ("hang", {})}, {"/20*": ("status", {"status": 503})}, {path: ("replace", {"body": random_bytes(5000)})},
                   {path: ("short-length", {})}, {"/wp-sitemap-posts-post-1.xml": ("replace", {"body": b"<broken"})}):
        crawl_with_faults(hostile, None, db_path, faults)
    done = crawl(hostile, db_path)
    assert done.returncode == 0, done.stderr
    assert records(db_path, ("interviews", "qa", "rejects")) == records(baseline, ("interviews", "qa", "rejects"))
    runs = [r["status"] for r in Database(db_path).query("SELECT status FROM crawl_runs ORDER BY id")]
    assert runs[-1] == "ok" and "partial" in runs
    assert json.loads(last_run(db_path)["completeness"])["sitemap"]["missing"] == []


def test_retry_after_pauses_the_whole_host_not_only_the_request(hostile, baseline, tmp_path):
    import re

    # The interview fetched first (Scrapy's scheduler is last in, first out: the last one the
    # post sitemap lists) answers 429 "wait 2 s" once; the pages after it must wait too (the
    # host's download slot is paused), not go on meanwhile.
    sitemap = hostile.site.respond("/wp-sitemap-posts-post-1.xml", hostile.base_url).body.decode()
    paths = [re.sub(r"^https?://[^/]+", "", u) for u in re.findall(r"<loc>([^<]+)</loc>", sitemap)]
    path = [p for p in paths if "3-question" in p][-1]
    hostile.times.clear()
    hostile.counts.clear()
    done = crawl_with_faults(hostile, baseline, tmp_path / "r.db",
                             {path: ("status", {"status": 429, "times": 1, "retry_after": "2"})},
                             "-s", "DOWNLOAD_DELAY=0.05", "-s", "DOWNLOAD_DELAY_JITTER=0")
    assert done.returncode == 0, done.stderr
    asked = [t for t, target in hostile.times if target == path]
    assert len(asked) == 2 and asked[1] - asked[0] >= 1.9  # retried after the wait it asked for
    during = [target for t, target in hostile.times if asked[0] + 0.2 < t < asked[0] + 1.8]
    assert during == []  # nothing else was asked of the host while it said to wait
    assert len([t for t, _ in hostile.times if t > asked[0] + 1.9]) >= 5  # the crawl went on after the wait
    assert records(tmp_path / "r.db") == records(baseline)
