"""Case tables for the parser's small helpers, and its behaviour on bad input."""

from __future__ import annotations

import re

import subprocess
import sys

import pytest

from crawler.parser import Interview, NotAnInterview, parse_page
from crawler.parser.dates import text_date
from crawler.parser.metadata import normalise_date, printed_date, rest_date, url_date
from crawler.parser.qa import MARKER
from crawler.parser.title import is_interview_title, split_title
from mirror.content import load_posts
from mirror.site import Site

TITLE_CASES = [
    ("#3 question à Jeanne Roy, Secrétaire régionale chez Réseau Alpha",
     ("Jeanne Roy", "Secrétaire régionale", "Réseau Alpha")),
    ("3 questions à Paul Dumas, Directeur de l’Agence Beta", ("Paul Dumas", "Directeur", "Agence Beta")),
    ("3 questions au Professeur Luc Marin, Doyen de la Faculté Gamma",
     ("Professeur Luc Marin", "Doyen", "Faculté Gamma")),
    ("#3 questions à Ana Lopes, Co-fondatrice d’Atelier Delta", ("Ana Lopes", "Co-fondatrice", "Atelier Delta")),
    ("#3 questions à Ana Lopes, Co-fondatrice d'Atelier Delta", ("Ana Lopes", "Co-fondatrice", "Atelier Delta")),
    ("#3 Questions À Marc Petit, Président et fondateur de La Ruche Epsilon",
     ("Marc Petit", "Président et fondateur", "La Ruche Epsilon")),
    ("#3 questions à Léo Blanc, Responsable Achats & RSE chez Zeta", ("Léo Blanc", "Responsable Achats & RSE", "Zeta")),
    ("#3 questions à Inès Noor, Chargée de mission de l’Union Eta", ("Inès Noor", "Chargée de mission", "Union Eta")),
    ("#3 questions à Inès Noor, Chargée de Communication de Theta", ("Inès Noor", "Chargée de Communication", "Theta")),
    ("#3 questions à Yann Le Goff, Trésorier du Groupe Iota", ("Yann Le Goff", "Trésorier", "Groupe Iota")),
    ("#3 questions à Eva Sand, Fondatrice des Jardins Kappa", ("Eva Sand", "Fondatrice", "Jardins Kappa")),
    ("#3 questions à Eva Sand, bénévole engagée", ("Eva Sand", "bénévole engagée", None)),
    ("3 questions aux fondatrices de Lambda", ("fondatrices de Lambda", "fondatrices", "Lambda")),
    ("3 questions aux bénévoles du quartier", ("bénévoles du quartier", None, None)),
    ("#ESS2024 – 3 questions à Tom Vidal, Directeur de Mu", ("Tom Vidal", "Directeur", "Mu")),
    ("3\u00a0questions à Noé Gris, Gérant chez Nu", ("Noé Gris", "Gérant", "Nu")),
    # a bonus announced in brackets before "à"
    ("3 questions (et un bonus) à Lou Brun, Gérante de Xi", ("Lou Brun", "Gérante", "Xi")),
    ("3 questions (+1) à Lou Brun, Gérante de Xi", ("Lou Brun", "Gérante", "Xi")),
]
NOT_INTERVIEW_TITLES = [
    "#ESS 2024 – Lancement du programme",
    "#ESS2024 Que peuvent apporter les Jeux ?",
    "#DÉPARTEMENT DE SEINE-SAINT-DENIS – Les réponses à vos 3 questions sur le fonds",
    "#EVENEMENT – Retour sur nos 3 questions à la presse",
    "Questions à Marie Curie, physicienne",
    "3 questions (ou presque) à retenir de l’assemblée",
    "",
]


@pytest.mark.parametrize("title, expected", TITLE_CASES)
def test_title_splitter(title, expected):
    parts = split_title(title)
    assert (parts.interviewee, parts.role, parts.organisation) == expected


@pytest.mark.parametrize("title", NOT_INTERVIEW_TITLES)
def test_titles_outside_the_series(title):
    assert not is_interview_title(title)
    assert split_title(title) is None


def test_english_series_title_sets_the_language():
    assert split_title("3 questions to Ada Byron, Director at Omega Coop").language == "en"
    assert split_title("3 questions to Ada Byron, Director at Omega Coop").organisation == "Omega Coop"


