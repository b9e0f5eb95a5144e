"""All writes of captures and records, in one place: one transaction per capture, upserts on
stable ids, so running a crawl twice leaves the same archive.

``write_capture`` is the write rule: it takes a capture with its record (or rejection) and
decides against what is archived, in the transaction that writes:

- identity is the post id and the canonical URL together: a page claiming an id or a URL
  that another live interview holds is refused with its reason, never merged; a new id at
  the same URL is recorded as an id change;
- a newer record is never replaced by an older capture (a Wayback copy, an older
  ``modified``); an older copy only fills what the archive lacks;
- a page that is not the interview any more (login wall, soft-404, cut short, redirected
  elsewhere, 404) keeps the archived record and records why on the interview's own URL,
  on every run while it lasts; a 404/410 or a redirect elsewhere also marks it gone."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import zlib
from datetime import datetime, timezone

from sqlite_utils import Database

from crawler.items import PageCapture, PictureCapture, Rejection
from crawler.outcomes import Outcome
from crawler.parser.records import TRUNCATED, Interview, NotAnInterview
from db.archive import now
from db.research import name_ids, save_terms_and_images
from db.search import stem_text
from db.sql import insert_row, insert_rows

# Fields whose change makes an interview "updated"; bookkeeping columns are left out.
CONTENT_FIELDS = ("url", "title", "interviewee", "role", "organisation", "published",
                  "modified", "printed_date", "language", "intro", "outro", "qa", "categories",
                  "tags", "images", "name", "kind", "corrections")
GONE_STATUSES = (404, 410)
NEW_PARSER = "new parser"
CHANGED_ON_SITE = "changed on the site"
CORRECTED = "corrected by hand"


def save_capture(db: Database, capture: dict, run_id: int | None) -> int:
    """Store a fetched response (body compressed) and return its id; the same bytes at the
    same URL are stored once, later fetches only move ``last_seen``."""
    body: bytes = capture.get("body") or b""
    digest = hashlib.sha256(body).hexdigest()
    existing = db.execute("SELECT id FROM captures WHERE url = ? AND sha256 = ?",
                          [capture["url"], digest]).fetchone()
    seen = capture.get("fetched_at") or now()
    if existing:
        db.execute("UPDATE captures SET last_seen = ? WHERE id = ?", [seen, existing[0]])
        return existing[0]
    row = {
        "url": capture["url"], "requested_url": capture.get("requested_url"),
        "fetched_at": seen, "last_seen": seen, "status": capture.get("status", 200),
        "headers": json.dumps(capture.get("headers") or {}, ensure_ascii=False, sort_keys=True),
        "content_type": (capture.get("headers") or {}).get("Content-Type"),
        "body": zlib.compress(body), "body_size": len(body), "sha256": digest,
        "encoding": capture.get("encoding"), "source": capture.get("source"),
        "kind": capture.get("kind", "page"),
        "context": json.dumps(capture.get("context") or {}, ensure_ascii=False, sort_keys=True),
        "run_id": run_id,
    }
    return insert_row(db, "captures", row)


def capture_body(row: dict) -> bytes:
    """Return the raw bytes of a stored capture."""
    return zlib.decompress(row["body"]) if row.get("body") else b""


def plain(value):
    """Return a record's field as ``dataclasses.asdict`` gives it (its lists of QA and Image
    as dicts), without the deep copy asdict makes of every string."""
    if isinstance(value, list) and value and hasattr(value[0], "__dataclass_fields__"):
        return [{k: getattr(item, k) for k in item.__dataclass_fields__} for item in value]
    return value


def content_hash(record: Interview) -> str:
    """Return a hash of what an interview says (not of when it was seen)."""
    data = {k: plain(getattr(record, k)) for k in record.__dataclass_fields__ if k in CONTENT_FIELDS}
    return hashlib.sha256(json.dumps(data, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def synthetic_id(url: str) -> int:
    """Return a stable negative id for an interview whose WordPress post id is unknown."""
    return -int(hashlib.sha256(url.encode()).hexdigest()[:12], 16)


def interview_id(record: Interview) -> int:
    """Return the archive id of a record: its post id, else one derived from its URL."""
    return record.id if record.id is not None else synthetic_id(record.url)


def save_interview(db: Database, record: Interview, capture_id: int | None, source: str | None,
                   seen_at: str | None, reason: str | None = CHANGED_ON_SITE) -> Outcome:
    """Upsert an interview and its questions; return NEW, UPDATED or UNCHANGED. The
    replaced record is kept in ``versions`` with ``reason`` (None: the record only gains
    what the archived one lacked, ``only_completes``, and none is kept). ``seen_at`` None (``reparse``)
    keeps the recorded times."""
    iid = interview_id(record)
    digest = content_hash(record)
    stamp = now()
    old = db.execute("SELECT content_hash, first_seen, last_seen, capture_id, corrected FROM interviews "
                     "WHERE id = ?", [iid]).fetchone()
    corrected = json.dumps(record.corrections, ensure_ascii=False, sort_keys=True) if record.corrections else None
    if old and old[0] == digest:
        db.execute("UPDATE interviews SET last_seen = coalesce(?, last_seen), gone_since = NULL, "
                   "capture_id = ?, warnings = ? WHERE id = ?",
                   [seen_at, capture_id if seen_at else old[3], json.dumps(record.warnings, ensure_ascii=False), iid])
        return Outcome.UNCHANGED
    if old and (reason is not None or old[4] != corrected):
        keep_version(db, iid, stamp, CORRECTED if old[4] != corrected else reason)
    row = {
        "id": iid, "url": record.url, "title": record.title,
        "interviewee": record.interviewee, "name": getattr(record, "name", None),
        "kind": getattr(record, "kind", None), "role": record.role,
        "organisation": record.organisation, "published": record.published,
        "modified": record.modified, "printed_date": record.printed_date,
        "language": record.language, "intro": record.intro, "outro": getattr(record, "outro", None),
        "n_questions": record.n_questions,
        "categories": json.dumps(record.categories, ensure_ascii=False),
        "tags": json.dumps(record.tags, ensure_ascii=False),
        "images": json.dumps(plain(record.images), ensure_ascii=False),
        "source": source, "strategy": record.strategy, "parser_version": record.parser_version,
        "encoding": record.encoding, "warnings": json.dumps(record.warnings, ensure_ascii=False),
        "content_hash": digest, "capture_id": capture_id, "gone_since": None, "corrected": corrected,
        "first_seen": old[1] if old else (seen_at or stamp),
        "last_seen": seen_at or (old[2] if old else stamp), "updated_at": stamp,
    }
    row |= name_ids(db, row)
    insert_row(db, "interviews", row, conflict=("id",))
    db.execute("DELETE FROM qa WHERE interview_id = ?", [iid])
    insert_rows(db, "qa", ({"interview_id": iid, **qa, "stemmed": stem_text(f"{qa['question']} {qa['answer']}")}
                           for qa in plain(record.qa)))
    save_terms_and_images(db, row)
    link_pictures(db, iid)
    return Outcome.UPDATED if old else Outcome.NEW


def version_row(db: Database, iid: int, replaced_at: str, reason: str) -> dict:
    """Return the ``versions`` row of the archived interview and its questions as they are."""
    row = next(db.query("SELECT * FROM interviews WHERE id = ?", [iid]))
    qa = list(db.query("SELECT n, marker, question, answer, answer_html, speaker FROM qa "
                       "WHERE interview_id = ? ORDER BY n", [iid]))
    record = {k: v for k, v in row.items() if k not in ("first_seen", "last_seen", "updated_at")}
    return {"interview_id": iid, "content_hash": row["content_hash"],
            "capture_id": row["capture_id"], "first_seen": row["updated_at"] or row["first_seen"],
            "last_seen": row["last_seen"], "replaced_at": replaced_at,
            "record": json.dumps({**record, "qa": qa}, ensure_ascii=False, sort_keys=True), "reason": reason}


def keep_version(db: Database, iid: int, replaced_at: str, reason: str) -> None:
    """Copy the archived interview and its questions into ``versions`` before it changes."""
    insert_row(db, "versions", version_row(db, iid, replaced_at, reason))


def change_id(db: Database, old_id: int, new_id: int) -> None:
    """Move an archived interview, its questions and its history to the post id its page
    now carries; the record as it was is kept in ``versions``, saying the id changed. Call
    inside a transaction: the foreign keys are checked when it commits."""
    before = version_row(db, old_id, now(), f"post id changed from {old_id} to {new_id}")
    db.execute("PRAGMA defer_foreign_keys = ON")
    for table in ("qa", "images", "interview_categories", "interview_tags", "versions"):
        db.execute(f"UPDATE {table} SET interview_id = ? WHERE interview_id = ?", [new_id, old_id])
    db.execute("UPDATE interviews SET id = ? WHERE id = ?", [new_id, old_id])
    insert_row(db, "versions", {**before, "interview_id": new_id})


def mark_seen(db: Database, post_id: int, seen_at: str | None = None) -> bool:
    """Note that an interview is still on the site, unchanged, without fetching it again;
    return whether it is archived."""
    cursor = db.execute("UPDATE interviews SET last_seen = ?, gone_since = NULL WHERE id = ?",
                        [seen_at or now(), post_id])
    if cursor.rowcount:
        clear_rejects(db, [], post_id)  # an earlier failure is over
    return cursor.rowcount > 0


def mark_unchanged_capture(db: Database, url: str, seen_at: str | None = None) -> bool:
    """Note a ``304 Not Modified`` (or the same bytes as the capture a record came from):
    that capture and its interview were seen again, and an earlier failure there is over;
    return whether an interview was archived from ``url``."""
    seen_at = seen_at or now()
    rows = db.execute("SELECT i.id, c.id FROM interviews i JOIN captures c ON c.id = i.capture_id "
                      "WHERE c.url = ?", [url]).fetchall()
    for iid, capture_id in rows:
        db.execute("UPDATE captures SET last_seen = ? WHERE id = ?", [seen_at, capture_id])
        db.execute("UPDATE interviews SET last_seen = ?, gone_since = NULL WHERE id = ?", [seen_at, iid])
        clear_rejects(db, [url], iid)
    return bool(rows)


def mark_gone(db: Database, post_ids: list[int], when: str | None = None) -> int:
    """Mark archived interviews as gone from the site (never deleted); return how many
    were newly marked."""
    when = when or now()
    return sum(db.execute("UPDATE interviews SET gone_since = ? WHERE id = ? AND gone_since IS NULL",
                          [when, post_id]).rowcount for post_id in post_ids)


def save_reject(db: Database, rejection: NotAnInterview, *, url: str | None = None,
                source: str | None = None, capture_id: int | None = None,
                run_id: int | None = None) -> None:
    """Record why a page was not archived (one row per URL, latest reason)."""
    url = url or rejection.url
    stamp = now()
    old = db.execute("SELECT first_seen FROM rejects WHERE url = ?", [url]).fetchone()
    insert_row(db, "rejects", {
        "url": url, "post_id": rejection.id, "code": rejection.code, "reason": rejection.reason,
        "title": rejection.title, "source": source, "capture_id": capture_id, "run_id": run_id,
        "first_seen": old[0] if old else stamp, "last_seen": stamp,
    }, conflict=("url",))


def clear_rejects(db: Database, urls: list[str | None], iid: int | None = None) -> None:
    """Forget earlier failures at these URLs (and of this interview): it reads well again.
    A conflict is another page's claim to this interview's id, not a failure of its own: it
    stays until that page reads without the claim (at its own URL)."""
    for url in {u for u in urls if u}:
        db.execute("DELETE FROM rejects WHERE url = ?", [url])
    if iid is not None:
        db.execute("DELETE FROM rejects WHERE post_id = ? AND code != 'conflict'", [iid])


def save_corrections(db: Database, corrections: dict[int, list]) -> None:
    """Keep a copy of the corrections file in the ``corrections`` table (published and
    exported with the archive; the file stays the reference)."""
    with db.atomic():
        db.execute("DELETE FROM corrections")
        db["corrections"].insert_all(
            ({"post": c.post, "n": c.n, "field": c.field, "value": c.value, "who": c.who, "when": c.when,
              "why": c.why} for entries in corrections.values() for c in entries), pk="id")


# --- pictures ------------------------------------------------------------------------
def link_pictures(db: Database, iid: int) -> None:
    """Link the ``images`` rows of an interview to the pictures stored for their ``src``
    (the latest bytes of that URL), after the rows were rebuilt."""
    db.execute("UPDATE images SET picture_id = (SELECT max(p.id) FROM pictures p WHERE p.url = images.src) "
               "WHERE interview_id = ? AND src IS NOT NULL", [iid])


def missing_pictures(db: Database) -> list[str]:
    """Return the ``src`` of every picture of an archived interview with no stored picture
    (read-only: what the crawl fetches)."""
    tables = set(db.table_names())
    if not {"images", "pictures"} <= tables:
        return []
    return [r[0] for r in db.execute("SELECT DISTINCT src FROM images WHERE src IS NOT NULL "
                                     "AND picture_id IS NULL ORDER BY src")]


def write_picture(db: Database, picture: PictureCapture, run_id: int | None) -> str:
    """Store a picture's bytes (the same bytes at the same URL once, like captures) and link
    the ``images`` rows showing it, or record why it was refused, in one transaction; return
    "stored", "known" (those bytes were already stored) or "refused"."""
    with db.atomic():
        if picture.refusal is not None:
            code, reason = picture.refusal
            save_reject(db, NotAnInterview(code, reason, picture.url), source="picture", run_id=run_id)
            return "refused"
        digest = hashlib.sha256(picture.body).hexdigest()
        existing = db.execute("SELECT id FROM pictures WHERE url = ? AND sha256 = ?",
                              [picture.url, digest]).fetchone()
        if existing:
            picture_id, outcome = existing[0], "known"
            db.execute("UPDATE pictures SET last_seen = ? WHERE id = ?", [picture.fetched_at, picture_id])
        else:
            picture_id, outcome = insert_row(db, "pictures", {
                "url": picture.url, "fetched_url": picture.fetched_url or picture.url,
                "fetched_at": picture.fetched_at, "last_seen": picture.fetched_at, "status": picture.status,
                "content_type": picture.content_type,
                "headers": json.dumps(picture.headers, ensure_ascii=False, sort_keys=True),
                "body": picture.body, "body_size": len(picture.body), "sha256": digest, "run_id": run_id,
            }), "stored"
        db.execute("UPDATE images SET picture_id = ? WHERE src = ?", [picture_id, picture.url])
        clear_rejects(db, [picture.url])
        return outcome


# --- the decision ---------------------------------------------------------------------
def own_urls(capture: PageCapture) -> list[str]:
    """Return the URLs a capture speaks for: fetched, first asked for, Wayback original."""
    return [u for u in (capture.url, capture.requested_url, capture.context.get("original_url")) if u]


def slashless(urls: list[str]) -> list[str]:
    """Return the URLs with and without their trailing slash."""
    return sorted({v for u in urls for v in (u, u.rstrip("/"), u.rstrip("/") + "/")})


def archived_at(db: Database, urls: list[str]) -> dict | None:
    """Return the archived interview known by one of ``urls`` (its canonical URL, or the
    URL its capture was fetched or asked at), or None."""
    keys = slashless(urls)
    marks = ",".join("?" * len(keys))
    row = db.execute(
        f"SELECT id FROM interviews WHERE url IN ({marks}) UNION "
        f"SELECT i.id FROM captures c JOIN interviews i ON i.capture_id = c.id "
        f"WHERE c.url IN ({marks}) OR c.requested_url IN ({marks}) LIMIT 1", keys * 3).fetchone()
    return current_row(db, row[0]) if row else None


def current_row(db: Database, iid: int) -> dict | None:
    """Return an archived interview with what its capture says of when it was taken."""
    rows = list(db.query(
        "SELECT i.id, i.url, i.published, i.modified, i.categories, i.tags, i.content_hash, i.gone_since, "
        "i.capture_id, c.url AS fetched_url, "
        "c.requested_url, c.fetched_at, c.source AS capture_source, c.context "
        "FROM interviews i LEFT JOIN captures c ON c.id = i.capture_id WHERE i.id = ?", [iid]))
    return rows[0] if rows else None


def fetched_urls(row: dict) -> list[str]:
    """Return the addresses an archived interview was read from (fetched, asked for,
    Wayback original): not the canonical URL its page claims."""
    original = json.loads(row["context"] or "{}").get("original_url") if row.get("context") else None
    return slashless([u for u in (row["fetched_url"], row["requested_url"], original) if u])


def row_urls(row: dict) -> list[str]:
    """Return the URLs an archived interview is known by: its canonical URL and addresses."""
    return slashless([row["url"]]) + fetched_urls(row)


def row_as_of(row: dict) -> str:
    """Return when the copy an archived record came from was taken (Wayback: its timestamp)."""
    context = json.loads(row["context"] or "{}") if row.get("context") else {}
    return PageCapture.as_of_for(row["fetched_url"] or "", row["capture_source"], row["fetched_at"] or "", context)


def is_older(capture: PageCapture, record: Interview, row: dict) -> bool:
    """Return whether a capture is an older copy than the one the archived record came from."""
    if record.modified and row["modified"] and instant(record.modified) < instant(row["modified"]):
        return True
    return instant(capture.as_of) < instant(row_as_of(row))


def instant(stamp: str) -> datetime:
    """Return an ISO 8601 date or date-time as an aware datetime (UTC when naive)."""
    try:
        moment = datetime.fromisoformat(stamp.replace("Z", "+00:00"))
    except ValueError:
        return datetime.min.replace(tzinfo=timezone.utc)
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def same_address(capture: PageCapture, row: dict) -> bool:
    """Return whether a capture was fetched at an address the archived interview ``row``
    was read from (the page there now says something else of itself)."""
    return bool(set(slashless(own_urls(capture))) & set(fetched_urls(row)))


def same_post(capture: PageCapture, record: Interview, row: dict) -> bool:
    """Return whether a record with the post id of ``row`` is that post: the same canonical
    URL, the same address, or WordPress's own listing saying this URL is that post."""
    listed = (capture.context.get("rest_post") or {}).get("id")
    return listed == row["id"] or record.url.rstrip("/") in {u.rstrip("/") for u in row_urls(row)} \
        or same_address(capture, row)


