"""Reading WordPress discovery documents (REST post lists, XML sitemaps): pure helpers
beside the spider, so the spider only routes requests."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from urllib.parse import urlencode, urlsplit, urlunsplit

from scrapy.utils.sitemap import Sitemap

# Children of a sitemap index that list posts: core "wp-sitemap-posts-post-N.xml", Yoast
# "post-sitemap.xml" / "post-sitemap2.xml", other plugins "sitemap-posts*.xml".
POST_SITEMAP = re.compile(r"(posts-post-\d+|post-sitemap\d*|sitemap-posts?[-\d]*)\.xml", re.IGNORECASE)
SITEMAP_PATHS = ("wp-sitemap.xml", "sitemap_index.xml", "sitemap.xml")
# Only what the record needs from a REST post object is kept with the page capture.
REST_CONTEXT_FIELDS = ("id", "date", "date_gmt", "modified", "modified_gmt", "slug", "status",
                       "link", "title", "categories", "tags")


def site_root(start_url: str) -> str:
    """Return the WordPress home URL (scheme, host and any install folder), no trailing slash."""
    parts = urlsplit(start_url.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(f"start URL must be an http(s) URL, not {start_url!r}")
    return urlunsplit((parts.scheme, parts.netloc, parts.path.rstrip("/"), "", ""))


def rest_posts_url(root: str, page: int, per_page: int, modified_after: str | None = None) -> str:
    """Return the REST API URL of one page of posts, oldest id first so that posts
    published during the crawl do not shift the pages."""
    query = {"per_page": per_page, "page": page, "orderby": "id", "order": "asc"}
    if modified_after:
        query["modified_after"] = modified_after
    return f"{root}/wp-json/wp/v2/posts?{urlencode(query)}"


@dataclass
class RestPage:
    """One page of ``/wp-json/wp/v2/posts``."""

    posts: list[dict]
    total: int | None
    total_pages: int


def read_rest_page(body: bytes, headers: dict[str, str]) -> RestPage | None:
    """Return the posts of a REST answer, or None when it is not a WordPress post list."""
    try:
        data = json.loads(body)
    except (ValueError, UnicodeDecodeError):
        return None
    if not isinstance(data, list) or not all(isinstance(p, dict) for p in data):
        return None
    posts = [p for p in data if isinstance(p.get("id"), int) and isinstance(p.get("link"), str)]
    if len(posts) != len(data):
        return None

    def header_int(name: str) -> int | None:
        value = headers.get(name, "")
        return int(value) if value.strip().isdigit() else None

    return RestPage(posts, header_int("X-WP-Total"), header_int("X-WP-TotalPages") or 1)


def rest_context(post: dict) -> dict:
    """Return the REST post object without its content, to keep beside the page capture."""
    return {k: post[k] for k in REST_CONTEXT_FIELDS if k in post}


def rest_title(post: dict) -> str:
    """Return ``title.rendered`` of a REST post object ("" when missing)."""
    title = post.get("title")
    rendered = title.get("rendered") if isinstance(title, dict) else None
    return rendered if isinstance(rendered, str) else ""


@dataclass
class SitemapDoc:
    """An XML sitemap: an index of sitemaps or a list of pages."""

    is_index: bool
    locations: list[str]


def read_sitemap(body: bytes) -> SitemapDoc | None:
    """Return what a sitemap lists, or None when the body is not a sitemap."""
    try:
        sitemap = Sitemap(body)
    except Exception:  # noqa: BLE001 - lxml raises several kinds on malformed XML
        return None
    if sitemap.type not in ("sitemapindex", "urlset"):
        return None
    locations = [entry["loc"].strip() for entry in sitemap if entry.get("loc")]
    return SitemapDoc(sitemap.type == "sitemapindex", locations)


def is_post_sitemap(url: str) -> bool:
    """Return whether a child sitemap lists posts (not pages, terms or authors)."""
    return bool(POST_SITEMAP.search(urlsplit(url).path))


def same_site(url: str, root: str) -> bool:
    """Return whether ``url`` is on the site's host."""
    return urlsplit(url).hostname == urlsplit(root).hostname


def flat_headers(raw_headers: object) -> dict[str, str]:
    """Return Scrapy's byte headers as a plain ``{name: value}`` dict."""
    flat: dict[str, str] = {}
    for name, values in raw_headers.items():  # type: ignore[attr-defined]
        key = name.decode("latin-1") if isinstance(name, bytes) else str(name)
        flat[key] = ", ".join(v.decode("latin-1") if isinstance(v, bytes) else str(v) for v in values)
    return flat
