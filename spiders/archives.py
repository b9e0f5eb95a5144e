"""Discovery through the archive pages: the home page and its ``/page/N/`` pagination."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import scrapy
from scrapy.http import Response

from spiders import discovery as wp
from spiders.listing import Source

MAX_ARCHIVE_PAGES = 1000  # a bound on pagination


class ArchiveDiscovery(Source):
    """Lists posts with their titles from the listing pages a theme prints. A theme with a
    "load more" button instead of ``/page/2/`` lists only its first page: that listing
    never marks an interview gone (archive pages carry no totals)."""

    def archive_start(self) -> Iterator[scrapy.Request]:
        yield scrapy.Request(f"{self.root}/", callback=self.parse_archive, errback=self.discovery_failed,
                             meta={"source": "archive"}, cb_kwargs={"page": 1}, dont_filter=True)

    def parse_archive(self, response: Response, page: int) -> Iterator[Any]:
        """Route the posts of a listing page, then follow its next page."""
        listing = wp.read_archive(response.body, response.url, self.root)
        if listing is None or (page == 1 and not listing.posts):
            yield from self.fall_back("archive", f"{response.url} lists no posts")
            return
        self.source_answered("archive")
        yield self.capture(response, "archive", kind="archive")
        before = len(self.listing.site_urls)
        for url, title in listing.posts:
            self.listing.site_urls.add(url)
            yield from self.route_titled("archive", url, title)
        if len(self.listing.site_urls) == before:
            self.listing.failed(f"archive page {page} repeats posts already listed")
        elif listing.next_url and page < MAX_ARCHIVE_PAGES:
            yield scrapy.Request(listing.next_url, callback=self.parse_archive, errback=self.listing_failed,
                                 meta={"source": "archive"}, cb_kwargs={"page": page + 1})
        elif listing.next_url:
            self.listing.failed(f"the archive pages go on past {MAX_ARCHIVE_PAGES}")
