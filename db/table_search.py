"""Datasette's own table search (``/<db>/qa.json?_search=...``, ``.csv``) at a cost bounded
whatever the word. Datasette lists every match (``rowid IN (SELECT rowid FROM qa_fts ...)``),
then counts them through the table, sorts them and works out facets: linear in the matches,
over a second for a word in one answer in three. For a search matching more than
``MANY_MATCHES`` rows in the table's default order, the request is rewritten: the table is
read in its order along an index, each row checked in the full-text index, until the page is
full; the count (exact, from the full-text index alone) is given in ``human_description_en``,
``filtered_table_rows_count`` is null (not counted through the table) and facets are off."""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode

from datasette.filters import FilterArguments
from datasette.utils import escape_sqlite

MANY_MATCHES = 5_000
SEARCH_ARG = "_ess_search"  # the rewritten search, read by ``filters`` (not Datasette's _search)
TABLE_DATA = re.compile(r"/(?P<database>[^/.]+)/(?P<table>[^/.]+)\.(?:json|csv)")


def match_clause(request_args, name: str) -> str:
    """Return the MATCH operand Datasette would use (``_searchmode=raw`` leaves FTS syntax)."""
    return f":{name}" if request_args.get("_searchmode") == "raw" else f"escape_fts(:{name})"


async def match_count(db, fts_table: str, search: str, args) -> int:
    """Return how many rows of the full-text index match (no join: the index alone)."""
    fts = escape_sqlite(fts_table)
    rows = await db.execute(f"SELECT count(*) FROM {fts} WHERE {fts} MATCH {match_clause(args, 's')}", {"s": search})
    return rows.first()[0]


async def rewritten_query(datasette, path: str, query_string: str) -> str | None:
    """Return the query string to serve a table search with, or None to leave it as it is."""
    found = TABLE_DATA.fullmatch(path)
    pairs = parse_qsl(query_string, keep_blank_values=True)
    args = dict(pairs)
    if not found or not args.get("_search") or "_sort" in args or "_sort_desc" in args:
        return None
    try:
        db = datasette.get_database(found["database"])
    except KeyError:
        return None
    fts_table = await db.fts_table(found["table"]) if await db.table_exists(found["table"]) else None
    if not fts_table or await match_count(db, fts_table, args["_search"], args) <= MANY_MATCHES:
        return None
    pairs = [(SEARCH_ARG if k == "_search" else k, v) for k, v in pairs
             if k not in ("_nocount", "_nofacet", "_nosuggest")]
    return urlencode(pairs + [("_nocount", "1"), ("_nofacet", "1"), ("_nosuggest", "1")])


def filters(request, database: str, table: str, datasette):
    """Return the rewritten search as a filter: each row, in the table's order, looked up in
    the full-text index (``EXISTS``), so a page stops as soon as it is full."""
    search = request.args.get(SEARCH_ARG)
    if not search:
        return None

    async def inner() -> FilterArguments:
        db = datasette.get_database(database)
        fts_table = await db.fts_table(table)
        if not fts_table:
            return FilterArguments([])
        fts, name = escape_sqlite(fts_table), escape_sqlite(table)
        count = await match_count(db, fts_table, search, request.args)
        clause = f"EXISTS (SELECT 1 FROM {fts} WHERE {fts} MATCH {match_clause(request.args, 'ess_search')} " \
                 f"AND {fts}.rowid = {name}.rowid)"
        return FilterArguments([clause], {"ess_search": search},
                               [f'search matches "{search}" ({count:,} rows, counted in the full-text index)'],
                               {"search": search})
    return inner
