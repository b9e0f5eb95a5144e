"""The raw captures as a gzipped WARC file (warcio), readable by pywb and other web-archive
tools. Record ids and dates come from the captures, so the same archive gives the same file."""

from __future__ import annotations

import io
import json
import uuid
import zlib
from http import HTTPStatus
from importlib import metadata as package_metadata
from pathlib import Path

from sqlite_utils import Database
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

WARC_NAMESPACE = uuid.UUID("6f0c7d6e-7a58-4c8e-9b43-3c2b9b5f0e2a")
# Headers that described the bytes on the wire, not the decoded body kept in the archive.
WIRE_HEADERS = {"content-encoding", "transfer-encoding", "content-length"}


def warc_date(iso: str) -> str:
    """Return an ISO 8601 UTC time in the WARC form (``2024-01-02T03:04:05Z``)."""
    return iso.replace("+00:00", "Z") if iso.endswith("+00:00") else iso


def package_version() -> str:
    """Return the installed version of ess-archive."""
    try:
        return package_metadata.version("ess-archive")
    except package_metadata.PackageNotFoundError:
        return "unknown"


def http_reason(status: int) -> str:
    """Return the reason phrase of an HTTP status."""
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Unknown"


def capture_body(capture: dict) -> bytes:
    """Return the raw body of a capture (stored zlib-compressed)."""
    return zlib.decompress(capture["body"]) if capture["body"] else b""


def http_headers(capture: dict, body: bytes) -> StatusAndHeaders:
    """Return the status line and headers of a capture, as they describe the kept body."""
    headers = [(k, v) for k, v in json.loads(capture["headers"] or "{}").items() if k.lower() not in WIRE_HEADERS]
    headers.append(("Content-Length", str(len(body))))
    return StatusAndHeaders(f"{capture['status']} {http_reason(capture['status'])}", headers, protocol="HTTP/1.1")


def record_id(*parts: object) -> str:
    """Return a stable WARC-Record-ID made of ``parts``."""
    return f"<urn:uuid:{uuid.uuid5(WARC_NAMESPACE, ':'.join(str(p) for p in parts))}>"


def warcinfo(writer: WARCWriter, filename: str, date: str, name: str):
    """Return the ``warcinfo`` record that opens the file."""
    info = writer.create_warcinfo_record(filename, {
        "software": f"ess-archive {package_version()}", "format": "WARC File Format 1.1",
        "description": "Raw captures of the ESS 2024 archive (bodies as decoded by the crawler)"})
    info.rec_headers.replace_header("WARC-Date", warc_date(date))
    info.rec_headers.replace_header("WARC-Record-ID", record_id(name))
    return info


def first_capture_date(db: Database) -> str:
    """Return the date of the first capture (the WARC file's own date)."""
    return db.execute("SELECT min(fetched_at) FROM captures").fetchone()[0] or "1970-01-01T00:00:00+00:00"


def export_warc(db: Database, folder: Path, name: str) -> list[Path]:
    """Write the raw captures as one gzipped WARC file (one ``response`` record each, plus a
    ``warcinfo``)."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.warc.gz"
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        writer.write_record(warcinfo(writer, path.name, first_capture_date(db), name))
        for capture in db.query("SELECT * FROM captures ORDER BY id"):
            writer.write_record(warc_record(writer, capture))
    return [path]


def warc_record(writer: WARCWriter, capture: dict):
    """Return the WARC ``response`` record of one capture."""
    body = capture_body(capture)
    return writer.create_warc_record(capture["url"], "response", payload=io.BytesIO(body),
                                     http_headers=http_headers(capture, body),
                                     warc_headers_dict={"WARC-Date": warc_date(capture["fetched_at"]),
                                                        "WARC-Record-ID": record_id(capture["id"], capture["sha256"]),
                                                        "WARC-Source": capture["source"] or ""})
