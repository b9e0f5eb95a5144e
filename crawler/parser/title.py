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

The name ends at a comma, a spaced dash or pipe, a bracket, or a colon before a word naming
people ("Name : directrice de X"; any other text after " : " is a subtitle).
The role and the organisation: ``chez``/``at``/``@`` splits first; an organisation alone
follows ("Name, de la Fondation X", "Name, Fondation X", "Name, Les Ateliers Y": no role);
then "Role, Org" (or "Role – Org", "Role | Org"); then
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

import dataclasses
import re
from dataclasses import dataclass
from html import unescape

from crawler.parser.names import (AND, APOSTROPHE, HONORIFICS, KINDS, NOT_NAMES, group_names, is_person_noun,
                                  reads_as_organisation,
                                  is_upper, looks_like_names, names_list, without_honorific, without_honorifics,
                                  word_key, words_of)
from crawler.parser.roles import (ARTICLES, LINK, LINK_AT, is_title_case, reads_as_name, split_role,
                                  strip_article, unquoted)
from crawler.parser.text import clean_text

_UP = "A-ZÀ-ÖØ-Þ"
# Capitals-only hashtag tags before the series; case-sensitive so that "#ESS2024 Les 3
# questions à retenir" never reads as a tag followed by the series.
# The series may follow the name of who asks or is asked, before a colon or a dash ("La
# Cress Bretagne : 3 questions à sa directrice, Anne Le Goff"), and a dash may stand before
# the preposition ("3 questions – à Sophie Lenoir, …"), and a bonus announced in brackets
# before it ("3 questions (et un bonus) à …", "3 questions (+1) à …").
SERIES = re.compile(
    r"^(?:(?P<prefix>[^:|#–—\[]{2,80}?)\s+[:|–—»›·•~-]\s+)?"  # "ESS 2024 » Blog Archive » 3 questions à …"
    # A label in brackets before the series ("[Interview] 3 questions à", "(Vidéo) …").
    r"(?:[\[(][^\])]{1,30}[\])]\s*(?:[–—:|-]\s*)?)?"
    rf"(?:(?-i:#[{_UP}0-9][{_UP}0-9 '’.&-]{{0,60}}?)\s*(?:[–—:|-]\s*)?)*"
    r"#?\s*(?P<count>\d|trois|three)\s*questions?\s+(?:\((?:et\s|\+|plus\s)[^()]{1,30}\)\s+)?(?:[–—:-]\s+)?"
    r"(?P<prep>à|a|au|aux|to|for)(?:\s*(?:…|\.\.\.|:))?\s+(?P<rest>\S.*)$",
    re.IGNORECASE,
)
TAGS = re.compile(r"<[^>]*>")
# Arrows, technical signs, shapes, dingbats and emoji, with the marks that make them
# pictures (variation selectors, zero-width joiner, keycap); not ©, ® or °.
PICTOGRAPHS = re.compile("[\u2190-\u2bff\U0001f000-\U0001faff\ufe0e\ufe0f\u200d\u20e3]+")
# Question or exclamation marks the title's sentence ends with (French spacing), not a name's.
SENTENCE_END = re.compile(r"\s+[?!…]+$")
DETERMINER = re.compile(r"^(?:les|nos|vos|ses|leurs|des|deux|trois|quatre|cinq|\d{1,2})\s+", re.IGNORECASE)
TOPIC = re.compile(r"\s(?:sur|about|on)\s+(?=[a-zà-öø-ÿ])")
NAME_SEPARATORS = re.compile(r",\s|\s[–—|-]\s|\s\(")
# The article before an honorific ("3 questions à la Professeure X") is not the interviewee's.
ARTICLE_HONORIFIC = re.compile(r"^(?:la|le)\s+(?=(?i:professeure?|docteure?|maître|pre?|dre?)\.?\s+[A-ZÀ-ÖØ-Þ])")
# The series' own site name after a title ("… – ESS 2024", "… | ESS 2024"): SEO templates add
# it to document titles; ``metadata`` strips any site's name, this one also reaches discovery.
SITE_SUFFIX = re.compile(r"\s+[|–—»›·•~*-]\s+(?:#?ESS\s?2024|ess2024\.org)$", re.IGNORECASE)
POSSESSIVE = re.compile(r"^(?:sa|son|ses|leur|leurs|notre|nos|votre|vos)\s+", re.IGNORECASE)
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
    # "Interview de Name, …": of the series only when the article says so (``announced_parts``).
    series_in_body: bool = False


