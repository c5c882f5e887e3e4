"""Built-in checker ``arithmetic``: do a document's numbers add up?

Relations found between the quantities of a document:

- **sum**: a total and its parts (``9,394 civilian casualties ... Of that number
  4,253 had been killed while 5,141 had been injured``: killed + injured must make
  the casualties), and ``a total of N`` followed by its breakdown in the same sentence (after
  a colon, a dash, ``including`` or ``of which``; with ``including`` the parts are at most the
  total), never figures compared with each other (``rose to A from B``, ``versus``, ``respectively``);
- **subset**: a part cannot exceed its whole (``272 children were among those killed``
  <= the number killed; a part of ``that number`` <= the total);
- **percent**: ``A (P%)`` / ``A, or P% of B`` against the stated base;
- **multiple**: ``doubled``/``tripled``/``halved`` ``from A to B`` (or ``to B from A``), within 10%;
- in a table (claims of block ``table-row``, their figures measured by their column
  headers): a row's casualties against its killed and injured (**sum**), and a
  ``Total`` row's figure against the same column of the rows above it (**sum**; rows of
  populations, ``Men``/``Women``/``Children`` over ``All civilians``, each once).
  Table rows take part in these relations only, never in the sentence rules above.

Only counts take part: not money, percentages, years, prices and fractions ("8 5/8"), nor figures
inside compounds ("577-member", "180-day", "50-50").

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
from typing import Any

from pydantic import BaseModel, Field

from claims import Severity, hookimpl
from claims.models import new_flag
from claims.db.scope import cached_scopes, measure_key, split_key
from claims.extract.measures import OUTCOMES
from claims.extract.quantities import CURRENCIES
from claims.patterns import compile_pattern

# A whole made of parts: measure -> the measures that add up to it.
DECOMPOSITIONS = {"casualties": ("killed", "injured")}
# Sentence openings that make its numbers parts of the previous total.
_OF_THAT = compile_pattern(
    r"^\W*(?:of (?:that|this|the|these|those)(?: total| number| figure)?|of them|of whom|of which|among (?:them|those|the dead|the victims)|"
    r"this (?:includes|included)|that (?:includes|included)|they include[ds]?|these include[ds]?)\b",
    re.I,
)
# "a total of N": a total whose breakdown may follow; "overall" and "combined" name aggregates, never one
_TOTAL_OF = compile_pattern(r"\b(?:a total of|in total|altogether)\b", re.I)
# what introduces the breakdown after the total: "...: 20 in Kharkiv, 15 in Odesa", "- 36 oil wells, ...",
# "including 50 in Santos" (a part of the parts only: at most the total)
_BREAKDOWN = compile_pattern(r"[:(\u2013\u2014]|\s-\s|\b(?:including|among them|of (?:which|whom|them))\b", re.I)
# words that make figures alternatives or earlier values of each other, not parts: "rose to 6.28 billion
# from 6.21 billion", "versus 992,760", "compared with 953 mln", "50 for and 44 against", "respectively"
_COMPARISON = compile_pattern(
    r"\b(?:from|compared|comparison|versus|vs|against|than|respectively|up|down|rose|fell|increased|decreased|"
    r"declined|averag\w*|per|each|every)\b", re.I)
_AMONG_THOSE = compile_pattern(r"\bamong (?:those|the) (killed|dead|injured|wounded|casualties|victims)\b", re.I)
_MULTIPLE = compile_pattern(r"\b(doubled|tripled|trebled|quadrupled|halved|(?:two|three|four|five|ten)fold)\b", re.I)
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
    claims: list[str] = field(default_factory=list)  # claim ids; the flag goes on the last
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


_COUNT_UNITS = (None, "", "people", "persons")


def _counts(q) -> bool:
    return q.unit in _COUNT_UNITS and q.measure is not None


def _key(q) -> str:
    return measure_key(q.measure) or ""


def _same_period(a, b) -> bool:
    """Both figures count the same period, or one of them states none (it is read from context)."""
    if a.period is None or b.period is None:
        return True
    return (a.period, a.period_start, a.period_end) == (b.period, b.period_start, b.period_end)


def _is_part_of(part, whole) -> bool:
    """Part and whole count the same event: 'children.killed' of 'killed', 'killed' of 'casualties'
    (its decomposition), the same key ('drones.shot_down' of 'drones.shot_down')."""
    pk, wk = _key(part), _key(whole)
    if not pk or not wk:
        return False
    if pk == wk:
        return True
    ppop, pbase = split_key(pk)
    wpop, wbase = split_key(wk)
    if pbase in DECOMPOSITIONS.get(wbase, ()) and (ppop == wpop or not wpop):
        return True
    return pbase == wbase and bool(ppop) and not wpop and pbase in _CASUALTY


_INCLUDING = compile_pattern(r"\b(?:including|among them|of whom|of them|among whom)\b", re.I)
_CASUALTY = frozenset(["killed", "injured", "casualties", "missing", "displaced", "detained", "evacuated"])
_N_OF = compile_pattern(r"\s+of\s+(?:the\s+|its\s+|their\s+)?$", re.I).fullmatch
_OF_THE = compile_pattern(r"[\s,)]*of(?:\s+(?:the|its|their|all))?\s*$", re.I).match
_PCT_OR = compile_pattern(r"^\s*(?:\(|,?\s*(?:or|i\.e\.|that is)\b[\s,(]*)\s*$", re.I)


_SCALED = compile_pattern(r"(?:hundred|thousand|million|billion|trillion|mln|bln|mn|bn|tn|trn|[kmb])\b", re.I)
_YEAR = compile_pattern(r"(?:1[89]|20)\d\d")


def _a_count(q, claim, money: bool) -> bool:
    """Can ``q`` count things? Not a year ("of 2001"), a fraction or a price ("8 5/8", "4.75 dlr"),
    a figure inside a compound ("577-member", "180-day", "50-50"), nor, in a sentence about money,
    a scaled figure whose currency is left out ("a 4.3 billion dlr surplus, including 7.1 billion")."""
    text, at = claim.text, q.start - claim.start
    end = q.end - claim.start
    if end < len(text) and text[end] in "-\u2010\u2011":
        return False   # "577-member", "50-50"
    if at > 1 and text[at - 1] in "-/" and text[at - 2].isdigit():
        return False   # "9-1/2", "98-3/8"
    if q.measure is None and _YEAR.fullmatch(q.text):   # "2000 troops" counts; "the 7-1/4 pct of 2031" not
        return False
    scaled = _SCALED.search(q.text) is not None
    if q.value != int(q.value) and not scaled:
        return False
    return not (money and scaled and not q.unit)


def _breakdown(claim, total_at: int, cnt: list) -> Relation | None:
    """'A total of 46 people were killed in three cities: 20 in Kharkiv, 15 in Odesa and 9 in Dnipro'.

    The total is the first figure after "a total of"; its parts are every figure after the words that
    introduce a breakdown (a colon, a dash, "including", "of which"), each counting what the total
    counts (or a place of it, "20 in Kharkiv"), with nothing that compares figures among them. With
    "including" the parts need not be all: their sum is at most the total.
    """
    text, base = claim.text, claim.start
    after = [q for q in cnt if q.start - base >= total_at]
    if len(after) < 3:
        return None
    total = after[0]
    intro = _BREAKDOWN.search(text, total.end - base, after[-1].start - base)
    if intro is None:
        return None
    parts = [q for q in after if q.start - base >= intro.end()]   # not "three cities" before the colon
    if len(parts) < 2 or _COMPARISON.search(text, total.end - base, parts[-1].end - base):
        return None
    if _net(total) or any(q.unit != total.unit or _key(q) not in ("", _key(total)) for q in parts):
        return None
    others = [q for q in claim.quantities if parts[0].start <= q.start < parts[-1].end]
    if len(others) != len(parts):
        return None   # a percentage, a sum of money or a year among them: not a plain list of parts
    kind = "parts" if intro.group().lower().startswith(("including", "among")) else "sum"
    return Relation(kind, total, parts, [claim.id])


_FROM = compile_pattern(r"\bfrom\b", re.I)
_TO = compile_pattern(r"\bto\b", re.I)


def _from_to(text: str, base: int, at: int, cnt: list):
    """The figures a multiple relates: 'doubled from A to B' or 'halved to B from A' in the clause after the verb."""
    clause_end = len(text)
    for stop in (";", ", with", ", while", ", and", " while ", " but "):
        k = text.find(stop, at)
        if 0 <= k < clause_end:
            clause_end = k

    def right_after(pattern):   # the figure the word introduces ("from 311 mln", "to about 40")
        m = pattern.search(text, at, clause_end)
        if m is None:
            return None
        return next((q for q in cnt if m.end() <= q.start - base < clause_end
                     and len(text[m.end():q.start - base].split()) <= 1), None)

    a, b = right_after(_FROM), right_after(_TO)
    if a is None or b is None or a is b:
        return None
    return a, b


#: measures that are net balances: a surplus with one partner can exceed the surplus with all
_NET = frozenset(["surplus", "deficit", "balance", "net", "profit", "profits", "loss", "losses", "income",
                  "earnings", "change", "gain", "gains"])


def _net(q) -> bool:
    return _base(q.measure) in _NET


def _whole_figure(q, scope) -> bool:
    """Not a sub-count of another figure (a figure of one place is the whole of its parts there)."""
    return scope is None or not scope.part


def find_relations(document, tolerance: float = 0.0) -> list[Relation]:  # noqa: C901 - one pass, many relations
    """All arithmetic relations stated in a document, each checked.

    Relations are looked for within a sentence and with the sentence right before it in the same
    paragraph, between figures of the same measure (or a measure and its parts), never across
    unrelated lines.
    """
    rels: list[Relation] = []
    scopes = cached_scopes(document) if any(c.quantities for c in document.claims) else {}
    prev = None   # (claim, counts) of the previous claim with figures, when adjacent in the paragraph
    last = None
    rels.extend(_table_relations(document.claims))
    for claim in document.claims:
        if last is None or claim.paragraph != last.paragraph:
            prev = None
        last = claim
        if not claim.quantities or claim.block == "table-row":  # tables: _table_relations
            prev = None
            continue
        money = any(q.unit in CURRENCIES for q in claim.quantities)
        # the figures that count things (also "20 in Kharkiv", no measure of its own)
        cnt = [q for q in claim.quantities if q.unit in _COUNT_UNITS and _a_count(q, claim, money)]
        if not cnt:  # money, percentages, distances only: no relation below has a figure to start from
            prev = None
            continue
        qs = [q for q in cnt if q.measure is not None]  # the counts (_counts)
        cid = claim.id
        sc = {id(q): scopes.get((cid, i)) for i, q in enumerate(claim.quantities)}
        text = claim.text
        low = text.lower()
        has_total = "total" in low or "altogether" in low
        has_among = "among" in low
        has_multiple = "bled" in low or "pled" in low or "fold" in low or "halved" in low  # every _MULTIPLE word
        has_including = "nclud" in low or "among" in low or "of th" in low or "of wh" in low  # every _INCLUDING
        pq = prev[1] if prev is not None else []
        # parts of the previous sentence's total: "Of that number 4,253 had been killed while 5,141 ..."
        if qs and pq and _OF_THAT.search(text):
            wclaim = prev[0]
            for whole in pq:
                parts = [q for q in qs if _is_part_of(q, whole) and _same_period(q, whole)]
                if not parts:
                    continue
                decomposition = DECOMPOSITIONS.get(split_key(_key(whole))[1])
                names = {split_key(_key(q))[1]: q for q in parts if split_key(_key(q))[0] == split_key(_key(whole))[0]}
                if decomposition and set(decomposition) <= set(names):
                    rels.append(Relation("sum", whole, [names[m] for m in decomposition], [wclaim.id, claim.id]))
                else:
                    for p in parts:
                        if _key(p) != _key(whole) or (sc.get(id(p)) and sc[id(p)].part):
                            rels.append(Relation("subset", whole, [p], [wclaim.id, claim.id]))
                break
        # "a total of N ...: A in X and B in Y" (parts of the same measure after the total)
        m = _TOTAL_OF.search(text) if has_total else None
        if m and len(cnt) >= 3:
            rel = _breakdown(claim, m.start(), cnt)
            if rel is not None:
                rels.append(rel)
        # "N, including M children" / "N ..., M of them": a part within the sentence
        for i, q in enumerate(qs):
            s_ = sc.get(id(q))
            including = i and has_including and _INCLUDING.search(text, max(0, qs[i - 1].end - claim.start),
                                                                  q.start - claim.start)
            if i and ((s_ is not None and s_.part) or including):
                whole = next((w for w in reversed(qs[:i]) if _key(w) and not _net(w)
                              and (_is_part_of(q, w) or not _key(q))), None)
                if whole is not None:
                    rels.append(Relation("subset", whole, [q], [claim.id]))
        # "272 children were among those killed" <= the number killed stated in this or the previous sentence
        m = _AMONG_THOSE.search(text) if has_among else None
        if m and qs:
            target = {"dead": "killed", "wounded": "injured", "victims": "casualties"}.get(m.group(1).lower(), m.group(1).lower())
            part = qs[0]
            for q in [*reversed([x for x in qs if x is not part and x.start < part.start]), *reversed(pq)]:
                kpop, kbase = split_key(_key(q))
                if kbase == target and not kpop and _same_period(q, part):
                    rels.append(Relation("subset", q, [part], [c for c in ([prev[0].id] if q in pq else []) + [claim.id]]))
                    break
        # "destroyed 52 of the 70 drones", "30 of 35 missiles": the first is part of the second
        for a, b in zip(cnt, cnt[1:]):
            if _N_OF(text, a.end - claim.start, b.start - claim.start) and _key(b) and (
                    _key(a).split(".")[0] == _key(b).split(".")[0] or not _key(a)) and _key(a) != _key(b):
                rels.append(Relation("subset", b, [a], [claim.id]))
        # military outcomes: shot down + suppressed + hit cannot exceed the launched
        rels += _outcomes(claim, qs, sc, prev)
        # percentages: "A (P%)", "P%, or A," of a whole of the same measure in the sentence
        pcts = [q for q in claim.quantities if q.unit == "percent"]
        if pcts and cnt:
            for p in pcts:
                part = _paired(text, claim.start, p, cnt)
                if part is None:
                    continue
                whole = next((w for w in [*qs, *pq] if w is not part and w.value >= part.value and _key(w) != _key(part)
                              and (_is_part_of(part, w) or _outcome_of(part, w))), None)
                if whole is None:
                    # "90%, or 85, of the 120 drones": the whole right after the pair
                    end = max(part.end, p.end)
                    whole = next((w for w in cnt if w.start >= end and _OF_THE(text, end - claim.start,
                                                                                 w.start - claim.start)), None)
                if whole is not None:
                    rels.append(Relation("percent", whole, [part, p], [claim.id]))
        # multiples: "doubled from A to B"
        mm = _MULTIPLE.search(text) if has_multiple else None
        if mm and len(qs) >= 2:
            ab = _from_to(text, claim.start, mm.end(), cnt)
            if ab is not None:
                a, b = ab
                if _key(a) == _key(b) or not _key(a) or not _key(b):
                    rels.append(Relation("multiple", b, [a], [claim.id], factor=_FACTORS[mm.group(1).lower()]))
        prev = (claim, [q for q in qs if _whole_figure(q, sc.get(id(q)))]) if qs else None
    for r in rels:
        _check(r, tolerance)
    return _dedupe(rels)


def _dedupe(rels: list[Relation]) -> list[Relation]:
    seen = set()
    out = []
    for r in rels:
        k = (r.kind, id(r.whole), tuple(id(p) for p in r.parts))
        if k not in seen:
            seen.add(k)
            out.append(r)
    return out


def _paired(text: str, base: int, pct, qs):
    """The count a percentage restates: 'A (P%)' or 'P%, or A'."""
    for q in qs:
        if q.end <= pct.start and _PCT_OR.match(text[q.end - base:pct.start - base]):
            return q
        if q.start >= pct.end and _PCT_OR.match(text[pct.end - base:q.start - base]):
            return q
    return None


def _outcome_of(part, whole) -> bool:
    pthing, pev = split_key(_key(part))
    wthing, wev = split_key(_key(whole))
    return bool(pthing) and pthing == wthing and wev == "launched" and pev in OUTCOMES | {"neutralised"}


def _outcomes(claim, qs, sc, prev) -> list[Relation]:
    """'Of the 120 drones launched, 95 were shot down and 20 hit targets': each outcome and their sum
    (outcomes exclude each other) are at most the launched, for the same thing, whole counts only."""
    out: list[Relation] = []
    # a thing launched ("drones.launched"): a whole figure of this sentence, or of the one before
    launched = [(q, claim) for q in qs if _key(q).endswith(".launched") and _whole_figure(q, sc.get(id(q)))]
    if prev:
        launched += [(q, prev[0]) for q in prev[1] if _key(q).endswith(".launched")]
    if not launched:
        return out
    pool = [(q, claim) for q in qs] + ([(q, prev[0]) for q in prev[1]] if prev else [])
    for w, wc in launched:
        thing = split_key(_key(w))[0]
        parts = [(q, c) for q, c in pool if q is not w and split_key(_key(q))[0] == thing
                 and split_key(_key(q))[1] in OUTCOMES and (c is not claim or _whole_figure(q, sc.get(id(q))))
                 and _same_period(q, w)]
        if not parts or all(c is not claim for _q, c in parts) and wc is not claim:
            continue   # nothing of this sentence
        by_event: dict[str, Any] = {}
        for q, c in parts:
            by_event.setdefault(split_key(_key(q))[1], (q, c))
        chosen = list(by_event.values())
        ids = list(dict.fromkeys([wc.id] + [c.id for _q, c in chosen]))
        if len(chosen) == 1:
            out.append(Relation("subset", w, [chosen[0][0]], ids))
        else:
            out.append(Relation("parts", w, [q for q, _c in chosen], ids))
    return out


_TOTAL_ROW = compile_pattern(r"\W*(?:grand\s+)?(?:total|totals|all|overall|sum)\b", re.I)


def _table_relations(claims) -> list[Relation]:
    """Sums stated by tables: a row's whole and parts side by side, and a total row's columns."""
    rels: list[Relation] = []
    run: list = []  # the rows of the current table so far (consecutive table-row claims)
    for claim in claims:
        if getattr(claim, "block", "paragraph") != "table-row":
            run = []
            continue
        if run and claim.paragraph not in (run[-1].paragraph, run[-1].paragraph + 1):
            run = []   # a web page's rows are paragraphs of their own; a pasted table's share one
        qs = [q for q in claim.quantities if _counts(q)]
        for w in qs:
            names = DECOMPOSITIONS.get(_base(w.measure))
            if names:
                chosen = [next((q for q in qs if q is not w and _base(q.measure) == m), None) for m in names]
                if all(c is not None for c in chosen):
                    rels.append(Relation("sum", w, chosen, [claim.id]))
        label = claim.text[:qs[0].start - claim.start] if qs else claim.text
        if run and qs and _TOTAL_ROW.match(label):
            for w in qs:
                parts = []
                for row in run:
                    same = [q for q in row.quantities if _counts(q) and q.measure == w.measure and q.counts == w.counts]
                    if not same:   # rows of populations: "Men | 2,915" ... "All civilians | 4,889", killed each
                        same = [q for q in row.quantities if _counts(q) and _of_a_population(q, w)]
                    if len(same) != 1:
                        break
                    parts.append(same[0])
                else:
                    pops = [split_key(_key(p))[0] for p in parts if p.measure != w.measure]
                    if len(parts) >= 2 and len(set(pops)) == len(pops):   # no population counted twice
                        rels.append(Relation("sum", w, parts, [row.id for row in run] + [claim.id]))
            run = []
        else:
            run.append(claim)
    return rels


def _of_a_population(q, total) -> bool:
    """``q`` counts the total's event for a population of its own ('men.killed' in the column of
    'civilians.killed', or of 'killed')."""
    qpop, qev = split_key(_key(q))
    tpop, tev = split_key(_key(total))
    return bool(qpop) and qev == tev and qpop != tpop


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
    elif r.kind == "parts":
        lo = sum(_interval(p, tol)[0] for p in r.parts)
        r.consistent = lo <= whi
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
        slack = 0.1  # "doubled", "halved" are loose speech ("halved to 166 from 311"): an error beyond 10%
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
        return f"{p.text} {_what(p)} is more than the whole it belongs to: {w.text} {_what(w)}"
    if r.kind == "parts":
        parts = " + ".join(f"{p.text} {_event(p)}".rstrip() for p in r.parts)
        total = f"{_fmt(sum(p.value for p in r.parts))} {_thing(w)}".rstrip()
        return f"{parts} = {total}, more than the {w.text} {_event(w)} they are part of (expected {r.expected})"
    if r.kind == "percent":
        part, pct = r.parts
        return f"{part.text} is not {pct.text} of {w.text} (expected {r.expected})"
    return f"{w.text} is not {r.factor:g} x {r.parts[0].text} (expected about {r.expected})"


def _what(q) -> str:
    """What a figure counts, in words: 'drones shot down', 'children killed', else the words as written."""
    k = _key(q)
    if "." in k:
        return k.replace(".", " ").replace("_", " ")
    return q.counts or _base(q.measure)


def _event(q) -> str:
    return split_key(_key(q))[1].replace("_", " ") or (q.counts or "")


def _thing(q) -> str:
    return split_key(_key(q))[0].replace("_", " ")


def _reading(q) -> dict[str, Any]:
    """How a figure was read (measure, scope, period), for the flag's data."""
    return {"text": q.text, "value": q.value, "measure": _key(q) or None, "scope": q.scope, "place": q.place,
            "period": q.period, "period_start": q.period_start, "period_end": q.period_end}


