"""Built-in command ``claims report``: stored documents with their review decisions, in any format.

Registered through the ``register_commands`` hook. The documents are rebuilt from the store
(text, claims, flags, current statuses; ``claims.review.build_report``) and rendered by the
same ``register_formats`` renderers as ``claims check --format``: ``md``, ``html``, ``json``
(``claims check``'s JSON plus ``decisions``), ``claimreview``, ``sarif``, ``terminal``...
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from claims import hookimpl

from claims.cli import EXIT_INPUT, EXIT_STORE, ConfigOpt, DbOpt, err



def report(
    documents: Annotated[Optional[list[str]], typer.Argument(
        help="Stored documents (path, file name or sha256 prefix); none: every current document.")] = None,
    format: Annotated[str, typer.Option("--format", "-f", help="md, html, json, claimreview, sarif, terminal, "
                                                               "or one added by a plugin.")] = "md",
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Write the report to a file.")] = None,
    since: Annotated[Optional[str], typer.Option(help="Only documents published on or after YYYY-MM-DD.")] = None,
    source: Annotated[Optional[str], typer.Option(help="Only documents quoting this source (id, name or alias).")] = None,
    checker: Annotated[Optional[str], typer.Option(help="Only documents with an open flag of this checker.")] = None,
    flagged: Annotated[bool, typer.Option("--flagged", help="Only documents with a flag that is not dismissed.")] = False,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Show claim and flag ids.")] = False,
    color: Annotated[Optional[bool], typer.Option("--color/--no-color", help="Colour the terminal format.")] = None,
    db: DbOpt = None,
    config: ConfigOpt = None,
) -> None:
    """Report stored documents with their flags and review decisions: Markdown for a briefing, a
    self-contained HTML page, JSON, or schema.org ClaimReview for the claims with a verdict.

    Filters choose documents; each document is reported whole.
    """
    from claims.cli import date_option, formats, load_plugins, load_settings
    from claims.db import StoreError
    from claims.plugins.store_commands import open_reader
    from claims.review import ReviewError, build_report, select_documents

    date_option(since, "--since")
    settings = load_settings(config)
    fmts = formats(load_plugins())
    if format in ("markdown",):
        format = "md"
    if format not in fmts:
        err(f"unknown format {format!r} (available: {', '.join(sorted(fmts))})")
        raise typer.Exit(EXIT_INPUT)
    store = open_reader(db, config, settings)
    try:
        reader = store.reader()
        chosen = select_documents(reader, documents or [], since=since, source=source, checker=checker,
                                  flagged=flagged)
        if not chosen:
            err("no stored document matches" if (documents or since or source or checker or flagged)
                 else f"no documents in store {reader.url} (claims check stores them)")
            raise typer.Exit(EXIT_INPUT)
        rep = build_report(reader, chosen)
    except ReviewError as exc:
        err(str(exc))
        raise typer.Exit(EXIT_INPUT) from None
    except StoreError as exc:
        err(str(exc))
        raise typer.Exit(EXIT_STORE) from None
    finally:
        store.close()
    from claims.config import ConfigError

    from claims.cli import use_color as color_for
    use_color = color if color is not None else (output is None and color_for(None, sys.stdout))
    try:
        text = fmts[format](rep, {"verbose": verbose, "color": use_color, "fail_on": "never", "settings": settings,
                                  "organisation": settings.value("organisation")})
    except ConfigError as exc:  # e.g. claimreview without the organisation or url it must publish
        err(f"{format}: {exc}")
        raise typer.Exit(EXIT_INPUT) from None
    if output:
        from claims.output import OutputError, write_report
        try:
            write_report(output, text + "\n")
        except OutputError as exc:
            err(str(exc))
            raise typer.Exit(EXIT_INPUT) from None
        err(f"wrote {format} report of {len(rep.documents)} document{'s' if len(rep.documents) != 1 else ''}"
             f" to {output}")
    else:
        typer.echo(text)


@hookimpl
def register_commands(cli):
    have = {c.name or (c.callback.__name__ if c.callback else None) for c in cli.registered_commands}
    if "report" not in have:
        cli.command("report")(report)
