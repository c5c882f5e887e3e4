"""``claims plugin new``: the package it writes passes its own test and is found once installed."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tomllib

import pytest

from claims.scaffold import ScaffoldError, names, new_plugin
from test_tutorial import claims_in, pip_install_target


@pytest.mark.parametrize("given,expected", [
    ("my-checker", ("my-checker", "claims-my-checker", "claims_my_checker")),
    ("claims-my-checker", ("my-checker", "claims-my-checker", "claims_my_checker")),
    ("anonymous_sources", ("anonymous-sources", "claims-anonymous-sources", "claims_anonymous_sources")),
    ("Quotes2", ("quotes2", "claims-quotes2", "claims_quotes2")),
])
def test_names(given, expected):
    assert names(given) == expected


@pytest.mark.parametrize("bad", ["", "my checker", "9lives", "-x", "claims-", "ünï", "a--b", "x.py"])
def test_bad_names_are_refused(bad):
    with pytest.raises(ScaffoldError):
        names(bad)


def test_plugin_new_writes_the_package(claims_cli, tmp_path):
    result = claims_cli("plugin", "new", "my-checker")
    assert result.exit_code == 0, result.stderr
    pkg = tmp_path / "claims-my-checker"
    assert sorted(p.relative_to(pkg).as_posix() for p in pkg.rglob("*") if p.is_file()) == [
        ".gitignore", "README.md", "claims_my_checker.py", "pyproject.toml", "tests/test_my_checker.py"]
    project = tomllib.loads((pkg / "pyproject.toml").read_text("utf-8"))
    assert project["project"]["name"] == "claims-my-checker"
    assert project["project"]["entry-points"]["claims"] == {"my-checker": "claims_my_checker"}
    assert project["tool"]["setuptools"]["py-modules"] == ["claims_my_checker"]
    module = (pkg / "claims_my_checker.py").read_text("utf-8")
    assert module.count("@hookimpl") == 1 and 'NAME = "my-checker"' in module
    assert "claims_run" in (pkg / "tests" / "test_my_checker.py").read_text("utf-8")
    assert "cd claims-my-checker" in result.stdout and "python -m pytest" in result.stdout


def test_plugin_new_refuses_to_overwrite(claims_cli, tmp_path):
    assert claims_cli("plugin", "new", "my-checker").exit_code == 0
    again = claims_cli("plugin", "new", "my-checker")
    assert again.exit_code == 2
    assert "already exists" in again.stderr
    assert claims_cli("plugin", "new", "my-checker", "--force").exit_code == 0
    bad = claims_cli("plugin", "new", "My Checker")
    assert bad.exit_code == 2 and "not usable" in bad.stderr


def test_plugin_new_directory_and_description(claims_cli, tmp_path):
    result = claims_cli("plugin", "new", "quotes", "--directory", "elsewhere", "--description", 'Counts "quotes".')
    assert result.exit_code == 0, result.stderr
    project = tomllib.loads((tmp_path / "elsewhere" / "pyproject.toml").read_text("utf-8"))
    assert project["project"]["description"] == "Counts 'quotes'."


def test_plugin_hooks_lists_every_hook(claims_cli):
    from claims import hookspecs
    out = claims_cli("plugin", "hooks").stdout
    for name in dir(hookspecs):
        if hasattr(getattr(hookspecs, name), "claims_spec"):
            assert re.search(rf"^{name}\(", out, re.M), name


def test_generated_module_works_as_a_plugin_file(claims_cli, tmp_path):
    made = new_plugin("my-checker", tmp_path)
    (tmp_path / "b.txt").write_text("At least 40 people died in the flooding.\nThe ministry said 3 bridges fell.\n", "utf-8")
    res = claims_cli("check", "--no-store", "-f", "json", "--plugin", str(made.directory / "claims_my_checker.py"),
                     "b.txt")
    claims = json.loads(res.stdout)["documents"][0]["claims"]
    assert [[f["code"] for f in c["flags"] if f["checker"] == "my-checker"] for c in claims] == \
        [["unattributed-figure"], []]


def test_generated_package_passes_its_own_test(tmp_path):
    made = new_plugin("my-checker", tmp_path)
    env = {k: v for k, v in os.environ.items() if not k.startswith("CLAIMS_")}
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    res = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"], cwd=made.directory,
                         capture_output=True, text=True, env=env, timeout=300)
    assert res.returncode == 0, res.stdout + res.stderr
    assert re.search(r"\b2 passed\b", res.stdout), res.stdout


def test_installed_generated_package_is_listed_and_checks(tmp_path):
    made = new_plugin("my-checker", tmp_path / "src")
    site = tmp_path / "site"
    pip_install_target(made.directory, site)
    listed = {p["name"]: p for p in json.loads(claims_in(site, tmp_path, "plugins", "--format", "json").stdout)}
    assert listed["my-checker"]["origin"] == "entrypoint"
    assert listed["my-checker"]["version"] == "0.1.0"
    assert listed["my-checker"]["hooks"] == ["check_claim"]
    (tmp_path / "b.txt").write_text("At least 40 people died in the flooding.\n", "utf-8")
    res = claims_in(site, tmp_path, "check", "--no-store", "--fail-on", "info", "-f", "json", "b.txt")
    flags = json.loads(res.stdout)["documents"][0]["claims"][0]["flags"]
    assert [f["code"] for f in flags if f["checker"] == "my-checker"] == ["unattributed-figure"]
    assert res.returncode == 1
