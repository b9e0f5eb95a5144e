"""A static copy of the archive: the series index (every interview), each interview page, the
people and organisations pages, the data dictionary and a search page, as plain HTML files
with relative links only, readable from a folder (``file://``) or any static host without
Python or a server.

The pages are the Datasette pages' own templates (``db/templates``, rendered with
``static_site`` set and a ``urls`` that names files) and contexts (``db/pages.py``), with
Datasette's CSS beside them. The search is Pagefind's index of every answer where the copy is
served, and the same answers inlined in a script where it is opened from a folder (browsers
let a ``file://`` page neither ``fetch()`` nor ``import()``); Pagefind 1.5 indexes words
without their accents, so "economie" finds "économie" in both."""

from __future__ import annotations

import asyncio
import json
import re
from importlib import resources
from pathlib import Path

import jinja2
from sqlite_utils import Database

from db import pages
from db.citations import citation_key
from db.export.citations import PUBLIC_URL
from db.export.dictionary import exported_columns, table_descriptions, type_label

TEMPLATES = Path(__file__).parent.parent / "templates"
PAGES = {"/": "index.html", "/recherche": "recherche.html", "/personnes": "personnes.html",
         "/organisations": "organisations.html"}
# File extensions of the archived pictures' types (only image/* is archived).
IMAGE_EXTENSIONS = {"image/jpeg": "jpg", "image/png": "png", "image/gif": "gif", "image/webp": "webp",
                    "image/svg+xml": "svg", "image/avif": "avif"}


class SiteUrls:
    """Datasette's ``urls`` for the static copy: each address of the archive as the file that
    holds it, relative to the page being written. An address with no file raises, so a
    template can never link a page the copy does not have."""

    def __init__(self, depth: int, pictures: dict[int, str]):
        self.up = "../" * depth
        self.pictures = pictures

    def instance(self) -> str:
        """Return the home page."""
        return self.up + "index.html"

    def static(self, name: str) -> str:
        """Return a file of ``static/`` (Datasette's CSS, the search script)."""
        return f"{self.up}static/{name}"

    def database(self, database: str) -> str:
        """Return the data dictionary (the copy's page about the data)."""
        return self.up + "donnees.html"

    def table(self, database: str, table: str) -> str:
        """Return the series index for the interviews, the dictionary's section for a table."""
        return self.up + ("index.html#entretiens" if table == "interviews" else f"donnees.html#{table}")

    def path(self, path: str) -> str:
        """Return the file of an archive page (``/entretien/5120`` is ``entretien/5120.html``)."""
        if path in PAGES:
            return self.up + PAGES[path]
        if match := re.fullmatch(r"/entretien/(-?\d+)", path):
            return f"{self.up}entretien/{match.group(1)}.html"
        if (match := re.fullmatch(r"/image/(\d+)", path)) and int(match.group(1)) in self.pictures:
            return f"{self.up}image/{match.group(1)}.{self.pictures[int(match.group(1))]}"
        raise LookupError(f"the static copy has no page for {path}")

    def row(self, *args: object) -> str:
        """A row page is Datasette's alone."""
        raise LookupError("the static copy has no row pages")


def environment() -> jinja2.Environment:
    """Return a Jinja environment over the archive's templates, with its French filters."""
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES)), autoescape=True,
                             keep_trailing_newline=True)
    env.filters.update(pages.JINJA_FILTERS)
    env.filters["erreur_fr"] = pages.french_error
    return env


