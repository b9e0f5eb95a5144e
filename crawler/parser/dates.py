"""The post's own dates: JSON-LD, OpenGraph, then the theme's ``<time>`` and date markup
(never a related post's, a comment's or a sidebar's), read from ``datetime`` or from the
text ("4 mars 2021", "March 4, 2021", "04/03/2021"), in the site's local time."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from datetime import datetime, timedelta, timezone

from lxml import etree

from crawler.parser import selectors as sel
from crawler.parser.furniture import in_foreign

def normalise_date(value: str | None) -> str | None:
    """Return an ISO 8601 date-time (offset kept when given), or None if unreadable."""
    if not value:
        return None
    value = value.strip().replace("Z", "+00:00")
    try:
        return datetime.fromisoformat(value).isoformat()
    except ValueError:
        match = re.match(r"\d{4}-\d{2}-\d{2}", value)
        return match.group(0) if match else None


MONTHS = {name: n for n, names in enumerate((
    ("janvier", "janv", "january", "jan"), ("février", "fevrier", "févr", "fevr", "fév", "fev", "february", "feb"),
    ("mars", "march", "mar"), ("avril", "avr", "april", "apr"), ("mai", "may"), ("juin", "june", "jun"),
    ("juillet", "juil", "july", "jul"), ("août", "aout", "august", "aug"),
    ("septembre", "sept", "september", "sep"), ("octobre", "oct", "october"),
    ("novembre", "nov", "november"), ("décembre", "decembre", "déc", "dec", "december")), start=1)
    for name in names}
_MONTH = r"(?P<month>[a-zéèûô]{3,9})\.?"
# "4 mars 2021", "1er mars 2021", "1ᵉʳ mars 2021", "4 fév 2021", "4 juillet, 2021", "jeudi 4 mars 2021" (French); "March 4, 2021",
# "mars 4th, 2021" (Twenty Ten's "Posted on", Avada's default format); "04/03/2021"; ISO.
TEXT_DATES = (
    re.compile(r"\b(?P<day>\d{1,2})(?:er|e|ᵉʳ|ᵉ)?\s+" + _MONTH + r",?\s+(?P<year>\d{4})\b", re.IGNORECASE),
    re.compile(r"\b" + _MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th|er)?,?\s+(?P<year>\d{4})\b", re.IGNORECASE),
    re.compile(r"\b(?P<day>\d{1,2})[/.](?P<month>\d{1,2})[/.](?P<year>\d{4})\b"),
    re.compile(r"\b(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})(?!\d)"),
)


def text_date(text: str) -> str | None:
    """Return the first date written in ``text`` (French, English or numeric, day first)
    as ``yyyy-mm-dd``, or None."""
    text = text[:200]
    for pattern in TEXT_DATES:
        for match in pattern.finditer(text):
            month = match.group("month")
            month = int(month) if month.isdigit() else MONTHS.get(month.casefold())
            if month is None:
                continue
            try:
                return datetime(int(match.group("year")), month, int(match.group("day"))).date().isoformat()
            except ValueError:
                continue
    return None


# Elements that print the post's date in themes that have no <time datetime> (Twenty Ten's
# <span class="entry-date">, Elementor's post info, microdata); read only when nothing
# else dated the post. A Python filter: an XPath on @class costs ten times more.
DATE_MARKUP_TAGS = ("span", "abbr", "li", "p", "div", "small", "meta", "a")
# The theme's meta line last ("Par Anne · Publié le 4 mars 2023"): its first date is the post's.
PUBLISHED_MARKUP = ("datePublished", ("entry-date", "posted-on", "post-date", "published", "date-published",
                                      "meta-date", "meta_date", "date-meta", "entry-meta", "post-meta",
                                      "article-meta", "byline"))
MODIFIED_MARKUP = ("dateModified", ("updated", "modified", "date-modified"))


MODIFIED_MICRODATA = etree.XPath(".//*[@itemprop='dateModified']")  # in the body only
_FRAGMENTS: dict[tuple[str, ...], re.Pattern] = {}
_SEEN: dict[tuple[str, ...], dict[str, bool]] = {}
MAX_SEEN = 50_000


def date_markup(body: etree._Element, rule: tuple[str, tuple[str, ...]]) -> Iterator[etree._Element]:
    """Yield the elements whose microdata or class names say they print a date, in document
    order: the reader stops at the first that is the post's own."""
    itemprop, fragments = rule
    pattern = _FRAGMENTS.get(fragments)
    if pattern is None:  # one search per element instead of one test per fragment
        pattern = _FRAGMENTS[fragments] = re.compile("|".join(re.escape(f) for f in fragments))
    search, seen = pattern.search, _SEEN.setdefault(fragments, {})
    for element in body.iter(DATE_MARKUP_TAGS):
        classes = element.get("class")
        if classes:
            hit = seen.get(classes)
            if hit is None:  # class attributes repeat: each distinct one is searched once
                if len(seen) >= MAX_SEEN:
                    seen.clear()
                hit = seen[classes] = search(classes) is not None
            if hit:
                yield element
                continue
        if element.get("itemprop") == itemprop:
            yield element


