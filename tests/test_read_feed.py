"""The feed reader on an RSS wire feed, an Atom feed of UN updates and a broken feed (fixtures/reading)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from claims import ReadError
from claims.pipeline import Pipeline
from claims.plugins.read_feed import looks_like_feed, read_feed
from claims.read import read_bytes

READING = Path(__file__).parent / "fixtures" / "reading"
RSS = READING / "odesa-wire-feed.rss"
ATOM = READING / "hrmmu-updates.atom"
BROKEN = READING / "broken-feed.rss"
STORY = "https://blackseawire.example/2026/03/02/odesa-drone-attack/"


@pytest.fixture(scope="module")
def rss_docs():
    return Pipeline().check_item(read_bytes(str(RSS), RSS.read_bytes()))


def test_each_item_is_a_document_with_its_own_path_link_title_author_and_the_feed_as_publisher(rss_docs):
    assert [d.path for d in rss_docs] == [
        f"{RSS}#{STORY}", f"{RSS}#bsw-2026-03-02-0605", f"{RSS}#https://blackseawire.example/2031/01/01/briefing/"]
    story = rss_docs[0]
    assert (story.format, story.title, story.publisher, story.author, story.url) == (
        "feed", "Overnight drone attack on Odesa region; UN updates civilian toll", "Black Sea Wire",
        "Iryna Marchenko", STORY)
    assert rss_docs[1].url is None and rss_docs[1].author == "Black Sea Wire staff"


def test_the_item_date_is_the_date_as_written_in_its_own_time_zone(rss_docs):
    # "Mon, 02 Mar 2026 00:40:00 +0200" is 1 March in UTC: the publisher's date is 2 March
    assert [d.published for d in rss_docs[:2]] == ["2026-03-02", "2026-03-02"]


def test_an_item_dated_after_the_time_of_reading_has_no_date_and_says_so(rss_docs):
    future = rss_docs[2]
    assert future.published is None
    assert any("item date 2031-01-01 is after the time of reading" in w for w in future.warnings)


def test_the_content_goes_through_the_html_reader_with_its_blocks(rss_docs):
    story = rss_docs[0]
    texts = [c.text for c in story.claims]
    assert "Of those, 4,889 people had been killed and 6,263 injured, the office said." in texts
    assert "Of 48 drones launched overnight, 39 were shot down, the Ukrainian air force said in its morning report." \
        in texts
    assert {c.block for c in story.claims} >= {"paragraph", "heading", "quote"}
    assert [c.text for c in story.claims if c.block == "heading"] == ["UN toll rises"]
    assert story.summary.relations.get("consistent", 0) >= 1  # 4,889 + 6,263 = 11,152
    assert any(c.hedges for c in story.claims if "highly likely" in c.text)


def test_the_wordpress_footer_is_set_aside_not_a_claim(rss_docs):
    story = rss_docs[0]
    assert not any("appeared first on" in c.text for c in story.claims)
    assert [s.reason for s in story.skipped if "appeared first on" in s.text] == ["feed-footer"]


def test_a_summary_only_item_is_read_from_its_escaped_html(rss_docs):
    assert [c.text for c in rss_docs[1].claims] == [
        "The Ukrainian air force said on Monday that 39 of the 48 drones launched overnight had been shot down "
        "over the Odesa, Mykolaiv and Kherson regions.",
        "Nine drones were lost from radar, the air force said."]


def test_atom_entries_with_html_titles_plain_text_content_and_updated_dates():
    docs = read_feed(ATOM.read_bytes(), "updates.atom")
    first, second = docs
    assert first.title == "Protection of civilians update No. 41"  # markup in the title is not text
    assert first.published == "2026-03-02"  # published, not the later updated
    assert first.author == "UN Human Rights Monitoring Mission in Ukraine"
    assert first.publisher == "UN Human Rights Monitoring Mission in Ukraine: updates"
    assert second.published == "2026-03-02" and second.author is None  # updated when not published
    assert second.text.split("\n\n") == [
        "The Mission is verifying reports that the overnight attack of 1 March damaged 14 residential "
        "buildings in Odesa city.",
        "It calls on all parties to take constant care to spare civilians."]


def test_feeds_are_sniffed_by_their_root_element_after_the_xml_prolog():
    assert looks_like_feed(RSS.read_bytes()) and looks_like_feed(ATOM.read_bytes())
    assert looks_like_feed(b'\xef\xbb\xbf<?xml version="1.0"?>\n<!-- c -->\n<rdf:RDF xmlns:rdf="x">')
    assert looks_like_feed(b"<p>not a feed</p>", media_type="application/atom+xml")
    assert not looks_like_feed(b"<html><body><p>The feed is down.</p></body></html>")
    assert not looks_like_feed(b"The ministry said 3 rss feeds <feed> were hurt.")
    (doc, *_) = Pipeline().check_item(read_bytes("feed.txt", RSS.read_bytes()))  # content over name
    assert doc.format == "feed"


def test_a_malformed_feed_without_items_is_a_read_error_naming_the_place():
    with pytest.raises(ReadError, match=r"^malformed feed: line 6, column \d+: "):
        read_feed(BROKEN.read_bytes(), "broken-feed.rss")


def test_broken_xml_that_still_yields_items_is_read_leniently_with_a_warning():
    data = RSS.read_bytes().replace(b"<title>Black Sea Wire</title>", b"<title>Black Sea Wire & Co</title>")
    docs = read_feed(data, "feed.rss")
    assert len(docs) == 3 and docs[0].publisher == "Black Sea Wire & Co"
    assert any("not a well-formed feed" in w for w in docs[0].warnings)


def test_a_feed_without_items_is_a_read_error():
    with pytest.raises(ReadError, match="^feed has no items$"):
        read_feed(b'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title></channel></rss>')


def test_an_xml_file_that_is_no_feed_is_a_read_error_not_markup_as_text():
    with pytest.raises(Exception, match="not an RSS or Atom feed"):
        Pipeline().check_item(read_bytes("sitemap.xml", b'<?xml version="1.0"?><urlset><url/></urlset>'))


def test_the_feed_date_is_checked_against_the_time_of_reading():
    docs = read_feed(RSS.read_bytes(), "feed.rss", now=dt.datetime(2026, 3, 1, 12, tzinfo=dt.timezone.utc))
    assert [d.published for d in docs] == [None, None, None]  # every item is after 1 March, 12:00 UTC


def test_the_cli_checks_every_item_and_keeps_them_when_another_feed_is_broken(claims_cli):
    res = claims_cli("check", "--no-store", "-f", "json", str(BROKEN), str(RSS), str(ATOM))
    assert res.exit_code == 2
    lines = [ln for ln in res.stderr.splitlines() if not ln.startswith("claims: warning:")]
    errors = [ln for ln in lines if not ln.startswith("Total:")]
    assert len(errors) == 1 and errors[0].startswith(f"claims: {BROKEN}: malformed feed: line 6")
    assert "5 documents checked" in lines[-1] and "1 file failed" in lines[-1]  # the grand total
    docs = json.loads(res.stdout)["documents"]
    assert len(docs) == 5 and {d["format"] for d in docs} == {"feed"}
    assert docs[0]["url"] == STORY and docs[0]["published"] == "2026-03-02"
