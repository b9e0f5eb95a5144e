"""A local stand-in for the Wayback Machine: the CDX API in its documented JSON form and the
original bytes of each capture at ``/web/<timestamp>id_/<url>``. Captures are taken from a
mirror ``Site`` as if the real site had been archived at ``original_base``."""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from urllib.parse import parse_qs, unquote, urlsplit

from mirror.site import Response, Site

CDX_FIELDS = ("urlkey", "timestamp", "original", "mimetype", "statuscode", "digest", "length")


@dataclass(frozen=True)
class Capture:
    """One archived response."""

    timestamp: str
    original: str
    status: int
    mimetype: str
    body: bytes

    def field(self, name: str) -> str:
        """Return a CDX field of this capture."""
        parts = urlsplit(self.original)
        values = {"urlkey": f"{parts.hostname}{parts.path}".lower(), "timestamp": self.timestamp,
                  "original": self.original, "mimetype": self.mimetype, "statuscode": str(self.status),
                  "digest": hashlib.sha1(self.body).hexdigest().upper()[:32], "length": str(len(self.body))}
        return values[name]


def bare(url: str) -> str:
    """Return a URL without scheme and trailing slash, as CDX matching sees it."""
    return re.sub(r"^https?://", "", url).rstrip("/")


class WaybackStandIn:
    """Answers like web.archive.org for the captures it holds."""

    def __init__(self, captures: list[Capture] | None = None, cdx_status: int = 200,
                 cdx_body: bytes | None = None, redirects: dict[str, str] | None = None) -> None:
        self.captures = sorted(captures or [], key=lambda c: (c.original, c.timestamp))
        self.cdx_status = cdx_status      # to make the CDX API fail on purpose
        self.cdx_body = cdx_body          # to make it answer garbage on purpose
        # original URL -> Location: the raw copy of that URL answers 302 there (listed as a
        # 200 capture by the CDX API, as a Wayback copy may redirect elsewhere)
        self.redirects = {bare(k): v for k, v in (redirects or {}).items()}

    @classmethod
    def from_site(cls, site: Site, original_base: str, timestamp: str = "20240901120000") -> WaybackStandIn:
        """Return a stand-in holding one capture of every post (permalink and ``?p=ID``), the
        home page and robots.txt of ``site`` as served at ``original_base``."""
        captures = []
        targets = ["/", "/robots.txt"] + [p.path() for p in site.posts] + [f"/?p={p.id}" for p in site.posts[:5]]
        for target in targets:
            response = site.respond(target, original_base)
            if response.status == 200:
                mimetype = response.headers.get("Content-Type", "text/html").split(";")[0]
                captures.append(Capture(timestamp, original_base + target, 200, mimetype, response.body))
        return cls(captures)

    def respond(self, target: str, base: str, headers: dict[str, str] | None = None) -> Response:
        """Return the response to GET ``target``."""
        parts = urlsplit(target)
        if parts.path == "/robots.txt":
            return Response(200, b"User-agent: *\nAllow: /\n", {"Content-Type": "text/plain"})
        if parts.path == "/cdx/search/cdx":
            return self.cdx(parse_qs(parts.query))
        match = re.match(r"^/web/(\d{1,14})id_/(.+)$", target)
        if match:
            return self.raw(match.group(1), unquote(match.group(2)))
        return Response(404, b"not found", {"Content-Type": "text/plain"})

    def cdx(self, query: dict[str, list[str]]) -> Response:
        """Answer a CDX query: url (exact, or prefix with a trailing *), filter, collapse, limit, fl."""
        if self.cdx_body is not None or self.cdx_status != 200:
            return Response(self.cdx_status, self.cdx_body or b"", {"Content-Type": "text/plain"})
        wanted = query.get("url", [""])[0]
        if wanted.endswith("*"):
            rows = [c for c in self.captures if bare(c.original).startswith(bare(wanted[:-1]))]
        else:
            rows = [c for c in self.captures if bare(c.original) == bare(wanted)]
        for condition in query.get("filter", []):
            name, _, pattern = condition.partition(":")
            rows = [c for c in rows if re.fullmatch(pattern, c.field(name))]
        if query.get("collapse", [""])[0] == "digest":
            rows = [c for i, c in enumerate(rows)
                    if i == 0 or (rows[i - 1].original, rows[i - 1].field("digest")) != (c.original, c.field("digest"))]
        limit = int(query.get("limit", ["0"])[0] or 0)
        rows = rows[limit:] if limit < 0 else rows[:limit] if limit > 0 else rows
        fields = query.get("fl", [",".join(CDX_FIELDS)])[0].split(",")
        table = [fields] + [[c.field(f) for f in fields] for c in rows] if rows else []
        return Response(200, json.dumps(table).encode(), {"Content-Type": "application/json"})

    def raw(self, timestamp: str, original: str) -> Response:
        """Return the original bytes of the newest capture at or before ``timestamp``."""
        found = [c for c in self.captures if bare(c.original) == bare(original) and c.timestamp <= timestamp.ljust(14, "9")]
        if bare(original) in self.redirects:
            return Response(302, b"", {"Location": self.redirects[bare(original)], "Content-Type": "text/html"})
        if not found:
            return Response(404, b"Wayback Machine has not archived that URL.", {"Content-Type": "text/plain"})
        capture = found[-1]
        return Response(capture.status, capture.body, {"Content-Type": capture.mimetype,
                                                       "X-Archive-Src": f"standin-{capture.timestamp}"})
