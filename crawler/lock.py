"""One crawl at a time per archive: an advisory lock on ``<archive>.lock``.

``flock`` locks belong to the process: the kernel releases them when it dies, even by
SIGKILL, so a lock file left by a killed run is simply taken over by the next one."""

from __future__ import annotations

import contextlib
import fcntl
import os
from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path


class LockHeld(Exception):
    """Another process holds the crawl lock; the message says which."""


def lock_path(db_path: str | Path) -> Path:
    """Return the lock file of an archive."""
    return Path(f"{db_path}.lock")


@contextlib.contextmanager
def crawl_lock(db_path: str | Path) -> Iterator[Path]:
    """Hold the crawl lock of an archive for the ``with`` block; raise LockHeld at once if
    another process holds it."""
    path = lock_path(db_path)
    handle = open(path, "a+", encoding="utf-8")  # noqa: SIM115 - kept open while locked
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "another process"
            raise LockHeld(f"another crawl holds {path} ({holder})") from None
        handle.seek(0)
        handle.truncate()
        handle.write(f"pid {os.getpid()} since {datetime.now(timezone.utc).isoformat(timespec='seconds')}")
        handle.flush()
        yield path
    finally:
        handle.close()  # releases the lock