UTC_OFFSETS = ("+00:00",)


def element_date(element: etree._Element) -> str | None:
    """Return the date an element states: ``datetime``/``content``, else its text."""
    value = element.get("datetime") or element.get("content")
    if not value:
        return text_date(" ".join(element.itertext())[:200])  # spans of a meta line apart
    stamp = normalise_date(value)
    if stamp and stamp[-6:] in UTC_OFFSETS:  # <time datetime="…T22:30:00+00:00">2 juin</time>: the day printed
        printed = text_date(" ".join(element.itertext())[:200])
        if printed and printed[:10] != stamp[:10]:
            stamp = localise(stamp, day_offset(stamp, printed[:10]))
    return stamp


def article_of(element: etree._Element | None) -> etree._Element | None:
    """Return the nearest <article> around an element."""
    return next(element.iterancestors("article"), None) if element is not None else None


def own_date(elements: Iterable[etree._Element], title: etree._Element | None, clean=()) -> str | None:
    """Return the first date of the elements that are the post's own: not in a comment,
    a sidebar or a related post, nor in another <article> than the title's (``clean``:
    elements known not to be furniture, ``Scan.kept``)."""
    home = article_of(title)
    above = set(title.iterancestors()) if title is not None else set()
    own_title = spaced_text(title) if title is not None else None
    for element in elements:
        value = element_date(element)
        if not value or in_foreign(element, clean=clean) or in_site_header(element, above) \
                or in_teaser(element, above, own_title):
            continue
        around = article_of(element)
        if around is not None and home is not None and around is not home:
            continue
        return value
    return None


TEASER_LEVELS = 4
LINKED_HEADING = etree.XPath("descendant::*[self::h1 or self::h2 or self::h3 or self::h4 or self::h5 or self::h6][a[@href]]")


def spaced_text(element: etree._Element) -> str:
    """Return an element's text with its white space folded to single spaces."""
    return " ".join("".join(element.itertext()).split())


def in_teaser(element: etree._Element, above_title: set, own_title: str | None) -> bool:
    """Return whether a date is another post's, read from its markup alone: within a few
    levels, before reaching the post's title (``own_title``, its text), a heading links to a
    post of another title (a ticker's, a carousel's or a related post's teaser, whatever its classes)."""
    if own_title is None:
        return False
    node = element
    for _ in range(TEASER_LEVELS):
        node = node.getparent()
        if node is None or node in above_title:
            return False
        for heading in LINKED_HEADING(node):
            text = spaced_text(heading)
            if text and text != own_title:
                return True
    return False


SITE_HEADER_IDS = frozenset({"header", "masthead", "site-header", "top-bar", "topbar", "top-header"})


def in_site_header(element: etree._Element, above_title: set) -> bool:
    """Return whether an element is in the site's header (a news ticker's dates): a
    ``<header>`` or ``role="banner"`` region outside ``<main>`` that does not hold the
    post's title (``above_title``: the title's ancestors)."""
    for node in element.iterancestors():
        tag = node.tag
        if tag == "main" or tag == "article" or node in above_title:
            return False
        if tag == "header" or node.get("role") == "banner" or (node.get("id") or "").lower() in SITE_HEADER_IDS:
            return not any(a.tag == "main" or a.tag == "article" for a in node.iterancestors())
    return False


