"""Discovery through the archive pages: the home page and its ``/page/N/`` pagination."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import scrapy
from scrapy.http import Response

from spiders import discovery as wp

MAX_ARCHIVE_PAGES = 1000  # a bound on pagination


class ArchiveDiscovery:
    """Lists posts with their titles from the listing pages a theme prints."""

    def archive_start(self) -> Iterator[scrapy.Request]:
        yield scrapy.Request(f"{self.root}/", callback=self.parse_archive, errback=self.discovery_failed,
                             meta={"source": "archive", "page": 1}, dont_filter=True)

    def parse_archive(self, response: Response) -> Iterator[Any]:
        """Route the posts of a listing page, then follow its next page."""
        page = wp.read_archive(response.body, response.url, self.root)
        if page is None or (response.meta["page"] == 1 and not page.posts):
            yield from self.fall_back("archive", f"{response.url} lists no posts")
            return
        self.source_answered("archive")
        yield self.capture(response, "archive", kind="archive")
        for url, title in page.posts:
            self.site_urls.add(url)
            yield from self.route_titled("archive", url, title)
        if page.next_url and response.meta["page"] < MAX_ARCHIVE_PAGES:
            yield scrapy.Request(page.next_url, callback=self.parse_archive, errback=self.listing_failed,
                                 meta={"source": "archive", "page": response.meta["page"] + 1})
