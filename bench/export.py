"""Export figures: the SQL dump of a generated archive of 4,000 interviews (built through the
crawl's own path, raw captures included) against the ``sqlite3`` shell's ``.dump`` of the same
file (issue target: at most 1.5x). Both write to a file; timed in alternation (A B A B), the
median of the pairs reported with its range."""

from __future__ import annotations

import shutil
import statistics
import subprocess
import tempfile
from pathlib import Path

from sqlite_utils import Database

from bench.common import Figure, paired
from bench.reparse import build_archive
from db.export.sqlite_copy import export_sql

TARGET_RATIO = 1.5


def run(quick: bool = False) -> list[Figure]:
    """Build the archive and time both dumps."""
    size, repeats = (1000, 3) if quick else (4000, 7)
    bench = f"export/{size} generated interviews"
    shell = shutil.which("sqlite3")
    if shell is None:  # run.sh bench installs it; a bare `python -m bench` may lack it
        return [Figure(bench, "SQL dump / sqlite3 .dump: not measured, the sqlite3 shell is not installed",
                       0, "x", f"<= {TARGET_RATIO}", False)]
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        build_archive(tmp / "archive.db", size)
        db = Database(tmp / "archive.db")

        def ours() -> None:
            export_sql(db, tmp / "ours", "archive")

        def theirs() -> None:
            with (tmp / "shell.sql").open("wb") as out:
                subprocess.run([shell, str(tmp / "archive.db"), ".dump"], stdout=out, check=True)

        mine, shells = paired(repeats, ours, theirs)
        ratios = [a / b for a, b in zip(mine, shells)]
        ratio = statistics.median(ratios)
        ours_size, shell_size = (tmp / "ours" / "archive.sql").stat().st_size, (tmp / "shell.sql").stat().st_size
        db.close()
    return [
        Figure(bench, "SQL dump (export --format sql)", round(statistics.median(mine), 3), "s"),
        Figure(bench, "sqlite3 .dump of the same file", round(statistics.median(shells), 3), "s"),
        Figure(bench, f"SQL dump / sqlite3 .dump (median of {repeats} pairs)", round(ratio, 2), "x",
               f"<= {TARGET_RATIO}", ratio <= TARGET_RATIO),
        Figure(bench, "SQL dump / sqlite3 .dump, range", round(max(ratios) - min(ratios), 2), "x",
               f"{min(ratios):.2f} to {max(ratios):.2f}"),
        Figure(bench, "dump sizes (ours / sqlite3's, which also holds the search indexes' tables)",
               round(ours_size / shell_size, 2), "x"),
    ]
