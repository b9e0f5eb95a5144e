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

from crawler.parser.furniture import is_dropped
from crawler.parser.records import Image
from crawler.parser.text import clean_text, ends_with_question

HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
LEAF_BLOCKS = HEADINGS | {"p", "figcaption", "pre", "dt", "dd", "address", "td", "th"}
CONTAINERS = {"div", "section", "article", "main", "header", "footer", "figure", "blockquote",
              "ul", "ol", "li", "table", "tbody", "thead", "tfoot", "tr", "dl", "center",
              "details", "summary", "hgroup", "body", "html",
              "nav", "aside", "form", "fieldset", "menu", "noscript", "iframe", "template"}
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

    kind: str                       # p, h, li, quote, caption, pre, image, sep (a rule)
    text: str
    html: str
    emphasised: bool = False        # the whole text is bold, or a heading
    list_kind: str | None = None    # "ol" or "ul" for list items
    list_pos: int | None = None     # 1-based position in its list
    depth: int = 0                  # nesting of lists
    images: list[Image] = field(default_factory=list)
    links: int = 0                  # characters of the text inside links


def image_of(img: etree._Element, base_url: str) -> Image:
    """Return an Image from an ``<img>`` (lazy-loading ``data-src`` first)."""
    src = img.get("data-src") or img.get("data-lazy-src") or img.get("src") or ""
    alt = clean_text(img.get("alt") or "") or None
    return Image(src=urljoin(base_url, src) if src else None, alt=alt)


class Inline:
    """Accumulates the text, safe HTML, emphasis, link text and images of inline content."""

    __slots__ = ("base_url", "text", "html", "emphasised_chars", "chars", "link_chars", "images",
                 "first_break", "last_break", "paragraphs")

    def __init__(self, base_url: str) -> None:
        self.base_url = base_url
        self.text: list[str] = []
        self.html: list[str] = []
        self.emphasised_chars = 0
        self.chars = 0
        self.link_chars = 0
        self.images: list[Image] = []
        # (text parts, html parts, emphasised chars, chars) at the first <br>, to split
        # "<strong>Question ?</strong><br>Answer" paragraphs in two.
        self.first_break: tuple[int, int, int, int] | None = None
        # Where "<br><br>" starts a new paragraph (div soup writes paragraphs so), as
        # (text parts, html parts, emphasised chars, chars, link chars).
        self.last_break = -1
        self.paragraphs: list[tuple[int, int, int, int, int]] = []

    def add_text(self, text: str | None, emphasised: bool, link: bool = False) -> None:
        """Add a run of text."""
        if not text:
            return
        self.text.append(text)
        self.html.append(escape(text, quote=False))
        visible = len(text.strip())
        self.chars += visible
        if emphasised:
            self.emphasised_chars += visible
        if link:
            self.link_chars += visible

    def visit(self, element: etree._Element, emphasised: bool = False, link: bool = False,
              level: int = 0) -> None:
        """Add the content of ``element`` (not its tail)."""
        if level > MAX_INLINE_DEPTH:  # absurd nesting: keep the text, not the markup
            self.add_text("".join(element.itertext()), emphasised, link)
            return
        self.add_text(element.text, emphasised, link)
        for child in element:
            if isinstance(child.tag, str):
                self.visit_child(child, emphasised, link, level)
            self.add_text(child.tail, emphasised, link)

    def visit_child(self, child: etree._Element, emphasised: bool, link: bool = False,
                    level: int = 0) -> None:
        """Add an inline child: a line break, a picture, or text (furniture dropped)."""
        tag = child.tag
        if tag == "br":
            self.line_break()
        elif tag == "img":
            self.images.append(image_of(child, self.base_url))
        elif not is_dropped(child):
            self.visit_tag(child, tag, emphasised or tag in EMPHASIS, link, level + 1)

    def line_break(self) -> None:
        """Add a ``<br>``."""
        if self.first_break is None:
            self.first_break = (len(self.text), len(self.html), self.emphasised_chars, self.chars)
        elif self.last_break >= 0 and all(not part.strip() for part in self.text[self.last_break:]) \
                and (not self.paragraphs or self.paragraphs[-1][0] < self.last_break):
            self.paragraphs.append((len(self.text), len(self.html), self.emphasised_chars, self.chars,
                                    self.link_chars))
        self.text.append("\n")
        self.html.append("<br>")
        self.last_break = len(self.text)

    def visit_tag(self, child: etree._Element, tag: str, emphasised: bool, link: bool, level: int) -> None:
        """Add an inline element, keeping its tag in the HTML when it is safe."""
        if tag == "a":
            if SAFE_HREF.match(child.get("href") or ""):
                href = urljoin(self.base_url, child.get("href"))
                self.html.append(f'<a href="{escape(href)}" rel="nofollow noopener">')
                self.visit(child, emphasised, True, level)
                self.html.append("</a>")
            else:
                self.visit(child, emphasised, True, level)
        elif tag in SAFE_INLINE:
            self.html.append(f"<{tag}>")
            self.visit(child, emphasised, link, level)
            self.html.append(f"</{tag}>")
        else:
            self.visit(child, emphasised, link, level)

    def blocks(self, kind: str, **extra: object) -> list[Block]:
        """Return the accumulated content as blocks: none without text or image, two when a
        bold first line ending in "?" heads the paragraph (question and answer in one
        ``<p>``), else one."""
        if not self.chars and not self.images:  # white space between blocks
            return []
        if self.paragraphs and kind == "p":
            return self.split_paragraphs(kind, extra)
        lead = self.lead_question(kind)
        if lead:
            return lead
        block = make_block(kind, self.text, self.html, self.emphasised_chars, self.chars,
                           self.images, extra)
        if block:
            block.links = self.link_chars
        return [block] if block else []

    def split_paragraphs(self, kind: str, extra: dict) -> list[Block]:
        """Return the blocks of each "<br><br>"-separated paragraph."""
        ends = [*self.paragraphs, (len(self.text), len(self.html), self.emphasised_chars, self.chars,
                                   self.link_chars)]
        found: list[Block] = []
        start = (0, 0, 0, 0, 0)
        for end in ends:
            part = Inline(self.base_url)
            part.text, part.html = self.text[start[0]:end[0]], self.html[start[1]:end[1]]
            part.emphasised_chars, part.chars, part.link_chars = (end[2] - start[2], end[3] - start[3],
                                                                  end[4] - start[4])
            if not found and self.first_break and self.first_break[0] < end[0]:
                part.first_break = self.first_break
            if end is ends[-1]:
                part.images = self.images
            found.extend(part.blocks(kind, **(extra if not found else {})))
            start = end
        return found

    def lead_question(self, kind: str) -> list[Block]:
        """Return [question, rest] when the first line is a bold question, else []."""
        if kind != "p" or self.first_break is None:
            return []
        n_text, n_html, emph, chars = self.first_break
        if not chars:
            return []
        if emph < 0.9 * chars and not NUMBERED_LINE.match("".join(self.text[:n_text])):
            return []  # a plain first line heads the answer only when it is numbered
        head_html = "".join(self.html[:n_html])
        if not balanced(head_html):
            return []
        head = make_block(kind, self.text[:n_text], self.html[:n_html], emph, chars, [], {})
        if head is None or not ends_with_question(head.text):
            return []
        rest = make_block(kind, self.text[n_text:], self.html[n_html:], self.emphasised_chars - emph,
                          self.chars - chars, self.images, {})
        if rest is None:
            return []
        rest.links = self.link_chars
        return [head, rest]


