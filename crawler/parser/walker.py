"""The tree flattened into blocks, in document order, noting which blocks each element
gave (content-root scoring reads it) and where the post's title was."""

from __future__ import annotations

from lxml import etree

from crawler.parser.blocks import BLOCK_TAGS, HEADINGS, Block, is_separator, kind_of, make_block
from crawler.parser.furniture import DROPPED_TAGS, furniture_kind, is_dropped
from crawler.parser.inline import Inline


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

    def walk(self, element: etree._Element, kind: str, depth: int, extra: dict, tag: str | None = None) -> None:
        """Flatten one element (of tag ``tag``, when the caller read it), noting the blocks
        it gave; ``extra`` (a list position) goes to its first block.

        One pass over the children: text and inline children gather in an ``Inline``, made
        only when some comes (most containers of a page builder hold nothing but blocks and
        white space); each block child ends the inline run before it."""
        start = len(self.blocks)
        if tag is None:
            tag = element.tag
        if kind != "caption" and (tag in HEADINGS or tag == "figcaption" or tag == "pre" or element.get("class")):
            kind = kind_of(element, kind, tag)  # most elements keep the kind they inherit
        if tag == "ul" or tag == "ol":
            first = int(element.get("start")) if (element.get("start") or "").isdigit() else 1
            items = [c for c in element if c.tag == "li" and not self.dropped(c, "li")]
            for pos, item in enumerate(items, start=first):
                self.walk(item, "caption" if kind == "caption" else "li", depth + 1,
                          {"list_kind": tag, "list_pos": pos}, "li")
            self.spans[element] = (start, len(self.blocks))
            return
        if tag == "blockquote" and kind != "caption":
            kind = "quote"
        child_kind = kind if kind in ("quote", "li", "caption") else "p"
        if tag == "figure" and "wp-block-table" not in (element.get("class") or ""):
            child_kind = "caption"
        inline = None
        text = element.text
        if not len(element):  # a leaf (most paragraphs of a builder): its text is one block
            if text and not text.isspace():
                found = make_block(kind, [text], [text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")],
                                   0, len(text.strip()), [], {"depth": depth, **extra})
                if found:
                    self.blocks.append(found)
            self.spans[element] = (start, len(self.blocks))
            return
        if text and not text.isspace():
            inline = Inline(self.base_url)
            inline.add_text(text, False)
        for child in element:
            ctag = child.tag
            if ctag in BLOCK_TAGS:
                if ctag in DROPPED_TAGS or furniture_kind(child, ctag) is not None:  # is_dropped, inlined
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
                if (ctag == "hr" or ctag == "div") and is_separator(child, ctag):
                    self.blocks.append(Block(kind="sep", text="", html=""))
                else:
                    before = len(self.blocks)
                    self.walk(child, child_kind, depth, extra, ctag)  # libxml2 nests 255 levels at most
                    if len(self.blocks) > before:
                        extra = {}
            elif isinstance(ctag, str):
                inline = inline or Inline(self.base_url)
                inline.visit_child(child, False, tag=ctag)
            tail = child.tail
            if tail and (inline is not None or not tail.isspace()):  # white space between blocks is nothing
                inline = inline or Inline(self.base_url)
                inline.add_text(tail, False)
        if inline is not None:
            self.emit(inline, kind, depth, extra)
        self.spans[element] = (start, len(self.blocks))

    def dropped(self, element: etree._Element, tag: str | None = None) -> bool:
        """Return whether a block element is furniture, noting where the title was."""
        if not is_dropped(element, tag):
            return False
        if element in self.marks and self.mark_at is None:
            self.mark_at = len(self.blocks)
        return True


def flatten(root: etree._Element, base_url: str) -> list[Block]:
    """Return the blocks of ``root`` in document order."""
    walker = Walker(base_url)
    walker.walk(root, "p", 0, {})
    return walker.blocks
