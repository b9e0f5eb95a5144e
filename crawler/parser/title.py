"""The interview series in a title: "3 questions à Name, Role chez Organisation".

A title is read in three steps.

1. Plain text: tags are stripped and HTML entities unescaped first (REST ``title.rendered``
   gives ``&#8211;``, ``&#8217;``, ``&amp;``, ``&nbsp;``), so raw and plain titles read alike.
2. The series: optional hashtag tags in capitals (``#ESS 2024 – ``, ``#ESS2024 ``,
   ``#TOURNÉE ESS 2024 – ``), then ``3``/``Trois``/``three``, ``question(s)``, and ``à``, ``a``,
   ``au``, ``aux``, ``to`` or ``for``, at the very start of the title.
3. Who is asked. What follows the preposition must read as a person, a group or an
   organisation, else the title is not an interview ("3 questions à se poser", "à propos
   du budget", "à l’ordre du jour", "à choix multiples"):

   - a capitalised first word that is not a known non-name word (``Propos``, ``Se``,
     ``Retenir``… matter in Title Case titles) is a person, or several joined by ``et``/``&``
     (a group); a capitalised article (``La Ruche``) or a kind word (``Coopérative X``)
     makes it an organisation, as does a lowercase article or ``au``/``aux`` before a
     capitalised name (``à la Coopérative X``, ``au Collectif Y``);
   - an honorific (``Professeur``, ``Dr``, ``Maître``…) is a person, kept in ``interviewee``
     and dropped from ``name``;
   - a lowercase kind word followed by a capitalised name (``à l’association Les Liens``)
     is an organisation, named as written without its article (``association Les Liens``);
   - a lowercase person noun (``aux fondatrices de X``, ``à la directrice de Y``) describes
     the interviewee(s); names after a comma replace the description as ``interviewee``;
   - anything else lowercase (an infinitive, a pronoun, a common noun), a digit or a
     punctuation mark is not an interview.

The role and the organisation: ``chez``/``at``/``@`` splits first; then "Role, Org"; then
the first link word (``de``, ``du``, ``des``, ``d’``, ``à``, ``au``, ``aux``, ``of``) whose right
side reads as a name (a capital, a digit, or a kind word then a capital) and does not go on
with another role ("Prix Nobel de la Paix et porte-parole d’Org": the organisation is "Org").
Lowercase articles are dropped from the organisation, capitalised ones are part of its
name ("de La Fabrique" -> "La Fabrique"); in a Title Case title, where every word is
capitalised, "De La Fabrique Des Communs" reads as the lowercase "de la Fabrique des
Communs" (the article is kept only before one bare word). In "Name (X)", X starting with a
capitalised article, a kind word or an acronym is the organisation alone. A role head such as "Chargée" keeps its bare
"de" ("Chargée de Communication de X"). A title that does not split cleanly still gives
parts, with ``warnings`` saying why.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from html import unescape

from crawler.parser.text import clean_text

_UP = "A-ZÀ-ÖØ-Þ"
# Capitals-only hashtag tags before the series; case-sensitive so that "#ESS2024 Les 3
# questions à retenir" never reads as a tag followed by the series.
SERIES = re.compile(
    rf"^(?:(?-i:#[{_UP}0-9][{_UP}0-9 '’.&-]{{0,60}}?)\s*(?:[–—:|-]\s*)?)*"
    r"#?\s*(?P<count>\d|trois|three)\s*questions?\s+"
    r"(?P<prep>à|a|au|aux|to|for)(?:\s*(?:…|\.\.\.))?\s+(?P<rest>\S.*)$",
    re.IGNORECASE,
)
TAGS = re.compile(r"<[^>]*>")
APOSTROPHE = "'’ʼ"
HONORIFICS = {"professeur", "professeure", "pr", "prof", "docteur", "docteure", "dr", "maître", "me",
              "monsieur", "madame", "m", "mme", "mgr", "professor"}
# Words that make what follows "à" something other than a name, even capitalised (Title Case).
NOT_NAMES = {"se", "s", "ne", "n", "y", "en", "propos", "choix", "ce", "cet", "cette", "ces", "ceux",
             "celles", "tout", "tous", "toute", "toutes", "quoi", "qui", "que", "quel", "quelle",
             "quels", "quelles", "poser", "retenir", "trancher", "savoir", "venir", "suivre",
             "méditer", "débattre", "résoudre", "régler", "éviter", "connaître",
             "comprendre", "garder", "lire", "voir", "ordre", "une", "veille", "rentrée", "loupe",
             "suite", "fin", "approche", "horizon", "étude", "épreuve", "affiche", "honneur",
             "heure", "occasion", "lumière", "question", "questions", "réponses", "vous", "nous",
             "moi", "toi", "lui", "eux", "elle", "elles", "chaud", "froid", "mi", "partir",
             "travers", "cause", "quelques", "plusieurs", "sujet", "sujets"}
# Kinds of organisation written before its name ("l’association Les Liens", "la SCOP X").
KINDS = {"association", "associations", "entreprise", "coopérative", "scop", "scic", "cae", "fondation",
         "fédération", "mutuelle", "collectif", "réseau", "agence", "université", "mairie", "ville",
         "commune", "région", "département", "conseil", "cabinet", "groupe", "société", "institut",
         "centre", "école", "fonds", "union", "maison", "atelier", "ateliers", "tiers-lieu",
         "épicerie", "recyclerie", "ressourcerie", "régie", "plateforme", "start-up", "startup",
         "compagnie", "chantier", "esat", "établissement", "club", "comité", "syndicat", "banque",
         "caisse", "office", "incubateur", "foyer", "cité", "communauté", "métropole",
         "préfecture", "ministère", "collège", "lycée", "laboratoire", "observatoire", "festival",
         "café", "chambre", "cercle", "mouvement", "alliance"}
# Lowercase nouns naming people ("aux fondatrices de X", "aux bénévoles du quartier").
PERSON_STEMS = ("fondat", "cofondat", "co-fondat", "présid", "coprésid", "co-présid", "vice", "direct",
                "codirect", "co-direct", "gérant", "cogérant", "co-gérant", "coordinat", "responsable",
                "chargé", "chef",
                "délégué", "secrétaire", "trésori", "membre", "administrat", "conseill", "maire",
                "adjoint", "élu", "député", "sénat", "chercheu", "chercheur", "doctorant",
                "ingénieu", "avocat", "médiat", "associé", "animat", "consultant", "porte-parole",
                "bénévole", "salarié", "habitant", "jeune", "équipe", "lauréat", "partenaire",
                "acteur", "actrice", "porteu", "porteur", "créat", "entrepreneu", "dirigeant",
                "organisat", "représentant", "candidat", "étudiant", "agent", "athlète", "sportif", "sportive",
                "artiste", "parent", "enseignant", "professeur", "médecin", "infirmi", "cadre",
                "militant", "volontaire", "stagiaire", "apprenti", "bénéficiaire", "usager",
                "maîtresse", "maître", "pilote", "capitaine", "ambassad", "expert", "experte")
# Role heads whose bare "de" introduces a field, not the organisation ("Chargée de mission").
ROLE_HEADS_TAKING_DE = {"chargé", "chargée", "chef", "cheffe", "responsable", "maître", "maîtresse",
                        "ingénieur", "ingénieure", "attaché", "attachée", "officer", "head"}
# In Title Case titles a capital says nothing: these words after a link are still a field.
FIELDS = {"mission", "missions", "projet", "projets", "communication", "recherche", "développement",
          "conférences", "santé", "études", "formation", "programme", "programmes", "production",
          "partenariats", "innovation"}
ARTICLES = ("la ", "le ", "les ", "l'", "l’", "the ")
# Compound links first: "auprès du Réseau X", "au sein de la Coopérative Y", "à la tête de Z"
# (else "du" alone would split them and leave "auprès" in the role).
LINK = re.compile(r"\s(?P<link>(?:auprès|au\s+sein|à\s+la\s+tête)\s+(?:de|du|des|d['’])"
                  r"|de|du|des|d['’]|à|au|aux|of)(?:\s+|(?<=['’]))", re.IGNORECASE)
# "pour" introduces an organisation only before an article and a kind word ("Chargée de
# mission pour l’association X"); "pour Paris 2024", "pour les jeunes" are topics.
LINK_FOR = re.compile(r"\s(?P<link>pour)\s+(?=(?:la|le|les|l['’])\s*(?P<kind>[\w-]+))", re.IGNORECASE)
# An appositive after the organisation (", lauréat du Prix X 2021") belongs to neither.
APPOSITIVE = re.compile(r",\s+(?=[a-zà-öø-ÿ])")
LINK_AT = re.compile(r"\s(?:chez|at|@)\s+", re.IGNORECASE)
# "… et porte-parole d’Org": after a candidate organisation, a lowercase word after et/&/,
# means the role goes on.
ROLE_GOES_ON = re.compile(r"(?:\set|\s&|,)\s+[a-zà-öø-ÿ]")
DETERMINER = re.compile(r"^(?:les|nos|vos|ses|leurs|des|deux|trois|quatre)\s+", re.IGNORECASE)
TOPIC = re.compile(r"\s(?:sur|about|on)\s+(?=[a-zà-öø-ÿ])")
NAME_SEPARATORS = re.compile(r",\s|\s[–—-]\s|\s\(")
AND = re.compile(r"\s(?:et|&|and)\s")
PARTICLES = {"de", "du", "des", "d", "le", "la", "van", "von", "der", "den", "ben", "bin", "el", "al",
             "da", "di", "dos", "et", "&", "and"}


@dataclass(frozen=True)
class TitleParts:
    """What an interview title says about the interviewee.

    ``kind`` is "person", "group" or "organisation"; ``name`` is ``interviewee`` without
    honorifics (for citations); ``warnings`` say why a title did not split cleanly."""

    interviewee: str
    role: str | None
    organisation: str | None
    language: str
    count: int | None
    name: str | None = None
    kind: str = "person"
    warnings: tuple[str, ...] = ()


def plain_title(title: str) -> str:
    """Return a title as one line of plain text: tags stripped, entities unescaped."""
    if "<" in title:
        title = TAGS.sub("", title)
    if "&" in title:
        title = unescape(title)
    return clean_text(title).replace("\n", " ")


def series_match(title: str) -> re.Match[str] | None:
    """Return the match of the interview series in ``title``, or None."""
    return SERIES.match(plain_title(title))


def is_interview_title(title: str) -> bool:
    """Return whether ``title`` belongs to the "3 questions à ..." series (as split_title)."""
    return split_title(title) is not None


WORD = re.compile(rf"[\w{APOSTROPHE}-]+")
ELIDED = re.compile(rf"^[ld][{APOSTROPHE}]")


def _words(text: str) -> list[str]:
    return WORD.findall(text)


@lru_cache(maxsize=4096)  # the same few words, title after title
def _key(word: str) -> str:
    """Return a word's comparison form: lowercase, elided article and final period dropped."""
    word = word.casefold().rstrip(".")
    return ELIDED.sub("", word) if len(word) > 2 else word.strip(APOSTROPHE)