def plain_title(title: str) -> str:
    """Return a title as one line of plain text: tags stripped, entities unescaped."""
    if "<" in title:
        title = TAGS.sub("", title)
    if "&" in title:
        title = unescape(title)
    return clean_text(title).replace("\n", " ")


def without_symbols(text: str) -> str:
    """Return text without pictographs (emoji, arrows, dingbats, their variation selectors
    and joiners): "🎙️ #3 questions à …" is of the series."""
    if text.isascii() or PICTOGRAPHS.search(text) is None:
        return text
    return " ".join(PICTOGRAPHS.sub(" ", text).split())


# The series' name set off in quotes or brackets: "« 3 questions à » Name", "[3 questions à] Name".
QUOTED_SERIES = re.compile(r"^[«“\"\[(]\s*(#?\s*(?:\d|trois|three)\s*questions?\s+(?:à|a|au|aux|to|for))\s*[»”\"\])]\s*",
                           re.IGNORECASE)


def series_match(title: str) -> re.Match[str] | None:
    """Return the match of the interview series in ``title``, or None (at once for a title
    without the word "questions": most lines and titles it is asked about)."""
    if "uestion" not in title and "UESTION" not in title:
        return None
    text = without_symbols(plain_title(title))
    if text[:1] in "«“\"[(":
        text = QUOTED_SERIES.sub(r"\1 ", text, count=1)
    return SERIES.match(text)


def is_interview_title(title: str) -> bool:
    """Return whether ``title`` belongs to the "3 questions à ..." series (as split_title),
    or may (an "Interview de Name, …" title: the article says whether it is)."""
    return split_title(title) is not None or announced_parts(title) is not None


# "Interview de Name, Role de Org", "Entretien avec Name": the series named in the article only
# ("… a accepté de répondre à nos 3 questions").
ANNOUNCING = re.compile(
    r"^(?:(?P<prefix>[^:|#–—]{2,80}?)\s+[:|–—-]\s+)?"
    rf"(?:(?-i:#[{_UP}0-9][{_UP}0-9 '’.&-]{{0,60}}?)\s*(?:[–—:|-]\s*)?)*"
    rf"(?:interview|entretien)\s+(?:de\s+|d[{APOSTROPHE}]\s*|avec\s+)(?P<rest>[{_UP}].*)$", re.IGNORECASE)
SERIES_IN_TEXT = re.compile(r"\b(?:3|trois)\s+questions\b", re.IGNORECASE)


def announced_parts(title: str) -> TitleParts | None:
    """Return what an "Interview de Name, …" title says of the interviewee, marked as of the
    series only if its article says so; None for any other title."""
    match = ANNOUNCING.match(without_symbols(plain_title(title)))
    if match is None:
        return None
    parts = split_title(f"3 questions à {match.group('rest')}")
    if parts is None or parts.kind != "person" and parts.kind != "group":
        return None
    return dataclasses.replace(parts, count=None, series_in_body=True)


COUNTDOWN = re.compile(r"^[JD]\s*[-–−]\s*\d+\b")


