"""Machine-readable endpoints of the demo mirror, as WordPress core serves them:
REST API posts, core sitemaps, the RSS feed and robots.txt."""

from __future__ import annotations

import json
import math
from datetime import datetime, timezone
from email.utils import format_datetime
from html import escape
from urllib.parse import urlencode

from mirror.content import CATEGORY_NAMES, Post, category_id, iso_gmt, iso_local, paris_offset
from mirror.themes import SITE_NAME, texturize

REST_MAX_PER_PAGE = 100
FEED_PER_PAGE = 10


def rest_post(post: Post, base: str, tag_ids: dict[str, int]) -> dict:
    """Return the REST API object of one post (``/wp-json/wp/v2/posts/<id>``)."""
    return {
        "id": post.id,
        "date": post.date.isoformat(),
        "date_gmt": iso_gmt(post.date),
        "guid": {"rendered": f"{base}/?p={post.id}"},
        "modified": post.modified.isoformat(),
        "modified_gmt": iso_gmt(post.modified),
        "slug": post.slug,
        "status": post.status,
        "type": "post",
        "link": base + post.path(),
        "title": {"rendered": texturize(post.title)},
        "content": {"rendered": post.content + "\n", "protected": False},
        "excerpt": {"rendered": "", "protected": False},
        "author": 1,
        "categories": [category_id(c) for c in post.categories],
        "tags": [tag_ids[t] for t in post.tags],
        "lang": "fr",
    }


def rest_error(code: str, message: str, status: int) -> tuple[int, dict]:
    """Return a WordPress REST error body."""
    return status, {"code": code, "message": message, "data": {"status": status}}


def rest_posts(posts: list[Post], base: str, query: dict[str, str],
               tag_ids: dict[str, int]) -> tuple[int, object, dict[str, str]]:
    """Return status, JSON body and headers of ``/wp-json/wp/v2/posts`` for ``query``
    (``page``, ``per_page``, ``search``, ``modified_after``, ``_fields``)."""
    try:
        page = int(query.get("page", "1"))
        per_page = int(query.get("per_page", "10"))
    except ValueError:
        return (*rest_error("rest_invalid_param", "Paramètre(s) non valide(s) : page", 400), {})
    if not 1 <= per_page <= REST_MAX_PER_PAGE:
        return (*rest_error("rest_invalid_param",
                            "per_page doit être compris entre 1 (inclus) et 100 (inclus)", 400), {})
    selected = posts
    if query.get("search"):
        needle = query["search"].casefold()
        selected = [p for p in selected
                    if needle in p.title.casefold() or needle in p.content.casefold()]
    if query.get("modified_after"):
        try:
            after = datetime.fromisoformat(query["modified_after"].replace("Z", "+00:00"))
        except ValueError:
            return (*rest_error("rest_invalid_param", "modified_after n'est pas une date", 400), {})
        if after.tzinfo is None:
            selected = [p for p in selected if p.modified > after]
        else:
            after_gmt = after.astimezone(timezone.utc).replace(tzinfo=None)
            selected = [p for p in selected if p.modified - paris_offset(p.modified) > after_gmt]
    if query.get("orderby") == "id":
        selected = sorted(selected, key=lambda p: p.id, reverse=query.get("order", "desc") == "desc")
    elif query.get("order") == "asc":
        selected = list(reversed(selected))
    total = len(selected)
    pages = math.ceil(total / per_page)
    if page < 1 or (page > pages and page > 1):
        return (*rest_error("rest_post_invalid_page_number",
                            "Le nombre de pages demandé est plus grand que le nombre de pages disponibles.",
                            400), {})
    chunk = selected[(page - 1) * per_page: page * per_page]
    body = [rest_post(p, base, tag_ids) for p in chunk]
    if query.get("_fields"):
        keep = {f.split(".")[0] for f in query["_fields"].split(",")}
        body = [{k: v for k, v in obj.items() if k in keep} for obj in body]
    headers = {"X-WP-Total": str(total), "X-WP-TotalPages": str(pages)}
    if page < pages:
        nxt = dict(query, page=str(page + 1))
        headers["Link"] = f'<{base}/wp-json/wp/v2/posts?{urlencode(nxt)}>; rel="next"'
    return 200, body, headers


