"""Extraction speed: pages per second on one core, and the ratio to a bare
``lxml.html.fromstring`` of the same bytes (issue target: at most 3x)."""

from __future__ import annotations

from lxml import html

from bench.common import Figure, best_of
from crawler.parser import Interview, parse_page
from mirror.content import Post, load_posts
from mirror.generate import generated_posts
from mirror.site import MirrorConfig, Site

BASE = "http://127.0.0.1:8765"
TARGET_RATIO = 3.0


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

    bare, full = best_of(repeats, bare_parse), best_of(repeats, extract)
    ratio = full / bare
    exact = 0
    for body, url, ctype, post in pages:
        record = parse_page(body, url, ctype)
        found = record.n_questions if isinstance(record, Interview) else 0
        exact += (post.expect == "interview") == isinstance(record, Interview) and found == post.questions
    size = sum(len(p[0]) for p in pages) / len(pages) / 1024
    bench = f"extraction/{name}"
    return [
        Figure(bench, "pages", len(pages), "pages"),
        Figure(bench, "mean page size", round(size, 1), "KiB"),
        Figure(bench, "extraction speed", round(len(pages) / full), "pages/s (1 core)"),
        Figure(bench, "bare lxml parse speed", round(len(pages) / bare), "pages/s (1 core)"),
        Figure(bench, "extraction / bare parse", round(ratio, 2), "x", f"<= {TARGET_RATIO}", ratio <= TARGET_RATIO),
        Figure(bench, "pages read exactly", round(100 * exact / len(pages), 1), "%", "100", exact == len(pages)),
    ]


def run(quick: bool = False) -> list[Figure]:
    """Measure the demo pages and a generated corpus of 1,000 pages."""
    repeats = 2 if quick else 5
    return (measure("demo", corpus(load_posts()) * 10, repeats)
            + measure("generated", corpus(generated_posts(1000)), repeats))
