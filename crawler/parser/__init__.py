"""The pure parser: a page (bytes or text, URL, optional REST post object) in, an
``Interview`` or a ``NotAnInterview`` with its reason out. No Scrapy here; never raises on
odd input."""

from __future__ import annotations

import re
from html import unescape

from lxml import etree

from crawler.parser import metadata as meta
from crawler.parser.walker import flatten
from crawler.parser.body import Body, content_body
from crawler.parser.dates import header_date
from crawler.parser.decode import decode_page, labelled_utf8
from crawler.parser.fragment import page_with_shortcodes_read, parse_fragment
from crawler.parser.guard import tame_attributes
from crawler.parser.qa import segment
from crawler.parser.records import PARSER_VERSION, QA, SPLIT_POST, TRUNCATED, Image, Interview, NotAnInterview
from crawler.parser.scan import Scan, scan_body
from crawler.parser.text import clean_text
from crawler.parser.title import SERIES_IN_TEXT, TitleParts, announced_parts, is_interview_title, split_title

__all__ = ["PARSER_VERSION", "QA", "Image", "Interview", "NotAnInterview", "is_interview_title",
           "parse_capture", "parse_page", "parse_rest_post", "split_title"]

XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)
MAX_CONTROL_RATIO = 0.05
# Words of a printed update line ("Article mis à jour le 3 juin 2024", "Updated on …"): only a
# page holding them is searched for one (``dates.printed_lines``), as a last source of ``modified``.
UPDATE_WORDS = (" jour le ", "pdated on")
UPDATE_BYTES = tuple(words.encode() for words in UPDATE_WORDS)
CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f]")


# Bytes that are not control characters: deleting them leaves the control characters (all
# ASCII, so one byte each in UTF-8), three times faster than a regex finds them.
NOT_CONTROL = bytes(b for b in range(256) if not CONTROL_CHARS.match(chr(b)))


def looks_binary(text: str | bytes) -> bool:
    """Return whether a page (its text, or its bytes) is mostly control characters (an
    image served as HTML)."""
    sample = text[:2048]
    if not sample:
        return True
    if isinstance(sample, str):
        sample = sample.encode("utf-8", "surrogatepass")
    return len(sample.translate(None, NOT_CONTROL)) / len(text[:2048]) > MAX_CONTROL_RATIO


# Plain lxml elements (no lxml.html element classes): every element access is cheaper.
# No id table (nothing looks ids up); no depth limit: libxml2 stops reading a document nested
# deeper than 256 elements (page builders nest hundreds of wrappers) unless told (2,048 then;
# the walk is given the room, ``body.nesting_room``). Parsing costs the same.
UTF8_PARSER = etree.HTMLParser(encoding="utf-8", collect_ids=False, huge_tree=True)
TEXT_PARSER = etree.HTMLParser(collect_ids=False, huge_tree=True)


def parse_utf8(body: bytes) -> etree._Element | None:
    """Return the tree of a page's UTF-8 bytes, or None when libxml2 met bytes that are not
    UTF-8 (or no document): the caller then decodes the page itself."""
    try:
        tree = etree.fromstring(tame_attributes(body[3:] if body.startswith(b"\xef\xbb\xbf") else body), UTF8_PARSER)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError):
        return None
    if any(error.type == INVALID_ENCODING for error in UTF8_PARSER.error_log):
        return None
    return tree


INVALID_ENCODING = etree.ErrorTypes.ERR_INVALID_ENCODING


def parse_html(body: bytes | str, text: str, encoding: str) -> etree._Element | None:
    """Return the page's tree: from the bytes when they are plain UTF-8 (no re-encoding),
    else from the decoded text; None when there is no document."""
    try:
        if isinstance(body, bytes) and encoding in ("utf-8", "utf8"):
            return parse_utf8(body)  # decode_page found them UTF-8 throughout
        else:
            if text.lstrip()[:5].lower() == "<?xml":  # lxml refuses str with an encoding declaration
                text = XML_DECLARATION.sub("", text, count=1)
            tree = etree.fromstring(tame_attributes(text), TEXT_PARSER)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError):
        return None
    return tree


def content_root(tree: etree._Element, url: str, title: str | None = None,
                 scan: Scan | None = None) -> tuple[str, Body | None]:
    """Return the name and blocks of the article body, chosen by score (``crawler.parser.body``)."""
    scan = scan_body(tree) if scan is None else scan
    found = content_body(tree, scan, url, meta.title_element(scan), title)
    return (found.name, found) if found else ("none", None)


