"""Article metadata from ordered fallbacks, one small function per layer:
WordPress REST object, JSON-LD, OpenGraph, ``rel`` links and core markup, then the URL."""

from __future__ import annotations

import json
import re
from itertools import islice
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from html import unescape
from urllib.parse import parse_qs, urljoin, urlsplit

from lxml import etree

from crawler.parser import dates
from crawler.parser.dates import normalise_date  # noqa: F401 - part of this module's API
from crawler.parser import selectors as sel
from crawler.parser.furniture import in_foreign
from crawler.parser.scan import Scan
from crawler.parser.text import clean_text
from crawler.parser.title import series_match

POST_ID_IN_CLASS = re.compile(r"\bpostid-(\d+)\b")
POST_ID_IN_ARTICLE = re.compile(r"^post-(\d+)$")
POST_ID_IN_REST_LINK = re.compile(r"/wp/v2/posts/(\d+)")
URL_DATE = re.compile(r"/(\d{4})/(\d{2})/(\d{2})/")
PRINTED_DATE = re.compile(r"^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$")
# The site's name after a document title, behind any separator an SEO plugin offers (Yoast:
# - – — · • * ~ « » < >, "|", and the "›" of some themes); a "»" closing a quotation is not one.
SITE_SUFFIX = re.compile(r"\s+[–—|·•*~›<>«»-]\s+[^–—|·•*~›<>«»-]+$")


def without_site_suffix(title: str) -> str:
    """Return a document title without the site's name after it (the site's name before it,
    "ESS 2024 » 3 questions à …", is left to the series' prefix)."""
    match = SITE_SUFFIX.search(title)
    if match is None or series_match(match.group(0).lstrip()[1:]) or match.group(0).lstrip()[0] == "»" \
            and title.count("«", 0, match.start()) > title.count("»", 0, match.start()):
        return title
    return title[: match.start()]


# The site's name and a breadcrumb before a document title (Kubrick's "ESS 2024 » Blog Archive » …").
SITE_PREFIX = re.compile(r"^(?:[^»›]{2,80}?\s[»›]\s)+")


def without_site_name(title: str) -> str:
    """Return a document title without the site's name after it, nor before it when what
    follows is of the series."""
    title = without_site_suffix(title)
    match = SITE_PREFIX.match(title)
    if match and series_match(title[match.end():]):
        return title[match.end():]
    return title


@dataclass
class Head:
    """What ``<head>`` says, read in one pass: ``<link rel>`` targets, ``<meta>`` values
    (by ``property`` or ``name``) and ``<title>``."""

    links: dict[str, str] = field(default_factory=dict)
    meta: dict[str, str] = field(default_factory=dict)
    title: str | None = None
    json_ld: list[str] = field(default_factory=list)


def read_head(tree: etree._Element) -> Head:
    """Return the Head of a page (first value wins, as browsers and crawlers read it)."""
    head = Head()
    element = tree.find("head")
    links, meta = head.links, head.meta
    for child in element if element is not None else ():
        tag = child.tag
        if tag == "link":
            href = child.get("href")
            if href:
                rel = (child.get("rel") or "").lower()
                key = f"{rel} {child.get('type')}" if rel == "alternate" else rel
                if key not in links:
                    links[key] = href.strip()
        elif tag == "meta":
            content = child.get("content")
            if content is not None:
                key = child.get("property") or child.get("name")
                if key and key not in meta:
                    meta[key] = content.strip()
        elif tag == "title":
            if head.title is None and child.text:
                head.title = child.text.strip() or None
        elif tag == "script" and child.get("type") == sel.JSON_LD_TYPE and child.text:
            head.json_ld.append(child.text)
    return head


def first(tree: etree._Element, xpath: etree.XPath, **variables: str) -> str | None:
    """Return the first non-empty string the XPath selects, stripped."""
    for value in xpath(tree, **variables):
        text = str(value).strip()
        if text:
            return text
    return None


ARTICLE_TYPES = ("Article", "BlogPosting", "NewsArticle", "Report", "ScholarlyArticle", "TechArticle")
# Yoast without the Article piece and Rank Math's "WebPage" schema date the page itself.
PAGE_TYPES = ("WebPage", "ItemPage", "ProfilePage", "AboutPage")


def ld_nodes(data: object, depth: int = 0) -> list[dict]:
    """Return the objects of a JSON-LD document: a graph, a list, or one object."""
    if depth > 3:
        return []
    if isinstance(data, list):
        return [node for item in data for node in ld_nodes(item, depth + 1)]
    if not isinstance(data, dict):
        return []
    return ld_nodes(data["@graph"], depth + 1) if "@graph" in data else [data]


