"""What the archive's own pages show: the home page figures, an interview's history, French
numbers, dates and errors, Datasette's table script in French, the feeds. Pure functions
over query results, used by the Datasette plugin (``db/plugins/ess_archive.py``)."""

from __future__ import annotations

import difflib
import json
import re
import unicodedata

from markupsafe import Markup, escape

from db.citations import french_date  # noqa: F401 (the pages' dates are the citations')

CHART_WIDTH, CHART_HEIGHT, BAR_GAP = 480, 160, 8


def year_chart(per_year: list[tuple[int, int]]) -> dict:
    """Return the bars of an interviews-per-year chart (drawn as inline SVG by the template)."""
    if not per_year:
        return {"bars": [], "width": CHART_WIDTH, "height": CHART_HEIGHT}
    top = max(count for _, count in per_year)
    width = (CHART_WIDTH - BAR_GAP * (len(per_year) + 1)) / len(per_year)
    bars = []
    for k, (year, count) in enumerate(per_year):
        height = round((CHART_HEIGHT - 40) * count / top, 1)
        x = round(BAR_GAP + k * (width + BAR_GAP), 1)
        bars.append({"year": year, "count": count, "x": x, "width": round(width, 1),
                     "y": round(CHART_HEIGHT - 20 - height, 1), "height": height})
    return {"bars": bars, "width": CHART_WIDTH, "height": CHART_HEIGHT}


def french_number(value: int | float | None) -> str:
    """Return a number as French writes it: ``12 345`` (narrow no-break space), ``3,5``."""
    if value is None:
        return ""
    if isinstance(value, float) and not value.is_integer():
        return f"{value:,.1f}".replace(",", "\u202f").replace(".", ",")
    return f"{int(value):,}".replace(",", "\u202f")


def french_moment(iso: str | None) -> str:
    """Return ``2026-12-02T05:59:43+00:00`` as ``2 décembre 2026 à 05:59 (UTC)``."""
    match = re.match(r"(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})", iso or "")
    if not match:
        return french_date(iso)
    return f"{french_date(match.group(1))} à {match.group(2)} (UTC)"


def name_key(name: str | None) -> str:
    """Return a name as lookups compare it: lower case, no accents, apostrophes plain, one space."""
    text = unicodedata.normalize("NFKD", (name or "").replace("’", "'").replace("ʼ", "'"))
    return " ".join("".join(c for c in text if not unicodedata.combining(c)).casefold().split())


RUN_STATUS = {"ok": "terminée", "partial": "partielle", "unreachable": "site injoignable",
              "not-wordpress": "pas un site WordPress", "interrupted": "interrompue", "running": "en cours"}


def plural(n: int | None, one: str, many: str) -> str:
    """Return ``n`` and the word that goes with it (French: 0 and 1 take the singular)."""
    return f"{french_number(n or 0)} {one if (n or 0) <= 1 else many}"


def run_summary(run: dict) -> dict:
    """Return the last crawl in French: when, its status, what it found."""
    counts = [plural(run.get("new"), "nouvel entretien", "nouveaux entretiens"),
              plural(run.get("updated"), "modifié", "modifiés"),
              plural(run.get("unchanged"), "inchangé", "inchangés"),
              plural(run.get("gone"), "disparu", "disparus"),
              plural(run.get("rejected"), "page hors série", "pages hors série"),
              plural(run.get("errors"), "erreur", "erreurs")]
    return {"id": run["id"], "status": run.get("status"), "status_fr": RUN_STATUS.get(run.get("status"), run.get("status")),
            "when": french_moment(run.get("finished") or run.get("started")), "counts": ", ".join(counts),
            "source": run.get("source")}


# Datasette's filter operators, as the table page offers them.
FRENCH_LOOKUPS = {
    "exact": "=", "not": "≠", "contains": "contient", "endswith": "finit par", "startswith": "commence par",
    "gt": ">", "gte": "≥", "lt": "<", "lte": "≤", "like": "like", "notlike": "not like", "glob": "glob",
    "in": "parmi", "notin": "hors de", "arraycontains": "la liste contient", "arraynotcontains": "la liste ne contient pas",
    "date": "date", "isnull": "est vide (null)", "notnull": "n’est pas null", "isblank": "est vide",
    "notblank": "n’est pas vide",
}