def parse_page(body: bytes | str, url: str, content_type: str | None = None,
               rest_post: dict | None = None) -> Interview | NotAnInterview:
    """Return the interview a WordPress page holds, or why it is not one.

    ``rest_post`` is the page's REST API object when discovery had it: its id and dates are
    WordPress's own and come first."""
    try:
        return _parse_page(body, url, content_type, rest_post)
    except Exception as error:  # noqa: BLE001 - the parser's contract: a reason, never a crash
        return NotAnInterview("parser-error", f"parser failed: {type(error).__name__}: {error}", url)


def _parse_page(body: bytes | str, url: str, content_type: str | None,
                rest_post: dict | None) -> Interview | NotAnInterview:
    if not body or body.isspace():  # isspace stops at the first byte that is not; strip() copies
        return NotAnInterview("empty", "the response body is empty", url)
    body = page_with_shortcodes_read(body)
    tree, encoding = None, "utf-8"
    if isinstance(body, bytes) and labelled_utf8(body, content_type):
        # Most pages: libxml2 reads the UTF-8 bytes itself, and says when some are not UTF-8
        # (then the page is decoded below, its stray bytes as Windows-1252).
        if looks_binary(body):
            return NotAnInterview("binary", "the response is not text (binary bytes)", url, encoding=encoding)
        tree = parse_utf8(body)
    if tree is None:
        text, encoding = decode_page(body, content_type)
        if looks_binary(text):
            return NotAnInterview("binary", "the response is not text (binary bytes)", url, encoding=encoding)
        tree = parse_html(body, text, encoding)
    if tree is None:
        return NotAnInterview("unparseable", "the HTML could not be parsed", url, encoding=encoding)
    head, scan = meta.read_head(tree), scan_body(tree)
    scan.mentions_modified = (b"dateModified" if isinstance(body, bytes) else "dateModified") in body
    scan.mentions_update = any(words in body for words in (UPDATE_BYTES if isinstance(body, bytes) else UPDATE_WORDS))
    ld = meta.json_ld_article(tree, head.json_ld + scan.json_ld)
    title = rest_title(rest_post) or meta.title_text(tree, head, ld, scan)
    post_id = (rest_post or {}).get("id") if isinstance((rest_post or {}).get("id"), int) else None
    post_id = post_id or meta.post_id(tree, head, scan, url)
    canonical = meta.canonical_url(head, url)
    if not title:
        return NotAnInterview("no-title", "the page has no title", url, id=post_id, encoding=encoding)
    parts = series_parts(title, canonical, post_id, encoding)
    if isinstance(parts, NotAnInterview):  # the common case on a news site: stop before the body
        return parts
    root_name, root = content_root(tree, canonical, title, scan)
    published, modified = meta.published_dates(head, ld, scan)
    if rest_post:
        published = meta.rest_date(rest_post.get("date"), rest_post.get("date_gmt")) or published
        modified = meta.rest_date(rest_post.get("modified"), rest_post.get("modified_gmt")) or modified
    categories, tags = meta.terms(ld, scan)
    return build(parts, title, root, root_name, url=canonical, post_id=post_id, published=published,
                 modified=modified, language=meta.language(tree, head, ld, default=""),
                 categories=categories, tags=tags, encoding=encoding)


def parse_capture(url: str, status: int, headers: dict[str, str], body: bytes,
                  context: dict | None = None) -> Interview | NotAnInterview:
    """Return the record of a capture (fresh from the crawl or stored in the archive): its
    status, headers and bytes, with what discovery knew of it (``context["rest_post"]``)."""
    context = context or {}
    url = context.get("original_url") or url  # a Wayback copy speaks for the page it copied
    if status != 200:
        return NotAnInterview(f"http-{status}", f"HTTP {status}: the page was not served", url)
    content_type = next((v for k, v in headers.items() if k.lower() == "content-type"), None)
    result = parse_page(body, url, content_type, rest_post=context.get("rest_post"))
    if not looks_truncated(body):
        return result
    if isinstance(result, Interview):
        result.warnings.append(TRUNCATED)
        return result
    if result.code in ("too-few-questions", "no-content"):
        return NotAnInterview("truncated", f"the page ends before </html> ({result.reason})",
                              result.url, result.title, result.id, result.encoding)
    return result


