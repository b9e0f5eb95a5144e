"""Page furniture: what a theme or plugin puts around (or inside) the post's content that
is not the interview. One signal among several: the tag, ARIA roles, microdata, then
``id``/``class`` fragments read token by token (post classes such as ``category-x`` and
page-builder wrappers such as ``elementor-widget-text-editor`` never match).

Two kinds, because the post's own metadata still gives dates and terms while comments,
related posts and sidebars must not:
``META``: the post's own header, byline, date line, terms, title (not body, but its own);
``FOREIGN``: comments, related posts, sidebars, widgets, sharing, newsletter, navigation,
author boxes, site header and footer, cookie banners, the Wayback Machine toolbar.

Some class matches are read with the element's content, as a reader would: a button class
on a question, a ``widget`` class on a builder's text module inside the post's content, a
``sidebar`` class on the layout container that holds the post are not furniture."""

from __future__ import annotations

import re

from lxml import etree

from crawler.parser.blocks import HEADINGS
from crawler.parser.selectors import CONTENT_ROOTS
from crawler.parser.text import ends_with_question, fold

META, FOREIGN = "meta", "foreign"
# The attribute marking a REST fragment's wrapper (``crawler.parser.fragment``).
POST_CONTENT_MARK = "data-post-content"
CONTENT_CLASSES = re.compile("|".join(re.escape(needle) for _, needle, _ in CONTENT_ROOTS if needle))

# Never text of the page (tags whose content a reader never reads as the article).
DROPPED_TAGS = frozenset({"script", "style", "noscript", "template", "form", "iframe",
                          "input", "select", "textarea", "svg", "object", "embed", "canvas",
                          "video", "audio", "map", "dialog", "head", "title", "meta", "link"})
FOREIGN_TAGS = frozenset({"nav", "aside", "menu"})
FOREIGN_ROLES = frozenset({"navigation", "complementary", "contentinfo", "banner", "search", "progressbar",
                           "dialog", "alertdialog", "menu", "menubar", "form",
                           "tooltip"})  # a footnote's or a glossary's text shown on hover
# schema.org microdata a theme prints on its regions (Genesis, Astra, GeneratePress).
FOREIGN_ITEMTYPE = re.compile(r"WPSideBar|WPFooter|WPHeader|SiteNavigationElement|Comment|BreadcrumbList")
FOREIGN_ITEMPROP = frozenset({"comment", "breadcrumb"})

# Tokens that are post classes (``post_class()``) or layout modifiers, never furniture:
# <article class="post-12 category-portraits tag-reemploi">, <div class="has-sidebar">.
NEUTRAL_TOKEN = re.compile(r"^(?:category-|tag-|type-|status-|format-|post-\d|postid-|has-|with-|"
                           r"no-|is-layout|wp-container-|elementor-element-|elementor-\d)")
