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


class LockError(Exception):
    """The lock file cannot be used; the message is one line for the user."""


class LockHeld(LockError):
    """Another process holds the crawl lock; the message says which."""


def lock_path(db_path: str | Path) -> Path:
    """Return the lock file of an archive: beside the real file, so that two paths to one
    archive (a symbolic link) share one lock."""
    return Path(f"{Path(db_path).resolve()}.lock")


@contextlib.contextmanager
def crawl_lock(db_path: str | Path) -> Iterator[Path]:
    """Hold the crawl lock of an archive for the ``with`` block; raise LockHeld at once if
    another process holds it."""
    path = lock_path(db_path)
    if path.is_symlink() or (path.exists() and not path.is_file()):
        raise LockError(f"lock path {path} is not a plain file: remove it or choose another --db")
    try:
        handle = open(path, "a+", encoding="utf-8")  # noqa: SIM115 - kept open while locked
    except OSError as error:
        raise LockError(f"cannot create the lock file {path}: {error.strerror}") from error
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
