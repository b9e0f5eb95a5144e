"""Stage 3: check a record and note what looks wrong, without dropping any data."""

from __future__ import annotations

from typing import Any

from crawler.items import PageCapture
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


class ValidatePipeline:
    """Adds warnings to records; counts them in the crawl stats."""

    def __init__(self, stats: Any) -> None:
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler: Any) -> ValidatePipeline:
        return cls(crawler.stats)

    def process_item(self, item: Any) -> Any:
        if isinstance(item, PageCapture) and isinstance(item.result, Interview):
            extra = [w for w in problems(item.result) if w not in item.result.warnings]
            item.result.warnings.extend(extra)
            if item.result.warnings:
                self.stats.inc_value("ess/with_warnings")
        return item
