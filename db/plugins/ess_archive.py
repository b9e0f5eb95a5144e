"""The archive's Datasette plugin: its own pages (an interview as published, the raw
capture, the home page figures), SQL functions for safe French search, highlighted snippets."""

from __future__ import annotations

import json
import zlib

from datasette import Response, hookimpl
from markupsafe import Markup, escape

from db.pages import citation, french_date, year_chart
from db.search import fts_stemmed_terms, fts_terms

# Our pages carry no script of their own, and a page that slipped past sanitising must not
# run one either.
PAGE_CSP = ("default-src 'none'; img-src * data:; style-src 'self' 'unsafe-inline'; "
            "base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
RAW_CSP = "sandbox; default-src 'none'"
SNIPPET_OPEN, SNIPPET_CLOSE = "\u27e6", "\u27e7"  # ⟦ ⟧: marks that cannot come from HTML


@hookimpl
def prepare_connection(conn):
    conn.create_function("fts_terms", 1, fts_terms, deterministic=True)
    conn.create_function("fts_stemmed_terms", 1, fts_stemmed_terms, deterministic=True)


@hookimpl
def render_cell(value, column, table, datasette, row):
    if column == "extrait" and isinstance(value, str):
        text = str(escape(value)).replace(SNIPPET_OPEN, "<mark>").replace(SNIPPET_CLOSE, "</mark>")
        return Markup(text)
    if column == "interview_id" and isinstance(value, int) and table in (None, "qa", "answers", "images", "versions"):
        return Markup(f'<a href="{datasette.urls.path("/entretien/" + str(value))}">{value}</a>')
    if table == "interviews" and column == "title" and value and "id" in row.keys():
        return Markup(f'<a href="{datasette.urls.path("/entretien/" + str(row["id"]))}">{escape(value)}</a>')
    return None


async def query(datasette, sql: str, params: list | dict | None = None) -> list[dict]:
    """Return the rows of a query on the archive as dicts."""
    results = await datasette.get_database().execute(sql, params or [])
    return [dict(r) for r in results.rows]


async def interview_page(datasette, request):
    interview_id = int(request.url_vars["id"])
    found = await query(datasette, "SELECT * FROM interviews WHERE id = ?", [interview_id])
    if not found:
        return Response.html(await datasette.render_template(
            "error.html", {"error": "Entretien introuvable", "title": "Introuvable", "status": 404},
            request=request), status=404)
    interview = found[0]
    qa = await query(datasette, "SELECT * FROM qa WHERE interview_id = ? ORDER BY n", [interview_id])
    images = await query(datasette, "SELECT * FROM images WHERE interview_id = ? ORDER BY n", [interview_id])
    versions = await query(datasette, "SELECT count(*) AS n FROM versions WHERE interview_id = ?", [interview_id])
    archive_url = datasette.absolute_url(request, datasette.urls.path(f"/entretien/{interview_id}"))
    corrections = json.loads(interview.get("corrected") or "[]")
    context = {
        "interview": interview, "qa": qa, "images": images, "versions": versions[0]["n"],
        "published_fr": french_date(interview["published"]), "database": datasette.get_database().name,
        "answers_html": [Markup(q["answer_html"]) for q in qa],  # rebuilt from an allow-list by the parser
        "citation": citation(interview, archive_url),
        "wayback_url": f"https://web.archive.org/web/*/{interview['url']}",
        "categories": json.loads(interview["categories"] or "[]"),
        "corrections": corrections,
        "corrected": {c["field"] if c.get("n") is None else f"q{c['n']}" for c in corrections},
    }
    html = await datasette.render_template("interview.html", context, request=request)
    return Response.html(html, headers={"Content-Security-Policy": PAGE_CSP})


async def raw_capture(datasette, request):
    rows = await query(datasette, "SELECT body FROM captures WHERE id = ?",
                       [int(request.url_vars["id"])])
    if not rows:
        return Response.text("capture introuvable", status=404)
    body = zlib.decompress(rows[0]["body"]) if rows[0]["body"] else b""
    # Shown as text, never as a page: an archived page may carry scripts.
    return Response(body, content_type="text/plain; charset=utf-8",
                    headers={"Content-Security-Policy": RAW_CSP, "X-Content-Type-Options": "nosniff"})


@hookimpl
def register_routes():
    return [(r"^/entretien/(?P<id>-?[0-9]+)$", interview_page),
            (r"^/capture/(?P<id>[0-9]+)$", raw_capture)]


@hookimpl
def extra_template_vars(template, datasette):
    if template != "index.html":
        return {}

    async def home():
        counts = (await query(datasette, """SELECT
            (SELECT count(*) FROM interviews) AS interviews, (SELECT count(*) FROM qa) AS answers,
            (SELECT count(*) FROM people) AS people, (SELECT count(*) FROM organisations) AS organisations,
            (SELECT count(*) FROM interviews WHERE gone_since IS NOT NULL) AS gone"""))[0]
        runs = await query(datasette, "SELECT id, started, finished, status, message FROM crawl_runs "
                                      "ORDER BY id DESC LIMIT 1")
        per_year = await query(datasette, "SELECT year, count(*) AS n FROM interviews WHERE year IS NOT NULL "
                                          "GROUP BY year ORDER BY year")
        latest = await query(datasette, "SELECT id, title, published FROM interviews ORDER BY published DESC LIMIT 5")
        return {"home_counts": counts, "home_run": runs[0] if runs else None,
                "home_chart": year_chart([(r["year"], r["n"]) for r in per_year]),
                "home_latest": latest, "home_database": datasette.get_database().name}

    return home
