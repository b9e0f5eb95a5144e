"""Browsing the archive and reading an interview, through Datasette's client: people and
organisations, the tables as a researcher meets them, and the interview page (speakers, the
series, the outro, its history from ``versions``, the capture it was read from, citations)."""

from __future__ import annotations

import asyncio
import json
import re
import sqlite3

import pytest

from db.pages import changed_questions, history, name_key, word_diff
from db.publish import make_datasette
from tests.conftest import copy_archive


@pytest.fixture(scope="module")
def site(archived):
    return make_datasette(archived), archived.stem, archived


def get(datasette, path: str, **params):
    return asyncio.run(datasette.client.get(path, params=params or None))


def names(html: str) -> list[str]:
    return re.findall(r'<strong class="name-label">(.*?)</strong>', html)


def test_people_list_counts_years_and_links_each_interview(site):
    datasette, _, path = site
    html = get(datasette, "/personnes").text
    with sqlite3.connect(path) as db:
        expected = db.execute("SELECT count(*) FROM people").fetchone()[0]
    assert len(names(html)) == expected and f"{expected} personnes" in html
    entry = re.search(r'<li class="name" id="personne-\d+"><strong class="name-label">Bastien Roux</strong>(.*?)</ul>',
                      html, re.S).group(1)
    assert "1 entretien, en 2020" in entry and 'href="/entretien/5120"' in entry
    assert names(html) == sorted(names(html), key=name_key)


def test_lookup_ignores_accents_case_and_apostrophes(site):
    datasette = site[0]
    assert names(get(datasette, "/personnes", nom="MAELLE guerin").text) == ["Maëlle Guérin"]
    assert names(get(datasette, "/personnes", nom="hervé").text) == ["Professeur Hervé Castagné"]
    found = names(get(datasette, "/organisations", nom="cooperative").text)
    assert found == ["Coopérative Les Champs Communs", "Institut d’études coopératives", "La Coopérative Sigma"]
    assert names(get(datasette, "/organisations", nom="terres d'emploi").text) == ["Terres d’Emploi"]
    assert "Aucune" not in get(datasette, "/organisations").text
    html = get(datasette, "/organisations", nom="zzz").text
    assert names(html) == [] and "0 sur" in html


def test_interviews_table_rows_open_the_interview_page(site):
    datasette, name, _ = site
    html = get(datasette, f"/{name}/interviews").text
    assert re.search(r'<td class="col-title type-str"><a href="/entretien/5120">', html)
    assert 'href="/entretien/5120"' in get(datasette, f"/{name}/interviews/5120").text


def test_qa_table_hides_the_html_and_stemmed_columns_until_asked(site):
    datasette, name, _ = site
    html = get(datasette, f"/{name}/qa").text
    headers = re.findall(r'<th [^>]*data-column="([^"]+)"', html)
    assert "question" in headers and "answer_html" not in headers and "stemmed" not in headers
    assert "Colonnes masquées : answer_html, stemmed" in html
    everything = re.findall(r'<th [^>]*data-column="([^"]+)"', get(datasette, f"/{name}/qa?_col=answer_html&_col=stemmed&_col=question").text)
    assert "answer_html" in everything
    rows = get(datasette, f"/{name}/qa.json?_shape=array&_size=1").json()
    assert "answer_html" in rows[0] and "stemmed" in rows[0]  # the JSON keeps every column


def test_internal_tables_are_hidden_and_facets_make_sense(site):
    datasette, name, _ = site
    html = get(datasette, f"/{name}").text
    tables = re.findall(r'<h3><a href="/{}/([^"?]+)">'.format(name), html)
    assert "interviews" in tables and not [t for t in tables if "fts" in t or t.startswith("_")]
    page = get(datasette, f"/{name}/interviews").text
    facets = re.findall(r'data-column="(\w+)">\s*<p class="facet-info-name">', page)
    assert sorted(facets) == ["kind", "language", "year"]
    years = re.findall(r"year=(\d{4})\">\d{4}</a>", page)
    assert years == sorted(years) and len(years) >= 5


def test_interview_shows_speakers_and_its_place_in_the_series(site):
    datasette, _, path = site
    html = get(datasette, "/entretien/8205").text
    assert '<span class="speaker">Chloé Martin-Roy</span>' in html and '<span class="speaker">CM</span>' in html
    with sqlite3.connect(path) as db:
        order = [r[0] for r in db.execute("SELECT id FROM interviews ORDER BY published, id")]
    k = order.index(8205)
    assert f'rel="prev" class="previous data" href="/entretien/{order[k - 1]}"' in html
    assert f'rel="next" class="next data" href="/entretien/{order[k + 1]}"' in html
    first = get(datasette, f"/entretien/{order[0]}").text
    assert "Premier entretien de la série" in first and 'rel="prev"' not in first


