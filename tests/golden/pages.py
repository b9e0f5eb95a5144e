"""The golden pages: every post of the demo mirror rendered as the site serves it, in each
form the parser reads (theme HTML page, REST object), parsed into a JSON-ready record.

``python -m tests.golden.pages --update`` rewrites ``tests/golden/*.json`` after a
deliberate parser change; review the diff before committing it."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from crawler.parser import parse_page, parse_rest_post
from mirror.content import Post, load_posts
from mirror.endpoints import rest_post
from mirror.site import Site

BASE = "http://127.0.0.1:8765"
FOLDER = Path(__file__).parent


def page_record(site: Site, post: Post) -> dict:
    """Return the parser's record of a post's HTML page as plain data."""
    response = site.respond(post.path(), BASE)
    record = parse_page(response.body, BASE + post.path(), response.headers["Content-Type"])
    return record.to_dict()


def rest_record(site: Site, post: Post) -> dict:
    """Return the parser's record of a post's REST API object as plain data."""
    return parse_rest_post(rest_post(post, BASE, site.tag_ids)).to_dict()


FORMS = {"page": (page_record, FOLDER), "rest": (rest_record, FOLDER / "rest")}


def golden_path(post: Post, form: str = "page") -> Path:
    """Return the golden file of a post in one form ("page" or "rest")."""
    return FORMS[form][1] / f"{post.id}.json"


def dump(record: dict) -> str:
    """Return a record as the golden files store it."""
    return json.dumps(record, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def main() -> None:
    """Rewrite every golden file from the current parser."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--update", action="store_true", help="write the golden files")
    args = parser.parse_args()
    site = Site()
    for form, (make_record, folder) in FORMS.items():
        folder.mkdir(exist_ok=True)
        for post in load_posts():
            text = dump(make_record(site, post))
            path = golden_path(post, form)
            changed = not path.exists() or path.read_text(encoding="utf-8") != text
            if changed and args.update:
                path.write_text(text, encoding="utf-8")
            print(f"{'changed' if changed else 'same':8} {form}/{path.name}")


if __name__ == "__main__":
    main()
