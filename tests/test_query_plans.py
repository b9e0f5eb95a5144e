"""Every statement the archive runs per capture, per listed post or per page view uses an
index: the cost of one item does not grow with the archive. Statements are collected with
SQLite's trace callback while the real writers and readers run (a crawl's writes, a reparse,
then Datasette serving every search path, the home page and an interview page), then each is
explained (``EXPLAIN QUERY PLAN``); a full scan of a table (in rowid order, along an index or
to build an automatic index) fails the test unless the statement runs once per run, or reads
a bounded part of the table by design (both listed below with why). A full-text index read by
MATCH is no scan: it reads the matches only."""

from __future__ import annotations

import asyncio
import dataclasses
import re
import types
from datetime import timedelta

import pytest
from datasette import hookimpl
from datasette.plugins import pm

from crawler.items import PageCapture, Rejection
from crawler.parser import NotAnInterview
from crawler.reparse import reparse
from db.archive import open_archive
from db import figures, hits, table_search
from db.completeness import close_listing
from db.publish import make_datasette
from db.runs import finish_run, start_run
from db.state import ArchiveState
from db.store import mark_seen, mark_unchanged_capture, write_capture, write_rejection
from tests.test_store import capture_of

# Statements that read a whole table once per run (linear in the archive, not per item).
ONCE_PER_RUN = (
    r"FROM sqlite_master",                                      # schema checks when opening
    r"UPDATE crawl_runs SET status = 'interrupted'",            # killed runs closed at start
    r"SELECT capture_id FROM interviews WHERE capture_id IS NOT NULL",  # reparse: the list of captures
    r"SELECT i\.id, i\.url, c\.url AS fetched",                 # completeness: archived URLs
    r"SELECT id FROM interviews( WHERE gone_since IS NULL)?$",   # completeness and gone
    r"DELETE FROM corrections",                                  # the corrections file copied
    r"INSERT INTO \w+_fts\(\w+_fts\) VALUES \('optimize'\)",    # search indexes merged
    r"\(SELECT count\(\*\) FROM interviews\) AS interviews",       # the home page's figures, at run end
    r"SELECT year, count\(\*\) AS n FROM interviews WHERE year IS NOT NULL GROUP BY year",
)
# A step that reads a whole table: in rowid order, along an index (``USING [COVERING] INDEX``:
# every entry of it), or to build an automatic index (done again at every execution).
FULL_SCAN = re.compile(r"^SCAN (?:main\.)?(\w+)(?: AS \w+)?(?: USING (?:COVERING )?INDEX \w+)?$")
AUTOMATIC_INDEX = re.compile(r"^(?:SEARCH|SCAN) (\w+) USING AUTOMATIC")
COMMON_TABLE = re.compile(r"\b(\w+)\s+AS\s+(?:NOT\s+)?(?:MATERIALIZED\s+)?\(", re.IGNORECASE)
# FTS5 reads its settings itself (the ``_config`` table, a handful of rows).
FTS5_SETTINGS = re.compile(r"^SELECT k, v FROM 'main'\.'\w+_config'$")


def full_scans(plan: list[str], sql: str) -> list[str]:
    """Return the steps of a plan that read a whole table of the archive: not a common table
    of the statement itself (bounded by its own LIMIT), nor SQLite's schema."""
    scans = [(step, found[1]) for step in plan if (found := FULL_SCAN.match(step) or AUTOMATIC_INDEX.match(step))
             and not found[1].startswith("sqlite_")]
    own = {name.lower() for name in COMMON_TABLE.findall(sql)} if scans else set()
    return [step for step, table in scans if table.lower() not in own]


def statements_of_a_run(tmp_path) -> list[str]:
    """Return every SQL statement a crawl's writes, the crawler's questions and a reparse run."""
    seen: list[str] = []
    db = open_archive(tmp_path / "a.db")
    db.conn.set_trace_callback(seen.append)
    run_id = start_run(db, "rest", "http://127.0.0.1:8765")

    def write(capture: dict, record) -> None:
        write_capture(db, PageCapture(url=capture["url"], status=capture["status"], headers=capture["headers"],
                                      body=capture["body"], source="rest", result=record), run_id)

    for post_id in (5120, 6204, 4310):
        capture, record = capture_of(post_id)
        write(capture, record)
        write(capture, record)  # unchanged
        write(dict(capture, body=capture["body"] + b"<!-- edit -->"),
              dataclasses.replace(record, intro="Chapeau révisé."))  # updated
    capture, record = capture_of(5120)
    write(dict(capture, url=capture["url"] + "copie/"), dataclasses.replace(record, id=77))  # conflict
    write(dict(capture, status=404, body=b"<html></html>"), NotAnInterview("http-404", "HTTP 404", capture["url"]))
    write_rejection(db, Rejection(NotAnInterview("not-series", "x", "http://127.0.0.1:8765/autre/"), "rest"), run_id)
    with db.atomic():
        mark_seen(db, 6204)
        mark_unchanged_capture(db, capture["url"])
    close_listing(db, {"source": "rest", "listed": {"rest": ["id:5120", "id:6204"]}, "site_ids": [5120, 6204],
                       "site_urls": [], "incomplete": [], "unproven": []})
    finish_run(db, run_id, "ok", {"new": 3})
    reparse(db)
    state = ArchiveState(tmp_path / "a.db")
    state.db.conn.set_trace_callback(seen.append)
    state.validators(capture["url"])
    state.settled_sha256(capture["url"])
    state.interview_modified(5120)
    state.last_fetched(capture["url"])
    state.cached_body(capture["url"], timedelta(hours=20))
    state.close()
    db.conn.set_trace_callback(None)
    return list(dict.fromkeys(s.strip() for s in seen))


