"""Stage 3: write each item through the archive's one path (``crawler/capture.py`` for
captures, the same write rule for rejections), one transaction each. The run's row is kept
by ``crawler/run.py``."""

from __future__ import annotations

import sqlite3
from typing import Any

from scrapy.exceptions import DropItem

from crawler.capture import archive_capture
from crawler.items import NotModified, PageCapture, Rejection, Seen
from crawler.outcomes import Outcome, Stat
from crawler.run import RunRecorder
from db.store import mark_seen, mark_unchanged_capture, write_rejection


class StorePipeline:
    """Writes to the archive the run recorder holds open."""

    def __init__(self, crawler: Any) -> None:
        self.crawler = crawler
        self.run = RunRecorder.of(crawler)

    @classmethod
    def from_crawler(cls, crawler: Any) -> StorePipeline:
        return cls(crawler)

    def process_item(self, item: Any) -> Any:
        try:
            outcome = self.store(item)
        except sqlite3.IntegrityError as error:
            # One record that does not fit a constraint: its transaction was rolled back.
            self.crawler.stats.inc_value(Stat.INTEGRITY_ERRORS)
            raise DropItem(f"not stored ({error}): {getattr(item, 'url', item)}") from error
        except sqlite3.Error as error:
            # The archive cannot take writes (full, locked by another writer, read-only):
            # what is archived stays as it was; the run stops with the reason.
            self.run.archive_failed(error)
            raise DropItem(self.run.write_error) from error
        if outcome is not None:
            self.crawler.stats.inc_value(Stat.outcome(outcome))
        return item

    def store(self, item: Any) -> Outcome | None:
        """Write one item; return its outcome (None for what the archive does not keep)."""
        db = self.run.db
        if self.run.write_error or db is None:
            raise DropItem(self.run.write_error or "the archive is not open")
        if isinstance(item, NotModified) or (isinstance(item, PageCapture) and item.unchanged):
            with db.atomic():
                return Outcome.NOT_MODIFIED if mark_unchanged_capture(db, item.url) else Outcome.UNKNOWN
        if isinstance(item, PageCapture):
            return archive_capture(db, item, self.run.run_id, corrections=self.run.corrections)
        if isinstance(item, Rejection):
            return write_rejection(db, item, self.run.run_id)
        if isinstance(item, Seen):
            with db.atomic():
                return Outcome.SEEN if mark_seen(db, item.post_id) else Outcome.UNKNOWN
        return None
