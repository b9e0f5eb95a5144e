"""What every benchmark reports: named figures with their unit and target."""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass


@dataclass
class Figure:
    """One measured figure; ``target`` is the issue's goal as text, ``met`` whether it holds."""

    benchmark: str
    name: str
    value: float
    unit: str
    target: str = ""
    met: bool | None = None
    load: float | None = None  # the 1-minute load average while it was measured

    def as_dict(self) -> dict:
        """Return the figure as JSON-ready data."""
        return asdict(self)


def best_of(repeats: int, action: Callable[[], object]) -> float:
    """Return the shortest wall time of ``repeats`` runs of ``action`` (seconds)."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return min(times)


def paired(repeats: int, first, second) -> tuple[list[float], list[float]]:
    """Return the wall times of ``first`` and ``second`` run in alternation ``repeats`` times."""
    a, b = [], []
    for _ in range(repeats):
        for action, times in ((first, a), (second, b)):
            start = time.perf_counter()
            action()
            times.append(time.perf_counter() - start)
    return a, b


def one_core() -> str:
    """Pin this process to one CPU (Linux) so per-core figures mean what they say."""
    try:
        core = min(os.sched_getaffinity(0))
        os.sched_setaffinity(0, {core})
        return f"pinned to CPU {core}"
    except (AttributeError, OSError):
        return "not pinned"


@contextlib.contextmanager
def all_cores() -> Iterator[str]:
    """Let this process (and the children it starts meanwhile) run on every CPU for the
    ``with`` block: a crawl benchmark is a server and a crawler at once, which one pinned core
    would serialise. Yields how many cores."""
    try:
        pinned = os.sched_getaffinity(0)
        os.sched_setaffinity(0, range(os.cpu_count() or 1))
    except (AttributeError, OSError):
        yield "all cores"
        return
    try:
        yield f"{len(os.sched_getaffinity(0))} cores"
    finally:
        os.sched_setaffinity(0, pinned)