def write_capture(db: Database, capture: PageCapture, run_id: int | None, reread: bool = False) -> Outcome:
    """Store a capture with its record or rejection, decided against what is archived, in
    one transaction; return the outcome. ``reread`` (``reparse``): the capture is already
    stored, times stay as recorded, replaced records are filed as read by a new parser."""
    with db.atomic():
        capture_id = capture.capture_id if reread else save_capture(db, capture.as_row(), run_id)
        result = capture.result
        if isinstance(result, Interview):
            return decide_interview(db, capture, result, capture_id, run_id, reread)
        if isinstance(result, NotAnInterview):
            return decide_rejection(db, capture, result, capture_id, run_id, reread)
        return Outcome.CAPTURED


def refuse(db: Database, capture: PageCapture, code: str, reason: str, record: Interview,
           capture_id: int | None, run_id: int | None) -> None:
    """Record why a page that reads as an interview was not archived."""
    save_reject(db, NotAnInterview(code, reason, record.url, record.title, record.id),
                url=capture.requested_url or capture.url, source=capture.source,
                capture_id=capture_id, run_id=run_id)


def decide_interview(db: Database, capture: PageCapture, record: Interview, capture_id: int | None,
                     run_id: int | None, reread: bool) -> Outcome:
    """Archive an interview record unless it conflicts with, or is older than, the archive."""
    iid = interview_id(record)
    current = current_row(db, iid)
    holder = db.execute("SELECT id FROM interviews WHERE url = ? AND id != ?", [record.url, iid]).fetchone()
    if holder:
        other = current_row(db, holder[0])
        if current is None and (other["gone_since"] is not None or same_address(capture, other)):
            change_id(db, other["id"], iid)  # the post id changed at the same URL
        else:
            refuse(db, capture, "conflict", f"canonical URL {record.url} is archived as post {other['id']}; "
                   f"this page says post {iid}: both kept apart, nothing merged", record, capture_id, run_id)
            return Outcome.CONFLICT
    if current is not None and not same_post(capture, record, current) and current["gone_since"] is None:
        refuse(db, capture, "conflict", f"post id {iid} is archived from {current['url']}; this page at "
               f"{capture.url} claims it too: the archived interview is kept", record, capture_id, run_id)
        return Outcome.CONFLICT
    if current is not None and TRUNCATED in record.warnings:
        refuse(db, capture, "truncated", "the page ends before </html>: the archived interview is kept",
               record, capture_id, run_id)
        return Outcome.KEPT
    if current is not None and not reread and current["capture_id"] != capture_id and is_older(capture, record, current):
        return Outcome.OLDER  # the raw copy is kept; the newer record stays
    clear_rejects(db, own_urls(capture) + [record.url], iid)
    completes = False
    if current is not None and not reread:
        record = with_what_was_known(record, current)
        completes = only_completes(record, current)
    return save_interview(db, record, capture_id, capture.source, seen_at=None if reread else capture.fetched_at,
                          reason=None if completes else NEW_PARSER if reread else CHANGED_ON_SITE)


