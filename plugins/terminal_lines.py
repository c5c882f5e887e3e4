"""The terminal report's wrapped, styled lines, written without Rich's layout engine.

Rich lays text out segment by segment, measuring every word's cells; on a long report that is
most of the time of ``claims check`` (about 250 us a claim). For the common text, whose every
character is one printable cell wide (ASCII, Latin and Cyrillic letters, the usual punctuation,
quotes and dashes), :func:`lines` wraps and styles a Rich ``Text`` itself, giving the same
characters and escape codes as printing it on the console inside ``Padding`` (a test compares
the two, with and without colour). Any other text (wide or zero-width characters, tabs,
controls, blank lines) returns None, and the caller prints it with Rich.
"""

from __future__ import annotations

import re

from rich.style import Style
from rich.text import Text

# characters that are one cell each and need no sanitising: printable ASCII, Latin-1 letters and
# signs (not the soft hyphen), Latin Extended-A/B, Cyrillic (not its combining marks), dashes,
# quotes, bullets, ellipsis, primes, currency signs; a line break is handled here too
_SIMPLE = re.compile("[\n\x20-\x7e\xa0-\xac\xae-\u024f\u0400-\u0482\u048a-\u052f\u2010-\u2027"
                     "\u2030-\u205e\u20a0-\u20c0]*")
_WORD = re.compile(r"\s*\S+\s*")
_TRAILING_SPACE = re.compile(r"\s+$")


def lines(console, text: Text, indent: int, width: int) -> str | None:
    """``text`` wrapped to ``width`` columns less ``indent`` spaces, as Rich prints it inside
    ``Padding(text, (0, 0, 0, indent), expand=False)`` (``indent`` 0: the text alone); None when
    the text is not one cell per character."""
    plain = text.plain
    if not plain or _SIMPLE.fullmatch(plain) is None or width - indent < 8:
        return None
    sources = plain.split("\n")
    if "" in sources:
        return None
    inner = min(max(map(len, sources)), width - indent) if indent else width - indent
    spans = [(0, len(plain), text.style)] if text.style else []
    spans += [(s.start, s.end, s.style) for s in text.spans if s.end > s.start]
    styled = bool(spans) and console.color_system is not None
    pad = " " * indent
    out = []
    at = 0
    for source in sources:
        for a, b in _divide(source, inner):
            a += at
            b += at
            if b - a > inner:   # Rich's rstrip_end: white space beyond the width goes
                m = _TRAILING_SPACE.search(plain, a, b)
                if m is not None:
                    b -= min(m.end() - m.start(), b - a - inner)
            body = _styled(plain, a, b, spans, console) if styled else plain[a:b]
            # Padding pads each line to its width (stripped later with the rest of the padding)
            out.append(f"{pad}{body}{' ' * (inner - (b - a))}\n" if indent else f"{body}\n")
        at += len(source) + 1
    return "".join(out)


def _divide(line: str, width: int) -> list[tuple[int, int]]:
    """Rich's ``divide_line`` for text of one cell per character: the (start, end) of each line."""
    breaks = []
    offset = 0
    for m in _WORD.finditer(line):
        start, word = m.start(), m.group()
        length = len(word.rstrip())
        if width - offset >= length:
            offset += len(word)
        elif length > width:   # a word longer than a line is folded across lines
            pieces = [word[i:i + width] for i in range(0, len(word), width)]
            for k, piece in enumerate(pieces):
                if start:
                    breaks.append(start)
                if k == len(pieces) - 1:
                    offset = len(piece)
                else:
                    start += len(piece)
        elif offset and start:
            breaks.append(start)
            offset = len(word)
    edges = [0, *breaks, len(line)]
    return list(zip(edges, edges[1:]))


def _styled(plain: str, a: int, b: int, spans, console) -> str:
    """``plain[a:b]`` with the escape codes of the spans over it, segment by segment as Rich writes them."""
    cuts = {a, b}
    for s, e, _style in spans:
        if s < b and e > a:
            cuts.add(max(s, a))
            cuts.add(min(e, b))
    edges = sorted(cuts)
    out = []
    for s, e in zip(edges, edges[1:]):
        active = tuple(st for ss, ee, st in spans if ss <= s and ee >= e)
        piece = plain[s:e]
        out.append(_combined(active, console).render(piece, color_system=console._color_system) if active else piece)
    return "".join(out)


_STYLES: dict[tuple, Style] = {}


def _combined(styles: tuple, console) -> Style:
    """The style of a segment under ``styles`` (in span order), as Rich combines them."""
    style = _STYLES.get(styles)
    if style is None:
        style = _STYLES[styles] = Style.combine([Style.null(), *(console.get_style(s, default=Style.null())
                                                                 for s in styles)])
    return style
