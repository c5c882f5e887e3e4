"""Built-in commands over the store: ``claims list``, ``show``, ``sources`` and ``history``.

Registered through the ``register_commands`` hook like any plugin's commands. Each
opens the store named by ``--db`` (or ``CLAIMS_DB``, or ``db`` in the configuration,
or ``./claims.db``); a missing SQLite file is an error (exit 4), never created.
Commands are thin: options in, ``claims.db.StoreReader`` calls, rendering out.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import sys
from pathlib import Path
from typing import Annotated, Any, Optional

import typer
from rich.text import Text

from claims import hookimpl

from claims.cli import EXIT_INPUT, EXIT_STORE, ConfigOpt, DbOpt, err
from claims.textsafe import SafeConsole

FormatOpt = Annotated[str, typer.Option("--format", "-f", help="table or json")]

SEVERITY_STYLE = {"info": "blue", "warning": "yellow", "error": "bold red"}
BARS = " ▏▎▍▌▋▊▉█"
SPARKS = "▁▂▃▄▅▆▇█"


def _table(*columns: str, **options: Any):
    """A borderless Rich table (imported on use: every command's start-up loads this module)."""
    from rich.table import Table
    return Table(*columns, box=None, pad_edge=False, **options)


def open_reader(db: str | None, config: Path | None, settings=None):
    """The store for a read command: ``--db``, then ``db`` in the configuration, then ./claims.db."""
    from claims.cli import load_settings
    from claims.db import StoreError, open_store
    from claims.db.engine import parse_url

    settings = settings or load_settings(config)
    url = db or settings.value("db") or "claims.db"
    try:
        u = parse_url(url)
        if u.get_backend_name() == "sqlite" and u.database and not Path(u.database).exists():
            raise StoreError(f"store {u.database}: no such file (run claims check to create it, or give --db)")
        return open_store(url, create=False, hint="claims check creates and upgrades a store")  # reads never write
    except StoreError as exc:
        err(str(exc))
        raise typer.Exit(EXIT_STORE) from None


def _console() -> SafeConsole:
    from claims.cli import use_color
    tty = sys.stdout.isatty()
    color = use_color(None, sys.stdout)  # NO_COLOR and FORCE_COLOR, as claims check
    return SafeConsole(file=sys.stdout, width=None if tty else 140, highlight=False, soft_wrap=False,
                       force_terminal=color or None, no_color=not color)


def _check_format(format: str) -> None:
    if format not in ("table", "json", "terminal"):
        err(f"--format must be table or json, not {format!r}")
        raise typer.Exit(EXIT_INPUT)


def _date(d: Any) -> str | None:
    return d.isoformat() if isinstance(d, (dt.date, dt.datetime)) else d


def _doc_json(d: Any) -> dict[str, Any]:
    return {"path": d.path, "sha256": d.sha256, "title": d.title, "publisher": d.publisher,
            "published": _date(d.published), "checked_at": _date(d.checked_at), "version": d.version,
            "superseded": d.superseded_by is not None}


def _claim_json(stored: Any) -> dict[str, Any]:
    """A claim as ``claims check --format json`` shows it, plus the document it is from."""
    out = stored.claim.model_dump(mode="json")
    out["document"] = _doc_json(stored.document)
    return out


def _store_call(fn, *args, **kwargs):
    from claims.db import StoreError
    try:
        return fn(*args, **kwargs)
    except StoreError as exc:
        err(str(exc))
        raise typer.Exit(EXIT_STORE) from None


def _open_flags(claim: Any) -> list[Any]:
    return [f for f in claim.flags if f.status != "dismissed"]


# -- claims list ---------------------------------------------------------------------------

def list_claims(
    source: Annotated[Optional[str], typer.Option(help="Only claims of this source (id, name or alias; its sub-organisations too).")] = None,
    flagged: Annotated[bool, typer.Option("--flagged", help="Only claims with a flag that is not dismissed.")] = False,
    checker: Annotated[Optional[str], typer.Option(help="Only claims flagged by this checker (e.g. conflict).")] = None,
    since: Annotated[Optional[str], typer.Option(help="Only documents published on or after YYYY-MM-DD.")] = None,
    document: Annotated[Optional[str], typer.Option(help="Only this document (path, file name or sha256 prefix).")] = None,
    measure: Annotated[Optional[str], typer.Option(help="Only claims with a figure of this measure (e.g. killed).")] = None,
    all_versions: Annotated[bool, typer.Option("--all-versions", help="Include claims of superseded document versions.")] = False,
    limit: Annotated[int, typer.Option(help="Show at most this many claims (0: all).")] = 100,
    format: FormatOpt = "table",
    db: DbOpt = None,
    config: ConfigOpt = None,
) -> None:
    """List stored claims (newest version of each document), filtered."""
    _check_format(format)
    from claims.cli import date_option
    date_option(since, "--since")
    store = open_reader(db, config)
    try:
        reader = store.reader()
        filters = dict(source=source, flagged=flagged, checker=checker, since=since, document=document,
                       include_superseded=all_versions, measure=measure)
        rows = _store_call(reader.claims, limit=limit or None, **filters)
        total = _store_call(reader.count_claims, **filters) if limit and len(rows) == limit else len(rows)
    finally:
        store.close()
    if format == "json":
        typer.echo(json.dumps([_claim_json(s) for s in rows], indent=2, ensure_ascii=False))
    else:
        table = _table()
        table.add_column("claim", no_wrap=True, min_width=18)
        table.add_column("document", no_wrap=True, max_width=28, min_width=12, overflow="ellipsis")
        table.add_column("published", no_wrap=True, min_width=10)
        table.add_column("source", no_wrap=True, max_width=22, min_width=12, overflow="ellipsis")
        table.add_column("claim text", no_wrap=True, max_width=56, overflow="ellipsis")
        table.add_column("flags", no_wrap=True, max_width=20, min_width=8, overflow="ellipsis")
        for s in rows:
            c = s.claim
            flags = _open_flags(c)
            ftext = Text(", ".join(sorted({f.code for f in flags})) or "", style="yellow" if flags else "")
            text = " ".join(c.text.split())
            table.add_row(c.id, s.document.name, _date(s.document.published) or "?",
                          c.source.name if c.source else Text("publisher", style="dim"), text, ftext)
        console = _console()
        if rows:
            console.print(table)
        else:
            console.print("no claims match")
    if total > len(rows):
        err(f"showing {len(rows)} of {total} claims (--limit 0 for all)")


# -- claims show ---------------------------------------------------------------------------

def show(
    claim_id: Annotated[str, typer.Argument(help="A claim id (or an unambiguous prefix of one).")],
    window: Annotated[int, typer.Option(help="Days apart that figures of other documents still count as the same period.")] = 7,
    format: FormatOpt = "table",
    db: DbOpt = None,
    config: ConfigOpt = None,
) -> None:
    """Show one claim in its paragraph, with its figures, flags, decisions and related claims from other documents."""
    _check_format(format)
    store = open_reader(db, config)
    try:
        reader = store.reader()
        stored = _store_call(reader.claim, claim_id)
        if stored is None:
            err(f"no claim {claim_id!r} in store {reader.url}")
            raise typer.Exit(EXIT_INPUT)
        paragraph, offset = _store_call(reader.paragraph, stored)
        figures = _store_call(reader.quantities_of, stored.claim.id)
        decisions = [d for t in [stored.claim.id, *[f.id for f in stored.claim.flags]]
                     for d in _store_call(reader.decisions, t)]
        related = _store_call(reader.related, stored.claim.id, window)
    finally:
        store.close()
    c, d = stored.claim, stored.document
    if format == "json":
        out = {
            "claim": c.model_dump(mode="json"), "document": _doc_json(d), "paragraph": paragraph,
            "figures": [{"text": q.text, "value": q.value, "low": q.low, "high": q.high, "measure": q.measure_key,
                         "cumulative": q.cumulative, "rate": q.rate, "since": _date(q.since), "as_of": _date(q.as_of),
                         "period": q.period, "place": q.place} for q in figures],
            "decisions": [{"target": x.target_id, "status": x.status, "reason": x.reason, "note": x.note,
                           "reviewer": x.reviewer, "decided_at": _date(x.decided_at),
                           "carried_from": x.carried_from} for x in decisions],
            "related": [{"relation": r.relation, "detail": r.detail, **_claim_json(r.stored)} for r in related],
        }
        typer.echo(json.dumps(out, indent=2, ensure_ascii=False))
        return
    console = _console()
    head = Text(c.id, style="bold")
    head.append(f"  {d.path}", style="")
    head.append(f"  v{d.version}" + (" (superseded)" if d.superseded_by else ""), style="dim")
    head.append(f"  published {_date(d.published) or 'unknown'}", style="dim")
    console.print(head)
    src = Text("source: ", style="dim")
    if c.source:
        src.append(c.source.name, style="magenta")
        src.append(f" ({c.source.mode.value}{', ' + c.source.cue if c.source.cue else ''}; as written: {c.source.mention!r})",
                   style="dim")
    else:
        src.append("the publisher (unattributed)")
    if c.status:
        src.append(f"  status: {c.status}", style="italic green")
    console.print(src)
    console.print()
    para = Text(paragraph, style="dim")
    s0, s1 = c.start - offset, c.end - offset
    if 0 <= s0 <= s1 <= len(paragraph):
        para.stylize("bold not dim", s0, s1)
        for q in c.quantities:
            if 0 <= q.start - offset <= q.end - offset <= len(paragraph):
                para.stylize("bold cyan not dim", q.start - offset, q.end - offset)
    console.print(para)
    if figures:
        console.print()
        console.print(Text("Figures", style="bold"))
        for q in figures:
            scope = ("cumulative" + (f" since {q.since}" if q.since else f" ({q.period})" if q.period else "")
                     + (f", as of {q.as_of}" if q.as_of else "")) if q.cumulative else (
                f"rate ({q.period})" if q.rate else f"on {q.as_of}" if q.as_of else "undated")
            bounds = _bounds(q.value, q.low, q.high, q.qualifier)
            console.print(f"  {q.text:>12}  {q.measure_key or '(no measure)':20} {bounds:24} {scope}"
                          + (f", in {q.place}" if q.place else ""))
    if c.flags:
        console.print()
        console.print(Text("Flags", style="bold"))
        for f in c.flags:
            t = Text(f"  {f.severity.value:7} ", style="dim strike" if f.status == "dismissed" else SEVERITY_STYLE.get(f.severity.value, ""))
            t.append(f"[{f.checker}] ", style="dim")
            t.append(f.message, style="dim" if f.status == "dismissed" else "")
            if f.status:
                t.append(f"  ({f.status})", style="italic")
            t.append(f"  {f.id}", style="dim")
            console.print(t)
    if decisions:
        console.print()
        console.print(Text("Decisions", style="bold"))
        for x in decisions:
            console.print(f"  {_date(x.decided_at)}  {x.target_id}  {x.status}"
                          + (f" ({x.reason})" if x.reason else "") + (f" by {x.reviewer}" if x.reviewer else "")
                          + (f": {x.note}" if x.note else "")
                          + (f" [carried from {x.carried_from[:12]}]" if getattr(x, "carried_from", None) else ""))
    console.print()
    console.print(Text("Related claims in other documents", style="bold"))
    if not related:
        console.print(Text("  none", style="dim"))
    for r in related:
        rc, rd = r.stored.claim, r.stored.document
        style = ("yellow" if r.relation in ("different figure", "flagged")
                 else "green" if r.relation in ("same figure", "same claim") else "")
        line = Text(f"  {r.relation:16} ", style=style)
        line.append(f"{rd.name} ({_date(rd.published) or 'undated'}) ", style="dim")
        line.append(f"{rc.source.name if rc.source else 'publisher'}: ", style="magenta")
        line.append(rc.text if len(rc.text) < 110 else rc.text[:107] + "...")
        line.append(f"  {rc.id}", style="dim")
        console.print(line)


def _bounds(value: float, low: float | None, high: float | None, qualifier: str | None) -> str:
    """'[236, ∞]' for 'at least 236'; '' for an exact figure."""
    from claims.plugins.conflict import interval
    lo, hi = interval(value, low, high, qualifier)
    if lo == hi:
        return ""
    return f"[{_num(lo)}, {'∞' if math.isinf(hi) else _num(hi)}]"


def _num(x: float) -> str:
    return f"{x:,.0f}" if abs(x - round(x)) < 1e-9 else f"{x:,.2f}"


# -- claims sources ------------------------------------------------------------------------

def sources(
    format: FormatOpt = "table",
    db: DbOpt = None,
    config: ConfigOpt = None,
) -> None:
    """List the sources seen in stored documents, with how many claims each made."""
    _check_format(format)
    store = open_reader(db, config)
    try:
        rows = _store_call(store.reader().sources)
    finally:
        store.close()
    if format == "json":
        typer.echo(json.dumps([{"id": s.id, "name": s.name, "kind": s.kind, "parent": s.parent, "country": s.country,
                                "aliases": s.aliases, "claims": s.claims, "documents": s.documents,
                                "last_published": _date(s.last_published)} for s in rows], indent=2, ensure_ascii=False))
        return
    table = _table()
    for col, kw in (("id", {"max_width": 28, "min_width": 12}), ("name", {"max_width": 32, "min_width": 12}), ("kind", {"min_width": 10}),
                    ("parent", {"max_width": 16, "min_width": 6}), ("claims", {"justify": "right", "min_width": 6}),
                    ("documents", {"justify": "right", "min_width": 9}), ("last published", {"min_width": 14}),
                    ("also written as", {"max_width": 40})):
        table.add_column(col, no_wrap=True, overflow="ellipsis", **kw)
    for s in rows:
        aliases = "; ".join(s.aliases[:3]) + (f" (+{len(s.aliases) - 3})" if len(s.aliases) > 3 else "")
        table.add_row(s.id, s.name, s.kind or "", s.parent or "", str(s.claims), str(s.documents),
                      _date(s.last_published) or "", aliases)
    console = _console()
    console.print(table if rows else "no sources stored yet")


# -- claims history ------------------------------------------------------------------------

def bar(value: float, top: float, width: int = 30) -> str:
    """A horizontal unicode bar, eighth-block precise: bar(5, 10, 4) == '██'."""
    if top <= 0 or value <= 0:
        return ""
    cells = value / top * width
    full = int(cells)
    part = int(round((cells - full) * 8))
    if part == 8:
        full, part = full + 1, 0
    return "█" * full + (BARS[part] if part else "")


def sparkline(values: list[float]) -> str:
    """One character per value, ▁ (lowest) to █ (highest)."""
    if not values:
        return ""
    lo, hi = min(values), max(values)
    if hi == lo:
        return SPARKS[len(SPARKS) // 2] * len(values)
    return "".join(SPARKS[min(len(SPARKS) - 1, int((v - lo) / (hi - lo) * (len(SPARKS) - 1) + 0.5))] for v in values)


def history(
    measure: Annotated[Optional[str], typer.Argument(help="What is counted, e.g. killed, injured, children.killed, casualties. Omit to list measures.")] = None,
    source: Annotated[Optional[str], typer.Option(help="Only this source (id, name or alias).")] = None,
    width: Annotated[int, typer.Option(help="Width of the bars in characters.")] = 30,
    format: FormatOpt = "table",
    db: DbOpt = None,
    config: ConfigOpt = None,
) -> None:
    """The timeline of one measure across stored reports, as a table with bars and a sparkline per source."""
    _check_format(format)
    store = open_reader(db, config)
    try:
        reader = store.reader()
        if measure is None:
            measures = _store_call(reader.measures)
            rows = None
        else:
            rows = _store_call(reader.history, measure, source)
    finally:
        store.close()
    console = _console()
    if rows is None:
        if format == "json":
            typer.echo(json.dumps([{"measure": k, "figures": n} for k, n in measures], indent=2))
            return
        table = _table("measure", "figures")
        for k, n in measures:
            table.add_row(k, str(n))
        console.print(table if measures else "no figures stored yet")
        return
    if format == "json":
        typer.echo(json.dumps([{
            "date": _date(q.as_of or q.published), "value": q.value, "low": q.low, "high": q.high, "text": q.text,
            "measure": q.measure_key, "cumulative": q.cumulative, "since": _date(q.since), "period": q.period,
            "place": q.place, "source": q.source_id, "source_name": q.source_name, "document": q.document_path,
            "claim": q.claim_id} for q in rows], indent=2, ensure_ascii=False))
        return
    if not rows:
        err(f"no figures for {measure!r}" + (f" from {source!r}" if source else "")
             + " (claims history without a measure lists the measures stored)")
        raise typer.Exit(EXIT_INPUT)
    top = max(q.value for q in rows)
    table = _table(title=f"{rows[0].measure_key}" + (f" — {source}" if source else ""), title_justify="left")
    for col, kw in (("date", {}), ("source", {"max_width": 24}), ("figure", {"justify": "right"}), ("", {}),
                    ("period", {"max_width": 24}), ("document", {"max_width": 28}), ("claim", {})):
        table.add_column(col, no_wrap=True, overflow="ellipsis", **kw)
    last: dict[str, Any] = {}
    for q in rows:
        key = q.source_id or q.source_name or "?"
        prev = last.get(key)
        fell = (q.cumulative and prev is not None and prev.cumulative and (prev.as_of or prev.published)
                and (q.as_of or q.published) and (prev.as_of or prev.published) < (q.as_of or q.published)
                and prev.value > q.value)
        last[key] = q
        figure = Text(q.text if q.text.replace(",", "").replace(".", "").isdigit() else f"{q.text} ({_num(q.value)})")
        b = Text(bar(q.value, top, width), style="red" if fell else "cyan")
        if fell:
            b.append(" ↓ lower", style="bold red")
        period = ("since " + _date(q.since)) if q.since else (q.period or ("cumulative" if q.cumulative else ""))
        table.add_row(_date(q.as_of or q.published) or "?", q.source_name or "unattributed", figure, b, period,
                      q.document_name, q.claim_id)
    console.print(table)
    by_source: dict[str, list[float]] = {}
    for q in rows:
        by_source.setdefault(q.source_name or "unattributed", []).append(q.value)
    console.print()
    for name, values in by_source.items():
        console.print(Text(f"{name:32} ", style="magenta") + Text(sparkline(values), style="cyan")
                      + Text(f"  {_num(values[0])} → {_num(values[-1])} ({len(values)} figures)", style="dim"))


COMMANDS = {"list": list_claims, "show": show, "sources": sources, "history": history}


@hookimpl
def register_commands(cli):
    have = {c.name or (c.callback.__name__ if c.callback else None) for c in cli.registered_commands}
    for name, fn in COMMANDS.items():
        if name not in have:
            cli.command(name)(fn)
