"""The role and the organisation after an interviewee's name: "Role chez Org", "Role, Org",
"Role de l’Org", "Role à l’Université X" (the rules are told in ``crawler.parser.title``)."""

from __future__ import annotations

import re

from crawler.parser.names import KINDS, is_upper, word_key, words_of

# Role heads whose bare "de" introduces a field, not the organisation ("Chargée de mission").
ROLE_HEADS_TAKING_DE = {"chargé", "chargée", "chef", "cheffe", "responsable", "maître", "maîtresse",
                        "ingénieur", "ingénieure", "attaché", "attachée", "officer", "head"}

# Role words whose link, with or without an article, says what one is in charge of
# ("chargée de l’ESS de Bondy", "vice-président en charge de l’ESS à la Métropole de Lyon").
FIELD_HEADS = {"chargé", "chargée", "chargés", "chargées", "charge"}
# Role words whose "à" says what one is in charge of ("conseiller délégué à l’ESS de la
# Ville de Nantes", "adjointe au Logement de Rennes"); with "de" they name the organisation
# ("déléguée de l’Union X").
FIELD_HEADS_AT = {"délégué", "déléguée", "délégués", "déléguées", "adjoint", "adjointe", "adjoints", "adjointes"}
# In Title Case titles a capital says nothing: these words after a link are still a field.
FIELDS = {"mission", "missions", "projet", "projets", "communication", "recherche", "développement",
          "conférences", "santé", "études", "formation", "programme", "programmes", "production",
          "partenariats", "innovation"}

ARTICLES = ("la ", "le ", "les ", "l'", "l’", "the ")

# Public bodies named by their kind and their place ("l’université de Lille", "la ville de
# Lyon", "la métropole de Rouen"): the kind is part of the name, never the role's.
PUBLIC_KINDS = frozenset({"université", "ville", "mairie", "commune", "métropole", "région", "département",
                          "préfecture", "ministère", "agglomération", "communauté", "chu", "hôpital", "lycée",
                          "collège", "académie", "rectorat"})

# Compound links first: "auprès du Réseau X", "au sein de la Coopérative Y", "à la tête de Z"
# (else "du" alone would split them and leave "auprès" in the role).
LINK = re.compile(r"\s(?P<link>(?:auprès|au\s+sein|à\s+la\s+tête)\s+(?:de|du|des|d['’])"
                  r"|de|du|des|d['’]|à|au|aux|of)(?:\s+|(?<=['’]))", re.IGNORECASE)

# "pour" introduces an organisation only before an article and a kind word ("Chargée de
# mission pour l’association X"); "pour Paris 2024", "pour les jeunes" are topics.
LINK_FOR = re.compile(r"\s(?P<link>pour)\s+(?=(?:la|le|les|l['’])\s*(?P<kind>[\w-]+))", re.IGNORECASE)
# … or before a name of two capitalised words or more that ends the title ("ambassadrice pour
# Énergies Citoyennes Loire"); a place and a year ("pour Paris 2024") stay a topic.
LINK_FOR_NAME = re.compile(r"\s(?P<link>pour)\s+(?=[A-ZÀ-ÖØ-Þ][\w'’-]*(?:\s+(?:de|du|des|d['’]|en|et|&)?\s*"
                           r"[A-ZÀ-ÖØ-Þ][\w'’-]*)+$)")

# An appositive after the organisation (", lauréat du Prix X 2021") belongs to neither.
APPOSITIVE = re.compile(r",\s+(?=[a-zà-öø-ÿ])")

LINK_AT = re.compile(r"\s(?:chez|at|@)\s+", re.IGNORECASE)
# A role, then its organisation in brackets.
TRAILING_ORG = re.compile(r"^(?P<role>[^()]+?)\s*\((?P<org>[^()]+)\)$")

# "… et porte-parole d’Org": after a candidate organisation, a lowercase word after et/&/,
# means the role goes on; not a link word before a capital ("Centre d’Éducation et de
# Formation": the name goes on).
ROLE_GOES_ON = re.compile(r"(?:\set|\s&|,)\s+(?!(?:de|du|des|d['’]|à|au|aux)(?:\s+(?:la|l['’]))?\s*[A-ZÀ-ÖØ-Þ])"
                          r"[a-zà-öø-ÿ]")

# Fields of action written in capitals, no organisation's name: "en charge de l’ESS", "de la RSE".
DOMAINS = frozenset({"ess", "rse", "iae", "odd", "rh", "tic", "ssiae"})

# Function words a Title Case title capitalises too; a name alone ("La Cordée Solidaire")
# capitalises its words but none of these after the first.
FUNCTION_WORDS = frozenset("de du des d la le les l et à au aux chez en pour sur of at the and".split())


def is_title_case(text: str) -> bool:
    """Return whether every word is capitalised, function words too ("Fondatrice De La X")."""
    words = [w for w in words_of(text) if w[0].isalpha()]
    return len(words) >= 3 and all(w[0].isupper() for w in words) \
        and any(word_key(w) in FUNCTION_WORDS or w[:2] in ("D’", "D'", "L’", "L'") for w in words[1:])



