"""Where the interview stops: the lines that close an article (sharing, comments, related
posts, post navigation), the tag and meta lines around it, and the outro (what follows the
last answer after a rule, or from a "Propos recueillis par …" line on).

Everything here reads short lines only (``MAX_LINE``), so an answer that merely mentions
comments or a newsletter is kept."""

from __future__ import annotations

import re

from crawler.parser.blocks import Block
from crawler.parser.dates import text_date
from crawler.parser.names import looks_like_names
from crawler.parser.text import ends_with_question
from crawler.parser.title import series_match

MAX_LINE = 200
PRINTED_DATE = re.compile(r"^\d{1,2}[/.]\d{1,2}[/.]\d{4}$")  # the line under the title
# The titles of an editor's cross-links ("À lire aussi", "Sur le même sujet"): alone on
# their line they close the article (``END_LINE``), before a link they are dropped (``READ_ALSO``).
CROSS_LINK_TITLE = (r"(?:à|a)\s+(?:lire|voir|découvrir)\s+(?:aussi|également|ensuite)|lire\s+(?:aussi|également)|"
                    r"sur\s+le\s+même\s+(?:sujet|thème)")
# Headings and lines after which nothing is the interview: sharing, comments and their
# form, related posts, post navigation, author boxes (WordPress core and theme strings,
# French and English).
END_LINE = re.compile(
    r"^(?:partager|partagez|share)\b(?:\s+(?:cet|cette|sur|this|on)\b.*)?\s*:?$|"
    r"^(?:laisser|laissez|écrire|ajouter|poster)\s+(?:un|une|votre)\s+(?:commentaire|réponse)\b|"
    r"^(?:leave|post)\s+a\s+(?:reply|comment)\b|^répondre$|^reply$|^annuler la réponse$|"
    r"^(?:\d+|un|une|aucun|no)\s+(?:commentaires?|réponses?|comments?|responses?)\b|"
    r"^(?:\d+\s+)?(?:commentaires?|comments?)\s*(?:\(\d+\))?\s*:?$|"
    r"^(?:articles?|publications?|posts?|actualités?)\s+(?:similaires|liés|liées|connexes|récents?|"
    r"récentes?|en lien|recommandés?|related)\b|^(?:derniers|dernières)\s+(?:articles|actualités|publications)\b|"
    r"^(?:related|similar|recent)\s+(?:posts?|articles?)\b|^(?:vous|ça)\s+(?:aimerez|pourrait|pourriez)\b|"
    rf"^(?:{CROSS_LINK_TITLE})\s*:?$|"
    r"^dans\s+la\s+même\s+(?:rubrique|catégorie|série|thématique)\b|^(?:navigation\s+de\s+l[’']article|post\s+navigation)$|"
    r"^(?:article|post)\s+(?:précédent|suivant|previous|next)\b|^(?:précédent|suivant|previous|next)\s*:?$|"
    # A post navigation's link after its word ("Précédent : <a rel=prev>…</a>"): ``is_navigation``.
    r"^(?:[^.!?]{1,40}\s[–—:-]\s+)?(?:à\s+propos\s+de\s+l[’'](?:auteur|autrice)|about\s+the\s+author)\b|"
    # An author box's title over the author's name and bio: "À propos de Rédaction 128 Articles"
    # (Newspaper, Newsmatic: the author's name and post count); "Rédigé par" alone: ``AUTHOR_BOX_TITLE``.
    r"^(?:à\s+propos\s+de|about)\s+(?:(?:la\s+)?rédaction\b[^.!?]{0,40}|[^.!?]{1,40}?\s*\d+\s+(?:articles?|posts?|publications?))$|"
    # The comments' title of WordPress's default themes: "2 réflexions sur « … »", "3 thoughts on “…”".
    r"^(?:\d+|une|un|one)\s+(?:réflexions?|pensées?|thoughts?)\s+(?:sur|au\s+sujet\s+de|on)\b|"
    r"^(?:réponses|responses)\s*(?:\(\d+\))?\s*:?$|"
    # An author box's link, a post navigation's arrow.
    r"^(?:voir|lire)\s+tous\s+(?:les\s+)?(?:articles|publications|billets)\s+(?:de|d['’])|^view\s+all\s+posts\s+by\b|"
    r"^[←→‹›]\s*\S|"
    # A sidebar's lists nobody classed: "Les plus lus", "Most popular".
    r"^(?:les\s+)?(?:articles\s+)?(?:les\s+)?plus\s+(?:lus|populaires|partagés|commentés)\s*:?$|"
    r"^(?:most\s+(?:read|popular|viewed)|popular\s+posts|trending(?:\s+now)?)\s*:?$",
    re.IGNORECASE)
# A post navigation's word before the linked title of the post next to it.
NAVIGATION = re.compile(r"^(?:(?:article|post|billet)\s+)?(?:précédent|suivant|previous|next)(?:\s+(?:article|post|billet))?"
                        r"\s*:\s*\S", re.IGNORECASE)
NAVIGATION_WORDS = frozenset({"article", "post", "billet", "précédent", "suivant", "previous", "next"})
# The page links of a post split with <!--nextpage--> (``wp_link_pages``): "Pages : 1 2".
PAGE_LINKS = re.compile(r"^pages?\s*:?\s*\d+(?:\s+\d+)+$|^(?:page\s+(?:suivante|précédente)|next\s+page|previous\s+page)$",
                        re.IGNORECASE)
