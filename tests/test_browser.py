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
from selenium.common.exceptions import TimeoutException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.wait import WebDriverWait
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


@pytest.fixture(scope="module")
def shots(tmp_path_factory):
    """Where the screenshots go: test artefacts, under pytest's temporary directory."""
    return tmp_path_factory.mktemp("screenshots")


def arrived(browser, url: str) -> str:
    """Return the address the browser is at once it is ``url`` (a click or a submit starts the
    navigation; the next page may take a moment), or where it is after 10 s."""
    try:
        WebDriverWait(browser, 10).until(lambda b: b.current_url == url)
    except TimeoutException:  # the caller's assertion says where it is instead
        pass
    return browser.current_url


def shoot(browser, shots, name: str) -> None:
    path = shots / f"{name}.png"
    browser.save_screenshot(str(path))
    assert path.stat().st_size > 5_000, name


def test_search_open_a_hit_cite_and_come_back(browser, served, shots):
    base, db_path = served
    browser.set_window_size(1200, 1600)
    browser.get(base + "/")
    assert "entretiens" in browser.find_element(By.CSS_SELECTOR, ".home-figures").text
    box = browser.find_element(By.ID, "q")
    box.send_keys("salaries")
    box.submit()
    assert arrived(browser, base + "/recherche?q=salaries") == base + "/recherche?q=salaries"
    assert "7 réponses trouvées" in browser.find_element(By.CSS_SELECTOR, ".search-count").text
    marks = {m.text.lower() for m in browser.find_elements(By.CSS_SELECTOR, ".hit-extract mark")}
    assert marks and marks <= {"salariés", "salarié", "salaries", "salarie"}
    shoot(browser, shots, "1-recherche")
    hit = next(a for a in browser.find_elements(By.CSS_SELECTOR, "a.hit-title")
               if "/entretien/5120?" in a.get_attribute("href"))
    hit.click()
    assert arrived(browser, base + "/entretien/5120?q=salaries#q2") == base + "/entretien/5120?q=salaries#q2"
    target = browser.execute_script("return document.querySelector(':target').id")
    assert target == "q2"
    assert [m.text for m in browser.find_elements(By.CSS_SELECTOR, "#q2 mark")] == ["salariés"]
    assert browser.execute_script("return document.querySelector('#q2').getBoundingClientRect().top") < 400
    shown = [q.text for q in browser.find_elements(By.CSS_SELECTOR, "p.question")]
    expected = [f"{n}. {q}" for n, q in Database(db_path).execute(
        "SELECT n, question FROM qa WHERE interview_id = 5120 ORDER BY n")]
    assert shown == expected
    shoot(browser, shots, "2-entretien-surligne")
    browser.find_element(By.CSS_SELECTOR, "a.cite-link").click()
    cite = browser.find_element(By.CSS_SELECTOR, ".cite-plain").text
    assert cite.startswith("ESS 2024 (2020). « ") and "entretien avec Bastien Roux" in cite and "consulté le" in cite
    assert "@misc{ess2024_5120" in browser.find_element(By.CSS_SELECTOR, ".cite-bibtex").text
    shoot(browser, shots, "3-citer")
    browser.back()
    browser.back()
    assert arrived(browser, base + "/recherche?q=salaries") == base + "/recherche?q=salaries"
    assert browser.find_elements(By.CSS_SELECTOR, "a.hit-title")


def test_a_person_page_and_a_table_page(browser, served, shots):
    base, _ = served
    browser.get(base + "/personnes?nom=bastien")
    assert [e.text for e in browser.find_elements(By.CSS_SELECTOR, ".name-label")] == ["Bastien Roux"]
    browser.find_element(By.CSS_SELECTOR, ".names a.data").click()
    assert arrived(browser, base + "/entretien/5120") == base + "/entretien/5120"
    browser.get(base + "/personnes")
    shoot(browser, shots, "4-personnes")
    browser.get(base + "/ess2024/interviews")
    assert browser.find_element(By.CSS_SELECTOR, "h1").text.startswith("Entretiens")
    # Datasette's column menu runs (from a file, under the CSP) and speaks French.
    WebDriverWait(browser, 10).until(lambda b: b.find_elements(By.CSS_SELECTOR, "th.col-title svg"))
    browser.find_element(By.CSS_SELECTOR, "th.col-title svg").click()
    menu = WebDriverWait(browser, 10).until(
        lambda b: b.find_element(By.CSS_SELECTOR, ".dropdown-menu").is_displayed()
        and b.find_element(By.CSS_SELECTOR, ".dropdown-menu").text)
    assert "Trier par ordre croissant" in menu and "Sort" not in menu
    shoot(browser, shots, "5-table")
    browser.get(base + "/ess2024/interviews")
    browser.find_element(By.CSS_SELECTOR, "td.col-title a").click()
    assert "/entretien/" in browser.current_url


