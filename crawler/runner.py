"""Running one crawl in this process with the project's settings, and what it ended as."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from scrapy.crawler import CrawlerProcess
from scrapy.settings import Settings

from crawler.outcomes import Stat
from spiders.wordpress import WordPressSpider

# Exit codes of `ess-archive crawl`, for cron and scripts.
EXIT_OK = 0
EXIT_ERROR = 1          # bad input: a clear line says what
EXIT_UNREACHABLE = 3    # the site did not answer at all
EXIT_NOT_WORDPRESS = 4  # the site answered but no WordPress source did
EXIT_PARTIAL = 5        # errors above the threshold: the archive is kept, run again later
EXIT_LOCKED = 6         # another crawl of the same archive is running
EXIT_INTERRUPTED = 7    # stopped before the end (signal, shutdown)
EXIT_ARCHIVE = 8        # the archive could not be written (full, locked by another writer)
STATUS_EXIT = {"ok": EXIT_OK, "unreachable": EXIT_UNREACHABLE, "not-wordpress": EXIT_NOT_WORDPRESS,
               "partial": EXIT_PARTIAL, "interrupted": EXIT_INTERRUPTED, "archive-error": EXIT_ARCHIVE}


@dataclass
class CrawlResult:
    """How a crawl ended."""

    status: str
    message: str
    run_id: int | None
    stats: dict[str, Any]

    @property
    def exit_code(self) -> int:
        """Return the process exit code for this status."""
        return STATUS_EXIT.get(self.status, EXIT_ERROR)


def project_settings(db_path: str | Path, overrides: dict[str, str], log_file: str | None) -> Settings:
    """Return the project's settings with the archive path, the ``-s`` overrides and the log."""
    settings = Settings()
    settings.setmodule("crawler.settings", priority="project")
    settings.set("ARCHIVE_DB", str(db_path), priority="cmdline")
    if log_file:
        settings.set("LOG_FILE", log_file, priority="cmdline")
        settings.set("LOG_FILE_APPEND", True, priority="cmdline")
    for name, value in overrides.items():
        settings.set(name, value, priority="cmdline")
    return settings


def run_crawl(start_url: str, source: str, db_path: str | Path, overrides: dict[str, str],
              log_file: str | None = None) -> CrawlResult:
    """Run one crawl to its end and return how it ended. Call once per process: Twisted's
    reactor cannot be restarted."""
    process = CrawlerProcess(project_settings(db_path, overrides, log_file))
    crawler = process.create_crawler(WordPressSpider)
    process.crawl(crawler, start_url=start_url, source=source)
    process.start()
    stats = crawler.stats.get_stats() if crawler.stats else {}
    status = stats.get(Stat.STATUS) or ("archive-error" if stats.get(Stat.STORE_ERRORS) else "failed")
    message = stats.get(Stat.MESSAGE) or "the crawl ended without recording its run (see the log)"
    return CrawlResult(status, message, stats.get(Stat.RUN_ID), stats)