# A terms title alone ("Tags", "Étiquettes :"), over its links.
TERMS_ALONE = re.compile(r"^(?:tags?|étiquettes?|mots[- ]clés?|catégories?|categories)\s*:?$", re.IGNORECASE)
# Lines of the post's own metadata: tags, categories, byline, reading time, a date.
META_LINE = re.compile(
    r"^(?:tags?|étiquettes?|mots[- ]clés?|catégories?|categories|rubriques?|thèmes?|tagged|filed under)"
    r"(?:\s+(?:de\s+l['’]article|du\s+billet))?\s*:|^(?:catégorisé|classé)\s+comme\b|^categorized\s+as\b|^(?:publié|posté|classé|rangé)\s+(?:le|dans|par|en|sous)\b|^(?:posted|published)\s+(?:on|in|by)\b|"
    # Twenty Twenty-One's byline glued to its date: "Published 8 novembre 2022By Claire Dumas".
    r"^(?:posted|published|publié|posté)\s+(?:\d{1,2}(?:er)?\s+[a-zéû]{3,9}|[a-z]{3,9}\.?\s+\d{1,2},?)\s+\d{4}|"
    r"^temps\s+de\s+lecture\b|"
    # A byline's words left alone when its name and date are links of their own ("Posted", "in", "by").
    r"^(?:(?:posted|published|publié|posté|written|rédigé|écrit)(?:\s+(?:on|in|by|le|dans|par))?|by|par|in|dans|on)\s*:?$|"
    r"^(?:\d+\s+)?min(?:utes?)?\s+(?:de\s+lecture|read)$|^mis\s+à\s+jour\s+le\b|"
    # The page links of a post split with <!--nextpage--> (``wp_link_pages``: "Pages : 1 2").
    rf"{PAGE_LINKS.pattern}|"
    # An advertisement's label (Ad Inserter's blocks, AdSense slots).
    r"^(?:publicité|advertisement|advertising|annonce|sponsorisé|sponsored|pub)$|"
    # WordPress themes' own strings under a post (Twenty Ten to Twelve and their children,
    # in French and English): "Cette entrée a été publiée dans X. Mettez-la en favori avec son
    # permalien.", "Étiqueté X, Y", "This entry was posted in X".
    r"^(?:cette\s+entrée|ce\s+contenu|cet\s+article|ce\s+billet)\s+a\s+été\s+publiée?\s+(?:dans|le)\b|"
    r"^this\s+entry\s+was\s+posted\s+(?:in|on)\b|^(?:étiquett?ée?s?|tagged)\s*:?\s+\S|"
    # A translation plugin's switcher (WPML, Polylang, TranslatePress): "Cet article est aussi
    # disponible en : English", "This post is also available in: Français".
    r"^(?:cet\s+article|ce\s+billet|ce\s+contenu|cette\s+page)\s+est\s+(?:aussi|également)\s+disponible\s+en\b|"
    r"^(?:this\s+(?:post|article|page)\s+is\s+)?also\s+available\s+in\b|^(?:aussi|également)\s+disponible\s+en\b|"
    # Screen-reader text of sharing buttons (Jetpack, AddToAny).
    r"^(?:s['’]ouvre|ouvre)\s+dans\s+une\s+nouvelle\s+fenêtre|^opens?\s+in\s+(?:a\s+)?new\s+(?:window|tab)|"
    r"^cliquez\s+pour\s+(?:partager|imprimer|envoyer)|^click\s+to\s+(?:share|print|email)|"
    # Counters of a sharing bar, a terms title alone ("12 Partages", "1.2k vues", "Tags").
    r"^\d[\d\s.,]*k?\s+(?:partages?|shares?|vues|views|likes?|j['’]aime)$|"
    rf"{TERMS_ALONE.pattern}",
    re.IGNORECASE)
# A sharing button nobody classed: a link that is a network's name ("LinkedIn", "Partager 0").
SOCIAL_LINK = re.compile(r"^(?:facebook|twitter|x|linkedin|whatsapp|e-?mail|courriel|pinterest|imprimer|print|bluesky|"
                         r"mastodon|telegram|reddit|messenger|threads|copier\s+le\s+lien|partager\s*\d*|"
                         r"tweeter|j['’]aime\s*\d*)"
                         r"(?:\s*\(?(?:s['’]ouvre|ouvre|opens?)\s+(?:dans|in)\s+(?:une\s+|a\s+)?"
                         r"(?:nouvelle\s+fenêtre|nouvel\s+onglet|new\s+(?:window|tab))\)?)?$", re.IGNORECASE)
# Text no one writes: structured data printed in hidden elements (Enfold's microdata spans:
# addresses, sizes, ISO timestamps glued together).
MACHINE_TEXT = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}|https?://\S*https?://|\.(?:png|jpe?g|gif|webp|svg)\d")
MAX_MACHINE_TEXT = 600


def is_machine_text(block: Block) -> bool:
    """Return whether a block longer than a line is structured data printed as text (the
    title glued after it): two signs of machine text in it (``MACHINE_TEXT``)."""
    text = block.text
    return MAX_LINE < len(text) <= MAX_MACHINE_TEXT and ":" in text and len(MACHINE_TEXT.findall(text)) >= 2


# A footnote of the block editor's footnotes list: it ends with its way back ("↩︎").
FOOTNOTE_BACK = ("↩︎", "↩")
# A byline: "Par Jeanne Roux", "By J. Roux", a name (capitalised) and nothing else ("Par trois
# facteurs :" opens an answer).
BYLINE_ONLY = re.compile(r"^(?i:par|by|écrit\s+par|rédigé\s+par|(?:auteur|autrice|author)\s*:)\s+[A-ZÀ-ÖØ-Þ][\w'’.-]*"
                         r"(?:\s+(?:de|du|des|la|le|van|von|[A-ZÀ-ÖØ-Þ][\w'’.-]*)){0,3}$")
# A byline dated after the name: "Par Jeanne Roux | 4 mars 2021 | Portraits", "Par J. Roux, le 05/03/2021".
BYLINE = re.compile(r"^(?i:par|by|écrit\s+par|rédigé\s+par)\s+(?:[A-ZÀ-ÖØ-Þ][\w'’.-]*\s+){0,3}[A-ZÀ-ÖØ-Þ][\w'’.-]*"
                    r"\s*(?:[|,–—·•/]|-\s|(?i:le|on)\s)")
COPYRIGHT = re.compile(r"tous\s+droits\s+réservés|all\s+rights\s+reserved", re.IGNORECASE)
HASHTAGS = re.compile(r"^#[\w-]+(?:[\s,]+#[\w-]+)+$")  # "#inclusion #numérique": the post's tags
TERMS_LEAD = re.compile(r"^(?:tags?|étiquettes?|mots[- ]clés?|catégories?|rubriques?|thèmes?)\b", re.IGNORECASE)
CONSENT_LINE = re.compile(
    r"^(?:j['’]accepte|j['’]ai lu|je consens|en cochant|inscrivez-vous|abonnez-vous|"
    r"recevez (?:la|notre) (?:newsletter|lettre)|s['’]inscrire à la newsletter|newsletter$)",
    re.IGNORECASE)
# A call to subscribe anywhere in a short line.
NEWSLETTER_LINE = re.compile(r"(?:abonnez-vous|inscrivez-vous|recevez|s['’]abonner|s['’]inscrire)\s+(?:à\s+|gratuitement\s+)?"
                             r"(?:notre|la|nos|à\s+notre)\s+(?:newsletter|infolettre|lettre\s+d['’]\S+)", re.IGNORECASE)
# Who asked, anywhere: "Propos recueillis par …", "Entretien réalisé par …", "Interview : Marie Roux".
# Before the first question too, it is the credit line (the outro's), not the intro.
_WHO_ASKED = (r"^(?:\(?\s*)?(?:propos\s+recueillis|(?:interview|entretien|entrevue)s?\s+(?:réalisée?s?|menée?s?|"
              r"conduite?s?)|interview(?:ed)?\s+by|(?:interview|entretien)\s+par)\b")
