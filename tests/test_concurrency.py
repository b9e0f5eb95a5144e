"""Datasette reads while the cron crawl writes: no "database is locked", no half-written
interview, whatever the moment."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import time

from db.publish import make_datasette
from db.archive import open_archive
from mirror.generate import generated_posts
from tests.conftest import LOOPBACK_CRAWL, ROOT

CONSISTENCY = ("select count(*) from interviews i "
               "where i.n_questions != (select count(*) from qa where qa.interview_id = i.id)")


def test_queries_during_a_crawl_never_fail(make_mirror, tmp_path, posts):
    server = make_mirror(posts=posts + generated_posts(150, seed=3))
    db_path = tmp_path / "ess2024.db"
    open_archive(db_path).close()
    datasette = make_datasette(db_path)
    crawl = subprocess.Popen(
        [sys.executable, "-m", "crawler", "crawl", "--db", str(db_path), "--start-url", server.base_url + "/",
         *LOOPBACK_CRAWL, "-s", "DOWNLOAD_DELAY=0.03"], cwd=ROOT, env={**os.environ, "ESS_ARCHIVE_LOOPBACK_ONLY": "1"},
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)

    async def read_until_done() -> tuple[int, list[str], set[int]]:
        queries, errors, seen_counts = 0, [], set()
        deadline = time.monotonic() + 90  # bounded
        while crawl.poll() is None and time.monotonic() < deadline:
            for path in ("/ess2024/interviews.json?_shape=array&_size=max",
                         "/ess2024/recherche_reponses.json?q=projet&_shape=array", "/",
                         f"/ess2024.json?sql={CONSISTENCY}&_shape=array"):
                response = await datasette.client.get(path)
                queries += 1
                if response.status_code != 200:
                    errors.append(f"{path}: {response.status_code} {response.text[:200]}")
                elif path.startswith("/ess2024/interviews.json"):
                    seen_counts.add(len(response.json()))
                elif "sql=" in path and response.json()[0]["count(*)"] != 0:
                    errors.append("an interview was seen half written")
        return queries, errors, seen_counts

    queries, errors, seen_counts = asyncio.run(read_until_done())
    out, err = crawl.communicate(timeout=60)
    assert crawl.returncode == 0, err
    assert errors == []
    assert queries > 20 and len(seen_counts) > 2  # the reads really overlapped the writes
