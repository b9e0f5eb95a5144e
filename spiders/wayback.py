"""Discovery and fetching through the Wayback Machine, for a site that is gone or a page that
disappeared: the CDX API lists the captures, the ``id_`` form gives their original bytes.
The base URL is the ``WAYBACK_BASE_URL`` setting, so a local stand-in can take its place.

Only the site's own URLs are asked for and kept, only from the Wayback host; the public
Wayback Machine is never asked about hosts it cannot hold (loopback, private ranges)."""

from __future__ import annotations

import ipaddress
from collections.abc import Iterator
from datetime import timedelta
from typing import Any
from urllib.parse import urlsplit

import scrapy
from scrapy.http import Response

from crawler.outcomes import Stat
from spiders import discovery as wp
from spiders.listing import Source

CDX_CACHE_AGE = timedelta(hours=20)  # one CDX answer a day is enough for a daily cron


def is_private_host(host: str | None) -> bool:
    """Return whether a host is one no public archive can have captured."""
    host = (host or "").strip("[]").lower()
    if host == "localhost" or host.endswith((".localhost", ".local", ".internal")) or "." not in host and ":" not in host:
        return True
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    return address.is_private or address.is_loopback or address.is_link_local or address.is_reserved


def wayback_can_hold(wayback_base: str, site_url: str) -> bool:
    """Return whether the Wayback service at ``wayback_base`` can hold captures of
    ``site_url``: a public one holds public hosts only; a local stand-in holds anything."""
    return is_private_host(urlsplit(wayback_base).hostname) or not is_private_host(urlsplit(site_url).hostname)


class WaybackDiscovery(Source):
    """Lists the site's captured post URLs and fetches the newest capture of each."""

    def wayback_start(self) -> Iterator[scrapy.Request]:
        if not wayback_can_hold(self.wayback_base, self.root):
            yield from self.fall_back("wayback", f"the Wayback Machine cannot hold {self.root}/ (a private host)")
            return
        parts = urlsplit(self.root)
        url = wp.cdx_query_url(self.wayback_base, f"{parts.netloc}{parts.path}")
        cached = self.state.cached_body(url, CDX_CACHE_AGE)
        if cached is not None:  # answered recently: spare the Wayback Machine
            self.crawler.stats.inc_value(Stat.CDX_CACHED)
            yield from self.route_cdx(url, cached, site=True)
            return
        yield scrapy.Request(url, callback=self.parse_cdx, errback=self.discovery_failed,
                             meta={"source": "wayback"}, cb_kwargs={"site": True})

    def wayback_lookup(self, page_url: str) -> scrapy.Request | None:
        """Return the CDX request for the newest capture of one page (it answered 404/410),
        or None when the Wayback Machine cannot hold it."""
        if not wayback_can_hold(self.wayback_base, page_url):
            return None
        url = wp.cdx_query_url(self.wayback_base, page_url, exact=True)
        return scrapy.Request(url, callback=self.parse_cdx, errback=self.fetch_failed,
                              meta={"source": "wayback"}, cb_kwargs={"site": False})

    def parse_cdx(self, response: Response, site: bool) -> Iterator[Any]:
        """Route a CDX answer."""
        yield from self.route_cdx(response.url, response.body, site=site, response=response)

    def route_cdx(self, url: str, body: bytes, site: bool, response: Response | None = None) -> Iterator[Any]:
        """Fetch the newest capture of every listed page of the site that may be an interview."""
        captures = wp.read_cdx(body)
        if captures is None:
            if site:
                yield from self.fall_back("wayback", f"{url} is not a CDX answer")
            return
        if site and not captures:
            yield from self.fall_back("wayback", f"the Wayback Machine has no capture of {self.root}/")
            return
        if site:
            self.source_answered("wayback")  # never used to mark interviews gone (spiders/listing.py)
        if response is not None:
            yield self.capture(response, "wayback", kind="cdx")
        for capture in wp.latest_captures(captures).values():
            original = capture.original
            if not wp.same_site(original, self.root) or not wp.is_post_url(original):
                continue
            raw = wp.wayback_raw_url(self.wayback_base, capture)
            if not wp.may_be_interview_url(original) and self.slug_filter:
                if self.state.last_fetched(raw):
                    continue  # this copy was read once: not of the series
                if self.first_reads <= 0:
                    self.listing.left_for_later += 1
                    continue
                self.first_reads -= 1
            elif wp.may_be_interview_url(original):
                self.note_listed("wayback", original)
            yield self.page_request(raw, "wayback", original=original)
