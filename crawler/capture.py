"""The one path of a capture, for the crawl and for ``reparse`` alike: parse, validate,
decide, write, in one transaction.

The parser gives the verdict on the bytes (an interview, or why not; cut short or not),
validation adds the warnings a reviewer needs, and the store's write rule decides against
the capture the archived record came from (``db/store.py``)."""

from __future__ import annotations

from sqlite_utils import Database

from crawler.corrections import Correction, apply_corrections
from crawler.items import PageCapture
from crawler.outcomes import Outcome
from crawler.parser import Interview, NotAnInterview, parse_capture
from db.store import write_capture
from pipelines.validate import problems


def read_capture(capture: PageCapture) -> Interview | NotAnInterview:
    """Return the record a capture holds, with its validation warnings, or why it holds none."""
    result = parse_capture(capture.url, capture.status, capture.headers, capture.body, capture.context)
    if isinstance(result, Interview):
        result.warnings.extend(w for w in problems(result) if w not in result.warnings)
    return result


def archive_capture(db: Database, capture: PageCapture, run_id: int | None, reread: bool = False,
                    corrections: dict[int, list[Correction]] | None = None) -> Outcome:
    """Archive one capture and return the outcome; the record is read unless the crawl's
    parse stage already read it (``capture.result``), then corrected by hand where the
    corrections file says so."""
    if capture.result is None and capture.kind == "page":
        capture.result = read_capture(capture)
        capture.encoding = capture.result.encoding
    if isinstance(capture.result, Interview) and corrections and not capture.result.corrections:
        capture.result.corrections = apply_corrections(capture.result, corrections)
    return write_capture(db, capture, run_id, reread=reread)
