"""Posts of the demo mirror: loaded from ``posts/*.html`` files with a front-matter header."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from importlib import resources
from pathlib import Path

FRONT_MATTER = re.compile(r"\A<!--\n(?P<head>.*?)\n-->\n", re.S)


@dataclass(frozen=True)
class Post:
    """One WordPress post of the mirror; ``content`` is post_content as rendered by wpautop."""

    id: int
    date: datetime
    modified: datetime
    slug: str
    title: str
    content: str
    theme: str = "classic"
    trailing_slash: bool = True
    categories: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    expect: str = "other"   # what the archive must make of it: "interview" or "other"
    questions: int = 0      # for interviews: how many question/answer pairs it has
    status: str = "publish"
    extra: dict[str, str] = field(default_factory=dict)

    def path(self) -> str:
        """Return the date permalink path, with or without the trailing slash."""
        tail = "/" if self.trailing_slash else ""
        return f"/{self.date:%Y/%m/%d}/{self.slug}{tail}"


def slugify(title: str) -> str:
    """Return the slug WordPress derives from a title: accents and ``#`` dropped, lower case,
    words joined by hyphens."""
    import unicodedata

    plain = unicodedata.normalize("NFKD", title.replace("’", "").replace("'", ""))
    plain = "".join(c for c in plain if not unicodedata.combining(c)).lower()
    return re.sub(r"[^a-z0-9]+", "-", plain).strip("-")


def paris_offset(moment: datetime) -> timedelta:
    """Return Europe/Paris's UTC offset for a naive local time (CET, CEST from the last
    Sunday of March to the last Sunday of October), so the mirror needs no tz database."""

    def last_sunday(month: int) -> datetime:
        day = datetime(moment.year, month, 31)
        return day - timedelta(days=(day.weekday() + 1) % 7)

    summer = last_sunday(3).replace(hour=2) <= moment < last_sunday(10).replace(hour=3)
    return timedelta(hours=2 if summer else 1)


def iso_local(moment: datetime) -> str:
    """Return ``moment`` (Paris local time) as ISO 8601 with its offset."""
    return moment.replace(tzinfo=timezone(paris_offset(moment))).isoformat()


def iso_gmt(moment: datetime) -> str:
    """Return ``moment`` (Paris local time) as naive UTC ISO 8601, like REST ``date_gmt``."""
    return (moment - paris_offset(moment)).isoformat()


def parse_post(text: str) -> Post:
    """Return the Post described by one ``posts/*.html`` file."""
    match = FRONT_MATTER.match(text)
    if not match:
        raise ValueError("post file must start with a <!-- front matter --> block")
    head: dict[str, str] = {}
    for line in match.group("head").splitlines():
        key, _, value = line.partition(":")
        head[key.strip()] = value.strip()

    def listing(key: str) -> tuple[str, ...]:
        return tuple(v.strip() for v in head.pop(key, "").split(",") if v.strip())

    return Post(
        id=int(head.pop("id")),
        date=datetime.fromisoformat(head.pop("date")),
        modified=datetime.fromisoformat(head.pop("modified")),
        slug=head.pop("slug"),
        title=head.pop("title"),
        content=text[match.end():].strip(),
        theme=head.pop("theme", "classic"),
        trailing_slash=head.pop("trailing_slash", "yes") != "no",
        categories=listing("categories"),
        tags=listing("tags"),
        expect=head.pop("expect", "other"),
        questions=int(head.pop("questions", "0")),
        extra=head,
    )


def load_posts(folder: Path | None = None) -> list[Post]:
    """Return the mirror's posts, newest first (WordPress's default order)."""
    if folder is None:
        files = [f for f in resources.files("mirror").joinpath("posts").iterdir()
                 if f.name.endswith(".html")]
        texts = [f.read_text(encoding="utf-8") for f in files]
    else:
        texts = [p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.html"))]
    posts = [parse_post(t) for t in texts]
    return sorted(posts, key=lambda p: (p.date, p.id), reverse=True)


CATEGORY_NAMES = {
    "actualites": "Actualités",
    "evenements": "Évènements",
    "portraits": "Portraits",
}


def category_id(slug: str) -> int:
    """Return a stable term id for a category slug."""
    return 2 + sorted(CATEGORY_NAMES).index(slug) if slug in CATEGORY_NAMES else 1
