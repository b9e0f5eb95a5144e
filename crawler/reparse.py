"""Rebuild every record from the raw captures kept in the archive, offline, through the same
path as the crawl (``crawler/capture.py``)."""

from __future__ import annotations

from collections import Counter

from sqlite_utils import Database

from crawler.capture import archive_capture
from crawler.corrections import Correction
from crawler.items import PageCapture
from crawler.outcomes import Outcome
from db.figures import save_figures
from db.store import save_corrections

# The captures the archived interviews were read from, and the newest capture of every other
# article URL. Not simply the newest of each URL: a later bad fetch (cut short, an error page)
# must not be read in place of the capture an interview came from. Both halves use indexes
# (interviews.capture_id, captures.kind + url).
CAPTURES_TO_READ = """
SELECT capture_id FROM interviews WHERE capture_id IS NOT NULL
UNION
SELECT max(c.id) FROM captures c WHERE c.kind = 'page'
  AND NOT EXISTS (SELECT 1 FROM captures k JOIN interviews i ON i.capture_id = k.id WHERE k.url = c.url)
GROUP BY c.url
ORDER BY 1
"""
REPORTED = (Outcome.NEW, Outcome.UPDATED, Outcome.UNCHANGED, Outcome.REJECTED)


def reparse(db: Database, corrections: dict[int, list[Correction]] | None = None) -> Counter:
    """Parse again the capture of every page, apply the corrections made by hand, and update
    the records; return the outcomes. No network, and a second run changes nothing. A page
    that no longer parses keeps its archived interview: the rejection is recorded beside it."""
    outcomes: Counter = Counter()
    save_corrections(db, corrections or {})
    # Ids first, then one capture at a time: bodies stay out of memory, and no read cursor
    # is left open while the writes run.
    for (capture_id,) in db.execute(CAPTURES_TO_READ).fetchall():
        row = next(db.query("SELECT * FROM captures WHERE id = ?", [capture_id]))
        outcome = archive_capture(db, PageCapture.from_row(row), row["run_id"], reread=True,
                                  corrections=corrections)
        outcomes[outcome if outcome in REPORTED else Outcome.REJECTED] += 1
    save_figures(db)  # the home page's figures, as after a crawl
    return outcomes
