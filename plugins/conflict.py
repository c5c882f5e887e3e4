"""Built-in checker ``conflict``: do the figures agree with each other and with the store?

Two figures are compared only when they count the same *measure* (``claims.db.scope.measure_key``:
``deaths`` = ``killed``; ``children.killed``, ``drones.shot_down`` are their own measures; only
counts of an event), over the same *scope* (the whole, or the same place; never sub-counts)
and the same *period* (the same kind and dates: overnight is not the past day; running
totals from the same start), with their bounds (``at least 4,253`` is [4253, ∞)). Casualties
of one day are incident counts, compared only for a named place or the same source. A
higher running total a day later is growth, not conflict. Casualties are the killed plus
the injured: a source giving both is compared with another giving casualties. See
``docs/checkers.md``.

Flags (severity ``warning`` unless configured), each naming both figures, sources,
documents and dates, ``related`` listing the other claims:

- ``conflict-sources``: another source gives a figure for the same measure and period
  whose interval does not overlap (as-of dates at most ``window_days`` apart);
- ``conflict-over-time``: a source's cumulative figure is lower in a later report than
  in an earlier one (needs both reports' dates);
- ``conflict-reports``: two documents quote the same source with different figures for
  the same day;
- ``conflict-in-document``: two claims of one document disagree;
- ``conflict-no-date`` (info, on the document): the document has no date, so its
  cumulative figures were not compared with other reports (give ``--published``).

The same figure repeated by other documents is corroboration, not conflict: the summary
counts the figures corroborated (``Summary.corroborated``). The same claim in other
documents (``claims.db.matching``) is an info flag, checker ``match``, code ``same-claim``.

Settings (``[plugins.conflict]``): ``severity``, ``window_days``, ``default_start`` (the
start of counts that say only "so far"; unset, such a count matches any start),
``checks`` (which of sources, over-time, reports, in-document run), ``max_related``,
``max_sources`` (flags per figure against other sources, nearest dates first).
"""

from __future__ import annotations

import datetime as dt
import math
import re
from bisect import bisect_left
from collections import defaultdict
from dataclasses import dataclass, field, replace
from typing import Any, Iterable, Iterator, Literal

from pydantic import BaseModel, Field

from claims import Flag, Severity, Span, hookimpl
from claims.models import new_flag
from claims.db.scope import (
    cached_scopes, components, describe, iter_figures, measure_key, parse_date, split_key, unit_key,
)

Check = Literal["sources", "over-time", "reports", "in-document", "same-claim"]


class ConflictSettings(BaseModel):
    """``[plugins.conflict]`` in claims.toml."""

    severity: Literal["info", "warning", "error"] = "warning"
    window_days: int = Field(1, ge=0, le=366, description=(
        "Running totals of different sources are compared when their as-of dates are at most this many days "
        "apart (a report often gives the previous day's figures); a later total above an earlier one is growth."))
    default_start: dt.date | None = Field(None, description=(
        "Start date of cumulative counts that say only 'so far' or 'since the start of the war'."))
    checks: list[Check] = Field(default_factory=lambda: ["sources", "over-time", "reports", "in-document", "same-claim"])
    max_related: int = Field(20, ge=1, description="Most other claims listed in one flag.")
    max_sources: int = Field(5, ge=1, description=(
        "Most other sources one figure is flagged against (nearest dates first; the rest are counted)."))


@hookimpl
def register_settings(register):
    register("conflict", ConflictSettings)


def _settings(settings: Any) -> ConflictSettings:
    conf = settings.get("conflict") if settings is not None else None
    return conf if isinstance(conf, ConflictSettings) else ConflictSettings()


# -- figures -------------------------------------------------------------------------------

