"""The WordPress spider: discovers the interviews of a WordPress site and fetches them.

It only routes requests. Discovery tries the sources in order (``--source auto``: the REST
API, then XML sitemaps, the RSS feed, the archive pages; the Wayback Machine when the site
does not answer) and falls back when one does not answer. Each source lives in its own
mixin (``spiders/rest.py``, ``sitemaps.py``, ``feeds.py``, ``archives.py``, ``wayback.py``);
every fetched page goes to the pipelines as a raw ``PageCapture``. Once the pages are
written, the pictures of the archived interviews are fetched (``spiders/images.py``)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import Any

import scrapy
from scrapy.http import Response
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.python.failure import Failure

from crawler.items import NotModified, PageCapture, Rejection
from crawler.outcomes import Stat
from crawler.parser import NotAnInterview, is_interview_title
from db.state import ArchiveState
from spiders import discovery as wp
from spiders.archives import ArchiveDiscovery
from spiders.errors import describe, is_timeout, is_unreachable
from spiders.feeds import FeedDiscovery
from spiders.images import PictureFetching
from spiders.listing import Listing
from spiders.rest import RestDiscovery
from spiders.sitemaps import SitemapDiscovery
from spiders.wayback import WaybackDiscovery

SOURCES = ("rest", "sitemap", "feed", "archive", "wayback")
LIVE_SOURCES = ("rest", "sitemap", "feed", "archive")  # served by the site itself
GONE_STATUSES = (404, 410)
REDIRECT_STATUSES = (301, 302, 303, 307, 308)
MAX_REDIRECTS = 5


class WordPressSpider(RestDiscovery, SitemapDiscovery, FeedDiscovery, ArchiveDiscovery,
                      WaybackDiscovery, PictureFetching, scrapy.Spider):
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
        self.listing = Listing()  # what discovery saw, for completeness and gone interviews
        self.site_hosts: set[str] = set()  # host keys the site's own links use

    @classmethod
    def from_crawler(cls, crawler: Any, *args: Any, **kwargs: Any) -> WordPressSpider:
        spider = super().from_crawler(crawler, *args, **kwargs)
        settings = crawler.settings
        spider.start_url = spider.start_url or settings.get("START_URL")
        spider.root = wp.site_root(spider.start_url)
        spider.site_hosts = {wp.host_key(wp.urlsplit(spider.root).hostname)}
        spider.per_page = settings.getint("REST_PER_PAGE", 100)
        spider.slug_filter = settings.getbool("SITEMAP_SLUG_FILTER", True)
        spider.first_reads = settings.getint("SITEMAP_FIRST_READS", 2000)
        spider.conditional = settings.getbool("CONDITIONAL_REQUESTS", True)
        spider.wayback_base = settings.get("WAYBACK_BASE_URL").rstrip("/")
        spider.wayback_fallback = settings.getbool("WAYBACK_FALLBACK", True)
        spider.state = ArchiveState(settings.get("ARCHIVE_DB"))
        hosts = {wp.urlsplit(spider.root).hostname}
        if source_uses_wayback(spider.source, spider.wayback_fallback):
            hosts.add(wp.urlsplit(spider.wayback_base).hostname)
        spider.allowed_domains = sorted(h for h in hosts if h)
        spider.connect_pictures()
        return spider

    async def start(self) -> AsyncIterator[scrapy.Request]:
        for request in self.next_source():
            yield request

    def closed(self, reason: str) -> None:
        """Release the read-only view of the archive."""
        self.state.close()

    # --- the site's hosts ------------------------------------------------------------
    def on_site(self, url: str) -> str | None:
        """Return where to fetch a URL the site lists (on the host this crawl reaches it
        at), or None when it is not the site's."""
        host = wp.host_key(wp.urlsplit(url).hostname)
        if host not in self.site_hosts:
            return None
        return url if wp.urlsplit(url).hostname == wp.urlsplit(self.root).hostname else wp.on_host(url, self.root)

    def learn_host(self, urls: list[str]) -> None:
        """Learn the host the site's own links use when it is not the one this crawl
        reaches it at (``localhost`` for ``127.0.0.1``, a proxy's name): a discovery document
        of the site whose links are all on one other host names the site's public host."""
        hosts = {wp.host_key(wp.urlsplit(u).hostname) for u in urls if u}
        if len(hosts) == 1 and not hosts & self.site_hosts:
            self.logger.info("the site's own links use the host %s", next(iter(hosts)))
            self.site_hosts |= hosts

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
            self.crawler.stats.set_value(Stat.SOURCE, source)

    def give_up(self) -> None:
        """Record why discovery found nothing (site unreachable, or not WordPress)."""
        reasons = "; ".join(f"{source}: {reason}" for source, reason, _ in self.failures)
        if self.failures and all(unreachable for *_, unreachable in self.failures):
            self.discovery_failure = ("unreachable", f"site unreachable at {self.root}/ ({reasons})")
        elif any(unreachable for *_, unreachable in self.failures):
            self.discovery_failure = ("unreachable", f"site unreachable at {self.root}/ and no copy found ({reasons})")
        else:
            self.discovery_failure = ("not-wordpress", f"no WordPress source answered at {self.root}/ ({reasons})")
        self.crawler.stats.set_value(Stat.DISCOVERY_FAILURE, self.discovery_failure[0])

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
        """Errback of the first request of a source. A REST API that times out is slow,
        not the site gone: the site's other sources are tried."""
        request = failure.request  # type: ignore[attr-defined]
        source = request.meta["source"]
        unreachable = is_unreachable(failure) and not (source == "rest" and is_timeout(failure))
        yield from self.fall_back(source, describe(failure), unreachable)

    def listing_failed(self, failure: Failure) -> Iterator[Any]:
        """Errback of a later discovery page: the listing of this run is incomplete."""
        self.listing.failed(describe(failure))
        yield from self.fetch_failed(failure)

    def note_listed(self, source: str, key: str) -> None:
        """Count an interview a source lists."""
        self.listing.listed.setdefault(source, set()).add(key)

    @staticmethod
    def not_series(source: str, url: str, title: str, post_id: int | None = None) -> Rejection:
        """Return the rejection of a listed post whose title is not of the series."""
        return Rejection(NotAnInterview("not-series", "title is not of the “3 questions à …” series",
                                        url, title, post_id), source)

    def route_titled(self, source: str, url: str, title: str, post_id: int | None = None) -> Iterator[Any]:
        """Fetch a listed post whose title is of the series; record the others as rejected."""
        if is_interview_title(title):
            self.note_listed(source, url)
            yield self.page_request(self.on_site(url) or url, source)
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
                              cb_kwargs={"rest_post": rest_post, "original": original, "chain": chain},
                              meta={"source": source, "dont_redirect": True,
                                    "handle_httpstatus_list": [304, *GONE_STATUSES, *REDIRECT_STATUSES]})

    def redirect_refusal(self, location: str, source: str, chain: tuple[str, ...],
                         original: str | None) -> tuple[str, str] | None:
        """Return why a page's redirect is not followed (code, reason), or None. A Wayback
        copy may only lead to another Wayback copy of the site's own URL."""
        if source == "wayback":
            target = wp.WAYBACK_ORIGINAL.search(location)
            if not wp.same_site(location, self.wayback_base) or not target or not wp.same_site(target.group(1), self.root):
                return "redirect-offsite", f"a Wayback copy of {original} redirects off the site's copies: {location}"
        elif not wp.same_site(location, self.root):
            return "redirect-offsite", f"redirected to another host: {location}"
        if location in chain or len(chain) > MAX_REDIRECTS:
            return "redirect-loop", f"redirect loop after {len(chain)} hops: {location}"
        return None

    def follow_redirect(self, response: Response, rest_post: dict | None, original: str | None,
                        chain: tuple[str, ...]) -> Iterator[Any]:
        """Follow a page's redirect on the same site; record loops and other hosts."""
        source = response.meta["source"]
        chain = (*chain, response.url)
        location = response.urljoin(response.headers.get("Location", b"").decode("latin-1"))
        refusal = self.redirect_refusal(location, source, chain, original)
        if refusal is None:
            yield self.page_request(location, source, rest_post, original, chain)
            return
        self.crawler.stats.inc_value(Stat.FETCH_ERRORS)
        yield Rejection(NotAnInterview(*refusal, original or chain[0]), source)

    def parse_page(self, response: Response, rest_post: dict | None = None, original: str | None = None,
                   chain: tuple[str, ...] = ()) -> Iterator[Any]:
        """Hand an article page to the pipelines; note 304s and pages that are gone."""
        source = response.meta["source"]
        if response.status in REDIRECT_STATUSES:
            yield from self.follow_redirect(response, rest_post, original, chain)
            return
        if response.status == 304:
            if response.request is not None and not (response.request.headers.get("If-None-Match")
                                                     or response.request.headers.get("If-Modified-Since")):
                # A server (or a cache in front of it) that answers 304 to a plain request.
                self.crawler.stats.inc_value(Stat.FETCH_ERRORS)
                yield Rejection(NotAnInterview("bogus-304", "the server answered 304 Not Modified to a request "
                                               "without validators: the page could not be read", response.url), source)
                return
            yield NotModified(response.url, source)
            return
        context = {key: value for key, value in (("rest_post", rest_post), ("original_url", original)) if value}
        yield self.capture(response, source, context=context, chain=chain)
        if response.status in GONE_STATUSES and source != "wayback" and self.wayback_fallback \
                and self.source == "auto":
            lookup = self.wayback_lookup(response.url)
            if lookup is not None:
                yield lookup

    def fetch_failed(self, failure: Failure) -> Iterator[Any]:
        """Keep an error page as a capture (it explains the rejection), or record the failure."""
        request = failure.request  # type: ignore[attr-defined]
        self.crawler.stats.inc_value(Stat.FETCH_ERRORS)
        if failure.check(HttpError) and request.callback == self.parse_page:
            yield self.capture(failure.value.response, request.meta["source"],
                               chain=request.cb_kwargs.get("chain", ()))
            return
        original = request.cb_kwargs.get("original") if request.callback == self.parse_page else None
        yield Rejection(NotAnInterview("fetch-error", describe(failure), original or request.url),
                        request.meta["source"])

    def capture(self, response: Response, source: str, kind: str = "page",
                context: dict | None = None, chain: tuple[str, ...] = ()) -> PageCapture:
        """Return the raw capture of a response (with the URL first asked for)."""
        meta = response.request.meta if response.request else {}
        first = (chain or meta.get("redirect_urls") or [response.url])[0]
        return PageCapture(url=response.url, status=response.status,
                           headers=wp.flat_headers(response.headers), body=response.body,
                           source=source, kind=kind, context=context or {}, requested_url=first)

    def discovery_report(self) -> dict[str, Any]:
        """Return what discovery saw, for the run record."""
        listing = self.listing
        incomplete = list(listing.failures) + ([self.discovery_failure[1]] if self.discovery_failure else [])
        return {"source": self.used_source, "listed": {k: sorted(v) for k, v in listing.listed.items()},
                "site_ids": sorted(listing.site_ids), "site_urls": sorted(listing.site_urls),
                "incomplete": incomplete, "unproven": listing.proof(self.used_source),
                "left_for_later": listing.left_for_later}


def source_uses_wayback(source: str, fallback: bool) -> bool:
    """Return whether a run may ask the Wayback Machine."""
    return source == "wayback" or (source == "auto" and fallback)
