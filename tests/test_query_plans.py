"""Every statement the archive runs per capture, per listed post or per page view uses an
index: the cost of one item does not grow with the archive. Statements are collected with
SQLite's trace callback while the real writers and readers run, then each is explained
(``EXPLAIN QUERY PLAN``); a full scan of a table fails the test unless the statement runs
once per run (listed below with why)."""

from __future__ import annotations

import dataclasses
import re
from datetime import timedelta

from crawler.items import PageCapture, Rejection
from crawler.parser import NotAnInterview
from crawler.reparse import reparse
from db.archive import open_archive
from db.completeness import close_listing
from db.runs import finish_run, start_run
from db.state import ArchiveState
from db.store import mark_seen, mark_unchanged_capture, write_capture, write_rejection
from tests.test_store import capture_of

# Statements that read a whole table once per run (linear in the archive, not per item).
ONCE_PER_RUN = (
    r"FROM sqlite_master",                                      # schema checks when opening
    r"UPDATE crawl_runs SET status = 'interrupted'",            # killed runs closed at start
    r"SELECT capture_id FROM interviews WHERE capture_id IS NOT NULL",  # reparse: the list of captures
    r"SELECT i\.id, i\.url, c\.url AS fetched",                 # completeness: archived URLs
    r"SELECT id FROM interviews( WHERE gone_since IS NULL)?$",   # completeness and gone
    r"DELETE FROM corrections",                                  # the corrections file copied
    r"INSERT INTO \w+_fts\(\w+_fts\) VALUES \('optimize'\)",    # search indexes merged
    r"\(SELECT count\(\*\) FROM interviews\) AS interviews",       # the home page's figures, at run end
    r"SELECT year, count\(\*\) AS n FROM interviews WHERE year IS NOT NULL GROUP BY year",
)
FULL_SCAN = re.compile(r"^SCAN (\w+)(?: AS \w+)?$")


def statements_of_a_run(tmp_path) -> list[str]:
    """Return every SQL statement a crawl's writes, the crawler's questions and a reparse run."""
    seen: list[str] = []
    db = open_archive(tmp_path / "a.db")
    db.conn.set_trace_callback(seen.append)
    run_id = start_run(db, "rest", "http://127.0.0.1:8765")

    def write(capture: dict, record) -> None:
        write_capture(db, PageCapture(url=capture["url"], status=capture["status"], headers=capture["headers"],
                                      body=capture["body"], source="rest", result=record), run_id)

    for post_id in (5120, 6204, 4310):
        capture, record = capture_of(post_id)
        write(capture, record)
        write(capture, record)  # unchanged
        write(dict(capture, body=capture["body"] + b"<!-- edit -->"),
              dataclasses.replace(record, intro="Chapeau révisé."))  # updated
    capture, record = capture_of(5120)
    write(dict(capture, url=capture["url"] + "copie/"), dataclasses.replace(record, id=77))  # conflict
    write(dict(capture, status=404, body=b"<html></html>"), NotAnInterview("http-404", "HTTP 404", capture["url"]))
    write_rejection(db, Rejection(NotAnInterview("not-series", "x", "http://127.0.0.1:8765/autre/"), "rest"), run_id)
    with db.atomic():
        mark_seen(db, 6204)
        mark_unchanged_capture(db, capture["url"])
    close_listing(db, {"source": "rest", "listed": {"rest": ["id:5120", "id:6204"]}, "site_ids": [5120, 6204],
                       "site_urls": [], "incomplete": [], "unproven": []})
    finish_run(db, run_id, "ok", {"new": 3})
    reparse(db)
    state = ArchiveState(tmp_path / "a.db")
    state.db.conn.set_trace_callback(seen.append)
    state.validators(capture["url"])
    state.settled_sha256(capture["url"])
    state.interview_modified(5120)
    state.last_fetched(capture["url"])
    state.cached_body(capture["url"], timedelta(hours=20))
    state.close()
    db.conn.set_trace_callback(None)
    return list(dict.fromkeys(s.strip() for s in seen))


def test_no_statement_of_a_run_scans_a_table_per_item(tmp_path):
    statements = statements_of_a_run(tmp_path)
    db = open_archive(tmp_path / "a.db")
    explained, scans = 0, []
    for sql in statements:
        if not re.match(r"(SELECT|UPDATE|DELETE|INSERT|WITH)\b", sql, re.IGNORECASE):
            continue
        plan = [row[3] for row in db.execute("EXPLAIN QUERY PLAN " + sql).fetchall()]
        explained += 1
        full = [step for step in plan if FULL_SCAN.match(step) and "sqlite_" not in step]
        if full and not any(re.search(pattern, sql) for pattern in ONCE_PER_RUN):
            scans.append(f"{full}: {sql[:160]}")
    assert explained > 40  # the trace really saw the writers and readers
    assert scans == []
