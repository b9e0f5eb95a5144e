"""The home page's figures (counts, dates, interviews per year), computed once at the end of
each crawl or reparse run into the one-row table ``archive_figures``: the home page reads
that row instead of counting the archive on every view."""

from __future__ import annotations

import hashlib
import json

from sqlite_utils import Database

from db.archive import now

FIGURES_TABLE = "archive_figures"
# Each reads a whole table once per run (linear in the archive, never per view).
COUNTS_SQL = """SELECT
    (SELECT count(*) FROM interviews) AS interviews, (SELECT count(*) FROM qa) AS answers,
    (SELECT count(*) FROM people) AS people, (SELECT count(*) FROM organisations) AS organisations,
    (SELECT count(*) FROM interviews WHERE gone_since IS NOT NULL) AS gone,
    (SELECT min(published) FROM interviews) AS first_published,
    (SELECT max(published) FROM interviews) AS last_published"""
PER_YEAR_SQL = "SELECT year, count(*) AS n FROM interviews WHERE year IS NOT NULL GROUP BY year ORDER BY year"


def compute_figures(db: Database) -> dict:
    """Return the archive's figures as they are now."""
    figures = dict(next(db.query(COUNTS_SQL)))
    figures["per_year"] = json.dumps([[r["year"], r["n"]] for r in db.query(PER_YEAR_SQL)])
    # The search's words change with the index: its structure record (FTS5's row 10) says when.
    structure = next(db.query("SELECT block FROM qa_fts_data WHERE id = 10"), None) \
        if db["qa_fts_data"].exists() else None
    figures["words_version"] = hashlib.sha256(structure["block"]).hexdigest()[:16] if structure else None
    return figures


def save_figures(db: Database, run_id: int | None = None) -> dict:
    """Write the archive's figures (the row of ``archive_figures``) and return them; a run
    that changed nothing (a no-op reparse) leaves the row, and the file, as they were."""
    stored = next(db.query(f"SELECT * FROM {FIGURES_TABLE} WHERE id = 1"), None)
    # A reparse (no run id) keeps the crawl run the figures last followed.
    figures = {"run_id": run_id if run_id is not None or not stored else stored["run_id"], **compute_figures(db)}
    if stored and all(stored.get(k) == v for k, v in figures.items()):
        return stored
    figures = {"id": 1, "computed_at": now(), **figures}
    with db.atomic():
        db[FIGURES_TABLE].upsert(figures, pk="id")
    return figures
