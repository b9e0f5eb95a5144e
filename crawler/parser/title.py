"""The interview series in a title: "3 questions à Name, Role chez Organisation"."""

from __future__ import annotations

import re
from dataclasses import dataclass

from crawler.parser.text import clean_text

# "#3 questions à", "3 questions au", "#3 question à" (singular), "3 Questions À", "3 questions
# aux", an English "3 questions to"; an optional hashtag tag before it ("#ESS2024 – ").
SERIES = re.compile(
    r"^(?:#[^#–—-]{1,40}[–—-]\s*)?#?\s*(?P<count>\d|trois|three)\s+questions?\s+"
    r"(?P<prep>à|a|au|aux|to|for)\s+(?P<rest>\S.*)$",
    re.IGNORECASE,
)
# Role heads whose "de" introduces a field, not the organisation ("Chargée de mission").
ROLE_HEADS_TAKING_DE = ("chargé", "chargée", "chef", "cheffe", "responsable")
# " de l’Org", " de la Org" (article dropped), " du Org", " des Org", " d’Org": the
# organisation starts with a capital or a digit. Articles are matched in lower case only,
# so "de La Fabrique" keeps "La" as part of the name.
ORG_AFTER_DE = re.compile(
    r"\s(?:de\s+(?:la\s+|le\s+|les\s+|l['’]\s*)?|du\s+|des\s+|d['’]\s*)(?=[A-ZÀ-ÖØ-Þ0-9])")
ORG_AFTER_AT = re.compile(r"\s(?:chez|at|@)\s+", re.IGNORECASE)


@dataclass(frozen=True)
class TitleParts:
    """What an interview title says about the interviewee."""

    interviewee: str
    role: str | None
    organisation: str | None
    language: str
    count: int | None


def series_match(title: str) -> re.Match[str] | None:
    """Return the match of the interview series in ``title``, or None."""
    return SERIES.match(clean_text(title).replace("\n", " "))


def is_interview_title(title: str) -> bool:
    """Return whether ``title`` belongs to the "3 questions à ..." series."""
    return series_match(title) is not None


def split_role(role_org: str) -> tuple[str | None, str | None]:
    """Return (role, organisation) from "Role chez Org" / "Role de Org" / "Role d’Org";
    a text that does not split cleanly is kept whole as the role."""
    role_org = role_org.strip(" ,.")
    if not role_org:
        return None, None
    at = ORG_AFTER_AT.search(role_org)
    if at:
        return role_org[: at.start()].strip() or None, role_org[at.end():].strip() or None
    for match in ORG_AFTER_DE.finditer(role_org):
        role = role_org[: match.start()].strip()
        if role and role.split()[-1].casefold() in ROLE_HEADS_TAKING_DE:
            continue
        if role:
            return role, role_org[match.end():].strip()
    return role_org, None


def split_title(title: str) -> TitleParts | None:
    """Return the interviewee, role and organisation named by an interview title, or None
    when the title is not of the series."""
    match = series_match(title)
    if match is None:
        return None
    rest = match.group("rest").strip()
    count_word = match.group("count").casefold()
    count = int(count_word) if count_word.isdigit() else 3
    language = "en" if match.group("prep").casefold() in ("to", "for") else "fr"
    name, sep, role_org = rest.partition(", ")
    if not sep:
        # "3 questions aux fondatrices de X": a group named by its role; no name to split off.
        role, organisation = split_role(rest)
        return TitleParts(rest.strip(" ,."), role if organisation else None, organisation, language, count)
    role, organisation = split_role(role_org)
    return TitleParts(name.strip(), role, organisation, language, count)
