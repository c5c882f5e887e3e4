"""Review decisions: statuses, ``claims review set|dismiss|confirm|note|import|export``, the interactive
review through CliRunner, re-checking with dismissed flags, and the store methods they use (SQLite and
PostgreSQL)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claims.cli import get_app
from claims.db import StoreError, open_store
from claims.review import CLAIM_STATUSES, FLAG_STATUSES, ReviewError, default_reviewer, review_queue
from conftest_store import store_url  # noqa: F401 - fixture

runner = CliRunner()

# Invented bulletins in news style (figures made up). FLOOD_A's parts do not add up to its total
# (an arithmetic error) and it hedges (info); FLOOD_B, a day later, gives a lower running total
# than FLOOD_A (conflict warnings) and repeats the bridges figure.
FLOOD_A = """published: 2022-06-21
title: Flood update

The regional emergency service said on Tuesday it had recorded 410 casualties since the floods began on June 2. Of those, 150 people had been killed and 240 injured, the service said. Rescue teams would likely reach the last villages by Friday, the service added.

The governor said 37 bridges had been destroyed in the region since June 2.
"""

FLOOD_B = """published: 2022-06-22
title: Flood update, day two

The regional emergency service said it had recorded 395 casualties since the floods began on June 2. The governor said 37 bridges had been destroyed since June 2.
"""


def cli(*args, input=None, env=None):
    return runner.invoke(get_app(), [str(a) for a in args], input=input, env=env, catch_exceptions=False)


def check_json(db, path, *extra):
    r = cli("check", "--db", db, "--format", "json", "--fail-on", "never", *extra, path)
    assert r.exit_code == 0, r.output
    return json.loads(r.stdout)["documents"][0]


class Flood:
    """Both bulletins checked into one store, with the ids a reviewer works with."""

    def __init__(self, db: str, folder: Path) -> None:
        self.db = db
        self.a_path = folder / "flood-a.txt"
        self.b_path = folder / "flood-b.txt"
        self.a_path.write_text(FLOOD_A, encoding="utf-8")
        self.b_path.write_text(FLOOD_B, encoding="utf-8")
        self.a = check_json(db, self.a_path)
        self.b = check_json(db, self.b_path)
        claims = {c["id"]: c for c in self.a["claims"]}
        self.total = self.a["claims"][0]["id"]                 # 410 casualties
        self.parts = self.a["claims"][1]["id"]                 # 150 killed, 240 injured (arithmetic error)
        self.hedged = self.a["claims"][2]["id"]                # "would likely reach"
        self.bridges = self.a["claims"][3]["id"]               # no flag
        self.sum_flag = claims[self.parts]["flags"][0]["id"]
        self.hedge_flag = claims[self.hedged]["flags"][0]["id"]
        self.conflict_claim = self.b["claims"][0]["id"]
        assert claims[self.parts]["flags"][0]["severity"] == "error"
        assert claims[self.hedged]["flags"][0]["code"] == "hedged"
        assert not claims[self.bridges]["flags"]
        assert {f["severity"] for f in self.b["claims"][0]["flags"]} == {"warning"}

    def decisions(self):
        s = open_store(self.db)
        try:
            return s.reader().decisions()
        finally:
            s.close()


@pytest.fixture
def flood(store_url, tmp_path):  # noqa: F811
    return Flood(store_url, tmp_path)


# -- statuses ------------------------------------------------------------------------------------

def test_statuses_and_their_claimreview_mapping():
    assert list(CLAIM_STATUSES) == ["unreviewed", "in_progress", "verified", "mostly_true", "false", "misleading",
                                    "unverifiable", "not_applicable"]  # mostly_true: issue 13's rating scale
    assert set(FLAG_STATUSES) == {"confirmed", "dismissed", "open"}  # open: reopened
    verdicts = {k: s.rating for k, s in CLAIM_STATUSES.items() if s.verdict}
    assert verdicts == {"verified": 5, "mostly_true": 4, "false": 1, "misleading": 2, "unverifiable": None}
    assert all(s.desk and s.description for s in CLAIM_STATUSES.values())
    keys = [s.key for s in CLAIM_STATUSES.values() if s.key]
    assert len(keys) == len(set(keys)) and not set(keys) & set("dcrnsubq?")  # u is undo, never a verdict


def test_statuses_command_lists_the_mapping():
    out = json.loads(cli("review", "statuses", "--format", "json").stdout)
    assert [s["status"] for s in out["claim"]][2:5] == ["verified", "mostly_true", "false"]
    assert out["rating_scale"] == {"worst": 1, "best": 5}
    table = cli("review", "statuses").stdout
    assert "Pants on Fire" in table and "flag dismissed" in table


def test_reviewer_comes_from_option_env_config_then_os_user(monkeypatch):
    from claims.config import Settings
    monkeypatch.setattr("getpass.getuser", lambda: "osuser")
    settings = Settings({"reviewer": "from-config"})
    assert default_reviewer(None, None) == "osuser"
    assert default_reviewer(None, settings) == "from-config"
    monkeypatch.setenv("CLAIMS_REVIEWER", "from-env")
    assert default_reviewer(None, settings) == "from-env"
    assert default_reviewer("explicit", settings) == "explicit"


# -- one decision at a time --------------------------------------------------------------------------

def test_set_dismiss_confirm_record_reviewer_time_and_note(flood, monkeypatch):
    before = dt.datetime.now(dt.timezone.utc) - dt.timedelta(seconds=5)
    r = cli("review", "set", flood.total, "--status", "verified", "--note", "Matches the service's release",
            "--db", flood.db, "--reviewer", "ann")
    assert r.exit_code == 0, r.output
    assert f"saved: {flood.total} verified by ann: Matches the service's release" in r.stdout
    monkeypatch.setenv("CLAIMS_REVIEWER", "bob")
    r = cli("review", "dismiss", flood.hedge_flag[:8], "--reason", "the hedge is the service's own", "--db", flood.db)
    assert r.exit_code == 0, r.output
    r = cli("review", "confirm", flood.sum_flag, "--note", "150 + 240 is 390", "--db", flood.db)
    assert r.exit_code == 0, r.output
    r = cli("review", "set", flood.parts, "--status", "false", "--db", flood.db)
    assert r.exit_code == 0
    got = [(d.target_id, d.status, d.reviewer, d.reason, d.note) for d in flood.decisions()]
    assert got == [
        (flood.total, "verified", "ann", None, "Matches the service's release"),
        (flood.hedge_flag, "dismissed", "bob", "the hedge is the service's own", None),
        (flood.sum_flag, "confirmed", "bob", None, "150 + 240 is 390"),
        (flood.parts, "false", "bob", None, None),
    ]
    assert all(d.decided_at >= before and d.decided_at.tzinfo for d in flood.decisions())


def test_history_is_kept_and_the_newest_decision_applies(flood):
    for status in ("in_progress", "misleading", "verified"):
        assert cli("review", "set", flood.total, "--status", status, "--db", flood.db).exit_code == 0
    assert cli("review", "note", flood.total, "Second source agrees", "--db", flood.db).exit_code == 0
    history = [(d.status, d.note) for d in flood.decisions()]
    assert history == [("in_progress", None), ("misleading", None), ("verified", None),
                       ("verified", "Second source agrees")]
    again = check_json(flood.db, flood.a_path)
    assert again["claims"][0]["status"] == "verified"


@pytest.mark.parametrize("args,message", [
    (["set", "c_0000000000000000", "--status", "verified"], "no claim 'c_0000000000000000'"),
    (["set", "{total}", "--status", "true"], "invalid claim status 'true' (one of: unreviewed, in_progress"),
    (["set", "{sum_flag}", "--status", "verified"], "is a flag id: use claims review dismiss or confirm"),
    (["dismiss", "f_0000000000000000", "--reason", "no"], "no flag 'f_0000000000000000'"),
    (["dismiss", "{sum_flag}", "--reason", "  "], "dismissing a flag needs a reason"),
    (["dismiss", "{total}", "--reason", "x"], "is a claim id"),
    (["confirm", "f_0000000000000000"], "no flag 'f_0000000000000000'"),
    (["note", "{sum_flag}", "a note"], "has no verdict yet"),
])
def test_unknown_ids_and_invalid_statuses_change_nothing(flood, args, message):
    args = [a.format(total=flood.total, sum_flag=flood.sum_flag) for a in args]
    r = cli("review", *args, "--db", flood.db)
    assert r.exit_code == 2, r.output
    assert message in r.stderr
    assert flood.decisions() == []


def test_dismissal_without_reason_option_is_a_usage_error(flood):
    r = cli("review", "dismiss", flood.sum_flag, "--db", flood.db)
    assert r.exit_code == 2 and "--reason" in r.output
    assert flood.decisions() == []


def test_missing_store_is_not_created(tmp_path):
    r = cli("review", "set", "c_1", "--status", "verified", "--db", tmp_path / "none.db")
    assert r.exit_code == 4 and "no such file" in r.stderr
    assert not (tmp_path / "none.db").exists()


# -- re-checking: a dismissed flag stays dismissed -------------------------------------------------

def test_recheck_keeps_the_dismissal_and_it_no_longer_fails_the_run(flood):
    r = cli("check", "--db", flood.db, "--fail-on", "error", flood.a_path)
    assert r.exit_code == 1  # the arithmetic error
    assert cli("review", "dismiss", flood.sum_flag, "--reason", "the service counts missing people too",
               "--db", flood.db).exit_code == 0
    r = cli("check", "--db", flood.db, "--fail-on", "error", "--no-color", flood.a_path)
    assert r.exit_code == 0, r.output
    assert "(dismissed)" in r.stdout
    doc = check_json(flood.db, flood.a_path)
    flag = doc["claims"][1]["flags"][0]
    assert (flag["id"], flag["status"]) == (flood.sum_flag, "dismissed")
    assert doc["summary"]["dismissed"] == 1 and "error" not in doc["summary"]["flags"]
    # still raised on the info flag, which was not dismissed
    assert cli("check", "--db", flood.db, "--fail-on", "info", flood.a_path).exit_code == 1
    # a dry run reads the decisions too
    assert cli("check", "--db", flood.db, "--no-store", "--fail-on", "error", flood.a_path).exit_code == 0


def test_sarif_reports_a_dismissed_flag_as_suppressed(flood):
    cli("review", "dismiss", flood.sum_flag, "--reason", "the service counts missing people too", "--db", flood.db)
    r = cli("check", "--db", flood.db, "--format", "sarif", "--fail-on", "never", flood.a_path)
    results = json.loads(r.stdout)["runs"][0]["results"]
    by_id = {x["partialFingerprints"]["claimsFlagId"]: x for x in results}
    assert by_id[flood.sum_flag]["suppressions"][0]["kind"] == "external"
    assert "suppressions" not in by_id[flood.hedge_flag]
    # the report rebuilt from the store also carries the reason as the justification
    r = cli("report", "--db", flood.db, "--format", "sarif", flood.a_path.name)
    by_id = {x["partialFingerprints"]["claimsFlagId"]: x for x in json.loads(r.stdout)["runs"][0]["results"]}
    assert by_id[flood.sum_flag]["suppressions"][0]["justification"] == "the service counts missing people too"


def test_decisions_follow_the_text_not_the_path(flood, tmp_path):
    """A copy of the same bulletin elsewhere has the same ids: the decisions apply to it too."""
    cli("review", "dismiss", flood.sum_flag, "--reason", "known rounding", "--db", flood.db)
    copy = tmp_path / "copy" / "flood-a.txt"
    copy.parent.mkdir()
    copy.write_text(FLOOD_A, encoding="utf-8")
    doc = check_json(flood.db, copy)
    assert doc["claims"][1]["flags"][0]["status"] == "dismissed"


# -- import and export -----------------------------------------------------------------------------

def test_export_then_import_into_another_store(flood, tmp_path):
    cli("review", "set", flood.total, "--status", "verified", "--note", "ok", "--db", flood.db, "--reviewer", "ann")
    cli("review", "dismiss", flood.hedge_flag, "--reason", "own words", "--db", flood.db, "--reviewer", "ann")
    out = tmp_path / "decisions.json"
    r = cli("review", "export", "-o", out, "--db", flood.db)
    assert r.exit_code == 0 and "exported 2 decisions" in r.stderr
    data = json.loads(out.read_text())
    assert [(d["id"], d["kind"], d["status"]) for d in data["decisions"]] == [
        (flood.total, "claim", "verified"), (flood.hedge_flag, "flag", "dismissed")]
    assert data["decisions"][0]["text"].startswith("The regional emergency service said")
    assert data["decisions"][1]["document"].endswith("flood-a.txt")
    other = str(tmp_path / "other.db")
    check_json(other, flood.a_path)
    r = cli("review", "import", out, "--db", other, "--reviewer", "importer")
    assert r.exit_code == 0, r.output
    assert "imported 2 decisions" in r.stdout
    doc = check_json(other, flood.a_path)
    assert doc["claims"][0]["status"] == "verified" and doc["claims"][2]["flags"][0]["status"] == "dismissed"
    s = open_store(other)
    got = [(d.reviewer, d.decided_at) for d in s.reader().decisions()]
    s.close()
    assert got == [(d.reviewer, d.decided_at) for d in flood.decisions()]  # who and when travel with them
    r = cli("review", "import", out, "--db", other)
    assert r.exit_code == 0 and "imported 0 decisions; 2 already recorded" in r.stdout


def test_import_is_all_or_nothing(flood, tmp_path):
    bad = [
        {"id": flood.total, "status": "verified", "note": "fine"},
        {"id": "c_0000000000000000", "status": "verified"},
        {"id": flood.parts, "status": "wrong"},
        {"id": flood.sum_flag, "status": "dismissed"},
        {"id": flood.sum_flag, "status": "verified"},
        {"id": flood.hedge_flag, "status": "confirmed", "decided_at": "last Tuesday"},
        {"id": flood.total, "status": "false", "staus": "typo"},
        {"id": flood.total, "kind": "flag", "status": "false"},
        "not an object",
        {"id": flood.total, "status": "verified", "note": 42},
    ]
    path = tmp_path / "bad.json"
    path.write_text(json.dumps({"decisions": bad}))
    r = cli("review", "import", path, "--db", flood.db)
    assert r.exit_code == 2
    err = r.stderr
    assert "nothing imported" in err
    for n, what in [(2, "no claim 'c_0000000000000000'"), (3, "invalid claim status 'wrong'"),
                    (4, "a dismissal needs a 'reason'"), (5, "invalid flag status 'verified'"),
                    (6, "'decided_at' must be an ISO 8601 time"), (7, "unknown field(s) staus"),
                    (8, "kind 'flag' does not match the id"), (9, "expected an object"),
                    (10, "note must be text")]:
        assert f"entry {n}" in err and what in err, (n, what, err)
    assert "entry 1 " not in err
    assert flood.decisions() == []
    path.write_text("{not json")
    r = cli("review", "import", path, "--db", flood.db)
    assert r.exit_code == 2 and "not JSON" in r.stderr


def test_import_from_stdin_and_an_older_decision_does_not_become_current(flood):
    cli("review", "set", flood.total, "--status", "verified", "--db", flood.db)
    older = [{"id": flood.total, "status": "false", "reviewer": "desk", "decided_at": "2022-06-21T09:00:00Z"}]
    r = cli("review", "import", "-", "--db", flood.db, input=json.dumps(older))
    assert r.exit_code == 0, r.output
    assert [d.status for d in flood.decisions()] == ["false", "verified"]  # oldest first
    assert check_json(flood.db, flood.a_path)["claims"][0]["status"] == "verified"
    s = open_store(flood.db)
    assert s.reader().claim(flood.total).claim.status == "verified"
    s.close()


def test_export_latest_and_by_document(flood):
    cli("review", "set", flood.total, "--status", "in_progress", "--db", flood.db)
    cli("review", "set", flood.total, "--status", "verified", "--db", flood.db)
    cli("review", "set", flood.conflict_claim, "--status", "misleading", "--db", flood.db)
    data = json.loads(cli("review", "export", "--latest", "--db", flood.db).stdout)
    assert [d["status"] for d in data["decisions"]] == ["verified", "misleading"]
    data = json.loads(cli("review", "export", "--document", "flood-b.txt", "--db", flood.db).stdout)
    assert [d["id"] for d in data["decisions"]] == [flood.conflict_claim]
    r = cli("review", "export", "--document", "nope.txt", "--db", flood.db)
    assert r.exit_code == 2 and "no document 'nope.txt'" in r.stderr


# -- the interactive review (CliRunner: one key per line on stdin) -----------------------------------

def test_queue_is_most_severe_first_and_filterable(flood):
    s = open_store(flood.db)
    try:
        reader = s.reader()
        queue = [x.claim.id for x in review_queue(reader)]
        assert queue == [flood.parts, flood.conflict_claim, flood.hedged]  # error, warning, info
        assert flood.bridges not in queue and flood.total not in queue  # not flagged
        assert [x.claim.id for x in review_queue(reader, checker="hedge")] == [flood.hedged]
        assert [x.claim.id for x in review_queue(reader, document="flood-b.txt")] == [flood.conflict_claim]
        with pytest.raises(ReviewError, match="no document"):
            review_queue(reader, document="nope.txt")
    finally:
        s.close()


def test_interactive_review_saves_each_decision(flood):
    keys = "\n".join([
        "?",                               # help
        "n", "Checked with the service",   # a note on the first claim (the arithmetic error)
        "f",                               # mark it false -> next: the conflict warning
        "d", "Different counting periods",  # dismiss its conflict flag
    ])
    r = cli("review", "--db", flood.db, "--reviewer", "rita", input=keys + "\n")
    out = r.stdout
    assert r.exit_code == 0, r.output
    assert out.index(flood.parts) < out.index(flood.conflict_claim)
    assert "[v]erified  [f]alse" in out                                # help shown, not eaten as markup
    assert "» Of those, 150 people had been killed and 240 injured, the service said. «" in out
    assert "150 killed + 240 injured = 390" in out                      # its flag
    assert "saved: note on" in out and f"saved: {flood.parts} false by rita" in out
    decisions = flood.decisions()
    assert [(d.target_id, d.status, d.note, d.reviewer) for d in decisions[:2]] == [
        (flood.parts, "unreviewed", "Checked with the service", "rita"),
        (flood.parts, "false", None, "rita"),
    ]
    first_conflict = flood.b["claims"][0]["flags"][0]["id"]
    assert [(d.target_id, d.status, d.reason) for d in decisions[2:]] == [
        (first_conflict, "dismissed", "Different counting periods")]
    assert "decision" in out.splitlines()[-1] and "left in the queue" in out  # input ended: stopped, not lost


def test_interactive_dismiss_picks_a_flag_and_needs_a_reason(flood):
    # go to the hedged claim only; dismiss without reason is refused, then with a reason
    keys = ["d", "", "d", "The service's own forecast", "q"]
    r = cli("review", "--db", flood.db, "--checker", "hedge", input="\n".join(keys) + "\n")
    assert r.exit_code == 0, r.output
    assert "not dismissed: a reason is required" in r.stdout
    assert [(d.target_id, d.status, d.reason) for d in flood.decisions()] == [
        (flood.hedge_flag, "dismissed", "The service's own forecast")]
    assert "queue done" in r.stdout  # dismissing its only flag took the claim out of the queue
    r = cli("review", "--db", flood.db, "--checker", "hedge", input="q\n")
    assert "nothing to review" in r.stdout


def test_interactive_shows_related_claims_from_other_documents(flood):
    r = cli("review", "--db", flood.db, "--document", "flood-b.txt", input="s\n")
    assert r.exit_code == 0
    assert "Related claims in other documents" in r.stdout
    assert "flood-a.txt" in r.stdout and "410 casualties" in r.stdout


def test_interactive_quit_and_resume_loses_nothing(flood):
    r = cli("review", "--db", flood.db, input="v\nq\n")
    assert "1 decision saved; 2 claims left in the queue" in r.stdout
    r = cli("review", "--db", flood.db, input="s\ne\n")  # resumes with what is left; skip, then unverifiable (e)
    assert flood.parts not in r.stdout
    assert [d.status for d in flood.decisions()] == ["verified", "unverifiable"]
    assert "1 decision saved; 1 claim left in the queue" in r.stdout  # the skipped one


def test_interactive_needs_the_store(tmp_path):
    r = cli("review", "--db", tmp_path / "none.db", input="q\n")
    assert r.exit_code == 4


# -- the store methods behind it (SQLite and PostgreSQL) --------------------------------------------

def test_record_decisions_is_one_transaction(flood):
    s = open_store(flood.db)
    try:
        with pytest.raises(StoreError, match="neither a claim id"):
            s.record_decisions([{"target_id": flood.total, "status": "verified"},
                                {"target_id": "x_1", "status": "verified"}])
        assert s.reader().decisions() == []
        ids = s.record_decisions([
            {"target_id": flood.total, "status": "verified", "reviewer": "a"},
            {"target_id": flood.sum_flag, "status": "dismissed", "reason": "r",
             "decided_at": dt.datetime(2022, 6, 22, tzinfo=dt.timezone.utc)},
        ])
        assert len(ids) == 2
        assert s.reader().claim(flood.total).claim.status == "verified"
        assert s.reader().find_flags(flood.sum_flag)[0].flag.status == "dismissed"
    finally:
        s.close()


def test_load_document_rebuilds_what_check_printed(flood):
    s = open_store(flood.db)
    try:
        reader = s.reader()
        info = reader.find_documents("flood-a.txt")[0]
        doc = reader.load_document(info)
        assert doc.text == FLOOD_A
        dumped = json.loads(doc.model_dump_json())
        for key in ("path", "sha256", "title", "published", "paragraphs", "skipped", "claims"):
            assert dumped[key] == flood.a[key], key
        assert reader.load_document(10_000) is None
        assert [d.id for d in reader.documents_with_claims(checker="arithmetic")] == [info.id]
        assert reader.decisions_for([flood.total]) == []
        with pytest.raises(StoreError, match="ambiguous"):
            reader.find_flags("f_")
    finally:
        s.close()


def test_document_level_flag_on_several_documents_needs_document(store_url, tmp_path):  # noqa: F811
    """Undated bulletins get the same document-level 'no date' flag id: the decision names its document."""
    text1 = "The port authority said 12 dock workers had been killed so far.\n"
    text2 = "The port authority said 14 dock workers had been killed so far.\n"
    ids = []
    for n, text in enumerate((text1, text2)):
        p = tmp_path / f"port-{n}.txt"
        p.write_text(text)
        doc = check_json(store_url, p)
        ids.append([f["id"] for f in doc["flags"]])
    assert ids[0] and ids[0] == ids[1]
    flag = ids[0][0]
    r = cli("review", "dismiss", flag, "--reason", "undated on purpose", "--db", store_url)
    assert r.exit_code == 2 and "is on 2 documents" in r.stderr and "give --document" in r.stderr
    r = cli("review", "dismiss", flag, "--reason", "undated on purpose", "--document", "port-0.txt", "--db", store_url)
    assert r.exit_code == 0, r.output
    first = check_json(store_url, tmp_path / "port-0.txt")
    second = check_json(store_url, tmp_path / "port-1.txt")
    assert first["flags"][0]["status"] == "dismissed" and second["flags"][0]["status"] is None
