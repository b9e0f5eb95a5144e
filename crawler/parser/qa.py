"""Blocks to question/answer pairs: find the questions, then give each the blocks that
follow it, leaving captions, credits, the printed date and page boilerplate out.

Strategies, tried in order, each needing at least two questions: ``numbered`` (markers 1.
1/ 1) (1) 1️⃣ "Question 1 :" "Première question :" "II.", in sequence, on question-like blocks, or numbered-list items
holding their answers), ``emphasis`` (bold paragraphs or headings ending in "?" or put as a
request, with the topic headings of their level), ``quote`` (quote blocks ending in "?"),
``question-mark`` (paragraphs ending in "?"), and last ``announced`` (bold lines or headings,
as many as the title says). When none finds two, paragraphs that open with a bold question
and go on with its answer ("run-in" questions) are cut in two and the strategies tried
again. Numbering must run 1, 2, 3...: a numbered list inside an answer
is never read as questions, because its items are list items or do not end like a question.
Who speaks (labels) is read in ``crawler.parser.labels``."""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field
from html import unescape

from crawler.parser.blocks import Block
from crawler.parser.ending import (CALL_TO_READER, CREDIT, FIGURE, FIGURE_START, INFO_LINE, OUTRO_LINE, PAGE_LINKS,
                                   READ_ALSO, READER_QUESTION, WHO_ASKED, article_lines, is_box_title, is_credit_line,
                                   is_end, split_last_answer, without_facts_box, without_post_meta)
from crawler.parser.labels import speaker_labels, without_interviewer_labels, without_speaker_labels
from crawler.parser.metadata import printed_date
from crawler.parser.names import without_honorific
from crawler.parser.records import QA, Image
from crawler.parser.text import clean_text, ends_with_question, fold
from crawler.parser.title import series_match

# What an editor puts before an unnumbered question: a dash, a bullet, an arrow, a
# pictograph ("– Question ?", "• Question ?", "> Question ?", "❓ Question ?").
DASH_LEAD = re.compile(r"^(?:[–—-]\s+|[•·▪►▶→>»]\s*|[\u2190-\u21ff\u2700-\u27bf\u2b00-\u2bff\U0001f300-\U0001faff]"
                       r"\ufe0f?\s*)(?=\S)")
# Question numbers as editors type them: "1.", "1)", "(1)", "1/", "1 –", "1- ", "1 :", a keycap
# emoji ("1️⃣"), and with a word before the number ("Question 1 :", "Question n°2 –", "N°2 :",
# "#2", "Q3 –", "Q.1", "Q1 Pourquoi…"), and out of how many ("1/3 –", "(2/3)", "Question 3/3 :").
_WORD = r"(?P<word>question\s*(?:n[°ºo]\s*|no\.\s*|#\s*)?|q\.?\s*|n[°º]\s*|#)"
_AFTER_WORD = r"\s*(?:[.)/:]|[–—-](?=\s))?"
_AFTER_NUMBER = r"(?:°\s?[–—-](?=\s)|°|\s*(?:[.)/]|\s?[–—-](?=\s)|\s?:)|\ufe0f?\u20e3)"  # "1°", "1° –" too
MARKER = re.compile(
    rf"^(?P<marker>{_WORD}?(?P<paren>\()?(?P<n>\d{{1,2}})(?!\d)(?P<of>\s?/\s?\d{{1,2}}(?!\d))?"
    rf"(?(paren)\)|(?(word){_AFTER_WORD}|(?(of)(?:{_AFTER_NUMBER}|(?=\s+(?-i:[A-ZÀ-ÖØ-Þ«“\"])))|{_AFTER_NUMBER}))))"
    r"(?!\d)\s*(?P<rest>\S.*)$", re.IGNORECASE | re.DOTALL)
# Questions numbered in words: "Première question : …", "Dernière question – …".
ORDINALS = {"première": 1, "premiere": 1, "deuxième": 2, "deuxieme": 2, "seconde": 2, "troisième": 3,
            "troisieme": 3, "quatrième": 4, "quatrieme": 4, "cinquième": 5, "cinquieme": 5, "sixième": 6,
            "sixieme": 6, "septième": 7, "septieme": 7}