# The visible strings of Datasette 0.65's table.js (its column menu).
TABLE_JS_STRINGS = {
    ">Sort ascending<": ">Trier par ordre croissant<", ">Sort descending<": ">Trier par ordre décroissant<",
    ">Facet by this<": ">Facette sur cette colonne<", ">Hide this column<": ">Masquer cette colonne<",
    ">Show all columns<": ">Afficher toutes les colonnes<", ">Show not-blank rows<": ">Lignes non vides seulement<",
    '"Remove this filter"': '"Retirer ce filtre"', "`Type: ${": "`Type : ${",
}


def french_table_js(allow_facet: bool) -> str:
    """Return Datasette's table.js with its visible strings in French and the facet setting
    it reads set by the script itself (no inline script in the page)."""
    from importlib import resources

    source = resources.files("datasette").joinpath("static/table.js").read_text(encoding="utf-8")
    for english, french in TABLE_JS_STRINGS.items():
        source = source.replace(english, french)
    return f"var DATASETTE_ALLOW_FACET = {'true' if allow_facet else 'false'};\n{source}"


def changed_questions(before: list[dict], after: list[dict]) -> list[dict]:
    """Return the questions that differ between two states of an interview, with a word diff
    of each changed answer."""
    old, new = {q["n"]: q for q in before}, {q["n"]: q for q in after}
    changes = []
    for n in sorted(set(old) | set(new)):
        a, b = old.get(n), new.get(n)
        if a and b and (a["question"], a["answer"]) == (b["question"], b["answer"]):
            continue
        what = "ajoutée" if not a else "supprimée" if not b else "modifiée"
        changes.append({"n": n, "what": what, "question": (b or a)["question"],
                        "question_diff": word_diff(a["question"] if a else "", b["question"] if b else "")
                        if a and b and a["question"] != b["question"] else None,
                        "answer_diff": word_diff(a["answer"] if a else "", b["answer"] if b else "")})
    return changes


def word_diff(before: str, after: str) -> Markup:
    """Return an HTML word diff: removed words in ``<del>``, added ones in ``<ins>``."""
    token = re.compile(r"[\w’'-]+|\s+|[^\w\s]")
    a, b = token.findall(before or ""), token.findall(after or "")
    out = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            out.append(str(escape("".join(a[i1:i2]))))
            continue
        if i2 > i1:
            out.append(f"<del>{escape(''.join(a[i1:i2]))}</del>")
        if j2 > j1:
            out.append(f"<ins>{escape(''.join(b[j1:j2]))}</ins>")
    return Markup("".join(out))


REASONS = {"changed on the site": "modifié sur le site", "new parser": "relu par une nouvelle version de l’extracteur",
           "corrected by hand": "corrigé à la main"}


def history(versions: list[dict], qa: list[dict], interview: dict) -> list[dict]:
    """Return the history of an interview from its earlier versions, oldest change first:
    when each change happened, why, and which questions it changed."""
    states = [json.loads(v["record"]) for v in versions] + [{**interview, "qa": qa}]
    events = []
    for version, before, after in zip(versions, states, states[1:]):
        reason = version.get("reason") or "changed on the site"
        when = after.get("modified") if reason == "changed on the site" and after.get("modified") \
            and after.get("modified") != before.get("modified") else version.get("replaced_at")
        fields = [f for f in ("title", "interviewee", "role", "organisation", "intro", "outro")
                  if (before.get(f) or "") != (after.get(f) or "")]
        events.append({"when": french_date(when), "when_iso": (when or "")[:10],
                       "reason": REASONS.get(reason, reason.replace("post id changed from", "l’article a changé de numéro :")
                                          .replace(" to ", " → ")),
                       "fields": fields, "questions": changed_questions(before.get("qa", []), after.get("qa", []))})
    return events


