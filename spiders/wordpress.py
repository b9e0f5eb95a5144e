"""The WordPress spider: discovers the interviews of a WordPress site and fetches them.

It only routes requests. Discovery tries the sources in order (``--source auto``: the REST
API, then XML sitemaps, the RSS feed, the archive pages; the Wayback Machine when the site
does not answer) and falls back when one does not answer. Each source lives in its own
mixin (``spiders/rest.py``, ``sitemaps.py``, ``feeds.py``, ``archives.py``, ``wayback.py``);
every fetched page goes to the pipelines as a raw ``PageCapture``."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import Any

import scrapy
from scrapy.http import Response
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.python.failure import Failure

from crawler.items import NotModified, PageCapture, Rejection
from crawler.parser import NotAnInterview, is_interview_title
from db.state import ArchiveState
from spiders import discovery as wp
from spiders.archives import ArchiveDiscovery
from spiders.errors import describe, is_unreachable
from spiders.feeds import FeedDiscovery
from spiders.rest import RestDiscovery
from spiders.sitemaps import SitemapDiscovery
from spiders.wayback import WaybackDiscovery

SOURCES = ("rest", "sitemap", "feed", "archive", "wayback")
LIVE_SOURCES = ("rest", "sitemap", "feed", "archive")  # served by the site itself
GONE_STATUSES = (404, 410)
REDIRECT_STATUSES = (301, 302, 303, 307, 308)
MAX_REDIRECTS = 5


class WordPressSpider(RestDiscovery, SitemapDiscovery, FeedDiscovery, ArchiveDiscovery,
                      WaybackDiscovery, scrapy.Spider):
    """Finds and fetches the "3 questions à ..." interviews of one WordPress site."""

    name = "wordpress"

    def __init__(self, start_url: str | None = None, source: str = "auto", **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.start_url = start_url
        if source != "auto" and source not in SOURCES:
            raise ValueError(f"unknown source {source!r}: choose auto, {', '.join(SOURCES)}")
        self.source = source
        self.pending_sources = list(LIVE_SOURCES) if source == "auto" else [source]
        self.failures: list[tuple[str, str, bool]] = []  # (source, reason, unreachable)
        self.discovery_failure: tuple[str, str] | None = None
        self.used_source: str | None = None
        # What discovery saw, for completeness and for marking interviews gone.
        self.listed: dict[str, set[str]] = {}      # source -> interview keys ("id:N" or URLs)
        self.site_ids: set[int] = set()            # every post id the site lists (REST)
        self.site_urls: set[str] = set()           # every post URL the site lists
        self.listing_complete = True
        self.gone_ids: set[int] = set()            # interviews answering 404/410

    @classmethod
    def from_crawler(cls, crawler: Any, *args: Any, **kwargs: Any) -> WordPressSpider:
        spider = super().from_crawler(crawler, *args, **kwargs)
        settings = crawler.settings
        spider.start_url = spider.start_url or settings.get("START_URL")
        spider.root = wp.site_root(spider.start_url)
        spider.per_page = settings.getint("REST_PER_PAGE", 100)
        spider.slug_filter = settings.getbool("SITEMAP_SLUG_FILTER", True)
        spider.conditional = settings.getbool("CONDITIONAL_REQUESTS", True)
        spider.wayback_base = settings.get("WAYBACK_BASE_URL").rstrip("/")
        spider.wayback_fallback = settings.getbool("WAYBACK_FALLBACK", True)
        spider.state = ArchiveState(settings.get("ARCHIVE_DB"))
        hosts = {wp.urlsplit(spider.root).hostname}
        if source_uses_wayback(spider.source, spider.wayback_fallback):
            hosts.add(wp.urlsplit(spider.wayback_base).hostname)
        spider.allowed_domains = sorted(h for h in hosts if h)
        return spider

    async def start(self) -> AsyncIterator[scrapy.Request]:
        for request in self.next_source():
            yield request

    def closed(self, reason: str) -> None:
        """Release the read-only view of the archive."""
        self.state.close()

    # --- discovery: one source after the other ---------------------------------------
    def next_source(self) -> Iterator[scrapy.Request]:
        """Yield the first requests of the next source to try, or record that none answered."""
        if not self.pending_sources:
            self.give_up()
            return
        source = self.pending_sources.pop(0)
        starts = {"rest": self.rest_start, "sitemap": self.sitemap_start, "feed": self.feed_start,
                  "archive": self.archive_start, "wayback": self.wayback_start}
        yield from starts[source]()

    def source_answered(self, source: str) -> None:
        """Note the source that is giving the listing of this run."""
        if self.used_source is None:
            self.used_source = source
            self.crawler.stats.set_value("ess/source", source)

    def give_up(self) -> None:
        """Record why discovery found nothing (site unreachable, or not WordPress)."""
        reasons = "; ".join(f"{source}: {reason}" for source, reason, _ in self.failures)
        if self.failures and all(unreachable for *_, unreachable in self.failures):
            self.discovery_failure = ("unreachable", f"site unreachable at {self.root}/ ({reasons})")
        elif any(unreachable for *_, unreachable in self.failures):
            self.discovery_failure = ("unreachable", f"site unreachable at {self.root}/ and no copy found ({reasons})")
        else:
            self.discovery_failure = ("not-wordpress", f"no WordPress source answered at {self.root}/ ({reasons})")
        self.crawler.stats.set_value("ess/discovery_failure", self.discovery_failure[0])

    def fall_back(self, source: str, reason: str, unreachable: bool = False) -> Iterator[scrapy.Request]:
        """Note that ``source`` failed and go on with the next one."""
        self.logger.info("discovery via %s failed: %s", source, reason)
        self.failures.append((source, reason, unreachable))
        if unreachable:
            # Nobody answers at this host: other live sources would only time out too; in
            # auto mode the Wayback Machine is asked instead.
            self.pending_sources = [s for s in self.pending_sources if s not in LIVE_SOURCES]
            if self.source == "auto" and self.wayback_fallback and "wayback" not in self.pending_sources \
                    and source != "wayback":
                self.pending_sources.append("wayback")
        yield from self.next_source()

    def discovery_failed(self, failure: Failure) -> Iterator[scrapy.Request]:
        """Errback of the first request of a source."""
        request = failure.request  # type: ignore[attr-defined]
        yield from self.fall_back(request.meta["source"], describe(failure), is_unreachable(failure))

    def listing_failed(self, failure: Failure) -> Iterator[Any]:
        """Errback of a later discovery page: the listing of this run is incomplete."""
        self.listing_complete = False
        yield from self.fetch_failed(failure)

    def note_listed(self, source: str, key: str) -> None:
        """Count an interview a source lists."""
        self.listed.setdefault(source, set()).add(key)

    @staticmethod
    def not_series(source: str, url: str, title: str, post_id: int | None = None) -> Rejection:
        """Return the rejection of a listed post whose title is not of the series."""
        return Rejection(NotAnInterview("not-series", "title is not of the “3 questions à …” series",
                                        url, title, post_id), source)

    def route_titled(self, source: str, url: str, title: str, post_id: int | None = None) -> Iterator[Any]:
        """Fetch a listed post whose title is of the series; record the others as rejected."""
        if is_interview_title(title):
            self.note_listed(source, url)
            yield self.page_request(url, source)
        else:
            yield self.not_series(source, url, title, post_id)

    # --- article pages -----------------------------------------------------------------
    def page_request(self, url: str, source: str, rest_post: dict | None = None,
                     original: str | None = None, chain: tuple[str, ...] = ()) -> scrapy.Request:
        """Return the request of an article page, conditional when the archive has
        validators for it. Redirects are followed here, not by Scrapy, so that a loop or a
        redirect to another host is recorded with its reason instead of silently dropped."""
        headers = self.state.validators(url) if self.conditional and not original else {}
        return scrapy.Request(url, callback=self.parse_page, errback=self.fetch_failed, headers=headers,
                              dont_filter=bool(chain),
                              meta={"source": source, "rest_post": rest_post, "original_url": original,
                                    "chain": chain, "dont_redirect": True,
                                    "handle_httpstatus_list": [304, *GONE_STATUSES, *REDIRECT_STATUSES]})

    def follow_redirect(self, response: Response) -> Iterator[Any]:
        """Follow a page's redirect on the same site; record loops and other hosts."""
        meta = response.meta
        chain = (*meta["chain"], response.url)
        location = response.urljoin(response.headers.get("Location", b"").decode("latin-1"))
        if not wp.same_site(location, self.root) and meta["source"] != "wayback":
            reason = ("redirect-offsite", f"redirected to another host: {location}")
        elif location in chain or len(chain) > MAX_REDIRECTS:
            reason = ("redirect-loop", f"redirect loop after {len(chain)} hops: {location}")
        else:
            yield self.page_request(location, meta["source"], meta.get("rest_post"), meta.get("original_url"), chain)
            return
        self.crawler.stats.inc_value("ess/fetch_errors")
        yield Rejection(NotAnInterview(*reason, chain[0]), meta["source"])

    def parse_page(self, response: Response) -> Iterator[Any]:
        """Hand an article page to the pipelines; note 304s and pages that are gone."""
        source = response.meta["source"]
        if response.status in REDIRECT_STATUSES:
            yield from self.follow_redirect(response)
            return
        if response.status == 304:
            yield NotModified(response.url, source)
            return
        context = {key: response.meta[key] for key in ("rest_post", "original_url") if response.meta.get(key)}
        yield self.capture(response, source, context=context)
        if response.status in GONE_STATUSES:
            post_id = (response.meta.get("rest_post") or {}).get("id")
            if post_id:
                self.gone_ids.add(post_id)
            if source != "wayback" and self.wayback_fallback and self.source == "auto":
                yield self.wayback_lookup(response.url)

    def fetch_failed(self, failure: Failure) -> Iterator[Any]:
        """Keep an error page as a capture (it explains the rejection), or record the failure."""
        request = failure.request  # type: ignore[attr-defined]
        self.crawler.stats.inc_value("ess/fetch_errors")
        if failure.check(HttpError) and request.callback == self.parse_page:
            yield self.capture(failure.value.response, request.meta["source"])
            return
        yield Rejection(NotAnInterview("fetch-error", describe(failure), request.url), request.meta["source"])

    def capture(self, response: Response, source: str, kind: str = "page",
                context: dict | None = None) -> PageCapture:
        """Return the raw capture of a response (with the URL first asked for)."""
        meta = response.request.meta if response.request else {}
        first = (meta.get("chain") or meta.get("redirect_urls") or [response.url])[0]
        return PageCapture(url=response.url, status=response.status,
                           headers=wp.flat_headers(response.headers), body=response.body,
                           source=source, kind=kind, context=context or {}, requested_url=first)

    def discovery_report(self) -> dict[str, Any]:
        """Return what discovery saw, for the run record."""
        return {"source": self.used_source, "listed": {k: sorted(v) for k, v in self.listed.items()},
                "site_ids": sorted(self.site_ids), "site_urls": sorted(self.site_urls),
                "complete": self.listing_complete and self.discovery_failure is None,
                "gone_ids": sorted(self.gone_ids)}


def source_uses_wayback(source: str, fallback: bool) -> bool:
    """Return whether a run may ask the Wayback Machine."""
    return source == "wayback" or (source == "auto" and fallback)
