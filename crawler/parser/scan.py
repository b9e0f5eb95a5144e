"""One pass over the ``<body>`` collecting what metadata and extraction need: candidate
title headings and article bodies, post ids in ``id="post-N"``, dates in ``<time>``,
category and tag links."""

from __future__ import annotations

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

    def add(self, table: dict[str, list[etree._Element]], name: str, element: etree._Element) -> None:
        """Note ``element`` under rule ``name``."""
        table.setdefault(name, []).append(element)


def has_ancestor(element: etree._Element, tag: str, cls: str | None = None) -> bool:
    """Return whether an ancestor has this tag (and this class)."""
    return any(cls is None or cls in (a.get("class") or "").split() for a in element.iterancestors(tag))


def scan_body(tree: etree._Element) -> Scan:
    """Return what the page's body holds for the parser."""
    found = Scan()
    body = found.body = tree.find("body")
    if body is None:
        return found
    for element in body.iter(*sel.SCANNED_TAGS):
        tag, classes = element.tag, (element.get("class") or "").split()
        if tag == "time":
            found.times.append(element)  # which is the post's own: crawler.parser.dates
            continue
        if classes:
            for cls in sel.TITLE_CLASSES:
                if cls in classes:
                    found.add(found.titles, cls, element)
        if tag == "h1" and has_ancestor(element, "article"):
            found.add(found.titles, "article-h1", element)
        elif tag == "h1" and has_ancestor(element, "main"):
            found.add(found.titles, "main-h1", element)
        elif tag == "h2":
            parent = element.getparent()
            if parent is not None and parent.tag == "div" and "post" in (parent.get("class") or "").split():
                found.add(found.titles, "kubrick-h2", element)
        if (tag == "article" or "post" in classes) and (element.get("id") or "").startswith("post-"):
            found.element_ids.append(element.get("id"))
        if classes or tag == "div" or tag == "article":
            for name, test in sel.CONTENT_ROOTS:
                if test(tag, classes, element):
                    found.add(found.roots, name, element)
    for link in sel.REL_LINKS(body):
        rel = link.get("rel").split()
        if "tag" in rel and link.text:
            (found.categories if "category" in rel else found.tags).append(link.text)
    return found
