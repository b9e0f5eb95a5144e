"""Scenarios of the issue "An archive that never lies and never loses a record": the demo
mirror changed on the fly (tests/hostile.py), one scenario per rule, each crawl run two or
three times in a row. Each asserts the exit code, the run's status and message, the
interviews' ``gone_since``, the rejections (code, reason, on the interview's own URL) and
that the archive's records equal what a clean run of the true site gives.

Only 127.0.0.1 is ever contacted (``ESS_ARCHIVE_LOOPBACK_ONLY=1`` in every child process);
the third hosts named below are never asked for. The end of the file holds fast unit cases
(no subprocess) for the discovery readers and ``Listing.proof``."""

from __future__ import annotations

import dataclasses
import gzip
import json
import os
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlite_utils import Database

from mirror.server import running_mirror
from mirror.site import MirrorConfig, Site
from mirror.wayback import WaybackStandIn
from tests.conftest import LOOPBACK_CRAWL, copy_archive, records, run_cli
from tests.hostile import HostileServer

# Short waits: every fault resolves in seconds. Four requests at a time on loopback.
FAST = (*LOOPBACK_CRAWL, "-s", "DOWNLOAD_TIMEOUT=2", "-s", "RETRY_TIMES=1", "-s", "RETRY_AFTER_MAX=2",
        "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=4")
A = 5120  # an archived interview whose page misbehaves
B = 6204  # another archived interview
INTERVIEWS = 20  # interviews of the demo mirror (checked against the post files below)


# --- the site, the archives ---------------------------------------------------------------
@pytest.fixture(scope="module")
def hostile() -> Iterator[HostileServer]:
    with HostileServer(Site(MirrorConfig())) as server:
        yield server


@pytest.fixture(autouse=True)
def clean_site(hostile) -> Iterator[None]:
    """Every scenario starts on the true site and leaves it so."""
    posts = list(hostile.site.config.posts)
    hostile.faults = {}
    yield
    hostile.faults = {}
    hostile.link_base = None
    hostile.site.config.posts = posts
    hostile.site.refresh()


def crawl(server, db_path: Path, *extra: str, source: str = "sitemap", start: str | None = None):
    args = ["crawl", "--db", str(db_path), "--start-url", (start or server.base_url) + "/"]
    if source != "auto":
        args += ["--source", source]
    return run_cli(*args, *FAST, *extra, timeout=120)


@pytest.fixture(scope="module")
def baseline(hostile, tmp_path_factory) -> Path:
    """A clean sitemap crawl of the true site (every interview page is fetched each run)."""
    path = tmp_path_factory.mktemp("scenarios") / "sitemap.db"
    done = crawl(hostile, path)
    assert done.returncode == 0, done.stderr
    return path


@pytest.fixture(scope="module")
def rest_baseline(hostile, tmp_path_factory) -> Path:
    """A clean crawl of the true site through its REST API."""
    path = tmp_path_factory.mktemp("scenarios") / "rest.db"
    done = crawl(hostile, path, source="rest")
    assert done.returncode == 0, done.stderr
    return path


def db(path: Path) -> Database:
    return Database(path)


def last_run(path: Path) -> dict:
    return list(db(path).query("SELECT * FROM crawl_runs ORDER BY id DESC LIMIT 1"))[0]


def gone(path: Path) -> set[int]:
    return {r[0] for r in db(path).execute("SELECT id FROM interviews WHERE gone_since IS NOT NULL")}


def rejects(path: Path) -> dict[str, dict]:
    return {r["url"]: r for r in db(path)["rejects"].rows}


def ids(path: Path) -> set[int]:
    return {r[0] for r in db(path).execute("SELECT id FROM interviews")}


def versions(path: Path) -> list[dict]:
    return list(db(path).query("SELECT * FROM versions ORDER BY id"))


def url_of(server, post_id: int) -> str:
    return server.base_url + path_of(server, post_id)


def path_of(server, post_id: int) -> str:
    return server.site.by_id[post_id].path()


def assert_run(done, path: Path, code: int, status: str, *fragments: str) -> dict:
    """Check the exit code and the run's row; return the row."""
    assert done.returncode == code, (done.returncode, done.stderr[-2000:])
    run = last_run(path)
    assert run["status"] == status, run["message"]
    for fragment in fragments:
        assert fragment in run["message"], (fragment, run["message"])
    return run