def _is_upper(word: str) -> bool:
    return bool(word) and (word[0].isupper() or word[0].isdigit())


def _is_person_noun(word: str) -> bool:
    return _key(word).startswith(PERSON_STEMS)


def _title_case(text: str) -> bool:
    """Return whether every word is capitalised, function words too ("Fondatrice De La X")."""
    words = [w for w in _words(text) if w[0].isalpha()]
    return len(words) >= 3 and all(w[0].isupper() for w in words)


def strip_article(org: str, title_case: bool = False) -> str:
    """Return an organisation name without a lowercase leading article ("la", "l’", "the");
    a capitalised one is part of the name, except in Title Case before a kind word."""
    org = org.strip(" ,.;:")
    for article in ARTICLES:
        if org.startswith(article) or (title_case and org.casefold().startswith(article)
                                       and _title_case_article(org[len(article):].strip())):
            return org[len(article):].strip()
    return org


def _title_case_article(after: str) -> bool:
    """Return whether a capitalised article before ``after`` in a Title Case title reads as
    the lowercase one (dropped): every capital is written, so "De La Fabrique Des Communs"
    reads as "de la Fabrique des Communs". Before a kind word ("La Fondation Sève") or a
    name of several words it is dropped; before one bare word ("La Fabrique") it is kept,
    as that word alone would not name the organisation."""
    words = after.split()
    return bool(words) and (_key(words[0]) in KINDS or len(words) > 1)


