"""Inert text: hostile text (Rich markup, terminal control sequences, C1 controls, bidi overrides, NUL,
HTML, backticks) in bulletins, notes and file names is shown as text in every output format and
every command, never obeyed (hypothesis fuzz over all formats, plus the store commands)."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from claims.cli import formats, get_app
from claims.models import Flag, Report, Span
from claims.pipeline import Pipeline
from claims.plugin_manager import make_plugin_manager
from claims.textsafe import visible

HOSTILE = ["[/]", "[red]7[/red]", "[link=http://evil.example]Kyiv[/link]", ":smile:", "\x1b[2J", "\x1b]0;pwned\x07",
           "\x1b]8;;http://evil.example\x1b\\here\x1b]8;;\x1b\\", "\x9b31m", "\x85", "\u202e", "\u2066", "\x00",
           "\x08\x08", "\r", "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "`", "``", "&amp;", "*_~|"]
WORDS = ["The ministry said", "12 people were killed", "on Monday", "according to the UN", "likely", "."]

_SGR = re.compile(r"\x1b\[[0-9;]*m")  # the only escape codes the terminal report may contain: colours
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")

pm = make_plugin_manager()
pipeline = Pipeline(pm)
FORMATS = formats(pm)


def _hostile_report(pieces: list[str], name: str) -> Report:
    text = " ".join(pieces) + ".\n\nThe office said it would likely rise " + "".join(pieces) + ".\n"
    doc = pipeline.check_text(text, path=name)
    for c in doc.claims:
        c.status = "false"
        c.flags.append(Flag(checker="fuzz", code="x", message="note " + "".join(pieces), claim_id=c.id,
                            evidence=Span(start=c.start, end=c.end), status="".join(pieces)[:40] or None
                            ).with_id(doc.text))
    return Report(documents=[doc])


def _terminal_safe(out: str) -> None:
    rest = _SGR.sub("", out)
    assert "\x1b" not in rest and not _UNSAFE.search(rest.replace("\n", "").replace("\t", "")), repr(out[:300])


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []

    def handle_starttag(self, tag, attrs):  # noqa: ANN001
        self.tags.append(tag)


piece = st.one_of(st.sampled_from(HOSTILE), st.sampled_from(WORDS), st.text(max_size=4))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(pieces=st.lists(piece, min_size=1, max_size=8), name=st.lists(st.sampled_from(HOSTILE + ["a"]), max_size=4))
def test_hostile_text_is_inert_in_every_format(pieces, name):
    report = _hostile_report(pieces, "bulletin" + "".join(name) + ".txt")
    # every section the report has (claims, flags, statuses, skipped lines): a hostile piece may make a
    # line boilerplate ("©."), so the page's structure varies, but never beyond the report's own tags
    baseline = FORMATS["html"](_hostile_report(["© Example News. All rights reserved.\n\n"
                                                "The ministry said 12 people were killed"], "b.txt"), {})
    for fmt, render in FORMATS.items():
        for options in ({"color": True, "verbose": True}, {"color": False}):
            if fmt == "claimreview":  # a publishable export needs its author and review URL
                options = {**options, "organisation": "Example Fact Desk",
                           "url_template": "https://desk.example/reviews/{claim_id}"}
            out = render(report, dict(options))
            if fmt in ("terminal", "line"):
                _terminal_safe(out)
            elif fmt in ("json", "sarif", "claimreview"):
                data = json.loads(out)  # data formats keep the text exactly
                if fmt == "json":
                    assert [c["text"] for c in data["documents"][0]["claims"]] == [
                        c.text for c in report.documents[0].claims]
            elif fmt == "md":
                assert not _UNSAFE.search(out.replace("\n", "")), repr(out[:300])
                body = re.sub(r"(`+).*?\1", "", out)  # what is not inside a code span
                assert not re.search(r"(?<!\\)<", body), body
            elif fmt == "html":
                assert not _UNSAFE.search(out.replace("\n", "").replace("\t", "")), "control or bidi character in HTML"
                tags, base = _Tags(), _Tags()
                tags.feed(out)
                base.feed(baseline)
                assert set(tags.tags) <= set(base.tags) and tags.tags.count("script") == 1
                assert "<script>alert" not in out and "<img" not in out


def test_visible_is_one_for_one():
    s = "a\x1b[2J\x00\u202eb\x9b\tc\n"
    v = visible(s)
    assert len(v) == len(s) and v.startswith("a\u241b[2J\u2400\ufffdb\ufffd\tc\n")


runner = CliRunner()


def test_store_commands_show_stored_text_as_text(tmp_path):
    name = tmp_path / "bad\x1b]0;title\x07[red].txt"
    name.write_text("The ministry said [/] 12 people [red]7[/red] were killed \x1b[2J in "
                    "[link=http://evil.example]Kyiv[/link] \u202eon Monday.\n", encoding="utf-8")
    db = str(tmp_path / "s.db")
    app = get_app()
    r = runner.invoke(app, ["check", "--db", db, "--fail-on", "never", str(name)], catch_exceptions=False)
    assert r.exit_code == 0, r.output
    r = runner.invoke(app, ["list", "--db", db], catch_exceptions=False)
    assert r.exit_code == 0, r.output
    assert "[/]" in r.stdout and "[red]7[/red]" in r.stdout
    _terminal_safe(r.stdout)
    claim = re.search(r"c_[0-9a-f]{16}", r.stdout).group()
    r = runner.invoke(app, ["review", "set", claim, "--status", "false", "--note", "[/] \x1b]0;x\x07 [bold]n",
                            "--db", db], catch_exceptions=False)
    assert r.exit_code == 0, r.output
    r = runner.invoke(app, ["show", claim, "--db", db], catch_exceptions=False)
    assert r.exit_code == 0, r.output
    assert "[link=http://evil.example]Kyiv[/link]" in r.stdout and "[bold]n" in r.stdout
    _terminal_safe(r.stdout)
    r = runner.invoke(app, ["review", "--db", db, "--reviewer", "rita"], input="q\n", catch_exceptions=False)
    _terminal_safe(r.stdout)
