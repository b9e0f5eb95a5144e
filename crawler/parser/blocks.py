"""The article body as an ordered list of text blocks: paragraphs, headings, list items,
quotes and captions, each with its plain text and a sanitised HTML rendering.

The HTML of a block is rebuilt from an allow-list (no attribute but a checked ``href``), so
whatever the page carried (``<script>``, ``onerror=``) cannot reach a reader."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html import escape
from urllib.parse import urljoin

from lxml import etree

from crawler.parser.records import Image
from crawler.parser.selectors import DROPPED_CLASS_FRAGMENTS, DROPPED_TAGS
from crawler.parser.text import clean_text, ends_with_question

HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
LEAF_BLOCKS = HEADINGS | {"p", "figcaption", "pre", "dt", "dd", "address", "td", "th"}
CONTAINERS = {"div", "section", "article", "main", "header", "footer", "figure", "blockquote",
              "ul", "ol", "li", "table", "tbody", "thead", "tfoot", "tr", "dl", "center",
              "details", "summary", "hgroup", "body", "html"}
BLOCK_TAGS = LEAF_BLOCKS | CONTAINERS | {"hr"}
EMPHASIS = {"strong", "b"}
# Inline tags kept in the sanitised HTML; everything else keeps its text only.
SAFE_INLINE = {"strong", "b", "em", "i", "u", "s", "sub", "sup", "code", "q", "cite", "abbr",
               "small", "mark"}
SAFE_HREF = re.compile(r"^(https?:|mailto:|/|#)", re.IGNORECASE)
CAPTION_CLASS = re.compile(r"caption", re.IGNORECASE)


@dataclass(slots=True)
class Block:
    """One block of the article body."""

    kind: str                       # p, h, li, quote, caption, pre
    text: str
    html: str
    emphasised: bool = False        # the whole text is bold, or a heading
    list_kind: str | None = None    # "ol" or "ul" for list items
    list_pos: int | None = None     # 1-based position in its list
    depth: int = 0                  # nesting of lists
    images: list[Image] = field(default_factory=list)


def is_dropped(element: etree._Element) -> bool:
    """Return whether an element is page furniture (scripts, forms, sharing, newsletter)."""
    tag = element.tag
    if not isinstance(tag, str) or tag in DROPPED_TAGS:
        return True
    classes = element.get("class")
    return bool(classes) and any(fragment in classes.lower() for fragment in DROPPED_CLASS_FRAGMENTS)


def image_of(img: etree._Element, base_url: str) -> Image:
    """Return an Image from an ``<img>`` (lazy-loading ``data-src`` first)."""
    src = img.get("data-src") or img.get("data-lazy-src") or img.get("src") or ""
    alt = clean_text(img.get("alt") or "") or None
    return Image(src=urljoin(base_url, src) if src else None, alt=alt)


class Inline:
    """Accumulates the text, safe HTML, emphasis and images of inline content."""

    def __init__(self, base_url: str) -> None:
        self.base_url = base_url
        self.text: list[str] = []
        self.html: list[str] = []
        self.emphasised_chars = 0
        self.chars = 0
        self.images: list[Image] = []
        # (text parts, html parts, emphasised chars, chars) at the first <br>, to split
        # "<strong>Question ?</strong><br>Answer" paragraphs in two.
        self.first_break: tuple[int, int, int, int] | None = None

    def add_text(self, text: str | None, emphasised: bool) -> None:
        """Add a run of text."""
        if not text:
            return
        self.text.append(text)
        self.html.append(escape(text, quote=False))
        visible = len(text.strip())
        self.chars += visible
        if emphasised:
            self.emphasised_chars += visible

    def visit(self, element: etree._Element, emphasised: bool = False) -> None:
        """Add the content of ``element`` (not its tail)."""
        self.add_text(element.text, emphasised)
        for child in element:
            if isinstance(child.tag, str):
                self.visit_child(child, emphasised)
            self.add_text(child.tail, emphasised)

    def visit_child(self, child: etree._Element, emphasised: bool) -> None:
        """Add an inline child: a line break, a picture, or text (furniture dropped)."""
        tag = child.tag
        if tag == "br":
            self.line_break()
        elif tag == "img":
            self.images.append(image_of(child, self.base_url))
        elif not is_dropped(child):
            self.visit_tag(child, tag, emphasised or tag in EMPHASIS)

    def line_break(self) -> None:
        """Add a ``<br>``."""
        if self.first_break is None:
            self.first_break = (len(self.text), len(self.html), self.emphasised_chars, self.chars)
        self.text.append("\n")
        self.html.append("<br>")

    def visit_tag(self, child: etree._Element, tag: str, emphasised: bool) -> None:
        """Add an inline element, keeping its tag in the HTML when it is safe."""
        if tag == "a" and SAFE_HREF.match(child.get("href") or ""):
            href = urljoin(self.base_url, child.get("href"))
            self.html.append(f'<a href="{escape(href)}" rel="nofollow noopener">')
            self.visit(child, emphasised)
            self.html.append("</a>")
        elif tag in SAFE_INLINE:
            self.html.append(f"<{tag}>")
            self.visit(child, emphasised)
            self.html.append(f"</{tag}>")
        else:
            self.visit(child, emphasised)

    def blocks(self, kind: str, **extra: object) -> list[Block]:
        """Return the accumulated content as blocks: none without text or image, two when a
        bold first line ending in "?" heads the paragraph (question and answer in one
        ``<p>``), else one."""
        if not self.chars and not self.images:  # white space between blocks
            return []
        lead = self.lead_question(kind)
        if lead:
            return lead
        block = make_block(kind, self.text, self.html, self.emphasised_chars, self.chars,
                           self.images, extra)
        return [block] if block else []

    def lead_question(self, kind: str) -> list[Block]:
        """Return [question, rest] when the first line is a bold question, else []."""
        if kind != "p" or self.first_break is None:
            return []
        n_text, n_html, emph, chars = self.first_break
        head_html = "".join(self.html[:n_html])
        if not (chars and emph >= 0.9 * chars) or not balanced(head_html):
            return []
        head = make_block(kind, self.text[:n_text], self.html[:n_html], emph, chars, [], {})
        rest = make_block(kind, self.text[n_text:], self.html[n_html:], self.emphasised_chars - emph,
                          self.chars - chars, self.images, {})
        if head is None or rest is None or not ends_with_question(head.text):
            return []
        return [head, rest]


def balanced(html: str) -> bool:
    """Return whether every inline tag opened in ``html`` is closed in it."""
    depth = 0
    for closing in re.findall(r"<(/?)(?:strong|b|em|i|u|s|sub|sup|code|q|cite|abbr|small|mark|a)\b", html):
        depth += -1 if closing else 1
    return depth == 0


def trim_breaks(html: str) -> str:
    """Return ``html`` without white space and ``<br>`` at either end."""
    html = html.strip()
    while html.startswith("<br>"):
        html = html[4:].lstrip()
    while html.endswith("<br>"):
        html = html[:-4].rstrip()
    return html


def make_block(kind: str, text_parts: list[str], html_parts: list[str], emphasised_chars: int,
               chars: int, images: list[Image], extra: dict) -> Block | None:
    """Return a Block of inline content, an image-only block, or None when there is nothing."""
    text = clean_text("".join(text_parts))
    html = trim_breaks("".join(html_parts))
    emphasised = kind == "h" or (chars > 0 and emphasised_chars >= 0.9 * chars)
    if not text:
        return Block(kind="image", text="", html="", images=images) if images else None
    return Block(kind=kind, text=text, html=html, emphasised=emphasised, images=images, **extra)


def has_block_children(element: etree._Element) -> bool:
    """Return whether ``element`` holds block-level elements."""
    return any(c.tag in BLOCK_TAGS for c in element)


def kind_of(element: etree._Element, inherited: str) -> str:
    """Return the block kind an element gives its text."""
    tag = element.tag
    if tag in HEADINGS:
        return "h"
    classes = element.get("class")
    if tag == "figcaption" or (classes and CAPTION_CLASS.search(classes)):
        return "caption"
    if tag == "pre":
        return "pre"
    return inherited


def flatten(root: etree._Element, base_url: str) -> list[Block]:
    """Return the blocks of ``root`` in document order."""
    blocks: list[Block] = []
    walk(root, base_url, blocks, kind="p", depth=0)
    return blocks


def emit(inline: Inline, blocks: list[Block], kind: str, **extra: object) -> bool:
    """Append the inline content as blocks; return whether any was added."""
    found = inline.blocks(kind, **extra)
    blocks.extend(found)
    return bool(found)


def walk(element: etree._Element, base_url: str, blocks: list[Block], kind: str, depth: int,
         **extra: object) -> None:
    """Flatten one element into ``blocks``; ``extra`` (a list position) goes to its first block."""
    kind = kind_of(element, kind)
    tag = element.tag
    if tag in ("ul", "ol"):
        items = [c for c in element if c.tag == "li"
                 and not is_dropped(c)]
        start = int(element.get("start")) if (element.get("start") or "").isdigit() else 1
        for pos, item in enumerate(items, start=start):
            walk(item, base_url, blocks, "li", depth + 1, list_kind=tag, list_pos=pos)
        return
    if tag == "blockquote":
        kind = "quote"
    inline = Inline(base_url)
    if not has_block_children(element):
        inline.visit(element)
        emit(inline, blocks, kind, depth=depth, **extra)
        return
    child_kind = kind if kind in ("quote", "li", "caption") else "p"
    inline.add_text(element.text, False)
    for child in element:
        if isinstance(child.tag, str) and child.tag in BLOCK_TAGS and not is_dropped(child):
            if emit(inline, blocks, kind, depth=depth, **extra):
                extra = {}
            inline = Inline(base_url)
            if child.tag != "hr":
                before = len(blocks)
                walk(child, base_url, blocks, child_kind, depth, **extra)
                if len(blocks) > before:
                    extra = {}
        elif isinstance(child.tag, str):
            inline.visit_child(child, False)
        inline.add_text(child.tail, False)
    emit(inline, blocks, kind, depth=depth, **extra)


FRAGMENT_PARSER = etree.HTMLParser()


def parse_fragment(html_text: str) -> etree._Element:
    """Return a ``<div>`` holding an HTML fragment (e.g. REST ``content.rendered``)."""
    tree = etree.fromstring(f"<html><body><div>{html_text}</div></body></html>", FRAGMENT_PARSER)
    return tree.find("body")[0]
