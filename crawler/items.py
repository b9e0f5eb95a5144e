"""What spiders hand to the pipelines."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone

from crawler.parser.records import Interview, NotAnInterview


def utc_now() -> str:
    """Return the current UTC time, ISO 8601 to the second."""
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat()


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

    def as_row(self) -> dict:
        """Return the fields the capture table stores."""
        return {"url": self.url, "requested_url": self.requested_url, "status": self.status,
                "headers": self.headers, "body": self.body, "source": self.source,
                "kind": self.kind, "fetched_at": self.fetched_at, "context": self.context,
                "encoding": self.encoding}


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
