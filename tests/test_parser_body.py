"""Case tables for the article body on any theme: where the article ends, the outro, page
furniture, the post's own dates, and inputs that must stay linear. Every snippet is
invented and themeless on purpose: the rules must hold beyond the theme corpus."""

from __future__ import annotations

import json

import pytest

from crawler.parser import Interview, parse_page

URL = "http://127.0.0.1:8765/2021/03/04/3-questions-a-lea-morin-directrice-de-la-fabrique-verte/"
TITLE = "3 questions à Léa Morin, Directrice de La Fabrique Verte"
QA = ("<p><strong>Pourquoi une fabrique ?</strong></p><p>Parce que nous réparons des objets depuis dix ans.</p>"
      "<p><strong>Avec qui travaillez-vous ?</strong></p><p>Avec les écoles du quartier et deux ressourceries.</p>"
      "<p><strong>Et demain ?</strong></p><p>Un second atelier ouvrira au printemps.</p>")
LAST_ANSWER = "Un second atelier ouvrira au printemps."


def page(body: str, head: str = "", title: str = TITLE, suffix: str = " – Site") -> bytes:
    """Return a page with this body (the title only in <title> unless the body has it)."""
    return (f"<!DOCTYPE html><html lang='fr'><head><meta charset='utf-8'><title>{title}{suffix}</title>"
            f"{head}</head><body>{body}</body></html>").encode()


def parse(body: str, head: str = "") -> Interview:
    record = parse_page(page(body, head), URL, "text/html; charset=utf-8")
    assert isinstance(record, Interview), record
    return record


def texts(record: Interview) -> str:
    return "\n".join([record.intro or "", record.outro or ""] + [q.question + "\n" + q.answer for q in record.qa])


# --- where the article ends: nothing after it leaks into the last answer -------------
AFTER_ARTICLE = {
    "unmarked comments": "<div><div>2 commentaires</div><div>Paul</div><div>05/03/2021 10:00</div>"
                         "<div>Bravo, et le samedi ?</div><div><a href='#r'>Répondre</a></div></div>",
    "comment form": "<div id='respond'><h3>Laisser un commentaire</h3><p>Votre adresse ne sera pas publiée.</p></div>",
    "related posts": "<div class='c-x'><h3>Articles similaires</h3><p><a href='/a/'>Un autre portrait</a></p>"
                     "<p>12 février 2021</p><p>Un extrait qui parle d’autre chose.</p></div>",
    "related posts, no heading": "<div class='yarpp'><p><a href='/b/'>Encore un article</a></p><p>Son extrait.</p></div>",
    "share and follow": "<div class='social-bar'><p>Suivez-nous</p><a href='/fb'>Facebook</a></div>"
                        "<p>Partager cet article</p><p><a href='/x'>X</a> <a href='/l'>LinkedIn</a></p>",
    "newsletter": "<div class='newsletter-box'><h4>La lettre</h4><p>Recevez la newsletter chaque mois.</p></div>",
    "a call to subscribe in a sentence": "<p>Pour ne rien manquer, abonnez-vous à notre newsletter !</p>",
    "a call to subscribe to the site's letter": "<p>Ces portraits vous plaisent ? <a href='/lettre/'>Abonnez-vous à la "
                                                "lettre d’ESS 2024</a> pour recevoir nos « 3 questions à » chaque mois.</p>",
    "author box": "<div class='about-author'><p>Rédigé par Jeanne, qui écrit sur l’ESS depuis 2015.</p></div>",
    "tag line": "<p>Tags : réemploi, quartier</p><p>Catégories : Portraits</p>",
    "post navigation": "<nav class='post-navigation'><a href='/p'>Article précédent</a></nav>"
                       "<p>Article suivant : un autre sujet</p>",
    "site footer": "<footer><p>© 2021 Association – Mentions légales</p></footer>",
    "aside": "<aside><p><strong>Une question ?</strong></p><p>Écrivez-nous, nous répondons vite.</p></aside>",
}


@pytest.mark.parametrize("name", AFTER_ARTICLE)
def test_what_follows_the_article_is_not_the_last_answer(name):
    record = parse(f"<div class='a1'><h1>{TITLE}</h1><div class='b2'>{QA}</div>{AFTER_ARTICLE[name]}</div>")
    assert [q.question for q in record.qa] == ["Pourquoi une fabrique ?", "Avec qui travaillez-vous ?", "Et demain ?"]
    assert record.qa[-1].answer == LAST_ANSWER
    assert record.outro is None


BEFORE_ARTICLE = {
    "sidebar first": "<div class='col'><p><strong>Une question ?</strong></p><p>Appelez le 01 23 45 67 89.</p></div>",
    "breadcrumbs": "<p class='breadcrumbs'><a href='/'>Accueil</a> » <a href='/c/'>Portraits</a></p>",
    "wayback toolbar": "<div id='wm-ipp-base'><div><p>The Wayback Machine</p><p>Une capture ?</p></div></div>",
    "menu": "<ul><li><a href='/a'>Agenda</a></li><li><a href='/b'>Contact ?</a></li></ul>",
    "archive heading classed as the title": "<div class='band'><h1 class='entry-title'>Entretiens</h1></div>",
}


@pytest.mark.parametrize("name", BEFORE_ARTICLE)
def test_what_precedes_the_article_is_never_question_one(name):
    record = parse(f"{BEFORE_ARTICLE[name]}<div class='m'><div class='t'>{TITLE}</div><div class='z'>{QA}</div></div>")
    assert record.qa[0].question == "Pourquoi une fabrique ?"
    assert record.intro is None


def test_a_figure_captioned_by_a_heading_is_no_question():
    figure = "<figure><img src='/a.jpg' alt=''><h2>Léa Morin dans l’atelier ?</h2></figure>"
    record = parse(f"<main><h1>{TITLE}</h1>{figure}{QA}</main>")
    assert record.qa[0].question == "Pourquoi une fabrique ?"
    assert "atelier ?" not in texts(record)


def test_an_intro_in_its_own_builder_section_is_kept():
    sections = (f"<div class='sec s1'><p>La Fabrique Verte répare ce que d’autres jettent, depuis dix ans.</p></div>"
                f"<div class='sec s2'>{QA}</div>")
    record = parse(f"<h1>{TITLE}</h1><div class='wrap'>{sections}</div>")
    assert record.intro == "La Fabrique Verte répare ce que d’autres jettent, depuis dix ans."


def test_a_post_without_content_class_in_a_layout_named_for_its_sidebar():
    # Bridge: the text loose in "post_text" beside an <h2 class="entry_title">, the columns
    # container named "background_color_sidebar"; the sidebar beside it is still furniture.
    answer = "<p>" + "Nous réparons des objets avec les habitants du quartier, chaque samedi. " * 4 + "</p>"
    record = parse(f"<div class='two_columns_75_25 background_color_sidebar grid2'><div class='column1'>"
                   f"<article class='post-7 post type-post hentry'><div class='post_text'><div class='post_text_inner'>"
                   f"<h2 class='entry_title'><span class='date entry_date'>04 Mar</span> {TITLE}</h2>"
                   f"<div class='post_info'>Posted at 10:00h in <a href='/c/'>Portraits</a></div>"
                   f"<p>Une fabrique de quartier.</p>{QA.replace('</p><p><strong>', '</p>' + answer + '<p><strong>')}"
                   f"</div></div></article></div><div class='column2'><aside class='sidebar'><p><strong>Une question ?"
                   f"</strong></p><p>Écrivez-nous.</p></aside></div></div>")
    assert record.intro == "Une fabrique de quartier."
    assert [q.question for q in record.qa] == ["Pourquoi une fabrique ?", "Avec qui travaillez-vous ?", "Et demain ?"]
    assert record.qa[-1].answer == LAST_ANSWER


@pytest.mark.parametrize("meta", [
    "<p>Publié le 4 mars 2021 par Rédaction</p><p>Temps de lecture : 2 min</p>",
    "<p>Par Jeanne Roux | 4 mars 2021 | Portraits</p>", "<p>Par J. Roux, le 04/03/2021</p>",
    "<p>By Jeanne Roux – March 4, 2021</p>",
])
def test_post_meta_after_the_title_is_not_the_intro(meta):
    record = parse(f"<div><h1>{TITLE}</h1>{meta}{QA}</div>")
    assert record.intro is None


# The post's header in classes nobody knows (a builder's hashed classes): read from its words.
HEADER_IN_NO_KNOWN_CLASS = [
    "<div class='c9f2a'><span>Rédaction</span><span>·</span><span>9 février 2022</span>"
    "<span>3 commentaires</span></div>",
    "<ul class='x1'><li>Par Rédaction</li><li>18 novembre 2021</li><li>0 h 40 min</li></ul>",
    "<div class='k2'>Marion Achard•14/04/2023•Lecture : 4 min</div>",
    "<div class='q7'>Publié à 09:00h<br>dans Portraits<br>par Rédaction<br>2 commentaires</div><div class='q8'>3</div>",
    "<div class='a1'><a href='/'>Accueil</a>/<a href='/portraits/'>Portraits</a>/" + TITLE + "</div>",
    "<div class='n4'>dans Mobilités</div><div class='n5'>1.2k</div><div class='n6'>VUES</div>"
    "<div class='n7'><a href='#'>Partager</a><a href='#'>Tweeter</a></div>",
    "<p class='z0'>—</p><p class='z1'>Rédaction</p><p class='z2'>17/07/2023</p>",
    "<div><span>Marion Achard</span></div><div><span>il y a 2 ans</span></div>",
    "<div>2 commentaires / Interviews / Par Camille Rocher / 8 février 2022 10 février 2022</div>",
    "<div>ParThomas Ravel11 juillet 202312 juillet 2023</div>",
    "<ol><li><a href='/'>Accueil</a></li><li><a href='/interviews/'>Interviews</a></li></ol>",
    "<h3>Partager cet article :</h3>",
    "<ul><li>2 commentaires sur " + TITLE + "</li></ul>",
    # a translation plugin's switcher
    "<p>Cet article est aussi disponible en :</p><ul><li><a href='/en/x/'>English</a></li></ul>",
    "<div class='q3'><span>This post is also available in:</span> <a href='/fr/x/'>Français</a></div>",
]


@pytest.mark.parametrize("header", HEADER_IN_NO_KNOWN_CLASS)
def test_the_posts_header_in_unknown_classes_is_not_the_intro(header):
    record = parse(f"<div><h1>{TITLE}</h1>{header}<p>Une fabrique de quartier, ouverte en 2012.</p>{QA}</div>")
    assert record.intro == "Une fabrique de quartier, ouverte en 2012."


@pytest.mark.parametrize("subtitle, header", [
    ("<h2 class='s7'>Une fabrique qui répare les objets du quartier.</h2>",
     "<div class='m2'><span>Rédaction</span> <span>9 février 2022</span></div>"),
    # a block theme's excerpt, then its date, byline and terms blocks
    ("<div class='e3'><p class='e4'>Une fabrique qui répare les objets du quartier.</p></div>",
     "<div class='d1'><time>9 février 2022</time></div><p>— par</p><div class='a1'><a href='/author/r/'>Rédaction"
     "</a></div><div class='t1'><a href='/category/3-questions/'>3 questions</a></div>"),
])
def test_a_subtitle_between_the_title_and_the_date_line_is_not_the_intro(subtitle, header):
    record = parse(f"<div><h1>{TITLE}</h1>{subtitle}{header}<p>Une fabrique de quartier, ouverte en 2012.</p>{QA}</div>")
    assert record.intro == "Une fabrique de quartier, ouverte en 2012."


def test_an_intro_before_a_date_line_that_ends_the_intro_stays():
    header = "<div class='m2'><span>Rédaction</span> <span>9 février 2022</span></div>"
    record = parse(f"<div><h1>{TITLE}</h1><p>Une fabrique de quartier, ouverte en 2012.</p>{header}{QA}</div>")
    assert record.intro == "Une fabrique de quartier, ouverte en 2012."


@pytest.mark.parametrize("intro", [
    "Une fabrique de quartier.\n\nSes chiffres\n\n12 salariés, 300 adhérents",  # a facts box says no meta
    "Rencontre à l’atelier.\n\nPar un matin de mars, la Fabrique ouvre ses portes.",
])
def test_short_lines_of_the_intro_that_say_no_meta_stay(intro):
    body = "".join(f"<p>{part}</p>" for part in intro.split("\n\n"))
    record = parse(f"<div><h1>{TITLE}</h1>{body}{QA}</div>")
    assert record.intro == intro


