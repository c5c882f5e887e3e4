"""The ``arithmetic`` checker on invented reports: relations within a sentence and the one before it,
between figures of the same measure; what must and must not be flagged."""

from __future__ import annotations

import pytest

from claims.pipeline import Pipeline


@pytest.fixture(scope="module")
def pipeline():
    return Pipeline()


def arithmetic(pipeline, text, published="2026-03-10"):
    doc = pipeline.check_text(text, published=published)
    assert not doc.errors
    return doc, [f for c in doc.claims for f in c.flags if f.checker == "arithmetic"]


def test_outcomes_that_exceed_the_launched_are_an_error_naming_the_numbers(pipeline):
    doc, [flag] = arithmetic(pipeline, "Of the 90 drones launched overnight, 71 were shot down and 26 were locally "
                                       "lost, the air force said.")
    assert flag.code == "parts-mismatch" and flag.severity.value == "error"
    assert "71 shot down + 26 suppressed = 97 drones" in flag.message and "90 launched" in flag.message
    readings = flag.data["figures"]
    assert [r["measure"] for r in readings] == ["drones.launched", "drones.shot_down", "drones.suppressed"]
    assert {r["period"] for r in readings} == {"night"}


def test_outcomes_in_the_next_sentence_count_too(pipeline):
    _doc, [flag] = arithmetic(pipeline, "Russia launched 70 drones and 5 missiles overnight, the air force said. "
                                        "Air defence destroyed 52 drones, while 21 drones hit targets.")
    assert flag.code == "parts-mismatch" and "52 destroyed + 21 hit = 73" in flag.message


# Patterns of business and wire news that once raised false errors: figures compared over time or with
# each other, lists that are not breakdowns, figures that count nothing (years, prices, rates, compounds).
BUSINESS_NEWS = [
    # earlier values and averages, not parts: "rose A to B, averaging C", "making A compared with B"
    "Overall, deposits rose 2.4 billion marks to 31.5 billion at the end of the quarter, averaging 30.2 billion "
    "in the whole quarter.",
    "The combined fourth quarter profit was 276 mln, level with a year earlier, making 1.14 billion compared with "
    "953 mln for the full year.",
    "The regulator said a total of 5,200 tonnes were traded in May, valued at 61 mln, versus 5,900 and 66 mln in April.",
    # a total whose figures are siblings of it, not its parts
    "Of the 3,410 wells drilled this year, a total of 1,502 were oil wells, 903 were gas wells and 1,005 were dry.",
    # "including" lists some of the parts: at most the total
    "The strike has idled a total of 140 ships, including 45 in the main port and about 40 more in the capital.",
    # figures inside compounds, years and prices are no parts
    "A total of 301 members of the 450-member chamber voted for the motion, with 120 against.",
    "A total of 2.1 billion is offered each week in 30, 60 and 90-day bills to the banks.",
    "Overall prices fell, with the 7-1/4 pct issue of 2031 at 98-3/8 5/8 and the 6-1/2 pct of 2029 at 97-1/8 1/4.",
    # interest rates, basis points, and a share of a figure that is not its whole
    "The agency had forecast a shortage of around 700 lots. It bought 41 lots in band one at 10-7/8 pct 361 lots "
    "in band two at 10-13/16 pct and 54 lots in band three.",
    "There will be a fee of 10 basis points and a charge of five basis points for up to 33 pct, 7.5 basis points "
    "for between 34 and 66 pct.",
    "The group bought 960,000 shares last year. It later cut its stake to 2.5 pct, or 401,000 shares.",
    "The company took 35 pct, or 80 units, of its supply from the pipeline and bought 140 units on the spot market.",
    # a net balance is no sum of its parts
    "The country ran a 3.1 billion trade surplus, including a record 6.4 billion surplus with one partner and a "
    "2.9 billion deficit with another.",
    # "halved" relates the figures after "to" and "from", and is loose speech
    "Partial profits halved to 166 mln marks in 2026 from 311 mln in 2025, with the balance sheet falling to "
    "48.80 billion marks from 49.02 billion.",
]


@pytest.mark.parametrize("text", [
    # a sub-count over one region is part of the shot down, not another outcome
    "Russia launched 60 drones overnight. Air defence shot down 48 drones, including 20 over the Kyiv region.",
    # drones and missiles are different things
    "Russia launched 64 drones and 6 missiles overnight. Air defence shot down 51 drones and 6 missiles.",
    # numbers of different measures in one paragraph
    "The EU approved a package of sanctions covering 116 individuals. It bans 25 vessels, the EU said. "
    "Ukraine received 18 tanks in May, and 12 of them are already at the front.",
    # the parts come in another paragraph: not related
    "The office recorded 1,200 civilian casualties since January 1.\n\nOf those, 900 had been killed and 500 injured "
    "in another region last year.",
    # footnote markers and days of the month are no figures to add up
    "The mission recorded 204 civilian casualties in February, most on February 25 and 26.[13] Of those, 60 people "
    "were killed and 144 injured.",
    *BUSINESS_NEWS,
])
def test_no_flag(pipeline, text):
    _doc, flags = arithmetic(pipeline, text)
    assert flags == [], [f.message for f in flags]


