"""French full-text search: the stemmed shadow text of answers, and the archive's one search
language (words, "phrases", mot*, OR, -exclusion) compiled to a safe FTS5 query over
``qa_fts``, accent- and case-insensitive and French-stemmed at once.

Stemming happens at query time against the index's own vocabulary: every word of ``qa_fts``
(already folded by its tokenizer) is grouped by the stem of its folded form, so "salaries",
"salariés" and "salarié" all become ``("salarie" OR "salaries")``, the words the archive holds."""

from __future__ import annotations

import itertools
import json
import re
import sqlite3
import threading
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

import Stemmer
from markupsafe import Markup, escape

WORD = re.compile(r"\w+", re.UNICODE)
# What FTS5's unicode61 tokenizer keeps as a token: letters and digits (not "_").
TOKEN = re.compile(r"[^\W_]+", re.UNICODE)
_STEMMER = Stemmer.Stemmer("french")
MAX_PHRASE_VARIANTS = 32  # a phrase of stemmed words expands to at most this many FTS5 phrases
MIN_PREFIX = 2
VOCABULARY_TABLE = "temp.ess_qa_vocab"


class SearchSyntaxError(ValueError):
    """What a visitor typed cannot be read as a search; the message is a hint in French."""


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


@lru_cache(maxsize=65536)
def fold(word: str) -> str:
    """Return a word as the FTS index holds it: lower case, no accents."""
    return fold_accents(word.lower())


@lru_cache(maxsize=65536)
def search_key(word: str) -> str:
    """Return what two words must share to be the same word for the search: the French stem
    of their folded form ("salaries", "salariés", "salarié" give "salar")."""
    return stem_word(fold(word))


def fts_terms(query: str | None) -> str:
    """Return an FTS5 query matching every word typed (any FTS syntax is neutralised)."""
    words = WORD.findall(query or "")
    return " ".join(f'"{w}"' for w in words) if words else '""'


def fts_stemmed_terms(query: str | None) -> str:
    """Return an FTS5 query over the stemmed column matching every word typed."""
    words = WORD.findall(query or "")
    return " ".join(f'"{stem_word(w)}"' for w in words) if words else '""'


# --- the search language -------------------------------------------------------------------

@dataclass(frozen=True)
class Atom:
    """One thing to find: a word, a phrase (several words in a row) or a prefix."""

    words: tuple[str, ...]
    prefix: bool = False


@dataclass
class Query:
    """A parsed search: every group must match (a group is atoms joined by OR), no exclusion may."""

    groups: list[list[Atom]] = field(default_factory=list)
    excluded: list[Atom] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not self.groups


# A quoted phrase (straight or French quotes), or a run of anything else but spaces and quotes.
SEPARATORS = re.compile(r"[^\w'’\-*]+|_")
CHUNK = re.compile(r'(-?)(?:"([^"]*)"|«\s*([^»]*?)\s*»|“([^”]*)”|([^\s"«»“”]+))')
HINT_QUOTE = "Un guillemet n’est pas fermé : écrivez une expression exacte entre deux guillemets, par exemple \"économie sociale\"."
HINT_OR = "OR relie deux mots ou expressions : par exemple emploi OR travail."
HINT_ONLY_EXCLUDED = "Ajoutez au moins un mot à chercher : -mot exclut les réponses qui contiennent ce mot, par exemple insertion -prison."
HINT_PREFIX = f"Un préfixe doit compter au moins {MIN_PREFIX} lettres avant l’étoile : par exemple coop*."


def parse_query(text: str | None) -> Query:
    """Return the parsed search, or raise SearchSyntaxError with a hint in French."""
    text = (text or "").strip()
    if text.count('"') % 2 or text.count("«") != text.count("»") or text.count("“") != text.count("”"):
        raise SearchSyntaxError(HINT_QUOTE)
    query, pending_or, last_positive = Query(), False, False
    for match in CHUNK.finditer(text):
        minus, *quoted, bare = match.groups()
        phrase = next((q for q in quoted if q is not None), None)
        if phrase is None and bare in ("OR", "OU", "|"):
            if not last_positive or pending_or:
                raise SearchSyntaxError(HINT_OR)
            pending_or = True
            continue
        if phrase is None and bare in ("AND", "ET", "+"):
            continue
        # Apostrophes and hyphens keep words together ("l’emploi", "co-construction": a
        # phrase); any other punctuation ("NEAR(emploi", "a:b") separates them.
        pieces = [phrase] if phrase is not None else [p for p in SEPARATORS.split(bare) if p]
        for atom in filter(None, (make_atom(piece, quoted=phrase is not None) for piece in pieces)):
            if minus:
                if pending_or:
                    raise SearchSyntaxError(HINT_OR)
                query.excluded.append(atom)
                last_positive = False
            elif pending_or:
                query.groups[-1].append(atom)
                pending_or = False
            else:
                query.groups.append([atom])
                last_positive = True
    if pending_or:
        raise SearchSyntaxError(HINT_OR)
    if query.excluded and not query.groups:
        raise SearchSyntaxError(HINT_ONLY_EXCLUDED)
    return query


