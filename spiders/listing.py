"""What discovery saw in one run, and what each source mixin needs from the spider.

A listing proves that an archived interview is gone only when it is complete by its own
evidence: the REST API's totals present and matched with every page read, or every post
sitemap read whole. Feeds, archive pages and the Wayback Machine give no totals: they never
mark anything gone. A listing that failed part-way makes the run partial."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, Protocol

import scrapy
from scrapy.http import Response
from twisted.python.failure import Failure

from crawler.items import Rejection
from db.state import ArchiveState

# Sources whose listing can be complete by its own evidence.
PROVING_SOURCES = ("rest", "sitemap")


@dataclass
class Listing:
    """The posts the site listed in this run, and whether that listing is whole."""

    listed: dict[str, set[str]] = field(default_factory=dict)  # source -> "id:N" or URLs
    site_ids: set[int] = field(default_factory=set)            # every post id listed (REST)
    site_urls: set[str] = field(default_factory=set)           # every post URL listed
    failures: list[str] = field(default_factory=list)          # parts that failed: a partial run
    unproven: list[str] = field(default_factory=list)          # why nothing can be marked gone
    rest_total: int | None = None                              # X-WP-Total, when sent
    left_for_later: int = 0                                    # posts not read yet (SITEMAP_FIRST_READS)

    def failed(self, reason: str) -> None:
        """Note that part of the listing could not be read."""
        if reason not in self.failures:
            self.failures.append(reason)

    def cannot_prove(self, reason: str) -> None:
        """Note why this listing cannot show an interview is gone."""
        if reason not in self.unproven:
            self.unproven.append(reason)

    def proof(self, source: str | None) -> list[str]:
        """Return why the listing of ``source`` does not prove what is gone ([] if it does)."""
        reasons = list(self.failures) + list(self.unproven)
        if source not in PROVING_SOURCES:
            reasons.append(f"the {source or 'no'} listing gives no totals")
        if source == "rest" and self.rest_total is not None and len(self.site_ids) != self.rest_total:
            reasons.append(f"the REST API counts {self.rest_total} posts but listed {len(self.site_ids)}")
        return reasons


class Source(Protocol):
    """What the source mixins (``rest.py``, ``sitemaps.py``, ``feeds.py``, ``archives.py``,
    ``wayback.py``) use of the spider they are mixed into."""

    crawler: Any
    logger: Any
    root: str
    state: ArchiveState
    listing: Listing
    per_page: int
    slug_filter: bool
    first_reads: int
    wayback_base: str

    def capture(self, response: Response, source: str, kind: str = "page",
                context: dict | None = None) -> Any: ...

    def page_request(self, url: str, source: str, rest_post: dict | None = None,
                     original: str | None = None, chain: tuple[str, ...] = ()) -> scrapy.Request: ...

    def source_answered(self, source: str) -> None: ...

    def fall_back(self, source: str, reason: str, unreachable: bool = False) -> Iterator[scrapy.Request]: ...

    def discovery_failed(self, failure: Failure) -> Iterator[scrapy.Request]: ...

    def listing_failed(self, failure: Failure) -> Iterator[Any]: ...

    def fetch_failed(self, failure: Failure) -> Iterator[Any]: ...

    def note_listed(self, source: str, key: str) -> None: ...

    def on_site(self, url: str) -> str | None: ...

    def learn_host(self, urls: list[str]) -> None: ...

    def route_titled(self, source: str, url: str, title: str, post_id: int | None = None) -> Iterator[Any]: ...

    def not_series(self, source: str, url: str, title: str, post_id: int | None = None) -> Rejection: ...

    def wayback_lookup(self, page_url: str) -> scrapy.Request | None: ...
