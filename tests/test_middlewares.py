"""The downloader middlewares: the loopback guard and Retry-After."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Request
from scrapy.settings import Settings
from scrapy.statscollectors import MemoryStatsCollector

from spiders.middlewares import LoopbackOnlyMiddleware, is_loopback, retry_after_seconds


@pytest.mark.parametrize("url, expected", [
    ("http://127.0.0.1:8765/", True), ("http://127.8.9.10/x", True), ("http://localhost/", True),
    ("http://[::1]:80/", True), ("https://ess2024.org/", False), ("https://web.archive.org/cdx", False),
    ("http://10.0.0.1/", False), ("http://192.168.1.1/", False),
])
def test_is_loopback(url, expected):
    assert is_loopback(url) is expected


class FakeCrawler:
    def __init__(self):
        self.settings = Settings()
        self.stats = MemoryStatsCollector(self)
        self.spider = None


def test_the_guard_drops_requests_beyond_this_machine_before_sending():
    crawler = FakeCrawler()
    guard = LoopbackOnlyMiddleware(True, crawler.stats)
    with pytest.raises(IgnoreRequest, match="LOOPBACK_ONLY"):
        guard.process_request(Request("https://web.archive.org/cdx/search/cdx?url=x"))
    assert guard.process_request(Request("http://127.0.0.1:9/")) is None
    assert crawler.stats.get_value("ess/blocked_not_loopback") == 1


def test_the_guard_is_off_by_default():
    assert LoopbackOnlyMiddleware(False, FakeCrawler().stats).process_request(Request("https://ess2024.org/")) is None


@pytest.mark.parametrize("value, expected", [
    ("120", 120.0), (" 5 ", 5.0), ("Thu, 26 Nov 2026 10:00:30 GMT", 30.0),
    ("Thu, 26 Nov 2026 09:00:00 GMT", 0.0), ("soon", None), (None, None),
])
def test_retry_after_values(value, expected):
    now = datetime(2026, 11, 26, 10, 0, 0, tzinfo=timezone.utc)
    assert retry_after_seconds(value, now) == expected
