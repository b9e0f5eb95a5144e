"""The archive's one search (``/recherche``, the home page's box, every table's box and the
search canned queries), through Datasette's client over the crawled demo archive: which
answers each query finds, its hints in French, ranking, pages, filters, JSON and CSV."""

from __future__ import annotations

import asyncio
import csv
import io
import re
import sqlite3

import pytest

from db.publish import make_datasette
from db.search import Query, SearchSyntaxError, highlight_html, highlight_text, parse_query, to_fts

SALARIES = {(4455, 1), (5120, 2), (7455, 2), (8390, 2), (9321, 1), (10011, 2), (10877, 3)}
EMPLOI = {(4310, 1), (5120, 1), (7455, 1), (7455, 2), (10011, 2), (10542, 3), (10877, 1)}
BENEVOLES = {(6204, 3), (8733, 3), (10877, 2)}
INSERTION = {(5120, 1), (5120, 3), (7455, 1), (8205, 2)}
COOP = {(4587, 1), (4587, 3), (5688, 2), (6931, 1), (7012, 1), (7012, 2), (7788, 2), (8012, 1), (9321, 2), (10011, 2)}


@pytest.fixture(scope="module")
def site(archived):
    return make_datasette(archived), archived.stem, archived


def get(datasette, path: str, **params):
    return asyncio.run(datasette.client.get(path, params=params or None))


def hits(datasette, q: str, **filters) -> list[tuple[int, int]]:
    response = get(datasette, "/recherche.json", q=q, _size="max", **filters)
    assert response.status_code == 200, response.text
    return [(h["interview_id"], h["n"]) for h in response.json()["results"]]


@pytest.mark.parametrize("q, expected", [
    ("salaries", SALARIES), ("salariés", SALARIES), ("salarié", SALARIES), ("SALARIÉS", SALARIES),  # accents, case, stems
    ("emploi", EMPLOI), ("emplois", EMPLOI), ("Emplois", EMPLOI),
    ("benevoles", BENEVOLES), ("bénévole", BENEVOLES),
    ('"économie sociale"', {(4587, 3)}), ('"economie sociale"', {(4587, 3)}), ("« économie sociale »", {(4587, 3)}),
    ("l’emploi", {(5120, 1), (10877, 1)}),                  # an elision is a phrase: "l" then "emploi"
    ("coop*", COOP), ("COOP*", COOP),
    ("emploi OR benevoles", EMPLOI | BENEVOLES), ("emploi OU bénévoles", EMPLOI | BENEVOLES),
    ("insertion", INSERTION), ("insertion -logements", INSERTION - {(8205, 2)}),
    ("insertion -adherents", {(7455, 1), (8205, 2)}),         # exclusion folds accents too ("adhérents")
    ("insertion emploi", INSERTION & EMPLOI), ("prison", set()), ("NEAR(emploi", set()),
])
def test_each_query_finds_these_demo_answers(site, q, expected):
    assert set(hits(site[0], q)) == expected


@pytest.mark.parametrize("typed, hint", [
    ('"économie sociale', "guillemet n’est pas fermé"), ("« économie", "guillemet n’est pas fermé"),
    ("OR emploi", "OR relie deux mots"), ("emploi OR", "OR relie deux mots"), ("emploi OR OR travail", "OR relie"),
    ("-emploi", "Ajoutez au moins un mot"), ("x*", "préfixe"), ("*", "préfixe"), ("a*b)", "préfixe"),
])
def test_bad_syntax_gets_a_french_hint_never_an_sql_error(site, typed, hint):
    datasette = site[0]
    page = get(datasette, "/recherche", q=typed)
    assert page.status_code == 200 and hint in page.text and 'role="alert"' in page.text
    assert not re.search(r"fts5|sqlite|syntax error|OperationalError|Traceback", page.text, re.I)
    answer = get(datasette, "/recherche.json", q=typed)
    assert answer.status_code == 400 and hint in answer.json()["erreur"]
    assert get(datasette, "/recherche.csv", q=typed).status_code == 400
    # The canned query and a table's JSON search never fail either.
    assert get(datasette, f"/{site[1]}/recherche_reponses.json", q=typed, _shape="array").status_code == 200