# A token that switches a feature off names no furniture, wherever the negation stands:
# Enfold's "av-blog-meta-author-disabled", Uncode's "un-no-sidebar-layout", "comments-off".
NEGATED_TOKEN = re.compile(r"(?:^|[-_])(?:no|without|hide|disabled?)[-_]|[-_](?:disabled|off)$")
# Foreign furniture, one fragment per family, matched inside one class or id token
# (``(?<!\S)`` and ``(?!\S)`` stand for the start and end of a token).
FOREIGN_FRAGMENTS = (
    r"comment|respond|disqus|"                                  # comment lists and form
    r"widget-area|(?<!\S)secondary(?!\S)|"                          # sidebars
    r"related|yarpp|crp_|jp-relatedposts|widget-posts|et_pb_blog|wp-block-query|latest-posts|similar|"
    r"posts?[-_]grid|easy-posts|recent-posts|(?<![a-z])posts[-_]list|post-?module|posts?-?carousel|"  # post teasers
    r"pricing|"                                                  # a pricing table's offer
    r"(?<![a-z])footnotes?(?![a-z])|"                           # a footnotes list (core, plugins)
    r"tabs?-list|tabs?-nav|tabs?-title-list|"                   # a tab bar's titles (the panels stay)
    r"newsletter|subscri|mc4wp|mailpoet|sib-|optin|"
    r"(?<![a-z])cta(?![a-z])|call-?to-?action|calltoaction|et_pb_promo(?![a-z])|"     # call-to-action widgets
    # author boxes (their bio); "author" alone, "post-author", "author-date" is the byline (meta)
    r"author[-_]?(?:box|bio|info|description|desc|profile|card|wrap|area|section|details|about|content|avatar|"
    r"title|social|posts|meta-box)|about[-_]?(?:the[-_])?author|saboxplugin|molongui|pp-multiple-authors|abh_|"
    r"breadcrumb|bread-crumb|"
    r"navigation|nav-links|nav-previous|nav-next|nav-below|nav-above|post[-_]nav|pagination|pager|"
    r"(?<!\S)nav(?!\S)|menu|"
    r"site-header|masthead|location-header|et-l--header|site-footer|colophon|location-footer|"
    r"et-l--footer|footer-widget|"
    r"cookie|gdpr|consent|popup|modal|"
    r"wpml-ls|(?<![a-z])pll-|lang(?:uage)?[-_]?switch|trp-language|gtranslate|weglot|"  # translation switchers
    r"instagram-media|twitter-tweet|tiktok-embed|fb-post|"                        # social networks' embeds
    r"click-?to-?tweet|ctt-|tweet-?box|(?<![a-z])rating|kk-star|yasr|"
    r"progress[-_]?bar|countup|count-up|counter-?number|number-?counter|[-_]counter(?![a-z])|"  # figures widgets
    r"(?<!\S)wm-|wb-autocomplete|donato|"                       # Wayback Machine replay toolbar
    r"screen-reader|sr-only|visually-hidden|skip-link|"
    r"table-of-content|(?<![a-z])toc(?![a-z])|lwptoc|(?<![a-z])sommaire|"      # tables of contents
    r"advert|sponsor|(?<!\S)ads?(?!\S)|excerpt|reading-time|read-time|post-views")
# Call-to-action buttons: furniture only when the element reads as one (short or link
# text, no question): Spectra's FAQ writes each question in "uagb-faq-questions-button".
WEAK_FRAGMENTS = r"button|(?<![a-z])btn"
# Sharing and follow-us bars, unless the element holds a post's worth of text: Hueman adds
# "share" to its "entry themeform" content wrapper when sharing is on.
SHARE_FRAGMENTS = r"share|sharing|addtoany|a2a_|shariff|social|sociable|follow"
# A widget (``widget``, ``widget_text``): a sidebar's box, unless it sits in the post's own
# content (SiteOrigin and other builders lay the article out in "widget" panels).
WIDGET_FRAGMENTS = r"(?<!\S)widget(?:[-_]|(?!\S))"
# A sidebar, unless it is the layout container holding the post ("container right-sidebar").
SIDEBAR_FRAGMENTS = r"sidebar"
# The post's own metadata: header, date line, byline, terms, title.
META_FRAGMENTS = (
    r"header|footer|(?:(?<!\S)|[-_])meta(?:[-_]|(?!\S))|postmetadata|byline|posted[-_]on|post[-_]info|entry[-_]date|"
    r"author|"
    r"tags|(?:post|entry|single|article)[-_]tag(?!\S)|tag[-_]links|tagcloud|terms|categor|cat[-_]links|entry[-_]utility|taxonomy|"
    r"post[-_]title|entry[-_]title|page[-_]title|amp-wp-title")
FURNITURE = re.compile(f"(?P<foreign>{FOREIGN_FRAGMENTS})|(?P<share>{SHARE_FRAGMENTS})|(?P<widget>{WIDGET_FRAGMENTS})|"
                       f"(?P<sidebar>{SIDEBAR_FRAGMENTS})|(?P<meta>{META_FRAGMENTS})|(?P<weak>{WEAK_FRAGMENTS})")
