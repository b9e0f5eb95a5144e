"""The article body of any theme: the whole ``<body>`` is flattened once (furniture pruned),
then the content root is chosen by score, not by the first selector that matches.

Signals, after trafilatura, readability and jusText: text that is not link text, counted
only after the post's title; the deepest element holding nearly all of it (page builders
split one article over many sections, so the common container is the body, not the
biggest section); the theme's named content containers as fast paths, taken when they
agree with the score."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from operator import itemgetter

from lxml import etree

from crawler.parser.blocks import Block
from crawler.parser.walker import Walker, titled_tab_panels
from crawler.parser.ending import is_cross_link, is_end
from crawler.parser.furniture import NEUTRAL_TOKEN, in_foreign
from crawler.parser.scan import Scan
from crawler.parser.selectors import CONTENT_ROOTS
from crawler.parser.text import clean_text, ends_with_question

# A child holding this share of its parent's body text is the better root: what is left
# beside it (a date line, a widget nobody marked) is furniture.
DESCEND_SHARE = 0.85
# Text beside the biggest child that makes it a part, not the whole (an intro, an outro
# in its own builder section).
MIN_PART = 20  # characters
# Body text a closing line must follow to close the article (a "Partager" bar above it does not).
MIN_BODY = 300
# A theme's content container is taken when it holds this share of the scored root's text.
FAST_PATH_SHARE = 0.7
# A block mostly made of link text (menus, "related posts", tag lists) is not body text.
MAX_LINK_RATIO = 0.5


@dataclass
class Body:
    """The chosen content root: its name (a fast path or "scored") and its blocks."""

    name: str
    blocks: list[Block]
    # The short lines between the post's title and its content (byline, date line, terms):
    # where a theme prints the post's date in no markup of its own (read last, ``build``).
    header: list[str] = field(default_factory=list)


def body_text(block: Block) -> int:
    """Return how many characters of a block count as article text."""
    if block.kind in ("caption", "image", "sep") or block.cta:
        return 0
    size = len(block.text)
    return size - block.links if block.links <= MAX_LINK_RATIO * size else 0


def title_marks(title: etree._Element | None) -> set:
    """Return the title element and its ancestors (to find it when it is pruned)."""
    return set() if title is None else {title, *title.iterancestors()}


def title_index(walker: Walker, title: etree._Element | None, title_text: str | None) -> int:
    """Return the index of the first block after the post's title (0 when unknown)."""
    if title is not None and title in walker.spans:
        return walker.spans[title][1]
    if walker.mark_at is not None:
        return walker.mark_at
    if title_text:  # div soup: the title only in <title>, maybe repeated in a plain <div>
        wanted = clean_text(title_text).casefold()
        for index, block in enumerate(walker.blocks):
            if len(block.text) == len(wanted) and block.text.casefold() == wanted:
                return index + 1
    return 0


def content_body(tree: etree._Element, scan: Scan, base_url: str, title: etree._Element | None = None,
                 title_text: str | None = None) -> Body | None:
    """Return the article body of a page, or None when it holds no text."""
    body = tree.find("body")
    if body is None:
        return None
    if scan.tabs:  # one XPath over the page: only when a tab widget may be there
        titled_tab_panels(body)
    walker = Walker(base_url, title_marks(title))
    walker.walk_root(body)
    blocks, spans = walker.blocks, walker.spans
    scan.kept = spans
    after = title_index(walker, title, title_text)
    prefix = [0]
    for block in blocks:
        prefix.append(prefix[-1] + body_text(block))
    stop = article_end(blocks, prefix, after)

    def score(element: etree._Element) -> int:
        start, end = spans[element]
        start = max(start, after) if end > after else start
        end = min(end, stop) if start < stop else end
        return prefix[end] - prefix[start] if end > start else 0

    if body not in spans or score(body) == 0:
        return None
    root = descend(body, spans, score)
    name, root = fast_path(root, scan, spans, score)
    start, end = spans[root]
    if start < after < end:
        start = after  # the title, its date line and byline are not the article
    header = [block.text for block in blocks[after:start][:MAX_HEADER_LINES] if len(block.text) <= MAX_HEADER_LINE]
    terms = post_terms(scan)
    return Body(name, [block for block in blocks[start:end] if not is_terms_line(block, terms)], header)


