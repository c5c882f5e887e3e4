"""The plugin framework: local files, entry points, --disable, crashing and invalid plugins."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from claims import Flag, hookimpl
from claims.plugin_manager import PluginError, make_plugin_manager

TEXT = "Officials said 40 people died in the flooding. The agency said rescue work continues.\n"

QUOTECOUNT = '''
from claims import hookimpl, Flag

@hookimpl
def check_claim(claim):
    if "Officials said" in claim.text:
        return Flag(checker="anonymous", code="anonymous-source", severity="warning",
                    message="attributed to unnamed officials")
'''


def test_local_plugin_file_flag_and_disable(claims_cli, tmp_path):
    plugin = tmp_path / "anonymous.py"
    plugin.write_text(QUOTECOUNT, "utf-8")
    doc = tmp_path / "b.txt"
    doc.write_text(TEXT, "utf-8")
    res = claims_cli("check", "--no-store", "-f", "json", "--plugin", str(plugin), str(doc))
    flags = [f for c in json.loads(res.stdout)["documents"][0]["claims"] for f in c["flags"]]
    assert [f["code"] for f in flags if f["checker"] == "anonymous"] == ["anonymous-source"]
    res = claims_cli("check", "--no-store", "-f", "json", "--plugin", str(plugin), "--disable", "anonymous", str(doc))
    flags = [f for c in json.loads(res.stdout)["documents"][0]["claims"] for f in c["flags"]]
    assert not [f for f in flags if f["checker"] == "anonymous"]


def test_builtins_can_be_disabled(claims_run):
    text = "The ministry said the attack was likely planned."
    assert claims_run(text).flags_by("hedge") == ["hedged"]
    assert claims_run(text, disable=["hedge"]).flags_by("hedge") == []


def test_raising_plugin_is_reported_and_others_still_run(claims_cli, tmp_path):
    plugin = tmp_path / "broken.py"
    plugin.write_text(textwrap.dedent('''
        from claims import hookimpl
        @hookimpl
        def check_claim(claim):
            raise RuntimeError("lexicon file missing")
    '''), "utf-8")
    doc = tmp_path / "b.txt"
    doc.write_text("The ministry said the attack was likely planned.\n", "utf-8")
    res = claims_cli("check", "--no-store", "-f", "json", "--plugin", str(plugin), str(doc))
    assert res.exit_code == 3
    assert "plugin 'broken' failed in check_claim on claim c_" in res.stderr
    assert "RuntimeError: lexicon file missing" in res.stderr
    report = json.loads(res.stdout)
    assert [f["checker"] for c in report["documents"][0]["claims"] for f in c["flags"]] == ["hedge"]
    assert report["documents"][0]["errors"][0]["plugin"] == "broken"
    verbose = claims_cli("check", "--no-store", "-v", "--plugin", str(plugin), str(doc))
    assert "Traceback" in verbose.stderr


def test_unknown_hook_is_refused_naming_plugin_and_hook(claims_cli, tmp_path):
    plugin = tmp_path / "typo.py"
    plugin.write_text("from claims import hookimpl\n@hookimpl\ndef check_claims(claim):\n    pass\n", "utf-8")
    res = claims_cli("plugins", "--plugin", str(plugin))
    assert res.exit_code == 3
    assert "plugin 'typo' implements unknown hook 'check_claims'" in res.stderr


def test_plugin_with_wrong_argument_is_refused():
    class Bad:
        @hookimpl
        def check_claim(self, claim, weather):
            return None
    with pytest.raises(PluginError, match="weather"):
        make_plugin_manager(extra=[("bad", Bad())], load_entrypoints=False)


def test_plugins_lists_builtins_with_hooks(claims_cli):
    res = claims_cli("plugins", "--format", "json")
    infos = {p["name"]: p for p in json.loads(res.stdout)}
    assert {"hedge", "arithmetic", "sources", "segmenter", "json", "terminal", "sarif"} <= set(infos)
    assert infos["hedge"]["origin"] == "builtin" and "check_claim" in infos["hedge"]["hooks"]


def test_plugin_settings_are_validated(claims_cli, tmp_path):
    (tmp_path / "claims.toml").write_text('[plugins.hedge]\nscale = "astrology"\n', "utf-8")
    doc = tmp_path / "b.txt"
    doc.write_text(TEXT, "utf-8")
    res = claims_cli("check", "--no-store", str(doc))
    assert res.exit_code == 2
    assert "invalid settings for plugin 'hedge': scale:" in res.stderr


def test_plugin_settings_change_behaviour(claims_run):
    text = "The ministry said the attack was likely planned."
    doc = claims_run(text, config={"plugins": {"hedge": {"scale": "icd203"}}})
    assert doc.claims[0].hedges[0].high == 0.80


def test_entry_point_plugin_is_loaded_listed_and_disabled(tmp_path):
    """A real installed distribution (dist-info on sys.path) with an entry point in group 'claims'."""
    site = tmp_path / "site"
    (site / "claims_anonymous").mkdir(parents=True)
    (site / "claims_anonymous" / "__init__.py").write_text(QUOTECOUNT, "utf-8")
    info = site / "claims_anonymous-1.2.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: claims-anonymous\nVersion: 1.2.0\n", "utf-8")
    (info / "entry_points.txt").write_text("[claims]\nanonymous = claims_anonymous\n", "utf-8")
    doc = tmp_path / "b.txt"
    doc.write_text(TEXT, "utf-8")
    env = {**os.environ, "PYTHONPATH": str(site), "CLAIMS_LOAD_ENTRYPOINTS": "1"}

    def run(*args):
        return subprocess.run([sys.executable, "-m", "claims", *args], capture_output=True, text=True, env=env,
                              cwd=tmp_path)

    res = run("check", "--no-store", "-f", "json", str(doc))
    flags = [f for c in json.loads(res.stdout)["documents"][0]["claims"] for f in c["flags"]]
    assert [f["code"] for f in flags if f["checker"] == "anonymous"] == ["anonymous-source"]
    listed = {p["name"]: p for p in json.loads(run("plugins", "--format", "json").stdout)}
    assert listed["anonymous"]["origin"] == "entrypoint" and listed["anonymous"]["version"] == "1.2.0"
    assert listed["anonymous"]["hooks"] == ["check_claim"]
    res = run("check", "--no-store", "-f", "json", "--disable", "anonymous", str(doc))
    flags = [f for c in json.loads(res.stdout)["documents"][0]["claims"] for f in c["flags"]]
    assert not [f for f in flags if f["checker"] == "anonymous"]


def test_plugin_registers_sources_and_formats(claims_run):
    class Plugin:
        @hookimpl
        def register_sources(self, register):
            register(id="kyiv-city-admin", name="Kyiv City Military Administration",
                     aliases=["Kyiv city administration"], kind="government", country="UA")

    doc = claims_run("The Kyiv city administration said 3 people were hurt.", plugins=[Plugin()])
    assert doc.sources() == ["kyiv-city-admin"]


def test_flag_ids_are_stable_and_filled():
    f = Flag(checker="x", code="y", message="m", claim_id="c_1").with_id()
    g = Flag(checker="x", code="y", message="other words", claim_id="c_1").with_id()
    assert f.id == g.id and f.id.startswith("f_")


def test_document_hooks_settings_and_segmenter(claims_run):
    from pydantic import BaseModel

    class QuoteSettings(BaseModel):
        min_quotes: int = 1

    class Plugin:
        @hookimpl
        def register_settings(self, register):
            register("quotes", QuoteSettings)

        @hookimpl
        def check_document(self, document, settings):
            quoted = [c for c in document.claims if c.source and c.source.mode.value == "direct_quote"]
            if len(quoted) < settings.get("quotes").min_quotes:
                return Flag(checker="quotes", code="too-few-quotes", message="nobody is quoted directly")

        @hookimpl
        def summarize_document(self, document):
            return {"corroborated": 7}

    doc = claims_run("The ministry said 4 people died. Officials said more were hurt.", plugins=[Plugin()],
                     config={"plugins": {"quotes": {"min_quotes": 1}}})
    assert [f.code for f in doc.document.flags] == ["too-few-quotes"]
    assert doc.summary.corroborated == 7

    class LineSegmenter:
        @hookimpl
        def segment_text(self, text):
            from claims.segment import Block
            return [Block(index=0, start=0, end=len(text), line=1, sentences=[(0, len(text), 1)], skipped=[])]

    doc = claims_run("One. Two. Three.", plugins=[LineSegmenter()])
    assert [c.text for c in doc.claims] == ["One. Two. Three."]


def test_plugin_formats_and_commands(claims_cli, tmp_path):
    plugin = tmp_path / "csvout.py"
    plugin.write_text(textwrap.dedent('''
        from claims import hookimpl

        @hookimpl
        def register_formats(register):
            register("csv", lambda report, options: "\\n".join(
                f"{c.line},{c.source.id if c.source else ''}" for d in report.documents for c in d.claims))
    '''), "utf-8")
    doc = tmp_path / "b.txt"
    doc.write_text("The agency said 3 people died.\n", "utf-8")
    res = claims_cli("check", "--no-store", "--plugin", str(plugin), "-f", "csv", str(doc))
    assert res.stdout.strip() == "1,agency"


def test_register_commands_hook(monkeypatch):
    import typer
    from typer.testing import CliRunner

    class Plugin:
        @hookimpl
        def register_commands(self, cli):
            @cli.command()
            def hello():
                print("hello from a plugin")

    app = typer.Typer()

    @app.command()
    def noop():
        pass

    pm = make_plugin_manager(extra=[("hello", Plugin())], load_entrypoints=False, builtins=False)
    pm.hook.register_commands(cli=app)
    assert CliRunner().invoke(app, ["hello"]).stdout.strip() == "hello from a plugin"


def test_plugin_failing_at_start_up_or_in_a_format_is_named(claims_cli, tmp_path):
    plugin = tmp_path / "badsources.py"
    plugin.write_text("from claims import hookimpl\n@hookimpl\ndef register_sources(register):\n"
                      "    register(id='x')\n", "utf-8")
    doc = tmp_path / "b.txt"
    doc.write_text(TEXT, "utf-8")
    res = claims_cli("check", "--no-store", "--plugin", str(plugin), str(doc))
    assert res.exit_code == 3
    assert "plugin 'badsources' failed in register_sources: ValidationError" in res.stderr
    fmt = tmp_path / "badformat.py"
    fmt.write_text("from claims import hookimpl\n@hookimpl\ndef register_formats(register):\n"
                   "    register('boom', lambda report, options: 1 / 0)\n", "utf-8")
    res = claims_cli("check", "--no-store", "--plugin", str(fmt), "-f", "boom", str(doc))
    assert res.exit_code == 3
    assert "format 'boom' failed: ZeroDivisionError" in res.stderr


def test_invalid_configured_source_is_a_configuration_error(claims_cli, tmp_path):
    (tmp_path / "claims.toml").write_text('[sources.kyiv]\naliases = "not a list"\n', "utf-8")
    doc = tmp_path / "b.txt"
    doc.write_text(TEXT, "utf-8")
    res = claims_cli("check", "--no-store", str(doc))
    assert res.exit_code == 2
    assert "invalid [sources.kyiv]" in res.stderr