def _reads_as_name(text: str, title_case: bool) -> bool:
    """Return whether ``text`` (after a link word) starts with a name: a capital or a
    digit, or a kind word and a capital within three words ("entreprise adaptée Les Liens")."""
    text = strip_article(text)
    words = text.split()
    if not words:
        return False
    first = words[0]
    if title_case and text.casefold().startswith(ARTICLES):
        first = _words(text)[1] if len(_words(text)) > 1 else first
    if _is_upper(first) and not (title_case and _key(first) in FIELDS):
        return True
    if _key(first) in KINDS:
        return any(_is_upper(w) for w in words[1:4])
    return False


def split_role(role_org: str, title_case: bool = False) -> tuple[str | None, str | None]:
    """Return (role, organisation) from "Role chez Org", "Role, Org", "Role de Org",
    "Role d’Org", "Role à l’Org"…; a text that does not split cleanly is kept as the role."""
    role_org = role_org.strip(" ,.;:")
    if not role_org:
        return None, None
    at = LINK_AT.search(role_org)
    if at:
        return role_org[: at.start()].strip(" ,") or None, strip_article(role_org[at.end():], title_case) or None
    first, comma, others = role_org.partition(", ")
    if comma and not _link_split(first, title_case)[1] and _reads_as_name(others, title_case):
        return first, strip_article(others, title_case)
    return _link_split(role_org, title_case)


