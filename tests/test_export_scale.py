"""The bundle of an archive of 1,000 generated interviews (built through the crawl's own
path, raw captures included) is accepted by the reference validators of its formats:
``frictionless validate`` (Data Package) and ``wacz validate`` (WACZ), and its static copy
links every interview."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from sqlite_utils import Database

from bench.reparse import build_archive
from db.export import EXPORTS, export

SIZE = 1000


@pytest.fixture(scope="module")
def big_bundle(tmp_path_factory) -> tuple[Path, Path]:
    tmp = tmp_path_factory.mktemp("scale")
    db_path = tmp / "ess2024.db"
    assert build_archive(db_path, SIZE) == SIZE
    export(db_path, "bundle", tmp / "out")
    [folder] = list((tmp / "out").iterdir())
    return db_path, folder


def tool(name: str) -> str:
    return str(Path(sys.executable).with_name(name))


@pytest.mark.timeout(600)
def test_frictionless_validate_passes_on_a_bundle_of_1000_interviews(big_bundle):
    db_path, folder = big_bundle
    done = subprocess.run([tool("frictionless"), "validate", "--json", "datapackage.json"], cwd=folder,
                          capture_output=True, text=True, timeout=300, check=False)
    report = json.loads(done.stdout)
    assert report["valid"], [(t["name"], t["errors"][:2]) for t in report["tasks"] if not t["valid"]]
    rows = {t["name"]: t["stats"].get("rows") for t in report["tasks"]}
    assert rows["interviews"] == SIZE and rows["qa"] == Database(db_path)["qa"].count
    assert set(rows) == set(EXPORTS)


@pytest.mark.timeout(600)
def test_wacz_validate_passes_on_a_bundle_of_1000_interviews(big_bundle):
    _, folder = big_bundle
    [wacz] = list(folder.glob("*.wacz"))
    done = subprocess.run([tool("wacz"), "validate", "-f", str(wacz)], capture_output=True, text=True,
                          timeout=300, check=False, cwd=folder)
    assert done.returncode == 0 and "Validation succeeded" in done.stdout, done.stdout + done.stderr


def test_the_static_copy_of_1000_interviews_links_each_of_them(big_bundle):
    db_path, folder = big_bundle
    home = (folder / "site" / "index.html").read_text(encoding="utf-8")
    ids = [i for (i,) in Database(db_path).execute("SELECT id FROM interviews")]
    assert len(ids) == SIZE
    assert all(f'href="entretien/{i}.html"' in home for i in ids)
    assert all((folder / "site" / "entretien" / f"{i}.html").is_file() for i in ids)
