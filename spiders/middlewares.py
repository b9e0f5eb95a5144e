"""Downloader middlewares: politeness (``Retry-After``) and a loopback-only guard."""

from __future__ import annotations

import asyncio
import ipaddress
from email.utils import parsedate_to_datetime
from datetime import datetime, timezone
from typing import Any
from urllib.parse import urlsplit

from scrapy.downloadermiddlewares.retry import get_retry_request
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Request, Response

LOOPBACK_NAMES = {"localhost"}


def is_loopback(url: str) -> bool:
    """Return whether a URL's host is on this machine (127.0.0.0/8, ::1, localhost)."""
    host = urlsplit(url).hostname or ""
    if host in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class LoopbackOnlyMiddleware:
    """With ``LOOPBACK_ONLY`` (environment ``ESS_ARCHIVE_LOOPBACK_ONLY=1``, as in tests and
    CI), drop every request to a host that is not this machine, before it is sent."""

    def __init__(self, enabled: bool, stats: Any) -> None:
        self.enabled = enabled
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler: Any) -> LoopbackOnlyMiddleware:
        return cls(crawler.settings.getbool("LOOPBACK_ONLY"), crawler.stats)

    def process_request(self, request: Request) -> None:
        if self.enabled and not is_loopback(request.url):
            self.stats.inc_value("ess/blocked_not_loopback")
            raise IgnoreRequest(f"LOOPBACK_ONLY: not sending {request.url}")


def retry_after_seconds(value: str | None, now: datetime | None = None) -> float | None:
    """Return the wait a ``Retry-After`` header asks for (seconds or an HTTP date)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    now = now or datetime.now(timezone.utc)
    return max(0.0, (when - now).total_seconds())


class RetryAfterMiddleware:
    """On 429 or 503 with ``Retry-After``, wait what the server asks (up to
    ``RETRY_AFTER_MAX`` seconds) before retrying; without the header, Scrapy's retry
    middleware (after this one) retries with its own back-off."""

    def __init__(self, crawler: Any) -> None:
        self.crawler = crawler
        self.max_wait = crawler.settings.getfloat("RETRY_AFTER_MAX", 300)
        self.max_retries = crawler.settings.getint("RETRY_TIMES", 3)

    @classmethod
    def from_crawler(cls, crawler: Any) -> RetryAfterMiddleware:
        return cls(crawler)

    async def process_response(self, request: Request, response: Response) -> Request | Response:
        if response.status not in (429, 503):
            return response
        wait = retry_after_seconds(response.headers.get("Retry-After", b"").decode("latin-1"))
        if wait is None:
            return response
        self.crawler.stats.inc_value("ess/retry_after")
        retry = get_retry_request(request, spider=self.crawler.spider, reason=f"{response.status} Retry-After",
                                  max_retry_times=self.max_retries)
        if retry is None:
            return response
        await asyncio.sleep(min(wait, self.max_wait))
        return retry
