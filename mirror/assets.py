"""What WordPress 6.x prints around every page besides the article: the global styles of the
block editor, the emoji loader, stylesheet and script tags, speculation rules. Generated
here (same structure, not copied) so the demo pages weigh what real WordPress pages weigh
(tens of kilobytes), which matters for parsing cost and for the boilerplate the parser skips."""

from __future__ import annotations

from functools import cache
from html import escape

WP_VERSION = "6.4.3"
COLORS = {"black": "#000000", "cyan-bluish-gray": "#abb8c3", "white": "#ffffff",
          "pale-pink": "#f78da7", "vivid-red": "#cf2e2e", "luminous-vivid-orange": "#ff6900",
          "luminous-vivid-amber": "#fcb900", "light-green-cyan": "#7bdcb5",
          "vivid-green-cyan": "#00d084", "pale-cyan-blue": "#8ed1fc", "vivid-cyan-blue": "#0693e3",
          "vivid-purple": "#9b51e0", "ess-vert": "#2f7d4a", "ess-violet": "#5b2a86"}
GRADIENTS = {"vivid-cyan-blue-to-vivid-purple": "linear-gradient(135deg,rgba(6,147,227,1) 0%,rgb(155,81,224) 100%)",
             "light-green-cyan-to-vivid-green-cyan": "linear-gradient(135deg,rgb(122,220,180) 0%,rgb(0,208,130) 100%)",
             "luminous-vivid-amber-to-luminous-vivid-orange": "linear-gradient(135deg,rgba(252,185,0,1) 0%,rgba(255,105,0,1) 100%)",
             "luminous-vivid-orange-to-vivid-red": "linear-gradient(135deg,rgba(255,105,0,1) 0%,rgb(207,46,46) 100%)",
             "cool-to-warm-spectrum": "linear-gradient(135deg,rgb(74,234,220) 0%,rgb(151,120,209) 20%,rgb(207,42,186) 40%,rgb(238,44,130) 60%,rgb(251,105,98) 80%,rgb(254,248,76) 100%)",
             "blush-light-purple": "linear-gradient(135deg,rgb(255,206,236) 0%,rgb(152,150,240) 100%)"}
FONT_SIZES = {"small": "13px", "medium": "20px", "large": "36px", "x-large": "42px"}
SPACING = {str(n): f"{0.44 * 1.5 ** (n // 10 - 2):.2f}rem" for n in range(20, 90, 10)}
STYLESHEETS = ("wp-block-library", "classic-theme-styles", "ess-theme-style", "ess-theme-print",
               "jetpack-sharing", "newsletter-form", "dashicons")
SCRIPTS = ("jquery-core", "jquery-migrate", "ess-theme-navigation", "jetpack-sharing-buttons",
           "newsletter-subscribe", "wp-embed")


@cache
def global_styles() -> str:
    """Return the ``global-styles-inline-css`` block: preset variables and their classes."""
    variables = [f"--wp--preset--color--{k}: {v};" for k, v in COLORS.items()]
    variables += [f"--wp--preset--gradient--{k}: {v};" for k, v in GRADIENTS.items()]
    variables += [f"--wp--preset--font-size--{k}: {v};" for k, v in FONT_SIZES.items()]
    variables += [f"--wp--preset--spacing--{k}: {v};" for k, v in SPACING.items()]
    rules = [f"body{{{''.join(variables)}}}"]
    for name in COLORS:
        for prop, suffix in (("color", "color"), ("background-color", "background-color"),
                             ("border-color", "border-color")):
            rules.append(f".has-{name}-{suffix}{{{prop}: var(--wp--preset--color--{name}) !important;}}")
    rules += [f".has-{k}-gradient-background{{background: var(--wp--preset--gradient--{k}) !important;}}"
              for k in GRADIENTS]
    rules += [f".has-{k}-font-size{{font-size: var(--wp--preset--font-size--{k}) !important;}}"
              for k in FONT_SIZES]
    rules += [":where(.is-layout-flex){gap: 0.5em;}:where(.is-layout-grid){gap: 0.5em;}",
              "body .is-layout-constrained > :where(:not(.alignleft):not(.alignright):not(.alignfull))"
              "{max-width: var(--wp--style--global--content-size);margin-left: auto !important;"
              "margin-right: auto !important;}",
              ".wp-block-navigation a:where(:not(.wp-element-button)){color: inherit;}",
              ".wp-block-pullquote{font-size: 1.5em;line-height: 1.6;}"]
    return "<style id='global-styles-inline-css'>\n" + "\n".join(rules) + "\n</style>"


