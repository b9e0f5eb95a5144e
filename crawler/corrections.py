"""Corrections made by hand: a YAML file beside the archive (``corrections.yaml``), applied
on top of every parsed record, in the crawl and in ``reparse`` alike, so no parser change
can lose them. Each entry names a post, a field (or a question number and ``question`` or
``answer``), the corrected value, who made it, when and why::

    - post: 5120
      field: organisation
      value: Réseau Tremplin
      who: Camille R.
      when: 2026-11-30
      why: le titre coupe le nom de l’organisation
    - post: 5120
      n: 2
      field: answer
      value: |
        Premier paragraphe.

        Second paragraphe.
      who: Camille R.
      when: 2026-11-30
      why: une phrase de la légende était restée dans la réponse
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from html import escape
from pathlib import Path

import yaml

from crawler.parser.records import Interview

FILE_NAME = "corrections.yaml"
RECORD_FIELDS = ("title", "interviewee", "name", "role", "organisation", "published", "modified",
                 "printed_date", "language", "intro", "outro")
QA_FIELDS = ("question", "answer")
REQUIRED = ("post", "field", "who", "when", "why")


class CorrectionsError(Exception):
    """The corrections file cannot be used; the message is one line for the user."""


@dataclass(frozen=True)
class Correction:
    """One correction of one field of one interview."""

    post: int
    field: str
    value: str | None
    who: str
    when: str
    why: str
    n: int | None = None  # the question, for ``question`` and ``answer``

    @property
    def target(self) -> str:
        """Return what the correction changes, as a person reads it ("organisation", "q2 answer")."""
        return f"q{self.n} {self.field}" if self.n is not None else self.field


def corrections_path(db_path: str | Path) -> Path:
    """Return the corrections file of an archive: beside it, in the archive's folder."""
    return Path(db_path).resolve().with_name(FILE_NAME)


def parse_entry(entry: object, k: int, path: Path) -> Correction:
    """Return one entry of the file as a Correction, or raise CorrectionsError naming it."""
    where = f"{path}: entry {k}"
    if not isinstance(entry, dict):
        raise CorrectionsError(f"{where} is not a mapping (post, field, value, who, when, why)")
    missing = [key for key in REQUIRED if entry.get(key) in (None, "")]
    if missing or "value" not in entry:
        raise CorrectionsError(f"{where} lacks {', '.join(missing or ['value'])}")
    unknown = set(entry) - {*REQUIRED, "value", "n"}
    if unknown:
        raise CorrectionsError(f"{where} has unknown keys: {', '.join(sorted(map(str, unknown)))}")
    field = str(entry["field"])
    if field in QA_FIELDS and not isinstance(entry.get("n"), int):
        raise CorrectionsError(f"{where}: field {field} needs n, the question number")
    if field not in RECORD_FIELDS + QA_FIELDS:
        raise CorrectionsError(f"{where}: field {field} cannot be corrected (one of "
                               f"{', '.join(RECORD_FIELDS + QA_FIELDS)})")
    if not isinstance(entry["post"], int):
        raise CorrectionsError(f"{where}: post must be the WordPress post id (a number)")
    when = entry["when"]
    when = when.isoformat() if isinstance(when, (dt.date, dt.datetime)) else str(when)
    value = entry["value"]
    return Correction(post=entry["post"], field=field, n=entry.get("n") if field in QA_FIELDS else None,
                      value=None if value is None else str(value).strip(), who=str(entry["who"]),
                      when=when, why=str(entry["why"]))


def load_corrections(path: str | Path) -> dict[int, list[Correction]]:
    """Return the corrections of a file by post id ({} when there is no file)."""
    path = Path(path)
    if not path.is_file():
        return {}
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    except (yaml.YAMLError, UnicodeDecodeError) as error:
        raise CorrectionsError(f"{path} is not readable YAML: {str(error).splitlines()[0]}") from error
    if not isinstance(data, list):
        raise CorrectionsError(f"{path} must be a list of corrections")
    found: dict[int, list[Correction]] = {}
    for k, entry in enumerate(data, start=1):
        correction = parse_entry(entry, k, path)
        found.setdefault(correction.post, []).append(correction)
    return found


def answer_html(text: str) -> str:
    """Return the HTML of a corrected answer: one paragraph per blank-line block."""
    return "".join(f"<p>{escape(block).replace(chr(10), '<br>')}</p>" for block in text.split("\n\n") if block.strip())


def apply_corrections(record: Interview, corrections: dict[int, list[Correction]]) -> list[dict]:
    """Apply the corrections of the record's post to it, in place; return what was applied,
    each with the parser's original value (a correction that no longer fits becomes a
    warning of the record, never an error)."""
    applied = []
    for correction in corrections.get(record.id, []) if record.id is not None else []:
        if correction.n is None:
            original = getattr(record, correction.field)
            setattr(record, correction.field, correction.value)
        else:
            index = next((i for i, qa in enumerate(record.qa) if qa.n == correction.n), None)
            if index is None:
                record.warnings.append(f"correction of {correction.target} does not apply: "
                                       f"the record has {len(record.qa)} questions")
                continue
            qa = record.qa[index]
            original = getattr(qa, correction.field)
            value = correction.value or ""
            changes = {correction.field: value}
            if correction.field == "answer":
                changes["answer_html"] = answer_html(value)
            record.qa[index] = dataclasses.replace(qa, **changes)
        applied.append({**dataclasses.asdict(correction), "original": original})
    return applied
