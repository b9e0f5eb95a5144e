"""Runs after the first: only discovery requests on an unchanged site, edits archived with
their previous version, disappeared interviews marked gone and kept."""

from __future__ import annotations

import dataclasses
import json

from sqlite_utils import Database

from tests.conftest import LOOPBACK_CRAWL, run_cli


def crawl(server, db_path, *extra: str):
    done = run_cli("crawl", "--db", str(db_path), "--start-url", server.base_url + "/", *LOOPBACK_CRAWL, *extra)
    assert done.returncode == 0, done.stderr
    return done


def last_run(db_path) -> dict:
    return list(Database(db_path).query("SELECT * FROM crawl_runs ORDER BY id DESC LIMIT 1"))[0]


def page_requests(server) -> list[str]:
    """Return the requests the mirror received for article pages."""
    return [r for r in server.requests if r.count("/") >= 4 and not r.startswith(("/wp-", "/feed"))]


def test_a_second_rest_run_makes_only_discovery_requests(make_mirror, tmp_path, interview_ids):
    server = make_mirror()
    db_path = tmp_path / "a.db"
    crawl(server, db_path)
    server.requests.clear()
    done = crawl(server, db_path)
    assert f"0 new, 0 updated, {len(interview_ids)} unchanged" in done.stdout
    assert page_requests(server) == []
    assert all(r.startswith("/wp-json/") or r == "/robots.txt" for r in server.requests)
    run = last_run(db_path)
    assert run["requests"] == len(server.requests)
    assert "ess/parsed" not in json.loads(run["stats"])  # nothing re-parsed


def test_a_second_sitemap_run_is_answered_not_modified(make_mirror, tmp_path, interview_ids):
    server = make_mirror()
    db_path = tmp_path / "b.db"
    crawl(server, db_path, "--source", "sitemap")
    captures = Database(db_path)["captures"].count
    done = crawl(server, db_path, "--source", "sitemap")
    assert f"{len(interview_ids)} unchanged" in done.stdout
    stats = json.loads(last_run(db_path)["stats"])
    assert stats["ess/outcome/not-modified"] == len(interview_ids)
    assert "ess/parsed" not in stats
    assert Database(db_path)["captures"].count == captures


def test_sitemap_lastmod_spares_every_page_request(make_mirror, tmp_path, interview_ids):
    server = make_mirror(sitemap_flavour="yoast")
    db_path = tmp_path / "c.db"
    crawl(server, db_path, "--source", "sitemap")
    server.requests.clear()
    crawl(server, db_path, "--source", "sitemap")
    assert page_requests(server) == []
    assert last_run(db_path)["skipped"] >= len(interview_ids)


def test_an_edited_answer_updates_that_interview_and_keeps_its_previous_version(make_mirror, tmp_path, interview_ids):
    server = make_mirror()
    db_path = tmp_path / "d.db"
    crawl(server, db_path)
    old = next(p for p in server.site.posts if p.id == 6204)
    server.site.edit(6204, content=old.content.replace("Plus de 300 habitants", "Plus de 400 habitants"))
    server.requests.clear()
    done = crawl(server, db_path)
    assert f"0 new, 1 updated, {len(interview_ids) - 1} unchanged" in done.stdout
    assert len(page_requests(server)) == 1
    db = Database(db_path)
    answer = db.execute("SELECT answer FROM qa WHERE interview_id = 6204 AND n = 2").fetchone()[0]
    assert answer.startswith("Plus de 400 habitants")
    versions = list(db["versions"].rows)
    assert [(v["interview_id"], v["reason"]) for v in versions] == [(6204, "changed on the site")]
    assert json.loads(versions[0]["record"])["qa"][1]["answer"].startswith("Plus de 300 habitants")


def test_an_interview_gone_from_the_site_is_marked_not_deleted(make_mirror, tmp_path, interview_ids):
    server = make_mirror()
    db_path = tmp_path / "e.db"
    crawl(server, db_path)
    kept = server.site.config.posts
    server.site.config.posts = [p for p in kept if p.id != 4310]
    server.site.refresh()
    done = crawl(server, db_path)
    assert "1 gone" in done.stdout
    db = Database(db_path)
    assert db["interviews"].count == len(interview_ids)
    gone = {r["id"]: r["gone_since"] for r in db["interviews"].rows}
    assert gone[4310] and all(v is None for k, v in gone.items() if k != 4310)
    assert db.execute("SELECT count(*) FROM qa WHERE interview_id = 4310").fetchone()[0] == 3
    server.site.config.posts = kept  # published again
    server.site.refresh()
    crawl(server, db_path)
    assert Database(db_path)["interviews"].get(4310)["gone_since"] is None


