"""The tree flattened into blocks, in document order, noting which blocks each element
gave (content-root scoring reads it) and where the post's title was."""

from __future__ import annotations

import re
import sys
from contextlib import contextmanager

from lxml import etree

from crawler.parser.blocks import (_CAPTIONS, _SEPARATORS, BLOCK_TAGS, CAPTION_CLASS, HEADINGS, SEPARATOR_CLASS,
                                   Block, class_flag, trim_breaks)
from crawler.parser.furniture import _NAMES_KINDS, DROPPED_TAGS, FOREIGN_TAGS, WEAK, furniture_kind, is_dropped, \
    resolve, token_kind

UNREAD = False  # ``walk``'s class attribute when the caller did not read it (None: no class)
from crawler.parser.inline import Inline
from crawler.parser.text import clean_text, ends_with_question


COVER = re.compile(r"(?<!\S)wp-block-cover(?!\S)")
# A details block's summary and a disclosure button kept (``furniture.reads_as_button``)
# title the panel under them: headings, of a level of their own.
PANEL_TITLES = frozenset({"summary", "button"})
PANEL_LEVEL = 7


def heading_level(tag: str) -> int:
    """Return the level of a heading element (``PANEL_LEVEL`` for a panel's title)."""
    return int(tag[1]) if tag in HEADINGS else PANEL_LEVEL


# The walk recurses once per level of nesting; libxml2 nests 2,048 levels at most (the
# parser reads without its default limit of 256): room for that, with Python's own frames.
WALK_RECURSION = 2048 + 500


@contextmanager
def nesting_room():
    """Let the walk recurse as deep as libxml2 nests (the limit put back after)."""
    limit = sys.getrecursionlimit()
    if limit < WALK_RECURSION:
        sys.setrecursionlimit(WALK_RECURSION)
    try:
        yield
    finally:
        if limit < WALK_RECURSION:
            sys.setrecursionlimit(limit)


# An element the theme or an interview plugin classes as a question ("question",
# "interview-question", "qa__question", "entretien-question"; not "questions-list", nor a
# box holding the question and its answer): its one block is asked, "?" or not.
QUESTION_CLASS = re.compile(r"(?:^|[\s_-])question(?:$|[\s_-])", re.IGNORECASE)
BOTH_CLASS = re.compile(r"answer|reponse|réponse|wrap|container|list", re.IGNORECASE)


def cite_line(blocks: list[Block]) -> None:
    """Join a quote's closing ``<cite>`` (the last block) to the quote's text above it, as
    its last line."""
    cite = blocks.pop()
    quote = blocks[-1]
    quote.text = f"{quote.text}\n{cite.text}"
    quote.html = f"{quote.html}<br>{cite.html}"


def is_cite_paragraph(element: etree._Element) -> bool:
    """Return whether an element is a paragraph holding a ``<cite>`` alone."""
    return element.tag == "p" and len(element) == 1 and element[0].tag == "cite" \
        and not (element.text or "").strip() and not (element[0].tail or "").strip()


