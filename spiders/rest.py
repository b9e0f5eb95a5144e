"""Discovery through the WordPress REST API: ``/wp-json/wp/v2/posts``, 100 posts a page."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import scrapy
from scrapy.http import Response

from crawler.items import Seen
from crawler.outcomes import Stat
from crawler.parser import is_interview_title, rest_title, split_title
from crawler.parser.metadata import rest_date
from spiders import discovery as wp
from spiders.listing import Source
from spiders.sitemaps import lastmod_before

# A bound on pagination: 2,000 pages of 100 posts. A site claiming more is read that far and
# the run says the listing was cut.
MAX_REST_PAGES = 2000


class RestDiscovery(Source):
    """Lists every post with its title and ``modified`` date; fetches the HTML page of the
    interviews that are new or changed since they were archived."""

    def rest_start(self) -> Iterator[scrapy.Request]:
        yield self.rest_request(1)

    def rest_request(self, page: int) -> scrapy.Request:
        """Return the request of one page of ``/wp-json/wp/v2/posts``."""
        return scrapy.Request(wp.rest_posts_url(self.root, page, self.per_page), callback=self.parse_rest,
                              errback=self.discovery_failed if page == 1 else self.listing_failed,
                              cb_kwargs={"page": page}, meta={"source": "rest",
                                                              "handle_httpstatus_list": [] if page == 1 else [400]})

    def parse_rest(self, response: Response, page: int) -> Iterator[Any]:
        """Route one page of REST posts: interviews to their HTML page, the rest to rejects."""
        listing = wp.read_rest_page(response.body, wp.flat_headers(response.headers)) \
            if response.status == 200 else None
        if listing is None:
            if page == 1:
                yield from self.fall_back("rest", f"{response.url} is not a WordPress post list")
            elif response.status != 400 or self.listing.rest_total is not None:
                self.listing.failed(f"REST page {page} is not a post list")
            return  # without totals, WordPress's 400 past the last page ends the listing
        self.source_answered("rest")
        yield self.capture(response, "rest", kind="rest-list")
        self.crawler.stats.inc_value(Stat.discovered("rest"), len(listing.posts))
        known = len(self.listing.site_ids)
        self.learn_host([post["link"] for post in listing.posts])
        for post in listing.posts:
            yield from self.route_rest_post(post)
        if listing.posts and len(self.listing.site_ids) == known:
            self.listing.failed(f"REST page {page} repeats posts already listed")
            return
        if page == 1:
            yield from self.rest_pages(listing)
        elif listing.total is None and len(listing.posts) >= self.per_page and page < MAX_REST_PAGES:
            yield self.rest_request(page + 1)  # no totals: page on until a short page

    def rest_pages(self, first: wp.RestPage) -> Iterator[scrapy.Request]:
        """Ask for the other pages: all of them when the API gives its totals, else one at
        a time (a proxy stripped ``X-WP-Total``: nothing can be proven gone)."""
        self.crawler.stats.set_value(Stat.SITE_TOTAL_REST, first.total)
        self.listing.rest_total = first.total
        if first.total is None or first.total_pages is None:
            self.listing.cannot_prove("the REST API sent no X-WP-Total / X-WP-TotalPages")
            if len(first.posts) >= self.per_page:
                yield self.rest_request(2)
            return
        pages = first.total_pages
        expected = -(-first.total // self.per_page) if first.posts else 1
        if pages > max(expected, 1):
            # X-WP-TotalPages says more than X-WP-Total can fill: the totals contradict
            # each other; read what the count of posts needs and say so.
            self.listing.failed(f"the REST API claims {pages} pages for {first.total} posts; read {expected}")
            pages = expected
        if pages > MAX_REST_PAGES:
            self.listing.failed(f"the REST API claims {pages} pages; read the first {MAX_REST_PAGES}")
            self.crawler.stats.set_value(Stat.LISTING_LIMIT, "rest pages")
        for n in range(2, min(pages, MAX_REST_PAGES) + 1):
            yield self.rest_request(n)

    def route_rest_post(self, post: dict) -> Iterator[Any]:
        """Fetch an interview unless the archive has it at the same ``modified`` date."""
        url = self.on_site(post["link"])
        if url is None:
            return
        self.listing.site_ids.add(post["id"])
        self.listing.site_urls.add(post["link"])
        title = rest_title(post) or ""
        if not is_interview_title(title):
            yield self.not_series("rest", post["link"], title, post["id"])
            return
        listed_modified = rest_date(post.get("modified"), post.get("modified_gmt"))
        known = self.state.interview_modified(post["id"])
        if known is None and split_title(title) is None:
            # "Interview de …", not archived: its article, read since it last changed, said it is not of the series.
            fetched = self.state.last_fetched(url)
            if fetched and listed_modified and lastmod_before(listed_modified, fetched):
                self.crawler.stats.inc_value(Stat.SKIPPED_LASTMOD)
                return
        self.note_listed("rest", f"id:{post['id']}")
        if known and not known[1] and known[0] and known[0] == listed_modified:
            yield Seen(post["id"], "rest")
            return
        yield self.page_request(url, "rest", wp.rest_context(post))
