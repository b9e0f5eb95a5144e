"""Golden tests: every page of the demo mirror gives exactly its checked-in record, and
the facts written by hand in the post files hold whatever the golden files say."""

from __future__ import annotations

import difflib
import re

import pytest

from crawler.parser import Interview, parse_page, parse_rest_post
from mirror.content import load_posts
from mirror.endpoints import rest_post
from mirror.site import Site
from tests.golden.pages import BASE, dump, golden_path, page_record, rest_record

POSTS = load_posts()
SITE = Site()
# Text that is page furniture, never part of an interview.
FURNITURE = re.compile(r"Partager cet article|newsletter|J’accepte|J’ai lu|confidentialité|LinkedIn|Portrait|©",
                       re.IGNORECASE)


@pytest.mark.parametrize("form", ["page", "rest"])
@pytest.mark.parametrize("post", POSTS, ids=lambda p: str(p.id))
def test_each_form_gives_its_golden_record(post, form):
    make_record = page_record if form == "page" else rest_record
    expected = golden_path(post, form).read_text(encoding="utf-8")
    actual = dump(make_record(SITE, post))
    if actual != expected:
        diff = "".join(difflib.unified_diff(expected.splitlines(True), actual.splitlines(True),
                                            f"golden/{form}/{post.id}.json", "parser output"))
        pytest.fail(f"{form} record of post {post.id} differs from its golden file "
                    f"(python -m tests.golden.pages --update after review):\n{diff}")


@pytest.mark.parametrize("post", POSTS, ids=lambda p: str(p.id))
def test_interview_or_not_as_the_post_file_declares(post):
    record = page_record(SITE, post)
    if post.expect == "interview":
        assert record["n_questions"] == post.questions
        assert record["id"] == post.id
        assert [qa["n"] for qa in record["qa"]] == list(range(1, post.questions + 1))
        assert all(qa["question"] and qa["answer"] for qa in record["qa"])
    else:
        assert "code" in record, f"post {post.id} must be rejected"
        assert record["reason"]


@pytest.mark.parametrize("post", [p for p in POSTS if p.expect == "interview"], ids=lambda p: str(p.id))
def test_records_never_carry_page_furniture(post):
    record = page_record(SITE, post)
    texts = [record["intro"] or ""] + [qa["question"] + "\n" + qa["answer"] for qa in record["qa"]]
    for text in texts:
        assert not FURNITURE.search(text), text


@pytest.mark.parametrize("post", [p for p in POSTS if p.expect == "interview"], ids=lambda p: str(p.id))
def test_rest_content_gives_the_same_interview_as_the_page(post):
    page = parse_page(*(lambda r: (r.body, BASE + post.path(), r.headers["Content-Type"]))(
        SITE.respond(post.path(), BASE)))
    rest = parse_rest_post(rest_post(post, BASE, SITE.tag_ids))
    assert isinstance(page, Interview) and isinstance(rest, Interview)
    for field in ("id", "url", "title", "interviewee", "role", "organisation", "intro",
                  "printed_date", "language", "images"):
        assert getattr(rest, field) == getattr(page, field), field
    assert rest.qa == page.qa
    assert rest.published.startswith(post.date.isoformat())
    if post.theme == "legacy":  # no machine-readable date on the page: the printed line
        assert page.published == page.printed_date
    else:
        assert page.published == rest.published


def test_numbered_list_inside_an_answer_stays_in_the_answer():
    record = page_record(SITE, next(p for p in POSTS if p.id == 5120))
    assert record["n_questions"] == 3
    first = record["qa"][0]
    assert first["question"] == "Quel rôle joue Réseau Tremplin en région ?"
    lines = first["answer"].split("\n")
    assert [line[:3] for line in lines if re.match(r"\d\. ", line)] == ["1. ", "2. ", "3. "]
    assert "<ol>" in first["answer_html"] and first["answer_html"].count("<li>") == 3


def test_glued_caption_goes_to_the_image_not_the_question():
    record = page_record(SITE, next(p for p in POSTS if p.id == 5120))
    assert record["qa"][0]["marker"] == "1."
    assert record["images"][0]["caption"].endswith("| Portrait")
    assert record["printed_date"] == "2020-09-24"


def test_speaker_initials_are_moved_out_of_the_answer():
    record = page_record(SITE, next(p for p in POSTS if p.id == 10542))
    assert {qa["speaker"] for qa in record["qa"]} == {"H.L."}
    assert all(not qa["answer"].startswith("H.L.") for qa in record["qa"])


def test_intro_and_credit_are_kept_apart_from_the_questions():
    record = page_record(SITE, next(p for p in POSTS if p.id == 6204))
    assert record["intro"].startswith("La Fabrique à Liens anime")
    assert record["images"][0]["credit"] == "© Jules Martin / La Fabrique à Liens"
