"""Rebuild every record from the raw captures kept in the archive, offline."""

from __future__ import annotations

import json
from collections import Counter

from sqlite_utils import Database

from crawler.parser import Interview, parse_capture
from db.store import capture_body, save_interview, save_reject

# The newest capture of each article URL; older ones are earlier versions.
LATEST_PAGE_CAPTURES = "SELECT max(id) FROM captures WHERE kind = 'page' GROUP BY url ORDER BY 1"


def reparse(db: Database) -> Counter:
    """Parse the latest capture of every page again and update the records; return the
    outcomes ("new", "updated", "unchanged", "rejected"). No network, and a second run
    changes nothing. A page that no longer parses keeps its archived interview: the
    rejection is recorded beside it."""
    outcomes: Counter = Counter()
    # Ids first, then one capture at a time: bodies stay out of memory, and no read cursor
    # is left open while the writes run.
    for (capture_id,) in db.execute(LATEST_PAGE_CAPTURES).fetchall():
        row = next(db.query("SELECT * FROM captures WHERE id = ?", [capture_id]))
        result = parse_capture(row["url"], row["status"], json.loads(row["headers"] or "{}"),
                               capture_body(row), json.loads(row["context"] or "{}"))
        with db.atomic():
            if isinstance(result, Interview):
                outcome = save_interview(db, result, row["id"], row["source"], seen_at=None)
            else:
                known = db.execute("SELECT 1 FROM rejects WHERE url = ? AND code = ? AND reason = ?",
                                   [row["url"], result.code, result.reason]).fetchone()
                if not known:
                    save_reject(db, result, url=row["url"], source=row["source"],
                                capture_id=row["id"], run_id=row["run_id"])
                outcome = "rejected"
        outcomes[outcome] += 1
    return outcomes
