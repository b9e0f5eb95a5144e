"""Routing of the demo mirror: a request path in, a WordPress-like response out.

Pure (no sockets), so the same site can be served over HTTP by ``mirror.server`` and
inspected directly in tests. ``MirrorConfig`` switches sources off the way a real site may
(REST disabled by a security plugin, sitemaps off, ...)."""

from __future__ import annotations

import dataclasses
import hashlib
import math
import re
import struct
import zlib
from dataclasses import dataclass, field
from email.utils import format_datetime
from datetime import timedelta, timezone
from urllib.parse import parse_qs, urlsplit

from mirror import endpoints, themes
from mirror.content import CATEGORY_NAMES, Post, load_posts, paris_offset

ARCHIVE_PER_PAGE = 10
SITEMAP_MAX_URLS = 2000


@dataclass
class MirrorConfig:
    """What the mirror serves; every source can be switched off."""

    posts: list[Post] = field(default_factory=load_posts)
    rest: bool = True
    sitemaps: bool = True
    feed: bool = True
    archives: bool = True
    # "core": /wp-sitemap.xml without lastmod (WordPress core); "yoast": /sitemap_index.xml
    # and /post-sitemap.xml with lastmod (the Yoast SEO plugin, which turns core's off).
    sitemap_flavour: str = "core"


@dataclass
class Response:
    """An HTTP response of the mirror."""

    status: int
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)


def html(text: str, status: int = 200, extra: dict[str, str] | None = None) -> Response:
    """Return an HTML response."""
    return Response(status, text.encode("utf-8"),
                    {"Content-Type": "text/html; charset=UTF-8", **(extra or {})})


def redirect(location: str) -> Response:
    """Return a permanent redirect, as WordPress's redirect_canonical sends."""
    return Response(301, b"", {"Location": location, "Content-Type": "text/html; charset=UTF-8"})


UPLOAD = re.compile(r"/wp-content/uploads/[^\"'\s?#]+\.(?:jpe?g|png|gif|webp)", re.IGNORECASE)


