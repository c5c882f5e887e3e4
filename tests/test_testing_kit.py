"""The test kit (``claims.testing``, a pytest11 plugin): fixtures, helpers, isolation, and the
examples of ``docs/plugins/testing.md`` run as a test module of their own."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from claims import Flag, hookimpl
from claims.testing import PluginFailed, builtin_checkers, run_check

ROOT = Path(__file__).resolve().parent.parent
TESTING_DOC = ROOT / "docs" / "plugins" / "testing.md"
EXAMPLE = ROOT / "docs" / "examples" / "claims-anonymous-sources"


class Unnamed:
    @hookimpl
    def check_claim(self, claim):
        if claim.source and claim.source.name.lower().endswith("officials"):
            return Flag(checker="unnamed", code="unnamed", severity="warning", message="unnamed officials")


class Broken:
    @hookimpl
    def check_claim(self, claim):
        raise RuntimeError("lexicon file missing")


TEXT = "Officials said 40 people died. The ministry said it was likely an accident. Mayor Vitali Klitschko said 3 bridges fell."


def test_helpers(claims_run):
    doc = claims_run(TEXT, plugins=[Unnamed()])
    assert doc.flags_by("unnamed") == ["unnamed"]
    assert doc.flagged("unnamed") == ["Officials said 40 people died."]
    assert doc.flag("unnamed").severity == "warning"
    assert doc.messages("unnamed") == ["unnamed officials"]
    assert [f.code for f in doc.flags_of("hedge")] == ["hedged"]
    assert doc.flags_of("unnamed", code="other") == []
    assert doc.sources() == ["officials", "ministry", "vitali-klitschko"]
    data = doc.json()
    assert data["claims"][0]["flags"][0]["code"] == "unnamed" and "text" not in data
    assert len(doc.claims) == 3 and doc.summary.claims == 3  # the document's own attributes
    with pytest.raises(AssertionError, match="expected one flag from 'hedge' with code 'nope', got 0"):
        doc.flag("hedge", "nope")
    assert "claims=3" in repr(doc)


def test_builtins_off_keeps_only_your_flags(claims_run):
    assert set(builtin_checkers()) >= {"hedge", "arithmetic"}
    doc = claims_run(TEXT, plugins=[Unnamed()], builtins=False)
    assert {f.checker for f in doc.flags} == {"unnamed"}
    assert doc.sources()[2] == "vitali-klitschko"  # attribution and sources still run


def test_plugins_as_pairs_files_and_repeated_classes(claims_run, tmp_path):
    path = tmp_path / "caps.py"
    path.write_text("from claims import Flag, hookimpl\n\n@hookimpl\ndef check_claim(claim):\n"
                    "    if claim.text.isupper():\n"
                    "        return Flag(checker='caps', code='all-caps', message='capitals')\n", "utf-8")
    text = "Officials said so. THE MINISTRY SAID NOTHING."
    doc = claims_run(text, plugins=[("first", Unnamed()), Unnamed(), Unnamed(), path])
    assert doc.flags_by("caps") == ["all-caps"]
    assert doc.flags_by("unnamed") == ["unnamed"] * 3
    again = claims_run(text, plugins=[str(path), Unnamed(), Unnamed(), Unnamed()])
    assert again.flags_by("unnamed") == ["unnamed"] * 3 and again.flags_by("caps") == ["all-caps"]


def test_a_raising_plugin_fails_the_test_with_its_traceback(claims_run):
    with pytest.raises(PluginFailed) as info:
        claims_run("Officials said so.", plugins=[Broken()])
    assert "plugin 'Broken' raised in check_claim on claim c_" in str(info.value)
    assert "RuntimeError: lexicon file missing" in str(info.value) and "Traceback" in str(info.value)
    doc = claims_run("Officials said so.", plugins=[Broken()], raise_errors=False)
    assert [e.plugin for e in doc.errors] == ["Broken"]


def test_config_and_disable(claims_run):
    text = "The ministry said the attack was likely planned."
    assert claims_run(text, config={"plugins": {"hedge": {"severity": "error"}}}).flag("hedge").severity == "error"
    assert claims_run(text, disable=["hedge"]).flags_by("hedge") == []


def test_a_file_and_published(claims_run, tmp_path):
    path = tmp_path / "b.txt"
    path.write_text("title: Flood\n\nOfficials said 40 people died on Monday.\n", "utf-8")
    doc = claims_run(path, plugins=[Unnamed()], published="2022-06-14")
    assert doc.path == str(path) and doc.title == "Flood" and doc.published == "2022-06-14"
    assert doc.claims[0].dates[0].date == "2022-06-13"


def test_isolation(claims_run, tmp_path):
    assert os.environ["CLAIMS_LOAD_ENTRYPOINTS"] == "0"
    assert Path.cwd() == tmp_path
    for var in ("CLAIMS_PLUGINS", "CLAIMS_CONFIG", "CLAIMS_DB", "CLAIMS_DISABLE"):
        assert var not in os.environ


def test_user_configuration_is_not_read(claims_run, tmp_path):
    (tmp_path / "claims.toml").write_text('[plugins.hedge]\nscale = "astrology"\n', "utf-8")
    assert claims_run("The ministry said it was likely.").flags_by("hedge") == ["hedged"]


class WentDown:
    @hookimpl
    def check_claim(self, claim, document, store):
        if store is None:
            return None
        for q in claim.quantities:
            earlier = store.quantities_for(q.measure, exclude_document=document.sha256) if q.measure else []
            if any(e.value > q.value for e in earlier):
                return Flag(checker="went-down", code="figure-went-down", message=f"{q.text} is lower")


def test_store_sees_earlier_documents(claims_run, claims_store):
    first = claims_run("The ministry said 40 people died.", path="monday.txt", published="2022-06-13",
                       plugins=[WentDown()], store=claims_store)
    assert first.saved.status == "new" and first.flags_by("went-down") == []
    doc = claims_run("The ministry said 35 people died.", path="tuesday.txt", published="2022-06-14",
                     plugins=[WentDown()], store=claims_store)
    assert doc.flags_by("went-down") == ["figure-went-down"]
    assert {d.path for d in claims_store.reader().documents()} == {"monday.txt", "tuesday.txt"}


def test_a_reader_is_read_but_not_written(claims_run, claims_store):
    claims_run("The ministry said 40 people died.", path="a.txt", store=claims_store)
    doc = claims_run("The ministry said 35 people died.", path="b.txt", plugins=[WentDown()],
                     store=claims_store.reader())
    assert doc.flags_by("went-down") == ["figure-went-down"] and doc.saved is None
    assert [d.path for d in claims_store.reader().documents()] == ["a.txt"]


def test_store_is_private_to_the_test(claims_store, tmp_path):
    assert Path(str(claims_store.url).split("///")[-1]).resolve().is_relative_to(tmp_path.resolve()) \
        or str(tmp_path) in claims_store.url
    assert claims_store.reader().documents() == []


class CsvFormat:
    @hookimpl
    def register_formats(self, register):
        register("codes", lambda report, options: ",".join(
            f.code for d in report.documents for c in d.claims for f in c.flags))


class Hello:
    @hookimpl
    def register_commands(self, cli):
        @cli.command("hello")
        def hello(name: str = "desk"):
            print(f"hello {name}")


def test_cli_with_plugin_objects(claims_cli, tmp_path):
    (tmp_path / "b.txt").write_text("Officials said 40 people died.\n", "utf-8")
    res = claims_cli("check", "--no-store", "-f", "codes", "b.txt", plugins=[CsvFormat(), Unnamed()])
    assert res.exit_code == 0, res.stderr
    assert res.stdout.strip() == "unnamed"
    assert claims_cli("check", "--no-store", "--fail-on", "warning", "b.txt", plugins=[Unnamed()]).exit_code == 1
    assert claims_cli("check", "--no-store", "--fail-on", "warning", "b.txt").exit_code == 0
    listed = {p["name"]: p for p in json.loads(claims_cli("plugins", "-f", "json", plugins=[("unnamed", Unnamed())]).stdout)}
    assert listed["unnamed"]["hooks"] == ["check_claim"]


def test_cli_commands_from_plugins_stay_in_their_call(claims_cli):
    res = claims_cli("hello", "--name", "night desk", plugins=[Hello()])
    assert res.exit_code == 0 and res.stdout.strip() == "hello night desk"
    assert claims_cli("hello").exit_code == 2  # the shared app never got the command


def test_cli_plugin_files_env_and_input(claims_cli, tmp_path):
    path = tmp_path / "shout.py"
    path.write_text("from claims import Flag, hookimpl\n\n@hookimpl\ndef check_claim(claim):\n"
                    "    return Flag(checker='shout', code='every', message='x')\n", "utf-8")
    res = claims_cli("check", "--no-store", "-f", "json", "-", input="One. Two.\n", plugins=[path])
    assert [f["code"] for c in json.loads(res.stdout)["documents"][0]["claims"] for f in c["flags"]] == ["every"] * 2
    (tmp_path / "b.txt").write_text("The ministry said it was likely.\n", "utf-8")
    assert claims_cli("check", "--no-store", "--fail-on", "info", "b.txt").exit_code == 1
    assert claims_cli("check", "--no-store", "--fail-on", "info", "b.txt", env={"CLAIMS_DISABLE": "x"}).exit_code == 1
    assert "CLAIMS_DISABLE" not in os.environ


def test_kit_is_registered_as_a_pytest_plugin():
    from importlib.metadata import entry_points
    assert "claims.testing" in {ep.value for ep in entry_points(group="pytest11") if ep.name == "claims"}


def test_run_check_without_fixtures():
    assert run_check("Officials said so.", plugins=[Unnamed()], builtins=False).flags_by("unnamed") == ["unnamed"]


# -- the guide's examples, run as a test module ---------------------------------------------------

PRELUDE = '''
import json

import pytest

import claims_anonymous_sources as plugin
from claims import Flag, hookimpl

BULLETIN = """\\
Emergency services said 14 people had been rescued from the flooded district by Tuesday evening.
Officials said the dam upstream had been inspected in March.
Mayor Vitali Klitschko said two districts of the city were without power.
People familiar with the matter said repairs could take several weeks.
"""


class csv_plugin:
    @hookimpl
    def register_formats(register):
        register("flags-csv", lambda report, options: "document,line,checker,code,severity,message")


class command_plugin:
    @hookimpl
    def register_commands(cli):
        @cli.command("unnamed")
        def unnamed(path: str):
            """Print unnamed claims."""
'''


def test_the_guides_examples_pass(tmp_path):
    blocks = re.findall(r"^```python\n(.*?)^```$", TESTING_DOC.read_text("utf-8"), re.M | re.S)
    tests = [b for b in blocks if "def test_" in b or "class " in b]
    assert len(tests) >= 8, "testing.md lost its examples"
    module = PRELUDE + "\n\n".join(tests)
    # the examples share a few names across blocks; each must still be a valid module top level
    (tmp_path / "test_guide.py").write_text(module, "utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith("CLAIMS_")}
    env.update(PYTHONDONTWRITEBYTECODE="1", CLAIMS_LOAD_ENTRYPOINTS="0",
               PYTHONPATH=os.pathsep.join([str(EXAMPLE), *filter(None, [os.environ.get("PYTHONPATH")])]))
    res = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "test_guide.py",
                          "-k", "not test_is_found_when_installed"],
                         cwd=tmp_path, capture_output=True, text=True, env=env, timeout=300)
    assert res.returncode == 0, res.stdout + res.stderr
    count = len(re.findall(r"^def test_", module, re.M)) - 1
    assert re.search(rf"\b{count} passed\b", res.stdout), res.stdout
