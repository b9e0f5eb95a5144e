"""Writers of the archive, on in-memory databases: idempotent upserts, one transaction per
capture, rejections that never cost archived data."""

from __future__ import annotations

import dataclasses
import json
import sqlite3

import pytest
from sqlite_utils import Database

from crawler.parser import NotAnInterview, parse_page
from db.migrations import migrate, migrations, schema_version
from db.search import fts_stemmed_terms, fts_terms
from crawler.items import PageCapture
from crawler.outcomes import Outcome
from db.archive import ArchiveError, open_archive
from db.store import capture_body, mark_gone, write_capture
from mirror.content import load_posts
from mirror.site import Site

BASE = "http://127.0.0.1:8765"


@pytest.fixture
def db() -> Database:
    database = Database(memory=True)
    migrate(database)
    return database


def capture_of(post_id: int) -> tuple[dict, object]:
    """Return a capture row of a mirror post and its parsed record."""
    post = next(p for p in load_posts() if p.id == post_id)
    response = Site().respond(post.path(), BASE)
    capture = {"url": BASE + post.path(), "status": 200, "headers": response.headers,
               "body": response.body, "source": "sitemap", "kind": "page"}
    return capture, parse_page(response.body, capture["url"], response.headers["Content-Type"])


def archive_page(db: Database, capture: dict, record, run_id: int | None) -> Outcome:
    """Write a capture with its record through the archive's write rule."""
    item = PageCapture(url=capture["url"], status=capture["status"], headers=capture["headers"],
                       body=capture["body"], source=capture["source"], kind=capture["kind"], result=record)
    return write_capture(db, item, run_id)


def table_rows(db: Database) -> dict[str, list]:
    """Return the content of the record tables, bookkeeping times aside."""
    volatile = {"first_seen", "last_seen", "updated_at", "fetched_at"}
    return {t: [{k: v for k, v in row.items() if k not in volatile} for row in db[t].rows]
            for t in ("interviews", "qa", "captures", "rejects")}


def test_archiving_twice_gives_the_same_archive(db):
    capture, record = capture_of(5120)
    assert archive_page(db, capture, record, run_id=None) == "new"
    first = table_rows(db)
    assert archive_page(db, capture, record, run_id=None) == "unchanged"
    assert table_rows(db) == first
    assert db["interviews"].count == 1 and db["qa"].count == 3 and db["captures"].count == 1


def test_the_raw_capture_is_kept_byte_for_byte(db):
    capture, record = capture_of(6204)
    archive_page(db, capture, record, run_id=None)
    row = next(db["captures"].rows)
    assert capture_body(row) == capture["body"]
    assert row["body_size"] == len(capture["body"]) and len(row["body"]) < len(capture["body"])


def test_a_changed_interview_is_updated_in_place_and_its_version_kept(db):
    capture, record = capture_of(6204)
    archive_page(db, capture, record, run_id=None)
    first_answer = record.qa[0].answer
    edited = dataclasses.replace(record, qa=[dataclasses.replace(record.qa[0], answer="Réponse révisée.")]
                                 + record.qa[1:])
    changed = dict(capture, body=capture["body"] + b"<!-- edited -->")
    assert archive_page(db, changed, edited, run_id=None) == "updated"
    assert db.execute("SELECT answer FROM qa WHERE interview_id = 6204 AND n = 1").fetchone()[0] \
        == "Réponse révisée."
    assert db["interviews"].count == 1 and db["captures"].count == 2
    version = next(db["versions"].rows)
    assert version["interview_id"] == 6204
    assert json.loads(version["record"])["qa"][0]["answer"] == first_answer


def test_a_page_that_no_longer_shows_the_dates_or_tags_loses_none_and_keeps_no_version(db):
    capture, record = capture_of(4310)  # the classic theme: JSON-LD dates, tag links
    assert record.modified and record.tags and "T" in record.published
    archive_page(db, capture, record, run_id=None)
    redesigned = dict(capture, body=capture["body"] + b"<!-- another theme -->")
    bare = dataclasses.replace(record, modified=None, tags=[], categories=[], published=record.published[:10])
    assert archive_page(db, redesigned, bare, run_id=None) == "unchanged"
    row = next(db["interviews"].rows)
    assert (row["published"], row["modified"], json.loads(row["tags"])) == \
        (record.published, record.modified, record.tags)
    assert db["versions"].count == 0


