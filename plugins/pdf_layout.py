"""Reading order, tables, paragraphs and headings of PDF pages, and the document text.

Part of the PDF reader (:mod:`claims.plugins.read_pdf`): :func:`reading_order` reads a page
column by column, :func:`paragraphs` groups its lines into paragraphs, headings and table rows,
:func:`join_hyphens` joins words broken at line ends, :func:`assemble` writes the text with its
blocks.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from claims import Cell, Skipped, TextBlock

from .pdf_lines import Line, body_size

# -- reading order -------------------------------------------------------------------


def reading_order(lines: list[Line], depth: int = 0) -> list[tuple[Line, int]]:
    """Lines in reading order, each with its column number (columns read left to right)."""
    lines = sorted(lines, key=lambda ln: (-ln.y, ln.x0))
    gutter = _gutter(lines) if depth < 2 else None
    if gutter is None:
        return [(ln, 0) for ln in lines]
    out: list[tuple[Line, int]] = []
    section: list[Line] = []

    def flush():
        left = [ln for ln in section if ln.x1 <= gutter]
        right = [ln for ln in section if ln.x0 >= gutter]
        out.extend((ln, 2 * depth + 1) for ln, _ in reading_order(left, depth + 1))
        out.extend((ln, 2 * depth + 2) for ln, _ in reading_order(right, depth + 1))
        section.clear()

    for ln in lines:
        if ln.x0 < gutter < ln.x1:  # a spanning line ends the columns above it
            flush()
            out.append((ln, 0))
        else:
            section.append(ln)
    flush()
    return out


def _gutter(lines: list[Line]) -> float | None:
    """An x that at least 3 lines of prose lie wholly left of and 3 wholly right of, crossed by few.

    Lines of a few words on one side (a table's labels or figures) make no column: a table is
    read row by row."""
    if len(lines) < 6:
        return None
    lo, hi = min(ln.x0 for ln in lines), max(ln.x1 for ln in lines)
    best = None
    for i in range(1, 40):
        x = lo + (hi - lo) * i / 40
        left = sum(1 for ln in lines if ln.x1 <= x)
        right = sum(1 for ln in lines if ln.x0 >= x)
        cross = len(lines) - left - right
        if left >= 3 and right >= 3 and cross < min(left, right) / 2 and _prose(lines, x):
            score = (cross, -min(left, right))
            if best is None or score < best[0]:
                best = (score, x)
    return best[1] if best else None


def _prose(lines: list[Line], x: float) -> bool:
    """Do the lines on both sides of ``x`` read as prose (a median of at least 4 words)?"""
    for side in ([ln for ln in lines if ln.x1 <= x], [ln for ln in lines if ln.x0 >= x]):
        words = sorted(ln.text.count(" ") + 1 for ln in side)
        if words[len(words) // 2] < 4:
            return False
    return True


# -- paragraphs ----------------------------------------------------------------------


@dataclass
class _Para:
    lines: list[Line]
    page: int
    column: int
    kind: str = "paragraph"


def paragraphs(ordered: list[tuple[Line, int]], page: int) -> list[_Para]:
    if not ordered:
        return []
    body = body_size([ln for ln, _ in ordered])
    # the line spacing of the body: the commonest gap between two body lines of one column
    gaps = Counter(round(a.y - b.y, 0) for (a, ca), (b, cb) in zip(ordered, ordered[1:])
                   if ca == cb and a.size == b.size == body and 0 < a.y - b.y < 3 * body)
    leading = max(gaps.most_common(), key=lambda g: (g[1], -g[0]))[0] if gaps else 1.2 * body
    paras: list[_Para] = []
    tables = _table_rows(ordered, leading)
    i = 0
    while i < len(ordered):
        ln, col = ordered[i]
        if i in tables:
            kind, n = tables[i]
            paras.append(_Para([x for x, _ in ordered[i:i + n]], page, col, kind))
            i += n
            continue
        if paras and paras[-1].kind == "paragraph" and not _new_paragraph(paras[-1], ln, col, leading, body):
            paras[-1].lines.append(ln)
        else:
            paras.append(_Para([ln], page, col))
        i += 1
    for p in paras:
        if p.kind != "paragraph":
            continue
        size = max(ln.size for ln in p.lines)
        chars = sum(ln.chars for ln in p.lines)
        if chars <= 200 and (size >= 1.15 * body or (all(ln.bold for ln in p.lines) and not ends_sentence(p.lines[-1].text))):
            p.kind = "heading"
    return paras


_NUMERIC = re.compile(r"[\d\s.,%+\-\u2212\u2013()]*\d[\d\s.,%+\-\u2212\u2013()]*")


def _table_rows(ordered: list[tuple[Line, int]], leading: float) -> dict[int, tuple[str, int]]:
    """Index of the first line of each table row -> (kind, number of cells).

    A row is two or more lines on one baseline of one column (cells split at gaps wider than
    the font size); a table is two or more such rows one under the other with as many cells.
    Its first row is the header when it has no figure and the rows below have some.
    """
    rows: list[tuple[int, int]] = []  # (first index, cells)
    i = 0
    while i < len(ordered):
        j = i + 1
        while j < len(ordered) and ordered[j][1] == ordered[i][1] and abs(ordered[j][0].y - ordered[i][0].y) < 0.5 * ordered[i][0].size:
            j += 1
        rows.append((i, j - i))
        i = j
    out: dict[int, tuple[str, int]] = {}
    k = 0
    while k < len(rows):
        m = k + 1
        while (m < len(rows) and rows[k][1] >= 2 and rows[m][1] == rows[k][1]
               and ordered[rows[m - 1][0]][0].y - ordered[rows[m][0]][0].y <= 2.5 * leading):
            m += 1
        if m - k >= 2 and rows[k][1] >= 2:
            for n, (first, cells) in enumerate(rows[k:m]):
                texts = [ln.text for ln, _ in ordered[first:first + cells]]
                header = n == 0 and not any(_NUMERIC.fullmatch(t) for t in texts) and any(
                    _NUMERIC.fullmatch(ln.text) for f, c in rows[k + 1:m] for ln, _ in ordered[f:f + c])
                out[first] = ("table-header" if header else "table-row", cells)
            k = m
        else:
            k += 1
    return out


def _new_paragraph(para: _Para, ln: Line, col: int, leading: float, body: float) -> bool:
    prev = para.lines[-1]
    if col != para.column:
        return True
    gap = prev.y - ln.y
    if gap <= 0 or gap > 1.4 * leading:
        return True
    if abs(ln.size - prev.size) > 0.1 * body or ln.bold != prev.bold:
        return True
    left = min(x.x0 for x in para.lines)
    if ln.x0 > left + 1.5 * body and len(para.lines) > 1:  # an indented first line
        return True
    right = max(x.x1 for x in para.lines)
    return len(para.lines) > 1 and ends_sentence(prev.text) and prev.x1 < right - 0.25 * (right - left)


def ends_sentence(text: str) -> bool:
    return bool(re.search(r"[.!?:;]['\"\u201d\u2019)]*$", text))


def merge_across_pages(paras: list[_Para]) -> None:
    """A paragraph cut by a page (or column) break goes on: join when it ends mid-sentence in lower case."""
    i = 1
    while i < len(paras):
        a, b = paras[i - 1], paras[i]
        if (a.kind == b.kind == "paragraph" and (a.page != b.page or a.column != b.column)
                and not ends_sentence(a.lines[-1].text) and b.lines[0].text[:1].islower()):
            a.lines.extend(b.lines)
            del paras[i]
        else:
            i += 1


_BROKEN = re.compile(r"([A-Za-z\u00c0-\u024f]+)[-\u00ad]$")


def join_hyphens(paras: list[_Para]) -> None:
    """Mark the line ends where a word was broken, so ``assemble`` joins it."""
    known = Counter()
    for p in paras:
        for ln in p.lines:
            known.update(w.lower() for w in re.findall(r"[A-Za-z]+-[A-Za-z]+", ln.text))
    for p in paras:
        if p.kind.startswith("table"):
            continue
        for ln, nxt in zip(p.lines, p.lines[1:]):
            m = _BROKEN.search(ln.text)
            if not m or not nxt.text[:1].islower():
                continue
            first = re.match(r"[A-Za-z\u00c0-\u024f]+", nxt.text)
            if ln.text.endswith("-") and first and f"{m.group(1)}-{first.group(0)}".lower() in known:
                ln.text = ln.text + "\u2060"  # a real compound: keep the hyphen, no space
            else:
                ln.text = ln.text[:-1] + "\u2060"


def assemble(paras: list[_Para]) -> tuple[str, list[TextBlock], list[Skipped]]:
    parts: list[str] = []
    blocks: list[TextBlock] = []
    headers: list[Skipped] = []
    pos = 0
    title_done = False
    biggest = max((max(ln.size for ln in p.lines) for p in paras if p.page == 0 and p.kind == "heading"), default=None)
    columns: list[tuple[float, float, str]] = []  # the current table's header cells
    for p in paras:
        if p.kind in ("table-row", "table-header"):
            # cells joined by " | ", as the HTML reader writes a row; a header names the columns below
            if parts:
                parts.append("\n\n")
                pos += 2
            start, cells = pos, []
            for n, ln in enumerate(p.lines):
                if n:
                    parts.append(" | ")
                    pos += 3
                parts.append(ln.text)
                header = columns[n][2] if len(columns) == len(p.lines) else _column(columns, ln)
                cells.append(Cell(start=pos, end=pos + len(ln.text), header=header))
                pos += len(ln.text)
            text = "".join(parts)[start:pos]
            if p.kind == "table-header":
                columns = [(ln.x0, ln.x1, ln.text) for ln in p.lines]
                headers.append(Skipped(text=text, start=start, end=pos, line=text.count("\n") + 1, reason="table-header"))
            else:
                blocks.append(TextBlock(kind="table-row", start=start, end=pos, cells=cells))
            continue
        columns = []
        text = ""
        for ln in p.lines:
            if text and not text.endswith("\u2060"):
                text += " "
            text += ln.text
        text = text.replace("\u2060", "")
        kind = p.kind
        if not title_done and kind == "heading" and p.page == 0 and max(ln.size for ln in p.lines) == biggest:
            kind, title_done = "title", True
        if parts:
            parts.append("\n\n")
            pos += 2
        parts.append(text)
        blocks.append(TextBlock(kind=kind, start=pos, end=pos + len(text)))
        pos += len(text)
    text = "".join(parts) + "\n"
    for h in headers:
        h.line = text.count("\n", 0, h.start) + 1
    return text, blocks, headers


def _column(columns: list[tuple[float, float, str]], ln: Line) -> str | None:
    """The header cell over a cell: the one its x-range overlaps most, else the nearest."""
    if not columns:
        return None
    mid = (ln.x0 + ln.x1) / 2
    return max(columns, key=lambda c: (min(c[1], ln.x1) - max(c[0], ln.x0), -abs((c[0] + c[1]) / 2 - mid)))[2]
