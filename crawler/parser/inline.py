"""Inline content of a block: its text, safe HTML, emphasis, link text and pictures, and
the two paragraphs a ``<br>`` or ``<br><br>`` may hide in one element."""

from __future__ import annotations

import re
from html import escape

from lxml import etree

from crawler.parser.blocks import Block, image_of, join_url, make_block
from crawler.parser.furniture import is_dropped
from crawler.parser.records import Image
from crawler.parser.text import ends_with_question

EMPHASIS = {"strong", "b"}
TOPIC = "topic"  # ``Block.lead`` of a bold first line that does not ask
MAX_CONTEXT_QUESTION = 400  # a question after its context line, in one paragraph
MAX_LEAD_TOPIC = 120  # characters of a bold first line that may title its answer without a "?"
# A bold style ("font-weight: 700", "font-weight:bold"); a <b> styled "font-weight: normal" (Google
# Docs wraps a whole paste in one) is not bold.
FONT_WEIGHT = re.compile(r"font-weight\s*:\s*(?:bold|bolder|[6-9]00)\b", re.IGNORECASE)
# Inline tags kept in the sanitised HTML; everything else keeps its text only.
SAFE_INLINE = {"strong", "b", "em", "i", "u", "s", "sub", "sup", "code", "q", "cite", "abbr",
               "small", "mark"}
SAFE_HREF = re.compile(r"^(https?:|mailto:|/|#)", re.IGNORECASE)
MAX_INLINE_DEPTH = 60   # inline nesting kept as markup; deeper is text only (recursion bound)


FOOTNOTE_NUMBER = re.compile(r"^\[?\(?\d{1,3}\)?\]?$")


def is_footnote_mark(sup: etree._Element) -> bool:
    """Return whether a ``<sup>`` is a footnote's call: the block editor's ``data-fn``, a
    plugin's ``fn``/``fnref`` names, or a number ("1", "[2]") that is a lone link to a note
    (``#…``, the page's own address with ``#…``, a script's button opening a tooltip), or that
    is itself all of such a link's text."""
    if sup.get("data-fn") is not None or "fn" in (sup.get("class") or "").split() or \
            (sup.get("id") or "").startswith(("fnref", "footnote-ref")):
        return True
    if len(sup) == 1 and sup[0].tag == "a":
        link = sup[0]
    else:
        link = sup.getparent()
        if link is None or link.tag != "a" or len(link) != 1 or (link.text or "").strip() or (sup.tail or "").strip():
            return False
    if not _calls_a_note(link):
        return False
    return FOOTNOTE_NUMBER.match("".join(sup.itertext()).strip()) is not None


def _calls_a_note(link: etree._Element) -> bool:
    href = link.get("href") or ""
    return "#" in href or href.startswith("javascript:") or link.get("role") == "button"


