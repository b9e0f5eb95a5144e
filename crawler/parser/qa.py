"""Blocks to question/answer pairs: find the questions, then give each the blocks that
follow it, leaving captions, credits, the printed date and page boilerplate out.

Three strategies, tried in order, each needing at least two questions:
``numbered`` (markers 1. 1/ 1) "Question 1 :", in sequence, on question-like blocks),
``emphasis`` (bold paragraphs or headings ending in "?"), ``question-mark`` (paragraphs
ending in "?"). Numbering must run 1, 2, 3...: a numbered list inside an answer is never
read as questions, because its items are list items or do not end like a question."""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field
from html import escape

from crawler.parser.blocks import Block
from crawler.parser.ending import article_lines, split_last_answer
from crawler.parser.metadata import printed_date
from crawler.parser.names import without_honorific
from crawler.parser.records import QA, Image
from crawler.parser.text import ends_with_question, fold

DASH_LEAD = re.compile(r"^[–—-]\s+(?=\S)")
# Question numbers as editors type them: "1.", "1)", "1/", "1 –", "1- ", "1 :", and with a
# word before the number ("Question 1 :", "Question n°2 –", "Q3 –", "Q.1", "Q1 Pourquoi…").
MARKER = re.compile(
    r"^(?P<marker>(?P<word>question\s*(?:n[°ºo]\s*|no\.\s*|#\s*)?|q\.?\s*)?(?P<n>\d{1,2})(?!\d)"
    r"(?(word)\s*(?:[.)/:]|[–—-](?=\s))?|\s*(?:[.)/]|\s?[–—-](?=\s)|\s?:)))(?!\d)\s*(?P<rest>\S.*)$",
    re.IGNORECASE | re.DOTALL)
# A caption or alt text glued to the first question: "… | Portrait1. Quel rôle … ?"
GLUED_FIRST = re.compile(
    r"^(?P<pre>.*?\D)(?P<marker>1\s*[.)/])\s*(?P<rest>[A-ZÀ-ÖØ-Þ«“\"].*)$", re.DOTALL)
CREDIT = re.compile(r"^(?:©|\(c\)\s|crédits?(?:\s+photos?)?\s*:|photo\s*:)", re.IGNORECASE)


@dataclass
class Question:
    """A block read as question ``n``."""

    index: int
    n: int
    text: str
    marker: str | None
    glued_caption: str | None = None


@dataclass
class Segmented:
    """The body cut into its parts."""

    strategy: str
    questions: list[Question]
    qa: list[QA] = field(default_factory=list)
    intro: str | None = None
    outro: str | None = None
    printed_date: str | None = None
    images: list[Image] = field(default_factory=list)


def interview_blocks(blocks: list[Block]) -> tuple[list[Block], str, list[Question]]:
    """Return the blocks before the line that closes the article, without meta and consent
    lines, with the questions found in them. The earliest closing line that leaves the
    questions in place wins (a "Partager" line above the article closes nothing)."""
    blocks, ends = article_lines(blocks)
    strategy, questions = find_questions(blocks)
    wanted = min(3, len(questions))
    for cut in ends:
        if questions and cut <= questions[0].index:
            continue
        name, found = find_questions(blocks[:cut])
        if len(found) >= max(2, wanted):
            return blocks[:cut], name, found
    return blocks, strategy, questions


def question_like(block: Block, text: str) -> bool:
    """Return whether a block reads as a question: ends with "?", or is a heading or bold."""
    return ends_with_question(text) or block.kind == "h" or block.emphasised