@pytest.mark.parametrize("after", [
    "<p class='m1'>Cette entrée a été publiée dans Portraits. Mettez-la en favori avec son "
    "<a href='/p/'>permalien</a>.</p>",
    "<p>This entry was posted in Portraits. Bookmark the permalink.</p>",
    "<p>Étiqueté réemploi, quartier</p>",
    "<ul><li><a href='/s'>Facebook<span>S’ouvre dans une nouvelle fenêtre</span></a></li><li><a href='/l'>LinkedIn</a>"
    "</li></ul>",
    "<p><a href='/s'>Partager 0</a></p>",
    "<div role='button' tabindex='0' aria-label='Partager sur linkedin'><span>LinkedIn</span></div>",
    "<div class='g5'><h3>Vous êtes une association ?</h3><p>Demandez un ordinateur sur notre site.</p>"
    "<p><a href='/demande/'>Faire une demande</a></p></div>",
    "<div class='g6'><p><strong>Votre structure veut se lancer ?</strong></p><p>Rejoignez le prochain atelier.</p></div>",
    "<span class='h3'>http://127.0.0.1:8765/wp-content/uploads/une.jpg10001500Rédaction2021-03-04T09:00:00</span>",
    "<ul><li><a href='/a/'>#3 questions à Paul Roy, Gérant de Cime</a>28/05/2022</li><li>Un portrait de la rédaction…"
    "</li><li><a href='/b/'>#ESS 2024 – Étape à Lille</a>20/05/2022</li><li>Un article de la rédaction…</li></ul>",
    "<div class='t5'><a href='/tag/reemploi/'>réemploi</a><a href='/tag/quartier/'>quartier</a></div>",
    "<p><a href='/?cat=4'>Portraits</a>, <a href='/?tag=atelier'>atelier</a></p>",
    "<ol class='f2'><li id='f1'>Au 12 rue Haute. <a href='#f1-link'>↩︎</a></li></ol>",
    "<p class='s1'>12 Partages</p>", "<ul><li>Tags</li></ul>",
    "<div class='b2'><p>Rédaction ESS 2024</p><p>La rédaction suit les acteurs de l’ESS depuis 2019.</p></div>",
    "<p>Pourquoi réparer plutôt que jeter ? Une bénévole de la rue Haute nous répond…</p>"
    "<p>Plus de deux cents acheteurs publics se sont retrouvés à Lille pour…</p>",
    "<h2>2 réflexions sur « " + TITLE + " »</h2><ol><li><p>Paul</p><p>Bravo ! Et le samedi ?</p></li></ol>",
    "<h2>3 thoughts on “" + TITLE + "”</h2><p>Great work.</p>",
    "<div><a href='/avant/'>← #3 questions à Paul Roy, Gérant de Cime</a></div>",
    "<div><p>Jeanne écrit sur l’ESS depuis 2015.</p><p><a href='/author/jeanne/'>Voir tous les articles de Jeanne"
    "</a></p></div>",
    "<p><strong>Les plus lus</strong></p><ol><li><a href='/x/'>Un autre portrait</a></li></ol>",
    "<p>Catégorisé comme 3 questions Étiqueté Achats, RSE</p>", "<p>Classé sous : 3 questions à… Étiquettes : insertion</p>",
    "<p>Étiquetté : Vie associative</p>", "<p>Catégories <a href='/x/emploi/'>Emploi</a></p>",
    "<div><h3>Une question sur le programme ?</h3><form><input name='q'></form></div>", "<p>Mots-clés<a href='/t/c/'>collectivités</a></p>",
    "<p>Étiquettes de l’article :</p><p>#Énergie #Seine-Saint-Denis</p>",
    "<p><a href='/2021/03/10/y/'>3 questions à Paul Roy, Gérant de Cime</a></p>",
    "<div class='p9'>Pages : <span>1</span> <a href='/2021/03/04/x/2/'>2</a></div>",
    "<p>Rédaction</p>", "<div class='k4'><span>48</span></div>", "<ul><li>Étiquettes<a href='/t/habitat/'>habitat</a>, <a href='/t/jeux/'>jeux</a></li></ul>",
    "<div class='q5'><span><span>Étiqueté</span><a href='/t/ess/'>ESS</a> <a href='/t/habitat/'>habitat</a></span></div>",
    # A sharing bar's buttons run together, a byline's words left alone, author boxes by their words or link.
    "<div class='s7'><span>Partager</span><a href='/f'>Facebook</a><a href='/x'>X</a><a href='/l'>LinkedIn</a>"
    "<a href='/m'>E-mail</a></div>",
    "<p>Facebook Twitter WhatsApp</p>",
    "<div class='m2'><p>Posted</p><p>in</p><p><a href='/c/p/'>Portraits</a></p><p>by</p></div>",
    "<div class='a3'><p><a href='/author/claire-dumas/'>Claire Dumas</a></p><p>Journaliste, elle suit les coopératives "
    "depuis 2015.</p></div>",
    "<div class='a4'><p>Rédigé par</p><p>Samuel Ogier</p><p>Journaliste indépendant depuis 2019.</p></div>",
    "<div class='a5'><p>À propos de Rédaction128 Articles</p><p>La rédaction suit les initiatives solidaires.</p></div>",
    "<div class='a6'><p>Rédaction – À propos de l’auteur : nous interrogeons chaque mois une structure.</p></div>",
])
def test_what_themes_print_under_a_post_in_unknown_classes_is_not_the_last_answer(after):
    record = parse(f"<article><h1>{TITLE}</h1><div class='c3'>{QA}{after}</div></article>")
    assert record.qa[-1].answer == LAST_ANSWER and record.outro is None


def test_questions_bold_by_their_style_as_pasted_from_a_word_processor():
    pasted = QA.replace("<strong>", "<span style='font-weight: 700;'>").replace("</strong>", "</span>")
    body = f"<b style='font-weight:normal;' id='docs-internal-guid-5c1f'>{pasted}</b>"
    record = parse(f"<article><h1>{TITLE}</h1><div class='c3'>{body}</div></article>")
    assert [q.question for q in record.qa] == ["Pourquoi une fabrique ?", "Avec qui travaillez-vous ?", "Et demain ?"]
    assert record.qa[-1].answer == LAST_ANSWER
    assert "<b>" not in record.qa[0].answer_html and "<strong>" not in record.qa[0].answer_html  # not bold


@pytest.mark.parametrize("block", [
    "<div class='cb7' style='margin: 8px auto; text-align: center;'><span>Publicité</span><ins class='z'></ins></div>",
    "<div class='x2'><p>Advertisement</p></div>",
    "<div class='t1'><p>Table des matières</p><ul><li><a href='#q1'>Pourquoi une fabrique ?</a></li>"
    "<li><a href='#q2'>Avec qui travaillez-vous ?</a></li></ul></div>",
])
def test_an_ad_or_a_table_of_contents_in_unknown_classes_is_no_answer(block):
    body = QA.replace("<p><strong>Avec qui", block + "<p><strong>Avec qui") if "Table" not in block else block + QA
    record = parse(f"<article><h1>{TITLE}</h1><div class='c3'>{body}</div></article>")
    assert [q.question for q in record.qa] == ["Pourquoi une fabrique ?", "Avec qui travaillez-vous ?", "Et demain ?"]
    assert record.qa[0].answer == "Parce que nous réparons des objets depuis dix ans." and record.intro is None


def test_a_post_split_over_pages_is_kept_with_a_warning_saying_so():
    links = "<div class='page-links'>Pages : <span>1</span> <a href='/2021/03/04/x/2/'>2</a></div>"
    record = parse(f"<article><h1>{TITLE}</h1><div class='entry-content'>{QA}{links}</div></article>")
    assert record.qa[-1].answer == LAST_ANSWER
    assert any(w.startswith("split post:") for w in record.warnings)
    assert not any(w.startswith("split post:") for w in parse(f"<article><h1>{TITLE}</h1>{QA}</article>").warnings)


LEAD_QA = ("<p><strong>Votre parcours en une phrase</strong><br>Menuisière, puis fondatrice de la Fabrique.</p>"
           "<p><strong>Pourquoi une fabrique ?</strong><br>Parce que nous réparons des objets depuis dix ans.</p>"
           "<p><strong>Et demain ?</strong><br>Un second atelier ouvrira au printemps.</p>")


def test_a_bold_first_line_without_a_question_mark_among_lead_questions_is_a_question():
    record = parse(f"<article><h1>{TITLE}</h1><div class='entry-content'>{LEAD_QA}</div></article>")
    assert [(q.question, q.answer) for q in record.qa] == [
        ("Votre parcours en une phrase", "Menuisière, puis fondatrice de la Fabrique."),
        ("Pourquoi une fabrique ?", "Parce que nous réparons des objets depuis dix ans."),
        ("Et demain ?", "Un second atelier ouvrira au printemps.")]


def test_a_bold_first_line_in_an_answer_stays_there_when_no_question_is_so_written():
    body = QA.replace("<p>Un second atelier ouvrira au printemps.</p>",
                      "<p><strong>Notre conseil</strong><br>Un second atelier ouvrira au printemps.</p>")
    record = parse(f"<article><h1>{TITLE}</h1><div class='entry-content'>{body}</div></article>")
    assert len(record.qa) == 3 and record.qa[-1].answer == "Notre conseil\nUn second atelier ouvrira au printemps."


def test_a_fourth_question_answered_with_a_call_to_join_is_an_answer_when_the_interviewer_asks_it():
    body = QA + "<p><strong>Comment vous aider ?</strong></p><p>Rejoignez-nous le samedi matin, à l’atelier.</p>"
    record = parse(f"<article><h1>{TITLE}</h1><div class='entry-content'>{body}</div></article>")
    assert [q.question for q in record.qa][-1] == "Comment vous aider ?"
    assert record.qa[-1].answer == "Rejoignez-nous le samedi matin, à l’atelier."


def test_a_dialogue_in_dashes_leaves_the_dash_of_each_reply():
    body = ("<p>— Pourquoi une fabrique ?</p><p>— Parce que nous réparons des objets depuis dix ans.</p>"
            "<p>— Avec qui travaillez-vous ?</p><p>— Avec les écoles du quartier.</p><p>Et deux ressourceries.</p>"
            "<p>— Et demain ?</p><p>— Un second atelier ouvrira au printemps.</p>")
    record = parse(f"<article><h1>{TITLE}</h1><div class='entry-content'>{body}</div></article>")
    assert [(q.question, q.answer) for q in record.qa] == [
        ("Pourquoi une fabrique ?", "Parce que nous réparons des objets depuis dix ans."),
        ("Avec qui travaillez-vous ?", "Avec les écoles du quartier.\n\nEt deux ressourceries."),
        ("Et demain ?", LAST_ANSWER)]


def test_a_question_and_answer_table_with_paragraphs_in_its_cells_leaves_its_header_row():
    rows = "".join(f"<tr><td><p><strong>{q}</strong></p></td><td><p>{a}</p></td></tr>" for q, a in (
        ("Pourquoi une fabrique ?", "Parce que nous réparons."), ("Et demain ?", "Un second atelier.")))
    table = f"<figure class='wp-block-table'><table><thead><tr><th>Question</th><th>Réponse</th></tr></thead>" \
            f"<tbody>{rows}</tbody></table></figure>"
    record = parse(f"<article><h1>{TITLE}</h1><div class='entry-content'><p>Une fabrique de quartier.</p>{table}"
                   "</div></article>")
    assert record.intro == "Une fabrique de quartier." and len(record.qa) == 2


def test_a_facts_box_beside_the_intro_is_not_the_intro():
    box = "<div class='encadre'><p><strong>En bref</strong></p><ul><li>Création : 2019</li><li>Bénévoles : 65</li></ul></div>"
    record = parse(f"<article><h1>{TITLE}</h1><div class='entry-content'><p>Une fabrique de quartier.</p>{box}{QA}"
                   "</div></article>")
    assert record.intro == "Une fabrique de quartier." and record.qa[0].question == "Pourquoi une fabrique ?"


def test_a_quote_in_an_answer_keeps_its_cite_as_its_last_line():
    quote = "<blockquote class='wp-block-quote'><p>Réparer, c’est résister.</p><cite>— Jeanne, bénévole</cite></blockquote>"
    body = QA.replace("dix ans.</p>", "dix ans.</p>" + quote)
    record = parse(f"<article><h1>{TITLE}</h1><div class='entry-content'>{body}</div></article>")
    assert record.qa[0].answer == ("Parce que nous réparons des objets depuis dix ans.\n\n"
                                   "Réparer, c’est résister.\n— Jeanne, bénévole")


def test_a_table_in_a_figure_of_unknown_class_is_read_as_rows():
    table = "<figure class='x9'><table><tr><td>Année</td><td>Objets</td></tr><tr><td>2020</td><td>1 200</td></tr>" \
            "</table><figcaption>Nos chiffres</figcaption></figure>"
    record = parse(f"<article><h1>{TITLE}</h1><div class='c3'>{QA.replace('dix ans.</p>', 'dix ans.</p>' + table)}"
                   "</div></article>")
    assert record.qa[0].answer == "Parce que nous réparons des objets depuis dix ans.\n\nAnnée | Objets\n2020 | 1 200"


def test_the_title_repeated_above_the_article_is_not_the_intro():
    record = parse(f"<div><h1>{TITLE}</h1><div class='h4'><p>#{TITLE}</p></div><p>Une fabrique de quartier.</p>{QA}</div>")
    assert record.intro == "Une fabrique de quartier."


def test_a_caption_closed_by_its_credit_in_no_caption_markup_is_the_pictures():
    body = QA.replace("<p>Un second", "<p><img src='/atelier.jpg' alt=''></p><p>L’atelier de la rue Haute © "
                      "La Fabrique Verte</p><p>Un second")
    record = parse(f"<article><h1>{TITLE}</h1><div class='c3'>{body}</div></article>")
    assert record.qa[-1].answer == LAST_ANSWER
    assert [i.caption for i in record.images] == ["L’atelier de la rue Haute © La Fabrique Verte"]


def test_a_sentence_opening_with_par_and_a_name_is_intro():
    record = parse(f"<div><h1>{TITLE}</h1><p>Par Léa Morin, la Fabrique a gagné son pari en 2019.</p>{QA}</div>")
    assert record.intro == "Par Léa Morin, la Fabrique a gagné son pari en 2019."


def test_who_asked_at_the_top_is_the_credit_line_not_the_intro():
    credit = "<p><em>Propos recueillis par Jeanne Roux</em></p>"
    record = parse(f"<div><h1>{TITLE}</h1><p>La Fabrique répare.</p>{credit}{QA}</div>")
    assert (record.intro, record.outro) == ("La Fabrique répare.", "Propos recueillis par Jeanne Roux")