# What a page shows of a post besides its interview depends on the theme and the source (a
# block theme prints no modified date, a theme no tags; a REST object has both): a page that
# no longer shows them says nothing of the post. ``reparse`` does not keep them (the parser is
# the judge of what a capture holds).
KEPT_DATES = ("published", "modified")
KEPT_TERMS = ("categories", "tags")


def with_what_was_known(record: Interview, row: dict) -> Interview:
    """Return a fresh record with the dates and terms the archived one had and the page no
    longer shows: a date it lacks or gives less precisely (the same day), empty terms. The
    modified date only when nothing else changed: after an edit, the archived one is past."""
    changes: dict = {}
    for field in KEPT_DATES:
        new, old = getattr(record, field), row[field]
        if old and (not new or (new[:10] == old[:10] and len(new) < len(old))):
            changes[field] = old
    for field in KEPT_TERMS:
        old = json.loads(row[field] or "[]")
        if old and not getattr(record, field):
            changes[field] = old
    if not changes:
        return record
    completed = dataclasses.replace(record, **changes)
    if "modified" in changes and content_hash(completed) != row["content_hash"]:
        completed = dataclasses.replace(completed, modified=record.modified)
    return completed


def only_completes(record: Interview, row: dict) -> bool:
    """Return whether a fresh record is the archived one with dates or terms it lacked (a
    date where it had none, a time on the same day, terms where it had none): nothing it
    held is replaced, so no version is kept."""
    before = {field: row[field] for field in KEPT_DATES} | {field: json.loads(row[field] or "[]") for field in KEPT_TERMS}
    if all(getattr(record, field) == value for field, value in before.items()):
        return False  # nothing gained: the same record (save_interview finds it so) or one changed elsewhere
    for field in KEPT_DATES:
        new, old = getattr(record, field), before[field]
        if old and new != old and (not new or new[:10] != old[:10]):
            return False  # a date moved to another day: a change
    for field in KEPT_TERMS:
        if before[field] and getattr(record, field) != before[field]:
            return False
    return content_hash(dataclasses.replace(record, **before)) == row["content_hash"]