def balanced(html: str) -> bool:
    """Return whether every inline tag opened in ``html`` is closed in it."""
    depth = 0
    for closing in INLINE_TAG.findall(html):
        depth += -1 if closing else 1
    return depth == 0


# "2) Question ?<br>Answer": a numbered first line is a question even when not bold.
NUMBERED_LINE = re.compile(r"^\s*(?:question\s*)?\d{1,2}\s*(?:[.)/]|\s?:|\s[–—-])\s*\S", re.IGNORECASE)
INLINE_TAG = re.compile(r"<(/?)(?:strong|b|em|i|u|s|sub|sup|code|q|cite|abbr|small|mark|a)\b")
# One pass, not a loop of slices: thousands of <br> at either end stay linear.
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
    return Block(kind=kind, text=text, html=html, emphasised=emphasised, images=images, **extra)


def kind_of(element: etree._Element, inherited: str) -> str:
    """Return the block kind an element gives its text: in a caption everything is caption
    (a figure whose caption is an <h2> holds no question)."""
    tag = element.tag
    if inherited == "caption":
        return "caption"
    if tag in HEADINGS:
        return "h"
    classes = element.get("class")
    if tag == "figcaption" or (classes and CAPTION_CLASS.search(classes)):
        return "caption"
    if tag == "pre":
        return "pre"
    return inherited


def is_separator(element: etree._Element) -> bool:
    """Return whether an element is a rule between parts: <hr>, or a page builder's divider
    (Elementor ``elementor-divider``, Divi ``et_pb_divider``, Avada ``fusion-separator``)."""
    if element.tag == "hr":
        return True
    classes = element.get("class")
    return bool(classes) and SEPARATOR_CLASS.search(classes) is not None and not "".join(element.itertext()).strip()


SEPARATOR_CLASS = re.compile(r"separator|divider", re.IGNORECASE)


