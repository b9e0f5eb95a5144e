"""Tables derived from an interview row for research: its person and organisation
(deduplicated by a folded name), its categories and tags, its images."""

from __future__ import annotations

import json

from sqlite_utils import Database

from crawler.parser.text import fold
from db.sql import insert_row, insert_rows


def name_id(db: Database, table: str, name: str | None) -> int | None:
    """Return the id of a person or organisation, created on first sight; names that differ
    only by case, accents or apostrophes are one row."""
    if not name or not name.strip():
        return None
    key = fold(" ".join(name.split()))
    row = db.execute(f"SELECT id FROM {table} WHERE name_key = ?", [key]).fetchone()
    return row[0] if row else insert_row(db, table, {"name": name.strip(), "name_key": key})


def term_ids(db: Database, table: str, names: list[str]) -> list[int]:
    """Return the ids of categories or tags, created on first sight."""
    ids = []
    for name in dict.fromkeys(n.strip() for n in names if n and n.strip()):
        row = db.execute(f"SELECT id FROM {table} WHERE name = ?", [name]).fetchone()
        ids.append(row[0] if row else insert_row(db, table, {"name": name}))
    return ids


def name_ids(db: Database, row: dict) -> dict[str, int | None]:
    """Return the ``person_id`` and ``organisation_id`` of an interview row, the people and
    organisations created on first sight (written with the row: no second update of it)."""
    return {"person_id": name_id(db, "people", row["interviewee"]),
            "organisation_id": name_id(db, "organisations", row["organisation"])}


def save_research_tables(db: Database, row: dict) -> None:
    """Fill the tables derived from an archived interview row: its person and organisation,
    its categories and tags, its images."""
    ids = name_ids(db, row)
    db.execute("UPDATE interviews SET person_id = ?, organisation_id = ? WHERE id = ?",
               [ids["person_id"], ids["organisation_id"], row["id"]])
    save_terms_and_images(db, row)


def save_terms_and_images(db: Database, row: dict) -> None:
    """Fill the categories, tags and images of an interview row."""
    interview_id = row["id"]
    for table, column in (("categories", "category_id"), ("tags", "tag_id")):
        db.execute(f"DELETE FROM interview_{table} WHERE interview_id = ?", [interview_id])
        ids = term_ids(db, table, json.loads(row[table] or "[]"))
        insert_rows(db, f"interview_{table}", ({"interview_id": interview_id, column: i} for i in ids))
    db.execute("DELETE FROM images WHERE interview_id = ?", [interview_id])
    insert_rows(db, "images", ({"interview_id": interview_id, "n": n, **image}
                               for n, image in enumerate(json.loads(row["images"] or "[]"), start=1)))
