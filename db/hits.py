"""The hits of the archive's one search, at a cost bounded whatever the word: the count comes
from the full-text index alone (exact, no join), and the ranking, the filters and their
counts are computed over a bounded candidate set, the ``CANDIDATES`` matching answers last
archived (highest rowid first, the order FTS5 reads its index in), each with its exact bm25
score. Under that bound every match is a candidate and nothing changes; over it the page says
that the ranking is among the candidates, and a filtered count is a lower bound.

The candidates are read once (a materialised CTE) and the page, the filtered count and the
filters' counts come out of that one statement in SQLite: a few dozen rows cross into Python,
never the candidates themselves (Python work holds the GIL every other request waits on)."""

from __future__ import annotations

import json
import sqlite3

CANDIDATES = 5_000
FACET_SIZE = 30
SNIPPET_OPEN, SNIPPET_CLOSE = "\u27e6", "\u27e7"  # ⟦ ⟧: marks that cannot come from HTML

COUNT_SQL = "SELECT count(*) FROM qa_fts WHERE qa_fts MATCH :fts"
# The candidates, newest first; bm25 uses the whole index's statistics, so scores compare.
RANKED_SQL = "SELECT rowid, bm25(qa_fts) AS score FROM qa_fts WHERE qa_fts MATCH :fts ORDER BY rowid DESC LIMIT :cap"
# One page of the candidates (no filter, no filter counts: nothing to join).
PAGE_SQL = f"""WITH c AS MATERIALIZED ({RANKED_SQL})
SELECT 'page' AS kind, rowid AS value, NULL AS label, NULL AS n FROM
    (SELECT rowid FROM c ORDER BY score, rowid LIMIT :limit OFFSET :offset)
UNION ALL SELECT 'reachable', NULL, NULL, count(*) FROM c"""
# The same with what the filters read: the candidates kept by the filters, their page, their
# count and, per filter, its values with their counts (people and organisations: the most
# frequent first, then by name, at most FACET_SIZE each).
FILTERED_SQL = f"""WITH c AS MATERIALIZED ({RANKED_SQL}),
kept AS MATERIALIZED (
    SELECT c.rowid, c.score, i.year, i.person_id, i.organisation_id
    FROM c JOIN qa ON qa.rowid = c.rowid JOIN interviews i ON i.id = qa.interview_id
    WHERE (:annee IS NULL OR i.year = :annee) AND (:personne IS NULL OR i.person_id = :personne)
      AND (:organisation IS NULL OR i.organisation_id = :organisation))
SELECT 'page' AS kind, rowid AS value, NULL AS label, NULL AS n FROM
    (SELECT rowid FROM kept ORDER BY score, rowid LIMIT :limit OFFSET :offset)
UNION ALL SELECT 'reachable', NULL, NULL, count(*) FROM kept
UNION ALL SELECT * FROM (SELECT 'annee', year, year, count(*) FROM kept WHERE :facets AND year IS NOT NULL
    GROUP BY year ORDER BY year)
UNION ALL SELECT * FROM (SELECT 'personne', p.id, p.name, count(*) AS n FROM kept JOIN people p ON p.id = kept.person_id
    WHERE :facets GROUP BY p.id ORDER BY n DESC, p.name LIMIT {FACET_SIZE})
UNION ALL SELECT * FROM (SELECT 'organisation', o.id, o.name, count(*) AS n FROM kept
    JOIN organisations o ON o.id = kept.organisation_id WHERE :facets GROUP BY o.id ORDER BY n DESC, o.name
    LIMIT {FACET_SIZE})"""
HITS_SQL = f"""SELECT qa_fts.rowid AS rowid, qa.interview_id, qa.n, qa.question, qa.speaker, i.title, i.interviewee,
    i.organisation, i.published, i.year, snippet(qa_fts, -1, '{SNIPPET_OPEN}', '{SNIPPET_CLOSE}', '…', 24) AS extrait
FROM qa_fts JOIN qa ON qa.rowid = qa_fts.rowid JOIN interviews i ON i.id = qa.interview_id
WHERE qa_fts MATCH :fts AND qa_fts.rowid IN (SELECT value FROM json_each(:ids))"""
FILTERS = ("annee", "personne", "organisation")


def find_hits(conn: sqlite3.Connection, fts: str, filters: dict, limit: int, offset: int,
              facets: bool = True, cap: int | None = None) -> dict:
    """Return a search's count (``count_exact`` says whether it is exact or a lower bound),
    how many candidates were ranked when not all were (``ranked_among``), the filters' values
    with their counts (when ``facets``), and one page of hits ranked by relevance."""
    cap = cap or CANDIDATES
    total = conn.execute(COUNT_SQL, {"fts": fts}).fetchone()[0]
    truncated = total > cap
    wanted = {k: filters.get(k) for k in FILTERS}
    filtered = any(v is not None for v in wanted.values())
    page, reachable, found_facets = [], 0, {k: [] for k in FILTERS}
    if total:
        params = {"fts": fts, "cap": cap, "limit": limit, "offset": offset}
        rows = conn.execute(FILTERED_SQL, {**params, **wanted, "facets": int(facets)}) \
            if facets or filtered else conn.execute(PAGE_SQL, params)
        for kind, value, label, n in rows:
            if kind == "page":
                page.append(value)
            elif kind == "reachable":
                reachable = n
            else:
                found_facets[kind].append({"value": value, "label": label, "n": n})
    count = reachable if filtered or not truncated else total
    found = {r["rowid"]: r for r in _dicts(conn.execute(HITS_SQL, {"fts": fts, "ids": json.dumps(page)}))} \
        if page else {}
    return {"count": count, "count_exact": not (filtered and truncated), "reachable": reachable,
            "ranked_among": cap if truncated else None, "hits": [found[r] for r in page if r in found],
            "facets": found_facets if facets else {}}


def _dicts(cursor: sqlite3.Cursor) -> list[dict]:
    """Return the rows of a cursor as dicts."""
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row)) for row in cursor]
