"""What the pages show, built from the store: the queue, a claim, a document, a measure's chart.

Plain data (dicts, lists, tuples of text and CSS classes) for the Jinja templates, which escape
every piece of text; nothing here writes HTML.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from claims.review import CLAIM_STATUSES, PENDING, ReviewError, check_severity, is_pending

SEV_RANK = {"info": 0, "warning": 1, "error": 2}
QUEUE_STATUSES = ("pending", "decided", "all")


def status_label(status: str | None) -> str:
    s = CLAIM_STATUSES.get(status or "unreviewed")
    return s.label if s else (status or "")


def rank(claim: Any, open_only: bool = True) -> int:
    return max((f.severity.rank for f in claim.flags if not open_only or f.status != "dismissed"), default=-1)


@dataclass
class Filters:
    source: str = ""
    checker: str = ""
    severity: str = ""
    status: str = "pending"
    document: str = ""

    @classmethod
    def from_query(cls, q: Any) -> "Filters":
        f = cls(**{k: (q.get(k) or "").strip() for k in ("source", "checker", "severity", "document")},
                status=(q.get("status") or "pending").strip())
        check_severity(f.severity or None)  # ReviewError when unknown
        if f.status not in QUEUE_STATUSES and f.status not in CLAIM_STATUSES:
            raise ReviewError(f"invalid status {f.status!r} (pending, decided, all or a claim status)")
        return f

    def query(self) -> dict[str, str]:
        return {k: v for k, v in self.__dict__.items() if v and not (k == "status" and v == "pending")}


def queue(reader: Any, f: Filters, limit: int = 500) -> list[dict[str, Any]]:
    """Flagged claims of current documents matching the filters, most severe first, then in document order."""
    if f.document and not reader.find_documents(f.document):
        raise ReviewError(f"no document {f.document!r}")
    found = reader.claims(flagged=f.status == "pending", document=f.document or None, source=f.source or None,
                          checker=f.checker or None)
    floor = check_severity(f.severity or None)
    rows = []
    for s in found:
        c = s.claim
        if s.document.superseded_by is not None or not c.flags:
            continue
        pending = is_pending(c)
        if f.status == "pending" and not pending:
            continue
        if f.status == "decided" and (c.status in PENDING):
            continue
        if f.status in CLAIM_STATUSES and (c.status or "unreviewed") != f.status:
            continue
        open_only = f.status == "pending"
        if f.checker and not any(fl.checker == f.checker for fl in c.flags):
            continue
        r = rank(c, open_only)
        if floor is not None and r < floor:
            continue
        rows.append({"stored": s, "rank": r, "severity": ("info", "warning", "error")[r] if r >= 0 else "",
                     "status": c.status or "unreviewed", "label": status_label(c.status), "pending": pending,
                     "flags": [fl for fl in c.flags if fl.status != "dismissed"] or c.flags})
    rows.sort(key=lambda x: (-x["rank"], x["stored"].document.id, x["stored"].claim.start))
    return rows[:limit]


def filter_options(reader: Any) -> dict[str, list[tuple[str, str]]]:
    """Choices of the queue's filters: sources, checkers, documents with flags."""
    from claims.db.store import D, F
    import sqlalchemy as sa

    checkers = sorted({r[0] for r in reader._rows(sa.select(F.c.checker).distinct())})
    docs = reader._rows(sa.select(D.c.id, D.c.path, D.c.title).where(D.c.superseded_by.is_(None)).order_by(D.c.id))
    return {
        "source": [(s.id, s.name) for s in reader.sources() if s.claims],
        "checker": [(c, c) for c in checkers],
        "document": [(p, t or p.rsplit("/", 1)[-1]) for _i, p, t in docs],
    }


def marked(text: str, base: int, marks: list[tuple[int, int, str]]) -> list[tuple[str, str]]:
    """``text`` (starting at document offset ``base``) cut into (piece, css classes) by ``marks``
    (document offsets, a class each); overlapping marks give a piece both classes."""
    cuts = {0, len(text)}
    for s, t, _ in marks:
        for x in (s - base, t - base):
            if 0 <= x <= len(text):
                cuts.add(x)
    pts = sorted(cuts)
    out = []
    for a, b in zip(pts, pts[1:]):
        if a == b:
            continue
        classes = sorted({cls for s, t, cls in marks if s - base <= a and b <= t - base})
        out.append((text[a:b], " ".join(classes)))
    return out


def claim_marks(c: Any) -> list[tuple[int, int, str]]:
    marks = []
    if c.source is not None and c.source.mention_start is not None and c.source.mention_end is not None:
        marks.append((c.source.mention_start, c.source.mention_end, "mention"))
    marks += [(q.start, q.end, "number") for q in c.quantities]
    marks += [(h.start, h.end, "hedge") for h in c.hedges]
    return marks


