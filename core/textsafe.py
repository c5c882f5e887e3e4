"""Inert text: what a bulletin, a note or a file name contains is shown as text, never obeyed.

Stored text can hold anything a hostile or broken source sent: terminal control sequences
(``ESC[2J``, OSC window titles, OSC 8 links), other C0/C1 controls, NUL, bidirectional
overrides that reorder what a reader sees, or Rich markup (``[red]``, ``[link=...]``). Every
render point passes text through here:

- :func:`visible` replaces each such character with one visible character (C0 controls and DEL
  with their Unicode control pictures, ``␛`` for ESC, ``␀`` for NUL; C1 controls and bidi
  controls with ``�``), one for one, so offsets into the text still point at the same words;
- :class:`SafeConsole` is a Rich console that never reads markup or emoji codes in strings and
  applies :func:`visible` to every piece of text it writes (tables, panels, ``Text``);
- :func:`html` escapes for HTML after :func:`visible`; :func:`md_code` is a Markdown code span
  that no backtick in the text can close.

JSON, SARIF and ClaimReview keep the text exactly (JSON escapes C0 controls itself): they are
data for programs, and the text must survive the round trip.
"""

from __future__ import annotations

import html as _html
import re
from typing import Any, Iterable

from rich.console import Console
from rich.segment import Segment

# bidi embeddings/overrides/isolates and marks that reorder text, plus the Arabic letter mark
_BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
_UNSAFE = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{_BIDI}]")
_PICTURE_DEL = "\u2421"


def _replace(m: re.Match[str]) -> str:
    ch = m.group()
    code = ord(ch)
    if code < 0x20:
        return chr(0x2400 + code)  # ␀ ␁ ... ␛ ... ␟
    if code == 0x7F:
        return _PICTURE_DEL
    return "\ufffd"


def visible(text: Any) -> str:
    """``text`` with every control, NUL and bidi control character replaced by one visible character
    (tab and line feed are kept)."""
    s = "" if text is None else str(text)
    return _UNSAFE.sub(_replace, s) if _UNSAFE.search(s) else s


def line(text: Any) -> str:
    """:func:`visible` on one line (line breaks as spaces): for messages on stderr."""
    return visible(" ".join(str(text).split("\n")) if text is not None else "")


def html(text: Any) -> str:
    """Escaped for HTML text and attribute values, controls made visible."""
    return _html.escape(visible(text), quote=True)


def md_code(text: Any) -> str:
    """A Markdown code span holding ``text`` literally: its fence is longer than any run of backticks
    inside, so the text cannot close it and reach Markdown or HTML."""
    s = " ".join(visible(text).split())
    longest = max((len(r) for r in re.findall(r"`+", s)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if s.startswith("`") or s.endswith("`") or not s.strip() else ""
    return f"{fence}{pad}{s}{pad}{fence}"


class SafeConsole(Console):
    """A Rich console for stored text: no markup or emoji codes in strings, controls made visible.

    Rich strips only a few controls itself (BEL, BS, VT, FF, CR): ESC, C1 and bidi controls would
    reach the terminal. Here every text segment passes through :func:`visible` on its way out;
    the console's own styling and cursor codes (segments marked as control) are untouched.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("markup", False)
        kwargs.setdefault("emoji", False)
        kwargs.setdefault("highlight", False)
        super().__init__(*args, **kwargs)

    def render(self, renderable: Any, options: Any = None) -> Iterable[Segment]:
        for seg in super().render(renderable, options):
            if seg.control or not _UNSAFE.search(seg.text):
                yield seg
            else:
                yield Segment(visible(seg.text), seg.style, seg.control)