@dataclass(slots=True)
class Figure:
    """A number with what it counts, its period and where it comes from (this document or the store)."""

    key: str
    unit: str | None
    value: float
    lo: float
    hi: float
    text: str
    kind: str  # cumulative | point
    since: dt.date | None
    as_of: dt.date | None
    place: str | None
    period: str | None
    source_id: str | None
    source_name: str
    source_parent: str | None
    claim_id: str
    document: str  # path
    sha256: str
    published: dt.date | None
    start: int = 0
    end: int = 0
    line: int | None = None
    stored: bool = False
    derived_from: list[str] = field(default_factory=list)  # claim ids of the parts of a derived total
    group: tuple = ()
    period_kind: str | None = None  # cumulative | day | night | week | days | date
    # its descriptions in flag data (full and brief), made once: a figure repeated down a page is in
    # many flags, which share them (flag data is never changed in place)
    described: dict[str, Any] | None = field(default=None, repr=False, compare=False)
    briefed: dict[str, Any] | None = field(default=None, repr=False, compare=False)

    def reading(self) -> str:
        """How the figure was read: measure, scope and period ('killed, whole, since 2022-02-24 as of ...')."""
        where = f"in {self.place}" if self.place else "whole"
        return f"{describe(self.key)}, {where}, {period_words(self)}"

    @property
    def doc_name(self) -> str:
        return re.split(r"[\\/]", self.document)[-1] or self.document

    def said(self) -> str:
        return self.text


def interval(value: float, low: float | None, high: float | None, qualifier: str | None) -> tuple[float, float]:
    """The values a figure allows: 'at least 4,253' -> [4253, inf); a plain figure -> [v, v]."""
    if low is None and high is None:
        return value, value
    lo = low if low is not None else (0.0 if high is not None else value)
    hi = high if high is not None else (math.inf if low is not None and qualifier else value)
    return min(lo, value), max(hi, value)


def _text(q_text: str, qualifier: str | None) -> str:
    if qualifier and qualifier.lower() not in q_text.lower():
        return f"{qualifier} {q_text}"
    return q_text


def document_figures(document: Any) -> tuple[list[Figure], int]:
    """The document's comparable figures, and how many were left out for want of a date."""
    out: list[Figure] = []
    undated = 0
    # most documents have no figure with a comparable measure: then no scope need be worked out
    if not any(measure_key(q.measure) is not None for c in document.claims for q in c.quantities):
        return out, undated
    if not any(sc.comparable for sc in cached_scopes(document).values()):  # nor, mostly, a dated figure
        return out, undated
    published = parse_date(document.published)
    for claim, _i, q, sc in iter_figures(document):
        if not sc.comparable:  # most figures: tested first, as it is the cheapest test
            continue
        key = measure_key(q.measure)
        if key is None or not comparable_measure(key) or unit_key(q.unit) is not None:
            continue
        if sc.as_of is None:
            undated += 1
        lo, hi = interval(q.value, q.low, q.high, q.qualifier)
        s = claim.source
        out.append(Figure(
            key=key, unit=unit_key(q.unit), value=q.value, lo=lo, hi=hi, text=_text(q.text, q.qualifier),
            kind=sc.kind, since=sc.since, as_of=sc.as_of, place=sc.place, period=sc.period,
            source_id=s.id if s else None, source_name=s.name if s else _publisher(document),
            source_parent=s.parent if s else None, claim_id=claim.id, document=document.path,
            sha256=document.sha256, published=published, start=q.start, end=q.end, line=claim.line,
            period_kind=sc.period_kind))
    return out, undated


#: Events a figure must count to be compared: casualties and the events of military reports.
CASUALTY_EVENTS = frozenset(["killed", "injured", "casualties", "missing", "displaced", "detained", "evacuated"])
MILITARY_EVENTS = frozenset(["launched", "shot_down", "intercepted", "destroyed", "neutralised", "suppressed", "hit",
                             "lost", "damaged"])


def comparable_measure(key: str) -> bool:
    """Only counts of an event are compared: 'killed', 'children.killed', 'drones.shot_down', 'tanks.lost';
    not a bare noun ('oblasts', 'homes') nor a military event without its thing ('shot_down')."""
    pop, base = split_key(key)
    if base in CASUALTY_EVENTS:
        return True
    return base in MILITARY_EVENTS and bool(pop)


