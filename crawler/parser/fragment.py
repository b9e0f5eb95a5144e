"""An HTML fragment (REST ``content.rendered``) as a tree, page-builder shortcodes read (in a
page whose builder left them unrendered too).

A post built with WPBakery, Divi or Avada and served by the REST API without the builder's
renderer keeps its shortcodes: ``[vc_row][vc_column][vc_custom_heading text="Question ?"]
[vc_column_text]Answer[/vc_column_text]…``. Heading, toggle and accordion shortcodes carry
their text in an attribute: it becomes a heading. Button and call-to-action shortcodes are
furniture: they go with their content. Every other shortcode tag is stripped, its content
kept. "[sic]" and "[…]" are not shortcodes and stay."""

from __future__ import annotations

import re
from html import escape, unescape

from lxml import etree

from crawler.parser.furniture import POST_CONTENT_MARK

# Shortcodes whose attribute is the text of a heading: WPBakery's custom heading, text
# separator, toggle and tabs/accordion section; Divi's heading, toggle and accordion item;
# Avada's toggle; Ultimate Addons' and Impreza's headings.
HEADING_SHORTCODES = {"vc_custom_heading": "text", "vc_text_separator": "title", "vc_toggle": "title",
                      "vc_tta_section": "title", "et_pb_heading": "title", "et_pb_toggle": "title",
                      "et_pb_accordion_item": "title", "fusion_toggle": "title",
                      "ultimate_heading": "main_heading", "us_heading": "text"}
# Shortcodes that are buttons or calls to action: dropped with what they enclose.
BUTTON_SHORTCODES = ("vc_btn", "vc_btn3", "vc_button", "vc_button2", "vc_cta", "et_pb_button", "et_pb_cta",
                     "fusion_button", "us_btn", "ult_buttons")
# wptexturize may have curled the quotes of an unrendered shortcode's attributes.
QUOTE = r"(?:\"|&quot;|&#8221;|&#8220;|&#8243;|[”“″])"
ATTRIBUTE = re.compile(rf"(?<![\w-])(?P<name>[\w-]+)\s*=\s*{QUOTE}(?P<value>.*?){QUOTE}", re.DOTALL)
HEADING = re.compile(r"\[(?P<name>" + "|".join(HEADING_SHORTCODES) + r")(?P<attrs>(?:\s[^\[\]]*)?)\]")
BUTTON = re.compile(r"\[(?P<name>" + "|".join(BUTTON_SHORTCODES) + r")(?:\s[^\[\]]*)?\]"
                    r"(?:(?:(?!\[/?(?P=name)[\s\]]).){0,500}?\[/(?P=name)\])?", re.DOTALL)
# Any other builder tag: a closing tag, a name with "_" or "-", or attributes.
SHORTCODE = re.compile(r"\[/[a-z][\w-]*\]|\[[a-z][a-z0-9]*[_-][\w-]*(?:\s[^\[\]]*)?\]"
                       r"|\[[a-z][\w-]*\s[^\[\]]*=[^\[\]]*\]")
FRAGMENT_PARSER = etree.HTMLParser(collect_ids=False, huge_tree=True)  # as the page parser (no depth limit)
# The fragment's wrapper is marked as the post's content (``furniture.in_article_body``).
FRAGMENT_MARK = f'{POST_CONTENT_MARK}=""'


def heading(match: re.Match) -> str:
    """Return the ``<h3>`` a heading shortcode stands for (nothing when it has no text)."""
    wanted = HEADING_SHORTCODES[match.group("name")]
    for attribute in ATTRIBUTE.finditer(match.group("attrs")):
        if attribute.group("name") == wanted and attribute.group("value").strip():
            return f"<h3>{escape(unescape(attribute.group('value')), quote=False)}</h3>"
    return ""


# WPBakery's tabs, tours and pageable containers: their sections' titles are tab labels,
# not headings of the text (an accordion's are, and stay).
TABS = re.compile(r"\[(?P<name>vc_tta_(?:tabs|tour|pageable))(?:\s[^\[\]]*)?\].*?\[/(?P=name)\]", re.DOTALL)
TAB_SECTION = re.compile(r"\[vc_tta_section(?:\s[^\[\]]*)?\]")


def read_shortcodes(html_text: str) -> str:
    """Return a fragment with its builder shortcodes read (see the module)."""
    html_text = BUTTON.sub("", html_text)
    if "[vc_tta_" in html_text:
        html_text = TABS.sub(lambda match: TAB_SECTION.sub("", match.group(0)), html_text)
    html_text = HEADING.sub(heading, html_text)
    return SHORTCODE.sub(shortcode_boundary, html_text)


# Layout shortcodes of the builders (rows, columns, text modules, sections): each stands for
# a block element, so the text on either side is two blocks, never one glued sentence.
LAYOUT_SHORTCODE = re.compile(r"^\[/?(?:vc|et_pb|fusion|av|us|ult|mk|cs|themify|tatsu|tm)_")


def shortcode_boundary(match: re.Match) -> str:
    """Return what a stripped shortcode leaves: a block boundary for a layout one, else nothing."""
    return "<div></div>" if LAYOUT_SHORTCODE.match(match.group(0)) else ""


# A page whose builder did not render its shortcodes (the plugin switched off, an export):
# they are in its text, wrapped in paragraphs by wpautop.
PAGE_SHORTCODE = re.compile(rb"\[/?(?:vc|et_pb|fusion|av|us|ult|mk|cs|themify|tatsu|tm)_[a-z]")


def has_page_shortcode(page: bytes) -> bool:
    """Return whether a page holds a builder shortcode: each "[" tried where it stands (a
    page has a handful; one search of the pattern over the whole page costs twice as much)."""
    at = page.find(b"[")
    while at != -1:
        if PAGE_SHORTCODE.match(page, at):
            return True
        at = page.find(b"[", at + 1)
    return False


def page_with_shortcodes_read(page: bytes | str) -> bytes | str:
    """Return a page's bytes (or text) with the builder shortcodes left in it read as in a
    fragment; the page as it is when it holds none (one search) or is not UTF-8."""
    if isinstance(page, str):
        return read_shortcodes(page) if PAGE_SHORTCODE.search(page.encode("utf-8", "surrogatepass")) else page
    if not has_page_shortcode(page):
        return page
    try:
        return read_shortcodes(page.decode("utf-8")).encode("utf-8")
    except UnicodeDecodeError:
        return page


def parse_fragment(html_text: str) -> etree._Element:
    """Return a ``<div>`` holding an HTML fragment (e.g. REST ``content.rendered``)."""
    if "[" in html_text:
        html_text = read_shortcodes(html_text)
    tree = etree.fromstring(f"<html><body><div {FRAGMENT_MARK}>{html_text}</div></body></html>", FRAGMENT_PARSER)
    return tree.find("body")[0]
