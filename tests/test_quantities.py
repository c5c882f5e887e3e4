"""Quantities in news sentences: values, bounds, units, what is counted, offsets.

Every sentence here is written for these tests (UN-style casualty figures, a
ministry's update, a prosecutor's statement); no corpus text is used.
"""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claims.extract.numbers import parse_number_words, split_number_words, tokens
from claims.extract.quantities import extract_quantities


def q_by_text(sentence: str) -> dict:
    return {q.text: q for q in extract_quantities(sentence)}


def values(sentence: str) -> list[float]:
    return [q.value for q in extract_quantities(sentence)]


# --------------------------------------------------------------------------- casualty figures

UN = ("The UN monitoring mission said it had verified 8,106 civilian casualties in the region "
      "since the offensive began, including 3,012 people killed and 5,094 injured.")


def test_un_casualty_sentence_values_and_measures():
    qs = extract_quantities(UN)
    assert [q.value for q in qs] == [8106, 3012, 5094]
    total, killed, injured = qs
    assert total.counts == "civilian casualties" and total.measure == "civilians.casualties"
    assert killed.counts == "people" and killed.measure == "killed"
    assert injured.counts == "injured" and injured.measure == "injured"
    assert killed.value + injured.value == total.value
    for q in qs:
        assert q.low == q.high == q.value and not q.approximate and q.qualifier is None and q.unit is None


def test_number_as_subject_of_participle():
    qs = extract_quantities("Of those, 1,845 had been killed while 2,310 had been wounded, the mission said.")
    assert [(q.value, q.counts, q.measure) for q in qs] == [(1845, "killed", "killed"), (2310, "wounded", "injured")]


def test_children_among_those_killed():
    (q,) = extract_quantities("At least 211 children were among those killed, the agency added.")
    assert (q.value, q.low, q.high, q.qualifier) == (211, 211, None, "at least")
    assert q.counts == "children" and q.measure == "children.killed"


def test_prosecutor_statement():
    s = ("The regional prosecutor said on Friday that at least 97 children had been killed, more than "
         "140 children had been injured and investigators had opened over 9,500 war crimes cases.")
    qs = extract_quantities(s)
    assert [(q.value, q.measure, q.qualifier) for q in qs] == [
        (97, "children.killed", "at least"), (140, "children.injured", "more than"), (9500, "cases", "over")]
    assert qs[2].counts == "war crimes cases"
    assert all(q.low == q.value and q.high is None for q in qs)


def test_soldiers_killed_every_day_with_upper_bound():
    (q,) = extract_quantities("The president said up to 60 Ukrainian soldiers were being killed every day.")
    assert (q.value, q.low, q.high, q.qualifier) == (60, None, 60, "up to")
    assert q.counts == "Ukrainian soldiers" and q.measure == "soldiers.killed"


def test_active_verb_before_number_and_synonyms():
    qs = extract_quantities("Overnight shelling killed 14 civilians and wounded 30 others, while 6 troops died.")
    assert [(q.value, q.measure) for q in qs] == [(14, "civilians.killed"), (30, "injured"), (6, "soldiers.killed")]
    (q,) = extract_quantities("The death toll from the strike has risen to 45.")
    assert q.measure == "killed"
    qs = extract_quantities("The blast left 20 dead and 50 wounded.")
    assert [(q.counts, q.measure) for q in qs] == [("dead", "killed"), ("wounded", "injured")]


def test_coordinated_numbers_share_what_is_counted():
    qs = extract_quantities("Medics treated 45 and 50 patients on two consecutive nights.")
    assert [(q.value, q.measure) for q in qs][:2] == [(45, "patients"), (50, "patients")]


def test_displaced_and_refugees():
    qs = extract_quantities("Some 7.1 million displaced people remain inside the country and 4.8 million refugees have left.")
    assert [q.measure for q in qs] == ["displaced", "refugees"]
    assert qs[0].approximate and qs[0].qualifier == "some"


# --------------------------------------------------------------------------- number forms

