"""Every schema change of the archive, in order: the only place DDL happens.

sqlite-utils' ``Migrations`` records what was applied in ``_sqlite_migrations``, so an
archive made by an older version is brought up to date in place, nothing lost."""

from __future__ import annotations

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from db.research import save_research_tables
from db.search import stem_text

migrations = Migrations("ess-archive")

# FTS5 tokenizer: unicode61 folds case and, with remove_diacritics 2, accents ("economie"
# finds "économie"); apostrophes (' and ’) separate tokens, so "emploi" finds "l’emploi".
# No porter: it is an English stemmer.
FTS_TOKENIZE = "unicode61 remove_diacritics 2"


@migrations()
def m001_initial(db: Database) -> None:
    """Create the archive's tables."""
    db["crawl_runs"].create({
        "id": int, "started": str, "finished": str, "status": str, "source": str,
        "start_url": str, "requests": int, "responses": int, "captures": int, "new": int,
        "updated": int, "unchanged": int, "rejected": int, "duplicates": int, "errors": int,
        "message": str, "stats": str,
    }, pk="id")
    db["captures"].create({
        "id": int, "url": str, "requested_url": str, "fetched_at": str, "last_seen": str,
        "status": int, "headers": str, "content_type": str, "body": bytes, "body_size": int,
        "sha256": str, "encoding": str, "source": str, "kind": str, "context": str,
        "run_id": int,
    }, pk="id", not_null={"url", "fetched_at", "status", "sha256"},
        foreign_keys=[("run_id", "crawl_runs", "id")])
    db["captures"].create_index(["url", "sha256"], unique=True)
    db["captures"].create_index(["kind"])
    db["interviews"].create({
        "id": int, "url": str, "title": str, "interviewee": str, "role": str,
        "organisation": str, "published": str, "modified": str, "printed_date": str,
        "language": str, "intro": str, "n_questions": int, "categories": str, "tags": str,
        "images": str, "source": str, "strategy": str, "parser_version": str,
        "encoding": str, "warnings": str, "content_hash": str, "capture_id": int,
        "first_seen": str, "last_seen": str, "updated_at": str,
    }, pk="id", not_null={"url", "title", "interviewee"},
        foreign_keys=[("capture_id", "captures", "id")])
    db["interviews"].create_index(["published"])
    db["interviews"].create_index(["organisation"])
    db["interviews"].create_index(["url"], unique=True)
    db["qa"].create({
        "interview_id": int, "n": int, "marker": str, "question": str, "answer": str,
        "answer_html": str, "speaker": str,
    }, pk=("interview_id", "n"), not_null={"question", "answer"},
        foreign_keys=[("interview_id", "interviews", "id")])
    db["rejects"].create({
        "url": str, "post_id": int, "code": str, "reason": str, "title": str, "source": str,
        "capture_id": int, "run_id": int, "first_seen": str, "last_seen": str,
    }, pk="url", foreign_keys=[("capture_id", "captures", "id"), ("run_id", "crawl_runs", "id")])
    db["rejects"].create_index(["code"])
    db["qa"].enable_fts(["question", "answer"], tokenize=FTS_TOKENIZE, create_triggers=True)
    db["interviews"].enable_fts(["title", "interviewee", "role", "organisation", "intro"],
                                tokenize=FTS_TOKENIZE, create_triggers=True)


@migrations()
def m002_incremental(db: Database) -> None:
    """Keep earlier versions of edited interviews, mark interviews gone from the site, and
    record per run what was skipped as unchanged, gone, and how complete the archive is."""
    db["versions"].create({
        "id": int, "interview_id": int, "content_hash": str, "capture_id": int,
        "first_seen": str, "last_seen": str, "replaced_at": str, "record": str,
    }, pk="id", foreign_keys=[("interview_id", "interviews", "id"), ("capture_id", "captures", "id")])
    db["versions"].create_index(["interview_id"])
    db["interviews"].add_column("gone_since", str)
    for column in ("skipped", "gone"):
        db["crawl_runs"].add_column(column, int)
    db["crawl_runs"].add_column("completeness", str)


