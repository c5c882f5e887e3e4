"""Tests for claims-anonymous-sources, written with the claims test kit.

The fixtures ``claims_run`` and ``claims_cli`` come with claims itself (a pytest
plugin): no conftest.py needed.
"""

import pytest

import claims_anonymous_sources as plugin
from claims.config import ConfigError

ANONYMOUS = [
    "Officials said at least 40 people died when the river burst its banks.",
    "The flooding killed at least 40 people, officials said.",
    "A senior official said the convoy had been turned back at the border.",
    "Sources familiar with the negotiations said a ceasefire could be announced within days.",
    "People familiar with the matter said the deal was worth about $2 billion.",
    "According to sources, the minister will resign on Friday.",
    "Two diplomats, speaking on condition of anonymity, said the talks had stalled.",
]

NAMED = [
    "The Ministry of Health said 12 people were injured.",
    "Mayor Vitali Klitschko said two districts of the city were without power.",
    "Health Minister Viktor Liashko said 12 hospitals had been damaged.",
    '"We will rebuild every school," President Volodymyr Zelenskiy said.',
]

BULLETIN = """\
Emergency services said 14 people had been rescued from the flooded district by Tuesday evening.
Officials said the dam upstream had been inspected in March.
Mayor Vitali Klitschko said two districts of the city were without power.
People familiar with the matter said repairs could take several weeks.
"""


@pytest.mark.parametrize("sentence", ANONYMOUS)
def test_flags_anonymous_attribution(claims_run, sentence):
    doc = claims_run(sentence, plugins=[plugin])
    assert doc.flags_by("anonymous-sources") == ["anonymous-source"]


@pytest.mark.parametrize("sentence", NAMED)
def test_named_sources_are_not_flagged(claims_run, sentence):
    doc = claims_run(sentence, plugins=[plugin])
    assert doc.flags_by("anonymous-sources") == []


def test_only_the_anonymous_claims_of_a_bulletin_are_flagged(claims_run):
    doc = claims_run(BULLETIN, plugins=[plugin])
    assert doc.flagged("anonymous-sources") == [
        "Officials said the dam upstream had been inspected in March.",
        "People familiar with the matter said repairs could take several weeks.",
    ]


def test_the_flag_is_a_warning_pointing_at_the_source(claims_run):
    doc = claims_run("A senior official said the convoy had been turned back.", plugins=[plugin])
    flag = doc.flag("anonymous-sources")
    assert flag.severity == "warning"
    assert doc.text[flag.evidence.start:flag.evidence.end] == "A senior official"


def test_settings_change_phrases_and_severity(claims_run):
    config = {"plugins": {"anonymous-sources": {"severity": "error", "phrases": ["residents said"]}}}
    doc = claims_run("Residents said the shelling continued overnight.", plugins=[plugin], config=config)
    assert doc.flag("anonymous-sources").severity == "error"


def test_invalid_settings_are_refused(claims_run):
    with pytest.raises(ConfigError, match="anonymous-sources"):
        claims_run("Officials said so.", plugins=[plugin],
                   config={"plugins": {"anonymous-sources": {"severity": "urgent"}}})


def test_the_command_line_fails_on_warnings(claims_cli, tmp_path):
    (tmp_path / "bulletin.txt").write_text(BULLETIN, encoding="utf-8")
    result = claims_cli("check", "--no-store", "--fail-on", "warning", "bulletin.txt", plugins=[plugin])
    assert result.exit_code == 1
    assert "attributed to an unnamed source" in result.stdout
