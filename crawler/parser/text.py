"""Plain-text normalisation shared by every part of the parser."""

from __future__ import annotations

import re
import unicodedata

# Every Unicode space is folded, no-break (U+00A0) and narrow no-break (U+202F) ones
# included: French typography puts them before ? : ! ; and themes differ on which they print.
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")


def clean_text(text: str) -> str:
    """Return ``text`` in NFC with invisible characters removed, runs of spaces folded to one
    and line breaks kept (one per line), without leading or trailing white space."""
    if _INVISIBLE.search(text):
        text = _INVISIBLE.sub("", text)
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    if "\n" not in text:
        return " ".join(text.split())  # str.split() knows every Unicode space, U+00A0 included
    lines = (" ".join(line.split()) for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


def fold(text: str) -> str:
    """Return a comparison key: case-folded, accents removed, typographic apostrophes plain."""
    text = unicodedata.normalize("NFKD", text.replace("’", "'").replace("ʼ", "'"))
    return "".join(c for c in text if not unicodedata.combining(c)).casefold()


def ends_with_question(text: str) -> bool:
    """Return whether ``text`` ends with a question mark, closing quotes and brackets aside."""
    return text.rstrip(" \n»”\"')]").endswith("?")
