"""Every discovery source, each against the local mirror over real HTTP: each finds every
interview and nothing else, with one interview per WordPress post whatever URL reached it."""

from __future__ import annotations

import json
import socket

import pytest
from sqlite_utils import Database

from mirror.server import running_mirror
from mirror.site import MirrorConfig, Site
from mirror.wayback import WaybackStandIn
from tests.conftest import LOOPBACK_CRAWL, run_cli


def crawl(base_url: str, db_path, *extra: str):
    done = run_cli("crawl", "--db", str(db_path), "--start-url", base_url + "/", *LOOPBACK_CRAWL, *extra)
    return done


def last_run(db_path) -> dict:
    return list(Database(db_path).query("SELECT * FROM crawl_runs ORDER BY id DESC LIMIT 1"))[0]


def archived_ids(db_path) -> list[int]:
    return sorted(r["id"] for r in Database(db_path)["interviews"].rows)


@pytest.mark.parametrize("config, source", [
    ({"rest": False}, "sitemap"),
    ({"rest": False, "sitemaps": False}, "feed"),
    ({"rest": False, "sitemaps": False, "feed": False}, "archive"),
    ({"rest": False, "sitemap_flavour": "yoast"}, "sitemap"),
])
def test_auto_falls_back_to_what_the_site_offers(make_mirror, tmp_path, interview_ids, config, source):
    server = make_mirror(**config)
    db_path = tmp_path / "a.db"
    done = crawl(server.base_url, db_path)
    assert done.returncode == 0, done.stderr
    assert archived_ids(db_path) == sorted(interview_ids)
    assert {r["source"] for r in Database(db_path)["interviews"].rows} == {source}
    run = last_run(db_path)
    assert run["status"] == "ok" and f"via {source}" in run["message"]
    completeness = json.loads(run["completeness"])[source]
    assert completeness["listed"] == len(interview_ids) == completeness["archived"]
    assert completeness["missing"] == []


def closed_port_url() -> str:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{probe.getsockname()[1]}"


def test_a_site_that_is_down_is_archived_from_the_wayback_machine(tmp_path, interview_ids):
    gone_site = closed_port_url()  # nothing listens: the site is down
    standin = WaybackStandIn.from_site(Site(MirrorConfig()), gone_site)
    with running_mirror(site=standin) as wayback:
        db_path = tmp_path / "w.db"
        done = crawl(gone_site, db_path, "-s", f"WAYBACK_BASE_URL={wayback.base_url}")
    assert done.returncode == 0, done.stderr
    db = Database(db_path)
    assert archived_ids(db_path) == sorted(interview_ids)  # ?p=ID copies deduplicated
    assert {r["source"] for r in db["interviews"].rows} == {"wayback"}
    assert all(r["url"].startswith(gone_site) for r in db["interviews"].rows)  # the site's own URLs
    assert "via wayback" in last_run(db_path)["message"]
    raw = [r for r in wayback.requests if "id_/" in r]
    assert raw and all("/web/20240901120000id_/" in r for r in raw)  # original bytes, not replay


def test_the_wayback_source_with_a_broken_cdx_answer_fails_cleanly(tmp_path):
    gone_site = closed_port_url()
    with running_mirror(site=WaybackStandIn(cdx_body=b"<html>oops</html>")) as wayback:
        done = crawl(gone_site, tmp_path / "b.db", "-s", f"WAYBACK_BASE_URL={wayback.base_url}")
    assert done.returncode == 3
    assert "is not a CDX answer" in done.stderr


def test_one_interview_per_post_whatever_url_reached_it(mirror, tmp_path, interview_ids):
    db_path = tmp_path / "dup.db"
    assert crawl(mirror.base_url, db_path).returncode == 0          # REST links
    assert crawl(mirror.base_url, db_path, "--source", "sitemap").returncode == 0  # slug URLs
    assert crawl(mirror.base_url, db_path, "--source", "feed").returncode == 0     # feed links
    assert archived_ids(db_path) == sorted(interview_ids)
    assert Database(db_path)["qa"].count == sum(1 for _ in Database(db_path)["qa"].rows)


def test_rest_pages_through_more_than_100_posts(make_mirror, tmp_path, posts):
    from mirror.generate import generated_posts

    extra = generated_posts(230, seed=5)
    server = make_mirror(posts=posts + extra)
    db_path = tmp_path / "many.db"
    done = crawl(server.base_url, db_path)
    assert done.returncode == 0, done.stderr
    expected = {p.id for p in posts + extra if p.expect == "interview"}
    assert set(archived_ids(db_path)) == expected
    assert sum("/wp-json/wp/v2/posts" in r for r in server.requests) == 3  # 259 posts, 100 a page


def test_discovery_helpers_read_headers_in_any_case():
    from spiders.discovery import read_rest_page

    page = read_rest_page(b'[{"id": 1, "link": "http://x/"}]', {"X-Wp-Total": "250", "X-Wp-Totalpages": "3"})
    assert (page.total, page.total_pages) == (250, 3)


@pytest.mark.parametrize("url, kept", [
    ("http://x/2021/03/04/3-questions-a-lea-morin-directrice/", True),
    ("http://x/la-cress-armor-3-questions-a-sa-directrice-anne-le-goff/", True),  # the title decides
    ("http://x/trois-questions-aux-fondatrices-de-cepe/", True),
    ("http://x/?p=4310", True),
    ("http://x/2021/03/04/ess-2024-interview-de-hugo-lambert-delegue-general/", True),  # the article decides
    ("http://x/2021/03/04/bilan-du-forum/", False),
    ("http://x/category/3-questions-a/page/2/", False),
])
def test_sitemap_urls_kept_for_their_slug(url, kept):
    from spiders.discovery import may_be_interview_url

    assert may_be_interview_url(url) is kept