def period_words(f: Figure) -> str:
    """The period a figure was read as, in words with its dates."""
    k = f.period_kind or f.kind
    end = f.as_of.isoformat() if f.as_of else "date unknown"
    if f.kind == "cumulative":
        start = f"since {f.since.isoformat()}" if f.since else (f.period or "cumulative")
        return f"{start} as of {end}"
    if k == "night":
        return f"overnight to {end}"
    if k == "day":
        return f"over the day to {end}"
    if k in ("week", "days"):
        start = f.since.isoformat() if f.since else "?"
        return f"{start} to {end}"
    return f"on {end}"


def _publisher(document: Any) -> str:
    return f"{document.publisher} (unattributed)" if getattr(document, "publisher", None) else "unattributed"


def stored_figure(r: Any) -> Figure | None:
    if r.rate or r.as_of is None or not r.measure_key or getattr(r, "part", False):
        return None
    if not comparable_measure(r.measure_key) or unit_key(r.unit) is not None:
        return None
    lo, hi = interval(r.value, r.low, r.high, r.qualifier)
    return Figure(
        key=r.measure_key, unit=unit_key(r.unit), value=r.value, lo=lo, hi=hi, text=_text(r.text, r.qualifier),
        kind="cumulative" if r.cumulative else "point", since=r.since, as_of=r.as_of, place=r.place,
        period=r.period, source_id=r.source_id, source_name=r.source_name or "unattributed",
        source_parent=r.source_parent, claim_id=r.claim_id, document=r.document_path, sha256=r.document_sha256,
        published=r.published, stored=True, group=(r.document_id,),
        period_kind=getattr(r, "period_kind", None) or ("cumulative" if r.cumulative else None))


def derive_totals(figs: Iterable[Figure]) -> list[Figure]:
    """Casualties = killed + injured, for each source, document and period giving both parts but no total."""
    groups: dict[tuple, dict[str, Figure]] = defaultdict(dict)
    for f in figs:
        if not f.key.endswith(("killed", "injured")):
            continue   # only parts of a total are grouped
        g = (f.sha256, f.source_id, f.kind, f.since, f.as_of, (f.place or "").lower(), f.unit)
        groups[g].setdefault(f.key, f)
    out = []
    for g, by_key in groups.items():
        for key in {k for k in by_key}:
            pop, base = split_key(key)
            for total, parts in (("casualties", ("killed", "injured")),):
                if base not in parts:
                    continue
                tkey = f"{pop}.{total}" if pop else total
                comp = components(tkey)
                if tkey in by_key or not comp or not all(c in by_key for c in comp) or key != comp[-1]:
                    continue
                ps = [by_key[c] for c in comp]
                last = ps[-1]
                out.append(replace(
                    last, key=tkey, value=sum(p.value for p in ps), lo=sum(p.lo for p in ps),
                    hi=sum(p.hi for p in ps),
                    text=" + ".join(f"{p.text} {split_key(p.key)[1]}" for p in ps),
                    derived_from=[p.claim_id for p in ps]))
    return out


# -- comparisons ------------------------------------------------------------------------------

def _same_source(a: Figure, b: Figure) -> bool:
    if a.source_id is None or b.source_id is None:
        return False
    return a.source_id == b.source_id or a.source_id == b.source_parent or b.source_id == a.source_parent


def _places_agree(a: Figure, b: Figure) -> bool:
    """The same scope: both of the whole, or both of the same place (a direction is not the whole front)."""
    return (a.place or "").lower() == (b.place or "").lower()


def _starts_agree(a: Figure, b: Figure, conf: ConflictSettings) -> bool:
    sa_, sb = a.since or conf.default_start, b.since or conf.default_start
    return sa_ is None or sb is None or sa_ == sb


def same_period(a: Figure, b: Figure, conf: ConflictSettings, window: int = 0) -> bool:
    """Same measure, unit, kind and place, and: cumulative from the same start with as-of dates at most
    ``window`` days apart, or the same event date."""
    if a.key != b.key or a.unit != b.unit or a.kind != b.kind or not _places_agree(a, b):
        return False
    if a.kind != "cumulative" and (a.period_kind != b.period_kind or a.since != b.since):
        return False   # overnight is not the past day, a week is not a day
    if a.as_of is None or b.as_of is None:
        return a.as_of is None and b.as_of is None and a.sha256 == b.sha256 and a.period_kind is not None and (
            a.period_kind == b.period_kind) and (a.kind != "cumulative" or _starts_agree(a, b, conf))
    if a.kind == "cumulative":
        return _starts_agree(a, b, conf) and abs((a.as_of - b.as_of).days) <= window
    return a.as_of == b.as_of


