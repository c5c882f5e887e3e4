"""MkDocs hook: pages that are generated from the code, so they are never written twice.

``mkdocs.yml`` loads this file under ``hooks:``. A page containing one of these
markers gets it replaced at build time:

``<!-- generated: cli-reference -->``
    Every ``claims`` command, built-in and plugin-added (without installed plugins),
    from the Typer application: usage, description, arguments and options.
``<!-- generated: builtin-settings -->``
    The settings each built-in plugin declares with ``register_settings``, from its
    pydantic model: key, type, default, description.

Run ``python docs/gen_cli.py`` to print the generated CLI reference.
"""

from __future__ import annotations

import enum
import json
import os
import re
import types
import typing
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterator

CLI_MARKER = "<!-- generated: cli-reference -->"
SETTINGS_MARKER = "<!-- generated: builtin-settings -->"


@contextmanager
def _no_installed_plugins() -> Iterator[None]:
    """Only the built-ins: the reference must not depend on what the builder has installed."""
    saved = {k: os.environ.get(k) for k in ("CLAIMS_LOAD_ENTRYPOINTS", "CLAIMS_PLUGINS", "CLAIMS_DISABLE")}
    os.environ["CLAIMS_LOAD_ENTRYPOINTS"] = "0"
    os.environ.pop("CLAIMS_PLUGINS", None)
    os.environ.pop("CLAIMS_DISABLE", None)
    try:
        yield
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


# -- the command line ------------------------------------------------------------------

def _text(help_text: str | None) -> str:
    """Docstring help as markdown: RST ``code`` to `code`, Typer's rich tags dropped."""
    if not help_text:
        return ""
    text = help_text.split("\f", 1)[0]
    text = "\n".join(line for line in text.splitlines() if line.strip() != "\b")
    text = re.sub(r"``([^`]+)``", r"`\1`", text)
    text = re.sub(r"\[/?(?:(?:bold|italic|dim|red|green|yellow|blue|cyan|magenta|underline) ?)*\]", "", text)
    paragraphs = [" ".join(line.strip() for line in p.splitlines()) for p in re.split(r"\n\s*\n", text.strip())]
    return "\n\n".join(_literal(p) for p in paragraphs if p)


def _literal(text: str) -> str:
    """Angle brackets and stars outside `code` shown as written, not read as HTML or emphasis."""
    parts = re.split(r"(`[^`]*`)", text)
    for i in range(0, len(parts), 2):
        parts[i] = parts[i].replace("*", "\\*").replace("<", "&lt;").replace(">", "&gt;")
    return "".join(parts)


def _cell(text: str) -> str:
    """Text for a table cell: one line, pipes escaped."""
    return text.replace("\n", " ").replace("|", "\\|")


def _type_name(annotation: Any) -> str:
    origin = typing.get_origin(annotation)
    args = [a for a in typing.get_args(annotation) if a is not type(None)]
    if origin in (list, tuple, set) and args:
        return _type_name(args[0])
    if origin in (typing.Union, types.UnionType) and args:
        return _type_name(args[0])
    if origin is typing.Literal:
        return "|".join(str(a) for a in typing.get_args(annotation))
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        return "|".join(str(m.value) for m in annotation)
    names = {str: "TEXT", int: "INTEGER", float: "NUMBER", Path: "PATH", bool: ""}
    return names.get(annotation, getattr(annotation, "__name__", "TEXT").upper())


def _param_type(param: Any) -> str:
    descriptor = getattr(param, "type_descriptor", None)
    if descriptor is not None and getattr(descriptor, "annotation", None) is not None:
        return _type_name(descriptor.annotation)
    ptype = getattr(param, "type", None)
    return (getattr(ptype, "name", "") or "").upper()


def _is_option(param: Any) -> bool:
    return any(o.startswith("-") for o in getattr(param, "opts", []))


def _usage(path: str, command: Any, ctx: Any) -> str:
    pieces = [path]
    params = [p for p in command.get_params(ctx) if not getattr(p, "hidden", False)]
    if any(_is_option(p) for p in params):
        pieces.append("[OPTIONS]")
    for p in params:
        if _is_option(p):
            continue
        name = (getattr(p, "metavar", None) or p.name).upper()
        if getattr(p, "nargs", 1) == -1:
            name += "..."
        pieces.append(name if getattr(p, "required", False) else f"[{name}]")
    if hasattr(command, "list_commands"):
        pieces.append("COMMAND [ARGS]...")
    return " ".join(pieces)


def _default(param: Any) -> str:
    default = getattr(param, "default", None)
    if getattr(param, "is_flag", False) and not getattr(param, "secondary_opts", None):
        return ""
    if default is None or default == [] or default == () or default == "":
        return ""
    if isinstance(default, enum.Enum):
        default = default.value
    return f"`{default}`"


def _params_table(command: Any, ctx: Any) -> list[str]:
    rows = []
    for p in command.get_params(ctx):
        if getattr(p, "hidden", False) or p.name == "help":
            continue
        if _is_option(p):
            names = ", ".join(f"`{o}`" for o in [*p.opts, *getattr(p, "secondary_opts", [])])
            value = "" if getattr(p, "is_flag", False) else _param_type(p)
        else:
            names = f"`{p.name.upper()}`"
            value = _param_type(p)
        notes = []
        if (getattr(p, "multiple", False) or getattr(p, "nargs", 1) == -1) \
                and "repeatable" not in (getattr(p, "help", None) or ""):
            notes.append("repeatable")
        if getattr(p, "required", False) and _is_option(p):
            notes.append("required")
        envvar = getattr(p, "envvar", None)
        if envvar:
            notes.append(f"env `{envvar}`" if isinstance(envvar, str) else "env " + ", ".join(f"`{e}`" for e in envvar))
        description = _text(getattr(p, "help", None) or "")
        if notes:
            description = f"{description} ({'; '.join(notes)})".strip()
        rows.append(f"| {names} | {_cell(value)} | {_default(p)} | {_cell(description)} |")
    if not rows:
        return []
    return ["| Argument / option | Value | Default | Description |", "|---|---|---|---|", *rows]


