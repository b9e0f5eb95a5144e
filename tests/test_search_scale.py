"""What the search says when its cost is bounded (over the demo archive, with the bounds made
small): an exact count from the index, a ranking among the last archived candidates said
so, a filtered count given as a lower bound; Datasette's table search rewritten for many
matches gives the same rows; and the home page's figures follow each run."""

from __future__ import annotations

import asyncio
import csv
import io
import sqlite3

import pytest

from db import hits, table_search
from db.archive import open_archive
from db.publish import make_datasette
from db.runs import finish_run, start_run
from tests.conftest import copy_archive
from tests.test_interface_search import BENEVOLES, SALARIES

NO_FILTER = {"annee": None, "personne": None, "organisation": None}


def get(datasette, path: str, **params):
    return asyncio.run(datasette.client.get(path, params=params or None))


def test_a_search_over_the_bound_says_its_ranking_is_among_the_last_archived(archived, monkeypatch):
    datasette = make_datasette(archived)
    whole = get(datasette, "/recherche.json", q="salaries").json()
    assert whole["count"] == len(SALARIES) and whole["count_exact"] and whole["ranked_among"] is None
    monkeypatch.setattr(hits, "CANDIDATES", 3)
    bounded = get(datasette, "/recherche.json", q="salaries").json()
    assert bounded["count"] == len(SALARIES) and bounded["count_exact"]  # the index counts them all
    assert bounded["ranked_among"] == 3 and len(bounded["results"]) == 3
    assert {(h["interview_id"], h["n"]) for h in bounded["results"]} <= SALARIES
    page = get(datasette, "/recherche", q="salaries").text
    assert f"{len(SALARIES)} réponses trouvées" in page
    assert "parmi les 3 dernières réponses archivées qui contiennent ces mots" in page
    year = bounded["results"][0]["date"][:4]
    filtered = get(datasette, "/recherche.json", q="salaries", annee=year).json()
    assert filtered["count_exact"] is False
    assert "Au moins" in get(datasette, "/recherche", q="salaries", annee=year).text


def test_candidates_are_the_last_archived_matches_ranked_by_bm25(archived):
    from db.search import compile_for_sql, install_vocabulary

    conn = sqlite3.connect(archived)
    fts = compile_for_sql(install_vocabulary(conn), "salaries")
    newest = [r for (r,) in conn.execute("SELECT rowid FROM qa_fts WHERE qa_fts MATCH ? ORDER BY rowid DESC LIMIT 3",
                                         [fts])]
    found = hits.find_hits(conn, fts, NO_FILTER, 10, 0, facets=False, cap=3)
    ranked = [r for (r,) in conn.execute(f"SELECT rowid FROM qa_fts WHERE qa_fts MATCH ? AND rowid IN "
                                         f"({','.join(map(str, newest))}) ORDER BY rank, rowid", [fts])]
    rowid = {(i, n): r for r, i, n in conn.execute("SELECT rowid, interview_id, n FROM qa")}
    assert [rowid[(h["interview_id"], h["n"])] for h in found["hits"]] == ranked


def test_a_table_search_with_many_matches_gives_the_same_rows_without_counting_them_through_the_table(
        archived, monkeypatch):
    datasette, name = make_datasette(archived), archived.stem
    plain = get(datasette, f"/{name}/qa.json", _search="benevoles", _size="max").json()
    monkeypatch.setattr(table_search, "MANY_MATCHES", 1)
    fast = get(datasette, f"/{name}/qa.json", _search="benevoles", _size="max").json()
    assert plain["filtered_table_rows_count"] == len(BENEVOLES) and fast["filtered_table_rows_count"] is None
    assert f'({len(BENEVOLES)} rows, counted in the full-text index)' in fast["human_description_en"]
    assert fast["rows"] == plain["rows"] and fast["facet_results"] == {}
    assert {(r[0], r[1]) for r in fast["rows"]} == BENEVOLES
    rows = list(csv.DictReader(io.StringIO(get(datasette, f"/{name}/qa.csv", _search="benevoles").text)))
    assert {(int(r["interview_id"]), int(r["n"])) for r in rows} == BENEVOLES


@pytest.mark.parametrize("change", ["add", "gone"])
def test_the_home_page_figures_follow_each_run(archived, tmp_path, change):
    path = copy_archive(archived, tmp_path / "ess2024.db")
    db = open_archive(path)
    live = lambda sql: db.execute(sql).fetchone()[0]  # noqa: E731
    row = next(db.query("SELECT * FROM archive_figures"))
    assert (row["interviews"], row["answers"]) == (live("SELECT count(*) FROM interviews"), live("SELECT count(*) FROM qa"))
    with db.atomic():
        if change == "add":
            db["interviews"].insert({"id": 999001, "url": "http://127.0.0.1/neuf/", "title": "#3 questions à Zoé",
                                     "interviewee": "Zoé", "published": "2031-05-01T10:00:00+02:00"})
        else:
            db.execute("UPDATE interviews SET gone_since = '2030-01-01' WHERE id IN (SELECT id FROM interviews LIMIT 2)")
    home = get(make_datasette(path), "/").text
    assert f"<strong>{row['interviews']}</strong> entretiens" in home  # until the run ends
    finish_run(db, start_run(db, "rest", "http://127.0.0.1:1/"), "ok", {})
    db.close()
    home = get(make_datasette(path), "/").text
    if change == "add":
        assert f"<strong>{row['interviews'] + 1}</strong> entretiens" in home and "<title>2031 : 1</title>" in home
    else:
        assert "<strong>2</strong> plus en ligne" in home
