"""The article body as an ordered list of text blocks: paragraphs, headings, list items,
quotes and captions, each with its plain text and a sanitised HTML rendering.

The HTML of a block is rebuilt from an allow-list (no attribute but a checked ``href``), so
whatever the page carried (``<script>``, ``onerror=``) cannot reach a reader. Inline
content is read in ``crawler.parser.inline``, the tree flattened in ``crawler.parser.walker``."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urljoin

from lxml import etree

from crawler.parser.records import Image
from crawler.parser.text import clean_text

HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
LEAF_BLOCKS = HEADINGS | {"p", "figcaption", "pre", "dt", "dd", "address", "td", "th"}
CONTAINERS = {"div", "section", "article", "main", "header", "footer", "figure", "blockquote",
              "ul", "ol", "li", "table", "tbody", "thead", "tfoot", "tr", "dl", "center",
              "details", "summary", "hgroup", "body", "html", "button",
              "nav", "aside", "form", "fieldset", "menu", "noscript", "iframe", "template"}
BLOCK_TAGS = LEAF_BLOCKS | CONTAINERS | {"hr"}
# A class token naming a caption ("wp-caption-text", "wp-element-caption", "gallery-caption",
# "caption"), not a theme's setting that mentions one ("mantra-caption-light" on <body>).
CAPTION_CLASS = re.compile(r"(?<![^\s])(?:[\w-]*[-_])?caption(?:[-_](?:text|dd|title|inner|container))?(?![^\s])", re.IGNORECASE)


@dataclass(slots=True)
class Block:
    """One block of the article body."""

    kind: str                       # p, h, li, quote, pull (a pull quote), cover (text over a banner picture),
                                    # caption, pre, image, sep (a rule)
    text: str
    html: str
    emphasised: bool = False        # the whole text is bold, or a heading
    list_kind: str | None = None    # "ol" or "ul" for list items
    list_pos: int | None = None     # 1-based position in its list
    depth: int = 0                  # nesting of lists
    images: list[Image] = field(default_factory=list)
    links: int = 0                  # characters of the text inside links
    level: int = 0                  # a heading's level (2 for <h2>), 0 for other blocks
    cta: bool = False               # part of a call-to-action box (a title, a line, a button)
    asked: bool = False             # classed as a question by the theme or a plugin ("?" or not)
    # A paragraph's bold first line and the rest after its <br>: True on a question so split
    # off ("<strong>Q ?</strong><br>A"), (head, rest) on a paragraph whose bold line does not
    # ask (split when other paragraphs are lead questions, ``qa.with_lead_topics``).
    lead: bool | tuple = False


# An absolute URL urljoin returns as it is: a host, and nothing it would rewrite (params,
# query, fragment, IPv6 brackets, white space it strips).
PLAIN_ABSOLUTE = re.compile(r"https?://[^/?#;\[\]\t\r\n\\][^?#;\[\]\t\r\n\\]*")


def join_url(base_url: str, href: str) -> str:
    """Return ``urljoin(base_url, href)``, without parsing a plain absolute URL."""
    if href.isascii() and PLAIN_ABSOLUTE.fullmatch(href):
        return href
    return urljoin(base_url, href)


def image_of(img: etree._Element, base_url: str) -> Image:
    """Return an Image from an ``<img>`` (lazy-loading ``data-src`` first)."""
    src = img.get("data-src") or img.get("data-lazy-src") or img.get("src") or ""
    alt = img.get("alt")
    alt = (clean_text(alt) or None) if alt else None
    return Image(src=join_url(base_url, src) if src else None, alt=alt)


EDGE_BREAKS = re.compile(r"^(?:\s|<br>)+|(?:\s|<br>)+$")


def trim_breaks(html: str) -> str:
    """Return ``html`` without white space and ``<br>`` at either end."""
    html = html.strip()
    if html.startswith("<br>") or html.endswith("<br>"):
        html = EDGE_BREAKS.sub("", html)
    return html


def make_block(kind: str, text_parts: list[str], html_parts: list[str], emphasised_chars: int,
               chars: int, images: list[Image], extra: dict) -> Block | None:
    """Return a Block of inline content, an image-only block, or None when there is nothing."""
    text = clean_text("".join(text_parts))
    emphasised = kind == "h" or (chars > 0 and emphasised_chars >= 0.9 * chars)
    if not text:
        return Block(kind="image", text="", html="", images=images) if images else None
    html = trim_breaks("".join(html_parts))
    if extra:
        return Block(kind, text, html, emphasised, images=images, **extra)
    return Block(kind, text, html, emphasised, images=images)


def kind_of(element: etree._Element, inherited: str, tag: str | None = None) -> str:
    """Return the block kind an element gives its text: in a caption everything is caption
    (a figure whose caption is an <h2> holds no question)."""
    if tag is None:
        tag = element.tag
    if inherited == "caption":
        return "caption"
    if tag in HEADINGS:
        return "h"
    classes = element.get("class")
    if tag == "figcaption" or (classes and class_flag(_CAPTIONS, CAPTION_CLASS, classes)):
        return "caption"
    if tag == "pre":
        return "pre"
    return inherited


def is_separator(element: etree._Element, tag: str | None = None) -> bool:
    """Return whether an element is a rule between parts: <hr>, or a page builder's divider
    (Elementor ``elementor-divider``, Divi ``et_pb_divider``, Avada ``fusion-separator``)."""
    if (element.tag if tag is None else tag) == "hr":
        return True
    classes = element.get("class")
    return bool(classes) and class_flag(_SEPARATORS, SEPARATOR_CLASS, classes) \
        and not "".join(element.itertext()).strip()


SEPARATOR_CLASS = re.compile(r"separator|divider", re.IGNORECASE)
# Class attributes repeat (every paragraph of a builder's text module): each distinct one
# is searched once.
_CAPTIONS: dict[str, bool] = {}
_SEPARATORS: dict[str, bool] = {}
MAX_CACHED = 50_000


def class_flag(cache: dict[str, bool], pattern: re.Pattern, classes: str) -> bool:
    """Return whether ``pattern`` occurs in a class attribute (each attribute searched once)."""
    found = cache.get(classes)
    if found is None:
        if len(cache) >= MAX_CACHED:
            cache.clear()
        found = cache[classes] = pattern.search(classes) is not None
    return found