def without(table_rows: dict[str, list], post_id: int) -> dict[str, list]:
    """Return ``records`` without the rows of one interview."""
    return {t: [r for r in rows if json.loads(r).get("id" if t == "interviews" else "interview_id") != post_id]
            for t, rows in table_rows.items()}


def test_the_mirror_has_the_interviews_this_file_counts(interview_ids):
    assert len(interview_ids) == INTERVIEWS and {A, B} <= interview_ids


# --- 1. a proxy strips the REST totals ----------------------------------------------------------
STRIP_TOTALS = {"/wp-json/wp/v2/posts*": ("headers", {"strip": ("X-WP-Total", "X-WP-TotalPages")})}


def test_1_rest_without_totals_pages_on_and_marks_nothing_gone(hostile, rest_baseline, tmp_path):
    path = tmp_path / "a.db"
    hostile.faults = dict(STRIP_TOTALS)
    hostile.requests.clear()
    done = crawl(hostile, path, "-s", "REST_PER_PAGE=5", source="rest")
    run = assert_run(done, path, 0, "ok", "nothing marked gone", "X-WP-Total")
    pages = [r for r in hostile.requests if r.startswith("/wp-json/wp/v2/posts")]
    assert len(pages) == 6  # 29 posts, 5 a page: followed until the short sixth page
    assert run["new"] == INTERVIEWS and gone(path) == set()
    assert records(path) == records(rest_baseline)
    # An interview leaves the site: a listing without totals cannot prove it, twice in a row.
    hostile.site.config.posts = [p for p in hostile.site.config.posts if p.id != A]
    hostile.site.refresh()
    for _ in range(2):
        done = crawl(hostile, path, "-s", "REST_PER_PAGE=5", source="rest")
        assert_run(done, path, 0, "ok", "nothing marked gone", "X-WP-Total")
        assert gone(path) == set()
        assert records(path) == records(rest_baseline)


# --- 2. archive pages with a "load more" button -------------------------------------------------
def load_more(body: bytes) -> bytes:
    """Replace the /page/N/ links of a listing page with a script-driven button."""
    text = body.decode("utf-8")
    start = text.index('<div class="nav-links">')
    end = text.index("</nav>", start)
    return (text[:start] + '<div class="nav-links"><button class="load-more" data-page="2">Charger plus'
            "</button></div>" + text[end:]).encode("utf-8")


def test_2_archive_pages_with_a_load_more_button_mark_nothing_gone(hostile, baseline, tmp_path):
    path = copy_archive(baseline, tmp_path / "a.db")
    hostile.faults = {"/": ("transform", {"change": load_more})}
    for _ in range(2):
        done = crawl(hostile, path, source="archive")
        assert_run(done, path, 0, "ok", "nothing marked gone", "gives no totals")
        assert gone(path) == set()
        assert records(path) == records(baseline)
    assert not [r for r in hostile.requests if r.startswith("/page/")]


# --- 3. reached as localhost, links on 127.0.0.1 --------------------------------------------------
def test_3_a_site_reached_under_another_host_name_loses_nothing(hostile, rest_baseline, tmp_path):
    hostile.link_base = "SELF"  # links say 127.0.0.1:PORT whatever the Host header
    local = hostile.base_url.replace("127.0.0.1", "localhost")
    path = tmp_path / "a.db"
    for _ in range(2):
        done = crawl(hostile, path, source="auto", start=local)
        assert_run(done, path, 0, "ok", "via rest")
        assert gone(path) == set() and ids(path) == ids(rest_baseline)
        assert records(path) == records(rest_baseline)
    kept = copy_archive(rest_baseline, tmp_path / "b.db")  # an archive made at 127.0.0.1
    done = crawl(hostile, kept, source="auto", start=local)
    assert_run(done, kept, 0, "ok")
    assert gone(kept) == set() and records(kept) == records(rest_baseline)


# --- 4. a login wall or a soft-404 at an archived interview's URL ----------------------------------
LOGIN_WALL = ("<!DOCTYPE html><html lang=\"fr-FR\"><head><meta charset=\"UTF-8\" /><title>Connexion &#8211; "
              "ESS 2024</title></head><body class=\"login\"><h1>Connexion</h1><form method=\"post\">"
              "<p><label>Identifiant <input name=\"log\" /></label></p><p><label>Mot de passe "
              "<input type=\"password\" name=\"pwd\" /></label></p><p><button>Se connecter</button></p>"
              "</form></body></html>").encode()
