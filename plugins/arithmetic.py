"""Built-in checker ``arithmetic``: do a document's numbers add up?

Relations found between the quantities of a document:

- **sum**: a total and its parts (``9,394 civilian casualties ... Of that number
  4,253 had been killed while 5,141 had been injured``: killed + injured must make
  the casualties), and ``a total of N`` followed by its parts in the same sentence;
- **subset**: a part cannot exceed its whole (``272 children were among those killed``
  <= the number killed; a part of ``that number`` <= the total);
- **percent**: ``A (P%)`` / ``A, or P% of B`` against the stated base;
- **multiple**: ``doubled``/``tripled``/``halved`` ``from A to B``.

Every figure is an interval (``at least``, ``about``, rounding as in ``4.2 million``),
in the manner of statcheck: a relation is inconsistent only when no values inside
the intervals satisfy it. An inconsistency is an ``error`` flag naming the numbers,
the relation and the expected value; the summary counts relations found, checked
and consistent.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

from pydantic import BaseModel, Field

from claims import Flag, Severity, Span, hookimpl

# A whole made of parts: measure -> the measures that add up to it.
DECOMPOSITIONS = {"casualties": ("killed", "injured")}
# Sentence openings that make its numbers parts of the previous total.
_OF_THAT = re.compile(
    r"^\W*(?:of (?:that|this|the|these|those)(?: total| number| figure)?|of them|of whom|of which|among (?:them|those|the dead|the victims)|"
    r"this (?:includes|included)|that (?:includes|included)|they include[ds]?|these include[ds]?)\b",
    re.I,
)
_TOTAL_OF = re.compile(r"\b(?:a total of|in total|altogether|overall|combined)\b", re.I)
_AMONG_THOSE = re.compile(r"\bamong (?:those|the) (killed|dead|injured|wounded|casualties|victims)\b", re.I)
_MULTIPLE = re.compile(r"\b(doubled|tripled|trebled|quadrupled|halved|(?:two|three|four|five|ten)fold)\b", re.I)
_FACTORS = {"doubled": 2.0, "tripled": 3.0, "trebled": 3.0, "quadrupled": 4.0, "halved": 0.5,
            "twofold": 2.0, "threefold": 3.0, "fourfold": 4.0, "fivefold": 5.0, "tenfold": 10.0}


class ArithmeticSettings(BaseModel):
    """``[plugins.arithmetic]`` in claims.toml."""

    tolerance: float = Field(0.0, ge=0, description="Extra relative tolerance on top of rounding (0.01 = 1%).")
    severity: str = Field("error", pattern="^(info|warning|error)$")


@hookimpl
def register_settings(register):
    register("arithmetic", ArithmeticSettings)


@dataclass
class Relation:
    kind: str  # sum | subset | percent | multiple
    whole: object  # Quantity
    parts: list = field(default_factory=list)
    claims: list[str] = field(default_factory=list)  # claim ids: the whole's first
    consistent: bool | None = None
    expected: str = ""
    factor: float | None = None


def _interval(q, tol: float = 0.0) -> tuple[float, float]:
    lo = q.low if q.low is not None else (0.0 if q.high is not None else q.value)
    hi = q.high if q.high is not None else (math.inf if q.low is not None and q.qualifier else q.value)
    if q.low is None and q.high is None:
        lo = hi = q.value
    if tol:
        lo, hi = lo * (1 - tol), hi * (1 + tol)
    return lo, hi


def _fmt(x: float) -> str:
    if x == math.inf:
        return "∞"
    return f"{x:,.0f}" if abs(x - round(x)) < 1e-9 else f"{x:,.2f}"


def _base(measure: str | None) -> str:
    return (measure or "").rsplit(".", 1)[-1]


def _population(measure: str | None) -> str | None:
    return measure.rsplit(".", 1)[0] if measure and "." in measure else None


def _counts(q) -> bool:
    return q.unit in (None, "", "people", "persons") and q.measure is not None


def find_relations(document, tolerance: float = 0.0) -> list[Relation]:
    """All arithmetic relations stated in a document, each checked."""
    rels: list[Relation] = []
    seen: list[tuple[object, object]] = []  # (quantity, claim) in document order
    last_total: tuple[object, object] | None = None
    for claim in document.claims:
        if not claim.quantities:
            continue
        qs = [q for q in claim.quantities if _counts(q)]
        text = claim.text
        low = text.lower()
        # cheap substring tests first: the patterns below are rare and their searches are not
        has_total = ("total" in low or "altogether" in low or "overall" in low or "combined" in low)
        has_among = "among" in low
        has_multiple = "fold" in low or "led" in low or "halved" in low
        # parts of the previous total
        if qs and last_total is not None and _OF_THAT.search(text):
            whole, wclaim = last_total
            parts = [q for q in qs if q is not whole]
            names = {_base(q.measure) for q in parts}
            decomposition = DECOMPOSITIONS.get(_base(whole.measure))
            if decomposition and set(decomposition) <= names:
                chosen = [next(q for q in parts if _base(q.measure) == m) for m in decomposition]
                rels.append(Relation("sum", whole, chosen, [wclaim.id, claim.id]))
            else:
                for p in parts:
                    rels.append(Relation("subset", whole, [p], [wclaim.id, claim.id]))
        # "a total of N ..., A in X and B in Y"
        m = _TOTAL_OF.search(text) if has_total else None
        if m and len(qs) >= 3:
            after = [q for q in qs if q.start - claim.start >= m.start()]
            if len(after) >= 3 and all(q.unit == after[0].unit for q in after):
                rels.append(Relation("sum", after[0], after[1:], [claim.id]))
        # "272 children were among those killed" <= the number killed stated before
        m = _AMONG_THOSE.search(text) if has_among else None
        if m and qs:
            target = {"dead": "killed", "wounded": "injured", "victims": "casualties"}.get(m.group(1).lower(), m.group(1).lower())
            part = qs[0]
            for q, c in reversed(seen):
                if _base(q.measure) == target and q is not part and _population(q.measure) in (None, "civilians", "people"):
                    rels.append(Relation("subset", q, [part], [c.id, claim.id]))
                    break
        # population subsets: children.killed <= killed (same document, same measure)
        for q in qs:
            pop = _population(q.measure)
            if pop and pop not in ("civilians", "people") and not (has_among and _AMONG_THOSE.search(text)):
                for w, c in reversed(seen):
                    if _base(w.measure) == _base(q.measure) and _population(w.measure) in (None, "civilians", "people") \
                            and c.id != claim.id:
                        rels.append(Relation("subset", w, [q], [c.id, claim.id]))
                        break
        # percentages of a stated base in the same sentence: "A (P%) of B" or "P% of B ... A"
        pcts = [q for q in claim.quantities if q.unit == "percent"]
        if pcts and len(qs) >= 2:
            for p in pcts:
                before = [q for q in qs if q.end <= p.start]
                if before and len(qs) >= 2:
                    part = before[-1]
                    others = [q for q in qs if q is not part and q.value >= part.value]
                    if others:
                        rels.append(Relation("percent", others[0], [part, p], [claim.id]))
        # multiples: "doubled from A to B"
        mm = _MULTIPLE.search(text) if has_multiple else None
        if mm and len(qs) >= 2 and re.search(r"\bfrom\b.*\bto\b", text[mm.start():], re.I):
            a, b = qs[0], qs[1]
            rels.append(Relation("multiple", b, [a], [claim.id], factor=_FACTORS[mm.group(1).lower()]))
        for q in qs:
            seen.append((q, claim))
        totals = [q for q in qs if _base(q.measure) in DECOMPOSITIONS or (has_total and _TOTAL_OF.search(text))]
        if totals:
            last_total = (totals[0], claim)
        elif qs and not _OF_THAT.search(text):
            last_total = (qs[0], claim)
    for r in rels:
        _check(r, tolerance)
    return rels


def _check(r: Relation, tol: float) -> None:
    wlo, whi = _interval(r.whole, tol)
    if r.kind == "sum":
        lo = sum(_interval(p, tol)[0] for p in r.parts)
        hi = sum(_interval(p, tol)[1] for p in r.parts)
        r.consistent = lo <= whi and wlo <= hi
        r.expected = _fmt(lo) if lo == hi else f"{_fmt(lo)}-{_fmt(hi)}"
    elif r.kind == "subset":
        plo, _ = _interval(r.parts[0], tol)
        r.consistent = plo <= whi
        r.expected = f"at most {_fmt(whi)}"
    elif r.kind == "percent":
        part, pct = r.parts
        plo, phi = _interval(part, tol)
        # the stated percentage is rounded to its last digit
        decimals = len(pct.text.split(".")[1].rstrip("%").split()[0]) if "." in pct.text else 0
        half = 0.5 * 10 ** -decimals
        lo_pct, hi_pct = (pct.value - half) / 100, (pct.value + half) / 100
        r.consistent = plo <= hi_pct * whi and lo_pct * wlo <= phi
        r.expected = f"{_fmt(lo_pct * wlo)}-{_fmt(hi_pct * whi)}"
    elif r.kind == "multiple":
        alo, ahi = _interval(r.parts[0], tol)
        f = r.factor or 1.0
        slack = 0.05  # "doubled" is loose speech: allow 5%
        r.consistent = alo * f * (1 - slack) <= whi and wlo <= ahi * f * (1 + slack)
        r.expected = _fmt(r.parts[0].value * f)


def _describe(r: Relation) -> str:
    w = r.whole
    if r.kind == "sum":
        parts = " + ".join(f"{p.text} {_base(p.measure)}" for p in r.parts)
        total = sum(p.value for p in r.parts)
        return (f"{parts} = {_fmt(total)}, but the stated total is {w.text} {w.counts or _base(w.measure)}"
                f" (expected {r.expected}, off by {_fmt(abs(total - w.value))})")
    if r.kind == "subset":
        p = r.parts[0]
        return f"{p.text} {p.counts or _base(p.measure)} is more than the whole it belongs to: {w.text} {w.counts or _base(w.measure)}"
    if r.kind == "percent":
        part, pct = r.parts
        return f"{part.text} is not {pct.text} of {w.text} (expected {r.expected})"
    return f"{w.text} is not {r.factor:g} x {r.parts[0].text} (expected about {r.expected})"


def _settings(settings) -> ArithmeticSettings:
    conf = settings.get("arithmetic") if settings is not None else None
    return conf if isinstance(conf, ArithmeticSettings) else ArithmeticSettings()


def _relations(document, settings) -> list[Relation]:
    state = document.state("arithmetic")
    if "relations" not in state:
        state["relations"] = find_relations(document, _settings(settings).tolerance)
    return state["relations"]


@hookimpl
def check_document(document, settings):
    conf = _settings(settings)
    flags = []
    for r in _relations(document, settings):
        if r.consistent:
            continue
        anchor = r.parts[0] if r.parts else r.whole
        claim_id = r.claims[-1]
        flags.append(Flag(
            checker="arithmetic", code=f"{r.kind}-mismatch", severity=Severity(conf.severity),
            message=_describe(r), claim_id=claim_id,
            evidence=Span(start=anchor.start, end=anchor.end),
            related=[c for c in r.claims if c != claim_id],
            data={"relation": r.kind, "whole": r.whole.value, "parts": [p.value for p in r.parts],
                  "expected": r.expected, "key": f"{r.kind}:{r.whole.text}"}  # no offsets: ids survive edits,
        ))
    return flags


@hookimpl
def summarize_document(document, settings):
    rels = _relations(document, settings)
    return {"relations": {"found": len(rels), "checked": sum(1 for r in rels if r.consistent is not None),
                          "consistent": sum(1 for r in rels if r.consistent)}}
