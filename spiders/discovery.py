"""Reading WordPress discovery documents (REST post lists, XML sitemaps): pure helpers
beside the spider, so the spider only routes requests."""

from __future__ import annotations

import html
import json
import re
import zlib
from dataclasses import dataclass
from urllib.parse import urlencode, urljoin, urlsplit, urlunsplit

from lxml import etree
from scrapy.utils.gz import gunzip
from scrapy.utils.sitemap import Sitemap, sitemap_urls_from_robots

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


# The listing asks only for what discovery needs: the HTML page of each interview is
# fetched (and kept) for the record, so post contents are not downloaded twice.
REST_FIELDS = ",".join(REST_CONTEXT_FIELDS)


def rest_posts_url(root: str, page: int, per_page: int) -> str:
    """Return the REST API URL of one page of posts, oldest id first so that posts
    published during the crawl do not shift the pages."""
    query = {"per_page": per_page, "page": page, "orderby": "id", "order": "asc", "_fields": REST_FIELDS}
    return f"{root}/wp-json/wp/v2/posts?{urlencode(query)}"


@dataclass
class RestPage:
    """One page of ``/wp-json/wp/v2/posts``."""

    posts: list[dict]
    total: int | None
    total_pages: int | None


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

    lowered = {k.lower(): v for k, v in headers.items()}  # Scrapy spells it X-Wp-Totalpages

    def header_int(name: str) -> int | None:
        value = lowered.get(name.lower(), "")
        return int(value) if value.strip().isdigit() else None

    return RestPage(posts, header_int("X-WP-Total"), header_int("X-WP-TotalPages"))


def rest_context(post: dict) -> dict:
    """Return the REST post object without its content, to keep beside the page capture."""
    return {k: post[k] for k in REST_CONTEXT_FIELDS if k in post}


@dataclass
class SitemapDoc:
    """An XML sitemap: an index of sitemaps or a list of pages, with ``lastmod`` when given."""

    is_index: bool
    entries: list[tuple[str, str | None]]
    malformed: bool = False  # the XML is broken: what could be read is kept, the listing is incomplete

    @property
    def locations(self) -> list[str]:
        """Return the listed URLs."""
        return [loc for loc, _ in self.entries]


def read_sitemap(body: bytes) -> SitemapDoc | None:
    """Return what a sitemap lists, or None when the body is not a sitemap."""
    try:
        sitemap = Sitemap(body)  # lxml in recover mode: reads what it can of broken XML
        if sitemap.type not in ("sitemapindex", "urlset"):
            return None
        entries = [(entry["loc"].strip(), (entry.get("lastmod") or "").strip() or None)
                   for entry in sitemap if entry.get("loc")]
    except Exception:  # noqa: BLE001 - lxml raises several kinds on malformed XML
        return None
    try:
        etree.fromstring(body, etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True))
        malformed = False
    except etree.XMLSyntaxError:
        malformed = True
    return SitemapDoc(sitemap.type == "sitemapindex", entries, malformed)


def robots_sitemaps(body: bytes, base_url: str) -> list[str]:
    """Return the ``Sitemap:`` URLs of a robots.txt, relative ones made absolute."""
    return list(sitemap_urls_from_robots(body, base_url=base_url))


GZIP_MAGIC = b"\x1f\x8b\x08"


def sitemap_body(body: bytes, max_size: int) -> bytes | None:
    """Return a sitemap's XML, gunzipped when it came as ``.xml.gz`` (None past ``max_size``)."""
    if body[:3] != GZIP_MAGIC:
        return body
    try:
        return gunzip(body, max_size=max_size)
    except (OSError, EOFError, ValueError, zlib.error):  # ValueError: past max_size
        return None


# Permalinks of the series: /2020/09/22/3-questions-a-name.../, /3-question-au-..., /3-questions-to-...,
# and after a prefix (/la-cress-x-3-questions-a-sa-directrice-.../), and "Interview de Name, …"
# posts (/interview-de-name-.../, /entretien-avec-name-.../): the title and the article decide.
SERIES_SLUG = re.compile(r"/(?:[^/]*-)?(?:(?:3|trois|three)-questions?-(?:a|au|aux|to|for|with)|"
                         r"(?:interview|entretien)-(?:de|d|avec))-[^/]+/?$", re.IGNORECASE)
POST_PERMALINK = re.compile(r"/\d{4}/\d{2}/\d{2}/[^/]+/?$")


def may_be_interview_url(url: str) -> bool:
    """Return whether a URL may be an interview of the series: a series slug, or a ``?p=ID``
    link that says nothing (sitemaps and Wayback listings give no titles)."""
    parts = urlsplit(url)
    return bool(SERIES_SLUG.search(parts.path)) or (parts.path in ("", "/") and "p=" in parts.query)


def is_post_url(url: str) -> bool:
    """Return whether a URL is a post permalink (date form) or a ``?p=ID`` link."""
    parts = urlsplit(url)
    return bool(POST_PERMALINK.search(parts.path)) or (
        parts.path in ("", "/") and bool(re.fullmatch(r"p=\d+", parts.query)))


@dataclass
class FeedItem:
    """One item of an RSS feed."""

    title: str
    link: str
    post_id: int | None


def read_feed(body: bytes) -> list[FeedItem] | None:
    """Return the items of an RSS 2.0 feed, or None when the body is not one."""
    try:
        root = etree.fromstring(body, etree.XMLParser(resolve_entities=False, no_network=True, recover=True))
    except (etree.XMLSyntaxError, ValueError):
        return None
    if root is None or root.tag != "rss":
        return None
    items = []
    for item in root.iterfind("channel/item"):
        link, title = (item.findtext("link") or "").strip(), html.unescape(item.findtext("title") or "")
        guid = item.findtext("guid") or ""
        match = re.search(r"[?&]p=(\d+)", guid)
        if link:
            items.append(FeedItem(title.strip(), link, int(match.group(1)) if match else None))
    return items


