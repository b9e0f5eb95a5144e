"""The archive's Datasette plugin: its own pages (the search, an interview as published, the
raw capture, people and organisations, the home page figures), the one search language as SQL
functions, French everywhere, and a Content-Security-Policy on every page."""

from __future__ import annotations

import csv
import io
import json
import math
import re
import zlib
from urllib.parse import parse_qsl, urlencode

from datasette import Response, hookimpl
from markupsafe import Markup, escape

from db import citations, figures, hits, pages, table_search
from db.search import (SearchSyntaxError, compile_for_sql, fts_stemmed_terms, fts_terms, install_vocabulary,
                       parse_query, terms_for_sql)

# No inline script anywhere (the only script is Datasette's table menu, translated and served
# from here); a page that slipped past sanitising cannot run one either.
# Pictures come from the archive only (``/image/<id>``): a page never loads the original site.
PAGE_CSP = ("default-src 'none'; script-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
            "connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
RAW_CSP = "sandbox; default-src 'none'"
SNIPPET_OPEN, SNIPPET_CLOSE = hits.SNIPPET_OPEN, hits.SNIPPET_CLOSE
PER_PAGE = 20
EXPORT_LIMIT = 10_000
TABLE_JS = "/-/ess/table.js"
MMAP_SIZE = 1 << 30


@hookimpl
def prepare_connection(conn):
    """Give each connection to the archive the search's SQL functions and word list."""
    # Memory-mapped reads: a search touches pages all over a large archive (read-only use).
    conn.execute(f"PRAGMA mmap_size = {MMAP_SIZE}")
    vocabulary = install_vocabulary(conn)
    conn.create_function("fts_terms", 1, fts_terms, deterministic=True)
    conn.create_function("fts_stemmed_terms", 1, fts_stemmed_terms, deterministic=True)
    # Not deterministic: the words a search expands to are the archive's, which change.
    conn.create_function("ess_fts", 1, lambda text: compile_for_sql(vocabulary, text))
    conn.create_function("ess_terms", 1, lambda text: terms_for_sql(vocabulary, text))


@hookimpl
def startup(datasette):
    """Read the search's word list once the server starts, not during its first searches
    (a pass over the whole index: 0.4 s at 400,000 answers, every database thread waiting)."""
    async def read_words():
        for db in datasette.databases.values():
            if not db.is_memory:
                await db.execute_fn(lambda conn: conn.execute("SELECT ess_fts('a')").fetchone())
    return read_words


@hookimpl
def prepare_jinja2_environment(env, datasette):
    """Give every template French filters (numbers, dates, errors) and the archive's names."""
    # Globals, not template variables: Datasette renders its error pages without those.
    env.globals.update({"archive_name": datasette.get_database().name, "table_labels": pages.TABLE_LABELS,
                        "fr_lookups": pages.FRENCH_LOOKUPS, "table_js_url": datasette.urls.path(TABLE_JS)})
    env.filters.update(pages.JINJA_FILTERS)
    env.filters["erreur_fr"] = pages.french_error


@hookimpl
def render_cell(value, column, table, datasette, row):
    """Return the HTML of cells that link to the archive's pages, highlighted extracts, bytes."""
    if column == "extrait" and isinstance(value, str):
        return snippet_html(value)
    if isinstance(value, bytes):
        return Markup(f"<em>binaire : {pages.french_number(len(value))} octets</em>")
    if column == "interview_id" and isinstance(value, int) and table in (None, "qa", "answers", "images", "versions"):
        return Markup(f'<a href="{datasette.urls.path("/entretien/" + str(value))}">{value}</a>')
    if table == "interviews" and column == "title" and value is not None and "id" in row.keys():
        return Markup(f'<a href="{datasette.urls.path("/entretien/" + str(row["id"]))}">{escape(value)}</a>')
    if table == "captures" and column == "id" and isinstance(value, int):
        return Markup(f'<a href="{datasette.urls.path("/capture/" + str(value))}">{value}</a>')
    if (table, column) in (("pictures", "id"), ("images", "picture_id")) and isinstance(value, int):
        return Markup(f'<a href="{datasette.urls.path("/image/" + str(value))}">{value}</a>')
    return None


def snippet_html(value: str) -> Markup:
    """Return an FTS snippet escaped for HTML, its marks as ``<mark>``."""
    return Markup(str(escape(value)).replace(SNIPPET_OPEN, "<mark>").replace(SNIPPET_CLOSE, "</mark>"))


async def query(datasette, sql: str, params: list | dict | None = None) -> list[dict]:
    """Return the rows of a query on the archive as dicts."""
    results = await datasette.get_database().execute(sql, params or [])
    return [dict(r) for r in results.rows]


async def html_page(datasette, request, template: str, context: dict, status: int = 200) -> Response:
    """Return a page of the archive rendered in French."""
    context = {"database": datasette.get_database().name, **context}
    html = await datasette.render_template(template, context, request=request)
    return Response.html(html, status=status, headers={"Content-Security-Policy": PAGE_CSP})


async def not_found(datasette, request, what: str) -> Response:
    """Return the French 404 page."""
    return await html_page(datasette, request, "error.html",
                           {"error": what, "title": "Introuvable", "status": 404}, status=404)


# --- the search ------------------------------------------------------------------------------

def int_arg(request, name: str) -> int | None:
    """Return an integer argument of the request, or None."""
    value = request.args.get(name) or ""
    return int(value) if re.fullmatch(r"-?\d{1,12}", value) else None


def search_filters(request) -> dict:
    """Return the filters of a search request (year, person, organisation), ints or None."""
    return {"annee": int_arg(request, "annee"), "personne": int_arg(request, "personne"),
            "organisation": int_arg(request, "organisation")}


async def run_search(datasette, q: str, filters: dict, limit: int, offset: int, facets: bool = True) -> dict:
    """Return the count, the facets (when asked) and one page of the hits of a search, its
    cost bounded whatever the words (``db/hits.py``)."""
    def search(conn):
        fts = conn.execute("SELECT ess_fts(?)", [q]).fetchone()[0]
        return hits.find_hits(conn, fts, filters, limit, offset, facets=facets)
    return await datasette.get_database().execute_fn(search)


def hit_link(datasette, hit: dict, q: str) -> str:
    """Return the address of the question a hit is, its terms to highlight there."""
    return datasette.urls.path(f"/entretien/{hit['interview_id']}?{urlencode({'q': q})}#q{hit['n']}")


def with_args(request, **changes) -> str:
    """Return the current address with some arguments changed (None drops one)."""
    args = [(k, v) for k, v in parse_qsl(request.query_string, keep_blank_values=True) if k not in changes]
    args += [(k, str(v)) for k, v in changes.items() if v is not None]
    return request.path + ("?" + urlencode(args) if args else "")


async def search_page(datasette, request):
    """Return the search page, or its results as JSON or CSV."""
    fmt = request.url_vars.get("format") or ""
    q = (request.args.get("q") or "").strip()
    filters = search_filters(request)
    page = max(int_arg(request, "page") or 1, 1)
    error, found = None, None
    try:
        parsed = parse_query(q)
    except SearchSyntaxError as hint:
        error, parsed = str(hint), None
    if parsed is not None and not parsed.empty:
        everything = fmt == ".csv" or (fmt == ".json" and request.args.get("_size") == "max")
        limit, offset = (EXPORT_LIMIT, 0) if everything else (PER_PAGE, (page - 1) * PER_PAGE)
        found = await run_search(datasette, q, filters, limit, offset, facets=not fmt)
        for hit in found["hits"]:
            hit["link"] = hit_link(datasette, hit, q)
            hit["date"] = (hit["published"] or "")[:10]
    if fmt:
        return export_search(datasette, request, fmt, q, filters, page, error, found)
    pages_total = math.ceil(found["reachable"] / PER_PAGE) if found else 0
    context = {
        "q": q, "error": error, "found": found, "filters": filters, "page": page, "pages_total": pages_total,
        "per_page": PER_PAGE, "first_rank": (page - 1) * PER_PAGE + 1,
        "hits": [{**h, "extrait_html": snippet_html(h["extrait"] or ""),
                  "date_fr": pages.french_date(h["published"])} for h in (found or {}).get("hits", [])],
        "previous_url": with_args(request, page=page - 1 if page > 2 else None) if page > 1 else None,
        "next_url": with_args(request, page=page + 1) if page < pages_total else None,
        "json_url": with_args(request, page=None).replace("/recherche", "/recherche.json", 1),
        "csv_url": with_args(request, page=None).replace("/recherche", "/recherche.csv", 1),
        "facet_links": facet_links(request, found, filters) if found else {},
        "title": f"Recherche : {q}" if q else "Recherche",
    }
    return await html_page(datasette, request, "recherche.html", context)


def facet_links(request, found: dict, filters: dict) -> dict:
    """Return, per filter, its values with their counts and the address that sets or drops it."""
    links = {}
    for name, values in found["facets"].items():
        links[name] = [{"label": v["label"], "n": v["n"], "selected": filters[name] == v["value"],
                        "url": with_args(request, page=None, **{name: None if filters[name] == v["value"] else v["value"]})}
                       for v in values]
    return links


EXPORT_COLUMNS = ("interview_id", "n", "title", "interviewee", "organisation", "date", "question", "extrait", "link")


def export_search(datasette, request, fmt: str, q: str, filters: dict, page: int, error, found) -> Response:
    """Return the same search as JSON or CSV (the extract without its marks in CSV)."""
    if error:
        body = {"ok": False, "erreur": error, "q": q}
        return Response.json(body, status=400) if fmt == ".json" else Response.text(error, status=400)
    rows = [{**{k: h.get(k) for k in EXPORT_COLUMNS}, "link": datasette.absolute_url(request, h["link"])}
            for h in (found or {}).get("hits", [])]
    if fmt == ".json":
        count = found["count"] if found else 0
        body = {"ok": True, "q": q, "filtres": filters, "count": count,
                "count_exact": found["count_exact"] if found else True,
                "ranked_among": found["ranked_among"] if found else None, "page": page, "per_page": PER_PAGE,
                "results": rows}
        if found and request.args.get("_size") != "max" and page * PER_PAGE < found["reachable"]:
            body["next_url"] = datasette.absolute_url(request, with_args(request, page=page + 1))
        return Response.json(body)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=EXPORT_COLUMNS)
    writer.writeheader()
    for hit in rows:
        writer.writerow({**hit, "extrait": (hit["extrait"] or "").replace(SNIPPET_OPEN, "").replace(SNIPPET_CLOSE, "")})
    return Response(out.getvalue(), content_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": 'inline; filename="recherche.csv"'})


async def canned_search_redirect(datasette, request):
    """The search canned queries' pages are the one search's page (their JSON stays Datasette's)."""
    q = request.args.get("q") or ""
    return Response.redirect(datasette.urls.path("/recherche" + (f"?{urlencode({'q': q})}" if q else "")))


# --- an interview ----------------------------------------------------------------------------

def interview_rows(conn, interview_id: int, q: str) -> dict | None:
    """Return what an interview's page shows, read in one go on one connection (None when no
    interview has this id): one trip to Datasette's few database threads instead of seven,
    each of which would queue behind the searches using them."""
    def rows(sql: str, params) -> list[dict]:
        cursor = conn.execute(sql, params)
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row)) for row in cursor]

    found = rows("SELECT * FROM interviews WHERE id = ?", [interview_id])
    if not found:
        return None
    interview = found[0]
    capture = rows("SELECT id, url, fetched_at, status, sha256 FROM captures WHERE id = ?",
                   [interview["capture_id"]]) if interview["capture_id"] else []
    return {"interview": interview, "capture": capture[0] if capture else None,
            "terms": json.loads(conn.execute("SELECT ess_terms(?)", [q]).fetchone()[0]) if q else None,
            "qa": rows("SELECT * FROM qa WHERE interview_id = ? ORDER BY n", [interview_id]),
            "images": rows(pages.INTERVIEW_IMAGES, [interview_id]),
            "versions": rows("SELECT * FROM versions WHERE interview_id = ? ORDER BY id", [interview_id]),
            "series": rows(pages.SERIES_NEIGHBOURS, {"p": interview["published"] or "", "id": interview_id})[0]}


