"""The documentation site builds without warnings, and its generated and hand-written
reference parts stay in step with the code."""

from __future__ import annotations

import importlib.util
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"


def load_gen_cli():
    spec = importlib.util.spec_from_file_location("claims_docs_gen_cli", DOCS / "gen_cli.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def _missing_docs_tools() -> str | None:
    for module, dist in (("mkdocs", "mkdocs"), ("material", "mkdocs-material")):
        if importlib.util.find_spec(module) is None:
            return f"{dist} is not installed (pip install -e '.[docs]' or '.[test]'): docs build not checked"
    return None


def test_mkdocs_build_strict(tmp_path):
    missing = _missing_docs_tools()
    if missing:
        pytest.skip(missing)
    env = {k: v for k, v in os.environ.items() if not k.startswith("CLAIMS_")}
    env.update(PYTHONDONTWRITEBYTECODE="1", NO_MKDOCS_2_WARNING="1", CLAIMS_LOAD_ENTRYPOINTS="0")
    res = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file",
                          str(ROOT / "mkdocs.yml"), "--site-dir", str(tmp_path / "site")],
                         cwd=ROOT, capture_output=True, text=True, env=env, timeout=300)
    log = res.stdout + res.stderr
    assert res.returncode == 0, log
    assert "WARNING" not in log, log
    cli = (tmp_path / "site" / "cli" / "index.html").read_text("utf-8")
    assert "claims plugin new" in cli and "--fail-on" in cli and "generated: cli-reference" not in cli
    assert "plugins.hedge" in (tmp_path / "site" / "configuration" / "index.html").read_text("utf-8")
    assert not (DOCS / "__pycache__").exists()


def _walk(command, ctx, path, out):
    for name in command.list_commands(ctx):
        sub = command.get_command(ctx, name)
        if sub is None or getattr(sub, "hidden", False):
            continue
        sub_ctx = type(ctx)(sub, info_name=name, parent=ctx)
        out[f"{path} {name}"] = (sub, sub_ctx)
        if hasattr(sub, "list_commands"):
            _walk(sub, sub_ctx, f"{path} {name}", out)
    return out


def test_cli_reference_covers_every_command_and_option(monkeypatch):
    import typer.main

    from claims.cli import get_app

    gen = load_gen_cli()
    text = gen.render_cli_reference()
    group = typer.main.get_command(get_app())
    ctx = type(group.make_context("claims", [], resilient_parsing=True))(group, info_name="claims")
    commands = _walk(group, ctx, "claims", {})
    assert {"claims check", "claims plugins", "claims plugin new", "claims plugin hooks"} <= set(commands)
    assert gen.commands() == list(commands)
    for path, (cmd, cctx) in commands.items():
        section = text.split(f"## `{path}`\n", 1)[1].split("\n## ", 1)[0]
        for param in cmd.get_params(cctx):
            if param.name == "help" or getattr(param, "hidden", False):
                continue
            names = [*param.opts, *getattr(param, "secondary_opts", [])] if param.opts[0].startswith("-") \
                else [param.name.upper()]
            for name in names:
                assert f"`{name}`" in section, f"{path}: {name} missing from the CLI reference"


def test_pages_carry_the_generation_markers():
    gen = load_gen_cli()
    assert gen.CLI_MARKER in (DOCS / "cli.md").read_text("utf-8")
    assert gen.SETTINGS_MARKER in (DOCS / "configuration.md").read_text("utf-8")
    settings = gen.render_builtin_settings()
    for name in gen.builtin_settings():
        assert f"### `[plugins.{name}]`" in settings
    assert "| `scale` |" in settings


def test_hook_markdown_replaces_markers_only():
    gen = load_gen_cli()
    assert gen.on_page_markdown("# Title\n\nplain") == "# Title\n\nplain"
    assert "## `claims check`" in gen.on_page_markdown(gen.CLI_MARKER)


def test_concepts_explains_every_json_field():
    """Every field of every model in the JSON output has a row in concepts.md."""
    from claims import models

    text = (DOCS / "concepts.md").read_text("utf-8")
    seen: set[type] = set()

    def visit(model):
        if model in seen:
            return
        seen.add(model)
        section = text.split(f"### `{model.__name__}`\n", 1)
        assert len(section) == 2, f"concepts.md has no section for {model.__name__}"
        body = section[1].split("\n### ", 1)[0]
        for name, field in model.model_fields.items():
            if field.exclude:
                continue
            assert f"| `{name}` |" in body, f"concepts.md: {model.__name__}.{name} is not explained"
            for sub in _models_in(field.annotation):
                visit(sub)

    visit(models.Report)
    assert {m.__name__ for m in seen} >= {"Report", "Document", "Claim", "Source", "Quantity", "Hedge", "Flag",
                                         "Summary", "Span", "DateMention", "Skipped", "Paragraph", "CheckError",
                                         "InputError"}


def _models_in(annotation):
    from typing import get_args

    from pydantic import BaseModel
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        yield annotation
    for arg in get_args(annotation):
        yield from _models_in(arg)


def test_nav_lists_only_pages_that_exist():
    nav = re.findall(r":\s*([\w/.-]+\.md)\s*$", (ROOT / "mkdocs.yml").read_text("utf-8"), re.M)
    assert "plugins/writing.md" in nav and "plugins/testing.md" in nav and "plugins/hooks.md" in nav
    for page in nav:
        assert (DOCS / page).is_file(), f"mkdocs.yml lists {page}, which does not exist"


def test_concepts_names_every_review_status():
    review = pytest.importorskip("claims.review", reason="claims.review is not there yet")
    text = (DOCS / "concepts.md").read_text("utf-8").split("## Review status", 1)[1].split("\n## ", 1)[0]
    for name in [*review.CLAIM_STATUSES, *review.FLAG_STATUSES]:
        assert f"`{name}`" in text, f"concepts.md 'Review status' does not name {name}"