class SiteWriter:
    """Writes the pages of one archive into one folder, each with the context every page shares."""

    def __init__(self, db: Database, folder: Path, name: str, version: str):
        from db.publish import load_metadata

        self.db, self.folder, self.name = db, folder, name
        self.env = environment()
        self.metadata = {k: v for k, v in load_metadata(f"{name}.db").items() if k != "databases"}
        self.pictures = {r["id"]: IMAGE_EXTENSIONS.get(r["content_type"], r["content_type"].split("/")[1][:8])
                         for r in db.query("SELECT id, content_type FROM pictures WHERE content_type LIKE 'image/%' "
                                           "AND body IS NOT NULL AND id IN (SELECT picture_id FROM images)")}
        last = db.execute("SELECT max(coalesce(finished, started)) FROM crawl_runs").fetchone()[0]
        self.shared = {"static_site": True, "archive_name": name, "database": name, "metadata": self.metadata,
                       "project_version": version, "last_crawl": last, "app_css_hash": "",
                       "extra_css_urls": [], "extra_js_urls": [], "table_labels": pages.TABLE_LABELS}
        self.written: list[Path] = []

    def write(self, relative: str, data: str | bytes) -> None:
        """Write one file of the copy (text as UTF-8 with ``\\n`` line ends)."""
        path = self.folder / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
        self.written.append(path)

    def page(self, relative: str, template: str, context: dict) -> None:
        """Render a template into the file ``relative``, its links relative to it."""
        urls = SiteUrls(relative.count("/"), self.pictures)
        self.write(relative, self.env.get_template(template).render({**self.shared, "urls": urls, **context}))

    def query(self, sql: str, params: list | dict | None = None) -> list[dict]:
        """Return the rows of a query as dicts."""
        return [dict(r) for r in self.db.query(sql, params or [])]


def write_interviews(site: SiteWriter) -> list[dict]:
    """Write every interview's page and citation files; return the answers to search."""
    answers = []
    for interview in site.query("SELECT * FROM interviews ORDER BY published, id"):
        interview_id = interview["id"]
        capture = site.query("SELECT id, url, fetched_at, status, sha256 FROM captures WHERE id = ?",
                             [interview["capture_id"]]) if interview["capture_id"] else []
        qa = site.query("SELECT * FROM qa WHERE interview_id = ? ORDER BY n", [interview_id])
        context = pages.interview_context(
            interview, qa, site.query(pages.INTERVIEW_IMAGES, [interview_id]),
            site.query("SELECT * FROM versions WHERE interview_id = ? ORDER BY id", [interview_id]),
            capture[0] if capture else None,
            site.query(pages.SERIES_NEIGHBOURS, {"p": interview["published"] or "", "id": interview_id})[0],
            f"{PUBLIC_URL}/entretien/{interview_id}")
        key, cited = citation_key(interview), context["citation"]
        files = {"bib": cited["bibtex"], "ris": cited["ris"],
                 "json": json.dumps([cited["csl"]], ensure_ascii=False, indent=2)}
        for ext, text in files.items():
            site.write(f"citation/{key}.{ext}", text)
        site.page(f"entretien/{interview_id}.html", "interview.html",
                  {**context, "q": "", "search_url": None,
                   "citation_urls": {ext: f"../citation/{key}.{ext}" for ext in files}})
        answers += [{"url": f"entretien/{interview_id}.html#q{item['n']}", "title": interview["title"] or "",
                     "interviewee": interview["interviewee"] or "", "organisation": interview["organisation"] or "",
                     "date": pages.french_date(interview["published"]), "n": item["n"],
                     "question": item["question"] or "", "answer": item["answer"] or ""} for item in qa]
    return answers


def write_home(site: SiteWriter) -> None:
    """Write the series index: the figures and every interview, newest year first."""
    counts = site.query("""SELECT (SELECT count(*) FROM interviews) AS interviews, (SELECT count(*) FROM qa) AS answers,
        (SELECT count(*) FROM people) AS people, (SELECT count(*) FROM organisations) AS organisations""")[0]
    years: dict[int | None, list] = {}
    for row in site.query("SELECT id, title, published, year FROM interviews ORDER BY published DESC, id DESC"):
        years.setdefault(row["year"], []).append(row)
    site.page("index.html", "site/index.html", {"counts": counts, "years": list(years.items())})


def write_names(site: SiteWriter) -> None:
    """Write the people and organisations pages."""
    for slug, kind in pages.NAME_LISTS.items():
        rows = site.query(pages.NAMES.format(**kind))
        site.page(f"{slug}.html", "names.html", {
            "kind": kind, "rows": pages.names_listing(rows, site.query(pages.NAMED_INTERVIEWS.format(**kind))),
            "total": len(rows), "typed": "", "title": kind["title"], "slug": slug})