WHO_ASKED = re.compile(_WHO_ASKED + r"|^(?:interview|entretien|propos)\s*:\s*\S+(?:\s+\S+){0,4}$", re.IGNORECASE)
# What closes the interview: who asked, an update note, the editor's thanks ("Merci à X
# d’avoir répondu à nos questions", "Nous remercions X pour …"), where it comes from.
OUTRO_LINE = re.compile(
    _WHO_ASKED + r"|"
    # An editor's update note: "Article mis à jour le 12 mars 2024 : …", "Mise à jour du 3 mai : …".
    r"^(?:\(?\s*)?(?:(?:article|billet|entretien|interview|cet\s+(?:article|entretien)\s+a\s+été)\s+mis\s+à\s+jour|"
    r"mise\s+à\s+jour\s*(?:du|le|:|\()|update[sd]?\b[^:.]{0,30}:)|"
    r"^(?:un\s+(?:grand\s+)?)?merci\s+(?:beaucoup\s+)?(?:à|a)\s+[^.!?]{1,80}?\s+(?:d['’]avoir\s+(?:répondu|accepté|pris)|"
    r"pour\s+(?:ses|leurs|leur|son|sa|cet|cette|ce)\s+(?:réponses|entretien|échange|temps|disponibilité|témoignage|accueil))|"
    r"^nous\s+remercions\s+[^.!?]{1,80}?\s+(?:d['’]avoir\s+(?:répondu|accepté|pris)|pour\s+(?:ses|leurs|son|sa|cet|cette|ce)\s+)|"
    # Where the interview comes from: "Cet entretien a été réalisé dans le cadre du Mois de l’ESS".
    r"^(?:\(?\s*)?(?:cet|cette|ce)\s+(?:entretien|interview|article|échange|rencontre|portrait)\s+(?:(?:a\s+été|est)\s+"
    r"(?:réalisée?|menée?|publiée?|extraite?|issue?|initialement)\b|fait\s+partie\b|s['’]inscrit\b)|"
    # A pointer to the rest of the series: "Retrouvez tous nos entretiens …", "Découvrez les autres portraits".
    r"^(?:retrouvez|découvrez|lisez)\s+(?:aussi\s+|également\s+)?(?:tou(?:te)?s\s+)?(?:les|nos)\s+(?:autres\s+)?"
    r"(?:entretiens|interviews|portraits|épisodes|rencontres)\b|"
    # Who asked, after a label: "Interview : Marie Roux", "Texte et photos : M. Roux".
    r"^(?:interview|entretien|texte|textes|rédaction|propos)(?:\s+et\s+photos?)?\s*:\s*\S+(?:\s+\S+){0,4}$|"
    # Where the text was first published: "Source : La Lettre de l’ESS, n°42".
    r"^sources?\s*:|"
    # The editor's initials alone ("M. R.", "M.R.").
    r"^[A-ZÀ-ÖØ-Þ]\.\s?[A-ZÀ-ÖØ-Þ]\.(?:\s?[A-ZÀ-ÖØ-Þ]\.)?$",
    re.IGNORECASE)
# Cross-links an editor puts between answers ("Lire aussi : <a>…</a>", "À lire également",
# "Voir aussi", "Sur le même sujet" above a list of links): never the interviewee's words.
READ_ALSO = re.compile(rf"^(?:{CROSS_LINK_TITLE}|voir\s+(?:aussi|également)|(?:read|see)\s+also|related)\b"
                       r"\s*[:»>–-]?\s*", re.IGNORECASE)
READ_ALSO_WORDS = frozenset("à a lire voir sur read see related".split())
# Lines that close an interview with pointers: "Pour en savoir plus", "Plus d'infos : …".
INFO_LINE = re.compile(r"^(?:pour\s+)?(?:en\s+savoir|aller\s+plus\s+loin|plus\s+d['’]info|retrouve[rz]|découvre[rz]|"
                       r"contact\s*:|site\s*(?:web|internet)?\s*:|www\.|https?://)", re.IGNORECASE)
# The editor's pointers after the last answer ("Pour aller plus loin : …", "En savoir plus",
# "Liens utiles :"), with the links under them: the outro.
POINTER_LINE = re.compile(r"^(?:pour\s+)?(?:aller\s+plus\s+loin|en\s+savoir\s+plus)\b|^plus\s+d['’]info|"
                          r"^(?:liens?|ressources?)(?:\s+utiles?)?\s*:|^retrouve[rz](?!-nous)\b|"
                          r"^(?:contacts?|site(?:\s+(?:web|internet))?|le\s+site\s+[^:]{1,60})\s*:|"
                          # the interviewee's own networks: "Suivre Léa : LinkedIn | Instagram"
                          r"^(?:pour\s+)?suivre\s+[^:]{1,60}:|^suivez\s+(?!-?nous\b)[^:]{1,60}(?::|\s+sur\b)",
                          re.IGNORECASE)
MAX_POINTER_BLOCKS = 8


# A street address: the place's contact line closing the post, the outro's.
ADDRESS = re.compile(r"(?:\b\d{1,4}(?:\s?(?:bis|ter))?,?\s+|,\s+)(?:rue|chemin|avenue|av\.|boulevard|bd|place|allée|impasse|"
                     r"quai|route|cours|passage|square|rond-point)\s", re.IGNORECASE)
MAX_ADDRESS_LINE = 200


def is_address(block: Block) -> bool:
    """Return whether a short block gives a street address ("4 chemin de la Scierie", "X, quai
    du Port, Douarnenez")."""
    return block.kind == "p" and len(block.text) <= MAX_ADDRESS_LINE and ADDRESS.search(block.text) is not None


def is_pointer(block: Block) -> bool:
    """Return whether a short line opens the editor's pointers."""
    return len(block.text) <= MAX_LINE and POINTER_LINE.match(block.text) is not None


SENTENCE_END = re.compile(r"[.!?]\s*[»”\"]?$")
CREDIT = re.compile(r"^(?:©|\(c\)\s|crédits?(?:\s+photos?)?\s*:|photo\s*:)", re.IGNORECASE)
# A photo credit, not a site's copyright line ("© 2024 Site – Tous droits réservés").
PHOTO_CREDIT = re.compile(r"^(?:crédits?(?:\s+photos?)?(?:\s+(?:de\s+)?(?:une|couverture|l['’]image))?\s*:|photos?\s*:|"
                          r"©(?!\s*\d{4}))(?!.*(?:droits\s+réservés|rights\s+reserved))",
                          re.IGNORECASE)
# A caption that ends with its credit ("L’atelier de Montreuil © Emmaüs Horizon"), in no
# caption markup: a short line, no sentence.
INLINE_CREDIT = re.compile(r"\s©\s*\S")
MAX_CREDIT_LINE = 160


def is_credit_line(block: Block) -> bool:
    """Return whether a block is a picture's credit or a caption closed by one."""
    text = block.text
    if CREDIT.match(text):
        return True
    return "©" in text and len(text) <= MAX_CREDIT_LINE and INLINE_CREDIT.search(text) is not None \
        and SENTENCE_END.search(text) is None and COPYRIGHT.search(text) is None