@cache
def emoji_loader(base: str) -> str:
    """Return the emoji detection script WordPress inlines in every ``<head>``."""
    settings = ('window._wpemojiSettings = {"baseUrl":"https:\\/\\/s.w.org\\/images\\/core\\/emoji\\/14.0.0\\/72x72\\/",'
                '"ext":".png","svgUrl":"https:\\/\\/s.w.org\\/images\\/core\\/emoji\\/14.0.0\\/svg\\/","svgExt":".svg",'
                f'"source":{{"concatemoji":"{base}\\/wp-includes\\/js\\/wp-emoji-release.min.js?ver={WP_VERSION}"}}}};')
    body = ("/*! This file is generated */\n!function(i,n){var o,s,e;function c(e){try{var t={supportTests:e,"
            "timestamp:(new Date).valueOf()};sessionStorage.setItem(o,JSON.stringify(t))}catch(e){}}"
            "function p(e,t,n){e.clearRect(0,0,e.canvas.width,e.canvas.height),e.fillText(t,0,0);"
            "var t=new Uint32Array(e.getImageData(0,0,e.canvas.width,e.canvas.height).data),"
            "r=(e.clearRect(0,0,e.canvas.width,e.canvas.height),e.fillText(n,0,0),"
            "new Uint32Array(e.getImageData(0,0,e.canvas.width,e.canvas.height).data));"
            "return t.every(function(e,t){return e===r[t]})}function u(e,t,n){switch(t){case\"flag\":"
            "return n(e,\"\\ud83c\\udff3\\ufe0f\\u200d\\u26a7\\ufe0f\",\"\\ud83c\\udff3\\ufe0f\\u200b\\u26a7\\ufe0f\")?!1:"
            "!n(e,\"\\ud83c\\uddfa\\ud83c\\uddf3\",\"\\ud83c\\uddfa\\u200b\\ud83c\\uddf3\");case\"emoji\":"
            "return!n(e,\"\\ud83e\\udef1\\ud83c\\udffb\\u200d\\ud83e\\udef2\\ud83c\\udfff\",\"\\ud83e\\udef1\\ud83c\\udffb\\u200b\\ud83e\\udef2\\ud83c\\udfff\")}"
            "return!1}}(window,document);")
    return (f'<script id="wp-emoji-settings" type="text/javascript">\n{settings}\n{body * 3}\n</script>\n'
            "<style id='wp-emoji-styles-inline-css'>img.wp-smiley, img.emoji {display: inline !important;"
            "border: none !important;box-shadow: none !important;height: 1em !important;"
            "width: 1em !important;margin: 0 0.07em !important;vertical-align: -0.1em !important;"
            "background: none !important;padding: 0 !important;}</style>")


def head_assets(base: str) -> str:
    """Return the stylesheets, inline styles and scripts of a WordPress ``<head>``."""
    links = "\n".join(f"<link rel='stylesheet' id='{name}-css' href='{escape(base)}/wp-content/"
                      f"{'plugins' if name in ('jetpack-sharing', 'newsletter-form') else 'themes/ess'}/"
                      f"{name}.min.css?ver={WP_VERSION}' media='all' />" for name in STYLESHEETS)
    return (f"<meta name='robots' content='index, follow, max-image-preview:large' />\n"
            f"{emoji_loader(base)}\n{links}\n{global_styles()}\n"
            f"<script src='{escape(base)}/wp-includes/js/jquery/jquery.min.js?ver=3.7.1' id='jquery-core-js'></script>\n"
            f'<link rel="EditURI" type="application/rsd+xml" title="RSD" href="{escape(base)}/xmlrpc.php?rsd" />\n'
            f'<meta name="generator" content="WordPress {WP_VERSION}" />')


def footer_assets(base: str) -> str:
    """Return the scripts WordPress prints before ``</body>``."""
    scripts = "\n".join(f"<script src='{escape(base)}/wp-content/themes/ess/js/{name}.js?ver={WP_VERSION}' "
                        f"id='{name}-js'></script>" for name in SCRIPTS)
    rules = ('<script type="speculationrules">{"prefetch":[{"source":"document","where":{"and":'
             '[{"href_matches":"\\/*"},{"not":{"href_matches":["\\/wp-*.php","\\/wp-admin\\/*",'
             '"\\/wp-content\\/uploads\\/*","\\/wp-content\\/*","\\/wp-content\\/plugins\\/*",'
             '"\\/*\\\\?(.+)"]}},{"not":{"selector_matches":"a[rel~=\\"nofollow\\"]"}}]},'
             '"eagerness":"conservative"}]}</script>')
    return f"{rules}\n{scripts}"


