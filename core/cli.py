"""The ``claims`` command line. Commands are thin: parse options, call the library, render.

Exit statuses (see docs/cli.md):
  0  nothing reached --fail-on
  1  a flag reached --fail-on
  2  usage, configuration or input error (missing, binary, unreadable file)
  3  a plugin failed (could not load, or raised while checking)
  4  the store could not be opened or written
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Callable, Optional

import typer

from . import __version__

if TYPE_CHECKING:
    from .config import Settings
    from .plugin_manager import PluginManager

EXIT_OK, EXIT_FLAGS, EXIT_INPUT, EXIT_PLUGIN, EXIT_STORE = 0, 1, 2, 3, 4

app = typer.Typer(
    name="claims",
    help="Fact-checking claim tracker: every sentence becomes a claim with its source, checked by plugins.",
    no_args_is_help=True,
    add_completion=True,
    # markdown: paragraphs are re-flowed and [tool.claims] is text, not a Rich markup tag
    rich_markup_mode="markdown",
    pretty_exceptions_enable=False,
)

PluginOpt = Annotated[list[Path], typer.Option("--plugin", "-p", help="Load a plugin from a .py file (repeatable).")]
DisableOpt = Annotated[list[str], typer.Option("--disable", help="Turn a plugin off by name, built-ins included (repeatable).")]
ConfigOpt = Annotated[Optional[Path], typer.Option(
    "--config", help="Configuration file (default: the nearest claims.toml, or pyproject.toml with [tool.claims], "
                     "in this folder or a parent).")]
DbOpt = Annotated[Optional[str], typer.Option(
    "--db", envvar="CLAIMS_DB", help="Store: SQLite path or postgresql+psycopg:// URL (default: db in the config, else claims.db).")]


def err(message: str) -> None:
    """One line on stderr."""
    from .textsafe import line
    sys.stderr.write(f"claims: {line(message)}\n")  # file names and plugin messages are inert text
    sys.stderr.flush()


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
    from .plugin_manager import PluginError, known_plugin_names
    try:
        pm = make_plugin_manager(plugin or [], disable or [])
    except PluginError as exc:
        err(str(exc))
        raise typer.Exit(EXIT_PLUGIN) from None
    if disable:   # listing the installed plugins reads every package's metadata: only when asked
        known = set(pm.origins) | known_plugin_names() | {Path(p).stem for p in plugin or []}
        for name in disable:
            if name not in known:
                err(f"warning: --disable {name}: no plugin of that name (plugins: {', '.join(sorted(known))})")
    return pm


def make_plugin_manager(*args: Any, **kwargs: Any) -> PluginManager:
    """``claims.plugin_manager.make_plugin_manager`` (a seam the test kit patches)."""
    from .plugin_manager import make_plugin_manager as make
    return make(*args, **kwargs)


def load_settings(config: Path | None) -> Settings:
    from .config import ConfigError, Settings
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
    """The pipeline for this run; unknown plugin tables and invalid plugin settings exit 2."""
    from .config import ConfigError
    from .pipeline import Pipeline
    from .plugin_manager import PluginError, known_plugin_names
    try:
        pipeline = Pipeline(pm, settings, store)
        settings.check_plugin_tables(lambda: set(pm.origins) | known_plugin_names())
        return pipeline
    except ConfigError as exc:
        err(str(exc))
        raise typer.Exit(EXIT_INPUT) from None
    except PluginError as exc:
        err(str(exc))
        raise typer.Exit(EXIT_PLUGIN) from None


def use_color(flag: bool | None, stream: Any) -> bool:
    """``--color/--no-color``, else ``NO_COLOR``, else ``FORCE_COLOR``, else whether ``stream`` is a terminal."""
    if flag is not None:
        return flag
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return _isatty(stream)


def _isatty(stream: Any) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False


def terminal_width(stream: Any) -> int | None:
    """``COLUMNS``, else the width of the terminal ``stream`` is, else None (the format's default)."""
    cols = os.environ.get("COLUMNS", "")
    if cols.isdigit() and int(cols) > 0:
        return int(cols)
    if _isatty(stream):
        try:
            return os.get_terminal_size(stream.fileno()).columns
        except (OSError, ValueError, AttributeError):
            return None
    return None


# -- check --------------------------------------------------------------------------------

@app.command()
def check(
    paths: Annotated[list[str], typer.Argument(
        help="Files (text, Markdown, HTML, PDF, feeds), directories (their files of those kinds), http(s):// URLs "
             "or - for stdin.")],
    format: Annotated[str, typer.Option("--format", "-f", help="Output format: terminal, json, jsonl, line, sarif, md, html, "
                                                              "claimreview, or one added by a plugin.")] = "terminal",
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Write the report to a file.")] = None,
    fail_on: Annotated[str, typer.Option(help="Exit 1 when a flag reaches this severity: info, warning, error, never.")] = "",
    published: Annotated[Optional[str], typer.Option(help="Publication date YYYY-MM-DD (else front matter or the text).")] = None,
    db: DbOpt = None,
    no_store: Annotated[bool, typer.Option("--no-store", help="Dry run: read the store but write nothing.")] = False,
    plugin: PluginOpt = [],  # noqa: B006 - typer needs a literal default
    disable: DisableOpt = [],  # noqa: B006
    config: ConfigOpt = None,
    max_size: Annotated[int, typer.Option(help="Refuse files larger than this many MB (each claim holds a few KB in memory).")] = 25,
    jobs: Annotated[Optional[int], typer.Option(
        "--jobs", "-j", min=1, help="Check documents in this many processes (default: one per core; runs under "
                                    "256 KB stay in one process). Output and results are those of a serial run.")] = None,
    dask: Annotated[Optional[str], typer.Option(
        "--dask", metavar="ADDRESS", help="Run the documents on a Dask distributed cluster, e.g. tcp://scheduler:8786 "
                                          "(pip install 'claims[dask]').")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print only the grand total and errors (-o still writes the report).")] = False,
    timeout: Annotated[float, typer.Option(help="Give up on a URL after this many seconds.")] = 20.0,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Show ids and plugin tracebacks.")] = False,
    color: Annotated[Optional[bool], typer.Option(
        "--color/--no-color", help="Colour the terminal report (default: when writing to a terminal; NO_COLOR and "
                                   "FORCE_COLOR are honoured).")] = None,
) -> None:
    """Check documents: one claim per sentence, with its source, numbers, hedges and flags."""
    from .check_run import CheckRun

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
    run = CheckRun(pm=pm, settings=settings, render=fmts[format], format=format, output=output, fail_on=fail_on,
                   published=published, db=db, no_store=no_store, plugin_files=[str(p) for p in plugin],
                   disable=list(disable), max_bytes=max_size * 1024 * 1024, jobs=jobs, dask=dask, quiet=quiet,
                   verbose=verbose, color=color, timeout=timeout)
    raise typer.Exit(run.execute(paths))


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
        import json
        typer.echo(json.dumps([i.as_dict() for i in infos], indent=2))
        return
    from rich.console import Console
    from rich.table import Table
    table = Table("name", "origin", "version", "hooks", "location", box=None)
    for i in infos:
        table.add_row(i.name, i.origin, i.version or "", ", ".join(i.hooks), i.location)
    import io

    from claims.plugins.format_terminal import strip_padding
    console = Console(width=terminal_width(sys.stdout) or 160, highlight=False, record=True, file=io.StringIO())
    console.print(table)
    sys.stdout.write(strip_padding(console.export_text(styles=use_color(None, sys.stdout))))


@app.command()
def schema() -> None:
    """Print the JSON Schema of the output of claims check --format json."""
    import json

    from .models import Report
    typer.echo(json.dumps(Report.model_json_schema(), indent=2))


@app.command()
def version() -> None:
    """Print the version."""
    typer.echo(__version__)


def _version_callback(value: bool) -> None:
    if value:
        typer.echo(__version__)
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[Optional[bool], typer.Option(
        "--version", callback=_version_callback, is_eager=True, help="Print the version and exit.")] = None,
) -> None:
    """Fact-checking claim tracker: every sentence becomes a claim with its source, checked by plugins."""


_commands_registered = False


def get_app() -> typer.Typer:
    """The Typer app with the commands plugins add (``register_commands``), registered once."""
    global _commands_registered
    if not _commands_registered:
        _register_plugin_commands()
        _commands_registered = True
    return app


def _register_plugin_commands() -> None:
    """Let plugins (built-in and installed) add subcommands before the command line is parsed.

    Only the built-ins that add commands are imported here; checkers and formats load when
    a command needs them.
    """
    from .plugin_manager import COMMAND_PLUGINS, PluginError
    try:
        pm = make_plugin_manager(disable=[d for d in os.environ.get("CLAIMS_DISABLE", "").split(",") if d],
                                 builtins=COMMAND_PLUGINS)
    except PluginError as exc:
        err(str(exc))
        raise SystemExit(EXIT_PLUGIN) from None
    pm.hook.register_commands(cli=app)


def main() -> None:
    if sys.argv[1:] == ["--version"]:  # the fast path: no plugin needs to load to answer it
        sys.stdout.write(__version__ + "\n")
        return
    get_app()()


if __name__ == "__main__":
    main()
