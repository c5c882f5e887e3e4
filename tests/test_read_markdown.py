"""The Markdown reader: text without markup, blocks with their kinds, metadata, sniffing."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claims.pipeline import Pipeline
from claims.plugins.read_markdown import looks_like_markdown, markdown_document
from claims.read import read_bytes

SCRAPED = Path(__file__).parent / "fixtures" / "reading" / "news-page-scraped.md"

SMALL = """---
title: Kherson update
published: 2026-05-05
author: Jane Doe
---

# Shelling hits Kherson market

The [regional governor](https://example.org/gov) said **three** people were killed.![photo](https://example.org/a.jpg)

> "We will rebuild," the mayor said.

* Power was restored by _noon_.
* Water supply resumed.[^1]

| Area | Killed | Injured |
|------|-------:|--------:|
| Market | 3 | 11 |

```
code is not prose
```
"""


def blocks_of(din):
    return [(b.kind, din.text[b.start:b.end]) for b in din.blocks]


def test_text_is_rebuilt_without_markup_and_blocks_keep_their_kinds():
    din = markdown_document(SMALL)
    assert blocks_of(din) == [
        ("heading", "Shelling hits Kherson market"),
        ("paragraph", "The regional governor said three people were killed."),
        ("quote", "\"We will rebuild,\" the mayor said."),
        ("list-item", "Power was restored by noon."),
        ("list-item", "Water supply resumed."),
        ("table-row", "Market\t3\t11"),
    ]
    row = din.blocks[-1]
    assert [(din.text[c.start:c.end], c.header) for c in row.cells] == [("Market", "Area"), ("3", "Killed"), ("11", "Injured")]
    assert (din.title, din.published, din.author, din.format) == ("Kherson update", "2026-05-05", "Jane Doe", "markdown")
    # the header row stays in the text, set aside as the columns' names (as on a web page)
    assert [(s.reason, s.text) for s in din.skipped] == [("table-header", "Area\tKilled\tInjured"),
                                                          ("code", "code is not prose")]
    for ch in "[]()*_#>|!`":
        assert ch not in din.text.replace("\"We", "We"), ch


def test_headings_are_never_glued_to_the_next_sentence():
    doc = Pipeline().check_document(markdown_document(SMALL))
    texts = [c.text for c in doc.claims]
    assert texts[:2] == ["Shelling hits Kherson market", "The regional governor said three people were killed."]


def test_a_link_only_row_gives_one_anchor_per_line():
    din = markdown_document("[Share](https://x.example/s) | [Email](mailto:a@b.example) [Copy link](#)\n\nText.\n")
    assert din.text.split("\n\n")[0] == "Share\nEmail\nCopy link"


def test_scraper_header_gives_the_metadata():
    src = ("Title: Odesa update\n\nURL Source: https://news.example/odesa\n\nPublished Time: 2026-03-02T09:15:00Z\n\n"
           "Markdown Content:\nThe air force said 39 drones were shot down.\n")
    din = markdown_document(src)
    assert (din.title, din.url, din.published) == ("Odesa update", "https://news.example/odesa", "2026-03-02")
    assert din.text == "The air force said 39 drones were shot down."


def test_markdown_is_sniffed_in_txt_and_plain_text_is_not():
    p = Pipeline()
    data = SCRAPED.read_bytes()
    (doc,) = p.check_item(read_bytes("page.txt", data))
    assert doc.format == "markdown"
    (doc,) = p.check_item(read_bytes("note.txt", b"The ministry said [in a statement] that # 3 people were hurt.\n"))
    assert doc.format == "text"
    assert looks_like_markdown("See [a](https://a.example), [b](https://b.example) and [c](https://c.example).")
    assert not looks_like_markdown("The UN (OHCHR) said [sic] 12 people died. #Ukraine")


def test_md_suffix_is_the_markdown_readers():
    p = Pipeline()
    assert ".md" in p.suffixes() and ".markdown" in p.suffixes()
    (doc,) = p.check_item(read_bytes("note.md", b"The ministry said 3 people were hurt.\n"))
    assert doc.format == "markdown" and [c.text for c in doc.claims] == ["The ministry said 3 people were hurt."]


_MD_PIECES = st.sampled_from([
    "# Title", "## Sub", "text", "[a](https://x.example)", "![i](https://x.example/i.png)", "**b**", "_e_",
    "* item", "1. one", "> quote", "| a | b |", "|---|---|", "| 1 | 2 |", "```", "code", "<div>x</div>",
    "---", "title: T", "[^1]", "`c`", "\n", "\n\n", " ", "Kyiv said 3 died.", "[x][y]", "<https://a.example>",
])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_MD_PIECES, max_size=30).map(" ".join))
def test_blocks_and_cells_slice_the_rebuilt_text(src):
    din = markdown_document(src)
    last = 0
    for b in din.blocks:
        assert last <= b.start < b.end <= len(din.text)
        assert din.text[b.start:b.end] == din.text[b.start:b.end].strip()
        for c in b.cells:
            assert b.start <= c.start < c.end <= b.end
        last = b.end
    if "`" not in src:  # a code span shows its text as written
        assert "](http" not in din.text and "![" not in din.text
