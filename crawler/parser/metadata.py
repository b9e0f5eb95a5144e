"""Article metadata from ordered fallbacks, one small function per layer:
WordPress REST object, JSON-LD, OpenGraph, ``rel`` links and core markup, then the URL."""

from __future__ import annotations

import json
import re
from datetime import datetime, timedelta, timezone
from html import unescape
from urllib.parse import parse_qs, urljoin, urlsplit

from lxml import html as lxml_html

from crawler.parser import selectors as sel
from crawler.parser.text import clean_text

POST_ID_IN_CLASS = re.compile(r"\bpostid-(\d+)\b")
POST_ID_IN_ARTICLE = re.compile(r"^post-(\d+)$")
POST_ID_IN_REST_LINK = re.compile(r"/wp/v2/posts/(\d+)")
URL_DATE = re.compile(r"/(\d{4})/(\d{2})/(\d{2})/")
PRINTED_DATE = re.compile(r"^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$")
SITE_SUFFIX = re.compile(r"\s+[–—|-]\s+[^–—|-]+$")


def first(tree: lxml_html.HtmlElement, xpath: str) -> str | None:
    """Return the first non-empty string the XPath selects, stripped."""
    for value in tree.xpath(xpath):
        text = str(value).strip()
        if text:
            return text
    return None


def json_ld_article(tree: lxml_html.HtmlElement) -> dict:
    """Return the Article/BlogPosting object of the page's JSON-LD (Yoast, Rank Math), or {}."""
    for raw in tree.xpath(sel.JSON_LD):
        try:
            data = json.loads(raw)
        except ValueError:
            continue
        nodes = data.get("@graph", [data]) if isinstance(data, dict) else data
        for node in nodes if isinstance(nodes, list) else []:
            kind = node.get("@type") if isinstance(node, dict) else None
            kinds = kind if isinstance(kind, list) else [kind]
            if any(k in ("Article", "BlogPosting", "NewsArticle") for k in kinds):
                return node
    return {}


def query_post_id(url: str | None) -> int | None:
    """Return N from a ``?p=N`` URL."""
    if not url:
        return None
    values = parse_qs(urlsplit(url).query).get("p")
    return int(values[0]) if values and values[0].isdigit() else None


def post_id(tree: lxml_html.HtmlElement, url: str) -> int | None:
    """Return the WordPress post id: shortlink, body class, article id, REST link, ``?p=``."""
    found = query_post_id(first(tree, sel.SHORTLINK))
    if found:
        return found
    for xpath, pattern in ((sel.BODY_CLASS, POST_ID_IN_CLASS), (sel.ARTICLE_ID, POST_ID_IN_ARTICLE),
                           (sel.REST_ALTERNATE, POST_ID_IN_REST_LINK)):
        for value in tree.xpath(xpath):
            match = pattern.search(str(value))
            if match:
                return int(match.group(1))
    return query_post_id(url)


def canonical_url(tree: lxml_html.HtmlElement, url: str) -> str:
    """Return the canonical URL: ``rel=canonical``, then ``og:url``, then the fetched URL."""
    found = first(tree, sel.CANONICAL) or first(tree, sel.OG.format(name="og:url"))
    return urljoin(url, found) if found else url


def title_text(tree: lxml_html.HtmlElement, ld: dict) -> str | None:
    """Return the post title: the theme's heading, JSON-LD headline, og:title, <title>."""
    for xpath in sel.TITLES:
        for element in tree.xpath(xpath):
            text = clean_text(element.text_content())
            if text:
                return text
    for candidate in (ld.get("headline"), first(tree, sel.OG.format(name="og:title"))):
        if isinstance(candidate, str) and candidate.strip():
            return clean_text(unescape(candidate))
    head = first(tree, sel.HEAD_TITLE)
    if head:
        return clean_text(SITE_SUFFIX.sub("", head))
    return first(tree, "//h1//text()")


def normalise_date(value: str | None) -> str | None:
    """Return an ISO 8601 date-time (offset kept when given), or None if unreadable."""
    if not value:
        return None
    value = value.strip().replace("Z", "+00:00")
    try:
        return datetime.fromisoformat(value).isoformat()
    except ValueError:
        match = re.match(r"\d{4}-\d{2}-\d{2}", value)
        return match.group(0) if match else None


def rest_date(local: str | None, gmt: str | None) -> str | None:
    """Return a REST date with its UTC offset, computed from ``date`` and ``date_gmt``."""
    stamp = normalise_date(local)
    if not stamp or not gmt:
        return stamp
    try:
        moment, moment_gmt = datetime.fromisoformat(local), datetime.fromisoformat(gmt)
    except (TypeError, ValueError):
        return stamp
    offset = moment - moment_gmt
    if moment.tzinfo or abs(offset) > timedelta(hours=14):
        return stamp
    return moment.replace(tzinfo=timezone(offset)).isoformat()


def printed_date(text: str) -> str | None:
    """Return ``dd/mm/yyyy`` (the line under the title) as ``yyyy-mm-dd``, or None."""
    match = PRINTED_DATE.match(text.strip())
    if not match:
        return None
    day, month, year = (int(g) for g in match.groups())
    try:
        return datetime(year, month, day).date().isoformat()
    except ValueError:
        return None


def url_date(url: str) -> str | None:
    """Return the date of a ``/YYYY/MM/DD/slug/`` permalink as ``yyyy-mm-dd``, or None."""
    match = URL_DATE.search(urlsplit(url).path)
    if not match:
        return None
    try:
        return datetime(*(int(g) for g in match.groups())).date().isoformat()
    except ValueError:
        return None


def published_dates(tree: lxml_html.HtmlElement, ld: dict) -> tuple[str | None, str | None]:
    """Return (published, modified) from JSON-LD, article meta, then ``<time datetime>``."""
    published = (normalise_date(ld.get("datePublished") if isinstance(ld.get("datePublished"), str) else None)
                 or normalise_date(first(tree, sel.OG.format(name="article:published_time")))
                 or normalise_date(first(tree, sel.TIME_PUBLISHED)))
    modified = (normalise_date(ld.get("dateModified") if isinstance(ld.get("dateModified"), str) else None)
                or normalise_date(first(tree, sel.OG.format(name="article:modified_time")))
                or normalise_date(first(tree, sel.TIME_UPDATED)))
    return published, modified


def language(tree: lxml_html.HtmlElement, ld: dict, default: str) -> str:
    """Return the two-letter language: ``<html lang>``, og:locale, JSON-LD, else ``default``."""
    for value in (first(tree, sel.HTML_LANG), first(tree, sel.OG.format(name="og:locale")),
                  ld.get("inLanguage") if isinstance(ld.get("inLanguage"), str) else None):
        if value and re.match(r"^[a-zA-Z]{2}\b", value):
            return value[:2].lower()
    return default


def terms(tree: lxml_html.HtmlElement, ld: dict) -> tuple[list[str], list[str]]:
    """Return (categories, tags) named by the page."""
    section = ld.get("articleSection")
    categories = [section] if isinstance(section, str) else [s for s in section or [] if isinstance(s, str)]
    if not categories:
        categories = [clean_text(t) for t in tree.xpath(sel.CATEGORY_LINKS) if t.strip()]
    tags = [clean_text(t) for t in tree.xpath(sel.TAG_LINKS) if t.strip()]
    keywords = ld.get("keywords")
    if not tags and isinstance(keywords, list):
        tags = [k for k in keywords if isinstance(k, str)]
    return list(dict.fromkeys(categories)), list(dict.fromkeys(tags))