WEAK, WIDGET, SIDEBAR, SHARE, TAB_TITLE = "weak", "widget", "sidebar", "share", "tab-title"
# A panel's own title in a tab widget repeats its tab's (WPBakery prints both, for small
# screens); in an accordion it is the only title (maybe a question), so it stays.
PANEL_TITLE = re.compile(r"(?<!\S)vc_tta-panel-heading(?!\S)")
TAB_WIDGETS = re.compile(r"(?<!\S)vc_tta-(?:tabs|tour|pageable)(?!\S)")
# Kinds a token names that the element's content decides (``resolve``), strongest first.
CONDITIONAL = (SIDEBAR, WIDGET, SHARE)
MAX_NAMES = 2000  # characters of id/class read: a real class list is far shorter
# Tokens repeat across elements and pages of one theme: each is matched once.
_TOKEN_KINDS: dict[str, str | None] = {}
MAX_CACHED_TOKENS = 50_000


def kind_of_token(token: str) -> str | None:
    """Return the furniture kind one class or id token names, or None."""
    kind = _TOKEN_KINDS.get(token, 0)
    if kind != 0:
        return kind
    if NEUTRAL_TOKEN.match(token) or NEGATED_TOKEN.search(token):
        kind = None
    elif PANEL_TITLE.match(token):
        kind = TAB_TITLE
    else:
        match = FURNITURE.search(token)
        kind = None if match is None else FOREIGN if match.group("foreign") else SHARE if match.group("share") else \
            WIDGET if match.group("widget") else SIDEBAR if match.group("sidebar") else \
            META if match.group("meta") else WEAK
    if len(_TOKEN_KINDS) >= MAX_CACHED_TOKENS:
        _TOKEN_KINDS.clear()
    _TOKEN_KINDS[token] = kind
    return kind


# Whole class attributes repeat too (every paragraph of a builder's text module): each
# distinct one is read once.
_NAMES_KINDS: dict[str, str | None] = {}


def token_kind(names: str) -> str | None:
    """Return the furniture kind ``id``/``class`` tokens name (foreign wins, then
    ``SIDEBAR``, ``WIDGET``, meta, then ``WEAK``), or None."""
    kind = _NAMES_KINDS.get(names, 0)
    if kind != 0:
        return kind
    kind = None
    for token in names[:MAX_NAMES].lower().split():
        found = kind_of_token(token)
        if found == FOREIGN:
            kind = FOREIGN
            break
        if found == TAB_TITLE:
            kind = TAB_TITLE
            break
        if found and kind != SIDEBAR and (found in CONDITIONAL or kind not in CONDITIONAL and kind != META):
            kind = found
    if len(_NAMES_KINDS) >= MAX_CACHED_TOKENS:
        _NAMES_KINDS.clear()
    _NAMES_KINDS[names] = kind
    return kind


# A button is short: longer text, or a question, is content whatever its class says.
MAX_BUTTON_TEXT = 120
MIN_BUTTON_LINKS = 0.5


def reads_as_button(element: etree._Element) -> bool:
    """Return whether an element with a button class reads as one: no text, link text, or a
    short line that is not a question."""
    if is_disclosure(element):
        return False  # it opens a panel (an accordion's, a toggle's): its text is the panel's title
    text = "".join(element.itertext()).strip()
    if not text:
        return True
    links = sum(len("".join(a.itertext()).strip()) for a in element.iter("a"))
    if links >= MIN_BUTTON_LINKS * len(text):
        return True
    return len(text) <= MAX_BUTTON_TEXT and "?" not in text


# Accordions, toggles, FAQ and tab panels, by their class names.
PANEL_CLASS = re.compile(r"accordion|toggle|faq|collaps|(?<![a-z])tabs?[-_]|(?<![a-z])pane(?![a-z])", re.IGNORECASE)


