"""The life of one crawl run, in one place: a Scrapy extension that opens the archive and
the ``crawl_runs`` row when the spider opens, and closes it with its counts, completeness,
gone interviews, status and message when the spider closes. The store pipeline writes
through the connection it holds."""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from scrapy import signals
from scrapy.exceptions import NotConfigured
from scrapy.utils.defer import deferred_from_coro
from sqlite_utils import Database

from crawler.corrections import Correction, CorrectionsError, corrections_path, load_corrections
from crawler.outcomes import REJECTED_OUTCOMES, UNCHANGED_OUTCOMES, Outcome, Stat
from db.archive import ArchiveError, open_archive
from db.completeness import close_listing
from db.runs import finish_run, start_run
from db.store import save_corrections

# A run with more failed fetches than this share of its requests is "partial".
PARTIAL_ERROR_SHARE = 0.1


def run_counts(stats: dict[str, Any]) -> dict[str, int]:
    """Return the ``crawl_runs`` counters from Scrapy's stats."""

    def count(*outcomes: Outcome) -> int:
        return sum(stats.get(Stat.outcome(o), 0) for o in outcomes)

    return {
        "requests": stats.get("downloader/request_count", 0),
        "responses": stats.get("downloader/response_count", 0),
        "captures": count(Outcome.NEW, Outcome.UPDATED, Outcome.UNCHANGED, Outcome.CAPTURED, Outcome.OLDER,
                          Outcome.KEPT, Outcome.CONFLICT, Outcome.GONE),
        "new": count(Outcome.NEW),
        "updated": count(Outcome.UPDATED),
        "unchanged": count(*UNCHANGED_OUTCOMES),
        "skipped": stats.get(Stat.SKIPPED_SLUG, 0) + stats.get(Stat.SKIPPED_LASTMOD, 0),
        "rejected": count(*REJECTED_OUTCOMES),
        "duplicates": count(Outcome.DUPLICATE),
        "errors": stats.get(Stat.FETCH_ERRORS, 0) + stats.get(Stat.INTEGRITY_ERRORS, 0),
    }


def run_status(counts: dict[str, int], discovery_failure: tuple[str, str] | None,
               finish_reason: str, incomplete: list[str] | None = None) -> tuple[str, str]:
    """Return the run's status and a one-line message."""
    if discovery_failure:
        return discovery_failure
    if finish_reason != "finished":
        return "interrupted", f"crawl stopped early: {finish_reason}"
    summary = (f"{counts['new']} new, {counts['updated']} updated, {counts['unchanged']} unchanged, "
               f"{counts.get('gone', 0)} gone, {counts['rejected']} not interviews, {counts['errors']} errors")
    if counts["errors"] > max(2, PARTIAL_ERROR_SHARE * counts["requests"]):
        return "partial", f"partial run: {summary}"
    if incomplete:
        return "partial", (f"partial run: the listing is incomplete ({'; '.join(incomplete)}), "
                           f"nothing marked gone from it; {summary}")
    return "ok", summary


class RunRecorder:
    """Opens the archive and the run's row, and closes them with the run's figures."""

    def __init__(self, crawler: Any) -> None:
        self.crawler = crawler
        self.db: Database | None = None
        self.run_id: int | None = None
        self.write_error: str | None = None
        self.stopping = False
        self.corrections: dict[int, list[Correction]] = {}  # corrections.yaml, by post id
        crawler.signals.connect(self.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler: Any) -> RunRecorder:
        if not crawler.settings.get("ARCHIVE_DB"):
            raise NotConfigured("ARCHIVE_DB is not set")
        return cls(crawler)

    @staticmethod
    def of(crawler: Any) -> RunRecorder:
        """Return the run recorder of a crawler (the store pipeline writes through it)."""
        for extension in crawler.extensions.middlewares:
            if isinstance(extension, RunRecorder):
                return extension
        raise NotConfigured("the store pipeline needs crawler.run.RunRecorder in EXTENSIONS")

    def spider_opened(self, spider: Any) -> None:
        """Open the archive and the run's row; a failure ends the crawl with its reason."""
        settings = self.crawler.settings
        try:
            self.db = open_archive(settings.get("ARCHIVE_DB"),
                                   busy_timeout_ms=settings.getint("SQLITE_BUSY_TIMEOUT_MS", 30_000),
                                   max_page_count=settings.getint("SQLITE_MAX_PAGE_COUNT", 0))
            self.corrections = load_corrections(corrections_path(settings.get("ARCHIVE_DB")))
            save_corrections(self.db, self.corrections)
            self.run_id = start_run(self.db, getattr(spider, "source", "auto"), getattr(spider, "root", ""))
        except (sqlite3.Error, ArchiveError, CorrectionsError) as error:  # e.g. another writer holds the archive
            self.archive_failed(error)
            return
        self.crawler.stats.set_value(Stat.RUN_ID, self.run_id)

    def archive_failed(self, error: Exception) -> None:
        """Note that the archive takes no writes and end the crawl: what is archived stays."""
        self.write_error = f"the archive could not be written: {error}"
        self.crawler.stats.inc_value(Stat.STORE_ERRORS)
        self.crawler.stats.set_value(Stat.STATUS, "archive-error")
        self.crawler.stats.set_value(Stat.MESSAGE, self.write_error)
        try:
            engine = self.crawler.engine
        except RuntimeError:  # Scrapy >= 2.17: no engine before the crawl starts
            engine = None
        if engine is not None and not self.stopping:
            self.stopping = True  # no further write can succeed: end the crawl
            deferred_from_coro(engine.close_spider_async(reason="archive-error"))

    def spider_closed(self, spider: Any, reason: str) -> None:
        """Close the run's row with its counts, completeness and status."""
        if self.db is None:
            return
        if self.run_id is None:  # the run could not even be recorded (archive locked)
            self.db.close()
            return
        report = spider.discovery_report() if hasattr(spider, "discovery_report") else {}
        stats = self.crawler.stats.get_stats()
        try:
            # Gone interviews are only marked from a listing complete by its own evidence.
            gone, complete = close_listing(self.db, report) if report and not self.write_error else (0, {})
            gone += stats.get(Stat.outcome(Outcome.GONE), 0)
            counts = run_counts(stats) | {"gone": gone, "completeness": json.dumps(complete, ensure_ascii=False)}
            status, message = run_status(counts, getattr(spider, "discovery_failure", None), reason,
                                         report.get("incomplete"))
            if self.write_error:
                status, message = "archive-error", self.write_error
            if report.get("source") and status == "ok":
                message += f" (via {report['source']})"
            if report.get("left_for_later"):
                message += (f"; {report['left_for_later']} posts whose slug is not of the series are left "
                            f"for later runs (SITEMAP_FIRST_READS)")
            if report.get("unproven") and status in ("ok", "partial") and not report.get("incomplete"):
                message += f"; nothing marked gone from the listing: {'; '.join(report['unproven'])}"
            finish_run(self.db, self.run_id, status, counts, message, stats)
        except sqlite3.Error as error:  # the archive is full or locked: the run row stays "running"
            status, message = "archive-error", self.write_error or f"the archive could not be written: {error}"
            self.db.conn.rollback()
        self.crawler.stats.set_value(Stat.STATUS, status)
        self.crawler.stats.set_value(Stat.MESSAGE, message)
        self.db.close()
