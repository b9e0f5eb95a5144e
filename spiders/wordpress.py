"""The WordPress spider: discovers the interviews of a WordPress site and fetches them.

It only routes requests. Discovery tries the sources in order (``--source auto``: the REST
API, then XML sitemaps) and falls back when one does not answer; every fetched page goes to
the pipelines as a raw ``PageCapture``."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import Any

import scrapy
from scrapy.exceptions import CannotResolveHostError, DownloadConnectionRefusedError, DownloadTimeoutError
from scrapy.http import Response
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.internet.error import ConnectError, DNSLookupError, TimeoutError as TxTimeoutError
from twisted.python.failure import Failure

from crawler.items import PageCapture, Rejection
from crawler.parser import NotAnInterview, is_interview_title
from spiders import discovery as wp

SOURCES = ("rest", "sitemap")
LIVE_SOURCES = ("rest", "sitemap")  # sources served by the site itself
# Failures that mean nobody answered (Scrapy >= 2.17 wraps Twisted's in its own).
UNREACHABLE = (DownloadConnectionRefusedError, CannotResolveHostError, DownloadTimeoutError,
               ConnectError, DNSLookupError, TxTimeoutError)


class WordPressSpider(scrapy.Spider):
    """Finds and fetches the "3 questions à ..." interviews of one WordPress site."""

    name = "wordpress"

    def __init__(self, start_url: str | None = None, source: str = "auto", **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.start_url = start_url
        if source != "auto" and source not in SOURCES:
            raise ValueError(f"unknown source {source!r}: choose auto, {', '.join(SOURCES)}")
        self.pending_sources = list(SOURCES) if source == "auto" else [source]
        self.source = source
        self.failures: list[tuple[str, str, bool]] = []  # (source, reason, unreachable)
        self.discovery_failure: tuple[str, str] | None = None

    @classmethod
    def from_crawler(cls, crawler: Any, *args: Any, **kwargs: Any) -> WordPressSpider:
        spider = super().from_crawler(crawler, *args, **kwargs)
        spider.start_url = spider.start_url or crawler.settings.get("START_URL")
        spider.root = wp.site_root(spider.start_url)
        spider.allowed_domains = [wp.urlsplit(spider.root).hostname]
        spider.per_page = crawler.settings.getint("REST_PER_PAGE", 100)
        return spider

    async def start(self) -> AsyncIterator[scrapy.Request]:
        for request in self.next_source():
            yield request

    # --- discovery: one source after the other ---------------------------------------
    def next_source(self) -> Iterator[scrapy.Request]:
        """Yield the first request of the next source to try, or record that none answered."""
        if not self.pending_sources:
            self.give_up()
            return
        source = self.pending_sources.pop(0)
        if source == "rest":
            yield self.rest_request(1)
        elif source == "sitemap":
            yield self.sitemap_request(0)

    def give_up(self) -> None:
        """Record why discovery found nothing (site unreachable, or not WordPress)."""
        reasons = "; ".join(f"{source}: {reason}" for source, reason, _ in self.failures)
        if self.failures and all(unreachable for *_, unreachable in self.failures):
            self.discovery_failure = ("unreachable", f"site unreachable at {self.root}/ ({reasons})")
        else:
            self.discovery_failure = ("not-wordpress",
                                      f"no WordPress source answered at {self.root}/ ({reasons})")
        self.crawler.stats.set_value("ess/discovery_failure", self.discovery_failure[0])

    def fall_back(self, source: str, reason: str, unreachable: bool = False) -> Iterator[scrapy.Request]:
        """Note that ``source`` failed and go on with the next one."""
        self.logger.info("discovery via %s failed: %s", source, reason)
        self.failures.append((source, reason, unreachable))
        yield from self.next_source()

    def discovery_failed(self, failure: Failure) -> Iterator[scrapy.Request]:
        """Errback of the first request of a source."""
        request = failure.request  # type: ignore[attr-defined]
        source = request.meta["source"]
        unreachable = failure.check(*UNREACHABLE) is not None
        if unreachable:
            # Nobody answers at this host: other live sources would only time out too.
            self.pending_sources = [s for s in self.pending_sources if s not in LIVE_SOURCES]
        elif source == "sitemap":
            yield from self.next_sitemap(request.meta["candidate"], describe(failure))
            return
        yield from self.fall_back(source, describe(failure), unreachable)

    def next_sitemap(self, candidate: int, reason: str) -> Iterator[scrapy.Request]:
        """Try the next usual sitemap location, or the next source after the last one."""
        if candidate + 1 < len(wp.SITEMAP_PATHS):
            yield self.sitemap_request(candidate + 1)
        else:
            yield from self.fall_back("sitemap", reason)

    # --- REST API ----------------------------------------------------------------------
    def rest_request(self, page: int) -> scrapy.Request:
        """Return the request of one page of ``/wp-json/wp/v2/posts``."""
        return scrapy.Request(wp.rest_posts_url(self.root, page, self.per_page), callback=self.parse_rest,
                              errback=self.discovery_failed if page == 1 else self.fetch_failed,
                              meta={"source": "rest", "page": page})

    def parse_rest(self, response: Response) -> Iterator[Any]:
        """Route one page of REST posts: interviews to their HTML page, the rest to rejects."""
        page = wp.read_rest_page(response.body, wp.flat_headers(response.headers))
        if page is None:
            yield from self.fall_back("rest", f"{response.url} is not a WordPress post list")
            return
        yield self.capture(response, "rest", kind="rest-list")
        self.crawler.stats.inc_value("ess/discovered/rest", len(page.posts))
        for post in page.posts:
            if not wp.same_site(post["link"], self.root):
                continue
            if is_interview_title(wp.rest_title(post)):
                yield self.page_request(post["link"], "rest", wp.rest_context(post))
            else:
                yield Rejection(NotAnInterview("not-series", "title is not of the “3 questions à …” series",
                                               post["link"], wp.rest_title(post), post["id"]), "rest")
        if response.meta["page"] == 1:
            for n in range(2, page.total_pages + 1):
                yield self.rest_request(n)

    # --- XML sitemaps ------------------------------------------------------------------
    def sitemap_request(self, candidate: int) -> scrapy.Request:
        """Return the request of one of the usual sitemap locations."""
        return scrapy.Request(f"{self.root}/{wp.SITEMAP_PATHS[candidate]}", callback=self.parse_sitemap,
                              errback=self.discovery_failed,
                              meta={"source": "sitemap", "candidate": candidate})

    def parse_sitemap(self, response: Response) -> Iterator[Any]:
        """Route a sitemap: an index to its post sitemaps, a list to its pages."""
        doc = wp.read_sitemap(response.body)
        if doc is None:
            if "candidate" in response.meta:
                yield from self.next_sitemap(response.meta["candidate"], f"{response.url} is not an XML sitemap")
            return
        yield self.capture(response, "sitemap", kind="sitemap")
        for loc in doc.locations:
            if not wp.same_site(loc, self.root):
                continue
            if doc.is_index and wp.is_post_sitemap(loc):
                yield scrapy.Request(loc, callback=self.parse_sitemap, errback=self.fetch_failed,
                                     meta={"source": "sitemap"})
            elif not doc.is_index:
                self.crawler.stats.inc_value("ess/discovered/sitemap")
                yield self.page_request(loc, "sitemap")

    # --- article pages -----------------------------------------------------------------
    def page_request(self, url: str, source: str, rest_post: dict | None = None) -> scrapy.Request:
        """Return the request of an article page."""
        return scrapy.Request(url, callback=self.parse_page, errback=self.fetch_failed,
                              meta={"source": source, "rest_post": rest_post})

    def parse_page(self, response: Response) -> Iterator[PageCapture]:
        """Hand an article page to the pipelines."""
        context = {"rest_post": response.meta["rest_post"]} if response.meta.get("rest_post") else {}
        yield self.capture(response, response.meta["source"], context=context)

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
        """Return the raw capture of a response."""
        redirects = response.request.meta.get("redirect_urls") if response.request else None
        return PageCapture(url=response.url, status=response.status,
                           headers=wp.flat_headers(response.headers), body=response.body,
                           source=source, kind=kind, context=context or {},
                           requested_url=redirects[0] if redirects else response.url)


def describe(failure: Failure) -> str:
    """Return a one-line description of a failed request."""
    if failure.check(HttpError):
        response = failure.value.response
        return f"HTTP {response.status} at {response.url}"
    request = getattr(failure, "request", None)
    where = f" at {request.url}" if request is not None else ""
    message = str(failure.value).strip().splitlines()[0] if str(failure.value).strip() else ""
    return f"{type(failure.value).__name__}{where}" + (f": {message}" if message else "")
