"""The validation stage notes what looks wrong in a record and keeps the data."""

from __future__ import annotations

import dataclasses

from crawler.parser import QA, Interview
from pipelines.validate import problems


def record(**changes) -> Interview:
    base = Interview(id=12, url="http://x.test/a/", title="3 questions à A B, C chez D", interviewee="A B",
                     role="C", organisation="D", published="2021-01-01", modified=None,
                     printed_date=None, language="fr", intro=None,
                     qa=[QA(1, "Q1 ?", "R1."), QA(2, "Q2 ?", "R2."), QA(3, "Q3 ?", "R3.")])
    return dataclasses.replace(base, **changes)


def test_a_sound_record_has_no_warning():
    assert problems(record()) == []


def test_each_problem_is_named():
    found = problems(record(id=None, published=None, interviewee=" ",
                            qa=[QA(1, "Q1 ?", "R1."), QA(3, "Q3 ?", " ")]))
    assert "question numbers are not 1, 2, 3..." in found
    assert "question 3 has an empty answer" in found
    assert "no interviewee in the title" in found
    assert "no WordPress post id: the id is derived from the URL" in found
    assert "no publication date" in found


def test_unusual_counts_are_flagged_not_dropped():
    many = record(qa=[QA(n, f"Q{n} ?", f"R{n}.") for n in range(1, 9)])
    assert problems(many) == ["8 questions (2 to 6 expected)"]
    assert many.n_questions == 8