MARKER_CASES = [
    ("1. Quel rôle ?", "1", "Quel rôle ?"),
    ("2/ Pourquoi ?", "2", "Pourquoi ?"),
    ("3) Et après ?", "3", "Et après ?"),
    ("Question 1 : Comment ?", "1", "Comment ?"),
    ("question 2: Comment ?", "2", "Comment ?"),
    ("4 – Enfin ?", "4", "Enfin ?"),
    ("1- Pourquoi ?", "1", "Pourquoi ?"),
    ("Q1 – Vous êtes médecin ?", "1", "Vous êtes médecin ?"),
    ("Q.2 Et ensuite ?", "2", "Et ensuite ?"),
    ("q3: Enfin ?", "3", "Enfin ?"),
    ("Question n°1 – Pourquoi des équipes ?", "1", "Pourquoi des équipes ?"),
    ("Question n° 2 : Quels sports ?", "2", "Quels sports ?"),
    ("1\ufe0f\u20e3 Pourquoi un atelier ?", "1", "Pourquoi un atelier ?"),
    ("(2) Et la suite ?", "2", "Et la suite ?"),
    ("N°3 : Un dernier mot ?", "3", "Un dernier mot ?"),
    ("#2 Et ensuite ?", "2", "Et ensuite ?"),
    # out of how many: "1/3 –", "(2/3)", "Question 3/3 :", "1/3" before a capital
    ("1/3 – Comment avez-vous commencé ?", "1", "Comment avez-vous commencé ?"),
    ("(2/3) Et la suite ?", "2", "Et la suite ?"),
    ("Question 3/3 : Un dernier mot ?", "3", "Un dernier mot ?"),
    ("2/3 Pourquoi ici ?", "2", "Pourquoi ici ?"),
    ("1/2 tonne de textile trié chaque jour.", None, None),
    ("1° Vingt ans après, quel bilan ?", "1", "Vingt ans après, quel bilan ?"),
    ("2° – Et la suite ?", "2", "Et la suite ?"),
    ("12/2024 : le bilan.", None, None),
    ("(2022) Une année charnière.", None, None),
    ("Quel 1er bilan ?", None, None),
    ("2024 – Une année charnière.", None, None),
    ("1 428 projets ont été aidés.", None, None),
    ("10 000€ collectés.", None, None),
    ("2,5M€ de capital.", None, None),
    ("5 ans après le prêt.", None, None),
    ("1.5 million d’euros.", None, None),
    ("2024 : une année charnière.", None, None),
]


@pytest.mark.parametrize("text, n, rest", MARKER_CASES)
def test_question_marker_detector(text, n, rest):
    match = MARKER.match(text)
    assert (match.group("n") if match else None) == n
    assert (match.group("rest") if match else None) == rest


@pytest.mark.parametrize("text, expected", [
    ("24/09/2020", "2020-09-24"), ("1/2/2021", "2021-02-01"), ("31/02/2021", None),
    ("Publié le 24/09/2020", None), ("24.09.2020", "2020-09-24"),
])
def test_printed_date(text, expected):
    assert printed_date(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("4 mars 2021", "2021-03-04"), ("1er février 2024", "2024-02-01"), ("1ᵉʳ mars 2024", "2024-03-01"),
    ("01 févr. 2024", "2024-02-01"), ("1 Fév 2024", "2024-02-01"), ("fév 5, 2024", "2024-02-05"),
    ("5 juillet, 2024", "2024-07-05"), ("mardi, 5 mars 2024", "2024-03-05"), ("5 FÉVRIER 2024", "2024-02-05"),
    ("March 4th, 2021", "2021-03-04"), ("1er mars 2024 - 14:05", "2024-03-01"), ("2024-02-05", "2024-02-05"),
    ("31 février 2024", None), ("il y a 3 jours", None), ("5 machin 2024", None),
])
def test_dates_in_words(text, expected):
    assert text_date(text) == expected


@pytest.mark.parametrize("url, expected", [
    ("https://ess2024.org/2020/09/22/slug/", "2020-09-22"),
    ("https://ess2024.org/2020/09/22/slug", "2020-09-22"),
    ("https://ess2024.org/?p=4312", None),
    ("https://ess2024.org/2020/13/40/slug/", None),
])
def test_url_date(url, expected):
    assert url_date(url) == expected


def test_date_chain_prefers_wordpress_then_printed_then_url():
    site, posts = Site(), {p.id: p for p in load_posts()}
    post = posts[4310]
    page = site.respond(post.path(), "http://x.test").body
    assert parse_page(page, "http://x.test" + post.path()).published == "2019-03-14T09:30:00+01:00"
    words = page.replace(b"application/ld+json", b"text/x-none").replace(b"article:published_time", b"x") \
        .replace(b'class="entry-date published"', b'class="x"').replace(b"<time", b"<span")
    # the theme's date line, in words only, is still WordPress's date
    assert parse_page(words, "http://x.test" + post.path()).published == "2019-03-14"
    bare = re.sub(rb'<div class="entry-meta">.*?</div>', b"", words, count=1, flags=re.DOTALL)
    assert parse_page(bare, "http://x.test" + post.path()).published == "2019-03-15"  # printed line
    no_line = bare.replace(b"<p>15/03/2019</p>", b"")
    assert parse_page(no_line, "http://x.test" + post.path()).published == "2019-03-14"  # URL


