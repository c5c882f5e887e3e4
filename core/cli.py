"""The ``claims`` command line. Commands are thin: parse options, call the library, render.

Exit statuses (see docs/cli.md):
  0  nothing reached --fail-on
  1  a flag reached --fail-on
  2  usage, configuration or input error (missing, binary, unreadable file)
  3  a plugin failed (could not load, or raised while checking)
  4  the store could not be opened or written
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Annotated, Any, Callable, Optional

import typer

from . import __version__
from .config import ConfigError, Settings
from .models import InputError, Report, Severity
from .plugin_manager import PluginError, PluginManager, make_plugin_manager

EXIT_OK, EXIT_FLAGS, EXIT_INPUT, EXIT_PLUGIN, EXIT_STORE = 0, 1, 2, 3, 4

app = typer.Typer(
    name="claims",
    help="Fact-checking claim tracker: every sentence becomes a claim with its source, checked by plugins.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="rich",
    pretty_exceptions_enable=False,
)

PluginOpt = Annotated[list[Path], typer.Option("--plugin", "-p", help="Load a plugin from a .py file (repeatable).")]
DisableOpt = Annotated[list[str], typer.Option("--disable", help="Turn a plugin off by name, built-ins included (repeatable).")]
ConfigOpt = Annotated[Optional[Path], typer.Option("--config", help="Configuration file (default: claims.toml or [tool.claims] in pyproject.toml).")]
DbOpt = Annotated[Optional[str], typer.Option(
    "--db", envvar="CLAIMS_DB", help="Store: SQLite path or postgresql+psycopg:// URL (default: db in the config, else claims.db).")]


def err(message: str) -> None:
    """One line on stderr."""
    from .textsafe import line
    typer.echo(f"claims: {line(message)}", err=True)  # file names and plugin messages are inert text


def date_option(value: str | None, option: str):
    """Parse a YYYY-MM-DD option value; a bad value is a usage error (exit 2) naming the option."""
    import datetime as dt
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        err(f"{option} must be a date YYYY-MM-DD, not {value!r}")
        raise typer.Exit(EXIT_INPUT) from None


def load_plugins(plugin: list[Path] | None = None, disable: list[str] | None = None) -> PluginManager:
    try:
        pm = make_plugin_manager(plugin or [], disable or [])
    except PluginError as exc:
        err(str(exc))
        raise typer.Exit(EXIT_PLUGIN) from None
    known = set(pm.origins)
    for name in disable or []:
        if name not in known and not _is_known_plugin_name(name):
            err(f"warning: --disable {name}: no plugin of that name")
    return pm


def _is_known_plugin_name(name: str) -> bool:
    from .plugin_manager import BUILTIN_PLUGINS, builtin_name
    return name in {builtin_name(m) for m in BUILTIN_PLUGINS}


def load_settings(config: Path | None) -> Settings:
    try:
        return Settings.load(config)
    except ConfigError as exc:
        err(str(exc))
        raise typer.Exit(EXIT_INPUT) from None


def formats(pm: PluginManager) -> dict[str, Callable[..., str]]:
    found: dict[str, Callable[..., str]] = {}
    pm.hook.register_formats(register=lambda name, render: found.setdefault(name, render))
    return found


def make_pipeline(pm: PluginManager, settings: Settings, store: Any = None):
    from .pipeline import Pipeline
    try:
        return Pipeline(pm, settings, store)
    except ConfigError as exc:
        err(str(exc))
        raise typer.Exit(EXIT_INPUT) from None
    except PluginError as exc:
        err(str(exc))
        raise typer.Exit(EXIT_PLUGIN) from None


@app.command()
def check(
    paths: Annotated[list[str], typer.Argument(help="Files, directories (their *.txt/*.md) or - for stdin.")],
    format: Annotated[str, typer.Option("--format", "-f", help="Output format: terminal, json, sarif, or one added by a plugin.")] = "terminal",
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Write the report to a file.")] = None,
    fail_on: Annotated[str, typer.Option(help="Exit 1 when a flag reaches this severity: info, warning, error, never.")] = "",
    published: Annotated[Optional[str], typer.Option(help="Publication date YYYY-MM-DD (else front matter or the text).")] = None,
    db: DbOpt = None,
    no_store: Annotated[bool, typer.Option("--no-store", help="Dry run: read the store but write nothing.")] = False,
    plugin: PluginOpt = [],  # noqa: B006 - typer needs a literal default
    disable: DisableOpt = [],  # noqa: B006
    config: ConfigOpt = None,
    max_size: Annotated[int, typer.Option(help="Refuse files larger than this many MB (each claim holds a few KB in memory).")] = 25,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Show ids and plugin tracebacks.")] = False,
    color: Annotated[Optional[bool], typer.Option("--color/--no-color", help="Colour the terminal report.")] = None,
) -> None:
    """Check documents: one claim per sentence, with its source, numbers, hedges and flags."""
    from .read import InputProblem, expand, read_input

    settings = load_settings(config)
    pm = load_plugins(plugin, disable)
    fmts = formats(pm)
    if format not in fmts:
        err(f"unknown format {format!r} (available: {', '.join(sorted(fmts))})")
        raise typer.Exit(EXIT_INPUT)
    fail_on = fail_on or settings.value("fail_on", "error")
    if fail_on not in ("info", "warning", "error", "never"):
        err(f"--fail-on must be info, warning, error or never, not {fail_on!r}")
        raise typer.Exit(EXIT_INPUT)
    date_option(published, "--published")

    store = None
    store_failed = 0
    store_mod = _store_module()
    if store_mod is not None:
        url = db or settings.value("db") or "claims.db"
        try:
            store = store_mod.open_store(url, create=not no_store)
        except store_mod.StoreError as exc:
            if no_store:
                store = None
                if "no such file" not in str(exc):  # a store that is there but unusable is said, not dropped
                    err(f"warning: {exc}; checked without it")
            else:
                err(str(exc))
                raise typer.Exit(EXIT_STORE) from None
    pipeline = make_pipeline(pm, settings, store.reader() if store else None)

    from .output import OutputError, PluginFailures, write_report
    failures = PluginFailures()
    report = Report()
    for path in expand(paths):
        try:
            item = read_input(path, max_bytes=max_size * 1024 * 1024)
        except InputProblem as exc:
            err(str(exc))
            report.errors.append(InputError(path=exc.path, message=exc.message))
            continue
        for w in item.warnings:
            err(f"warning: {w}")
        if verbose:
            err(f"checking {item.path}")
        try:
            doc = pipeline.check_input(item, published)
        except KeyboardInterrupt:
            raise
        except BaseException as exc:  # noqa: BLE001 - a segmenter plugin (the check hooks contain their own)
            from .check import failed_document
            doc = failed_document(pm, item, exc)
            failures.add(item.path, doc.errors)
            report.documents.append(doc)
            continue
        if store is not None:
            try:
                store.apply_decisions(doc)
                pipeline.summarize(doc)
                if not no_store:
                    store.save(doc)
            except store_mod.StoreError as exc:
                if not store_failed:  # a full disk fails every document the same way: say it once
                    err(str(exc))
                store_failed += 1
        failures.add(item.path, doc.errors)
        report.documents.append(doc)
    if store is not None:
        store.close()
    failures.report(err, (lambda t: typer.echo(t, err=True)) if verbose else None)
    if store_failed > 1:
        err(f"{store_failed} documents were not stored (the first failure is above)")

    use_color = color if color is not None else (output is None and sys.stdout.isatty())
    try:
        text = fmts[format](report, {"verbose": verbose, "color": use_color, "fail_on": fail_on, "settings": settings})
    except KeyboardInterrupt:
        raise
    except BaseException as exc:  # noqa: BLE001 - a format plugin must not end in a traceback (sys.exit too)
        err(f"format {format!r} failed: {type(exc).__name__}: {exc}")
        if verbose:
            import traceback
            typer.echo(traceback.format_exc(), err=True)
        raise typer.Exit(EXIT_PLUGIN) from None
    if output:
        try:
            write_report(output, text + "\n")
        except OutputError as exc:
            err(str(exc))
            raise typer.Exit(EXIT_INPUT) from None
    else:
        typer.echo(text)

    if report.errors:
        raise typer.Exit(EXIT_INPUT)
    if any(d.errors for d in report.documents):
        raise typer.Exit(EXIT_PLUGIN)
    if store_failed:
        raise typer.Exit(EXIT_STORE)
    from .check import worst_severity
    worst = worst_severity(report.documents)
    if fail_on != "never" and worst is not None and worst.rank >= Severity(fail_on).rank:
        raise typer.Exit(EXIT_FLAGS)


def _store_module():
    try:
        from . import db
    except ImportError:
        return None
    return db if hasattr(db, "open_store") else None


@app.command()
def plugins(
    format: Annotated[str, typer.Option("--format", "-f", help="table or json")] = "table",
    plugin: PluginOpt = [],  # noqa: B006
    disable: DisableOpt = [],  # noqa: B006
) -> None:
    """List loaded plugins: where each came from, its version and the hooks it implements."""
    pm = load_plugins(plugin, disable)
    infos = pm.plugin_infos()
    if format == "json":
        typer.echo(json.dumps([i.as_dict() for i in infos], indent=2))
        return
    from rich.console import Console
    from rich.table import Table
    table = Table("name", "origin", "version", "hooks", "location", box=None)
    for i in infos:
        table.add_row(i.name, i.origin, i.version or "", ", ".join(i.hooks), i.location)
    Console(width=160).print(table)


@app.command()
def schema() -> None:
    """Print the JSON Schema of the output of claims check --format json."""
    typer.echo(json.dumps(Report.model_json_schema(), indent=2))


@app.command()
def version() -> None:
    """Print the version."""
    typer.echo(__version__)


_commands_registered = False


def get_app() -> typer.Typer:
    """The Typer app with the commands plugins add (``register_commands``), registered once."""
    global _commands_registered
    if not _commands_registered:
        _register_plugin_commands()
        _commands_registered = True
    return app


def _register_plugin_commands() -> None:
    """Let plugins (built-in and installed) add subcommands before the command line is parsed."""
    try:
        pm = make_plugin_manager(disable=[d for d in os.environ.get("CLAIMS_DISABLE", "").split(",") if d])
    except PluginError as exc:
        err(str(exc))
        raise SystemExit(EXIT_PLUGIN) from None
    pm.hook.register_commands(cli=app)


def main() -> None:
    get_app()()


if __name__ == "__main__":
    main()
