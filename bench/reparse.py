"""Reparse figures: ``ess-archive reparse`` on generated archives of 1,000, 4,000 and 16,000
interviews (the growth curve must be linear), and the time of one interview. The archives
are built through the crawl's own path (``archive_capture``) from pages the mirror renders."""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.common import Figure
from crawler.capture import archive_capture
from crawler.items import PageCapture
from db.archive import open_archive
from mirror.generate import generated_posts
from mirror.site import MirrorConfig, Site

ROOT = Path(__file__).resolve().parent.parent
BASE = "http://127.0.0.1:8765"
TARGET_16K = 60.0  # seconds, issue 13


def build_archive(path: Path, size: int) -> int:
    """Archive ``size`` generated posts through the crawl's own path (pages rendered by the
    mirror, no network); return the number of interviews."""
    posts = generated_posts(size, seed=16, interview_share=1.0)
    site = Site(MirrorConfig(posts=posts))
    db = open_archive(path)
    for post in site.posts:
        response = site.respond(post.path(), BASE)
        archive_capture(db, PageCapture(url=BASE + post.path(), status=response.status, headers=response.headers,
                                        body=response.body, source="sitemap"), None)
    count = db.execute("SELECT count(*) FROM interviews").fetchone()[0]
    db.close()
    return count


def timed_reparse(path: Path) -> float:
    """Return the wall time of ``ess-archive reparse`` on an archive (a child process)."""
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "crawler", "reparse", "--db", str(path)], cwd=ROOT, check=True,
                   capture_output=True)
    return time.perf_counter() - start


def run(quick: bool = False) -> list[Figure]:
    """Measure reparse on growing archives."""
    sizes = (250, 1000) if quick else (1000, 4000, 16000)
    figures, per_item = [], []
    with tempfile.TemporaryDirectory() as tmp:
        for size in sizes:
            path = Path(tmp) / f"r{size}.db"
            interviews = build_archive(path, size)
            seconds = timed_reparse(path)
            per_item.append(seconds / size)
            figures.append(Figure("reparse/generated archive", f"{interviews} interviews",
                                  round(seconds, 2), "s",
                                  f"< {TARGET_16K:g} s" if size == 16000 else "",
                                  seconds < TARGET_16K if size == 16000 else None))
    growth = per_item[-1] / per_item[0]
    figures.append(Figure("reparse/generated archive", f"time per interview, {sizes[-1]} vs {sizes[0]}",
                          round(growth, 2), "x", "<= 1.3 (linear)", growth <= 1.3))
    figures.append(Figure("reparse/generated archive", "time per interview", round(1000 * per_item[-1], 2), "ms"))
    return figures
