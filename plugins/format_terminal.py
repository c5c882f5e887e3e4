"""Built-in output format ``terminal``: the readable report, paragraph by paragraph."""

from __future__ import annotations

import io

from rich.padding import Padding
from rich.text import Text

from claims import hookimpl
from claims.textsafe import SafeConsole

SEVERITY_STYLE = {"info": "blue", "warning": "yellow", "error": "bold red"}
MODE_LABEL = {"direct_quote": "direct quote", "indirect": "reported speech", "according_to": "according to",
              "continued": "quote continued"}


def claim_text(claim) -> Text:
    """The claim with its source mention, numbers and hedges highlighted."""
    t = Text(claim.text)
    base = claim.start
    if claim.source and claim.source.mention_start is not None:
        t.stylize("bold magenta", claim.source.mention_start - base, claim.source.mention_end - base)
    for q in claim.quantities:
        t.stylize("bold cyan", q.start - base, q.end - base)
    for h in claim.hedges:
        t.stylize("bold yellow underline", h.start - base, h.end - base)
    return t


def source_label(claim) -> Text:
    if claim.source is None:
        return Text("publisher", style="dim")
    s = claim.source
    label = Text(s.name, style="magenta")
    parts = [MODE_LABEL.get(s.mode.value, s.mode.value)]
    if s.cue and s.cue != parts[0]:
        parts.insert(0, f"“{s.cue}”")
    label.append(f" · {', '.join(parts)}", style="dim")
    return label


def flag_line(f, verbose: bool = False) -> Text:
    t = Text()
    style = SEVERITY_STYLE.get(f.severity.value, "")
    if f.status == "dismissed":
        t.append(f"{f.severity.value:7} ", style="dim strike")
        t.append(f"[{f.checker}] {f.message}", style="dim")
        t.append("  (dismissed)", style="dim italic")
    else:
        t.append(f"{f.severity.value:7} ", style=style)
        t.append(f"[{f.checker}] ", style="dim")
        t.append(f.message)
        if f.status:
            t.append(f"  ({f.status})", style="italic")
    if verbose:
        t.append(f"  {f.id}", style="dim")
    return t


def render_document(console: SafeConsole, doc, verbose: bool) -> None:
    console.rule(Text(doc.path, style="bold"))
    meta = [f"sha256 {doc.sha256[:12]}"]
    if doc.published:
        meta.append(f"published {doc.published}")
    else:
        meta.append("published date unknown (use --published)")
    console.print(Text(" · ".join(meta), style="dim"))
    for w in doc.warnings:
        console.print(Text(f"warning: {w}", style="yellow"))
    paragraph = None
    shown = 0
    for c in doc.claims:
        if c.paragraph != paragraph:
            paragraph = c.paragraph
            shown += 1
            console.print()
            console.print(Text(f"¶ {shown}", style="bold dim"))
        head = Text(f"  {c.line:>4}  ", style="dim")
        head.append_text(source_label(c))
        if c.status:
            head.append(f"  [{c.status}]", style="italic green")
        if verbose:
            head.append(f"  {c.id}", style="dim")
        console.print(head)
        console.print(Padding(claim_text(c), (0, 0, 0, 8), expand=False))
        for f in c.flags:
            console.print(Padding(flag_line(f, verbose), (0, 0, 0, 4), expand=False))
    if doc.flags:
        console.print()
        console.print(Text("Document flags", style="bold"))
        for f in doc.flags:
            console.print(flag_line(f, verbose))
    if doc.skipped:
        console.print()
        console.print(Text("Skipped (not claims)", style="bold dim"))
        for s in doc.skipped:
            console.print(Text(f"  {s.line:>4}  {s.reason:16} {s.text[:80]}", style="dim"))
    for e in doc.errors:
        where = f" on claim {e.claim_id}" if e.claim_id else ""
        console.print(Text(f"plugin error: {e.plugin} ({e.hook}){where}: {e.message}", style="bold red"))
        if verbose and e.traceback:
            console.print(Text(e.traceback, style="red"))
    s = doc.summary
    console.print()
    line = Text("Summary: ", style="bold")
    line.append(f"{s.claims} claims, {s.attributed} attributed to {s.sources} sources, {s.hedged} hedged, "
                f"{s.quantities} numbers")
    if s.relations:
        r = s.relations
        line.append(f"; arithmetic: {r.get('found', 0)} relations found, {r.get('checked', 0)} checked, "
                    f"{r.get('consistent', 0)} consistent")
    if s.conflicts or s.corroborated:
        line.append(f"; {s.conflicts} conflicts, {s.corroborated} corroborated")
    flags = ", ".join(f"{n} {sev}" for sev, n in sorted(s.flags.items())) or "no flags"
    line.append(f"; flags: {flags}")
    if s.dismissed:
        line.append(f" ({s.dismissed} dismissed)")
    console.print(line)


def render_terminal(report, options):
    buf = io.StringIO()
    console = SafeConsole(file=buf, force_terminal=bool(options.get("color")), width=options.get("width") or 100,
                      highlight=False, soft_wrap=False)
    for doc in report.documents:
        render_document(console, doc, bool(options.get("verbose")))
        console.print()
    for err in report.errors:
        console.print(Text(f"error: {err.path}: {err.message}", style="bold red"))
    return buf.getvalue().rstrip("\n")


@hookimpl
def register_formats(register):
    register("terminal", render_terminal)