def test_a_page_that_shows_more_completes_the_record_without_a_version(db):
    capture, record = capture_of(4310)
    bare = dataclasses.replace(record, modified=None, tags=[], published=record.published[:10])
    archive_page(db, capture, bare, run_id=None)
    richer = dict(capture, body=capture["body"] + b"<!-- another theme -->")
    assert archive_page(db, richer, record, run_id=None) == "updated"
    row = next(db["interviews"].rows)
    assert (row["published"], row["modified"], json.loads(row["tags"])) == \
        (record.published, record.modified, record.tags)
    assert db["versions"].count == 0  # nothing the archive held was replaced


def test_an_edit_on_a_page_without_its_modified_date_does_not_keep_the_old_one(db):
    capture, record = capture_of(4310)
    archive_page(db, capture, record, run_id=None)
    edited = dataclasses.replace(record, modified=None,
                                 qa=[dataclasses.replace(record.qa[0], answer="Réponse révisée.")] + record.qa[1:])
    assert archive_page(db, dict(capture, body=capture["body"] + b"<!-- edit -->"), edited, run_id=None) == "updated"
    row = next(db["interviews"].rows)
    assert row["modified"] is None  # the archived date is the one before the edit: not this record's
    assert row["published"] == record.published
    assert [v["reason"] for v in db["versions"].rows] == ["changed on the site"]


def test_a_date_moved_to_another_day_is_a_change_with_its_version(db):
    capture, record = capture_of(4310)
    archive_page(db, capture, record, run_id=None)
    moved = dataclasses.replace(record, published="2019-03-20")
    assert archive_page(db, dict(capture, body=capture["body"] + b"<!-- -->"), moved, run_id=None) == "updated"
    assert next(db["interviews"].rows)["published"] == "2019-03-20"
    assert json.loads(next(db["versions"].rows)["record"])["published"] == record.published


def test_gone_interviews_are_marked_never_deleted(db):
    capture, record = capture_of(4310)
    archive_page(db, capture, record, run_id=None)
    assert mark_gone(db, [4310]) == 1
    assert mark_gone(db, [4310]) == 0  # the first date stays
    row = next(db["interviews"].rows)
    assert row["gone_since"] and db["qa"].count == 3
    archive_page(db, capture, record, run_id=None)  # back on the site
    assert next(db["interviews"].rows)["gone_since"] is None


def test_a_rejection_never_removes_an_archived_interview(db):
    capture, record = capture_of(5688)
    archive_page(db, capture, record, run_id=None)
    error_page = dict(capture, status=404, body=b"<html>introuvable</html>")
    archive_page(db, error_page, NotAnInterview("http-404", "HTTP 404", capture["url"]), run_id=None)
    assert db["interviews"].count == 1 and db["qa"].count == 3
    assert next(db["rejects"].rows)["code"] == "http-404"


def test_a_failed_write_leaves_nothing_half_written(db):
    capture, record = capture_of(8012)
    broken = dataclasses.replace(record, qa=record.qa + [record.qa[0]])  # duplicate (id, n)
    with pytest.raises(sqlite3.IntegrityError):
        archive_page(db, capture, broken, run_id=None)
    assert db["captures"].count == 0 and db["interviews"].count == 0 and db["qa"].count == 0


def test_search_folds_accents_and_apostrophes(db):
    for post_id in (4310, 6204, 9104):
        archive_page(db, *capture_of(post_id), run_id=None)
    found = lambda q: {r[0] for r in db.execute(
        "SELECT interview_id FROM qa JOIN qa_fts ON qa.rowid = qa_fts.rowid WHERE qa_fts MATCH ?", [q])}
    assert found("eloignees") == {4310}              # "éloignées"
    assert found("benevoles") == {6204}              # "bénévoles"
    assert found("autre") >= {9104}                  # "l’autre"


