"""Plain-text normalisation shared by every part of the parser."""

from __future__ import annotations

import re
import unicodedata

# Every Unicode space, no-break (U+00A0) and narrow no-break (U+202F) ones included: French
# typography puts them before ? : ! ; and themes differ on which one they print.
_SPACES = re.compile(r"[^\S\n]+")
_AROUND_NEWLINE = re.compile(r" *\n *")
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")


def clean_text(text: str) -> str:
    """Return ``text`` in NFC with invisible characters removed, runs of spaces folded to one
    and line breaks kept (one per line), without leading or trailing white space."""
    text = unicodedata.normalize("NFC", _INVISIBLE.sub("", text))
    text = _SPACES.sub(" ", text)
    text = _AROUND_NEWLINE.sub("\n", text)
    return re.sub(r"\n{2,}", "\n", text).strip()


def fold(text: str) -> str:
    """Return a comparison key: case-folded, accents removed, typographic apostrophes plain."""
    text = unicodedata.normalize("NFKD", text.replace("’", "'").replace("ʼ", "'"))
    return "".join(c for c in text if not unicodedata.combining(c)).casefold()


def ends_with_question(text: str) -> bool:
    """Return whether ``text`` ends with a question mark, closing quotes and brackets aside."""
    return text.rstrip(" \n»”\"')]").endswith("?")