# --- the outro ------------------------------------------------------------------------
OUTROS = [
    ("the series' note, no rule", f"{QA}<p><em>Cet entretien fait partie de notre série sur le réemploi.</em></p>",
     "Cet entretien fait partie de notre série sur le réemploi.", LAST_ANSWER),
    ("a pointer to the other interviews", f"{QA}<p>Retrouvez tous nos entretiens dans la rubrique Portraits.</p>",
     "Retrouvez tous nos entretiens dans la rubrique Portraits.", LAST_ANSWER),
    ("the interviewee's networks", f"{QA}<p>Suivre Léa : <a href='https://li.example/lea'>LinkedIn</a> | "
     "<a href='https://ig.example/lea'>Instagram</a></p>", "Suivre Léa : LinkedIn | Instagram", LAST_ANSWER),
    ("rule then a note", f"{QA}<hr><p><em>Plus d’infos sur le site de la Fabrique.</em></p>",
     "Plus d’infos sur le site de la Fabrique.", LAST_ANSWER),
    ("block separator then plain text", f"{QA}<hr class='wp-block-separator'><p>Merci à Léa Morin.</p>",
     "Merci à Léa Morin.", LAST_ANSWER),
    ("builder divider", f"{QA}<div class='elementor-divider'><span class='x'></span></div><p>Fin.</p>",
     "Fin.", LAST_ANSWER),
    ("credit line without rule", f"{QA}<p>Propos recueillis par Samir Haddad</p>",
     "Propos recueillis par Samir Haddad", LAST_ANSWER),
    ("interview line", f"{QA}<p>Entretien réalisé par Anne Roy, mars 2021.</p>",
     "Entretien réalisé par Anne Roy, mars 2021.", LAST_ANSWER),
    ("rules between the questions", QA.replace("<p><strong>Avec", "<hr><p><strong>Avec")
     .replace("<p><strong>Et demain", "<hr><p><strong>Et demain"), None, LAST_ANSWER),
    ("rule inside an earlier answer", QA.replace("ans.</p>", "ans.</p><hr><p>Et nous formons aussi.</p>"),
     None, LAST_ANSWER),
    ("long text after a rule is still the answer", QA + "<hr>" + "<p>Nous continuons longtemps.</p>" * 5,
     None, None),
    ("the editor's thanks, no rule", f"{QA}<p><em>Merci à Léa Morin d’avoir répondu à nos questions.</em></p>",
     "Merci à Léa Morin d’avoir répondu à nos questions.", LAST_ANSWER),
    ("the editor thanks for the time given", f"{QA}<p>Merci à toute l’équipe pour sa disponibilité.</p>",
     "Merci à toute l’équipe pour sa disponibilité.", LAST_ANSWER),
    ("a site's copyright line is no credit", f"{QA}<p>© 2024 Le Site – Tous droits réservés</p>", None, LAST_ANSWER),
    ("we thank, no rule", f"{QA}<p>Nous remercions Léa Morin pour ses réponses.</p>",
     "Nous remercions Léa Morin pour ses réponses.", LAST_ANSWER),
    ("the editor's pointers and their links", f"{QA}<p>Pour aller plus loin :</p><ul><li><a href='/r/'>Le rapport 2020"
     "</a></li><li><a href='/d/'>Notre dossier</a></li></ul>",
     "Pour aller plus loin :\n\n- Le rapport 2020\n- Notre dossier", LAST_ANSWER),
    ("a closing photo credit", f"{QA}<p>Crédit photo : Studio Rivage</p>", "Crédit photo : Studio Rivage", LAST_ANSWER),
    ("the editor's update note", f"{QA}<p><em>Article mis à jour le 12 mars 2024 : le second atelier est ouvert.</em></p>",
     "Article mis à jour le 12 mars 2024 : le second atelier est ouvert.", LAST_ANSWER),
    ("where the interview comes from", f"{QA}<p><em>Cet entretien a été réalisé dans le cadre du Mois de l’ESS.</em></p>",
     "Cet entretien a été réalisé dans le cadre du Mois de l’ESS.", LAST_ANSWER),
    ("who asked, after a label", f"{QA}<p style='text-align:right'><em>Interview : Anne Roy</em></p>",
     "Interview : Anne Roy", LAST_ANSWER),
    ("the editor's initials", f"{QA}<p>A. R.</p>", "A. R.", LAST_ANSWER),
    ("where to meet the interviewee", f"{QA}<p>Retrouvez Léa Morin au Forum de l’ESS le 12 mars.</p>",
     "Retrouvez Léa Morin au Forum de l’ESS le 12 mars.", LAST_ANSWER),
    ("the organisation's site", f"{QA}<p>Le site de la Fabrique : <a href='https://f.example'>f.example</a></p>",
     "Le site de la Fabrique : f.example", LAST_ANSWER),
    ("a contact line", f"{QA}<p><strong>Contact :</strong> bonjour@f.example</p>",
     "Contact : bonjour@f.example", LAST_ANSWER),
    ("the interviewee's own 'retrouvez-nous' is the answer", f"{QA}<p>Retrouvez-nous chaque samedi à l’atelier.</p>",
     None, LAST_ANSWER + "\n\nRetrouvez-nous chaque samedi à l’atelier."),
    ("where the text was first published", f"{QA}<p>Source : La Lettre des Fabriques, n°42</p>",
     "Source : La Lettre des Fabriques, n°42", LAST_ANSWER),
    ("a footnotes list is not the last answer", QA.replace("printemps.", "printemps<sup data-fn='f1' class='fn'>"
     "<a href='#f1' id='f1-link'>1</a></sup>.") + "<ol class='wp-block-footnotes'><li id='f1'>Au 12 rue Haute."
     " <a href='#f1-link'>↩︎</a></li></ol>", None, LAST_ANSWER),
]


# --- cross-links between the answers: never the interviewee's words ---------------------
LONG_ANSWER = "<p>" + "Nous réparons des objets avec les habitants du quartier, chaque samedi. " * 6 + "</p>"
CROSS_LINKS = {
    "inline": "<p>Lire aussi : <a href='/autre/'>#3 questions à Paul Roy, Gérant de Cime</a></p>",
    "bold label": "<p><strong>À lire également :</strong> <a href='/autre/'>Le réemploi en chiffres</a></p>",
    "a title over links": "<h3>À lire aussi</h3><ul><li><a href='/a/'>Un portrait</a></li>"
                          "<li><a href='/b/'>Un autre portrait</a></li></ul>",
    "see also": "<p>Voir aussi : <a href='/c/'>notre dossier sur les recycleries</a></p>",
}


@pytest.mark.parametrize("name", CROSS_LINKS)
def test_a_cross_link_between_answers_is_dropped_and_the_interview_goes_on(name):
    body = QA.replace("ans.</p>", "ans.</p>" + LONG_ANSWER + CROSS_LINKS[name])
    record = parse(f"<article><h1>{TITLE}</h1><div class='entry-content'>{body}</div></article>")
    assert [q.question for q in record.qa] == ["Pourquoi une fabrique ?", "Avec qui travaillez-vous ?", "Et demain ?"]
    assert "aussi" not in record.qa[0].answer.lower() and "portrait" not in texts(record)
    assert record.qa[-1].answer == LAST_ANSWER


def test_a_title_over_related_teasers_after_the_last_answer_ends_the_interview():
    teasers = ("<h3>À lire aussi</h3><div><img src='/t.jpg' alt=''><p>14 mars 2023</p>"
               "<p>Pourquoi réparer plutôt que jeter ? Une bénévole nous répond.</p></div>")
    record = parse(f"<article><h1>{TITLE}</h1><div class='entry-content'>{QA}{teasers}</div></article>")
    assert record.qa[-1].answer == LAST_ANSWER and record.outro is None


SPEAKERS = [("Léa Morin. ", True), ("L. M. ", True), ("L.M. ", True), ("Léa. ", False), ("Paul Roy. ", False)]


@pytest.mark.parametrize("label, stripped", SPEAKERS)
def test_a_speaker_label_closed_by_a_period(label, stripped):
    body = QA.replace("<p>Parce que", f"<p>{label}Parce que")
    record = parse(f"<article><h1>{TITLE}</h1><div class='entry-content'>{body}</div></article>")
    assert record.qa[0].answer.startswith("Parce que") == stripped


@pytest.mark.parametrize("name, body, outro, last", OUTROS, ids=[o[0] for o in OUTROS])
def test_outro(name, body, outro, last):
    record = parse(f"<article><h1>{TITLE}</h1><div class='entry-content'>{body}</div></article>")
    assert record.outro == outro
    assert len(record.qa) == 3
    if last:
        assert record.qa[-1].answer == last
    if name == "rule inside an earlier answer":
        assert record.qa[0].answer.endswith("Et nous formons aussi.")


# --- the post's own dates ----------------------------------------------------------------
def ld(graph: list[dict]) -> str:
    return f"<script type='application/ld+json'>{json.dumps({'@context': 'https://schema.org', '@graph': graph})}</script>"


DATES = [
    ("French <time> text", "", "<time>4 mars 2021</time>", "2021-03-04"),
    ("Twenty Ten's Posted on", "", "<span class='entry-date'>March 4, 2021</span>", "2021-03-04"),
    ("numeric <time> text", "", "<time class='entry-date published'>04/03/2021</time>", "2021-03-04"),
    ("Yoast WebPage-only graph", ld([{"@type": "WebPage", "datePublished": "2021-03-04T09:00:00+01:00"}]), "",
     "2021-03-04"),
    ("Rank Math NewsArticle", ld([{"@type": ["NewsArticle"], "datePublished": "2021-03-04T09:00:00+01:00"}]), "",
     "2021-03-04"),
    ("OpenGraph", "<meta property='article:published_time' content='2021-03-04T09:00:00+01:00'>", "", "2021-03-04"),
    ("UTC stamp past midnight, local time on the page",
     "<meta property='article:published_time' content='2021-03-03T23:30:00+00:00'>",
     "<time datetime='2021-03-05T10:00:00+01:00' class='x'>5 mars</time>", "2021-03-04"),
    ("a theme's meta line, its date only printed (not the URL's day)", "",
     "<div class='entry-meta'>Par Léa Morin · Publié le 2 mars 2021 · 3 commentaires</div>", "2021-03-02"),
    ("a magazine theme's meta date", "", "<div class='jeg_meta_date'><a href='#'>2 mars 2021</a></div>", "2021-03-02"),
    ("the block theme's date block, its update beside it", "",
     "<div class='wp-block-post-date'><time datetime='2021-03-02T09:00:00+01:00'>2 mars 2021</time></div>"
     "<div class='wp-block-post-date__modified-date wp-block-post-date'><time datetime='2021-03-09T10:00:00+01:00'>"
     "Mis à jour le 9 mars 2021</time></div>", "2021-03-02"),
]


def test_the_date_in_the_url_comes_last():
    assert parse(f"<article><h1>{TITLE}</h1><div class='entry-content'>{QA}</div></article>").published == "2021-03-04"


def test_a_date_line_in_words_in_any_markup_dates_the_post():
    record = parse(f"<h1>{TITLE}</h1><div class='brz-posts-meta'>Publié le 2 mars 2021 par <a href='/a/'>Léa</a> · "
                   f"Mis à jour le 5 mars 2021</div><div class='entry-content'>{QA}</div>")
    assert (record.published[:10], record.modified[:10]) == ("2021-03-02", "2021-03-05")


def test_a_meta_line_of_spans_dates_the_post_and_its_update_beside_foreign_times():
    related = "<div class='related-posts'><article><time>2 janvier 2020</time></article></div>"
    record = parse(f"<header class='entry-header'><h1>{TITLE}</h1><div class='entry-meta'><span class='posted-on'>"
                   f"Publié le lundi 1 mars 2021</span><span class='updated-label'>Mis à jour le 5 mars 2021</span>"
                   f"</div></header><div class='entry-content'>{QA}</div>{related}")
    assert (record.published[:10], record.modified[:10]) == ("2021-03-01", "2021-03-05")


def test_a_date_line_at_the_top_of_the_content_dates_the_post():
    record = parse(f"<article><h1>{TITLE}</h1><div class='entry-content'><p>Publié le 2 mars 2021 par Léa</p>"
                   f"{QA}</div></article>")
    assert record.published[:10] == "2021-03-02" and record.intro is None


def test_an_update_line_in_the_content_dates_the_update_beside_the_seo_dates():
    head = "<meta property='article:published_time' content='2021-03-02T09:00:00+01:00'>"
    record = parse(f"<article><h1>{TITLE}</h1><div class='c1'><p><em>Article mis à jour le 9 mars 2021</em></p>"
                   f"<p>Une fabrique de quartier, ouverte en 2012.</p>{QA}</div></article>", head)
    assert (record.published[:10], record.modified[:10]) == ("2021-03-02", "2021-03-09")
    assert record.intro == "Une fabrique de quartier, ouverte en 2012."


@pytest.mark.parametrize("name, head, markup, published", DATES, ids=[d[0] for d in DATES])
def test_the_post_date(name, head, markup, published):
    body = page(f"<article><h1>{TITLE}</h1><div class='meta'>{markup}</div><div class='entry-content'>{QA}</div>"
                "</article>", head)
    record = parse_page(body, "http://127.0.0.1:8765/?p=6021", "text/html; charset=utf-8")  # no date in the URL
    assert (record.published or "")[:10] == published


@pytest.mark.parametrize("byline", [
    "<h4 class='author'>Publié par <a href='/author/r/'>Rédaction</a> le <time class='entry-date published' "
    "datetime='2021-03-02T09:00:00+01:00'>02/03/2021</time></h4>",
    "<div class='author-date'><a href='/author/r/'>Rédaction</a><time itemprop='datePublished' "
    "datetime='2021-03-02T09:00:00+01:00'>02/03/2021</time></div>",
])
def test_the_date_in_a_byline_classed_author_is_the_posts(byline):
    ticker = "<header id='Header'><time datetime='2021-02-20T08:00:00+01:00'>20/02/2021</time></header>"
    record = parse(f"{ticker}<div class='w'><h1>{TITLE}</h1>{byline}<div class='entry-content'>{QA}</div></div>"
                   "<section class='author-box'><h4>Rédaction</h4><p>La rédaction suit l’ESS.</p></section>")
    assert record.published[:10] == "2021-03-02"
    assert "rédaction suit" not in texts(record).lower()  # the author box is no answer


@pytest.mark.parametrize("markup", [
    "<div class='wp-block-post-date__modified-date wp-block-post-date'><time datetime='2021-03-09T10:00:00+01:00'>"
    "9 mars 2021</time></div>",
    "<span class='x'><time datetime='2021-03-09T10:00:00+01:00'>Mis à jour le 9 mars 2021</time></span>",
])
def test_the_update_in_a_date_block_or_said_in_words_is_the_modified_date(markup):
    published = "<div class='wp-block-post-date'><time datetime='2021-03-02T09:00:00+01:00'>2 mars 2021</time></div>"
    record = parse(f"<article><h1>{TITLE}</h1>{published}{markup}<div class='entry-content'>{QA}</div></article>")
    assert (record.published[:10], (record.modified or "")[:10]) == ("2021-03-02", "2021-03-09")