def time_dates(scan, title: etree._Element | None) -> tuple[str | None, str | None]:
    """Return (published, modified) from the page's <time> and date markup."""
    times, clean = scan.times, scan.kept
    # Microdata says what a <time> is before its class does: Enfold prints the published
    # date as <time class="updated" itemprop="datePublished">.
    # The block editor's date block set to show the update ("wp-block-post-date__modified-date"),
    # a <time> that says "Mis à jour le …": the update's, whatever block it is in.
    published, updated, rest = [], [], []
    for t in times:
        prop, classes, blocks = t.get("itemprop"), (t.get("class") or "").split(), date_blocks(t)
        if prop == "datePublished" or prop != "dateModified" and (
                sel.PUBLISHED_TIME_CLASS in classes or sel.PUBLISHED_DATE_BLOCK in blocks) and not says_updated(t, blocks):
            published.append(t)
        elif prop == "dateModified" or sel.UPDATED_TIME_CLASS in classes or sel.UPDATED_DATE_BLOCK in blocks \
                or says_updated(t, blocks):
            updated.append(t)
        else:
            rest.append(t)
    found = own_date(published, title, clean) or own_date(rest, title, clean)
    own_time = found is not None  # the post's date is a <time> (not a related post's)
    if found is None and scan.body is not None:
        found = own_date(date_markup(scan.body, PUBLISHED_MARKUP), title, clean)
    printed_modified = None
    if found is None and scan.body is not None:
        found, printed_modified = printed_dates(scan, title)
    modified = own_date(updated, title, clean) or printed_modified
    if modified is None and own_time and any(
            {sel.PUBLISHED_TIME_CLASS, sel.UPDATED_TIME_CLASS} <= set((t.get("class") or "").split())
            and t.get("itemprop") is None and element_date(t) == found for t in published):
        # Underscores' themes print one <time class="entry-date published updated"> for a post
        # never edited (two <time> once it is): its update is its publication.
        modified = found
    if modified is None and found is not None and scan.body is not None:
        # Without a <time> of the post's, the theme's date classes; beside one, only microdata
        # (Enfold's <span itemprop="dateModified">): "updated" classes there may be anyone's.
        candidates = date_markup(scan.body, MODIFIED_MARKUP) if not own_time else \
            MODIFIED_MICRODATA(scan.body) if scan.mentions_modified else ()
        modified = own_date(candidates, title, clean)
    return found, modified


# The theme's date line in words, whatever its markup ("Publié le 14 mars 2022 par X · Mis à
# jour le 15 mars 2022"): read last, when nothing else dates the post.
PRINTED_LINES = etree.XPath(".//text()[contains(., 'ublié le') or contains(., 'osté le') or contains(., 'en ligne le') "
                            "or contains(., 'aru le') or contains(., 'is à jour le') or contains(., 'osted on') or "
                            "contains(., 'ublished on') or contains(., 'pdated on')]")
PUBLISHED_WORDS = re.compile(r"(?:publié|posté|mis\s+en\s+ligne|paru|posted|published)\s+(?:le|on)\s+(?P<rest>.*)",
                             re.IGNORECASE | re.DOTALL)
UPDATED_WORDS = re.compile(r"(?:mis\s+à\s+jour|updated)\s+(?:le|on)\s+(?P<rest>.*)", re.IGNORECASE | re.DOTALL)
MAX_PRINTED_LINES = 20


def header_date(lines: Iterable[str]) -> str | None:
    """Return the first date of the lines under a post's title that is not an update's
    ("Mis à jour le 5 mai 2022" dates the update, not the post)."""
    for line in lines:
        found = text_date(line)
        if found and not UPDATED_WORDS.search(line):
            return found
    return None


def printed_lines(body: etree._Element, title: etree._Element | None, clean=()) -> tuple[str | None, str | None]:
    """Return (published, modified) from the post's own date line in words, or Nones."""
    published = modified = None
    home = article_of(title)
    for text in PRINTED_LINES(body)[:MAX_PRINTED_LINES]:
        line = text.getparent()
        if line is None or in_foreign(line, clean=clean):
            continue
        around = article_of(line)
        if around is not None and home is not None and around is not home:
            continue
        words = spaced_text(line)[:300]
        found = PUBLISHED_WORDS.search(words)
        if found and published is None:
            published = text_date(UPDATED_WORDS.split(found.group("rest"))[0])
        found = UPDATED_WORDS.search(words)
        if found and modified is None:
            modified = text_date(found.group("rest"))
        if published:
            break
    return published, modified