def strip_article(org: str, title_case: bool = False) -> str:
    """Return an organisation name without a lowercase leading article ("la", "l’", "the");
    a capitalised one is part of the name, except in Title Case before a kind word."""
    org = org.strip(" ,.;:")
    for article in ARTICLES:
        if org.startswith(article) or (title_case and org.casefold().startswith(article)
                                       and _title_case_article(org[len(article):].strip())):
            return unquoted(org[len(article):].strip())
    return unquoted(org)


QUOTED = re.compile(r"^[«“\"]\s*(?P<name>[^«“\"»”]+?)\s*[»”\"]$")


def unquoted(org: str) -> str:
    """Return a name without the quotes that wrap all of it ("« La Clé des Champs »"); quotes
    around a part stay ("Épicerie Solidaire « Le Panier d’Ici »")."""
    match = QUOTED.match(org) if org[:1] in "«“\"" else None
    return match.group("name") if match else org



def _title_case_article(after: str) -> bool:
    """Return whether a capitalised article before ``after`` in a Title Case title reads as
    the lowercase one (dropped): every capital is written, so "De La Fabrique Des Communs"
    reads as "de la Fabrique des Communs". Before a kind word ("La Fondation Sève") or a
    name of several words it is dropped; before one bare word ("La Fabrique") it is kept,
    as that word alone would not name the organisation."""
    words = after.split()
    return bool(words) and (word_key(words[0]) in KINDS or len(words) > 1)



def reads_as_name(text: str, title_case: bool) -> bool:
    """Return whether ``text`` (after a link word) starts with a name: a capital or a
    digit, or a kind word and a capital within four words ("entreprise adaptée Les Liens")."""
    text = strip_article(text.lstrip("«“\" "))
    words = text.split()
    if not words:
        return False
    first = words[0]
    if title_case and text.casefold().startswith(ARTICLES):
        first = words_of(text)[1] if len(words_of(text)) > 1 else first
    if is_upper(first) and not (title_case and word_key(first) in FIELDS):
        return True
    if word_key(first) in KINDS:  # "entreprise à but d’emploi de Colombelles": the name may come late
        rest = [w for w in words[1:4] if w.casefold() not in ("la", "le", "les")]
        if len(rest) > 1 and rest[0].casefold() in ("de", "du", "des") and is_upper(rest[1]) \
                and word_key(first) not in PUBLIC_KINDS:
            return False  # "création d’entreprise de la Boutique X": the kind is the role's, X the name
        return any(is_upper(w) for w in words[1:7])
    return False



def split_role(role_org: str, title_case: bool = False) -> tuple[str | None, str | None]:
    """Return (role, organisation) from "Role chez Org", "Role, Org", "Role de Org",
    "Role d’Org", "Role à l’Org"…; a text that does not split cleanly is kept as the role."""
    role, organisation = _split_role(role_org, title_case)
    if organisation:
        organisation = AFTER_ORGANISATION.sub("", organisation) or organisation
    return role, organisation


def _split_role(role_org: str, title_case: bool) -> tuple[str | None, str | None]:
    role_org = role_org.strip(" ,.;:")
    if not role_org:
        return None, None
    bracket = TRAILING_ORG.match(role_org)
    if bracket and reads_as_name(bracket.group("org"), title_case) \
            and not LINK_AT.search(bracket.group("role")) and not _link_split(bracket.group("role"), title_case)[1]:
        # "coordinateur (Réseau X)"; after an organisation, a bracket is part of it
        # ("directrice de la Fondation X (Lyon)").
        return bracket.group("role").strip(" ,") or None, strip_article(bracket.group("org"), title_case)
    at = LINK_AT.search(role_org)
    if at:
        organisation = role_org[at.end():]
        appositive = APPOSITIVE.search(organisation)
        if appositive and not title_case:  # "chez X (Rennes), vingt ans d’engagement": X (Rennes)
            organisation = organisation[: appositive.start()]
        return role_org[: at.start()].strip(" ,") or None, strip_article(organisation, title_case) or None
    lead = LEADING_LINK.match(role_org)
    if lead and reads_as_name(role_org[lead.end():], title_case):  # "Name, de la Fondation X": no role
        return None, strip_article(role_org[lead.end():], title_case)
    parts = ROLE_SEPARATOR.split(role_org, maxsplit=1)
    if len(parts) == 2 and not _link_split(parts[0], title_case)[1] and reads_as_name(parts[1], title_case):
        return parts[0], strip_article(parts[1], title_case)  # "Role, Org", "Role – Org", "Role | Org"
    if names_organisation(role_org, title_case):  # "Name, Fondation X de Lyon": no role
        return None, strip_article(role_org, title_case)
    return _link_split(role_org, title_case)


