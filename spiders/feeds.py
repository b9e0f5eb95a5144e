"""Discovery through the RSS feed: ``/feed/``, paged with ``?paged=N`` until it ends."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import scrapy
from scrapy.http import Response

from spiders import discovery as wp

MAX_FEED_PAGES = 1000  # a bound: 10 posts a page, 10,000 posts


class FeedDiscovery:
    """Lists posts with their titles, ten a page; fetches the interviews."""

    def feed_start(self) -> Iterator[scrapy.Request]:
        yield self.feed_request(1)

    def feed_request(self, page: int) -> scrapy.Request:
        """Return the request of one page of the feed."""
        url = f"{self.root}/feed/" + (f"?paged={page}" if page > 1 else "")
        return scrapy.Request(url, callback=self.parse_feed, meta={"source": "feed", "page": page,
                                                                  "handle_httpstatus_list": [404] if page > 1 else []},
                              errback=self.discovery_failed if page == 1 else self.listing_failed)

    def parse_feed(self, response: Response) -> Iterator[Any]:
        """Route a feed page's items, then ask for the next page."""
        items = wp.read_feed(response.body) if response.status == 200 else []
        if items is None or (response.meta["page"] == 1 and not items):
            yield from self.fall_back("feed", f"{response.url} is not an RSS feed with items")
            return
        if not items:  # past the last page: WordPress answers 404
            return
        self.source_answered("feed")
        yield self.capture(response, "feed", kind="feed")
        for item in items:
            if not wp.same_site(item.link, self.root):
                continue
            self.site_urls.add(item.link)
            yield from self.route_titled("feed", item.link, item.title, item.post_id)
        if response.meta["page"] < MAX_FEED_PAGES:
            yield self.feed_request(response.meta["page"] + 1)
