"""How to cite an interview of the archive, and the archive itself: pure functions over an
``interviews`` row, shared by the exports (CSL-JSON, RIS, BibTeX of every interview) and,
meant for, the interview page (``citation``: the same plain-text and BibTeX records).

Roles: what is cited is an article the site wrote and published, so its author and
publisher are the site, ESS 2024; the interviewee is named as the interviewee, never as the
author. CSL has no ``interviewee`` variable (and its ``interview`` type would make the author
the person interviewed), so the item is a ``post-weblog`` of the site: ``author``,
``publisher`` and ``container-title`` ESS 2024, the interviewee in ``note`` ("Entretien avec
…") and in the title as published. RIS and BibTeX follow: ESS 2024 as AU / author (braced:
an organisation), the interviewee in a note. Dates: ``issued`` is the publication date,
``accessed`` the date of the capture the record was read from (not the day of a visit or of
the export: the same archive gives the same citations)."""

from __future__ import annotations

import re

SITE = "ESS 2024"
SERIES = "3 questions à …"
PARTICLES = {"de", "du", "des", "d’", "d'", "le", "la", "van", "von", "der", "da", "di", "dos"}
FRENCH_MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
                 "novembre", "décembre"]


def french_date(iso: str | None) -> str:
    """Return ``2020-09-22...`` as ``22 septembre 2020`` (empty if not a date)."""
    match = re.match(r"(\d{4})-(\d{2})-(\d{2})", iso or "")
    if not match:
        return ""
    year, month, day = (int(g) for g in match.groups())
    return f"{day} {FRENCH_MONTHS[month - 1]} {year}"


def day(iso: str | None) -> str:
    """Return the ``aaaa-mm-jj`` part of an ISO 8601 date or time (empty if none)."""
    match = re.match(r"\d{4}-\d{2}-\d{2}", iso or "")
    return match.group(0) if match else ""


def date_parts(iso: str | None) -> dict | None:
    """Return a CSL date (``{"date-parts": [[2020, 9, 22]]}``), or None."""
    found = day(iso)
    return {"date-parts": [[int(p) for p in found.split("-")]]} if found else None


def citation_key(interview: dict) -> str:
    """Return the citation key of an interview (``ess2024_5120``; ``m`` for a negative id)."""
    return f"ess2024_{interview['id']}".replace("-", "m")


def cited_name(interview: dict) -> str:
    """Return the name an interview is cited under: the person without honorifics, else the
    interviewee as published (a group, an organisation)."""
    return (interview.get("name") or interview.get("interviewee") or "").strip()


def csl_name(interview: dict) -> dict:
    """Return the interviewee as a CSL name: family and given for a person (French
    particles kept with the family name), a literal for a group or an organisation."""
    name = cited_name(interview)
    words = name.split()
    if interview.get("kind") not in (None, "person") or len(words) < 2:
        return {"literal": name}
    start = len(words) - 1
    while start > 1 and words[start - 1].lower() in PARTICLES:
        start -= 1
    return {"family": " ".join(words[start:]), "given": " ".join(words[:start])}


def interviewee_note(interview: dict) -> str:
    """Return who was interviewed, as a note: "Entretien avec Name (Role, Organisation)"."""
    about = ", ".join(v for v in (interview.get("role"), interview.get("organisation")) if v)
    return f"Entretien avec {interview.get('interviewee') or cited_name(interview)}" + (f" ({about})" if about else "")


def csl_item(interview: dict, archive_url: str, accessed: str | None) -> dict:
    """Return the CSL-JSON item of an interview (``accessed``: the capture's date)."""
    item = {
        "id": citation_key(interview), "type": "post-weblog", "title": interview["title"],
        "author": [{"literal": SITE}], "note": interviewee_note(interview),
        "container-title": SITE, "publisher": SITE, "collection-title": SERIES, "genre": "Entretien",
        "language": interview.get("language") or "fr", "URL": interview["url"],
        "archive": f"Archive {SITE} (ess-archive)", "archive_location": archive_url,
    }
    for key, value in (("issued", date_parts(interview.get("published"))), ("accessed", date_parts(accessed))):
        if value:
            item[key] = value
    return item


def bibtex_escape(text: str) -> str:
    """Return text safe inside a BibTeX field (``{ } % & $ # _ \\`` escaped)."""
    return re.sub(r"[{}%&$#_\\]", lambda m: "\\" + m.group(0), text or "")


def bibtex_entry(interview: dict, archive_url: str, accessed: str | None) -> str:
    """Return the BibTeX entry of an interview (``@misc``, read by BibTeX and biblatex)."""
    year = (interview.get("published") or "")[:4] or "s.d."
    author = f"{{{SITE}}}"  # braces: an organisation, as written
    fields = [("author", author), ("title", bibtex_escape(interview["title"])), ("howpublished", SITE),
              ("publisher", SITE), ("type", "Entretien"), ("year", year), ("date", day(interview.get("published"))),
              ("url", interview["url"]), ("urldate", day(accessed)), ("language", "french"),
              ("note", f"{bibtex_escape(interviewee_note(interview))}. Archivé : {bibtex_escape(archive_url)}, "
                       f"consulté le {day(accessed)}")]
    body = ",\n".join(f"  {key} = {{{value}}}" for key, value in fields if value)
    return f"@misc{{{citation_key(interview)},\n{body}\n}}"


def ris_record(interview: dict, archive_url: str, accessed: str | None) -> str:
    """Return the RIS record of an interview (``ELEC``, a web page: RIS has no interview
    type, and Zotero reads ELEC back with its URL and access date)."""
    published = day(interview.get("published"))
    lines = [("TY", "ELEC"), ("ID", citation_key(interview)), ("TI", interview["title"]), ("AU", SITE),
             ("T2", SITE), ("PB", SITE), ("M3", "Entretien"), ("PY", published[:4]),
             ("DA", published.replace("-", "/")), ("Y2", day(accessed).replace("-", "/")),
             ("LA", interview.get("language") or "fr"), ("UR", interview["url"]),
             ("N1", f"{interviewee_note(interview)}. Archivé : {archive_url}"), ("ER", "")]
    return "".join(f"{tag}  - {value}\n" if tag != "ER" else "ER  - \n" for tag, value in lines if value or tag == "ER")


def plain_citation(interview: dict, archive_url: str, accessed: str | None) -> str:
    """Return the plain-text citation of an interview, in French."""
    year = (interview.get("published") or "")[:4] or "s.d."
    return (f"{SITE} ({year}). « {interview['title']} » [{interviewee_note(interview).lower()[:1]}"
            f"{interviewee_note(interview)[1:]}]. {SITE}, {french_date(interview.get('published'))}. "
            f"{interview['url']} (archivé : {archive_url}, consulté le {french_date(accessed)}).")


def citation(interview: dict, archive_url: str, accessed: str | None) -> dict[str, str]:
    """Return every citation of an interview: plain text, BibTeX, RIS (and the CSL item)."""
    return {"plain": plain_citation(interview, archive_url, accessed),
            "bibtex": bibtex_entry(interview, archive_url, accessed),
            "ris": ris_record(interview, archive_url, accessed),
            "csl": csl_item(interview, archive_url, accessed)}


def archive_url(base: str, interview_id: int) -> str:
    """Return the address of an interview's page in the published archive."""
    return f"{base.rstrip('/')}/entretien/{interview_id}"