def _link_split(role_org: str, title_case: bool) -> tuple[str | None, str | None]:
    appositive = APPOSITIVE.search(role_org)
    if appositive and not title_case:
        head = role_org[: appositive.start()]
        role, organisation = _link_split(head, title_case)
        if organisation:  # "Cogérant de X, lauréat du Prix Y": the organisation is X
            return role, organisation
    matches = list(LINK.finditer(role_org)) + [m for m in LINK_FOR.finditer(role_org)
                                                if _key(m.group("kind")) in KINDS]
    matches.sort(key=lambda m: m.start())
    if not title_case:
        matches = [m for m in matches if m.group("link")[0].islower()]
    candidates = []
    for match in matches:
        role, right = role_org[: match.start()].strip(), role_org[match.end():]
        if not role or not _reads_as_name(right, title_case):
            continue
        bare = _key(match.group("link")) in ("de", "d", "of") and not right.casefold().startswith(ARTICLES)
        if bare and _key(role.split()[-1]) in ROLE_HEADS_TAKING_DE:
            continue
        candidates.append((match, role, right))
    for i, (match, role, right) in enumerate(candidates):
        later = candidates[i + 1:]
        if any(ROLE_GOES_ON.search(role_org[match.end():m.start() + 1]) for m, _, _ in later):
            continue
        return role, strip_article(right, title_case)
    return role_org, None


def _name_without_honorific(name: str) -> str:
    """Return a person's name without leading honorifics ("Professeur Jean Dupuis" -> "Jean Dupuis")."""
    words = name.split()
    while len(words) > 1 and _key(words[0]) in HONORIFICS:
        words = words[1:]
    return " ".join(words)


def _names_without_honorifics(names: str) -> str:
    """Return names joined by et/&/commas, each without its honorific."""
    parts = re.split(r"(\s(?:et|&|and)\s|,\s)", names)
    return "".join(part if i % 2 else _name_without_honorific(part) for i, part in enumerate(parts))


def _looks_like_names(text: str) -> bool:
    """Return whether ``text`` is made of names: capitalised words and particles only, and
    not a role ("Fondatrice et Présidente")."""
    words = _words(text)
    return bool(words) and not _is_person_noun(words[0]) and all(
        _is_upper(w) or _key(w) in PARTICLES for w in words)


NAME_CHARS = re.compile(rf"[\w\s{APOSTROPHE}.-]+")


def _names_list(text: str) -> bool:
    """Return whether ``text`` is only people's names ("A B", "A B, C D et E F"): each of two
    to four capitalised words, so that a Title Case subtitle of one or two words is not one."""
    people = [p for p in re.split(r",\s|\s(?:et|&|and)\s", text) if p.strip()]
    return bool(people) and all(NAME_CHARS.fullmatch(p) and _looks_like_names(p) and 2 <= len(_words(p)) <= 4
                                and not any(_key(w) in KINDS or _key(w) in NOT_NAMES for w in _words(p))
                                for p in people)


