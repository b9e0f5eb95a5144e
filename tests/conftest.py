"""Shared fixtures: the demo mirror over real HTTP on 127.0.0.1, its expected content
(the ``expect:`` line each post file carries, written by hand), and a CLI runner."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from mirror.content import Post, load_posts
from mirror.server import MirrorServer, running_mirror
from mirror.site import MirrorConfig

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def posts() -> list[Post]:
    """Return every post of the demo mirror."""
    return load_posts()


@pytest.fixture(scope="session")
def interview_ids(posts: list[Post]) -> set[int]:
    """Return the ids of the mirror's interviews, as the post files declare them."""
    return {p.id for p in posts if p.expect == "interview"}


@pytest.fixture(scope="session")
def mirror() -> Iterator[MirrorServer]:
    """Serve the demo mirror on 127.0.0.1 for the whole session."""
    with running_mirror(MirrorConfig()) as server:
        yield server


@pytest.fixture
def make_mirror() -> Iterator:
    """Return a factory serving a mirror with a given configuration for one test."""
    with_blocks = []

    def start(**config: object) -> MirrorServer:
        context = running_mirror(MirrorConfig(**config))
        server = context.__enter__()
        with_blocks.append(context)
        return server

    yield start
    for context in reversed(with_blocks):
        context.__exit__(None, None, None)


def run_cli(*args: str, timeout: float = 180) -> subprocess.CompletedProcess:
    """Run ``python -m crawler ARGS`` in a child process and return what it did."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("ESS_ARCHIVE_")}
    env["ESS_ARCHIVE_LOOPBACK_ONLY"] = "1"  # a test never sends a request beyond this machine
    return subprocess.run([sys.executable, "-m", "crawler", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=timeout, check=False)


# Crawl settings for tests: no delay on loopback, and a Wayback stand-in address on loopback
# (nothing listens there unless a test starts one).
LOOPBACK_CRAWL = ("-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False",
                  "-s", "WAYBACK_BASE_URL=http://127.0.0.1:9")


@pytest.fixture(scope="session")
def archived(mirror, tmp_path_factory) -> Path:
    """Crawl the mirror once (auto: REST first) and return the archive's path. Tests that
    change the archive work on a copy (``copy_archive``)."""
    db_path = tmp_path_factory.mktemp("e2e") / "ess2024.db"
    done = run_cli("crawl", "--db", str(db_path), "--start-url", mirror.base_url + "/", *LOOPBACK_CRAWL)
    assert done.returncode == 0, done.stderr
    return db_path


def copy_archive(source: Path, target: Path) -> Path:
    """Copy an archive with SQLite's backup API (a WAL database is more than its file)."""
    with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
        src.backup(dst)
    return target


# Times and surrogate keys depend on when and in which order rows were written, not on content.
BOOKKEEPING = {"first_seen", "last_seen", "updated_at", "fetched_at", "capture_id", "run_id",
               "person_id", "organisation_id"}


def records(db_path: Path, tables: tuple[str, ...] = ("interviews", "qa"), drop: tuple[str, ...] = ()) -> dict[str, list]:
    """Return the content of record tables, bookkeeping (and ``drop``) aside, for comparing archives."""
    import json

    from sqlite_utils import Database

    db = Database(db_path)
    left_out = BOOKKEEPING | set(drop)
    return {t: sorted(json.dumps({k: v for k, v in r.items() if k not in left_out}, sort_keys=True, default=str)
                      for r in db[t].rows) for t in tables}