ORDINAL = re.compile(r"^(?P<marker>(?P<word>première|premiere|deuxième|deuxieme|seconde|troisième|troisieme|"
                     r"quatrième|quatrieme|cinquième|cinquieme|sixième|sixieme|septième|septieme|dernière|derniere)"
                     r"\s+question\s*(?:[:.]|[–—-](?=\s)))\s*(?P<rest>\S.*)$", re.IGNORECASE | re.DOTALL)
# A question past the numbered ones: "Question bonus : …", "Bonus – …", "Question subsidiaire :"
# (numbered as the next one, like "Dernière question :").
BONUS = re.compile(r"^(?P<marker>(?:question\s+(?:bonus|subsidiaire)|bonus)\s*(?:[:.]|[–—-](?=\s)))\s*(?P<rest>\S.*)$",
                   re.IGNORECASE | re.DOTALL)
# Questions numbered in Roman numerals: "I. …", "II – …" (capitals only).
ROMAN_NUMBERS = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6, "VII": 7}
ROMAN = re.compile(r"^(?P<marker>(?P<roman>I{1,3}|IV|VI{0,2})(?:\s*[.)/]|\s[–—-](?=\s)|\s?:))\s*(?P<rest>\S.*)$",
                   re.DOTALL)


# A bare number before a capital ("1 Comment … ?": a theme's numeral in its own <span>); "2 000
# emplois" and "3 ans après" are no markers.
BARE = re.compile(r"^(?P<marker>(?P<n>[1-9]\d?))\s+(?P<rest>[A-ZÀ-ÖØ-Þ«“\"].*)$", re.DOTALL)


def marker_of(text: str) -> tuple[int, str, str] | None:
    """Return (number, marker, rest) of a numbered question, or None: "1.", "Question 1 :",
    "Première question :", "Question bonus :" (0: the next one), "II.", a bare "1 " before a capital, and the other markers above."""
    match = MARKER.match(text)
    if match:
        return int(match.group("n")), match.group("marker"), match.group("rest")
    match = ORDINAL.match(text)
    if match:
        return ORDINALS.get(match.group("word").casefold(), 0), match.group("marker"), match.group("rest")
    match = BONUS.match(text)
    if match:
        return 0, match.group("marker"), match.group("rest")
    match = ROMAN.match(text)
    if match:
        return ROMAN_NUMBERS[match.group("roman")], match.group("marker"), match.group("rest")
    match = BARE.match(text)
    if match:
        return int(match.group("n")), match.group("marker"), match.group("rest")
    return None


# A caption or alt text glued to the first question: "… | Portrait1. Quel rôle … ?"
GLUED_FIRST = re.compile(
    r"^(?P<pre>.*?\D)(?P<marker>1\s*[.)/])\s*(?P<rest>[A-ZÀ-ÖØ-Þ«“\"].*)$", re.DOTALL)


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
    preamble: str = ""  # the text before the first question (an intro, section labels, captions)
    split_post: bool = False  # the page links of a post split over pages ("Pages : 1 2"): this is one of them
    images: list[Image] = field(default_factory=list)


def interview_blocks(blocks: list[Block], announced: int | None = None) -> tuple[list[Block], str, list[Question]]:
    """Return the blocks before the line that closes the article, without meta and consent
    lines, with the questions found in them. The earliest closing line that leaves the
    questions in place wins (a "Partager" line above the article closes nothing)."""
    blocks, ends = article_lines(blocks)
    strategy, questions = find_questions(blocks, announced)
    boxes = call_to_action_boxes(blocks, questions)
    if boxes:
        blocks = [block for index, block in enumerate(blocks) if index not in boxes]
        strategy, questions = find_questions(blocks, announced)
    wanted = min(3, len(questions))
    for cut in ends:
        if questions and cut <= questions[0].index:
            continue
        name, found = find_questions(blocks[:cut], announced)
        if len(found) >= max(2, wanted):
            return blocks[:cut], name, found
    return blocks, strategy, questions