def printed_dates(scan, title: etree._Element | None) -> tuple[str | None, str | None]:
    """Return ``printed_lines`` of the page's body, read once a page."""
    if scan.printed is None:
        scan.printed = printed_lines(scan.body, title, scan.kept)
    return scan.printed


def says_updated(time: etree._Element, blocks: frozenset[str] | set[str]) -> bool:
    """Return whether a <time> is the update's by its block ("wp-block-post-date__modified-date",
    in ``blocks``: ``date_blocks``) or its words ("Mis à jour le 16 mai 2024", "Updated on …")."""
    text = (time.text or "").lstrip()[:20]
    if text and UPDATED_WORDS.match(text):
        return True
    return sel.MODIFIED_DATE_BLOCK in blocks


DATE_BLOCK = "wp-block-post-"  # what the block editor's date blocks' classes begin with
NO_BLOCKS: frozenset[str] = frozenset()


def date_blocks(element: etree._Element) -> frozenset[str] | set[str]:
    """Return the date-block classes ("wp-block-post-date", "wp-block-post-modified-date", …)
    of an element's ``<div>`` ancestors: one walk up for every test of a <time>."""
    found = NO_BLOCKS
    for ancestor in element.iterancestors("div"):
        names = ancestor.get("class")
        if names and DATE_BLOCK in names:
            found = found | {token for token in names.split() if token.startswith(DATE_BLOCK)}
    return found


def site_offset(scan) -> timezone | None:
    """Return the site's UTC offset as its own local stamps show it (a <time datetime>
    with a non-zero offset: the post's, a comment's), or None."""
    for element in scan.times:
        value = normalise_date(element.get("datetime"))
        if value and len(value) > 19 and value[-6:] not in UTC_OFFSETS:
            stamp = datetime.fromisoformat(value)
            if stamp.utcoffset():
                return timezone(stamp.utcoffset())
    return None


def day_offset(value: str | None, local_day: str | None) -> timezone | None:
    """Return the offset that puts a UTC stamp on the day the theme prints, or None."""
    if not value or not local_day or local_day == value[:10] or value[-6:] not in UTC_OFFSETS:
        return None
    stamp = datetime.fromisoformat(value)
    for hours in (1, 2, -4, -5, 3, 4, 5, -3, -6, -7, -8, 8, 9, 10):  # Europe first
        zone = timezone(timedelta(hours=hours))
        if stamp.astimezone(zone).date().isoformat() == local_day:
            return zone
    return None


def localise(value: str | None, offset: timezone | None) -> str | None:
    """Return a UTC stamp in the site's local time: Yoast prints UTC while WordPress and
    readers date a post in local time (23:40 UTC is already the next day in Paris)."""
    if not value or offset is None or len(value) <= 19 or value[-6:] not in UTC_OFFSETS:
        return value
    return datetime.fromisoformat(value).astimezone(offset).isoformat()


def published_dates(meta: dict, ld: dict, scan, title: etree._Element | None) -> tuple[str | None, str | None]:
    """Return (published, modified): JSON-LD, OpenGraph, then the post's own <time> or
    date markup; UTC stamps put in the site's local time."""

    def ld_date(key: str) -> str | None:
        return normalise_date(ld[key]) if isinstance(ld.get(key), str) else None

    published = ld_date("datePublished") or normalise_date(meta.get("article:published_time"))
    modified = ld_date("dateModified") or normalise_date(meta.get("article:modified_time"))
    if published is None or (published and published[-6:] in UTC_OFFSETS):
        theme_published, theme_modified = time_dates(scan, title)
        offset = site_offset(scan) or day_offset(published, theme_published and theme_published[:10])
        published = localise(published, offset) or theme_published
        modified = localise(modified, offset) or theme_modified
    if modified is None and published is not None and scan.body is not None and scan.mentions_update:
        modified = printed_dates(scan, title)[1]  # last: "Article mis à jour le 3 juin 2024"
    return published, modified
