"""Load test over real HTTP: the archive served as ``ess-archive serve`` serves it (Datasette
under uvicorn, 127.0.0.1, a free port), 20 clients (each pausing 0.1-0.5 s between pages, as readers do) for 20 seconds mixing searches (every
search path, rare to very common words) and interview pages, while a writer process updates
and adds interviews in one transaction each, as a crawl does. Reports requests/s, p95 per
kind of page (interview pages: target < 20 ms), errors (target 0), the writer's transactions
and the size of the write-ahead log it leaves."""

from __future__ import annotations

import asyncio
import multiprocessing
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
from sqlite_utils import Database

from bench.common import Figure
from bench.search import SEARCH_PATHS, WORDS, build, p95
from db.search import stem_text

CLIENTS, SECONDS = 20, 20.0
# Each client reads a page, then pauses as a reader does (uniform, seconds): 20 clients that
# never pause saturate any server, and their latency is then only the queue (Little's law).
PAUSE = (0.1, 0.5)
WRITES_PER_SECOND = 20


def free_port() -> int:
    """Return a TCP port free on 127.0.0.1."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def write(path: str, interviews: int, seconds: float, done) -> None:
    """Update an interview's answers and add a new one, one transaction each, for ``seconds``."""
    db = Database(path)
    db.execute("PRAGMA busy_timeout = 30000")
    rng, new_id, count, end = random.Random(7), interviews + 1, 0, time.monotonic() + seconds
    while time.monotonic() < end:
        k = rng.randint(1, interviews)
        with db.atomic():  # an edited interview: its answers replaced, as the store does
            rows = list(db.query("SELECT * FROM qa WHERE interview_id = ?", [k]))
            db.execute("DELETE FROM qa WHERE interview_id = ?", [k])
            for row in rows:
                row["answer"] += " Mise à jour."
                row["stemmed"] = stem_text(f"{row['question']} {row['answer']}")
            db["qa"].insert_all(rows, pk=("interview_id", "n"))
        with db.atomic():  # a new interview
            db["interviews"].insert({"id": new_id, "url": f"https://ess2024.example/neuf/{new_id}/",
                                     "title": f"#3 questions à Nouvelle Personne {new_id}", "interviewee": "Nouvelle",
                                     "published": "2025-01-01T10:00:00+01:00", "n_questions": 1}, pk="id")
            db["qa"].insert({"interview_id": new_id, "n": 1, "question": "Qui êtes-vous ?",
                             "answer": "Une association qui accompagne les habitants.",
                             "stemmed": stem_text("Qui êtes-vous ? Une association qui accompagne les habitants.")},
                            pk=("interview_id", "n"))
        new_id, count = new_id + 1, count + 2
        time.sleep(1 / WRITES_PER_SECOND)
    done.value = count


async def clients(base: str, interviews: int, seconds: float) -> dict[str, list]:
    """Return the latencies (ms) of each kind of request and the errors met."""
    found: dict[str, list] = {"search": [], "interview": [], "errors": []}
    searches = [t.format(w=w) for t in SEARCH_PATHS.values() for _, w in WORDS]
    # The clients are made, and every page asked once, before the clock starts: making an
    # httpx client costs ~20 ms of this process's own time, which would count in the first
    # requests of the others (a 0.5 s stall of the benchmark, not of the server).
    https = [httpx.AsyncClient(base_url=base, timeout=30) for _ in range(CLIENTS)]
    for path in searches + ["/entretien/1"]:
        await https[0].get(path)
    end = time.monotonic() + seconds

    async def client(n: int, http: httpx.AsyncClient) -> None:
        rng = random.Random(n)
        while time.monotonic() < end:
            kind = "search" if rng.random() < 0.5 else "interview"
            path = rng.choice(searches) if kind == "search" else f"/entretien/{rng.randint(1, interviews)}"
            start = time.perf_counter()
            try:
                response = await http.get(path)
                if response.status_code != 200:
                    found["errors"].append(f"{response.status_code} {path}")
            except httpx.HTTPError as error:
                found["errors"].append(f"{type(error).__name__} {path}")
            found[kind].append((time.perf_counter() - start) * 1000)
            await asyncio.sleep(rng.uniform(*PAUSE))

    try:
        await asyncio.gather(*(client(n, http) for n, http in enumerate(https)))
    finally:
        for http in https:
            await http.aclose()
    return found


def every_core() -> None:
    """Let the server use every core (the benchmark itself is pinned to one)."""
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, range(os.cpu_count() or 1))


def wait_for(base: str, server: subprocess.Popen) -> None:
    """Wait until the server answers (or fail if it died)."""
    for _ in range(300):
        if server.poll() is not None:
            raise RuntimeError("the Datasette server exited")
        try:
            if httpx.get(base + "/", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            time.sleep(0.1)
    raise RuntimeError("the Datasette server did not answer")


def run(quick: bool = False) -> list[Figure]:
    """Serve a generated archive, load it while a writer writes, and report."""
    interviews, seconds = (12_000, 5.0) if quick else (120_000, SECONDS)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "ess2024.db"
        build(path, interviews)
        answers = Database(path)["qa"].count
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        server = subprocess.Popen([sys.executable, "-c", "import sys; from db.publish import serve; "
                                   "serve(sys.argv[1], port=int(sys.argv[2]))", str(path), str(port)],
                                  stdout=subprocess.DEVNULL, preexec_fn=every_core)
        try:
            wait_for(base, server)
            spawn = multiprocessing.get_context("spawn")  # a fresh process, as a cron crawl is
            done = spawn.Value("i", 0)
            writer = spawn.Process(target=write, args=(str(path), interviews, seconds,
                                                                                    done))
            writer.start()
            start = time.perf_counter()
            found = asyncio.run(clients(base, interviews, seconds))
            elapsed = time.perf_counter() - start
            writer.join(timeout=60)
            wal = Path(f"{path}-wal")
            wal_mb = wal.stat().st_size / 1e6 if wal.exists() else 0.0
        finally:
            server.terminate()
            server.wait(timeout=30)
    bench = f"load/{answers:,} answers, {CLIENTS} clients, {seconds:g} s, writer on"
    total = len(found["search"]) + len(found["interview"])
    return [
        Figure(bench, "requests per second", round(total / elapsed, 1), "req/s"),
        Figure(bench, f"interview pages: p95 (p50 {statistics.median(found['interview']):.1f})",
               round(p95(found["interview"]), 1), "ms p95", "< 20", p95(found["interview"]) < 20),
        Figure(bench, f"searches: p95 (p50 {statistics.median(found['search']):.1f})", round(p95(found["search"]), 1),
               "ms p95"),
        Figure(bench, "errors", len(found["errors"]), "requests", "0", not found["errors"]),
        Figure(bench, "writer transactions committed", done.value, "transactions"),
        # SQLite checkpoints every 1,000 pages: the WAL stays a few MB, whatever the run's length.
        Figure(bench, "write-ahead log at the end", round(wal_mb, 1), "MB"),
    ]