def numbered(blocks: list[Block]) -> list[Question]:
    """Return questions marked 1, 2, 3... in sequence on question-like blocks."""
    found: list[Question] = []
    for index, block in enumerate(blocks):
        if block.kind in ("li", "caption", "quote", "image", "sep"):
            continue
        expected = len(found) + 1
        match = MARKER.match(block.text)
        if match and int(match.group("n")) == expected and question_like(block, match.group("rest")):
            found.append(Question(index, expected, match.group("rest"), match.group("marker").strip()))
        elif expected == 1 and not match:
            glued = GLUED_FIRST.match(block.text)
            if glued and ends_with_question(glued.group("rest")) and len(glued.group("pre").strip()) >= 3:
                found.append(Question(index, 1, glued.group("rest"), glued.group("marker").strip(),
                                      glued_caption=glued.group("pre").strip(" |–-")))
    return found


def unnumbered(blocks: list[Block], emphasised_only: bool) -> list[Question]:
    """Return paragraphs (bold or headings when ``emphasised_only``) ending with "?"."""
    found: list[Question] = []
    for index, block in enumerate(blocks):
        if block.kind not in ("p", "h") or not ends_with_question(block.text):
            continue
        if emphasised_only and not block.emphasised:
            continue
        dash = DASH_LEAD.match(block.text)  # "– Question ?": the dash is the marker
        found.append(Question(index, len(found) + 1, block.text[dash.end():] if dash else block.text,
                              dash.group(0).strip() if dash else None))
    return found


# A "?" that ends a sentence inside a block ("Quel lien avec les Jeux ? Certains s’étonnent.").
INNER_QUESTION = re.compile(r"\?\s+[«“\"(]?[A-ZÀ-ÖØ-Þ]")
MAX_RHYTHM_QUESTION = 400  # characters: a bold block longer than this is a pull quote or a chapo


def in_rhythm(blocks: list[Block], questions: list[Question]) -> list[Question]:
    """Return the questions with the bold blocks that keep their rhythm: when every question
    is a bold block of one kind followed by plain answers, a bold block of that kind holding
    a question that is not its last sentence, between plain blocks, is a question too."""
    kinds = {blocks[q.index].kind for q in questions}
    if len(kinds) != 1 or any(not blocks[q.index].emphasised for q in questions):
        return questions
    kind, taken = kinds.pop(), {q.index for q in questions}
    found = list(questions)
    for index in range(questions[0].index + 1, len(blocks) - 1):
        block = blocks[index]
        if index in taken or block.kind != kind or not block.emphasised or len(block.text) > MAX_RHYTHM_QUESTION:
            continue
        before, after = blocks[index - 1], blocks[index + 1]
        if before.emphasised or after.emphasised or after.kind not in ("p", "li", "quote"):
            continue
        inner = INNER_QUESTION.search(block.text)
        if inner and block.text[:inner.start()].count("«") <= block.text[:inner.start()].count("»"):
            found.append(Question(index, 0, block.text, None))
    if len(found) == len(questions):
        return questions
    found.sort(key=lambda q: q.index)
    return [dataclasses.replace(q, n=n) for n, q in enumerate(found, start=1)]


def find_questions(blocks: list[Block]) -> tuple[str, list[Question]]:
    """Return the first strategy that finds at least two questions, with them."""
    for name, finder in (("numbered", numbered),
                         ("emphasis", lambda b: unnumbered(b, emphasised_only=True)),
                         ("question-mark", lambda b: unnumbered(b, emphasised_only=False))):
        questions = finder(blocks)
        if len(questions) >= 2:
            return name, in_rhythm(blocks, questions) if name == "emphasis" else questions
    return "none", []


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


def is_caption_line(block: Block, interviewee: str, alts: set[str]) -> bool:
    """Return whether a block before the first question is a caption, credit or alt text."""
    if block.kind in ("caption", "image") or CREDIT.match(block.text):
        return True
    text = fold(block.text)
    if text in alts:
        return True
    names = {fold(interviewee), fold(without_honorific(interviewee))} - {""}
    return any(text.startswith(n) for n in names) and len(text) < 200 and not text.endswith(".")