# A rule followed by more than this is still the answer (a rule inside it), not an outro.
MAX_OUTRO_BLOCKS = 3
MAX_OUTRO_CHARS = 600


# First words the lines above can start with: the regexes run only on these (they are long
# alternations, and every block of every page is tested).
END_WORDS = frozenset("""partager partagez share laisser laissez écrire ajouter poster leave post répondre
reply annuler un une aucun no commentaire commentaires comment comments article articles publication
publications posts actualité actualités derniers dernières related rédaction similar recent vous ça à a lire sur
dans navigation précédent suivant previous next one réponses responses voir view les plus most popular
trending""".split())
META_WORDS = frozenset("""tags tag étiquette étiquettes mots-clés mots-clé mots catégorie catégories categories
rubrique rubriques thème thèmes tagged filed publié posté classé rangé posted published par by écrit
rédigé written in dans on temps min minutes mis j'accepte j’accepte j'ai j’ai je en inscrivez-vous abonnez-vous recevez
s'inscrire s’inscrire newsletter publicité advertisement advertising annonce sponsorisé sponsored pub pages page next previous
cette ce cet this étiqueté étiquetée étiquetés étiquetées étiquetté étiquettée s’ouvre s'ouvre
ouvre opens open cliquez click catégorisé categorized also aussi également auteur autrice author""".split())


def first_word(text: str) -> str:
    """Return the first word of a line, lower case, without a trailing colon."""
    head = text[:24].split(None, 1)
    return head[0].lower().rstrip(":") if head else ""


# An author box's link to the author's posts, after the bio that opens with the author's name.
AUTHOR_LINK = re.compile(r"^(?:(?:voir|lire)\s+tous\s+(?:les\s+)?(?:articles|publications|billets)\s+(?:de\s+|d['’])|"
                         r"view\s+all\s+posts\s+by\s+)(?P<name>\S.*)$", re.IGNORECASE)


ARROWS = frozenset("←→‹›")


def may_end(word: str) -> bool:
    """Return whether a line opening with ``word`` may close the article (``END_LINE``)."""
    return word in END_WORDS or word[:1].isdigit() or word[:1] in ARROWS


def is_short(block: Block) -> bool:
    """Return whether a block is a line short enough to be furniture."""
    return len(block.text) <= MAX_LINE


def is_end(block: Block) -> bool:
    """Return whether a block closes the article (sharing, comments, related posts)."""
    if not is_short(block) or block.kind == "li":
        return False
    word = first_word(block.text)
    return may_end(word) and END_LINE.match(block.text) is not None


# What embeds and plugins print in the content: an Instagram or Twitter embed's fallback text,
# a rating box ("Cet article vous a plu ? Notez-le ! 4.6/5 - (7 votes)"), a click-to-tweet's button.
EMBED_LINE = re.compile(r"^(?:voir\s+cette\s+publication\s+sur\s+instagram|view\s+this\s+post\s+on\s+instagram|"
                        r"une\s+publication\s+partagée\s+par\b|a\s+post\s+shared\s+by\b|cet\s+article\s+vous\s+a\s+plu\b|"
                        r"vous\s+avez\s+aimé\s+cet\s+article\b|notez\s+cet\s+article\b|"
                        # a call to comment closing the post: "Et vous, qu’en pensez-vous ? Dites-le-nous en commentaire"
                        r"et\s+vous,?\s+qu['’]en\s+pensez-vous\b|dites-le(?:-nous)?\s+en\s+commentaire|"
                        r"laissez(?:-nous)?\s+un\s+commentaire\b|what\s+do\s+you\s+think\?\s+let\s+us\s+know|"
                        # a podcast player's links (PowerPress): "Podcast: Play in new window | Download (Duration: 18:42)"
                        r"podcast\s*:\s*(?:play\s+in\s+new\s+window|lire\s+dans\s+une\s+nouvelle\s+fenêtre|download|"
                        r"télécharger)\b)", re.IGNORECASE)
VOTES = re.compile(r"\d(?:[.,]\d)?\s*/\s*5\s*[-–]?\s*\(\d+\s+votes?\)", re.IGNORECASE)
CLICK_TO_TWEET = re.compile(r"^(?:cliquez\s+pour\s+tweeter|click\s+to\s+tweet|tweetez\s+cette\s+citation|"
                            r"tweeter\s+cette\s+citation)\W*$", re.IGNORECASE)
MAX_TWEET = 280


# The default theme of WordPress 1.5 to 2.9 (Kubrick) and its children print one long line
# under a post: "Cet article a été publié le … et est classé dans X. Vous pouvez en suivre les
# commentaires par le biais du flux RSS 2.0…", "This entry was posted on … and is filed under …".
POST_METADATA = re.compile(r"^(?:cet\s+article|cette\s+entrée|ce\s+billet|this\s+entry)\s+(?:a\s+été\s+publiée?|was\s+posted)"
                           r"\b.*\b(?:rss|flux|feed|commentaires|responses|trackback|rétrolien)", re.IGNORECASE | re.DOTALL)


def is_meta(block: Block, word: str | None = None) -> bool:
    """Return whether a block is a tag, category, byline, consent or bare date line."""
    text = block.text
    if not is_short(block):
        return len(text) <= 3 * MAX_LINE and text[:1] in "CcTt" and POST_METADATA.match(text) is not None
    if EMBED_LINE.match(text) or CLICK_TO_TWEET.match(text) or ("/" in text and VOTES.search(text)):
        return True
    if len(text) <= 40 and (text[:1].isdigit() or text[-4:].isdigit()):
        if text_date(text):  # a bare date line: the post's or a related post's
            return True
    if text[:1] == "#" and HASHTAGS.match(text):
        return True
    if COPYRIGHT.search(text):
        return True  # the site's footer line
    if ("newsletter" in text or "lettre" in text) and NEWSLETTER_LINE.search(text):
        return True  # "Pour ne rien manquer, abonnez-vous à notre newsletter !"
    if text.endswith(FOOTNOTE_BACK) or is_sharing_link(block) or is_glued_terms(block):
        return True
    if ":" in text and ("T" in text or text.count("http") > 1) and MACHINE_TEXT.search(text):
        return True  # a timestamp or an address has a colon
    if (word if word is not None else first_word(text)) not in META_WORDS and not text[:1].isdigit():
        return False
    if META_LINE.match(text) or CONSENT_LINE.match(text) or BYLINE_ONLY.match(text) \
            or (BYLINE.match(text) and text_date(text)):
        return True
    # "Mots-clés <a rel=tag>…</a>": a terms title without its colon, over links.
    return block.links >= 0.3 * len(text) and TERMS_LEAD.match(text) is not None


