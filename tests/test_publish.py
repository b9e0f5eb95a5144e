"""Datasette over the archive, through its own client: every table, every canned query, the
interview and home pages, JSON and CSV exports of every row, and nothing that can hurt."""

from __future__ import annotations

import asyncio
import csv
import io
import re

import pytest
import yaml
from sqlite_utils import Database

from db.publish import load_metadata, make_datasette

TABLES = ("interviews", "qa", "captures", "crawl_runs", "rejects", "versions", "people", "organisations",
          "categories", "tags", "images", "answers")


@pytest.fixture(scope="module")
def site(archived):
    """Return (datasette, database name, path) over the crawled demo archive."""
    return make_datasette(archived), archived.stem, archived


def get(datasette, path: str):
    return asyncio.run(datasette.client.get(path))


@pytest.mark.parametrize("table", TABLES)
def test_every_table_page_renders_with_its_description(site, table):
    datasette, name, path = site
    response = get(datasette, f"/{name}/{table}")
    assert response.status_code == 200
    description = load_metadata(path)["databases"][name]["tables"][table]["description"]
    assert description.split(" ")[0] in response.text


@pytest.mark.parametrize("table", ["interviews", "qa", "people", "images", "rejects"])
def test_json_and_csv_return_every_row(site, table):
    datasette, name, path = site
    expected = Database(path)[table].count
    rows = get(datasette, f"/{name}/{table}.json?_shape=array&_size=max").json()
    assert len(rows) == expected
    text = get(datasette, f"/{name}/{table}.csv?_size=max&_stream=on").text
    assert len(list(csv.DictReader(io.StringIO(text)))) == expected


def test_every_column_of_every_table_is_described(site):
    datasette, name, path = site
    tables = load_metadata(path)["databases"][name]["tables"]
    for table in ("interviews", "qa", "captures", "images", "versions"):
        columns = {c.name for c in Database(path)[table].columns}
        assert columns <= set(tables[table]["columns"]), (table, columns - set(tables[table]["columns"]))


@pytest.mark.parametrize("query, params, needle", [
    ("recherche_reponses.json", "q=economie", "\\u00e9conomie"),
    ("recherche_reponses.json", "q=emploi", "emploi"),
    ("recherche_racines.json", "q=emplois", "emploi"),
    ("reponses_personne", "personne=Hugo+Lambert", "garage solidaire"),
    ("entretiens_organisation", "organisation=R%C3%A9seau+Tremplin", "Bastien Roux"),
    ("entretiens_par_annee", "", "2022"),
    ("questions_de_la_serie", "", "Que fait Coop’Atlas ?"),
    ("changements_recents", "", "<table"),
])
def test_canned_queries_answer(site, query, params, needle):
    datasette, name, _ = site
    response = get(datasette, f"/{name}/{query}?{params}")
    assert response.status_code == 200
    assert needle in response.text


def test_search_ignores_accents_and_highlights_matches(site):
    datasette, name, _ = site
    rows = get(datasette, f"/{name}/recherche_reponses.json?q=benevoles&_shape=array").json()
    assert rows and all("⟦" in r["extrait"] for r in rows)
    html = get(datasette, "/recherche?q=benevoles").text
    assert re.search(r"<mark>bénévoles</mark>", html)


def test_search_survives_fts_syntax_in_what_is_typed(site):
    datasette, name, _ = site
    for typed in ('"', "emploi OR", "NEAR(", "a*b)", ""):
        assert get(datasette, f"/{name}/recherche_reponses.json?q={typed}").status_code == 200
        assert get(datasette, f"/recherche?q={typed}").status_code == 200


def test_interview_page_reads_like_the_interview(site):
    datasette, name, path = site
    html = get(datasette, "/entretien/5120").text
    questions = re.findall(r'<p class="question"><span class="number">\d+\.</span> (.*?)</p>', html)
    assert questions == ["Quel rôle joue Réseau Tremplin en région ?",
                         "Comment les structures ont-elles traversé la période récente ?",
                         "Qu’attendez-vous de la dynamique ESS 2024 ?"]
    assert "22 septembre 2020" in html and "Secrétaire régional Bretagne" in html
    assert html.count("<li>") >= 3  # the list inside the first answer
    assert "@misc{ess2024_5120" in html and "ESS 2024 (2020)" in html and "entretien avec Bastien Roux" in html
    assert 'href="/capture/' in html and "web.archive.org/web/*/" in html


def test_interview_page_of_an_unknown_id_is_404(site):
    assert get(site[0], "/entretien/999999").status_code == 404


def test_raw_capture_is_served_as_inert_text(site):
    datasette, name, path = site
    capture_id = Database(path).execute("SELECT capture_id FROM interviews WHERE id = 5120").fetchone()[0]
    response = get(datasette, f"/capture/{capture_id}.txt")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain")
    assert "sandbox" in response.headers["content-security-policy"]
    assert "Quel rôle joue Réseau Tremplin" in response.text
    page = get(datasette, f"/capture/{capture_id}")  # the same bytes, escaped, under a header
    url, sha256, status = Database(path).execute("SELECT url, sha256, status FROM captures WHERE id = ?",
                                                 [capture_id]).fetchone()
    assert page.headers["content-type"].startswith("text/html")
    assert url in page.text and sha256 in page.text and f"<td>{status}</td>" in page.text
    assert "&lt;script" in page.text or "<script" not in page.text.split('class="capture-body"')[1]


def test_home_page_has_counts_run_and_chart(site):
    datasette, name, path = site
    html = get(datasette, "/").text
    db = Database(path)
    assert f"<strong>{db['interviews'].count}</strong> entretiens" in html
    assert "Dernière collecte" in html and "statut <strong>terminée</strong>" in html
    assert re.search(r"le \d{1,2} (janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre)"
                     r" \d{4} à \d\d:\d\d \(UTC\)", html) and "20 nouveaux entretiens" in html
    years = {r[0] for r in db.execute("SELECT DISTINCT year FROM interviews")}
    assert html.count("<rect ") == len(years)


def test_served_read_only(site):
    datasette, name, _ = site
    response = get(datasette, f"/{name}.json?sql=delete+from+interviews")
    assert response.status_code >= 400
    assert Database(site[2])["interviews"].count > 0


def test_metadata_file_is_valid_yaml_with_licence_and_source():
    import importlib.resources as resources

    data = yaml.safe_load(resources.files("db").joinpath("metadata.yaml").read_text())
    assert data["license"] and data["source_url"] and data["databases"]["ARCHIVE"]["queries"]


@pytest.mark.parametrize("text, expected", [
    ("#3 questions à A_B", r"\#3 questions à A\_B"), ("{x} 50% & $", r"\{x\} 50\% \& \$"), ("plain", "plain"),
])
def test_bibtex_fields_are_escaped(text, expected):
    from db.citations import bibtex_escape

    assert bibtex_escape(text) == expected
