"""Crawl figures on the demo mirror enlarged to 1,000 posts (generated): requests per
archived interview by source, the second run on an unchanged site, peak memory; the
archiver against a bare Scrapy crawl of the same URLs (paired runs in alternation, A B A B,
each pair giving one ratio: medians with their range), in wall time and in CPU time; and
the growth curve of a crawl of 250, 1,000 and 4,000 interviews (time per post flat: linear).

The crawls run on every core (``all_cores``): the mirror's server and the crawler at once,
as a real crawl against a remote site does."""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from sqlite_utils import Database

from bench.common import Figure, all_cores
from mirror.content import load_posts
from mirror.generate import generated_posts
from mirror.server import running_mirror
from mirror.site import MirrorConfig

ROOT = Path(__file__).resolve().parent.parent
FAST = ["-s", "AUTOTHROTTLE_ENABLED=False", "-s", "DOWNLOAD_DELAY_JITTER=0",
        "-s", "WAYBACK_FALLBACK=False", "-s", "LOG_LEVEL=WARNING"]
# The bare crawl: Scrapy's defaults (run outside the project: no scrapy.cfg, no project
# settings) but the archiver's request schedule, 4 at a time and 1 per host: with Scrapy's
# default of 16 and 1 per host, its engine waits ~70 ms between requests, which would
# flatter the archiver. robots.txt is obeyed by both.
BARE = ["-s", "DOWNLOAD_DELAY=0", "-s", "LOG_LEVEL=WARNING", "-s", "AUTOTHROTTLE_ENABLED=False",
        "-s", "CONCURRENT_REQUESTS=4", "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=1", "-s", "ROBOTSTXT_OBEY=True",
        "-s", "TELNETCONSOLE_ENABLED=False"]
TARGET_RATIO = 1.25  # archiver / bare Scrapy wall time, issue 13
TARGET_GROWTH = 1.3  # time per post at the largest size / the smallest: linear
VERSUS = "crawl/archiver vs bare Scrapy, delay 0"


@dataclass
class Child:
    """How a child process ran: exit code, wall time (s), CPU time (user + sys, s), peak memory (KiB)."""

    code: int
    wall: float
    cpu: float
    peak: int