def _who(prep: str, rest: str) -> str | None:
    """Return the kind of interviewee ``rest`` starts with ("person", "group",
    "organisation", "described"), or None when it reads as no one (see the module)."""
    words = rest.split()
    first = words[0]
    if COUNTDOWN.match(rest):
        return None  # "3 questions à J-100": a date, no one
    article = prep.casefold() in ("au", "aux")
    lowered = first.casefold()
    if lowered in ("la", "le", "les", "nos", "vos", "ses", "leurs", "des", "deux", "trois", "quatre", "cinq", "sa", "son",
                   "leur", "notre", "votre") or \
            re.match(rf"^l[{APOSTROPHE}]", lowered):
        if first[0].isupper() and lowered in ("la", "le", "les") or re.match(rf"^L[{APOSTROPHE}]\w", first):
            after = words[1] if len(words) > 1 and " " not in first else first[2:]
            return None if word_key(after) in NOT_NAMES or not after else "organisation"
        article = True
        elided = re.match(rf"^l[{APOSTROPHE}](.+)", first)
        words = [elided.group(1)] + words[1:] if elided else words[1:]
        if not words:
            return None
        first = words[0]
    key = word_key(first)
    if first.isdigit() and len(first) <= 2 and len(words) > 1 and is_person_noun(words[1]):
        return "described"  # "3 questions à 3 entrepreneuses du réemploi"
    if not first[0].isalpha() or key in NOT_NAMES:
        return None
    if key in HONORIFICS and len(words) > 1:
        return "person"
    if first[0].isupper():
        # An acronym first ("ESS France", "ADIE Ocre") names an organisation, not a person;
        # initials ("J.-P. Morel", "A. Martin") a person.
        acronym = len(first) > 1 and first.isupper() and not rest.isupper() and not first.endswith(".")
        return "organisation" if article or key in KINDS or acronym else "person"
    if key in KINDS and any(is_upper(w) for w in words[1:4]):
        return "organisation"
    if is_person_noun(first) or key in COLLECTIVE:
        return "described"  # "aux salariés de X", "au conseil d’administration de X"
    return None


# Kinds a title writes in lower case before an organisation's own name ("de l’association Les
# Liens", "de la recyclerie Le Grenier", "de l’entreprise adaptée Atelier Horizon"): they say
# what it is, its name is what follows. Public bodies and foundations keep theirs ("université
# Paris-Saclay", "fondation Abbé Pierre" name themselves so), as does a kind before a link
# ("régie de quartier des Grands Champs").
DESCRIPTIVE_KINDS = frozenset({"association", "associations", "recyclerie", "ressourcerie", "entreprise", "épicerie",
                               "tiers-lieu", "tiers-lieux", "collectif", "réseau", "coopérative", "ferme", "librairie",
                               "cantine", "café", "restaurant", "chantier", "structure", "plateforme", "start-up",
                               "startup", "jardin", "jardins", "atelier", "ateliers", "accorderie", "centre", "scop",
                               "scic", "société", "boutique", "brasserie", "boulangerie", "garage", "friche", "écolieu",
                               "éco-lieu", "fablab", "pépinière", "incubateur", "monnaie", "foncière", "festival",
                               "régie", "mutuelle", "amap", "fédération"})
NAME_LINKS = frozenset({"de", "du", "des", "d", "à", "au", "aux", "of", "et", "en", "pour", "sur"})


def own_name(organisation: str | None) -> str | None:
    """Return an organisation's own name without the lowercase kind before it ("recyclerie
    Les Mains Vertes" -> "Les Mains Vertes"); any other name as it is."""
    if not organisation or not organisation[:1].islower() or word_key(organisation.split()[0]) not in DESCRIPTIVE_KINDS:
        return organisation
    words = organisation.split()
    for index, word in enumerate(words[1:], start=1):
        if word[:1].isupper() or word[:1].isdigit() or word[:1] in "«“\"":
            if words[index - 1].casefold() in NAME_LINKS:
                return organisation  # "régie de quartier des Grands Champs": the kind is the name's
            return unquoted(" ".join(words[index:]))
        if re.match(rf"^[dl][{APOSTROPHE}][{_UP}]", word):
            return organisation  # "maison d’Ulysse": the kind and a name linked, one name
    return organisation


