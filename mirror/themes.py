"""HTML of the demo mirror in two markup families: a classic theme (``.entry-content``,
Yoast-style JSON-LD and OpenGraph) and a block theme (``.wp-block-post-content``, no SEO
plugin). Share and newsletter blocks are appended inside the content, as plugins do."""

from __future__ import annotations

import json
from html import escape

from mirror.assets import footer_assets, head_assets, primary_menu, widgets
from mirror.content import CATEGORY_NAMES, Post, iso_local

SITE_NAME = "ESS 2024"
MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
          "septembre", "octobre", "novembre", "décembre"]


def texturize(text: str) -> str:
    """Return ``text`` escaped the way WordPress prints titles (numeric entities for
    typographic characters)."""
    out = escape(text, quote=False)
    for char, entity in (("’", "&#8217;"), ("–", "&#8211;"), ("«", "&laquo;"), ("»", "&raquo;")):
        out = out.replace(char, entity)
    return out


def human_date(post: Post) -> str:
    """Return the French long date a theme prints (``18 juin 2021``)."""
    return f"{post.date.day} {MONTHS[post.date.month - 1]} {post.date.year}"


def share_and_newsletter(post: Post, base: str) -> str:
    """Return the sharing buttons and newsletter form that plugins append to the content."""
    link = escape(base + post.path())
    return f"""
<div class="sharedaddy sd-sharing-enabled"><h3 class="sd-title">Partager cet article</h3>
<ul><li><a class="share-linkedin" href="https://www.linkedin.com/shareArticle?url={link}">LinkedIn</a></li>
<li><a class="share-twitter" href="https://twitter.com/intent/tweet?url={link}">Twitter</a></li>
<li><a class="share-email" href="mailto:?subject=Article">E-mail</a></li></ul></div>
<div class="newsletter-block"><h4>Recevez la newsletter ESS 2024</h4>
<form action="{escape(base)}/newsletter/" method="post"><p><input type="email" name="email" placeholder="Votre adresse e-mail" /></p>
<p><label><input type="checkbox" name="consent" /> J’accepte de recevoir la newsletter et les informations d’ESS 2024.</label></p>
<p><label><input type="checkbox" name="privacy" /> J’ai lu et j’accepte la politique de confidentialité du site.</label></p>
<p><button type="submit">Je m’inscris</button></p></form></div>"""


def head(title: str, base: str, extra: str = "") -> str:
    """Return the ``<head>`` shared by every page."""
    return f"""<!DOCTYPE html>
<html lang="fr-FR">
<head>
<meta charset="UTF-8" />
<meta name="viewport" content="width=device-width, initial-scale=1" />
<title>{title} &#8211; {SITE_NAME}</title>
<link rel="https://api.w.org/" href="{escape(base)}/wp-json/" />
<link rel="alternate" type="application/rss+xml" title="{SITE_NAME} &raquo; Flux" href="{escape(base)}/feed/" />
{extra}
{head_assets(base)}
</head>"""


def site_header(base: str) -> str:
    """Return the site header: skip link, site title, categories and the main menu."""
    links = "".join(f'<li><a href="{escape(base)}/category/{slug}/">{name}</a></li>'
                    for slug, name in CATEGORY_NAMES.items())
    return (f'<a class="skip-link screen-reader-text" href="#content">Aller au contenu</a>'
            f'<header id="masthead" class="site-header"><p class="site-title">'
            f'<a href="{escape(base)}/" rel="home">{SITE_NAME}</a></p>'
            f'<nav class="main-navigation"><ul>{links}</ul></nav>{primary_menu(base)}</header>')


SITE_FOOTER = ('<footer class="site-footer"><p>© ESS 2024 – Mentions légales – '
               'Politique de confidentialité</p></footer>')


def page_end(base: str) -> str:
    """Return what closes every page: the footer scripts."""
    return footer_assets(base) + "\n</body>\n</html>\n"


