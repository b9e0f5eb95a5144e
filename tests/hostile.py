"""A WordPress mirror that misbehaves on purpose, over real TCP on 127.0.0.1: hangs, slow
answers, resets, truncated bodies, wrong lengths, error bursts, redirect loops, compression
bombs, huge or binary pages, broken sitemaps and REST answers. Each fault applies to one
path (or every path starting with a prefix ending in ``*``); every wait is bounded."""

from __future__ import annotations

import gzip
import os
import socket
import socketserver
import struct
import threading
import time
from collections.abc import Callable
from functools import cache

from mirror.site import Response, Site

MAX_WAIT = 6.0  # seconds a hanging or slow answer waits (the crawler's timeout is shorter)


@cache
def gzip_bomb() -> bytes:
    """Return 40 MB of zeros, gzipped (about 40 KB)."""
    return gzip.compress(b"\0" * 40_000_000, compresslevel=9)


class HostileServer(socketserver.ThreadingTCPServer):
    """Serves ``site``, except where a fault is set."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, site: Site, link_base: str | None = None) -> None:
        super().__init__(("127.0.0.1", 0), HostileHandler)
        self.site = site
        # The base the site builds its own links from (REST ``link``, canonical, sitemaps);
        # None: from the request's Host header, as WordPress behind most setups. "SELF": this
        # server's own http://127.0.0.1:PORT, whatever name the crawler reached it by.
        self.link_base = link_base
        self.faults: dict[str, tuple[str, dict]] = {}
        self.counts: dict[str, int] = {}
        self.requests: list[str] = []
        self.times: list[tuple[float, str]] = []  # (when, target) of every request
        self.lock = threading.Lock()

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    def fault_for(self, target: str) -> tuple[str, dict] | None:
        """Return the fault set on a request target, if any."""
        for key, fault in self.faults.items():
            if target == key or (key.endswith("*") and target.startswith(key[:-1])):
                return fault
        return None

    def hit(self, target: str) -> int:
        """Count a request to a target; return how many came before it."""
        with self.lock:
            self.requests.append(target)
            self.times.append((time.monotonic(), target))
            seen = self.counts.get(target, 0)
            self.counts[target] = seen + 1
            return seen

    def __enter__(self) -> HostileServer:
        threading.Thread(target=self.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.shutdown()
        self.server_close()


class HostileHandler(socketserver.StreamRequestHandler):
    """Reads one request and answers it, well or badly."""

    server: HostileServer

    def handle(self) -> None:
        self.connection.settimeout(MAX_WAIT + 4)
        line = self.rfile.readline(65537).decode("latin-1").split()
        if len(line) < 2:
            return
        headers = {}
        while (header := self.rfile.readline(65537).decode("latin-1").strip()):
            name, _, value = header.partition(":")
            headers[name.strip()] = value.strip()
        target = self.target = line[1]
        seen = self.server.hit(target)
        base = f"http://{headers.get('Host', self.server.base_url[7:])}"
        if self.server.link_base is not None:
            base = self.server.base_url if self.server.link_base == "SELF" else self.server.link_base
        self.request_headers = headers
        fault = self.server.fault_for(target)
        if fault is None:
            self.send(self.server.site.respond(target, base, headers))
            return
        response = self.server.site.respond(target, base, {})  # faults work on the full page, never a 304
        name, options = fault
        getattr(self, f"fault_{name.replace('-', '_')}")(response, seen, **options)

    # --- the building blocks -----------------------------------------------------------
    def send(self, response: Response, body: bytes | None = None, length: int | None = None,
             extra: dict[str, str] | None = None) -> None:
        body = response.body if body is None else body
        head = [f"HTTP/1.1 {response.status} X"]
        head += [f"{k}: {v}" for k, v in {**response.headers, **(extra or {})}.items() if k != "Content-Length"]
        head += [f"Content-Length: {len(body) if length is None else length}", "Connection: close", "", ""]
        self.wfile.write("\r\n".join(head).encode("latin-1") + body)

    # --- the faults ------------------------------------------------------------------------
    def fault_hang(self, response: Response, seen: int) -> None:
        time.sleep(MAX_WAIT)  # accepts, never answers (bounded)

    def fault_slow(self, response: Response, seen: int) -> None:
        self.wfile.write(f"HTTP/1.1 200 OK\r\nContent-Length: {len(response.body)}\r\n\r\n".encode())
        time.sleep(MAX_WAIT)
        self.wfile.write(response.body)

    def fault_reset(self, response: Response, seen: int) -> None:
        self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.connection.close()

    def fault_truncate(self, response: Response, seen: int) -> None:
        self.send(response, body=response.body[: len(response.body) // 2], length=len(response.body))

    def fault_short_length(self, response: Response, seen: int) -> None:
        self.send(response, length=len(response.body) // 2)

    def fault_status(self, response: Response, seen: int, status: int, times: int = 10**9,
                     retry_after: str | None = None) -> None:
        if seen >= times:
            self.send(response)
            return
        extra = {"Retry-After": retry_after} if retry_after else {}
        self.send(Response(status, b"<html><body>erreur</body></html>", {"Content-Type": "text/html"}), extra=extra)

    def fault_redirect(self, response: Response, seen: int, to: str) -> None:
        self.send(Response(302, b"", {"Location": to}))

    def fault_chain(self, response: Response, seen: int) -> None:
        self.send(Response(302, b"", {"Location": self.path_with_hop()}))

    def path_with_hop(self) -> str:
        """Return the requested target with one more redirect hop."""
        return self.target + ("&hop" if "?" in self.target else "?hop")

    def fault_replace(self, response: Response, seen: int, body: bytes, content_type: str = "text/html",
                      encoding: str | None = None) -> None:
        extra = {"Content-Encoding": encoding} if encoding else {}
        self.send(Response(200, body, {"Content-Type": content_type, **extra}))

    def fault_transform(self, response: Response, seen: int, change: Callable[[bytes], bytes],
                        content_type: str | None = None) -> None:
        headers = dict(response.headers)
        if content_type:
            headers["Content-Type"] = content_type
        self.send(Response(response.status, change(response.body), headers))

    def fault_headers(self, response: Response, seen: int, set_headers: dict[str, str] | None = None,
                      strip: tuple[str, ...] = ()) -> None:
        """Serve the page with headers added, replaced or removed (a proxy in front of the site)."""
        dropped = {name.lower() for name in strip}
        headers = {k: v for k, v in response.headers.items() if k.lower() not in dropped}
        headers.update(set_headers or {})
        self.send(Response(response.status, response.body, headers))

    def fault_not_modified(self, response: Response, seen: int) -> None:
        """Answer 304 Not Modified, whatever the request asked (no validators needed)."""
        self.send(Response(304, b"", {}))


def random_bytes(size: int) -> bytes:
    """Return bytes that are no text at all."""
    return os.urandom(size)
