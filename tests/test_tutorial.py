"""The plugin tutorial cannot rot.

``docs/plugins/writing.md`` builds ``claims-anonymous-sources``; the real package is in
``docs/examples/claims-anonymous-sources/``. These tests check that every file the page
shows is the package's file, that each step's commands do what the page says, and they
install the package into a temporary target (never the environment running the tests)
and run ``claims check`` and ``claims plugins`` with it, and the package's own tests.
"""

from __future__ import annotations

import importlib.metadata
import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from claims.config import Settings
from claims.plugin_manager import _load_file

ROOT = Path(__file__).resolve().parent.parent
WRITING = ROOT / "docs" / "plugins" / "writing.md"
CONFIGURATION = ROOT / "docs" / "configuration.md"
EXAMPLE = ROOT / "docs" / "examples" / "claims-anonymous-sources"
PACKAGE_FILES = ("pyproject.toml", "claims_anonymous_sources.py", "tests/test_anonymous_sources.py")
FENCE = re.compile(r'^```(\w+)(?: title="([^"]+)")?\n(.*?)^```$', re.M | re.S)


def blocks(path: Path = WRITING) -> list[tuple[str, str, str]]:
    """(language, title, body) of every fenced code block of a page."""
    return FENCE.findall(path.read_text("utf-8"))


def titled(title: str, path: Path = WRITING) -> str:
    found = [body for _, t, body in blocks(path) if t == title]
    assert len(found) == 1, f"{path.name} should show {title} exactly once, shows it {len(found)} times"
    return found[0]


def copy_example(dest: Path) -> Path:
    """A clean copy of the example package (building it in place would leave build/ in the repo)."""
    target = dest / "claims-anonymous-sources"
    shutil.copytree(EXAMPLE, target, ignore=shutil.ignore_patterns(
        "__pycache__", "*.egg-info", "build", "dist", ".pytest_cache"))
    return target


@pytest.fixture
def example(tmp_path) -> Path:
    return copy_example(tmp_path / "src")


@pytest.fixture
def plugin(example):
    """The example's module, imported from the copy under a private name."""
    return _load_file(example / "claims_anonymous_sources.py")


# -- the page shows the package's real files ---------------------------------------------

@pytest.mark.parametrize("name", PACKAGE_FILES)
def test_every_package_file_on_the_page_is_the_real_file(name):
    assert titled(name) == (EXAMPLE / name).read_text("utf-8"), \
        f"writing.md and docs/examples/claims-anonymous-sources/{name} differ: change both"


def test_the_page_shows_the_layout_of_the_package():
    layout = next(body for lang, title, body in blocks() if lang == "text" and "├──" in body)
    for name in PACKAGE_FILES + ("README.md",):
        assert Path(name).name in layout
        assert (EXAMPLE / name).is_file()


# -- step 1: what a checker gets ------------------------------------------------------------

def test_step1_the_sources_shown_are_what_attribution_gives(claims_run):
    news = titled("news.txt")
    shown_json = next(body for lang, _, body in blocks() if lang == "json")
    decoder, pos, shown = json.JSONDecoder(), 0, []
    while pos < len(shown_json):
        if shown_json[pos].isspace():
            pos += 1
            continue
        obj, pos = decoder.raw_decode(shown_json, pos)
        shown.append(obj)
    doc = claims_run(news)
    assert [c.text for c in doc.claims] == [s["text"] for s in shown]
    for claim, s in zip(doc.claims, shown):
        if s["source"] is None:
            assert claim.source is None, claim.text
        else:
            actual = claim.source.model_dump(mode="json")
            assert {k: actual[k] for k in s["source"]} == s["source"], claim.text


# -- step 2: the one-file plugin --------------------------------------------------------------

def test_step2_the_one_file_plugin_flags_the_unnamed_officials(claims_cli, tmp_path):
    (tmp_path / "news.txt").write_text(titled("news.txt"), "utf-8")
    (tmp_path / "anonymous.py").write_text(titled("anonymous.py"), "utf-8")
    result = claims_cli("check", "--no-store", "--plugin", "anonymous.py", "news.txt")
    assert result.exit_code == 0, result.stderr
    shown = next(body for lang, _, body in blocks() if lang == "text" and "[anonymous-sources]" in body)
    message = shown.split("] ", 1)[1].strip()
    assert message == 'attributed to an unnamed source: "Officials"'
    assert message in result.stdout
    assert result.stdout.count("[anonymous-sources]") == 1
    failing = claims_cli("check", "--no-store", "--plugin", "anonymous.py", "--fail-on", "warning", "news.txt")
    assert failing.exit_code == 1


# -- step 4 and 7: the package and its settings ----------------------------------------------------

