"""Each pipeline stage and the run recorder, in process: built with ``from_crawler`` on a
crawler of the project's settings, fed captures, checked on what they return and write."""

from __future__ import annotations

import pytest
from scrapy.exceptions import DropItem
from scrapy.utils.test import get_crawler
from sqlite_utils import Database

from crawler import settings
from crawler.items import PageCapture, Rejection, Seen
from crawler.outcomes import Outcome, Stat
from crawler.parser import Interview, NotAnInterview
from crawler.run import RunRecorder
from mirror.content import load_posts
from mirror.site import Site
from pipelines.dedupe import DedupePipeline
from pipelines.parse import ParsePipeline
from pipelines.store import StorePipeline
from spiders.wordpress import WordPressSpider

BASE = "http://127.0.0.1:8765"
SITE = Site()


def capture(post_id: int, body: bytes | None = None, url: str | None = None) -> PageCapture:
    post = next(p for p in load_posts() if p.id == post_id)
    response = SITE.respond(post.path(), BASE)
    return PageCapture(url=url or BASE + post.path(), status=200, headers=response.headers,
                       body=response.body if body is None else body, source="sitemap")


class Run:
    """A crawler of the project's settings over an archive, with its stages opened."""

    def __init__(self, db_path) -> None:
        project = {k: getattr(settings, k) for k in dir(settings) if k.isupper()}
        self.crawler = get_crawler(WordPressSpider, {**project, "ARCHIVE_DB": str(db_path), "LOG_FILE": None})
        self.recorder = RunRecorder.of(self.crawler)
        self.spider = WordPressSpider.from_crawler(self.crawler, start_url=BASE + "/", source="sitemap")
        self.crawler.spider = self.spider
        self.recorder.spider_opened(self.spider)
        self.parse = ParsePipeline.from_crawler(self.crawler)
        self.parse.open_spider()
        self.dedupe = DedupePipeline.from_crawler(self.crawler)
        self.store = StorePipeline.from_crawler(self.crawler)

    def feed(self, item):
        return self.store.process_item(self.dedupe.process_item(self.parse.process_item(item)))

    def close(self) -> None:
        self.store.close_spider()
        self.parse.close_spider()
        self.recorder.spider_closed(self.spider, "finished")
        self.spider.closed("finished")

    def stat(self, outcome: Outcome) -> int:
        return self.crawler.stats.get_value(Stat.outcome(outcome), 0)


def test_parse_stage_reads_a_page_into_a_validated_record(tmp_path):
    run = Run(tmp_path / "a.db")
    item = run.parse.process_item(capture(5120))
    assert isinstance(item.result, Interview) and item.result.id == 5120 and item.result.n_questions == 3
    news = next(p for p in load_posts() if p.expect != "interview")
    assert isinstance(run.parse.process_item(capture(news.id)).result, NotAnInterview)
    run.close()


def test_the_same_post_twice_in_a_run_is_dropped_as_a_duplicate(tmp_path):
    run = Run(tmp_path / "a.db")
    run.feed(capture(5120))
    with pytest.raises(DropItem, match="duplicate of id:5120"):
        run.feed(capture(5120, url=f"{BASE}/?p=5120"))
    run.close()
    assert run.stat(Outcome.DUPLICATE) == 1 and run.stat(Outcome.NEW) == 1


@pytest.mark.parametrize("impostor_first", [False, True])
def test_a_page_claiming_a_post_id_seen_in_the_run_is_a_conflict_in_either_order(tmp_path, impostor_first):
    """With 5120 archived, another post's page that claims 5120's id (the canonical URL is
    its own) is no copy of 5120: it reaches the store and is refused as a conflict,
    whichever of the two pages the run reads first."""
    own = capture(5120)
    other = next(p for p in load_posts() if p.expect == "interview" and p.id != 5120)
    body = SITE.respond(other.path(), BASE).body
    impostor = capture(other.id, body=body.replace(str(other.id).encode(), b"5120"))
    first = Run(tmp_path / "a.db")
    first.feed(capture(5120))
    first.close()
    run = Run(tmp_path / "a.db")
    for item in ([impostor, own] if impostor_first else [own, impostor]):
        run.feed(item)
    run.close()
    rejected = {r["url"]: r for r in Database(tmp_path / "a.db")["rejects"].rows}
    assert rejected.get(BASE + other.path(), {}).get("code") == "conflict", (rejected, run.crawler.stats.get_stats())
    assert run.stat(Outcome.DUPLICATE) == 0
    assert [r["id"] for r in Database(tmp_path / "a.db")["interviews"].rows] == [5120]


def test_a_run_is_recorded_with_its_outcomes_and_a_second_reads_nothing_again(tmp_path):
    run = Run(tmp_path / "a.db")
    for post_id in (5120, 6204):
        run.feed(capture(post_id))
    run.close()
    row = next(Database(tmp_path / "a.db")["crawl_runs"].rows)
    assert row["status"] == "ok" and row["new"] == 2 and row["finished"]
    again = Run(tmp_path / "a.db")
    item = again.feed(capture(5120))
    assert item.unchanged and item.result is None  # the same bytes as the record's capture: not parsed
    again.feed(Seen(6204, "rest"))
    again.close()
    assert again.stat(Outcome.NOT_MODIFIED) == 1 and again.stat(Outcome.SEEN) == 1


def test_listing_entries_are_written_in_batches_in_order(tmp_path):
    run = Run(tmp_path / "a.db")
    run.feed(capture(5120))
    for k in range(3):
        run.feed(Rejection(NotAnInterview("not-series", "pas de la série", f"{BASE}/actu-{k}/", f"Actu {k}"), "rest"))
    assert Database(tmp_path / "a.db")["rejects"].count == 0  # waiting in the batch
    run.feed(capture(6204))  # a capture writes what was listed before it first
    assert Database(tmp_path / "a.db")["rejects"].count == 3
    run.feed(Rejection(NotAnInterview("not-series", "pas de la série", f"{BASE}/actu-9/", "Actu 9"), "rest"))
    run.close()  # the rest is written when the run closes
    assert Database(tmp_path / "a.db")["rejects"].count == 4 and run.stat(Outcome.REJECTED) == 4


def test_an_archive_that_takes_no_writes_ends_the_run_with_its_reason(tmp_path):
    run = Run(tmp_path / "a.db")
    run.recorder.db.execute("PRAGMA query_only = ON")
    with pytest.raises(DropItem, match="could not be written"):
        run.feed(capture(5120))
    assert run.crawler.stats.get_value(Stat.STATUS) == "archive-error"
