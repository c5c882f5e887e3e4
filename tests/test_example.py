"""End to end on the project's example bulletin (and on the DW bulletin when ../shared is present)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from claims.models import Mode

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "bulletin.txt"
DW = ROOT.parent / "shared" / "examples" / "dw-ukraine-bulletin.txt"


@pytest.fixture(scope="module")
def doc(pipeline):
    return pipeline.check_file(EXAMPLE)


def test_every_claim_has_the_right_source(doc):
    got = [(c.source.id if c.source else None, c.source.mode.value if c.source else None) for c in doc.claims]
    assert got == [
        ("un-ohchr", "indirect"), ("un-ohchr", "indirect"), ("un-ohchr", "according_to"), ("un-ohchr", "indirect"),
        ("mevlut-cavusoglu", "indirect"), (None, None), ("vladimir-putin", "indirect"),
        (None, None), ("olaf-scholz", "direct_quote"), ("olaf-scholz", "continued"), ("olaf-scholz", "indirect"),
        ("uk-mod", "indirect"), ("uk-mod", "indirect"), ("uk-mod", "direct_quote"),
    ]


def test_offsets_slice_back_and_lines(doc):
    text = EXAMPLE.read_text("utf-8")
    for c in doc.claims:
        assert text[c.start:c.end] == c.text
        assert text.count("\n", 0, c.start) + 1 == c.line
        if c.source and c.source.mention_start is not None:
            assert text[c.source.mention_start:c.source.mention_end] == c.source.mention


def test_front_matter_and_footer_are_skipped_with_reasons(doc):
    reasons = [(s.text, s.reason) for s in doc.skipped]
    assert ("Follow us on social media:", "navigation") in reasons
    assert ("#Ukraine #Russia #NATO", "hashtags") in reasons
    assert [r for _, r in reasons].count("front-matter") == 3
    assert doc.published == "2022-07-05" and doc.publisher == "Example Desk"


def test_hedges_on_ministry_claims_read_on_the_phia_yardstick(doc):
    mod = [h for c in doc.claims if c.source and c.source.id == "uk-mod" for h in c.hedges]
    ranges = {h.cue: (h.low, h.high, h.scale) for h in mod}
    assert ranges["almost certainly"] == (0.95, 1.0, "phia")
    assert ranges["highly likely"] == (0.80, 0.90, "phia")
    assert "suggest" in ranges


def test_arithmetic_relations_are_consistent(doc):
    assert doc.summary.relations == {"found": 2, "checked": 2, "consistent": 2}
    assert not [f for c in doc.claims for f in c.flags if f.checker == "arithmetic"]


@pytest.mark.skipif(not DW.exists(), reason="the DW example bulletin (../shared/examples) is not on this machine")
def test_dw_bulletin(pipeline):
    doc = pipeline.check_file(DW, published="2022-06-07")
    sources = [c.source.id if c.source else None for c in doc.claims]
    assert sources == [
        "un-ohchr", "un-ohchr", "un-ohchr", "un-ohchr", None,
        None, None, None, None, "vladimir-putin",
        None, "leaders", "olaf-scholz", "olaf-scholz", None, None, None,
        "uk-mod", "uk-mod", "uk-mod", "uk-mod", "uk-mod",
    ]
    assert doc.claims[-1].source.mode == Mode.continued
    assert [s.reason for s in doc.skipped] == ["navigation", "navigation", "foreign-language", "hashtags"]
    hedges = [(f.data["cue"], f.data["scale"]) for c in doc.claims for f in c.flags if f.checker == "hedge"]
    assert hedges == [("likely", "default"), ("likely", "phia"), ("suggest", None), ("almost certainly", "phia")]
    assert doc.summary.relations["consistent"] == doc.summary.relations["found"] >= 2
    assert not [f for c in doc.claims for f in c.flags if f.severity.value == "error"]


@pytest.mark.skipif(not DW.exists(), reason="the DW example bulletin (../shared/examples) is not on this machine")
def test_dw_bulletin_with_a_wrong_figure_fails(claims_cli, tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_text(DW.read_text("utf-8").replace("4,253", "4,352"), "utf-8")
    ok = claims_cli("check", "--no-store", "--format", "json", str(DW))
    assert ok.exit_code == 0, ok.output
    res = claims_cli("check", "--no-store", "--format", "json", str(bad))
    assert res.exit_code == 1
    flags = [f for c in json.loads(res.stdout)["documents"][0]["claims"] for f in c["flags"]]
    assert [f["code"] for f in flags if f["checker"] == "arithmetic"] == ["sum-mismatch"]


def test_a_wrong_figure_is_an_arithmetic_error_and_exit_1(claims_cli, tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_text(EXAMPLE.read_text("utf-8").replace("4,889", "4,988"), "utf-8")
    res = claims_cli("check", "--no-store", "--format", "json", str(bad))
    assert res.exit_code == 1
    doc = json.loads(res.stdout)["documents"][0]
    [flag] = [f for c in doc["claims"] for f in c["flags"] if f["checker"] == "arithmetic"]
    assert flag["code"] == "sum-mismatch" and flag["severity"] == "error"
    assert "4,988" in flag["message"] and "11,152" in flag["message"] and "11,251" in flag["message"]
    assert doc["summary"]["relations"] == {"found": 2, "checked": 2, "consistent": 1}


def test_month_may_is_not_a_hedge(pipeline):
    doc = pipeline.check_text("The ministry added that Russia made gains on the southern axis in May, "
                              "but its progress has stalled.", path="t")
    assert doc.claims[0].hedges == []
