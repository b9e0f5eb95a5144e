"""The theme corpus: pages in the markup of real themes and page builders, each against a
record written by hand (see tests/themes/README.md). Nothing here is the parser's output."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from crawler.parser import Interview, parse_page, parse_rest_post

CORPUS = Path(__file__).parent / "themes"
CASES = sorted(CORPUS.glob("*/*.expected.json"))
DATE_FIELDS = ("published", "modified")
TEXT_FIELDS = ("id", "title", "interviewee", "role", "organisation", "intro", "outro")


def case_id(path: Path) -> str:
    return f"{path.parent.name}/{path.name.removesuffix('.expected.json')}"


def compare(record, expected: dict, form: str) -> None:
    """Fail with every field that differs from the hand-written truth."""
    if not expected["interview"]:
        assert not isinstance(record, Interview), f"{form}: archived a page that is not an interview"
        assert record.reason
        return
    assert isinstance(record, Interview), f"{form}: not found as an interview: {record.code}: {record.reason}"
    data = record.to_dict()
    wrong = {}
    unchecked = set(expected.get("not_on_page", ())) if form == "page" else set()
    for field in TEXT_FIELDS:
        if field in expected and field not in unchecked and data.get(field) != expected[field]:
            wrong[field] = (data.get(field), expected[field])
    for field in DATE_FIELDS:
        if field in expected and field not in unchecked and (data.get(field) or "")[:10] != (expected[field] or "")[:10]:
            wrong[field] = (data.get(field), expected[field])
    if "qa" in expected:
        got = [{"n": qa["n"], "question": qa["question"], "answer": qa["answer"]} for qa in data["qa"]]
        if got != expected["qa"]:
            wrong["qa"] = (got, expected["qa"])
    assert not wrong, f"{form}: fields differ (got, expected): " + json.dumps(wrong, ensure_ascii=False, indent=1)


@pytest.mark.parametrize("path", CASES, ids=case_id)
def test_page_gives_the_hand_written_record(path):
    expected = json.loads(path.read_text(encoding="utf-8"))
    page = path.with_name(path.name.replace(".expected.json", ".html"))
    record = parse_page(page.read_bytes(), expected["url"], expected.get("content_type", "text/html; charset=UTF-8"))
    compare(record, expected, "page")


REST_CASES = [p for p in CASES if p.with_name(p.name.replace(".expected.json", ".rest.json")).exists()]


@pytest.mark.parametrize("path", REST_CASES, ids=case_id)
def test_rest_object_gives_the_same_record(path):
    expected = json.loads(path.read_text(encoding="utf-8"))
    post = json.loads(path.with_name(path.name.replace(".expected.json", ".rest.json")).read_text(encoding="utf-8"))
    compare(parse_rest_post(post), expected, "rest")


def test_the_corpus_covers_enough_theme_families():
    families = {p.parent.name for p in CASES}
    assert len(families) >= 10, sorted(families)