def _held(r: Relation) -> str:
    """A relation that holds, in words."""
    w = r.whole
    names = ", ".join(f"{p.text} {p.counts or _event(p)}" for p in r.parts)
    rel = {"sum": "add up to", "subset": "is within", "parts": "are within", "percent": "is the stated share of",
           "multiple": "is the stated multiple of"}[r.kind]
    return f"{names} {rel} {w.text} {w.counts or _event(w)}"


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
        flags.append(new_flag(
            "arithmetic", f"{r.kind}-mismatch", _describe(r), Severity(conf.severity), claim_id=claim_id,
            evidence=(anchor.start, anchor.end), related=[c for c in r.claims if c != claim_id],
            data={"relation": r.kind, "whole": r.whole.value, "parts": [p.value for p in r.parts],
                  "expected": r.expected, "key": f"{r.kind}:{r.whole.text}",  # no offsets: ids survive edits
                  "figures": [_reading(q) for q in [r.whole, *r.parts]]},
        ))
    return flags


@hookimpl
def summarize_document(document, settings):
    rels = _relations(document, settings)
    if not rels:  # most documents
        return {"relations": {"found": 0, "checked": 0, "consistent": 0}, "relations_held": []}
    return {"relations": {"found": len(rels), "checked": sum(1 for r in rels if r.consistent is not None),
                          "consistent": sum(1 for r in rels if r.consistent)},
            "relations_held": [{"relation": r.kind, "claims": r.claims, "message": _held(r)}
                               for r in rels if r.consistent]}