async def interview_page(datasette, request):
    """Return an interview as published, with its series, history, capture and citations."""
    interview_id = int(request.url_vars["id"])
    q = (request.args.get("q") or "").strip()
    read = await datasette.get_database().execute_fn(lambda conn: interview_rows(conn, interview_id, q))
    if read is None:
        return await not_found(datasette, request, "Aucun entretien de l’archive ne porte ce numéro.")
    interview, capture, terms = read["interview"], read["capture"], read["terms"]
    qa, images, versions, series = read["qa"], read["images"], read["versions"], read["series"]
    archive_url = datasette.absolute_url(request, datasette.urls.path(f"/entretien/{interview_id}"))
    context = {
        **pages.interview_context(interview, qa, images, versions, capture, series, archive_url, terms),
        "q": q,
        "citation_urls": {fmt: datasette.urls.path(f"/entretien/{interview_id}/citation.{fmt}") for fmt in CITATION_TYPES},
        "search_url": datasette.urls.path("/recherche?" + urlencode({"q": q})) if q else None,
    }
    return await html_page(datasette, request, "interview.html", context)


CITATION_TYPES = {"bib": ("bibtex", "application/x-bibtex"), "ris": ("ris", "application/x-research-info-systems"),
                  "json": ("csl", "application/vnd.citationstyles.csl+json")}


