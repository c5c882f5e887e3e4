"""Built-in commands ``claims review`` (interactive) and ``claims review set|dismiss|confirm|note|reopen|undo|import|export|statuses``.

Registered through the ``register_commands`` hook like any plugin's commands. Thin: options
in, ``claims.review`` functions, one line out. Every decision records its reviewer
(``--reviewer``, else ``CLAIMS_REVIEWER``, else ``reviewer`` in the configuration, else the
OS user) and time, and is written to the store at once. Unknown ids, invalid statuses and a
dismissal without a reason exit 2 and change nothing; a store error exits 4.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any, Optional

import typer

from claims import hookimpl

from claims.cli import EXIT_INPUT, EXIT_STORE, ConfigOpt, DbOpt, err
from claims.textsafe import SafeConsole

ReviewerOpt = Annotated[Optional[str], typer.Option(
    "--reviewer", help="Who decides (default: CLAIMS_REVIEWER, else reviewer in the config, else the OS user).")]
NoteOpt = Annotated[Optional[str], typer.Option("--note", help="A note kept with the decision.")]
DocumentOpt = Annotated[Optional[str], typer.Option(
    "--document", help="The document (path, file name or sha256 prefix), for a document-level flag raised on several.")]

group = typer.Typer(name="review", add_completion=False)


class _Session:
    """The store and settings of one command, closed on exit; ReviewError -> 2, StoreError -> 4.

    Other command groups reuse it with their own usage error (``usage_error``).
    """

    def __init__(self, db: str | None, config: Path | None) -> None:
        from claims.cli import load_settings
        from claims.plugins.store_commands import open_reader

        self.settings = load_settings(config)
        self.store = open_reader(db, config, self.settings)

    def __enter__(self) -> "_Session":
        return self

    @staticmethod
    def usage_error() -> type[Exception]:
        """The exception class whose message is a usage error (exit 2)."""
        from claims.review import ReviewError
        return ReviewError

    def __exit__(self, exc_type: Any, exc: Any, tb: Any) -> bool:
        from claims.db import StoreError

        self.store.close()
        if isinstance(exc, self.usage_error()):
            err(str(exc))
            raise typer.Exit(EXIT_INPUT) from None
        if isinstance(exc, StoreError):
            err(str(exc))
            raise typer.Exit(EXIT_STORE) from None
        return False

    def reviewer(self, explicit: str | None) -> str:
        from claims.review import default_reviewer
        return default_reviewer(explicit, self.settings)


@group.callback(invoke_without_command=True)
def interactive(
    ctx: typer.Context,
    document: Annotated[Optional[str], typer.Option(help="Only this document (path, file name or sha256 prefix).")] = None,
    source: Annotated[Optional[str], typer.Option(help="Only claims of this source (id, name or alias).")] = None,
    checker: Annotated[Optional[str], typer.Option(help="Only claims flagged by this checker (e.g. conflict).")] = None,
    min_severity: Annotated[Optional[str], typer.Option(
        "--min-severity", help="Only claims with an open flag at least this severe: info, warning or error.")] = None,
    window: Annotated[int, typer.Option(help="Days apart that figures of other documents count as related.")] = 7,
    reviewer: ReviewerOpt = None,
    db: DbOpt = None,
    config: ConfigOpt = None,
) -> None:
    """Review flagged claims: interactively (no subcommand), one decision at a
    time (set, dismiss, confirm, note), or by import/export.

    Without a subcommand: walks the unreviewed flagged claims, most severe
    first, each in its paragraph with its flags and related claims from other
    documents. Every decision is saved the moment it is made.

    Keys: v verified, f false, m misleading, e unverifiable (no evidence
    either way), x not applicable, p in progress, d dismiss a flag (asks a
    reason), c confirm a flag, r reopen a flag, n add a note, s skip,
    u undo the last decision (back to its claim), b back to the previous
    claim, q quit. On a terminal a key needs no Enter; from a pipe, one key
    per line.
    """

    if ctx.invoked_subcommand is not None:
        return
    from claims.review import Keys, ReviewSession, review_queue

    with _Session(db, config) as s:
        who = s.reviewer(reviewer)
        queue = review_queue(s.store.reader(), document=document, source=source, checker=checker,
                             min_severity=min_severity)
        from claims.cli import use_color
        tty = sys.stdout.isatty()
        color = use_color(None, sys.stdout)  # NO_COLOR and FORCE_COLOR, as claims check
        console = SafeConsole(file=sys.stdout, highlight=False, soft_wrap=False, width=None if tty else 100,
                              force_terminal=color or None, no_color=not color)
        if not queue:
            console.print("nothing to review: no unreviewed claim with an open flag matches")
            return
        ReviewSession(s.store, queue, reviewer=who, console=console, keys=Keys(), related_window=window).run()


@group.command("set")
def set_status(
    claim_id: Annotated[str, typer.Argument(help="A claim id (or an unambiguous prefix).")],
    status: Annotated[str, typer.Option("--status", help="unreviewed, in_progress, verified, false, misleading, "
                                                         "unverifiable or not_applicable.")],
    note: NoteOpt = None,
    reviewer: ReviewerOpt = None,
    db: DbOpt = None,
    config: ConfigOpt = None,
) -> None:
    """Give a claim a status."""
    from claims import review
    with _Session(db, config) as s:
        made = review.set_status(s.store, claim_id, status, reviewer=s.reviewer(reviewer), note=note)
    typer.echo(f"saved: {made.describe()}")


@group.command("dismiss")
def dismiss(
    flag_id: Annotated[str, typer.Argument(help="A flag id (or an unambiguous prefix).")],
    reason: Annotated[str, typer.Option("--reason", help="Why the flag does not stand (required).")],
    note: NoteOpt = None,
    document: DocumentOpt = None,
    reviewer: ReviewerOpt = None,
    db: DbOpt = None,
    config: ConfigOpt = None,
) -> None:
    """Dismiss a flag with a reason: it stays dismissed when the same text is checked again."""
    from claims import review
    with _Session(db, config) as s:
        made = review.dismiss_flag(s.store, flag_id, reason=reason, reviewer=s.reviewer(reviewer), note=note,
                                   document=document)
    typer.echo(f"saved: {made.describe()}")


@group.command("confirm")
def confirm(
    flag_id: Annotated[str, typer.Argument(help="A flag id (or an unambiguous prefix).")],
    note: NoteOpt = None,
    document: DocumentOpt = None,
    reviewer: ReviewerOpt = None,
    db: DbOpt = None,
    config: ConfigOpt = None,
) -> None:
    """Confirm a flag: the checker is right (also undoes a dismissal)."""
    from claims import review
    with _Session(db, config) as s:
        made = review.confirm_flag(s.store, flag_id, reviewer=s.reviewer(reviewer), note=note, document=document)
    typer.echo(f"saved: {made.describe()}")


@group.command("note")
def note(
    target_id: Annotated[str, typer.Argument(help="A claim or flag id.")],
    text: Annotated[str, typer.Argument(help="The note.")],
    document: DocumentOpt = None,
    reviewer: ReviewerOpt = None,
    db: DbOpt = None,
    config: ConfigOpt = None,
) -> None:
    """Add a note to a claim or a decided flag, keeping its status."""
    from claims import review
    with _Session(db, config) as s:
        made = review.add_note(s.store, target_id, text, reviewer=s.reviewer(reviewer), document=document)
    typer.echo(f"saved: {made.describe()}")


@group.command("reopen")
def reopen(
    target_id: Annotated[str, typer.Argument(help="A confirmed or dismissed flag, or a decided claim.")],
    note: NoteOpt = None,
    document: DocumentOpt = None,
    reviewer: ReviewerOpt = None,
    db: DbOpt = None,
    config: ConfigOpt = None,
) -> None:
    """Reopen a confirmed or dismissed flag (it is open again), or put a decided claim back in the queue."""
    from claims import review
    with _Session(db, config) as s:
        made = review.reopen(s.store, target_id, reviewer=s.reviewer(reviewer), note=note, document=document)
    typer.echo(f"saved: {made.describe()}")


@group.command("undo")
def undo(
    decision_id: Annotated[Optional[int], typer.Argument(
        help="The id of the decision to revert (default: your newest one still in effect).")] = None,
    reviewer: ReviewerOpt = None,
    db: DbOpt = None,
    config: ConfigOpt = None,
) -> None:
    """Undo a decision: a new entry puts back the status before it; nothing is erased."""
    from claims import review
    with _Session(db, config) as s:
        who = s.reviewer(reviewer)
        if decision_id is None:
            last = review.last_decision_by(s.store.reader(), who)
            if last is None:
                raise review.ReviewError(f"no decision by {who} to undo")
            decision_id = last.id
        made = review.undo(s.store, decision_id, reviewer=who)
    typer.echo(f"saved: {made.describe()}")


@group.command("import")
def import_(
    file: Annotated[str, typer.Argument(help="decisions.json (as claims review export writes it), or - for stdin.")],
    reviewer: Annotated[Optional[str], typer.Option(
        "--reviewer", help="Reviewer of entries that name none (default: CLAIMS_REVIEWER, config, OS user).")] = None,
    db: DbOpt = None,
    config: ConfigOpt = None,
) -> None:
    """Import decisions made elsewhere: all entries are checked first; one bad entry imports nothing."""
    from claims import review
    try:
        raw = sys.stdin.read() if file == "-" else Path(file).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        err(f"{file}: cannot read: {exc}")
        raise typer.Exit(EXIT_INPUT) from None
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        err(f"{file}: not JSON: {exc}")
        raise typer.Exit(EXIT_INPUT) from None
    with _Session(db, config) as s:
        result = review.import_decisions(s.store, data, reviewer=s.reviewer(reviewer))
    typer.echo(f"imported {result.imported} decision{'s' if result.imported != 1 else ''}"
               + (f"; {result.skipped} already recorded" if result.skipped else ""))


@group.command("export")
def export(
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Write to this file (default: stdout).")] = None,
    document: Annotated[Optional[str], typer.Option(help="Only decisions about this document's claims and flags.")] = None,
    latest: Annotated[bool, typer.Option("--latest", help="Only the current decision per claim or flag, not the history.")] = False,
    db: DbOpt = None,
    config: ConfigOpt = None,
) -> None:
    """Export decisions as JSON (the format claims review import reads), oldest first."""
    from claims import review
    with _Session(db, config) as s:
        data = review.export_decisions(s.store.reader(), document=document, latest=latest)
    text = review.dumps(data)
    if output:
        from claims.cli import EXIT_INPUT, err
        from claims.output import OutputError, write_report
        try:
            write_report(output, text + "\n")
        except OutputError as exc:
            err(str(exc))
            raise typer.Exit(EXIT_INPUT) from None
        typer.echo(f"exported {len(data['decisions'])} decisions to {output}", err=True)
    else:
        typer.echo(text)


@group.command("statuses")
def statuses(format: Annotated[str, typer.Option("--format", "-f", help="table or json")] = "table") -> None:
    """List the claim and flag statuses, their ClaimReview rating and what desks call them."""
    from claims.review import BEST_RATING, CLAIM_STATUSES, FLAG_STATUSES, WORST_RATING
    if format == "json":
        typer.echo(json.dumps({
            "claim": [{"status": s.name, "description": s.description, "verdict": s.verdict, "rating": s.rating,
                       "desk": s.desk, "key": s.key} for s in CLAIM_STATUSES.values()],
            "flag": [{"status": k, "description": v} for k, v in FLAG_STATUSES.items()],
            "rating_scale": {"worst": WORST_RATING, "best": BEST_RATING},
        }, indent=2))
        return
    from rich.console import Console
    from rich.table import Table
    table = Table("claim status", "key", "ClaimReview rating", "desks call it", "meaning", box=None)
    for s in CLAIM_STATUSES.values():
        rating = (f"{s.rating}/{BEST_RATING}" if s.rating else "no value") if s.verdict else "not exported"
        table.add_row(s.name, s.key or "", rating, s.desk, s.description)
    console = Console(width=160, highlight=False)
    console.print(table)
    console.print()
    for k, v in FLAG_STATUSES.items():
        console.print(f"flag {k}: {v}")


@hookimpl
def register_commands(cli):
    if not any(g.name == "review" or getattr(g.typer_instance, "info", None) is group.info
               for g in cli.registered_groups):
        cli.add_typer(group, name="review")