# What a box's button says: a call to act ("Faites un don", "Rejoignez-nous") or the reader's
# own words ("Je fais un don", "J’adhère", "Je m’inscris"), never an address.
BUTTON = re.compile(r"^(?:je\s|j['’]|s['’]inscrire|s['’]abonner|faire\s+un\s+don|en\s+savoir\s+plus)", re.IGNORECASE)
MAX_BUTTON = 40


def is_button(block: Block) -> bool:
    """Return whether a block is a button's link: short, all link, a call to act."""
    text = block.text
    return 0 < len(text) <= MAX_BUTTON and block.links >= 0.8 * len(text) and "@" not in text \
        and (BUTTON.match(text) is not None or CALL_TO_READER.match(text) is not None)


MAX_BOX_LINE = 200


def is_call_title(text: str) -> bool:
    """Return whether a question found reads as a box's call to the reader ("Adhérez à la
    coopérative", "Vous êtes une structure de l’ESS ?"), not as an interviewer's question."""
    return CALL_TO_READER.match(text) is not None or READER_QUESTION.match(text) is not None


def call_to_action_boxes(blocks: list[Block], questions: list[Question]) -> set[int]:
    """Return the indexes of the blocks of boxes asking the reader something and answered by
    a button alone ("… Pourquoi pas vous ?" / "Je fais un don"), wherever they stand: a
    donation or membership box nobody classed, no question of the interview."""
    found: set[int] = set()
    if not any(block.links and len(block.text) <= MAX_BUTTON for block in blocks):
        return found  # no button anywhere
    for k, question in enumerate(questions):
        end = questions[k + 1].index if k + 1 < len(questions) else len(blocks)
        span = range(question.index + 1, end)
        if 0 < len(span) <= 2 and all(is_button(blocks[index]) for index in span) or (
                # a box titled by its call ("Adhérez à la coopérative"), a line, its button
                0 < len(span) <= 3 and is_button(blocks[span[-1]]) and is_call_title(question.text)
                and all(len(blocks[index].text) <= MAX_BOX_LINE for index in span)):
            found.update((question.index, *span))
            title = blocks[question.index - 1] if question.index else None
            if title is not None and (title.kind == "h" or title.emphasised) and len(title.text) <= MAX_BUTTON \
                    and CALL_TO_READER.match(title.text):
                found.add(question.index - 1)  # the box's title: "Soutenez-nous"
    return found


def question_like(block: Block, text: str) -> bool:
    """Return whether a block reads as a question: ends with "?", or is a heading or bold."""
    return ends_with_question(text) or block.kind == "h" or block.emphasised


def holds_its_answer(blocks: list[Block], index: int) -> bool:
    """Return whether a list item is a question whose answer sits in the same item: an
    ``<ol>`` item at the top of its list, question-like, followed by its own paragraphs."""
    block = blocks[index]
    after = blocks[index + 1] if index + 1 < len(blocks) else None
    return (block.list_kind == "ol" and block.depth == 1 and block.list_pos is not None
            and (block.emphasised or ends_with_question(block.text))
            and after is not None and after.kind == "li" and after.list_pos is None and after.depth == 1)


def numbered(blocks: list[Block]) -> list[Question]:
    """Return questions marked 1, 2, 3... in sequence on question-like blocks: paragraphs,
    headings, quotes ending with "?" (questions set as quote blocks), and the items of a
    numbered list when each holds its question and then its answer."""
    found: list[Question] = []
    for index, block in enumerate(blocks):
        kind = block.kind
        if kind == "li" and holds_its_answer(blocks, index):
            if block.list_pos == len(found) + 1:
                found.append(Question(index, block.list_pos, block.text, f"{block.list_pos}."))
            continue
        if kind in ("li", "caption", "image", "sep", "pull") or kind == "quote" and not ends_with_question(block.text):
            continue
        expected = len(found) + 1
        match = marker_of(block.text)
        n = (match[0] or expected) if match else None  # "Dernière question :" is the next one
        if match and n == expected and question_like(block, match[2]):
            found.append(Question(index, expected, match[2], match[1].strip()))
        elif expected == 1 and not match:
            glued = GLUED_FIRST.match(block.text)
            if glued and ends_with_question(glued.group("rest")) and len(glued.group("pre").strip()) >= 3:
                found.append(Question(index, 1, glued.group("rest"), glued.group("marker").strip(),
                                      glued_caption=glued.group("pre").strip(" |–-")))
    return found


