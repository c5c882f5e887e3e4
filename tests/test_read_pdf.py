"""The PDF reader on PDFs the tests make: a two-page UN-style update (running header and footer,
page numbers, a word broken at a line end, a two-column page written row by row), a scanned
one, encrypted ones."""

from __future__ import annotations

import datetime as dt
import json

import pytest
import reading_pdfs as pdfs

from claims import ReadError
from claims.pipeline import Pipeline
from claims.plugins.read_pdf import NO_TEXT, read_pdf
from claims.read import expand, read_bytes

FURNITURE = (pdfs.HEADER, pdfs.HEADER_RIGHT, pdfs.FOOTER, "Page 1 of 2", "Page 2 of 2")


@pytest.fixture(scope="module")
def update_bytes() -> bytes:
    return pdfs.un_update()


@pytest.fixture(scope="module")
def doc(update_bytes):
    (d,) = Pipeline().check_item(read_bytes("update.pdf", update_bytes))
    return d


def test_the_update_is_sniffed_and_its_metadata_read(doc):
    assert doc.format == "pdf"
    assert doc.title == pdfs.TITLE
    assert doc.author == "UN Human Rights Monitoring Mission in Ukraine"
    assert doc.published == "2026-03-02"  # CreationDate, not the "as of" date in the text


def test_no_page_furniture_becomes_a_claim_and_it_stays_listed(doc):
    for claim in doc.claims:
        for line in FURNITURE:
            assert line not in claim.text
        assert not claim.text.strip().isdigit()
    assert all(line not in doc.text for line in FURNITURE)
    listed = sorted((s.reason, s.text) for s in doc.skipped if s.start == -1)
    assert listed == sorted([("page-header", pdfs.HEADER), ("page-header", pdfs.HEADER_RIGHT),
                             ("page-footer", pdfs.FOOTER)] * 2
                            + [("page-number", "Page 1 of 2"), ("page-number", "Page 2 of 2")])


def test_every_content_sentence_is_kept_whole_and_in_reading_order(doc):
    found = []
    for sentence in pdfs.CONTENT:
        hits = [i for i, c in enumerate(doc.claims) if sentence in c.text]
        assert hits, f"lost or broken: {sentence!r}"
        found.append(hits[0])
    assert found == sorted(found)  # the left column is read before the right one


def test_a_word_broken_at_a_line_end_is_joined_and_real_hyphens_stay(doc):
    assert "Among the civilians killed were 312 children." in doc.text
    assert "civil-" not in doc.text and "civil ians" not in doc.text
    assert "long-range missile" in doc.text and "multiple-launch rocket" in doc.text


def test_a_compound_broken_at_a_line_end_keeps_its_hyphen_when_the_document_writes_it_so():
    data = pdfs.lines([["The shelling damaged two long-", "range radar posts, the governor said. A long-range",
                        "drone was downed near Izmail, and a re-", "pair crew was sent."]], number=None)
    text = read_pdf(data, "x.pdf").text
    assert "two long-range radar posts" in text and "a repair crew was sent." in text


def test_headings_and_the_title_are_blocks_of_their_own(doc, update_bytes):
    din = read_pdf(update_bytes, "update.pdf")
    kinds = {din.text[b.start:b.end]: b.kind for b in din.blocks}
    assert kinds[pdfs.TITLE] == "title"
    for heading in ("Civilian casualties", "Overnight drone attack on Odesa region", pdfs.PAGE2_HEADING):
        assert kinds[heading] == "heading"
    assert "\n\n".join(din.text[b.start:b.end] for b in din.blocks) == din.text.strip()
    assert [c.text for c in doc.claims if c.block == "heading"][:1] == ["Update as of 1 March 2026"]
    assert not any(c.text == pdfs.TITLE for c in doc.claims)


def test_the_figures_reach_the_arithmetic_checker(doc):
    assert doc.summary.relations.get("consistent", 0) >= 1  # 4,889 + 6,263 = 11,152


def test_bare_and_dashed_page_numbers_are_furniture_even_on_one_page():
    for style in ("{n}", "- {n} -", "Page {n}"):
        din = read_pdf(pdfs.lines([["The ministry said 3 people were hurt."]], number=style), "x.pdf")
        assert din.text.strip() == "The ministry said 3 people were hurt."
        assert [s.reason for s in din.skipped] == ["page-number"]


def test_a_rotated_watermark_is_not_text_but_is_listed():
    din = read_pdf(pdfs.lines([["The ministry said 3 people were hurt."]], number=None, watermark="DRAFT"), "x.pdf")
    assert "DRAFT" not in din.text and [(s.text, s.reason) for s in din.skipped] == [("DRAFT", "rotated-text")]


def test_a_creation_date_after_the_time_of_reading_is_refused():
    later = dt.datetime.now(dt.timezone.utc) + dt.timedelta(days=3)
    din = read_pdf(pdfs.un_update(created=later), "update.pdf")
    assert din.published is None
    assert any("after the time of reading" in w for w in din.warnings)
    (doc,) = Pipeline().check_item(read_bytes("update.pdf", pdfs.un_update(created=later)))
    assert doc.published is None or doc.published < dt.date.today().isoformat()