@pytest.mark.parametrize("sentence, value, text", [
    ("Officials counted 9,394 homes.", 9394, "9,394"),
    ("Officials counted 10,046 homes.", 10046, "10,046"),
    ("Inflation reached 4.2 in May.", 4.2, "4.2"),
    ("Three ambulances arrived.", 3, "Three"),
    ("The convoy had twenty-one trucks.", 21, "twenty-one"),
    ("Rescuers found a dozen survivors.", 12, "a dozen"),
    ("The city has one hundred and forty two shelters.", 142, "one hundred and forty two"),
    ("About 4.2 million people fled.", 4.2e6, "4.2 million"),
    ("The fund raised $3bn last year.", 3e9, "$3bn"),
    ("The bank lent 1.5 billion euros.", 1.5e9, "1.5 billion euros"),
    ("Exports fell to £450m.", 450e6, "£450m"),
    ("The grant was USD 20 million.", 20e6, "USD 20 million"),
    ("A fee of $50k was paid.", 50e3, "$50k"),
    ("Turnout was 12% in the north.", 12, "12%"),
    ("Turnout was 12 percent in the north.", 12, "12 percent"),
    ("Turnout was 12 per cent in the north.", 12, "12 per cent"),
    ("The aid package was worth €1.2 billion.", 1.2e9, "€1.2 billion"),
    ("Half a million people lost power.", 5e5, "Half a million"),
    ("Two and a half million people lost power.", 2.5e6, "Two and a half million"),
    ("The company offered two mln shares.", 2e6, "two mln"),              # wire copy's abbreviated scales
    ("The bank lent 276 mln stg to the houses.", 276e6, "276 mln stg"),
])
def test_number_forms(sentence, value, text):
    qs = extract_quantities(sentence)
    assert len(qs) == 1, qs
    assert qs[0].text == text
    assert math.isclose(qs[0].value, value)


@pytest.mark.parametrize("sentence, unit", [
    ("The fund raised $3bn.", "USD"), ("It cost €40.", "EUR"), ("It cost £40.", "GBP"),
    ("It cost 40 dollars.", "USD"), ("It cost 40 euros.", "EUR"), ("It fell 5%.", "percent"),
    ("The front is 1,000 km long.", "km"), ("They shipped 20,000 tonnes.", "tonnes"),
    ("It rose 2 percentage points.", "pp"),
    ("It lent 4.3 billion U.S. dollars.", "USD"), ("Assets rose to 6.2 billion U.S. Dlrs.", "USD"),
    ("It paid 40 US dollars.", "USD"), ("It ran a 4.3 billion dlr surplus.", "USD"),
    ("Profit was 276 mln stg.", "GBP"), ("Sales were 12 mln riyals.", "SAR"), ("It cost 40 Swiss Francs.", "CHF"),
])
def test_units(sentence, unit):
    (q,) = extract_quantities(sentence)
    assert q.unit == unit


def test_vague_plurals_are_approximate_ranges():
    q = q_by_text("Dozens of homes were hit and thousands of people fled.")
    assert q["Dozens"].approximate and q["Dozens"].low == 24 and q["Dozens"].counts == "homes"
    assert (q["thousands"].low, q["thousands"].high) == (2000, 9999) and q["thousands"].approximate
    q = q_by_text("Hundreds of volunteers and tens of thousands of refugees arrived.")
    assert (q["Hundreds"].low, q["Hundreds"].high) == (200, 999)
    assert (q["tens of thousands"].low, q["tens of thousands"].high) == (20_000, 99_999)
    assert q["tens of thousands"].measure == "refugees"


def test_fractions():
    q = q_by_text("A third of the villages and two-thirds of the farms were flooded.")
    assert math.isclose(q["A third"].value, 1 / 3) and math.isclose(q["two-thirds"].value, 2 / 3)
    assert q["two-thirds"].counts == "farms"


# --------------------------------------------------------------------------- not quantities

