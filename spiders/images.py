"""The pictures of the archived interviews, fetched once the pages are archived.

When the spider has nothing left to do (every page written), it asks the archive which
``images`` rows have no stored picture and fetches each ``src`` once in the run, politely:
only on the site's own host (or a subdomain of it, the site's uploads host), in the site's
download slot, with robots.txt, at most ``PICTURE_MAXSIZE`` bytes, only ``image/*``
answers. A picture on another host is never asked for. Each answer goes to the pipelines as
a ``PictureCapture``: its bytes, or why it was refused (recorded in ``rejects``)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import urljoin

import scrapy
from scrapy import signals
from scrapy.exceptions import DontCloseSpider
from scrapy.http import Response
from twisted.python.failure import Failure

from crawler.items import PictureCapture
from crawler.outcomes import Stat
from db.state import ArchiveState
from db.store import missing_pictures
from spiders import discovery as wp
from spiders.errors import describe

PICTURE_MAXSIZE = 5 * 1024 * 1024
MAX_PICTURE_REDIRECTS = 5
REDIRECTS = (301, 302, 303, 307, 308)


def picture_refusal(status: int, content_type: str, size: int, max_size: int) -> tuple[str, str] | None:
    """Return why an answer to a picture request is not archived (code, reason), or None."""
    if status != 200:
        return "picture-status", f"the picture answered HTTP {status}"
    if not content_type.startswith("image/"):
        return "picture-not-image", f"the answer is {content_type or 'untyped'}, not a picture (image/*)"
    if size > max_size:
        return "picture-too-large", f"the picture is {size} bytes, more than {max_size}"
    return None


def media_type(headers: Any) -> str:
    """Return the media type of a response, lower case, without its parameters."""
    value = headers.get("Content-Type") or b""
    value = value.decode("latin-1") if isinstance(value, bytes) else str(value)
    return value.split(";")[0].strip().lower()


class PictureFetching:
    """Mixed into the WordPress spider: fetches the pictures the archive lacks."""

    crawler: Any
    logger: Any
    root: str
    site_hosts: set[str]
    pictures_asked: bool = False

    def connect_pictures(self) -> None:
        """Ask for the pictures when the spider is idle (called from ``from_crawler``)."""
        self.picture_maxsize = self.crawler.settings.getint("PICTURE_MAXSIZE", PICTURE_MAXSIZE)
        self.crawler.signals.connect(self.fetch_pictures, signal=signals.spider_idle)

    def picture_address(self, src: str) -> str | None:
        """Return where to fetch a picture: on the site's host, or on a subdomain of it (its
        uploads host); None for any other host."""
        url = urljoin(self.root + "/", src)
        if wp.urlsplit(url).scheme not in ("http", "https"):
            return None
        host = wp.host_key(wp.urlsplit(url).hostname)
        if host in self.site_hosts:
            return self.on_site(url)  # type: ignore[attr-defined]
        return url if any(host.endswith("." + own) for own in self.site_hosts if own) else None

    def fetch_pictures(self) -> None:
        """Once a run, when every page is written: schedule the missing pictures."""
        if self.pictures_asked or getattr(self, "discovery_failure", None) \
                or getattr(self, "used_source", None) == "wayback":
            return
        self.pictures_asked = True
        state = ArchiveState(self.crawler.settings.get("ARCHIVE_DB"))  # sees what was just written
        try:
            wanted = missing_pictures(state.db) if state.db is not None else []
        finally:
            state.close()
        requests = []
        for src in wanted:
            address = self.picture_address(src)
            if address is None:
                self.crawler.stats.inc_value(Stat.PICTURES_OFFSITE)
                self.logger.info("picture on another host, not fetched: %s", src)
                continue
            requests.append(self.picture_request(src, address))
        for request in requests:
            self.crawler.engine.crawl(request)
        if requests:
            raise DontCloseSpider

    def picture_request(self, src: str, address: str, chain: tuple[str, ...] = ()) -> scrapy.Request:
        """Return the request of one picture, in the site's download slot."""
        self.crawler.stats.inc_value(Stat.PICTURES_REQUESTED)
        return scrapy.Request(address, callback=self.parse_picture, errback=self.picture_failed,
                              dont_filter=True, cb_kwargs={"src": src, "chain": chain},
                              meta={"source": "picture", "dont_redirect": True, "handle_httpstatus_all": True,
                                    "download_slot": wp.urlsplit(self.root).hostname,
                                    "download_maxsize": self.picture_maxsize})

    def parse_picture(self, response: Response, src: str, chain: tuple[str, ...] = ()) -> Iterator[Any]:
        """Hand a picture (or why it is refused) to the pipelines; follow a redirect on the site."""
        if response.status in REDIRECTS and response.headers.get("Location"):
            location = response.urljoin(response.headers["Location"].decode("latin-1"))
            address = self.picture_address(location)
            chain = (*chain, response.url)
            if address is not None and address not in chain and len(chain) <= MAX_PICTURE_REDIRECTS:
                yield self.picture_request(src, address, chain)
                return
            yield PictureCapture(url=src, status=response.status, fetched_url=response.url,
                                 refusal=("picture-redirect", f"the picture redirects off the site or in a loop: "
                                                              f"{location}"))
            return
        kind = media_type(response.headers)
        refusal = picture_refusal(response.status, kind, len(response.body), self.picture_maxsize)
        yield PictureCapture(url=src, status=response.status, headers=wp.flat_headers(response.headers),
                             body=b"" if refusal else response.body, content_type=kind or None,
                             fetched_url=response.url, refusal=refusal)

    def picture_failed(self, failure: Failure) -> Iterator[Any]:
        """Record a picture that could not be fetched (too large, timeout, robots.txt)."""
        request = failure.request  # type: ignore[attr-defined]
        yield PictureCapture(url=request.cb_kwargs["src"], refusal=("picture-fetch-error", describe(failure)))