def mark_asked(blocks: list[Block], start: int, names: str) -> None:
    """Mark the one paragraph an element classed as a question gave as a question."""
    if len(blocks) - start == 1 and blocks[start].kind in ("p", "h") and QUESTION_CLASS.search(names) \
            and not BOTH_CLASS.search(names):
        blocks[start].emphasised = blocks[start].asked = True


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

    def walk_root(self, root: etree._Element) -> None:
        """Flatten ``root`` (a page's ``<body>``, a REST fragment), with room to recurse as deep
        as the tree nests."""
        with nesting_room():
            self.walk(root, "p", 0, {})

    def walk(self, element: etree._Element, kind: str, depth: int, extra: dict, tag: str | None = None,
             names: str | None | bool = UNREAD) -> None:
        """Flatten one element (of tag ``tag`` and class attribute ``names``, when the caller
        read them), noting the blocks it gave; ``extra`` (a list position) goes to its first block.

        One pass over the children: text and inline children gather in an ``Inline``, made
        only when some comes (most containers of a page builder hold nothing but blocks and
        white space); each block child ends the inline run before it."""
        start = len(self.blocks)
        if tag is None:
            tag = element.tag
        if names is UNREAD:
            names = element.get("class")
        if kind != "caption":  # blocks.kind_of, inlined: most elements keep the kind they inherit
            if tag in HEADINGS or tag in PANEL_TITLES:
                kind = "h"
            elif tag == "figcaption":
                kind = "caption"
            elif names:
                caption = _CAPTIONS.get(names)
                if caption is None:
                    caption = class_flag(_CAPTIONS, CAPTION_CLASS, names)
                if caption:
                    kind = "caption"
            elif tag == "pre":
                kind = "pre"
        if tag == "ul" or tag == "ol":
            first = int(element.get("start")) if (element.get("start") or "").isdigit() else 1
            items = [c for c in element if c.tag == "li" and not self.dropped(c, "li")]
            if kind != "caption" and items and any(next(item.iter(*HEADINGS), None) is not None for item in items):
                # A list of headed boxes (a builder's feature or icon list: a title and its text
                # each item), not a list in the text: its items are blocks of their own.
                for item in items:
                    self.walk(item, kind, depth, {}, "li")
                self.spans[element] = (start, len(self.blocks))
                return
            for pos, item in enumerate(items, start=first):
                self.walk(item, "caption" if kind == "caption" else "li", depth + 1,
                          {"list_kind": tag, "list_pos": pos}, "li")
            self.spans[element] = (start, len(self.blocks))
            return
        if tag == "table" and kind != "caption":
            rows = data_table(element)
            if rows:  # a table of figures: one line a row, its cells joined by " | "
                text = "\n".join(rows)
                html = "<br>".join(row.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;") for row in rows)
                self.blocks.append(Block("p", text, html, depth=depth, **extra))
                self.spans[element] = (start, len(self.blocks))
                return
        if names and kind != "caption" and ("pullquote" in names or "pull-quote" in names):
            kind = "pull"  # a pull quote: kept in the answer only when it does not repeat it (qa.py)
        elif names and kind == "p" and "wp-block-cover" in names and COVER.search(names):
            kind = "cover"  # a banner's text: a tagline is dropped, sentences are text (qa.py)
        elif tag == "blockquote" and kind != "caption" and kind != "pull":
            kind = "quote"
        child_kind = kind if kind in ("quote", "li", "caption", "pull", "cover") else "p"
        if tag == "figure" and kind != "pull" and "wp-block-table" not in (names or "") \
                and element.find(".//table") is None:
            child_kind = "caption"  # a figure's text is its caption; a table's figure holds the table
        inline = None
        text = element.text
        if not len(element):  # a leaf (most paragraphs of a builder): its text is one block
            if text and not text.isspace():  # make_block, inlined: no emphasis, no image
                clean = clean_text(text)
                if clean:
                    html = trim_breaks(text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"))
                    self.blocks.append(Block(kind, clean, html, kind == "h", depth=depth, **extra) if extra
                                       else Block(kind, clean, html, kind == "h", depth=depth))
                    if tag in HEADINGS or tag in PANEL_TITLES:  # a leaf inside a heading gets its level below
                        self.blocks[-1].level = heading_level(tag)
                    if names and "uestion" in names:
                        mark_asked(self.blocks, start, names)
            self.spans[element] = (start, len(self.blocks))
            return
        if text and not text.isspace():
            inline = Inline(self.base_url)
            inline.add_text(text, False)
        button = False  # a button child dropped: the element may be a call-to-action box
        for child in element:
            ctag = child.tag
            if ctag in BLOCK_TAGS:
                # is_dropped and furniture_kind, inlined: the class attribute is read once
                if ctag in DROPPED_TAGS or ctag in FOREIGN_TAGS:
                    dropped, cnames = True, None
                elif ctag == "button":
                    cnames = child.get("class")
                    dropped = is_dropped(child, ctag)
                    button = button or dropped
                else:
                    keys = child.keys()
                    if not keys:
                        cnames = None
                        dropped = ctag == "header" or ctag == "footer"
                    elif keys == ["class"]:
                        cnames = child.get("class")
                        found = _NAMES_KINDS.get(cnames, 0)
                        if found == 0:
                            found = token_kind(cnames)
                        dropped = (found is not None and resolve(found, child, cnames) is not None) \
                            or ctag == "header" or ctag == "footer"
                        button = button or (dropped and found == WEAK)
                    else:
                        cnames = child.get("class")
                        dropped = furniture_kind(child, ctag) is not None
                if dropped:
                    if child in self.marks and self.mark_at is None:
                        self.mark_at = len(self.blocks)
                    tail = child.tail
                    if tail and (inline is not None or not tail.isspace()):
                        inline = inline or Inline(self.base_url)
                        inline.add_text(tail, False)
                    continue
                if inline is not None:
                    if self.emit(inline, kind, depth, extra):
                        extra = {}
                    inline = None
                if ctag == "hr" or (ctag == "div" and cnames and class_flag(_SEPARATORS, SEPARATOR_CLASS, cnames)
                                    and not "".join(child.itertext()).strip()):  # blocks.is_separator
                    self.blocks.append(Block(kind="sep", text="", html=""))
                else:
                    before = len(self.blocks)
                    self.walk(child, child_kind, depth, extra, ctag, cnames)  # libxml2 nests 255 levels at most
                    if len(self.blocks) > before:
                        extra = {}
            elif isinstance(ctag, str) and (inline is not None or ctag not in DROPPED_TAGS):
                inline = inline or Inline(self.base_url)
                inline.visit_child(child, False, tag=ctag)
            tail = child.tail
            if tail and (inline is not None or not tail.isspace()):  # white space between blocks is nothing
                inline = inline or Inline(self.base_url)
                inline.add_text(tail, False)
        if inline is not None:
            before = len(self.blocks)
            self.emit(inline, kind, depth, extra)
            if tag == "blockquote" and kind == "quote" and start < before == len(self.blocks) - 1 \
                    and element[-1].tag == "cite":
                cite_line(self.blocks)  # "<blockquote><p>…</p><cite>X</cite>": the quote's last line
        elif tag == "blockquote" and kind == "quote" and len(self.blocks) - start >= 2 and is_cite_paragraph(element[-1]):
            cite_line(self.blocks)  # "<blockquote><p>…</p><p><cite>X</cite></p>": the same
        if button and start < len(self.blocks) <= start + MAX_CTA_BLOCKS:
            mark_call_to_action(self.blocks[start:])
        if tag in HEADINGS or tag in PANEL_TITLES:
            for block in self.blocks[start:]:
                block.level = block.level or heading_level(tag)
        if names and "uestion" in names:
            mark_asked(self.blocks, start, names)
        self.spans[element] = (start, len(self.blocks))

    def dropped(self, element: etree._Element, tag: str | None = None) -> bool:
        """Return whether a block element is furniture, noting where the title was."""
        if not is_dropped(element, tag):
            return False
        if element in self.marks and self.mark_at is None:
            self.mark_at = len(self.blocks)
        return True


# A table of data, not of layout (old sites lay whole pages out in tables): rows of short
# cells holding no block of their own.
MAX_TABLE_ROWS = 60
MAX_CELL = 200
CELL_BLOCKS = frozenset({"p", "div", "table", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote",
                         "figure", "section", "article", "form", "iframe"})


def data_table(table: etree._Element) -> list[str] | None:
    """Return a data table's rows as lines ("Indicateur | 2021 | 2022"), or None for a table
    that lays out blocks or questions and their answers."""
    for row in header_rows(table):  # "Question | Réponse" over the pairs: labels, never text
        if all(QA_LABEL_CELL.match(clean_text("".join(cell.itertext()))) for cell in row if isinstance(cell.tag, str)):
            row.getparent().remove(row)
    rows = []
    asked = 0
    for row in table.iter("tr"):
        cells = []
        for cell in row:
            if cell.tag not in ("td", "th"):
                continue
            if any(isinstance(node.tag, str) and node.tag in CELL_BLOCKS for node in cell.iterdescendants()):
                return None
            text = clean_text("".join(cell.itertext())).replace("\n", " ")
            if len(text) > MAX_CELL:
                return None
            cells.append(text)
        if any(cells):
            rows.append(" | ".join(cells))
            asked += len(cells) == 2 and ends_with_question(cells[0])
        if len(rows) > MAX_TABLE_ROWS:
            return None
    if asked >= 2 and 2 * asked >= len(rows):
        for row in header_rows(table):  # "Question | Réponse" over the pairs: labels, not an intro
            row.getparent().remove(row)
        return None  # a question in a cell, its answer beside it: the interview laid out in a table
    return rows or None


QA_LABEL_CELL = re.compile(r"^(?:questions?|réponses?|q|r|answers?|interview(?:er|ee)?|thèmes?)\s*:?$", re.IGNORECASE)


def header_rows(table: etree._Element) -> list[etree._Element]:
    """Return the rows of a table that hold header cells only."""
    return [row for row in table.iter("tr")
            if len(row) and all(cell.tag == "th" for cell in row if isinstance(cell.tag, str))]


# A call-to-action box: a title, a line or two and a button ("Rejoignez la Maison de l’ESS",
# "Vous êtes une structure de l’ESS ?"): Divi's promo, Spectra's and Kadence's info boxes, a
# block group with a buttons block. None of it is the interview.
MAX_CTA_BLOCKS = 3
MAX_CTA_TEXT = 400


def mark_call_to_action(blocks: list[Block]) -> None:
    """Mark the blocks of an element that also held a button as a call to action when they
    read as one: a title (heading or bold line) and little text."""
    if sum(len(block.text) for block in blocks) <= MAX_CTA_TEXT and any(
            block.kind == "h" or block.emphasised for block in blocks):
        for block in blocks:
            block.cta = True


# A tab bar (its titles are furniture: ``furniture.FOREIGN_FRAGMENTS``) and its panels: the
# panels of some builders repeat their tab's title (WPBakery, Impreza, Elementor), those of
# others do not (Kadence Blocks), and the title, often the question, would be lost.
TAB_BARS = etree.XPath(".//*[@role='tablist' or contains(@class, 'tabs-list') or contains(@class, 'tab-list') "
                       "or contains(@class, 'tabs-title-list') or contains(@class, 'tabs-nav') or "
                       "contains(@class, 'tab-nav')]")
TAB_ITEMS = etree.XPath(".//*[@role='tab']")
MAX_TAB_TITLE = 200  # a longer "tab" holds its panel (an FAQ's item): nothing to give


def titled_tab_panels(root: etree._Element) -> None:
    """Give each panel of a tab bar whose panels carry no title its tab's title, as a heading
    at its top (the tree is the parser's own: nothing reads it after)."""
    for bar in TAB_BARS(root):
        items = bar.findall("li") or TAB_ITEMS(bar)  # a list's items, or the ARIA tabs
        titles = [clean_text(" ".join(item.itertext())).replace("\n", " ") for item in items]
        if len(titles) < 2 or not all(0 < len(title) <= MAX_TAB_TITLE for title in titles):
            continue
        panels = tab_panels(bar, len(titles))
        if panels is None or any(title in clean_text(" ".join(panel.itertext()))[:len(title) + 40]
                                 for title, panel in zip(titles, panels)):
            continue  # no panels beside it, or they repeat their titles (for small screens)
        for title, panel in zip(titles, panels):
            heading = etree.Element("h6")
            heading.text, heading.tail, panel.text = title, panel.text, None
            panel.insert(0, heading)


def tab_panels(bar: etree._Element, count: int) -> list[etree._Element] | None:
    """Return the panels of a tab bar: the ``count`` children of the element after it (or
    after its parent, or of that element's only child), or None."""
    for node in (bar, bar.getparent()):
        after = node.getnext() if node is not None else None
        while after is not None and not isinstance(after.tag, str):
            after = after.getnext()
        for holder in (after, after[0] if after is not None and len(after) == 1 else None):
            if holder is not None:
                children = [child for child in holder if isinstance(child.tag, str)]
                if len(children) == count:
                    return children
    return None


def flatten(root: etree._Element, base_url: str) -> list[Block]:
    """Return the blocks of ``root`` in document order."""
    titled_tab_panels(root)
    walker = Walker(base_url)
    walker.walk_root(root)
    return walker.blocks