def rest_index(base: str) -> dict:
    """Return the ``/wp-json/`` discovery document."""
    return {"name": SITE_NAME, "url": base, "home": base, "namespaces": ["oembed/1.0", "wp/v2"],
            "routes": {"/wp/v2/posts": {"methods": ["GET"]}}}


def rest_categories() -> list[dict]:
    """Return ``/wp-json/wp/v2/categories``."""
    return [{"id": category_id(slug), "name": name, "slug": slug}
            for slug, name in CATEGORY_NAMES.items()]


def sitemap_index(base: str, post_pages: int) -> str:
    """Return the core ``/wp-sitemap.xml`` index."""
    entries = [f"{base}/wp-sitemap-posts-post-{n}.xml" for n in range(1, post_pages + 1)]
    entries.append(f"{base}/wp-sitemap-taxonomies-category-1.xml")
    body = "".join(f"<sitemap><loc>{escape(u)}</loc></sitemap>" for u in entries)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            f'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{body}</sitemapindex>\n')


def urlset(urls: list[str]) -> str:
    """Return a core sitemap ``urlset`` (core sitemaps carry no ``lastmod``)."""
    body = "".join(f"<url><loc>{escape(u)}</loc></url>" for u in urls)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{body}</urlset>\n')


def sitemap_index_with_lastmod(entries: list[tuple[str, datetime | None]]) -> str:
    """Return a sitemap index whose entries carry ``lastmod`` (as Yoast writes it)."""
    body = "".join(f"<sitemap><loc>{escape(u)}</loc>"
                   + (f"<lastmod>{iso_local(m)}</lastmod>" if m else "") + "</sitemap>" for u, m in entries)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            f'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{body}</sitemapindex>\n')


def urlset_with_lastmod(entries: list[tuple[str, datetime]]) -> str:
    """Return a ``urlset`` whose URLs carry ``lastmod``."""
    body = "".join(f"<url><loc>{escape(u)}</loc><lastmod>{iso_local(m)}</lastmod></url>" for u, m in entries)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{body}</urlset>\n')


def rss_feed(posts: list[Post], base: str) -> str:
    """Return an RSS 2.0 feed of ``posts`` with full content, as ``/feed/`` serves it."""
    items = []
    for p in posts:
        when = p.date.replace(tzinfo=None) - paris_offset(p.date)
        cats = "".join(f"<category><![CDATA[{CATEGORY_NAMES.get(c, c)}]]></category>"
                       for c in p.categories)
        items.append(
            f"<item><title>{texturize(p.title)}</title><link>{escape(base + p.path())}</link>"
            f"<pubDate>{format_datetime(when.replace(tzinfo=timezone.utc))}</pubDate>"
            f'{cats}<guid isPermaLink="false">{escape(base)}/?p={p.id}</guid>'
            f"<content:encoded><![CDATA[{p.content}]]></content:encoded></item>")
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">'
            f"<channel><title>{SITE_NAME}</title><link>{escape(base)}</link>"
            f"<language>fr-FR</language>{''.join(items)}</channel></rss>\n")


def robots_txt(base: str, sitemap: str | None) -> str:
    """Return WordPress's virtual robots.txt, naming the sitemap when there is one."""
    text = "User-agent: *\nDisallow: /wp-admin/\nAllow: /wp-admin/admin-ajax.php\n"
    if sitemap:
        text += f"\nSitemap: {base}{sitemap}\n"
    return text


def to_json(body: object) -> bytes:
    """Return ``body`` as WordPress encodes REST answers."""
    return json.dumps(body, ensure_ascii=False).encode("utf-8")
