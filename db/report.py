"""Figures about the archive, for ``ess-archive stats``."""

from __future__ import annotations

import json

from sqlite_utils import Database

from db.migrations import schema_version

TABLES = ("interviews", "qa", "captures", "crawl_runs", "rejects")


def archive_stats(db: Database, last_runs: int = 5) -> dict:
    """Return counts per table, the last runs and the problems found."""
    existing = set(db.table_names())
    counts = {t: db[t].count for t in TABLES if t in existing}
    runs = list(db.query(
        "SELECT id, started, finished, status, source, requests, new, updated, unchanged, gone, "
        "skipped, rejected, errors, completeness, message FROM crawl_runs ORDER BY id DESC LIMIT ?",
        [last_runs])) if "crawl_runs" in existing else []
    for run in runs:
        run["completeness"] = json.loads(run["completeness"] or "{}")
    gone = [r["id"] for r in db.query("SELECT id FROM interviews WHERE gone_since IS NOT NULL ORDER BY id")] \
        if "interviews" in existing else []
    rejects = {r["code"]: r["n"] for r in db.query(
        "SELECT code, count(*) AS n FROM rejects GROUP BY code ORDER BY n DESC")} \
        if "rejects" in existing else {}
    warned = list(db.query(
        "SELECT id, url, warnings FROM interviews WHERE warnings NOT IN ('[]', '') ORDER BY id")) \
        if "interviews" in existing else []
    return {"schema": schema_version(db), "counts": counts, "last_runs": runs,
            "rejects_by_code": rejects, "interviews_with_warnings": warned, "gone_from_site": gone}


def format_stats(figures: dict) -> str:
    """Return the figures as a short plain-text report."""
    lines = [f"schema: {figures['schema']}", "tables:"]
    lines += [f"  {name:<12} {count:>8}" for name, count in figures["counts"].items()]
    lines.append("last runs:")
    for run in figures["last_runs"]:
        lines.append(f"  #{run['id']} {run['started']} {run['status']:<13} {run['message'] or ''}")
        for source, done in (run["completeness"] or {}).items():
            missing = f"; missing: {', '.join(done['missing'][:5])}" if done["missing"] else ""
            lines.append(f"      {source}: {done['archived']} of {done['listed']} listed interviews archived{missing}")
    if not figures["last_runs"]:
        lines.append("  (none)")
    lines.append("rejected pages by reason:")
    lines += [f"  {code:<20} {n:>6}" for code, n in figures["rejects_by_code"].items()] or ["  (none)"]
    lines.append(f"interviews gone from the site (kept): {len(figures['gone_from_site'])}")
    lines.append(f"interviews with warnings: {len(figures['interviews_with_warnings'])}")
    lines += [f"  {w['id']} {w['url']}: {w['warnings']}" for w in figures["interviews_with_warnings"]]
    return "\n".join(lines)