UNDER_THE_TITLE = [("04/03/2021", "2021-03-04"), ("vendredi 5 mars 2021", "2021-03-05"), ("05.03.2021", "2021-03-05"),
                   ("2021-03-05", "2021-03-05"), ("5 mars. 2021", "2021-03-05")]


@pytest.mark.parametrize("line, published", UNDER_THE_TITLE)
def test_a_date_line_in_no_markup_between_the_title_and_the_content_dates_the_post(line, published):
    body = page(f"<article><h1>{TITLE}</h1><p>{line}</p><div class='entry-content'>{QA}</div></article>"
                "<aside><ul><li><a href='/x/'>Autre article</a> 12 janvier 2022</li></ul></aside>")
    record = parse_page(body, "http://127.0.0.1:8765/?p=6021", "text/html; charset=utf-8")
    assert (record.published or "")[:10] == published and record.intro is None
    assert record.printed_date == (published if line[2:3] in ("/", ".") else None)  # dd/mm/yyyy, as printed


FOREIGN_DATES = {
    "related post": "<div class='related-posts'><article><time datetime='2020-01-02T10:00:00+01:00'>2 janvier 2020"
                    "</time></article></div>",
    "comment": "<ol class='comment-list'><li><time datetime='2020-01-02T10:00:00+01:00'>2 janvier</time></li></ol>",
    "sidebar latest posts": "<aside><h3>Derniers articles</h3><time datetime='2020-01-02'>2 janvier 2020</time></aside>",
    "a news ticker in the site header": "<header id='Header'><div class='t7'><a href='/x/'>Un autre article</a>"
                                        "<time datetime='2020-01-02T10:00:00+01:00'>02/01/2020</time></div></header>",
}


@pytest.mark.parametrize("name", FOREIGN_DATES)
def test_a_date_of_another_post_or_a_comment_is_not_the_post_date(name):
    body = (f"{FOREIGN_DATES[name]}<article><h1>{TITLE}</h1><div class='entry-content'>{QA}</div></article>"
            f"{FOREIGN_DATES[name]}")
    assert parse(body).published == "2021-03-04"  # from the URL


# --- inputs that must stay linear (timings are in the report, not asserted) ----------------
def test_a_paragraph_of_thousands_of_line_breaks():
    record = parse(f"<div class='entry-content'>{QA}<p>{'ligne<br>' * 20000}</p><p>{'<br>' * 20000}</p></div>")
    assert len(record.qa) == 3


def test_deep_nesting():
    record = parse(f"<div class='entry-content'>{QA}{'<div>' * 5000}fond{'</div>' * 5000}"
                   f"<p>{'<span>' * 5000}x{'</span>' * 5000}</p></div>")
    assert len(record.qa) == 3


def test_content_nested_deeper_than_libxml2s_default_limit():
    record = parse(f"{'<div>' * 400}<article><h1>{TITLE}</h1><div class='entry-content'>{QA}</div></article>"
                   f"{'</div>' * 400}")
    assert len(record.qa) == 3 and record.qa[-1].answer == LAST_ANSWER


def test_a_rest_fragment_nested_deeper_than_pythons_recursion_limit():
    from crawler.parser import parse_rest_post

    record = parse_rest_post({"id": 7, "link": URL, "title": {"rendered": TITLE}, "date": "2021-03-04T09:00:00",
                              "content": {"rendered": f"{'<div>' * 1500}{QA}{'</div>' * 1500}"}})
    assert isinstance(record, Interview), record
    assert len(record.qa) == 3


def test_a_table_of_figures_is_one_line_a_row():
    table = ("<figure class='wp-block-table'><table><thead><tr><th>Année</th><th>Objets</th></tr></thead><tbody>"
             "<tr><td>2021</td><td><strong>1 200</strong></td></tr><tr><td>2022</td><td>2 500</td></tr></tbody></table>"
             "<figcaption>Objets réparés</figcaption></figure>")
    record = parse(f"<div class='entry-content'>{QA.replace('<p>Un second', table + '<p>Un second')}</div>")
    assert record.qa[-1].answer == "Année | Objets\n2021 | 1 200\n2022 | 2 500\n\n" + LAST_ANSWER


def test_a_table_laying_out_blocks_is_read_as_blocks():
    record = parse(f"<table><tr><td><h1>{TITLE}</h1><div class='entry-content'>{QA}</div></td><td><p>Menu</p></td>"
                   f"</tr></table>")
    assert [q.question for q in record.qa] == ["Pourquoi une fabrique ?", "Avec qui travaillez-vous ?", "Et demain ?"]


def test_huge_attribute_lists():
    attributes = " ".join(f"data-a{i}='{i}'" for i in range(20000))
    classes = " ".join(f"c{i}" for i in range(20000))
    record = parse(f"<div class='{classes}' {attributes}><h1>{TITLE}</h1><div class='entry-content'>{QA}</div></div>")
    assert len(record.qa) == 3


def test_one_huge_text_node():
    record = parse(f"<div class='entry-content'>{QA}<p>{'mot ' * 1_250_000}</p></div>")
    assert len(record.qa) == 3


# --- classes of markup first met in the held-out theme corpus --------------------------
def parse_as(title: str, body: str) -> Interview:
    record = parse_page(page(body, title=title), URL, "text/html; charset=utf-8")
    assert isinstance(record, Interview), record
    return record


BOLD = ("<p><strong>Votre atelier a cinq ans. Qu’est-ce qui a changé ?</strong></p>"
        "<p>Nous sommes passés à douze.</p><p><strong>Qui vous aide ?</strong></p><p>La commune et une fondation.</p>")
GROUP_TITLE = "3 questions aux cogérantes de La Maille Douce : Odile Brun et Farah Lenoir"
HELD_OUT = [
    # a bold question whose "?" ends its first sentence, in the rhythm of the others
    ("bold question, ? inside", TITLE,
     BOLD + "<p><strong>Et la suite ? Un second lieu est à l’étude.</strong></p><p>Oui, en 2022.</p>",
     [("Votre atelier a cinq ans. Qu’est-ce qui a changé ?", "Nous sommes passés à douze."),
      ("Qui vous aide ?", "La commune et une fondation."),
      ("Et la suite ? Un second lieu est à l’étude.", "Oui, en 2022.")]),
    # a bold pull quote inside an answer, not between plain blocks, stays in the answer
    ("bold line after a bold line", TITLE,
     BOLD.replace("<p>La commune", "<p><strong>« Qui ? Tout le monde. »</strong></p><p>La commune"),
     [("Votre atelier a cinq ans. Qu’est-ce qui a changé ?", "Nous sommes passés à douze."),
      ("Qui vous aide ?", "« Qui ? Tout le monde. »\n\nLa commune et une fondation.")]),
    # call-to-action buttons after the last answer are furniture
    ("block button", TITLE, BOLD + "<div class='wp-block-buttons'><div class='wp-block-button'>"
     "<a class='wp-block-button__link' href='/adherer/'>Adhérer</a></div></div>", None),
    ("builder button", TITLE, BOLD + "<div class='elementor-widget-button'><a class='elementor-button-link' "
     "href='/don/'><span>Faire un don</span></a></div>", None),
    ("btn classes", TITLE, BOLD + "<div class='pb-btn-wrap'><a class='btn btn-lg' href='/ecrire/'>Nous écrire</a>"
     "</div>", None),
    ("bare link styled as a button", TITLE, BOLD + "<p><a href='/carte/'>Voir la carte des ateliers</a></p>", None),
    # a decorative number before each question is a marker, not text
    ("number markers in their own blocks", TITLE,
     BOLD.replace("<p><strong>Votre", "<div class='num'>1</div><p><strong>Votre")
     .replace("<p><strong>Qui", "<div class='num'>02.</div><p><strong>Qui"), None),
    # a heading's id is the slug of its text: "comment" or "partage" in it names no furniture
    ("heading anchors that look like furniture", TITLE,
     "<h2 id='comment-partager-les-outils-sans-les-perdre'>Comment partager les outils sans les perdre ?</h2>"
     "<p>Avec une caution de dix euros.</p><h2 id='share-le-reseau-compte-t-il'>Le réseau compte-t-il ?</h2>"
     "<p>Beaucoup : il prête aussi.</p>",
     [("Comment partager les outils sans les perdre ?", "Avec une caution de dix euros."),
      ("Le réseau compte-t-il ?", "Beaucoup : il prête aussi.")]),
    # tables of contents, marked up by a plugin or not, are not the intro
    ("plugin table of contents", TITLE, "<div id='ez-toc-container' class='ez-toc-v2'><p class='ez-toc-title'>"
     "Contenu</p><ul><li><a href='#q1'>Votre atelier a cinq ans ?</a></li></ul></div>" + BOLD, None),
    ("unmarked table of contents", TITLE, "<p>Table des matières</p><ul><li><a href='#a'>Votre atelier</a></li>"
     "<li><a href='#b'>Qui vous aide</a></li></ul>" + BOLD, None),
    # a "button" class on an element holding a question (an FAQ block's toggle) is content
    ("FAQ toggles named buttons", TITLE,
     "<div class='faq-item'><div class='faq-toggle-button'><span>Pourquoi un atelier partagé ?</span></div>"
     "<div class='faq-body'><p>Pour que les outils servent plus souvent.</p></div></div>"
     "<div class='faq-item'><div class='faq-toggle-button'><span>Combien coûte l’adhésion ?</span></div>"
     "<div class='faq-body'><p>Vingt euros par an.</p></div></div>",
     [("Pourquoi un atelier partagé ?", "Pour que les outils servent plus souvent."),
      ("Combien coûte l’adhésion ?", "Vingt euros par an.")]),
    # a page builder's text modules classed "widget" inside the post are its content; a
    # widget of links among them is not
    ("builder text modules classed as widgets", TITLE,
     "".join(f"<div class='pb-module widget widget_editor'><div class='textwidget'>{part}</div></div>"
             for part in BOLD.split("</p><p><strong>Qui")[0:1]) +
     "<div class='pb-module widget widget_editor'><div class='textwidget'><p><strong>Qui"
     + BOLD.split("</p><p><strong>Qui")[1] + "</div></div>"
     "<div class='widget widget_links'><ul><li><a href='/a/'>Un autre portrait ?</a></li></ul></div>", None),
    # a layout container named after its sidebar holds the post; the sidebar beside it does not
    ("layout container named for its sidebar", TITLE,
     "<div class='row content-sidebar'><main>" + BOLD + "</main>"
     "<div class='sidebar'><p><strong>Une question ?</strong></p><p>Écrivez-nous vite.</p></div></div>", None),
    # questions set as quote blocks, numbered or not
    ("numbered questions in quote blocks", TITLE,
     "<blockquote class='wp-block-quote'><p>1. Pourquoi une fabrique ?</p></blockquote><p>Parce que nous réparons.</p>"
     "<blockquote class='wp-block-quote'><p>2. Et demain ?</p></blockquote><p>Un second atelier.</p>",
     [("Pourquoi une fabrique ?", "Parce que nous réparons."), ("Et demain ?", "Un second atelier.")]),
    ("questions in quote blocks", TITLE,
     "<blockquote><p>Pourquoi une fabrique ?</p></blockquote><p>Parce que nous réparons.</p><p>Et vite.</p>"
     "<blockquote><p>Et demain ?</p></blockquote><p>Un second atelier.</p>",
     [("Pourquoi une fabrique ?", "Parce que nous réparons.\n\nEt vite."), ("Et demain ?", "Un second atelier.")]),
    # a numbered list whose items hold the question and then its answer (lists in it one level up)
    ("questions as list items holding their answers", TITLE,
     "<ol><li><strong>Pourquoi une fabrique ?</strong><p>Parce que nous réparons.</p><ul><li>des vélos</li>"
     "<li>des lampes</li></ul></li><li><strong>Et demain ?</strong><p>Un second atelier.</p></li></ol>",
     [("Pourquoi une fabrique ?", "Parce que nous réparons.\n\n- des vélos\n- des lampes"),
      ("Et demain ?", "Un second atelier.")]),
    # a numbered list of questions inside an answer is not the interview's questions
    ("numbered questions listed inside an answer", TITLE,
     BOLD.replace("<p>Nous sommes passés à douze.</p>", "<p>Nous sommes passés à douze.</p><ol><li>Quoi ?</li>"
                  "<li>Pour qui ?</li></ol>"),
     [("Votre atelier a cinq ans. Qu’est-ce qui a changé ?", "Nous sommes passés à douze.\n\n1. Quoi ?\n2. Pour qui ?"),
      ("Qui vous aide ?", "La commune et une fondation.")]),
    # the interviewer's label and the answer's label are the layout's, not the text's
    ("Q : and R : labels", TITLE,
     "<p><strong>Q : Pourquoi une fabrique ?</strong></p><p>R : Parce que nous réparons.</p><p>Et vite.</p>"
     "<p><strong>Q : Et demain ?</strong></p><p>R. Un second atelier.</p>",
     [("Pourquoi une fabrique ?", "Parce que nous réparons.\n\nEt vite."), ("Et demain ?", "Un second atelier.")]),
    ("the interviewer named before numbered questions", TITLE,
     "<p><strong>ESS 2024 :</strong> 1. Pourquoi une fabrique ?</p><p><strong>Léa :</strong> Parce que nous réparons.</p>"
     "<p><strong>ESS 2024 :</strong> 2. Et demain ?</p><p><strong>Léa :</strong> Un second atelier.</p>",
     [("Pourquoi une fabrique ?", "Parce que nous réparons."), ("Et demain ?", "Un second atelier.")]),
    # a bold request without a question mark, in the rhythm of bold questions
    ("a question put as a request", TITLE,
     BOLD + "<p><strong>Racontez-nous votre plus belle réparation.</strong></p><p>Une horloge de 1890.</p>",
     [("Votre atelier a cinq ans. Qu’est-ce qui a changé ?", "Nous sommes passés à douze."),
      ("Qui vous aide ?", "La commune et une fondation."),
      ("Racontez-nous votre plus belle réparation.", "Une horloge de 1890.")]),
    # an accordion's questions written in <button> headers named "…-header"; a real button still goes
    ("accordion questions in buttons", TITLE,
     "<div class='acc'><div class='acc-item'><button class='acc-header'>Votre atelier a cinq ans. Qu’est-ce qui a "
     "changé ?</button><div class='acc-body'><p>Nous sommes passés à douze.</p></div></div><div class='acc-item'>"
     "<button class='acc-header'>Qui vous aide ?</button><div class='acc-body'><p>La commune et une fondation.</p>"
     "</div></div></div><p><button type='button'>Imprimer</button></p>", None),
    # a bold numbered question heading its answer after a <br>, asking or not
    ("bold numbered lines heading their answers", TITLE,
     "<p><b>Question 1 : Votre atelier a cinq ans. Qu’est-ce qui a changé ?</b><br>Nous sommes passés à douze.</p>"
     "<p><b>Question 2 : Qui vous aide ?</b><br>La commune et une fondation.</p>"
     "<p><b>Question 3 : Racontez la suite</b><br>Un second lieu.</p><p>Un plan :<br>1. trouver ;<br>2. signer.</p>",
     [("Votre atelier a cinq ans. Qu’est-ce qui a changé ?", "Nous sommes passés à douze."),
      ("Qui vous aide ?", "La commune et une fondation."), ("Racontez la suite", "Un second lieu.\n\nUn plan :\n1. trouver ;\n2. signer.")]),
    # a bonus question after the numbered ones is the next pair
    ("a bonus question after numbered ones", TITLE,
     "<p><strong>1. Votre atelier a cinq ans. Qu’est-ce qui a changé ?</strong></p><p>Nous sommes passés à douze.</p>"
     "<p><strong>2. Qui vous aide ?</strong></p><p>La commune et une fondation.</p>"
     "<p><strong>3. Et demain ?</strong></p><p>Un second lieu.</p>"
     "<p><strong>Question bonus : votre outil préféré ?</strong></p><p>Le tournevis.</p>",
     [("Votre atelier a cinq ans. Qu’est-ce qui a changé ?", "Nous sommes passés à douze."),
      ("Qui vous aide ?", "La commune et une fondation."), ("Et demain ?", "Un second lieu."),
      ("votre outil préféré ?", "Le tournevis.")]),
    # numbered out of how many
    ("questions numbered 1/3, 2/3, 3/3", TITLE,
     "<p><strong>1/3 – Votre atelier a cinq ans. Qu’est-ce qui a changé ?</strong></p><p>Nous sommes passés à douze.</p>"
     "<p><strong>2/3 – Qui vous aide ?</strong></p><p>La commune et une fondation.</p>",
     [("Votre atelier a cinq ans. Qu’est-ce qui a changé ?", "Nous sommes passés à douze."),
      ("Qui vous aide ?", "La commune et une fondation.")]),
    # div soup: paragraphs split by <br><br>, each headed by its bold question line
    ("div soup questions after double line breaks", TITLE,
     "<div class='texte'><strong>Votre atelier a cinq ans. Qu’est-ce qui a changé ?</strong><br>Nous sommes passés "
     "à douze.<br><br><strong>Qui vous aide ?</strong><br>La commune et une fondation.<br><br><br><br></div>", None),
    # a heading put as a topic among question headings of its level is a question
    ("a topic heading among question headings", TITLE,
     "<h2>Votre atelier a cinq ans. Qu’est-ce qui a changé ?</h2><p>Nous sommes passés à douze.</p>"
     "<h2>Qui vous aide ?</h2><p>La commune et une fondation.</p><h2>Un souvenir marquant</h2><p>La première vis.</p>",
     [("Votre atelier a cinq ans. Qu’est-ce qui a changé ?", "Nous sommes passés à douze."),
      ("Qui vous aide ?", "La commune et une fondation."), ("Un souvenir marquant", "La première vis.")]),
    # a call-to-action box after the last answer (a title, a line, a button) is no question
    ("a call-to-action box", TITLE,
     BOLD + "<div class='wp-block-group has-background'><h3>Vous êtes une structure de l’ESS ?</h3><p>Rejoignez la "
     "plateforme.</p><div class='wp-block-buttons'><div class='wp-block-button'><a class='wp-block-button__link' "
     "href='/i/'>Je m’inscris</a></div></div></div>", None),
    ("a builder's promo module", TITLE,
     BOLD + "<div class='et_pb_module et_pb_promo'><div class='et_pb_promo_description'><h2 class='et_pb_module_header'>"
     "Rejoignez-nous</h2><div><p>Bureaux et salles : découvrez nos formules.</p></div></div></div>", None),
    # the post's tags as hashtags after the last answer
    ("a hashtag line", TITLE, BOLD + "<p>#reemploi #quartier #atelier</p>", None),
    # an accordion's panels titled by disclosure buttons, one title put as a topic
    ("accordion titled by disclosure buttons", TITLE,
     "<div class='acc'><div class='acc-header-wrap'><button type='button' aria-expanded='false'>Votre atelier a cinq "
     "ans. Qu’est-ce qui a changé ?</button></div><div class='acc-panel'><p>Nous sommes passés à douze.</p></div>"
     "<div class='acc-header-wrap'><button type='button' aria-expanded='false'>Qui vous aide ?</button></div>"
     "<div class='acc-panel'><p>La commune et une fondation.</p></div><div class='acc-header-wrap'><button "
     "type='button' aria-expanded='false'>Un mot sur la suite</button></div><div class='acc-panel'><p>Un second lieu."
     "</p></div></div>",
     [("Votre atelier a cinq ans. Qu’est-ce qui a changé ?", "Nous sommes passés à douze."),
      ("Qui vous aide ?", "La commune et une fondation."), ("Un mot sur la suite", "Un second lieu.")]),
    # a pull quote echoing the answer is layout (dropped with its attribution); one that
    # says something new is a quote of the answer
    ("a pull quote echoing the answer", TITLE,
     BOLD.replace("<p>La commune", "<figure class='wp-block-pullquote'><blockquote><p>« Nous sommes passés à douze »"
                  "</p><cite>Léa Morin</cite></blockquote></figure><p>La commune"), None),
    ("a pull quote saying something new", TITLE,
     BOLD.replace("<p>La commune", "<figure class='wp-block-pullquote'><blockquote><p>Réparer, c’est résister.</p>"
                  "<cite>un adhérent</cite></blockquote></figure><p>La commune"),
     [("Votre atelier a cinq ans. Qu’est-ce qui a changé ?", "Nous sommes passés à douze."),
      ("Qui vous aide ?", "Réparer, c’est résister.\n\nun adhérent\n\nLa commune et une fondation.")]),
    # every member of a group is a speaker label, by full name or initials
    ("group speaker labels", GROUP_TITLE,
     "<p><strong>Pourquoi la laine ?</strong></p><p>Odile Brun : Parce qu’elle se répare.</p>"
     "<p><strong>Et ensuite ?</strong></p><p>F.L. : Une boutique en ligne.</p>",
     [("Pourquoi la laine ?", "Parce qu’elle se répare."), ("Et ensuite ?", "Une boutique en ligne.")]),
]


