"""Stage 4: write each capture with its record (or rejection) in one transaction, and
keep the ``crawl_runs`` row of the run."""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from scrapy import signals
from scrapy.exceptions import DropItem
from scrapy.utils.defer import deferred_from_coro

from crawler.items import NotModified, PageCapture, Rejection, Seen
from db.completeness import close_listing
from db.store import (archive_page, finish_run, mark_seen, mark_unchanged_capture, open_archive,
                      save_reject, start_run)

# A run with more failed fetches than this share of its requests is "partial".
PARTIAL_ERROR_SHARE = 0.1


def run_counts(stats: dict[str, Any]) -> dict[str, int]:
    """Return the ``crawl_runs`` counters from Scrapy's stats."""
    return {
        "requests": stats.get("downloader/request_count", 0),
        "responses": stats.get("downloader/response_count", 0),
        "captures": sum(stats.get(f"ess/outcome/{k}", 0)
                        for k in ("new", "updated", "unchanged", "captured", "rejected-page")),
        "new": stats.get("ess/outcome/new", 0),
        "updated": stats.get("ess/outcome/updated", 0),
        "unchanged": stats.get("ess/outcome/unchanged", 0) + stats.get("ess/outcome/not-modified", 0)
        + stats.get("ess/outcome/seen", 0),
        "skipped": stats.get("ess/skipped/slug", 0) + stats.get("ess/skipped/lastmod", 0),
        "rejected": stats.get("ess/outcome/rejected", 0) + stats.get("ess/outcome/rejected-page", 0),
        "duplicates": stats.get("ess/duplicates", 0),
        "errors": stats.get("ess/fetch_errors", 0) + stats.get("ess/integrity_errors", 0),
    }


def run_status(counts: dict[str, int], discovery_failure: tuple[str, str] | None,
               finish_reason: str, listing_complete: bool = True) -> tuple[str, str]:
    """Return the run's status and a one-line message."""
    if discovery_failure:
        return discovery_failure
    if finish_reason != "finished":
        return "interrupted", f"crawl stopped early: {finish_reason}"
    summary = (f"{counts['new']} new, {counts['updated']} updated, {counts['unchanged']} unchanged, "
               f"{counts.get('gone', 0)} gone, {counts['rejected']} not interviews, {counts['errors']} errors")
    if counts["errors"] > max(2, PARTIAL_ERROR_SHARE * counts["requests"]):
        return "partial", f"partial run: {summary}"
    if not listing_complete:
        return "partial", f"partial run: a discovery page failed, the listing is incomplete; {summary}"
    return "ok", summary


class StorePipeline:
    """Writes to the archive named by the ``ARCHIVE_DB`` setting."""

    def __init__(self, crawler: Any) -> None:
        self.crawler = crawler
        self.path = crawler.settings.get("ARCHIVE_DB")
        self.db = None
        self.run_id: int | None = None
        self.write_error: str | None = None
        self.stopping = False
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler: Any) -> StorePipeline:
        return cls(crawler)

    def open_spider(self) -> None:
        settings = self.crawler.settings
        self.db = open_archive(self.path, busy_timeout_ms=settings.getint("SQLITE_BUSY_TIMEOUT_MS", 30_000),
                               max_page_count=settings.getint("SQLITE_MAX_PAGE_COUNT", 0))
        spider = self.crawler.spider
        try:
            self.run_id = start_run(self.db, getattr(spider, "source", "auto"), getattr(spider, "root", ""))
        except sqlite3.Error as error:  # e.g. another writer holds the archive
            self.archive_failed(error)
            return
        self.crawler.stats.set_value("ess/run_id", self.run_id)

    def archive_failed(self, error: sqlite3.Error) -> None:
        """Note that the archive takes no writes and end the crawl: what is archived stays."""
        self.write_error = f"the archive could not be written: {error}"
        self.crawler.stats.inc_value("ess/store_errors")
        self.crawler.stats.set_value("ess/status", "archive-error")
        self.crawler.stats.set_value("ess/message", self.write_error)
        if self.crawler.engine is not None and not self.stopping:
            self.stopping = True  # no further write can succeed: end the crawl
            deferred_from_coro(self.crawler.engine.close_spider_async(reason="archive-error"))

    def process_item(self, item: Any) -> Any:
        try:
            return self.store(item)
        except sqlite3.IntegrityError as error:
            # One record that does not fit (e.g. two posts claiming one canonical URL): its
            # transaction was rolled back; the run goes on.
            self.crawler.stats.inc_value("ess/integrity_errors")
            raise DropItem(f"not stored ({error}): {getattr(item, 'url', item)}") from error
        except sqlite3.Error as error:
            # The archive cannot take writes (full, locked by another writer, read-only):
            # what is archived stays as it was; the run stops with the reason.
            self.archive_failed(error)
            raise DropItem(self.write_error) from error

    def store(self, item: Any) -> Any:
        """Write one item; return it."""
        if self.write_error:
            raise DropItem(self.write_error)
        if isinstance(item, NotModified) or (isinstance(item, PageCapture) and item.unchanged):
            outcome = "not-modified" if mark_unchanged_capture(self.db, item.url) else "not-modified-unknown"
        elif isinstance(item, PageCapture):
            outcome = archive_page(self.db, item.as_row(), item.result, self.run_id)
            outcome = "rejected-page" if outcome == "rejected" else outcome
        elif isinstance(item, Rejection):
            with self.db.atomic():
                save_reject(self.db, item.result, source=item.source, run_id=self.run_id)
            outcome = "rejected"
        elif isinstance(item, Seen):
            with self.db.atomic():
                outcome = "seen" if mark_seen(self.db, item.post_id) else "seen-unknown"
        else:
            return item
        self.crawler.stats.inc_value(f"ess/outcome/{outcome}")
        return item

    def spider_closed(self, spider: Any, reason: str) -> None:
        """Close the run's row with its counts and status."""
        if self.db is None:
            return
        if self.run_id is None:  # the run could not even be recorded (archive locked)
            self.db.close()
            return
        report = spider.discovery_report() if hasattr(spider, "discovery_report") else {}
        stats = self.crawler.stats.get_stats()
        try:
            # Gone interviews are only marked from a complete listing (gone_interviews checks).
            gone, complete = close_listing(self.db, report) if report and not self.write_error else (0, {})
            counts = run_counts(stats) | {"gone": gone, "completeness": json.dumps(complete, ensure_ascii=False)}
            status, message = run_status(counts, getattr(spider, "discovery_failure", None), reason,
                                         report.get("complete", True))
            if self.write_error:
                status, message = "archive-error", self.write_error
            if report.get("source") and status == "ok":
                message += f" (via {report['source']})"
            finish_run(self.db, self.run_id, status, counts, message, stats)
        except sqlite3.Error as error:  # the archive is full or locked: the run row stays "running"
            status, message = "archive-error", self.write_error or f"the archive could not be written: {error}"
            self.db.conn.rollback()
        self.crawler.stats.set_value("ess/status", status)
        self.crawler.stats.set_value("ess/message", message)
        self.db.close()