def test_no_statement_of_a_run_scans_a_table_per_item(tmp_path):
    statements = statements_of_a_run(tmp_path)
    db = open_archive(tmp_path / "a.db")
    explained, scans = 0, []
    for sql in statements:
        if not re.match(r"(SELECT|UPDATE|DELETE|INSERT|WITH)\b", sql, re.IGNORECASE) or FTS5_SETTINGS.match(sql):
            continue
        plan = [row[3] for row in db.execute("EXPLAIN QUERY PLAN " + sql).fetchall()]
        explained += 1
        full = full_scans(plan, sql)
        if full and not any(re.search(pattern, sql) for pattern in ONCE_PER_RUN):
            scans.append(f"{full}: {sql[:160]}")
    assert explained > 40  # the trace really saw the writers and readers
    # The home page's figures are counted here, at the end of the run (``db/figures.py``).
    assert figures.COUNTS_SQL.strip() in statements and figures.PER_YEAR_SQL in statements
    assert scans == []



# --- page views ------------------------------------------------------------------------------

QA_WORD, TITLE_WORD = "nous", "questions"  # in 6 of the run's 9 answers, in 2 of its 3 titles
PAGE_VIEWS = (
    "/recherche?q={qa}",                   # hits: FILTERED_SQL with the filters' counts, HITS_SQL
    "/recherche?q={qa}&annee=2020",        # FILTERED_SQL, filtered
    "/recherche.json?q={qa}",              # PAGE_SQL (no filter, no counts), HITS_SQL
    "/recherche.json?q={qa}&annee=2020&personne=1&organisation=1",  # FILTERED_SQL, filtered, no counts
    "/{db}/qa.json?_search={qa}",          # table_search: the count, then Datasette's search or the rewritten one
    "/{db}/qa.csv?_search={qa}",
    "/{db}/interviews.json?_search={title}",
    "/{db}/recherche_reponses.json?q={qa}",
    "/{db}/recherche_racines.json?q={qa}",
    "/",                                   # figures: the row of archive_figures, not a count
    "/entretien/5120",
)


def statements_of_page_views(path, many_matches: int, monkeypatch) -> dict[str, list[str]]:
    """Return the statements Datasette runs on the archive for each page view, by address
    (table searches rewritten above ``many_matches`` matches)."""
    monkeypatch.setattr(table_search, "MANY_MATCHES", many_matches)
    seen: list[str] = []
    tracer = types.ModuleType("ess_trace_statements")

    @hookimpl
    def prepare_connection(conn, database):
        if database == path.stem:
            conn.set_trace_callback(seen.append)

    tracer.prepare_connection = prepare_connection
    pm.register(tracer)
    views: dict[str, list[str]] = {}
    try:
        datasette = make_datasette(path)

        async def view_all() -> None:
            for template in PAGE_VIEWS:
                url = template.format(db=path.stem, qa=QA_WORD, title=TITLE_WORD)
                start = len(seen)
                assert (await datasette.client.get(url)).status_code == 200, url
                views[url] = list(dict.fromkeys(s.strip() for s in seen[start:]))
        asyncio.run(view_all())
    finally:
        pm.unregister(tracer)
    return views


# The search's statements as the code prepares them, with host parameters: the trace gives them
# with their values written in, and a value can change the plan (``WHERE 0``, a filter's
# constant), while SQLite plans the prepared statement for any value.
TEMPLATES = {name: getattr(hits, name).strip() for name in ("COUNT_SQL", "PAGE_SQL", "FILTERED_SQL", "HITS_SQL")}


def statement_of(template: str) -> re.Pattern:
    """Return a pattern matching a statement of the code with its parameters' values written in."""
    return re.compile(re.sub(r":\w+", lambda _: ".+?", re.escape(template)), re.DOTALL)


