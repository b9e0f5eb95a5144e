"""Validation: what looks wrong in a record, as warnings, without dropping any data.

Applied by ``read_capture`` (``crawler/capture.py``), so the crawl's parse stage and
``reparse`` validate alike."""

from __future__ import annotations

from crawler.parser import Interview

NORMAL_QUESTION_COUNTS = range(2, 7)  # the series says 3; 2 to 6 have been published


def problems(record: Interview) -> list[str]:
    """Return the warnings a record deserves (empty when it looks right)."""
    found = []
    if [qa.n for qa in record.qa] != list(range(1, len(record.qa) + 1)):
        found.append("question numbers are not 1, 2, 3...")
    found += [f"question {qa.n} has an empty answer" for qa in record.qa if not qa.answer.strip()]
    found += [f"question {qa.n} is empty" for qa in record.qa if not qa.question.strip()]
    if not record.interviewee.strip():
        found.append("no interviewee in the title")
    if record.n_questions not in NORMAL_QUESTION_COUNTS:
        found.append(f"{record.n_questions} questions (2 to 6 expected)")
    if record.id is None:
        found.append("no WordPress post id: the id is derived from the URL")
    if not record.published:
        found.append("no publication date")
    return found
