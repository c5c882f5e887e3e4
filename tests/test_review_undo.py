"""Issue 13 from the command line: undo (a new entry, nothing erased), reopening flags and claims,
``--min-severity``, the terminal review's u (undo) and b (back) keys, notes shown as notes in
reports, the HTML report's Publisher filter in a real browser, and the decisions' new fields in
export and import."""

from __future__ import annotations

import json

import pytest

from conftest_store import store_url  # noqa: F401 - fixture
from test_review import Flood, check_json, cli


@pytest.fixture
def flood(store_url, tmp_path):  # noqa: F811
    return Flood(store_url, tmp_path)


def _history(flood, target):
    return [(d.status, d.action, d.reverts) for d in flood.decisions() if d.target_id == target]


def test_undo_adds_an_entry_that_puts_back_the_status_before(flood):
    db = ["--db", flood.db, "--reviewer", "ann"]
    assert cli("review", "set", flood.total, "--status", "in_progress", *db).exit_code == 0
    assert cli("review", "set", flood.total, "--status", "verified", *db).exit_code == 0
    r = cli("review", "undo", *db)  # ann's newest decision
    assert r.exit_code == 0 and f"{flood.total} in_progress again" in r.stdout
    first, second, undo = [d.id for d in flood.decisions()]
    assert _history(flood, flood.total) == [("in_progress", None, None), ("verified", None, None),
                                            ("in_progress", "undo", second)]
    r = cli("review", "undo", str(first), *db)  # not the newest about its claim any more
    assert r.exit_code == 2 and f"decision {first} on {flood.total} is not its newest" in r.stderr
    assert cli("review", "undo", str(undo), *db).exit_code == 0  # undoing the undo: verified again
    assert _history(flood, flood.total)[-1] == ("verified", "undo", undo)
    assert cli("review", "undo", "999", *db).exit_code == 2
    assert cli("review", "undo", "--db", flood.db, "--reviewer", "nobody").exit_code == 2


def test_reopen_a_dismissed_flag_and_a_decided_claim(flood):
    db = ["--db", flood.db, "--reviewer", "ann"]
    cli("review", "dismiss", flood.sum_flag, "--reason", "rounded figures", *db)
    r = cli("check", "--db", flood.db, "--format", "json", "--fail-on", "error", flood.a_path)
    assert r.exit_code == 0  # the error is dismissed
    r = cli("review", "reopen", flood.sum_flag, "--note", "the figures are exact", *db)
    assert r.exit_code == 0 and f"{flood.sum_flag} reopened by ann" in r.stdout
    assert _history(flood, flood.sum_flag)[-1] == ("open", "reopen", None)
    r = cli("check", "--db", flood.db, "--format", "json", "--fail-on", "error", flood.a_path)
    assert r.exit_code == 1  # counts again
    assert json.loads(r.stdout)["documents"][0]["summary"]["flags"]["error"] == 1
    r = cli("review", "reopen", flood.sum_flag, *db)
    assert r.exit_code == 2 and "only a confirmed or dismissed flag can be reopened" in r.stderr
    cli("review", "set", flood.parts, "--status", "false", *db)
    assert cli("review", "reopen", flood.parts, *db).exit_code == 0
    assert _history(flood, flood.parts)[-1] == ("unreviewed", "reopen", None)
    assert cli("review", "reopen", flood.parts, *db).exit_code == 2  # already undecided


def test_min_severity_leaves_out_info_only_claims(flood):
    r = cli("review", "--db", flood.db, "--min-severity", "warning", input="q\n")
    assert "2 flagged claims to review" in r.stdout and flood.hedged not in r.stdout
    r = cli("review", "--db", flood.db, "--min-severity", "error", input="q\n")
    assert "1 flagged claim to review" in r.stdout
    r = cli("review", "--db", flood.db, input="q\n")
    assert "3 flagged claims to review" in r.stdout
    r = cli("review", "--db", flood.db, "--min-severity", "loud", input="q\n")
    assert r.exit_code == 2 and "invalid severity 'loud'" in r.stderr


def test_terminal_review_u_undoes_and_goes_back_b_goes_back(flood):
    # v on the first claim; u (on the second) undoes it and shows the first again, f instead;
    # s skips the second, b goes back to it, x
    r = cli("review", "--db", flood.db, "--reviewer", "tess", input="v\nu\nf\ns\nb\nx\nq\n")
    assert r.exit_code == 0, r.output
    assert f"undid decision 1: {flood.parts} unreviewed again, by tess" in r.stdout
    assert r.stdout.count(f"1/3  {flood.parts}") == 2 and r.stdout.count(f"2/3  {flood.conflict_claim}") == 3
    assert [(d.target_id, d.status, d.action) for d in flood.decisions()] == [
        (flood.parts, "verified", None), (flood.parts, "unreviewed", "undo"), (flood.parts, "false", None),
        (flood.conflict_claim, "not_applicable", None)]
    assert "4 decisions saved (1 undone); 1 claim left in the queue" in r.stdout
    r = cli("review", "--db", flood.db, input="u\nb\nq\n")
    assert "nothing to undo in this session" in r.stdout and "this is the first claim of the session" in r.stdout