def test_a_result_says_who_when_which_question_and_where_it_matched(site):
    html = get(site[0], "/recherche", q="salaries").text
    assert "7 réponses trouvées" in html and "<strong>salaries</strong>" in html
    block = next(b for b in re.findall(r'<li class="hit">(.*?)</li>', html, re.S) if "/entretien/5120?" in b)
    assert 'href="/entretien/5120?q=salaries#q2"' in block
    assert "Bastien Roux" in block and "Réseau Tremplin" in block and "22 septembre 2020" in block
    assert "Comment les structures ont-elles traversé la période récente ?" in block
    assert "<mark>salariés</mark>" in block


def test_results_are_ranked_by_relevance(site):
    datasette, _, path = site
    shown = hits(datasette, "emploi")
    with sqlite3.connect(path) as db:
        expected = [tuple(r) for r in db.execute(
            "SELECT qa.interview_id, qa.n FROM qa_fts JOIN qa ON qa.rowid = qa_fts.rowid "
            "WHERE qa_fts MATCH '(\"emploi\" OR \"emplois\" OR \"employeuses\")' ORDER BY rank")]
    assert shown == expected


def test_pages_of_twenty_cover_every_hit_once(site):
    datasette = site[0]
    everything = hits(datasette, "les")
    assert len(everything) > 20
    first = get(datasette, "/recherche", q="les").text
    assert f"{len(everything)} réponses trouvées" in first and 'rel="next"' in first and "page 1 sur" in first
    pages = [get(datasette, "/recherche.json", q="les", page=p).json()["results"] for p in (1, 2, 3, 4, 5, 6)]
    seen = [(h["interview_id"], h["n"]) for page in pages for h in page]
    assert seen == everything and all(len(p) <= 20 for p in pages)
    second = get(datasette, "/recherche", q="les", page=2).text
    assert 'rel="prev"' in second and '<ol class="hits" start="21">' in second


def test_filters_by_year_person_and_organisation(site):
    datasette, _, path = site
    assert hits(datasette, "salaries", annee=2024) == [(10877, 3)]
    with sqlite3.connect(path) as db:
        person = db.execute("SELECT person_id FROM interviews WHERE id = 5120").fetchone()[0]
        organisation = db.execute("SELECT organisation_id FROM interviews WHERE id = 7455").fetchone()[0]
    assert hits(datasette, "salaries", personne=person) == [(5120, 2)]
    assert set(hits(datasette, "emploi", organisation=organisation)) == {(7455, 1), (7455, 2)}
    html = get(datasette, "/recherche", q="salaries").text
    years = re.findall(r'<a href="[^"]*annee=(\d{4})[^"]*">\d{4}</a>', html)
    assert years == sorted(years) and set(years) == {"2019", "2020", "2022", "2023", "2024"}
    assert "Bastien Roux</a> (1)" in html and "Réseau Tremplin</a> (1)" in html
    filtered = get(datasette, "/recherche", q="salaries", annee=2024).text
    assert "1 réponse trouvée" in filtered and 'name="annee" value="2024"' in filtered  # the box keeps the filter


def test_json_and_csv_give_the_same_results(site):
    datasette = site[0]
    html = get(datasette, "/recherche", q="benevoles").text
    links = re.findall(r'<a class="hit-title" href="/entretien/(\d+)\?q=benevoles#q(\d+)"', html)
    answer = get(datasette, "/recherche.json", q="benevoles").json()
    assert answer["count"] == 3 and [(str(h["interview_id"]), str(h["n"])) for h in answer["results"]] == links
    assert all("⟦" in h["extrait"] for h in answer["results"])
    assert answer["results"][0]["link"].startswith("http://localhost/entretien/")
    rows = list(csv.DictReader(io.StringIO(get(datasette, "/recherche.csv", q="benevoles").text)))
    assert [(r["interview_id"], r["n"]) for r in rows] == links
    assert all("bénévoles" in r["extrait"].lower() and "⟦" not in r["extrait"] for r in rows)
    assert 'href="/recherche.json?q=benevoles"' in html and 'href="/recherche.csv?q=benevoles"' in html


