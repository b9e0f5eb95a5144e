"""The WACZ export: request/response pairs (revisits where bytes repeat), a CDXJ index whose
offsets point at the records, pages.jsonl, and ``wacz validate`` (py-wacz) accepts it."""

from __future__ import annotations

import io
import json
import subprocess
import sys
import zipfile
from pathlib import Path

from sqlite_utils import Database
from warcio.archiveiterator import ArchiveIterator

from db.export import export
from tests.conftest import copy_archive


def wacz(db_path: Path, out: Path) -> zipfile.ZipFile:
    export(db_path, "wacz", out)
    return zipfile.ZipFile(out / f"{db_path.stem}.wacz")


def test_wacz_validate_accepts_it_and_it_is_deterministic(archived, tmp_path):
    wacz(archived, tmp_path / "one")
    wacz(archived, tmp_path / "two")
    path = tmp_path / "one" / f"{archived.stem}.wacz"
    assert path.read_bytes() == (tmp_path / "two" / path.name).read_bytes()
    done = subprocess.run([str(Path(sys.executable).with_name("wacz")), "validate", "-f", str(path)],
                          capture_output=True, text=True, timeout=120, check=False, cwd=tmp_path)
    assert done.returncode == 0 and "Validation succeeded" in done.stdout, done.stdout + done.stderr


def test_pairs_index_and_pages(archived, tmp_path):
    archive = wacz(archived, tmp_path)
    assert all(i.compress_type == zipfile.ZIP_STORED for i in archive.infolist())
    warc = archive.read("archive/data.warc.gz")
    records = [(r.rec_type, r.rec_headers.get_header("WARC-Target-URI")) for r in ArchiveIterator(io.BytesIO(warc))]
    db = Database(archived)
    assert sum(1 for t, _ in records if t == "request") == db["captures"].count
    assert sum(1 for t, _ in records if t in ("response", "revisit")) == db["captures"].count
    index = archive.read("indexes/index.cdxj").decode().splitlines()
    assert index == sorted(index) and len(index) == db["captures"].count
    for line in index[:5]:
        entry = json.loads(line.split(" ", 2)[2])
        record = next(ArchiveIterator(io.BytesIO(warc[int(entry["offset"]):int(entry["offset"]) + int(entry["length"])])))
        assert record.rec_type == "response" and record.rec_headers.get_header("WARC-Target-URI") == entry["url"]
    pages = [json.loads(line) for line in archive.read("pages/pages.jsonl").decode().splitlines()]
    assert pages[0]["format"] == "json-pages-1.0"
    titles = {r["url"]: r["title"] for r in db["interviews"].rows}
    assert {p["url"]: p["title"] for p in pages[1:]} == titles
    assert all(p["ts"].endswith("Z") for p in pages[1:])
    package = json.loads(archive.read("datapackage.json"))
    assert package["wacz_version"] == "1.1.1" and {r["path"] for r in package["resources"]} == \
        {"archive/data.warc.gz", "indexes/index.cdxj", "pages/pages.jsonl"}


def test_the_same_bytes_at_another_address_are_a_revisit(archived, tmp_path):
    db_path = copy_archive(archived, tmp_path / "ess2024.db")
    db = Database(db_path)
    first = next(db.query("SELECT * FROM captures WHERE kind = 'page' ORDER BY id LIMIT 1"))
    db["captures"].insert({**first, "id": None, "url": first["url"] + "?amp=1",
                           "fetched_at": "2030-01-01T00:00:00+00:00"}, pk="id")
    db.conn.commit()
    archive = wacz(db_path, tmp_path / "out")
    revisits = [r for r in ArchiveIterator(io.BytesIO(archive.read("archive/data.warc.gz"))) if r.rec_type == "revisit"]
    assert len(revisits) == 1
    assert revisits[0].rec_headers.get_header("WARC-Refers-To-Target-URI") == first["url"]
    assert revisits[0].rec_headers.get_header("WARC-Profile").endswith("identical-payload-digest")