TWO_FLAGS = """published: 2022-06-21

The regional emergency service said it had recorded 410 casualties since June 2. Of those, 150 people were likely killed and 240 injured, the service said.
"""


def test_terminal_review_r_reopens_a_flag(flood, tmp_path):
    path = tmp_path / "two-flags.txt"
    path.write_text(TWO_FLAGS, encoding="utf-8")
    claim = check_json(flood.db, path)["claims"][1]  # a sum that does not add up, and a hedge
    assert sorted(f["checker"] for f in claim["flags"]) == ["arithmetic", "hedge"]
    flag = next(f["id"] for f in claim["flags"] if f["checker"] == "arithmetic")
    cli("review", "dismiss", flag, "--reason", "different periods", "--db", flood.db)
    r = cli("review", "--db", flood.db, "--document", "two-flags.txt", "--checker", "hedge", "--reviewer", "tess", input="r\nr\nq\n")
    assert f"saved: {flag} reopened by tess" in r.stdout and "no confirmed or dismissed flag to reopen" in r.stdout
    assert _history(flood, flag)[-1] == ("open", "reopen", None)


def test_notes_show_as_notes_in_reports(flood):
    cli("review", "note", flood.hedged, "Asked the service about Friday", "--db", flood.db, "--reviewer", "ann")
    md = cli("report", "--db", flood.db, "flood-a.txt").stdout
    [row] = [line for line in md.splitlines() if "Asked the service" in line and line.startswith("|")]
    assert "| Note |" in row and "Unreviewed" not in row
    rep = json.loads(cli("report", "--db", flood.db, "-f", "json", "flood-a.txt").stdout)
    assert [d["action"] for d in rep["decisions"]] == ["note"]
    html = cli("report", "--db", flood.db, "-f", "html", "flood-a.txt").stdout
    assert 'data-action="note"><td>' in html and "<td>note</td>" in html


def test_export_and_import_keep_what_an_entry_is(flood, tmp_path):
    db = ["--db", flood.db, "--reviewer", "ann"]
    cli("review", "note", flood.hedged, "a note", *db)
    cli("review", "set", flood.total, "--status", "verified", *db)
    cli("review", "undo", *db)
    out = tmp_path / "decisions.json"
    assert cli("review", "export", "-o", out, "--db", flood.db).exit_code == 0
    entries = json.loads(out.read_text())["decisions"]
    assert [e.get("action") for e in entries] == ["note", None, "undo"]
    other = tmp_path / "other.db"
    check_json(str(other), flood.a_path)
    assert cli("review", "import", out, "--db", other).exit_code == 0
    from claims.db import open_store
    s = open_store(str(other))
    try:
        assert [d.action for d in s.reader().decisions()] == ["note", None, "undo"]
    finally:
        s.close()
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"decisions": [{"id": flood.total, "status": "verified", "action": "erase"}]}))
    r = cli("review", "import", bad, "--db", flood.db)
    assert r.exit_code == 2 and "'action' must be note, undo or reopen" in r.stderr


PUBLISHER = """published: 2022-06-21
title: Port bulletin
publisher: Harbour Desk

Three ferries were cancelled on Monday because of the storm. The harbour master said 48 people had been injured in the blast. Two cranes were damaged overnight.
"""


def test_publisher_filter_of_the_html_report_in_a_browser(tmp_path):
    from test_html_browser import CHROMIUM, Dom, dump_dom
    if CHROMIUM is None:
        pytest.skip("no chromium binary (apt-get install -y chromium): publisher filter browser test skipped")
    db = str(tmp_path / "claims.db")
    path = tmp_path / "port.txt"
    path.write_text(PUBLISHER, encoding="utf-8")
    doc = check_json(db, path)
    own = [c["id"] for c in doc["claims"] if c["source"] is None]
    assert own and len(own) < len(doc["claims"])
    out = tmp_path / "report.html"
    assert cli("report", "--db", db, "-f", "html", "-o", out).exit_code == 0
    options = [a["value"] for a in Dom(out.read_text()).find("option")]
    assert "(publisher)" in options
    dom = Dom(dump_dom(tmp_path, f"{out.as_uri()}#source=(publisher)"))
    claims = [a for a in dom.find("span") if "claim" in a.get("class", "").split()]
    shown = [a["id"] for a in claims if "out" not in a["class"].split()]
    assert shown == own
    assert dom.texts["match-count"] == f"{len(own)} of {len(doc['claims'])} claims match"
