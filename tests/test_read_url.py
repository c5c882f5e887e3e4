"""URLs: fetched with httpx from a local HTTP server this module starts (never the network)."""

from __future__ import annotations

import json
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import reading_pdfs as pdfs

from claims import __version__
from claims.pipeline import Pipeline
from claims.read import InputProblem, expand, fetch_url, read_input

READING = Path(__file__).parent / "fixtures" / "reading"
LIMIT = 1024 * 1024  # --max-size 1


class _Site(BaseHTTPRequestHandler):
    """The routes the tests fetch; ``seen`` keeps each request's path and User-Agent."""

    routes: dict[str, tuple[int, str, bytes]] = {}
    seen: list[tuple[str, str]] = []

    def do_GET(self):  # noqa: N802 - http.server's name
        self.seen.append((self.path, self.headers.get("User-Agent", "")))
        if self.path == "/slow":
            time.sleep(1.5)
        if self.path in ("/loop", "/moved"):
            self.send_response(302)
            self.send_header("Location", "/loop" if self.path == "/loop" else "/update.pdf")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        if self.path == "/endless":  # no Content-Length: the body ends only at the limit
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.end_headers()
            try:
                chunk = b"The ministry said 3 people were hurt. " * 100
                for _ in range(2 * LIMIT // len(chunk)):  # twice the limit, unless the client hangs up
                    self.wfile.write(chunk)
            except (BrokenPipeError, ConnectionResetError):
                pass
            return
        status, media_type, body = self.routes.get(self.path, (404, "text/html", b"<h1>Not found</h1>"))
        self.send_response(status)
        self.send_header("Content-Type", media_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        try:
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def log_message(self, *args):  # quiet
        pass


@pytest.fixture(scope="module")
def site():
    _Site.routes = {
        "/update.pdf": (200, "application/pdf", pdfs.un_update()),
        "/feed": (200, "application/rss+xml; charset=utf-8", (READING / "odesa-wire-feed.rss").read_bytes()),
        "/story": (200, "text/html; charset=utf-8", (READING / "news-page.html").read_bytes()),
        "/note": (200, "text/plain", b"The ministry said 3 people were hurt on Sunday.\n"),
        "/photo.jpg": (200, "image/jpeg", b"\xff\xd8\xff\xe0" + b"\0" * 64),
        "/clip": (200, "video/mp4", b"\0" * 64),
        "/broken": (500, "text/plain", b"oops"),
        "/big": (200, "text/plain", b"x" * (LIMIT + 1)),
        "/not-a-pdf": (200, "application/pdf", b"<html><body>Error</body></html>"),
    }
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Site)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def problem(url, **kw) -> str:
    with pytest.raises(InputProblem) as exc:
        fetch_url(url, **kw)
    assert exc.value.path == url and "\n" not in str(exc.value)
    return exc.value.message


def test_a_pdf_url_is_read_by_the_pdf_reader_with_the_final_url_after_redirects(site):
    item = read_input(f"{site}/moved")
    assert (item.path, item.url, item.media_type) == (f"{site}/moved", f"{site}/update.pdf", "application/pdf")
    (doc,) = Pipeline().check_item(item)
    assert doc.format == "pdf" and doc.published == "2026-03-02" and doc.url == f"{site}/update.pdf"
    assert any("39 were shot down" in c.text for c in doc.claims)


def test_the_content_type_chooses_html_feed_and_text_readers(site):
    (page,) = Pipeline().check_item(read_input(f"{site}/story"))
    assert page.format == "html" and page.url == f"{site}/story"
    feed = Pipeline().check_item(read_input(f"{site}/feed"))
    assert [d.format for d in feed] == ["feed"] * 3
    assert feed[0].url.startswith("https://blackseawire.example/") and feed[1].url is None  # item links
    (note,) = Pipeline().check_item(read_input(f"{site}/note"))
    assert note.format == "text" and len(note.claims) == 1 and note.url == f"{site}/note"


def test_the_user_agent_names_the_tool_and_its_version(site):
    _Site.seen.clear()
    fetch_url(f"{site}/note")
    ((path, agent),) = _Site.seen
    assert path == "/note" and agent.startswith(f"claims/{__version__} (+https://")


def test_http_errors_are_one_line(site):
    assert problem(f"{site}/missing") == "HTTP 404 Not Found"
    assert problem(f"{site}/broken") == "HTTP 500 Internal Server Error"


def test_a_redirect_loop_stops_at_the_redirect_limit(site):
    _Site.seen.clear()
    assert problem(f"{site}/loop", max_redirects=3) == "too many redirects (more than 3)"
    assert len(_Site.seen) == 4


def test_a_slow_server_times_out(site):
    assert problem(f"{site}/slow", timeout=0.2) == "timed out after 0.2 s (--timeout)"


def test_a_refused_connection_is_one_line():
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    assert problem(f"http://127.0.0.1:{port}/x").startswith("cannot connect: ")


def test_images_and_video_are_refused_by_their_content_type(site):
    assert problem(f"{site}/photo.jpg") == "is image/jpeg, not a document (images, video and audio are not read)"
    assert problem(f"{site}/clip").startswith("is video/mp4, not a document")


def test_a_body_over_the_size_limit_is_refused_declared_or_streamed(site):
    assert problem(f"{site}/big", max_bytes=LIMIT) == "is 1.0 MB, over the 1 MB limit (--max-size)"
    assert problem(f"{site}/endless", max_bytes=LIMIT) == "is over the 1 MB limit (--max-size)"


def test_a_pdf_content_type_on_something_else_is_a_read_error(site):
    with pytest.raises(InputProblem, match="served as application/pdf but is not a PDF"):
        Pipeline().check_item(read_input(f"{site}/not-a-pdf"))


def test_expand_passes_urls_through_untouched(tmp_path):
    (tmp_path / "a.txt").write_text("x")
    args = ["https://example.org/a/", str(tmp_path), "http://127.0.0.1:9/feed.xml?x=1#y"]
    assert list(expand(args, [".txt"])) == [args[0], str(tmp_path / "a.txt"), args[2]]


def test_the_cli_checks_urls_and_keeps_the_good_ones_when_others_fail(claims_cli, site):
    res = claims_cli("check", "--no-store", "-f", "json", "--timeout", "0.2", "--max-size", "1",
                     f"{site}/missing", f"{site}/update.pdf", f"{site}/slow", f"{site}/big", f"{site}/loop",
                     f"{site}/feed")
    assert res.exit_code == 2
    errors = [ln for ln in res.stderr.splitlines()
              if not ln.startswith(("claims: warning:", "Total:"))]  # the grand total closes the run
    assert errors == [f"claims: {site}/missing: HTTP 404 Not Found",
                      f"claims: {site}/slow: timed out after 0.2 s (--timeout)",
                      f"claims: {site}/big: is 1.0 MB, over the 1 MB limit (--max-size)",
                      f"claims: {site}/loop: too many redirects (more than 5)"]
    out = json.loads(res.stdout)
    assert [d["format"] for d in out["documents"]] == ["pdf", "feed", "feed", "feed"]
    assert out["documents"][0]["url"] == f"{site}/update.pdf"
    assert [e["path"] for e in out["errors"]] == [f"{site}/{p}" for p in ("missing", "slow", "big", "loop")]
