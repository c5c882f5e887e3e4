"""``claims list``, ``show``, ``sources`` and ``history`` through the real command line (CliRunner), on
SQLite and PostgreSQL."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from claims.check import run_checks
from claims.cli import app
from claims.config import Settings
from claims.models import Claim
from claims.plugin_manager import make_plugin_manager
from claims.plugins import conflict, store_commands
from conftest_store import (  # noqa: F401 - fixtures
    BULLETIN_UN, C, D, Q, make_doc, pipeline_or_skip, store_url, un_report,
)
from claims.db import open_store

store_commands.register_commands(app)  # what claims.cli.main does through the register_commands hook
runner = CliRunner()


def invoke(*args, env=None):
    result = runner.invoke(app, [str(a) for a in args], env=env, catch_exceptions=False)
    return result


def _checked(doc, reader):
    pm = make_plugin_manager(builtins=False, load_entrypoints=False, extra=[("conflict", conflict)])
    settings = Settings()
    settings.declare("conflict", conflict.ConflictSettings)
    run_checks(pm, doc, reader, settings)
    return doc


@pytest.fixture
def filled(store_url):
    """A store with a UN report, a later lower one, and another source's different figure."""
    s = open_store(store_url)
    docs = {}
    try:
        for name, doc in [
            ("un", un_report("reports/un-0607.txt", "2022-06-07", 7120, 3050, 4070, children=190)),
            ("lower", un_report("reports/un-0614.txt", "2022-06-14", 6870, 2960, 3910)),
            # the same day as the UN's report: a higher running total a week later would be growth, not conflict
            ("kyiv", make_doc("kyiv.txt", "2022-06-07", [C(
                "Ukraine's prosecutor general's office said at least 236 children had been killed since the start of the war.",
                "ukraine-prosecutor-general", [Q("236", "children.killed", low=236, qualifier="at least")],
                [D("since the start of the war", None)])])),
        ]:
            docs[name] = _checked(doc, s.reader())
            s.save(doc)
    finally:
        s.close()
    return store_url, docs


def test_commands_are_registered_once():
    names = [c.name for c in app.registered_commands]
    store_commands.register_commands(app)
    assert [c.name for c in app.registered_commands] == names
    assert {"list", "show", "sources", "history"} <= set(names)


def test_list_table(filled):
    url, docs = filled
    r = invoke("list", "--db", url)
    assert r.exit_code == 0, r.output
    for doc in docs.values():
        assert doc.claims[0].id in r.stdout
    assert "UN OHCHR" in r.stdout and "conflict-over" in r.stdout


def test_list_honours_force_color_and_no_color(filled):
    url, _ = filled
    forced = invoke("list", "--db", url, env={"FORCE_COLOR": "1", "NO_COLOR": ""})
    plain = invoke("list", "--db", url, env={"NO_COLOR": "1", "FORCE_COLOR": ""})
    assert "\x1b[" in forced.stdout and "\x1b[" not in plain.stdout
    assert "UN OHCHR" in plain.stdout


def test_list_json_has_the_shape_of_claims_check(filled):
    url, docs = filled
    r = invoke("list", "--db", url, "--format", "json", "--limit", "0")
    assert r.exit_code == 0
    items = json.loads(r.stdout)
    want = {c.id: c for d in docs.values() for c in d.claims}
    assert len(items) == len(want)
    for item in items:
        doc = item.pop("document")
        assert set(doc) >= {"path", "sha256", "published"}
        claim = Claim.model_validate(item)
        original = want[claim.id]
        assert claim.model_dump(exclude={"source", "flags"}) == original.model_dump(exclude={"source", "flags"})
        assert [f.id for f in claim.flags] == [f.id for f in original.flags]


@pytest.mark.parametrize("args,expect", [
    (["--source", "UN OHCHR"], {"un": 4, "lower": 3}),
    (["--source", "ukraine-prosecutor-general"], {"kyiv": 1}),
    (["--flagged"], {"lower": 4, "kyiv": 1}),   # 2 conflicts + 2 claims that repeat the UN's (same-claim, info)
    (["--checker", "conflict"], {"lower": 2, "kyiv": 1}),
    (["--checker", "hedge"], {}),
    (["--since", "2022-06-10"], {"lower": 4}),
    (["--document", "un-0607.txt"], {"un": 5}),
    (["--measure", "children.killed"], {"un": 1, "kyiv": 1}),
])
def test_list_filters(filled, args, expect):
    url, docs = filled
    r = invoke("list", "--db", url, "--format", "json", *args)
    assert r.exit_code == 0, r.output
    got: dict[str, int] = {}
    for item in json.loads(r.stdout):
        name = next(k for k, d in docs.items() if d.sha256 == item["document"]["sha256"])
        got[name] = got.get(name, 0) + 1
    assert got == expect


def test_list_limit_says_what_was_left_out(filled):
    url, _ = filled
    r = invoke("list", "--db", url, "--limit", "2")
    assert r.exit_code == 0
    assert "showing 2 of 10 claims (--limit 0 for all)" in r.stderr


def test_list_refuses_a_bad_date(filled):
    url, _ = filled
    r = invoke("list", "--db", url, "--since", "yesterday")
    assert r.exit_code == 2 and "--since must be a date" in r.stderr


