"""What a visitor sees, in a real browser (Debian's headless Chromium driven by Selenium):
search typed without accents, an interview read in order, and planted scripts that never run."""

from __future__ import annotations

import dataclasses
import shutil
import socket
import subprocess
import sys
import time
import urllib.request

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from sqlite_utils import Database

from mirror.content import load_posts
from tests.conftest import LOOPBACK_CRAWL, ROOT, run_cli

CHROMIUM, CHROMEDRIVER = "/usr/bin/chromium", "/usr/bin/chromedriver"
HOSTILE = """<p>1. Une question piégée ?</p>
<p>Réponse<script>window.__pwned = "script";</script> avec <img src="x" onerror="window.__pwned = 'onerror'">
une image et <a href="javascript:window.__pwned='link'">un lien</a>.</p>
<p>2. Une seconde question ?</p><p><svg onload="window.__pwned='svg'"></svg>Seconde réponse.</p>"""


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    assert shutil.which(CHROMIUM) and shutil.which(CHROMEDRIVER), \
        "the browser tests need Debian's chromium and chromium-driver (bash run.sh test installs them)"
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-quic", f"--user-data-dir={tmp_path_factory.mktemp('chromium')}",
                 "--window-size=1200,1600"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(30)
    yield driver
    driver.quit()


@pytest.fixture(scope="module")
def served(make_module_mirror, tmp_path_factory):
    """Crawl the demo mirror plus a post carrying script payloads, and serve the archive."""
    posts = load_posts()
    template = next(p for p in posts if p.id == 4587)
    hostile = dataclasses.replace(template, id=11111, slug="3-questions-a-mallory-test-chez-x",
                                  title="#3 questions à Mallory <script>window.__pwned='title'</script>, Testeuse chez X",
                                  content=HOSTILE, date=template.date.replace(year=2024))
    server = make_module_mirror(posts + [hostile])
    db_path = tmp_path_factory.mktemp("browser") / "ess2024.db"
    done = run_cli("crawl", "--db", str(db_path), "--start-url", server.base_url + "/", *LOOPBACK_CRAWL)
    assert done.returncode == 0, done.stderr
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    process = subprocess.Popen([sys.executable, "-m", "crawler", "serve", "--db", str(db_path), "--port", str(port)],
                               cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):  # bounded: up to 10 s to listen
        try:
            urllib.request.urlopen(base + "/", timeout=2).read()
            break
        except OSError:
            time.sleep(0.1)
    yield base, db_path
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture(scope="module")
def make_module_mirror():
    from mirror.server import running_mirror
    from mirror.site import MirrorConfig

    contexts = []

    def start(posts):
        context = running_mirror(MirrorConfig(posts=posts))
        contexts.append(context)
        return context.__enter__()

    yield start
    for context in contexts:
        context.__exit__(None, None, None)


def test_search_without_accents_then_read_an_interview_in_order(browser, served, tmp_path):
    base, db_path = served
    browser.get(base + "/")
    assert "entretiens" in browser.find_element(By.CSS_SELECTOR, ".home-figures").text
    box = browser.find_element(By.ID, "q")
    box.send_keys("benevoles")
    box.submit()
    marks = [m.text for m in browser.find_elements(By.TAG_NAME, "mark")]
    assert marks and all(m.lower() == "bénévoles" for m in marks)
    browser.find_element(By.CSS_SELECTOR, "td.col-interview_id a").click()
    interview_id = int(browser.current_url.rsplit("/", 1)[1])
    shown = [q.text for q in browser.find_elements(By.CSS_SELECTOR, "p.question")]
    expected = [r[0] for r in Database(db_path).execute(
        "SELECT question FROM qa WHERE interview_id = ? ORDER BY n", [interview_id])]
    assert shown == expected and len(shown) >= 2
    answers = browser.find_elements(By.CSS_SELECTOR, "div.answer")
    assert len(answers) == len(expected) and all(a.text.strip() for a in answers)
    browser.save_screenshot(str(tmp_path / "interview.png"))
    assert (tmp_path / "interview.png").stat().st_size > 10_000


def test_planted_scripts_never_run(browser, served, tmp_path):
    base, _ = served
    browser.get(base + "/entretien/11111")
    assert "Une question piégée ?" in browser.page_source
    for link in browser.find_elements(By.CSS_SELECTOR, "div.answer a"):
        link.click()  # a javascript: link must do nothing (it is not kept)
    for path in ("/entretien/11111", "/ess2024/interviews?id=11111", "/ess2024/qa?interview_id=11111",
                 "/ess2024/recherche_reponses?q=piegee"):
        browser.get(base + path)
        assert browser.execute_script("return window.__pwned === undefined"), path
    browser.save_screenshot(str(tmp_path / "hostile.png"))
