"""The terminal report's own line layout gives exactly what Rich prints, with and without colour."""

from __future__ import annotations

import pytest

import claims.plugins.format_terminal as terminal
from claims.pipeline import Pipeline
from claims.plugins.format_terminal import TerminalStream

REPORT = """KYIV, March 3 (Wire) - The UN human rights office said on Monday it had recorded 9,394 civilian
casualties in Ukraine since February 24. Of that number 4,253 had been killed while 5,141 had been injured,
the office said.

Britain's Ministry of Defence said Russian forces had "almost certainly" made small gains near Izium, and
that the offensive would likely continue: https://example.org/a-very-long-address/that-is-longer-than-any-line-of-the-report/and-goes-on
"We will defend every square metre of allied territory," Scholz said in Vilnius on Tuesday – "every one."

A total of 46 people were killed in strikes on three cities: 20 in Kharkiv, 15 in Odesa and 9 in Dnipro, officials said.
Ministerin Müller sagte, die Zahl sei „wahrscheinlich“ höher. 東京の当局者は 12 人が負傷したと述べた。
"""


def _both(doc, **options):
    fast = "".join(TerminalStream(options).chunks(doc))
    real = terminal.lines
    terminal.lines = lambda *args: None   # every claim through Rich
    try:
        rich = "".join(TerminalStream(options).chunks(doc))
    finally:
        terminal.lines = real
    return fast, rich


@pytest.fixture(scope="module")
def doc():
    d = Pipeline().check_text(REPORT, path="report.txt")
    flagged = [c for c in d.claims if c.flags]
    assert len(flagged) >= 2
    flagged[0].flags[0].status = "dismissed"       # struck through, with its plain-text mark
    flagged[1].flags[0].status = "verified"
    d.claims[0].status = "verified"
    return d


@pytest.mark.parametrize("color", [False, True])
@pytest.mark.parametrize("width", [30, 60, 100, 151])
def test_the_same_report_as_rich(doc, color, width):
    fast, rich = _both(doc, color=color, width=width, verbose=color)
    assert fast == rich


def test_text_it_cannot_lay_out_goes_to_rich():
    from rich.text import Text

    from claims.plugins.terminal_lines import lines
    console = TerminalStream({"color": False, "width": 80}).console
    assert lines(console, Text("東京の当局者は 12 人"), 8, 80) is None       # wide characters
    assert lines(console, Text("a\tb"), 8, 80) is None                      # a tab
    assert lines(console, Text("Die Zahl sei „hoch“."), 8, 80) is not None   # Latin letters and quotes


def test_words_wrap_and_fold_as_rich_wraps_them():
    from rich.padding import Padding
    from rich.text import Text

    from claims.plugins.terminal_lines import lines
    console = TerminalStream({"color": False, "width": 16}).console
    words = Text("one two three four fivesixseveneightnine")
    with console.capture() as captured:
        console.print(Padding(words, (0, 0, 0, 8), expand=False))
    ours = lines(console, words, 8, 16)
    assert ours == captured.get()
    assert ours.splitlines() == ["        one two ", "        three   ", "        four    ", "        fivesixs",
                                 "        eveneigh", "        tnine   "]


def test_a_pasted_table_row_stays_on_its_line():
    doc = Pipeline().check_text("The office gave its figures.\n\nCategory\tKilled\tInjured\tTotal\n"
                                "All civilians\t4,889\t6,263\t11,152\n", path="t.txt")
    report, rich = _both(doc, color=False, width=100)
    assert report == rich
    assert "        All civilians 4,889 6,263 11,152\n" in report and "\t" not in report


def test_the_characters_laid_out_here_are_one_safe_cell_each():
    from rich.cells import cell_len

    from claims.plugins.terminal_lines import _SIMPLE
    from claims.textsafe import visible
    simple = [chr(c) for c in range(0x20, 0x3000) if _SIMPLE.fullmatch(chr(c))]
    assert len(simple) > 900 and "ї" in simple and "’" in simple
    assert [ch for ch in simple if cell_len(ch) != 1 or visible(ch) != ch] == []