class Walker:
    """Flattens a tree into blocks, noting for each block element the range of blocks it
    produced (content-root scoring reads it) and where the title was."""

    __slots__ = ("base_url", "blocks", "spans", "marks", "mark_at")

    def __init__(self, base_url: str, marks: set | None = None) -> None:
        self.base_url = base_url
        self.blocks: list[Block] = []
        self.spans: dict[etree._Element, tuple[int, int]] = {}
        self.marks = marks or set()      # the title and its ancestors
        self.mark_at: int | None = None  # block index just after the title

    def emit(self, inline: Inline, kind: str, depth: int, extra: dict) -> bool:
        """Append the inline content as blocks; return whether any was added."""
        if not inline.chars and not inline.images:  # white space between blocks
            return False
        found = inline.blocks(kind, depth=depth, **extra)
        self.blocks.extend(found)
        return bool(found)

    def walk(self, element: etree._Element, kind: str, depth: int, extra: dict) -> None:
        """Flatten one element, noting the blocks it gave; ``extra`` (a list position) goes
        to its first block."""
        start = len(self.blocks)
        kind = kind if kind == "caption" else kind_of(element, kind)
        tag = element.tag
        if tag in ("ul", "ol"):
            start = int(element.get("start")) if (element.get("start") or "").isdigit() else 1
            items = [c for c in element if c.tag == "li" and not self.dropped(c)]
            for pos, item in enumerate(items, start=start):
                self.walk(item, "caption" if kind == "caption" else "li", depth + 1,
                          {"list_kind": tag, "list_pos": pos})
            self.spans[element] = (start, len(self.blocks))
            return
        if tag == "blockquote" and kind != "caption":
            kind = "quote"
        inline = Inline(self.base_url)
        for child in element:
            if child.tag in BLOCK_TAGS:
                break
        else:
            inline.visit(element)
            self.emit(inline, kind, depth, extra)
            self.spans[element] = (start, len(self.blocks))
            return
        child_kind = kind if kind in ("quote", "li", "caption") else "p"
        if tag == "figure" and "wp-block-table" not in (element.get("class") or ""):
            child_kind = "caption"
        inline.add_text(element.text, False)
        for child in element:
            ctag = child.tag
            if ctag in BLOCK_TAGS:
                if self.dropped(child):
                    inline.add_text(child.tail, False)
                    continue
                if inline.text or inline.images:
                    if self.emit(inline, kind, depth, extra):
                        extra = {}
                    inline = Inline(self.base_url)
                if (ctag == "hr" or ctag == "div") and is_separator(child):
                    self.blocks.append(Block(kind="sep", text="", html=""))
                else:
                    before = len(self.blocks)
                    self.walk(child, child_kind, depth, extra)  # libxml2 nests 255 levels at most
                    if len(self.blocks) > before:
                        extra = {}
            elif isinstance(ctag, str):
                inline.visit_child(child, False)
            tail = child.tail
            if tail and (inline.text or not tail.isspace()):  # white space between blocks is nothing
                inline.add_text(tail, False)
        self.emit(inline, kind, depth, extra)
        self.spans[element] = (start, len(self.blocks))

    def dropped(self, element: etree._Element) -> bool:
        """Return whether a block element is furniture, noting where the title was."""
        if not is_dropped(element):
            return False
        if element in self.marks and self.mark_at is None:
            self.mark_at = len(self.blocks)
        return True


MAX_INLINE_DEPTH = 60   # inline nesting kept as markup; deeper is text only (recursion bound)


def flatten(root: etree._Element, base_url: str) -> list[Block]:
    """Return the blocks of ``root`` in document order."""
    walker = Walker(base_url)
    walker.walk(root, "p", 0, {})
    return walker.blocks


FRAGMENT_PARSER = etree.HTMLParser()


# Page-builder shortcodes left unrendered in REST ``content.rendered`` (Divi's
# [et_pb_text …], WPBakery's [vc_row], Avada's [fusion_text]): a closing tag, a name with
# "_" or "-", or attributes. "[sic]" and "[…]" stay.
SHORTCODE = re.compile(r"\[/[a-z][\w-]*\]|\[[a-z][a-z0-9]*[_-][\w-]*(?:\s[^\[\]]*)?\]|\[[a-z][\w-]*\s[^\[\]]*=[^\[\]]*\]")


def parse_fragment(html_text: str) -> etree._Element:
    """Return a ``<div>`` holding an HTML fragment (e.g. REST ``content.rendered``)."""
    if "[" in html_text:
        html_text = SHORTCODE.sub("", html_text)
    tree = etree.fromstring(f"<html><body><div>{html_text}</div></body></html>", FRAGMENT_PARSER)
    return tree.find("body")[0]
