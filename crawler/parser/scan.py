"""One pass over the ``<body>`` collecting what metadata and extraction need: candidate
title headings and article bodies, post ids in ``id="post-N"``, dates in ``<time>``,
category and tag links, JSON-LD scripts."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import etree

from crawler.parser import selectors as sel


@dataclass
class Scan:
    """What the body scan found, in document order."""

    titles: dict[str, list[etree._Element]] = field(default_factory=dict)
    roots: dict[str, list[etree._Element]] = field(default_factory=dict)
    element_ids: list[str] = field(default_factory=list)
    times: list[etree._Element] = field(default_factory=list)
    body: etree._Element | None = None
    title: list[etree._Element | None] = field(default_factory=list)  # [element] once chosen
    categories: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    json_ld: list[str] = field(default_factory=list)  # JSON-LD scripts of the body
    tabs: bool = False  # a <div> classed "…tab…": the page may hold a tab widget (``walker.titled_tab_panels``)
    site: set[str] | None = None  # the site's names once read (``metadata.site_names``)
    series_source: bool | None = None  # whether a document title is of the series, once read
    # Elements the body walk kept, once it ran (``crawler.parser.body``): neither they nor
    # their ancestors are furniture.
    kept: dict[etree._Element, tuple[int, int]] = field(default_factory=dict)
    # Whether the page's bytes say "dateModified" (microdata worth a look) and words of an
    # update ("mis à jour le"): set by ``parse_page`` before the dates are read.
    mentions_modified: bool = True
    mentions_update: bool = False
    printed: tuple[str | None, str | None] | None = None  # the date line in words once read (``dates.printed_dates``)

    def add(self, table: dict[str, list[etree._Element]], name: str, element: etree._Element) -> None:
        """Note ``element`` under rule ``name``."""
        table.setdefault(name, []).append(element)


def has_ancestor(element: etree._Element, tag: str, cls: str | None = None) -> bool:
    """Return whether an ancestor has this tag (and this class)."""
    return any(cls is None or cls in (a.get("class") or "").split() for a in element.iterancestors(tag))


# Every class substring a title or content-root rule needs, in one pattern: most elements
# hold none, and one search rules them all out.
NEEDLES = re.compile("|".join(re.escape(needle) for needle in
                              (*sel.TITLE_CLASSES, *(n for _, n, _ in sel.CONTENT_ROOTS if n))))
# Rules without a class substring read microdata (``itemprop``): an element without it skips them.
ATTRIBUTE_ROOTS = tuple(rule for rule in sel.CONTENT_ROOTS if rule[1] is None)
assert all(name == "articleBody" for name, *_ in ATTRIBUTE_ROOTS)
# Rules whose test reads more than the class tokens (ancestors, attributes): run per element.
ELEMENT_ROOTS = ("entry",)
# Class attributes repeat (every column of a builder): each distinct one is read once, as
# (title rules, root rules read from the tokens alone, rules to test per element, "post" token).
_CLASS_RULES: dict[str, tuple] = {}
MAX_CACHED = 50_000
# What most class attributes make of an element: nothing but the microdata test.
NO_RULES = ((), (), ATTRIBUTE_ROOTS, False)


def class_rules(names: str) -> tuple:
    """Return what a class attribute can make of an element, for the scan."""
    found = _CLASS_RULES.get(names)
    if found is not None:
        return found
    classes = names.split()
    post = "post" in classes
    if NEEDLES.search(names) is None:
        found = NO_RULES if not post else ((), (), ATTRIBUTE_ROOTS, post)
    else:
        titles = tuple(cls for cls in sel.TITLE_CLASSES if cls in classes)
        plain = tuple(name for name, needle, test in sel.CONTENT_ROOTS
                      if needle is not None and name not in ELEMENT_ROOTS and needle in names
                      and test("", classes, None))
        tested = tuple(rule for rule in sel.CONTENT_ROOTS
                       if rule[1] is None or (rule[0] in ELEMENT_ROOTS and rule[1] in names))
        found = (titles, plain, tested, post)
    if len(_CLASS_RULES) >= MAX_CACHED:
        _CLASS_RULES.clear()
    _CLASS_RULES[names] = found
    return found


# A tab widget's class ("kt-tabs-wrap", "vc_tta-tabs", "w-tabs", "tab-content"), not "tablet".
TAB_CLASS = re.compile(r"tabs|tab[-_]|[-_]tab(?![a-z])")


def scan_body(tree: etree._Element) -> Scan:
    """Return what the page's body holds for the parser."""
    found = Scan()
    body = found.body = tree.find("body")
    if body is None:
        return found
    titles, roots, rules = found.titles, found.roots, _CLASS_RULES
    for element in body.iter(*sel.SCANNED_TAGS):
        tag = element.tag
        if tag == "div":  # most elements scanned: a classed div that no rule names
            names = element.get("class")
            if names and "tab" in names and not found.tabs and TAB_CLASS.search(names):
                found.tabs = True
            if names and (rules.get(names) or class_rules(names)) is NO_RULES:
                if element.get("itemprop"):
                    for name, _, test in ATTRIBUTE_ROOTS:
                        if test(tag, (), element):
                            roots.setdefault(name, []).append(element)
                continue
        elif tag == "a":
            rel = element.get("rel")
            if rel and "tag" in rel and element.text and "tag" in rel.split():
                (found.categories if "category" in rel.split() else found.tags).append(element.text)
            continue
        if tag == "script":
            if element.get("type") == sel.JSON_LD_TYPE and element.text:
                found.json_ld.append(element.text)
            continue
        if tag == "time":
            found.times.append(element)  # which is the post's own: crawler.parser.dates
            continue
        if tag == "h1":
            if has_ancestor(element, "article"):
                titles.setdefault("article-h1", []).append(element)
            elif has_ancestor(element, "main"):
                titles.setdefault("main-h1", []).append(element)
            else:
                titles.setdefault("page-h1", []).append(element)
        elif tag == "h2":
            parent = element.getparent()
            if parent is not None and parent.tag == "div" and "post" in (parent.get("class") or "").split():
                titles.setdefault("kubrick-h2", []).append(element)
        names = element.get("class")
        if names:
            title_hits, plain, tested, post = rules.get(names) or class_rules(names)
            classes, itemprop = None, tested and element.get("itemprop")
            if tag == "article" or post:
                ident = element.get("id")
                if ident and ident.startswith("post-"):
                    found.element_ids.append(ident)
            for name in title_hits:
                titles.setdefault(name, []).append(element)
            for name in plain:
                roots.setdefault(name, []).append(element)
            for name, needle, test in tested:
                if needle is None and not itemprop:
                    continue
                if name in ELEMENT_ROOTS:
                    classes = classes or names.split()
                if test(tag, classes or (), element):
                    roots.setdefault(name, []).append(element)
        else:
            if tag == "article":
                ident = element.get("id")
                if ident and ident.startswith("post-"):
                    found.element_ids.append(ident)
            if (tag == "div" or tag == "article") and element.get("itemprop"):
                for name, _, test in ATTRIBUTE_ROOTS:
                    if test(tag, (), element):
                        roots.setdefault(name, []).append(element)
    return found