SOFT_404 = ("<!DOCTYPE html><html lang=\"fr-FR\"><head><meta charset=\"UTF-8\" /><title>Page introuvable "
            "&#8211; ESS 2024</title></head><body class=\"error404\"><h1>Page introuvable</h1><p>Désolé, "
            "cette page n’existe pas.</p></body></html>").encode()


@pytest.mark.parametrize("body", [LOGIN_WALL, SOFT_404], ids=["login wall", "soft-404"])
def test_4_a_page_that_is_not_the_interview_any_more_keeps_the_record(hostile, baseline, tmp_path, body):
    path = copy_archive(baseline, tmp_path / "a.db")
    url = url_of(hostile, A)
    hostile.faults = {path_of(hostile, A): ("replace", {"body": body})}
    seen = []
    for attempt in (1, 2):
        done = crawl(hostile, path)
        run = assert_run(done, path, 0, "ok")
        assert run["unchanged"] == INTERVIEWS - 1, (attempt, run["message"])  # not counted unchanged
        found = rejects(path)
        assert url in found, f"no rejection on {url}: {sorted(found)}"
        assert found[url]["post_id"] == A and "archived interview is kept" in found[url]["reason"]
        seen.append(found[url]["last_seen"])
        assert gone(path) == set()
        assert records(path) == records(baseline)
        time.sleep(1)  # the archive's clock counts seconds
    assert seen[1] > seen[0]  # recorded again on the second run
    hostile.faults = {}
    done = crawl(hostile, path)
    run = assert_run(done, path, 0, "ok")
    assert url not in rejects(path) and run["unchanged"] == INTERVIEWS
    assert records(path) == records(baseline)


# --- 5. an interview URL that now redirects to the home page ---------------------------------
def test_5_an_interview_redirected_to_the_home_page_is_gone_and_kept(hostile, baseline, tmp_path):
    path = copy_archive(baseline, tmp_path / "a.db")
    url = url_of(hostile, A)
    hostile.faults = {path_of(hostile, A): ("redirect", {"to": hostile.base_url + "/"})}
    for _ in range(2):
        done = crawl(hostile, path)
        run = assert_run(done, path, 0, "ok", "1 gone")
        assert run["unchanged"] == INTERVIEWS - 1
        found = rejects(path)
        assert url in found, sorted(found)
        assert found[url]["post_id"] == A and "redirected to" in found[url]["reason"]
        assert gone(path) == {A}
        assert records(path, drop=("gone_since",)) == records(baseline, drop=("gone_since",))
    hostile.faults = {}
    done = crawl(hostile, path)
    assert_run(done, path, 0, "ok", "0 gone")
    assert gone(path) == set() and url not in rejects(path)
    assert records(path) == records(baseline)


# --- 6. a 404 with an older Wayback copy ----------------------------------------------------------------
def test_6_an_older_wayback_copy_never_replaces_the_archived_record(hostile, baseline, tmp_path):
    path = copy_archive(baseline, tmp_path / "a.db")
    url = url_of(hostile, A)
    old_site = Site(MirrorConfig())
    post = old_site.by_id[A]
    older = dataclasses.replace(post, modified=post.modified.replace(year=post.modified.year - 1),
                                content=post.content.replace("</p>", " (version antérieure)</p>", 3))
    assert older.content != post.content
    old_site.config.posts = [older if p.id == A else p for p in old_site.config.posts]
    old_site.refresh()
    standin = WaybackStandIn.from_site(old_site, hostile.base_url, timestamp="20200101120000")
    before = len(versions(path))
    hostile.faults = {path_of(hostile, A): ("status", {"status": 404}),
                      "/wp-json/*": ("status", {"status": 404})}  # auto: no REST, sitemaps then
    with running_mirror(site=standin) as wayback:
        for _ in range(2):
            done = crawl(hostile, path, "-s", f"WAYBACK_BASE_URL={wayback.base_url}", source="auto")
            assert_run(done, path, 0, "ok", "via sitemap")
            assert gone(path) == {A}
            found = rejects(path)
            assert url in found and found[url]["code"] == "http-404", sorted(found)
            assert records(path, drop=("gone_since",)) == records(baseline, drop=("gone_since",))
            assert len(versions(path)) == before
            assert "version antérieure" not in json.dumps(records(path))
        assert any("id_/" in r for r in wayback.requests)  # the older copy was fetched, then refused