# A block that is only a number ("01", "2.", "N°3"): a builder's decorative marker.
NUMBER_MARK = re.compile(r"^(?:n°\s*|#|question\s*(?:n°\s*)?|q\.?\s*)?\d{1,2}\s*[.)/:]?$", re.IGNORECASE)
# The title of a table of contents nobody marked up, followed by its links.
TOC_TITLE = re.compile(r"^(?:au\s+)?(?:sommaire|table\s+des\s+matières|dans\s+cet\s+article|"
                       r"(?:table\s+of\s+)?contents)\s*:?$", re.IGNORECASE)


def next_text(blocks: list[Block], index: int) -> Block | None:
    """Return the first block after ``index`` that has text, or None."""
    return next((block for block in blocks[index + 1:index + 4] if block.text), None)


# A list item no one writes in an answer: a footnote of the block editor's list, a sharing
# button's screen-reader text or network name, a terms title alone (``TERMS_ALONE``).
# A terms title glued to its links ("Étiquetteshabitat, village des athlètes").
TERMS_GLUED = re.compile(r"^(?:tags|étiquettes|étiqueté|mots[- ]clés|catégories|categories|catégorisé|tagged)(?=[^\s:])",
                         re.IGNORECASE)


# Languages as a translation switcher names them, each its own link.
LANGUAGES = frozenset("""english français francais español espanol deutsch italiano português portugues nederlands
català catala brezhoneg euskara occitan polski română العربية""".split())


def is_list_furniture(block: Block) -> bool:
    """Return whether a list item is furniture (see above)."""
    text = block.text
    if text.endswith(FOOTNOTE_BACK) or TERMS_ALONE.match(text) or is_glued_terms(block) or is_sharing_link(block):
        return True
    if len(text) <= 20 and block.links >= 0.9 * len(text) and text.casefold() in LANGUAGES:
        return True  # a translation switcher's item
    return len(text) <= 60 and first_word(text) in SCREEN_READER_WORDS and META_LINE.match(text) is not None


def is_sharing_link(block: Block) -> bool:
    """Return whether a block is a sharing button's link ("LinkedIn", "Partager 0"), or a
    sharing bar's buttons run together ("PartagerFacebookXLinkedInE-mail", "Facebook Twitter
    WhatsApp"): nobody writes a line of network names alone."""
    text = block.text
    if len(text) <= 60 and block.links >= 0.9 * len(text) and SOCIAL_LINK.match(text) is not None:
        return True
    return len(text) <= MAX_SHARE_BAR and SHARE_BAR.match(text) is not None


MAX_SHARE_BAR = 160
NETWORK = r"(?:facebook|twitter|x|linkedin|whatsapp|e-?mail|courriel|pinterest|imprimer|print|bluesky|mastodon|" \
          r"telegram|reddit|messenger|threads|copier\s+le\s+lien|copy\s+link)"
SHARE_BAR = re.compile(rf"^(?:(?:partager|partagez|share)(?:\s+(?:sur|on|cet\s+article|this))?\s*:?\s*)?"
                       rf"{NETWORK}(?:[\s,|·•/-]*{NETWORK}){{1,12}}$", re.IGNORECASE)


def is_glued_terms(block: Block) -> bool:
    """Return whether a block is a terms title glued to its links ("Mots-cléscollectivités")."""
    return block.links >= 0.3 * len(block.text) and TERMS_GLUED.match(block.text) is not None


SCREEN_READER_WORDS = frozenset("s’ouvre s'ouvre ouvre opens open cliquez click".split())


def is_marker(blocks: list[Block], index: int) -> bool:
    """Return whether a number-only block marks the question after it (not text to keep)."""
    after = next_text(blocks, index)
    return after is not None and (after.kind == "h" or after.emphasised or ends_with_question(after.text))


def is_cross_link(block: Block) -> bool:
    """Return whether a line points to another article: "Lire aussi" and a link, or the
    title of a list of links ("À lire aussi :")."""
    match = READ_ALSO.match(block.text)
    if match is None:
        return False
    rest = len(block.text) - match.end()
    return rest == 0 or block.links >= 0.5 * rest


def link_list_end(blocks: list[Block], index: int) -> int:
    """Return the index after a cross-link line and the links that follow it."""
    end = index + 1
    while end < len(blocks) and blocks[end].kind in ("li", "p", "h") and (  # "h": a teaser's linked title
            blocks[end].links >= 0.8 * len(blocks[end].text) > 0 or is_excerpt(blocks, end)):
        end += 1
    return end


CUT_SHORT = ("…", "[…]", "...", "[...]")  # how an excerpt ends


def is_excerpt(blocks: list[Block], index: int) -> bool:
    """Return whether a block is the excerpt under a linked teaser ("Un article sur … …")."""
    block, before = blocks[index], blocks[index - 1] if index else None
    return before is not None and before.links >= 0.8 * len(before.text) > 0 and not block.links \
        and 0 < len(block.text) <= MAX_LINE and block.text.endswith(CUT_SHORT)


def toc_end(blocks: list[Block], index: int) -> int:
    """Return the index after a table of contents titled at ``index`` (its title and the
    link list under it), or ``index`` when the links do not follow."""
    end = index + 1
    while end < len(blocks) and blocks[end].kind == "li" and blocks[end].links >= 0.8 * len(blocks[end].text) > 0:
        end += 1
    return end if end - index > 1 else index


# A theme's subtitle (the post's excerpt printed between its title and its date line): one or
# two short blocks before the post's first header line. A paragraph there is the subtitle only
# when the intro follows the header (a short intro may stand before a date line closing it).
MAX_SUBTITLE = 300


def is_subtitle(kept: list[Block], intro_follows: bool) -> bool:
    """Return whether the blocks kept before the post's first header line are its subtitle."""
    kinds = ("p", "h") if intro_follows else ("h",)
    return 0 < len(kept) <= 2 and all(block.kind in kinds and len(block.text) <= MAX_SUBTITLE and not block.images
                                      for block in kept)


