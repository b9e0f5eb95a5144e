"""Stage 3: write each item through the archive's one path (``crawler/capture.py`` for
captures, the same write rule for rejections), one transaction each. The run's row is kept
by ``crawler/run.py``."""

from __future__ import annotations

import sqlite3
from typing import Any

from scrapy.exceptions import DropItem

from crawler.capture import archive_capture
from crawler.items import NotModified, PageCapture, PictureCapture, Rejection, Seen
from crawler.outcomes import Outcome, Stat
from crawler.run import RunRecorder
from db.store import mark_seen, mark_unchanged_capture, write_picture, write_rejection


# Items that are no capture (a post seen unchanged in a listing, a 304, a listed post that
# is not of the series) are written in batches of this many, one transaction each: an
# unchanged re-run commits a few times, not once per post. Captures keep a transaction each.
BATCH_SIZE = 500


class StorePipeline:
    """Writes to the archive the run recorder holds open."""

    def __init__(self, crawler: Any) -> None:
        self.crawler = crawler
        self.run = RunRecorder.of(crawler)
        self.pending: list[Any] = []

    @classmethod
    def from_crawler(cls, crawler: Any) -> StorePipeline:
        return cls(crawler)

    def close_spider(self) -> None:
        """Write what waits in the batch before the run is closed."""
        self.guarded(self.flush)

    def process_item(self, item: Any) -> Any:
        if isinstance(item, (NotModified, Rejection, Seen)) or (isinstance(item, PageCapture) and item.unchanged):
            self.pending.append(item)
            if len(self.pending) >= BATCH_SIZE:
                self.guarded(self.flush)
            return item
        self.guarded(self.flush)  # in order: what was listed before this capture is written first
        outcome = self.guarded(lambda: self.store(item), item)
        if outcome is not None:
            self.crawler.stats.inc_value(Stat.outcome(outcome))
        return item

    def guarded(self, write: Any, item: Any = None) -> Any:
        """Run a write; turn a database error into a dropped item (one that does not fit a
        constraint) or the end of the run (an archive that takes no writes)."""
        try:
            return write()
        except sqlite3.IntegrityError as error:
            # One record that does not fit a constraint: its transaction was rolled back.
            self.crawler.stats.inc_value(Stat.INTEGRITY_ERRORS)
            raise DropItem(f"not stored ({error}): {getattr(item, 'url', item)}") from error
        except sqlite3.Error as error:
            # The archive cannot take writes (full, locked by another writer, read-only):
            # what is archived stays as it was; the run stops with the reason.
            self.run.archive_failed(error)
            raise DropItem(self.run.write_error) from error

    def writable(self) -> Any:
        """Return the archive's connection, or drop the item when the archive takes no writes."""
        if self.run.write_error or self.run.db is None:
            raise DropItem(self.run.write_error or "the archive is not open")
        return self.run.db

    def flush(self) -> None:
        """Write the waiting items in one transaction and count their outcomes."""
        if not self.pending:
            return
        db, items = self.writable(), self.pending
        self.pending = []
        outcomes = []
        with db.atomic():
            for item in items:  # each in its own savepoint: one that does not fit is counted, not fatal
                try:
                    outcomes.append(self.store(item))
                except sqlite3.IntegrityError:
                    self.crawler.stats.inc_value(Stat.INTEGRITY_ERRORS)
        for outcome in outcomes:
            if outcome is not None:
                self.crawler.stats.inc_value(Stat.outcome(outcome))

    def store(self, item: Any) -> Outcome | None:
        """Write one item; return its outcome (None for what the archive does not keep)."""
        db = self.writable()
        if isinstance(item, NotModified) or (isinstance(item, PageCapture) and item.unchanged):
            with db.atomic():
                return Outcome.NOT_MODIFIED if mark_unchanged_capture(db, item.url) else Outcome.UNKNOWN
        if isinstance(item, PageCapture):
            return archive_capture(db, item, self.run.run_id, corrections=self.run.corrections)
        if isinstance(item, Rejection):
            return write_rejection(db, item, self.run.run_id)
        if isinstance(item, PictureCapture):  # counted apart: a picture is no page of the run
            self.crawler.stats.inc_value(Stat.picture(write_picture(db, item, self.run.run_id)))
            return None
        if isinstance(item, Seen):
            with db.atomic():
                return Outcome.SEEN if mark_seen(db, item.post_id) else Outcome.UNKNOWN
        return None
