"""Stage 1: turn a page capture into an ``Interview`` or a ``NotAnInterview``."""

from __future__ import annotations

import hashlib
from typing import Any

from crawler.items import PageCapture
from crawler.parser import NotAnInterview, parse_capture
from db.state import ArchiveState


class ParsePipeline:
    """Parses every article page whose bytes changed since the archived capture; discovery
    documents pass through untouched."""

    def __init__(self, stats: Any, archive_path: str) -> None:
        self.stats = stats
        self.archive_path = archive_path
        self.state: ArchiveState | None = None

    @classmethod
    def from_crawler(cls, crawler: Any) -> ParsePipeline:
        return cls(crawler.stats, crawler.settings.get("ARCHIVE_DB"))

    def open_spider(self) -> None:
        self.state = ArchiveState(self.archive_path)

    def close_spider(self) -> None:
        if self.state is not None:
            self.state.close()

    def process_item(self, item: Any) -> Any:
        if isinstance(item, PageCapture) and item.kind == "page" and item.status == 200 \
                and self.state is not None \
                and self.state.latest_sha256(item.url) == hashlib.sha256(item.body).hexdigest():
            item.unchanged = True
            self.stats.inc_value("ess/unchanged_bytes")
        elif isinstance(item, PageCapture) and item.kind == "page":
            item.result = parse_capture(item.url, item.status, item.headers, item.body, item.context)
            item.encoding = item.result.encoding
            if isinstance(item.result, NotAnInterview):
                self.stats.inc_value(f"ess/rejected/{item.result.code}")
            else:
                self.stats.inc_value("ess/parsed")
        return item
