"""Crawl figures on the demo mirror enlarged to 1,000 posts (generated): requests per
archived interview by source, the second run on an unchanged site, the archiver against a
bare Scrapy crawl of the same URLs, and peak memory."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from sqlite_utils import Database

from bench.common import Figure
from mirror.content import load_posts
from mirror.generate import generated_posts
from mirror.server import running_mirror
from mirror.site import MirrorConfig

ROOT = Path(__file__).resolve().parent.parent
FAST = ["-s", "AUTOTHROTTLE_ENABLED=False", "-s", "DOWNLOAD_DELAY_JITTER=0",
        "-s", "WAYBACK_FALLBACK=False", "-s", "LOG_LEVEL=WARNING"]


def run_child(args: list[str], cwd: Path = ROOT) -> tuple[int, int]:
    """Run a child process; return its exit code and peak memory (KiB)."""
    env = {k: v for k, v in os.environ.items() if k != "SCRAPY_SETTINGS_MODULE"} | {"ESS_ARCHIVE_LOOPBACK_ONLY": "1"}
    process = subprocess.Popen(args, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    return process.returncode, usage.ru_maxrss


def crawl(base: str, db_path: Path, *extra: str) -> tuple[dict, int]:
    """Run ``ess-archive crawl``; return its run row (stats decoded) and peak memory."""
    code, peak = run_child([sys.executable, "-m", "crawler", "crawl", "--db", str(db_path),
                            "--start-url", base + "/", *FAST, *extra])
    if code != 0:
        raise RuntimeError(f"crawl exited {code}")
    row = list(Database(db_path).query("SELECT * FROM crawl_runs ORDER BY id DESC LIMIT 1"))[0]
    row["stats"] = json.loads(row["stats"])
    return row, peak


def discovery_requests(run: dict) -> int:
    """Return the requests that were neither article pages nor pictures."""
    return (run["requests"] - run["new"] - run["updated"] - run["unchanged"] + run["stats"].get("ess/outcome/seen", 0)
            - run["stats"].get("ess/pictures/requested", 0))


def run(quick: bool = False) -> list[Figure]:
    """Measure the crawls."""
    posts = load_posts() + generated_posts(200 if quick else 980, seed=11)
    delay = "0.02" if quick else "0.05"
    figures: list[Figure] = []
    with running_mirror(MirrorConfig(posts=posts)) as server, tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        first, peak = crawl(server.base_url, tmp / "rest.db", "-s", f"DOWNLOAD_DELAY={delay}")
        archived = first["new"]
        per_interview = (first["requests"] - archived) / archived
        second, _ = crawl(server.base_url, tmp / "rest.db", "-s", f"DOWNLOAD_DELAY={delay}")
        share = second["stats"]["elapsed_time_seconds"] / first["stats"]["elapsed_time_seconds"]
        site, _ = crawl(server.base_url, tmp / "sitemap.db", "--source", "sitemap", "-s", f"DOWNLOAD_DELAY={delay}")
        discovery = site["stats"].get("ess/outcome/captured", 0) + 1  # sitemaps, plus robots.txt
        sitemap_pages = site["requests"] - discovery
        listed = site["stats"].get("ess/discovered/sitemap", 0)
        bench = f"crawl/{len(posts)} posts, delay {delay}s"
        figures += [
            Figure(bench, "interviews archived (REST)", archived, "interviews"),
            Figure(bench, "REST first run: requests per interview beyond its page",
                   round(per_interview, 3), "requests", "<= 0.1", per_interview <= 0.1),
            Figure(bench, "sitemaps first run: page requests per listed post (each read once)",
                   round(sitemap_pages / listed, 3), "requests", "<= 1.05", sitemap_pages / listed <= 1.05),
            Figure(bench, "sitemaps first run: discovery requests", discovery, "requests"),
            Figure(bench, "sitemaps: interviews found / REST (renamed slugs included)",
                   round(100 * site["new"] / archived, 1), "%", "100", site["new"] == archived),
            Figure(bench, "second run (unchanged): requests", second["requests"], "requests",
                   f"discovery only ({discovery_requests(first)})", second["requests"] == discovery_requests(first)),
            Figure(bench, "second run / first run time", round(100 * share, 1), "%", "< 5", share < 0.05),
            Figure(bench, "peak memory of the first run", round(peak / 1024), "MiB", "< 300", peak / 1024 < 300),
        ]
        # The archiver against a bare crawl of the same URLs, both at delay 0.
        fresh, _ = crawl(server.base_url, tmp / "zero.db", "-s", "DOWNLOAD_DELAY=0")
        urls = [r["url"] for r in Database(tmp / "zero.db").query("SELECT requested_url AS url FROM captures")]
        (tmp / "urls.txt").write_text("http://" + server.base_url[7:] + "/robots.txt\n" + "\n".join(urls) + "\n")
        run_child([sys.executable, "-m", "scrapy", "runspider", str(ROOT / "bench" / "bare_spider.py"),
                   "-a", f"urls={tmp / 'urls.txt'}", "-a", f"out={tmp / 'bare.json'}",
                   "-s", "DOWNLOAD_DELAY=0", "-s", "LOG_LEVEL=WARNING", "-s", "AUTOTHROTTLE_ENABLED=False",
                   # The archiver's request schedule (4 at a time, 1 per host), Scrapy's defaults
                   # otherwise: with its default 16 requests and 1 per host, Scrapy's engine
                   # waits ~70 ms between requests, which would flatter the archiver.
                   "-s", "CONCURRENT_REQUESTS=4", "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=1", "-s", "ROBOTSTXT_OBEY=True",
                   "-s", "TELNETCONSOLE_ENABLED=False"],
                  cwd=tmp)  # outside the project: no scrapy.cfg, so Scrapy's defaults, not ours
        bare = json.loads((tmp / "bare.json").read_text())
        ratio = fresh["stats"]["elapsed_time_seconds"] / bare["elapsed"]
        figures += [
            Figure("crawl/archiver vs bare Scrapy, delay 0", "archiver crawl time", round(fresh["stats"]["elapsed_time_seconds"], 2), "s"),
            Figure("crawl/archiver vs bare Scrapy, delay 0", "bare crawl time (same URLs)", round(bare["elapsed"], 2), "s"),
            Figure("crawl/archiver vs bare Scrapy, delay 0", "archiver / bare", round(ratio, 2), "x", "<= 1.25", ratio <= 1.25),
        ]
    return figures