# --- 7. another page claims an archived post id ------------------------------------------------------
def claims_id(own: int, other: int):
    def change(body: bytes) -> bytes:
        text = body.decode("utf-8")
        for pattern in ("?p={}", "postid-{}", 'id="post-{}"', "posts/{}"):
            text = text.replace(pattern.format(own), pattern.format(other))
        return text.encode("utf-8")
    return change


def test_7_a_page_claiming_an_archived_post_id_is_a_conflict(hostile, baseline, tmp_path):
    path = copy_archive(baseline, tmp_path / "a.db")
    url_b = url_of(hostile, B)
    hostile.faults = {path_of(hostile, B): ("transform", {"change": claims_id(B, A)})}
    for _ in range(2):
        done = crawl(hostile, path)
        assert_run(done, path, 0, "ok")
        found = rejects(path)
        assert url_b in found, sorted(found)
        assert found[url_b]["code"] == "conflict"
        assert str(A) in found[url_b]["reason"] and str(B) in found[url_b]["reason"], found[url_b]["reason"]
        assert gone(path) == set() and {A, B} <= ids(path)
        assert records(path) == records(baseline)


# --- 8. a post id that changes at the same URL ----------------------------------------------------
NEW_ID = 99120


def test_8_a_new_post_id_at_the_same_url_is_recorded_as_an_id_change(hostile, rest_baseline, tmp_path):
    path = copy_archive(rest_baseline, tmp_path / "a.db")
    old = hostile.site.by_id[A]
    hostile.site.config.posts = [dataclasses.replace(p, id=NEW_ID) if p.id == A else p
                                 for p in hostile.site.config.posts]
    hostile.site.refresh()
    truth = tmp_path / "truth.db"
    assert crawl(hostile, truth, source="rest").returncode == 0
    for _ in range(2):
        done = crawl(hostile, path, source="rest")
        assert_run(done, path, 0, "ok")
        assert "UNIQUE" not in done.stderr
        assert A not in ids(path) and NEW_ID in ids(path) and gone(path) == set()
        kept = [v for v in versions(path) if v["interview_id"] == NEW_ID]
        assert len(kept) == 1 and f"from {A} to {NEW_ID}" in kept[0]["reason"]
        assert json.loads(kept[0]["record"])["id"] == A and json.loads(kept[0]["record"])["url"].endswith(old.path())
        assert records(path) == records(truth)


# --- 9. two posts with one canonical URL -----------------------------------------------------------
def test_9_two_posts_with_one_canonical_url_keep_apart(hostile, baseline, tmp_path):
    path = copy_archive(baseline, tmp_path / "a.db")
    url_a, url_b = url_of(hostile, A), url_of(hostile, B)
    moved = lambda body: body.replace(url_b.encode(), url_a.encode())  # noqa: E731 - canonical, og:url, ...
    hostile.faults = {path_of(hostile, B): ("transform", {"change": moved})}
    for _ in range(2):
        done = crawl(hostile, path)
        assert_run(done, path, 0, "ok")
        found = rejects(path)
        assert url_b in found and found[url_b]["code"] == "conflict", sorted(found)
        assert url_a in found[url_b]["reason"] and str(A) in found[url_b]["reason"]
        assert {A, B} <= ids(path) and gone(path) == set()
        assert records(path) == records(baseline)


def test_9_the_second_post_to_claim_a_canonical_url_is_a_conflict(hostile, tmp_path):
    """B is archived first under A's canonical URL (A's page is away on that run); when A's
    own page is read, it is the second claim: refused as a conflict, B kept apart, nothing merged."""
    path = tmp_path / "a.db"
    url_a, url_b = url_of(hostile, A), url_of(hostile, B)
    moved = lambda body: body.replace(url_b.encode(), url_a.encode())  # noqa: E731
    hostile.faults = {path_of(hostile, B): ("transform", {"change": moved}),
                      path_of(hostile, A): ("status", {"status": 404})}
    done = crawl(hostile, path)
    assert_run(done, path, 0, "ok")
    assert B in ids(path) and A not in ids(path)
    del hostile.faults[path_of(hostile, A)]
    for _ in range(2):
        done = crawl(hostile, path)
        run = assert_run(done, path, 0, "ok", "0 errors")
        found = rejects(path)
        assert url_a in found and found[url_a]["code"] == "conflict", (run["message"], found.get(url_a))
        assert str(B) in found[url_a]["reason"] and str(A) in found[url_a]["reason"]
        assert B in ids(path) and gone(path) == set()
        assert not [v for v in versions(path) if "id changed" in v["reason"]]  # never merged


