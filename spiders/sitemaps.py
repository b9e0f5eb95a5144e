"""Discovery through XML sitemaps: ``robots.txt`` ``Sitemap:`` lines, then the usual places
(``/wp-sitemap.xml`` of WordPress core, ``/sitemap_index.xml`` of Yoast, ``/sitemap.xml``)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timezone
from typing import Any

import scrapy
from scrapy.http import Response

from spiders import discovery as wp
from spiders.errors import is_unreachable


class SitemapDiscovery:
    """Lists post URLs; fetches those whose slug is of the series (``SITEMAP_SLUG_FILTER``)
    and, when the sitemap gives ``lastmod``, only those changed since the last fetch."""

    def sitemap_start(self) -> Iterator[scrapy.Request]:
        yield scrapy.Request(f"{self.root}/robots.txt", callback=self.parse_robots,
                             errback=self.robots_failed, meta={"source": "sitemap"}, dont_filter=True)

    def parse_robots(self, response: Response) -> Iterator[scrapy.Request]:
        """Follow the ``Sitemap:`` lines of robots.txt, else the usual locations."""
        declared = [u for u in wp.robots_sitemaps(response.body) if wp.same_site(u, self.root)]
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
        return scrapy.Request(candidates[0], callback=self.parse_sitemap, errback=self.sitemap_failed,
                              meta={"source": "sitemap", "candidates": candidates[1:], "top": True})

    def sitemap_failed(self, failure: Any) -> Iterator[scrapy.Request]:
        """Try the next candidate sitemap, then the next source."""
        request = failure.request
        if is_unreachable(failure) or not request.meta["candidates"]:
            yield from self.discovery_failed(failure)
            return
        yield self.sitemap_request(request.meta["candidates"])

    def parse_sitemap(self, response: Response) -> Iterator[Any]:
        """Route a sitemap: an index to its post sitemaps, a list to its pages."""
        doc = wp.read_sitemap(response.body)
        if doc is None:
            if response.meta.get("top") and response.meta["candidates"]:
                yield self.sitemap_request(response.meta["candidates"])
            elif response.meta.get("top"):
                yield from self.fall_back("sitemap", f"{response.url} is not an XML sitemap")
            else:
                self.listing_complete = False
            return
        self.source_answered("sitemap")
        if doc.malformed:
            self.listing_complete = False
            self.crawler.stats.inc_value("ess/malformed_sitemaps")
        yield self.capture(response, "sitemap", kind="sitemap")
        for loc, lastmod in doc.entries:
            if not wp.same_site(loc, self.root):
                continue
            if doc.is_index and wp.is_post_sitemap(loc):
                yield scrapy.Request(loc, callback=self.parse_sitemap, errback=self.listing_failed,
                                     meta={"source": "sitemap"})
            elif not doc.is_index:
                yield from self.route_sitemap_url(loc, lastmod)

    def route_sitemap_url(self, url: str, lastmod: str | None) -> Iterator[scrapy.Request]:
        """Fetch a listed page if it may be an interview and may have changed."""
        self.site_urls.add(url)
        self.crawler.stats.inc_value("ess/discovered/sitemap")
        if self.slug_filter and not wp.may_be_interview_url(url):
            self.crawler.stats.inc_value("ess/skipped/slug")
            return
        self.note_listed("sitemap", url)
        fetched = self.state.last_fetched(url)
        if lastmod and fetched and lastmod_before(lastmod, fetched):
            self.crawler.stats.inc_value("ess/skipped/lastmod")
            return
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
