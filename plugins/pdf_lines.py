"""Text lines of a PDF page from pypdf's pieces of text, and the page furniture among them.

Part of the PDF reader (:mod:`claims.plugins.read_pdf`): each piece of text with its position,
font and size (``extract_text`` with a visitor) becomes part of a :class:`Line`; pieces on one
baseline form a line, split at gaps wider than the font size (a column gutter or a table's
cell). Rotated text and footnote markers are set aside; :func:`furniture` finds the running
headers, footers and page numbers.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass

# -- pieces and lines ----------------------------------------------------------------


@dataclass(slots=True)
class Line:
    x0: float
    x1: float
    y: float          # baseline, PDF units (up is larger)
    size: float
    bold: bool
    text: str
    top: float        # page height, to know the margins
    chars: int = 0


def page_lines(page, aside: list[tuple[str, str]], fonts: dict) -> list[Line]:
    """The page's text lines: pieces on one baseline, split at gutters.

    Rotated text and superscript footnote markers go to ``aside`` with their reason."""
    try:
        box = page.cropbox
        height, bottom = float(box.height), float(box.bottom)
    except Exception:  # noqa: BLE001
        height, bottom = 842.0, 0.0
    pieces: list[tuple[float, float, float, float, bool, str]] = []
    turned: list[str] = []

    def visit(text, cm, tm, font, size):
        text = text.replace("\n", " ")
        stripped = text.strip()
        if not stripped:
            return
        a, b, c, d, e, f = _mul(tm, cm)
        if abs(b) > 0.1 * abs(a) or a <= 0:  # rotated or mirrored text: stamps, watermarks, axis labels
            turned.append(stripped)
            return
        scale = math.hypot(c, d) or 1.0
        fs = (size or 1.0) * scale
        lead = len(text) - len(text.lstrip())
        w = _width(fonts, font, stripped) * (size or 1.0) * a
        x0 = e + (_width(fonts, font, text[:lead]) * (size or 1.0) * a if lead else 0.0)
        name = str(font.get("/BaseFont", "")) if font else ""
        pieces.append((x0, x0 + w, f - bottom, fs, _is_bold(name), stripped))

    page.extract_text(visitor_text=visit)
    if turned:
        aside.append((" ".join(turned), "rotated-text"))
    if not pieces:
        return []
    pieces.sort(key=lambda p: (-p[2], p[0]))
    rows: list[list[tuple]] = []
    for p in pieces:
        if rows and abs(rows[-1][0][2] - p[2]) <= 0.5 * max(rows[-1][0][3], p[3]):
            rows[-1].append(p)
        else:
            rows.append([p])
    lines: list[Line] = []
    for row in rows:
        big = max(row, key=lambda p: p[3])
        if len(row) > 1:  # small raised figures by the text are footnote markers: no part of a sentence
            row.sort(key=lambda p: p[0])
            marks = [p for i, p in enumerate(row) if i and _is_mark(p, row[i - 1], big)]
            aside.extend((p[5], "footnote-marker") for p in marks)
            kept: list[tuple] = []
            for p in row:
                if p in marks:  # the text before it reaches over it: no gap where it stood
                    kept[-1] = (kept[-1][0], p[1], *kept[-1][2:])
                else:
                    kept.append(p)
            row = kept
        row.sort(key=lambda p: p[0])
        cur = [row[0]]
        for p in row[1:]:
            if p[0] - cur[-1][1] > max(p[3], cur[-1][3]):
                lines.append(_line(cur, height))
                cur = [p]
            else:
                cur.append(p)
        lines.append(_line(cur, height))
    return lines


_MARK = re.compile(r"[\d,\u2013*\u2020\u2021]{1,7}")
_UNIT_BEFORE = re.compile(r"(?:\b(?:k?m|cm|mm|ft|mi|sq))$")


def _is_mark(p, before, big) -> bool:
    """A footnote marker: a small figure raised above the line, or set tight after a word
    (a text rise does not move the piece's baseline), not a unit's power (km2)."""
    if p[3] >= 0.8 * big[3] or not _MARK.fullmatch(p[5]):
        return False
    raised = p[2] - big[2] > 0.2 * big[3]
    tight = p[0] - before[1] < 0.15 * big[3] and re.search(r"[A-Za-z.,;:)\"\u201d\u2019]$", before[5])
    return bool(raised or tight) and not _UNIT_BEFORE.search(before[5])


def _line(pieces, height: float) -> Line:
    text = ""
    for i, p in enumerate(pieces):
        if i and not text.endswith((" ", "-", "\u00ad")) and p[0] - pieces[i - 1][1] > 0.15 * p[3]:
            text += " "
        text += p[5]
    sizes = Counter()
    bold = 0
    for p in pieces:
        sizes[round(p[3], 1)] += len(p[5])
        bold += len(p[5]) if p[4] else 0
    text = " ".join(text.split())
    return Line(pieces[0][0], max(p[1] for p in pieces), max(p[2] for p in pieces), sizes.most_common(1)[0][0],
                 bold > 0.8 * len(text), text, height, len(text))


def _mul(m, n):
    a, b, c, d, e, f = m
    A, B, C, D, E, F = n
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)


def _width(cache: dict, font, text: str) -> float:
    """Width of ``text`` in text-space units per unit of font size (pypdf's font metrics)."""
    ref = getattr(font, "indirect_reference", None)
    key = (ref.idnum, ref.generation) if ref is not None else id(font)
    metrics = cache.get(key)
    if metrics is None:
        metrics = cache[key] = _font_metrics(font)
    widths, default = metrics
    return sum(widths.get(ch, default) for ch in text) / 1000.0


def _font_metrics(font) -> tuple[dict[str, float], float]:
    """(character -> width in 1/1000 em, default width); an estimate when pypdf cannot tell."""
    if font:
        try:
            from pypdf.generic._font import Font  # font widths, standard 14 fonts included
            widths = dict(Font.from_font_resource(font).character_widths)
            return widths, float(widths.pop("default", 500) or 500)
        except Exception:  # noqa: BLE001 - an older pypdf or an odd font: estimate
            pass
    return {}, 500.0


def has_image(page) -> bool:
    try:
        xobjects = page.get("/Resources", {}).get_object().get("/XObject", {}).get_object()
        return any(x.get_object().get("/Subtype") == "/Image" for x in xobjects.values())
    except Exception:  # noqa: BLE001
        return False


def _is_bold(name: str) -> bool:
    return bool(re.search(r"(?i)bold|black|heavy|semibold|demi", name.split("+")[-1]))


def undecodable(pages: list[list[Line]]) -> bool:
    text = "".join(ln.text for lines in pages for ln in lines)
    bad = sum(1 for ch in text if "\ue000" <= ch <= "\uf8ff" or ch == "\ufffd" or ord(ch) < 32)
    return len(text) > 0 and bad > 0.3 * len(text)


# -- page furniture ------------------------------------------------------------------

_PAGE_NUMBER = re.compile(
    r"(?i)^(?:page|p\.|pg\.)?\s*[-\u2013\u2014]?\s*(?:\d{1,4}|[ivxlc]{1,6})\s*[-\u2013\u2014]?"
    r"(?:\s*(?:of|/)\s*\d{1,4})?$")
MARGIN = 0.15  # the top and bottom 15% of a page are where furniture sits
EDGE = 0.08  # the one-page rule looks only at the outer 8% (a footnote sits higher)


def furniture(pages: list[list[Line]]) -> dict[int, str]:
    """Lines to set aside, by id: repeated headers and footers, page numbers."""
    out: dict[int, str] = {}
    candidates: list[tuple[Line, str, str, int]] = []
    for n, lines in enumerate(pages):
        if not lines:
            continue
        ordered = sorted(lines, key=lambda ln: -ln.y)
        edge = ordered[:3] + ordered[-3:] if len(ordered) > 6 else ordered
        for ln in {id(x): x for x in edge}.values():
            where = "page-header" if ln.y > ln.top * (1 - MARGIN) else "page-footer" if ln.y < ln.top * MARGIN else None
            if where is None:
                continue
            if _PAGE_NUMBER.match(ln.text):
                out[id(ln)] = "page-number"
            else:
                candidates.append((ln, where, _shape(ln.text), n))
    with_text = sum(1 for lines in pages if lines)
    if with_text >= 2:
        seen = Counter(shape for shape, _ in {(shape, n) for _, _, shape, n in candidates})
        for ln, where, shape, _ in candidates:
            if seen[shape] >= max(2, math.ceil(0.4 * with_text)):
                out[id(ln)] = where
    elif with_text == 1:
        # one page, nothing to repeat: a line in small print at the very edge of the page
        body = body_size([ln for lines in pages for ln in lines])
        for ln, where, _, _ in candidates:
            if ln.size < 0.9 * body and (ln.y > ln.top * (1 - EDGE) or ln.y < ln.top * EDGE):
                out[id(ln)] = where
    return out


def _shape(text: str) -> str:
    """A line with its numbers blanked, so "Page 2 of 9" and "Page 3 of 9" are the same line."""
    return re.sub(r"\d+", "#", " ".join(text.lower().split()))


def body_size(lines: list[Line]) -> float:
    sizes = Counter()
    for ln in lines:
        sizes[ln.size] += ln.chars
    return sizes.most_common(1)[0][0] if sizes else 10.0