@pytest.mark.parametrize("text, sum_", [
    # parts of the previous sentence's total
    ("The UN said it had recorded 1,212 civilian casualties since January 1. Of that number 410 had been killed "
     "while 812 had been injured.", "410 killed + 812 injured = 1,222"),
    # a breakdown of troops sent (people are not "launched")
    ("A total of 2000 soldiers were deployed: 1200 soldiers in the north and 900 soldiers in the south.",
     "= 2,100, but the stated total is 2000"),
])
def test_parts_that_do_not_make_their_total(pipeline, text, sum_):
    _doc, [flag] = arithmetic(pipeline, text)
    assert flag.code == "sum-mismatch" and sum_ in flag.message


def test_a_total_and_its_places(pipeline):
    _doc, [flag] = arithmetic(pipeline, "A total of 46 people were killed in strikes on three cities: 20 in Kharkiv, "
                                        "15 in Odesa and 9 in Dnipro, officials said.")
    assert flag.code == "sum-mismatch" and "46" in flag.message and "44" in flag.message
    doc, flags = arithmetic(pipeline, "A total of 31 people were injured in three cities: 12 in Kharkiv, 11 in Odesa "
                                      "and 8 in Dnipro.")
    assert flags == [] and doc.summary.relations["consistent"] == 1


def test_a_share_given_with_its_count(pipeline):
    doc, flags = arithmetic(pipeline, "Air defence shot down 85%, or 102, of the 120 drones launched overnight.")
    assert flags == [] and doc.summary.relations == {"found": 1, "checked": 1, "consistent": 1}
    _doc, [flag] = arithmetic(pipeline, "Air defence shot down 90%, or 85, of the 120 drones launched overnight.")
    assert flag.code == "percent-mismatch" and "85 is not 90% of 120" in flag.message


def test_relations_that_hold_are_reported(pipeline):
    doc, flags = arithmetic(pipeline, "Russia launched 60 drones overnight. Of them, 45 were shot down and 10 were "
                                      "locally lost.")
    assert flags == []
    held = doc.summary.relations_held
    assert [h["relation"] for h in held] == ["parts"]
    assert "45" in held[0]["message"] and "10" in held[0]["message"] and "60" in held[0]["message"]


def test_including_a_population(pipeline):
    doc, flags = arithmetic(pipeline, "30 civilians were killed, including 45 children, the UN said.")
    [flag] = flags
    assert flag.code == "subset-mismatch" and "45 children" in flag.message


def test_n_of_m(pipeline):
    doc, flags = arithmetic(pipeline, "Ukraine shot down 30 of 35 missiles, the air force said.")
    assert flags == [] and doc.summary.relations["consistent"] == 1
    _doc, [flag] = arithmetic(pipeline, "Air defence destroyed 72 of the 70 drones, the air force said.")
    assert flag.code == "subset-mismatch" and "72" in flag.message and "70 drones" in flag.message


def test_figures_of_other_periods_are_not_related(pipeline):
    _doc, flags = arithmetic(pipeline, "Russia launched 70 drones overnight, the air force said. Over the past week, "
                                       "air defence shot down 480 drones.")
    assert flags == []
    _doc, [flag] = arithmetic(pipeline, "Russia launched 70 drones overnight, the air force said. Air defence shot "
                                        "down 80 drones.")
    assert flag.message == "80 drones shot down is more than the whole it belongs to: 70 drones launched"



def test_a_breakdown_after_a_dash_adds_up_or_is_an_error():
    pipeline = Pipeline()
    doc, flags = arithmetic(pipeline, "A total of 7,150 wells were drilled last year - 3,680 oil wells, 1,300 gas "
                                      "wells and 2,170 dry wells.")
    assert flags == [] and doc.summary.relations["consistent"] == 1
    _doc, [flag] = arithmetic(pipeline, "A total of 7,150 wells were drilled last year - 3,680 oil wells, 1,300 gas "
                                        "wells and 2,770 dry wells.")
    assert flag.code == "sum-mismatch" and "7,750" in flag.message and "7,150" in flag.message


def test_parts_listed_after_including_cannot_exceed_the_total(pipeline):
    _doc, [flag] = arithmetic(pipeline, "A total of 40 ships are idle, including 30 in the main port and 20 in "
                                        "the capital, the union said.")
    assert flag.code == "parts-mismatch"
    assert flag.message == "30 ships + 20 = 50, more than the 40 ships they are part of (expected at most 40)"


def test_a_multiple_relates_the_figures_after_from_and_to(pipeline):
    _doc, [flag] = arithmetic(pipeline, "Daily flights halved to 300 flights in May from 900 flights in April, with "
                                        "bookings falling to 4,000 bookings from 4,100.")
    assert flag.code == "multiple-mismatch" and "300" in flag.message and "900" in flag.message