def test_a_section_label_and_a_cover_tagline_are_not_the_intro_a_cover_sentence_is():
    record = parse_as(TITLE, "<article><h1>t</h1><div class='entry-content'><h2>La Fabrique en bref</h2>"
                             "<div class='wp-block-cover'><div class='wp-block-cover__inner-container'><p>12 bénévoles, "
                             "300 objets</p></div></div><div class='wp-block-cover'><p>La Fabrique répare des objets "
                             "depuis 2015.</p></div>" + BOLD + "</div></article>")
    assert record.intro == "La Fabrique répare des objets depuis 2015."
    assert len(record.qa) == 2


def test_a_content_wrapper_classed_share_still_holds_the_post():
    # Hueman: <div class="entry themeform share"> when sharing is on
    answer = "<p>" + "Nous réparons des objets avec les habitants du quartier, chaque samedi. " * 5 + "</p>"
    record = parse(f"<article class='post hentry'><h1>{TITLE}</h1><div class='entry themeform share'>"
                   f"<div class='entry-inner'>{QA.replace('</p><p><strong>', '</p>' + answer + '<p><strong>')}</div>"
                   f"</div><div class='sharrre-container share'><span>Partager</span></div></article>")
    assert [q.question for q in record.qa] == ["Pourquoi une fabrique ?", "Avec qui travaillez-vous ?", "Et demain ?"]


# An SEO plugin's title template left at the site's name: <title>, og:title and the headline
# say "Le Site"; the post's heading says which post it is.
SITE_NAME_ONLY = [
    ("a logo in an <h1> linking home", "<meta property='og:site_name' content='Le Site'>",
     f"<header><h1><a href='http://127.0.0.1:8765/'>Le Site</a></h1></header><div class='w'><h1>{TITLE}</h1>"),
    ("a page <h1> only, the site named by its home link", "",
     f"<div class='top'><a href='/'>Le Site</a></div><div class='w'><h1>{TITLE}</h1>"),
    ("a title bar's section heading before the post's", "<meta property='og:site_name' content='Le Site'>",
     f"<div class='bar'><h1 class='entry-title'>Actualités</h1></div><article><h1 class='entry-title'>{TITLE}</h1>"),
]


@pytest.mark.parametrize("name, head, top", SITE_NAME_ONLY, ids=[c[0] for c in SITE_NAME_ONLY])
def test_document_titles_that_are_the_sites_name_leave_the_posts_heading(name, head, top):
    head += ld([{"@type": "Article", "headline": "Le Site"}]) + "<meta property='og:title' content='Le Site'>"
    closing = "</article>" if "<article>" in top else "</div>"
    record = parse_page(page(f"{top}<div class='entry-content'>{QA}</div>{closing}", head, "Le Site", ""), URL,
                        "text/html; charset=utf-8")
    assert isinstance(record, Interview), record
    assert record.title == TITLE and record.interviewee == "Léa Morin"


def test_a_headline_carrying_the_site_name_yields_to_og_title():
    head = (ld([{"@type": "Article", "headline": f"{TITLE} - Le Site"}]) + f"<meta property='og:title' content='{TITLE}'>")
    record = parse(f"<section role='banner'><h1>{TITLE}</h1></section><div class='entry-content'>{QA}</div>", head)
    assert record.title == TITLE and record.organisation == "La Fabrique Verte"


def test_a_hero_heading_outside_the_article_confirmed_by_titles_that_carry_the_site_name():
    head = (ld([{"@type": "Article", "headline": f"{TITLE} | Le Site"}]) + f"<meta property='og:title' content='{TITLE} | Le Site'>")
    body = (f"<div class='hero'><h1 class='site-logo'>Le Site</h1><h1 class='hero-title'>{TITLE}</h1></div>"
            f"<div class='page-content'><div class='post-body'>{QA}</div></div>")
    record = parse_page(page(body, head, title=f"{TITLE} | Le Site"), URL, "text/html; charset=utf-8")
    assert record.title == TITLE and record.organisation == "La Fabrique Verte"


def test_bold_topics_as_many_as_the_title_announces_are_the_questions():
    record = parse_as("3 questions à Léa Morin, Directrice de La Fabrique Verte",
                      "<article><h1>t</h1><div class='entry-content'><p>Une fabrique de quartier.</p>"
                      "<p><strong>Vos débuts en 2015</strong></p><p>Un garage prêté.</p>"
                      "<p><strong>Le rôle des bénévoles</strong></p><p>Ils tiennent l’atelier.</p>"
                      "<p><strong>Ce que vous attendez de la ville</strong></p><p>Un local.</p></div></article>")
    assert [(q.question, q.answer) for q in record.qa] == [
        ("Vos débuts en 2015", "Un garage prêté."), ("Le rôle des bénévoles", "Ils tiennent l’atelier."),
        ("Ce que vous attendez de la ville", "Un local.")]
    assert record.intro == "Une fabrique de quartier."


def test_two_bold_topics_when_three_are_announced_are_no_interview():
    record = parse_page(page("<article><h1>t</h1><div class='entry-content'><p><strong>Vos débuts</strong></p>"
                             "<p>Un garage prêté.</p><p><strong>Le rôle des bénévoles</strong></p><p>Ils tiennent.</p>"
                             "</div></article>"), URL, "text/html; charset=utf-8")
    assert not isinstance(record, Interview) and record.code == "too-few-questions"


def test_tab_titles_go_to_panels_that_carry_none():
    # Kadence Blocks: the questions only in the tab bar, the panels plain paragraphs
    tabs = ("<div class='kt-tabs-wrap'><ul class='kt-tabs-title-list'><li><a role='tab' href='#t1'>Votre atelier a "
            "cinq ans. Qu’est-ce qui a changé ?</a></li><li><a role='tab' href='#t2'>Qui vous aide ?</a></li></ul>"
            "<div class='kt-tabs-content-wrap'><div class='kt-tab-inner-content'><p>Nous sommes passés à douze.</p>"
            "</div><div class='kt-tab-inner-content'><p>La commune et une fondation.</p></div></div></div>")
    record = parse_as(TITLE, f"<article><h1>t</h1><div class='entry-content'>{tabs}</div></article>")
    assert [(q.question, q.answer) for q in record.qa] == [
        ("Votre atelier a cinq ans. Qu’est-ce qui a changé ?", "Nous sommes passés à douze."),
        ("Qui vous aide ?", "La commune et une fondation.")]


def test_the_editor_thanking_the_interviewee_by_name_is_the_outro():
    record = parse(f"<div class='entry-content'>{QA}<p>Un grand merci à Léa Morin et à toute l’équipe.</p></div>")
    assert record.outro == "Un grand merci à Léa Morin et à toute l’équipe." and record.qa[-1].answer == LAST_ANSWER


