"""Discovery through the RSS feed: ``/feed/``, paged with ``?paged=N`` until it ends."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import scrapy
from scrapy.http import Response

from spiders import discovery as wp
from spiders.listing import Source

MAX_FEED_PAGES = 1000   # a bound: 10 posts a page, 10,000 posts
MAX_FEED_ITEMS = 2000   # a bound on the items read from one feed document


class FeedDiscovery(Source):
    """Lists posts with their titles, ten a page; fetches the interviews."""

    def feed_start(self) -> Iterator[scrapy.Request]:
        yield self.feed_request(1)

    def feed_request(self, page: int) -> scrapy.Request:
        """Return the request of one page of the feed."""
        url = f"{self.root}/feed/" + (f"?paged={page}" if page > 1 else "")
        return scrapy.Request(url, callback=self.parse_feed, cb_kwargs={"page": page},
                              meta={"source": "feed", "handle_httpstatus_list": [404] if page > 1 else []},
                              errback=self.discovery_failed if page == 1 else self.listing_failed)

    def parse_feed(self, response: Response, page: int) -> Iterator[Any]:
        """Route a feed page's items, then ask for the next page."""
        items = wp.read_feed(response.body) if response.status == 200 else []
        if items is None or (page == 1 and not items):
            yield from self.fall_back("feed", f"{response.url} is not an RSS feed with items")
            return
        if not items:  # past the last page: WordPress answers 404
            return
        self.source_answered("feed")
        yield self.capture(response, "feed", kind="feed")
        if len(items) > MAX_FEED_ITEMS:
            self.listing.failed(f"{response.url} has {len(items)} items; read the first {MAX_FEED_ITEMS}")
            items = items[:MAX_FEED_ITEMS]
        self.learn_host([item.link for item in items])
        before = len(self.listing.site_urls)
        for item in items:
            if self.on_site(item.link) is None:
                continue
            self.listing.site_urls.add(item.link)
            yield from self.route_titled("feed", item.link, item.title, item.post_id)
        if len(self.listing.site_urls) == before:
            self.listing.failed(f"feed page {page} repeats items already listed")
        elif page < MAX_FEED_PAGES:
            yield self.feed_request(page + 1)
        else:
            self.listing.failed(f"the feed goes on past {MAX_FEED_PAGES} pages")
