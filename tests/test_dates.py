"""Dates and periods in news sentences, resolved against the publication date.

The sentences are written for these tests; no corpus text is used.
"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claims.extract.dates import extract_dates, find_document_date

PUB = dt.date(2022, 6, 14)  # a Tuesday


def one(sentence: str, published: dt.date | None = PUB):
    ds = extract_dates(sentence, 0, published)
    assert len(ds) == 1, ds
    return ds[0]


@pytest.mark.parametrize("sentence, text, date, role", [
    ("Talks were held on February 24.", "on February 24", "2022-02-24", "point"),
    ("Talks were held on 24 February.", "on 24 February", "2022-02-24", "point"),
    ("Talks were held on Feb. 24.", "on Feb. 24", "2022-02-24", "point"),
    ("The decree is dated June 7, 2022.", "June 7, 2022", "2022-06-07", "point"),
    ("The decree is dated 2022-06-07.", "2022-06-07", "2022-06-07", "point"),
    ("The envoys met in Geneva on March 10.", "on March 10", "2022-03-10", "point"),
    ("The ministry said in a statement on Tuesday.", "on Tuesday", "2022-06-14", "point"),
    ("The governor spoke on Monday.", "on Monday", "2022-06-13", "point"),
    ("The governor spoke last Tuesday.", "last Tuesday", "2022-06-07", "point"),
    ("The convoy left yesterday.", "yesterday", "2022-06-13", "point"),
    ("The convoy leaves today.", "today", "2022-06-14", "point"),
    ("In a call last week, the leaders agreed.", "last week", "2022-06-06", "period"),
    ("More talks are expected this week.", "this week", "2022-06-13", "period"),
    ("Forces made gains in May.", "in May", "2022-05-01", "period"),
    ("The offensive stalled in February.", "in February", "2022-02-01", "period"),
    ("The new levy will apply in 2023.", "in 2023", "2023-01-01", "period"),
    ("Shelling intensified over the weekend.", "over the weekend", "2022-06-11", "period"),
    ("Progress has slowed over the last week.", "over the last week", "2022-06-07", "period"),
    ("Prices rose in the past 24 hours.", "in the past 24 hours", "2022-06-13", "period"),
    ("Casualties have been recorded since February 24.", "since February 24", "2022-02-24", "since"),
    ("Aid has flowed since 2014.", "since 2014", "2014-01-01", "since"),
    ("As of June 12, the figures stood unchanged.", "As of June 12", "2022-06-12", "point"),
])
def test_dates(sentence, text, date, role):
    d = one(sentence)
    assert (d.text, d.date, d.role) == (text, date, role)
    assert sentence[d.start:d.end] == d.text


def test_since_the_start_of_the_war_has_no_date():
    d = one("At least 97 children have been killed since the start of the war.")
    assert (d.text, d.date, d.role) == ("since the start of the war", None, "since")


def test_date_inside_a_since_clause():
    d = one("The office has recorded 8,106 casualties since troops crossed the border on February 24.")
    assert (d.text, d.date, d.role) == ("on February 24", "2022-02-24", "since")


def test_month_day_after_publication_is_last_year():
    d = one("The pact was signed on December 3.")
    assert d.date == "2021-12-03"


def test_from_to():
    a, b = extract_dates("Polls are open from May 1 to June 3.", 0, PUB)
    assert (a.role, a.date, b.role, b.date) == ("since", "2022-05-01", "point", "2022-06-03")


def test_modal_may_and_bare_march_are_not_dates():
    assert extract_dates("Officials may extend the curfew and troops march on.", 0, PUB) == []
    assert extract_dates("May the talks succeed.", 0, PUB) == []


def test_without_publication_date_only_stated_years_resolve():
    assert one("Talks were held on Tuesday.", None).date is None
    assert one("Talks were held on February 24.", None).date is None
    assert one("The decree is dated June 7, 2022.", None).date == "2022-06-07"


def test_offsets():
    doc = "Intro.\nThe office said on Monday that shelling continued over the weekend."
    start = doc.index("The office")
    for d in extract_dates(doc[start:], start, PUB):
        assert doc[d.start:d.end] == d.text


def test_invalid_day_is_reported_without_date():
    d = one("The deadline was February 30, 2022.")
    assert d.date is None


@pytest.mark.parametrize("text, expected", [
    ("published: 2022-06-14\n\nThe UN said...", dt.date(2022, 6, 14)),
    ("Title\nDate: June 14, 2022\n\nBody", dt.date(2022, 6, 14)),
    ("KYIV, 14 June 2022 (Agency) - Officials said...", dt.date(2022, 6, 14)),
    ("Officials said on Tuesday that talks would resume.", None),
    ("", None),
])
def test_find_document_date(text, expected):
    assert find_document_date(text) == expected


_PIECES = st.sampled_from([
    " ", ",", ".", "-", "on", "since", "in", "over", "as of", "from", "to", "last", "this", "next",
    "the", "week", "weekend", "past", "24", "31", "2022", "2022-06-07", "June", "May", "may", "Feb.",
    "Tuesday", "yesterday", "start of the war", "İ", "1990s", "hours", "recent days",
])


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=200), st.lists(_PIECES, max_size=25).map(" ".join)),
       st.integers(min_value=0, max_value=5_000),
       st.one_of(st.none(), st.dates()))
def test_never_raises_and_offsets_slice(text, offset, published):
    doc = "x" * offset + text
    last_end = offset
    for d in extract_dates(text, offset, published):
        assert doc[d.start:d.end] == d.text
        assert d.start >= last_end
        last_end = d.end
        if d.date is not None:
            dt.date.fromisoformat(d.date)
    find_document_date(text)
