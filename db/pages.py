"""What the archive's own pages show: the home page figures, an interview as it was
published, and how to cite it. Pure functions over query results, used by the Datasette
plugin (``db/plugins/ess_archive.py``)."""

from __future__ import annotations

import re
from datetime import date

CHART_WIDTH, CHART_HEIGHT, BAR_GAP = 480, 160, 8


def year_chart(per_year: list[tuple[int, int]]) -> dict:
    """Return the bars of an interviews-per-year chart (drawn as inline SVG by the template)."""
    if not per_year:
        return {"bars": [], "width": CHART_WIDTH, "height": CHART_HEIGHT}
    top = max(count for _, count in per_year)
    width = (CHART_WIDTH - BAR_GAP * (len(per_year) + 1)) / len(per_year)
    bars = []
    for k, (year, count) in enumerate(per_year):
        height = round((CHART_HEIGHT - 40) * count / top, 1)
        x = round(BAR_GAP + k * (width + BAR_GAP), 1)
        bars.append({"year": year, "count": count, "x": x, "width": round(width, 1),
                     "y": round(CHART_HEIGHT - 20 - height, 1), "height": height})
    return {"bars": bars, "width": CHART_WIDTH, "height": CHART_HEIGHT}


def french_date(iso: str | None) -> str:
    """Return ``2020-09-22...`` as ``22 septembre 2020``."""
    months = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
              "septembre", "octobre", "novembre", "décembre"]
    match = re.match(r"(\d{4})-(\d{2})-(\d{2})", iso or "")
    if not match:
        return ""
    year, month, day = (int(g) for g in match.groups())
    return f"{day} {months[month - 1]} {year}"


def bibtex_escape(text: str) -> str:
    """Return text safe inside a BibTeX field (``{ } % & $ # _ \\`` escaped)."""
    return re.sub(r"[{}%&$#_\\]", lambda m: "\\" + m.group(0), text or "")


def citation(interview: dict, archive_url: str, today: date | None = None) -> dict[str, str]:
    """Return the plain-text and BibTeX citations of an interview."""
    year = (interview.get("published") or "")[:4] or "s.d."
    consulted = (today or date.today()).isoformat()
    person = interview["interviewee"]
    plain = (f"{person} ({year}). « {interview['title']} ». ESS 2024, {french_date(interview.get('published'))}. "
             f"{interview['url']} (archivé : {archive_url}, consulté le {consulted}).")
    key = f"ess2024_{interview['id']}".replace("-", "m")
    bib = (f"@misc{{{key},\n"
           f"  author = {{{bibtex_escape(person)}}},\n"
           f"  title = {{{bibtex_escape(interview['title'])}}},\n"
           f"  howpublished = {{ESS 2024}},\n"
           f"  year = {{{year}}},\n"
           f"  date = {{{(interview.get('published') or '')[:10]}}},\n"
           f"  url = {{{interview['url']}}},\n"
           f"  note = {{Archivé : {bibtex_escape(archive_url)}, consulté le {consulted}}}\n}}")
    return {"plain": plain, "bibtex": bib}