# A question put as a request, bold or a heading without a question mark: "Racontez-nous la
# naissance du projet.", "Présentez votre structure en quelques mots." (2nd person plural
# imperative, as interviewers write them).
PROMPT = re.compile(r"^(?:et\s+|enfin,?\s+|pour\s+(?:finir|conclure),\s+)?(?:(?:présent|décriv|expliqu|racont|parl|"
                    r"d[iî]t|cit|donn|détaill|partag|imagin|résum|défin|évoqu|rappel|précis)ez(?:-(?:nous|moi)\b|\s)|"
                    r"\w+ez-(?:nous|moi)\b)", re.IGNORECASE)
MAX_PROMPT = 300


def is_prompt(block: Block) -> bool:
    """Return whether a bold block or heading is a question put as a request."""
    return (block.kind == "h" or block.emphasised) and len(block.text) <= MAX_PROMPT and \
        PROMPT.match(block.text) is not None


def unnumbered(blocks: list[Block], emphasised_only: bool, kinds: tuple = ("p", "h")) -> list[Question]:
    """Return paragraphs (bold or headings when ``emphasised_only``) ending with "?" (or, bold,
    put as a request: ``PROMPT``), of the kinds ``kinds``."""
    found: list[Question] = []
    for index, block in enumerate(blocks):
        if block.kind not in kinds or not (ends_with_question(block.text) or block.asked
                                           or emphasised_only and is_prompt(block)):
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
    a question that is not its last sentence, between plain blocks, is a question too; when
    every question is a heading of one level, so is a heading of that level put as a topic
    ("Un exemple récent qui vous a marqué") before a plain answer that is not a link list."""
    kinds = {blocks[q.index].kind for q in questions}
    if len(kinds) != 1 or any(not blocks[q.index].emphasised for q in questions):
        return questions
    kind, taken = kinds.pop(), {q.index for q in questions}
    levels = {blocks[q.index].level for q in questions}
    level = levels.pop() if kind == "h" and len(levels) == 1 else 0
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
        elif level and block.level == level and reads_as_topic(blocks, index):
            found.append(Question(index, 0, block.text, None))
    if len(found) == len(questions):
        return questions
    found.sort(key=lambda q: q.index)
    return [dataclasses.replace(q, n=n) for n, q in enumerate(found, start=1)]


MAX_TOPIC = 200


def reads_as_topic(blocks: list[Block], index: int) -> bool:
    """Return whether a heading among question headings is one more question put as a topic:
    short, not a title over links, pointers or a closing note, followed by a plain answer."""
    text = blocks[index].text
    if len(text) > MAX_TOPIC or text.endswith(":") or INFO_LINE.match(text) or OUTRO_LINE.match(text) \
            or READ_ALSO.match(text) or is_end(blocks[index]):
        return False
    answer = []
    for block in blocks[index + 1:]:
        if block.kind == "h" or block.emphasised:
            break
        answer.append(block)
    size = sum(len(block.text) for block in answer)
    return size > 0 and sum(block.links for block in answer) < MAX_LINK_SHARE * size


MAX_LINK_SHARE = 0.5


def find_questions(blocks: list[Block], announced: int | None = None) -> tuple[str, list[Question]]:
    """Return the first strategy that finds at least two questions, with them; last, the
    bold lines or headings put as topics, when there are as many as the title announces."""
    for name, finder in (("numbered", numbered),
                         ("emphasis", lambda b: unnumbered(b, emphasised_only=True)),
                         ("quote", lambda b: unnumbered(b, emphasised_only=False, kinds=("quote",))),
                         ("question-mark", lambda b: unnumbered(b, emphasised_only=False))):
        questions = finder(blocks)
        if len(questions) >= 2:
            return name, in_rhythm(blocks, questions) if name == "emphasis" else questions
    if announced and announced >= 2:
        topics = [Question(index, 0, block.text, None) for index, block in enumerate(blocks)
                  if block.kind in ("p", "h") and block.emphasised and index + 1 < len(blocks)
                  and not blocks[index + 1].emphasised and reads_as_topic(blocks, index)]
        if len(topics) == announced:
            return "announced", [dataclasses.replace(q, n=n) for n, q in enumerate(topics, start=1)]
    return "none", []


def is_caption_line(block: Block, interviewee: str, alts: set[str]) -> bool:
    """Return whether a block before the first question is a caption, credit or alt text."""
    if block.kind in ("caption", "image") or is_credit_line(block):
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


WORDS = re.compile(r"\w+")


def words_key(text: str) -> str:
    """Return a text's words, case-folded: how an echo is compared (a pull quote trims a
    sentence's punctuation and adds quotation marks, it keeps its accents)."""
    return " ".join(WORDS.findall(text.casefold().replace("’", "'")))


