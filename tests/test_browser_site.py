"""The static copy in a real browser (Debian's headless Chromium, as in test_browser.py): opened
from a folder (file://) its home lists every interview and a search typed without accents
finds the answers; served by a plain static server on 127.0.0.1, Pagefind finds them too."""

from __future__ import annotations

import functools
import threading
import unicodedata
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import quote

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.wait import WebDriverWait
from sqlite_utils import Database

from db.export import export
from tests.test_browser import browser  # noqa: F401 (the module's Chromium)


@pytest.fixture(scope="module")
def site(archived, tmp_path_factory):
    out = tmp_path_factory.mktemp("static")
    export(archived, "site", out)
    return out / "site"


@pytest.fixture(scope="module")
def static_host(site):
    """Serve the copy as any static host would (files only), on 127.0.0.1."""
    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def folded(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", text.lower()) if not unicodedata.combining(c))


def answers_with(archived, word: str) -> set[str]:
    """Return the addresses of the answers whose question or answer holds ``word``, accents aside."""
    return {f"entretien/{r['interview_id']}.html#q{r['n']}"
            for r in Database(archived).query("SELECT interview_id, n, question, answer FROM qa")
            if word in folded(f"{r['question']} {r['answer']}")}


def search(browser, url: str) -> tuple[str, set[str], list[str]]:
    """Open a search page; return its count line, the hits' addresses (from the copy's root)
    and the highlighted words."""
    browser.get(url)
    WebDriverWait(browser, 20).until(
        lambda b: b.find_element(By.ID, "search-count").text.split(" ")[0] not in ("Tapez", "Recherche…"))
    root = url.split("recherche.html")[0]
    hits = {a.get_attribute("href").removeprefix(root) for a in browser.find_elements(By.CSS_SELECTOR, "#hits a.hit-title")}
    marks = [m.text for m in browser.find_elements(By.CSS_SELECTOR, "#hits mark")]
    return browser.find_element(By.ID, "search-count").text, hits, marks


def test_from_a_folder_the_home_lists_every_interview(browser, site, archived):
    browser.get((site / "index.html").as_uri())
    listed = {a.get_attribute("href").removeprefix(site.as_uri() + "/")
              for a in browser.find_elements(By.CSS_SELECTOR, "ul.series a")}
    assert listed == {f"entretien/{r['id']}.html" for r in Database(archived).query("SELECT id FROM interviews")}
    # The Datasette pages' stylesheet is there: the header is Datasette's blue bar, not unstyled.
    assert browser.find_element(By.TAG_NAME, "header").value_of_css_property("background-color") != "rgba(0, 0, 0, 0)"


def test_from_a_folder_an_accentless_search_finds_its_answers(browser, site, archived):
    wanted = answers_with(archived, "economie")
    assert wanted
    browser.get((site / "index.html").as_uri())  # typed in the home's form, as a reader would
    browser.find_element(By.ID, "q").send_keys("economie")
    browser.find_element(By.CSS_SELECTOR, "#recherche input[type=submit]").click()
    WebDriverWait(browser, 10).until(lambda b: "recherche.html" in b.current_url)
    count, hits, marks = search(browser, browser.current_url)
    assert wanted <= hits and count.split(" ")[0].isdigit()
    assert any(folded(m) == "economie" for m in marks)
    # The hit opens the answer on its interview page.
    browser.find_element(By.CSS_SELECTOR, "#hits a.hit-title").click()
    WebDriverWait(browser, 10).until(lambda b: "/entretien/" in b.current_url)
    assert browser.find_element(By.CSS_SELECTOR, "ol.qa li:target")


def test_from_a_folder_several_words_must_all_be_in_the_answer(browser, site, archived):
    wanted = answers_with(archived, "salarie") & answers_with(archived, "cooperative")
    _, hits, _ = search(browser, (site / "recherche.html").as_uri() + "?q=" + quote("salaries cooperative"))
    assert hits == wanted
    count, hits, _ = search(browser, (site / "recherche.html").as_uri() + "?q=zzzqqq")
    assert not hits and count.startswith("Aucune réponse")


def test_served_pagefind_finds_accentless_words(browser, static_host, archived):
    wanted = answers_with(archived, "cooperative")
    count, hits, marks = search(browser, f"{static_host}/recherche.html?q=cooperative")
    assert wanted and wanted <= hits, count
    assert any(folded(m).startswith("cooperative") for m in marks)
    assert not [e for e in browser.get_log("browser") if "pagefind" in e["message"]]
