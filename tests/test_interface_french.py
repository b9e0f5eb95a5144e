"""Every page a reader can reach on the demo archive, crawled through Datasette's client from
the home page: in French (no English interface words outside data, schema names and the SQL
editor), ``lang="fr"``, a Content-Security-Policy and no inline script."""

from __future__ import annotations

import asyncio
import re
from collections import Counter, deque
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urlsplit

import pytest

from db.pages import TABLE_JS_STRINGS, french_date, french_number, french_table_js
from db.publish import make_datasette

# Interface words of Datasette 0.65 (and of English web pages) that must not show.
ENGLISH = re.compile(r"\b(home|rows?|run sql|results?|powered by|next page|previous|search|apply|advanced export"
                     r"|this data as|suggested facets?|facet by|custom sql|queries|query parameters|views?|hidden"
                     r"|download|links from|error|sort(ed)? by|sort|ascending|descending|records?|edit sql"
                     r"|format sql|data license|data source|about|log ?out|show|hide|returning|more than"
                     r"|remove|column|not found|many|extra where|default|array|newline|expand labels"
                     r"|stream all|export|timed out|\d+ms)\b", re.I)
# Where data and schema names are, not the interface: cells, headers (column names), code, the
# SQL editor, column names in filter menus and column descriptions, the archived text itself.
DATA_TAGS = {"td", "th", "pre", "code", "textarea", "option", "script", "style", "dt", "title"}
DATA_CLASSES = {"data", "qa", "intro", "outro", "person", "role", "organisation", "hit-title", "hit-person",
                "hit-organisation", "hit-question", "hit-extract", "cite-plain", "name-label", "diff", "capture-body",
                "metadata-description", "column-descriptions"}
VISIBLE_ATTRIBUTES = ("placeholder", "aria-label", "alt")
MAX_PER_SHAPE = 2  # pages per path and set of argument names (sort links of every column are one shape)
SEEDS = ("/", "/recherche?q=salaries", "/recherche?q=%22x", "/recherche?q=les&page=2", "/entretien/5120?q=salaries",
         "/nope", "/ess2024/nope", "/ess2024/interviews/999999", "/entretien/999999", "/capture/999999",
         "/ess2024?sql=select+id,+title+from+interviews", "/ess2024?_show_hidden=1", "/personnes?nom=maelle",
         "/ess2024/interviews?_facet=year&year=2022", "/ess2024/qa?_col=answer_html")


class Page(HTMLParser):
    """The visible interface text of a page, its links, and its scripts."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, bool]] = []
        self.text: list[str] = []
        self.links: list[str] = []
        self.inline_scripts = 0
        self.lang = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self.lang = attrs.get("lang")
        if tag == "script" and not attrs.get("src"):
            self.inline_scripts += 1
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        in_data = (bool(self.stack) and self.stack[-1][1]) or tag in DATA_TAGS \
            or bool(DATA_CLASSES & set((attrs.get("class") or "").split()))
        if not in_data:
            self.text += [attrs[a] for a in VISIBLE_ATTRIBUTES if attrs.get(a)]
            if tag == "input" and attrs.get("type") in ("submit", "button"):
                self.text.append(attrs.get("value") or "")
        if tag not in ("br", "img", "input", "meta", "link", "hr", "wbr"):
            self.stack.append((tag, in_data))

    def handle_endtag(self, tag):
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data):
        if not (self.stack and self.stack[-1][1]) and data.strip():
            self.text.append(data.strip())


def reachable_pages(datasette, seeds: tuple[str, ...] = SEEDS) -> dict[str, tuple[int, dict, str]]:
    """Return every page reachable from the seeds (the home page first; bounded per shape)."""
    seen, shapes, pages = set(), Counter(), {}
    queue = deque(seeds)

    async def crawl():
        while queue:
            url = queue.popleft()
            parts = urlsplit(url)
            shape = (re.sub(r"\d+", "N", parts.path), frozenset(k for k, _ in parse_qsl(parts.query, keep_blank_values=True)))
            if url in seen or shapes[shape] >= MAX_PER_SHAPE:
                continue
            seen.add(url)
            shapes[shape] += 1
            response = await datasette.client.get(url)
            if response.status_code in (301, 302):
                queue.append(response.headers["location"])
                continue
            if not response.headers.get("content-type", "").startswith("text/html"):
                continue
            pages[url] = (response.status_code, dict(response.headers), response.text)
            parser = Page()
            parser.feed(response.text)
            for href in parser.links:
                href = href.replace("&amp;", "&").split("#")[0]
                if href.startswith("/") and not href.startswith("//") \
                        and not re.search(r"\.(json|csv|db|txt|bib|ris)(\?|$)|^/-/", href):
                    queue.append(href)

    asyncio.run(crawl())
    return pages


@pytest.fixture(scope="module")
def pages(archived):
    return reachable_pages(make_datasette(archived))


def test_the_crawl_reaches_every_kind_of_page(pages):
    paths = {urlsplit(u).path for u in pages}
    for expected in ("/", "/recherche", "/personnes", "/organisations", "/entretien/5120", "/ess2024",
                     "/ess2024/interviews", "/ess2024/qa", "/ess2024/people", "/ess2024/captures",
                     "/ess2024/interviews/5120", "/ess2024/reponses_personne", "/ess2024/answers"):
        assert expected in paths, expected
    assert any(p.startswith("/capture/") for p in paths)
    assert len(pages) > 60


def test_every_page_is_french_with_no_english_interface_word(pages):
    found = {}
    for url, (status, headers, html) in pages.items():
        parser = Page()
        parser.feed(html)
        words = sorted({m.group(0) for t in parser.text for m in ENGLISH.finditer(t)})
        if words:
            found[url] = words
        assert parser.lang == "fr", url
    assert found == {}


def test_every_page_sends_a_csp_without_inline_script(pages):
    for url, (status, headers, html) in pages.items():
        policy = headers.get("content-security-policy", "")
        assert "default-src 'none'" in policy and "script-src 'self'" in policy, url
        assert "'unsafe-inline'" not in policy.split("script-src")[1].split(";")[0], url
        parser = Page()
        parser.feed(html)
        assert parser.inline_scripts == 0, url
        assert not re.search(r"\son[a-z]+\s*=", re.sub(r"<(pre|td)[^>]*>.*?</\1>", "", html, flags=re.S)), url


def test_errors_are_french_pages(pages):
    for url in ("/nope", "/ess2024/nope", "/ess2024/interviews/999999", "/entretien/999999", "/capture/999999"):
        status, _, html = pages[url]
        assert status == 404 and "Erreur 404" in html or "Introuvable" in html, url
    assert "Cette table n’existe pas" in pages["/ess2024/nope"][2]


def test_dates_and_numbers_are_french(pages):
    html = pages["/entretien/5120?q=salaries"][2]
    assert "22 septembre 2020" in html
    assert french_date("2021-03-04T10:00:00+01:00") == "4 mars 2021"
    assert french_number(1234567) == "1\u202f234\u202f567" and french_number(3.25) == "3,2"
    table = pages["/ess2024/interviews"][2]
    assert re.search(r"\d+ lignes", table)


def test_the_table_script_is_in_french():
    script = french_table_js(True)
    assert script.startswith("var DATASETTE_ALLOW_FACET = true;")
    for english, french in TABLE_JS_STRINGS.items():
        assert english not in script and french in script
    assert not re.search(r">(Sort|Facet|Hide|Show)\b", script)
