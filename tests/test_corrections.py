"""Corrections made by hand (``corrections.yaml`` beside the archive): applied on top of the
parsed records by ``reparse`` and ``crawl``, shown as corrected, exported, and never lost
when the parser reads the page again."""

from __future__ import annotations

import json

import pytest
from sqlite_utils import Database

from crawler.corrections import CorrectionsError, apply_corrections, load_corrections
from crawler.parser import QA, Interview
from tests.conftest import LOOPBACK_CRAWL, copy_archive, run_cli

ENTRIES = """
- post: 5120
  field: organisation
  value: Réseau Tremplin Sud
  who: Camille R.
  when: 2026-11-30
  why: le titre coupe le nom
- post: 5120
  n: 2
  field: answer
  value: |
    Un premier paragraphe corrigé.

    Un second.
  who: Camille R.
  when: 2026-11-30
  why: une légende était restée dans la réponse
"""


def record() -> Interview:
    return Interview(id=5120, url="http://x.test/a/", title="3 questions à A B, C de D", interviewee="A B",
                     role="C", organisation="D", published="2021-01-01", modified=None, printed_date=None,
                     language="fr", intro=None, qa=[QA(1, "Q1 ?", "R1."), QA(2, "Q2 ?", "R2.", "<p>R2.</p>")])


def test_corrections_apply_on_top_of_a_record_with_the_original_kept(tmp_path):
    path = tmp_path / "corrections.yaml"
    path.write_text(ENTRIES, encoding="utf-8")
    target = record()
    applied = apply_corrections(target, load_corrections(path))
    assert target.organisation == "Réseau Tremplin Sud"
    assert target.qa[1].answer == "Un premier paragraphe corrigé.\n\nUn second."
    assert target.qa[1].answer_html == "<p>Un premier paragraphe corrigé.</p><p>Un second.</p>"
    assert [(a["field"], a["n"], a["original"], a["who"]) for a in applied] == [
        ("organisation", None, "D", "Camille R."), ("answer", 2, "R2.", "Camille R.")]


def test_a_correction_that_no_longer_fits_is_a_warning_not_an_error(tmp_path):
    path = tmp_path / "corrections.yaml"
    path.write_text("- {post: 5120, n: 9, field: question, value: X, who: a, when: 2026-01-01, why: b}\n",
                    encoding="utf-8")
    target = record()
    assert apply_corrections(target, load_corrections(path)) == []
    assert target.warnings == ["correction of q9 question does not apply: the record has 2 questions"]


@pytest.mark.parametrize("text, message", [
    ("- {post: 5120, field: colour, value: x, who: a, when: 2026-01-01, why: b}", "cannot be corrected"),
    ("- {post: 5120, field: answer, value: x, who: a, when: 2026-01-01, why: b}", "needs n"),
    ("- {post: 5120, field: role, value: x}", "lacks who, when, why"),
    ("- {post: abc, field: role, value: x, who: a, when: 2026-01-01, why: b}", "post must be"),
    ("post: [unclosed", "not readable YAML"),
    ("{post: 1}", "must be a list"),
])
def test_a_bad_corrections_file_is_named_in_one_line(tmp_path, text, message):
    path = tmp_path / "corrections.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CorrectionsError, match=message) as error:
        load_corrections(path)
    assert "\n" not in str(error.value)


def interview(db_path, post_id: int) -> dict:
    return Database(db_path)["interviews"].get(post_id)


def test_reparse_applies_corrections_keeps_them_across_a_new_parser_and_shows_them(archived, tmp_path):
    db_path = copy_archive(archived, tmp_path / "a.db")
    (tmp_path / "corrections.yaml").write_text(ENTRIES, encoding="utf-8")
    done = run_cli("reparse", "--db", str(db_path))
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("0 new, 1 updated")
    row = interview(db_path, 5120)
    assert row["organisation"] == "Réseau Tremplin Sud"
    applied = json.loads(row["corrected"])
    assert {(a["field"], a["n"]) for a in applied} == {("organisation", None), ("answer", 2)}
    db = Database(db_path)
    assert db.execute("SELECT answer FROM qa WHERE interview_id = 5120 AND n = 2").fetchone()[0] \
        == "Un premier paragraphe corrigé.\n\nUn second."
    [version] = list(db["versions"].rows)
    assert version["reason"] == "corrected by hand"
    assert db["corrections"].count == 2
    # A new parser reads the page again: the corrections are applied on top once more.
    db.execute("UPDATE interviews SET content_hash = 'older' WHERE id = 5120")
    db.conn.commit()
    again = run_cli("reparse", "--db", str(db_path))
    assert again.returncode == 0, again.stderr
    assert interview(db_path, 5120)["organisation"] == "Réseau Tremplin Sud"
    # Exported with the archive.
    out = tmp_path / "out"
    assert run_cli("export", "--db", str(db_path), "--format", "jsonl", "--out", str(out)).returncode == 0
    exported = [json.loads(line) for line in (out / "interviews.jsonl").read_text(encoding="utf-8").splitlines()]
    assert next(r for r in exported if r["id"] == 5120)["organisation"] == "Réseau Tremplin Sud"
    assert len((out / "corrections.jsonl").read_text(encoding="utf-8").splitlines()) == 2


def test_the_interview_page_says_what_was_corrected(archived, tmp_path):
    import asyncio

    from db.publish import make_datasette

    db_path = copy_archive(archived, tmp_path / "b.db")
    (tmp_path / "corrections.yaml").write_text(ENTRIES, encoding="utf-8")
    assert run_cli("reparse", "--db", str(db_path)).returncode == 0

    async def page() -> str:
        response = await make_datasette(db_path).client.get("/entretien/5120")
        assert response.status_code == 200
        return response.text

    html = asyncio.run(page())
    assert "Corrections apportées à la main" in html and "Réseau Tremplin Sud" in html
    assert html.count("corrigé</sup>") == 2  # the organisation and question 2
    assert "le titre coupe le nom" in html


def test_a_crawl_with_a_bad_corrections_file_stops_in_one_line(mirror, tmp_path):
    (tmp_path / "corrections.yaml").write_text("- {post: 1, field: colour, value: x, who: a, when: b, why: c}",
                                               encoding="utf-8")
    done = run_cli("crawl", "--db", str(tmp_path / "c.db"), "--start-url", mirror.base_url + "/", *LOOPBACK_CRAWL)
    assert done.returncode == 1
    assert done.stderr.count("\n") == 1 and "cannot be corrected" in done.stderr