def test_the_package_flags_the_first_and_third_claims(claims_run, plugin):
    doc = claims_run(titled("news.txt"), plugins=[plugin])
    assert [bool(c.flags and any(f.checker == "anonymous-sources" for f in c.flags)) for c in doc.claims] == \
        [True, False, True]


def plugin_tables(path: Path) -> list[dict]:
    """Every ``[plugins.anonymous-sources]`` table shown in TOML on a page, in either form."""
    tables = []
    for lang, _, body in blocks(path):
        if lang != "toml" or "anonymous-sources" not in body:
            continue
        data = tomllib.loads(body)
        data = data.get("tool", {}).get("claims", data)
        if "anonymous-sources" in data.get("plugins", {}):
            tables.append(data["plugins"]["anonymous-sources"])
    return tables


@pytest.mark.parametrize("page", [WRITING, CONFIGURATION], ids=["writing", "configuration"])
def test_settings_shown_are_accepted_by_the_plugin(page, plugin):
    tables = plugin_tables(page)
    assert tables, f"{page.name} shows no [plugins.anonymous-sources] table"
    for table in tables:
        settings = Settings({"plugins": {"anonymous-sources": table}})
        settings.declare("anonymous-sources", plugin.AnonymousSourcesSettings)
        assert settings.get("anonymous-sources").severity == table.get("severity", "warning")


def test_step7_claims_toml_makes_anonymous_claims_errors(claims_cli, tmp_path, plugin):
    (tmp_path / "claims.toml").write_text(titled("claims.toml"), "utf-8")
    (tmp_path / "news.txt").write_text("Residents said the shelling continued overnight.\n", "utf-8")
    result = claims_cli("check", "--no-store", "news.txt", plugins=[plugin])
    assert result.exit_code == 1, result.stdout + result.stderr
    (tmp_path / "named.txt").write_text("Mayor Vitali Klitschko said two districts were without power.\n", "utf-8")
    assert claims_cli("check", "--no-store", "named.txt", plugins=[plugin]).exit_code == 0


# -- beyond checks: every snippet is a working plugin ------------------------------------------

def snippet(tmp_path: Path, title: str):
    path = tmp_path / title
    path.write_text(titled(title), "utf-8")
    return _load_file(path)


def test_document_check_snippet(claims_run, tmp_path):
    share = snippet(tmp_path, "anonymous_share.py")
    mostly = "Officials said the dam was safe. Sources said repairs began. The mayor said power is back."
    doc = claims_run(mostly, plugins=[share])
    assert [f.code for f in doc.document.flags] == ["mostly-anonymous"]
    assert len(doc.document.flags[0].related) == 2
    assert claims_run("Mayor Vitali Klitschko said power is back. Officials said repairs began.",
                      plugins=[share]).document.flags == []


def test_output_format_snippet(claims_cli, tmp_path, plugin):
    csv_plugin = snippet(tmp_path, "anonymous_csv.py")
    (tmp_path / "news.txt").write_text(titled("news.txt"), "utf-8")
    result = claims_cli("check", "--no-store", "--format", "flags-csv", "news.txt", plugins=[csv_plugin, plugin])
    assert result.exit_code == 0, result.stderr
    rows = result.stdout.splitlines()
    assert rows[0] == "document,line,checker,code,severity,message"
    assert "news.txt,1,anonymous-sources,anonymous-source,warning," in "\n".join(rows)


def test_command_snippet(claims_cli, tmp_path, example):
    command = snippet(tmp_path, "anonymous_command.py")
    (tmp_path / "news.txt").write_text(titled("news.txt"), "utf-8")
    result = claims_cli("unnamed", "news.txt", plugins=[command],
                        env={"CLAIMS_PLUGINS": str(example / "claims_anonymous_sources.py")})
    assert result.exit_code == 0, result.stdout + result.stderr
    assert result.stdout.splitlines() == [
        "1: Officials said at least 40 people died when the river burst its banks.",
        "3: People familiar with the matter said repairs could take several weeks.",
    ]


def test_sources_snippet(claims_run, tmp_path):
    sources = snippet(tmp_path, "kyiv_sources.py")
    doc = claims_run("The Kyiv city administration said 3 people were hurt. The administration said more help was coming.",
                     plugins=[sources])
    assert doc.sources() == ["kyiv-city-admin", "kyiv-city-admin"]


def test_beyond_checks_mentions_every_hook():
    from claims import hookspecs
    text = WRITING.read_text("utf-8").split("## Beyond checks", 1)[1]
    for name in dir(hookspecs):
        if hasattr(getattr(hookspecs, name), "claims_spec"):
            assert f"`{name}`" in text, f"writing.md 'Beyond checks' does not mention {name}"


# -- the real package, installed into a temporary target ----------------------------------------