@migrations()
def m003_research(db: Database) -> None:
    """Tables researchers facet and join on (people, organisations, categories, tags,
    images), a publication year, a French-stemmed search index and an answers view."""
    db["people"].create({"id": int, "name": str, "name_key": str}, pk="id", not_null={"name", "name_key"})
    db["people"].create_index(["name_key"], unique=True)
    db["organisations"].create({"id": int, "name": str, "name_key": str}, pk="id",
                               not_null={"name", "name_key"})
    db["organisations"].create_index(["name_key"], unique=True)
    for table, column in (("categories", "category_id"), ("tags", "tag_id")):
        db[table].create({"id": int, "name": str}, pk="id", not_null={"name"})
        db[table].create_index(["name"], unique=True)
        db[f"interview_{table}"].create({"interview_id": int, column: int}, pk=("interview_id", column),
                                        foreign_keys=[("interview_id", "interviews", "id"), (column, table, "id")])
    db["images"].create({"interview_id": int, "n": int, "src": str, "alt": str, "caption": str,
                         "credit": str}, pk=("interview_id", "n"),
                        foreign_keys=[("interview_id", "interviews", "id")])
    db["interviews"].add_column("person_id", int, fk="people", fk_col="id")
    db["interviews"].add_column("organisation_id", int, fk="organisations", fk_col="id")
    db.execute("ALTER TABLE interviews ADD COLUMN year INTEGER "
               "GENERATED ALWAYS AS (CAST(substr(published, 1, 4) AS INTEGER)) VIRTUAL")
    db["interviews"].create_index(["person_id"])
    db["interviews"].create_index(["organisation_id"])
    db["interviews"].create_index(["updated_at"])
    db["qa"].add_column("stemmed", str)
    for row in list(db.query("SELECT rowid, question, answer FROM qa")):
        db.execute("UPDATE qa SET stemmed = ? WHERE rowid = ?",
                   [stem_text(f"{row['question']} {row['answer']}"), row["rowid"]])
    # External-content FTS5 over the stemmed shadow column: built from the rows, then kept in
    # step by triggers (created after the build: a 'delete' of an unindexed row corrupts it).
    db.executescript(f"""
        CREATE VIRTUAL TABLE qa_stem_fts USING fts5(stemmed, content='qa', content_rowid='rowid',
            tokenize='{FTS_TOKENIZE}');
        INSERT INTO qa_stem_fts(qa_stem_fts) VALUES ('rebuild');
        CREATE TRIGGER qa_stem_ai AFTER INSERT ON qa BEGIN
            INSERT INTO qa_stem_fts(rowid, stemmed) VALUES (new.rowid, new.stemmed);
        END;
        CREATE TRIGGER qa_stem_ad AFTER DELETE ON qa BEGIN
            INSERT INTO qa_stem_fts(qa_stem_fts, rowid, stemmed) VALUES ('delete', old.rowid, old.stemmed);
        END;
        CREATE TRIGGER qa_stem_au AFTER UPDATE ON qa BEGIN
            INSERT INTO qa_stem_fts(qa_stem_fts, rowid, stemmed) VALUES ('delete', old.rowid, old.stemmed);
            INSERT INTO qa_stem_fts(rowid, stemmed) VALUES (new.rowid, new.stemmed);
        END;
        CREATE VIEW answers AS
            SELECT qa.interview_id, qa.n, qa.question, qa.answer, qa.speaker,
                   i.title, i.interviewee, i.role, i.organisation, i.published, i.year,
                   i.language, i.url, i.gone_since
            FROM qa JOIN interviews i ON i.id = qa.interview_id;
    """)
    for row in list(db.query("SELECT * FROM interviews")):
        save_research_tables(db, row)


@migrations()
def m004_version_reason(db: Database) -> None:
    """Say why an earlier version was replaced: an edit on the site, or a new parser."""
    db["versions"].add_column("reason", str)
    db.execute("UPDATE versions SET reason = 'changed on the site' WHERE reason IS NULL")


