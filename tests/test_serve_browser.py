"""``claims serve`` in real headless Chromium (Debian chromium + chromium-driver through Selenium),
against a real uvicorn on a free port: two reviewers' sessions (one per host name, so each keeps its
own cookie), a decision made with the keyboard in one appears in the other without a reload, and a
hostile bulletin runs no script. One browser for the module; skipped, with the reason shown, only
when chromium, chromedriver or selenium is missing."""

from __future__ import annotations

import shutil
import socket
import threading

import pytest

from claims.db import open_store
from serve_helpers import PASSWORD, add_user
from test_report import HOSTILE
from test_review import Flood, check_json

CHROMIUM = next((shutil.which(n) for n in ("chromium", "chromium-browser") if shutil.which(n)), None)
DRIVER = shutil.which("chromedriver")
try:
    import selenium  # noqa: F401
except ImportError:  # pragma: no cover - the test extra installs it
    selenium = None
pytestmark = pytest.mark.skipif(CHROMIUM is None or DRIVER is None or selenium is None,
                                reason="no chromium / chromedriver / selenium (apt-get install -y chromium "
                                       "chromium-driver; pip install -e '.[test]'): serve browser tests skipped")
WAIT = 20  # seconds a page may take to show a change (polls every 0.3 s here)


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    opts = webdriver.ChromeOptions()
    opts.binary_location = CHROMIUM
    for arg in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-extensions",
                "--window-size=1200,900", f"--user-data-dir={tmp_path_factory.mktemp('chromium')}"):
        opts.add_argument(arg)
    driver = webdriver.Chrome(service=Service(DRIVER), options=opts)
    yield driver
    driver.quit()


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """Both flood bulletins and a hostile one in a SQLite store, two reviewers, uvicorn on a free port."""
    import os

    import uvicorn

    from claims.plugins.web.app import create_app

    folder = tmp_path_factory.mktemp("desk")
    db = str(folder / "claims.db")
    flood = Flood(db, folder)
    hostile = folder / "harbour.txt"
    hostile.write_text(HOSTILE, encoding="utf-8")
    harbour = check_json(db, hostile)
    os.environ["CLAIMS_PASSWORD_HASH"] = "cheapest"
    try:
        add_user(db, "ann", "reviewer")
        add_user(db, "bob", "reviewer")
    finally:
        os.environ.pop("CLAIMS_PASSWORD_HASH", None)
    store = open_store(db)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    srv = uvicorn.Server(uvicorn.Config(create_app(store, poll_seconds=0.3), host="127.0.0.1", port=port,
                                        log_level="warning", lifespan="off"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    while not srv.started:
        if not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        thread.join(0.05)
    yield {"port": port, "flood": flood, "harbour": harbour, "store": store, "db": db}
    srv.should_exit = True
    thread.join(10)
    store.close()


def _sign_in(driver, base: str, name: str) -> None:
    from selenium.webdriver.common.by import By
    driver.get(f"{base}/")
    assert "/login" in driver.current_url  # no session yet: the queue sends to the sign-in page
    driver.find_element(By.NAME, "username").send_keys(name)
    driver.find_element(By.NAME, "password").send_keys(PASSWORD)
    driver.find_element(By.CSS_SELECTOR, "form.login button[type=submit]").click()
    from selenium.webdriver.support.ui import WebDriverWait
    WebDriverWait(driver, WAIT).until(lambda d: d.find_elements(By.ID, "me"))  # the queue page has loaded
    assert driver.find_element(By.ID, "me").text.startswith(name)


def test_a_decision_shows_up_in_another_reviewers_open_page(browser, server):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.ui import WebDriverWait

    flood = server["flood"]
    bob_base, ann_base = f"http://127.0.0.1:{server['port']}", f"http://localhost:{server['port']}"
    _sign_in(browser, bob_base, "bob")
    bob = browser.current_window_handle
    browser.get(f"{bob_base}/claims/{flood.parts}")
    assert browser.find_element(By.ID, "claim-status").text == "Unreviewed"
    WebDriverWait(browser, WAIT).until(lambda d: d.execute_script("return document.documentElement.dataset.ready"))

    browser.switch_to.new_window("window")
    _sign_in(browser, ann_base, "ann")
    rows = browser.find_elements(By.CSS_SELECTOR, "#queue tbody tr[data-claim-id]")
    assert rows[0].get_attribute("data-claim-id") == flood.parts and "current" in rows[0].get_attribute("class")
    browser.find_element(By.TAG_NAME, "body").send_keys(Keys.ENTER)  # opens the selected claim
    WebDriverWait(browser, WAIT).until(lambda d: d.current_url.endswith(f"/claims/{flood.parts}"))
    browser.find_element(By.ID, "note").send_keys("150 + 240 is 390, not 410")
    browser.find_element(By.TAG_NAME, "body").click()
    browser.find_element(By.TAG_NAME, "body").send_keys("f")  # the key for False, then Enter saves
    browser.switch_to.active_element.send_keys(Keys.ENTER)
    WebDriverWait(browser, WAIT).until(lambda d: d.find_elements(By.ID, "saved"))
    assert browser.find_element(By.ID, "claim-status").text == "False"

    browser.switch_to.window(bob)  # bob's page was not reloaded
    WebDriverWait(browser, WAIT).until(lambda d: d.find_element(By.ID, "claim-status").text == "False")
    entry = browser.find_element(By.CSS_SELECTOR, "#history li.live")
    assert "ann" in entry.text and "150 + 240 is 390, not 410" in entry.text
    assert "ann: " in browser.find_element(By.ID, "live").text
    [d] = [x for x in server["store"].reader().decisions() if x.target_id == flood.parts]
    assert (d.status, d.reviewer, d.note) == ("false", "ann", "150 + 240 is 390, not 410")


def test_a_hostile_bulletin_runs_no_script(browser, server):
    from selenium.webdriver.common.by import By

    base = f"http://127.0.0.1:{server['port']}"
    browser.get(f"{base}/")
    if "/login" in browser.current_url:
        _sign_in(browser, base, "bob")
    doc_id = server["store"].reader().find_documents("harbour.txt")[0].id
    claim = next(c["id"] for c in server["harbour"]["claims"] if "onerror" in c["text"])
    for path in (f"/documents/{doc_id}", f"/claims/{claim}", "/?status=all"):
        browser.get(base + path)
        assert browser.execute_script("return document.body.getAttribute('data-pwned')") is None, path
        assert browser.title != "pwned"  # the title's script is text (the document page shows it)
        assert browser.execute_script("return document.scripts.length") == 1  # /static/app.js only
        assert browser.execute_script(
            "return Array.from(document.querySelectorAll('*')).filter(e => Array.from(e.attributes)"
            ".some(a => a.name.startsWith('on') || /^\\s*javascript:/i.test(a.value))).length") == 0
    browser.get(f"{base}/documents/{doc_id}")
    assert browser.title.startswith('Harbour update <script>document.title="pwned"</script>')
    browser.get(f"{base}/claims/{claim}")
    assert "<img src=x onerror=document.body.setAttribute('data-pwned','img')>" in browser.find_element(
        By.ID, "paragraph").text
    assert browser.execute_script("return document.documentElement.dataset.ready") == "1"  # app.js itself ran
