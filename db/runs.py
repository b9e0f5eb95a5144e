"""The ``crawl_runs`` table: one row per run of ``crawl``, opened at its start and closed
with its counts, status and message (see ``crawler/run.py`` for the lifecycle)."""

from __future__ import annotations

import json

from sqlite_utils import Database

from db.archive import now
from db.figures import save_figures

FTS_TABLES = ("qa_fts", "qa_stem_fts", "interviews_fts")


def start_run(db: Database, source: str, start_url: str) -> int:
    """Open a ``crawl_runs`` row and return its id. Runs still "running" were killed (the
    caller holds the crawl lock): they are closed as "interrupted"."""
    with db.atomic():
        db.execute("UPDATE crawl_runs SET status = 'interrupted', message = 'the process was killed' "
                   "WHERE status = 'running'")
        return db["crawl_runs"].insert({"started": now(), "status": "running", "source": source,
                                        "start_url": start_url}).last_pk


def optimize_search(db: Database) -> None:
    """Merge the full-text indexes into one segment each (faster ranked search; for an
    archive of this size it takes milliseconds)."""
    existing = set(db.table_names())
    with db.atomic():
        for table in FTS_TABLES:
            if table in existing:
                db.execute(f"INSERT INTO {table}({table}) VALUES ('optimize')")


def finish_run(db: Database, run_id: int, status: str, counts: dict[str, int],
               message: str = "", stats: dict | None = None) -> None:
    """Close a ``crawl_runs`` row with its counts and status, the search indexes optimised and
    the home page's figures written."""
    optimize_search(db)
    db["crawl_runs"].update(run_id, {
        "finished": now(), "status": status, "message": message,
        "stats": json.dumps(stats or {}, default=str, sort_keys=True), **counts})
    save_figures(db, run_id)