def same_count(a: Figure, b: Figure) -> bool:
    """Casualties of a day, a night or a date are counts of incidents: two are the same count only
    for the same named place or from the same source (a strike 'on Monday' is not every strike)."""
    if split_key(a.key)[1] not in CASUALTY_EVENTS or a.kind == "cumulative":
        return True
    named = a.place is not None and not a.place.startswith("(") and a.place.lower() == (b.place or "").lower()
    return named or _same_source(a, b)


def disagree(a: Figure, b: Figure) -> bool:
    """Figures of the same measure and period that cannot both be right: disjoint on the same day; for running
    totals of different days, the later one below the earlier one (a higher later total is growth)."""
    if a.kind == "cumulative" and a.as_of and b.as_of and a.as_of != b.as_of:
        earlier, later = (a, b) if a.as_of < b.as_of else (b, a)
        return later.hi < earlier.lo
    return disjoint(a, b)


def disjoint(a: Figure, b: Figure) -> bool:
    return a.hi < b.lo or b.hi < a.lo


def _where(f: Figure) -> str:
    date = f.as_of.isoformat() if f.as_of else "undated"
    return f"{f.doc_name}, {date}"


def _why(*figs: Figure) -> str:
    """'; read as: A: killed, whole, since ... | B: ...' so a reviewer sees why they were compared."""
    seen = []
    for x in figs:
        r = x.reading()
        if r not in seen:
            seen.append(r)
    return " [read as " + ("; ".join(seen) if len(seen) > 1 else seen[0]) + "]"


def _fmt_period(f: Figure) -> str:
    if f.kind == "cumulative":
        if f.since:
            return f" since {f.since.isoformat()}"
        return f" {f.period}" if f.period else " (cumulative)"
    return f" on {f.as_of.isoformat()}" if f.as_of else ""


def _data(code: str, f: Figure, others: list[Figure], conf: ConflictSettings, count: int | None = None
          ) -> dict[str, Any]:
    o = others[0]

    def fig(x: Figure) -> dict[str, Any]:
        if x.described is None:
            x.described = full(x)
        return x.described

    def full(x: Figure) -> dict[str, Any]:
        return {"value": x.value, "low": None if x.lo == x.value and x.hi == x.value else x.lo,
                "high": None if math.isinf(x.hi) or (x.lo == x.value and x.hi == x.value) else x.hi,
                "text": x.text, "source": x.source_id, "source_name": x.source_name, "document": x.document,
                "sha256": x.sha256, "published": x.published.isoformat() if x.published else None,
                "as_of": x.as_of.isoformat() if x.as_of else None, "claim": x.claim_id,
                "derived_from": x.derived_from or None, "measure": x.key, "scope": x.place and "place",
                "place": x.place, "period": x.period_kind or x.kind,
                "period_start": x.since.isoformat() if x.since else None,
                "period_end": x.as_of.isoformat() if x.as_of else None, "period_text": x.period,
                "reading": x.reading()}

    def brief(x: Figure) -> dict[str, Any]:
        if x.briefed is None:
            x.briefed = {"value": x.value, "text": x.text, "claim": x.claim_id, "source": x.source_id,
                         "document": x.document, "as_of": x.as_of.isoformat() if x.as_of else None}
        return x.briefed

    return {
        "key": f"{code}:{f.text}:{f.key}:{o.source_id if code == 'conflict-sources' else o.sha256[:12]}",
        "measure": f.key, "kind": f.kind, "since": f.since.isoformat() if f.since else None,
        "period": f.period, "place": f.place,
        # the further figures in brief (their reading is the other's): a page of repeated figures
        # would otherwise hold every reading once per flag
        "figure": fig(f), "other": fig(o), "others": [brief(x) for x in others[1:conf.max_related]],
        "count": len(others) if count is None else count,
    }