def without_repeated_pull_quotes(blocks: list[Block]) -> list[Block]:
    """Return the blocks without the pull quotes (by their class) that repeat words of the
    article, anywhere (a layout's echo, with its attribution); a pull quote that says something
    new is a quote. An echo nobody classed is found within its answer (``without_repeats``)."""
    if not any(block.kind == "pull" for block in blocks):
        return blocks
    said = " ".join(words_key(block.text) for block in blocks if block.kind != "pull")
    kept: list[Block] = []
    index = 0
    while index < len(blocks):
        if blocks[index].kind != "pull":
            kept.append(blocks[index])
            index += 1
            continue
        end = index
        while end < len(blocks) and blocks[end].kind == "pull":
            end += 1
        echo = words_key(blocks[index].text)
        if not (len(echo) >= 20 and echo in said):
            kept.extend(dataclasses.replace(block, kind="quote") for block in blocks[index:end])
        index = end
    return kept


MAX_LABEL = 80


def is_tagline(block: Block) -> bool:
    """Return whether a block is a banner's tagline ("Un hectare, 62 familles"): text over a
    cover picture that is no sentence."""
    return block.kind == "cover" and len(block.text) <= MAX_LABEL and not block.text.endswith((".", "!", "?", "…"))


def cover_text(block: Block) -> Block:
    """Return a cover's sentence as the paragraph it is."""
    return dataclasses.replace(block, kind="p")


def is_section_label(block: Block) -> bool:
    """Return whether a heading before the questions names a section ("Entretien", "La
    Fabrique en bref"), not a sentence of the intro."""
    return block.kind == "h" and len(block.text) <= MAX_LABEL and not block.text.rstrip(" »”\"").endswith(
        (".", "!", "?", "…", ":"))


# The editor thanking the interviewee by name ("Un grand merci à Yanis Belkacem et à toute
# l’équipe"): nobody thanks themselves, so the line is the outro's.
THANKS = re.compile(r"^(?:un\s+(?:grand\s+|immense\s+)?|mille\s+)?merci(?:s)?\b", re.IGNORECASE)


def thanks_to_interviewee(span: list[Block], labels: set[str]) -> int | None:
    """Return the index of a closing thanks line naming the interviewee, or None."""
    names = [label for label in labels if len(label) >= 4 and " " in label or len(label) >= 5 and label.istitle()]
    for index in range(len(span) - 1, 0, -1):
        block = span[index]
        if block.kind != "p" or len(block.text) > 200:
            return None
        if THANKS.match(block.text) and any(name in block.text for name in names):
            return index
    return None


def reads_as_asked(text: str) -> bool:
    """Return whether a text, its label taken off, reads as a question: a "?", a number, a request."""
    return ends_with_question(text) or MARKER.match(text) is not None or PROMPT.match(text) is not None


