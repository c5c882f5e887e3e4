"""Built-in commands for plugin authors: ``claims plugin new`` and ``claims plugin hooks``.

Registered through the ``register_commands`` hook like any plugin's commands.
(``claims plugins``, the list of loaded plugins, is a core command.)
"""

from __future__ import annotations

import inspect
from pathlib import Path
from typing import Annotated, Optional

import typer

from claims import hookimpl

from claims.cli import EXIT_INPUT

group = typer.Typer(
    name="plugin",
    help="Tools for plugin authors: start a plugin package, list the hooks.",
    no_args_is_help=True,
    add_completion=False,
)


@group.command("new")
def new(
    name: Annotated[str, typer.Argument(help="Plugin name, e.g. anonymous-sources (the package is claims-NAME).")],
    directory: Annotated[Optional[Path], typer.Option(
        "--directory", "-d", help="Write the package here (default: ./claims-NAME).")] = None,
    description: Annotated[Optional[str], typer.Option(help="One line for pyproject.toml and the README.")] = None,
    force: Annotated[bool, typer.Option("--force", help="Write into a directory that is not empty.")] = False,
) -> None:
    """Start a plugin package that passes its own test.

    Writes claims-NAME/ with pyproject.toml (the entry point), a module with one
    check_claim hook, a test using the claims test kit, a README and a .gitignore.
    """
    from claims.scaffold import ScaffoldError, new_plugin

    try:
        made = new_plugin(name, Path.cwd(), description=description, directory=directory, force=force)
    except ScaffoldError as exc:
        typer.echo(f"claims: {exc}", err=True)
        raise typer.Exit(EXIT_INPUT) from None
    where = made.directory
    try:
        where = where.resolve().relative_to(Path.cwd().resolve())
    except ValueError:
        pass
    typer.echo(f"Created plugin {made.plugin!r} (package {made.distribution}, module {made.module}) in {where}:")
    for path in made.files:
        typer.echo(f"  {path.relative_to(made.directory).as_posix()}")
    typer.echo("")
    typer.echo("Next:")
    typer.echo(f"  cd {where}")
    typer.echo("  python -m pytest        # the example test passes")
    typer.echo(f"  pip install -e .        # then `claims plugins` lists {made.plugin}")


@group.command("hooks")
def hooks() -> None:
    """List every hook a plugin can implement, with its arguments and what it is for."""
    from claims import hookspecs

    for name, fn in inspect.getmembers(hookspecs, inspect.isfunction):
        if not hasattr(fn, "claims_spec"):
            continue
        params = ", ".join(inspect.signature(fn).parameters)
        summary = (inspect.getdoc(fn) or "").split("\n\n", 1)[0].replace("\n", " ")
        typer.echo(f"{name}({params})")
        typer.echo(f"    {summary}")


@hookimpl
def register_commands(cli):
    if not any(g.name == "plugin" or getattr(g.typer_instance, "info", None) is group.info
               for g in cli.registered_groups):
        cli.add_typer(group, name="plugin")
