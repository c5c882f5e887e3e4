"""The fast record constructors give what validated construction gives, and behave like it after."""

from __future__ import annotations

import pickle
import sys

import pytest

from claims.models import Claim, Hedge, Mode, Quantity, Source, _shared_keys_dict, trusted_builder

QUANTITY = dict(value=9394.0, text="9,394", start=3, end=8, low=9394.0, high=None, qualifier="at least",
                unit=None, counts="casualties", measure="civilians.casualties", approximate=False, scope=None,
                place=None, period="cumulative", period_start=None, period_end="2022-06-30",
                period_text="since February 24", source="un-ohchr")


def test_fast_records_equal_validated_ones_and_stay_equal_when_changed():
    make = trusted_builder(Quantity, dict(QUANTITY))
    fast, checked = make(dict(QUANTITY, value=5.0, text="5")), Quantity(**dict(QUANTITY, value=5.0, text="5"))
    assert fast == checked and fast.model_dump_json() == checked.model_dump_json()
    assert list(fast.__dict__) == list(Quantity.model_fields)
    for q in (fast, checked):
        q.measure = "killed"            # validated assignment path
    copied = fast.model_copy(update={"value": 7.0})
    assert fast == checked and copied.value == 7.0 and fast.value == 5.0
    assert pickle.loads(pickle.dumps(fast)) == checked
    other = make(dict(QUANTITY))
    assert other.value == 9394.0 and fast.value == 5.0   # no values shared between records


def test_records_with_left_out_fields_take_defaults():
    make = trusted_builder(Hedge, {"cue": "likely", "start": 0, "end": 6, "kind": "estimative"})
    h = make({"cue": "may", "start": 1, "end": 4, "kind": "modal"})
    assert h == Hedge(cue="may", start=1, end=4, kind="modal")
    assert h.model_fields_set == {"cue", "start", "end", "kind"}


def test_a_builder_whose_sample_does_not_validate_identically_validates():
    make = trusted_builder(Source, {"id": "x", "name": "X", "mention": "X", "mode": "indirect"})
    # a string where the record holds an enum: the fast path would differ, so it is not used
    assert make({"id": "y", "name": "Y", "mention": "Y", "mode": "continued"}).mode is Mode.continued


@pytest.mark.skipif(sys.implementation.name != "cpython", reason="CPython's key-sharing dicts")
def test_large_records_keep_their_values_in_key_sharing_dicts():
    shared = _shared_keys_dict(Quantity, QUANTITY)
    if shared is None:
        pytest.skip("this CPython gives key-sharing dicts no advantage")
    make = trusted_builder(Quantity, dict(QUANTITY))
    assert sys.getsizeof(make(dict(QUANTITY)).__dict__) < sys.getsizeof(dict(QUANTITY))
    claim = trusted_builder(Claim, {"id": "c", "text": "t", "start": 0, "end": 1, "line": 1, "paragraph": 0,
                                    "block": "paragraph", "link": None, "source": None, "quantities": [],
                                    "hedges": [], "dates": [], "flags": [], "status": None})
    assert claim({"id": "c", "text": "t", "start": 0, "end": 1, "line": 1, "paragraph": 0, "block": "paragraph",
                  "link": None, "source": None, "quantities": [], "hedges": [], "dates": [], "flags": [],
                  "status": None}) == Claim(id="c", text="t", start=0, end=1, line=1, paragraph=0)
