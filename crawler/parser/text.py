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
    if not text.isascii():  # ASCII holds no invisible character and is NFC already
        if _INVISIBLE.search(text):
            text = _INVISIBLE.sub("", text)
        if not unicodedata.is_normalized("NFC", text):
            text = unicodedata.normalize("NFC", text)
    if "\n" not in text:
        return " ".join(text.split())  # str.split() knows every Unicode space, U+00A0 included
    lines = (" ".join(line.split()) for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


def _combining_marks() -> re.Pattern:
    """Return a pattern of every combining character of the Basic Multilingual Plane."""
    points = [c for c in range(0x300, 0x10000) if unicodedata.combining(chr(c))]
    ranges, start = [], points[0]
    for previous, point in zip(points, points[1:] + [None]):
        if point != previous + 1:
            ranges.append(f"{re.escape(chr(start))}-{re.escape(chr(previous))}")
            start = point
    return re.compile(f"[{''.join(ranges)}]+")


_COMBINING = _combining_marks()


def fold(text: str) -> str:
    """Return a comparison key: case-folded, accents removed, typographic apostrophes plain."""
    text = unicodedata.normalize("NFKD", text.replace("’", "'").replace("ʼ", "'"))
    if text.isascii():  # no combining character to remove
        return text.casefold()
    if max(text) <= "\uffff":  # one substitution instead of a test per character
        return _COMBINING.sub("", text).casefold()
    return "".join(c for c in text if not unicodedata.combining(c)).casefold()


# A stage direction after a question: "Pourquoi ce nom ? (rires)", "… ? (laughs)".
ASIDE = re.compile(r"\?\s*\((?:rires?|sourires?|laughs?|smiles?)\)\s*$", re.IGNORECASE)


def ends_with_question(text: str) -> bool:
    """Return whether ``text`` ends with a question mark, closing quotes and brackets aside
    (and a stage direction: "? (rires)")."""
    end = text.rstrip(" \n»”\"')]")
    return end.endswith("?") or (end.endswith(("rires", "sourire", "sourires", "laughs", "laugh", "smiles"))
                                 and ASIDE.search(text) is not None)