def split_title(title: str) -> TitleParts | None:
    """Return the interviewee, role and organisation named by an interview title, or None
    when the title is not of the series."""
    parts = _split_title(title)
    if parts is None or not parts.organisation:
        return parts
    organisation = own_name(parts.organisation)
    if organisation == parts.organisation:
        return parts
    if parts.kind == "organisation":  # "3 questions à l’association Pas à Pas": Pas à Pas is asked
        return dataclasses.replace(parts, organisation=organisation, interviewee=organisation, name=organisation)
    return dataclasses.replace(parts, organisation=organisation)


def _split_title(title: str) -> TitleParts | None:
    match = series_match(title)
    if match is None:
        return None
    # A subtitle after " : " ("… : « Nous voulons agir »") says nothing about the interviewee.
    rest, _, subtitle = match.group("rest").partition(" : ")
    if subtitle and not NAME_SEPARATORS.search(rest) and is_person_noun((words_of(subtitle) or [""])[0]):
        rest, subtitle = f"{rest}, {subtitle}", ""  # "Name : directrice de X" is no subtitle
    rest = SENTENCE_END.sub("", SITE_SUFFIX.sub("", rest)).strip(" .")
    rest = ARTICLE_HONORIFIC.sub("", rest)
    prep = match.group("prep").casefold()
    who = _who(prep, rest)
    if who is None:
        return None
    count_word = match.group("count").casefold()
    count = int(count_word) if count_word.isdigit() else 3
    language = "en" if prep in ("to", "for") else "fr"
    title_case = is_title_case(rest)
    if who == "organisation":
        return _organisation(rest, language, count, title_case)
    if who == "described":
        parts = _described(prep, rest, language, count, title_case, subtitle.strip(" ."))
        prefix = (match.group("prefix") or "").strip()
        if parts.organisation is None and prefix and POSSESSIVE.match(rest):
            # "La Cress Bretagne : 3 questions à sa directrice, Anne Le Goff": hers is the prefix's.
            described = POSSESSIVE.sub("", rest)
            role = (described.rpartition(", ")[0] if parts.name else described).strip()
            return TitleParts(parts.interviewee, role, prefix_organisation(prefix), language, count,
                              parts.name, parts.kind)
        return parts
    group = group_names(rest)
    if group and not group[1] and reads_as_organisation(rest):
        group = None  # "3 questions à Récup’ & Co Vannes": one organisation, no one
    if group:
        names, tail = group
        role, organisation = split_role(tail, title_case)
        return TitleParts(names, role, organisation, language, count, without_honorifics(names),
                          "group", _warnings(tail, role, organisation))
    separator = NAME_SEPARATORS.search(rest)
    if not separator:
        return _name_only(rest, language, count, title_case)
    name, role_org = rest[: separator.start()].strip(), rest[separator.end():]
    if separator.group(0) == " (":
        inside, _, after = role_org.partition(")")
        role, organisation = split_role(inside, title_case)
        if organisation and role and (_names_organisation(role) or _is_name_word(role.split()[0])):
            # "Name (Les Ateliers du Ruisseau)": the parenthesis is the organisation alone, as
            # written (no link word before it: a capitalised article is the name's, Title Case or not).
            role, organisation = None, strip_article(inside)
        if organisation is None and role and reads_as_name(role, title_case):
            role, organisation = None, strip_article(role)
        if after.strip(" ,–—-"):
            role = role or after.strip(" ,–—-")
        return TitleParts(name, role, organisation, language, count, without_honorific(name), "person",
                          _warnings(inside, role, organisation))
    role, organisation = split_role(role_org, title_case)
    if organisation is None and role and len(role.split()) > 1 and _is_name_word(role.split()[0]) \
            and not any(is_person_noun(word) for word in role.split()):
        role, organisation = None, strip_article(role, title_case)  # "Name, Terre Vive": no role word, a name
    return TitleParts(name, role, organisation, language, count, without_honorific(name), "person",
                      _warnings(role_org, role, organisation))


# Regional bodies named by an acronym often written in lower case ("la Cress Bretagne").
ACRONYM_KINDS = {"cress", "cres", "urscop", "udes", "apes", "uriopss", "fnars"}