@pytest.mark.parametrize("sentence", [
    "He took a phone call from an adviser.",
    "It was one of the largest attacks.",
    "No one was hurt.",
    "It was the first, second and third such strike.",
    "The law was passed in 2022.",
    "The embassy was built in 1979.",
    "The offensive began on February 24.",
    "They met on 24 February and again on March 10.",
    "The report is dated June 7, 2022.",
    "The meeting starts at 10:30 and ends at 2pm.",
    "COVID-19 vaccines, F-16 jets, the G7 summit, flight MH17, Su-25 and B-52 bombers.",
    "A 45-year-old man was detained.",
    "Article 5 of the treaty was invoked.",
    "Prices in the 1990s were lower.",
    "It was the twenty-first attempt.",
])
def test_not_quantities(sentence):
    assert extract_quantities(sentence) == []


def test_one_counts_only_when_it_counts_something():
    qs = extract_quantities("One soldier was killed and one of the medics was hurt.")
    assert [(q.value, q.measure) for q in qs] == [(1, "soldiers.killed")]


def test_year_followed_by_a_count_noun_is_a_count():
    assert values("The alliance sent 2000 troops.") == [2000]
    assert values("The alliance sent troops in 2000.") == []


# --------------------------------------------------------------------------- bounds

@pytest.mark.parametrize("phrase", ["at least", "more than", "over", "above", "in excess of"])
def test_lower_bounds(phrase):
    (q,) = extract_quantities(f"Officials said {phrase} 300 people were evacuated.")
    assert (q.value, q.low, q.high, q.qualifier) == (300, 300, None, phrase)
    assert not q.approximate


@pytest.mark.parametrize("phrase", ["up to", "as many as", "at most", "no more than"])
def test_upper_bounds(phrase):
    (q,) = extract_quantities(f"Officials said {phrase} 300 people were evacuated.")
    assert (q.low, q.high, q.qualifier) == (None, 300, phrase)


@pytest.mark.parametrize("phrase", ["fewer than", "less than", "under"])
def test_below(phrase):
    (q,) = extract_quantities(f"Officials said {phrase} 300 people were evacuated.")
    assert q.low is None and q.high == 300


@pytest.mark.parametrize("phrase", ["nearly", "almost"])
def test_nearly(phrase):
    (q,) = extract_quantities(f"Officials said {phrase} 300 people were evacuated.")
    assert (q.low, q.high, q.approximate) == (270, 300, True)


@pytest.mark.parametrize("phrase", ["about", "around", "approximately", "roughly", "some", "an estimated"])
def test_approximate(phrase):
    (q,) = extract_quantities(f"Officials said {phrase} 4,253 people were evacuated.")
    assert q.approximate and q.qualifier == phrase
    assert q.low < 4253 < q.high
    assert math.isclose(q.high - 4253, 0.05 * 4253)  # at least 5% either side


def test_approximate_round_number_uses_last_significant_digit():
    (q,) = extract_quantities("About 4,000 people were evacuated.")
    assert (q.low, q.high) == (3500, 4500)


def test_rounding_of_stated_digits():
    (q,) = extract_quantities("The agency counted 4.2 million people.")
    assert (q.low, q.high, q.approximate) == pytest.approx((4.15e6, 4.25e6, False))
    (q,) = extract_quantities("The agency counted 4,253 people.")
    assert q.low == q.high == 4253
    (q,) = extract_quantities("Support fell to 12% in May.")
    assert (q.low, q.high) == (11.5, 12.5)


def test_post_qualifiers():
    q = q_by_text("Officials said 100 or more homes burned and 50+ people and 20-odd villages were hit.")
    assert (q["100"].low, q["100"].high, q["100"].counts) == (100, None, "homes")
    assert q["50+"].low == 50 and q["20-odd"].approximate


def test_ranges():
    (q,) = extract_quantities("Between 20 and 30 civilians were killed.")
    assert (q.value, q.low, q.high, q.qualifier, q.measure) == (25, 20, 30, "between", "civilians.killed")
    (q,) = extract_quantities("Officials expect 10-15 more convoys.")
    assert (q.low, q.high, q.text) == (10, 15, "10-15")
    (q,) = extract_quantities("Two or three soldiers were wounded.")
    assert (q.low, q.high, q.measure) == (2, 3, "soldiers.injured")
    (q,) = extract_quantities("The plan covers 3-4 million tonnes of grain.")
    assert q.low <= 3e6 and q.high >= 4e6 and q.unit == "tonnes"