def article_lines(blocks: list[Block]) -> tuple[list[Block], list[int]]:
    """Return the blocks without meta, consent and bare date lines (a printed ``dd/mm/yyyy``
    stays: it dates the post), number-only markers and tables of contents, and the indices
    of the lines that may close the article."""
    kept: list[Block] = []
    ends: list[int] = []
    skip_to = 0
    header_seen = name_may_follow = False
    for index, block in enumerate(blocks):
        if index < skip_to:
            continue
        text = block.text
        if index + 1 < len(blocks) and is_bio(block, blocks[index + 1]):
            ends.append(len(kept))  # an author box in no known class: its name, then its bio
        if name_may_follow and is_byline_name(block):
            name_may_follow = False
            ends.append(len(kept))  # the byline's name: after the text, the post's meta opens here
            continue
        name_may_follow = False
        if len(text) <= 21 and block.kind != "li":
            if len(text) <= 14 and NUMBER_MARK.match(text) and is_marker(blocks, index):
                continue
            if TOC_TITLE.match(text):
                skip_to = toc_end(blocks, index)
                if skip_to > index:
                    continue
        if block.kind == "li" and is_list_furniture(block):
            continue
        if block.kind == "li" or len(text) > MAX_LINE or not text:
            if block.kind != "li" and is_meta(block):
                ends.append(len(kept))  # the theme's long line of post meta (Kubrick's): its end
                continue
            if not is_machine_text(block):
                kept.append(block)
            continue
        word = first_word(text)
        if block.links and is_author_link(block):
            ends.append(len(kept))  # after the text, an author box opens here; in the header, a byline
            continue
        if is_meta(block, word) and not PRINTED_DATE.match(text):
            if len(text) <= 14 and AUTHOR_BOX_TITLE.match(text) or (block.links and is_author_link(block, byline=True)):
                ends.append(len(kept))  # after the text, an author box or the post's byline opens here
            # A lone "by", or a bare date line (Twenty Twenty-Two: date, then the author's name).
            name_may_follow = len(text) <= 14 and BY_WORD.match(text) is not None \
                or len(text) <= 40 and text_date(text) is not None
            if CLICK_TO_TWEET.match(text) and kept and len(kept[-1].text) <= MAX_TWEET:
                kept.pop()  # the sentence the box offers to tweet
            if not header_seen and not ends and is_subtitle(kept, intro_follows=False):
                kept = []  # title, subtitle, date line: the theme's header
            header_seen = True
            continue
        if word in READ_ALSO_WORDS and is_cross_link(block):
            skip_to = link_list_end(blocks, index)
            if skip_to > index + 1 or READ_ALSO.match(text).end() < len(text):
                continue  # "Lire aussi : <a>" or a title and its links; a title over teasers closes the article
        if word in NAVIGATION_WORDS and block.links >= 0.6 * len(text) and NAVIGATION.match(text):
            ends.append(len(kept))  # "Précédent : <a>Title</a>": the post navigation opens here
            continue
        if may_end(word) and END_LINE.match(text):
            author = AUTHOR_LINK.match(text)
            bio = author is not None and kept and kept[-1].text.startswith(author.group("name").split()[0])
            ends.append(len(kept) - 1 if bio else len(kept))  # an author box opens with its bio
        kept.append(block)
    return kept, ends


def outro_like(block: Block) -> bool:
    """Return whether a block reads as an editorial closing note rather than an answer."""
    text, html = block.text, block.html
    whole_italic = html.startswith(("<em>", "<i>")) and html.endswith(("</em>", "</i>"))
    return bool(OUTRO_LINE.match(text) or INFO_LINE.match(text) or whole_italic or block.emphasised
                or (block.links and block.links >= 0.3 * len(text)))


def without_closing_widgets(body: list[Block]) -> list[Block]:
    """Return the blocks without the rules, buttons and counters ("48" claps, "1.2k" views)
    that close them: the post's, or the answer's before its outro."""
    while body and (body[-1].kind == "sep" or is_call_to_action(body[-1]) or FIGURE.match(body[-1].text)):
        body = body[:-1]
    return body


def split_last_answer(body: list[Block]) -> tuple[list[Block], list[Block]]:
    """Return (answer, outro) of the blocks after the last question: the outro starts at a
    "Propos recueillis par" line, or after the last rule when what follows is a short
    closing note; headings, date lines and link lists after the answer end everything."""
    end = len(body)
    seen_text = pointers = False
    for index, block in enumerate(body):
        if block.kind == "sep":
            continue
        closing = (block.kind == "h" and not ends_with_question(block.text) and not is_pointer(block)) or (
            block.kind == "p" and len(block.text) <= 40 and text_date(block.text) is not None) or (
            is_teaser(block)) or is_author_name(block) or is_other_interview(block) or (
            index + 1 < len(body) and index + 3 >= len(body) and is_call_to_action_box(block, body[index + 1])) or (
            ends_cut(block) and index + 1 < len(body) and ends_cut(body[index + 1])) or (
            not pointers and block.links >= 0.8 * len(block.text) > 0 and index + 1 < len(body)
            and body[index + 1].links >= 0.8 * len(body[index + 1].text) > 0)
        if seen_text and closing:
            end = index
            break
        seen_text = seen_text or bool(block.text)
        pointers = pointers or is_pointer(block)  # the links under "Pour aller plus loin" are its own
    body = without_closing_widgets(body[:end])
    # The photo credit closing the post ("Crédit photo : …", not a picture's caption): the outro's.
    credits = len(body)
    while credits > 1 and body[credits - 1].kind == "p" and is_short(body[credits - 1]) \
            and PHOTO_CREDIT.match(body[credits - 1].text):
        credits -= 1
    if credits < len(body) and any(block.text and block.kind != "sep" for block in body[:credits]):
        answer, outro = split_last_answer(body[:credits])
        return answer, outro + body[credits:]
    for index, block in enumerate(body):
        if index and block.text and OUTRO_LINE.match(block.text):
            return without_rules(without_closing_widgets(body[:index])), without_rules(body[index:])
        if index and is_pointer(block) and sum(len(b.text) for b in body[index:]) <= MAX_OUTRO_CHARS \
                and len(body) - index <= MAX_POINTER_BLOCKS:
            return without_rules(without_closing_widgets(body[:index])), without_rules(body[index:])
        if index and index + 1 == len(body) and is_address(block):
            # "Recyclerie du Val, 4 chemin de la Scierie, …"
            return without_rules(without_closing_widgets(body[:index])), [block]
    rules = [i for i, block in enumerate(body) if block.kind == "sep"]
    if rules:
        last = rules[-1]
        answer, after = without_rules(body[:last]), without_rules(body[last + 1:])
        closing = len(after) <= MAX_OUTRO_BLOCKS and sum(len(b.text) for b in after) <= MAX_OUTRO_CHARS
        if answer and after and (closing or all(outro_like(b) for b in after)):
            return answer, after
    return without_rules(body), []


# A related post's teaser: its linked title with its date after it ("Étape à Marseille : 40
# structures réunies28/05/2022", "… – 12 mars 2024").
TEASER_DATE = re.compile(r"(?:\d{1,2}[/.]\d{1,2}[/.]\d{4}|\d{1,2}(?:er)?\s+[a-zéû]{3,9}\.?\s+\d{4})$", re.IGNORECASE)


# The name over an author box ("Rédaction ESS 2024", "Équipe ESS 2024"): a site's byline, never an answer's line.
AUTHOR_NAME = re.compile(r"^(?:(?i:la\s+)?(?i:r)édaction(?:\s+[A-ZÀ-ÖØ-Þ0-9]\S*){0,3}|"
                         r"(?:(?i:l)['’])?(?i:é)quipe\s+[A-ZÀ-ÖØ-Þ0-9]\S*(?:\s+[A-ZÀ-ÖØ-Þ0-9]\S*){0,2})$")