def _flag(code: str, message: str, f: Figure, others: list[Figure], conf: ConflictSettings,
          count: int | None = None) -> Flag:
    """A conflict flag of ``f`` against ``others``; ``count`` when ``others`` are only the first of them
    (enough for the related claims and the figures listed)."""
    related = list(dict.fromkeys(
        [c for x in others for c in ([x.claim_id] + x.derived_from)] + [c for c in f.derived_from if c != f.claim_id]))
    return new_flag("conflict", code, message, Severity(conf.severity), claim_id=f.claim_id,
                    evidence=(f.start, f.end), related=related[:conf.max_related],
                    data=_data(code, f, others, conf, count))


def _more(n: int) -> str:
    return f" (and {n} more {'report' if n == 1 else 'reports'})" if n > 0 else ""


def _chronological(a: Figure, b: Figure) -> tuple[Figure, Figure]:
    if a.as_of and b.as_of and a.as_of != b.as_of:
        return (a, b) if a.as_of < b.as_of else (b, a)
    return (b, a) if b.stored and not a.stored else (a, b)


def _nearest(f: Figure, others: list[Figure]) -> list[Figure]:
    return sorted(others, key=lambda o: (abs((o.as_of - f.as_of).days) if o.as_of and f.as_of else 0, o.document))


def in_document(figs: list[Figure], conf: ConflictSettings) -> list[Flag]:
    """Two claims of one document giving different values for the same measure and period."""
    flags = []
    by_key: dict[tuple, list[Figure]] = defaultdict(list)
    for f in figs:
        if not f.derived_from:
            # same_period(window=0) needs equal kind and as-of date: bucket on them, pairs stay few
            by_key[(f.key, f.unit, f.kind, f.as_of)].append(f)
    for group in by_key.values():
        for clashing, count, b in _clashes(group, conf):
            a = clashing[0]
            msg = (f"{a.source_name} says {a.text} {describe(a.key)} (line {a.line}) but {b.source_name} says "
                   f"{b.text} (line {b.line}) for the same period{_fmt_period(b)}{_why(a, b)}")
            fl = _flag("conflict-in-document", msg, b, clashing, conf, count)
            fl.data["key"] = f"conflict-in-document:{b.text}:{a.claim_id}"
            flags.append(fl)
    return flags


def _clashes(group: list[Figure], conf: ConflictSettings) -> Iterator[tuple[list[Figure], int, Figure]]:
    """(the first earlier figures it clashes with, how many it clashes with, figure) for each figure of
    a group that clashes, in order; the first ones are all of them, or at least enough for a flag
    (``max_related`` figures of as many claims).

    A clash is ``disjoint``, of another claim, ``same_period`` and ``same_count``. The group shares
    measure, unit, kind and as-of date; what else ``same_period`` asks to be equal (place, and period
    and start or document where they count) splits it further, so that a figure is tested only
    against its equals, with only the tests that still differ per pair. Where no test differs per
    pair and every value is exact (a running figure repeated down a page), the clashes are counted
    and found through an index of the values instead of testing every earlier figure.
    """
    first = group[0]
    cumulative = first.kind == "cumulative"
    dated = first.as_of is not None
    counts_always = split_key(first.key)[1] not in CASUALTY_EVENTS or cumulative   # same_count is True
    subs: dict[tuple, _Equals] = {}
    for b in group:
        if not dated and b.period_kind is None:
            continue   # an undated figure without a period compares with nothing
        key = ((b.place or "").lower(), b.period_kind if not (cumulative and dated) else None,
               None if cumulative else b.since, None if dated else b.sha256)
        sub = subs.get(key)
        if sub is None:
            sub = subs[key] = _Equals(indexed=not cumulative)
        elif sub.indexed and b.lo == b.hi:
            found = sub.clashes(b, conf.max_related)
            if found is not None:
                yield found[0], found[1], b
        elif sub.members:
            cid, lo, hi = b.claim_id, b.lo, b.hi
            # same_count, knowing the places agree: always, or a named place, or the same source
            clashing = [a for a in sub.members if (a.hi < lo or hi < a.lo) and a.claim_id != cid
                        and (not cumulative or _starts_agree(a, b, conf))
                        and (counts_always or (a.place is not None and not a.place.startswith("("))
                             or _same_source(a, b))]
            if clashing:
                yield clashing, len(clashing), b
        sub.add(b, counts_always)