@pytest.mark.parametrize("local, gmt, expected", [
    ("2020-09-22T08:15:00", "2020-09-22T06:15:00", "2020-09-22T08:15:00+02:00"),
    ("2021-01-05T10:00:00", "2021-01-05T09:00:00", "2021-01-05T10:00:00+01:00"),
    ("2021-01-05T10:00:00", None, "2021-01-05T10:00:00"),
    ("not a date", "2021", None),
])
def test_rest_dates_keep_their_offset(local, gmt, expected):
    assert rest_date(local, gmt) == expected


def test_normalise_date_reads_utc_z():
    assert normalise_date("2020-09-22T06:15:00Z") == "2020-09-22T06:15:00+00:00"


# --- bad input ----------------------------------------------------------------------
INTERVIEW = """<html><head><title>3 questions à Zoé Lenoir, Gérante chez Café Été</title></head>
<body><article><h1 class="entry-title">3 questions à Zoé Lenoir, Gérante chez Café Été</h1>
<div class="entry-content"><p>1. Pourquoi un café associatif à Sète ?</p><p>Parce que la ville en manquait.</p>
<p>2. Qui le fréquente ?</p><p>Des habitués, des élèves, des touristes égarés.</p></div></article></body></html>"""


@pytest.mark.parametrize("body, code", [
    (b"", "empty"),
    (b"   \n ", "empty"),
    (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 20, "binary"),
    (b"<html><body><p>Bonjour</p></body></html>", "no-title"),
    (b"<html><head><title>3 questions \xc3\xa0 Jo, Chef chez X</title></head></html>", "no-content"),
    (b"<html><head><title>3 questions \xc3\xa0 Jo, Chef chez X</title></head><body><p>Oui ?</p></body></html>",
     "too-few-questions"),
    (b"<?xml version='1.0' encoding='utf-8'?><html><head><title>Hello</title></head><body/></html>", "not-series"),
])
def test_bad_input_gives_a_reason_not_an_exception(body, code):
    result = parse_page(body, "http://x.test/")
    assert isinstance(result, NotAnInterview)
    assert result.code == code and result.reason


def test_truncated_html_still_gives_what_is_there():
    body = INTERVIEW.encode()
    result = parse_page(body[: body.index("Des habitués".encode()) + 10], "http://x.test/")
    assert isinstance(result, Interview)
    assert [qa.question for qa in result.qa] == ["Pourquoi un café associatif à Sète ?", "Qui le fréquente ?"]


@pytest.mark.parametrize("body, content_type", [
    (INTERVIEW.encode("cp1252"), "text/html; charset=utf-8"),  # Windows-1252 labelled UTF-8
    (INTERVIEW.replace("<head>", '<head><meta charset="utf-8">').encode("cp1252"), None),
    (b"\xef\xbb\xbf" + INTERVIEW.encode("utf-8"), "text/html; charset=iso-8859-1"),  # BOM wins
    (INTERVIEW.replace("<head>", '<head><meta charset="iso-8859-1">').encode("latin-1"), None),
    (INTERVIEW.encode("utf-8"), "text/html; charset=utf-8"),
    (INTERVIEW.encode("cp1252"), None),  # declares nothing: detected
])
def test_french_accents_survive_disagreeing_charsets(body, content_type):
    result = parse_page(body, "http://x.test/", content_type)
    assert isinstance(result, Interview), result
    assert result.organisation == "Café Été"
    assert result.qa[0].question == "Pourquoi un café associatif à Sète ?"
    assert "\ufffd" not in result.qa[1].answer


def test_a_five_megabyte_page_is_parsed():
    padding = "<p>" + "remplissage " * 1000 + "</p>"
    body = INTERVIEW.replace("</article>", padding * 420 + "</article>").encode()
    assert len(body) > 5_000_000
    result = parse_page(body, "http://x.test/")
    assert isinstance(result, Interview) and result.n_questions == 2


def test_mixed_utf8_and_windows_1252_bytes_are_repaired():
    body = INTERVIEW.encode("utf-8").replace("égarés".encode(), "égarés".encode("cp1252"))
    result = parse_page(body, "http://x.test/", "text/html; charset=utf-8")
    assert result.qa[1].answer == "Des habitués, des élèves, des touristes égarés."
    assert result.encoding == "utf-8+cp1252"


def test_script_and_event_handlers_never_reach_the_answer_html():
    body = INTERVIEW.replace("Parce que la ville en manquait.",
                             'Parce que<script>alert(1)</script> la ville <img src=x onerror="alert(2)">'
                             '<a href="javascript:alert(3)">en</a> <b onclick="x()">manquait</b>.')
    result = parse_page(body.encode(), "http://x.test/")
    html = result.qa[0].answer_html
    assert "script" not in html and "onerror" not in html and "javascript" not in html
    assert "onclick" not in html and "<b>manquait</b>" in html
    assert result.qa[0].answer == "Parce que la ville en manquait."


def test_the_parser_does_not_import_scrapy():
    code = "import sys, crawler.parser; assert 'scrapy' not in sys.modules and 'twisted' not in sys.modules"
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0
