"""Extraction speed: pages per second on one core, and the ratio to a bare
``lxml.html.fromstring`` of the same bytes (issue target: at most 3x), on the demo pages, a
generated corpus and the theme corpus of tests/themes/. The bare parse and the extraction are
timed in alternation (A B A B ...), each pair giving one ratio: the median is reported with
its range, so a burst of load on the machine moves both sides of a pair alike."""

from __future__ import annotations

import hashlib
import json
import re
import statistics
from pathlib import Path

from lxml import html

from bench.common import Figure, paired
from crawler.parser import Interview, parse_page
from mirror.content import Post, load_posts
from mirror.generate import generated_posts
from mirror.site import MirrorConfig, Site

BASE = "http://127.0.0.1:8765"
TARGET_RATIO = 3.0
THEMES = Path(__file__).resolve().parent.parent / "tests" / "themes"


def theme_corpus() -> list[tuple[bytes, str, str, dict]]:
    """Return (body, url, content type, expected record) of every page of the theme corpus."""
    pages = []
    for expected in sorted(THEMES.glob("*/*.expected.json")):
        truth = json.loads(expected.read_text(encoding="utf-8"))
        body = expected.with_name(expected.name.replace(".expected.json", ".html")).read_bytes()
        pages.append((body, truth["url"], truth.get("content_type", "text/html; charset=UTF-8"), truth))
    return pages


def corpus(posts: list[Post]) -> list[tuple[bytes, str, str, Post]]:
    """Return (body, url, content type, post) of every post's page."""
    site = Site(MirrorConfig(posts=posts))
    pages = []
    for post in posts:
        response = site.respond(post.path(), BASE)
        pages.append((response.body, BASE + post.path(), response.headers["Content-Type"], post))
    return pages


def measure(name: str, pages: list, repeats: int) -> list[Figure]:
    """Return the figures of one corpus."""
    def bare_parse() -> None:
        for body, *_ in pages:
            html.fromstring(body)  # each tree is dropped at once, as parse_page drops its own

    def extract() -> None:
        for body, url, ctype, _ in pages:
            parse_page(body, url, ctype)

    bares, fulls = paired(repeats, bare_parse, extract)
    ratios = [f / b for b, f in zip(bares, fulls)]
    ratio, bare, full = statistics.median(ratios), statistics.median(bares), statistics.median(fulls)
    exact = sum(read_exactly(parse_page(body, url, ctype), truth) for body, url, ctype, truth in pages)
    size = sum(len(p[0]) for p in pages) / len(pages) / 1024
    bench = f"extraction/{name}"
    return [
        Figure(bench, "pages", len(pages), "pages"),
        Figure(bench, "mean page size", round(size, 1), "KiB"),
        Figure(bench, "extraction speed", round(len(pages) / full), "pages/s (1 core)"),
        Figure(bench, "bare lxml parse speed", round(len(pages) / bare), "pages/s (1 core)"),
        Figure(bench, f"extraction / bare parse (median of {len(ratios)} pairs)", round(ratio, 2), "x",
               f"<= {TARGET_RATIO}", ratio <= TARGET_RATIO),
        Figure(bench, "extraction / bare parse, range", round(max(ratios) - min(ratios), 2), "x",
               f"{min(ratios):.2f} to {max(ratios):.2f}"),
        Figure(bench, "pages read exactly", round(100 * exact / len(pages), 1), "%", "100", exact == len(pages)),
    ]


def read_exactly(record: object, truth: Post | dict) -> bool:
    """Return whether a record is what the page holds: for a demo or generated post, an
    interview or not with its count of questions; for a theme page, every field written by hand."""
    if isinstance(truth, Post):
        found = record.n_questions if isinstance(record, Interview) else 0
        return (truth.expect == "interview") == isinstance(record, Interview) and found == truth.questions
    if not truth["interview"]:
        return not isinstance(record, Interview)
    if not isinstance(record, Interview):
        return False
    data = record.to_dict()
    qa = [{"n": q["n"], "question": q["question"], "answer": q["answer"]} for q in data["qa"]]
    return all(data.get(k) == truth[k] for k in ("id", "title", "interviewee", "role", "organisation", "intro",
                                                 "outro") if k in truth and k not in truth.get("not_on_page", ())) \
        and ("qa" not in truth or qa == truth["qa"])


CLASS_ATTRIBUTE = re.compile(rb'(\sclass=")([^"]*)(")')


def hashed_classes(body: bytes) -> bytes:
    """Return a page with every class token replaced by a hash of it (a builder's generated
    class names): what is left to read is the tags, the structure and the words."""
    def replace(match: re.Match) -> bytes:
        tokens = match.group(2).split()
        return match.group(1) + b" ".join(b"c" + hashlib.sha1(t).hexdigest()[:8].encode() for t in tokens) + match.group(3)
    return CLASS_ATTRIBUTE.sub(replace, body)


SEMANTIC_TAG = re.compile(rb"<(/?)(?:article|main|aside|nav|header|footer|section)\b")
CLASS_OR_ID = re.compile(rb'\s(?:class|id)="[^"]*"')


def div_soup(body: bytes) -> bytes:
    """Return a page with no class, no id and no semantic tag (all <div>): tags, structure and words."""
    return SEMANTIC_TAG.sub(rb"<\1div", CLASS_OR_ID.sub(b"", body))


def unknown_classes() -> list[Figure]:
    """Return how many theme-corpus pages read exactly once no class name is one we know,
    and once the page is div soup."""
    pages = theme_corpus()
    exact = [read_exactly(parse_page(body, url, ctype), truth) for body, url, ctype, truth in pages]
    figures = []
    for name, change in (("class names hashed", hashed_classes), ("div soup: no class, id or semantic tag", div_soup)):
        kept = [read_exactly(parse_page(change(body), url, ctype), truth) for body, url, ctype, truth in pages]
        figures.append(Figure(f"extraction/theme corpus, {name}", "pages read exactly as with their markup",
                              round(100 * sum(kept) / len(pages), 1), "%",
                              f"{sum(k and e for k, e in zip(kept, exact))} of {sum(exact)}"))
    return figures


def run(quick: bool = False) -> list[Figure]:
    """Measure the demo pages, a generated corpus of 1,000 pages and the theme corpus."""
    repeats = 3 if quick else 9
    return (measure("demo", corpus(load_posts()) * 10, repeats)
            + measure("generated", corpus(generated_posts(1000)), repeats)
            + measure("theme corpus", theme_corpus() * 5, repeats) + unknown_classes())
