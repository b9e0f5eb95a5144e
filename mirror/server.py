"""Serve the demo mirror over real HTTP on 127.0.0.1, in a background thread."""

from __future__ import annotations

import contextlib
import socket
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from typing import Protocol

from mirror.site import MirrorConfig, Response, Site


class Responder(Protocol):
    """What a server answers from: the mirror ``Site`` or the Wayback stand-in."""

    def respond(self, target: str, base: str, headers: dict[str, str] | None = None) -> Response: ...

LOOPBACK = "127.0.0.1"


class MirrorServer(ThreadingHTTPServer):
    """An HTTP server bound to loopback that answers from a ``Site``."""

    daemon_threads = True

    def get_request(self) -> tuple[socket.socket, object]:
        """Accept a connection with ``TCP_NODELAY`` set (no Nagle delay on loopback)."""
        connection, address = super().get_request()
        connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        return connection, address

    def __init__(self, site: Responder, port: int = 0, host: str = LOOPBACK) -> None:
        if host not in (LOOPBACK, "localhost", "::1"):
            raise ValueError(f"the demo mirror only listens on loopback, not {host}")
        self.site = site
        self.requests: list[str] = []
        super().__init__((host, port), MirrorHandler)

    @property
    def base_url(self) -> str:
        """Return ``http://127.0.0.1:PORT``."""
        host, port = self.server_address[:2]
        return f"http://{host}:{port}"


class MirrorHandler(BaseHTTPRequestHandler):
    """Answers GET and HEAD from the server's ``Site``."""

    server: MirrorServer
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        self.answer(send_body=True)

    def do_HEAD(self) -> None:  # noqa: N802
        self.answer(send_body=False)

    def answer(self, send_body: bool) -> None:
        """Send the site's response to this request."""
        self.server.requests.append(self.path)
        base = f"http://{self.headers.get('Host') or self.server.base_url[7:]}"
        response = self.server.site.respond(self.path, base, dict(self.headers.items()))
        self.send_response(response.status)
        for name, value in response.headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(response.body)))
        # Headers and body leave in one write: a keep-alive client would otherwise wait for
        # the body behind Nagle's algorithm and delayed ACKs (~40 ms a response).
        self._headers_buffer.append(b"\r\n")
        head = b"".join(self._headers_buffer)
        self._headers_buffer = []
        self.wfile.write(head + response.body if send_body else head)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        """Stay quiet: the crawler keeps its own log."""


@contextlib.contextmanager
def running_mirror(config: MirrorConfig | None = None, port: int = 0,
                   site: Responder | None = None) -> Iterator[MirrorServer]:
    """Serve the mirror (or another responder, e.g. the Wayback stand-in) on 127.0.0.1 for
    the duration of the ``with`` block."""
    server = MirrorServer(site or Site(config), port=port)
    thread = threading.Thread(target=server.serve_forever, name="demo-mirror", daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