# What stands between a role and its organisation when no link word does.
ROLE_SEPARATOR = re.compile(r",\s+|\s+[–—|-]\s+")
# What a title adds after the organisation, set off by a spaced dash or a pipe ("… de l’ESAT X
# — Rencontres ESS 2024", "… | Semaine de l’ESS"): the occasion, not the organisation's name.
AFTER_ORGANISATION = re.compile(r"\s+[–—|]\s+.*$")
# An organisation named right after the interviewee, without a role ("Name, de la Fondation X").
LEADING_LINK = re.compile(r"^(?:de\s+la|de\s+l['’]|du|des|d['’]|de)(?:\s+|(?<=['’]))", re.IGNORECASE)


def names_organisation(text: str, title_case: bool) -> bool:
    """Return whether a text is an organisation's name rather than a role: it starts with a
    capitalised article ("Les Ateliers du Ruisseau"; in a Title Case title, where every
    article is capitalised, this says nothing) or a capitalised kind word ("Fondation
    Écotone")."""
    first = text.split()[0] if text.split() else ""
    if not title_case and re.match(r"^(?:La|Le|Les|L['’])(?:\s|(?<=['’])\w)", text):
        return True
    return first[:1].isupper() and word_key(first) in KINDS



def _link_split(role_org: str, title_case: bool) -> tuple[str | None, str | None]:
    appositive = APPOSITIVE.search(role_org)
    if appositive and not title_case:
        head = role_org[: appositive.start()]
        role, organisation = _link_split(head, title_case)
        if organisation:  # "Cogérant de X, lauréat du Prix Y": the organisation is X
            return role, organisation
    matches = list(LINK.finditer(role_org)) + [m for m in LINK_FOR.finditer(role_org)
                                                if word_key(m.group("kind")) in KINDS] + list(LINK_FOR_NAME.finditer(role_org))
    matches.sort(key=lambda m: m.start())
    if not title_case:
        matches = [m for m in matches if m.group("link")[0].islower()]
    candidates = []
    for match in matches:
        role, right = role_org[: match.start()].strip(), role_org[match.end():]
        if not role or not reads_as_name(right, title_case):
            continue
        bare = word_key(match.group("link")) in ("de", "d", "of") and not right.casefold().startswith(ARTICLES)
        if bare and word_key(role.split()[-1]) in ROLE_HEADS_TAKING_DE:
            continue
        candidates.append((match, role, right))
    # A compound link ("au sein de la Ville de X", "auprès du Réseau Y") names the
    # organisation: the plain links before it belong to the role ("Coordinatrice de l’ESS").
    compound = [c for c in candidates if " " in c[0].group("link").strip()]
    if compound:
        candidates = candidates[candidates.index(compound[0]):]
    for i, (match, role, right) in enumerate(candidates):
        later = candidates[i + 1:]
        if any(ROLE_GOES_ON.search(role_org[match.end():m.start() + 1]) for m, _, _ in later):
            continue
        head = word_key(role.split()[-1])
        if later and word_key((strip_article(right).split() or [""])[0]) in DOMAINS:
            continue  # "en charge de l’emploi et de l’ESS de la Métropole X": a field, then where
        if later and (head in FIELD_HEADS or (head in FIELD_HEADS_AT and word_key(match.group("link")) in ("à", "au", "aux"))):
            continue  # "chargée de l’ESS de Bondy": what she is in charge of, then where
        return within_body(role, match.group("link"), TRAILING_CHARGE.sub("", strip_article(right, title_case)))
    return role_org, None


# What one is in charge of, after the organisation with no comma ("adjoint au maire de Villebrune
# chargé de l’économie sociale"): an appositive, neither role nor organisation.
TRAILING_CHARGE = re.compile(r"\s+(?:chargée?s?|en\s+charge|déléguée?s?)\s+(?:de|du|des|d['’]|à|au|aux)(?:\s|(?<=['’])).*$")


# A body of the organisation the role belongs to ("Président du Conseil scientifique de
# l’Observatoire X"): it is part of the role, the organisation is after it.
SUB_BODY = re.compile(r"^(?P<body>(?i:(?:conseil|comité)\s+(?:scientifique|d['’]administration|de\s+surveillance|"
                      r"d['’]orientation|stratégique|de\s+pilotage|d['’]éthique|exécutif|de\s+direction)|bureau|"
                      r"(?-i:pôle|service|commission|cellule)\s+\w+))"  # a capitalised "Pôle X" is a name
                      r"\s+(?P<link>de\s+la|de|du|des|d['’]|de\s+l['’])\s*(?P<org>(?:[a-zà-öø-ÿ-]+\s+)?[A-ZÀ-ÖØ-Þ].*)$")


def within_body(role: str, link: str, organisation: str) -> tuple[str, str]:
    """Return (role, organisation), a body of the organisation moved into the role."""
    match = SUB_BODY.match(organisation)
    if match is None:
        return role, organisation
    return f"{role} {link.strip()} {match.group('body')}".replace("’ ", "’").replace("' ", "'"), \
        strip_article(match.group("org"))