def test_a_creation_date_long_after_the_stated_date_is_a_later_re_save():
    din = read_pdf(pdfs.un_update(created=dt.datetime(2026, 9, 1, tzinfo=dt.timezone.utc)), "update.pdf")
    assert din.published == "2026-03-01"
    assert any("re-save" in w for w in din.warnings)


def test_a_scanned_pdf_is_a_read_error():
    with pytest.raises(ReadError, match="no text layer: scanned PDF\\? run OCR first"):
        read_pdf(pdfs.scanned(), "scan.pdf")


def test_a_scanned_page_in_a_text_pdf_is_named_and_the_rest_read():
    din = read_pdf(pdfs.un_update(scanned_page=True), "update.pdf")
    assert any("page 3: an image with no text layer" in w for w in din.warnings)
    assert pdfs.CONTENT[-1] in din.text


def test_an_encrypted_pdf_opens_without_a_password_only_when_it_has_none():
    with pytest.raises(ReadError, match="encrypted PDF: it needs a password"):
        read_pdf(pdfs.encrypted(), "locked.pdf")
    assert pdfs.CONTENT[0] in read_pdf(pdfs.encrypted(user_password=""), "owner-only.pdf").text


def test_a_damaged_pdf_is_one_line():
    with pytest.raises(ReadError, match="^not a readable PDF: ") as exc:
        read_pdf(b"%PDF-1.7\n1 0 obj << /Type /Catalog", "broken.pdf")
    assert "\n" not in str(exc.value)


def test_sniffing_takes_pdf_by_its_header_whatever_the_name(update_bytes):
    (doc,) = Pipeline().check_item(read_bytes("update.txt", update_bytes))
    assert doc.format == "pdf"
    (doc,) = Pipeline().check_item(read_bytes("notes.pdf.txt", b"The ministry said 3 people were hurt.\n"))
    assert doc.format == "text"


def test_bad_pdfs_are_one_line_each_exit_2_and_the_good_one_is_kept(claims_cli, tmp_path, update_bytes):
    (tmp_path / "scan.pdf").write_bytes(pdfs.scanned())
    (tmp_path / "locked.pdf").write_bytes(pdfs.encrypted())
    (tmp_path / "update.pdf").write_bytes(update_bytes)
    files = list(expand([str(tmp_path)], Pipeline().suffixes()))
    assert [f.rsplit("/", 1)[-1] for f in files] == ["locked.pdf", "scan.pdf", "update.pdf"]
    res = claims_cli("check", "--no-store", "-f", "json", str(tmp_path))
    assert res.exit_code == 2
    errors = [ln for ln in res.stderr.splitlines()
              if not ln.startswith(("claims: warning:", "Total:"))]  # the grand total closes the run
    assert errors == [f"claims: {tmp_path / 'locked.pdf'}: encrypted PDF: it needs a password to open",
                      f"claims: {tmp_path / 'scan.pdf'}: {NO_TEXT}"]
    (doc,) = json.loads(res.stdout)["documents"]
    assert doc["path"].endswith("update.pdf") and doc["published"] == "2026-03-02" and doc["format"] == "pdf"
    assert any("39 were shot down" in c["text"] for c in doc["claims"])


def test_a_table_is_one_claim_a_row_with_its_column_headers_and_its_figures_are_checked():
    din = read_pdf(pdfs.table(), "table.pdf")
    rows = [b for b in din.blocks if b.kind == "table-row"]
    assert [din.text[b.start:b.end] for b in rows] == [" | ".join(r) for r in pdfs.TABLE[1:]]
    assert [c.header for c in rows[0].cells] == list(pdfs.TABLE[0])
    assert [(s.text, s.reason) for s in din.skipped if s.start >= 0] == [(" | ".join(pdfs.TABLE[0]), "table-header")]
    (doc,) = Pipeline().check_item(read_bytes("table.pdf", pdfs.table()))
    assert [c.block for c in doc.claims] == ["paragraph"] + ["table-row"] * 4 + ["paragraph"]
    assert not any(c.flags for c in doc.claims if c.block == "table-row")
    wrong = list(pdfs.TABLE)
    wrong[3] = ("Kherson", "2,442", "2,479", "4,931")
    (doc,) = Pipeline().check_item(read_bytes("table.pdf", pdfs.table(wrong)))
    (kherson,) = [c for c in doc.claims if c.text.startswith("Kherson")]
    assert [f.message for f in kherson.flags if f.severity.value == "error"] == [
        "2,442 killed + 2,479 injured = 4,921, but the stated total is 4,931 Civilian casualties "
        "(expected 4,921, off by 10)"]


def test_a_one_page_pdf_loses_its_small_print_header_and_footer_but_keeps_its_body():
    din = read_pdf(pdfs.table(), "table.pdf")
    assert [s.reason for s in din.skipped if s.start == -1] == ["page-header", "page-header", "page-footer",
                                                                "page-number"]
    assert din.text.startswith("The Mission recorded") and din.text.rstrip().endswith("considerably higher.")


def test_a_superscript_footnote_marker_is_no_part_of_the_sentence_but_a_unit_power_is():
    din = read_pdf(pdfs.footnoted(), "notes.pdf")
    assert din.text.split("\n\n")[0] == (
        "OHCHR recorded 11,152 civilian casualties in the three regions. The flooded area is 25 km2 in size.")
    assert [(s.text, s.reason) for s in din.skipped] == [("12", "footnote-marker")]
