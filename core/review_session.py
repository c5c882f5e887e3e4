"""The interactive review (``claims review`` without a subcommand): the queue, single keys, the session loop."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from typing import Any, TextIO

from .models import Claim, Flag
from .review import (CLAIM_STATUSES, PENDING, Made, ReviewError, add_note, confirm_flag, dismiss_flag, reopen, set_status,
                     undo)



def is_pending(claim: Claim) -> bool:
    """Flagged (a flag not dismissed) and without a verdict yet."""
    return claim.status in PENDING and any(f.status != "dismissed" for f in claim.flags)


def _rank(claim: Claim) -> int:
    return max((f.severity.rank for f in claim.flags if f.status != "dismissed"), default=-1)


SEVERITIES = ("info", "warning", "error")


def check_severity(value: str | None) -> int | None:
    """The rank of a ``--min-severity`` (info 0, warning 1, error 2); ReviewError when unknown."""
    if value is None or value == "":
        return None
    v = value.strip().lower()
    if v not in SEVERITIES:
        raise ReviewError(f"invalid severity {value!r} (one of: {', '.join(SEVERITIES)})")
    return SEVERITIES.index(v)


def review_queue(reader: Any, *, document: str | None = None, source: str | None = None,
                 checker: str | None = None, min_severity: str | None = None) -> list[Any]:
    """The unreviewed flagged claims of current documents, most severe flag first, then in document order.

    ``min_severity`` keeps the claims with an open flag at least that severe ('warning' leaves out
    claims whose only open flags are info-level hedges)."""
    from claims.db import StoreError
    floor = check_severity(min_severity)
    if document is not None and not reader.find_documents(document):
        raise ReviewError(f"no document {document!r} in store {reader.url}")
    try:
        found = reader.claims(flagged=True, document=document, source=source, checker=checker)
    except StoreError as exc:
        raise ReviewError(str(exc).split(": ", 1)[-1]) from None
    found = [s for s in found if s.document.superseded_by is None and is_pending(s.claim)]
    if checker:
        found = [s for s in found if any(f.checker == checker and f.status != "dismissed" for f in s.claim.flags)]
    if floor is not None:
        found = [s for s in found if _rank(s.claim) >= floor]
    found.sort(key=lambda s: (-_rank(s.claim), s.document.id, s.claim.start))
    return found


class Keys:
    """Single-key input. On a terminal the session runs in cbreak mode (keys arrive one at a time,
    without Enter or echo, and keys typed ahead are kept), back to ordinary line editing only while
    a reason or note is typed; elsewhere (Windows) ``click.getchar()``. When stdin is not a terminal,
    one line per key (its first character), so ``printf 'v\\nq\\n' | claims review`` and test
    runners work. Use as a context manager around the session to restore the terminal."""

    def __init__(self, stdin: TextIO | None = None, tty: bool | None = None) -> None:
        self.stdin = stdin
        self._tty = tty
        self._buf = ""
        self._saved: Any = None  # the terminal's attributes while in cbreak mode

    @property
    def _in(self) -> TextIO:
        return self.stdin or sys.stdin

    @property
    def tty(self) -> bool:
        if self._tty is None:
            try:
                self._tty = bool(self._in.isatty())
            except (AttributeError, ValueError):
                self._tty = False
        return self._tty

    def __enter__(self) -> "Keys":
        if self.tty:
            try:
                import termios
                fd = self._in.fileno()
                self._saved = termios.tcgetattr(fd)
                self._cbreak(fd)
            except Exception:  # noqa: BLE001 - no termios (Windows) or not a real terminal
                self._saved = None
        return self

    def __exit__(self, *exc: Any) -> None:
        self._restore()
        self._saved = None

    @staticmethod
    def _cbreak(fd: int) -> None:
        import termios
        attrs = termios.tcgetattr(fd)
        attrs[3] &= ~(termios.ICANON | termios.ECHO)
        attrs[6][termios.VMIN], attrs[6][termios.VTIME] = 1, 0
        termios.tcsetattr(fd, termios.TCSANOW, attrs)  # TCSANOW: keys typed ahead are not discarded

    def _restore(self) -> None:
        if self._saved is not None:
            import termios
            termios.tcsetattr(self._in.fileno(), termios.TCSANOW, self._saved)

    def key(self) -> str | None:
        """One key, lower-cased ('' for one that is not a character); None at end of input or Ctrl-C / Ctrl-D."""
        if not self.tty:
            line = self._in.readline()
            if not line:
                return None
            return line.strip()[:1].lower()
        if self._saved is None:
            import click
            try:
                ch = click.getchar()
            except (KeyboardInterrupt, EOFError):
                return None
        else:
            if not self._buf:
                data = os.read(self._in.fileno(), 64)
                if not data:
                    return None
                self._buf = data.decode("utf-8", "replace")
            ch, self._buf = self._buf[0], self._buf[1:]
            if ch == "\x1b":  # an escape sequence (arrow keys...): ignored whole
                self._buf = ""
                return ""
        if ch in ("\x03", "\x04"):
            return None
        return ch.strip()[:1].lower() if ch.isprintable() else ""

    def line(self) -> str | None:
        """A line of text (a reason, a note), with the terminal's line editing; None at end of input or Ctrl-C."""
        if not self.tty:
            line = self._in.readline()
            return line.rstrip("\r\n") if line else None
        ahead, self._buf = self._buf, ""
        if ahead:
            sys.stdout.write(ahead)
            sys.stdout.flush()
        self._restore()
        try:
            return ahead + input()
        except (KeyboardInterrupt, EOFError):
            return None
        finally:
            if self._saved is not None:
                self._cbreak(self._in.fileno())


