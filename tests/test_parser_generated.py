"""The parser on generated pages whose truth is known by construction: every interview
found with its person and its exact number of questions, every news post rejected."""

from __future__ import annotations

import pytest

from crawler.parser import Interview, parse_page
from mirror.generate import generated_posts
from mirror.site import MirrorConfig, Site

BASE = "http://127.0.0.1:8765"
POSTS = generated_posts(300, seed=7)
SITE = Site(MirrorConfig(posts=POSTS))


def test_generated_corpus_mixes_shapes():
    assert {p.theme for p in POSTS} == {"classic", "block", "legacy"}
    assert {p.questions for p in POSTS if p.expect == "interview"} == {2, 3, 4, 5}
    assert 80 < sum(p.expect == "interview" for p in POSTS) < 200


@pytest.mark.parametrize("post", POSTS, ids=lambda p: str(p.id))
def test_generated_page_is_read_exactly(post):
    response = SITE.respond(post.path(), BASE)
    record = parse_page(response.body, BASE + post.path(), response.headers["Content-Type"])
    if post.expect != "interview":
        assert not isinstance(record, Interview), record
        return
    assert isinstance(record, Interview), record
    assert record.id == post.id
    assert record.n_questions == post.questions
    assert (record.interviewee, record.role, record.organisation) == (
        post.extra["interviewee"], post.extra["role"], post.extra["organisation"])
    assert all(qa.answer and not qa.answer.startswith("©") for qa in record.qa)