def in_item(block: Block, question: Block) -> Block:
    """Return a block of an answer written inside its question's list item as the answer's
    own: a paragraph of the item a paragraph, a list in it one level up."""
    if block.kind != "li" or block.depth < question.depth:
        return block
    if block.list_pos is None and block.depth == question.depth:
        return dataclasses.replace(block, kind="p", depth=0)
    return dataclasses.replace(block, depth=block.depth - question.depth)


MAX_CREDIT = 200  # characters: a credit line, not a paragraph that starts like one


DIALOGUE_DASHES = ("—", "–")


def without_dialogue_dash(block: Block) -> Block:
    """Return a reply's first block without the dash that opens it in a dialogue."""
    text = block.text[1:].lstrip()
    html = re.sub(r"^(\s*(?:<[^>]+>\s*)*)[—–]\s*", r"\1", block.html, count=1)
    return dataclasses.replace(block, text=text, html=html)


MIN_LEAD_QUESTIONS = 2


def with_lead_topics(blocks: list[Block]) -> list[Block]:
    """Return the blocks with each paragraph whose bold first line does not ask split into
    that line (a question) and the rest, when other paragraphs of the body open with a bold
    question the same way ("<strong>Votre parcours en une phrase</strong><br>…" among
    "<strong>Que faites-vous ?</strong><br>…"); else the blocks as they are."""
    leads = [block.lead for block in blocks if block.lead]
    if not leads or all(lead is True for lead in leads) or leads.count(True) < MIN_LEAD_QUESTIONS:
        return blocks
    found: list[Block] = []
    for block in blocks:
        if isinstance(block.lead, tuple):
            head, rest = block.lead
            found += [dataclasses.replace(head, lead=True, asked=True), rest]
        else:
            found.append(block)
    return found


