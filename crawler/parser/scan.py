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
ATTRIBUTE_ROOTS = tuple(rule for rule in sel.CONTENT_ROOTS if rule[1] is None)


def scan_body(tree: etree._Element) -> Scan:
    """Return what the page's body holds for the parser."""
    found = Scan()
    body = found.body = tree.find("body")
    if body is None:
        return found
    title_classes, roots, needles = sel.TITLE_CLASSES, sel.CONTENT_ROOTS, NEEDLES.search
    for element in body.iter(*sel.SCANNED_TAGS):
        tag = element.tag
        if tag == "a":
            rel = element.get("rel")
            if rel and "tag" in rel.split() and element.text:
                (found.categories if "category" in rel.split() else found.tags).append(element.text)
            continue
        if tag == "script":
            if element.get("type") == sel.JSON_LD_TYPE and element.text:
                found.json_ld.append(element.text)
            continue
        if tag == "time":
            found.times.append(element)  # which is the post's own: crawler.parser.dates
            continue
        names = element.get("class")
        if tag == "h1":
            if has_ancestor(element, "article"):
                found.add(found.titles, "article-h1", element)
            elif has_ancestor(element, "main"):
                found.add(found.titles, "main-h1", element)
        elif tag == "h2":
            parent = element.getparent()
            if parent is not None and parent.tag == "div" and "post" in (parent.get("class") or "").split():
                found.add(found.titles, "kubrick-h2", element)
        if tag == "article" or (names and "post" in names and "post" in names.split()):
            ident = element.get("id")
            if ident and ident.startswith("post-"):
                found.element_ids.append(ident)
        if names and needles(names):
            classes = names.split()
            for cls in title_classes:
                if cls in classes:
                    found.add(found.titles, cls, element)
            for name, needle, test in roots:
                if (needle is None or needle in names) and test(tag, classes, element):
                    found.add(found.roots, name, element)
        elif names or tag == "div" or tag == "article":
            for name, _, test in ATTRIBUTE_ROOTS:
                if test(tag, (), element):
                    found.add(found.roots, name, element)
    return found
