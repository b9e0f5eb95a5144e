"""The pictures of the archived interviews: fetched politely with the crawl (the site's own
hosts only, image/* only), stored once, served from the archive (``/image/<id>``); the
interview page never hot-links the original site."""

from __future__ import annotations

import asyncio
import dataclasses
import json
import sqlite3

from sqlite_utils import Database

from db.publish import make_datasette
from mirror.content import load_posts
from mirror.server import running_mirror
from mirror.site import MirrorConfig, Site, demo_picture, html
from spiders.images import PictureFetching, picture_refusal
from tests.conftest import LOOPBACK_CRAWL, copy_archive, run_cli

ODILE, LEA = 6204, 8390  # interviews of the mirror with a picture each
LEA_PICTURE = "/wp-content/uploads/2022/09/lea-moreau-diallo.jpg"


def crawl(server, db_path) -> dict:
    """Crawl a mirror into ``db_path``; return the Scrapy stats of the run."""
    done = run_cli("crawl", "--db", str(db_path), "--start-url", server.base_url + "/", *LOOPBACK_CRAWL)
    assert done.returncode == 0, done.stderr
    run = list(Database(db_path).query("SELECT stats FROM crawl_runs ORDER BY id DESC LIMIT 1"))[0]
    return json.loads(run["stats"])


def get(datasette, path: str):
    return asyncio.run(datasette.client.get(path))


def test_the_demo_crawl_stores_every_demo_picture(archived):
    db = Database(archived)
    images = [r for r in db["images"].rows if r["src"]]
    assert len(images) == 4 and all(r["picture_id"] for r in images)
    for image in images:
        picture = db["pictures"].get(image["picture_id"])
        path = image["src"].split("//", 1)[1].split("/", 1)[1]
        assert picture["url"] == image["src"] and picture["body"] == demo_picture("/" + path)
        assert picture["content_type"] == "image/png" and picture["body_size"] == len(picture["body"])
    assert not list(db.query("SELECT * FROM rejects WHERE source = 'picture'"))


def test_the_page_shows_the_archived_picture_served_by_the_archive(archived):
    datasette = make_datasette(archived)
    page = get(datasette, f"/entretien/{ODILE}")
    assert page.status_code == 200
    picture_id = Database(archived).execute("SELECT picture_id FROM images WHERE interview_id = ?",
                                            [ODILE]).fetchone()[0]
    assert f'<img src="/image/{picture_id}" alt="Odile Ferrand"' in page.text
    assert "wp-content/uploads" not in page.text  # never a hot-link
    assert "© Jules Martin / La Fabrique à Liens" in page.text
    assert "img-src 'self' data:" in page.headers["content-security-policy"]
    served = get(datasette, f"/image/{picture_id}")
    assert served.status_code == 200 and served.content == Database(archived)["pictures"].get(picture_id)["body"]
    assert served.headers["content-type"] == "image/png"
    assert served.headers["x-content-type-options"] == "nosniff"
    assert served.headers["content-security-policy"].startswith("sandbox")
    assert get(datasette, "/image/999999").status_code == 404


def test_a_picture_not_archived_shows_no_image_but_its_credit(archived, tmp_path):
    db_path = copy_archive(archived, tmp_path / "lost.db")
    with sqlite3.connect(db_path) as conn:
        conn.execute("UPDATE images SET picture_id = NULL WHERE interview_id = ?", [ODILE])
    page = get(make_datasette(db_path), f"/entretien/{ODILE}").text
    assert "<img" not in page and "wp-content" not in page
    assert "© Jules Martin / La Fabrique à Liens" in page


def test_a_second_crawl_asks_for_no_picture(mirror, archived, tmp_path):
    db_path = copy_archive(archived, tmp_path / "again.db")
    before = len(mirror.requests)
    stats = crawl(mirror, db_path)
    assert not [r for r in mirror.requests[before:] if "/wp-content/" in r]
    assert "ess/pictures/requested" not in stats
    assert Database(db_path)["pictures"].count == 4


class HotlinkGuardedSite(Site):
    """The mirror, with one picture answered by an HTML page (as a hot-link guard does)."""

    def route(self, path, query, base):
        if path == LEA_PICTURE:
            return html("<html><body>Accès refusé</body></html>")
        return super().route(path, query, base)


def test_other_hosts_are_never_asked_and_non_images_are_refused(tmp_path):
    posts = [dataclasses.replace(p, content=p.content.replace("/wp-content/uploads/2021/06/odile-ferrand.jpg",
                                                              "https://pictures.example.net/odile-ferrand.jpg"))
             if p.id == ODILE else p for p in load_posts()]
    db_path = tmp_path / "guarded.db"
    with running_mirror(site=HotlinkGuardedSite(MirrorConfig(posts=posts))) as server:
        stats = crawl(server, db_path)
        asked = [r for r in server.requests if "/wp-content/" in r]
    assert stats["ess/pictures/offsite"] == 1 and "ess/blocked_not_loopback" not in stats  # never even tried
    assert sorted(asked) == sorted(["/wp-content/uploads/2020/09/bastien-roux.jpg", LEA_PICTURE,
                                    "/wp-content/uploads/2023/06/sophie-garnier.jpg"])
    db = Database(db_path)
    refused = list(db.query("SELECT url, code, reason FROM rejects WHERE source = 'picture'"))
    assert [(r["url"], r["code"]) for r in refused] == [(server.base_url + LEA_PICTURE, "picture-not-image")]
    assert "text/html" in refused[0]["reason"]
    linked = {r["interview_id"]: r["picture_id"] for r in db["images"].rows if r["src"]}
    assert linked[LEA] is None and linked[ODILE] is None and db["pictures"].count == 2
    assert "<img" not in get(make_datasette(db_path), f"/entretien/{LEA}").text


def test_refusals_and_hosts():
    assert picture_refusal(200, "image/jpeg", 10, 100) is None
    assert picture_refusal(200, "text/html", 10, 100)[0] == "picture-not-image"
    assert picture_refusal(200, "image/png", 101, 100)[0] == "picture-too-large"
    assert picture_refusal(404, "text/html", 10, 100)[0] == "picture-status"

    class Spider(PictureFetching):
        root = "https://ess2024.org"
        site_hosts = {"ess2024.org"}

        def on_site(self, url):
            return url

    spider = Spider()
    assert spider.picture_address("/wp-content/uploads/a.jpg") == "https://ess2024.org/wp-content/uploads/a.jpg"
    assert spider.picture_address("https://uploads.ess2024.org/a.jpg") == "https://uploads.ess2024.org/a.jpg"
    assert spider.picture_address("https://www.ess2024.org/a.jpg") == "https://www.ess2024.org/a.jpg"
    for elsewhere in ("https://i0.wp.com/ess2024.org/a.jpg", "https://evil-ess2024.org/a.jpg", "data:image/png,x",
                      "ftp://ess2024.org/a.jpg"):
        assert spider.picture_address(elsewhere) is None