def make_atom(chunk: str, quoted: bool) -> Atom | None:
    """Return the atom a chunk of the query stands for (None when it holds no word)."""
    prefix = not quoted and chunk.endswith("*")
    words = tuple(fold(w) for w in TOKEN.findall(chunk))
    if prefix:
        if len(words) != 1 or len(words[0]) < MIN_PREFIX or not re.search(r"[^\W_]\*+$", chunk):
            raise SearchSyntaxError(HINT_PREFIX)
        return Atom(words, prefix=True)
    if "*" in chunk and not quoted:
        raise SearchSyntaxError(HINT_PREFIX)
    return Atom(words) if words else None


# What says the words changed: the figures row every crawl and reparse run rewrites at its end
# (reading the words costs a pass over the index: not at every write of a crawl in progress,
# whose new words are found as typed, their other forms once the run ends); an archive
# without that row (filled by hand) is read again at any change (``PRAGMA data_version``).
VOCABULARY_VERSION = "SELECT computed_at, run_id, words_version FROM archive_figures WHERE id = 1"


class Vocabulary:
    """The words of the ``qa_fts`` index grouped by search key, read again when a run ends."""

    # The words read, shared by the connections to one archive file: {file: (version, by_key)}.
    shared: dict[str, tuple[tuple, dict]] = {}

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn, self.version, self.by_key = conn, None, {}
        self.has_figures = bool(conn.execute(
            "SELECT 1 FROM sqlite_master WHERE name = 'archive_figures'").fetchone())
        self.file = conn.execute("PRAGMA database_list").fetchone()[2] if self.has_figures else ""

    def current_version(self) -> tuple:
        """Return what identifies the archive's words now."""
        row = self.conn.execute(VOCABULARY_VERSION).fetchone() if self.has_figures else None
        return ("run", *row) if row else ("data", self.conn.execute("PRAGMA data_version").fetchone()[0])

    def variants(self, word: str) -> tuple[str, ...]:
        """Return the indexed words that are this word for the search (the word itself first)."""
        version = self.current_version()
        if version != self.version and self.file and self.shared.get(self.file, ((),))[0] == version:
            self.version, self.by_key = self.shared[self.file]
        if version != self.version:
            self.refresh(version)
        word = fold(word)
        return (word, *sorted(self.by_key.get(search_key(word), set()) - {word}))

    # Reading the words is a pass over the whole index (0.4 s at 400,000 answers): one
    # connection reads them while the others keep the words they have (or wait, the first time).
    reading = threading.Lock()

    def refresh(self, version: tuple) -> None:
        """Read the words of the index again (or take those another connection just read)."""
        if not self.reading.acquire(blocking=not self.by_key):
            return  # another connection is reading them: this search uses the words of the last run
        try:
            shared = self.shared.get(self.file) if self.file else None
            if shared and shared[0] == version:
                self.version, self.by_key = shared
                return
            by_key: dict[str, set[str]] = {}
            for (term,) in self.conn.execute(f"SELECT term FROM {VOCABULARY_TABLE}"):
                by_key.setdefault(search_key(term), set()).add(term)
            self.by_key, self.version = by_key, version
            if self.file and version[0] == "run":
                self.shared[self.file] = (version, by_key)
        finally:
            self.reading.release()


def install_vocabulary(conn: sqlite3.Connection) -> Vocabulary | None:
    """Give a connection to the archive a view of the words of ``qa_fts`` (a TEMP table: the
    archive itself is opened read-only) and return its Vocabulary; None for another database."""
    if not conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'qa_fts'").fetchone():
        return None
    conn.execute(f"CREATE VIRTUAL TABLE IF NOT EXISTS {VOCABULARY_TABLE} USING fts5vocab(main, 'qa_fts', 'row')")
    return Vocabulary(conn)


