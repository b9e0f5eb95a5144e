"""What the parser looks for in a page, each rule named after the markup it matches.

Semantic signals first (JSON-LD, OpenGraph, ``rel`` links, ``<article>``, ``<time>``); theme
classes only as named fallbacks, tried in order. The body of the page is read in one pass
(``crawler.parser.scan``): libxml2's XPath string tests on ``@class`` cost more than the
whole rest of the extraction, so only plain XPath paths remain here."""

from __future__ import annotations

from lxml import etree

JSON_LD = etree.XPath("//script[@type='application/ld+json']/text()")  # Yoast, Rank Math
H1_TEXT = etree.XPath("//h1//text()")

# Tags the body scan looks at; everything else is skipped in C. Links are read in the same
# pass for their rel: category and tag links (rel="category tag", rel="tag"); an XPath
# "//a[@rel]" costs more than the whole scan.
SCANNED_TAGS = ("div", "article", "main", "section", "header", "h1", "h2", "time", "a", "script")
JSON_LD_TYPE = "application/ld+json"  # <script type> of JSON-LD, read by the head and body passes

# The title, in order: theme heading classes, then structural headings.
TITLE_CLASSES = ("entry-title",          # classic themes
                 "wp-block-post-title")  # block themes
TITLE_STRUCTURES = ("article-h1",        # <article> ... <h1>
                    "main-h1",           # <main> ... <h1>
                    "kubrick-h2",        # Kubrick-era themes: <div class="post"><h2>
                    "page-h1")           # any other <h1> (a hero banner's), taken only when a document title confirms it
CONFIRMED_ONLY = ("page-h1",)

# The article body's fast paths: the content containers themes and builders name. They are
# taken only when the scored root agrees (``crawler.parser.body``); in this order. Each rule
# is (name, a substring its class attribute must hold or None, the exact test): the scan
# runs a test only on elements whose class holds the substring.
CONTENT_ROOTS = (
    ("wp-block-post-content", "wp-block-post-content",
     lambda tag, classes, el: "wp-block-post-content" in classes),  # block themes
    ("entry-content", "entry-content",
     lambda tag, classes, el: "entry-content" in classes),  # classic themes, Astra, GP...
    ("articleBody", None, lambda tag, classes, el: el.get("itemprop") == "articleBody"),
    ("post-content", "post-content", lambda tag, classes, el: "post-content" in classes),  # Avada, many others
    # Elementor Pro theme builder: the "Post Content" widget of a single-post template
    ("elementor-post-content", "elementor-widget-theme-post-content",
     lambda tag, classes, el: "elementor-widget-theme-post-content" in classes),
    ("et_pb_post_content", "et_pb_post_content",
     lambda tag, classes, el: "et_pb_post_content" in classes),  # Divi theme builder
    ("amp-wp-article-content", "amp-wp-article-content",
     lambda tag, classes, el: "amp-wp-article-content" in classes),  # AMP reader
    # Kubrick-era themes: <div class="post" id="post-N"> ... <div class="entry">
    ("entry", "entry", lambda tag, classes, el: tag == "div" and "entry" in classes and any(
        "post" in (a.get("class") or "").split() for a in el.iterancestors("div"))),
)

# Dates: <time class="published|updated"> (classic themes), or a <time> inside the block
# theme's date blocks, or the first <time datetime> of the <article>.
PUBLISHED_TIME_CLASS = "published"
UPDATED_TIME_CLASS = "updated"
PUBLISHED_DATE_BLOCK = "wp-block-post-date"
UPDATED_DATE_BLOCK = "wp-block-post-modified-date"
MODIFIED_DATE_BLOCK = "wp-block-post-date__modified-date"  # the date block set to the update (WordPress 6.x)

# What never belongs to an interview (furniture) is in ``crawler.parser.furniture``.
