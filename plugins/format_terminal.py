"""Built-in output format ``terminal``: the readable report, paragraph by paragraph.

Options (from ``claims check``): ``color`` (ANSI styles or plain text), ``width`` (the
terminal's columns; 100 when not given), ``verbose``. Lines never end in padding, and
every mark that colour shows has a plain-text form too (a dismissed flag reads
``dismissed``). Written document by document as each is checked.
"""

from __future__ import annotations

import io
import re

from rich.console import Group
from rich.padding import Padding
from rich.text import Text

from claims import hookimpl
from claims.plugins.terminal_lines import lines
from claims.textsafe import SafeConsole
from claims.wording import plural, severity_counts

SEVERITY_STYLE = {"info": "blue", "warning": "yellow", "error": "bold red"}
MODE_LABEL = {"direct_quote": "direct quote", "indirect": "reported speech", "according_to": "according to",
              "continued": "continued"}


def claim_text(claim) -> Text:
    """The claim with its source mention, numbers and hedges highlighted (a tab, as between the cells
    of a pasted table row, is shown as one space: Rich would expand it past the line it measured)."""
    t = Text(claim.text.replace("\t", " "))
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
        t.append(f"{f.severity.value}", style="dim strike")
        t.append(" (dismissed) ", style="dim italic")  # the plain-text mark: colour is not needed to see it
        t.append(f"[{f.checker}] {f.message}", style="dim")
    else:
        t.append(f"{f.severity.value:7} ", style=style)
        t.append(f"[{f.checker}] ", style="dim")
        t.append(f.message)
        if f.status:
            t.append(f"  ({f.status})", style="italic")
    if verbose:
        t.append(f"  {f.id}", style="dim")
    return t


def print_claim(console: SafeConsole, head: Text, text: Text, flags: list[Text]) -> None:
    """A claim's head line, its text indented by 8 and its flags by 4: written directly when
    :mod:`terminal_lines` can lay them out (the same output, several times faster), else by Rich."""
    width = console.width
    fast = [lines(console, head, 0, width), lines(console, text, 8, width),
            *(lines(console, f, 4, width) for f in flags)]
    if None not in fast:
        console.file.write("".join(fast))
        return
    # one print for the claim's lines: Rich's cost is mostly per print
    console.print(Group(head, Padding(text, (0, 0, 0, 8), expand=False),
                        *(Padding(f, (0, 0, 0, 4), expand=False) for f in flags)))


def render_document(console: SafeConsole, doc, verbose: bool) -> None:
    """Print one document's report on ``console``."""
    for _ in render_parts(console, doc, verbose):
        pass


def render_parts(console: SafeConsole, doc, verbose: bool):
    """Print one document's report on ``console``, pausing (yielding) before each paragraph, so a caller
    can take what was printed so far and a large document is never held whole."""
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
            yield
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
        print_claim(console, head, claim_text(c), [flag_line(f, verbose) for f in c.flags])
    if doc.flags:
        console.print()
        console.print(Text("Document flags", style="bold"))
        for f in doc.flags:
            console.print(flag_line(f, verbose))
    if doc.skipped:
        console.print()
        console.print(Text("Skipped (not claims)", style="bold dim"))
        for s in doc.skipped:
            line = s.line if s.line > 0 else ""  # page chrome is not in the text: no line
            console.print(Text(f"  {line:>4}  {s.reason:16} {s.text[:80]}", style="dim"))
    for e in doc.errors:
        where = f" on claim {e.claim_id}" if e.claim_id else ""
        console.print(Text(f"plugin error: {e.plugin} ({e.hook}){where}: {e.message}", style="bold red"))
        if verbose and e.traceback:
            console.print(Text(e.traceback, style="red"))
    s = doc.summary
    console.print()
    line = Text()
    line.append("Summary: ", style="bold")
    line.append(f"{plural(s.claims, 'claim')}, {s.attributed:,} attributed to {plural(s.sources, 'source')}, "
                f"{s.hedged:,} hedged, {plural(s.quantities, 'number')}")
    if s.relations:
        r = s.relations
        line.append(f"; arithmetic: {plural(r.get('found', 0), 'relation')} found, {r.get('checked', 0):,} checked, "
                    f"{r.get('consistent', 0):,} consistent")
    if s.conflicts or s.corroborated:
        line.append(f"; {plural(s.conflicts, 'conflict')}, {s.corroborated:,} corroborated")
    flags = severity_counts(s.flags) or "no flags"
    line.append(f"; flags: {flags}")
    if s.dismissed:
        line.append(f" ({s.dismissed} dismissed)")
    console.print(line)


# spaces before the end of a line, also when colour codes follow them
_TRAILING = re.compile(r"[ \t]+((?:\x1b\[[0-9;]*m)*)$", re.M)


def strip_padding(text: str) -> str:
    return _TRAILING.sub(r"\1", text)


# Rich asks the terminal for its size on every print unless both sides are given; nothing in the
# report depends on the height (it is never paged), so one is given: a long report prints faster
_HEIGHT = 25


class TerminalStream:
    """The report one document at a time (``claims check`` writes each as it is checked)."""

    def __init__(self, options) -> None:
        self.options = options
        color = bool(options.get("color"))
        self.buf = io.StringIO()
        self.console = SafeConsole(file=self.buf, force_terminal=color, no_color=not color,
                               color_system="auto" if color else None, width=options.get("width") or 100,
                               height=_HEIGHT, highlight=False, soft_wrap=False, emoji=False)

    def _take(self) -> str:
        text = strip_padding(self.buf.getvalue())
        self.buf.seek(0)
        self.buf.truncate()
        return text

    def begin(self) -> str:
        return ""

    def document(self, doc) -> str:
        return "".join(self.chunks(doc))

    def chunks(self, doc):
        """The document's report a paragraph at a time."""
        for _ in render_parts(self.console, doc, bool(self.options.get("verbose"))):
            part = self._take()
            if part:
                yield part
        self.console.print()
        yield self._take()

    def end(self, errors, count: int = 0) -> str:
        for err in errors:
            self.console.print(Text(f"error: {err.path}: {err.message}", style="bold red"))
        return self._take()


def render_terminal(report, options):
    stream = TerminalStream(options)
    text = stream.begin() + "".join(stream.document(d) for d in report.documents) + stream.end(report.errors)
    return text.rstrip("\n")


render_terminal.stream = TerminalStream


@hookimpl
def register_formats(register):
    register("terminal", render_terminal)