def test_a_new_theme_on_the_same_interviews_loses_no_date_or_tag_and_keeps_no_version(make_mirror, tmp_path,
                                                                                      interview_ids):
    server = make_mirror()
    db_path = tmp_path / "theme.db"
    crawl(server, db_path, "--source", "sitemap")
    fields = "id, published, modified, tags, interviewee, role, organisation, intro, outro"
    before = {r["id"]: r for r in Database(db_path).query(f"SELECT {fields} FROM interviews")}
    answers = list(Database(db_path).query("SELECT interview_id, n, question, answer FROM qa ORDER BY 1, 2"))
    # The site moves from its classic theme (JSON-LD dates, tag links) to a block theme
    # (no modified date, no tags printed) and back: the same interviews under other markup.
    swap = {"classic": "block", "block": "classic"}
    server.site.config.posts = [dataclasses.replace(p, theme=swap.get(p.theme, p.theme)) for p in server.site.config.posts]
    server.site.refresh()
    done = crawl(server, db_path, "--source", "sitemap")
    assert "0 new" in done.stdout and "0 not interviews" in done.stdout
    db = Database(db_path)
    after = {r["id"]: r for r in db.query(f"SELECT {fields} FROM interviews")}
    assert list(db.query("SELECT interview_id, n, question, answer FROM qa ORDER BY 1, 2")) == answers
    for iid, old in before.items():
        new = after[iid]
        assert {k: new[k] for k in ("interviewee", "role", "organisation", "intro", "outro")} == \
            {k: old[k] for k in ("interviewee", "role", "organisation", "intro", "outro")}
        assert old["modified"] is None or new["modified"] == old["modified"], iid  # nothing known is lost
        assert old["tags"] == "[]" or new["tags"] == old["tags"], iid
        assert new["published"][:10] == old["published"][:10] or old["published"] == new["published"], iid
    assert any(old["modified"] is None and after[iid]["modified"] for iid, old in before.items())  # gained
    assert db["versions"].count == 0  # nothing the archive held was replaced


def test_identical_bytes_without_validators_are_not_parsed_again(make_mirror, tmp_path, interview_ids):
    server = make_mirror()
    db_path = tmp_path / "f.db"
    crawl(server, db_path, "--source", "sitemap", "-s", "CONDITIONAL_REQUESTS=False")
    done = crawl(server, db_path, "--source", "sitemap", "-s", "CONDITIONAL_REQUESTS=False")
    assert f"{len(interview_ids)} unchanged" in done.stdout
    stats = json.loads(last_run(db_path)["stats"])
    assert stats["ess/unchanged_bytes"] == len(interview_ids)
    assert "ess/parsed" not in stats


def archive_rows(db_path) -> dict[str, list]:
    """Return every row of every table (search index shadow tables included), the run's own
    rows and the times an unchanged item is seen at aside."""
    db = Database(db_path)
    run_tables = {"crawl_runs", "archive_figures"}  # the run's row and the figures written at its end
    seen = {"last_seen", "run_id"}  # when (and in which run) a row was last seen
    found = {}
    for table in db.table_names():
        if table in run_tables or table.startswith("sqlite_"):
            continue
        columns = [c.name for c in db[table].columns]
        rows = db.execute(f"SELECT * FROM [{table}]").fetchall()
        found[table] = sorted(repr([v for c, v in zip(columns, row) if c not in seen]) for row in rows)
    return found


def test_an_unchanged_second_run_writes_only_its_run_and_last_seen(make_mirror, tmp_path):
    server = make_mirror()
    db_path = tmp_path / "a.db"
    crawl(server, db_path)
    before = archive_rows(db_path)
    crawl(server, db_path)
    assert archive_rows(db_path) == before  # not even the search index is written again


def test_an_interview_de_post_is_archived_when_its_article_says_3_questions_and_read_once_when_not(make_mirror,
                                                                                                  tmp_path):
    from datetime import datetime

    from mirror.content import Post, slugify

    qa = "".join(f"<p><strong>Question {n} de l’entretien ?</strong></p><p>Réponse {n}, assez longue.</p>"
                 for n in (1, 2, 3))

    def post(pid: int, title: str, lead: str) -> Post:
        when = datetime(2022, 5, pid % 27 + 1, 10, 0)
        return Post(pid, when, when, slugify(title), title, f"<p>{lead}</p>{qa}", expect="interview", questions=3)

    posts = [post(8101, "Interview de Léa Morin, directrice de La Fabrique", "Elle répond à nos 3 questions."),
             post(8102, "Interview de Paul Roy, maire de Brest", "Un entretien sur la ville.")]
    server = make_mirror(posts=posts)
    db_path = tmp_path / "a.db"
    crawl(server, db_path)
    db = Database(db_path)
    assert [r["id"] for r in db.query("SELECT id FROM interviews")] == [8101]
    assert [r["code"] for r in db.query("SELECT code FROM rejects WHERE post_id = 8102")] == ["not-series"]
    server.requests.clear()
    crawl(server, db_path)
    assert page_requests(server) == []  # neither read again: one unchanged, one said no
    assert [r["id"] for r in Database(db_path).query("SELECT id FROM interviews WHERE gone_since IS NULL")] == [8101]