async def citation_file(datasette, request):
    """Return one citation of an interview as a file a reference manager imports."""
    interview_id = int(request.url_vars["id"])
    found = await query(datasette, "SELECT i.*, c.fetched_at AS accessed FROM interviews i "
                                   "LEFT JOIN captures c ON c.id = i.capture_id WHERE i.id = ?", [interview_id])
    if not found:
        return await not_found(datasette, request, "Aucun entretien de l’archive ne porte ce numéro.")
    key, content_type = CITATION_TYPES[request.url_vars["format"]]
    archive_url = datasette.absolute_url(request, datasette.urls.path(f"/entretien/{interview_id}"))
    value = citations.citation(found[0], archive_url, found[0]["accessed"])[key]
    body = json.dumps([value], ensure_ascii=False, indent=2) if key == "csl" else value
    name = f"{citations.citation_key(found[0])}.{request.url_vars['format']}"
    return Response(body, content_type=f"{content_type}; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})


async def raw_capture(datasette, request):
    """Return a raw capture under its header, or its bytes alone as inert text."""
    rows = await query(datasette, "SELECT * FROM captures WHERE id = ?", [int(request.url_vars["id"])])
    if not rows:
        return await not_found(datasette, request, "Aucune capture de l’archive ne porte ce numéro.")
    capture = rows[0]
    body = zlib.decompress(capture["body"]) if capture["body"] else b""
    if request.url_vars.get("format") == ".txt":
        # The bytes as received, as text, never as a page: an archived page may carry scripts.
        return Response(body, content_type="text/plain; charset=utf-8",
                        headers={"Content-Security-Policy": RAW_CSP, "X-Content-Type-Options": "nosniff"})
    interviews = await query(datasette, "SELECT id, title FROM interviews WHERE capture_id = ?", [capture["id"]])
    text = body.decode(capture["encoding"] or "utf-8", errors="replace")
    return await html_page(datasette, request, "capture.html", {
        "capture": capture, "text": text, "interviews": interviews, "title": f"Capture n° {capture['id']}",
        "headers": json.loads(capture["headers"] or "{}")})


async def stored_picture(datasette, request):
    """Return a picture kept in the archive, with the content type it was fetched with."""
    rows = await query(datasette, "SELECT content_type, body, sha256 FROM pictures WHERE id = ?",
                       [int(request.url_vars["id"])])
    if not rows:
        return await not_found(datasette, request, "Aucune image de l’archive ne porte ce numéro.")
    picture = rows[0]
    kind = picture["content_type"] or ""
    # Only image/* is archived; anything else would be served as inert bytes.
    return Response(picture["body"], content_type=kind if kind.startswith("image/") else "application/octet-stream",
                    headers={"Content-Security-Policy": RAW_CSP, "X-Content-Type-Options": "nosniff",
                             "Cache-Control": "public, max-age=86400", "ETag": f'"{picture["sha256"]}"'})


# --- people and organisations ---------------------------------------------------------------

LISTS = pages.NAME_LISTS


async def names_page(datasette, request):
    """Return the people or the organisations, with counts, years and their interviews."""
    kind = LISTS[request.url_vars["kind"]]
    typed = (request.args.get("nom") or "").strip()
    rows = await query(datasette, pages.NAMES.format(**kind))
    shown = pages.names_listing(rows, await query(datasette, pages.NAMED_INTERVIEWS.format(**kind)), typed)
    return await html_page(datasette, request, "names.html", {
        "kind": kind, "rows": shown, "total": len(rows), "typed": typed, "title": kind["title"],
        "slug": request.url_vars["kind"]})


# --- feeds for readers and robots -----------------------------------------------------------

FEED_SIZE = 50


async def atom(datasette, request):
    """Return the Atom feed of the interviews last archived or changed."""
    rows = await query(datasette, f"""SELECT i.id, i.title, i.published, i.intro,
            coalesce(i.updated_at, i.first_seen) AS updated,
            EXISTS (SELECT 1 FROM versions v WHERE v.interview_id = i.id AND v.reason = 'changed on the site') AS changed
        FROM interviews i ORDER BY updated DESC, i.id DESC LIMIT {FEED_SIZE}""")
    absolute = lambda path: datasette.absolute_url(request, datasette.urls.path(path))
    entries = [{"url": absolute(f"/entretien/{r['id']}"), "title": r["title"], "updated": r["updated"] or "",
                "published": r["published"], "summary": (r["intro"] or "")[:400], "changed": bool(r["changed"])}
               for r in rows]
    body = pages.atom_feed(entries, absolute("/flux.atom"), absolute("/"), (datasette.metadata("title") or "ESS 2024")
                           + " — nouveaux entretiens et modifications")
    return Response(body, content_type="application/atom+xml; charset=utf-8")


async def sitemap_xml(datasette, request):
    """Return the sitemap of the archive's pages."""
    rows = await query(datasette, "SELECT id, coalesce(updated_at, first_seen) AS lastmod FROM interviews ORDER BY id")
    absolute = lambda path: datasette.absolute_url(request, datasette.urls.path(path))
    urls = [(absolute(p), None) for p in ("/", "/personnes", "/organisations")]
    urls += [(absolute(f"/entretien/{r['id']}"), r["lastmod"]) for r in rows]
    return Response(pages.sitemap(urls), content_type="application/xml; charset=utf-8")


async def robots(datasette, request):
    """Return robots.txt."""
    sitemap_url = datasette.absolute_url(request, datasette.urls.path("/sitemap.xml"))
    return Response.text(pages.robots_txt(datasette.get_database().name, sitemap_url))


# --- Datasette's own pages in French, and headers for everything -----------------------------

async def table_js(datasette, request):
    """Return Datasette's table script in French."""
    return Response(pages.french_table_js(datasette.setting("allow_facet")),
                    content_type="application/javascript; charset=utf-8")


@hookimpl
def register_routes():
    """Return the archive's own pages."""
    return [(r"^/$", home_page), (r"^/recherche(?P<format>\.json|\.csv)?$", search_page),
            (r"^/entretien/(?P<id>-?[0-9]+)$", interview_page),
            (r"^/entretien/(?P<id>-?[0-9]+)/citation\.(?P<format>bib|ris|json)$", citation_file),
            (r"^/capture/(?P<id>[0-9]+)(?P<format>\.txt)?$", raw_capture),
            (r"^/image/(?P<id>[0-9]+)$", stored_picture),
            (r"^/(?P<kind>personnes|organisations)$", names_page),
            (r"^/[^/]+/recherche_(reponses|racines)$", canned_search_redirect),
            (r"^/-/ess/table\.js$", table_js),
            (r"^/flux\.atom$", atom), (r"^/sitemap\.xml$", sitemap_xml), (r"^/robots\.txt$", robots)]


@hookimpl
def filters_from_request(request, database, table, datasette):
    """Return the filter of a table search rewritten to stay fast (``db/table_search.py``)."""
    return table_search.filters(request, database, table, datasette)


@hookimpl
def asgi_wrapper(datasette):
    """Return a wrapper sending the CSP on every response and table searches to /recherche."""
    def wrap(app):
        async def add_headers(scope, receive, send):
            if scope["type"] != "http":
                return await app(scope, receive, send)
            args = dict(parse_qsl(scope.get("query_string", b"").decode("latin-1")))
            path = scope.get("path", "")
            rewritten = await table_search.rewritten_query(datasette, path, scope.get("query_string", b"").decode("latin-1")) \
                if args.get("_search") else None
            if rewritten is not None:  # a table search matching many rows, served at a bounded cost
                scope = {**scope, "query_string": rewritten.encode("latin-1")}
            if args.get("_search") and re.fullmatch(r"/[^/.]+/[^/.]+", path):
                # A table page's search is the archive's one search.
                location = datasette.urls.path("/recherche?" + urlencode({"q": args["_search"]}))
                await send({"type": "http.response.start", "status": 302,
                            "headers": [(b"location", location.encode()), (b"content-length", b"0"),
                                        (b"content-security-policy", PAGE_CSP.encode())]})
                return await send({"type": "http.response.body", "body": b""})

            async def send_with_headers(event):
                if event["type"] == "http.response.start":
                    headers = [(k, v) for k, v in event.get("headers", [])]
                    names = {k.lower() for k, _ in headers}
                    if b"content-security-policy" not in names:
                        headers.append((b"content-security-policy", PAGE_CSP.encode()))
                    if b"x-content-type-options" not in names:
                        headers.append((b"x-content-type-options", b"nosniff"))
                    headers.append((b"referrer-policy", b"same-origin"))
                    event = {**event, "headers": headers}
                await send(event)

            return await app(scope, receive, send_with_headers)
        return add_headers
    return wrap


@hookimpl
def extra_template_vars(template, datasette):
    """Return the home page's figures."""
    if template != "index.html":
        return {}

    async def home_vars():
        return await home(datasette)
    return home_vars


async def home_page(datasette, request):
    """Return the home page: the archive's figures (``home``), without the per-table counts
    and relations Datasette's own index works out for a page that does not show them."""
    await datasette.ensure_permissions(request.actor, ["view-instance"])
    return await html_page(datasette, request, "index.html", {"metadata": datasette.metadata()})


async def home(datasette) -> dict:
    """Return the home page's figures: counts and the chart as the last run left them
    (``archive_figures``), the last crawl, the latest interviews."""
    saved = await query(datasette, f"SELECT * FROM {figures.FIGURES_TABLE} WHERE id = 1") \
        if await datasette.get_database().table_exists(figures.FIGURES_TABLE) else []
    if saved:
        counts = saved[0]
    else:  # figures never written (an archive filled by hand, not by a run): count them now
        counts = (await query(datasette, figures.COUNTS_SQL))[0]
        counts["per_year"] = json.dumps([[r["year"], r["n"]] for r in await query(datasette, figures.PER_YEAR_SQL)])
    runs = await query(datasette, "SELECT * FROM crawl_runs ORDER BY id DESC LIMIT 1")
    latest = await query(datasette, "SELECT id, title, published FROM interviews ORDER BY published DESC LIMIT 5")
    return {"home_counts": counts, "home_run": pages.run_summary(runs[0]) if runs else None,
            "home_chart": pages.year_chart([tuple(r) for r in json.loads(counts["per_year"] or "[]")]),
            "home_latest": latest, "home_database": datasette.get_database().name}
