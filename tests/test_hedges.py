"""Hedge cues (claims.extract.hedges) and probability scales (claims.scales).

Fixtures are written for these tests in news style; no corpus text is used.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claims.extract.hedges import LEXICON, find_hedges
from claims.models import Mode, Source
from claims.scales import SCALES, canonical_term, probability, scale_for_source


def cues(text: str) -> list[tuple[str, str]]:
    return [(h.cue, h.kind) for h in find_hedges(text)]


def cue_words(text: str) -> list[str]:
    return [h.cue.lower() for h in find_hedges(text)]


# --- the running example ---------------------------------------------------------


def test_mod_update_likely_predicative():
    s = "Russia's main effort is likely to remain the encirclement of the city, the ministry said."
    assert cues(s) == [("likely", "estimative")]


def test_mod_update_almost_certainly():
    s = "Moscow will almost certainly need to commit further reserves to hold the line."
    assert cues(s) == [("almost certainly", "estimative")]


def test_reports_suggest_is_evidential():
    s = "Reports of artillery fire near the river suggest a renewed push is under way."
    assert cues(s) == [("suggest", "evidential")]


def test_un_toll_likely_to_be_higher():
    s = "The UN office said the real toll is likely to be considerably higher than the confirmed figure."
    assert cues(s) == [("likely", "estimative")]


def test_adverbial_likely_before_verb():
    assert cues("The army's wider aim likely remains to cut the supply road.") == [("likely", "estimative")]


# --- cue classes -----------------------------------------------------------------


@pytest.mark.parametrize("sentence, cue", [
    ("The talks will probably resume next week.", "probably"),
    ("The bridge was possibly hit by a drone.", "possibly"),
    ("Perhaps a dozen vehicles were destroyed.", "perhaps"),
    ("The strike was highly likely carried out by a drone.", "highly likely"),
    ("There is a realistic possibility that the airfield will be targeted again.", "realistic possibility"),
    ("There is only a remote chance of a ceasefire this month.", "remote chance"),
    ("The port will in all likelihood stay closed until spring.", "in all likelihood"),
    ("It is possible that the convoy took another road.", "it is possible that"),
    ("We assess that the brigade has lost most of its armour.", "we assess"),
    ("A deal before the summit looks unlikely, diplomats said.", "unlikely"),
    ("The outcome of the vote remains uncertain.", "uncertain"),
])
def test_estimative(sentence, cue):
    assert (cue, "estimative") in [(c.lower(), k) for c, k in cues(sentence)]


@pytest.mark.parametrize("sentence, cue", [
    ("The shortage may last into the summer, the agency said.", "may"),
    ("Fuel prices might rise again in the autumn.", "might"),
    ("The closure could be extended by another month.", "could"),
    ("Officials said the fire could have started in the warehouse.", "could"),
])
def test_modal(sentence, cue):
    assert (cue, "modal") in cues(sentence)


@pytest.mark.parametrize("sentence, cue", [
    ("Satellite images indicate the runway has been repaired.", "indicate"),
    ("The convoy appears to have turned back at the border.", "appears to"),
    ("The pressure on the front seems to be easing.", "seems"),
    ("The new figures point to a slowdown in recruitment.", "point to"),
    ("The garrison had apparently withdrawn overnight.", "apparently"),
])
def test_evidential(sentence, cue):
    assert (cue, "evidential") in cues(sentence)


@pytest.mark.parametrize("sentence, cue", [
    ("The commander was reportedly wounded in the attack.", "reportedly"),
    ("The group allegedly smuggled the parts through a third country.", "allegedly"),
    ("The minister is believed to have left the capital.", "believed to"),
    ("The general is said to have opposed the plan.", "said to"),
    ("The envoy is understood to have met both sides.", "understood to"),
    ("Sources said the offer had been rejected.", "sources said"),
    ("According to unconfirmed reports, the mayor has resigned.", "according to unconfirmed reports"),
    ("The two men were accused of passing secrets to a foreign power.", "accused"),
])
def test_hearsay(sentence, cue):
    assert (cue, "hearsay") in [(c.lower(), k) for c, k in cues(sentence)]


def test_doxastic_passive_and_active():
    assert cues("The plant is widely considered the most vulnerable target.") == [("considered", "hearsay")]
    assert cues("Analysts believe the central bank will hold rates.") == [("believe", "estimative")]


def test_negation_spans_not_likely():
    (h,) = find_hedges("A deal is not likely before the summit, officials said.")
    assert (h.cue, h.kind, h.negated) == ("not likely", "estimative", True)


def test_negation_contraction():
    (h,) = find_hedges("The bridge isn't likely to reopen this year.")
    assert h.cue == "isn't likely" and h.negated


def test_unlikely_is_its_own_cue():
    (h,) = find_hedges("A breakthrough is unlikely this week.")
    assert (h.cue, h.negated) == ("unlikely", False)


def test_no_doubt_is_not_a_hedge_but_doubt_is():
    assert find_hedges("There is no doubt the shelling intensified overnight.") == []
    assert cue_words("Officials expressed doubts about the casualty count.") == ["doubts"]


# --- must not fire ---------------------------------------------------------------


@pytest.mark.parametrize("sentence", [
    "The offensive began in May and stalled in June.",
    "Talks resumed on May 5 after a two-week pause.",
    "Prices have risen every month since May.",
    "Thousands marched on May Day in the capital.",
    "Theresa May met the delegation on Tuesday.",
    "He could not attend the meeting because of the strike.",
    "She couldn't travel after the airport closed.",
    "The party named the likely winner of the primary as its candidate.",
    "Up to 100 people were evacuated from the building.",
    "The aid will be delivered as soon as possible.",
    "Civilians will be moved where possible.",
    "The new pipeline made it possible to export more gas.",
    "If the talks could be revived, the ministry said it would take part.",
    "Unless the river might flood again, the road stays open.",
    "Engineers will decide whether the dam could be repaired.",
    "Could the talks resume next week?",
    "The government would not comment on the report.",
    "Residents can collect water at the station.",
    "The country's military might has been questioned.",
    "The accused denied the charges in court.",
])
def test_not_hedges(sentence):
    assert find_hedges(sentence) == []


def test_modal_in_main_clause_of_conditional_is_kept():
    # only a cue inside the if-clause is suppressed; the consequent's modal is a hedge
    assert cues("If the ceasefire collapses, the convoy could be stranded.") == [("could", "modal")]


def test_sentence_initial_may_modal_vs_month():
    assert cues("May be the last chance for talks, the envoy warned.") == [("May", "modal")]
    assert find_hedges("May was the deadliest month of the year.") == []
    assert find_hedges("May saw a sharp rise in attacks.") == []


def test_possible_attributive_still_a_hedge():
    assert cue_words("Inspectors are examining a possible breach of the sanctions.") == ["possible"]


# --- offsets ---------------------------------------------------------------------


def test_offsets_slice_the_document():
    doc = "Talks are over. Officials said the strike was reportedly planned for weeks and may resume."
    start = doc.index("Officials")
    sentence = doc[start:]
    hedges = find_hedges(sentence, offset=start)
    assert [h.cue for h in hedges] == ["reportedly", "may"]
    for h in hedges:
        assert doc[h.start:h.end] == h.cue
        assert h.low is None and h.high is None and h.scale is None


def test_empty_and_no_cue():
    assert find_hedges("") == []
    assert find_hedges("The bridge reopened on Tuesday.") == []


def test_curly_apostrophe_and_newlines():
    text = "It\u2019s likely that the\nconvoy was\u00a0almost  certainly delayed."
    hedges = find_hedges(text, 7)
    assert [text[h.start - 7:h.end - 7] for h in hedges] == [h.cue for h in hedges]
    assert [h.cue.split()[-1] for h in hedges] == ["that", "certainly"]


# --- scales ----------------------------------------------------------------------


def test_scales_exist():
    assert {"phia", "icd203", "default"} <= set(SCALES)
    assert SCALES["phia"].label == "PHIA yardstick"
    assert SCALES["icd203"].label == "ICD 203"
    assert SCALES["default"].label == "survey default"
    for scale in SCALES.values():
        for low, high in scale.ranges.values():
            assert 0.0 <= low <= high <= 1.0


def test_likely_on_three_scales():
    assert probability("likely", "phia") == (0.55, 0.75)
    assert probability("likely", "icd203") == (0.55, 0.80)
    # survey default: pooled interquartile range of 'likely' in both surveys
    assert probability("likely", "default") == (0.60, 0.75)


@pytest.mark.parametrize("cue, phia, icd", [
    ("almost certainly", (0.95, 1.0), (0.95, 0.99)),
    ("Almost certain", (0.95, 1.0), (0.95, 0.99)),
    ("highly likely", (0.80, 0.90), (0.80, 0.95)),
    ("very likely", (0.80, 0.90), (0.80, 0.95)),
    ("probably", (0.55, 0.75), (0.55, 0.80)),
    ("realistic possibility", (0.40, 0.50), (0.45, 0.55)),
    ("unlikely", (0.25, 0.35), (0.20, 0.45)),
    ("highly unlikely", (0.10, 0.20), (0.05, 0.20)),
    ("remote chance", (0.0, 0.05), (0.01, 0.05)),
    ("roughly even chance", None, (0.45, 0.55)),
])
def test_yardsticks(cue, phia, icd):
    assert probability(cue, "phia") == phia
    assert probability(cue, "icd203") == icd


def test_negation_maps_to_unlikely():
    for scale in SCALES:
        unlikely = probability("unlikely", scale)
        assert probability("not likely", scale, True) == unlikely
        assert probability("isn't likely", scale, True) == unlikely
        assert probability("likely", scale, negated=True) == unlikely
    assert probability("not unlikely", "phia", True) is None


def test_hedge_record_round_trip_to_scale():
    (h,) = find_hedges("An agreement is not likely this year.")
    assert probability(h.cue, "phia", h.negated) == (0.25, 0.35)


def test_modals_and_non_estimative():
    assert probability("may", "phia") is None  # PHIA: modals are not on the yardstick
    assert probability("could", "icd203") is None
    assert probability("may", "default") is not None  # survey: 'might happen'
    for cue in ("suggest", "reportedly", "is believed to", "appears to"):
        for scale in SCALES:
            assert probability(cue, scale) is None


def test_it_is_likely_that_frame():
    assert canonical_term("It is likely that") == ("likely", False)
    assert probability("It is likely that", "phia") == (0.55, 0.75)


def test_unknown_scale_raises():
    with pytest.raises(ValueError):
        probability("likely", "nato")


def test_scale_for_source():
    mod = Source(id="uk-mod", name="UK Ministry of Defence", mention="Britain's Ministry of Defence",
                 mode=Mode.indirect, kind="military", country="GB")
    assert scale_for_source(mod) == "phia"
    gb_gov = Source(id="fcdo", name="Foreign Office", mention="the Foreign Office", mode=Mode.indirect,
                    kind="government", country="GB")
    assert scale_for_source(gb_gov) == "phia"
    odni = Source(id="us-odni", name="ODNI", mention="US intelligence", mode=Mode.according_to,
                  kind="intelligence", country="US")
    assert scale_for_source(odni) == "icd203"
    un = Source(id="un-ohchr", name="UN OHCHR", mention="the UN rights office", mode=Mode.indirect,
                kind="agency", parent="un")
    assert scale_for_source(un) == "default"
    pentagon = Source(id="us-dod", name="Pentagon", mention="the Pentagon", mode=Mode.indirect,
                      kind="military", country="US")
    assert scale_for_source(pentagon) == "default"
    assert scale_for_source(None) == "default"


# --- robustness ------------------------------------------------------------------

_WORDS = sorted(LEXICON) + ["May", "MAY", "not", "n't", "if", "whether", "the", "a", "?", ",", ".",
                            "-", "\u2019", "\n", "\u0130", "\u212a", "5", "Theresa", "is", "be"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(_WORDS), st.text(max_size=6)), max_size=30),
       st.integers(min_value=0, max_value=10_000))
def test_never_raises_and_offsets_slice(parts, offset):
    text = " ".join(parts)
    doc = "x" * offset + text
    for h in find_hedges(text, offset):
        assert doc[h.start:h.end] == h.cue
        assert offset <= h.start < h.end <= offset + len(text)
        assert h.kind in ("estimative", "modal", "evidential", "hearsay")


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_never_raises_on_any_text(text):
    for h in find_hedges(text):
        assert text[h.start:h.end] == h.cue
