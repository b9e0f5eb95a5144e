"""Stage 1: turn a page capture into an ``Interview`` or a ``NotAnInterview``."""

from __future__ import annotations

from typing import Any

from crawler.items import PageCapture
from crawler.parser import NotAnInterview, parse_capture


class ParsePipeline:
    """Parses every article page; discovery documents pass through untouched."""

    def __init__(self, stats: Any) -> None:
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler: Any) -> ParsePipeline:
        return cls(crawler.stats)

    def process_item(self, item: Any) -> Any:
        if isinstance(item, PageCapture) and item.kind == "page":
            item.result = parse_capture(item.url, item.status, item.headers, item.body, item.context)
            item.encoding = item.result.encoding
            if isinstance(item.result, NotAnInterview):
                self.stats.inc_value(f"ess/rejected/{item.result.code}")
            else:
                self.stats.inc_value("ess/parsed")
        return item