def prefix_organisation(prefix: str) -> str:
    """Return the organisation a title starts with: its article, capitalised only because it
    starts the title, dropped before an acronym ("La Cress Occitanie" -> "Cress Occitanie");
    an article before a word is part of the name ("L’Atelier du Vélo", "La Clé des Champs")."""
    words = prefix.split()
    if len(words) > 1 and words[0].casefold() in ("la", "le", "les"):
        after = words[1]
        if word_key(after) in ACRONYM_KINDS or (len(after) > 1 and after.isupper()):
            return " ".join(words[1:])
    elided = re.match(rf"^L[{APOSTROPHE}](?P<rest>(?P<word>[\w-]+).*)$", prefix)
    if elided and (word_key(elided.group("word")) in ACRONYM_KINDS or elided.group("word").isupper()):
        return elided.group("rest")
    return prefix


def _is_name_word(word: str) -> bool:
    """Return whether the first word of a parenthesis starts a name, not a role: capitalised,
    no person noun ("Coop des Monts", not "Présidente de La Ruche"), not an acronym ("DG")."""
    return word[:1].isupper() and not word.isupper() and not is_person_noun(word)


def _names_organisation(role: str) -> bool:
    """Return whether the role split from a parenthesis starts an organisation's name rather
    than a role: a capitalised article ("Les Ateliers"), a kind word ("Fédération des X")
    or an acronym ("ESS France")."""
    first = role.split()[0]
    if first[0].isupper() and (first.casefold() in ("la", "le", "les", "the")
                               or re.match(rf"^L[{APOSTROPHE}]\w", first)):
        return True
    return (word_key(first) in KINDS or (len(first) > 1 and first.isupper())) and not is_person_noun(first)


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
        return TitleParts(name, None, organisation, language, count, without_honorific(name), "person",
                          warnings)
    for match in LINK.finditer(rest):
        right = rest[match.end():]
        after = (words_of(strip_article(right)) or [""])[0]
        if right.startswith(ARTICLES) or match.group("link") in ("du", "des"):
            if word_key(after) in KINDS and looks_like_names(rest[: match.start()]):
                name = rest[: match.start()]
                return TitleParts(name, None, strip_article(right), language, count, without_honorific(name),
                                  "person", ("title: no role found after the name",))
    if word_key(rest.split()[0]) not in HONORIFICS and reads_as_organisation(rest):  # "3 questions à France Bénévolat Ardèche": no one, an organisation
        return TitleParts(rest, None, rest, language, count, rest, "organisation")
    return TitleParts(rest, None, None, language, count, without_honorific(rest), "person", warnings)


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


# Nouns that name several people at once ("3 questions à l’équipe de X"): a group.
COLLECTIVE = frozenset({"équipe", "equipe", "bureau", "comité", "comite", "direction", "coordination", "conseil"})


def _described(prep: str, rest: str, language: str, count: int, title_case: bool,
               subtitle: str = "") -> TitleParts:
    """Return the parts of "3 questions aux fondatrices de X[, A et B]" (or "… de X : A, B
    et C"): people named by their role, their names (when given) after a comma or colon."""
    description, names = rest, ""
    head, comma, tail = rest.rpartition(", ")
    if comma and looks_like_names(tail):
        description, names = head, tail
    elif subtitle and names_list(subtitle):
        names = subtitle
    description = strip_article(description)
    role, organisation = split_role(DETERMINER.sub("", description), title_case)
    first = words_of(description)[0]
    plural = prep == "aux" or bool(DETERMINER.match(rest)) or first.endswith(("s", "x")) \
        or first.casefold() in COLLECTIVE
    kind = "group" if plural or AND.search(names) else "person"
    interviewee = names or description
    name = without_honorifics(names) if names else description  # "équipe de X" is cited so
    warnings = () if organisation else (f"title: organisation not found in '{description}'",)
    if organisation is None:  # "à notre présidente, Anne Roy": the description is the role when names follow it
        role = POSSESSIVE.sub("", description) if names else None
    return TitleParts(interviewee, role, organisation, language, count, name, kind, warnings)
