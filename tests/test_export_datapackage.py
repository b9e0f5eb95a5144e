"""The bundle is a Frictionless Data Package that ``frictionless validate`` accepts: every
CSV with its Table Schema, keys, size, SHA-256 and row count."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from db.export import EXPORTS, export


@pytest.fixture(scope="module")
def bundle(archived, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("datapackage")
    export(archived, "bundle", out)
    [folder] = list(out.iterdir())
    return folder


def validate(folder: Path) -> dict:
    """Return the report of the ``frictionless validate`` command on a bundle."""
    done = subprocess.run([str(Path(sys.executable).with_name("frictionless")), "validate", "--json",
                           "datapackage.json"], cwd=folder, capture_output=True, text=True, timeout=120, check=False)
    return json.loads(done.stdout)


def test_frictionless_validate_passes_on_the_bundle(bundle):
    report = validate(bundle)
    assert report["valid"], [(t["name"], t["errors"][:2]) for t in report["tasks"] if not t["valid"]]
    assert {t["name"] for t in report["tasks"]} == set(EXPORTS)


def test_every_csv_is_described_with_keys_and_the_manifest_sums(bundle):
    package = json.loads((bundle / "datapackage.json").read_text(encoding="utf-8"))
    manifest = json.loads((bundle / "manifest.json").read_text(encoding="utf-8"))
    resources = {r["name"]: r for r in package["resources"]}
    assert set(resources) == set(EXPORTS)
    for name, resource in resources.items():
        assert resource["path"] == f"csv/{name}.csv"
        assert resource["hash"] == "sha256:" + manifest["files"][resource["path"]]["sha256"]
        assert resource["bytes"] == manifest["files"][resource["path"]]["bytes"]
        assert resource["rows"] == manifest["counts"][name]
        assert all(f["description"] for f in resource["schema"]["fields"])
    interviews = resources["interviews"]["schema"]
    assert interviews["primaryKey"] == ["id"]
    assert {f["name"]: f["type"] for f in interviews["fields"]}["categories"] == "array"
    assert {"fields": ["interview_id"], "reference": {"resource": "interviews", "fields": ["id"]}} in \
        resources["qa"]["schema"]["foreignKeys"]
    assert resources["answers"]["schema"]["primaryKey"] == ["interview_id", "n"]
    assert manifest["datapackage"] == "datapackage.json" and "datapackage.json" in manifest["files"]


def test_a_changed_csv_fails_validation(bundle, tmp_path):
    import shutil

    copy = tmp_path / "copy"
    shutil.copytree(bundle, copy)
    lines = (copy / "csv" / "tags.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    (copy / "csv" / "tags.csv").write_text("".join(lines[:1] + lines[2:]), encoding="utf-8", newline="")
    report = validate(copy)
    errors = {e["type"] for t in report["tasks"] for e in t["errors"]}
    assert not report["valid"] and {"hash-count", "row-count", "foreign-key"} <= errors