def write_dictionary(site: SiteWriter) -> None:
    """Write the data dictionary: every exported table and column with its description."""
    described = table_descriptions(site.name)
    tables = [{"name": table, "description": (described.get(table) or {}).get("description", ""),
               "columns": [{"name": c.name, "type": type_label(c), "primary_key": c.primary_key,
                            "description": c.description} for c in cols]}
              for table, cols in exported_columns(site.db, site.name).items()]
    site.page("donnees.html", "site/donnees.html", {"tables": tables})


def write_pictures(site: SiteWriter) -> None:
    """Write the archived pictures the interview pages show."""
    for picture_id, ext in sorted(site.pictures.items()):
        body = site.db.execute("SELECT body FROM pictures WHERE id = ?", [picture_id]).fetchone()[0]
        site.write(f"image/{picture_id}.{ext}", body)


def write_search(site: SiteWriter, answers: list[dict]) -> None:
    """Write the search page, its script, the inlined answers and Pagefind's index of them."""
    site.page("recherche.html", "site/recherche.html", {"title": "Recherche"})
    site.write("static/recherche.js", (TEMPLATES / "site" / "recherche.js").read_text(encoding="utf-8"))
    # One answer per line: a diff of two copies shows which answers changed.
    site.write("static/recherche-index.js", "window.ESS_RECHERCHE = [\n" + ",\n".join(
        json.dumps(a, ensure_ascii=False, sort_keys=True).replace("</", "<\\/") for a in answers) + "\n];\n")
    asyncio.run(pagefind_index(answers, site.folder / "pagefind"))
    site.written += sorted(p for p in (site.folder / "pagefind").rglob("*") if p.is_file())


# One answer as Pagefind reads it: its question and answer indexed, what a hit shows as meta.
RECORD = """<!DOCTYPE html>
<html lang="fr"><head><meta charset="utf-8"><title></title></head><body>
{meta}
<div data-pagefind-body><p>{question}</p><p>{answer}</p></div>
</body></html>
"""


def indexed(text: str) -> str:
    """Return text as Pagefind should index it: Pagefind splits "l'économie" into its words
    (and finds it for "economie") only with a straight apostrophe, and French prints ’."""
    return text.replace("’", "'").replace("ʼ", "'")


async def pagefind_index(answers: list[dict], out: Path) -> None:
    """Write Pagefind's index of the answers, one record each, in French whatever the page's
    language (one index, so that every answer is searched). The records are small pages in a
    folder indexed at once: the Python API waits 0.1 s per message, so one message per answer
    would take minutes; each record's ``url`` meta is the answer's address in the copy."""
    import tempfile
    from html import escape

    from pagefind.index import IndexConfig, PagefindIndex

    with tempfile.TemporaryDirectory(prefix=".pagefind-", dir=out.parent) as work:
        for k, answer in enumerate(answers):
            meta = "\n".join(f'<span data-pagefind-meta="{key}">{escape(str(answer[key]))}</span>'
                             for key in ("url", "title", "interviewee", "organisation", "date", "n", "question"))
            Path(work, f"{k:07d}.html").write_text(RECORD.format(meta=meta, question=escape(indexed(answer["question"])),
                                                                 answer=escape(indexed(answer["answer"]))),
                                                   encoding="utf-8")
        async with PagefindIndex(IndexConfig(output_path=str(out), force_language="fr")) as index:
            await index.add_directory(work)


def export_site(db: Database, folder: Path, name: str, version: str) -> list[Path]:
    """Write the static copy of the archive into ``folder``; return its files."""
    folder.mkdir(parents=True, exist_ok=True)
    site = SiteWriter(db, folder, name, version)
    site.write("static/app.css", resources.files("datasette").joinpath("static/app.css").read_bytes())
    answers = write_interviews(site)
    write_home(site)
    write_names(site)
    write_dictionary(site)
    write_pictures(site)
    write_search(site, answers)
    return sorted(site.written)