def claim_page(reader: Any, claim_id: str, window: int = 7) -> dict[str, Any] | None:
    stored = reader.claim(claim_id)
    if stored is None or stored.claim.id != claim_id:
        return None
    c = stored.claim
    paragraph, offset = reader.paragraph(stored)
    marks = claim_marks(c) + [(c.start, c.end, "claim")]
    flags = []
    for f in c.flags:
        evidence = ""
        if f.evidence is not None and offset <= f.evidence.start <= f.evidence.end <= offset + len(paragraph):
            evidence = paragraph[f.evidence.start - offset:f.evidence.end - offset]
        flags.append({"flag": f, "evidence": evidence, "status": f.status or "open"})
    ids = [c.id] + [f.id for f in c.flags]
    history = reader.decisions_for(ids, stored.document.sha256)
    undoable = {}
    for d in history:  # the newest entry per claim or flag is the one an undo reverts
        undoable[(d.target_id, d.document_sha256)] = d.id
    return {
        "stored": stored, "claim": c, "document": stored.document,
        "paragraph": marked(paragraph, offset, marks),
        "flags": flags, "related": reader.related(c.id, window)[:20],
        "history": list(reversed(history)), "undoable": set(undoable.values()),
        "status": c.status or "unreviewed", "label": status_label(c.status),
        "quantities": reader.quantities_of(c.id),
    }


def document_page(reader: Any, doc_id: int) -> dict[str, Any] | None:
    info = next(iter(reader.find_documents(doc_id)), None)
    if info is None:
        return None
    doc = reader.load_document(info)
    text = doc.text or ""
    paragraphs = []
    spans = sorted((p.start, p.end) for p in doc.paragraphs if 0 <= p.start <= p.end <= len(text)) or (
        [(0, len(text))] if text else [])
    for start, end in spans:
        pieces: list[dict[str, Any]] = []
        pos = start
        for c in doc.claims:
            if c.start < pos or c.start >= end:
                continue
            if c.start > pos:
                pieces.append({"text": text[pos:c.start]})
            flagged = any(f.status != "dismissed" for f in c.flags)
            sev = ("info", "warning", "error")[rank(c)] if flagged else ""
            pieces.append({"claim": c, "parts": marked(text[c.start:c.end], c.start, claim_marks(c)),
                           "severity": sev, "status": c.status or "unreviewed"})
            pos = c.end
        if pos < end:
            pieces.append({"text": text[pos:end]})
        paragraphs.append(pieces)
    url = getattr(doc, "canonical_url", None) or getattr(doc, "url", None)
    return {"info": info, "doc": doc, "paragraphs": paragraphs,
            "url": url if isinstance(url, str) and url.lower().startswith(("http://", "https://")) else None,
            "flagged": sum(1 for c in doc.claims if any(f.status != "dismissed" for f in c.flags))}


# -- the chart ----------------------------------------------------------------------------------

PALETTE = ("#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2", "#17becf")


@dataclass
class Chart:
    """A measure's figures over time as SVG coordinates (the template draws them)."""

    width: int = 760
    height: int = 320
    pad: int = 48
    series: list[dict[str, Any]] = field(default_factory=list)
    x_ticks: list[tuple[float, str]] = field(default_factory=list)
    y_ticks: list[tuple[float, str]] = field(default_factory=list)
    points: int = 0


def _num(v: float) -> str:
    return f"{v:,.0f}" if abs(v) >= 10 or v == int(v) else f"{v:,.2f}"


def chart(figures: list[Any]) -> Chart:
    """One series per source: (x, y) per dated figure, with axis ticks; empty without dated figures."""
    ch = Chart()
    pts = [(q.as_of or q.published, q) for q in figures if (q.as_of or q.published)]
    if not pts:
        return ch
    days = [d.toordinal() for d, _ in pts]
    values = [q.value for _, q in pts]
    d0, d1 = min(days), max(days)
    v0, v1 = min(0.0, min(values)), max(values)
    if d1 == d0:
        d0, d1 = d0 - 1, d1 + 1
    if v1 == v0:
        v1 = v0 + 1
    w, h, p = ch.width, ch.height, ch.pad

    def x(day: int) -> float:
        return round(p + (day - d0) / (d1 - d0) * (w - 2 * p), 1)

    def y(v: float) -> float:
        return round(h - p - (v - v0) / (v1 - v0) * (h - 2 * p), 1)

    by_source: dict[str, list[tuple[dt.date, Any]]] = {}
    for d, q in pts:
        by_source.setdefault(q.source_name or "unattributed", []).append((d, q))
    for n, (name, items) in enumerate(sorted(by_source.items(), key=lambda kv: kv[0].lower())):
        items.sort(key=lambda dq: (dq[0], dq[1].id))
        coords = [{"x": x(d.toordinal()), "y": y(q.value), "label": f"{d.isoformat()}: {q.text} ({name}, "
                   f"{q.document_name})", "claim_id": q.claim_id} for d, q in items]
        ch.series.append({"name": name, "colour": PALETTE[n % len(PALETTE)], "points": coords,
                          "path": " ".join(f"{c['x']},{c['y']}" for c in coords)})
    ch.points = len(pts)
    for i in range(5):
        v = v0 + (v1 - v0) * i / 4
        ch.y_ticks.append((y(v), _num(v)))
    for i in range(5):
        day = round(d0 + (d1 - d0) * i / 4)
        ch.x_ticks.append((x(day), dt.date.fromordinal(day).isoformat()))
    return ch
