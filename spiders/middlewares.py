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
from scrapy.utils.asyncio import call_later

from crawler.outcomes import Stat

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
            self.stats.inc_value(Stat.BLOCKED_NOT_LOOPBACK)
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


def pause_slot(crawler: Any, request: Request, seconds: float) -> bool:
    """Hold every request to the host of ``request`` for ``seconds`` (its download slot
    sends nothing until then); return False when the downloader offers no slot to pause.

    Scrapy has no public call for this: a slot's ``latercall`` is what its own download
    delay uses to hold the queue (``scrapy/core/downloader/__init__.py``, pinned 2.19)."""
    downloader = getattr(getattr(crawler, "engine", None), "downloader", None)
    slot = getattr(downloader, "slots", {}).get(downloader.get_slot_key(request)) if downloader else None
    if slot is None or not hasattr(downloader, "_latercall"):
        return False
    if slot.latercall is not None:
        slot.latercall.cancel()
    slot.latercall = call_later(seconds, downloader._latercall, slot)
    return True


class RetryAfterMiddleware:
    """On 429 or 503 with ``Retry-After``, pause the whole host (its download slot) for what
    the server asks (up to ``RETRY_AFTER_MAX`` seconds), then retry; without the header,
    Scrapy's retry middleware (after this one) retries with its own back-off."""

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
        self.crawler.stats.inc_value(Stat.RETRY_AFTER)
        retry = get_retry_request(request, spider=self.crawler.spider, reason=f"{response.status} Retry-After",
                                  max_retry_times=self.max_retries)
        if retry is None:
            return response
        if not pause_slot(self.crawler, request, min(wait, self.max_wait)):
            await asyncio.sleep(min(wait, self.max_wait))
        return retry
