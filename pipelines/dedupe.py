"""Stage 2: one interview per WordPress post in a run, whichever URL reached it
(``/YYYY/MM/DD/slug/``, ``/?p=ID``, a REST ``link``: the same post id and the same
canonical URL). A page that claims a post id seen in this run under another canonical URL
is no copy: it goes on to the store, whose write rule records the conflict, whichever of
the two pages came first."""

from __future__ import annotations

from typing import Any

from scrapy.exceptions import DropItem

from crawler.items import PageCapture
from crawler.outcomes import Outcome, Stat
from crawler.parser import Interview


def post_key(record: Interview) -> str:
    """Return what identifies a copy of a post: its WordPress id and canonical URL, else
    its canonical URL."""
    return f"id:{record.id} at {record.url}" if record.id is not None else f"url:{record.url}"


class DedupePipeline:
    """Drops a second capture of a post already archived in this run."""

    def __init__(self, stats: Any) -> None:
        self.stats = stats
        self.seen: set[str] = set()

    @classmethod
    def from_crawler(cls, crawler: Any) -> DedupePipeline:
        return cls(crawler.stats)

    def process_item(self, item: Any) -> Any:
        if isinstance(item, PageCapture) and isinstance(item.result, Interview):
            key = post_key(item.result)
            if key in self.seen:
                self.stats.inc_value(Stat.outcome(Outcome.DUPLICATE))
                raise DropItem(f"duplicate of {key} already archived in this run: {item.url}")
            self.seen.add(key)
        return item
