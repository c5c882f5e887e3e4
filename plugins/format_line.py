"""Built-in output format ``line``: one line per flag, ``PATH:LINE:COL: severity [checker] message``.

The form ruff, Vale and compilers print, which editors, CI annotations and ``grep`` read.
Lines and columns count from 1 (columns in characters). Dismissed flags are left out unless
``--verbose``, where they end with ``(dismissed)``. Written document by document as each
is checked.
"""

from __future__ import annotations

from claims import hookimpl
from claims.textsafe import line as inert


def _position(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def flag_lines(doc, verbose: bool = False) -> list[str]:
    """The lines of one document, in the order of the text."""
    rows = []
    for claim, f in [(c, f) for c in doc.claims for f in c.flags] + [(None, f) for f in doc.flags]:
        if f.status == "dismissed" and not verbose:
            continue
        offset = f.evidence.start if f.evidence else claim.start if claim else 0
        line, col = _position(doc.text, offset) if doc.text else (claim.line if claim else 1, 1)
        message = " ".join(f.message.split())
        if f.status:
            message += f" ({f.status})"
        # paths and messages carry bulletin text: inert on a terminal, one line each
        rows.append((line, col, inert(f"{doc.path}:{line}:{col}: {f.severity.value} [{f.checker}] {message}")))
    return [r[2] for r in sorted(rows, key=lambda r: (r[0], r[1]))]


class LineStream:
    def __init__(self, options) -> None:
        self.verbose = bool(options.get("verbose"))

    def begin(self) -> str:
        return ""

    def document(self, doc) -> str:
        return "".join(line + "\n" for line in flag_lines(doc, self.verbose))

    def end(self, errors, count: int = 0) -> str:
        return ""


def render_line(report, options):
    stream = LineStream(options)
    return "".join(stream.document(d) for d in report.documents).rstrip("\n")


render_line.stream = LineStream


@hookimpl
def register_formats(register):
    register("line", render_line)
