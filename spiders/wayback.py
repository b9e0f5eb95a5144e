"""Discovery and fetching through the Wayback Machine, for a site that is gone or a page that
disappeared: the CDX API lists the captures, the ``id_`` form gives their original bytes.
The base URL is the ``WAYBACK_BASE_URL`` setting, so a local stand-in can take its place."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from typing import Any
from urllib.parse import urlsplit

import scrapy
from scrapy.http import Response

from spiders import discovery as wp

CDX_CACHE_AGE = timedelta(hours=20)  # one CDX answer a day is enough for a daily cron


class WaybackDiscovery:
    """Lists the site's captured post URLs and fetches the newest capture of each."""

    def wayback_start(self) -> Iterator[scrapy.Request]:
        parts = urlsplit(self.root)
        url = wp.cdx_query_url(self.wayback_base, f"{parts.netloc}{parts.path}")
        cached = self.state.cached_body(url, CDX_CACHE_AGE)
        if cached is not None:  # answered recently: spare the Wayback Machine
            self.crawler.stats.inc_value("ess/wayback/cdx_cached")
            yield from self.route_cdx(url, cached, site=True)
            return
        yield scrapy.Request(url, callback=self.parse_cdx, errback=self.discovery_failed,
                             meta={"source": "wayback", "site": True})

    def wayback_lookup(self, page_url: str) -> scrapy.Request:
        """Return the CDX request for the newest capture of one page (it answered 404/410)."""
        url = wp.cdx_query_url(self.wayback_base, page_url, exact=True)
        return scrapy.Request(url, callback=self.parse_cdx, errback=self.fetch_failed,
                              meta={"source": "wayback", "site": False})

    def parse_cdx(self, response: Response) -> Iterator[Any]:
        """Route a CDX answer."""
        yield from self.route_cdx(response.url, response.body, site=response.meta["site"], response=response)

    def route_cdx(self, url: str, body: bytes, site: bool, response: Response | None = None) -> Iterator[Any]:
        """Fetch the newest capture of every listed page that may be an interview."""
        captures = wp.read_cdx(body)
        if captures is None:
            if site:
                yield from self.fall_back("wayback", f"{url} is not a CDX answer")
            return
        if site and not captures:
            yield from self.fall_back("wayback", f"the Wayback Machine has no capture of {self.root}/")
            return
        if site:
            self.source_answered("wayback")  # never used to mark interviews gone (db/completeness.py)
        if response is not None:
            yield self.capture(response, "wayback", kind="cdx")
        for capture in wp.latest_captures(captures).values():
            if not wp.is_post_url(capture.original) or (self.slug_filter and not wp.may_be_interview_url(capture.original)):
                continue
            self.note_listed("wayback", capture.original)
            yield self.page_request(wp.wayback_raw_url(self.wayback_base, capture), "wayback",
                                    original=capture.original)