# --- 10. a Wayback copy that redirects to a third host --------------------------------------------
def test_10_a_wayback_copy_redirecting_off_the_site_is_refused(tmp_path):
    site_url = "http://127.0.0.1:9"  # the site itself is not asked: --source wayback
    site = Site(MirrorConfig())
    target = site_url + site.by_id[A].path()
    third = "http://example.org/ailleurs/"
    clean = WaybackStandIn.from_site(site, site_url)
    clean.captures = [c for c in clean.captures if c.original != target]
    hostile = WaybackStandIn(WaybackStandIn.from_site(site, site_url).captures, redirects={target: third})
    truth = tmp_path / "truth.db"
    with running_mirror(site=clean) as wayback:
        done = run_cli("crawl", "--db", str(truth), "--start-url", site_url + "/", "--source", "wayback",
                       *FAST, "-s", f"WAYBACK_BASE_URL={wayback.base_url}")
        assert done.returncode == 0, done.stderr
    path = tmp_path / "a.db"
    with running_mirror(site=hostile) as wayback:
        for _ in range(2):
            done = run_cli("crawl", "--db", str(path), "--start-url", site_url + "/", "--source", "wayback",
                           *FAST, "-s", f"WAYBACK_BASE_URL={wayback.base_url}")
            assert_run(done, path, 0, "ok", "via wayback")
            found = rejects(path)
            assert target in found and found[target]["code"] == "redirect-offsite", sorted(found)
            assert third in found[target]["reason"]
            assert A not in ids(path)
            assert not db(path).execute("SELECT count(*) FROM captures WHERE url LIKE '%example.org%'").fetchone()[0]
            assert records(path) == records(truth)
    assert not any("example.org" in r and "/web/" not in r for r in wayback.requests)


# --- 11. the crawl lock ------------------------------------------------------------------------------
def test_11_reparse_and_crawl_wait_for_the_lock_even_through_a_symlink(hostile, baseline, tmp_path):
    from crawler.lock import crawl_lock

    path = copy_archive(baseline, tmp_path / "a.db")
    link = tmp_path / "link.db"
    os.symlink(path, link)
    before, runs = records(path, ("interviews", "qa", "rejects", "versions")), db(path)["crawl_runs"].count
    with crawl_lock(path):
        for _ in range(2):
            done = run_cli("reparse", "--db", str(path), timeout=60)
            assert done.returncode == 6, done.stderr
            assert len(done.stderr.strip().splitlines()) == 1 and "lock held" in done.stderr
            done = crawl(hostile, link)
            assert done.returncode == 6, done.stderr
            assert len(done.stderr.strip().splitlines()) == 1 and "lock held" in done.stderr
    with crawl_lock(link):
        done = run_cli("reparse", "--db", str(path), timeout=60)
        assert done.returncode == 6, done.stderr
    assert records(path, ("interviews", "qa", "rejects", "versions")) == before
    assert db(path)["crawl_runs"].count == runs
    assert run_cli("reparse", "--db", str(link), timeout=60).returncode == 0  # free again


# --- 12. 304 to requests without validators -----------------------------------------------------------
def test_12_a_304_without_validators_is_never_a_silent_skip(hostile, baseline, tmp_path):
    path = tmp_path / "a.db"  # a new archive: no request carries validators
    hostile.faults = {"/20*": ("not-modified", {})}
    for _ in range(2):
        done = crawl(hostile, path)
        run = assert_run(done, path, 5, "partial")
        found = rejects(path)
        bogus = {u for u, r in found.items() if r["code"] == "bogus-304"}
        listed = {url_of(hostile, p.id) for p in hostile.site.posts if p.expect == "interview"}
        assert listed <= bogus, sorted(listed - bogus)
        assert run["unchanged"] == 0 and ids(path) == set()
    hostile.faults = {}
    done = crawl(hostile, path)
    assert_run(done, path, 0, "ok")
    assert not [r for r in rejects(path).values() if r["code"] == "bogus-304"]
    assert records(path) == records(baseline)


