"""What can happen to one item of a crawl, and the names of the crawl stats that count it:
one vocabulary for the spider, the pipelines, the archive writer and the run record."""

from __future__ import annotations

from enum import StrEnum


class Outcome(StrEnum):
    """The decision taken on one capture or listing entry."""

    NEW = "new"                    # an interview archived for the first time
    UPDATED = "updated"            # an archived interview replaced by what the site says now
    UNCHANGED = "unchanged"        # parsed again, the same record
    NOT_MODIFIED = "not-modified"  # 304, or the same bytes as the capture of the record
    SEEN = "seen"                  # listed with the same WordPress ``modified``: not fetched
    REJECTED = "rejected"          # not an interview (the reason is in ``rejects``)
    KEPT = "kept"                  # the page is not the interview any more: the record stays
    OLDER = "older-copy"           # an older copy (Wayback) of an archived interview: not used
    CONFLICT = "conflict"          # claims a post id or URL another live page holds
    GONE = "gone"                  # the interview's own URL answered 404/410 or redirected away
    DUPLICATE = "duplicate"        # the same post reached again in this run
    CAPTURED = "captured"          # a discovery document, kept raw
    UNKNOWN = "unknown"            # 304 or "seen" for something the archive does not hold


# Outcomes that mean the site still shows the archived interview as it is.
UNCHANGED_OUTCOMES = (Outcome.UNCHANGED, Outcome.NOT_MODIFIED, Outcome.SEEN)
# Outcomes of a page that was not archived as an interview.
REJECTED_OUTCOMES = (Outcome.REJECTED, Outcome.KEPT, Outcome.CONFLICT, Outcome.GONE)


class Stat:
    """Names of the crawl stats (Scrapy's stats collector) this project keeps."""

    RUN_ID = "ess/run_id"
    STATUS = "ess/status"
    MESSAGE = "ess/message"
    SOURCE = "ess/source"
    PARSED = "ess/parsed"
    WITH_WARNINGS = "ess/with_warnings"
    UNCHANGED_BYTES = "ess/unchanged_bytes"
    FETCH_ERRORS = "ess/fetch_errors"
    STORE_ERRORS = "ess/store_errors"
    INTEGRITY_ERRORS = "ess/integrity_errors"
    DISCOVERY_FAILURE = "ess/discovery_failure"
    SKIPPED_SLUG = "ess/skipped/slug"
    SKIPPED_LASTMOD = "ess/skipped/lastmod"
    MALFORMED_SITEMAPS = "ess/malformed_sitemaps"
    RETRY_AFTER = "ess/retry_after"
    BLOCKED_NOT_LOOPBACK = "ess/blocked_not_loopback"
    CDX_CACHED = "ess/wayback/cdx_cached"
    SITE_TOTAL_REST = "ess/site_total/rest"
    LISTING_LIMIT = "ess/listing_limit"
    PICTURES_REQUESTED = "ess/pictures/requested"
    PICTURES_OFFSITE = "ess/pictures/offsite"

    @staticmethod
    def picture(outcome: str) -> str:
        """Return the stat counting one outcome of a picture's write."""
        return f"ess/pictures/{outcome}"

    @staticmethod
    def outcome(outcome: Outcome) -> str:
        """Return the stat counting one outcome."""
        return f"ess/outcome/{outcome.value}"

    @staticmethod
    def rejected(code: str) -> str:
        """Return the stat counting the rejections of one code."""
        return f"ess/rejected/{code}"

    @staticmethod
    def discovered(source: str) -> str:
        """Return the stat counting the entries a source listed."""
        return f"ess/discovered/{source}"
