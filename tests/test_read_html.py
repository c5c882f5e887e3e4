"""The HTML reader on a realistic news page: main text without chrome, metadata, structure, tables, links."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import unquote

import pytest

from claims import ReadError
from claims.fragments import encode_term, fragment, text_fragment_link
from claims.pipeline import Pipeline
from claims.plugins.read_html import CHROME, TABLE_HEADER, html_document, looks_like_html
from claims.read import InputProblem, read_bytes

PAGE = Path(__file__).parent / "fixtures" / "reading" / "news-page.html"
CANONICAL = "https://www.blackseawire.example/world/2026/03/02/odesa-drone-attack-un-toll"
HEADLINE = "Overnight drone attack on Odesa region; UN updates civilian toll"

#: Every sentence of the article body, as a reader sees it on the page.
CONTENT = [
    "ODESA, March 2 (Black Sea Wire) - Russian forces attacked the Odesa region with drones overnight, damaging "
    "port infrastructure and a grain warehouse, Ukrainian officials said on Monday.",
    "Of 48 drones launched overnight, 39 were shot down over the Odesa, Mykolaiv and Kherson regions, the "
    "Ukrainian air force said in a statement on Telegram.",
    "Nine drones did not reach their targets because of electronic warfare, it said.",
    "Regional governor Oleh Marchenko said two people were injured in the port district of Izmail and a fire at "
    "the warehouse was put out by morning.",
    "Firefighters work at a damaged grain warehouse in Izmail on Monday morning",
    "UN figures",
    "The UN human rights office (OHCHR) said it had verified 11,152 civilian casualties in the Odesa, Mykolaiv "
    "and Kherson regions since February 2022.",
    "Of those, 4,889 were killed and 6,263 injured.",
    "The actual figures are likely considerably higher, as reports from areas close to the front line are still "
    "being corroborated, the office said.",
    "Civilian casualties verified by OHCHR, by region",
    "Odesa | 1,412 | 2,096 | 3,508",
    "Mykolaiv | 1,035 | 1,688 | 2,723",
    "Kherson | 2,442 | 2,479 | 4,921",
    "Total | 4,889 | 6,263 | 11,152",
    "Ministry assessment",
    "Britain's Ministry of Defence said in its daily intelligence update that Russia had highly likely expanded "
    "its production of long-range attack drones over the winter.",
    "The ministry said the attacks were almost certainly intended to disrupt grain exports through the Danube ports.",
    '"We will rebuild every warehouse and every pier. Odesa will keep exporting grain," Marchenko said in a video '
    "address.",
    'Deputy Prime Minister Iryna Kovalchuk called the strikes "an attack on the world\'s food supply" and said '
    "Ukraine needed more air defence systems before the spring.",
    '"Every night without air defence costs us ships, grain and lives," Kovalchuk told reporters in Kyiv.',
    "The air force listed the targets of the past week:",
    "Ports in Izmail and Reni were struck on three consecutive nights.",
    "A power substation near Bilhorod-Dnistrovskyi was damaged on Saturday.",
    "Two grain terminals in Odesa city lost power for several hours.",
    "Losses reported by the General Staff",
    "The General Staff of Ukraine's armed forces published its daily figures of Russian losses on Monday.",
    "Tanks | 3,120 | 4",
    "Armoured combat vehicles | 6,480 | 9",
    "Artillery systems | 8,215 | 21",
    "Drones | 9,870 | 48",
    "The figures could not be independently verified.",
]

#: Page chrome around the article: none of it may be in a claim.
CHROME_STRINGS = [
    "Scraped at", "cookies", "Accept all", "Manage preferences", "Log in", "Subscribe for", "Share on",
    "Copy link", "Email this story", "Related stories", "Grain corridor insurance", "Kharkiv power restored",
    "3 hours ago", "Most read", "Wheat prices jump", "Ceasefire talks stall", "Morning Briefing",
    "in your inbox", "Email address", "Sign up", "Terms of use", "Privacy policy", "All rights reserved",
    "Updated", "By Olena Hrytsenko", "Reporting by",
]


@pytest.fixture(scope="module")
def page_bytes() -> bytes:
    return PAGE.read_bytes()


@pytest.fixture(scope="module")
def doc(page_bytes):
    (d,) = Pipeline().check_item(read_bytes("saved-page.txt", page_bytes))  # sniffed by content, not suffix
    return d


def test_the_page_is_sniffed_as_html_and_its_metadata_comes_from_meta_and_json_ld(doc):
    assert doc.format == "html"
    assert doc.title == HEADLINE
    assert (doc.publisher, doc.author, doc.canonical_url) == ("Black Sea Wire", "Olena Hrytsenko", CANONICAL)
    # the meta/JSON-LD publication date: not the "Updated" date (03-03), not the "Scraped at" line (03-04)
    assert doc.published == "2026-03-02"


def test_no_chrome_becomes_a_claim_and_chrome_stays_listed(doc):
    for s in CHROME_STRINGS:
        assert not [c.text for c in doc.claims if s.lower() in c.text.lower()], s
    chrome = [s for s in doc.skipped if s.reason == CHROME]
    listed = " ".join(s.text for s in chrome)
    for s in ("Scraped at 2026-03-04", "We use cookies", "Share on Facebook", "Most read", "Sign up",
              "Kharkiv power restored after overnight strike on substation 5 hours ago", "All rights reserved"):
        assert s in listed, s
    assert all((s.start, s.end) == (-1, -1) for s in chrome)  # not in the text: no offsets into it


def test_every_content_sentence_is_one_claim_in_page_order(doc):
    assert [c.text for c in doc.claims] == CONTENT
    assert all(doc.text[c.start:c.end] == c.text for c in doc.claims)


def test_the_headline_is_the_title_only(doc):
    assert HEADLINE not in doc.text
    assert all(HEADLINE not in c.text for c in doc.claims)


def test_blocks_keep_their_kinds_and_are_never_glued(doc):
    kinds = {c.text: c.block for c in doc.claims}
    assert kinds["UN figures"] == kinds["Ministry assessment"] == "heading"
    assert kinds["Firefighters work at a damaged grain warehouse in Izmail on Monday morning"] == "caption"
    assert kinds["Civilian casualties verified by OHCHR, by region"] == "caption"
    assert kinds[CONTENT[17]] == "quote"
    assert kinds["Ports in Izmail and Reni were struck on three consecutive nights."] == "list-item"
    assert kinds["Tanks | 3,120 | 4"] == "table-row"
    assert kinds[CONTENT[0]] == "paragraph"
    by_index = {p.index: p.kind for p in doc.paragraphs}
    assert all(by_index[c.paragraph] == c.block for c in doc.claims)
    headers = [s.text for s in doc.skipped if s.reason == TABLE_HEADER]
    assert headers == ["Region | Killed | Injured | Civilian casualties", "Category | Total | Past 24 hours"]


def test_table_figures_reach_the_checkers_with_their_column_headers_as_measures(doc):
    rows = {c.text.split(" | ")[0]: c for c in doc.claims if c.block == "table-row"}
    odesa = [(q.text, q.counts, q.measure) for q in rows["Odesa"].quantities]
    assert odesa == [("1,412", "Killed", "killed"), ("2,096", "Injured", "injured"),
                     ("3,508", "Civilian casualties", "civilians.casualties")]
    tanks = [(q.text, q.value, q.counts, q.measure) for q in rows["Tanks"].quantities]
    assert tanks == [("3,120", 3120, "Tanks (Total)", "tanks"), ("4", 4, "Tanks (Past 24 hours)", "tanks")]
    assert all(doc.text[q.start:q.end] == q.text for c in rows.values() for q in c.quantities)
    # killed + injured = casualties on each row and down each column, and the text's own sum
    assert doc.summary.relations == {"found": 8, "checked": 8, "consistent": 8}
    assert not [f for c in doc.claims for f in c.flags if f.checker == "arithmetic"]


def test_a_wrong_table_figure_is_an_arithmetic_error_naming_it(page_bytes):
    bad = page_bytes.replace(b"<td>4,921</td>", b"<td>4,931</td>")
    (d,) = Pipeline().check_item(read_bytes("page.html", bad))
    flags = [f for c in d.claims for f in c.flags if f.checker == "arithmetic"]
    messages = sorted(f.message for f in flags)
    assert len(flags) == 2 and all(f.code == "sum-mismatch" and f.severity.value == "error" for f in flags)
    assert "2,442 killed + 2,479 injured = 4,921, but the stated total is 4,931" in messages[0]
    assert "= 11,162, but the stated total is 11,152" in messages[1]


def test_each_claim_links_to_its_sentence_on_the_page(doc, page_bytes):
    assert all(c.link.startswith(CANONICAL + "#:~:text=") for c in doc.claims)
    (fetched,) = Pipeline().check_item(read_bytes("page", page_bytes, "text/html", CANONICAL + "?utm=x#top"))
    assert fetched.url == CANONICAL + "?utm=x#top"
    assert fetched.claims[0].link.startswith(CANONICAL + "?utm=x#:~:text=")  # the fetched URL, its fragment replaced
    row = next(c for c in doc.claims if c.text.startswith("Odesa |"))
    assert row.link == CANONICAL + "#:~:text=Odesa-,1%2C412,3%2C508"  # the label as prefix: pinned to the row
    long = next(c for c in doc.claims if c.text.startswith("Of 48 drones"))
    start, end = long.link.split("#:~:text=")[1].split(",")
    assert (unquote(start), unquote(end)) == ("Of 48 drones launched overnight,", "in a statement on Telegram.")


def test_fragment_terms_encode_the_directive_syntax():
    assert encode_term("Bilhorod-Dnistrovskyi & Reni, 3") == "Bilhorod%2DDnistrovskyi%20%26%20Reni%2C%203"
    assert fragment("Seven words are short enough to match whole.") == \
        "text=Seven%20words%20are%20short%20enough%20to%20match%20whole."
    assert fragment("one two three four five six seven eight nine ten eleven") == \
        "text=one%20two%20three%20four%20five,seven%20eight%20nine%20ten%20eleven"
    assert text_fragment_link(None, "No page, no link.") is None
    assert text_fragment_link("https://a.example/x#old", "Hi there.") == "https://a.example/x#:~:text=Hi%20there."


def test_json_contract_carries_block_link_and_reader_metadata(claims_cli, tmp_path):
    res = claims_cli("check", "--no-store", "-f", "json", str(PAGE))
    assert res.exit_code == 0, res.output
    d = json.loads(res.stdout)["documents"][0]
    assert (d["format"], d["author"], d["canonical_url"]) == ("html", "Olena Hrytsenko", CANONICAL)
    assert {c["block"] for c in d["claims"]} == {"paragraph", "heading", "caption", "quote", "list-item", "table-row"}
    assert all(c["link"].startswith(CANONICAL + "#:~:text=") for c in d["claims"])
    md = claims_cli("check", "--no-store", "-f", "md", str(PAGE)).stdout
    assert f"[on the page](<{CANONICAL}#:~:text=UN%20figures>)" in md
    html = claims_cli("check", "--no-store", "-f", "html", str(PAGE)).stdout
    assert f'class="pagelink" href="{CANONICAL}#:~:text=UN%20figures"' in html


def test_a_page_without_main_text_is_one_line_exit_2_and_other_files_are_kept(claims_cli, tmp_path):
    empty = tmp_path / "empty.html"
    empty.write_text("<!DOCTYPE html><html><head><title>Log in</title></head><body><nav><a href='/'>Home</a>"
                     "</nav><form><input name='q'><button>Search</button></form></body></html>")
    good = tmp_path / "good.txt"
    good.write_text("The ministry said 12 people were injured on Sunday.\n")
    res = claims_cli("check", "--no-store", "-f", "json", str(empty), str(good))
    assert res.exit_code == 2
    report = json.loads(res.stdout)
    assert [d["path"] for d in report["documents"]] == [str(good)]
    [err] = report["errors"]
    assert err["path"] == str(empty) and "no main text" in err["message"] and "\n" not in err["message"]
    with pytest.raises(ReadError, match="no main text"):
        html_document("<html><body><script>var a = 1;</script></body></html>")


def test_sniffing_takes_html_by_its_first_tag_and_leaves_feeds_and_text_alone():
    assert looks_like_html(b"\xef\xbb\xbf  <!doctype html><p>Hi</p>")
    assert looks_like_html(b"<!-- saved -->\n<html lang='en'><body><p>Hi</p></body></html>")
    assert looks_like_html(b"<p>A fragment of a page.</p>")
    assert looks_like_html(b"anything", media_type="text/html; charset=utf-8")
    assert not looks_like_html(b'<?xml version="1.0"?><rss version="2.0"><channel><item><description>'
                               b"&lt;p&gt;Hi&lt;/p&gt;</description></item></channel></rss>", "feed.xml")
    assert not looks_like_html(b"The ministry said <p> tags are used.\n", "note.txt")


def test_the_meta_charset_decodes_the_page(tmp_path):
    body = ("<html><head><meta charset='windows-1252'><title>Caf\u00e9 strike</title></head><body><article>"
            "<h1>Caf\u00e9 strike</h1><p>The caf\u00e9 \u2013 a landmark on Deribasivska Street \u2013 was damaged "
            "on Monday, the city council said in a statement. Nobody was hurt, it said.</p></article></body></html>")
    p = Pipeline()
    (d,) = p.check_item(read_bytes("cafe.html", body.encode("cp1252")))
    assert d.encoding == "cp1252" and d.title == "Caf\u00e9 strike" and not d.warnings
    assert d.claims[0].text.startswith("The caf\u00e9 \u2013 a landmark")


def test_a_publication_date_after_today_is_refused():
    page = ("<html><head><meta property='article:published_time' content='2099-01-05T10:00:00Z'></head><body>"
            "<article><p>The regional administration said on Monday that 14 people had been evacuated from "
            "the village overnight and that the shelling had stopped by the morning.</p></article></body></html>")
    d = html_document(page)
    assert d.published is None


def test_an_unreadable_page_is_an_input_problem_naming_the_file():
    with pytest.raises(InputProblem, match=r"^blank\.html: HTML page"):
        Pipeline().check_item(read_bytes("blank.html", b"   "))


def test_a_fragment_such_as_a_feed_items_content_is_read_whole():
    d = html_document("<p>The UN said 12 civilians were killed on Sunday in Kharkiv.</p><ul><li>Two schools were "
                      "damaged.</li></ul>", url="https://wire.example/item/7")
    assert [(b.kind, d.text[b.start:b.end]) for b in d.blocks] == [
        ("paragraph", "The UN said 12 civilians were killed on Sunday in Kharkiv."),
        ("list-item", "Two schools were damaged.")]
    bare = html_document("The ministry said 3 people were injured in Dnipro overnight.")
    assert bare.text == "The ministry said 3 people were injured in Dnipro overnight."


def test_a_first_row_of_words_over_rows_of_figures_is_the_header():
    d = html_document("<article><p>The regional administration published the week's figures on Monday.</p>"
                      "<table><tr><td>District</td><td>Killed</td><td>Injured</td></tr>"
                      "<tr><td>Nikopol</td><td>3</td><td>11</td></tr></table></article>")
    [row] = [b for b in d.blocks if b.kind == "table-row"]
    assert [(d.text[c.start:c.end], c.header) for c in row.cells] == [
        ("Nikopol", "District"), ("3", "Killed"), ("11", "Injured")]
    assert [s.reason for s in d.skipped if s.start >= 0] == ["table-header"]


def test_skipped_text_in_the_document_has_its_offsets_and_line(doc):
    for s in doc.skipped:
        if s.reason != CHROME:
            assert doc.text[s.start:s.end] == s.text
            assert doc.text[:s.start].count("\n") + 1 == s.line


def test_source_newlines_are_spaces_and_a_br_is_a_line_break():
    d = html_document("<article><p>The governor said the shelling\n   stopped at dawn.<br>Schools stay closed "
                      "on Tuesday, the council said.</p></article>")
    assert d.text == ("The governor said the shelling stopped at dawn.\n"
                      "Schools stay closed on Tuesday, the council said.")
