"""At the end of a run: how complete the archive is against what the site lists, and which
archived interviews the site no longer has."""

from __future__ import annotations

from typing import Any

from sqlite_utils import Database

from db.store import mark_gone

MAX_MISSING_LISTED = 100


def key(url: str) -> str:
    """Return a URL without its trailing slash, for comparisons."""
    return url.rstrip("/")


def archived_urls(db: Database) -> dict[str, int]:
    """Return every URL an archived interview is known by (canonical, fetched, requested,
    Wayback original) with the interview's id."""
    known: dict[str, int] = {}
    for row in db.query("SELECT i.id, i.url, c.url AS fetched, c.requested_url, "
                        "json_extract(c.context, '$.original_url') AS original "
                        "FROM interviews i LEFT JOIN captures c ON c.id = i.capture_id"):
        for url in (row["url"], row["fetched"], row["requested_url"], row["original"]):
            if url:
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
    """Return the archived interviews the site no longer lists (only when this run's listing
    was complete) or that answered 404/410."""
    gone = set(report.get("gone_ids", []))
    if report.get("complete") and report.get("source") in ("rest", "sitemap", "feed", "archive"):
        current = db.execute("SELECT id FROM interviews WHERE gone_since IS NULL").fetchall()
        site_ids, site_urls = set(report.get("site_ids", [])), {key(u) for u in report.get("site_urls", [])}
        by_id = {}
        for url, interview_id in urls.items():
            by_id.setdefault(interview_id, set()).add(url)
        for (interview_id,) in current:
            listed = interview_id in site_ids if report["source"] == "rest" else bool(
                by_id.get(interview_id, set()) & site_urls)
            if not listed:
                gone.add(interview_id)
    return sorted(gone)


def close_listing(db: Database, report: dict[str, Any]) -> tuple[int, dict[str, Any]]:
    """Mark gone interviews and return (how many were newly marked, completeness)."""
    urls = archived_urls(db)
    marked = mark_gone(db, gone_interviews(db, report, urls))
    return marked, completeness(db, report, urls)