def is_disclosure(element: etree._Element) -> bool:
    """Return whether a button opens or closes a panel: ARIA's ``aria-expanded`` or
    ``aria-controls``, or an accordion's, toggle's or FAQ's class."""
    return element.tag == "button" and (element.get("aria-expanded") is not None or bool(element.get("aria-controls"))
                                        or PANEL_CLASS.search(element.get("class") or "") is not None)


def is_text_slug(token: str, element: etree._Element) -> bool:
    """Return whether an ``id`` is the slug of the element's own text (heading anchors:
    "comment-vous-y-preparez-vous" names no comment list)."""
    parts = [part for part in re.split(r"[-_]+", token) if len(part) > 1]  # not the block editor's "h-" prefix
    if len(parts) < 3:
        return False
    # As WordPress slugs a heading: apostrophes dropped ("l’association" -> "lassociation").
    words = set(re.findall(r"\w+", fold("".join(element.itertext())[:400]).replace("'", "")))
    return sum(part in words for part in parts) >= 0.75 * len(parts)


def in_article_body(element: etree._Element) -> bool:
    """Return whether an element sits inside the post's own content: a theme's content
    container (``entry-content``, ``articleBody``…) or a REST ``content.rendered`` fragment."""
    for node in element.iterancestors():
        tag = node.tag
        if tag == "body":
            return False
        if node.get(POST_CONTENT_MARK) is not None or node.get("itemprop") == "articleBody":
            return True
        if is_content_container(node, tag):
            return True
    return False


def is_content_container(element: etree._Element, tag: str, names: str | None = None) -> bool:
    """Return whether an element is a theme's content container (``entry-content``,
    ``post-content``…: a rule of ``CONTENT_ROOTS`` its class attribute ``names`` meets)."""
    names = element.get("class") if names is None else names
    return bool(names) and CONTENT_CLASSES.search(names) is not None and any(
        test(tag, names.split(), element) for _, needle, test in CONTENT_ROOTS if needle and needle in names)


def reads_as_content_widget(element: etree._Element) -> bool:
    """Return whether a widget is part of the post: inside its content and not a box of
    links (a list of related posts, a tag cloud) nor an empty one."""
    if not in_article_body(element):
        return False
    text = "".join(element.itertext()).strip()
    if not text:
        return False
    links = sum(len("".join(a.itertext()).strip()) for a in element.iter("a"))
    return links < MIN_BUTTON_LINKS * len(text)


# A post wrapper (``post_class()`` tokens) holding this much text is the post, not a teaser.
MIN_POST_TEXT = 600


def holds_the_post(element: etree._Element) -> bool:
    """Return whether an element holds the post itself (the ``<main>`` region, a theme's
    content container, or a post wrapper with a post's worth of text; not a widget's list of
    ``<article>`` teasers): a layout container, whatever its class says ("two_columns
    background_color_sidebar" around Bridge's post)."""
    for node in element.iterdescendants("main", "div", "article"):
        tag = node.tag
        if tag == "main":
            return True
        names = node.get("class")
        if not names:
            continue
        if tag == "div" and is_content_container(node, "div", names):
            return True
        if ("hentry" in names or "type-post" in names) and text_length(node, MIN_POST_TEXT) >= MIN_POST_TEXT:
            return True
    return False


def text_length(element: etree._Element, enough: int) -> int:
    """Return the length of an element's text, counted up to ``enough``."""
    total = 0
    for text in element.itertext():
        total += len(text.strip())
        if total >= enough:
            break
    return total