class _Equals:
    """The figures of one sub-group so far, in order, with an index of their values while every
    one is exact and clashes with any other of another value and claim."""

    __slots__ = ("members", "indexed", "at", "per_claim")

    def __init__(self, indexed: bool) -> None:
        self.members: list[Figure] = []
        self.indexed = indexed
        self.at: dict[float, list[int]] = {}             # value (lo = hi) -> positions in members
        self.per_claim: dict[str, list[float]] = {}      # claim id -> its values

    def add(self, f: Figure, counts_always: bool) -> None:
        if self.indexed and (f.lo != f.hi or not (counts_always or (f.place is not None and not f.place.startswith("(")))):
            self.indexed = False   # a range, or a count that clashes by source: test pair by pair from here
        if self.indexed:
            self.at.setdefault(f.lo, []).append(len(self.members))
            self.per_claim.setdefault(f.claim_id, []).append(f.lo)
        self.members.append(f)

    def clashes(self, b: Figure, enough: int) -> tuple[list[Figure], int] | None:
        """The clashes of exact ``b`` with the members: every member of another value and claim."""
        v, cid = b.lo, b.claim_id
        same_value = self.at.get(v, ())
        own = self.per_claim.get(cid, ())
        count = len(self.members) - len(same_value) - sum(1 for x in own if x != v)
        if count <= 0:
            return None
        out: list[Figure] = []
        claims: set[str] = set()
        i = 0
        while len(out) < count and (len(out) < enough or len(claims) < enough):
            i = _next_other(same_value, i)   # the first position from i on that holds another value
            a = self.members[i]
            if a.claim_id != cid:
                out.append(a)
                claims.add(a.claim_id)
            i += 1
        return out, count


def _next_other(taken: list[int] | tuple, i: int) -> int:
    """The smallest position ``p >= i`` not in the sorted ``taken``: when ``i`` is taken, the end of the
    run of consecutive taken positions it starts, found by binary search."""
    k = bisect_left(taken, i)
    if k == len(taken) or taken[k] != i:
        return i
    # taken[k:] starts with a run of consecutive positions from i: skip it
    lo, hi = k, len(taken) - 1
    while lo < hi:   # the last index of the run
        mid = (lo + hi + 1) // 2
        if taken[mid] - taken[k] == mid - k:
            lo = mid
        else:
            hi = mid - 1
    return taken[lo] + 1


