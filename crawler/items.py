"""What spiders hand to the pipelines."""

from __future__ import annotations

import json
import re
import zlib
from dataclasses import dataclass, field
from datetime import datetime, timezone

from crawler.parser.records import Interview, NotAnInterview


def utc_now() -> str:
    """Return the current UTC time, ISO 8601 to the second."""
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat()


WAYBACK_STAMP = re.compile(r"/web/(\d{4,14})(?:[a-z]{2}_)?/")


@dataclass
class PageCapture:
    """A fetched response, kept raw. ``kind`` is "page" for an article, or the discovery
    document it was ("rest-list", "sitemap"). ``context`` holds what discovery knew about the
    page (the REST post object without its content), so ``reparse`` can work offline."""

    url: str
    status: int
    headers: dict[str, str]
    body: bytes
    source: str
    kind: str = "page"
    requested_url: str | None = None
    fetched_at: str = field(default_factory=utc_now)
    context: dict = field(default_factory=dict)
    encoding: str | None = None
    result: Interview | NotAnInterview | None = None
    unchanged: bool = False  # the same bytes as the archived capture: nothing to parse
    capture_id: int | None = None  # set when read back from the archive (``reparse``)

    @classmethod
    def from_row(cls, row: dict) -> PageCapture:
        """Return a capture read back from the ``captures`` table."""
        return cls(url=row["url"], status=row["status"], headers=json.loads(row["headers"] or "{}"),
                   body=zlib.decompress(row["body"]) if row.get("body") else b"", source=row["source"],
                   kind=row["kind"], requested_url=row["requested_url"], fetched_at=row["fetched_at"],
                   context=json.loads(row["context"] or "{}"), encoding=row["encoding"],
                   capture_id=row["id"])

    @property
    def as_of(self) -> str:
        """Return when the copy was taken: the Wayback timestamp of a Wayback copy, else
        when it was fetched (ISO 8601)."""
        return self.as_of_for(self.url, self.source, self.fetched_at, self.context)

    @staticmethod
    def as_of_for(url: str, source: str | None, fetched_at: str, context: dict) -> str:
        """Return when a copy fetched at ``url`` was taken (see ``as_of``)."""
        stamp = WAYBACK_STAMP.search(url) if source == "wayback" or context.get("original_url") else None
        if not stamp:
            return fetched_at
        s = stamp.group(1).ljust(14, "0")
        return f"{s[:4]}-{s[4:6]}-{s[6:8]}T{s[8:10]}:{s[10:12]}:{s[12:14]}+00:00"

    def as_row(self) -> dict:
        """Return the fields the capture table stores."""
        return {"url": self.url, "requested_url": self.requested_url, "status": self.status,
                "headers": self.headers, "body": self.body, "source": self.source,
                "kind": self.kind, "fetched_at": self.fetched_at, "context": self.context,
                "encoding": self.encoding}


@dataclass
class PictureCapture:
    """A picture of an archived interview (an ``images`` row's ``src``), fetched from the
    site: its bytes, or why it was refused (``refusal``: code, reason; no bytes kept)."""

    url: str                      # the ``src`` the archive records
    status: int = 0
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""
    content_type: str | None = None
    fetched_url: str | None = None  # where the bytes came from (after a redirect on the site)
    fetched_at: str = field(default_factory=utc_now)
    refusal: tuple[str, str] | None = None


@dataclass
class Rejection:
    """A post not archived without fetching its page (a listed non-interview, a failed
    fetch), with the reason."""

    result: NotAnInterview
    source: str


@dataclass
class Seen:
    """An archived interview that discovery shows unchanged (same WordPress ``modified``):
    not fetched again, only noted as seen."""

    post_id: int
    source: str


@dataclass
class NotModified:
    """A page that answered ``304 Not Modified`` to a conditional request."""

    url: str
    source: str