def test_two_interviewees_answering_in_turn_keep_their_labels():
    record = parse_as("3 questions à Odile Brun et Farah Lenoir, cogérantes de La Maille Douce",
                      "<article><h1>t</h1><div class='entry-content'><p><strong>Pourquoi la laine ?</strong></p>"
                      "<p><strong>Odile :</strong> Elle se répare.</p><p><strong>Farah :</strong> Et elle dure.</p>"
                      "<p><strong>Et ensuite ?</strong></p><p>Odile : Une boutique.</p></div></article>")
    assert [(q.question, q.answer, q.speaker) for q in record.qa] == [
        ("Pourquoi la laine ?", "Odile : Elle se répare.\n\nFarah : Et elle dure.", None),
        ("Et ensuite ?", "Une boutique.", "Odile")]


@pytest.mark.parametrize("name, title, body, expected", HELD_OUT, ids=[h[0] for h in HELD_OUT])
def test_held_out_classes(name, title, body, expected):
    record = parse_as(title, f"<article><h1>{title}</h1><div class='entry-content'>{body}</div></article>")
    expected = expected or [("Votre atelier a cinq ans. Qu’est-ce qui a changé ?", "Nous sommes passés à douze."),
                            ("Qui vous aide ?", "La commune et une fondation.")]
    assert [(q.question, q.answer) for q in record.qa] == expected
    assert record.intro is None and record.outro is None


SHORTCODES = [
    ("WPBakery headings", '[vc_row][vc_column][vc_custom_heading text="Pourquoi un atelier ?" font_container='
     '"tag:h2|text_align:left"][vc_column_text]<p>Pour réparer.</p>[/vc_column_text][/vc_column][/vc_row]'
     '[vc_row][vc_column][vc_custom_heading text="Et demain ?"][vc_column_text]<p>Un second lieu.</p>'
     '[/vc_column_text][vc_btn title="Nous rejoindre" link="url:%2Fj%2F"][/vc_column][/vc_row]'),
    ("curled quotes, toggles", '[vc_toggle title=&#8221;Pourquoi un atelier ?&#8221;]<p>Pour réparer.</p>'
     '[/vc_toggle][vc_toggle title=&#8221;Et demain ?&#8221;]<p>Un second lieu.</p>[/vc_toggle]'),
    ("Divi toggles and button", '[et_pb_section][et_pb_toggle title="Pourquoi un atelier ?"]<p>Pour réparer.</p>'
     '[/et_pb_toggle][et_pb_toggle title="Et demain ?"]<p>Un second lieu.</p>[/et_pb_toggle]'
     '[et_pb_button button_text="Adhérer"]Adhérer[/et_pb_button][/et_pb_section]'),
    ("accordion sections titled by the questions", '[vc_tta_accordion][vc_tta_section title="Pourquoi un atelier ?"]'
     '[vc_column_text]Pour réparer.[/vc_column_text][/vc_tta_section][vc_tta_section title="Et demain ?"]'
     '[vc_column_text]Un second lieu.[/vc_column_text][/vc_tta_section][/vc_tta_accordion]'),
    ("tabs: section titles are labels, the text modules two blocks",
     '<p>[vc_tta_tabs][vc_tta_section title="Le projet"][vc_column_text]<strong>Pourquoi un atelier ?</strong></p>'
     '<p>Pour réparer.[/vc_column_text][/vc_tta_section][vc_tta_section title="La suite"][vc_column_text]'
     '<strong>Et demain ?</strong></p><p>Un second lieu.[/vc_column_text][/vc_tta_section][/vc_tta_tabs]</p>'),
    ("builder panels classed as widgets", "<div class='cell'><div class='panel widget widget_editor'><h3>Pourquoi un "
     "atelier ?</h3><p>Pour réparer.</p></div></div><div class='cell'><div class='panel widget widget_editor'>"
     "<h3>Et demain ?</h3><p>Un second lieu.</p></div></div>"),
]


@pytest.mark.parametrize("name, rendered", SHORTCODES, ids=[s[0] for s in SHORTCODES])
def test_unrendered_builder_shortcodes_in_rest(name, rendered):
    from crawler.parser import parse_rest_post

    record = parse_rest_post({"id": 7, "link": URL, "title": {"rendered": TITLE}, "content": {"rendered": rendered},
                              "date": "2021-03-04T09:00:00"})
    assert isinstance(record, Interview), record
    assert [(q.question, q.answer) for q in record.qa] == [("Pourquoi un atelier ?", "Pour réparer."),
                                                           ("Et demain ?", "Un second lieu.")]


@pytest.mark.parametrize("name, rendered", SHORTCODES[:-1], ids=[s[0] for s in SHORTCODES[:-1]])
def test_unrendered_builder_shortcodes_in_a_page(name, rendered):
    rendered = rendered.replace('"', "&#8221;")  # as wptexturize leaves them in a page
    record = parse(f"<article><h1>{TITLE}</h1><div class='entry-content'><p>{rendered}</p></div></article>")
    assert [(q.question, q.answer) for q in record.qa] == [("Pourquoi un atelier ?", "Pour réparer."),
                                                           ("Et demain ?", "Un second lieu.")]
    assert record.intro is None and "[" not in record.qa[-1].answer


# --- question shapes beyond a block of its own ---------------------------------------
PAIRS = [("Pourquoi une fabrique ?", "Parce que nous réparons des objets depuis dix ans."),
         ("Avec qui travaillez-vous ?", "Avec les écoles du quartier et deux ressourceries."),
         ("Et demain ?", "Un second atelier ouvrira au printemps.")]
RUN_IN = {
    "bold question, answer after it": "".join(f"<p><strong>{q}</strong> {a}</p>" for q, a in PAIRS),
    "numbered bold question, answer after it": "".join(
        f"<p><b>{n}. {q}</b>&nbsp;{a}</p>" for n, (q, a) in enumerate(PAIRS, start=1)),
    "an answer going on in the next paragraph": "<p>Léa Morin répare depuis dix ans.</p>" + "".join(
        f"<p><strong>{q}</strong> {a}</p><p>Nous en reparlerons.</p>" for q, a in PAIRS),
}


@pytest.mark.parametrize("name", RUN_IN)
def test_a_question_run_in_at_the_start_of_its_answer(name):
    record = parse(f"<article><h1>{TITLE}</h1>{RUN_IN[name]}</article>")
    assert [q.question for q in record.qa] == [q for q, _ in PAIRS]
    going_on = "\n\nNous en reparlerons." if "next paragraph" in name else ""
    assert [q.answer for q in record.qa] == [a + going_on for _, a in PAIRS]


def test_a_bold_lead_that_is_no_question_stays_in_its_paragraph():
    body = "<p><strong>Léa Morin</strong> répare des objets depuis dix ans.</p>" + QA
    record = parse(f"<article><h1>{TITLE}</h1>{body}</article>")
    assert record.intro == "Léa Morin répare des objets depuis dix ans." and len(record.qa) == 3


def test_questions_numbered_in_words():
    words = ("Première", "Deuxième", "Dernière")
    body = "".join(f"<p><strong>{w} question : {q}</strong></p><p>{a}</p>" for w, (q, a) in zip(words, PAIRS))
    record = parse(f"<article><h1>{TITLE}</h1>{body}</article>")
    assert [(q.n, q.question, q.answer) for q in record.qa] == [(n, q, a) for n, (q, a) in enumerate(PAIRS, 1)]


def test_questions_in_a_definition_list():
    body = "<dl>" + "".join(f"<dt>{q}</dt><dd><p>{a}</p></dd>" for q, a in PAIRS) + "</dl>"
    record = parse(f"<article><h1>{TITLE}</h1>{body}</article>")
    assert [(q.question, q.answer) for q in record.qa] == PAIRS


@pytest.mark.parametrize("header", ["", "<thead><tr><th>Question</th><th>Réponse</th></tr></thead>",
                                    "<tr><th>Nos questions</th><th>Ses réponses</th></tr>"])
def test_questions_and_answers_laid_out_in_a_table(header):
    rows = "".join(f"<tr><td><strong>{q}</strong></td><td>{a}</td></tr>" for q, a in PAIRS)
    record = parse(f"<article><h1>{TITLE}</h1><table>{header}<tbody>{rows}</tbody></table></article>")
    assert [(q.question, q.answer) for q in record.qa] == PAIRS and record.intro is None


@pytest.mark.parametrize("lead", ["– ", "• ", "> ", "❓ ", "➡️ ", "▶ "])
def test_a_decoration_before_each_question_is_no_part_of_it(lead):
    body = "".join(f"<p><strong>{lead}{q}</strong></p><p>{a}</p>" for q, a in PAIRS)
    record = parse(f"<article><h1>{TITLE}</h1>{body}</article>")
    assert [(q.question, q.answer) for q in record.qa] == PAIRS


def test_questions_numbered_in_roman_numerals():
    body = "".join(f"<h3>{r}. {q}</h3><p>{a}</p>" for r, (q, a) in zip(("I", "II", "III"), PAIRS))
    record = parse(f"<article><h1>{TITLE}</h1>{body}</article>")
    assert [(q.n, q.question, q.answer) for q in record.qa] == [(n, q, a) for n, (q, a) in enumerate(PAIRS, 1)]


@pytest.mark.parametrize("marker", ["Question {n}", "Q{n}", "0{n}", "N°{n}"])
def test_a_marker_alone_above_each_question_leaves_no_trace(marker):
    body = "".join(f"<h3>{marker.format(n=n)}</h3><p><strong>{q}</strong></p><p>{a}</p>"
                   for n, (q, a) in enumerate(PAIRS, start=1))
    record = parse(f"<article><h1>{TITLE}</h1>{body}</article>")
    assert [(q.question, q.answer) for q in record.qa] == PAIRS


ASKED = [("Votre parcours en quelques mots.", "J’ai d’abord été menuisière, puis formatrice."),
         ("Le chantier dont vous êtes la plus fière ?", "La rénovation de l’école du quartier."),
         ("Vos projets pour l’an prochain", "Former six apprentis et ouvrir le samedi.")]


@pytest.mark.parametrize("question_class, answer_class", [
    ("question", "answer"), ("interview-question", "interview-answer"), ("qa__question has-text-color", "qa__answer"),
    ("entretien-question", ""),
])
def test_a_question_the_theme_classes_as_one_is_a_question_without_question_mark_or_bold(question_class, answer_class):
    body = "".join(f"<p class='{question_class}'>{q}</p><p class='{answer_class}'>{a}</p>" for q, a in ASKED)
    record = parse(f"<article><h1>{TITLE}</h1><div class='entry-content'>{body}</div></article>")
    assert [(q.question, q.answer) for q in record.qa] == ASKED


def test_a_box_classed_question_holding_its_answer_is_not_one_question():
    boxes = "".join(f"<div class='question'><p><strong>{q}</strong></p><p>{a}</p></div>" for q, a in PAIRS)
    record = parse(f"<article><h1>{TITLE}</h1><div class='entry-content'>{boxes}</div></article>")
    assert [(q.question, q.answer) for q in record.qa] == PAIRS


def test_questions_and_answers_run_together_in_one_paragraph_of_line_breaks():
    lines = "<br>".join(f"<strong>{q}</strong><br>{a}" for q, a in PAIRS)
    record = parse(f"<article><h1>{TITLE}</h1><p>Léa Morin répare depuis dix ans.<br>{lines}<br>Nous en reparlerons.</p>"
                   "</article>")
    assert [(q.question, q.answer) for q in record.qa] == PAIRS[:-1] + [(PAIRS[-1][0], PAIRS[-1][1] + "\nNous en reparlerons.")]
    assert record.intro == "Léa Morin répare depuis dix ans."


def test_a_numbered_item_holding_its_bold_question_then_a_line_break_and_its_answer():
    items = "".join(f"<li><strong>{q}</strong><br>{a}</li>" for q, a in PAIRS)
    record = parse(f"<article><h1>{TITLE}</h1><ol>{items}</ol></article>")
    assert [(q.n, q.question, q.answer) for q in record.qa] == [(n, q, a) for n, (q, a) in enumerate(PAIRS, 1)]


def test_an_item_of_an_answer_broken_over_two_lines_stays_one_item():
    answer = "<ul><li><strong>Les voisins ?</strong> Oui.<br>Et les écoles.</li><li>Deux ressourceries.</li></ul>"
    record = parse(f"<article><h1>{TITLE}</h1>{QA.replace('<p>Avec les écoles du quartier et deux ressourceries.</p>', answer)}"
                   "</article>")
    assert record.qa[1].answer == "- Les voisins ? Oui.\nEt les écoles.\n- Deux ressourceries." and len(record.qa) == 3


def test_a_theme_setting_naming_captions_on_the_body_makes_no_caption_of_the_article():
    body = page(f"<div id='wrapper'><div class='post'><h1 class='entry-title'>{TITLE}</h1>"
                f"<div class='entry-content'><div class='wp-caption'><img src='/a.jpg'><p class='wp-caption-text'>"
                f"Léa Morin à l’atelier</p></div>{QA}</div></div></div>")
    body = body.replace(b"<body>", b"<body class='single theme-caption-light theme-sidebar-right'>")
    record = parse_page(body, URL, "text/html; charset=utf-8")
    assert [q.answer for q in record.qa][-1] == LAST_ANSWER and record.intro is None
    assert record.images[0].caption == "Léa Morin à l’atelier"


def test_the_interviewers_label_closed_by_a_period_leaves_the_questions():
    body = "".join(f"<p><strong>ESS 2024. {q}</strong></p><p>Léa Morin. {a}</p>" for q, a in PAIRS)
    record = parse(f"<article><h1>{TITLE}</h1>{body}</article>")
    assert [(q.question, q.answer) for q in record.qa] == PAIRS


def test_an_answer_opening_with_par_and_a_lowercase_word_is_the_answer():
    answer = "<p>Par trois moyens :</p><ul><li>réparer ;</li><li>prêter.</li></ul>"
    record = parse(f"<article><h1>{TITLE}</h1>{QA.replace('<p>Avec les écoles du quartier et deux ressourceries.</p>', answer)}"
                   "</article>")
    assert record.qa[1].answer == "Par trois moyens :\n\n- réparer ;\n- prêter."


