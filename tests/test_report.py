"""``claims report`` and the md, html and claimreview formats: decisions shown, text escaped, the same
data as ``claims check``, and the formats also working for ``claims check --format``."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import pytest

from test_review import FLOOD_A, Flood, check_json, cli

# A bulletin that tries to run code in a report (invented, in news style).
HOSTILE = """published: 2022-06-21
title: Harbour update <script>document.title="pwned"</script>

The harbour master said 48 people had been injured in the blast on Monday. <script>document.body.setAttribute("data-pwned", "script")</script> Officials said the figure was likely to rise.

The mayor said "<img src=x onerror=document.body.setAttribute('data-pwned','img')>" had been painted on the wall, and that 12 shops & 3 schools would stay closed.
"""


@pytest.fixture
def reviewed(tmp_path):
    """FLOOD_A and FLOOD_B stored (SQLite); one claim verified with a note, one marked false, one flag dismissed."""
    f = Flood(str(tmp_path / "claims.db"), tmp_path)
    for args in (["set", f.total, "--status", "verified", "--note", "Matches the service's release", "--reviewer", "ann"],
                 ["set", f.parts, "--status", "false", "--reviewer", "ann"],
                 ["dismiss", f.hedge_flag, "--reason", "the forecast is the service's own", "--reviewer", "bob"]):
        assert cli("review", *args, "--db", f.db).exit_code == 0
    return f


@pytest.fixture
def hostile(tmp_path):
    db = str(tmp_path / "hostile.db")
    path = tmp_path / "harbour.txt"
    path.write_text(HOSTILE, encoding="utf-8")
    doc = check_json(db, path)
    return db, path, doc


# -- Markdown ------------------------------------------------------------------------------------------

def test_markdown_shows_claims_by_source_flags_decisions_and_summary(reviewed):
    r = cli("report", "--db", reviewed.db, "flood-a.txt")
    assert r.exit_code == 0, r.output
    md = r.stdout
    assert md.startswith("# Claims report") and "## Flood update" in md and "published 2022-06-21" in md
    for line in ("- **Claims:** 4, 4 attributed to 3 sources", "- **Hedged:** 1 claim",
                 "- **Arithmetic:** 1 relation found, 1 checked, 0 consistent", "- **Conflicts:** 0",
                 "- **Open flags:** 1 error", "- **Decisions:** 3: 1 verified, 1 false; 1 flag dismissed"):
        assert line in md, line
    assert "#### the regional emergency service (1 claim)" in md
    assert re.search(r"recorded 410 casualties since the floods began on June 2\. — \*\*Verified\*\* \(ann, ", md)
    assert "  - *Note* (ann, " in md and "Matches the service's release" in md
    assert re.search(r"240 injured, the service said\. — \*\*False\*\* \(ann", md)
    assert re.search(r"\*\*info\*\* hedge: .*— \*\*dismissed\*\*: the forecast is the service's own \(bob, ", md)
    assert "### Review decisions" in md and md.count("| ann |") == 2 and md.count("| bob |") == 1
    assert "flood-b" not in md  # only the document asked for


def test_markdown_escapes_bulletin_text(hostile):
    db, path, _ = hostile
    md = cli("report", "--db", db, "-f", "md", path.name).stdout
    assert not re.search(r"(?<!\\)[<>]", md)  # no angle bracket left unescaped
    assert r"\<script\>" in md and r"\<img src=x onerror=" in md and r"\&" in md


def test_report_to_a_file_and_verbose_ids(reviewed, tmp_path):
    out = tmp_path / "briefing.md"
    r = cli("report", "--db", reviewed.db, "-o", out, "-v")
    assert r.exit_code == 0 and "wrote md report of 2 documents" in r.stderr
    text = out.read_text()
    assert "## Flood update, day two" in text and f"`{reviewed.total}`" in text and f"`{reviewed.hedge_flag}`" in text


# -- JSON ----------------------------------------------------------------------------------------------

def test_json_is_check_json_plus_decisions(reviewed):
    fresh = check_json(reviewed.db, reviewed.a_path)  # checked again: now also compared with flood-b
    assert fresh["summary"]["conflicts"] > 0
    r = cli("report", "--db", reviewed.db, "-f", "json", "flood-a.txt")
    assert r.exit_code == 0
    rep = json.loads(r.stdout)
    doc = rep["documents"][0]
    for f in [fl for c in doc["claims"] for fl in c["flags"]]:
        f["data"].pop("dismiss_reason", None)  # the report also names the reason for SARIF
    assert doc == fresh
    assert [(d["target_id"], d["status"], d["reviewer"]) for d in rep["decisions"]] == [
        (reviewed.total, "verified", "ann"), (reviewed.parts, "false", "ann"), (reviewed.hedge_flag, "dismissed", "bob")]
    assert rep["decisions"][2]["claim_id"] == reviewed.hedged and rep["decisions"][2]["reason"]
    assert rep["schema_version"] == "1.0" and rep["generated_at"]


# -- ClaimReview ---------------------------------------------------------------------------------------

PUBLISH = ('organisation = "Example Fact Desk"\n[claimreview]\n'
           'url = "https://desk.example/reviews/{claim_id}"\norganisation_url = "https://desk.example"\n')


def test_claimreview_for_claims_with_a_verdict(reviewed, tmp_path):
    (tmp_path / "claims.toml").write_text(PUBLISH)
    r = cli("report", "--db", reviewed.db, "-f", "claimreview")
    assert r.exit_code == 0, r.output
    reviews = json.loads(r.stdout)
    assert [x["identifier"] for x in reviews] == [reviewed.total, reviewed.parts]
    verified, false = reviews
    assert verified["@context"] == "https://schema.org" and verified["@type"] == "ClaimReview"
    assert verified["url"] == f"https://desk.example/reviews/{reviewed.total}"
    assert verified["claimReviewed"].startswith("The regional emergency service said on Tuesday")
    assert len(verified["claimReviewed"]) <= 75 and verified["claimReviewed"].endswith("…")
    assert verified["reviewRating"] == {"@type": "Rating", "alternateName": "True", "ratingValue": 5,
                                        "bestRating": 5, "worstRating": 1}
    assert false["reviewRating"]["alternateName"] == "False" and false["reviewRating"]["ratingValue"] == 1
    item = verified["itemReviewed"]
    assert item["@type"] == "Claim"
    assert item["author"] == {"@type": "Organization", "name": "the regional emergency service"}
    assert "appearance" not in item  # a local file has no address a reader could open (issue 13)
    assert str(reviewed.a_path) not in json.dumps(reviews)
    assert verified["author"] == {"@type": "Organization", "name": "Example Fact Desk", "url": "https://desk.example"}
    assert re.fullmatch(r"\d{4}-\d\d-\d\d", verified["datePublished"])
    assert verified["reviewBody"] == "Matches the service's release"


def test_claimreview_unverifiable_has_no_rating_value(reviewed, tmp_path):
    (tmp_path / "claims.toml").write_text(PUBLISH)
    cli("review", "set", reviewed.bridges, "--status", "unverifiable", "--db", reviewed.db)
    cli("review", "set", reviewed.total, "--status", "in_progress", "--db", reviewed.db)  # no longer a verdict
    r = cli("report", "--db", reviewed.db, "-f", "claimreview", "flood-a.txt")
    reviews = {x["identifier"]: x for x in json.loads(r.stdout)}
    assert set(reviews) == {reviewed.parts, reviewed.bridges}
    assert reviews[reviewed.bridges]["reviewRating"] == {"@type": "Rating", "alternateName": "Unproven"}


def test_claimreview_without_organisation_or_url_is_an_error(reviewed, tmp_path):
    # issue 13: a review without author or url cannot be published, so the format says what to configure
    r = cli("report", "--db", reviewed.db, "-f", "claimreview", "flood-a.txt")
    assert r.exit_code == 2 and r.stdout == ""
    assert "organisation" in r.stderr and "[claimreview] url" in r.stderr and len(r.stderr.strip().splitlines()) == 1
    (tmp_path / "claims.toml").write_text('organisation = "Desk"\n[claimreview]\nurl = "https://desk.example/x"\n')
    r = cli("report", "--db", reviewed.db, "-f", "claimreview", "flood-a.txt")
    assert r.exit_code == 2 and "{claim_id}" in r.stderr
    (tmp_path / "claims.toml").write_text('organization = "Desk"\nclaimreview_url = "https://d.example/r/{claim_id}"\n')
    r = cli("report", "--db", reviewed.db, "-f", "claimreview", "flood-a.txt")
    assert r.exit_code == 0 and json.loads(r.stdout)[0]["author"] == {"@type": "Organization", "name": "Desk"}


# -- HTML (static checks; the browser tests are in test_html_browser.py) --------------------------------

class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def test_html_is_self_contained_and_escapes_the_bulletin(hostile):
    db, path, _ = hostile
    html = cli("report", "--db", db, "-f", "html", path.name).stdout
    parser = _Tags()
    parser.feed(html)
    tags = [t for t, _ in parser.tags]
    assert tags.count("script") == 1 and "img" not in tags and "link" not in tags and "iframe" not in tags
    assert not any(k.startswith("on") for _, attrs in parser.tags for k in attrs)
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", html)  # nothing fetched from anywhere
    assert "&lt;script&gt;document.body.setAttribute(&quot;data-pwned&quot;" in html
    assert "&lt;img src=x onerror=" in html and "shops &amp; " in html
    csp = next(a["content"] for t, a in parser.tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy")
    assert "default-src 'none'" in csp and "script-src 'sha256-" in csp and "unsafe-inline" not in csp.split("style-src")[0]


def test_html_shows_text_highlights_flags_filters_and_decisions(reviewed):
    html = cli("report", "--db", reviewed.db, "-f", "html", "flood-a.txt").stdout
    assert f'id="{reviewed.total}"' in html and 'class="num">410</span>' in html
    assert 'class="hedge">likely</span>' in html and 'class="mention">The regional emergency service</span>' in html
    assert 'class="verdict v-verified"' in html and 'class="verdict v-false"' in html
    assert 'data-status="dismissed"' in html and "the forecast is the service&#x27;s own" in html
    for name in ("source", "checker", "severity", "status"):
        assert f'data-filter="{name}"' in html
    assert '<option value="flag:dismissed">' in html and '<option value="claim:verified">' in html
    assert '<table class="decisions">' in html and html.count("<tr data-target=") == 3


# -- choosing documents --------------------------------------------------------------------------------

def test_report_filters_choose_documents(reviewed):
    def paths(*args):
        r = cli("report", "--db", reviewed.db, "-f", "json", *args)
        assert r.exit_code == 0, r.output
        return [d["path"].rsplit("/", 1)[-1] for d in json.loads(r.stdout)["documents"]]

    assert paths() == ["flood-a.txt", "flood-b.txt"]
    assert paths("--since", "2022-06-22") == ["flood-b.txt"]
    assert paths("--checker", "conflict") == ["flood-b.txt"]
    assert paths("--source", "the governor") == ["flood-a.txt", "flood-b.txt"]
    assert paths("--flagged", "flood-a.txt") == ["flood-a.txt"]
    assert paths(reviewed.b["sha256"][:10], "flood-a.txt") == ["flood-b.txt", "flood-a.txt"]


@pytest.mark.parametrize("args,code,message", [
    (["nope.txt"], 2, "no document 'nope.txt'"),
    (["--since", "June"], 2, "--since must be a date"),
    (["-f", "pdf"], 2, "unknown format 'pdf'"),
    (["--checker", "nobody"], 2, "no stored document matches"),
])
def test_report_errors(reviewed, args, code, message):
    r = cli("report", "--db", reviewed.db, *args)
    assert r.exit_code == code and message in r.stderr


def test_report_on_an_empty_or_missing_store(tmp_path):
    from claims.db import open_store
    r = cli("report", "--db", tmp_path / "missing.db")
    assert r.exit_code == 4 and not (tmp_path / "missing.db").exists()
    open_store(str(tmp_path / "empty.db")).close()
    r = cli("report", "--db", tmp_path / "empty.db")
    assert r.exit_code == 2 and "no documents in store" in r.stderr


def _write(folder, name, text):
    p = folder / name
    p.write_text(text, encoding="utf-8")
    return p


# -- the same formats from claims check ---------------------------------------------------------------

@pytest.mark.parametrize("fmt", ["md", "html", "claimreview"])
def test_formats_work_for_check_too(tmp_path, fmt):
    path = _write(tmp_path, "flood.txt", FLOOD_A)
    r = cli("check", "--no-store", "--fail-on", "never", "--format", fmt, path)
    assert r.exit_code == 0, r.output
    if fmt == "md":
        assert "## Flood update" in r.stdout and "**error** arithmetic" in r.stdout
    elif fmt == "html":
        assert r.stdout.startswith("<!DOCTYPE html>") and 'class="claim' in r.stdout
    else:
        assert json.loads(r.stdout) == []  # nothing has a verdict yet


def test_check_formats_show_statuses_from_the_store(reviewed, tmp_path):
    (tmp_path / "claims.toml").write_text(PUBLISH)  # claimreview needs what it publishes (issue 13)
    r = cli("check", "--db", reviewed.db, "--fail-on", "never", "--format", "md", reviewed.a_path)
    assert "**Verified**" in r.stdout and "**dismissed**" in r.stdout
    reviews = json.loads(cli("check", "--db", reviewed.db, "--fail-on", "never", "-f", "claimreview",
                             reviewed.a_path).stdout)
    assert [x["reviewRating"]["alternateName"] for x in reviews] == ["True", "False"]  # reader-facing (issue 13)