def segment(blocks: list[Block], interviewee: str, announced: int | None = None) -> Segmented:
    """Return the questions, answers, intro, printed date and images of an article body
    (``announced``: how many questions the title says there are)."""
    labels = speaker_labels(interviewee)
    blocks = without_repeated_pull_quotes([cover_text(block) if block.kind == "cover" else block
                                           for block in blocks if not block.cta and not is_tagline(block)
                                           and not is_box_title(block)])
    blocks = with_lead_topics(without_interviewer_labels(blocks, labels, reads_as_asked))
    split_post = any(block.links and len(block.text) <= 40 and PAGE_LINKS.match(block.text) for block in blocks)
    blocks, strategy, questions = interview_blocks(blocks, announced)
    if not questions:
        run_in = run_in_questions(blocks)
        if run_in is not None:
            blocks, strategy, questions = interview_blocks(run_in, announced)
    if len(questions) > 2 and strategy != "numbered" and presents(questions[0].text, interviewee):
        # "Qui est Léa ?" over a short bio: the editor presents her, the interview starts after
        questions = [dataclasses.replace(q, n=n) for n, q in enumerate(questions[1:], start=1)]
    result = Segmented(strategy, questions, split_post=split_post)
    result.images = [image for block in blocks for image in block.images]
    if not questions:
        return result
    alts = {fold(i.alt) for i in result.images if i.alt}
    result.preamble = " ".join(block.text for block in blocks[: questions[0].index])
    intro: list[Block] = []
    credits: list[Block] = []  # who asked, said before the questions: the outro's
    for block in blocks[: questions[0].index]:
        date = printed_date(block.text)
        if date and not result.printed_date:
            result.printed_date = date
        elif is_caption_line(block, interviewee, alts):
            if block.text:
                attach_caption(result.images, block.text)
        elif block.kind == "p" and len(block.text) <= MAX_CREDIT and WHO_ASKED.match(block.text):
            credits.append(block)
        elif len(block.text) <= MAX_CREDIT and series_match(block.text):
            continue  # the title again (a breadcrumb's last item, a hero banner) or another interview's
        elif block.text and not is_section_label(block):
            intro.append(block)
    if questions[0].glued_caption:
        attach_caption(result.images, questions[0].glued_caption)
    result.intro = answer_text(without_post_meta(without_facts_box(intro)))[0] or None  # lists as in the answers
    for k, question in enumerate(questions):
        end = questions[k + 1].index if k + 1 < len(questions) else len(blocks)
        asked = blocks[question.index]
        span = blocks[question.index + 1: end]
        if asked.kind == "li":  # the answer inside the question's list item
            span = [in_item(block, asked) for block in span]
        if k + 1 == len(questions):
            span, outro = split_last_answer(span)
            thanks = thanks_to_interviewee(span, labels)
            if thanks is not None:
                span, outro = span[:thanks], span[thanks:] + outro
            result.outro = answer_text([b for b in credits + outro if b.text])[0] or None
            for block in outro:  # a closing photo credit is the pictures' too
                if CREDIT.match(block.text):
                    attach_caption(result.images, block.text)
        body = []
        for block in span:
            if block.kind == "sep":
                continue
            if block.kind in ("caption", "image") or is_credit_line(block):
                if block.text:
                    attach_caption(result.images, block.text)
                continue
            body.append(block)
        body, speaker = without_speaker_labels(without_figures(without_repeats(body, interviewee)), labels)
        if question.marker in DIALOGUE_DASHES and body and body[0].text[:1] in DIALOGUE_DASHES:
            body = [without_dialogue_dash(body[0]), *body[1:]]  # "— Votre projet ?" / "— Nous …": the reply's dash
        text, html = answer_text(body)
        q_text = " ".join(question.text.split("\n")).strip()
        result.qa.append(QA(question.n, q_text, text, html, question.marker, speaker))
    unanswered = {fold(qa.question) for qa in result.qa if not qa.answer}
    asked = {fold(qa.question) for qa in result.qa if qa.answer} if unanswered else set()
    if unanswered & asked:
        # a tab bar's titles, then the same questions over their panels (a builder's tabs
        # turning into an accordion on phones): each question once, with its answer
        kept = [qa for qa in result.qa if qa.answer or fold(qa.question) not in asked]
        result.qa = [dataclasses.replace(qa, n=n) for n, qa in enumerate(kept, start=1)]
    while announced and len(result.qa) > announced and (not result.qa[-1].answer or (
            READER_QUESTION.match(result.qa[-1].question) and CALL_TO_READER.match(result.qa[-1].answer))):
        # a "question" past those the title announces, unanswered or answered by a call to the
        # reader: a box's title ("Une question ?", "Vous êtes une structure de l’ESS ?" / "Rejoignez …")
        result.qa.pop()
    return result


# A pull quote or a testimonial widget repeats a sentence of the answer beside it, in quotes
# or not, then maybe who said it on a line or two ("Sabine Ollivier", "Présidente de X").
MIN_REPEAT = 30
MAX_ATTRIBUTION = 80


PROBE = 24  # characters from the middle of a block, looked for in the others
MAX_ECHO = 400  # a pull quote or a testimonial is a sentence or two