def test_interview_capture_header_and_citations(site):
    datasette, _, path = site
    with sqlite3.connect(path) as db:
        url, fetched, sha256 = db.execute("SELECT c.url, c.fetched_at, c.sha256 FROM interviews i "
                                          "JOIN captures c ON c.id = i.capture_id WHERE i.id = 5120").fetchone()
    html = get(datasette, "/entretien/5120").text
    assert sha256 in html and url in html and "Statut HTTP" in html
    assert f"consulté le {fetched[:10]}" in html  # the capture's date, not today's
    assert "@misc{ess2024_5120" in html and "TY  - ELEC" in html
    bib = get(datasette, "/entretien/5120/citation.bib")
    assert bib.headers["content-type"].startswith("application/x-bibtex") and "publisher = {ESS 2024}" in bib.text
    csl = get(datasette, "/entretien/5120/citation.json").json()
    assert csl[0]["publisher"] == "ESS 2024" and csl[0]["accessed"]["date-parts"][0][0] == int(fetched[:4])
    assert "TY  - ELEC" in get(datasette, "/entretien/5120/citation.ris").text
    assert get(datasette, "/entretien/999999/citation.bib").status_code == 404


@pytest.fixture(scope="module")
def edited(archived, tmp_path_factory):
    """A copy of the archive where interview 5120 was changed on the site on 4 March 2021
    (its third answer rewritten) and has an outro."""
    from sqlite_utils import Database

    from db.store import keep_version

    path = copy_archive(archived, tmp_path_factory.mktemp("edited") / "ess2024.db")
    db = Database(path)
    with db.conn:
        keep_version(db, 5120, "2021-03-05T06:00:00+00:00", "changed on the site")
        db.execute("UPDATE qa SET answer = replace(answer, 'dans les délais', 'dans les délais annoncés') "
                   "WHERE interview_id = 5120 AND n = 3")
        db.execute("UPDATE interviews SET modified = '2021-03-04T09:00:00+01:00', updated_at = '2099-01-01T00:00:00+00:00', "
                   "outro = 'Propos recueillis par Lou Martin.' WHERE id = 5120")
    db.close()
    return make_datasette(path)


def test_interview_history_names_each_changed_question_with_a_diff(edited):
    html = get(edited, "/entretien/5120").text
    assert "question 3 modifiée le 4 mars 2021" in html
    change = re.search(r'<details class="change"[^>]*>(.*?)</details>', html, re.S).group(1)
    assert "dans les délais<ins> annoncés</ins>." in change and "<del>" not in change
    assert "modifié sur le site" in html and 'href="/ess2024/versions?interview_id=5120">1 version antérieure' in html
    assert '<p class="outro">Propos recueillis par Lou Martin.</p>' in html


def test_history_helpers():
    before = [{"n": 1, "question": "Q ?", "answer": "Un deux trois."}, {"n": 2, "question": "R ?", "answer": "x"}]
    after = [{"n": 1, "question": "Q ?", "answer": "Un quatre trois."}, {"n": 3, "question": "S ?", "answer": "y"}]
    changes = changed_questions(before, after)
    assert [(c["n"], c["what"]) for c in changes] == [(1, "modifiée"), (2, "supprimée"), (3, "ajoutée")]
    assert str(word_diff("Un deux trois.", "Un quatre trois.")) == "Un <del>deux</del><ins>quatre</ins> trois."
    assert str(word_diff("<b>", "<i>")) == "&lt;<del>b</del><ins>i</ins>&gt;"
    versions = [{"record": json.dumps({"modified": "2021-01-01", "qa": before}), "reason": "new parser",
                 "replaced_at": "2022-05-06T00:00:00+00:00"}]
    events = history(versions, after, {"modified": "2021-01-01"})
    assert events[0]["when"] == "6 mai 2022" and "nouvelle version de l’extracteur" in events[0]["reason"]


ATOM = "{http://www.w3.org/2005/Atom}"


def test_atom_feed_sitemap_and_robots(site, edited):
    import xml.etree.ElementTree as ET

    datasette, name, path = site
    response = get(datasette, "/flux.atom")
    assert response.headers["content-type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)
    entries = feed.findall(f"{ATOM}entry")
    with sqlite3.connect(path) as db:
        count = db.execute("SELECT count(*) FROM interviews").fetchone()[0]
    assert len(entries) == min(count, 50)
    assert all(e.find(f"{ATOM}link").get("href").startswith("http://localhost/entretien/") for e in entries)
    assert all(e.find(f"{ATOM}summary").text.startswith("Nouvel entretien archivé") for e in entries)
    changed = ET.fromstring(get(edited, "/flux.atom").content)
    first = changed.findall(f"{ATOM}entry")[0]
    assert first.find(f"{ATOM}id").text.endswith("/entretien/5120")
    assert first.find(f"{ATOM}summary").text.startswith("Entretien modifié sur le site")
    assert 'type="application/atom+xml"' in get(datasette, "/").text
    sitemap = ET.fromstring(get(datasette, "/sitemap.xml").content)
    locs = [u.find("{http://www.sitemaps.org/schemas/sitemap/0.9}loc").text for u in sitemap]
    assert len([u for u in locs if "/entretien/" in u]) == count and "http://localhost/" in locs
    robots = get(datasette, "/robots.txt").text
    assert "Sitemap: http://localhost/sitemap.xml" in robots and f"Disallow: /{name}?sql=" in robots
