"""Review reports: documents rebuilt from the store with their decisions, and the figures every format states."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Iterable, Mapping

from pydantic import BaseModel, Field

from .models import Claim, Document, Report
from .review import CLAIM_STATUSES, ReviewError, _all_flags, _now



class DecisionRecord(BaseModel):
    """One review decision as reports show it: about a claim or flag of a reported document."""

    id: int
    target_kind: str = Field(description="'claim' or 'flag'")
    target_id: str
    claim_id: str | None = Field(None, description="The claim the decision is about (a flag's claim).")
    document_sha256: str = Field(description="The reported document the claim or flag belongs to.")
    status: str
    reason: str | None = None
    note: str | None = None
    reviewer: str | None = None
    decided_at: dt.datetime
    action: str | None = Field(None, description="None for a decision; 'note' (the status kept), 'undo' or 'reopen'.")
    reverts: int | None = Field(None, description="The decision an undo reverts.")

    @property
    def label(self) -> str:
        """What reports show in the decision column: the status, or 'note' / 'undo: status' / 'reopened'."""
        if self.action == "note":
            return "note"
        if self.action == "undo":
            return f"undo: {self.status}"
        if self.action == "reopen":
            return "reopened"
        return self.status


class ReviewReport(Report):
    """A :class:`claims.Report` rebuilt from the store, with the review decisions of its documents."""

    generated_at: dt.datetime = Field(default_factory=_now)
    decisions: list[DecisionRecord] = Field(default_factory=list)


def select_documents(reader: Any, refs: Iterable[str] = (), *, since: str | None = None, source: str | None = None,
                     checker: str | None = None, flagged: bool = False) -> list[Any]:
    """The documents a report covers: each ``ref`` (path, file name, sha256 prefix; its newest version
    unless a sha256 names an older one), else every current document; narrowed by the filters
    (published on or after ``since``; with a claim of ``source``; with an open flag, of ``checker``)."""
    chosen: list[Any] = []
    for ref in refs:
        found = reader.find_documents(ref)
        if not found:
            raise ReviewError(f"no document {ref!r} in store {reader.url}")
        exact = [d for d in found if d.sha256.startswith(ref)]
        current = [d for d in found if d.superseded_by is None]
        pick = exact[0] if exact else (current or found)[0]
        if pick.id not in {d.id for d in chosen}:
            chosen.append(pick)
    if not refs:
        chosen = reader.documents(include_superseded=False)
    if since or source or checker or flagged:
        from claims.db import StoreError
        try:
            keep = {d.id for d in reader.documents_with_claims(source=source, checker=checker, since=since,
                                                               flagged=flagged, include_superseded=True)}
        except StoreError as exc:
            raise ReviewError(str(exc).split(": ", 1)[-1]) from None
        chosen = [d for d in chosen if d.id in keep]
    return chosen


def build_report(reader: Any, documents: Iterable[Any]) -> ReviewReport:
    """Rebuild each stored document (text, claims, flags, current statuses) with its decisions."""
    from .pipeline import Pipeline

    report = ReviewReport()
    for info in documents:
        doc = reader.load_document(info)
        if doc is None:
            continue
        Pipeline.summarize(doc)  # flag counts as decided now (flags raised by later checks included)
        owner = {c.id: c.id for c in doc.claims}
        for f in _all_flags(doc):
            owner[f.id] = f.claim_id
        decisions = reader.decisions_for(list(owner), doc.sha256)
        latest_reason: dict[str, str | None] = {}
        current: dict[str, str] = {}
        for d in decisions:
            action = getattr(d, "action", None)
            before = current.get(d.target_id, "unreviewed" if d.target_kind == "claim" else "open")
            if action is None and d.note and d.status == before:
                action = "note"  # recorded before revision 0005: a note keeps the status it had
            current[d.target_id] = d.status
            report.decisions.append(DecisionRecord(
                id=d.id, target_kind=d.target_kind, target_id=d.target_id, claim_id=owner.get(d.target_id),
                document_sha256=doc.sha256, status=d.status, reason=d.reason, note=d.note, reviewer=d.reviewer,
                decided_at=d.decided_at, action=action, reverts=getattr(d, "reverts", None)))
            latest_reason[d.target_id] = d.reason
        for f in _all_flags(doc):
            if f.status == "dismissed" and latest_reason.get(f.id):
                f.data["dismiss_reason"] = latest_reason[f.id]  # what SARIF's suppression justification shows
        report.documents.append(doc)
    return report


def decisions_of(report: Report) -> dict[tuple[str, str], list[DecisionRecord]]:
    """Decisions of a report by (document sha256, claim or flag id), oldest first; empty for a plain
    ``claims check`` report (it has statuses but no decision history)."""
    out: dict[tuple[str, str], list[DecisionRecord]] = {}
    for d in getattr(report, "decisions", None) or []:
        out.setdefault((d.document_sha256, d.target_id), []).append(d)
    return out


def latest_verdict(history: list[DecisionRecord]) -> DecisionRecord | None:
    """The decision that set a claim's current verdict (notes added later keep it)."""
    if not history:
        return None
    current = history[-1].status
    verdict = history[-1]
    for d in reversed(history):
        if d.status != current:
            break
        verdict = d
    return verdict