class Inline:
    """Accumulates the text, safe HTML, emphasis, link text and images of inline content."""

    __slots__ = ("base_url", "text", "html", "emphasised_chars", "chars", "link_chars", "images",
                 "first_break", "last_break", "break_chars", "paragraphs", "breaks")

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
        self.break_chars = 0  # visible characters at the last line break
        self.paragraphs: list[tuple[int, int, int, int, int]] = []
        # Every line break after the first, as first_break: each "<br><br>" paragraph may be
        # headed by its own bold question line (div soup: "<strong>2. …?</strong><br>Answer").
        self.breaks: list[tuple[int, int, int, int]] = []

    def add_text(self, text: str | None, emphasised: bool, link: bool = False) -> None:
        """Add a run of text."""
        if not text:
            return
        self.text.append(text)
        # html.escape(quote=False), inlined: it runs on every run of text of the page.
        self.html.append(text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"))
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
            tag = child.tag
            if isinstance(tag, str):
                self.visit_child(child, emphasised, link, level, tag)
            self.add_text(child.tail, emphasised, link)

    def visit_child(self, child: etree._Element, emphasised: bool, link: bool = False,
                    level: int = 0, tag: str | None = None) -> None:
        """Add an inline child (of tag ``tag``, when the caller read it): a line break, a
        picture, or text (furniture dropped)."""
        if tag is None:
            tag = child.tag
        if tag == "br":
            self.line_break()
        elif tag == "img":
            self.images.append(image_of(child, self.base_url))
        elif tag == "sup" and is_footnote_mark(child):
            return  # its note went with the footnotes list (furniture)
        elif not is_dropped(child, tag):
            bold = tag in EMPHASIS
            style = child.get("style") if tag == "span" or bold else None
            if style and "weight" in style:  # bold by its style (pasted from a word processor, a builder's span)
                bold = FONT_WEIGHT.search(style) is not None
                tag = "strong" if bold else "span"  # as it shows: bold or not, whatever its tag
            self.visit_tag(child, tag, emphasised or bold, link, level + 1)

    def line_break(self) -> None:
        """Add a ``<br>``."""
        if self.first_break is None:
            self.first_break = (len(self.text), len(self.html), self.emphasised_chars, self.chars)
        else:
            self.breaks.append((len(self.text), len(self.html), self.emphasised_chars, self.chars))
            # A break right after a break (nothing visible between) ends a paragraph that has
            # text: a flood of <br> makes one boundary, not thousands of empty paragraphs.
            if self.last_break >= 0 and self.chars == self.break_chars and (
                    not self.paragraphs or self.paragraphs[-1][0] < self.last_break
                    and self.paragraphs[-1][3] < self.chars):
                self.paragraphs.append((len(self.text), len(self.html), self.emphasised_chars, self.chars,
                                        self.link_chars))
        self.text.append("\n")
        self.html.append("<br>")
        self.last_break = len(self.text)
        self.break_chars = self.chars

    def visit_tag(self, child: etree._Element, tag: str, emphasised: bool, link: bool, level: int) -> None:
        """Add an inline element, keeping its tag in the HTML when it is safe."""
        if tag == "a":
            href = child.get("href")
            if href and SAFE_HREF.match(href):
                href = join_url(self.base_url, href)
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
        if self.breaks and kind == "p":
            asked = self.question_lines(kind)
            if asked:
                return asked
        lead = self.lead_question(kind, extra)
        if lead and lead[0].lead is not TOPIC:
            return lead
        block = make_block(kind, self.text, self.html, self.emphasised_chars, self.chars,
                           self.images, extra)
        if block:
            block.links = self.link_chars
            if lead:  # a bold first line that does not ask: a question only in a run of lead questions
                block.lead = (lead[0], lead[1])
            elif kind == "p" and self.first_break is not None and self.asks_last(block):
                block.emphasised = True  # "Vous avez signé un contrat.<br><strong>Que prévoit-il ?</strong>"
        return [block] if block else []

    def asks_last(self, block: Block) -> bool:
        """Return whether a short paragraph's last line, after a plain one, is a bold question:
        a question put after its context."""
        n_text, _, emph, chars = (self.breaks or [self.first_break])[-1]
        last_chars, last_emph = self.chars - chars, self.emphasised_chars - emph
        return 0 < last_chars and last_emph >= 0.9 * last_chars and emph < 0.5 * chars \
            and len(block.text) <= MAX_CONTEXT_QUESTION and ends_with_question(block.text)

    def split_paragraphs(self, kind: str, extra: dict) -> list[Block]:
        """Return the blocks of each "<br><br>"-separated paragraph."""
        ends = [*self.paragraphs, (len(self.text), len(self.html), self.emphasised_chars, self.chars,
                                   self.link_chars)]
        found: list[Block] = []
        start = (0, 0, 0, 0, 0)
        breaks, next_break = self.breaks, 0
        for end in ends:
            part = Inline(self.base_url)
            part.text, part.html = self.text[start[0]:end[0]], self.html[start[1]:end[1]]
            part.emphasised_chars, part.chars, part.link_chars = (end[2] - start[2], end[3] - start[3],
                                                                  end[4] - start[4])
            if not found and self.first_break and self.first_break[0] < end[0]:
                part.first_break = self.first_break
            elif found:  # the part's own first line break, after the one that opened it
                while next_break < len(breaks) and breaks[next_break][0] <= start[0]:
                    next_break += 1
                if next_break < len(breaks) and breaks[next_break][0] < end[0]:
                    b = breaks[next_break]
                    part.first_break = (b[0] - start[0], b[1] - start[1], b[2] - start[2], b[3] - start[3])
            if end is ends[-1]:
                part.images = self.images
            found.extend(part.blocks(kind, **(extra if not found else {})))
            start = end
        return found

    def question_lines(self, kind: str) -> list[Block]:
        """Return the blocks of a paragraph whose lines run questions and answers together
        ("<strong>Question ?</strong><br>Answer<br><strong>Question ?</strong><br>…", or
        "1. Question ?<br>Answer<br>2. …"): each bold or numbered line ending in "?" a block,
        the lines between them one block; [] when fewer than two lines are so."""
        cuts = [self.first_break, *self.breaks, (len(self.text), len(self.html), self.emphasised_chars, self.chars)]
        lines, start = [], (0, 0, 0, 0)
        for end in cuts:
            chars, emph = end[3] - start[3], end[2] - start[2]
            text = "".join(self.text[start[0]:end[0]]).strip()
            asks = ends_with_question(text) and (emph >= 0.9 * chars or NUMBERED_LINE.match(text) is not None)
            lines.append((start, end, bool(chars) and asks))
            start = end
        if sum(asked for *_, asked in lines) < 2:
            return []
        found: list[Block] = []
        run_start = None
        for line_start, line_end, asked in lines + [(cuts[-1], cuts[-1], True)]:
            if asked and run_start is not None and run_start[3] < line_start[3]:
                found.append(self.part(kind, run_start, line_start))
                run_start = None
            if asked and line_start[3] < line_end[3]:
                found.append(self.part(kind, line_start, line_end))
            elif not asked and run_start is None:
                run_start = line_start
        found = [block for block in found if block]
        if not all(balanced(block.html) for block in found):
            return []
        if found and self.images:
            found[-1].images = self.images
        return found

    def part(self, kind: str, start: tuple, end: tuple) -> Block | None:
        """Return the block of the content between two line breaks (as ``first_break``)."""
        return make_block(kind, self.text[start[0]:end[0]], self.html[start[1]:end[1]], end[2] - start[2],
                          end[3] - start[3], [], {})

    def lead_question(self, kind: str, extra: dict | None = None) -> list[Block]:
        """Return [question, rest] when the first line is a bold question, else []; in a
        list item ("<li><strong>Question ?</strong><br>Answer</li>") the rest is the item's
        own paragraph."""
        if kind not in ("p", "li") or self.first_break is None:
            return []
        n_text, n_html, emph, chars = self.first_break
        if not chars:
            return []
        if emph < 0.9 * chars and not NUMBERED_LINE.match("".join(self.text[:n_text])):
            return []  # a plain first line heads the answer only when it is numbered
        head_html = "".join(self.html[:n_html])
        if not balanced(head_html):
            return []
        extra = extra or {}
        head = make_block(kind, self.text[:n_text], self.html[:n_html], emph, chars, [], extra)
        if head is None:
            return []
        topic = False  # a bold first line that does not ask ("<strong>Votre parcours en une phrase</strong><br>…")
        if not (ends_with_question(head.text) or emph >= 0.9 * chars and NUMBERED_LINE.match(head.text)):
            if kind != "p" or emph < 0.9 * chars or len(head.text) > MAX_LEAD_TOPIC or head.text.endswith((".", ":")):
                return []  # the first line heads its answer when it asks, or is a bold numbered line
            topic = True
        if kind == "li" and not (emph >= 0.9 * chars and ends_with_question(head.text)):
            return []  # an item's plain first line is its text
        rest = make_block(kind, self.text[n_text:], self.html[n_html:], self.emphasised_chars - emph,
                          self.chars - chars, self.images, {k: v for k, v in extra.items() if k != "list_pos"})
        if rest is None:
            return []
        rest.links = self.link_chars
        head.lead = TOPIC if topic else True  # a topic is split by ``qa.with_lead_topics`` only
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
