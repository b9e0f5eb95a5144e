"""Run every benchmark, print one table, and write it as JSON to ``bench/results/``.

Usage: python -m bench [--quick] [--only NAME]"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
from datetime import datetime, timezone
from importlib import metadata
from pathlib import Path

from bench import crawl, export, extraction, interface, load, reparse, search
from bench.common import Figure, one_core

BENCHMARKS = {"extraction": extraction.run, "crawl": crawl.run, "reparse": reparse.run, "search": search.run,
              "interface": interface.run, "export": export.run, "load": load.run}
RESULTS = Path(__file__).parent / "results"
LIBRARIES = ("scrapy", "lxml", "beautifulsoup4", "sqlite-utils", "datasette", "w3lib")


def machine() -> dict:
    """Return what the figures were measured on."""
    return {"cores": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform(),
            "libraries": {name: metadata.version(name) for name in LIBRARIES}}


def table(figures: list[Figure]) -> str:
    """Return the figures as an aligned text table."""
    rows = [("benchmark", "figure", "value", "unit", "target", "met", "load")]
    rows += [(f.benchmark, f.name, f"{f.value:g}", f.unit, f.target,
              "" if f.met is None else ("yes" if f.met else "NO"), "" if f.load is None else f"{f.load:g}")
             for f in figures]
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    return "\n".join("  ".join(cell.ljust(w) for cell, w in zip(row, widths)).rstrip() for row in rows)


def main() -> None:
    """Run the benchmarks asked for."""
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="fewer repeats (a smoke run)")
    parser.add_argument("--only", choices=sorted(BENCHMARKS), action="append")
    args = parser.parse_args()
    pinned = one_core()
    figures: list[Figure] = []
    for name in args.only or BENCHMARKS:
        print(f"running {name}...", file=sys.stderr, flush=True)
        load = os.getloadavg()[0]
        found = BENCHMARKS[name](quick=args.quick)
        for figure in found:  # the machine's load when each figure was measured
            figure.load = round(max(load, os.getloadavg()[0]), 2)
        figures += found
    info = machine() | {"pinning": pinned, "date": datetime.now(timezone.utc).isoformat(timespec="seconds")}
    print(f"{info['cores']} cores ({pinned}), Python {info['python']}, "
          + ", ".join(f"{k} {v}" for k, v in info["libraries"].items()))
    print(table(figures))
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "latest.json").write_text(json.dumps(
        {"machine": info, "figures": [f.as_dict() for f in figures]}, ensure_ascii=False, indent=2) + "\n")
    print(f"written to {RESULTS / 'latest.json'}")


if __name__ == "__main__":
    main()