def against_store(figs: list[Figure], rows: dict[str, list[Figure]], history: dict[str, list[Figure]],
                  conf: ConflictSettings) -> tuple[list[Flag], int]:
    """Flags from comparing this document's figures with stored ones, and the number corroborated."""
    flags: list[Flag] = []
    corroborated = 0
    w = conf.window_days
    for f in figs:
        if f.as_of is None:
            continue
        across: dict[str | None, list[Figure]] = defaultdict(list)
        reports: list[Figure] = []
        confirmed = False
        for o in rows.get(f.key, []):
            if f.derived_from and o.derived_from:
                continue
            if _same_source(f, o):
                if same_period(f, o, conf, 0):
                    if disjoint(f, o):
                        reports.append(o)
                    elif o.value == f.value:
                        confirmed = True
            elif same_period(f, o, conf, w) and same_count(f, o):
                if disagree(f, o):
                    across[o.source_id or o.source_name].append(o)
                elif o.value == f.value:
                    confirmed = True
        if confirmed and not f.derived_from:
            corroborated += 1
            f.group = ("confirmed",)
        if "sources" in conf.checks and across:
            groups = sorted((_nearest(f, others) for others in across.values()),
                            key=lambda g: (abs((g[0].as_of - f.as_of).days), g[0].source_name))
            shown, rest = groups[:conf.max_sources], groups[conf.max_sources:]
            for n, others in enumerate(shown):
                first, second = _chronological(f, others[0])
                msg = (f"{first.source_name} says {first.text} {describe(f.key)} ({_where(first)}) but "
                       f"{second.source_name} says {second.text} ({_where(second)}){_more(len(others) - 1)}"
                       f"{_why(first, second)}")
                if rest and n == len(shown) - 1:
                    msg += f"; {len(rest)} more source{'s' if len(rest) > 1 else ''} also disagree"
                fl = _flag("conflict-sources", msg, f, others, conf)
                if rest and n == len(shown) - 1:
                    fl.data["more_sources"] = [g[0].source_id or g[0].source_name for g in rest]
                flags.append(fl)
        if "reports" in conf.checks and reports:
            others = _nearest(f, reports)
            first, second = _chronological(f, others[0])
            msg = (f"{f.source_name} is reported as giving {first.text} {describe(f.key)}{_fmt_period(f)} "
                   f"({_where(first)}) and {second.text} ({_where(second)}){_more(len(others) - 1)}{_why(first, second)}")
            flags.append(_flag("conflict-reports", msg, f, others, conf))
        if "over-time" in conf.checks and f.kind == "cumulative" and f.source_id and not f.derived_from:
            fell = []
            for o in history.get(f.key, []):
                if not _same_source(f, o) or o.kind != "cumulative" or o.as_of == f.as_of:
                    continue
                if not (_starts_agree(f, o, conf) and _places_agree(f, o) and o.unit == f.unit):
                    continue
                earlier, later = (o, f) if o.as_of < f.as_of else (f, o)
                if earlier.lo > later.hi:
                    fell.append(o)
            if fell:
                others = _nearest(f, fell)
                earlier, later = (others[0], f) if others[0].as_of < f.as_of else (f, others[0])
                msg = (f"{f.source_name}'s count of {describe(f.key, noun=True)}{_fmt_period(f)} fell from "
                       f"{earlier.text} ({_where(earlier)}) to {later.text} ({_where(later)})"
                       f"{_more(len(others) - 1)}; a running total should not go down{_why(earlier, later)}")
                flags.append(_flag("conflict-over-time", msg, f, others, conf))
    return flags, corroborated


def _lookup(store: Any, document: Any, figs: list[Figure], conf: ConflictSettings
            ) -> tuple[dict[str, list[Figure]], dict[str, list[Figure]]]:
    """Stored figures near this document's, one windowed query per measure (plus one per measure for the
    sources' earlier and later reports). Derived totals are added for stored documents too."""
    window = dt.timedelta(days=conf.window_days)
    by_key: dict[str, list[Figure]] = defaultdict(list)
    for f in figs:
        if f.as_of is not None:
            by_key[f.key].append(f)
    # per measure: the range of as-of dates running totals may have, and the dates of dated figures
    wanted: dict[str, list] = {}

    def want(k: str, fs: list[Figure]) -> None:
        w = wanted.setdefault(k, [None, set()])
        for f in fs:
            if f.kind == "cumulative":
                lo, hi = f.as_of - window, f.as_of + window
                w[0] = (lo, hi) if w[0] is None else (min(w[0][0], lo), max(w[0][1], hi))
            else:
                w[1].add(f.as_of)

    for key, fs in by_key.items():
        for k in [key, *(components(key) or ())]:
            want(k, fs)
        # a total given here may be compared with parts given elsewhere, and parts with a total
        _pop, base = split_key(key)
        if base in ("killed", "injured"):
            tkey = f"{_pop}.casualties" if _pop else "casualties"
            for k in [tkey, *(components(tkey) or ())]:
                want(k, fs)
    rows: dict[str, list[Figure]] = defaultdict(list)
    near = getattr(store, "figures_near", None)
    for key, (cum, points) in sorted(wanted.items()):
        if near is not None:
            got = near(key, cumulative=cum, points=points, exclude_document=document.sha256, exclude_path=document.path)
        else:   # a store without the narrower lookup
            dates = [*points, *(cum or ())]
            got = store.quantities_for(key, start=min(dates), end=max(dates), exclude_document=document.sha256,
                                       exclude_path=document.path)
        for r in got:
            fig = stored_figure(r)
            if fig is not None:
                rows[fig.key].append(fig)
    for d in derive_totals([f for fs in list(rows.values()) for f in fs]):
        rows[d.key].append(d)
    history: dict[str, list[Figure]] = {}
    if "over-time" in conf.checks:
        for key, fs in sorted(by_key.items()):
            ids = {x for f in fs if f.kind == "cumulative" and f.source_id for x in (f.source_id, f.source_parent) if x}
            if not ids:
                continue
            got = store.quantities_for(key, sources=sorted(ids), cumulative=True, exclude_document=document.sha256,
                                       exclude_path=document.path)
            history[key] = [g for g in (stored_figure(r) for r in got) if g is not None]
    return rows, history


