"""Rebuild every record from the raw captures kept in the archive, offline."""

from __future__ import annotations

import json
from collections import Counter

from sqlite_utils import Database

from crawler.parser import Interview, parse_capture
from db.store import capture_body, save_interview, save_reject
from pipelines.validate import problems

# The captures the archived interviews were read from, and the newest capture of every other
# article URL. Not simply the newest of each URL: a later bad fetch (cut short, an error page)
# must not be read in place of the capture an interview came from.
CAPTURES_TO_READ = """
SELECT capture_id FROM interviews WHERE capture_id IS NOT NULL
UNION
SELECT max(c.id) FROM captures c WHERE c.kind = 'page' GROUP BY c.url
HAVING NOT EXISTS (SELECT 1 FROM interviews i JOIN captures k ON k.id = i.capture_id WHERE k.url = c.url)
ORDER BY 1
"""


def reparse(db: Database) -> Counter:
    """Parse again the capture of every page and update the records; return the
    outcomes ("new", "updated", "unchanged", "rejected"). No network, and a second run
    changes nothing. A page that no longer parses keeps its archived interview: the
    rejection is recorded beside it."""
    outcomes: Counter = Counter()
    # Ids first, then one capture at a time: bodies stay out of memory, and no read cursor
    # is left open while the writes run.
    for (capture_id,) in db.execute(CAPTURES_TO_READ).fetchall():
        row = next(db.query("SELECT * FROM captures WHERE id = ?", [capture_id]))
        result = parse_capture(row["url"], row["status"], json.loads(row["headers"] or "{}"),
                               capture_body(row), json.loads(row["context"] or "{}"))
        with db.atomic():
            if isinstance(result, Interview):
                result.warnings.extend(problems(result))  # as the crawl's validation stage does
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