# WordPress's author archive (``/author/<slug>/``): a link there names the post's author.
AUTHOR_HREF = re.compile(r'href="[^"]*/author/[^"/]+/?(?:"|\?)')
MAX_AUTHOR_LINK = 60


# "Rédigé par" alone: a byline's words in the header, an author box's title after the text.
AUTHOR_BOX_TITLE = re.compile(r"^(?:rédigé|écrit|written)\s+(?:par|by)\s*:?$", re.IGNORECASE)
# A byline's "by" left alone on its line, the author's name in a block of its own after it
# (Twenty Twenty-Three's post meta: "Posted" / date / "in" / terms / "by" / name); a bare
# date line may come before the name too (Twenty Twenty-Two).
_BY = r"^(?:(?:posted|published|publié|posté|written|rédigé|écrit)\s+)?(?:by|par)"
BY_WORD = re.compile(_BY + r"\s*:?$", re.IGNORECASE)  # the word alone on its line
BY_PREFIX = re.compile(rf"(?:{_BY}|^(?:auteur|autrice|author)\s*:)\s+", re.IGNORECASE)  # the words before a byline's name
MAX_NAME_WORDS = 6


def is_byline_name(block: Block) -> bool:
    """Return whether a block can be a person's or a newsroom's name alone (after ``BY_WORD``):
    short, capitalised, no sentence."""
    text = block.text
    return 0 < len(text) <= MAX_AUTHOR_LINK and block.kind in ("p", "h") and text[0].isupper() \
        and len(text.split()) <= MAX_NAME_WORDS and SENTENCE_END.search(text) is None and ":" not in text


# How an author box's bio starts when it does not start with the author's first name.
BIO_START = re.compile(r"^(?:journaliste|rédact(?:eur|rice)|pigiste|correspondante?|auteure?|autrice|chroniqueu(?:r|se)|"
                       r"reporter|photographe|blogueu(?:r|se)|(?:journalist|writer|editor|reporter)\b)", re.IGNORECASE)
MAX_BIO = 400


def is_bio(name: Block, after: Block) -> bool:
    """Return whether ``name`` is an author box's title: a person's name alone (two to four
    capitalised words), over a short bio that names them by their first name early or says
    what they write ("Journaliste indépendante, Jeanne suit l’ESS…")."""
    text = name.text
    words = text.split()
    if not (2 <= len(words) <= 4 and is_byline_name(name) and looks_like_names(text)) or after.kind != "p" \
            or not 0 < len(after.text) <= MAX_BIO:
        return False
    return words[0] in after.text[:80].split(" ") or BIO_START.match(after.text) is not None


def is_author_link(block: Block, byline: bool = False) -> bool:
    """Return whether a block is the post's author's name alone, linked to their posts: a
    byline's name (in the header) or an author box's title (closing the article); with
    ``byline``, after its "Par" / "By" too ("Par <a href=/author/x/>Rédaction</a>")."""
    text = block.text
    by = BY_PREFIX.match(text) if byline else None
    named = len(text) - by.end() if by else len(text)
    return len(text) <= MAX_AUTHOR_LINK and block.links >= 0.9 * named and "/author" in block.html \
        and AUTHOR_HREF.search(block.html) is not None and not AUTHOR_LINK.match(text)


def is_author_name(block: Block) -> bool:
    """Return whether a block is the site's author name alone (an author box's title)."""
    return len(block.text) <= 40 and AUTHOR_NAME.match(block.text) is not None


def ends_cut(block: Block) -> bool:
    """Return whether a block is an excerpt cut short ("… nous répond…"), as teasers are."""
    return block.kind in ("p", "li") and 40 <= len(block.text) <= MAX_LINE and block.text.endswith(CUT_SHORT)


# A call to the reader, as a call-to-action box words it under its title ("Vous êtes une
# association ?" / "Demandez un ordinateur…", "Rejoignez le prochain atelier").
CALL_TO_READER = re.compile(r"^(?:rejoignez|demandez|inscrivez-vous|découvrez|contactez|téléchargez|soutenez|devenez|"
                            r"participez|candidatez|adhérez|abonnez-vous|réservez|commandez|écrivez-nous|"
                            r"faites\s+un\s+don|prenez\s+contact|join|sign\s+up|subscribe|donate)\b", re.IGNORECASE)
READER_QUESTION = re.compile(r"^(?:vous\s+(?:êtes|souhaitez|voulez|avez|cherchez|aussi)|votre\s+(?:structure|association|"
                             r"entreprise|projet|collectivité)|envie\s+d|besoin\s+d|une\s+question|intéressée?s?|"
                             r"are\s+you|want\s+to)\b", re.IGNORECASE)
MAX_BOX_TITLE = 120


def is_call_to_action_box(title: Block, line: Block) -> bool:
    """Return whether two blocks closing the article are a call-to-action box nobody
    classed: a short bold or heading question to the reader, then a call to act."""
    return (title.kind == "h" or title.emphasised) and len(title.text) <= MAX_BOX_TITLE \
        and ends_with_question(title.text) and READER_QUESTION.match(title.text) is not None \
        and CALL_TO_READER.match(line.text) is not None


def is_other_interview(block: Block) -> bool:
    """Return whether a block is a link to an interview of the series (the next post, a
    related one): no answer's line."""
    text = block.text
    return 0 < len(text) <= MAX_LINE and block.links >= 0.8 * len(text) and series_match(text) is not None


def is_teaser(block: Block) -> bool:
    """Return whether a block is a related post's linked title followed by its date."""
    text = block.text
    if not 0 < len(text) <= MAX_LINE or block.links < 0.3 * len(text):
        return False
    found = TEASER_DATE.search(text)
    return found is not None and text_date(found.group()) is not None


# A figure standing alone: a counter widget's ("+120", "35 %", "12 k€") or a post's claps and
# views ("48", "1.2k") closing it; none is an answer's line.
FIGURE = re.compile(r"^[+~]?\d[\d\s.,\u00a0\u202f]{0,9}(?:\s?(?:%|€|k€|m€|k|m))?\+?$", re.IGNORECASE)
FIGURE_START = frozenset("+~0123456789")


# A call to action nobody marked as a button: a short line that is all link text and no
# sentence ("Découvrir le projet", "Voir la carte"); an address ("www.x.org") is information.
MAX_CALL_TO_ACTION = 40


def is_call_to_action(block: Block) -> bool:
    """Return whether a block is a bare link styled as a button, ending the article."""
    text = block.text
    return (block.kind == "p" and 0 < len(text) <= MAX_CALL_TO_ACTION and block.links >= 0.9 * len(text)
            and not text.endswith((".", "?", "!", ":", "»", "”")) and not INFO_LINE.match(text)
            and "." not in text.split()[-1])