def term_links(post: Post, base: str) -> tuple[str, str]:
    """Return the category and tag links themes print (``rel="category tag"``, ``rel="tag"``)."""
    cats = ", ".join(f'<a href="{escape(base)}/category/{c}/" rel="category tag">{CATEGORY_NAMES.get(c, c)}</a>'
                     for c in post.categories)
    tags = ", ".join(f'<a href="{escape(base)}/tag/{escape(t.replace(" ", "-"))}/" rel="tag">{escape(t)}</a>'
                     for t in post.tags)
    return cats, tags


def post_meta(post: Post, base: str) -> str:
    """Return the post's ``<head>`` links: canonical, shortlink, REST alternate."""
    url = escape(base + post.path())
    return (f'<link rel="canonical" href="{url}" />\n'
            f"<link rel='shortlink' href='{escape(base)}/?p={post.id}' />\n"
            f'<link rel="alternate" type="application/json" '
            f'href="{escape(base)}/wp-json/wp/v2/posts/{post.id}" />')


def seo_meta(post: Post, base: str) -> str:
    """Return the OpenGraph and JSON-LD blocks a Yoast-like SEO plugin prints."""
    url = base + post.path()
    graph = {"@context": "https://schema.org", "@graph": [
        {"@type": "Article", "@id": url + "#article", "headline": post.title,
         "datePublished": iso_local(post.date), "dateModified": iso_local(post.modified),
         "mainEntityOfPage": {"@id": url}, "inLanguage": "fr-FR",
         "articleSection": [CATEGORY_NAMES.get(c, c) for c in post.categories]},
        {"@type": "WebPage", "@id": url, "url": url, "name": f"{post.title} - {SITE_NAME}"},
    ]}
    return (f'<meta property="og:locale" content="fr_FR" />\n'
            f'<meta property="og:type" content="article" />\n'
            f'<meta property="og:title" content="{escape(post.title)}" />\n'
            f'<meta property="og:url" content="{escape(url)}" />\n'
            f'<meta property="article:published_time" content="{iso_local(post.date)}" />\n'
            f'<meta property="article:modified_time" content="{iso_local(post.modified)}" />\n'
            f'<script type="application/ld+json" class="yoast-schema-graph">'
            f'{json.dumps(graph, ensure_ascii=False)}</script>')


def classic_post(post: Post, base: str) -> str:
    """Return a single post page in the classic theme's markup."""
    cats = " ".join(f"category-{c}" for c in post.categories)
    return f"""{head(texturize(post.title), base, post_meta(post, base) + chr(10) + seo_meta(post, base))}
<body class="post-template-default single single-post postid-{post.id} single-format-standard">
<div id="page" class="site">{site_header(base)}
<div id="content" class="site-content"><main id="main" class="site-main">
<article id="post-{post.id}" class="post-{post.id} post type-post status-publish format-standard hentry {cats}">
<header class="entry-header"><h1 class="entry-title">{texturize(post.title)}</h1>
<div class="entry-meta"><span class="posted-on">Publié le <a href="{escape(base + post.path())}" rel="bookmark"><time class="entry-date published" datetime="{iso_local(post.date)}">{human_date(post)}</time><time class="updated" datetime="{iso_local(post.modified)}">{human_date(post)}</time></a></span></div>
</header>
<div class="entry-content">
{post.content}
{share_and_newsletter(post, base)}
</div>
<footer class="entry-footer"><span class="cat-links">Publié dans {term_links(post, base)[0]}</span> <span class="tags-links">Étiquettes : {term_links(post, base)[1]}</span></footer>
</article>
</main><aside id="secondary" class="widget-area">{widgets(base)}</aside></div>
{SITE_FOOTER}</div>
{page_end(base)}"""


