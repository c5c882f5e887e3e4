"""Pasted page text (select-all + copy out of a browser) and scraped Markdown of the same page:
chrome is set aside with its reason, every content sentence is kept, the date is right."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claims.boilerplate import REASONS, boilerplate_reason
from claims.models import TABLE_HEADER
from claims.pages import classify_page
from claims.extract.dates import find_document_date
from claims.pipeline import Pipeline
from claims.read import read_input
from claims.segment import blank_markers, footnote_markers, segment

FIXTURES = Path(__file__).parent / "fixtures" / "reading"
PASTED = FIXTURES / "news-page-pasted.txt"
SCRAPED = FIXTURES / "news-page-scraped.md"

# Every sentence of the article (as the text shows it), the headline and subheads included.
CONTENT = [
    "Overnight drone attack on Odesa region; UN updates civilian toll",
    "ODESA, March 2 (Black Sea Wire) – Russia launched a wave of attack drones at the Odesa region overnight, "
    "damaging port infrastructure and a residential building, Ukrainian officials said on Monday.",
    "Of 48 drones launched overnight, 39 were shot down over the Odesa, Mykolaiv and Kherson regions, "
    "the air force said in a statement.",
    "Five more were lost to electronic warfare, it added.",
    "Russia's defence ministry said its forces had struck \"military targets\" in the region.",
    "Kyiv denied it.",
    "A damaged residential building in Odesa on Monday.",
    "UN counts more civilian casualties",
    "The UN human rights monitoring mission said it had verified 11,152 civilian casualties in the country "
    "since the start of the year.[3]",
    "Of those, 4,889 people were killed and 6,263 were injured, it said.",
    "The mission said the real figures were likely to be considerably higher, because reports from some "
    "front-line areas were still being checked.",
    "Men\t2,915\t3,704\t6,619",
    "All civilians\t4,889\t6,263\t11,152",
    "Britain's Ministry of Defence said in its daily intelligence update that Russia had highly likely used "
    "decoy drones to exhaust Ukrainian air defences before the main wave.",
    "\"We need more air defence systems, and we need them now,\" Odesa governor Mykola Dorosh told reporters.",
    "\"Every night our people pay the price for the delay.\"",
    "Nobody was killed in the city, he said.",
    "Ports keep working",
    "The regional administration said grain loading at the port of Pivdennyi resumed by the afternoon.",
    "\"The port was back at work within six hours,\" the harbour master said.",
]

# Chrome of both page forms, with the reason each is set aside for.
CHROME = [
    ("Skip to main content", "navigation"),
    ("World", "navigation"),
    ("Log in", "form"),
    ("Subscribe", "form"),
    ("Most read", "related"),
    ("We use cookies to improve your experience and to show you personalised content. By continuing to browse "
     "you agree to our use of cookies.", "legal"),
    ("Accept all", "legal"),
    ("Manage preferences", "legal"),
    ("By Olena Marchenko and Daniel Reyes", "byline"),
    ("Published 2 March 2026, 09:15 GMT · Updated 2 March 2026, 11:40 GMT", "pubdate"),
    ("Share", "share"),
    ("WhatsApp", "share"),
    ("Copy link", "share"),
    ("Related stories", "related"),
    ("Ukraine's air force says it downed 31 drones over the south", "related"),
    ("How decoy drones are changing the air war", "related"),
    ("Sign up for our morning briefing", "form"),
    ("Sign up", "form"),
    ("About us", "navigation"),
    ("Privacy policy", "legal"),
    ("Terms of use", "legal"),
    ("© 2026 Black Sea Wire. All rights reserved.", "legal"),
    ("Scraped at 2026-03-04 10:12 UTC", "scrape-stamp"),
    ("Photo: Black Sea Wire/Ivan Petrenko", "credit"),
]
PASTED_ONLY_CHROME = [
    ("Ceasefire talks stall in Geneva as envoys trade blame", "related"),
    ("2 hours ago", "timestamp"),
    ("10:42", "timestamp"),
    ("Email address", "form"),
    ("Tags: Ukraine, Odesa, Drones, United Nations", "tags"),
    ("Share this article", "share"),
    ("27 February 2026", "timestamp"),
]
SCRAPED_ONLY_CHROME = [
    ("Ceasefire talks stall in Geneva as envoys trade blame 2 hours ago", "related"),
    ("Tags: Ukraine, Odesa, Drones", "tags"),
]


@pytest.fixture(scope="module")
def docs():
    p = Pipeline()
    return {"pasted": p.check_file(PASTED), "scraped": p.check_file(SCRAPED)}


@pytest.mark.parametrize("kind, chrome", [("pasted", CHROME + PASTED_ONLY_CHROME), ("scraped", CHROME + SCRAPED_ONLY_CHROME)])
def test_chrome_is_skipped_with_its_reason(docs, kind, chrome):
    doc = docs[kind]
    skipped = {s.text: s.reason for s in doc.skipped}
    for line, reason in chrome:
        assert skipped.get(line) == reason, (line, skipped.get(line))
    assert all(s.reason in REASONS or s.reason == TABLE_HEADER for s in doc.skipped)
    claims = {c.text for c in doc.claims}
    assert not claims & {line for line, _ in chrome}


@pytest.mark.parametrize("kind", ["pasted", "scraped"])
def test_every_content_sentence_is_kept_and_little_else(docs, kind):
    doc = docs[kind]
    texts = [c.text for c in doc.claims]
    assert [t for t in CONTENT if t not in texts] == []
    # besides the sentences listed: the table's other rows; its header row is set aside as the
    # rows' column names
    assert sorted(set(texts) - set(CONTENT)) == ["Children\t443\t547\t990", "Women\t1,531\t2,012\t3,543"]
    assert {s.text: s.reason for s in doc.skipped}["Category\tKilled\tInjured\tTotal"] == TABLE_HEADER
    assert all(c.block == "table-row" for c in doc.claims if "\t" in c.text)
    for c in doc.claims:
        assert doc.text[c.start:c.end] == c.text


@pytest.mark.parametrize("kind", ["pasted", "scraped"])
def test_publication_date_is_not_the_scrape_date(docs, kind):
    assert docs[kind].published == "2026-03-02"


@pytest.mark.parametrize("kind", ["pasted", "scraped"])
def test_no_headline_is_glued_to_the_next_sentence(docs, kind):
    texts = [c.text for c in docs[kind].claims]
    assert max(len(t) for t in texts) < 260
    for heading in ("Overnight drone attack on Odesa region; UN updates civilian toll", "UN counts more civilian casualties",
                    "Ports keep working"):
        assert heading in texts


@pytest.mark.parametrize("kind", ["pasted", "scraped"])
def test_footnote_marker_is_no_quantity(docs, kind):
    (claim,) = [c for c in docs[kind].claims if c.text.endswith("since the start of the year.[3]")]
    assert [q.text for q in claim.quantities] == ["11,152"]


def test_no_markdown_syntax_in_any_claim(docs):
    doc = docs["scraped"]
    assert doc.format == "markdown"
    for c in doc.claims:
        assert not re.search(r"\]\(|!\[|\*\*|^#+ |^> |(?<!\w)_\w|\|", c.text), c.text
    assert doc.title == "Overnight drone attack on Odesa region; UN updates civilian toll"
    assert doc.url == "https://www.blackseawire.example/ukraine/2026/03/02/odesa-drone-attack-un-toll"


def test_content_line_fractions_on_the_pasted_page():
    text = PASTED.read_text("utf-8")
    blocks = list(segment(text))
    kept = [text[s:e] for b in blocks for s, e, _ in b.sentences]
    chrome = {line for line, _ in CHROME + PASTED_ONLY_CHROME}
    assert sum(t in chrome for t in kept) == 0
    assert sum(t in kept for t in CONTENT) / len(CONTENT) == 1.0


# ---------------------------------------------------------------------------
# The rules on small texts
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("line, reason", [
    ("Scraped at 2026-03-04 10:12", "scrape-stamp"),
    ("Accessed on 4 March 2026", "scrape-stamp"),
    ("Retrieved from https://example.org/page", "scrape-stamp"),
    ("3 hours ago", "timestamp"),
    ("10:42", "timestamp"),
    ("Mon 2 Mar 2026 09.15 GMT", "timestamp"),
    ("Updated 2 March 2026", "pubdate"),
    ("This website uses cookies to give you the best experience.", "legal"),
    ("Copyright 2026 Example Media", "legal"),
    ("Enter your email", "form"),
    ("Password", "form"),
    ("Share on Facebook", "share"),
    ("Share Facebook X Email", "share"),
    ("Topics: Ukraine, Drones", "tags"),
    ("More on this story", "related"),
    ("Most popular", "related"),
    ("Photo by Ivan Petrenko/Black Sea Wire", "credit"),
    ("This material may not be published, broadcast, rewritten or redistributed.", "legal"),
    ("Our Standards: The Example Trust Principles.", "legal"),
    ("Story continues below advertisement", "navigation"),
    ("Listen to this article", "navigation"),
    ("4 min read", "navigation"),
    ("Home | World | Ukraine | Video", "navigation"),
])
def test_chrome_lines_alone(line, reason):
    assert boilerplate_reason(line) == reason


@pytest.mark.parametrize("line", [
    "Kyiv denied it.",
    "Captured Russian soldiers were exchanged in a swap brokered by the UAE.",
    "The ministry said the figures were accurate as of 10:42 on Monday.",
    "Printers in Kharkiv resumed work after the power came back.",
    "Sign language interpreters joined the briefing.",
    "Shares in the state grain trader rose 4% on Monday.",

    "4,889",
])
def test_sentences_and_figures_are_not_chrome(line):
    assert boilerplate_reason(line) is None


def test_clean_prose_is_not_classed_as_a_page():
    text = "\n\n".join(["The UN said 12 civilians were killed on Sunday in the east of the country."] * 3
                      + ["Kyiv denied it."] * 2 + ["The mayor said power was restored by noon."] * 4)
    lines = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]
    result = classify_page(text, lines)
    assert result.page is False and result.reasons == {} and result.headings == set()
    assert classify_page("One.\nTwo.", [(0, 4), (5, 9)]) is None


def test_short_sentence_and_subhead_inside_the_article_are_kept():
    text = "\n".join([
        "Home", "World", "Ukraine", "Business", "Sport", "",
        "Shelling hits Kherson market",
        "Published 5 May 2026",
        "",
        "Russian artillery struck a covered market in Kherson on Sunday morning, killing three people and "
        "wounding eleven, the regional governor said.",
        "Moscow denied it.",
        "Repairs begin",
        "City workers began clearing the debris within hours of the strike, the mayor's office said in a statement.",
        "",
        "About us", "Contact", "Privacy policy",
    ])
    blocks = list(segment(text))
    kept = [text[s:e] for b in blocks for s, e, _ in b.sentences]
    assert kept == [
        "Shelling hits Kherson market",
        "Russian artillery struck a covered market in Kherson on Sunday morning, killing three people and "
        "wounding eleven, the regional governor said.",
        "Moscow denied it.",
        "Repairs begin",
        "City workers began clearing the debris within hours of the strike, the mayor's office said in a statement.",
    ]
    headings = {text[s:s + 12] for b in blocks for s in b.headings}
    assert headings == {"Shelling hit", "Repairs begi"}


def test_a_line_without_final_punctuation_ends_its_sentence_unless_it_runs_on():
    text = ("Drone attack on Odesa\nThe air force said 39 drones were shot down.\n"
            "Officials said the attack targeted\nPort infrastructure in the south, and\nHomes nearby.")
    (block,) = segment(text)
    assert [text[s:e] for s, e, _ in block.sentences] == [
        "Drone attack on Odesa",
        "The air force said 39 drones were shot down.",
        "Officials said the attack targeted\nPort infrastructure in the south, and\nHomes nearby.",
    ]


def test_hard_wrapped_prose_still_runs_over_line_breaks():
    text = ("The ministry said on Tuesday that the air defence units of the\n"
            "Southern Command had downed most of the drones over Odesa\n"
            "Oblast. It gave no figures.")
    (block,) = segment(text)
    assert len(block.sentences) == 2


def test_footnote_markers_are_found_and_blanked():
    s = "The UN counted 4,889 deaths.[45] Another 12 were missing[a] and 3 more.12 Kyiv said 7¹² died."
    spans = [s[a:b] for a, b in footnote_markers(s)]
    assert spans == ["[45]", "[a]", "12", "¹²"]
    blanked = blank_markers(s)
    assert len(blanked) == len(s) and "[45]" not in blanked and "4,889" in blanked and "Another 12" in blanked


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab .1[]9)”'\"¹²⁵ \n", max_size=40))
def test_blank_markers_blanks_every_marker_footnote_markers_finds(s):
    """The quick test for a sentence without markers never passes over one."""
    expected = list(s)
    for a, b in footnote_markers(s):
        expected[a:b] = " " * (b - a)
    assert blank_markers(s) == "".join(expected)


def test_document_date_skips_scrape_stamps_and_future_dates():
    today = dt.date(2026, 3, 5)
    assert find_document_date("Scraped at 2026-03-04 10:12\nMenu\nKYIV, 2 March 2026 - The UN said", today) == dt.date(2026, 3, 2)
    assert find_document_date("Accessed 4 March 2026\nRetrieved 4 March 2026\nNo date here.", today) is None
    assert find_document_date("Posted on 9 March 2026\nThe UN said on 1 March 2026 that ...", today) == dt.date(2026, 3, 1)
    assert find_document_date("Home\nNews\nUpdated 3 March 2026 · Published 2 March 2026\n", today) == dt.date(2026, 3, 2)
    menus = "\n".join(["World", "Europe", "Business", "Opinion", "Video", "Podcasts"] * 20)
    page = menus + "\nDrone attack on Odesa\nMarch 2, 2026, 7:15 pm ET\nThe air force said 39 drones were downed.\n"
    assert find_document_date(page, today) == dt.date(2026, 3, 2)
    assert find_document_date(menus + "\nMarch 9, 2026\nText.", today) is None


def test_a_differently_laid_out_page_keeps_figures_lists_and_dense_sentences():
    text = "\n".join([
        "Home | World | Ukraine | Video | Podcasts",
        "Search",
        "Sign in",
        "",
        "UN mission: civilian toll rises in Kharkiv region",
        "",
        "KHARKIV, 4 May 2026 – The UN monitoring mission reported new civilian casualties in the Kharkiv region "
        "over the past week, its spokesperson told reporters on Monday.",
        "",
        "Casualties verified since 1 April:",
        "212 killed",
        "537 injured",
        "749 in total",
        "",
        "Kupiansk, Izium, Balakliia, Chuhuiv: 61 killed, 140 injured, OHCHR figures, 1-30 April 2026.",
        "",
        "The mission said it expected the figures to rise.",
        "",
        "More from World",
        "Drone strike damages Kyiv power plant",
        "EU agrees new aid package for Ukraine",
        "Black Sea grain corridor reopens",
        "",
        "© 2026 Example News Ltd",
    ])
    kept = [text[s:e] for b in segment(text) for s, e, _ in b.sentences]
    assert kept == [
        "UN mission: civilian toll rises in Kharkiv region",
        "KHARKIV, 4 May 2026 – The UN monitoring mission reported new civilian casualties in the Kharkiv region "
        "over the past week, its spokesperson told reporters on Monday.",
        "Casualties verified since 1 April:\n212 killed",
        "537 injured",
        "749 in total",
        "Kupiansk, Izium, Balakliia, Chuhuiv: 61 killed, 140 injured, OHCHR figures, 1-30 April 2026.",
        "The mission said it expected the figures to rise.",
    ]


_PAGE_LINES = st.sampled_from([
    "Home", "World", "Most read", "1", "2 hours ago", "10:42", "Share", "Sign up", "Email address",
    "© 2026 Example News", "Scraped at 2026-03-04 10:12", "Ceasefire talks stall in Geneva",
    "Kyiv denied it.", "The UN said 4,889 civilians were killed and 6,263 injured since the start of the year.[3]",
    "Category\tKilled\tInjured", "Men\t2,915\t3,704", "A subhead here", "  indented line  ", "", " ", "\t",
    "“We need more air defence,” the governor said.", "and it went on", "Tags: Ukraine", "Ukraine",
])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_PAGE_LINES, min_size=8, max_size=40), st.sampled_from(["\n", "\r\n", "\r"]))
def test_page_mode_keeps_every_character_and_offsets(lines, nl):
    text = nl.join(lines)
    covered = [False] * len(text)
    for b in segment(text):
        for s, e, *rest in [*b.sentences, *b.skipped]:
            assert text[s:e] == text[s:e].strip() and s < e
            if rest[-1:] and isinstance(rest[-1], str):
                assert rest[-1] in REASONS
            for i in range(s, e):
                assert not covered[i], "spans overlap"
                covered[i] = True
        assert b.headings <= {s for s, _, _ in b.sentences}
    assert all(covered[i] for i, c in enumerate(text) if not c.isspace())
