"""Discovery through the WordPress REST API: ``/wp-json/wp/v2/posts``, 100 posts a page."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import scrapy
from scrapy.http import Response

from crawler.items import Seen
from crawler.parser import is_interview_title
from crawler.parser.metadata import rest_date
from spiders import discovery as wp


class RestDiscovery:
    """Lists every post with its title and ``modified`` date; fetches the HTML page of the
    interviews that are new or changed since they were archived."""

    def rest_start(self) -> Iterator[scrapy.Request]:
        yield self.rest_request(1)

    def rest_request(self, page: int) -> scrapy.Request:
        """Return the request of one page of ``/wp-json/wp/v2/posts``."""
        return scrapy.Request(wp.rest_posts_url(self.root, page, self.per_page), callback=self.parse_rest,
                              errback=self.discovery_failed if page == 1 else self.listing_failed,
                              meta={"source": "rest", "page": page})

    def parse_rest(self, response: Response) -> Iterator[Any]:
        """Route one page of REST posts: interviews to their HTML page, the rest to rejects."""
        page = wp.read_rest_page(response.body, wp.flat_headers(response.headers))
        if page is None:
            if response.meta["page"] == 1:
                yield from self.fall_back("rest", f"{response.url} is not a WordPress post list")
            else:
                self.listing_complete = False
            return
        self.source_answered("rest")
        yield self.capture(response, "rest", kind="rest-list")
        self.crawler.stats.inc_value("ess/discovered/rest", len(page.posts))
        for post in page.posts:
            if wp.same_site(post["link"], self.root):
                yield from self.route_rest_post(post)
        if response.meta["page"] == 1:
            self.crawler.stats.set_value("ess/site_total/rest", page.total)
            for n in range(2, page.total_pages + 1):
                yield self.rest_request(n)

    def route_rest_post(self, post: dict) -> Iterator[Any]:
        """Fetch an interview unless the archive has it at the same ``modified`` date."""
        self.site_ids.add(post["id"])
        self.site_urls.add(post["link"])
        title = wp.rest_title(post)
        if not is_interview_title(title):
            yield self.not_series("rest", post["link"], title, post["id"])
            return
        self.note_listed("rest", f"id:{post['id']}")
        known = self.state.interview_modified(post["id"])
        listed_modified = rest_date(post.get("modified"), post.get("modified_gmt"))
        if known and not known[1] and known[0] and known[0] == listed_modified:
            yield Seen(post["id"], "rest")
            return
        yield self.page_request(post["link"], "rest", wp.rest_context(post))