def json_ld_article(tree: etree._Element, scripts: list[str] | None = None) -> dict:
    """Return the Article/BlogPosting object of the page's JSON-LD (Yoast, Rank Math), else
    a WebPage object that carries ``datePublished``, or {}. ``scripts``: the JSON-LD the
    head and body passes found (``Head.json_ld``, ``Scan.json_ld``), else searched here."""
    page = {}
    for raw in sel.JSON_LD(tree) if scripts is None else scripts:
        try:
            data = json.loads(raw)
        except ValueError:
            continue
        for node in ld_nodes(data):
            kind = node.get("@type")
            kinds = kind if isinstance(kind, list) else [kind]
            if any(k in ARTICLE_TYPES for k in kinds):
                return node
            if not page and any(k in PAGE_TYPES for k in kinds) and node.get("datePublished"):
                page = node
    return page


def query_post_id(url: str | None) -> int | None:
    """Return N from a ``?p=N`` URL."""
    if not url or "p=" not in url:
        return None
    values = parse_qs(urlsplit(url).query).get("p")
    return int(values[0]) if values and values[0].isdigit() else None


def post_id(tree: etree._Element, head: Head, scan: Scan, url: str) -> int | None:
    """Return the WordPress post id: shortlink, body class, ``id="post-N"``, REST link, ``?p=``."""
    found = query_post_id(head.links.get("shortlink"))
    if found:
        return found
    body = tree.find("body")
    for values, pattern in (([body.get("class", "")] if body is not None else [], POST_ID_IN_CLASS),
                            (scan.element_ids, POST_ID_IN_ARTICLE),
                            ([head.links.get("alternate application/json", "")], POST_ID_IN_REST_LINK)):
        for value in values:
            match = pattern.search(str(value))
            if match:
                return int(match.group(1))
    return query_post_id(url)


def canonical_url(head: Head, url: str) -> str:
    """Return the canonical URL: ``rel=canonical``, then ``og:url``, then the fetched URL."""
    found = head.links.get("canonical") or head.meta.get("og:url")
    if not found:
        return url
    if found.startswith(("http://", "https://")) and not any(c in found for c in "?#;"):
        return found  # what urljoin gives an absolute URL of its own
    return urljoin(url, found)


def title_element(scan: Scan, sources: list[str] | None = None, site: set[str] | None = None) -> etree._Element | None:
    """Return the post's title heading: the theme's heading classes, then structural
    headings; never one in a sidebar, a related-posts list or a comment, nor one holding the
    site's name only (``site``).

    ``sources`` are the document's own titles (JSON-LD headline, og:title, ``<title>``):
    a heading they confirm comes first (an archive-like page title "Portraits" in an
    ``h1.entry-title`` above the post's ``h2.entry-title``), and when one of them is of the
    series, no heading they do not confirm is taken."""
    if scan.title:  # chosen once per page: the check walks up the tree
        return scan.title[0]
    found = fallback = None
    keys: list[str] | None = None  # the sources' comparison forms, made when a raw match fails
    for name in sel.TITLE_CLASSES + sel.TITLE_STRUCTURES:
        for element in scan.titles.get(name, []):
            text = "".join(element.itertext()).strip()
            if not text or (site and title_key(text) in site):
                continue  # empty, or the site's name (its logo in an <h1>)
            if sources:
                confirmed = confirms(text, sources)
                if not confirmed:
                    keys = keys if keys is not None else [title_key(source) for source in sources]
                    confirmed = confirms(title_key(text), keys)
                if confirmed:
                    if not in_foreign(element):
                        found = element
                        break
                    continue
            if fallback is None and name not in sel.CONFIRMED_ONLY and not in_foreign(element):
                fallback = element
                if not sources:
                    break
        if found is not None or (fallback is not None and not sources):
            break
    of_series = scan.series_source if scan.series_source is not None else \
        any(series_match(source) for source in sources or ())
    if found is None and not of_series:
        # The document's titles say nothing of the series (the site's name, a section's):
        # a heading of the series is the post's, before the first heading found.
        found = series_heading(scan)
        found = fallback if found is None else found
    scan.title.append(found)
    return found


def series_heading(scan: Scan) -> etree._Element | None:
    """Return the first title candidate whose text is of the series, outside furniture; else
    an ``<h1>`` of the series in a banner (Kadence's hero, Twenty Nineteen's featured-image header)."""
    in_banner = None
    for name in sel.TITLE_CLASSES + sel.TITLE_STRUCTURES:
        for element in scan.titles.get(name, []):
            text = "".join(element.itertext()).strip()
            if text and series_match(text):
                if not in_foreign(element):
                    return element
                if in_banner is None and element.tag == "h1":
                    in_banner = element
    return in_banner


def title_key(text: str | None) -> str:
    """Return a title's comparison form: plain text, casefolded, one kind of apostrophe."""
    if not isinstance(text, str):
        return ""
    return clean_text(unescape(text) if "&" in text else text).replace("\n", " ").casefold().replace("'", "’")


