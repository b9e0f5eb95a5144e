"""What the crawler asks the archive before fetching (read-only): the validators of a URL,
what an interview looked like last time, cached answers. The crawl state lives in the
archive itself, so every run is safe to repeat and nothing else needs resuming."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from pathlib import Path

from sqlite_utils import Database

from db.store import capture_body


class ArchiveState:
    """Read-only questions to the archive at ``path`` (empty answers when it is new)."""

    def __init__(self, path: str | Path) -> None:
        self.db = Database(path) if Path(path).is_file() else None
        if self.db is not None:
            self.db.execute("PRAGMA busy_timeout = 30000")
        self.tables = set(self.db.table_names()) if self.db is not None else set()
        # An archive of an older schema (migrated by the crawl's writer) may lack the column.
        self.has_gone = "interviews" in self.tables and "gone_since" in {c.name for c in self.db["interviews"].columns}

    def close(self) -> None:
        """Close the connection."""
        if self.db is not None:
            self.db.close()

    def validators(self, url: str) -> dict[str, str]:
        """Return the conditional-request headers for ``url`` from its latest 200 capture."""
        if "captures" not in self.tables:
            return {}
        # The capture the archived interview was read from: a bad capture (cut short, binary)
        # must never stand for the page in a conditional request, or a 304 would keep the
        # interview out of the archive. A page that is simply not an interview may use its
        # latest capture.
        row = self.db.execute("SELECT c.headers FROM interviews i JOIN captures c ON c.id = i.capture_id "
                              "WHERE c.url = ? ORDER BY c.id DESC LIMIT 1", [url]).fetchone()
        if not row and "rejects" in self.tables:
            code = self.db.execute("SELECT code FROM rejects WHERE url = ?", [url]).fetchone()
            if code and code[0] == "not-series":
                row = self.db.execute("SELECT headers FROM captures WHERE url = ? AND status = 200 "
                                      "ORDER BY id DESC LIMIT 1", [url]).fetchone()
        if not row:
            return {}
        headers = {k.lower(): v for k, v in json.loads(row[0] or "{}").items()}
        found = {}
        if headers.get("etag"):
            found["If-None-Match"] = headers["etag"]
        if headers.get("last-modified"):
            found["If-Modified-Since"] = headers["last-modified"]
        return found

    def settled_sha256(self, url: str) -> set[str]:
        """Return the hashes of bytes at ``url`` that need no second reading: the capture an
        archived interview came from, and a latest capture that is simply not of the series.
        Bytes that were refused (a login wall, a soft-404) are read again, so their
        rejection is recorded on every run while it lasts."""
        if "captures" not in self.tables:
            return set()
        found = {r[0] for r in self.db.execute(
            "SELECT c.sha256 FROM captures c JOIN interviews i ON i.capture_id = c.id WHERE c.url = ?", [url])}
        if "rejects" in self.tables:
            # Not at an archived interview's URL: there, a page "not of the series" (a login
            # wall titled otherwise) is a refusal to repeat on every run.
            row = self.db.execute("SELECT c.sha256 FROM rejects r JOIN captures c ON c.id = r.capture_id "
                                  "WHERE r.url = ? AND r.code = 'not-series' AND NOT EXISTS "
                                  "(SELECT 1 FROM interviews i WHERE i.url = r.url OR i.id = r.post_id)",
                                  [url]).fetchone()
            if row:
                found.add(row[0])
        return found

    def interview_modified(self, post_id: int) -> tuple[str | None, bool] | None:
        """Return (WordPress ``modified``, gone) of an archived interview, or None."""
        if "interviews" not in self.tables:
            return None
        gone = "gone_since" if self.has_gone else "NULL"
        row = self.db.execute(f"SELECT modified, {gone} FROM interviews WHERE id = ?", [post_id]).fetchone()
        return (row[0], row[1] is not None) if row else None

    def last_fetched(self, url: str) -> str | None:
        """Return when ``url`` was last fetched with status 200 (ISO 8601 UTC)."""
        if "captures" not in self.tables:
            return None
        row = self.db.execute("SELECT max(last_seen) FROM captures WHERE url = ? AND status = 200",
                              [url]).fetchone()
        return row[0] if row else None

    def cached_body(self, url: str, max_age: timedelta) -> bytes | None:
        """Return the body of a capture of ``url`` fetched within ``max_age``, if any."""
        if "captures" not in self.tables:
            return None
        since = (datetime.now(timezone.utc) - max_age).replace(microsecond=0).isoformat()
        rows = list(self.db.query("SELECT body FROM captures WHERE url = ? AND status = 200 "
                                  "AND last_seen >= ? ORDER BY id DESC LIMIT 1", [url, since]))
        return capture_body(rows[0]) if rows else None
