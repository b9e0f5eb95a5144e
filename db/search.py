"""French full-text search helpers: the stemmed shadow text of answers, and safe FTS5
queries built from what a visitor types."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import Stemmer

WORD = re.compile(r"\w+", re.UNICODE)
_STEMMER = Stemmer.Stemmer("french")


@lru_cache(maxsize=65536)
def stem_word(word: str) -> str:
    """Return the French Snowball stem of a word, after folding a plural ``-s``/``-x`` that
    Snowball keeps ("emplois" and "emploi" share a stem)."""
    word = word.lower()
    if len(word) > 3 and word[-1] in "sx":
        word = word[:-1]
    return _STEMMER.stemWord(word)


def stem_text(text: str | None) -> str:
    """Return the stemmed words of a text (elisions split: "l’emploi" gives "emploi")."""
    return " ".join(stem_word(w) for w in WORD.findall(text or ""))


def fold_accents(text: str) -> str:
    """Return text without accents (as the FTS tokenizer compares)."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def fts_terms(query: str | None) -> str:
    """Return an FTS5 query matching every word typed (any FTS syntax is neutralised)."""
    words = WORD.findall(query or "")
    return " ".join(f'"{w}"' for w in words) if words else '""'


def fts_stemmed_terms(query: str | None) -> str:
    """Return an FTS5 query over the stemmed column matching every word typed."""
    words = WORD.findall(query or "")
    return " ".join(f'"{stem_word(w)}"' for w in words) if words else '""'