# --- 13. a REST page count of 50 million ----------------------------------------------------------------
@pytest.mark.parametrize("total", [None, "5000000000"], ids=["pages only", "posts too"])
def test_13_a_rest_count_of_fifty_million_pages_is_bounded(hostile, rest_baseline, tmp_path, total):
    path = copy_archive(rest_baseline, tmp_path / "a.db")
    headers = {"X-WP-TotalPages": "50000000", **({"X-WP-Total": total} if total else {})}
    hostile.faults = {"/wp-json/wp/v2/posts*": ("headers", {"set_headers": headers})}
    started = time.monotonic()
    for _ in range(2):
        done = crawl(hostile, path, source="rest")
        assert_run(done, path, 5, "partial", "50000000 pages", "nothing marked gone")
        assert gone(path) == set()
        assert records(path) == records(rest_baseline)
    assert time.monotonic() - started < 90


# --- 14. a chain of sitemap indexes -----------------------------------------------------------------------
def test_14_a_chain_of_sitemap_indexes_is_cut_and_said(hostile, baseline, tmp_path):
    path = copy_archive(baseline, tmp_path / "a.db")
    base = hostile.base_url

    def index(n: int) -> bytes:
        return ('<?xml version="1.0" encoding="UTF-8"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/'
                f'sitemap/0.9"><sitemap><loc>{base}/chain/{n}/wp-sitemap-posts-post-1.xml</loc></sitemap>'
                "</sitemapindex>").encode()

    faults = {"/wp-sitemap.xml": ("replace", {"body": index(1), "content_type": "application/xml"})}
    for n in range(1, 10):
        faults[f"/chain/{n}/wp-sitemap-posts-post-1.xml"] = (
            "replace", {"body": index(n + 1), "content_type": "application/xml"})
    hostile.faults = faults
    hostile.requests.clear()
    for _ in range(2):
        done = crawl(hostile, path, source="sitemap")
        assert_run(done, path, 5, "partial", "nested deeper than")
        assert gone(path) == set()
        assert records(path) == records(baseline)
    assert not [r for r in hostile.requests if r.startswith("/chain/5/")]  # cut well before the end


# --- 15. a feed of 10,000 items ----------------------------------------------------------------------------
def test_15_a_feed_of_ten_thousand_items_is_bounded_and_reported(hostile, baseline, tmp_path):
    path = copy_archive(baseline, tmp_path / "a.db")
    base = hostile.base_url
    items = "".join(f"<item><title>Article numéro {k}</title><link>{base}/2019/01/01/article-{k}/</link>"
                    f'<guid isPermaLink="false">{base}/?p={200000 + k}</guid></item>' for k in range(10_000))
    body = (f'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>ESS 2024</title>'
            f"<link>{base}</link>{items}</channel></rss>").encode()
    hostile.faults = {"/feed/": ("replace", {"body": body, "content_type": "application/rss+xml"})}
    started = time.monotonic()
    for _ in range(2):
        done = crawl(hostile, path, source="feed")
        assert_run(done, path, 5, "partial", "10000 items", "read the first")
        assert gone(path) == set()
        assert records(path) == records(baseline)
    assert time.monotonic() - started < 90


# --- 16. a REST API that hangs ------------------------------------------------------------------------------
def test_16_a_hanging_rest_api_falls_back_to_sitemaps(hostile, baseline, tmp_path):
    path = tmp_path / "a.db"
    hostile.faults = {"/wp-json/wp/v2/posts*": ("hang", {})}
    for _ in range(2):
        done = crawl(hostile, path, source="auto")
        assert_run(done, path, 0, "ok", "via sitemap")
        assert gone(path) == set()
        assert records(path) == records(baseline)


# --- 17. the public Wayback Machine is never asked about a private host ----------------------------------
@pytest.mark.parametrize("wayback, site, expected", [
    ("https://web.archive.org", "http://127.0.0.1:8080/", False),
    ("https://web.archive.org", "http://localhost:8080/", False),
    ("https://web.archive.org", "http://10.1.2.3/", False),
    ("https://web.archive.org", "http://192.168.0.10/", False),
    ("https://web.archive.org", "http://intranet/", False),
    ("https://web.archive.org", "http://ess.local/", False),
    ("https://web.archive.org", "http://[::1]:8080/", False),
    ("https://web.archive.org", "https://ess2024.org/", True),
    ("https://web.archive.org", "https://www.ess2024.org/", True),
    ("http://127.0.0.1:9", "http://127.0.0.1:8080/", True),     # a local stand-in holds anything
    ("http://localhost:9", "https://ess2024.org/", True),
])
def test_17_wayback_can_hold(wayback, site, expected):
    from spiders.wayback import wayback_can_hold

    assert wayback_can_hold(wayback, site) is expected