def test_migrations_are_recorded_and_idempotent(db):
    migrate(db)
    assert schema_version(db) == "m009_interviews_fts_on_its_columns"
    assert {"interviews", "qa", "captures", "crawl_runs", "rejects", "qa_fts", "versions", "people",
            "organisations", "images", "categories", "tags", "qa_stem_fts"} <= set(db.table_names())
    assert "answers" in db.view_names()


def test_an_archive_of_an_older_schema_is_migrated_with_nothing_lost():
    old = Database(memory=True)
    migrations.apply(old, stop_before="m002_incremental")
    old["interviews"].insert({"id": 7, "url": "http://x.test/7/", "title": "3 questions à Ana Roy, Gérante chez Zeta",
                              "interviewee": "Ana Roy", "organisation": "Zeta", "published": "2021-05-04",
                              "categories": '["Portraits"]', "tags": "[]", "images": "[]", "n_questions": 2})
    old["qa"].insert_all([{"interview_id": 7, "n": 1, "question": "Pourquoi ?", "answer": "Pour les emplois."},
                          {"interview_id": 7, "n": 2, "question": "Comment ?", "answer": "Ensemble."}])
    migrate(old)
    assert schema_version(old) == "m009_interviews_fts_on_its_columns"
    row = old["interviews"].get(7)
    assert row["year"] == 2021 and old["people"].get(row["person_id"])["name"] == "Ana Roy"
    assert [r["answer"] for r in old["qa"].rows] == ["Pour les emplois.", "Ensemble."]
    assert old.execute("SELECT count(*) FROM qa_stem_fts WHERE qa_stem_fts MATCH ?",
                       [fts_stemmed_terms("emploi")]).fetchone()[0] == 1


def test_a_person_interviewed_twice_is_one_row(db):
    for post_id in (4310, 6204):
        capture, record = capture_of(post_id)
        archive_page(db, capture, dataclasses.replace(record, interviewee="Maëlle  GUÉRIN" if post_id == 6204
                                                       else "Maëlle Guérin"), run_id=None)
    assert db["people"].count == 1
    assert {r["person_id"] for r in db["interviews"].rows} == {1}


def test_french_stemming_finds_other_forms_of_a_word(db):
    archive_page(db, *capture_of(4310), run_id=None)  # "... des emplois accessibles ..."
    stemmed = lambda q: db.execute("SELECT count(*) FROM qa_stem_fts WHERE qa_stem_fts MATCH ?",
                                   [fts_stemmed_terms(q)]).fetchone()[0]
    plain = lambda q: db.execute("SELECT count(*) FROM qa_fts WHERE qa_fts MATCH ?", [fts_terms(q)]).fetchone()[0]
    assert plain("emploi") == 0 and stemmed("emploi") == 1     # "emplois" in the text
    assert stemmed("Structure") == 1 and plain("structure") == 0  # "structures"
    assert plain("ressourceries") == 1 and plain('ressourceries" OR "x') == 0  # syntax neutralised


def test_open_archive_explains_what_is_wrong(tmp_path):
    with pytest.raises(ArchiveError, match="does not exist"):
        open_archive(tmp_path / "missing" / "a.db")
    not_sqlite = tmp_path / "notes.db"
    not_sqlite.write_text("ceci n'est pas une base")
    with pytest.raises(ArchiveError, match="cannot use"):
        open_archive(not_sqlite)
    assert not_sqlite.read_text() == "ceci n'est pas une base"
    with pytest.raises(ArchiveError, match="no archive"):
        open_archive(tmp_path / "absent.db", writer=False)


def test_a_page_claiming_another_posts_canonical_url_is_refused_with_its_reason(db):
    capture, record = capture_of(4310)
    assert archive_page(db, capture, record, run_id=None) == "new"
    twin = dataclasses.replace(record, id=99)  # another post claiming the same canonical URL
    other = dict(capture, url=BASE + "/autre-page/", body=capture["body"] + b"<!-- twin -->")
    assert archive_page(db, other, twin, run_id=None) == Outcome.CONFLICT
    assert db["interviews"].count == 1 and db["qa"].count == 3
    reject = db["rejects"].get(BASE + "/autre-page/")
    assert reject["code"] == "conflict" and "archived as post 4310" in reject["reason"]
