"""The HTML report in a real browser: headless Chromium renders it, a hostile bulletin runs nothing,
and the page's own filters work (set from the address, as a reader's link would). Skipped, with the
reason shown, only when no chromium binary exists."""

from __future__ import annotations

import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from test_report import HOSTILE
from test_review import Flood, check_json, cli

CHROMIUM = next((shutil.which(n) for n in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
                 if shutil.which(n)), None)
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="no chromium binary (apt-get install -y chromium): "
                                                         "HTML report browser tests skipped")


def chromium(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    cmd = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
           "--disable-component-update", "--disable-sync", "--disable-extensions", "--no-first-run",
           "--hide-scrollbars", f"--user-data-dir={tmp_path / 'chromium-profile'}", *args]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=60)


def dump_dom(tmp_path: Path, url: str) -> str:
    r = chromium(tmp_path, "--virtual-time-budget=3000", "--dump-dom", url)
    assert r.returncode == 0 and "<html" in r.stdout, r.stderr[-2000:]
    return r.stdout


class Dom(HTMLParser):
    """Elements of a dumped DOM: (tag, attributes), and the text inside some of them."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.elements: list[tuple[str, dict[str, str]]] = []
        self.texts: dict[str, str] = {}
        self._open: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        a = {k: v or "" for k, v in attrs}
        self.elements.append((tag, a))
        key = a.get("id") or (tag if tag in ("title", "body") else None)
        self._open.append(key or "")

    def handle_endtag(self, tag):
        if self._open:
            self._open.pop()

    def handle_data(self, data):
        for key in self._open:
            if key:
                self.texts[key] = self.texts.get(key, "") + data

    def find(self, tag: str, **attrs: str) -> list[dict[str, str]]:
        return [a for t, a in self.elements if t == tag and all(a.get(k.replace("_", "-")) == v for k, v in attrs.items())]


@pytest.fixture
def reviewed_html(tmp_path):
    f = Flood(str(tmp_path / "claims.db"), tmp_path)
    for args in (["set", f.total, "--status", "verified", "--note", "Matches the release"],
                 ["set", f.parts, "--status", "false"],
                 ["dismiss", f.hedge_flag, "--reason", "the forecast is the service's own"]):
        assert cli("review", *args, "--db", f.db, "--reviewer", "ann").exit_code == 0
    out = tmp_path / "report.html"
    assert cli("report", "--db", f.db, "-f", "html", "-o", out, "flood-a.txt").exit_code == 0
    return f, out


def test_hostile_bulletin_is_shown_as_text_and_runs_nothing(tmp_path):
    db = str(tmp_path / "claims.db")
    path = tmp_path / "harbour.txt"
    path.write_text(HOSTILE, encoding="utf-8")
    check_json(db, path)
    out = tmp_path / "harbour.html"
    assert cli("report", "--db", db, "-f", "html", "-o", out).exit_code == 0
    html = dump_dom(tmp_path, out.as_uri())
    dom = Dom(html)
    assert dom.find("html", data_ready="1"), "the page's own script did not run: the test would prove nothing"
    assert dom.texts["title"] == 'Claims report: Harbour update <script>document.title="pwned"</script>'
    body = dom.find("body")[0]
    assert "data-pwned" not in body
    assert not dom.find("img") and len([t for t, _ in dom.elements if t == "script"]) == 1
    text = dom.texts["body"]  # what a reader sees: the markup as text
    assert '<script>document.body.setAttribute("data-pwned", "script")</script> Officials said' in text
    assert "The mayor said \"<img src=x onerror=document.body.setAttribute('data-pwned','img')>\"" in text
    assert dom.texts["match-count"] == "3 of 3 claims match"


def test_rendered_report_shows_decisions_and_highlights(reviewed_html, tmp_path):
    f, out = reviewed_html
    dom = Dom(dump_dom(tmp_path, out.as_uri()))
    claims = {a["id"]: a for a in dom.find("span") if "claim" in a.get("class", "").split()}
    assert list(claims) == [c["id"] for c in f.a["claims"]]
    assert "claim:verified" in claims[f.total]["data-statuses"]
    assert "flag:dismissed" in claims[f.hedged]["data-statuses"]
    assert [a["class"] for a in dom.find("span") if a.get("class", "").startswith("verdict")] == [
        "verdict v-verified", "verdict v-false"]
    rows = dom.find("tr")
    assert [r["data-status"] for r in rows if "data-status" in r] == ["verified", "false", "dismissed"]
    assert dom.texts["match-count"] == "4 of 4 claims match"


@pytest.mark.parametrize("fragment,shown,visible_flags", [
    ("status=flag:dismissed", ["hedged"], {"hedge_flag"}),
    ("severity=error", ["parts"], {"sum_flag"}),
    ("status=claim:verified", ["total"], set()),
    ("checker=hedge&status=flag:open", [], set()),
])
def test_filters_from_the_address_run_in_the_page(reviewed_html, tmp_path, fragment, shown, visible_flags):
    f, out = reviewed_html
    dom = Dom(dump_dom(tmp_path, f"{out.as_uri()}#{fragment}"))
    claims = [a for a in dom.find("span") if "claim" in a.get("class", "").split()]
    matching = [a["id"] for a in claims if "out" not in a["class"].split()]
    assert matching == [getattr(f, name) for name in shown]
    assert dom.texts["match-count"] == f"{len(shown)} of 4 claims match"
    items = [a for a in dom.find("li") if "flag" in a.get("class", "").split()]
    visible = {a["id"].split("-")[0] for a in items if "hidden" not in a}
    assert visible == {getattr(f, name) for name in visible_flags}
    key, _, value = fragment.partition("&")[0].partition("=")
    assert dom.find("body")[0]["data-filters"].find(f"{key}={value}") >= 0


def test_screenshot(reviewed_html, tmp_path):
    _, out = reviewed_html
    png = tmp_path / "shot.png"
    r = chromium(tmp_path, "--window-size=1280,900", f"--screenshot={png}", out.as_uri())
    assert r.returncode == 0, r.stderr[-2000:]
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 20_000
    assert re.search(rb"IHDR\x00\x00\x05\x00\x00\x00\x03\x84", data)  # 1280 x 900



def test_a_very_long_token_wraps_instead_of_widening_the_page(tmp_path):
    path = tmp_path / "long.txt"
    path.write_text("The ministry said " + "x" * 100_000 + " had been recorded.\n", encoding="utf-8")
    out = tmp_path / "long.html"
    assert cli("check", "--no-store", "--fail-on", "never", "-f", "html", "-o", out, path).exit_code == 0
    # a copy of the report that also measures its own layout (its policy would refuse the extra script)
    html = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", out.read_text(encoding="utf-8"))
    html = html.replace("</body>", "<script>document.documentElement.setAttribute('data-width', "
                                   "document.documentElement.scrollWidth)</script></body>")
    measured = tmp_path / "measured.html"
    measured.write_text(html, encoding="utf-8")
    r = chromium(tmp_path, "--window-size=800,600", "--virtual-time-budget=3000", "--dump-dom", measured.as_uri())
    assert r.returncode == 0, r.stderr[-2000:]
    width = int(re.search(r'data-width="(\d+)"', r.stdout).group(1))
    assert width <= 800, f"the page is {width} px wide"