@dataclass
class ArchivePage:
    """A listing page (home, category): its posts (URL, title) and the next page."""

    posts: list[tuple[str, str]]
    next_url: str | None


def read_archive(body: bytes, url: str, root: str) -> ArchivePage | None:
    """Return the posts an archive page links to (post permalinks in headings or with
    ``rel=bookmark``, whatever the theme) and its next page, or None when it is not HTML."""
    try:
        tree = etree.fromstring(body, etree.HTMLParser())
    except (etree.XMLSyntaxError, ValueError):
        return None
    if tree is None:
        return None
    posts: dict[str, str] = {}
    for link in tree.iter("a"):
        href = urljoin(url, link.get("href") or "")
        in_heading = any(a.tag in ("h1", "h2", "h3", "h4") for a in link.iterancestors())
        if (in_heading or "bookmark" in (link.get("rel") or "")) and same_site(href, root) and is_post_url(href):
            posts.setdefault(href, " ".join("".join(link.itertext()).split()))
    page = re.search(r"/page/(\d+)/?$", urlsplit(url).path)
    wanted = int(page.group(1)) + 1 if page else 2
    next_url = None
    for link in tree.iter("a"):
        href = urljoin(url, link.get("href") or "")
        found = re.search(r"/page/(\d+)/?$", urlsplit(href).path)
        if found and int(found.group(1)) == wanted and same_site(href, root):
            next_url = href
            break
    return ArchivePage(list(posts.items()), next_url)


# --- the Wayback Machine -------------------------------------------------------------
CDX_FIELDS = "timestamp,original,statuscode,mimetype,digest"


def cdx_query_url(base: str, target: str, exact: bool = False) -> str:
    """Return the CDX API query listing the HTML captures (status 200) of a site (a prefix
    match on ``target``) or of one URL (``exact``, newest capture only)."""
    query = {"url": target if exact else target.rstrip("/") + "/*", "output": "json", "fl": CDX_FIELDS}
    extra = [("filter", "statuscode:200"), ("filter", "mimetype:text/html")]
    extra += [("limit", "-1")] if exact else [("collapse", "digest")]
    return f"{base.rstrip('/')}/cdx/search/cdx?{urlencode(list(query.items()) + extra)}"


@dataclass
class CdxCapture:
    """One row of a CDX answer."""

    timestamp: str
    original: str


def read_cdx(body: bytes) -> list[CdxCapture] | None:
    """Return the captures of a CDX JSON answer (first row: field names), or None when the
    answer is not one. An empty answer is an empty list."""
    if not body.strip():
        return []
    try:
        rows = json.loads(body)
    except (ValueError, UnicodeDecodeError):
        return None
    if not isinstance(rows, list) or not all(isinstance(r, list) for r in rows):
        return None
    if not rows:
        return []
    header = rows[0]
    if "timestamp" not in header or "original" not in header:
        return None
    ts, orig = header.index("timestamp"), header.index("original")
    return [CdxCapture(str(r[ts]), str(r[orig])) for r in rows[1:] if len(r) > max(ts, orig)]


def latest_captures(captures: list[CdxCapture]) -> dict[str, CdxCapture]:
    """Return the newest capture of each URL (trailing slash and scheme ignored)."""
    latest: dict[str, CdxCapture] = {}
    for capture in captures:
        parts = urlsplit(capture.original)
        key = f"{parts.netloc}{parts.path.rstrip('/')}?{parts.query}"
        if key not in latest or capture.timestamp > latest[key].timestamp:
            latest[key] = capture
    return latest


# The original URL inside a Wayback address: /web/20210304123456id_/http://site/...
WAYBACK_ORIGINAL = re.compile(r"/web/\d{1,14}(?:[a-z]{2}_)?/(https?://.+)$")


def wayback_raw_url(base: str, capture: CdxCapture) -> str:
    """Return the URL of a capture's original bytes (the ``id_`` form, not the replay page)."""
    return f"{base.rstrip('/')}/web/{capture.timestamp}id_/{capture.original}"


def is_post_sitemap(url: str) -> bool:
    """Return whether a child sitemap lists posts (not pages, terms or authors)."""
    return bool(POST_SITEMAP.search(urlsplit(url).path))


def host_key(host: str | None) -> str:
    """Return a host as one site: ``www.`` and the bare domain are the same site."""
    host = (host or "").lower().rstrip(".")
    return host[4:] if host.startswith("www.") else host


def same_site(url: str, root: str) -> bool:
    """Return whether ``url`` is on the site's host (``www.`` or not)."""
    return host_key(urlsplit(url).hostname) == host_key(urlsplit(root).hostname)


def on_host(url: str, root: str) -> str:
    """Return ``url`` moved onto the scheme and host of ``root`` (the site answers there)."""
    parts, base = urlsplit(url), urlsplit(root)
    return urlunsplit((base.scheme, base.netloc, parts.path or "/", parts.query, ""))


def flat_headers(raw_headers: object) -> dict[str, str]:
    """Return Scrapy's byte headers as a plain ``{name: value}`` dict."""
    flat: dict[str, str] = {}
    for name, values in raw_headers.items():  # type: ignore[attr-defined]
        key = name.decode("latin-1") if isinstance(name, bytes) else str(name)
        flat[key] = ", ".join(v.decode("latin-1") if isinstance(v, bytes) else str(v) for v in values)
    return flat