def template_of(sql: str) -> str:
    """Return the statement as the code prepares it (its template), or the statement itself."""
    return next((t for t in TEMPLATES.values() if statement_of(t).fullmatch(sql)), sql)


def plans_of(path, statements: list[str]) -> dict[str, list[str]]:
    """Return the plan of each statement (of its template, parameters bound, for the code's
    own), explained on a connection of Datasette's, which has the search's SQL functions."""
    datasette = make_datasette(path)

    def explain(conn) -> dict[str, list[str]]:
        plans = {}
        for sql in statements:
            prepared = template_of(sql)
            params = dict.fromkeys(re.findall(r"(?<!:):(\w+)", prepared)) if prepared != sql else {}
            plans[sql] = [row[3] for row in conn.execute("EXPLAIN QUERY PLAN " + prepared, params)]
        return plans
    return asyncio.run(datasette.get_database().execute_fn(explain))


# Statements of a page view that scan a table by design, each with the largest LIMIT it may
# carry: the scan follows the statement's own order (no sort of the table), so it stops there.
BOUNDED = (
    # The home page's last run: the rowid read backwards, one row.
    (r"^SELECT \* FROM crawl_runs ORDER BY id DESC LIMIT (\d+)$", 1),
    # The home page's latest interviews: the index on ``published`` read backwards, five rows.
    (r"^SELECT id, title, published FROM interviews ORDER BY published DESC LIMIT (\d+)$", 5),
    # A table search rewritten by ``db/table_search.py`` (only when more than MANY_MATCHES rows
    # match, checked below): the table in its order, each row looked up in the full-text index
    # until the page (at most Datasette's 1,000 rows, plus one) is full: about
    # LIMIT x rows / matches rows read when the matches are spread over the table (1,000 for a
    # page of 50 and a word in one row in 20); more for a word found only late in that order.
    (r"\bwhere EXISTS \(SELECT 1 FROM \w+_fts WHERE \w+_fts MATCH .* limit (\d+)$", 1001),
)
# Datasette's own table search: every match listed, counted and sorted through the table, so
# run only when the full-text index counts at most MANY_MATCHES matches.
DATASETTE_SEARCH = re.compile(r"\bwhere rowid in \(select rowid from \w+_fts where \w+_fts match ", re.IGNORECASE)
REWRITTEN_SEARCH = re.compile(r"\bwhere EXISTS \(SELECT 1 FROM \w+_fts WHERE ")


@pytest.mark.parametrize("many", [False, True], ids=["few-matches", "many-matches"])
def test_no_statement_of_a_page_view_scans_a_table(tmp_path, monkeypatch, many):
    statements_of_a_run(tmp_path)
    path = tmp_path / "a.db"
    # Every word searched matches more than 0 rows: with the bound at 0, every table search is rewritten.
    views = statements_of_page_views(path, 0 if many else table_search.MANY_MATCHES, monkeypatch)
    statements = list(dict.fromkeys(
        sql for found in views.values() for sql in found
        if re.match(r"(SELECT|WITH)\b", sql, re.IGNORECASE) and not FTS5_SETTINGS.match(sql)))
    scans = []
    for sql, plan in plans_of(path, statements).items():
        full = full_scans(plan, sql)
        bounded = [(int(found[1]), most) for pattern, most in BOUNDED
                   if (found := re.search(pattern, sql, re.IGNORECASE | re.DOTALL))]
        sorted_whole = any(step.startswith("USE TEMP B-TREE FOR ORDER BY") for step in plan)
        if full and not (bounded and bounded[0][0] <= bounded[0][1] and not sorted_whole):
            scans.append(f"{full}: {sql[:160]}")
    assert scans == []

    # Each statement of db/hits.py was among them.
    for name, template in TEMPLATES.items():
        assert any(template_of(sql) == template for sql in statements), name
    assert hits.RANKED_SQL in TEMPLATES["PAGE_SQL"] and hits.RANKED_SQL in TEMPLATES["FILTERED_SQL"]
    # db/table_search.py: the count from the index alone, then Datasette's search under the
    # bound, the rewritten one over it, never both.
    searches = [url for url in views if "_search=" in url]
    for url in searches:
        assert any(re.match(r"SELECT count\(\*\) FROM \w+_fts WHERE \w+_fts MATCH escape_fts\(", sql)
                   for sql in views[url]), url
        assert any((REWRITTEN_SEARCH if many else DATASETTE_SEARCH).search(sql) for sql in views[url]), url
        assert not any((DATASETTE_SEARCH if many else REWRITTEN_SEARCH).search(sql) for sql in views[url]), url
    # db/figures.py: the home page reads the figures' row, it counts nothing.
    home = views["/"]
    assert f"SELECT * FROM {figures.FIGURES_TABLE} WHERE id = 1" in home
    assert figures.COUNTS_SQL.strip() not in home and figures.PER_YEAR_SQL not in home
