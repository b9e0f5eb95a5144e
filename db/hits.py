"""The hits of the archive's one search, at a cost bounded whatever the word: the count comes
from the full-text index alone (exact, no join), and the ranking, the filters and their
counts are computed over a bounded candidate set, the ``CANDIDATES`` matching answers last
archived (highest rowid first, the order FTS5 reads its index in), each with its exact bm25
score. Under that bound every match is a candidate and nothing changes; over it the page says
that the ranking is among the candidates, and a filtered count is a lower bound."""

from __future__ import annotations

import heapq
import json
import sqlite3
from collections import Counter
from operator import itemgetter

CANDIDATES = 10_000
FACET_SIZE = 30
SNIPPET_OPEN, SNIPPET_CLOSE = "\u27e6", "\u27e7"  # ⟦ ⟧: marks that cannot come from HTML

COUNT_SQL = "SELECT count(*) FROM qa_fts WHERE qa_fts MATCH :fts"
# The candidates, newest first; bm25 uses the whole index's statistics, so scores compare.
RANKED_SQL = "SELECT rowid, bm25(qa_fts) AS score FROM qa_fts WHERE qa_fts MATCH :fts ORDER BY rowid DESC LIMIT :cap"
# The same with what the filters read (only when there are filters or their counts to show).
CANDIDATES_SQL = f"""SELECT c.rowid, c.score, i.year, i.person_id, i.organisation_id
FROM ({RANKED_SQL}) c JOIN qa ON qa.rowid = c.rowid JOIN interviews i ON i.id = qa.interview_id"""
HITS_SQL = f"""SELECT qa_fts.rowid AS rowid, qa.interview_id, qa.n, qa.question, qa.speaker, i.title, i.interviewee,
    i.organisation, i.published, i.year, snippet(qa_fts, -1, '{SNIPPET_OPEN}', '{SNIPPET_CLOSE}', '…', 24) AS extrait
FROM qa_fts JOIN qa ON qa.rowid = qa_fts.rowid JOIN interviews i ON i.id = qa.interview_id
WHERE qa_fts MATCH :fts AND qa_fts.rowid IN (SELECT value FROM json_each(:ids))"""
NAMES_SQL = {"personne": "SELECT id, name FROM people WHERE id IN (SELECT value FROM json_each(:ids))",
             "organisation": "SELECT id, name FROM organisations WHERE id IN (SELECT value FROM json_each(:ids))"}
FILTER_COLUMN = {"annee": 2, "personne": 3, "organisation": 4}  # in a candidate row


def find_hits(conn: sqlite3.Connection, fts: str, filters: dict, limit: int, offset: int,
              facets: bool = True, cap: int | None = None) -> dict:
    """Return a search's count (``count_exact`` says whether it is exact or a lower bound),
    how many candidates were ranked when not all were (``ranked_among``), the filters' values
    with their counts (when ``facets``), and one page of hits ranked by relevance."""
    cap = cap or CANDIDATES
    total = conn.execute(COUNT_SQL, {"fts": fts}).fetchone()[0]
    truncated = total > cap
    wanted = {k: v for k, v in filters.items() if v is not None}
    chosen = conn.execute(CANDIDATES_SQL if facets or wanted else RANKED_SQL, {"fts": fts, "cap": cap}).fetchall() \
        if total else []
    if wanted:
        chosen = [r for r in chosen if all(r[FILTER_COLUMN[k]] == v for k, v in wanted.items())]
    count = len(chosen) if wanted or not truncated else total
    page = heapq.nsmallest(offset + limit, chosen, key=itemgetter(1, 0))[offset:]
    found = {r["rowid"]: r for r in _dicts(conn.execute(HITS_SQL, {"fts": fts, "ids": json.dumps([r[0] for r in page])}))}
    return {"count": count, "count_exact": not (wanted and truncated), "reachable": len(chosen),
            "ranked_among": cap if truncated else None, "hits": [found[r[0]] for r in page if r[0] in found],
            "facets": facet_counts(conn, chosen) if facets else {}}


def facet_counts(conn: sqlite3.Connection, chosen: list[tuple]) -> dict:
    """Return, per filter, its values among the hits with their counts (people and
    organisations: the most frequent first, at most ``FACET_SIZE``)."""
    facets = {"annee": [{"value": y, "label": y, "n": n}
                        for y, n in sorted(Counter(r[2] for r in chosen if r[2] is not None).items())]}
    for name, column in (("personne", 3), ("organisation", 4)):
        top = Counter(r[column] for r in chosen if r[column] is not None)
        names = dict(conn.execute(NAMES_SQL[name], {"ids": json.dumps(list(top))}).fetchall()) if top else {}
        facets[name] = sorted(({"value": k, "label": names[k], "n": n} for k, n in top.items() if k in names),
                              key=lambda f: (-f["n"], f["label"]))[:FACET_SIZE]
    return facets


def _dicts(cursor: sqlite3.Cursor) -> list[dict]:
    """Return the rows of a cursor as dicts."""
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row)) for row in cursor]