@pytest.mark.parametrize("path", ["/", "/recherche?q=salaries", "/entretien/5120?q=salaries", "/personnes",
                                  "/ess2024/interviews", "/capture/1"])
def test_390_pixels_wide_nothing_overflows(browser, served, shots, path):
    base, _ = served
    browser.set_window_size(390, 844)
    try:
        browser.get(base + path)
        width = browser.execute_script("return window.innerWidth")
        assert width <= 400
        assert browser.execute_script("return document.documentElement.scrollWidth") <= width + 1, path
        box = browser.find_elements(By.CSS_SELECTOR, "input[type=search]")
        if box:
            assert box[0].rect["x"] + box[0].rect["width"] <= width
        shoot(browser, shots, "390px" + path.replace("/", "_").replace("?", "_"))
    finally:
        browser.set_window_size(1200, 1600)


def test_interview_prints_without_the_interface(browser, served, shots):
    base, _ = served
    browser.get(base + "/entretien/5120?q=salaries")
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        hidden = browser.execute_script(
            "return ['header', 'footer', 'form', '.series-nav', '.searched'].map(s => document.querySelector(s))"
            ".filter(e => e).map(e => getComputedStyle(e).display)")
        assert set(hidden) == {"none"}
        assert browser.find_element(By.CSS_SELECTOR, "article.interview").is_displayed()
        assert browser.execute_script("return getComputedStyle(document.querySelector('#q2 mark')).backgroundColor") \
            in ("rgba(0, 0, 0, 0)", "transparent")
        shoot(browser, shots, "6-impression")
    finally:
        browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
    import base64

    pdf = base64.b64decode(browser.print_page())
    (shots / "entretien-5120.pdf").write_bytes(pdf)
    assert pdf.startswith(b"%PDF") and len(pdf) > 5_000


def test_planted_scripts_and_javascript_links_are_inert_everywhere(browser, served, shots):
    base, db_path = served
    capture = Database(db_path).execute("SELECT capture_id FROM interviews WHERE id = 11111").fetchone()[0]
    browser.get(base + "/entretien/11111")
    assert "Une question piégée ?" in browser.page_source
    for link in browser.find_elements(By.CSS_SELECTOR, "div.answer a"):
        link.click()  # a javascript: link must do nothing (it is not kept)
    assert browser.execute_script("return window.__pwned === undefined")
    for path in ("/", "/entretien/11111", "/entretien/11111?q=question", "/recherche?q=piegee", "/recherche?q=mallory",
                 "/ess2024/interviews?id=11111", "/ess2024/interviews/11111", "/ess2024/qa?interview_id=11111",
                 "/ess2024/qa?interview_id=11111&_col=answer_html&_col=question", "/ess2024/recherche_reponses?q=piegee",
                 "/ess2024/recherche_reponses.json?q=piegee", "/personnes?nom=mallory", "/organisations",
                 f"/capture/{capture}", f"/capture/{capture}.txt", "/ess2024/captures",
                 "/ess2024?sql=select+title,+answer_html+from+interviews+join+qa+on+qa.interview_id=interviews.id"):
        browser.get(base + path)
        assert browser.execute_script("return window.__pwned === undefined"), path
        assert browser.execute_script(
            "return [...document.querySelectorAll('a[href], form[action], iframe[src]')].filter("
            "e => /^\\s*javascript:/i.test(e.getAttribute('href') || e.getAttribute('action') || e.getAttribute('src')))"
            ".length") == 0, path
    shoot(browser, shots, "7-piege")
