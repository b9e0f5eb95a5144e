"""The archive as a WACZ file (Web Archive Collection Zipped, 1.1.1), which ReplayWeb.page
and pywb open as it is: a WARC of request/response pairs (a ``revisit`` record where the
bytes of an earlier capture repeat at another address), a CDXJ index, ``pages.jsonl`` with
every interview page, and the ``datapackage.json`` of the WACZ spec. Every date and id comes
from the captures, the ZIP entries carry the last crawl's date: the same archive gives the
same bytes."""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from pathlib import Path
from urllib.parse import urlsplit

import surt
from sqlite_utils import Database
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from db.export.warc import capture_body, first_capture_date, http_headers, record_id, warc_date, warcinfo

WACZ_VERSION = "1.1.1"
REVISIT_PROFILE = "http://netpreserve.org/warc/1.1/revisit/identical-payload-digest"
WARC_NAME = "data.warc.gz"


def timestamp14(iso: str) -> str:
    """Return an ISO 8601 time as the 14 digits of CDX (``20240102030405``)."""
    return "".join(ch for ch in iso[:19] if ch.isdigit())


def request_record(writer: WARCWriter, capture: dict, concurrent_to: str):
    """Return the WARC ``request`` record that asked for a capture."""
    parts = urlsplit(capture["url"])
    target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    http = StatusAndHeaders(f"GET {target} HTTP/1.1", [("Host", parts.netloc)], protocol="HTTP/1.1",
                            is_http_request=True)
    return writer.create_warc_record(capture["url"], "request", http_headers=http, warc_headers_dict={
        "WARC-Date": warc_date(capture["fetched_at"]), "WARC-Record-ID": record_id("request", capture["id"]),
        "WARC-Concurrent-To": concurrent_to})


def response_or_revisit(writer: WARCWriter, capture: dict, earlier: dict | None):
    """Return the ``response`` record of a capture, or a ``revisit`` of ``earlier`` (the
    first capture of the same bytes)."""
    body = capture_body(capture)
    headers = {"WARC-Date": warc_date(capture["fetched_at"]),
               "WARC-Record-ID": record_id(capture["id"], capture["sha256"]), "WARC-Source": capture["source"] or ""}
    if earlier is None:
        return writer.create_warc_record(capture["url"], "response", payload=io.BytesIO(body),
                                         http_headers=http_headers(capture, body), warc_headers_dict=headers)
    headers["WARC-Profile"] = REVISIT_PROFILE
    headers["WARC-Refers-To"] = record_id(earlier["id"], earlier["sha256"])
    return writer.create_revisit_record(capture["url"], f"sha256:{capture['sha256']}", earlier["url"],
                                        warc_date(earlier["fetched_at"]), http_headers=http_headers(capture, body),
                                        warc_headers_dict=headers)


def write_warc(db: Database, name: str) -> tuple[bytes, list[str]]:
    """Return the WARC file and its CDXJ lines (responses and revisits, sorted)."""
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    writer.write_record(warcinfo(writer, WARC_NAME, first_capture_date(db), name))
    first_of: dict[str, dict] = {}
    index = []
    for capture in db.query("SELECT * FROM captures ORDER BY id"):
        earlier = first_of.setdefault(capture["sha256"], capture)
        record = response_or_revisit(writer, capture, None if earlier is capture else earlier)
        response_id = record.rec_headers.get_header("WARC-Record-ID")
        writer.write_record(request_record(writer, capture, response_id))
        offset = buffer.tell()
        writer.write_record(record)
        entry = {"url": capture["url"], "mime": (capture["content_type"] or "").split(";")[0].strip() or "unk",
                 "status": str(capture["status"]), "digest": f"sha256:{capture['sha256']}",
                 "length": str(buffer.tell() - offset), "offset": str(offset), "filename": WARC_NAME}
        if earlier is not capture:
            entry["mime"] = "warc/revisit"
        index.append(f"{surt.surt(capture['url'])} {timestamp14(capture['fetched_at'])} {json.dumps(entry)}")
    return buffer.getvalue(), sorted(index)


def pages_jsonl(db: Database) -> str:
    """Return ``pages.jsonl``: a header line, then each interview page with its title and the
    time of the capture it was read from."""
    lines = [{"format": "json-pages-1.0", "id": "pages", "title": "Entretiens « 3 questions à … »"}]
    for row in db.query("SELECT i.id, i.url, i.title, c.fetched_at FROM interviews i "
                        "JOIN captures c ON c.id = i.capture_id ORDER BY i.id"):
        lines.append({"id": f"interview-{row['id']}", "url": row["url"], "ts": warc_date(row["fetched_at"]),
                      "title": row["title"]})
    return "".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines)


def sha256(data: bytes) -> str:
    """Return ``sha256:HEX`` of bytes (the WACZ form)."""
    return f"sha256:{hashlib.sha256(data).hexdigest()}"


def export_wacz(db: Database, folder: Path, name: str) -> list[Path]:
    """Write ``NAME.wacz``."""
    folder.mkdir(parents=True, exist_ok=True)
    warc, index = write_warc(db, name)
    contents = {f"archive/{WARC_NAME}": warc, "indexes/index.cdxj": "".join(f"{line}\n" for line in index).encode(),
                "pages/pages.jsonl": pages_jsonl(db).encode()}
    last = db.execute("SELECT max(coalesce(finished, started)) FROM crawl_runs").fetchone()[0] or first_capture_date(db)
    created = warc_date(last[:19] + "+00:00")
    package = {"profile": "data-package", "wacz_version": WACZ_VERSION, "title": f"ESS 2024 ({name})",
               "created": created, "modified": created, "software": "ess-archive",
               "mainPageUrl": None, "resources": [
                   {"name": path.rsplit("/", 1)[1], "path": path, "hash": sha256(data), "bytes": len(data)}
                   for path, data in contents.items()]}
    package = {k: v for k, v in package.items() if v is not None}
    contents["datapackage.json"] = (json.dumps(package, ensure_ascii=False, indent=2) + "\n").encode()
    contents["datapackage-digest.json"] = (json.dumps({"path": "datapackage.json",
                                                       "hash": sha256(contents["datapackage.json"])}) + "\n").encode()
    stamp = tuple(int(created[i:j]) for i, j in ((0, 4), (5, 7), (8, 10), (11, 13), (14, 16), (17, 19)))
    path = folder / f"{name}.wacz"
    with zipfile.ZipFile(path, "w") as archive:
        for member, data in contents.items():  # stored, not deflated: replay tools read WARCs in place
            info = zipfile.ZipInfo(member, date_time=stamp)
            info.compress_type = zipfile.ZIP_STORED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)
    return [path]
