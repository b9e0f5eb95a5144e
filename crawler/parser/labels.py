"""Who speaks: the labels that open a question or an answer ("ESS 2024 :", "Q :", "Nadia
Ferrand :", "N.F. :", "R :"), said by the layout, not by anyone: taken off the text, the
interviewee's kept as the answer's ``speaker``."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from html import escape

from crawler.parser.blocks import Block
from crawler.parser.names import without_honorific
from crawler.parser.text import fold

# "Name :", "N.F. :", "RM :", "G. Grenon :" at the start of an answer: a short label, then a
# colon. Whether it names the interviewee is checked against ``speaker_labels``.
LABEL = re.compile(r"^(?P<label>[^\s:][^:\n]{0,38}?)\s*:\s+(?=\S)")
DOTTED_INITIALS = re.compile(r"^(?:[A-ZÀ-Þ]\.\s?){2,3}$")
# A full name or initials closed by a period, then the answer's first sentence.
DOT_LABEL = re.compile(r"^(?P<label>(?P<initials>(?:[A-ZÀ-Þ]\.\s?){1,2}[A-ZÀ-Þ]\.)|(?P<name>[A-ZÀ-Þ][\w’'-]+"
                       r"(?:\s[A-ZÀ-Þ][\w’'-]+){1,3})(?=\.))\.?\s+(?=[A-ZÀ-Þ«“\"])")


MEMBERS = re.compile(r",\s+|\s+(?:et|&|and)\s+")


def speaker_labels(interviewee: str) -> set[str]:
    """Return the labels an answer may start with for this interviewee: the name, first or
    last name, initials ("N.F.", "NF", "N. F."), "N. Ferrand"; for a group ("A B, C D et
    E F"), those of every member."""
    members = [m for m in MEMBERS.split(interviewee) if m.strip()]
    if len(members) > 1:
        return {label for member in members for label in person_labels(member)} | {interviewee}
    return person_labels(interviewee)


def person_labels(interviewee: str) -> set[str]:
    """Return the labels of one person (see ``speaker_labels``)."""
    words = without_honorific(interviewee).split()
    labels = {interviewee, " ".join(words)} | ({words[0], words[-1]} if words else set())
    if len(words) >= 2:
        initials = [w[0] for w in words]
        labels |= {"".join(initials), ".".join(initials) + ".", ". ".join(initials) + ".",
                   f"{words[0][0]}. {words[-1]}", f"{words[0][0]}.{words[-1]}"}
    return {label for label in labels if label}


def speaker_label(text: str, labels: set[str]) -> re.Match[str] | None:
    """Return the match of a speaker label at the start of ``text``, or None: a label and a
    colon ("N.F. :", "Nadia Ferrand :"), or the interviewee's full name or initials and a
    period ("Nadia Ferrand. Oui…", "N. F. Oui…")."""
    match = LABEL.match(text)
    if match and (match.group("label") in labels or DOTTED_INITIALS.match(match.group("label"))):
        return match
    match = DOT_LABEL.match(text)
    if match and (match.group("initials") in labels or (match.group("name") or "").count(" ") and match.group("name")
                  in labels):
        return match
    return None


# The interviewer's label before a question ("Q :", "Q. ", "ESS 2024 :", "La rédaction :")
# and the generic label before an answer ("R :", "Réponse :"): said by the layout, not by anyone.
QUESTION_LABEL = re.compile(r"^(?P<label>q|question|(?P<named>[^\s:][^:\n]{0,24}?))\s*"
                            r"(?(named):|[.:–—-])\s+(?=\S)", re.IGNORECASE)
# The interviewer's label closed by a period ("ESS 2024. Pourquoi … ?", "Décideurs. Comment … ?"):
# capitalised words, counted only when it opens two questions or more.
DOT_QUESTION_LABEL = re.compile(r"^(?P<label>[A-ZÀ-Þ0-9][\w’'-]*(?:\s[A-ZÀ-Þ0-9][\w’'-]*){0,3})\.\s+(?=[A-ZÀ-Þ«“\"])")
# A heading put as a topic ("RSO : Votre parcours en quelques mots") keeps no short label either.
MAX_HEADING_LABEL = 12
ANSWER_LABEL = re.compile(r"^(?P<label>r|rép|réponse|a)\s*[.:–—-]\s+(?=\S)", re.IGNORECASE)


def without_interviewer_labels(blocks: list[Block], labels: set[str],
                               reads_as_question: Callable[[str], bool]) -> list[Block]:
    """Return the blocks with the interviewer's label taken off the questions it starts: a
    label (not the interviewee's) that starts at least two blocks reading as questions once
    it is off, or headings ("ESS 2024 : 1. Pourquoi … ?", "Q : Comment … ?", "ESS 2024. Pourquoi
    … ?", "RSO : Votre parcours")."""
    found: dict[str, list[tuple[int, int]]] = {}
    for index, block in enumerate(blocks):
        if block.kind not in ("p", "h", "quote") or len(block.text) > 600:
            continue
        for pattern in (QUESTION_LABEL, DOT_QUESTION_LABEL):
            match = pattern.match(block.text)
            if match is None or match.group("label") in labels:
                continue
            rest = block.text[match.end():]
            heading = block.kind == "h" and len(match.group("label")) <= MAX_HEADING_LABEL and rest[:1].isupper()
            if heading or reads_as_question(rest):
                found.setdefault(fold(match.group("label")), []).append((index, match.end()))
                break
    taken = {i: cut for marks in found.values() if len(marks) >= 2 for i, cut in marks}
    if not taken:
        return blocks
    return [strip_label(block, taken[index]) if index in taken else block for index, block in enumerate(blocks)]


def without_speaker_labels(body: list[Block], labels: set[str]) -> tuple[list[Block], str | None]:
    """Return an answer's blocks without the speaker's label ("Nadia Ferrand :", "N.F. :",
    "R :") and who spoke; when two people of a group answer in turn, their labels are kept
    (they say who said what) and no one speaker is named."""
    found = []
    for block in body:
        label = speaker_label(block.text, labels) if block.kind == "p" else None
        generic = ANSWER_LABEL.match(block.text) if block.kind == "p" and label is None else None
        found.append((label, generic))
    names = {fold(label.group("label")) for label, _ in found if label}
    for block in body:  # a second speaker's turn after a line break ("…<br>Idriss : Et …")
        if "\n" in block.text and block.kind == "p":
            names.update(fold(label.group("label")) for line in block.text.split("\n")[1:]
                         if (label := speaker_label(line, labels)) is not None)
    if len(names) > 1 and not all(DOTTED_INITIALS.match(n.upper()) for n in names):
        return body, None
    speaker = next((label.group("label") for label, _ in found if label), None)
    return [strip_label(block, (label or generic).end()) if label or generic else block
            for block, (label, generic) in zip(body, found)], speaker


def strip_label(block: Block, cut: int) -> Block:
    """Return the block without its leading speaker label."""
    text = block.text[cut:]
    label_html = escape(block.text[:cut], quote=False)
    html = block.html[len(label_html):] if block.html.startswith(label_html) else escape(text, quote=False)
    return dataclasses.replace(block, text=text, html=html)