def _walk(command: Any, ctx: Any, path: str, out: list[str], ctx_class: Any) -> None:
    for name in command.list_commands(ctx):
        sub = command.get_command(ctx, name)
        if sub is None or getattr(sub, "hidden", False):
            continue
        sub_ctx = ctx_class(sub, info_name=name, parent=ctx)
        full = f"{path} {name}"
        out += [f"## `{full}`", "", _text(sub.help or getattr(sub, "short_help", "") or ""), "",
                "```console", _usage(full, sub, sub_ctx), "```", ""]
        table = _params_table(sub, sub_ctx)
        if table:
            out += [*table, ""]
        if hasattr(sub, "list_commands"):
            names = [n for n in sub.list_commands(sub_ctx)]
            out += ["Commands: " + ", ".join(f"[`{full} {n}`](#{_anchor(f'{full} {n}')})" for n in names) + ".", ""]
            _walk(sub, sub_ctx, full, out, ctx_class)


def _anchor(title: str) -> str:
    """The id MkDocs' toc extension gives the heading ``## `title` ``."""
    return re.sub(r"[^\w\- ]", "", title).strip().lower().replace(" ", "-")


def commands() -> list[str]:
    """Every command path, e.g. ``claims check``, ``claims plugin new``."""
    return [line[4:-1] for line in render_cli_reference().splitlines() if line.startswith("## `")]


def render_cli_reference() -> str:
    """Markdown for every command of ``claims``, from the Typer application."""
    import typer.main

    from claims.cli import get_app

    with _no_installed_plugins():
        app = get_app()
        group = typer.main.get_command(app)
    ctx_class = type(group.make_context("claims", [], resilient_parsing=True))
    ctx = ctx_class(group, info_name="claims")
    out = [_text(group.help or ""), "", "```console", "claims [OPTIONS] COMMAND [ARGS]...", "```", "",
           "Every command takes `--help`.", ""]
    names = group.list_commands(ctx)
    out += ["| Command | What it does |", "|---|---|"]
    for name in names:
        sub = group.get_command(ctx, name)
        if sub is None or getattr(sub, "hidden", False):
            continue
        first = _text(sub.help or "").split("\n\n", 1)[0]
        out.append(f"| [`claims {name}`](#{_anchor('claims ' + name)}) | {_cell(first)} |")
    out.append("")
    _walk(group, ctx, "claims", out, ctx_class)
    return "\n".join(out).rstrip() + "\n"


# -- built-in plugin settings ------------------------------------------------------------

def _annotation(annotation: Any) -> str:
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin is typing.Literal:
        return " | ".join(json.dumps(a) for a in args)
    if origin in (list, tuple, set):
        return f"list of {_annotation(args[0])}" if args else "list"
    if origin is dict:
        return "table"
    if origin in (typing.Union, types.UnionType):
        return " or ".join(_annotation(a) for a in args if a is not type(None))
    names = {str: "string", int: "integer", float: "number", bool: "boolean"}
    return names.get(annotation, getattr(annotation, "__name__", str(annotation)))


def _toml(value: Any) -> str:
    if isinstance(value, enum.Enum):
        value = value.value
    if isinstance(value, bool):
        return "true" if value else "false"
    if hasattr(value, "model_dump"):
        value = value.model_dump(mode="json")
    return json.dumps(value, ensure_ascii=False)


def builtin_settings() -> dict[str, Any]:
    """name -> pydantic model, for every built-in plugin that implements ``register_settings``."""
    from claims.plugin_manager import make_plugin_manager

    found: dict[str, Any] = {}
    pm = make_plugin_manager(load_entrypoints=False)
    pm.hook.register_settings(register=lambda name, model: found.setdefault(name, model))
    return found


def render_builtin_settings() -> str:
    out = []
    for name, model in sorted(builtin_settings().items()):
        doc = _text((model.__doc__ or "").strip())
        out += [f"### `[plugins.{name}]`", ""]
        if doc and "claims.toml" not in doc:
            out += [doc, ""]
        out += ["| Key | Type | Default | Description |", "|---|---|---|---|"]
        for key, field in model.model_fields.items():
            default = field.get_default(call_default_factory=True)
            desc = _text(field.description or "")
            shown = _cell(f"`{_toml(default)}`")
            out.append(f"| `{key}` | {_cell(_annotation(field.annotation))} | {shown} | {_cell(desc)} |")
        out.append("")
    return "\n".join(out).rstrip() + "\n"


# -- the MkDocs hook -----------------------------------------------------------------------

def on_page_markdown(markdown: str, page: Any = None, config: Any = None, files: Any = None, **kwargs: Any) -> str:
    if CLI_MARKER in markdown:
        markdown = markdown.replace(CLI_MARKER, render_cli_reference())
    if SETTINGS_MARKER in markdown:
        markdown = markdown.replace(SETTINGS_MARKER, render_builtin_settings())
    return markdown


if __name__ == "__main__":
    print(render_cli_reference())