# A source longer than the heading by a site name after a separator still confirms it.
TITLE_SEPARATORS = ("–", "—", "|", "-", "·", ":", "•", "~", "*")  # not » nor ›: a breadcrumb's, the site first


def confirms(key: str, sources: list[str]) -> bool:
    """Return whether a heading (its text or its ``title_key``) is one of the document's
    titles (in the same form), with or without the site name after it."""
    for source in sources:
        if source == key:
            return True
        if source.startswith(key) and source[len(key):].lstrip()[:1] in TITLE_SEPARATORS:
            return True
    return False


def document_titles(head: Head, ld: dict, scan: Scan | None = None) -> list[str]:
    """Return the document's own titles: JSON-LD headline, og:title, ``<title>``; not one that
    is only the site's name (an SEO plugin's title template left at "%%sitename%%")."""
    own = without_site_name(head.title) if head.title and ("»" in head.title or "›" in head.title) else head.title
    titles = [t for t in (ld.get("headline"), head.meta.get("og:title"), own) if isinstance(t, str) and t.strip()]
    if scan is not None:
        scan.series_source = any(series_match(t) for t in titles)
    if scan is None or scan.series_source or series_heading(scan) is None:
        return titles  # a title of the series is the post's, or no heading is of it: nothing to rule out
    names = site_names(head, scan)
    return [t for t in titles if title_key(t) not in names] if names else titles


# A link to the site's home page ("/", "https://host/", "https://host/fr/"): its text names the
# site. The logo and the site's name come first in a page: the first links are read.
HOME_HREF = re.compile(r"https?://[^/?#]+/?(?:[a-z]{2}/?)?")
FIRST_LINKS = 40


def site_names(head: Head, scan: Scan) -> set[str]:
    """Return the site's names in comparison form (``og:site_name``, the texts of links to its
    home page), read once a page and only for a page whose titles are not of the series."""
    if scan.site is None:
        names = [head.meta.get("og:site_name") or ""]
        if scan.body is not None:
            for link in islice(scan.body.iter("a"), FIRST_LINKS):
                href = link.get("href")
                if href and (href == "/" or href.count("/") <= 4 and HOME_HREF.fullmatch(href)):
                    names.append("".join(link.itertext()))
        scan.site = {title_key(name) for name in names if name and name.strip()}
    return scan.site


def title_text(tree: etree._Element, head: Head, ld: dict, scan: Scan) -> str | None:
    """Return the post title: the theme's heading (as the document's titles confirm it),
    JSON-LD headline, og:title, ``<title>`` without the site name, the first ``<h1>``."""
    sources = document_titles(head, ld, scan)
    site = scan.site or set()  # read by document_titles when no title is of the series
    element = title_element(scan, sources, site)
    if element is not None:
        return clean_text("".join(element.itertext()))
    sources = [clean_text(unescape(t)) for t in (ld.get("headline"), head.meta.get("og:title"))
               if isinstance(t, str) and t.strip() and title_key(t) not in site]
    if sources:
        # A headline with the site's name after it ("… - ESS 2024") yields to og:title without it.
        first_source = sources[0]
        shorter = [t for t in sources[1:] if confirms(title_key(t), [title_key(first_source)])]
        return shorter[0] if shorter else first_source
    if head.title and title_key(head.title) not in site:
        return clean_text(without_site_name(head.title))
    return first(tree, sel.H1_TEXT)


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


def published_dates(head: Head, ld: dict, scan: Scan) -> tuple[str | None, str | None]:
    """Return (published, modified): JSON-LD, OpenGraph, then the post's own ``<time>``
    (``crawler.parser.dates``), in the site's local time when a UTC stamp hides it."""
    return dates.published_dates(head.meta, ld, scan, title_element(scan))


def language(tree: etree._Element, head: Head, ld: dict, default: str) -> str:
    """Return the two-letter language: ``<html lang>``, og:locale, JSON-LD, else ``default``."""
    for value in (tree.get("lang"), head.meta.get("og:locale"),
                  ld.get("inLanguage") if isinstance(ld.get("inLanguage"), str) else None):
        if value and re.match(r"^[a-zA-Z]{2}\b", value):
            return value[:2].lower()
    return default


def terms(ld: dict, scan: Scan) -> tuple[list[str], list[str]]:
    """Return (categories, tags) named by the page: JSON-LD, then ``rel="category tag"``
    and ``rel="tag"`` links."""
    section = ld.get("articleSection")
    categories = [section] if isinstance(section, str) else [s for s in section or [] if isinstance(s, str)]
    if not categories:
        categories = [clean_text(t) for t in scan.categories if t.strip()]
    tags = [clean_text(t) for t in scan.tags if t.strip()]
    keywords = ld.get("keywords")
    if not tags and isinstance(keywords, list):
        tags = [k for k in keywords if isinstance(k, str)]
    return list(dict.fromkeys(categories)), list(dict.fromkeys(tags))