MAX_TERMS_LINE = 300
TERMS_GLUE = " ,;·|/•-–—\n\t"


def post_terms(scan: Scan) -> list[str]:
    """Return the post's tag and category names (``rel="tag"`` links), longest first."""
    names = {" ".join(term.split()) for term in scan.tags + scan.categories if term and term.strip()}
    return sorted(names, key=len, reverse=True)


# Where WordPress sends a term's link: its archive (/tag/x/, /category/x/, their French bases
# and ?tag= / ?cat= without pretty permalinks).
TERM_HREF = re.compile(r"/(?:tag|tags|category|categorie|categories|étiquette|etiquette|mot-cle|rubrique)/[^/\s\"']+/?"
                       r"[\"']|[?&](?:tag|cat|category_name)=")
HREF = re.compile(r"""<a\s[^>]*href=["']""")


def is_terms_line(block: Block, terms: list[str]) -> bool:
    """Return whether a block is only the post's tag or category links ("emploi, recherche",
    glued or not), whatever its class says: links to term archives, or the post's own terms."""
    text = block.text
    if not text or len(text) > MAX_TERMS_LINE or block.links < 0.75 * len(text):
        return False
    links = len(HREF.findall(block.html))
    if links and len(TERM_HREF.findall(block.html)) == links:
        return True
    if block.links < 0.9 * len(text):
        return False
    rest, found = text, False
    for term in terms:
        if term in rest:
            rest, found = rest.replace(term, " "), True
    return found and not rest.strip(TERMS_GLUE)


MAX_HEADER_LINES = 8
MAX_HEADER_LINE = 120


def article_end(blocks: list[Block], prefix: list[int], after: int) -> int:
    """Return the index of the first line that closes the article ("Partager cet article",
    "3 commentaires", "Laisser un commentaire") once some body text has passed, or the end:
    comments nobody marked up are not body text."""
    for index in range(after, len(blocks)):
        if prefix[index] - prefix[after] >= MIN_BODY and is_end(blocks[index]):
            if is_cross_link(blocks[index]) and any(reads_as_question(b) for b in blocks[index + 1:]):
                continue  # "À lire aussi" and its links between two answers: the interview goes on
            return index
    return len(blocks)


def reads_as_question(block: Block) -> bool:
    """Return whether a block is a question of the interview: a heading or bold line ending with "?"."""
    return (block.kind == "h" or block.emphasised) and ends_with_question(block.text)


first_item = itemgetter(0)


def descend(root: etree._Element, spans: dict, score) -> etree._Element:
    """Return the deepest element holding nearly all the body text below ``root``.

    It stops where the text is shared between siblings of one family (a page builder's
    sections, one per question) or where text precedes the biggest child (an intro)."""
    while True:
        total = score(root)
        children = [(score(child), child) for child in root if child in spans]
        if not children:
            return root
        best_score, best = max(children, key=first_item)
        if best_score < DESCEND_SHARE * total:
            return root
        before = 0
        for value, child in children:
            if child is best:
                break
            before += value
        if before >= MIN_PART or any(value >= MIN_PART and child is not best and same_family(child, best)
                                     for value, child in children):
            return root
        root = best


def class_tokens(element: etree._Element) -> set[str]:
    """Return the class tokens that name what an element is (not post or layout classes)."""
    return {t for t in (element.get("class") or "")[:500].split() if not NEUTRAL_TOKEN.match(t)}


def same_family(one: etree._Element, other: etree._Element) -> bool:
    """Return whether two siblings are parts of one flow: same tag, a class in common."""
    return one.tag == other.tag and bool(class_tokens(one) & class_tokens(other))


def fast_path(root: etree._Element, scan: Scan, spans: dict, score) -> tuple[str, etree._Element]:
    """Return the theme's named content container when it agrees with the scored root
    (one holds the other and it has most of the text), else the scored root."""
    total = score(root)
    for name, *_ in CONTENT_ROOTS:
        for element in scan.roots.get(name, []):
            if element not in spans or score(element) < FAST_PATH_SHARE * total:
                continue
            if element is root or root in set(element.iterancestors()) or element in set(root.iterancestors()):
                if not in_foreign(element, clean=spans):
                    return name, element
    return "scored", root