def atom_fts(atom: Atom, variants) -> str:
    """Return the FTS5 expression of one atom."""
    if atom.prefix:
        return f'"{atom.words[0]}"*'
    choices = [variants(w) for w in atom.words]
    phrases, total = [], 1
    for k, options in enumerate(choices):  # keep the expansion bounded: later words stay as typed
        if total * len(options) > MAX_PHRASE_VARIANTS:
            choices[k] = options[:1]
        total *= len(choices[k])
    phrases = [" ".join(p) for p in itertools.product(*choices)]
    return "(" + " OR ".join(f'"{p}"' for p in phrases) + ")"


def to_fts(query: Query, variants) -> str:
    """Return the FTS5 MATCH expression of a parsed search (``variants(word)`` gives the
    indexed forms of a word); an empty search matches nothing."""
    if query.empty:
        return '""'
    positive = " AND ".join("(" + " OR ".join(atom_fts(a, variants) for a in group) + ")"
                            for group in query.groups)
    if not query.excluded:
        return positive
    return f"({positive}) NOT (" + " OR ".join(atom_fts(a, variants) for a in query.excluded) + ")"


def highlight_terms(query: Query, variants) -> dict[str, list[str]]:
    """Return what to highlight for a search: the indexed words and the prefixes it looks for."""
    words, prefixes = set(), []
    for group in query.groups:
        for atom in group:
            if atom.prefix:
                prefixes.append(atom.words[0])
            else:
                for word in atom.words:
                    words.update(variants(word))
    return {"words": sorted(words), "prefixes": sorted(prefixes)}


def compile_for_sql(conn_vocabulary: Vocabulary | None, text: str | None) -> str:
    """Return the FTS5 expression for what was typed, as the SQL function ``ess_fts`` does:
    a search that cannot be read falls back to every word typed."""
    variants = conn_vocabulary.variants if conn_vocabulary else (lambda w: (fold(w),))
    try:
        return to_fts(parse_query(text), variants)
    except SearchSyntaxError:
        return fts_terms(text)


def terms_for_sql(conn_vocabulary: Vocabulary | None, text: str | None) -> str:
    """Return the highlight terms of what was typed as JSON (the SQL function ``ess_terms``)."""
    variants = conn_vocabulary.variants if conn_vocabulary else (lambda w: (fold(w),))
    try:
        return json.dumps(highlight_terms(parse_query(text), variants))
    except SearchSyntaxError:
        return json.dumps({"words": [fold(w) for w in TOKEN.findall(text or "")], "prefixes": []})


# --- highlighting ---------------------------------------------------------------------------

def _matches(word: str, terms: dict) -> bool:
    folded = fold(word)
    return folded in terms["words"] or any(folded.startswith(p) for p in terms["prefixes"])


def highlight_text(text: str | None, terms: dict | None) -> Markup:
    """Return text escaped for HTML with the words of a search in ``<mark>``."""
    if not terms or not (terms.get("words") or terms.get("prefixes")):
        return Markup(escape(text or ""))
    terms = {"words": set(terms.get("words", ())), "prefixes": tuple(terms.get("prefixes", ()))}
    out, last = [], 0
    for match in TOKEN.finditer(text or ""):
        if _matches(match.group(0), terms):
            out += [str(escape(text[last:match.start()])), "<mark>", str(escape(match.group(0))), "</mark>"]
            last = match.end()
    out.append(str(escape((text or "")[last:])))
    return Markup("".join(out))


TAG_OR_ENTITY = re.compile(r"(<[^>]*>|&#?\w+;)")


def highlight_html(html: str | None, terms: dict | None) -> Markup:
    """Return sanitised HTML with the words of a search in ``<mark>`` (text outside tags and
    entities only)."""
    if not terms or not (terms.get("words") or terms.get("prefixes")):
        return Markup(html or "")
    parts = TAG_OR_ENTITY.split(html or "")
    # Text between tags is already escaped HTML: only wrap words, never re-escape.
    return Markup("".join(part if k % 2 else _mark_raw(part, terms) for k, part in enumerate(parts)))


def _mark_raw(fragment: str, terms: dict) -> str:
    terms = {"words": set(terms.get("words", ())), "prefixes": tuple(terms.get("prefixes", ()))}
    return TOKEN.sub(lambda m: f"<mark>{m.group(0)}</mark>" if _matches(m.group(0), terms) else m.group(0), fragment)