def holds_the_article(element: etree._Element, names: str | None = None) -> bool:
    """Return whether an element is a container of the article itself, whatever its class
    tokens say: the ``<main>`` region, the theme's content container ("post-content
    un-no-sidebar-layout"), or the post's own wrapper (``post_class()`` tokens around the
    post's ``<h1>``: BeTheme adds "share-simple" to them, Enfold "av-blog-meta-…" to main)."""
    tag = element.tag
    if tag == "main" or element.get("role") == "main":
        return True
    names = (element.get("class") if names is None else names) or ""
    if "hentry" not in names and "type-post" not in names:  # most furniture: no post wrapper class
        return is_content_container(element, tag, names)
    classes = names.split()
    return is_content_container(element, tag, names) or (
        ("hentry" in classes or "type-post" in classes) and next(element.iter("h1"), None) is not None)


def resolve(kind: str | None, element: etree._Element, names: str | None = None) -> str | None:
    """Return a token kind made final: no kind on a container of the article itself, a
    weak (button) match only on what reads as a button, a widget only outside the post's
    content, a sidebar or the post's metadata only when it does not hold the post."""
    if kind is None or holds_the_article(element, names):
        return None
    if kind == WEAK:
        return FOREIGN if reads_as_button(element) else None
    if kind == WIDGET:
        return None if reads_as_content_widget(element) else FOREIGN
    if kind == SIDEBAR:
        return None if holds_the_post(element) else FOREIGN
    if kind == SHARE:
        return None if text_length(element, MIN_POST_TEXT) >= MIN_POST_TEXT else FOREIGN
    if kind == TAB_TITLE:
        return FOREIGN if any(TAB_WIDGETS.search(a.get("class") or "") for a in element.iterancestors("div")) else None
    if kind == META and holds_the_post(element):
        return None  # a page wrapper named after its header's layout (Soledad's "header-style-header-6")
    if kind == META and "header" in (names if names is not None else element.get("class") or "").lower():
        if is_panel_question(element):
            return None
        if element.tag == "div" and in_article_body(element) and next(element.iter(*HEADINGS), None) is not None:
            return None  # a heading widget inside the post's content (Essential Addons' "eael-dual-header")
        if text_length(element, MIN_POST_TEXT) >= MIN_POST_TEXT:
            return None  # a layout option ("kt-pane-header-alignment-left") on a container of the text
    return kind


MAX_PANEL_QUESTION = 300


def is_panel_question(element: etree._Element) -> bool:
    """Return whether an element named like a header ("w-tabs-section-header", "card-header",
    "kt-accordion-header-wrap") is the title of a panel of the post's content: a short
    question, or a panel's title by its class or its disclosure button, inside the post's
    content or its main region (a site header is neither)."""
    parts, size = [], 0
    for part in element.itertext():  # a header holding the page stops the count early
        size += len(part)
        if size > 2 * MAX_PANEL_QUESTION:
            return False
        parts.append(part)
    text = "".join(parts).strip()
    if not 0 < len(text) <= MAX_PANEL_QUESTION:
        return False
    if not (ends_with_question(text) or PANEL_CLASS.search(element.get("class") or "")
            or any(is_disclosure(button) for button in element.iter("button"))):
        return False
    return in_article_body(element) or any(node.tag == "main" or node.tag == "article" or node.get("role") == "main"
                                           for node in element.iterancestors())


# Attributes that can make an element furniture; others (href, src, data-*) say nothing.
SIGNAL_ATTRIBUTES = frozenset({"class", "id", "role", "itemtype", "itemprop", "hidden", "aria-hidden", "style",
                               "aria-label"})
# A sharing button named for screen readers ("Partager sur LinkedIn", "Share on X"), whatever its class.
SHARE_LABEL = re.compile(r"^(?:partager|partagez|share|tweeter|tweet|envoyer\s+par\s+(?:e-?mail|courriel)|imprimer|"
                         r"print|email|e-mail)\b", re.IGNORECASE)
HIDDEN_STYLE = re.compile(r"display\s*:\s*none")


