"""Stage 1: read each article capture into an ``Interview`` (validated) or a
``NotAnInterview``, unless its bytes are those of the capture its archived record came
from. Discovery documents pass through untouched."""

from __future__ import annotations

import hashlib
from typing import Any

from crawler.capture import read_capture
from crawler.items import PageCapture
from crawler.outcomes import Stat
from crawler.parser import NotAnInterview
from db.state import ArchiveState


class ParsePipeline:
    """Attaches the record to each article capture."""

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
        if not isinstance(item, PageCapture) or item.kind != "page":
            return item
        if item.status == 200 and self.state is not None \
                and hashlib.sha256(item.body).hexdigest() in self.state.settled_sha256(item.url):
            item.unchanged = True
            self.stats.inc_value(Stat.UNCHANGED_BYTES)
            return item
        item.result = read_capture(item)
        item.encoding = item.result.encoding
        if isinstance(item.result, NotAnInterview):
            self.stats.inc_value(Stat.rejected(item.result.code))
        else:
            self.stats.inc_value(Stat.PARSED)
            if item.result.warnings:
                self.stats.inc_value(Stat.WITH_WARNINGS)
        return item