def _group_names(rest: str) -> tuple[str, str] | None:
    """Return (names, what follows) when ``rest`` starts with names joined by et/& ("A et
    B, cofondateurs de X", "A, B et C – fondatrices de X"), else None."""
    segments = rest.split(", ")
    for i, segment in enumerate(segments):
        head = re.split(r"\s[–—-]\s", segment, maxsplit=1)
        if not _looks_like_names(head[0]) and not (i == 0 and AND.search(head[0]) and
                                                   all(_looks_like_names(p) for p in AND.split(head[0]))):
            return None
        if AND.search(head[0]):
            tail = ", ".join(([head[1]] if len(head) > 1 else []) + segments[i + 1:])
            return ", ".join(segments[:i] + [head[0]]), tail
    return None


def _who(prep: str, rest: str) -> str | None:
    """Return the kind of interviewee ``rest`` starts with ("person", "group",
    "organisation", "described"), or None when it reads as no one (see the module)."""
    words = rest.split()
    first = words[0]
    article = prep.casefold() in ("au", "aux")
    lowered = first.casefold()
    if lowered in ("la", "le", "les", "nos", "vos", "ses", "leurs", "des", "deux", "trois", "quatre") or \
            re.match(rf"^l[{APOSTROPHE}]", lowered):
        if first[0].isupper() and lowered in ("la", "le", "les") or re.match(rf"^L[{APOSTROPHE}]\w", first):
            after = words[1] if len(words) > 1 and " " not in first else first[2:]
            return None if _key(after) in NOT_NAMES or not after else "organisation"
        article = True
        elided = re.match(rf"^l[{APOSTROPHE}](.+)", first)
        words = [elided.group(1)] + words[1:] if elided else words[1:]
        if not words:
            return None
        first = words[0]
    key = _key(first)
    if not first[0].isalpha() or key in NOT_NAMES:
        return None
    if key in HONORIFICS and len(words) > 1:
        return "person"
    if first[0].isupper():
        # An acronym first ("ESS France", "ADIE Ocre") names an organisation, not a person.
        acronym = len(first) > 1 and first.isupper() and not rest.isupper()
        return "organisation" if article or key in KINDS or acronym else "person"
    if key in KINDS and any(_is_upper(w) for w in words[1:4]):
        return "organisation"
    if _is_person_noun(first):
        return "described"
    return None


def split_title(title: str) -> TitleParts | None:
    """Return the interviewee, role and organisation named by an interview title, or None
    when the title is not of the series."""
    match = series_match(title)
    if match is None:
        return None
    # A subtitle after " : " ("… : « Nous voulons agir »") says nothing about the interviewee.
    rest, _, subtitle = match.group("rest").partition(" : ")
    rest = rest.strip(" .")
    prep = match.group("prep").casefold()
    who = _who(prep, rest)
    if who is None:
        return None
    count_word = match.group("count").casefold()
    count = int(count_word) if count_word.isdigit() else 3
    language = "en" if prep in ("to", "for") else "fr"
    title_case = _title_case(rest)
    if who == "organisation":
        return _organisation(rest, language, count, title_case)
    if who == "described":
        return _described(prep, rest, language, count, title_case, subtitle.strip(" ."))
    group = _group_names(rest)
    if group:
        names, tail = group
        role, organisation = split_role(tail, title_case)
        return TitleParts(names, role, organisation, language, count, _names_without_honorifics(names),
                          "group", _warnings(tail, role, organisation))
    separator = NAME_SEPARATORS.search(rest)
    if not separator:
        return _name_only(rest, language, count, title_case)
    name, role_org = rest[: separator.start()].strip(), rest[separator.end():]
    if separator.group(0) == " (":
        inside, _, after = role_org.partition(")")
        role, organisation = split_role(inside, title_case)
        if organisation and role and _names_organisation(role):
            # "Name (Les Ateliers du Ruisseau)": the parenthesis is the organisation alone.
            role, organisation = None, strip_article(inside, title_case)
        if organisation is None and role and _reads_as_name(role, title_case):
            role, organisation = None, strip_article(role)
        if after.strip(" ,–—-"):
            role = role or after.strip(" ,–—-")
        return TitleParts(name, role, organisation, language, count, _name_without_honorific(name), "person",
                          _warnings(inside, role, organisation))
    role, organisation = split_role(role_org, title_case)
    return TitleParts(name, role, organisation, language, count, _name_without_honorific(name), "person",
                      _warnings(role_org, role, organisation))


