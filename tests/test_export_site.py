"""The static copy of the archive (``--format site``): every interview, person and organisation
on plain HTML pages that are the Datasette pages' own, links that all resolve inside the folder,
a search index of every answer, and the same bytes twice."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from urllib.parse import unquote, urlsplit

import lxml.html
import pytest
from sqlite_utils import Database

from db.export import export
from db.export.citations import PUBLIC_URL
from db.export.site import SiteUrls
from db.publish import make_datasette
from tests.conftest import copy_archive


@pytest.fixture(scope="module")
def site(archived, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("site")
    export(archived, "site", out)
    return out / "site"


def html_files(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def links(page: Path) -> list[str]:
    tree = lxml.html.fromstring(page.read_bytes())
    return [v for e in tree.iter() for a in ("href", "src") if (v := e.get(a)) is not None]


def ids(page: Path) -> set[str]:
    return {e.get("id") for e in lxml.html.fromstring(page.read_bytes()).iter() if e.get("id")}


def test_the_home_lists_every_interview(site, archived):
    wanted = {f"entretien/{r['id']}.html" for r in Database(archived).query("SELECT id FROM interviews")}
    assert wanted and wanted <= set(links(site / "index.html"))
    assert all((site / path).is_file() for path in wanted)


def test_every_link_and_picture_resolves_inside_the_folder(site):
    """A crawler over the folder: every href and src of every page names a file of the copy
    (and an element of it for #fragments); only other sites are absolute."""
    checked = 0
    for page in html_files(site):
        for link in links(page):
            parts = urlsplit(link)
            if parts.scheme in ("http", "https"):
                assert "127.0.0.1:8001" not in link and "/-/" not in link, (page, link)
                continue
            assert not parts.scheme and not parts.netloc and not link.startswith("/"), (page, link)
            target = (page.parent / unquote(parts.path)).resolve() if parts.path else page
            assert target.is_file() and site.resolve() in target.parents, (page.relative_to(site), link)
            if parts.fragment and target.suffix == ".html":
                assert parts.fragment in ids(target), (page.relative_to(site), link)
            checked += 1
    assert checked > 200


def test_the_search_index_holds_every_answer_at_an_address_of_the_copy(site, archived):
    text = (site / "static" / "recherche-index.js").read_text(encoding="utf-8")
    records = json.loads(text.removeprefix("window.ESS_RECHERCHE = ").rstrip().removesuffix(";"))
    assert len(records) == Database(archived)["qa"].count
    for record in records:
        page, fragment = record["url"].split("#")
        assert fragment in ids(site / page)
    assert any("économie" in r["answer"] + r["question"] for r in records)
    assert (site / "pagefind" / "pagefind.js").is_file() and (site / "pagefind" / "pagefind-entry.json").is_file()
    entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text())
    assert entry["languages"]["fr"]["page_count"] == len(records)  # one Pagefind record per answer


def test_pages_are_plain_html_with_no_inline_script(site):
    for page in html_files(site):
        tree = lxml.html.fromstring(page.read_bytes())
        assert all(script.get("src") for script in tree.iter("script")), page
        assert tree.get("lang") == "fr" and tree.find(".//link[@rel='stylesheet']") is not None
        assert not any(a.startswith("on") for e in tree.iter() for a in e.attrib), page


def test_an_interview_page_is_the_datasette_page(site, archived):
    """The same template and context: the interview itself reads the same, links aside."""
    datasette = make_datasette(archived)
    for interview_id in (5120, 4587):
        served = lxml.html.fromstring(asyncio.run(datasette.client.get(f"/entretien/{interview_id}")).text)
        static = lxml.html.fromstring((site / "entretien" / f"{interview_id}.html").read_bytes())
        for part in ("h1", "p[@class='meta']", "ol[@class='qa']", "p[@class='cite-plain']", "pre[@class='cite-bibtex']"):
            one, two = served.find(f".//article//{part}"), static.find(f".//article//{part}")
            assert one is not None and two is not None, part
            # The citations name the archive at its public address (the test client is "localhost").
            assert one.text_content().replace("http://localhost", PUBLIC_URL) == two.text_content(), part
        assert static.find(".//footer").text_content().split()[:3] == ["Copie", "statique", "de"]


def test_people_and_organisations_pages_list_every_name_with_its_interviews(site, archived):
    db = Database(archived)
    for page, table in (("personnes.html", "people"), ("organisations.html", "organisations")):
        tree = lxml.html.fromstring((site / page).read_bytes())
        names = [e.text_content() for e in tree.find_class("name-label")]
        assert sorted(names) == sorted(r["name"] for r in db.query(
            f"SELECT DISTINCT t.name FROM {table} t JOIN interviews i ON i.{'person_id' if table == 'people' else 'organisation_id'} = t.id"))
        assert tree.find(".//form") is None  # no server to filter: the browser's find does


def test_the_data_dictionary_describes_every_exported_column(site):
    tree = lxml.html.fromstring((site / "donnees.html").read_bytes())
    for table in ("interviews", "qa", "answers", "people", "organisations"):
        section = tree.get_element_by_id(table)
        rows = section.xpath("following-sibling::div[1]//tbody/tr")
        assert rows and all(row.findall("td")[3].text_content().strip() for row in rows), table


def test_citation_files_are_the_archive_citations(site, archived, tmp_path):
    export(archived, "citations", tmp_path)
    bib = (tmp_path / f"{archived.stem}.bib").read_text(encoding="utf-8")
    one = (site / "citation" / "ess2024_5120.bib").read_text(encoding="utf-8")
    assert one.startswith("@misc{ess2024_5120") and one.strip() in bib
    assert json.loads((site / "citation" / "ess2024_5120.json").read_text(encoding="utf-8"))[0]["id"] == "ess2024_5120"


def test_the_same_archive_gives_the_same_bytes(site, archived, tmp_path):
    db_path = copy_archive(archived, tmp_path / "ess2024.db")
    export(db_path, "site", tmp_path / "again")
    again = tmp_path / "again" / "site"
    first = {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    second = {p.relative_to(again).as_posix(): p.read_bytes() for p in again.rglob("*") if p.is_file()}
    assert sorted(first) == sorted(second)
    assert [name for name in first if first[name] != second[name]] == []


def test_the_bundle_carries_the_site(archived, tmp_path):
    export(archived, "bundle", tmp_path)
    [folder] = list(tmp_path.iterdir())
    assert (folder / "site" / "index.html").is_file()
    assert "site/index.html" in json.loads((folder / "manifest.json").read_text())["files"]


@pytest.mark.parametrize("depth, path, expected", [
    (0, "/", "index.html"), (1, "/", "../index.html"), (1, "/entretien/-42", "../entretien/-42.html"),
    (0, "/personnes", "personnes.html"), (1, "/image/3", "../image/3.png"), (0, "/recherche", "recherche.html"),
])
def test_archive_addresses_become_relative_files(depth, path, expected):
    assert SiteUrls(depth, {3: "png"}).path(path) == expected


@pytest.mark.parametrize("path", ["/capture/18", "/image/4", "/flux.atom", "/ess2024/interviews"])
def test_an_address_with_no_file_in_the_copy_is_never_linked(path):
    with pytest.raises(LookupError):
        SiteUrls(0, {3: "png"}).path(path)

