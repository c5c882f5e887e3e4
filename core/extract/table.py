"""The figures of a table row, each with what it counts taken from its column header.

A row such as ``Odesa | 1,412 | 2,096`` under ``Region | Killed | Injured`` states
1,412 killed and 2,096 injured. The cells are read by
:func:`claims.extract.quantities.extract_quantities` as they are written (offsets
index the document); a figure that counts nothing by itself gets its ``counts`` and
``measure`` from the extractor reading "figure + header" (``1,412 killed``):

- the column header names what is counted (``Killed``, ``Civilian casualties``,
  ``Tanks``), and a row label that is a population makes it more precise
  (``Children`` x ``Killed`` -> ``children.killed``);
- a header that only says which figure it is (``Total``, ``Past 24 hours``,
  ``Change``, ``2025``) leaves the row label (``Tanks``) as what is counted, and
  ``counts`` says both: ``Tanks (Past 24 hours)``.
"""

from __future__ import annotations

import re
from typing import Sequence

from ..models import Cell, Quantity
from .quantities import MEASURE_SYNONYMS, POPULATIONS, extract_quantities
from ..patterns import compile_pattern

__all__ = ["row_quantities", "row_label"]

#: Header words that say which figure a column holds, not what it counts.
ROLE_WORDS = frozenset(
    """total totals overall cumulative all sum number numbers no count counts figure figures value values
    amount amounts change changes difference diff increase decrease delta new daily weekly monthly yearly
    annual today yesterday tonight past last previous current latest since as of at in on the per to from
    and or hours hour days day weeks week months month years year h hrs
    january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec""".split()
)
_EVENTS = frozenset(MEASURE_SYNONYMS.values())
_WORD = compile_pattern(r"[^\W\d_]+")
_HAS_DIGIT = compile_pattern(r"\d")


def _is_role(header: str) -> bool:
    words = _WORD.findall(header.lower())
    return all(w in ROLE_WORDS for w in words)


def row_label(text: str, cells: Sequence[Cell]) -> str | None:
    """The row's label: its first cell when that cell has no digits (``Tanks``, ``Odesa``)."""
    if not cells:
        return None
    first = text[cells[0].start:cells[0].end].strip()
    return first if first and _HAS_DIGIT.search(first) is None else None


def _read_as(figure: str, phrase: str) -> tuple[str | None, str | None]:
    """(counts, measure) the extractor gives ``figure phrase`` (lower case), for its first figure."""
    found = extract_quantities(f"{figure} {phrase.lower()}")
    if found and found[0].end <= len(figure):
        return found[0].counts, found[0].measure
    return None, None


def _base(measure: str | None) -> str:
    return (measure or "").rsplit(".", 1)[-1]


def _measure(figure: str, header: str | None, label: str | None) -> tuple[str | None, str | None]:
    """(counts, measure) of a figure from its column header and its row's label."""
    if header and not _is_role(header):
        counts, measure = _read_as(figure, header)
        if measure is not None:
            if label and _base(measure) in _EVENTS:
                last = label.lower().split()[-1]
                if last in POPULATIONS and POPULATIONS[last]:  # "Children" x "Killed"
                    c2, m2 = _read_as(figure, f"{label} {header}")
                    if m2 is not None:
                        return f"{label} {header.lower()}", m2
            return header, measure
    if label:
        counts, measure = _read_as(figure, label)
        if measure is not None:
            return (f"{label} ({header})" if header else label), measure
    return None, None


def row_quantities(text: str, cells: Sequence[Cell], extract=None) -> list[Quantity]:
    """The quantities of a table row, in cell order, offsets into ``text`` (the document).

    :param extract: the pipeline's quantity extractor (``make_quantity_extractor``), else the built-in.
    """
    extract = extract or extract_quantities
    label = row_label(text, cells)
    out: list[Quantity] = []
    for i, cell in enumerate(cells):
        value = text[cell.start:cell.end]
        found = extract(value, cell.start)
        if not found:
            continue
        if len(found) == 1 and found[0].counts is None and found[0].unit is None:
            q = found[0]
            figure = text[cell.start:q.end]  # the figure with any qualifier before it
            counts, measure = _measure(figure, cell.header, label if i else None)
            if measure is not None:
                found = [q.model_copy(update={"counts": counts, "measure": measure})]
        out.extend(found)
    return out