def looks_truncated(body: bytes) -> bool:
    """Return whether an HTML page stops before its end (no ``</html>`` or ``</body>``)."""
    tail = body[-4096:].lower()
    return b"</html" not in tail and b"</body" not in tail


def rest_title(rest_post: dict | None) -> str | None:
    """Return the plain title of a REST post object (``title.rendered`` is HTML)."""
    rendered = ((rest_post or {}).get("title") or {})
    rendered = rendered.get("rendered") if isinstance(rendered, dict) else None
    if not isinstance(rendered, str) or not rendered.strip():
        return None
    return clean_text(unescape(re.sub(r"<[^>]+>", "", rendered)))


def parse_rest_post(post: dict) -> Interview | NotAnInterview:
    """Return the interview held by a REST API post object (``content.rendered``)."""
    try:
        url = post.get("link") if isinstance(post.get("link"), str) else ""
        title = rest_title(post)
        post_id = post.get("id") if isinstance(post.get("id"), int) else None
        if not title:
            return NotAnInterview("no-title", "the REST post has no title", url, id=post_id)
        content = post.get("content") or {}
        rendered = content.get("rendered") if isinstance(content, dict) else None
        parts = series_parts(title, url, post_id, "json")
        if isinstance(parts, NotAnInterview):
            return parts
        root = parse_fragment(rendered if isinstance(rendered, str) else "")
        return build(parts, title, root, "rest", url=url, post_id=post_id,
                     published=meta.rest_date(post.get("date"), post.get("date_gmt")),
                     modified=meta.rest_date(post.get("modified"), post.get("modified_gmt")),
                     language=post.get("lang") if isinstance(post.get("lang"), str) else "",
                     categories=[], tags=[], encoding="json")
    except Exception as error:  # noqa: BLE001 - same contract as parse_page
        return NotAnInterview("parser-error", f"parser failed: {type(error).__name__}: {error}",
                              str(post.get("link", "")) if isinstance(post, dict) else "")


def series_parts(title: str, url: str, post_id: int | None, encoding: str | None) -> TitleParts | NotAnInterview:
    """Return what an interview title says, or why the page is not of the series."""
    parts = split_title(title) or announced_parts(title)
    if parts is None:
        return NotAnInterview("not-series", f"title is not of the “3 questions à …” series: {title}",
                              url, title, post_id, encoding)
    return parts


def build(parts: TitleParts, title: str, root: etree._Element | Body | None, root_name: str, *, url: str,
          post_id: int | None, published: str | None, modified: str | None, language: str,
          categories: list[str], tags: list[str], encoding: str | None) -> Interview | NotAnInterview:
    """Return the Interview made of a series title and an article body, or why there is none."""
    if root is None:
        return NotAnInterview("no-content", "the page has no article body", url, title, post_id, encoding)
    found = segment(root.blocks if isinstance(root, Body) else flatten(root, url), parts.interviewee, parts.count)
    if parts.series_in_body and not SERIES_IN_TEXT.search(found.preamble):
        return NotAnInterview("not-series", "the title names an interview (“Interview de …”) but the article does not "
                              "say it is of the “3 questions à …” series", url, title, post_id, encoding)
    if len(found.qa) < 2:
        return NotAnInterview(
            "too-few-questions",
            f"title is of the series but the body has {len(found.qa)} question/answer pair(s); at least 2 are needed",
            url, title, post_id, encoding)
    printed, header = found.printed_date, root.header if isinstance(root, Body) else []
    if printed is None:  # "04/03/2021" under the title, outside the content
        printed = next((date for date in map(meta.printed_date, header) if date), None)
    # Then a date in words under the title in no markup ("vendredi 5 mars 2021"), then the URL's.
    published = published or printed or header_date(header) or meta.url_date(url)
    return Interview(
        id=post_id, url=url, title=title, interviewee=parts.interviewee, role=parts.role,
        organisation=parts.organisation, published=published, modified=modified,
        printed_date=printed,
        # <html lang> is site-wide: an English series title ("3 questions to") says more.
        language=parts.language if parts.language != "fr" else (language or parts.language),
        intro=found.intro, outro=found.outro, qa=found.qa, categories=categories, tags=tags, images=found.images,
        strategy=f"{root_name}/{found.strategy}", encoding=encoding,
        warnings=list(parts.warnings) + ([SPLIT_POST] if found.split_post else []),
        name=parts.name, kind=parts.kind)