def demo_picture(path: str, width: int = 24, height: int = 16) -> bytes:
    """Return a small invented picture for an uploads path: a PNG (written here, no file)
    in two colours derived from the path, so each picture has its own bytes."""
    seed = hashlib.sha256(path.encode()).digest()
    rows = b"".join(b"\x00" + b"".join(seed[0:3] if (x // 4 + y // 4) % 2 else seed[3:6] for x in range(width))
                    for y in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)  # 8-bit RGB
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


class Site:
    """The mirror's routes over one ``MirrorConfig``."""

    def __init__(self, config: MirrorConfig | None = None) -> None:
        self.config = config or MirrorConfig()
        self.refresh()

    def edit(self, post_id: int, **changes: object) -> Post:
        """Change a post as an editor would (``modified`` moves on) and return it."""
        old = next(p for p in self.config.posts if p.id == post_id)
        new = dataclasses.replace(old, modified=old.modified + timedelta(days=1), **changes)
        self.config.posts = [new if p.id == post_id else p for p in self.config.posts]
        self.refresh()
        return new

    def refresh(self) -> None:
        """Recompute the indexes after ``config.posts`` changed (e.g. an edited post)."""
        posts = [p for p in self.config.posts if p.status == "publish"]
        self.posts = sorted(posts, key=lambda p: (p.date, p.id), reverse=True)
        self.by_id = {p.id: p for p in self.posts}
        self.by_path = {p.path().rstrip("/"): p for p in self.posts}
        self.tag_ids = {t: 100 + i for i, t in
                        enumerate(sorted({t for p in self.posts for t in p.tags}))}
        # The pictures the published posts show (served from the uploads folder, like WordPress).
        self.uploads = {m.group(0) for p in self.posts for m in UPLOAD.finditer(p.content)}

    def respond(self, target: str, base: str, headers: dict[str, str] | None = None) -> Response:
        """Return the response to GET ``target`` (path and query) on a site at ``base``."""
        parts = urlsplit(target)
        path, query = parts.path or "/", {k: v[-1] for k, v in parse_qs(parts.query).items()}
        response = self.route(path, query, base)
        if response.status == 200 and "ETag" in response.headers:
            inm = (headers or {}).get("If-None-Match")
            if inm and inm == response.headers["ETag"]:
                return Response(304, b"", {"ETag": response.headers["ETag"]})
        return response

    def route(self, path: str, query: dict[str, str], base: str) -> Response:
        """Dispatch one request."""
        if path == "/robots.txt":
            sitemap = None if not self.config.sitemaps else (
                "/sitemap_index.xml" if self.config.sitemap_flavour == "yoast" else "/wp-sitemap.xml")
            return Response(200, endpoints.robots_txt(base, sitemap).encode(),
                            {"Content-Type": "text/plain; charset=utf-8"})
        if path.startswith("/wp-json"):
            return self.rest(path, query, base)
        if path.startswith("/wp-content/uploads/"):
            if path not in self.uploads:
                return self.not_found(base)
            return Response(200, demo_picture(path), {"Content-Type": "image/png",
                                                      "Cache-Control": "max-age=31536000"})
        if path.startswith("/wp-sitemap") or path in ("/sitemap_index.xml", "/post-sitemap.xml"):
            return self.sitemap(path, base)
        if path == "/" and "p" in query:
            post = self.by_id.get(int(query["p"])) if query["p"].isdigit() else None
            return self.single(post, base) if post else self.not_found(base)
        if re.fullmatch(r"/(category/[^/]+/)?feed/?", path):
            return self.feed(path, query, base)
        match = re.fullmatch(r"/(?:category/(?P<cat>[^/]+)/)?(?:page/(?P<n>\d+)/?)?", path)
        if match and self.config.archives:
            return self.archive(match.group("cat"), int(match.group("n") or 1), base)
        post = self.by_path.get(path.rstrip("/"))
        if post is None:
            return self.not_found(base)
        if path != post.path():
            return redirect(base + post.path())
        return self.single(post, base)

    def single(self, post: Post, base: str) -> Response:
        """Return a post page with its validators."""
        text = themes.post_page(post, base)
        gmt = (post.modified - paris_offset(post.modified)).replace(tzinfo=timezone.utc)
        return html(text, extra={
            "ETag": '"' + hashlib.sha1(text.encode()).hexdigest()[:16] + '"',
            "Last-Modified": format_datetime(gmt, usegmt=True),
            "Link": f'<{base}/wp-json/>; rel="https://api.w.org/", '
                    f'<{base}/?p={post.id}>; rel=shortlink'})

    def not_found(self, base: str) -> Response:
        """Return WordPress's 404 page."""
        return html(themes.not_found_page(base), status=404)

    def archive(self, category: str | None, page: int, base: str) -> Response:
        """Return the home or a category archive, ``ARCHIVE_PER_PAGE`` posts a page."""
        if category is not None and category not in CATEGORY_NAMES:
            return self.not_found(base)
        posts = [p for p in self.posts if category is None or category in p.categories]
        pages = max(1, math.ceil(len(posts) / ARCHIVE_PER_PAGE))
        if page > pages:
            return self.not_found(base)
        root = base + (f"/category/{category}/" if category else "/")
        chunk = posts[(page - 1) * ARCHIVE_PER_PAGE: page * ARCHIVE_PER_PAGE]
        prev_url = (root if page == 2 else f"{root}page/{page - 1}/") if page > 1 else None
        next_url = f"{root}page/{page + 1}/" if page < pages else None
        title = CATEGORY_NAMES.get(category or "", themes.SITE_NAME)
        return html(themes.archive_page(title, chunk, base, prev_url, next_url))

    def feed(self, path: str, query: dict[str, str], base: str) -> Response:
        """Return ``/feed/`` or a category feed, paged with ``?paged=N``."""
        if not self.config.feed:
            return self.not_found(base)
        if not path.endswith("/"):
            return redirect(base + path + "/")
        cat = re.match(r"/category/([^/]+)/", path)
        posts = [p for p in self.posts if not cat or cat.group(1) in p.categories]
        page = int(query.get("paged", "1")) if query.get("paged", "1").isdigit() else 1
        chunk = posts[(page - 1) * endpoints.FEED_PER_PAGE: page * endpoints.FEED_PER_PAGE]
        if page > 1 and not chunk:
            return self.not_found(base)
        return Response(200, endpoints.rss_feed(chunk, base).encode("utf-8"),
                        {"Content-Type": "application/rss+xml; charset=UTF-8"})

    def sitemap(self, path: str, base: str) -> Response:
        """Return the core sitemap index or one of its child sitemaps."""
        if not self.config.sitemaps:
            return self.not_found(base)
        if self.config.sitemap_flavour == "yoast":
            return self.yoast_sitemap(path, base)
        pages = max(1, math.ceil(len(self.posts) / SITEMAP_MAX_URLS))
        xml = None
        if path == "/wp-sitemap.xml":
            xml = endpoints.sitemap_index(base, pages)
        elif match := re.fullmatch(r"/wp-sitemap-posts-post-(\d+)\.xml", path):
            n = int(match.group(1))
            chunk = self.posts[(n - 1) * SITEMAP_MAX_URLS: n * SITEMAP_MAX_URLS]
            xml = endpoints.urlset([base + p.path() for p in chunk]) if chunk else None
        elif path == "/wp-sitemap-taxonomies-category-1.xml":
            xml = endpoints.urlset([f"{base}/category/{c}/" for c in CATEGORY_NAMES])
        if xml is None:
            return self.not_found(base)
        return Response(200, xml.encode("utf-8"), {"Content-Type": "application/xml; charset=UTF-8"})

    def yoast_sitemap(self, path: str, base: str) -> Response:
        """Return Yoast's sitemap index or its post sitemap, both with ``lastmod``."""
        if path == "/sitemap_index.xml":
            newest = max((p.modified for p in self.posts), default=None)
            xml = endpoints.sitemap_index_with_lastmod([(f"{base}/post-sitemap.xml", newest)])
        elif path == "/post-sitemap.xml":
            xml = endpoints.urlset_with_lastmod([(base + p.path(), p.modified) for p in self.posts])
        else:
            return self.not_found(base)
        return Response(200, xml.encode("utf-8"), {"Content-Type": "application/xml; charset=UTF-8"})

    def rest(self, path: str, query: dict[str, str], base: str) -> Response:
        """Return the REST API routes the archive uses."""
        if not self.config.rest:
            status, body = endpoints.rest_error("rest_disabled", "L’API REST est désactivée.", 401)
            return self.json(status, body)
        route = path[len("/wp-json"):].rstrip("/")
        if route == "":
            return self.json(200, endpoints.rest_index(base))
        if route == "/wp/v2/posts":
            status, body, headers = endpoints.rest_posts(self.posts, base, query, self.tag_ids)
            return self.json(status, body, headers)
        if match := re.fullmatch(r"/wp/v2/posts/(\d+)", route):
            post = self.by_id.get(int(match.group(1)))
            if post:
                return self.json(200, endpoints.rest_post(post, base, self.tag_ids))
            return self.json(*endpoints.rest_error("rest_post_invalid_id", "ID d’article non valide.", 404))
        if route == "/wp/v2/categories":
            return self.json(200, endpoints.rest_categories(), {"X-WP-Total": str(len(CATEGORY_NAMES)),
                                                                 "X-WP-TotalPages": "1"})
        return self.json(*endpoints.rest_error("rest_no_route",
                                               "Aucune route correspondante à l’URL.", 404))

    @staticmethod
    def json(status: int, body: object, headers: dict[str, str] | None = None) -> Response:
        """Return a REST JSON response."""
        return Response(status, endpoints.to_json(body),
                        {"Content-Type": "application/json; charset=UTF-8", **(headers or {})})