ERRORS = [(r"^Database not found.*", "Cette base de données n’existe pas dans l’archive."),
          (r"^Table not found.*", "Cette table n’existe pas dans l’archive."),
          (r"^Record not found.*", "Aucune ligne de cette table ne porte cet identifiant."),
          (r"^No data.*", "Aucune donnée."),
          (r"^Page not found.*|^Not found.*", "Cette page n’existe pas."),
          (r"^You do not have permission.*|^Permission denied.*", "Vous n’avez pas accès à cette page."),
          (r"^Database download is forbidden.*", "Le téléchargement de la base n’est pas permis."),
          (r"^Database is immutable.*", "La base est en lecture seule.")]


def french_error(message: object) -> str:
    """Return a Datasette error message in French (an SQL error is left as SQLite says it)."""
    text = str(message or "")
    for pattern, french in ERRORS:
        if re.match(pattern, text):
            return french
    return text


TABLE_LABELS = {
    "interviews": "Entretiens", "qa": "Questions et réponses", "captures": "Captures brutes",
    "crawl_runs": "Collectes", "rejects": "Pages écartées", "versions": "Versions antérieures",
    "people": "Personnes", "organisations": "Organisations", "categories": "Catégories", "tags": "Étiquettes",
    "images": "Images", "answers": "Réponses avec leur entretien", "corrections": "Corrections à la main",
    "interview_categories": "Entretiens et catégories", "interview_tags": "Entretiens et étiquettes",
}


def atom_feed(entries: list[dict], feed_url: str, home_url: str, title: str) -> str:
    """Return an Atom feed of interviews new or changed in the archive (``entries``: id, title,
    url of its page, updated, published, summary, changed)."""
    from xml.sax.saxutils import escape as xml, quoteattr

    updated = max((e["updated"] for e in entries), default="1970-01-01T00:00:00+00:00")
    lines = ['<?xml version="1.0" encoding="utf-8"?>', '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="fr">',
             f"  <title>{xml(title)}</title>", f"  <id>{xml(feed_url)}</id>",
             f"  <link rel=\"self\" href={quoteattr(feed_url)}/>", f"  <link href={quoteattr(home_url)}/>",
             f"  <updated>{xml(updated)}</updated>", "  <author><name>ESS 2024</name></author>"]
    for entry in entries:
        what = "Entretien modifié sur le site" if entry["changed"] else "Nouvel entretien archivé"
        lines += ["  <entry>", f"    <id>{xml(entry['url'])}</id>", f"    <title>{xml(entry['title'])}</title>",
                  f"    <link href={quoteattr(entry['url'])}/>", f"    <updated>{xml(entry['updated'])}</updated>",
                  f"    <published>{xml(entry['published'] or entry['updated'])}</published>",
                  f"    <summary>{xml(' — '.join(filter(None, (what, entry['summary']))))}</summary>", "  </entry>"]
    return "\n".join(lines + ["</feed>", ""])


def sitemap(urls: list[tuple[str, str | None]]) -> str:
    """Return a sitemap of the archive's pages (address, last change or None)."""
    from xml.sax.saxutils import escape as xml

    lines = ['<?xml version="1.0" encoding="utf-8"?>', '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">']
    for url, lastmod in urls:
        lines.append(f"  <url><loc>{xml(url)}</loc>" + (f"<lastmod>{xml(lastmod[:10])}</lastmod>" if lastmod else "")
                     + "</url>")
    return "\n".join(lines + ["</urlset>", ""])


def robots_txt(database: str, sitemap_url: str) -> str:
    """Return the archive's robots.txt: its pages may be read, the SQL, the exports and the
    endless search and sort variants may not."""
    return "\n".join(["User-agent: *", f"Disallow: /{database}?sql=", f"Disallow: /{database}.db", "Disallow: /*.csv",
                      "Disallow: /*.json", "Disallow: /*?*_sort", "Disallow: /*?*_facet", "Disallow: /recherche",
                      "Disallow: /-/", "Allow: /-/static/", "Allow: /-/ess/", f"Sitemap: {sitemap_url}", ""])


