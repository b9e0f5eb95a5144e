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
from db.figures import save_figures
from db.runs import optimize_search
from mirror.generate import FIRST, LAST, ORGS, QUESTIONS, ROLES, paragraph

# Each is in as many interviews' intros as answers (planted there), for the interviews' own search.
RARE_WORD = "zéphyrine"     # planted in a handful of answers
COMMON_WORD = "bricothèque"  # planted in one answer in twenty (absent from the generator's words)
VERY_COMMON_WORD = "accompagne"  # a generator verb: in one answer in three (a worst case)
REPEATS = 20


def build(path: Path, interviews: int, seed: int = 99) -> None:
    """Write an archive of generated interviews straight into the tables (no crawl)."""
    rng = random.Random(seed)
    # The intros have their own stream, so the answers are those of the seed alone.
    intros = random.Random(seed + 1)
    db = Database(path)
    db.enable_wal()
    migrate(db)
    batch_i, batch_q = [], []
    for k in range(1, interviews + 1):
        name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        year = 2019 + k * 6 // (interviews + 1)
        count = rng.choice([2, 3, 3, 3, 4, 5])
        intro = "Entretien." + (f" Une {RARE_WORD} passait par là." if k % 20000 == 7 else "") \
            + (f" La {COMMON_WORD} en parle." if intros.random() < 0.05 else "") \
            + (f" Elle {VERY_COMMON_WORD} les habitants." if intros.random() < 1 / 3 else "")
        batch_i.append({"id": k, "url": f"https://ess2024.example/{year}/01/01/entretien-{k}/",
                        "title": f"#3 questions à {name}, {rng.choice(ROLES)} chez {rng.choice(ORGS)}",
                        "interviewee": name, "organisation": rng.choice(ORGS), "published": f"{year}-03-01T10:00:00+01:00",
                        "intro": intro, "language": "fr", "n_questions": count, "categories": "[]", "tags": "[]",
                        "images": "[]", "warnings": "[]", "content_hash": str(k)})
        for n in range(1, count + 1):
            answer = paragraph(rng) + (f" Une {RARE_WORD} passait par là." if k % 20000 == 7 else "") \
                + (f" La {COMMON_WORD} en parle." if rng.random() < 0.05 else "")
            question = rng.choice(QUESTIONS)
            batch_q.append({"interview_id": k, "n": n, "question": question, "answer": answer,
                            "answer_html": f"<p>{answer}</p>", "stemmed": stem_text(f"{question} {answer}")})
        if len(batch_i) >= 2000:
            flush(db, batch_i, batch_q)
    flush(db, batch_i, batch_q)
    optimize_search(db)  # as every crawl run leaves it, with its figures
    save_figures(db)
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


# Every search a reader can start, by the word it looks for ({w}).
SEARCH_PATHS = {
    "/recherche": "/recherche?q={w}",
    "/recherche.json": "/recherche.json?q={w}",
    "qa.json?_search": "/ess2024/qa.json?_search={w}",
    "interviews.json?_search": "/ess2024/interviews.json?_search={w}",
    "recherche_reponses": "/ess2024/recherche_reponses.json?q={w}&_shape=array",
    "recherche_racines": "/ess2024/recherche_racines.json?q={w}&_shape=array",
}
WORDS = (("rare", RARE_WORD.replace("é", "e")), ("common (1 answer in 20)", COMMON_WORD.replace("é", "e")),
         ("very common (1 answer in 3)", VERY_COMMON_WORD))
SIZES = (12_000, 120_000)  # about 40,000 and 400,000 answers


def measure(path: Path, interviews: int, repeats: int) -> tuple[list[Figure], dict[str, float]]:
    """Return the figures of one archive and the median cost of each search (ms)."""
    answers = Database(path)["qa"].count
    datasette = make_datasette(path)
    latencies(datasette, ["/", "/ess2024/recherche_reponses.json?q=x&_shape=array"])  # warm up
    bench = f"search/{answers:,} answers"
    figures, medians = [], {}
    for label, word in WORDS:
        found = asyncio.run(datasette.client.get(f"/ess2024/recherche_reponses.json?q={word}&_shape=array")).json()
        assert found, f"recherche_reponses found nothing for {word}: the figures would mean nothing"
        titles = asyncio.run(datasette.client.get(f"/ess2024/interviews.json?_search={word}&_shape=array")).json()
        assert titles, f"interviews.json?_search found nothing for {word}: the figures would mean nothing"
        urls = [template.format(w=word) for template in SEARCH_PATHS.values()]
        times = {name: [] for name in SEARCH_PATHS}
        for _ in range(repeats):  # the paths alternated, so a burst of load hits them all alike
            for name, t in zip(SEARCH_PATHS, latencies(datasette, urls)):
                times[name].append(t)
        for name, values in times.items():
            medians[f"{name} {label}"] = statistics.median(values)
            figures.append(Figure(bench, f"{name}, {label} word: p95 (p50 {statistics.median(values):.1f})",
                                  round(p95(values), 1), "ms p95", "< 50", p95(values) < 50))
    rng = random.Random(1)
    pages = latencies(datasette, [f"/entretien/{rng.randint(1, interviews)}" for _ in range(repeats * 2)])
    home = latencies(datasette, ["/"] * repeats * 2)
    figures += [
        Figure(bench, f"home page: p95 (p50 {statistics.median(home):.1f})", round(p95(home), 1), "ms p95", "< 20",
               p95(home) < 20),
        Figure(bench, f"interview page: p95 (p50 {statistics.median(pages):.1f})", round(p95(pages), 1), "ms p95",
               "< 20", p95(pages) < 20),
        Figure(bench, "database size per interview", round(path.stat().st_size / interviews / 1024, 2), "KiB"),
    ]
    return figures, medians


def run(quick: bool = False) -> list[Figure]:
    """Build the archives (about 40,000 and 400,000 answers), measure each, and give the
    growth of each search's cost between them."""
    sizes = (1_200, 12_000) if quick else SIZES
    repeats = 10 if quick else REPEATS
    figures, medians = [], []
    with tempfile.TemporaryDirectory() as tmp:
        for interviews in sizes:
            path = Path(tmp) / f"{interviews}" / "ess2024.db"
            path.parent.mkdir()
            start = time.perf_counter()
            build(path, interviews)
            built = time.perf_counter() - start
            found, costs = measure(path, interviews, repeats)
            figures += found + [Figure(found[0].benchmark, "build time (generation + indexing)", round(built, 1), "s")]
            medians.append(costs)
            path.unlink()
    growth = sizes[1] / sizes[0]
    for name in medians[0]:
        ratio = medians[1][name] / max(medians[0][name], 0.05)
        figures.append(Figure("search/growth", f"{name}: cost at 10x the answers", round(ratio, 2), "x",
                              f"<= {growth:g} (linear or less)", ratio <= growth))
    return figures
