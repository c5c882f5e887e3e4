"""ClaimReview pieces checked against Google's requirements without a store: a document's web
address as ``appearance`` (a ``url``/``canonical_url`` field when readers give one, a path that is
an address, never a local file), a short ``claimReviewed``, the configurable rating names."""

from __future__ import annotations

import datetime as dt
import json
import types

import pytest

from claims.config import Settings
from claims.models import Claim, Document, Report, Source
from claims.plugins.format_claimreview import NotPublishable, document_url, render_claimreview, short

SETTINGS = {"organisation": "Example Fact Desk",
            "claimreview": {"url": "https://desk.example/reviews/{claim_id}",
                            "ratings": {"misleading": "Missing context"}}}


def _report(path: str, status: str, **extra) -> Report:
    text = ("The ministry said 1,204 people had been evacuated from the coastal villages of the region "
            "since the storm made landfall on Sunday night.")
    claim = Claim(id="c_0123456789abcdef", text=text, start=0, end=len(text), line=1, paragraph=0, status=status,
                  source=Source(id="ministry", name="the ministry", mention="The ministry", mode="indirect"))
    doc = Document(path=path, sha256="ab" * 32, text=text, title="Storm update", published="2022-06-21",
                   publisher="Coast News", claims=[claim])
    for k, v in extra.items():
        object.__setattr__(doc, k, v)  # a field a reader may add (url, canonical_url)
    return Report(documents=[doc])


def test_appearance_is_the_web_address_never_a_local_path():
    local = json.loads(render_claimreview(_report("/home/desk/storm.txt", "verified"),
                                          {"settings": Settings(SETTINGS)}))[0]
    assert "appearance" not in local["itemReviewed"] and "/home/desk" not in json.dumps(local)
    web = json.loads(render_claimreview(_report("https://news.example/storm", "verified"),
                                        {"settings": Settings(SETTINGS)}))[0]
    assert web["itemReviewed"]["appearance"] == {
        "@type": "CreativeWork", "url": "https://news.example/storm", "headline": "Storm update",
        "datePublished": "2022-06-21", "publisher": {"@type": "Organization", "name": "Coast News"}}
    assert document_url(types.SimpleNamespace(canonical_url="https://news.example/c", url="https://x.example",
                                              path="/tmp/a.txt")) == "https://news.example/c"
    assert document_url(types.SimpleNamespace(url="javascript:alert(1)", path="file:///tmp/a.txt")) is None


def test_required_fields_ratings_and_a_short_claim():
    review = json.loads(render_claimreview(_report("/tmp/storm.txt", "misleading"),
                                           {"settings": Settings(SETTINGS)}))[0]
    for key in ("url", "claimReviewed", "reviewRating", "author", "datePublished", "itemReviewed"):
        assert review[key], key
    assert review["url"] == "https://desk.example/reviews/c_0123456789abcdef"
    assert review["reviewRating"] == {"@type": "Rating", "alternateName": "Missing context", "ratingValue": 2,
                                      "bestRating": 5, "worstRating": 1}
    assert len(review["claimReviewed"]) <= 75
    assert review["claimReviewed"].startswith("The ministry said 1,204 people") and review["claimReviewed"][-1] == "…"
    assert dt.date.fromisoformat(review["datePublished"])
    mostly = json.loads(render_claimreview(_report("/tmp/s.txt", "mostly_true"), {"settings": Settings(SETTINGS)}))
    assert mostly[0]["reviewRating"]["alternateName"] == "Mostly true" and mostly[0]["reviewRating"]["ratingValue"] == 4
    assert short("one two three", 75) == "one two three"
    assert short("alpha beta gamma delta", 20) == "alpha beta gamma…"


@pytest.mark.parametrize("settings,message", [
    ({}, "organisation"),
    ({"organisation": "D"}, "[claimreview] url"),
    ({"organisation": "D", "claimreview": {"url": "/reviews/{claim_id}"}}, "http(s) address"),
    ({"organisation": "D", "claimreview": {"url": "https://d.example/{claim_id}", "ratings": {"unreviewed": "x"}}},
     "not a verdict status"),
])
def test_not_publishable_says_what_to_configure(settings, message):
    with pytest.raises(NotPublishable, match=message.replace("(", r"\(").replace(")", r"\)").replace("[", r"\[")):
        render_claimreview(_report("/tmp/s.txt", "false"), {"settings": Settings(settings)})
    assert render_claimreview(_report("/tmp/s.txt", "in_progress"), {"settings": Settings(settings)}) == "[]"


def test_check_with_an_unconfigured_claimreview_is_a_configuration_error(claims_cli, tmp_path):
    path, db = tmp_path / "b.txt", str(tmp_path / "s.db")
    path.write_text("The ministry said 3 people were hurt.\n")
    claim = json.loads(claims_cli("check", "--db", db, "-f", "json", str(path)).stdout)["documents"][0]["claims"][0]
    assert claims_cli("review", "set", claim["id"], "--status", "verified", "--db", db).exit_code == 0
    res = claims_cli("check", "--db", db, "--no-store", "-f", "claimreview", str(path))
    assert res.exit_code == 2, res.output
    assert "claimreview: ClaimReview needs organisation" in res.stderr