# --- unit cases: the discovery readers ---------------------------------------------------------------
def test_read_rest_page_without_totals():
    from spiders.discovery import read_rest_page

    page = read_rest_page(b'[{"id": 1, "link": "http://x/a/"}, {"id": 2, "link": "http://x/b/"}]', {})
    assert page is not None and len(page.posts) == 2 and (page.total, page.total_pages) == (None, None)
    page = read_rest_page(b'[{"id": 1, "link": "http://x/a/"}]', {"X-WP-Total": "", "X-WP-TotalPages": "abc"})
    assert (page.total, page.total_pages) == (None, None)
    assert read_rest_page(b"[]", {}).posts == []
    assert read_rest_page(b'{"code": "rest_no_route"}', {}) is None
    assert read_rest_page(b'[{"id": "1", "link": "http://x/"}]', {}) is None


def test_robots_sitemaps_makes_relative_lines_absolute():
    from spiders.discovery import robots_sitemaps

    body = b"User-agent: *\nDisallow: /wp-admin/\nSitemap: /wp-sitemap.xml\nsitemap: https://cdn.example/s.xml\n"
    assert robots_sitemaps(body, "http://127.0.0.1:8080/robots.txt") == [
        "http://127.0.0.1:8080/wp-sitemap.xml", "https://cdn.example/s.xml"]
    assert robots_sitemaps(b"User-agent: *\n", "http://127.0.0.1/robots.txt") == []


def test_sitemap_body_gunzips_and_refuses_a_bomb():
    from spiders.discovery import read_sitemap, sitemap_body

    xml = b'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">' \
          b"<url><loc>http://x/2020/01/01/3-questions-a-x/</loc></url></urlset>"
    assert sitemap_body(xml, 1000) == xml
    assert sitemap_body(gzip.compress(xml), 10_000) == xml
    assert read_sitemap(sitemap_body(gzip.compress(xml), 10_000)).locations == ["http://x/2020/01/01/3-questions-a-x/"]
    bomb = gzip.compress(b"\0" * 5_000_000, compresslevel=9)
    assert len(bomb) < 20_000 and sitemap_body(bomb, 1_000_000) is None


def test_sitemap_body_refuses_a_corrupt_gzip():
    """A damaged ``.xml.gz`` is no sitemap (None), not an exception in the spider's callback."""
    from spiders.discovery import sitemap_body

    assert sitemap_body(b"\x1f\x8b\x08 not really gzip", 1000) is None


def test_host_key_and_same_site_treat_www_as_the_site():
    from spiders.discovery import host_key, same_site

    assert host_key("WWW.Ess2024.org.") == "ess2024.org" == host_key("ess2024.org")
    assert host_key(None) == ""
    assert host_key("www2.ess2024.org") == "www2.ess2024.org"
    assert same_site("https://www.ess2024.org/a/", "https://ess2024.org")
    assert same_site("http://ess2024.org/a/", "https://www.ess2024.org")
    assert not same_site("https://ess2024.org.evil.example/", "https://ess2024.org")
    assert not same_site("https://sub.ess2024.org/", "https://ess2024.org")


def test_listing_proof():
    from spiders.listing import Listing

    complete = Listing(site_ids={1, 2}, rest_total=2)
    assert complete.proof("rest") == []
    assert Listing().proof("sitemap") == []
    assert "the feed listing gives no totals" in Listing().proof("feed")
    assert "the no listing gives no totals" in Listing().proof(None)
    assert Listing().proof("wayback") and Listing().proof("archive")
    short = Listing(site_ids={1}, rest_total=2)
    assert short.proof("rest") == ["the REST API counts 2 posts but listed 1"]
    listing = Listing(site_ids={1, 2}, rest_total=2)
    listing.failed("REST page 2 is not a post list")
    listing.failed("REST page 2 is not a post list")
    listing.cannot_prove("the REST API sent no X-WP-Total / X-WP-TotalPages")
    assert listing.proof("rest") == ["REST page 2 is not a post list",
                                     "the REST API sent no X-WP-Total / X-WP-TotalPages"]
    assert listing.proof("sitemap") == listing.proof("rest")