def answer_text(blocks: list[Block]) -> tuple[str, str]:
    """Return an answer's plain text (paragraphs split by a blank line, one list item per
    line, nested items indented) and its sanitised HTML (nested lists kept nested)."""
    paragraphs: list[str] = []
    html: list[str] = []
    open_lists: list[str] = []  # tags of the lists open, outermost first; each has an open <li>

    def close_lists(depth: int) -> None:
        while len(open_lists) > depth:
            html.append(f"</li></{open_lists.pop()}>")

    for block in blocks:
        if block.kind != "li":
            close_lists(0)
            paragraphs.append(block.text)
            inner = f"<p>{block.html}</p>"
            html.append(f"<blockquote>{inner}</blockquote>" if block.kind == "quote" else inner)
            continue
        depth, tag = max(block.depth, 1), block.list_kind or "ul"
        prefix = f"{block.list_pos}. " if tag == "ol" and block.list_pos else "- "
        line = "  " * (depth - 1) + prefix + block.text
        if open_lists:
            paragraphs[-1] += "\n" + line
        else:
            paragraphs.append(line)
        close_lists(depth)
        if len(open_lists) == depth and open_lists[-1] != tag:
            close_lists(depth - 1)
        if len(open_lists) == depth:
            html.append("</li>")
        while len(open_lists) < depth:
            html.append(f"<{tag}>")
            open_lists.append(tag)
        html.append(f"<li>{block.html}")
    close_lists(0)
    return "\n\n".join(paragraphs), "".join(html)


def segment(blocks: list[Block], interviewee: str) -> Segmented:
    """Return the questions, answers, intro, printed date and images of an article body."""
    blocks, strategy, questions = interview_blocks(blocks)
    result = Segmented(strategy, questions)
    result.images = [image for block in blocks for image in block.images]
    if not questions:
        return result
    alts = {fold(i.alt) for i in result.images if i.alt}
    intro: list[str] = []
    for block in blocks[: questions[0].index]:
        date = printed_date(block.text)
        if date and not result.printed_date:
            result.printed_date = date
        elif is_caption_line(block, interviewee, alts):
            if block.text:
                attach_caption(result.images, block.text)
        elif block.text:
            intro.append(block.text)
    if questions[0].glued_caption:
        attach_caption(result.images, questions[0].glued_caption)
    result.intro = "\n\n".join(intro) or None
    labels = speaker_labels(interviewee)
    for k, question in enumerate(questions):
        end = questions[k + 1].index if k + 1 < len(questions) else len(blocks)
        body, speaker, span = [], None, blocks[question.index + 1: end]
        if k + 1 == len(questions):
            span, outro = split_last_answer(span)
            result.outro = "\n\n".join(b.text for b in outro if b.text) or None
        for block in span:
            if block.kind == "sep":
                continue
            if block.kind in ("caption", "image") or CREDIT.match(block.text):
                if block.text:
                    attach_caption(result.images, block.text)
                continue
            label = speaker_label(block.text, labels)
            if label and block.kind == "p":
                speaker = speaker or label.group("label")
                block = strip_label(block, label.end())
            body.append(block)
        text, html = answer_text(body)
        q_text = " ".join(question.text.split("\n")).strip()
        result.qa.append(QA(question.n, q_text, text, html, question.marker, speaker))
    return result


def strip_label(block: Block, cut: int) -> Block:
    """Return the block without its leading speaker label."""
    text = block.text[cut:]
    label_html = escape(block.text[:cut], quote=False)
    html = block.html[len(label_html):] if block.html.startswith(label_html) else escape(text, quote=False)
    return dataclasses.replace(block, text=text, html=html)


def attach_caption(images: list[Image], text: str) -> None:
    """Give a caption or credit line to the picture it describes (the first one that has none)."""
    is_credit = bool(CREDIT.match(text))
    for image in images:
        if is_credit and image.credit is None and not (image.caption and CREDIT.match(image.caption)):
            image.credit = text
            return
        if not is_credit and image.caption is None:
            image.caption = text
            return
    images.append(Image(src=None, credit=text) if is_credit else Image(src=None, caption=text))