def test_every_search_box_is_the_one_search(site):
    datasette, name, _ = site
    for path in ("/", "/recherche", f"/{name}", f"/{name}/interviews", f"/{name}/qa", f"/{name}/answers"):
        html = get(datasette, path).text
        assert re.search(r'<form class="search-form" action="/recherche"', html), path
        assert 'name="_search"' not in html, path
    for path in (f"/{name}/interviews", f"/{name}/qa", f"/{name}/recherche_reponses", f"/{name}/recherche_racines"):
        response = asyncio.run(datasette.client.get(path + "?_search=salaries&q=salaries"))
        assert response.status_code == 302 and response.headers["location"] == "/recherche?q=salaries", path
    rows = get(datasette, f"/{name}/recherche_reponses.json", q="salaries", _shape="array").json()
    assert {(r["interview_id"], r["n"]) for r in rows} == SALARIES
    rows = get(datasette, f"/{name}/recherche_racines.json", q="emplois", _shape="array").json()
    assert {(r["interview_id"], r["n"]) for r in rows} == EMPLOI


def test_the_interviews_full_text_index_follows_its_table(archived, tmp_path):
    """``interviews_fts`` lost its triggers in m003 (sqlite-utils 4's ``add_column(fk=...)``
    rebuilds ``interviews``, which drops the triggers on it); m006 gives them back: every
    interview is indexed and an edit is followed."""
    from tests.conftest import copy_archive

    path = copy_archive(archived, tmp_path / "fts.db")
    with sqlite3.connect(path) as db:
        triggers = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
        assert {"interviews_ai", "interviews_ad", "interviews_au"} <= triggers
        count = lambda q: db.execute("SELECT count(*) FROM interviews_fts WHERE interviews_fts MATCH ?",  # noqa: E731
                                     [q]).fetchone()[0]
        assert count("tremplin") == 1
        db.execute("UPDATE interviews SET organisation = 'Atelier Zéphyrin' WHERE id = 5120")
        assert count("zephyrin") == 1


def test_the_terms_are_highlighted_on_the_interview_page(site):
    html = get(site[0], "/entretien/5120", q="salaries").text
    question_2 = re.search(r'<li id="q2">(.*?)</li>\s*<li id="q3">', html, re.S).group(1)
    assert "<mark>salariés</mark>" in question_2
    assert 'href="/recherche?q=salaries"' in html  # back to the results
    assert "<mark>" not in get(site[0], "/entretien/5120").text
    prefixed = get(site[0], "/entretien/6931", q="coop*").text
    assert re.search(r"<mark>Coop</mark>’Atlas|<mark>coop", prefixed, re.I)


@pytest.mark.parametrize("typed, groups, excluded", [
    ("emploi", [[("emploi",)]], []),
    ("a b OR c -d", [[("a",)], [("b",), ("c",)]], [("d",)]),
    ('"économie sociale" coop*', [[("economie", "sociale")], [("coop",)]], []),
    ("l’emploi co-construction", [[("l", "emploi")], [("co", "construction")]], []),
    ("NEAR(x) AND y", [[("near",)], [("x",)], [("y",)]], []),
    ("", [], []),
])
def test_parse_query(typed, groups, excluded):
    parsed = parse_query(typed)
    assert [[a.words for a in g] for g in parsed.groups] == groups
    assert [a.words for a in parsed.excluded] == excluded


def test_compiled_queries_only_hold_quoted_words():
    variants = lambda w: (w, w + "s")
    expression = to_fts(parse_query('"a b" cd* -d'), variants)
    assert expression == '((("a b" OR "a bs" OR "as b" OR "as bs")) AND ("cd"*)) NOT (("d" OR "ds"))'
    assert to_fts(Query(), variants) == '""'
    with pytest.raises(SearchSyntaxError):
        parse_query('"')


def test_highlighting_escapes_and_keeps_tags():
    terms = {"words": ["salaries"], "prefixes": ["coop"]}
    assert highlight_text("<b>Salariés</b> & coopératives", terms) == \
        "&lt;b&gt;<mark>Salariés</mark>&lt;/b&gt; &amp; <mark>coopératives</mark>"
    assert highlight_html('<p><a href="/salaries">les salariés</a> &amp; salaries</p>', terms) == \
        '<p><a href="/salaries">les <mark>salariés</mark></a> &amp; <mark>salaries</mark></p>'
