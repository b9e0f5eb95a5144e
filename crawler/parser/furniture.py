"""Page furniture: what a theme or plugin puts around (or inside) the post's content that
is not the interview. One signal among several: the tag, ARIA roles, microdata, then
``id``/``class`` fragments read token by token (post classes such as ``category-x`` and
page-builder wrappers such as ``elementor-widget-text-editor`` never match).

Two kinds, because the post's own metadata still gives dates and terms while comments,
related posts and sidebars must not:
``META``: the post's own header, byline, date line, terms, title (not body, but its own);
``FOREIGN``: comments, related posts, sidebars, widgets, sharing, newsletter, navigation,
author boxes, site header and footer, cookie banners, the Wayback Machine toolbar."""

from __future__ import annotations

import re

from lxml import etree

META, FOREIGN = "meta", "foreign"

# Never text of the page (tags whose content a reader never reads as the article).
DROPPED_TAGS = frozenset({"script", "style", "noscript", "template", "form", "iframe", "button",
                          "input", "select", "textarea", "svg", "object", "embed", "canvas",
                          "video", "audio", "map", "dialog", "head", "title", "meta", "link"})
FOREIGN_TAGS = frozenset({"nav", "aside", "menu"})
FOREIGN_ROLES = frozenset({"navigation", "complementary", "contentinfo", "banner", "search",
                           "dialog", "alertdialog", "menu", "menubar", "form"})
# schema.org microdata a theme prints on its regions (Genesis, Astra, GeneratePress).
FOREIGN_ITEMTYPE = re.compile(r"WPSideBar|WPFooter|WPHeader|SiteNavigationElement|Comment|BreadcrumbList")
FOREIGN_ITEMPROP = frozenset({"comment", "breadcrumb"})

# Tokens that are post classes (``post_class()``) or layout modifiers, never furniture:
# <article class="post-12 category-portraits tag-reemploi">, <div class="has-sidebar">.
NEUTRAL_TOKEN = re.compile(r"^(?:category-|tag-|type-|status-|format-|post-\d|postid-|has-|with-|"
                           r"no-|is-layout|wp-container-|elementor-element-|elementor-\d)")
# Foreign furniture, one fragment per family, matched inside one class or id token
# (``(?<!\S)`` and ``(?!\S)`` stand for the start and end of a token).
FOREIGN_FRAGMENTS = (
    r"comment|respond|disqus|"                                  # comment lists and form
    r"sidebar|widget-area|(?<!\S)widget(?:[-_]|(?!\S))|(?<!\S)secondary(?!\S)|"  # sidebars
    r"related|yarpp|crp_|jp-relatedposts|widget-posts|et_pb_blog|wp-block-query|latest-posts|"
    r"share|sharing|addtoany|a2a_|shariff|social|sociable|follow|"
    r"newsletter|subscri|mc4wp|mailpoet|sib-|optin|"
    r"author|"                                                  # author boxes
    r"breadcrumb|bread-crumb|"
    r"navigation|nav-links|nav-previous|nav-next|nav-below|nav-above|post[-_]nav|pagination|pager|"
    r"(?<!\S)nav(?!\S)|menu|"
    r"site-header|masthead|location-header|et-l--header|site-footer|colophon|location-footer|"
    r"et-l--footer|footer-widget|"
    r"cookie|gdpr|consent|popup|modal|"
    r"(?<!\S)wm-|wb-autocomplete|donato|"                       # Wayback Machine replay toolbar
    r"screen-reader|sr-only|visually-hidden|skip-link|"
    r"advert|sponsor|(?<!\S)ads?(?!\S)|button|excerpt|reading-time|read-time|post-views")
# The post's own metadata: header, date line, byline, terms, title.
META_FRAGMENTS = (
    r"header|footer|(?:(?<!\S)|[-_])meta(?:[-_]|(?!\S))|postmetadata|byline|posted-on|post-info|entry-date|"
    r"tags|tag-links|tagcloud|terms|categor|cat-links|entry-utility|taxonomy|"
    r"post-title|entry-title|page-title|amp-wp-title")
FURNITURE = re.compile(f"(?P<foreign>{FOREIGN_FRAGMENTS})|(?P<meta>{META_FRAGMENTS})")
MAX_NAMES = 2000  # characters of id/class read: a real class list is far shorter
# Tokens repeat across elements and pages of one theme: each is matched once.
_TOKEN_KINDS: dict[str, str | None] = {}
MAX_CACHED_TOKENS = 50_000


def kind_of_token(token: str) -> str | None:
    """Return the furniture kind one class or id token names, or None."""
    kind = _TOKEN_KINDS.get(token, 0)
    if kind != 0:
        return kind
    if NEUTRAL_TOKEN.match(token):
        kind = None
    else:
        match = FURNITURE.search(token)
        kind = None if match is None else FOREIGN if match.group("foreign") else META
    if len(_TOKEN_KINDS) >= MAX_CACHED_TOKENS:
        _TOKEN_KINDS.clear()
    _TOKEN_KINDS[token] = kind
    return kind


def token_kind(names: str) -> str | None:
    """Return the furniture kind ``id``/``class`` tokens name (foreign wins), or None."""
    kind = None
    for token in names[:MAX_NAMES].lower().split():
        found = kind_of_token(token)
        if found == FOREIGN:
            return FOREIGN
        kind = kind or found
    return kind


# Attributes that can make an element furniture; others (href, src, data-*) say nothing.
SIGNAL_ATTRIBUTES = frozenset({"class", "id", "role", "itemtype", "itemprop", "hidden", "aria-hidden", "style"})
HIDDEN_STYLE = re.compile(r"display\s*:\s*none")


def furniture_kind(element: etree._Element) -> str | None:
    """Return ``META``, ``FOREIGN`` or None for a block element, from its tag, role,
    microdata and ``id``/``class``."""
    tag = element.tag
    if tag in FOREIGN_TAGS:
        return FOREIGN
    keys = element.keys()
    plain = META if tag in ("header", "footer") else None
    if not keys:
        return plain
    if keys == ["class"]:  # the common case, read without building a mapping
        return token_kind(element.get("class")) or plain
    attrib = {key: element.get(key) for key in keys if key in SIGNAL_ATTRIBUTES}
    role = attrib.get("role")
    if role and role.lower() in FOREIGN_ROLES:
        return FOREIGN
    if "itemtype" in attrib and FOREIGN_ITEMTYPE.search(attrib["itemtype"]):
        return FOREIGN
    if attrib.get("itemprop") in FOREIGN_ITEMPROP or "hidden" in attrib or attrib.get("aria-hidden") == "true":
        return FOREIGN
    style = attrib.get("style")
    if style and "none" in style and HIDDEN_STYLE.search(style):
        return FOREIGN
    names = attrib.get("class") or ""
    if "id" in attrib:
        names = f"{names} {attrib['id']}"
    kind = token_kind(names) if names else None
    return kind or plain


def is_dropped(element: etree._Element) -> bool:
    """Return whether an element holds no article text (scripts, forms, furniture)."""
    tag = element.tag
    if not isinstance(tag, str) or tag in DROPPED_TAGS:
        return True
    return furniture_kind(element) is not None


def in_foreign(element: etree._Element, stop: etree._Element | None = None) -> bool:
    """Return whether ``element`` or an ancestor (below ``stop``) is foreign furniture."""
    for node in (element, *element.iterancestors()):
        if node is stop or node.tag in ("body", "html"):
            return False
        if furniture_kind(node) == FOREIGN:
            return True
    return False
