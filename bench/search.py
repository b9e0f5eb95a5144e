"""Publication figures on a generated archive of 100,000 interviews (about 400,000 answers):
search latency for common and rare words through Datasette's client, interview page render
time, database size per interview."""

from __future__ import annotations

import asyncio
import random
import statistics
import tempfile
import time
from pathlib import Path

from sqlite_utils import Database

from bench.common import Figure
from db.migrations import migrate
from db.publish import make_datasette
from db.search import stem_text
from db.runs import optimize_search
from mirror.generate import FIRST, LAST, ORGS, QUESTIONS, ROLES, paragraph

RARE_WORD = "zéphyrine"     # planted in a handful of answers
COMMON_WORD = "bricothèque"  # planted in one answer in twenty (absent from the generator's words)
VERY_COMMON_WORD = "accompagne"  # a generator verb: in one answer in three (a worst case)
REPEATS = 40


def build(path: Path, interviews: int, seed: int = 99) -> None:
    """Write an archive of generated interviews straight into the tables (no crawl)."""
    rng = random.Random(seed)
    db = Database(path)
    db.enable_wal()
    migrate(db)
    batch_i, batch_q = [], []
    for k in range(1, interviews + 1):
        name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        year = 2019 + k * 6 // (interviews + 1)
        count = rng.choice([2, 3, 3, 3, 4, 5])
        batch_i.append({"id": k, "url": f"https://ess2024.example/{year}/01/01/entretien-{k}/",
                        "title": f"#3 questions à {name}, {rng.choice(ROLES)} chez {rng.choice(ORGS)}",
                        "interviewee": name, "organisation": rng.choice(ORGS), "published": f"{year}-03-01T10:00:00+01:00",
                        "language": "fr", "n_questions": count, "categories": "[]", "tags": "[]", "images": "[]",
                        "warnings": "[]", "content_hash": str(k)})
        for n in range(1, count + 1):
            answer = paragraph(rng) + (f" Une {RARE_WORD} passait par là." if k % 20000 == 7 else "") \
                + (f" La {COMMON_WORD} en parle." if rng.random() < 0.05 else "")
            question = rng.choice(QUESTIONS)
            batch_q.append({"interview_id": k, "n": n, "question": question, "answer": answer,
                            "answer_html": f"<p>{answer}</p>", "stemmed": stem_text(f"{question} {answer}")})
        if len(batch_i) >= 2000:
            flush(db, batch_i, batch_q)
    flush(db, batch_i, batch_q)
    optimize_search(db)  # as every crawl run leaves it
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()


def flush(db: Database, interviews: list[dict], qa: list[dict]) -> None:
    """Insert a batch in one transaction."""
    with db.atomic():
        db["interviews"].insert_all(interviews, pk="id")
        db["qa"].insert_all(qa, pk=("interview_id", "n"))
    interviews.clear()
    qa.clear()


def latencies(datasette, paths: list[str]) -> list[float]:
    """Return the time of each GET through Datasette's client, in milliseconds."""
    async def run() -> list[float]:
        times = []
        for path in paths:
            start = time.perf_counter()
            response = await datasette.client.get(path)
            times.append((time.perf_counter() - start) * 1000)
            assert response.status_code == 200, (path, response.status_code)
        return times
    return asyncio.run(run())


def p95(values: list[float]) -> float:
    """Return the 95th percentile."""
    return statistics.quantiles(values, n=20)[-1]


def run(quick: bool = False) -> list[Figure]:
    """Build the archive and measure."""
    interviews = 10_000 if quick else 100_000
    figures = []
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "ess2024.db"
        start = time.perf_counter()
        build(path, interviews)
        built = time.perf_counter() - start
        answers = Database(path)["qa"].count
        datasette = make_datasette(path)
        latencies(datasette, ["/", "/ess2024/recherche_reponses.json?q=x&_shape=array"])  # warm up
        bench = f"search/{interviews:,} interviews, {answers:,} answers"
        for label, word in (("common word (1 answer in 20)", COMMON_WORD.replace("é", "e")),
                            ("rare word", RARE_WORD.replace("é", "e")),
                            ("very common word (1 answer in 3)", VERY_COMMON_WORD),
                            ("stemmed, common (1 answer in 20)", "bricothèques")):
            query = "recherche_racines" if label.startswith("stemmed") else "recherche_reponses"
            found = asyncio.run(datasette.client.get(f"/ess2024/{query}.json?q={word}&_shape=array")).json()
            assert found, f"{query} found nothing for {word}: the figure would mean nothing"
            times = latencies(datasette, [f"/ess2024/{query}.json?q={word}&_shape=array"] * REPEATS)
            figures += [Figure(bench, f"search {label}: p50", round(statistics.median(times), 1), "ms"),
                        Figure(bench, f"search {label}: p95", round(p95(times), 1), "ms", "< 50", p95(times) < 50)]
        rng = random.Random(1)
        pages = latencies(datasette, [f"/entretien/{rng.randint(1, interviews)}" for _ in range(REPEATS)])
        size = path.stat().st_size
        figures += [
            Figure(bench, "interview page: p50", round(statistics.median(pages), 1), "ms"),
            Figure(bench, "interview page: p95", round(p95(pages), 1), "ms", "< 100", p95(pages) < 100),
            Figure(bench, "database size per interview", round(size / interviews / 1024, 2), "KiB"),
            Figure(bench, "build time (generation + indexing)", round(built, 1), "s"),
        ]
    return figures
