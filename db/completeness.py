"""At the end of a run: how complete the archive is against what the site lists, and which
archived interviews the site no longer has. Only a listing complete by its own evidence
(``spiders/listing.py``: totals present and matched, every page read) marks anything gone;
a 404/410 or a redirect away of an interview's own URL is marked when it is archived
(``db/store.py``)."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from sqlite_utils import Database

from db.store import mark_gone

MAX_MISSING_LISTED = 100


def key(url: str) -> str:
    """Return what identifies a URL within one site: its path and query, without a trailing
    slash (the site may be reached under several host names)."""
    parts = urlsplit(url)
    return (parts.path.rstrip("/") or "/") + (f"?{parts.query}" if parts.query else "")


def archived_urls(db: Database) -> dict[str, int]:
    """Return every URL an archived interview is known by (canonical, fetched, requested,
    Wayback original) with the interview's id."""
    known: dict[str, int] = {}
    for row in db.query("SELECT i.id, i.url, c.url AS fetched, c.requested_url, "
                        "json_extract(c.context, '$.original_url') AS original "
                        "FROM interviews i LEFT JOIN captures c ON c.id = i.capture_id"):
        for url in (row["url"], row["fetched"], row["requested_url"], row["original"]):
            if url and "/web/" not in urlsplit(url).path[:5]:
                known[key(url)] = row["id"]
    return known


def completeness(db: Database, report: dict[str, Any], urls: dict[str, int]) -> dict[str, Any]:
    """Return, per source, how many interviews it lists, how many are archived (``urls``:
    what ``archived_urls`` returns) and which are missing."""
    ids = {r[0] for r in db.execute("SELECT id FROM interviews")}
    figures: dict[str, Any] = {}
    for source, keys in report.get("listed", {}).items():
        missing = [k for k in keys if not (int(k[3:]) in ids if k.startswith("id:") else key(k) in urls)]
        figures[source] = {"listed": len(keys), "archived": len(keys) - len(missing),
                           "missing": missing[:MAX_MISSING_LISTED]}
    return figures


def gone_interviews(db: Database, report: dict[str, Any], urls: dict[str, int]) -> list[int]:
    """Return the archived interviews a complete listing no longer names (none when the
    listing cannot prove it, or names none of the archived interviews at all)."""
    if report.get("incomplete") or report.get("unproven"):
        return []
    current = [r[0] for r in db.execute("SELECT id FROM interviews WHERE gone_since IS NULL")]
    if report.get("source") == "rest":
        listed = set(report.get("site_ids", []))
        gone = [i for i in current if i not in listed]
    else:
        by_id: dict[int, set[str]] = {}
        for url, interview_id in urls.items():
            by_id.setdefault(interview_id, set()).add(url)
        site = {key(u) for u in report.get("site_urls", [])}
        gone = [i for i in current if not by_id.get(i, set()) & site]
    # A listing that names none of what is archived is another site, or not the listing.
    return [] if current and len(gone) == len(current) else sorted(gone)


def close_listing(db: Database, report: dict[str, Any]) -> tuple[int, dict[str, Any]]:
    """Mark gone interviews and return (how many were newly marked, completeness)."""
    urls = archived_urls(db)
    with db.atomic():
        marked = mark_gone(db, gone_interviews(db, report, urls))
    return marked, completeness(db, report, urls)