def same_claims(store: Any, document: Any, conf: ConflictSettings, confirmed: set[str]) -> tuple[list[Flag], int]:
    """Info flags linking each claim to the same claim in other documents (``claims.db.matching``), and the
    number of this document's figures they corroborate (not already counted)."""
    matches = store.similar_claims(document.claims, exclude_document=document.sha256, exclude_path=document.path,
                                   per_claim=conf.max_related)
    by_claim: dict[str, list[Any]] = defaultdict(list)
    for m in matches:
        by_claim[m.claim_id].append(m)
    flags = []
    extra = 0
    for claim in document.claims:
        ms = by_claim.get(claim.id)
        if not ms:
            continue
        if claim.quantities and claim.id not in confirmed:
            extra += len(claim.quantities)
        docs = list(dict.fromkeys(m.document for m in ms))
        first = ms[0]
        when = first.published.isoformat() if hasattr(first.published, "isoformat") else (first.published or "undated")
        name = re.split(r"[\\/]", first.document)[-1]
        figures = f" with the same figures ({', '.join(q.text for q in claim.quantities)})" if claim.quantities else ""
        msg = (f"the same claim{figures} is in {len(docs)} other document{'s' if len(docs) != 1 else ''}: "
               f"{name} ({when}, {first.source_name or 'unattributed'}): \"{first.text}\"")
        flags.append(Flag(
            checker="match", code="same-claim", severity=Severity.info, message=msg, claim_id=claim.id,
            evidence=Span(start=claim.start, end=claim.end), related=[m.other_id for m in ms][:conf.max_related],
            data={"key": "same-claim", "matches": [
                {"claim": m.other_id, "document": m.document, "sha256": m.sha256,
                 "published": m.published.isoformat() if hasattr(m.published, "isoformat") else m.published,
                 "source": m.source_id, "source_name": m.source_name, "text": m.text, "score": round(m.score, 1)}
                for m in ms[:conf.max_related]]}))
    return flags, extra


@hookimpl
def check_document(document, store, settings):
    conf = _settings(settings)
    figs, undated = document_figures(document)
    flags: list[Flag] = []
    if "in-document" in conf.checks:
        flags += in_document(figs, conf)
    corroborated = 0
    if store is not None and hasattr(store, "quantities_for") and figs:
        dated = [f for f in figs if f.as_of is not None]
        current = dated + derive_totals(dated)
        rows, history = _lookup(store, document, current, conf)
        found, corroborated = against_store(current, rows, history, conf)
        flags += found
        if undated and document.published is None:
            flags.append(Flag(
                checker="conflict", code="conflict-no-date", severity=Severity.info,
                message=(f"publication date unknown: {undated} cumulative "
                         f"figure{'s' if undated != 1 else ''} not compared with other reports (give --published)"),
                data={"figures": undated}))
    if store is not None and "same-claim" in conf.checks and hasattr(store, "similar_claims"):
        confirmed = {f.claim_id for f in figs if f.group == ("confirmed",)}
        same, extra = same_claims(store, document, conf, confirmed)
        flags += same
        corroborated += extra
    document.state("conflict")["corroborated"] = corroborated
    return flags


@hookimpl
def summarize_document(document, settings):
    state = document.state("conflict")
    return {"corroborated": state["corroborated"]} if "corroborated" in state else None
