"""Discovery through XML sitemaps: ``robots.txt`` ``Sitemap:`` lines (relative ones too),
then the usual places (``/wp-sitemap.xml`` of WordPress core, ``/sitemap_index.xml`` of
Yoast, ``/sitemap.xml``); gzipped sitemaps are read as well."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timezone
from typing import Any

import scrapy
from scrapy.http import Response

from crawler.outcomes import Stat
from spiders import discovery as wp
from spiders.errors import is_unreachable
from spiders.listing import Source

MAX_SITEMAP_DEPTH = 3         # index -> index -> list: deeper chains are cut (and said so)
MAX_SITEMAP_URLS = 200_000    # a bound on the pages one run lists from sitemaps
MAX_SITEMAP_BYTES = 50 * 1024 * 1024  # the sitemap protocol's limit, uncompressed


class SitemapDiscovery(Source):
    """Lists post URLs and fetches them, except those unchanged since the last fetch by
    their ``lastmod``; with ``SITEMAP_SLUG_FILTER`` a post whose slug is not of the series
    is fetched once (its title then says whether it is an interview) and skipped after that
    unless its ``lastmod`` moves."""

    def sitemap_start(self) -> Iterator[scrapy.Request]:
        yield scrapy.Request(f"{self.root}/robots.txt", callback=self.parse_robots,
                             errback=self.robots_failed, meta={"source": "sitemap"}, dont_filter=True)

    def parse_robots(self, response: Response) -> Iterator[scrapy.Request]:
        """Follow the ``Sitemap:`` lines of robots.txt, else the usual locations."""
        declared = [u for u in wp.robots_sitemaps(response.body, response.url) if wp.same_site(u, self.root)]
        candidates = declared + [f"{self.root}/{path}" for path in wp.SITEMAP_PATHS if
                                 f"{self.root}/{path}" not in declared]
        yield self.sitemap_request(candidates)

    def robots_failed(self, failure: Any) -> Iterator[scrapy.Request]:
        """No robots.txt: try the usual locations (or give up if the host does not answer)."""
        if is_unreachable(failure):
            yield from self.discovery_failed(failure)
            return
        yield self.sitemap_request([f"{self.root}/{path}" for path in wp.SITEMAP_PATHS])

    def sitemap_request(self, candidates: list[str]) -> scrapy.Request:
        """Return the request of the first candidate sitemap; the others wait their turn."""
        return scrapy.Request(self.on_site(candidates[0]) or candidates[0], callback=self.parse_sitemap,
                              errback=self.sitemap_failed, meta={"source": "sitemap"},
                              cb_kwargs={"candidates": candidates[1:], "depth": 0})

    def sitemap_failed(self, failure: Any) -> Iterator[scrapy.Request]:
        """Try the next candidate sitemap, then the next source."""
        candidates = failure.request.cb_kwargs["candidates"]
        if is_unreachable(failure) or not candidates:
            yield from self.discovery_failed(failure)
            return
        yield self.sitemap_request(candidates)

    def parse_sitemap(self, response: Response, depth: int, candidates: list[str] | None = None) -> Iterator[Any]:
        """Route a sitemap: an index to its post sitemaps, a list to its pages."""
        body = wp.sitemap_body(response.body, MAX_SITEMAP_BYTES)
        doc = wp.read_sitemap(body) if body is not None else None
        if doc is None:
            if depth == 0 and candidates:
                yield self.sitemap_request(candidates)
            elif depth == 0:
                yield from self.fall_back("sitemap", f"{response.url} is not an XML sitemap")
            else:
                self.listing.failed(f"{response.url} is not an XML sitemap")
            return
        self.source_answered("sitemap")
        if doc.malformed:
            self.listing.failed(f"{response.url} is malformed XML")
            self.crawler.stats.inc_value(Stat.MALFORMED_SITEMAPS)
        yield self.capture(response, "sitemap", kind="sitemap")
        self.learn_host(doc.locations)
        for loc, lastmod in doc.entries:
            url = self.on_site(loc)
            if url is None:
                continue
            if doc.is_index and wp.is_post_sitemap(loc):
                if depth + 1 >= MAX_SITEMAP_DEPTH:
                    self.listing.failed(f"sitemap indexes nested deeper than {MAX_SITEMAP_DEPTH} at {loc}")
                    continue
                yield scrapy.Request(url, callback=self.parse_sitemap, errback=self.listing_failed,
                                     meta={"source": "sitemap"}, cb_kwargs={"depth": depth + 1})
            elif not doc.is_index:
                yield from self.route_sitemap_url(loc, url, lastmod)

    def route_sitemap_url(self, loc: str, url: str, lastmod: str | None) -> Iterator[scrapy.Request]:
        """Fetch a listed page if it may be an interview and may have changed."""
        if len(self.listing.site_urls) >= MAX_SITEMAP_URLS:
            self.listing.failed(f"the sitemaps list more than {MAX_SITEMAP_URLS} pages")
            return
        self.listing.site_urls.add(loc)
        self.crawler.stats.inc_value(Stat.discovered("sitemap"))
        fetched = self.state.last_fetched(url)
        if lastmod and fetched and lastmod_before(lastmod, fetched):
            self.crawler.stats.inc_value(Stat.SKIPPED_LASTMOD)
            return
        if self.slug_filter and not wp.may_be_interview_url(loc):
            if fetched or self.first_reads <= 0:  # read once already (not of the series), or later
                self.crawler.stats.inc_value(Stat.SKIPPED_SLUG)
                if not fetched:
                    self.listing.left_for_later += 1
                return
            self.first_reads -= 1
        else:
            self.note_listed("sitemap", loc)
        yield self.page_request(url, "sitemap")


def lastmod_before(lastmod: str, fetched: str) -> bool:
    """Return whether a sitemap ``lastmod`` is older than the last fetch (both ISO 8601)."""
    try:
        changed = datetime.fromisoformat(lastmod.replace("Z", "+00:00"))
        seen = datetime.fromisoformat(fetched.replace("Z", "+00:00"))
    except ValueError:
        return False
    changed = changed if changed.tzinfo else changed.replace(tzinfo=timezone.utc)
    seen = seen if seen.tzinfo else seen.replace(tzinfo=timezone.utc)
    return changed < seen