def decide_rejection(db: Database, capture: PageCapture, result: NotAnInterview, capture_id: int | None,
                     run_id: int | None, reread: bool = False) -> Outcome:
    """Record why a page is not archived; at an archived interview's URL, keep the record
    and say so on its own URL (and mark it gone on a 404/410 or a redirect elsewhere)."""
    archived = archived_at(db, own_urls(capture))
    if archived is None:
        url = capture.requested_url or capture.url
        known = db.execute("SELECT 1 FROM rejects WHERE url = ? AND code = ? AND reason = ?",
                           [url, result.code, result.reason]).fetchone()
        if not (reread and known):  # reparse leaves a rejection it would only repeat as it was
            save_reject(db, result, url=url, source=capture.source, capture_id=capture_id, run_id=run_id)
        return Outcome.REJECTED
    redirected = capture.requested_url and capture.url.rstrip("/") not in {u.rstrip("/") for u in row_urls(archived)}
    # Gone only where its page was read: a 404 at the URL another post's page claims as its
    # canonical one (that page alive at its own address) says nothing of it.
    gone = (capture.status in GONE_STATUSES or bool(redirected) or result.code in ("redirect-offsite", "gone")) \
        and (same_address(capture, archived) or not fetched_urls(archived))
    why = f"redirected to {capture.url}, " if redirected else ""
    save_reject(db, NotAnInterview(result.code, f"{why}{result.reason}: the archived interview is kept",
                                   archived["url"], result.title, archived["id"], result.encoding),
                url=archived["url"], source=capture.source, capture_id=capture_id, run_id=run_id)
    if gone and capture.source != "wayback":
        mark_gone(db, [archived["id"]], capture.fetched_at)
        return Outcome.GONE
    return Outcome.KEPT


def write_rejection(db: Database, rejection: Rejection, run_id: int | None) -> Outcome:
    """Record a listed post not fetched, or a fetch that failed, through the same rule as a
    rejected capture (an archived interview keeps its record)."""
    result = rejection.result
    capture = PageCapture(url=result.url, status=0, headers={}, body=b"", source=rejection.source,
                          requested_url=result.url, result=result)
    with db.atomic():
        return decide_rejection(db, capture, result, None, run_id)