ACTIONS = [(s.key, s.name) for s in CLAIM_STATUSES.values() if s.key]
HELP = ("[v]erified  [f]alse  [m]isleading  [e] unverifiable (no evidence either way)  [x] not applicable  "
        "[p] in progress\n"
        "[d]ismiss a flag  [c]onfirm a flag  [r]eopen a flag  [n]ote  [s]kip  [u]ndo / [b]ack  [q]uit  [?] help")
PROMPT = "v/f/m/e/x/p  d/c/r  n  s  u  q  ? > "
UNDO_KEYS = ("u", "b")


@dataclass
class SessionResult:
    decisions: int = 0
    reviewed: int = 0
    skipped: int = 0
    remaining: int = 0
    undone: int = 0
    quit: bool = False


class ReviewSession:
    """Walks a queue of claims; every decision is written to the store the moment it is made
    (one transaction each), so quitting, Ctrl-C or a killed process loses nothing decided."""

    def __init__(self, store: Any, queue: list[Any], *, reviewer: str, console: Any, keys: Keys,
                 related_window: int = 7) -> None:
        self.store = store
        self.reader = store.reader()
        self.queue = [s.claim.id for s in queue]
        self.reviewer = reviewer
        self.console = console
        self.keys = keys
        self.window = related_window
        self.result = SessionResult()

    # -- output
    def say(self, *parts: Any, style: str | None = None) -> None:
        self.console.print(*parts, style=style, highlight=False, markup=False)

    def prompt(self, text: str) -> None:
        self.console.print(text, end="", highlight=False, markup=False, style="bold")
        self.console.file.flush()

    def key(self) -> str | None:
        """A key, echoed (``click.getchar`` does not echo; a piped line is shown as typed)."""
        key = self.keys.key()
        self.say(key or "")
        return key

    def line(self) -> str | None:
        text = self.keys.line()
        if not self.keys.tty:
            self.say(text or "")
        return text

    def run(self) -> SessionResult:
        total = len(self.queue)
        self.say(f"{total} flagged claim{'s' if total != 1 else ''} to review, most severe first; "
                 f"reviewing as {self.reviewer}. Every decision is saved at once; u undoes the last one.",
                 style="bold")
        try:
            with self.keys:
                self._walk(total)
        except KeyboardInterrupt:
            self.result.quit = True
        r = self.result
        r.skipped = len(self._skipped)
        left = {s.claim.id for s in self.reader.claims_by_id(self.queue) if is_pending(s.claim)}
        r.remaining = len(left)
        self.say("")
        self.say(f"{r.decisions} decision{'s' if r.decisions != 1 else ''} saved"
                 + (f" ({r.undone} undone)" if r.undone else "")
                 + (f"; {r.remaining} claim{'s' if r.remaining != 1 else ''} left in the queue" if r.remaining
                    else "; queue done"), style="bold")
        return r

    def _walk(self, total: int) -> None:
        self._made: list[tuple[int, Made]] = []  # (queue index, decision) in the order made: what u undoes
        self._shown: list[int] = []               # queue indexes shown, for b
        self._skipped: set[int] = set()
        i, revisit = 0, False
        while i < len(self.queue):
            stored = self.reader.claim(self.queue[i])
            if stored is None or (not revisit and not is_pending(stored.claim)):
                i += 1
                continue  # decided meanwhile (another reviewer, or an earlier key)
            revisit = False
            self._skipped.discard(i)
            if not self._shown or self._shown[-1] != i:
                self._shown.append(i)
            outcome = self._one(stored, i, total)
            if outcome == "quit":
                self.result.quit = True
                return
            if isinstance(outcome, int):  # back to that claim
                i, revisit = outcome, True
                continue
            i += 1

    def _back(self, i: int, key: str) -> int | None:
        """Where ``u`` (undo the last decision of this session) or ``b`` (the claim shown before) goes."""
        if key == "b":
            if len(self._shown) < 2:
                self.say("this is the first claim of the session", style="dim")
                return None
            self._shown.pop()
            return self._shown.pop()
        if not self._made:
            self.say("nothing to undo in this session", style="dim")
            return None
        where, made = self._made.pop()
        try:
            done = undo(self.store, made.id, reviewer=self.reviewer)
        except ReviewError as exc:
            self.say(f"cannot undo: {exc}", style="yellow")
            return None
        self.result.decisions += 1
        self.result.undone += 1
        self.say(f"saved: {done.describe()}", style="green")
        return where

    def _one(self, stored: Any, i: int, total: int) -> Any:
        """Show one claim and act on keys until it is decided or skipped: 'next', 'quit', or the queue
        index to go back to (after u or b)."""
        self.show(stored, i + 1, total)
        while True:
            self.prompt(PROMPT)
            key = self.key()
            if key is None or key == "q":
                return "quit"
            if key == "":
                continue
            if key == "?" or key == "h":
                self.say(HELP)
                continue
            if key in UNDO_KEYS:
                back = self._back(i, key)
                if back is not None:
                    return back
                continue
            if key == "s":
                self._skipped.add(i)
                return "next"
            status = next((name for k, name in ACTIONS if k == key), None)
            if status:
                made = set_status(self.store, stored.claim.id, status, reviewer=self.reviewer)
                self._saved(made, i)
                self.result.reviewed += 1
                return "next"
            if key == "r":
                choices = [f for f in stored.claim.flags if f.status in ("confirmed", "dismissed")]
                if not choices:
                    self.say("no confirmed or dismissed flag to reopen", style="dim")
                    continue
                flag = choices[0] if len(choices) == 1 else self._pick(choices, "reopen")
                if flag is None:
                    continue
                self._saved(reopen(self.store, flag.id, reviewer=self.reviewer), i)
                stored = self.reader.claim(stored.claim.id)
                self._flags(stored.claim)
                continue
            if key == "n":
                self.prompt("Note (empty to cancel): ")
                text = self.line()
                if text is None:
                    return "quit"
                if not text.strip():
                    self.say("no note added", style="dim")
                    continue
                self._saved(add_note(self.store, stored.claim.id, text, reviewer=self.reviewer), i)
                continue
            if key in ("d", "c"):
                verb = "dismiss" if key == "d" else "confirm"
                choices = [f for f in stored.claim.flags
                           if f.status != ("dismissed" if key == "d" else "confirmed")]
                if not choices:
                    self.say(f"no flag to {verb}", style="dim")
                    continue
                flag = choices[0] if len(choices) == 1 else self._pick(choices, verb)
                if flag is None:
                    continue
                if key == "d":
                    self.prompt(f"Reason for dismissing {flag.code} (empty to cancel): ")
                    reason = self.line()
                    if reason is None:
                        return "quit"
                    if not reason.strip():
                        self.say("not dismissed: a reason is required", style="dim")
                        continue
                    made = dismiss_flag(self.store, flag.id, reason=reason, reviewer=self.reviewer)
                else:
                    made = confirm_flag(self.store, flag.id, reviewer=self.reviewer)
                self._saved(made, i)
                stored = self.reader.claim(stored.claim.id)
                if not is_pending(stored.claim):
                    self.result.reviewed += 1
                    return "next"  # no open flag left: next claim
                self._flags(stored.claim)
                continue
            self.say(f"unknown key {key!r}; ? for help", style="dim")

    def _pick(self, flags: list[Flag], verb: str) -> Flag | None:
        for i, f in enumerate(flags, 1):
            self.say(f"  {i}. {f.severity.value} [{f.checker}] {f.message}")
        self.prompt(f"Which flag to {verb}? 1-{len(flags)} (other key cancels): ")
        key = self.key()
        if key and key.isdigit() and 1 <= int(key) <= len(flags):
            return flags[int(key) - 1]
        self.say("cancelled", style="dim")
        return None

    def _saved(self, made: Made, i: int) -> None:
        self._made.append((i, made))
        self.result.decisions += 1
        self.say(f"saved: {made.describe()}", style="green")

    # -- the claim on screen
    def show(self, stored: Any, n: int, total: int) -> None:
        from rich.rule import Rule
        from rich.text import Text

        c, d = stored.claim, stored.document
        self.say("")
        self.console.print(Rule(f"{n}/{total}  {c.id}", align="left"))
        head = Text(f"{d.name}", style="bold")
        head.append(f"  published {d.published.isoformat() if d.published else 'unknown'}  line {c.line}", style="dim")
        self.say(head)
        src = Text("Source: ", style="dim")
        if c.source:
            src.append(c.source.name, style="bold magenta")
            mode = c.source.mode.value.replace("_", " ")
            cue = f", {c.source.cue!r}" if c.source.cue else ""
            src.append(f" ({mode}{cue}; as written: {c.source.mention!r})", style="dim")
        else:
            src.append("the publisher (unattributed)")
        src.append(f"   Status: {c.status or 'unreviewed'}", style="italic")
        self.say(src)
        self.say("")
        paragraph, offset = self.reader.paragraph(stored)
        self.say(highlight_paragraph(paragraph, offset, c))
        self._flags(c)
        related = self.reader.related(c.id, self.window)
        if related:
            self.say("")
            self.say("Related claims in other documents", style="bold")
            for r in related[:5]:
                rc, rd = r.stored.claim, r.stored.document
                line = Text(f"  {r.relation:16} ", style="yellow" if r.relation in ("different figure", "flagged")
                            else "green")
                line.append(f"{rd.name} ({rd.published.isoformat() if rd.published else 'undated'}) ", style="dim")
                line.append(f"{rc.source.name if rc.source else 'publisher'}: ", style="magenta")
                line.append(rc.text if len(rc.text) < 110 else rc.text[:107] + "...")
                if rc.status:
                    line.append(f" [{rc.status}]", style="italic")
                self.say(line)
            if len(related) > 5:
                self.say(f"  ... and {len(related) - 5} more (claims show {c.id})", style="dim")
        self.say("")

    def _flags(self, c: Claim) -> None:
        from rich.text import Text

        self.say("")
        self.say("Flags", style="bold")
        for i, f in enumerate(c.flags, 1):
            sev = {"info": "blue", "warning": "yellow", "error": "bold red"}.get(f.severity.value, "")
            t = Text(f"  {i}. ")
            t.append(f"{f.severity.value:7} ", style="dim strike" if f.status == "dismissed" else sev)
            t.append(f"[{f.checker}] ", style="dim")
            t.append(f.message, style="dim" if f.status == "dismissed" else "")
            if f.status:
                t.append(f"  ({f.status})", style="italic")
            self.say(t)


