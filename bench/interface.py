"""The research interface on a large archive: every page a reader can reach from the home
page and the search (bounded per shape of page, as in tests/test_interface_french.py), walked
through Datasette's client on an archive of 10,000 generated interviews; no page may be an
error or a dead link, and the walk's page times are reported."""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from bench.common import Figure
from bench.reparse import build_archive
from db.publish import make_datasette
from tests.test_interface_french import reachable_pages

# Seeds of the walk: the pages a researcher starts from (words of the generated interviews).
SEEDS = ("/", "/recherche?q=habitants", "/recherche?q=accompagne&page=2", "/recherche?q=%22des+artisans+locaux%22",
         "/recherche?q=benevoles+OR+familles", "/personnes", "/organisations")


def run(quick: bool = False) -> list[Figure]:
    """Walk the interface of a generated archive."""
    size = 1000 if quick else 10_000
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "walk.db"
        interviews = build_archive(path, size)
        datasette = make_datasette(path)
        start = time.perf_counter()
        pages = reachable_pages(datasette, SEEDS)
        elapsed = time.perf_counter() - start
    errors = sorted(url for url, (status, _, _) in pages.items() if status >= 400)
    bench = f"interface/{interviews} generated interviews"
    return [
        Figure(bench, "pages walked from the home page and the search", len(pages), "pages"),
        Figure(bench, "error pages or dead links met", len(errors), "pages", "0", not errors),
        Figure(bench, "mean time of a page (walk, in process)", round(1000 * elapsed / max(len(pages), 1), 1), "ms"),
    ]
