"""Command-line conventions: configuration discovery and validation, colour, width, help, version."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from claims import __version__

HEDGED = "The office said the toll is likely higher than the 40 people reported.\n"
ANSI = re.compile(r"\x1b\[[0-9;]*m")


@pytest.fixture
def project(tmp_path) -> Path:
    """A project folder with a subfolder of bulletins and its own repository boundary."""
    (tmp_path / "desk" / ".git").mkdir(parents=True)
    (tmp_path / "desk" / "bulletins" / "june").mkdir(parents=True)
    (tmp_path / "desk" / "bulletins" / "june" / "a.txt").write_text(HEDGED, "utf-8")
    return tmp_path / "desk"


def test_config_is_found_upward_and_the_store_is_beside_it(claims_cli, project, monkeypatch):
    (project / "claims.toml").write_text('fail_on = "info"\ndb = "data/claims.db"\n', "utf-8")
    (project / "data").mkdir()
    monkeypatch.chdir(project / "bulletins" / "june")
    res = claims_cli("check", "a.txt")
    assert res.exit_code == 1, res.stderr  # fail_on = "info" from two folders up
    assert (project / "data" / "claims.db").exists()
    assert not (project / "bulletins" / "june" / "claims.db").exists()


def test_config_without_db_puts_the_store_beside_the_config(claims_cli, project, monkeypatch):
    (project / "pyproject.toml").write_text('[project]\nname = "desk"\n\n[tool.claims]\nreviewer = "ana"\n', "utf-8")
    monkeypatch.chdir(project / "bulletins")
    assert claims_cli("check", "june/a.txt").exit_code == 0
    assert (project / "claims.db").exists() and not (project / "bulletins" / "claims.db").exists()
    listed = claims_cli("list", "-f", "json")  # a read command in another folder finds the same store
    assert listed.exit_code == 0 and "toll is likely higher" in listed.stdout


def test_search_stops_at_the_repository_root(claims_cli, project, monkeypatch):
    (project.parent / "claims.toml").write_text('fail_on = "info"\n', "utf-8")  # outside the repository
    monkeypatch.chdir(project / "bulletins" / "june")
    assert claims_cli("check", "--no-store", "a.txt").exit_code == 0


@pytest.mark.parametrize("config, named", [
    ('fial_on = "info"\n', "unknown setting fial_on"),
    ('[plugins.hegde]\nscale = "phia"\n', "[plugins.hegde]"),
    ("sources = 3\n", "sources must be a table"),
    ("db = 5\n", "db must be a string"),
    ('plugins = "x"\n', "plugins must be a table"),
    ('[plugins]\nhedge = 1\n', "plugins.hedge must be a table"),
    ('fail_on = "sometimes"\n', "fail_on must be info, warning, error or never"),
])
def test_bad_config_is_one_line_and_exit_2(claims_cli, tmp_path, config, named):
    (tmp_path / "claims.toml").write_text(config, "utf-8")
    (tmp_path / "a.txt").write_text(HEDGED, "utf-8")
    res = claims_cli("check", "--no-store", "a.txt")
    assert res.exit_code == 2
    lines = res.stderr.strip().splitlines()
    assert len(lines) == 1 and named in lines[0] and "claims.toml" in lines[0], res.stderr
    assert "plugin 'hedge' failed" not in lines[0]  # a wrong type is not blamed on the first plugin to read it


def test_unknown_key_in_pyproject_is_named_with_its_table(claims_cli, tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.claims]\ndb = "x.db"\nreveiwer = "ana"\n', "utf-8")
    res = claims_cli("list")
    assert res.exit_code == 2 and "tool.claims.reveiwer" in res.stderr


def test_disable_knows_builtin_file_and_installed_plugins(claims_cli, tmp_path, monkeypatch):
    site = tmp_path / "site"
    dist = site / "claims_extra-1.0.dist-info"
    dist.mkdir(parents=True)
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: claims-extra\nVersion: 1.0\n", "utf-8")
    (dist / "entry_points.txt").write_text("[claims]\nextra = claims_extra\n", "utf-8")
    monkeypatch.syspath_prepend(str(site))
    (tmp_path / "a.txt").write_text(HEDGED, "utf-8")
    res = claims_cli("check", "--no-store", "--disable", "hedge", "--disable", "extra", "a.txt")
    assert res.exit_code == 0 and "no plugin of that name" not in res.stderr
    assert "[hedge]" not in res.stdout
    res = claims_cli("check", "--no-store", "--disable", "hegde", "a.txt")
    assert "--disable hegde: no plugin of that name" in res.stderr


def test_color_follows_no_color_force_color_and_the_flag(claims_cli, tmp_path):
    (tmp_path / "a.txt").write_text(HEDGED, "utf-8")
    piped = claims_cli("check", "--no-store", "a.txt")
    assert not ANSI.search(piped.stdout)  # not a terminal: plain text
    assert ANSI.search(claims_cli("check", "--no-store", "--color", "a.txt").stdout)  # --color works in a pipe
    assert ANSI.search(claims_cli("check", "--no-store", "a.txt", env={"FORCE_COLOR": "1"}).stdout)
    assert not ANSI.search(claims_cli("check", "--no-store", "a.txt", env={"NO_COLOR": "1", "FORCE_COLOR": "1"}).stdout)
    assert ANSI.search(claims_cli("check", "--no-store", "--color", "a.txt", env={"NO_COLOR": "1"}).stdout)
    out = tmp_path / "report.txt"
    claims_cli("check", "--no-store", "-o", out, "a.txt", env={"FORCE_COLOR": "1"})
    assert not ANSI.search(out.read_text("utf-8"))  # a file gets colour only with --color


def test_width_follows_columns_without_trailing_padding(claims_cli, tmp_path):
    long = "The regional governor said that " + ", ".join(f"{n} houses in village {n}" for n in range(12)) + " were hit.\n"
    (tmp_path / "a.txt").write_text(long + HEDGED, "utf-8")
    for cols in ("60", "130"):
        res = claims_cli("check", "--no-store", "a.txt", env={"COLUMNS": cols})
        lines = res.stdout.splitlines()
        assert max(len(line) for line in lines) == int(cols)  # the rule spans the width
        assert all(line == line.rstrip() for line in lines)
    colored = claims_cli("check", "--no-store", "--color", "a.txt", env={"COLUMNS": "60"}).stdout
    assert all(ANSI.sub("", line) == ANSI.sub("", line).rstrip() for line in colored.splitlines())


def test_dismissed_flag_is_marked_in_plain_text():
    from claims.models import Flag, Severity
    from claims.plugins.format_terminal import flag_line
    f = Flag(checker="arithmetic", code="sum-mismatch", severity=Severity.error, message="4 + 5 is not 10",
             status="dismissed")
    assert flag_line(f).plain.startswith("error (dismissed) [arithmetic]")


def test_plurals_in_the_summary(claims_cli, tmp_path):
    (tmp_path / "a.txt").write_text("The agency said 3 people died.\n", "utf-8")
    out = " ".join(claims_cli("check", "--no-store", "a.txt").stdout.split())
    assert "1 claim, 1 attributed to 1 source, 0 hedged, 1 number" in out


def test_help_keeps_brackets_and_whole_sentences(claims_cli):
    help_text = claims_cli("check", "--help", env={"COLUMNS": "200"}).stdout
    assert "[tool.claims]" in help_text
    top = claims_cli("--help", env={"COLUMNS": "200"}).stdout
    assert "Markdown for a briefing, a self-contained HTML page" in top
    assert "--version" in top and "--install-completion" in top


def test_version_and_completion(claims_cli):
    assert claims_cli("--version").stdout.strip() == __version__
    assert claims_cli("version").stdout.strip() == __version__
    claims = Path(sys.executable).with_name("claims")  # the installed script: completion is keyed by its name
    env = {**os.environ, "CLAIMS_LOAD_ENTRYPOINTS": "0", "_CLAIMS_COMPLETE": "complete_bash",
           "COMP_WORDS": "claims ch", "COMP_CWORD": "1"}
    words = subprocess.run([str(claims)], capture_output=True, text=True, env=env)  # what bash asks on TAB
    assert words.stdout.split() == ["check"], words.stderr
    env.update({"_CLAIMS_COMPLETE": "source_bash"})
    script = subprocess.run([str(claims)], capture_output=True, text=True, env=env)
    assert "complete -o default -F _claims_completion claims" in script.stdout


def test_version_and_a_dry_run_do_not_import_the_store(tmp_path):
    (tmp_path / "a.txt").write_text(HEDGED, "utf-8")
    probe = ("import sys; from claims.cli import main; sys.argv = ['claims', *sys.argv[1:]]\n"
             "try:\n    main()\nexcept SystemExit:\n    pass\n"
             "print('sqlalchemy' in sys.modules, 'claims.models' in sys.modules, file=sys.stderr)")
    env = {**os.environ, "CLAIMS_LOAD_ENTRYPOINTS": "0"}
    version = subprocess.run([sys.executable, "-c", probe, "--version"], cwd=tmp_path, env=env,
                             capture_output=True, text=True)
    assert version.stdout.strip() == __version__ and version.stderr.split() == ["False", "False"]
    dry = subprocess.run([sys.executable, "-c", probe, "check", "--no-store", "a.txt"], cwd=tmp_path, env=env,
                         capture_output=True, text=True)
    assert "toll is likely higher" in dry.stdout and dry.stderr.split() == ["False", "True"]