def echoed_in(index: int, body: list[Block]) -> list[int]:
    """Return the blocks of the answer, longer than block ``index`` (or the same length and
    earlier), in which the middle of its text is found: where it may be an echo of."""
    block = body[index]
    text = block.text
    if not MIN_REPEAT <= len(text) <= MAX_ECHO or block.kind not in ("p", "quote", "pull"):
        return []
    middle = len(text) // 2
    probe = text[max(0, middle - PROBE // 2): middle + PROBE // 2]
    return [other for other, candidate in enumerate(body) if other != index and probe in candidate.text
            and (len(candidate.text) > len(text) or (len(candidate.text) == len(text) and other < index))]


def without_repeats(body: list[Block], interviewee: str) -> list[Block]:
    """Return an answer's blocks without a block that repeats the words of a longer block of
    the answer (or of an earlier same one), and the attribution lines under it: a pull quote or
    a testimonial nobody classed (``without_repeated_pull_quotes`` takes the classed ones).
    Words are compared only where a stretch of the block's characters is found."""
    if len(body) < 2:
        return body
    name = ""
    drop: set[int] = set()
    for index in range(len(body)):
        hosts = echoed_in(index, body)
        if not hosts:
            continue
        key = words_key(body[index].text)
        if len(key) < MIN_REPEAT or not any(key in words_key(body[host].text) for host in hosts):
            continue
        drop.add(index)
        name = name or (fold(without_honorific(interviewee)) if interviewee else "")
        lines = body[index + 1: index + 3]
        first = lines[0].text if lines else ""
        if first and len(first) <= MAX_ATTRIBUTION and not first.endswith((".", "?", "!", ":")) and (
                (name and name in fold(first)) or first[:1] in "—–-"):
            drop.add(index + 1)
            second = lines[1].text if len(lines) > 1 else ""
            if second and len(second) <= MAX_ATTRIBUTION and not second.endswith((".", "?", "!", ":")):
                drop.add(index + 2)
    return [block for index, block in enumerate(body) if index not in drop] if drop else body


# A box presenting the interviewee before the interview: "Qui est Léa ?", "Qui est-elle ?".
PRESENTING = re.compile(r"^(?:mais\s+)?qui\s+(?:est|sont)(?:-(?:elle|il|elles|ils)|\s+(?P<who>[^?]{2,60}?))\s*\?$",
                        re.IGNORECASE)


def presents(question: str, interviewee: str) -> bool:
    """Return whether a question asks who the interviewee is, in the third person."""
    match = PRESENTING.match(question.strip())
    if match is None:
        return False
    who = match.group("who")
    if who is None:
        return True
    names = fold(without_honorific(interviewee or "")).split()
    return bool(names) and fold(who).split()[0] in names


# A counter or figures widget between answers: a block that is a figure alone ("0", "1 200",
# "68 %", "+40"), each maybe with a short label after it ("missions réalisées en 2023").
MAX_FIGURE_LABEL = 60


def without_figures(body: list[Block]) -> list[Block]:
    """Return an answer's blocks without a counter widget's figures and their labels."""
    if not any(block.text[:1] in FIGURE_START and FIGURE.match(block.text) for block in body):
        return body
    kept: list[Block] = []
    label = False
    for block in body:
        text = block.text
        if text[:1] in FIGURE_START and FIGURE.match(text):
            label = True
            continue
        if label and len(text) <= MAX_FIGURE_LABEL and not text.endswith((".", "?", "!", ":")):
            label = False
            continue
        label = False
        kept.append(block)
    return kept


# A paragraph that opens with its question in bold, the answer after it in the same
# paragraph ("<p><strong>Comment est née la coopérative ?</strong> Elle est née…</p>").
RUN_IN = re.compile(r"^<(?P<tag>strong|b)>(?P<question>(?:(?!</?(?P=tag)>).)+)</(?P=tag)>(?!<br>)\s*(?P<answer>\S.*)$",
                    re.DOTALL)
TAG = re.compile(r"<[^>]+>")


def run_in_questions(blocks: list[Block]) -> list[Block] | None:
    """Return the blocks with each run-in question (a paragraph opening with a bold question,
    its answer after it) cut into a bold question block and its answer, when at least two
    paragraphs are so; else None. Tried only when no block alone reads as a question."""
    cut: list[Block] = []
    found = 0
    for block in blocks:
        match = RUN_IN.match(block.html) if block.kind == "p" and not block.emphasised else None
        question = clean_text(unescape(TAG.sub("", match.group("question")))) if match else ""
        if not question or not block.text.startswith(question) or not ends_with_question(question):
            cut.append(block)
            continue
        answer = block.text[len(question):].strip()
        if not answer:
            cut.append(block)
            continue
        found += 1
        cut.append(dataclasses.replace(block, text=question, html=f"<strong>{match.group('question')}</strong>",
                                       emphasised=True, images=[], links=0))
        cut.append(dataclasses.replace(block, text=answer, html=match.group("answer")))
    return cut if found >= 2 else None


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
