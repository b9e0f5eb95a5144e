"""A bare Scrapy crawl of a list of URLs (no parsing, no storage), to compare with the
archiver on the same requests: ``scrapy runspider bench/bare_spider.py -a urls=FILE -a out=FILE``."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from collections.abc import AsyncIterator
from typing import Any

import scrapy


class BareSpider(scrapy.Spider):
    """Fetches the URLs of a file, one per line, and does nothing with them."""

    name = "bare"

    def __init__(self, urls: str, out: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.urls_file, self.out = urls, out

    async def start(self) -> AsyncIterator[scrapy.Request]:
        with open(self.urls_file, encoding="utf-8") as handle:
            for line in handle:
                if line.strip():
                    yield scrapy.Request(line.strip(), callback=self.parse, dont_filter=True)

    def parse(self, response: scrapy.http.Response) -> None:
        """Drop the response."""

    def closed(self, reason: str) -> None:
        stats = self.crawler.stats.get_stats()
        elapsed = (datetime.now(timezone.utc) - stats["start_time"]).total_seconds()
        with open(self.out, "w", encoding="utf-8") as handle:
            json.dump({"elapsed": elapsed,
                       "requests": stats.get("downloader/request_count")}, handle)