def test_numbered_questions_and_answers_run_together_in_one_paragraph_of_line_breaks():
    lines = "<br>".join(f"{n}. {q}<br>{a}" for n, (q, a) in enumerate(PAIRS, start=1))
    record = parse(f"<article><h1>{TITLE}</h1><p>04/03/2021</p><p>{lines}</p><p>Partager cet article</p></article>")
    assert [(q.n, q.question, q.answer) for q in record.qa] == [(n, q, a) for n, (q, a) in enumerate(PAIRS, start=1)]


INTERVIEW_TITLE = "#ESS 2024 – Interview de Léa Morin, Directrice de La Fabrique Verte"


@pytest.mark.parametrize("intro, archived", [
    ("<p>Léa Morin a accepté de répondre à nos 3 questions.</p>", True),
    ("<h2>Trois questions à Léa Morin</h2>", True),
    ("<p>Léa Morin nous a reçus dans son atelier.</p>", False),
])
def test_an_interview_titled_interview_de_is_of_the_series_when_its_article_says_so(intro, archived):
    body = page(f"<article><h1>{INTERVIEW_TITLE}</h1><div class='entry-content'>{intro}{QA}</div></article>",
                title=INTERVIEW_TITLE)
    record = parse_page(body, URL, "text/html; charset=utf-8")
    if archived:
        assert isinstance(record, Interview) and (record.interviewee, record.organisation) == ("Léa Morin",
                                                                                               "La Fabrique Verte")
        assert len(record.qa) == 3
    else:
        assert not isinstance(record, Interview) and record.code == "not-series" and "Interview de" in record.reason


def test_an_update_line_under_the_title_does_not_date_the_post():
    body = page(f"<article><h1>{TITLE}</h1><p>Mis à jour le 5 mai 2022</p><div class='entry-content'>{QA}</div></article>")
    assert parse_page(body, URL, "text/html; charset=utf-8").published == "2021-03-04"  # the URL's, not the update's


def test_a_bare_number_before_each_question_heading_is_its_marker():
    body = "".join(f"<h3><span class='num'>{n}</span> {q}</h3><p>{a}</p>" for n, (q, a) in enumerate(PAIRS, start=1))
    record = parse(f"<article><h1>{TITLE}</h1>{body}</article>")
    assert [(q.n, q.question, q.marker) for q in record.qa] == [(n, q, str(n)) for n, (q, _) in enumerate(PAIRS, 1)]


def test_numbers_opening_answers_are_no_markers():
    body = QA.replace("Parce que nous", "1 Parce que nous").replace("Avec les écoles", "2 Écoles et")
    record = parse(f"<article><h1>{TITLE}</h1>{body}</article>")
    assert [q.question for q in record.qa] == [q for q, _ in PAIRS] and record.qa[1].answer.startswith("2 Écoles")


@pytest.mark.parametrize("box", [
    "<div class='d4'><h3>Soutenez-nous</h3><p><strong>Notre média vit de vos dons. Pourquoi pas vous ?</strong></p>"
    "<p><a class='d5' href='/don/'>Je fais un don</a></p></div>",
    "<div class='d4'><h4>Vous aimez nos entretiens ?</h4><p><a href='/adherer/'>Adhérez à l’association</a></p></div>",
])
def test_a_box_asking_the_reader_and_answered_by_a_button_is_no_question(box):
    body = QA.replace("<p><strong>Et demain", box + "<p><strong>Et demain")
    record = parse(f"<article><h1>{TITLE}</h1><div class='c3'>{body}</div></article>")
    assert [q.question for q in record.qa] == ["Pourquoi une fabrique ?", "Avec qui travaillez-vous ?", "Et demain ?"]
    assert record.qa[1].answer == "Avec les écoles du quartier et deux ressourceries."


def test_an_answer_that_is_a_link_to_the_interviewees_site_stays():
    body = QA.replace("<p>Un second atelier ouvrira au printemps.</p>",
                      "<p><a href='https://fabrique.example.org/'>fabrique.example.org</a></p>")
    record = parse(f"<article><h1>{TITLE}</h1><div class='c3'>{body}</div></article>")
    assert record.qa[-1].answer == "fabrique.example.org"


def test_an_interviewers_label_on_topic_headings_leaves_them():
    body = ("<h2>RSO : Votre parcours</h2><p>Quinze ans de droit du travail.</p>"
            "<h2>RSO : Les questions qui reviennent</h2><p>Le premier contrat.</p>"
            "<h2>RSO : Un message aux associations</h2><p>Appelez tôt.</p>")
    record = parse(f"<article><h1>{TITLE}</h1><div class='c3'>{body}</div></article>")
    assert [q.question for q in record.qa] == ["Votre parcours", "Les questions qui reviennent", "Un message aux associations"]


@pytest.mark.parametrize("quote", [
    "<blockquote class='t9'><p>« Nous réparons des objets depuis dix ans. »</p></blockquote>"
    "<p>Léa Morin</p><p>Présidente de la Fabrique</p>",
    "<div class='t9'><p>Nous réparons des objets depuis dix ans.</p><p>— Léa Morin</p></div>",
])
def test_a_testimonial_repeating_the_answer_and_its_attribution_are_left_out(quote):
    answer = "<p>Parce que nous réparons des objets depuis dix ans. Le quartier nous connaît bien.</p>"
    body = QA.replace("<p>Parce que nous réparons des objets depuis dix ans.</p>", answer + quote)
    record = parse_as("3 questions à Léa Morin, Présidente de la Fabrique", f"<div class='c3'>{body}</div>")
    assert record.qa[0].answer == "Parce que nous réparons des objets depuis dix ans. Le quartier nous connaît bien."


def test_a_paragraph_said_once_stays():
    answer = "<p>Nous réparons des objets depuis dix ans, avec les écoles.</p><p>Les écoles nous envoient leurs classes.</p>"
    body = QA.replace("<p>Parce que nous réparons des objets depuis dix ans.</p>", answer)
    record = parse(f"<article><h1>{TITLE}</h1><div class='c3'>{body}</div></article>")
    assert record.qa[0].answer == ("Nous réparons des objets depuis dix ans, avec les écoles.\n\n"
                                   "Les écoles nous envoient leurs classes.")


@pytest.mark.parametrize("widget", [
    # an Instagram embed's fallback text, a tweet box and its button, a rating box, figures widgets
    "<blockquote class='q2'><p><a href='https://instagram.example/p/x/'>Voir cette publication sur Instagram</a></p>"
    "<p>Une publication partagée par La Fabrique (@fabrique)</p></blockquote>",
    "<div class='t4'><p>Nous réparons depuis dix ans, avec le quartier.</p><p><a href='https://x.example/i'>Cliquez pour "
    "tweeter</a></p></div>",
    "<div class='r5'><p>Cet article vous a plu ? Notez-le ! 4.6/5 - (7 votes)</p></div>",
    "<div class='n1'><div><p>0</p><p>missions réalisées en 2023</p></div><div><p>1 200</p><p>adhérents</p></div></div>",
    "<div class='w1' role='progressbar' aria-valuenow='68'><p>Collecte : 6 800 € sur 10 000 €</p><p>68%</p></div>",
])
def test_embeds_rating_boxes_and_figures_widgets_are_no_answer(widget):
    body = QA.replace("<p><strong>Avec qui", widget + "<p><strong>Avec qui")
    record = parse(f"<article><h1>{TITLE}</h1><div class='c3'>{body}</div></article>")
    assert record.qa[0].answer == "Parce que nous réparons des objets depuis dix ans."


def test_an_address_closing_the_post_is_the_outro():
    body = QA + "<p>La Fabrique, 4 rue Haute, ouverte du mercredi au samedi.</p>"
    record = parse(f"<article><h1>{TITLE}</h1><div class='c3'>{body}</div></article>")
    assert record.qa[-1].answer == LAST_ANSWER
    assert record.outro == "La Fabrique, 4 rue Haute, ouverte du mercredi au samedi."


def test_a_box_presenting_the_interviewee_is_no_question():
    box = "<h3>Qui est Léa ?</h3><p>Léa Morin, 41 ans, a fondé la Fabrique en 2012.</p>"
    record = parse_as("3 questions à Léa Morin, Présidente de la Fabrique", f"<div class='c3'>{box}{QA}</div>")
    assert [q.question for q in record.qa] == ["Pourquoi une fabrique ?", "Avec qui travaillez-vous ?", "Et demain ?"]
    assert record.intro == "Qui est Léa ?\n\nLéa Morin, 41 ans, a fondé la Fabrique en 2012."


def test_tab_titles_repeated_over_their_panels_give_each_question_once():
    tabs = "<div class='u1'><p><strong>Pourquoi une fabrique ?</strong></p><p><strong>Avec qui travaillez-vous ?</strong></p>" \
           "<p><strong>Et demain ?</strong></p></div>"
    record = parse(f"<article><h1>{TITLE}</h1><div class='c3'>{tabs}{QA}</div></article>")
    assert [q.question for q in record.qa] == ["Pourquoi une fabrique ?", "Avec qui travaillez-vous ?", "Et demain ?"]
    assert record.qa[-1].answer == LAST_ANSWER and [q.n for q in record.qa] == [1, 2, 3]


def test_a_question_after_its_context_line_in_one_paragraph():
    body = ("<p>Votre atelier a cinq ans.<br><strong>Qu’est-ce qui a changé ?</strong></p><p>Nous sommes douze.</p>"
            "<p>Vous travaillez avec les écoles.<br><strong>Comment ?</strong></p><p>Par des ateliers.</p>"
            "<p><em>Et concrètement ?</em></p><p>Deux classes par mois.</p>")
    record = parse(f"<article><h1>{TITLE}</h1><div class='c3'>{body}</div></article>")
    assert [q.question for q in record.qa] == ["Votre atelier a cinq ans. Qu’est-ce qui a changé ?",
                                               "Vous travaillez avec les écoles. Comment ?"]
    assert record.qa[1].answer == "Par des ateliers.\n\nEt concrètement ?\n\nDeux classes par mois."


def test_the_hidden_part_of_a_read_more_toggle_is_the_answers():
    more = ("<div class='sm1'><p>Nous réparons des objets depuis dix ans.</p><div class='sm1-hidden-content' "
            "style='display:none'><p>Et nous formons aussi.</p></div><a class='sm1-button' href='#'>Lire la suite</a></div>")
    body = QA.replace("<p>Parce que nous réparons des objets depuis dix ans.</p>", more)
    body = body.replace("class='sm1", "class='show-more").replace("class='sm1-", "class='show-more-")
    record = parse(f"<article><h1>{TITLE}</h1><div class='c3'>{body}</div></article>")
    assert record.qa[0].answer == "Nous réparons des objets depuis dix ans.\n\nEt nous formons aussi."


def test_a_hidden_element_that_opens_nothing_stays_out():
    hidden = "<div style='display:none'><p>Texte caché d’un module.</p></div>"
    body = QA.replace("<p><strong>Avec qui", hidden + "<p><strong>Avec qui")
    record = parse(f"<article><h1>{TITLE}</h1><div class='c3'>{body}</div></article>")
    assert record.qa[0].answer == "Parce que nous réparons des objets depuis dix ans."


@pytest.mark.parametrize("box", [
    "<div class='n2'><h4>Le chiffre clé</h4><p>Nous avons réparé mille objets.</p></div>",
    "<div class='n2'><p><strong>À retenir</strong></p><p>Nous avons réparé mille objets.</p></div>",
])
def test_a_box_title_inside_an_answer_is_neither_question_nor_answer(box):
    body = QA.replace("<p><strong>Avec qui", box + "<p><strong>Avec qui")
    record = parse(f"<article><h1>{TITLE}</h1><div class='c3'>{body}</div></article>")
    assert [q.question for q in record.qa] == ["Pourquoi une fabrique ?", "Avec qui travaillez-vous ?", "Et demain ?"]
    assert record.qa[0].answer == "Parce que nous réparons des objets depuis dix ans.\n\nNous avons réparé mille objets."


@pytest.mark.parametrize("closing, outro", [
    ("<p>Crédit photo de une : La Fabrique.</p>", "Crédit photo de une : La Fabrique."),
    ("<p>La Fabrique, quai du Port, Douarnenez. Ouvert du mercredi au samedi.</p>",
     "La Fabrique, quai du Port, Douarnenez. Ouvert du mercredi au samedi."),
])
def test_a_closing_credit_or_address_is_the_outro(closing, outro):
    record = parse(f"<article><h1>{TITLE}</h1><div class='c3'>{QA}{closing}</div></article>")
    assert record.qa[-1].answer == LAST_ANSWER and record.outro == outro


def test_a_question_with_a_stage_direction_and_a_call_to_comment():
    body = QA.replace("<p><strong>Pourquoi une fabrique ?</strong></p>",
                      "<p><strong>Franchement, pourquoi ce nom ? (rires)</strong></p><p>Il fait sourire.</p>"
                      "<p><strong>Pourquoi une fabrique ?</strong></p>")
    body += "<p>Et vous, qu’en pensez-vous ? Dites-le-nous en commentaire !</p>"
    record = parse(f"<article><h1>{TITLE}</h1><div class='c3'>{body}</div></article>")
    assert record.qa[0].question == "Franchement, pourquoi ce nom ? (rires)"
    assert record.qa[-1].answer == LAST_ANSWER and record.outro is None


def test_two_speakers_taking_turns_over_a_line_break_keep_their_labels():
    answer = "<p>Sophie : Parce que nous manquions de temps.<br>Idriss : Et parce que ça oblige à discuter.</p>"
    body = QA.replace("<p>Parce que nous réparons des objets depuis dix ans.</p>", answer)
    record = parse_as("3 questions à Sophie Marchal et Idriss Koné, coprésidents de la Fabrique",
                      f"<div class='c3'>{body}</div>")
    assert record.qa[0].answer == "Sophie : Parce que nous manquions de temps.\nIdriss : Et parce que ça oblige à discuter."


def test_an_update_note_in_english_closes_the_post_as_its_outro():
    record = parse(f"<article><h1>{TITLE}</h1><div class='c3'>{QA}<p>Update, 4 April: the report is online.</p></div></article>")
    assert record.qa[-1].answer == LAST_ANSWER and record.outro == "Update, 4 April: the report is online."


