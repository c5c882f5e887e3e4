"""Text-fragment links in a real browser: headless Chromium opens a claim's link on the news page,
served by a local HTTP server the test starts, and scrolls to the claim's own block. Skipped, with
the reason shown, only when no chromium binary exists."""

from __future__ import annotations

import functools
import http.server
import re
import shutil
import subprocess
import threading
from pathlib import Path

import pytest

from claims.pipeline import Pipeline
from claims.read import read_bytes

CHROMIUM = next((shutil.which(n) for n in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
                 if shutil.which(n)), None)
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="no chromium binary (apt-get install -y chromium): "
                                                         "text-fragment browser tests skipped")
PAGE = Path(__file__).parent / "fixtures" / "reading" / "news-page.html"

# After the page has settled: the block at the middle of the window, where Chromium scrolls
# a text fragment's match.
PROBE = """<script>setTimeout(function () {
  var mid = innerHeight / 2, hit = '';
  document.querySelectorAll('p, li, tr, figcaption, h2').forEach(function (el) {
    var r = el.getBoundingClientRect();
    if (r.top <= mid && mid <= r.bottom) { hit = el.innerText.replace(/\\s+/g, ' ').trim(); }
  });
  document.body.setAttribute('data-scrolled', String(window.scrollY));
  document.body.setAttribute('data-target', hit);
}, 1000);</script>"""


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("site")
    (root / "page.html").write_text(PAGE.read_text("utf-8").replace("</body>", PROBE + "</body>"), "utf-8")
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(root))
    handler.log_message = lambda *a, **k: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/page.html", root
    server.shutdown()
    server.server_close()


def visit(url: str, profile: Path) -> tuple[float, str]:
    cmd = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
           "--disable-component-update", "--disable-sync", "--disable-extensions", "--no-first-run",
           "--hide-scrollbars", "--window-size=800,600", f"--user-data-dir={profile}",
           "--virtual-time-budget=4000", "--dump-dom", url]
    r = subprocess.run(cmd, capture_output=True, text=True, timeout=60)
    m = re.search(r'<body[^>]*data-scrolled="([\d.]+)"[^>]*data-target="([^"]*)"', r.stdout)
    assert m, r.stderr[-2000:]
    return float(m.group(1)), m.group(2).replace("&amp;", "&").replace("&quot;", '"')


@pytest.mark.parametrize("claim", [
    "Kherson | 2,442",                 # a table row whose label and figures also stand elsewhere
    "Total | 4,889",                   # its figures are in the text above too
    "Britain's Ministry of Defence",   # a long sentence: textStart,textEnd
    "Two grain terminals",             # a list item
])
def test_a_claims_link_scrolls_to_its_block(site, tmp_path, claim):
    url, _root = site
    (doc,) = Pipeline().check_item(read_bytes("page.html", PAGE.read_bytes(), "text/html", url))
    c = next(c for c in doc.claims if c.text.startswith(claim))
    scrolled, target = visit(c.link, tmp_path / "profile")
    assert scrolled > 0, c.link
    words = c.text.replace(" | ", " ").split()
    assert target.split() == words or " ".join(words) in target, (c.link, target)