def test_change_from_to_is_two_quantities():
    qs = extract_quantities("Inflation rose from 5% to 7% in a year.")
    assert [q.value for q in qs] == [5, 7]


# --------------------------------------------------------------------------- offsets and order

def test_offsets_slice_the_document():
    doc = "Header line.\n" + UN + " Later, 12 more were found."
    start = doc.index("The UN")
    sentence = doc[start:start + len(UN)]
    for q in extract_quantities(sentence, offset=start):
        assert doc[q.start:q.end] == q.text


def test_text_order_without_overlaps():
    s = "Between 20 and 30 people, about 4.2 million euros, 12% and three trucks, plus 1,000 km."
    qs = extract_quantities(s)
    assert [q.start for q in qs] == sorted(q.start for q in qs)
    assert all(a.end <= b.start for a, b in zip(qs, qs[1:]))


# --------------------------------------------------------------------------- number words

@pytest.mark.parametrize("phrase, value", [
    ("eleven", 11), ("one hundred and forty two", 142), ("two thousand and nineteen", 2019),
    ("twenty-one", 21), ("a hundred and two", 102), ("two million three thousand and nineteen", 2003019),
    ("nineteen billion and nineteen", 19_000_000_019), ("hundred", 100), ("two and a half", 2.5),
    ("32", 32), ("twenty 1", None), ("", None), ("nothing here", None),
])
def test_parse_number_words(phrase, value):
    assert parse_number_words(phrase) == value


def test_split_number_words():
    assert [v for v, _, _ in split_number_words(tokens("one two three twenty five"))] == [1, 2, 3, 25]
    assert [v for v, _, _ in split_number_words(tokens("two thousand thousand"))] == [2000, 1000]
    assert [v for v, _, _ in split_number_words(tokens("two thousand million"))] == [2_000_000_000]


# --------------------------------------------------------------------------- properties

_PIECES = st.sampled_from([
    " ", "  ", ",", ".", "-", "–", "$", "€", "£", "%", "(", ")", ":", "/", "+", "~", "±", "½", "İ",
    "9,394", "4.2", "9" * 45, "1e999", "1979", "2022", "10:30", "24", "0", "007", "3bn", "5m", "12k", "1e5",
    "at least", "more than", "up to", "about", "nearly", "between", "and", "or", "to", "from",
    "one", "twenty-one", "a dozen", "dozens of", "hundreds", "thousands", "half", "a third of",
    "million", "billion", "percent", "per cent", "km", "people", "children", "killed", "injured",
    "had been", "were", "February", "May", "COVID-19", "F-16", "year-old", "civilian casualties",
])


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=200), st.lists(_PIECES, max_size=30).map(" ".join)),
       st.integers(min_value=0, max_value=10_000))
def test_never_raises_and_offsets_slice(text, offset):
    doc = "x" * offset + text
    qs = extract_quantities(text, offset)
    last_end = offset
    for q in qs:
        assert doc[q.start:q.end] == q.text
        assert q.start >= last_end
        last_end = q.end
        assert not math.isnan(q.value)
        if q.low is not None and q.high is not None:
            assert q.low <= q.high


# --------------------------------------------------------------------------- numbers that are not counts