def by_source(doc: Document) -> list[tuple[str, str, list[Claim]]]:
    """The document's claims grouped by source: (source id, name, claims in document order), the
    sources in order of first appearance and the publisher's own (unattributed) claims last."""
    groups: dict[str, tuple[str, list[Claim]]] = {}
    for c in doc.claims:
        key, name = (c.source.id, c.source.name) if c.source else ("", "")
        groups.setdefault(key, (name, []))[1].append(c)
    out = [(k, name, cl) for k, (name, cl) in groups.items() if k]
    if "" in groups:
        out.append(("", publisher_label(doc), groups[""][1]))
    return out


def publisher_label(doc: Document) -> str:
    return f"{doc.publisher} (publisher, unattributed)" if doc.publisher else "The publisher (unattributed)"


@dataclass
class Figures:
    """A document's summary as reports state it."""

    claims: int
    attributed: int
    sources: int
    hedged: int
    numbers: int
    relations_found: int
    relations_checked: int
    relations_consistent: int
    conflicts: int
    conflicts_dismissed: int
    corroborated: int
    open_flags: dict[str, int]
    dismissed: int
    confirmed: int
    decisions: int
    verdicts: dict[str, int]

    def lines(self) -> list[tuple[str, str]]:
        """(label, text) pairs, the same in every report format."""
        order = {"error": 0, "warning": 1, "info": 2}
        flags = ", ".join(f"{n} {sev}" for sev, n in sorted(self.open_flags.items(),
                                                            key=lambda x: (order.get(x[0], 3), x[0]))) or "none"
        verdicts = ", ".join(f"{n} {CLAIM_STATUSES[k].label.lower() if k in CLAIM_STATUSES else k}"
                             for k, n in self.verdicts.items())
        flag_part = ", ".join(x for x in (f"{self.dismissed} flag{'s' if self.dismissed != 1 else ''} dismissed"
                                          if self.dismissed else "",
                                          f"{self.confirmed} confirmed" if self.confirmed else "") if x)
        decided = "; ".join(x for x in (verdicts, flag_part) if x)
        return [
            ("Claims", f"{self.claims}, {self.attributed} attributed to {self.sources} "
                       f"source{'s' if self.sources != 1 else ''}"),
            ("Hedged", f"{self.hedged} claim{'s' if self.hedged != 1 else ''}"),
            ("Numbers", str(self.numbers)),
            ("Arithmetic", f"{self.relations_found} relation{'s' if self.relations_found != 1 else ''} found, "
                           f"{self.relations_checked} checked, {self.relations_consistent} consistent"),
            ("Conflicts", f"{self.conflicts}"
                          + (f" (and {self.conflicts_dismissed} dismissed)" if self.conflicts_dismissed else "")
                          + f"; {self.corroborated} figure{'s' if self.corroborated != 1 else ''} "
                            f"corroborated by other reports"),
            ("Open flags", flags),
            ("Decisions", f"{self.decisions}" + (f": {decided}" if decided else "")),
        ]


def figures(doc: Document, history: Mapping[tuple[str, str], list[Any]] | None = None) -> Figures:
    s = doc.summary
    rel = s.relations or {}
    flags = _all_flags(doc)
    conflicts = [f for f in flags if f.checker == "conflict" and f.severity.rank > 0]  # as Summary.conflicts
    verdicts: dict[str, int] = {}
    for name in CLAIM_STATUSES:
        n = sum(1 for c in doc.claims if c.status == name)
        if n and name != "unreviewed":
            verdicts[name] = n
    ndec = sum(len(v) for (sha, _), v in (history or {}).items() if sha == doc.sha256)
    return Figures(
        claims=s.claims or len(doc.claims), attributed=s.attributed, sources=s.sources, hedged=s.hedged,
        numbers=s.quantities, relations_found=rel.get("found", 0), relations_checked=rel.get("checked", 0),
        relations_consistent=rel.get("consistent", 0),
        conflicts=sum(1 for f in conflicts if f.status != "dismissed"),
        conflicts_dismissed=sum(1 for f in conflicts if f.status == "dismissed"), corroborated=s.corroborated,
        open_flags={k: v for k, v in s.flags.items() if v},
        dismissed=sum(1 for f in flags if f.status == "dismissed"),
        confirmed=sum(1 for f in flags if f.status == "confirmed"),
        decisions=ndec, verdicts=verdicts)


def fmt_time(value: dt.datetime | None) -> str:
    if value is None:
        return ""
    return value.astimezone(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