def highlight_paragraph(paragraph: str, offset: int, claim: Claim, markers: tuple[str, str] = ("» ", " «")) -> Any:
    """The paragraph with the claim in bold between ``markers`` (visible without colour), its source
    mention, numbers and hedges coloured."""
    from rich.text import Text

    s0, s1 = claim.start - offset, claim.end - offset
    if not 0 <= s0 <= s1 <= len(paragraph):  # not inside: show the claim alone
        paragraph, offset, s0, s1 = claim.text, claim.start, 0, len(claim.text)
    inner = Text(paragraph[s0:s1], style="bold")

    def mark(start: int | None, end: int | None, style: str) -> None:
        if start is None or end is None:
            return
        a, b = start - claim.start, end - claim.start
        if 0 <= a <= b <= len(inner.plain):
            inner.stylize(style, a, b)

    if claim.source:
        mark(claim.source.mention_start, claim.source.mention_end, "magenta")
    for q in claim.quantities:
        mark(q.start, q.end, "cyan")
    for h in claim.hedges:
        mark(h.start, h.end, "yellow underline")
    t = Text(paragraph[:s0], style="dim")
    t.append(markers[0], style="bold")
    t.append_text(inner)
    t.append(markers[1], style="bold")
    t.append(paragraph[s1:], style="dim")
    return t