def block_post(post: Post, base: str) -> str:
    """Return a single post page in the block theme's markup (no SEO plugin)."""
    return f"""{head(texturize(post.title), base, post_meta(post, base))}
<body class="post-template-default single single-post postid-{post.id} single-format-standard wp-embed-responsive">
<div class="wp-site-blocks"><header class="wp-block-template-part">{site_header(base)}</header>
<main class="wp-block-group is-layout-constrained">
<div class="wp-block-group"><h1 class="wp-block-post-title">{texturize(post.title)}</h1>
<div class="wp-block-post-date"><time datetime="{iso_local(post.date)}">{human_date(post)}</time></div></div>
<div class="entry-content wp-block-post-content is-layout-constrained">
{post.content}
{share_and_newsletter(post, base)}
</div>
<div class="taxonomy-category wp-block-post-terms">{term_links(post, base)[0]}</div>
<div class="taxonomy-post_tag wp-block-post-terms">{term_links(post, base)[1]}</div>
</main>
<footer class="wp-block-template-part"><div class="wp-block-group">{widgets(base)}</div>{SITE_FOOTER}</footer></div>
{page_end(base)}"""


def legacy_post(post: Post, base: str) -> str:
    """Return a single post page in a Kubrick-era theme: XHTML, no <article>, no
    machine-readable date, the title in an <h2>, a sidebar beside the post."""
    cats, _ = term_links(post, base)
    sidebar = "".join(f'<li><a href="{escape(base)}/category/{slug}/">{name}</a></li>'
                      for slug, name in CATEGORY_NAMES.items())
    return f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml" lang="fr-FR">
<head profile="http://gmpg.org/xfn/11">
<meta http-equiv="Content-Type" content="text/html; charset=UTF-8" />
<title>{SITE_NAME} &raquo; {texturize(post.title)}</title>
{post_meta(post, base)}
</head>
<body>
<div id="page"><div id="header"><h1><a href="{escape(base)}/">{SITE_NAME}</a></h1><div class="description">Économie sociale et solidaire</div></div>
<div id="content" class="widecolumn">
<div class="post" id="post-{post.id}">
<h2>{texturize(post.title)}</h2>
<small>{human_date(post)}</small>
<div class="entry">
{post.content}
{share_and_newsletter(post, base)}
</div>
<p class="postmetadata">Publié dans {cats}</p>
</div>
</div>
<div id="sidebar"><ul><li><h2>Catégories</h2><ul>{sidebar}</ul></li>
<li><h2>Newsletter</h2><p>Recevez nos actualités chaque mois.</p></li></ul></div>
<div id="footer"><p>{SITE_NAME} est propulsé par WordPress.</p></div>
</div>
</body>
</html>
"""


THEMES = {"classic": classic_post, "block": block_post, "legacy": legacy_post}


def post_page(post: Post, base: str) -> str:
    """Return a single post page in the post's theme."""
    return THEMES[post.theme](post, base)


def archive_page(title: str, posts: list[Post], base: str, prev_url: str | None,
                 next_url: str | None) -> str:
    """Return a listing page (home, category) with ``/page/N/`` pagination links."""
    items = "\n".join(
        f'<article id="post-{p.id}" class="post-{p.id} post type-post hentry">'
        f'<h2 class="entry-title"><a href="{escape(base + p.path())}" rel="bookmark">'
        f'{texturize(p.title)}</a></h2><div class="entry-summary"><p>{human_date(p)}</p></div></article>'
        for p in posts)
    nav = ""
    if prev_url:
        nav += f'<a class="prev page-numbers" href="{escape(prev_url)}">Précédent</a>'
    if next_url:
        nav += f'<a class="next page-numbers" href="{escape(next_url)}">Suivant</a>'
    return f"""{head(escape(title), base)}
<body class="home blog">
<div id="page" class="site">{site_header(base)}
<main id="main" class="site-main">
{items}
<nav class="navigation pagination" aria-label="Articles"><div class="nav-links">{nav}</div></nav>
</main>
{SITE_FOOTER}</div></body></html>
"""


def not_found_page(base: str) -> str:
    """Return WordPress's 404 page."""
    return f"""{head("Page non trouvée", base)}
<body class="error404"><div id="page" class="site">{site_header(base)}
<main id="main" class="site-main"><section class="error-404 not-found">
<h1 class="page-title">Oups ! Cette page est introuvable.</h1></section></main>
{SITE_FOOTER}</div></body></html>
"""