# --- what plugins and builders print into the content (blind round 17) ---------------
def test_a_list_of_headed_boxes_is_blocks_not_a_list_in_the_answer():
    items = "".join(f"<li class='f1'><span class='i'></span><div><h3>{q}</h3><p>{a}</p></div></li>" for q, a in (
        ("Pourquoi une fabrique ?", "Parce que nous réparons des objets depuis dix ans."),
        ("Avec qui travaillez-vous ?", "Avec les écoles du quartier et deux ressourceries."),
        ("Et demain ?", LAST_ANSWER)))
    record = parse(f"<article><h1>{TITLE}</h1><div class='c3'><ul class='f0'>{items}</ul></div></article>")
    assert [q.question for q in record.qa] == ["Pourquoi une fabrique ?", "Avec qui travaillez-vous ?", "Et demain ?"]
    assert record.qa[0].answer == "Parce que nous réparons des objets depuis dix ans." and record.qa[-1].answer == LAST_ANSWER


def test_a_heading_whose_anchor_says_comment_is_a_question():
    qa = QA.replace("<p><strong>Et demain ?</strong></p>", "<h2 id='h-et-demain-comment-financez-vous-lassociation'>"
                    "Et demain, comment financez-vous l’association ?</h2>")
    record = parse(f"<article><h1>{TITLE}</h1><div class='c3'>{qa}</div></article>")
    assert record.qa[-1].question == "Et demain, comment financez-vous l’association ?"
    assert record.qa[-1].answer == LAST_ANSWER


def test_a_quote_cited_in_a_paragraph_of_its_own_ends_with_its_citation_line():
    quote = "<blockquote><p>Réparer, c’est transmettre.</p><p><cite>Paul Roy, bénévole</cite></p></blockquote>"
    record = parse(f"<article><h1>{TITLE}</h1><div class='c3'>{QA}{quote}</div></article>")
    assert record.qa[-1].answer == f"{LAST_ANSWER}\n\nRéparer, c’est transmettre.\nPaul Roy, bénévole"


def test_a_podcast_players_links_are_not_the_intro():
    player = ("<p class='powerpress_links'>Podcast: <a href='/p.mp3'>Play in new window</a> | "
              "<a href='/p.mp3' download>Download</a> (Duration: 18:42 — 17.1MB)</p>")
    record = parse(f"<article><h1>{TITLE}</h1><div class='c3'>{player}<p>Une fabrique de quartier fête ses dix ans."
                   f"</p>{QA}</div></article>")
    assert record.intro == "Une fabrique de quartier fête ses dix ans."


def test_one_time_classed_published_and_updated_dates_the_update_too():
    line = "<div class='m'><time class='entry-date published updated' datetime='2021-03-04T09:00:00+01:00'>4 mars 2021</time></div>"
    record = parse(f"<article><h1>{TITLE}</h1>{line}<div class='c3'>{QA}</div></article>")
    assert record.published[:10] == "2021-03-04" and (record.modified or "")[:10] == "2021-03-04"


# --- the post's meta under the article in blocks of its own (hashed classes) ---------
@pytest.mark.parametrize("by", ["by", "Par", "Écrit par", "Posted by"])
def test_a_bylines_name_after_its_lone_by_word_is_no_outro(by):
    meta = (f"<div class='k1'><div class='k2'><p>Posted</p><div><time datetime='2021-03-04'>4 mars 2021</time></div>"
            f"<p>in</p><div><a href='/category/portraits/' rel='tag'>Portraits</a></div></div>"
            f"<div class='k2'><p>{by}</p><div><div><p class='k9'>Claire Dumas</p></div></div></div></div>")
    record = parse(f"<div class='a1'><h1>{TITLE}</h1><div class='c3'>{QA}<hr><p><em>Propos recueillis par Claire Dumas."
                   f"</em></p></div>{meta}</div>")
    assert record.qa[-1].answer == LAST_ANSWER and record.outro == "Propos recueillis par Claire Dumas."


def test_a_lone_by_word_before_a_sentence_keeps_the_sentence():
    qa = QA.replace(f"<p>{LAST_ANSWER}</p>", f"<p>{LAST_ANSWER}</p><p>Par</p><p>Avec les voisins, nous ferons mieux.</p>")
    record = parse(f"<article><h1>{TITLE}</h1><div class='c3'>{qa}</div></article>")
    assert record.qa[-1].answer.endswith("Avec les voisins, nous ferons mieux.")


def test_a_bylines_name_after_a_bare_date_line_is_no_outro():
    meta = ("<div class='k1'><div class='k2'><div><time datetime='2021-03-04'>mars 4, 2021</time></div>"
            "<div><p class='k9'>Claire Dumas</p></div></div></div><hr>")
    record = parse(f"<div class='a1'><h1>{TITLE}</h1><div class='c3'>{QA}<hr><p><em>Propos recueillis par Claire Dumas."
                   f"</em></p></div>{meta}</div>")
    assert record.qa[-1].answer == LAST_ANSWER and record.outro == "Propos recueillis par Claire Dumas."


@pytest.mark.parametrize("byline", [
    "<div><div>Par <a href='/author/redaction/'>Rédaction</a></div></div><div><img src='/a.jpg' alt=''></div>",
    "<div><div><span>Published <time datetime='2022-11-08'>8 novembre 2022</time></span><span>By <a href='/author/"
    "claire/'>Claire Dumas</a></span></div></div>",
])
def test_a_photo_credit_closing_the_post_stays_the_outro_before_the_bylines_in_no_markup(byline):
    record = parse(f"<div><div><h1>{TITLE}</h1><div>{QA}<p>Crédit photo : La Fabrique Verte</p></div>{byline}"
                   "<div><h3>Rédaction ESS 2024</h3><p>L’équipe suit les structures de l’ESS au quotidien.</p></div></div></div>")
    assert record.qa[-1].answer == LAST_ANSWER and record.outro == "Crédit photo : La Fabrique Verte"


def test_a_button_between_the_last_answer_and_the_outro_is_neither():
    button = "<div><div><div><a href='https://fabrique.example/'>Découvrir l’association</a></div></div></div>"
    record = parse(f"<div><div><h1>{TITLE}</h1><div>{QA}{button}<p>Retrouvez la Fabrique sur fabrique.example.</p>"
                   "</div></div></div>")
    assert record.qa[-1].answer == LAST_ANSWER and record.outro == "Retrouvez la Fabrique sur fabrique.example."


def test_structured_data_printed_as_text_with_the_title_glued_is_no_answer():
    data = ("<span><span><span>http://127.0.0.1:8765/wp-content/uploads/une.jpg</span><span>1000</span><span>1500</span>"
            "</span><span><span>Rédaction</span><span>http://127.0.0.1:8765/wp-content/uploads/logo.png</span></span>"
            f"<span>2021-03-04T09:00:00</span><span>2021-03-05T10:00:00</span><span>{TITLE}</span></span>")
    record = parse(f"<div><div><h1>{TITLE}</h1><div>{QA}</div>{data}</div></div>")
    assert record.qa[-1].answer == LAST_ANSWER and record.outro is None


def test_a_box_titled_by_its_call_with_a_line_and_a_button_is_no_question():
    box = ("<h3>Adhérez à la coopérative</h3><p>Entreprises et particuliers, rejoignez le réseau.</p>"
           "<p><a href='/adherer/'>Je deviens sociétaire</a></p>")
    qa = QA.replace("<p><strong>", "<h3>").replace("</strong></p>", "</h3>").replace("<h3>Et demain ?", f"{box}<h3>Et demain ?")
    record = parse(f"<div><div><h1>{TITLE}</h1><div>{qa}</div></div></div>")
    assert [q.question for q in record.qa] == ["Pourquoi une fabrique ?", "Avec qui travaillez-vous ?", "Et demain ?"]
    assert record.qa[1].answer == "Avec les écoles du quartier et deux ressourceries."


def test_a_tickers_dates_before_the_post_are_another_posts_whatever_the_classes():
    ticker = ("<div><div><div><h6><a href='/2021/01/05/autre/'>#3 questions à Paul Roy, trésorier de La Clé</a></h6>"
              "<div><span><time datetime='2021-01-05T08:00:00+01:00'>5 janvier 2021</time></span></div></div></div></div>")
    record = parse(f"{ticker}<div><div><h1>{TITLE}</h1><div><span><time datetime='2021-03-04T09:00:00+01:00'>"
                   f"4 mars 2021</time></span></div><div>{QA}</div></div></div>")
    assert record.published[:10] == "2021-03-04"


@pytest.mark.parametrize("call", [
    # a link to the page's own note, around the number (Easy Footnotes' shape)
    f"<span><a href='{URL}#note-bas-1' title='Centre communal d’action sociale.'><sup>1</sup></a></span>",
    # a script's button opening the note in a tooltip beside it (Modern Footnotes' shape)
    "<sup><a href='javascript:void(0)' role='button'>1</a></sup><span role='tooltip'>Centre communal d’action"
    " sociale.</span>",
])
def test_a_footnotes_call_and_its_tooltip_are_no_text_whatever_the_classes(call):
    qa = QA.replace("deux ressourceries.", f"deux ressourceries et le CCAS{call} de la ville.")
    record = parse(f"<div><div><h1>{TITLE}</h1><div>{qa}</div></div></div>")
    assert record.qa[1].answer == "Avec les écoles du quartier et deux ressourceries et le CCAS de la ville."


@pytest.mark.parametrize("bio", [
    "Journaliste indépendante, elle suit l’économie sociale et solidaire depuis 2015.",
    "Claire anime la rubrique Réemploi du site depuis sa création.",
])
def test_an_author_box_in_no_known_class_is_no_outro(bio):
    box = f"<div><div><p>Claire Dumas</p><p>{bio}</p></div></div>"
    record = parse(f"<div><div><h1>{TITLE}</h1><div>{QA}<p><em>Propos recueillis par Claire Dumas.</em></p></div>"
                   f"{box}</div></div>")
    assert record.qa[-1].answer == LAST_ANSWER and record.outro == "Propos recueillis par Claire Dumas."


def test_a_name_over_a_sentence_in_an_answer_stays():
    qa = QA.replace(f"<p>{LAST_ANSWER}</p>", f"<p>{LAST_ANSWER}</p><p>Jeanne Roux</p><p>C’est la voisine qui a tout "
                    "lancé, et nous lui devons beaucoup.</p>")
    record = parse(f"<div><div><h1>{TITLE}</h1><div>{qa}</div></div></div>")
    assert record.qa[-1].answer.endswith("nous lui devons beaucoup.")


@pytest.mark.parametrize("document_title", [
    f"ESS 2024 » Blog Archive » {TITLE}",  # Kubrick's: the site and a breadcrumb first
    f"{TITLE} » ESS 2024", f"{TITLE} • ESS 2024", f"{TITLE} ~ Le Mag",  # separators an SEO plugin offers
])
def test_a_document_title_with_the_site_name_before_or_after_any_separator(document_title):
    record = parse_page(page(f"<div><div><div>{QA}</div></div></div>", title=document_title, suffix=""), URL,
                        "text/html; charset=utf-8")
    assert isinstance(record, Interview), record
    assert (record.title, record.interviewee, record.organisation) == (TITLE, "Léa Morin", "La Fabrique Verte")


def test_a_quotation_closing_a_document_title_is_no_separator():
    title = "3 questions à Léa Morin : « Réparer » avant tout"
    record = parse_page(page(f"<div><div><div>{QA}</div></div></div>", title=title, suffix=""), URL,
                        "text/html; charset=utf-8")
    assert record.title == title


def test_kubricks_long_line_of_post_meta_is_no_outro():
    meta = ("<p><small>Cet article a été publié le jeudi 4 mars 2021 à 9:15 et est classé dans <a href='/category/"
            "interviews/' rel='category tag'>Interviews</a>. Vous pouvez en suivre les commentaires par le biais du flux "
            "<a href='/feed/'>RSS 2.0</a>. Vous pouvez laisser un commentaire, ou faire un rétrolien depuis votre site."
            "</small></p>")
    record = parse(f"<div><div><h1>{TITLE}</h1><div>{QA}<p><em>Propos recueillis par Claire Dumas.</em></p></div>"
                   f"{meta}</div></div>")
    assert record.qa[-1].answer == LAST_ANSWER and record.outro == "Propos recueillis par Claire Dumas."


@pytest.mark.parametrize("after", [
    # the author's line of the post meta, its word and a colon before the author's link
    "<div><div><span>Auteur : </span><span><a href='/author/claire/' rel='author'>Claire Dumas</a></span></div></div>",
    # a post navigation: its word, a colon and the linked title of the post next to it
    "<div><div>Précédent : <a href='/2021/02/01/tournee/' rel='prev'>#TOURNÉE ESS 2024 – Lille, 1er février</a></div>"
    "<div>Suivant : <a href='/2021/04/01/billetterie/' rel='next'>Ouverture de la billetterie solidaire</a></div></div>",
])
def test_an_author_line_or_a_post_navigation_in_unknown_classes_is_no_answer(after):
    record = parse(f"<div><div><h1>{TITLE}</h1><div>{QA}</div>{after}</div></div>")
    assert record.qa[-1].answer == LAST_ANSWER and record.outro is None


def test_a_read_also_box_of_linked_headings_inside_an_answer_is_dropped_whatever_the_classes():
    box = ("<div><h4>À lire aussi</h4><h5><a href='/2021/01/05/autre/'>3 questions à Paul Roy, trésorier de La Clé</a></h5>"
           "<h5><a href='/2021/02/05/habitat/'>Habitat participatif : qui décide ?</a></h5></div>")
    qa = QA.replace("deux ressourceries.</p>", f"deux ressourceries.</p>{box}<p>Et avec la mairie.</p>")
    record = parse(f"<div><div><h1>{TITLE}</h1><div>{qa}</div></div></div>")
    assert [q.question for q in record.qa] == ["Pourquoi une fabrique ?", "Avec qui travaillez-vous ?", "Et demain ?"]
    assert record.qa[1].answer == "Avec les écoles du quartier et deux ressourceries.\n\nEt avec la mairie."
