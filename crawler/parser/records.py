"""Records the parser returns: an ``Interview`` or a ``NotAnInterview`` with its reason."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

# Bump when extraction changes in a way that changes records: `reparse` records it.
PARSER_VERSION = "2.8"
# The warning of a record read from a page that stops before its end (a wrong
# Content-Length, a dropped connection): the archive never lets it replace a record.
TRUNCATED = "truncated: the page ends before </html>"
SPLIT_POST = "split post: the page links to the post's other pages (“Pages : 1 2”); only this page is read"


@dataclass
class QA:
    """One question with its answer, in the order of the interview."""

    n: int
    question: str
    answer: str
    answer_html: str = ""
    marker: str | None = None
    speaker: str | None = None


@dataclass
class Image:
    """A picture of the article with what describes it."""

    src: str | None
    alt: str | None = None
    caption: str | None = None
    credit: str | None = None


@dataclass
class Interview:
    """An interview of the "3 questions à ..." series, as published."""

    id: int | None
    url: str
    title: str
    interviewee: str
    role: str | None
    organisation: str | None
    published: str | None
    modified: str | None
    printed_date: str | None
    language: str
    intro: str | None
    qa: list[QA]
    # What follows the last answer after a rule or a "Propos recueillis par …" line.
    outro: str | None = None
    categories: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    images: list[Image] = field(default_factory=list)
    strategy: str = ""
    parser_version: str = PARSER_VERSION
    encoding: str | None = None
    warnings: list[str] = field(default_factory=list)
    # The interviewee without honorifics ("Jean Dupuis" for "Professeur Jean Dupuis"), for
    # citations; and what the title names: "person", "group" or "organisation".
    name: str | None = None
    kind: str | None = None
    # Corrections made by hand and applied on top of the parsed record (never by the parser):
    # each with its target, value, who, when, why and the parser's original value.
    corrections: list[dict] = field(default_factory=list)

    @property
    def n_questions(self) -> int:
        """Return the number of question/answer pairs."""
        return len(self.qa)

    def to_dict(self) -> dict:
        """Return the record as plain JSON-ready data."""
        data = asdict(self)
        data["n_questions"] = self.n_questions
        return data


@dataclass
class NotAnInterview:
    """A page that is not archived as an interview, with a reason a person can read.

    ``code`` is stable and short (for counting), ``reason`` is the sentence."""

    code: str
    reason: str
    url: str = ""
    title: str | None = None
    id: int | None = None
    encoding: str | None = None

    def to_dict(self) -> dict:
        """Return the rejection as plain JSON-ready data."""
        return asdict(self)