MONTHS_FR = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
             "septembre", "octobre", "novembre", "décembre"]
MENU = {"Le programme": ["Nos missions", "Gouvernance", "Partenaires", "Presse"],
        "Entreprendre": ["Appels à projets", "Marchés publics", "Accompagnement", "Formations"],
        "Territoires": ["Île-de-France", "Seine-Saint-Denis", "Régions", "Tournée ESS 2024"],
        "Ressources": ["Guides", "Études", "Vidéos", "Lettre d’information"]}
# Outline icons drawn for the demo (simple geometric paths), inlined as themes do.
ICONS = {
    "linkedin": "M4 4h16v16H4z M7 10v7 M7 7v.01 M11 17v-4a2 2 0 0 1 4 0v4 M11 10v7",
    "mastodon": "M6 4h12a2 2 0 0 1 2 2v8a6 6 0 0 1-6 6H9l-3 2v-4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2z M9 9v4 M15 9v4",
    "youtube": "M3 7a3 3 0 0 1 3-3h12a3 3 0 0 1 3 3v10a3 3 0 0 1-3 3H6a3 3 0 0 1-3-3z M10 9l5 3-5 3z",
    "rss": "M5 19a1 1 0 1 0 0-2 1 1 0 0 0 0 2z M4 11a9 9 0 0 1 9 9 M4 4a16 16 0 0 1 16 16",
}


def icon(name: str) -> str:
    """Return an inline SVG icon."""
    return (f'<svg class="svg-icon icon-{name}" width="24" height="24" viewBox="0 0 24 24" '
            f'fill="none" stroke="currentColor" stroke-width="1.5" stroke-linecap="round" '
            f'stroke-linejoin="round" aria-hidden="true" focusable="false">'
            f'<path d="{ICONS[name]}"></path></svg>')


@cache
def primary_menu(base: str) -> str:
    """Return the main navigation with its sub-menus."""
    items = []
    for n, (label, children) in enumerate(MENU.items(), start=10):
        sub = "".join(f'<li id="menu-item-{n}{k}" class="menu-item menu-item-type-post_type">'
                      f'<a href="{escape(base)}/{escape(c.lower().replace(" ", "-"))}/">{escape(c)}</a></li>'
                      for k, c in enumerate(children))
        items.append(f'<li id="menu-item-{n}" class="menu-item menu-item-has-children">'
                     f'<a href="#">{escape(label)}</a><ul class="sub-menu">{sub}</ul></li>')
    return (f'<nav id="site-navigation" class="primary-navigation" aria-label="Menu principal">'
            f'<button class="menu-toggle" aria-expanded="false">Menu</button>'
            f'<ul id="primary-menu" class="menu-wrapper">{"".join(items)}</ul></nav>')


@cache
def widgets(base: str) -> str:
    """Return the sidebar widgets: search, monthly archives, social links, cookie notice."""
    months = [(y, m) for y in range(2024, 2018, -1) for m in range(12, 0, -1)
              if (2019, 1) <= (y, m) <= (2024, 8)]
    archive = "".join(f'<li><a href="{escape(base)}/{y}/{m:02d}/">{MONTHS_FR[m - 1]} {y}</a></li>'
                      for y, m in months)
    social = "".join(f'<li class="social-{n}"><a href="#{n}">{icon(n)}<span class="screen-reader-text">'
                     f'{n.capitalize()}</span></a></li>' for n in ICONS)
    return (f'<section id="search-2" class="widget widget_search"><form role="search" method="get" '
            f'action="{escape(base)}/"><label>Rechercher :<input type="search" name="s" /></label>'
            f'<input type="submit" value="Rechercher" /></form></section>'
            f'<section id="archives-2" class="widget widget_archive"><h2 class="widget-title">Archives</h2>'
            f'<ul>{archive}</ul></section>'
            f'<section id="social-3" class="widget widget_social"><ul class="social-links">{social}</ul></section>'
            '<div id="cookie-notice" class="cookie-notice" role="dialog" aria-label="Cookies">'
            '<p>Ce site utilise des cookies de mesure d’audience. <a href="#">En savoir plus</a></p>'
            '<button class="cookie-accept">Accepter</button><button class="cookie-refuse">Refuser</button></div>')
