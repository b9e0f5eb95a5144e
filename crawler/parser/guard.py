"""Markup that would make libxml2 slow, made harmless before parsing: a start tag with
thousands of attributes costs libxml2 quadratic time (each attribute is checked against
all the previous ones), so only the first ``MAX_ATTRIBUTES`` of such a tag are kept."""

from __future__ import annotations

import re

MAX_ATTRIBUTES = 100
# Below this many "=" a page cannot hold a tag worth rewriting: the check costs nothing.
MIN_EQUALS = 2000
LONG_TAG_CHARS = 4000
LONG_TAG = r"<([a-zA-Z][^\s<>/]*)([^<>]{4000,})>"
ATTRIBUTE = r"\s*[^\s=<>\"'/]+(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s<>\"']*))?"
PATTERNS = {bytes: (re.compile(LONG_TAG.encode()), re.compile(ATTRIBUTE.encode())),
            str: (re.compile(LONG_TAG), re.compile(ATTRIBUTE))}


def tame_attributes(page: bytes | str) -> bytes | str:
    """Return the page with every start tag cut to its first ``MAX_ATTRIBUTES`` attributes."""
    equals = b"=" if isinstance(page, bytes) else "="
    # len - len(replace) counts "=" four times faster than bytes.count does.
    if len(page) - len(page.replace(equals, equals[:0])) < MIN_EQUALS:
        return page
    if not has_long_tag(page):
        return page
    long_tag, attribute = PATTERNS[type(page)]

    def shorten(match: re.Match) -> bytes | str:
        kept = [found.group(0) for _, found in zip(range(MAX_ATTRIBUTES), attribute.finditer(match.group(2)))]
        return match.group(0)[:1] + match.group(1) + match.group(0)[:0].join(kept) + match.group(0)[-1:]

    return long_tag.sub(shorten, page)


def has_long_tag(page: bytes | str) -> bool:
    """Return whether some start tag may run over 4,000 characters: a piece between two
    ">" whose last "<" is that far from its end (splitting costs a tenth of the regex)."""
    close, open_ = (b">", b"<") if isinstance(page, bytes) else (">", "<")
    for piece in page.split(close):
        if len(piece) > LONG_TAG_CHARS:
            at = piece.rfind(open_)
            if at >= 0 and len(piece) - at > LONG_TAG_CHARS:
                return True
    return False
