"""Decisions survive edits: a claim keeps its id, status and flags' dismissals when its sentence survives
an edit of its document (an added blank line, another sentence rewritten); the audit trail says which
version a decision was carried from (SQLite and PostgreSQL)."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from claims.cli import get_app
from claims.db import open_store
from claims.models import ClaimIds
from conftest_store import store_url  # noqa: F401 - fixture

runner = CliRunner()

BULLETIN = """published: 2022-06-21
title: Flood update

The regional emergency service said on Tuesday it had recorded 410 casualties since the floods began on June 2. Of those, 150 people had been killed and 240 injured, the service said. Rescue teams would likely reach the last villages by Friday, the service added.

The governor said 37 bridges had been destroyed in the region since June 2.
"""
EDITED = ("\n" + BULLETIN).replace("37 bridges", "41 bridges").replace("on Tuesday", "on Tuesday  ")


def cli(*args):
    return runner.invoke(get_app(), [str(a) for a in args], catch_exceptions=False)


def check(db, path, *extra):
    r = cli("check", "--db", db, "--format", "json", *extra, path)
    return r.exit_code, json.loads(r.stdout)["documents"][0]


def test_an_edit_keeps_the_decisions_on_unchanged_sentences(store_url, tmp_path):
    path = tmp_path / "flood.txt"
    path.write_text(BULLETIN, encoding="utf-8")
    code, first = check(store_url, path, "--fail-on", "error")
    assert code == 1  # the parts (150 + 240) do not add up to 410
    parts, hedged = first["claims"][1], first["claims"][2]
    sum_flag = next(f for f in parts["flags"] if f["severity"] == "error")
    assert cli("review", "dismiss", sum_flag["id"], "--reason", "missing people are counted too",
               "--db", store_url).exit_code == 0
    assert cli("review", "set", hedged["id"], "--status", "verified", "--db", store_url).exit_code == 0

    path.write_text(EDITED, encoding="utf-8")
    code, second = check(store_url, path, "--fail-on", "error")
    assert code == 0, "the dismissed flag came back open"
    by_id = {c["id"]: c for c in second["claims"]}
    assert by_id[parts["id"]]["text"] == parts["text"] and by_id[parts["id"]]["start"] != parts["start"]
    assert by_id[hedged["id"]]["status"] == "verified"
    flag = next(f for f in by_id[parts["id"]]["flags"] if f["id"] == sum_flag["id"])
    assert flag["status"] == "dismissed"
    assert "41 bridges" in second["claims"][3]["text"] and second["claims"][3]["id"] != first["claims"][3]["id"]

    s = open_store(store_url)
    try:
        reader = s.reader()
        v1, v2 = sorted(reader.documents(path=str(path)), key=lambda d: d.version)
        carried = [d for d in reader.decisions() if d.carried_from]
        assert {(d.target_id, d.status) for d in carried} == {(sum_flag["id"], "dismissed"), (hedged["id"], "verified")}
        assert {(d.carried_from, d.document_sha256) for d in carried} == {(v1.sha256, v2.sha256)}
        assert reader.claim(hedged["id"]).document.id == v2.id  # the newest version's claim
        shown = cli("show", hedged["id"], "--db", store_url).stdout
        assert "verified by" in shown and f"[carried from {v1.sha256[:12]}]" in shown
        # both versions keep their own claims and figures
        assert len(reader.load_document(v1).claims) == len(reader.load_document(v2).claims) == 4
        assert [q.text for q in reader.quantities_of(parts["id"])] == ["150", "240"]
    finally:
        s.close()


def test_claim_ids_do_not_depend_on_offsets_or_other_sentences():
    a, b = ClaimIds(), ClaimIds()
    assert a("Of those, 150 people had been killed.", "x") == b("Of  those, 150 people\nhad been killed.", "x")
    assert a("Repeated.", None) != a("Repeated.", None)  # the second of two equal sentences is another claim
    assert ClaimIds()("Repeated.", None) != ClaimIds()("Repeated.", "someone")


def test_a_nul_in_the_text_is_stored_visible(store_url, tmp_path):
    path = tmp_path / "nul.txt"
    path.write_text("The ministry said 3 people were killed. " * 250 + "The governor said 4\x00 bridges fell.\n",
                    encoding="utf-8")
    code, doc = check(store_url, path, "--fail-on", "never")
    assert code == 0
    s = open_store(store_url)
    try:
        stored = s.reader().load_document(s.reader().documents()[0])
        assert "\x00" not in stored.text and "4\u2400 bridges" in stored.text
        assert len(stored.text) == len(path.read_text(encoding="utf-8"))  # one for one: offsets still hold
        assert [c.text for c in stored.claims][-1] == "The governor said 4\u2400 bridges fell."
    finally:
        s.close()
