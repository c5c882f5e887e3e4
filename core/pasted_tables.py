"""Tables pasted as text: what a browser copies from an HTML table is one line a row, cells
separated by tabs.

A paragraph of two lines or more, each with the same number of tab-separated cells (two or
more not empty), with a figure in a cell after the first, is a table. Its first line is a
header row when none of its cells is a figure; its cells then name the columns, as ``<th>``
cells do on a web page, so
``Children | 443 | 547`` under ``Category | Killed | Injured`` reads 443 killed and 547
injured (:mod:`claims.extract.table`). Each row becomes one claim of block ``table-row``,
and the arithmetic checker checks the rows and a ``Total`` row as it does a web page's.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .models import Cell
from .patterns import compile_pattern

#: a cell that is a figure only ("2,915", "-4", "12.5%", "1 200")
_FIGURE = compile_pattern(r"[\s~≈<>+\-−–]*\d[\d,.\s\u00a0\u202f]*%?\s*")
_SPACE = " \u00a0\u202f"
_LINE_SPACE = _SPACE + "\r"


@dataclass
class PastedRow:
    start: int
    end: int
    line: int
    cells: list[Cell] = field(default_factory=list)
    header: bool = False


def pasted_table(text: str, start: int, end: int, first_line: int) -> list[PastedRow] | None:
    """The rows of ``text[start:end]`` (one paragraph, first line numbered ``first_line``) when it
    is a pasted table, else None."""
    if text.find("\t", start, end) < 0:
        return None
    rows: list[PastedRow] = []
    width = None
    at = start
    line = first_line
    for raw in text[start:end].split("\n"):
        s, e = at, at + len(raw)
        at = e + 1
        line_no = line
        line += 1
        while s < e and text[s] in _LINE_SPACE:
            s += 1
        while e > s and text[e - 1] in _LINE_SPACE:
            e -= 1
        if s == e:
            continue
        cells = _cells(text, s, e)
        if width is None:
            width = len(cells)
        if len(cells) != width or sum(c.end > c.start for c in cells) < 2:
            return None   # prose with a tab in it, or lines of different shapes
        rows.append(PastedRow(s, e, line_no, cells))
    if len(rows) < 2 or not any(_is_figure(text, c) for r in rows for c in r.cells[1:]):
        return None   # no figures: a menu or a list pasted with tabs, left to the segmenter
    _headers(text, rows)
    for r in rows:
        r.cells = [c for c in r.cells if c.end > c.start]   # as on a web page, empty cells are left out
    return rows


def _cells(text: str, s: int, e: int) -> list[Cell]:
    out = []
    at = s
    while True:
        tab = text.find("\t", at, e)
        cs, ce = at, tab if tab >= 0 else e
        while cs < ce and text[cs] in _SPACE:
            cs += 1
        while ce > cs and text[ce - 1] in _SPACE:
            ce -= 1
        out.append(Cell(start=cs, end=ce))
        if tab < 0:
            return out
        at = tab + 1


def _is_figure(text: str, cell: Cell) -> bool:
    return cell.end > cell.start and _FIGURE.fullmatch(text, cell.start, cell.end) is not None


def _headers(text: str, rows: list[PastedRow]) -> None:
    """A first row of words names the columns of the rows below (which hold the table's figures)."""
    first = rows[0]
    if any(_is_figure(text, c) for c in first.cells):
        return
    first.header = True
    names = [text[c.start:c.end] or None for c in first.cells]
    for r in rows[1:]:
        r.cells = [Cell(start=c.start, end=c.end, header=names[j]) for j, c in enumerate(r.cells)]