def test_show_claim_in_its_paragraph_with_flags_and_related(filled):
    url, docs = filled
    target = docs["kyiv"].claims[0]
    r = invoke("show", "--db", url, target.id[:10])
    assert r.exit_code == 0, r.output
    out = r.stdout
    assert target.id in out and "kyiv.txt" in out and "published 2022-06-07" in out
    assert "at least 236 children had been killed" in out
    assert "[conflict] UN OHCHR says 190 children killed (un-0607.txt, 2022-06-07)" in out
    assert "Related claims in other documents" in out
    assert docs["un"].claims[2].id in out  # the UN's 190 children
    assert "cumulative" in out and "[236, ∞]" in out


def test_show_json(filled):
    url, docs = filled
    target = docs["un"].claims[1]
    r = invoke("show", "--db", url, target.id, "--format", "json")
    assert r.exit_code == 0
    out = json.loads(r.stdout)
    assert out["claim"]["id"] == target.id and out["document"]["path"] == "reports/un-0607.txt"
    assert "Of that number 3,050 had been killed" in out["paragraph"]
    assert {f["measure"] for f in out["figures"]} == {"killed", "injured"}
    related = {x["id"]: x["relation"] for x in out["related"]}
    assert related == {docs["lower"].claims[1].id: "different figure"}


def test_show_unknown_claim(filled):
    url, _ = filled
    r = invoke("show", "--db", url, "c_doesnotexist")
    assert r.exit_code == 2 and "no claim 'c_doesnotexist'" in r.stderr


def test_sources_with_claim_counts(filled):
    url, _ = filled
    r = invoke("sources", "--db", url, "--format", "json")
    assert r.exit_code == 0
    by_id = {s["id"]: s for s in json.loads(r.stdout)}
    assert (by_id["un-ohchr"]["claims"], by_id["un-ohchr"]["documents"]) == (7, 2)
    assert by_id["ukraine-prosecutor-general"]["last_published"] == "2022-06-07"
    table = invoke("sources", "--db", url).stdout
    assert "UN OHCHR" in table and "Prosecutor General of Ukraine" in table


def test_history_table_chart_and_json(filled):
    url, _ = filled
    r = invoke("history", "killed", "--db", url, "--source", "un-ohchr")
    assert r.exit_code == 0, r.output
    out = r.stdout
    assert "2022-06-07" in out and "2022-06-14" in out and "3,050" in out and "2,960" in out
    assert "█" in out and "↓ lower" in out  # a bar chart; the running total that fell is marked
    assert "UN OHCHR" in out and "3,050 → 2,960" in out  # the sparkline line
    rows = json.loads(invoke("history", "deaths", "--db", url, "--format", "json").stdout)
    assert [(x["date"], x["value"]) for x in rows] == [("2022-06-07", 3050), ("2022-06-14", 2960)]


def test_history_without_a_measure_lists_measures(filled):
    url, _ = filled
    out = json.loads(invoke("history", "--db", url, "--format", "json").stdout)
    assert {"measure": "children.killed", "figures": 2} in out


def test_history_of_an_unknown_measure(filled):
    url, _ = filled
    r = invoke("history", "bananas", "--db", url)
    assert r.exit_code == 2 and "no figures for 'bananas'" in r.stderr


def test_bars_and_sparklines():
    assert store_commands.bar(5, 10, 4) == "██"
    assert store_commands.bar(0, 10) == ""
    assert store_commands.sparkline([1, 2, 3]) == "▁▅█"
    assert store_commands.sparkline([4, 4]) == "▅▅"


# -- where the store is ------------------------------------------------------------------------------

@pytest.mark.parametrize("command", ["list", "sources", "history"])
def test_missing_store_is_an_error_not_created(tmp_path, command):
    r = invoke(command, "--db", tmp_path / "missing.db")
    assert r.exit_code == 4
    assert "missing.db: no such file" in r.stderr
    assert not (tmp_path / "missing.db").exists()


def test_store_from_env_and_config(filled, tmp_path):
    url, docs = filled
    r = invoke("list", "--format", "json", env={"CLAIMS_DB": url})
    assert r.exit_code == 0 and len(json.loads(r.stdout)) == 10
    (tmp_path / "claims.toml").write_text(f'db = "{url}"\n')
    r = invoke("sources", "--format", "json", "--config", tmp_path / "claims.toml")
    assert r.exit_code == 0 and json.loads(r.stdout)


def test_check_twice_adds_nothing_to_list(store_url, tmp_path):
    pipeline_or_skip()
    path = tmp_path / "bulletin.txt"
    path.write_text(BULLETIN_UN, encoding="utf-8")
    r1 = invoke("check", "--db", store_url, "--published", "2022-06-07", "--fail-on", "never", path)
    assert r1.exit_code == 0, r1.output
    first = json.loads(invoke("list", "--db", store_url, "--format", "json", "--limit", "0").stdout)
    r2 = invoke("check", "--db", store_url, "--published", "2022-06-07", "--fail-on", "never", path)
    assert r2.exit_code == 0
    second = json.loads(invoke("list", "--db", store_url, "--format", "json", "--limit", "0").stdout)
    assert len(second) == len(first) > 0 and [c["id"] for c in first] == [c["id"] for c in second]
    r3 = invoke("check", "--db", store_url, "--no-store", "--published", "2022-06-07", "--fail-on", "never", path)
    assert r3.exit_code == 0


def test_no_store_leaves_no_file(tmp_path):
    pipeline_or_skip()
    path = tmp_path / "bulletin.txt"
    path.write_text(BULLETIN_UN, encoding="utf-8")
    r = invoke("check", "--no-store", "--fail-on", "never", path)
    assert r.exit_code == 0 and not (tmp_path / "claims.db").exists()
    r = invoke("check", "--fail-on", "never", path)  # default: ./claims.db
    assert r.exit_code == 0 and (tmp_path / "claims.db").exists()