def run_child(args: list[str], cwd: Path = ROOT) -> Child:
    """Run a child process; return how it ran (its rusage from ``os.wait4``)."""
    env = {k: v for k, v in os.environ.items() if k != "SCRAPY_SETTINGS_MODULE"} | {"ESS_ARCHIVE_LOOPBACK_ONLY": "1"}
    start = time.perf_counter()
    process = subprocess.Popen(args, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    return Child(process.returncode, wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss)


def crawl(base: str, db_path: Path, *extra: str) -> tuple[dict, Child]:
    """Run ``ess-archive crawl``; return its run row (stats decoded) and how the child ran."""
    child = run_child([sys.executable, "-m", "crawler", "crawl", "--db", str(db_path),
                       "--start-url", base + "/", *FAST, *extra])
    if child.code != 0:
        raise RuntimeError(f"crawl exited {child.code}")
    row = list(Database(db_path).query("SELECT * FROM crawl_runs ORDER BY id DESC LIMIT 1"))[0]
    row["stats"] = json.loads(row["stats"])
    return row, child


def bare_crawl(urls: Path, tmp: Path) -> tuple[float, Child]:
    """Run the bare Scrapy spider over a file of URLs; return its crawl time and how it ran."""
    out = tmp / "bare.json"
    child = run_child([sys.executable, "-m", "scrapy", "runspider", str(ROOT / "bench" / "bare_spider.py"),
                       "-a", f"urls={urls}", "-a", f"out={out}", *BARE],
                      cwd=tmp)  # outside the project: no scrapy.cfg, so Scrapy's defaults, not ours
    if child.code != 0:
        raise RuntimeError(f"bare crawl exited {child.code}")
    return json.loads(out.read_text())["elapsed"], child


def spread(values: list[float]) -> str:
    """Return the range of paired ratios as text."""
    return f"{min(values):.2f} to {max(values):.2f}"


def versus_bare(base: str, tmp: Path, pairs: int) -> list[Figure]:
    """Return the archiver against a bare Scrapy crawl of the same URLs, in ``pairs``
    alternated runs (a first archiver run, not counted, gives the URLs). The crawl time is
    Scrapy's own (``elapsed_time_seconds``: engine start to spider closed, every page parsed
    and written); CPU is the child's user + system time, start-up included."""
    fresh, _ = crawl(base, tmp / "urls.db", "-s", "DOWNLOAD_DELAY=0")
    urls = [r["url"] for r in Database(tmp / "urls.db").query("SELECT requested_url AS url FROM captures")]
    listed = tmp / "urls.txt"
    listed.write_text(base + "/robots.txt\n" + "\n".join(urls) + "\n")
    walls, cpus, processes, ours, theirs = [], [], [], [], []
    for n in range(pairs):
        run, archiver = crawl(base, tmp / f"zero{n}.db", "-s", "DOWNLOAD_DELAY=0")
        elapsed, bare = bare_crawl(listed, tmp)
        walls.append(run["stats"]["elapsed_time_seconds"] / elapsed)
        cpus.append(archiver.cpu / bare.cpu)
        processes.append(archiver.wall / bare.wall)
        ours.append(run["stats"]["elapsed_time_seconds"])
        theirs.append(elapsed)
    wall, cpu = statistics.median(walls), statistics.median(cpus)
    return [
        Figure(VERSUS, "requests per crawl (same URLs)", fresh["requests"], "requests"),
        Figure(VERSUS, "archiver crawl time (median)", round(statistics.median(ours), 2), "s", spread(ours)),
        Figure(VERSUS, "bare crawl time (median)", round(statistics.median(theirs), 2), "s", spread(theirs)),
        Figure(VERSUS, f"archiver / bare, crawl wall time (median of {pairs} pairs)", round(wall, 2), "x",
               f"<= {TARGET_RATIO}", wall <= TARGET_RATIO),
        Figure(VERSUS, "archiver / bare, crawl wall time, range", round(max(walls) - min(walls), 2), "x",
               spread(walls)),
        Figure(VERSUS, "archiver / bare, CPU time of the process (user + sys, start-up included)",
               round(cpu, 2), "x", spread(cpus)),
        Figure(VERSUS, "archiver / bare, wall time of the process (start-up included)",
               round(statistics.median(processes), 2), "x", spread(processes)),
    ]


def growth(sizes: tuple[int, ...], repeats: int, tmp: Path) -> list[Figure]:
    """Return the crawl time of sites of ``sizes`` interviews (every post an interview,
    fetched and archived), the median of ``repeats`` fresh crawls each, and whether the time
    per post stays flat."""
    bench, figures, per_post = "crawl/growth, delay 0", [], []
    for size in sizes:
        posts = generated_posts(size, seed=13, interview_share=1.0)
        with running_mirror(MirrorConfig(posts=posts)) as server:
            times = []
            for n in range(repeats):
                run, _ = crawl(server.base_url, tmp / f"g{size}-{n}.db", "-s", "DOWNLOAD_DELAY=0")
                times.append(run["stats"]["elapsed_time_seconds"])
        seconds = statistics.median(times)
        per_post.append(seconds / size)
        figures.append(Figure(bench, f"{run['new']} interviews of {size} posts", round(seconds, 2), "s"))
    ratio = per_post[-1] / per_post[0]
    figures += [
        Figure(bench, f"time per post, {sizes[-1]} vs {sizes[0]}", round(ratio, 2), "x",
               f"<= {TARGET_GROWTH} (linear)", ratio <= TARGET_GROWTH),
        Figure(bench, f"time per post at {sizes[-1]}", round(1000 * per_post[-1], 2), "ms"),
    ]
    return figures


def discovery_requests(run: dict) -> int:
    """Return the requests that were neither article pages nor pictures."""
    return (run["requests"] - run["new"] - run["updated"] - run["unchanged"] + run["stats"].get("ess/outcome/seen", 0)
            - run["stats"].get("ess/pictures/requested", 0))


def run(quick: bool = False) -> list[Figure]:
    """Measure the crawls."""
    posts = load_posts() + generated_posts(200 if quick else 980, seed=11)
    delay = "0.02" if quick else "0.05"
    figures: list[Figure] = []
    with all_cores(), running_mirror(MirrorConfig(posts=posts)) as server, tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        first, child = crawl(server.base_url, tmp / "rest.db", "-s", f"DOWNLOAD_DELAY={delay}")
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
            Figure(bench, "peak memory of the first run", round(child.peak / 1024), "MiB", "< 300", child.peak / 1024 < 300),
        ]
        figures += versus_bare(server.base_url, tmp, 3 if quick else 5)
    with all_cores(), tempfile.TemporaryDirectory() as tmp:
        figures += growth((250, 1000) if quick else (250, 1000, 4000), 1 if quick else 3, Path(tmp))
    return figures
