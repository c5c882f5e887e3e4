"""Property tests: no text crashes the pipeline, and every offset slices back."""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claims.pipeline import Pipeline

PIPELINE = Pipeline()

# Text made of news-like pieces and arbitrary characters, so the rules get exercised.
PIECES = st.sampled_from([
    "The ministry said", " 4,253 ", " at least ", "“", "”", '"', "'", ", the ministry said.", " likely ",
    "According to the UN, ", "\n\n", "\r\n", " in May", " 9,394 civilian casualties", " Of that number ",
    "#Ukraine ", "For more news go to:", " U.S. ", " Mr. ", "...", "?", "!", " he said", " since February 24",
    " almost certainly ", " could not ", " 4.2 million ", " 12% ", "\u00a0", "\t", " (OHCHR) ",
])
TEXT = st.lists(st.one_of(PIECES, st.text(max_size=8)), max_size=40).map("".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXT)
def test_any_text_is_checked_and_offsets_slice_back(text):
    doc = PIPELINE.check_text(text, path="prop")
    last = -1
    for c in doc.claims:
        assert text[c.start:c.end] == c.text and c.text.strip() == c.text and c.text
        assert c.start >= last
        last = c.end
        assert len(re.findall(r"\r\n|\r|\n", text[:c.start])) + 1 == c.line
        for q in c.quantities:
            assert text[q.start:q.end] == q.text
        for h in c.hedges:
            assert text[h.start:h.end] == h.cue
        for d in c.dates:
            assert text[d.start:d.end] == d.text
        if c.source is not None and c.source.mention_start is not None:
            assert text[c.source.mention_start:c.source.mention_end] == c.source.mention
    for s in doc.skipped:
        assert text[s.start:s.end] == s.text
    assert not doc.errors


KINDS = st.sampled_from(["paragraph", "heading", "quote", "list-item", "caption", "table-row", "title"])
BLOCK_TEXT = st.lists(st.one_of(PIECES, st.text(max_size=6)), min_size=1, max_size=8).map("".join)
SEPARATORS = st.sampled_from(["\n\n", "\n", " ", ""])


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(KINDS, BLOCK_TEXT, SEPARATORS), min_size=1, max_size=8))
def test_claims_of_a_readers_blocks_stay_inside_their_blocks(parts):
    from claims import Cell, DocumentIn, TextBlock

    text, blocks = "", []
    for kind, body, sep in parts:
        start = len(text)
        text += body
        cells = []
        if kind == "table-row":
            pos = start
            for piece in body.split("|"):
                cells.append(Cell(start=pos, end=pos + len(piece), header="Killed"))
                pos += len(piece) + 1
        blocks.append(TextBlock(kind=kind, start=start, end=len(text), cells=cells))
        text += sep
    din = DocumentIn(text=text, format="html", url="https://example.org/a", blocks=blocks)
    doc = PIPELINE.check_document(din, path="prop")
    per_block: dict[int, int] = {}
    last = -1
    for c in doc.claims:
        assert text[c.start:c.end] == c.text and c.text.strip() == c.text and c.text
        assert c.start >= last
        last = c.end
        assert len(re.findall(r"\r\n|\r|\n", text[:c.start])) + 1 == c.line
        inside = [i for i, b in enumerate(blocks) if b.start <= c.start and c.end <= b.end]
        assert inside and blocks[inside[0]].kind == c.block != "title"
        per_block[inside[0]] = per_block.get(inside[0], 0) + 1
        assert c.link.startswith("https://example.org/a#:~:text=")
        for q in c.quantities:
            assert text[q.start:q.end] == q.text
    for i, n in per_block.items():
        if blocks[i].kind in ("heading", "caption", "table-row"):
            assert n == 1
