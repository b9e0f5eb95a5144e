"""XPath expressions the parser uses, each named after the markup it matches.

Semantic signals first (JSON-LD, OpenGraph, ``rel`` links, ``<article>``, ``<time>``); theme
classes only as named fallbacks, tried in order."""

from __future__ import annotations

# --- metadata -------------------------------------------------------------------------
JSON_LD = "//script[@type='application/ld+json']/text()"
SHORTLINK = "//link[@rel='shortlink']/@href"                   # WordPress core <head>
CANONICAL = "//link[@rel='canonical']/@href"                   # WordPress core <head>
REST_ALTERNATE = "//link[@rel='alternate'][@type='application/json']/@href"  # WP >= 5.5
OG = "//meta[@property='{name}']/@content"                     # OpenGraph (SEO plugins)
BODY_CLASS = "//body/@class"                                   # "single postid-1234"
ARTICLE_ID = "//article/@id"                                   # "post-1234"
HTML_LANG = "/html/@lang"
HEAD_TITLE = "//title/text()"
TIME_PUBLISHED = ("//time[contains(concat(' ', @class, ' '), ' published ')]/@datetime"
                  " | //*[contains(@class, 'wp-block-post-date')]//time/@datetime"
                  " | //article//time[@datetime][1]/@datetime")
TIME_UPDATED = ("//time[contains(concat(' ', @class, ' '), ' updated ')]/@datetime"
                " | //*[contains(@class, 'wp-block-post-modified-date')]//time/@datetime")
CATEGORY_LINKS = "//a[contains(concat(' ', @rel, ' '), ' category ')]/text()"
TAG_LINKS = ("//a[contains(concat(' ', @rel, ' '), ' tag ')]"
             "[not(contains(concat(' ', @rel, ' '), ' category '))]/text()")

# --- the title, in order: theme headings, then any heading of the article ---------------
TITLES = (
    "//*[contains(concat(' ', @class, ' '), ' entry-title ')]",         # classic themes
    "//*[contains(concat(' ', @class, ' '), ' wp-block-post-title ')]",  # block themes
    "//article//h1",
    "//main//h1",
    "//div[contains(concat(' ', @class, ' '), ' post ')]/h2",           # Kubrick-era themes
)

# --- the article body, in order -------------------------------------------------------
CONTENT_ROOTS = (
    ("wp-block-post-content", "//*[contains(concat(' ', @class, ' '), ' wp-block-post-content ')]"),
    ("entry-content", "//*[contains(concat(' ', @class, ' '), ' entry-content ')]"),
    ("articleBody", "//*[@itemprop='articleBody']"),
    ("post-content", "//*[contains(concat(' ', @class, ' '), ' post-content ')]"),
    # Kubrick-era themes: <div class="post" id="post-N"> ... <div class="entry">
    ("entry", "//*[contains(concat(' ', @class, ' '), ' post ')]//div[contains(concat(' ', @class, ' '), ' entry ')]"),
    ("article", "//article"),
    ("main", "//main"),
    ("body", "//body"),
)

# --- what never belongs to an interview -----------------------------------------------
DROPPED_TAGS = ("script", "style", "noscript", "template", "form", "iframe", "button",
                "input", "select", "textarea", "nav", "aside", "svg", "object", "embed")
# Class fragments of sharing buttons (Jetpack "sharedaddy", AddToAny, Shariff...),
# newsletter widgets and related-posts boxes that plugins append to the content.
DROPPED_CLASS_FRAGMENTS = ("sharedaddy", "sd-sharing", "share", "addtoany", "a2a_",
                           "shariff", "newsletter", "jp-relatedposts", "related-posts",
                           "wp-block-post-terms", "entry-footer", "post-navigation")
