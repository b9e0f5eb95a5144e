"""The demo mirror answers like a standard WordPress over real HTTP."""

from __future__ import annotations

import json
import urllib.error
import urllib.request

import pytest
from lxml import etree

SITEMAP_NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):  # noqa: ANN002, ANN003
        return None


def fetch(url: str) -> tuple[int, dict[str, str], bytes]:
    """Return status, headers and body of a GET, without following redirects."""
    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(url, timeout=10) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def test_rest_api_pages_posts_with_wordpress_totals(mirror, posts):
    status, headers, body = fetch(f"{mirror.base_url}/wp-json/wp/v2/posts?per_page=5&page=2")
    assert status == 200
    assert headers["X-WP-Total"] == str(len(posts))
    assert headers["X-WP-TotalPages"] == str(-(-len(posts) // 5))
    page = json.loads(body)
    assert len(page) == 5
    assert {"id", "date", "date_gmt", "modified", "link", "title", "content"} <= set(page[0])
    assert page[0]["id"] == posts[5].id  # newest first, as WordPress orders by default


@pytest.mark.parametrize("query, code", [
    ("per_page=101", "rest_invalid_param"),
    ("page=99", "rest_post_invalid_page_number"),
])
def test_rest_api_rejects_what_wordpress_rejects(mirror, query, code):
    status, _, body = fetch(f"{mirror.base_url}/wp-json/wp/v2/posts?{query}")
    assert status == 400
    assert json.loads(body)["code"] == code


def test_rest_api_search_finds_by_title(mirror):
    _, headers, body = fetch(f"{mirror.base_url}/wp-json/wp/v2/posts?search=Okafor")
    assert [p["id"] for p in json.loads(body)] == [8012]
    assert headers["X-WP-Total"] == "1"


def test_core_sitemap_index_leads_to_every_post(mirror, posts):
    _, _, index = fetch(f"{mirror.base_url}/wp-sitemap.xml")
    children = etree.fromstring(index).xpath("//sm:loc/text()", namespaces=SITEMAP_NS)
    post_maps = [c for c in children if "posts-post" in c]
    locs = []
    for child in post_maps:
        _, _, xml = fetch(child)
        locs += etree.fromstring(xml).xpath("//sm:loc/text()", namespaces=SITEMAP_NS)
    assert sorted(locs) == sorted(mirror.base_url + p.path() for p in posts)


def test_robots_txt_names_the_sitemap(mirror):
    status, _, body = fetch(f"{mirror.base_url}/robots.txt")
    assert status == 200
    assert f"Sitemap: {mirror.base_url}/wp-sitemap.xml" in body.decode()


def test_query_permalink_and_date_permalink_are_the_same_post(mirror, posts):
    post = next(p for p in posts if p.id == 5120)
    _, _, by_query = fetch(f"{mirror.base_url}/?p=5120")
    _, _, by_path = fetch(mirror.base_url + post.path())
    assert by_query == by_path
    assert f'rel="canonical" href="{mirror.base_url}{post.path()}"'.encode() in by_path
    assert f"rel='shortlink' href='{mirror.base_url}/?p=5120'".encode() in by_path


def test_wrong_trailing_slash_redirects_to_the_permalink(mirror, posts):
    post = next(p for p in posts if not p.trailing_slash)
    status, headers, _ = fetch(mirror.base_url + post.path() + "/")
    assert status == 301
    assert headers["Location"] == mirror.base_url + post.path()


def test_archives_paginate_and_end_with_a_real_404(mirror, posts):
    pages = -(-len(posts) // 10)
    status, _, body = fetch(f"{mirror.base_url}/page/{pages}/")
    assert status == 200 and b"prev page-numbers" in body and b"next page-numbers" not in body
    assert fetch(f"{mirror.base_url}/page/{pages + 1}/")[0] == 404
    assert fetch(f"{mirror.base_url}/no-such-page/")[0] == 404


def test_feed_is_rss_with_full_content(mirror, posts):
    status, headers, body = fetch(f"{mirror.base_url}/feed/")
    assert status == 200 and headers["Content-Type"].startswith("application/rss+xml")
    items = etree.fromstring(body).xpath("//item")
    assert len(items) == 10
    assert items[0].findtext("guid") == f"{mirror.base_url}/?p={posts[0].id}"


def test_sources_can_be_switched_off(make_mirror):
    server = make_mirror(rest=False, sitemaps=False)
    assert fetch(f"{server.base_url}/wp-json/wp/v2/posts")[0] == 401
    assert fetch(f"{server.base_url}/wp-sitemap.xml")[0] == 404
    assert b"Sitemap:" not in fetch(f"{server.base_url}/robots.txt")[2]


def test_mirror_refuses_to_listen_beyond_loopback():
    from mirror.server import MirrorServer
    from mirror.site import Site

    with pytest.raises(ValueError, match="loopback"):
        MirrorServer(Site(), host="0.0.0.0")


def test_demo_content_has_the_shapes_the_issue_asks_for(posts):
    interviews = [p for p in posts if p.expect == "interview"]
    others = [p for p in posts if p.expect != "interview"]
    assert len(interviews) >= 20 and len(others) >= 8
    assert {p.theme for p in interviews} == {"classic", "block", "legacy"}
    assert {p.questions for p in interviews} >= {2, 3, 5}
    assert any(not p.trailing_slash for p in posts)