@migrations()
def m005_identity(db: Database) -> None:
    """Index what every capture's decision reads (the capture an interview came from, the
    rejections of a post); keep the outro, the citation name and the kind of an interview;
    keep the corrections made by hand (a copy of ``corrections.yaml``) and which applied."""
    db["interviews"].create_index(["capture_id"])
    db["rejects"].create_index(["post_id"])
    db["captures"].create_index(["requested_url"])
    db["interviews"].add_column("outro", str)
    db["interviews"].add_column("name", str)
    db["interviews"].add_column("kind", str)
    db["interviews"].add_column("corrected", str)
    db["corrections"].create({"id": int, "post": int, "n": int, "field": str, "value": str, "who": str,
                              "when": str, "why": str}, pk="id", not_null={"post", "field"})
    db["corrections"].create_index(["post"])


@migrations()
def m006_interviews_fts(db: Database) -> None:
    """Give ``interviews_fts`` back the triggers m003 dropped (sqlite-utils rebuilds a table
    to add a foreign key, and the rebuild loses its triggers), and index every interview."""
    db["interviews"].enable_fts(["title", "interviewee", "role", "organisation", "intro"],
                                tokenize=FTS_TOKENIZE, create_triggers=True, replace=True)


@migrations()
def m007_pictures(db: Database) -> None:
    """Keep the pictures of the archived interviews: one row per picture URL and bytes
    (like ``captures``), each ``images`` row linked to the picture stored for its ``src``."""
    db["pictures"].create({
        "id": int, "url": str, "fetched_url": str, "fetched_at": str, "last_seen": str, "status": int,
        "content_type": str, "headers": str, "body": bytes, "body_size": int, "sha256": str, "run_id": int,
    }, pk="id", not_null={"url", "fetched_at", "content_type", "body", "sha256"},
        foreign_keys=[("run_id", "crawl_runs", "id")])
    db["pictures"].create_index(["url", "sha256"], unique=True)
    # Plain ALTER TABLE: sqlite-utils would rebuild the table to add the foreign key.
    db.execute("ALTER TABLE images ADD COLUMN picture_id INTEGER REFERENCES pictures(id)")
    db["images"].create_index(["src"])


@migrations()
def m008_figures(db: Database) -> None:
    """Keep the home page's figures (counts, first and last publication, interviews per year)
    in a one-row table written at the end of each crawl and reparse run, filled here once."""
    from db.figures import FIGURES_TABLE, save_figures

    db[FIGURES_TABLE].create({
        "id": int, "computed_at": str, "run_id": int, "interviews": int, "answers": int, "people": int,
        "organisations": int, "gone": int, "first_published": str, "last_published": str, "per_year": str,
        "words_version": str,
    }, pk="id")
    save_figures(db)


@migrations()
def m009_interviews_fts_on_its_columns(db: Database) -> None:
    """Re-index an interview in ``interviews_fts`` only when a column it indexes (or its id,
    the index's rowid) changes: an interview seen again (``last_seen``) is no write to the index."""
    columns = ("title", "interviewee", "role", "organisation", "intro")
    names, old, new = (", ".join(f'"{c}"' for c in columns), ", ".join(f'old."{c}"' for c in columns),
                       ", ".join(f'new."{c}"' for c in columns))
    db.executescript(f"""
        DROP TRIGGER IF EXISTS "interviews_au";
        CREATE TRIGGER "interviews_au" AFTER UPDATE OF "id", {names} ON "interviews" BEGIN
          INSERT INTO "interviews_fts" ("interviews_fts", rowid, {names}) VALUES('delete', old.rowid, {old});
          INSERT INTO "interviews_fts" (rowid, {names}) VALUES (new.rowid, {new});
        END;
    """)


def migrate(db: Database) -> None:
    """Apply every pending migration."""
    migrations.apply(db)


def schema_version(db: Database) -> str | None:
    """Return the name of the last applied migration."""
    applied = migrations.applied(db)
    return applied[-1].name if applied else None
