"""Scrapy settings of ess-archive: the one configuration surface.

Overridable with ``-s NAME=VALUE`` on ``ess-archive crawl`` (or ``scrapy crawl``) and, for
the archive path and contact, with the environment (``ESS_ARCHIVE_DB``, ``ESS_ARCHIVE_CONTACT``).
The politeness floor is the Scrapy project template's, which fits the live site: robots.txt
obeyed, one request at a time per host, at least one second between requests, AutoThrottle."""

import os

from crawler import __version__

BOT_NAME = "ess_archive"
SPIDER_MODULES = ["spiders"]
NEWSPIDER_MODULE = "spiders"

# --- what to crawl and where the archive lives ----------------------------------------
START_URL = "https://ess2024.org/"
ARCHIVE_DB = os.environ.get("ESS_ARCHIVE_DB", "data/ess2024.db")
SQLITE_BUSY_TIMEOUT_MS = 30_000  # how long a write waits for another writer (Datasette only reads)
SQLITE_MAX_PAGE_COUNT = 0        # a cap on the archive's size in pages (0: none)
WAYBACK_BASE_URL = "https://web.archive.org"
REST_PER_PAGE = 100  # WordPress's maximum for /wp-json/wp/v2/posts
# Sitemaps and Wayback listings give no titles: a post whose slug is not of the series
# ("3-questions-a-...") is fetched once, so its title says whether it is an interview (an
# interview with a renamed slug is found), then skipped on later runs unless its sitemap
# lastmod moves. False fetches every listed post on every run.
SITEMAP_SLUG_FILTER = True
SITEMAP_FIRST_READS = 2000  # at most this many such first reads a run (a huge sitemap takes several runs)
# If-None-Match / If-Modified-Since from the archived validators of each page.
CONDITIONAL_REQUESTS = True
# --source auto asks the Wayback Machine when the site does not answer, and for single
# interviews that answer 404/410.
WAYBACK_FALLBACK = True

# --- politeness -----------------------------------------------------------------------
ARCHIVE_CONTACT = os.environ.get("ESS_ARCHIVE_CONTACT", "https://github.com/ess-archive/ess-archive")
USER_AGENT = f"ess-archive/{__version__} (research archive; +{ARCHIVE_CONTACT})"
ROBOTSTXT_OBEY = True
CONCURRENT_REQUESTS = 4
CONCURRENT_REQUESTS_PER_DOMAIN = 1
DOWNLOAD_DELAY = 1
DOWNLOAD_DELAY_JITTER = 0.5  # each delay varies by ±50% (Scrapy >= 2.19; replaces RANDOMIZE_DOWNLOAD_DELAY)
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1
AUTOTHROTTLE_MAX_DELAY = 30
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0
DOWNLOAD_TIMEOUT = 30
DOWNLOAD_MAXSIZE = 8 * 1024 * 1024   # a WordPress article is well under 1 MB
PICTURE_MAXSIZE = 5 * 1024 * 1024    # a picture of an interview larger than this is refused
DOWNLOAD_WARNSIZE = 2 * 1024 * 1024
RETRY_ENABLED = True
RETRY_TIMES = 3
RETRY_HTTP_CODES = [500, 502, 503, 504, 522, 524, 408, 429]
REDIRECT_MAX_TIMES = 5
RETRY_AFTER_MAX = 300  # the longest Retry-After honoured, in seconds
# Tests and CI set ESS_ARCHIVE_LOOPBACK_ONLY=1: no request leaves this machine.
LOOPBACK_ONLY = os.environ.get("ESS_ARCHIVE_LOOPBACK_ONLY", "") not in ("", "0", "false", "False")
DOWNLOADER_MIDDLEWARES = {
    "spiders.middlewares.LoopbackOnlyMiddleware": 50,   # before anything is sent
    # Responses go through downloader middlewares in decreasing order: above Scrapy's
    # RetryMiddleware (550), so a 429/503 with Retry-After is handled here first.
    "spiders.middlewares.RetryAfterMiddleware": 560,
}
COOKIES_ENABLED = False
TELNETCONSOLE_ENABLED = False

# --- the data flow: parse -> deduplicate -> validate -> store (one stage per file) -------
ITEM_PIPELINES = {
    "pipelines.parse.ParsePipeline": 100,        # HTML -> Interview (validated) | NotAnInterview
    "pipelines.dedupe.DedupePipeline": 200,      # one interview per post id in a run
    "pipelines.store.StorePipeline": 900,        # decide + write, one transaction per capture
}
# The run's row (start, counts, completeness, status): opened and closed in one place.
EXTENSIONS = {
    "crawler.run.RunRecorder": 100,
}

# Items of one response go to the pipelines one after the other: the archive has one
# writer anyway, and Scrapy's default (100) starts 100 tasks for every response (about
# 0.5 ms a page).
CONCURRENT_ITEMS = 1
# Scrapy reads the source of every generator callback, on every response, to warn about a
# ``return value`` in it (its cache is keyed by the bound method, new on each request):
# about 0.5 ms a page. The spiders' callbacks return nothing.
WARN_ON_GENERATOR_RETURN_VALUE = False

LOG_LEVEL = "INFO"
FEED_EXPORT_ENCODING = "utf-8"