@pytest.mark.parametrize("sentence,expected", [
    ("The strikes were first reported on February 25.[45] Officials said 12 people died.", [12]),
    ("Attacks on February 25 and 26 killed 14 civilians.", [14]),
    ("Strikes on 3 and 4 March damaged 40 homes.", [40]),
    ("Strikes on Feb. 25-26 and March 3 killed 9 people.", [9]),
    ("On March 3, 12 people were killed.", [12]),
    ("See https://t.me/kpszsu/51234 or www.example.org/page/77 for details; 30 drones were launched.", [30]),
    ("Write to press@example.org; 40 people were evacuated.", [40]),
    ("Decree No. 1234 and case ID 4567-AB were published on Friday.", []),
    ("1. Russia launched 120 drones overnight.", [120]),
    ("(2) Russia launched 90 drones overnight.", [90]),
    ("Call +380 44 123 4567 or 0800 500 225 for help.", []),
    ("The sirens sounded at 0740 and 240 people sheltered.", [240]),
    ("Of that number 410 had been killed.", [410]),
    ("Over 2024-2025, the fund spent 30 million.", [30e6]),
    ("See paragraph 4(b), Annex 2 and version 2.0 of the plan.", []),
])
def test_non_counts_are_left_out(sentence, expected):
    assert values(sentence) == expected


@pytest.mark.parametrize("sentence,unit", [
    ("The convoy delivered 500 pounds of flour.", "lb"),
    ("A 2,000-pound bomb hit the building.", "lb"),
    ("The parcel weighed 12 pounds.", "lb"),
    ("The charity raised 5,000 pounds for the families.", "GBP"),
    ("The government pledged 20 million pounds in aid.", "GBP"),
    ("The fine was 300 pounds.", "GBP"),
    ("It cost £40.", "GBP"),
])
def test_pounds_of_weight_and_of_money(sentence, unit):
    [q] = extract_quantities(sentence)
    assert q.unit == unit


@pytest.mark.parametrize("space", ["\u00a0", "\u202f", "\u2009", "\u2007", "\u2002", "\u3000"])
def test_qualifiers_survive_any_unicode_space(space):
    text = f"At{space}least{space}200 people were killed and around{space}30 injured."
    qs = extract_quantities(text)
    assert [(q.value, q.qualifier, q.low) for q in qs] == [(200, "at least", 200), (30, "around", q_low(qs[1]))]
    for q in qs:
        assert text[q.start:q.end] == q.text


def q_low(q):
    return q.low


def test_thin_space_groups_digits():
    [q] = extract_quantities("Some 1\u202f280\u202f000 soldiers")
    assert q.value == 1_280_000 and q.qualifier == "some"


# --------------------------------------------------------------------------- military measures

@pytest.mark.parametrize("sentence,measures", [
    ("Of the 90 drones launched overnight, 71 were shot down and 16 were locally lost.",
     ["drones.launched", "drones.shot_down", "drones.suppressed"]),
    ("Russia attacked with 4 ballistic missiles and 145 attack drones.", ["ballistic_missiles.launched", "drones.launched"]),
    ("Air defence shot down 95 drones over 10 regions.", ["drones.shot_down", "regions"]),
    ("Russia lost 1,130 personnel over the past day.", ["personnel.lost"]),
    ("The total combat losses amounted to: personnel — about 1,000,000 (+1,130) persons, tanks — 10,870 (+5).",
     ["personnel.lost", "personnel.lost", "tanks.lost", "tanks.lost"]),
    ("The air force said 120 drones Russia launched overnight were Shaheds.", ["drones.launched"]),
    ("At least 30 civilians were killed, including 5 children.", ["civilians.killed", "children.killed"]),
    ("Since the start of the war, 1,200 children were killed or injured.", ["children.casualties"]),
    ("The strikes killed or wounded 45 people.", ["casualties"]),
    ("Air defence destroyed 52 of the 70 drones.", ["drones.destroyed", "drones"]),
    ("Russia lost 1,250 troops over the past day.", ["personnel.lost"]),
])
def test_military_measures(sentence, measures):
    assert [q.measure for q in extract_quantities(sentence)] == measures


@pytest.mark.parametrize("label,key", [
    ("Tanks", "tanks"), ("Personnel losses", "personnel.lost"), ("Drones shot down", "drones.shot_down"),
    ("Civilians killed", "civilians.killed"), ("Missiles launched", "missiles.launched"),
    ("Armoured combat vehicles", "armoured_vehicles"), ("Children injured", "children.injured"), ("", None),
])
def test_measure_of_a_label(label, key):
    from claims.extract.measures import measure_of
    assert measure_of(label) == key