# --- what the interview and names pages show, for Datasette's pages and the static copy -------

JINJA_FILTERS = {"nombre": french_number, "date_fr": french_date, "moment_fr": french_moment}

# The interview's pictures (those kept in the archive) and its neighbours in the series.
INTERVIEW_IMAGES = ("SELECT im.n, im.alt, im.caption, im.credit, p.id AS picture_id FROM images im "
                    "LEFT JOIN pictures p ON p.id = im.picture_id WHERE im.interview_id = ? ORDER BY im.n")
SERIES_NEIGHBOURS = """SELECT
    (SELECT json_object('id', id, 'title', title) FROM interviews WHERE (published, id) < (:p, :id)
      ORDER BY published DESC, id DESC LIMIT 1) AS previous,
    (SELECT json_object('id', id, 'title', title) FROM interviews WHERE (published, id) > (:p, :id)
      ORDER BY published, id LIMIT 1) AS next"""


def interview_context(interview: dict, qa: list[dict], images: list[dict], versions: list[dict],
                      capture: dict | None, neighbours: dict, archive_url: str, terms: dict | None = None) -> dict:
    """Return what the interview page shows, from the rows of its queries (``neighbours``: the
    row of ``SERIES_NEIGHBOURS``), the words of a search marked when ``terms`` are given."""
    from db.citations import citation
    from db.search import highlight_html, highlight_text

    corrections = json.loads(interview.get("corrected") or "[]")
    return {
        "interview": interview, "images": images, "terms": terms,
        "qa": [{**item, "question_html": highlight_text(item["question"], terms),
                # answer_html is rebuilt from an allow-list by the parser
                "answer_html_marked": highlight_html(item["answer_html"], terms)} for item in qa],
        "history": history(versions, qa, interview),
        "published_fr": french_date(interview["published"]),
        "citation": citation(interview, archive_url, capture["fetched_at"] if capture else None),
        "wayback_url": f"https://web.archive.org/web/*/{interview['url']}",
        "categories": json.loads(interview["categories"] or "[]"),
        "corrections": corrections,
        "corrected": {c["field"] if c.get("n") is None else f"q{c['n']}" for c in corrections},
        "previous": json.loads(neighbours["previous"]) if neighbours.get("previous") else None,
        "next": json.loads(neighbours["next"]) if neighbours.get("next") else None,
        "capture": capture,
    }


# The people and organisations pages, by their address.
NAME_LISTS = {
    "personnes": {"table": "people", "key": "person_id", "title": "Personnes interrogées", "filter": "personne",
                  "table_key": "person_id"},
    "organisations": {"table": "organisations", "key": "organisation_id", "title": "Organisations",
                      "filter": "organisation", "table_key": "organisation_id"},
}
# The people or organisations page: who, how often, when (``kind``: ``table`` and ``key``).
NAMES = """SELECT t.id, t.name, t.name_key, count(i.id) AS n, min(i.year) AS first_year, max(i.year) AS last_year
    FROM {table} t JOIN interviews i ON i.{key} = t.id GROUP BY t.id ORDER BY t.name_key"""
NAMED_INTERVIEWS = "SELECT {key} AS owner, id, title, published FROM interviews WHERE {key} IS NOT NULL ORDER BY published"


def names_listing(rows: list[dict], owned: list[dict], typed: str = "") -> list[dict]:
    """Return the names whose folded form holds ``typed`` (all of them when empty), each with
    its interviews (``owned``: the rows of ``NAMED_INTERVIEWS``)."""
    key = name_key(typed)
    shown = [r for r in rows if key in name_key(r["name"])] if typed else rows
    interviews: dict[int, list] = {}
    for row in owned:
        interviews.setdefault(row["owner"], []).append(row)
    return [{**row, "interviews": interviews.get(row["id"], [])} for row in shown]