def _names_organisation(role: str) -> bool:
    """Return whether the role split from a parenthesis starts an organisation's name rather
    than a role: a capitalised article ("Les Ateliers"), a kind word ("Fédération des X")
    or an acronym ("ESS France")."""
    first = role.split()[0]
    if first[0].isupper() and (first.casefold() in ("la", "le", "les", "the")
                               or re.match(rf"^L[{APOSTROPHE}]\w", first)):
        return True
    return (_key(first) in KINDS or (len(first) > 1 and first.isupper())) and not _is_person_noun(first)


def _name_only(rest: str, language: str, count: int, title_case: bool) -> TitleParts:
    """Return the parts of a title without a comma or dash after the name: "Name", "Name
    chez Org", "Name de la Fondation X" (a kind word after an article), "Name sur le sujet"."""
    topic = TOPIC.search(rest)
    warnings = ("title: no role/organisation found after the name",)
    if topic:
        rest = rest[: topic.start()]
    at = LINK_AT.search(rest)
    if at:
        name, organisation = rest[: at.start()], strip_article(rest[at.end():], title_case)
        warnings = ("title: no role found after the name",)
        return TitleParts(name, None, organisation, language, count, _name_without_honorific(name), "person",
                          warnings)
    for match in LINK.finditer(rest):
        right = rest[match.end():]
        after = (_words(strip_article(right)) or [""])[0]
        if right.startswith(ARTICLES) or match.group("link") in ("du", "des"):
            if _key(after) in KINDS and _looks_like_names(rest[: match.start()]):
                name = rest[: match.start()]
                return TitleParts(name, None, strip_article(right), language, count, _name_without_honorific(name),
                                  "person", ("title: no role found after the name",))
    return TitleParts(rest, None, None, language, count, _name_without_honorific(rest), "person", warnings)


def _warnings(role_org: str, role: str | None, organisation: str | None) -> tuple[str, ...]:
    if not role_org.strip(" ,.;:–—-"):
        return ("title: no role/organisation found after the name",)
    if organisation is None:
        return (f"title: organisation not found in '{role_org.strip(' ,.;:')}'",)
    return ()


def _organisation(rest: str, language: str, count: int, title_case: bool) -> TitleParts:
    """Return the parts of "3 questions à la Coopérative X[, description]"."""
    separator = NAME_SEPARATORS.search(rest)
    name = rest[: separator.start()] if separator else rest
    tail = rest[separator.end():].strip(" ,)–—-") if separator else ""
    organisation = strip_article(name, title_case=True) if title_case else strip_article(name)
    return TitleParts(organisation, tail or None, organisation, language, count, organisation, "organisation")


def _described(prep: str, rest: str, language: str, count: int, title_case: bool,
               subtitle: str = "") -> TitleParts:
    """Return the parts of "3 questions aux fondatrices de X[, A et B]" (or "… de X : A, B
    et C"): people named by their role, their names (when given) after a comma or colon."""
    description, names = rest, ""
    head, comma, tail = rest.rpartition(", ")
    if comma and _looks_like_names(tail):
        description, names = head, tail
    elif subtitle and _names_list(subtitle):
        names = subtitle
    description = strip_article(description)
    role, organisation = split_role(DETERMINER.sub("", description), title_case)
    plural = prep == "aux" or bool(DETERMINER.match(rest)) or _words(description)[0].endswith(("s", "x"))
    kind = "group" if plural or AND.search(names) else "person"
    interviewee = names or description
    name = _names_without_honorifics(names) if names else None
    warnings = () if organisation else (f"title: organisation not found in '{description}'",)
    return TitleParts(interviewee, role if organisation else None, organisation, language, count, name, kind,
                      warnings)