def _version(dist: str) -> tuple[int, ...] | None:
    try:
        return tuple(int(p) for p in re.findall(r"\d+", importlib.metadata.version(dist))[:2])
    except importlib.metadata.PackageNotFoundError:
        return None


def _can_build_wheels() -> str | None:
    """Why the package cannot be built offline here, or None (looked up without importing setuptools)."""
    if importlib.util.find_spec("pip") is None:
        return "pip is not available to install the tutorial's package"
    setuptools = _version("setuptools")
    if setuptools is None:
        return "setuptools is not available to build the tutorial's package"
    if setuptools < (70, 1) and _version("wheel") is None:
        return "building the tutorial's package offline needs setuptools>=70.1 or wheel (both in the test extra)"
    return None


def pip_install_target(package: Path, target: Path) -> None:
    """Install ``package`` into ``target`` offline: no index, no build isolation, no dependencies."""
    reason = _can_build_wheels()
    if reason:
        pytest.skip(reason)
    res = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-build-isolation", "--no-index",
         "--disable-pip-version-check", "--target", str(target), str(package)],
        capture_output=True, text=True, timeout=300, env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"})
    assert res.returncode == 0, res.stdout + res.stderr


def claims_in(site: Path, cwd: Path, *args: str) -> subprocess.CompletedProcess:
    """Run ``claims`` in a subprocess that sees the packages installed in ``site``."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("CLAIMS_")}
    env.update(PYTHONPATH=os.pathsep.join([str(site), *filter(None, [os.environ.get("PYTHONPATH")])]),
               CLAIMS_LOAD_ENTRYPOINTS="1", PYTHONDONTWRITEBYTECODE="1")
    return subprocess.run([sys.executable, "-m", "claims", *args], capture_output=True, text=True, env=env,
                          cwd=cwd, timeout=120)


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """The example package pip-installed into a private target directory."""
    base = tmp_path_factory.mktemp("tutorial")
    package = copy_example(base / "src")
    site = base / "site"
    pip_install_target(package, site)
    return package, site


def test_installed_package_is_listed_by_claims_plugins(installed, tmp_path):
    _, site = installed
    res = claims_in(site, tmp_path, "plugins", "--format", "json")
    assert res.returncode == 0, res.stderr
    listed = {p["name"]: p for p in json.loads(res.stdout)}
    assert listed["anonymous-sources"]["origin"] == "entrypoint"
    assert listed["anonymous-sources"]["version"] == "0.1.0"
    assert listed["anonymous-sources"]["hooks"] == ["check_claim", "register_settings"]
    shown = next(body for lang, _, body in blocks() if lang == "text" and "entrypoint" in body)
    assert re.search(r"anonymous-sources\s+entrypoint\s+0\.1\.0\s+check_claim, register_settings", shown)
    table = claims_in(site, tmp_path, "plugins")
    assert re.search(r"anonymous-sources\s+entrypoint\s+0\.1\.0", table.stdout)


def test_installed_package_flags_with_claims_check(installed, tmp_path):
    _, site = installed
    (tmp_path / "news.txt").write_text(titled("news.txt"), "utf-8")
    res = claims_in(site, tmp_path, "check", "--no-store", "--format", "json", "news.txt")
    assert res.returncode == 0, res.stderr
    claims = json.loads(res.stdout)["documents"][0]["claims"]
    codes = [[f["code"] for f in c["flags"] if f["checker"] == "anonymous-sources"] for c in claims]
    assert codes == [["anonymous-source"], [], ["anonymous-source"]]
    (tmp_path / "claims.toml").write_text(titled("claims.toml"), "utf-8")
    assert claims_in(site, tmp_path, "check", "--no-store", "news.txt").returncode == 1
    res = claims_in(site, tmp_path, "check", "--no-store", "--disable", "anonymous-sources", "news.txt")
    assert res.returncode == 0 and "anonymous-sources" not in res.stdout


def test_the_package_passes_its_own_tests(installed):
    package, site = installed
    env = {k: v for k, v in os.environ.items() if not k.startswith("CLAIMS_")}
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    res = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"], cwd=package,
                         capture_output=True, text=True, env=env, timeout=300)
    assert res.returncode == 0, res.stdout + res.stderr
    assert re.search(r"\b16 passed\b", res.stdout), res.stdout


def test_nothing_was_installed_into_this_environment(installed):
    with pytest.raises(importlib.metadata.PackageNotFoundError):
        importlib.metadata.distribution("claims-anonymous-sources")
    assert "anonymous-sources" not in {ep.name for ep in importlib.metadata.entry_points(group="claims")}
    assert not list(EXAMPLE.glob("*.egg-info")) and not (EXAMPLE / "build").exists()