def without_rules(blocks: list[Block]) -> list[Block]:
    """Return the blocks without their rules."""
    return [block for block in blocks if block.kind != "sep"]


BREADCRUMB = re.compile(r"^(?:accueil|home)\s*[/›»>|]", re.IGNORECASE)
# The post's header as a theme prints it between the title and the article (byline, date,
# category, comment count, reading time, share and view counters, breadcrumbs), read from its
# words when no class named it: a run of short lines that are no sentences, one of them
# saying what it is.
META_SIGNAL = re.compile(
    r"\b(?:\d+|aucun|un|une|pas\s+de)\s+(?:commentaires?|comments?|réactions?)\b|^(?:commentaires?|comments?)\b|"
    r"\blecture\s*:?\s*\d+\s*min|\b\d+\s*min(?:utes?)?\s+(?:de\s+lecture|read)\b|"
    r"^(?:partager|partagez|tweeter|tweet|share|vues?|views?|partages?|shares?)\b|"
    r"^(?:[—–·|/•-]\s*)?(?:par|by|publié|publiée|posté|mis\s+en\s+ligne|dans|auteur|autrice|écrit|rédigé|posted|"
    r"published|catégories?|post\s+category)\b|"
    rf"{BREADCRUMB.pattern}|"
    r"^admin$|^(?:accueil|home)$|"
    # a relative date ("il y a 2 ans", "3 days ago"), a date glued to its neighbours ("8 juin 202110 juin 2021")
    r"^il\s+y\s+a\s+\d+\s+(?:ans?|mois|jours?|semaines?|heures?|minutes?)$|^\d+\s+(?:days?|weeks?|months?|years?)\s+ago$|"
    r"\d{1,2}(?:er)?\s+(?:janv|févr|fevr|mars|avr|mai|juin|juil|août|aout|sept|oct|nov|déc|dec)[a-zéû.]*\s+\d{4}|"
    r"^\d[\d\s.,]{2,}k?$|^\d+(?:[.,]\d+)?\s*[km]$|^[—–·|/•-]+$",
    re.IGNORECASE)
MAX_META_RUN_LINE = 90


NUMERIC_DATE = re.compile(r"\d{1,2}[/.]\d{1,2}[/.]\d{4}")


def in_meta_run(block: Block) -> bool:
    """Return whether a block can be part of the post's header: short lines, no sentence
    (a breadcrumb ends with the title, whatever its length)."""
    if not block.text or block.kind in ("quote", "pull"):
        return False
    return all(is_header_line(line) for line in block.text.split("\n"))


SEPARATOR_WORDS = frozenset("/ | · • – — - ·".split())


def is_header_line(text: str) -> bool:
    """Return whether one line of a block can be part of the post's header: short, no
    sentence; a line that says it is one (a breadcrumb, a comment count) may be longer."""
    if not text or len(text) > MAX_LINE or SENTENCE_END.search(text) or WHO_ASKED.match(text):
        return False
    if BREADCRUMB.match(text):
        return True
    if len(text) > MAX_META_RUN_LINE or sum(word not in SEPARATOR_WORDS for word in text.split()) > 14:
        return META_SIGNAL.search(text) is not None
    return True


def says_meta(block: Block) -> bool:
    """Return whether a short block says it is the post's metadata (see ``META_SIGNAL``)."""
    if is_meta(block):
        return True
    return any(META_SIGNAL.search(line) is not None or AUTHOR_NAME.match(line) is not None
               or NUMERIC_DATE.search(line) is not None or (len(line) <= 60 and text_date(line) is not None)
               for line in block.text.split("\n"))


def without_post_meta(blocks: list[Block]) -> list[Block]:
    """Return the blocks before the first question without the runs of the post's header
    (``in_meta_run`` lines of which one ``says_meta``), and without a subtitle above the
    first of them (title, subtitle, date line: the theme's header, not the intro)."""
    kept: list[Block] = []
    run: list[Block] = []
    first = True
    for block in [*blocks, None]:
        if block is not None and in_meta_run(block):
            run.append(block)
            continue
        if run and not any(says_meta(line) for line in run):
            kept.extend(run)
        elif run:
            if first and is_subtitle(kept, intro_follows=block is not None):
                kept = []
            first = False
        run = []
        if block is not None:
            kept.append(block)
    return kept


# A facts box beside the intro ("En bref", "Repères", "Chiffres clés" over a list of figures):
# the editor's summary, neither the intro nor an answer.
FACTS_TITLE = re.compile(r"^(?:en\s+bref|repères|chiffres[- ]clés|en\s+chiffres|fiche\s+d['’]identité|l['’]essentiel|"
                         r"carte\s+d['’]identité|bio\s+express|portrait\s+express|à\s+savoir|infos?\s+pratiques?|"
                         r"at\s+a\s+glance|key\s+figures|fact\s+sheet)\s*:?$", re.IGNORECASE)
MAX_FACT_LINE = 120
# A box's title inside the article ("Le chiffre clé", "À retenir", "Le saviez-vous ?") over a
# sentence of the interview: the box's label, neither a question nor the interviewee's words.
BOX_TITLE = re.compile(r"^(?:le\s+)?chiffres?(?:[-\s]clés?)?|à\s+retenir|le\s+saviez-vous\s*\??|bon\s+à\s+savoir|"
                       r"l['’]info\s+en\s+plus|le\s+mot\s+clé|zoom|focus\s*:?$", re.IGNORECASE)
MAX_BOX_TITLE_LINE = 30


def is_box_title(block: Block) -> bool:
    """Return whether a short heading or bold line is a box's title (``BOX_TITLE``)."""
    text = block.text
    return (block.kind == "h" or block.emphasised) and len(text) <= MAX_BOX_TITLE_LINE \
        and BOX_TITLE.fullmatch(text.rstrip(" :")) is not None \
        and FACTS_TITLE.match(text) is None  # a facts box has its own rule (``without_facts_box``)


def without_facts_box(blocks: list[Block]) -> list[Block]:
    """Return the blocks before the first question without a facts box: its title (a heading
    or a bold line, ``FACTS_TITLE``) and the list items or short "Label : value" lines under it."""
    kept: list[Block] = []
    index = 0
    while index < len(blocks):
        block = blocks[index]
        if (block.kind == "h" or block.emphasised) and FACTS_TITLE.match(block.text):
            end = index + 1
            while end < len(blocks) and (blocks[end].kind == "li" or (
                    len(blocks[end].text) <= MAX_FACT_LINE and ":" in blocks[end].text
                    and not SENTENCE_END.search(blocks[end].text))):
                end += 1
            if end > index + 1:
                index = end
                continue
        kept.append(block)
        index += 1
    return kept