def furniture_kind(element: etree._Element, tag: str | None = None) -> str | None:
    """Return ``META``, ``FOREIGN`` or None for a block element, from its tag (``tag`` when
    the caller read it), role, microdata and ``id``/``class``."""
    if tag is None:
        tag = element.tag
    if tag in FOREIGN_TAGS:
        return FOREIGN
    keys = element.keys()
    plain = META if tag == "header" or tag == "footer" else None
    if not keys:
        return plain
    if keys == ["class"]:  # the common case, read without building a mapping
        names = element.get("class")
        kind = _NAMES_KINDS.get(names, 0)
        if kind == 0:
            kind = token_kind(names)
        if kind is None:
            return plain
        return resolve(kind, element, names) or plain
    if SIGNAL_ATTRIBUTES.isdisjoint(keys):  # a link or a picture: href, src, data-* say nothing
        return plain
    names, ident = "", None
    for key in keys:  # each signal that names foreign furniture decides alone
        if key not in SIGNAL_ATTRIBUTES:
            continue
        if key == "class":
            names = element.get(key) or ""
        elif key == "id":
            ident = element.get(key)
        elif key == "hidden" or foreign_attribute(key, element.get(key) or ""):
            if key == "style" and is_revealed(element):
                continue  # a "Lire la suite" toggle's hidden text is the post's
            return FOREIGN
    if ident:  # the caches of token_kind read inline: this runs on most block elements
        kind = _NAMES_KINDS.get(ident, 0)
        if kind == 0:
            kind = token_kind(ident)
        if kind and not (ident.count("-") >= 2 and is_text_slug(ident.lower(), element)):
            names = f"{names} {ident}"
    if not names:
        return plain
    kind = _NAMES_KINDS.get(names, 0)
    if kind == 0:
        kind = token_kind(names)
    if kind is None:
        return plain
    return resolve(kind, element) or plain


# What a reader opens to read the rest of a text: its hidden part is the post's own text.
DISCLOSURE = re.compile(r"show-?more|read-?more|see-?more|voir-?plus|lire-?la-?suite|expand|collaps|accordion|toggle|"
                        r"spoiler", re.IGNORECASE)


def is_revealed(element: etree._Element) -> bool:
    """Return whether an element hidden by its style is the hidden part of a disclosure (its
    class, or its parent's, names one: "show-more-hidden-content", an accordion's body)."""
    parent = element.getparent()
    return DISCLOSURE.search(element.get("class") or "") is not None or (
        parent is not None and DISCLOSURE.search(parent.get("class") or "") is not None)


def foreign_attribute(key: str, value: str) -> bool:
    """Return whether a role, microdata or hiding attribute makes an element foreign."""
    if key == "role":
        return value.lower() in FOREIGN_ROLES
    if key == "itemtype":
        return FOREIGN_ITEMTYPE.search(value) is not None
    if key == "itemprop":
        return value in FOREIGN_ITEMPROP
    if key == "aria-hidden":
        return value == "true"
    if key == "aria-label":
        return SHARE_LABEL.match(value) is not None
    return "none" in value and HIDDEN_STYLE.search(value) is not None  # style


def is_dropped(element: etree._Element, tag: str | None = None) -> bool:
    """Return whether an element holds no article text (scripts, forms, furniture)."""
    if tag is None:
        tag = element.tag
    if not isinstance(tag, str) or tag in DROPPED_TAGS:
        return True
    if tag == "button" and reads_as_button(element):  # a tab's or an accordion's title stays
        return True
    return furniture_kind(element, tag) is not None


def in_foreign(element: etree._Element, stop: etree._Element | None = None, clean=()) -> bool:
    """Return whether ``element`` or an ancestor (below ``stop``) is foreign furniture.

    ``clean`` holds elements known to have no furniture around them nor to be furniture (the
    body walk kept them, ``Scan.kept``): the climb stops at the first one."""
    node = element
    while node is not None:
        tag = node.tag
        if node is stop or tag == "body" or tag == "html" or node in clean:
            return False
        if furniture_kind(node, tag) == FOREIGN:
            return True
        node = node.getparent()
    return False
