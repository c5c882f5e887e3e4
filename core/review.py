"""Reviewing flagged claims: statuses, decisions, import and export, reports, the interactive loop.

A reviewer gives a **claim** a status (:data:`CLAIM_STATUSES`) and a **flag** a verdict
(``confirmed`` or ``dismissed`` with a reason). Each decision is a row of the store's
``decisions`` table with its reviewer, time and note; rows are only ever added, the newest
one applies (``claims.db.Store.apply_decisions``), so ``claims check`` shows a dismissed flag
as dismissed every time the same text is checked again.

Usable from Python without the command line::

    from claims.db import open_store
    from claims import review

    store = open_store("claims.db")
    review.set_status(store, "c_81462bf3", "verified", reviewer="ann", note="matches the OHCHR release")
    review.dismiss_flag(store, "f_46242aa3", reason="the hedge is the source's own", reviewer="ann")
    report = review.build_report(store.reader(), review.select_documents(store.reader(), ["bulletin.txt"]))

``claims review`` and ``claims report`` (``claims.plugins.review_commands``,
``claims.plugins.report_commands``) are thin commands over these functions.
"""

from __future__ import annotations

import datetime as dt
import getpass
import json
import os
import sys
from dataclasses import dataclass, field
from typing import Any, Iterable, Mapping, TextIO

from pydantic import BaseModel, Field

from .models import Claim, Document, Flag, Report

# -- statuses -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Status:
    """A claim status and how it reads elsewhere.

    :ivar rating: ``reviewRating.ratingValue`` on the 1 (false) to 5 (true) scale of
        schema.org ClaimReview; None when the status is a verdict with no place on that
        scale (unverifiable) or not a verdict at all.
    :ivar verdict: True when the claim has been rated (exported as ClaimReview).
    :ivar desk: what fact-checking desks commonly call it.
    :ivar key: the key that sets it in the interactive review.
    """

    name: str
    label: str
    description: str
    verdict: bool = False
    rating: int | None = None
    desk: str = ""
    key: str | None = None


CLAIM_STATUSES: dict[str, Status] = {s.name: s for s in (
    Status("unreviewed", "Unreviewed", "nobody has looked at it yet (the default)",
           desk="to check, in the queue"),
    Status("in_progress", "In progress", "a reviewer is checking it", desk="being checked, assigned", key="p"),
    Status("verified", "Verified", "the claim is accurate as stated", verdict=True, rating=5,
           desk="True, Correct, Accurate", key="v"),
    Status("false", "False", "the claim is inaccurate", verdict=True, rating=1,
           desk="False, Incorrect, Pants on Fire, Fake", key="f"),
    Status("misleading", "Misleading", "accurate in part, or true but framed to mislead", verdict=True, rating=2,
           desk="Misleading, Missing context, Half true, Mostly false, Mixture", key="m"),
    Status("unverifiable", "Unverifiable", "cannot be confirmed or refuted with the evidence available",
           verdict=True, rating=None, desk="Unproven, Unsubstantiated, No evidence, Unverified", key="u"),
    Status("not_applicable", "Not applicable", "not a checkable claim (opinion, prediction, boilerplate)",
           desk="Not checkable, Opinion, Not a claim", key="x"),
)}

#: Verdicts on a flag. ``dismissed`` needs a reason; it hides the flag from ``--fail-on`` and counts.
FLAG_STATUSES: dict[str, str] = {
    "confirmed": "the checker is right: the problem is real",
    "dismissed": "the checker is wrong here or it does not matter (a reason is required)",
}

#: ClaimReview ``reviewRating`` scale.
BEST_RATING, WORST_RATING = 5, 1

#: Claim statuses that still need a reviewer (the interactive review's queue).
PENDING = (None, "", "unreviewed", "in_progress")


class ReviewError(Exception):
    """A decision that cannot be made: unknown id, invalid status, missing reason. Nothing was written."""


def check_claim_status(status: str) -> str:
    s = (status or "").strip().lower().replace("-", "_").replace(" ", "_")
    if s not in CLAIM_STATUSES:
        raise ReviewError(f"invalid claim status {status!r} (one of: {', '.join(CLAIM_STATUSES)})")
    return s


def check_flag_status(status: str) -> str:
    s = (status or "").strip().lower()
    if s not in FLAG_STATUSES:
        raise ReviewError(f"invalid flag status {status!r} (one of: {', '.join(FLAG_STATUSES)})")
    return s


def default_reviewer(explicit: str | None = None, settings: Any = None) -> str:
    """``--reviewer``, else ``CLAIMS_REVIEWER``, else ``reviewer`` in the configuration, else the OS user."""
    for value in (explicit, os.environ.get("CLAIMS_REVIEWER"),
                  settings.value("reviewer") if settings is not None else None):
        if value and str(value).strip():
            return str(value).strip()
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - no user name in some containers
        return "unknown"


# -- single decisions -----------------------------------------------------------------------------


@dataclass
class Made:
    """A decision just recorded."""

    id: int
    target_id: str
    status: str
    reviewer: str
    note: str | None = None
    reason: str | None = None
    document: str | None = None
    action: str = "decision"  # or "note": a note that keeps the status

    def describe(self) -> str:
        if self.action == "note":
            return f"note on {self.target_id} by {self.reviewer}: {self.note}"
        what = f"{self.target_id} {self.status}"
        if self.reason:
            what += f" ({self.reason})"
        what += f" by {self.reviewer}"
        if self.note:
            what += f": {self.note}"
        return what


def _clean(text: str | None) -> str | None:
    text = (text or "").strip()
    return text or None


def find_claim(reader: Any, ref: str) -> Any:
    """The stored claim with id (or unambiguous prefix) ``ref``; ReviewError when there is none."""
    from claims.db import StoreError
    if (ref or "").startswith("f_"):
        raise ReviewError(f"{ref} is a flag id: use claims review dismiss or confirm")
    try:
        stored = reader.claim(ref)
    except StoreError as exc:
        raise ReviewError(str(exc).split(": ", 1)[-1]) from None
    if stored is None:
        raise ReviewError(f"no claim {ref!r} in store {reader.url}")
    return stored


def find_flag(reader: Any, ref: str, document: str | None = None) -> Any:
    """The stored flag ``ref`` (``StoredFlag``); a document-level flag raised on several documents
    needs ``document`` (path, file name or sha256 prefix) to say which."""
    from claims.db import StoreError
    if (ref or "").startswith("c_"):
        raise ReviewError(f"{ref} is a claim id: use claims review set CLAIM_ID --status ...")
    try:
        found = reader.find_flags(ref)
    except StoreError as exc:
        raise ReviewError(str(exc).split(": ", 1)[-1]) from None
    if document is not None:
        ids = {d.id for d in reader.find_documents(document)}
        found = [f for f in found if f.document.id in ids]
        if not found:
            raise ReviewError(f"no flag {ref!r} on document {document!r} in store {reader.url}")
    if not found:
        raise ReviewError(f"no flag {ref!r} in store {reader.url}")
    current = [f for f in found if f.document.superseded_by is None] or found
    if len(current) > 1:
        names = ", ".join(f.document.name for f in current[:5])
        raise ReviewError(f"flag {found[0].flag.id} is on {len(current)} documents ({names}): give --document")
    return current[0]


def set_status(store: Any, claim_ref: str, status: str, *, reviewer: str, note: str | None = None,
               decided_at: dt.datetime | None = None) -> Made:
    """Give a claim a status (see :data:`CLAIM_STATUSES`); saved at once, in its own transaction."""
    status = check_claim_status(status)
    stored = find_claim(store.reader(), claim_ref)
    note = _clean(note)
    new_id = store.record_decision(stored.claim.id, status, reviewer=reviewer, note=note, decided_at=decided_at)
    return Made(new_id, stored.claim.id, status, reviewer, note=note, document=stored.document.path)


def dismiss_flag(store: Any, flag_ref: str, *, reason: str, reviewer: str, note: str | None = None,
                 document: str | None = None, decided_at: dt.datetime | None = None) -> Made:
    """Dismiss a flag with a reason: it stays dismissed whenever the same text is checked again."""
    reason = _clean(reason)
    if not reason:
        raise ReviewError("dismissing a flag needs a reason (--reason)")
    return _flag_decision(store, flag_ref, "dismissed", reviewer=reviewer, note=note, reason=reason,
                          document=document, decided_at=decided_at)


def confirm_flag(store: Any, flag_ref: str, *, reviewer: str, note: str | None = None,
                 document: str | None = None, decided_at: dt.datetime | None = None) -> Made:
    """Confirm a flag (the checker is right); also undoes an earlier dismissal."""
    return _flag_decision(store, flag_ref, "confirmed", reviewer=reviewer, note=note, document=document,
                          decided_at=decided_at)


def _flag_decision(store: Any, flag_ref: str, status: str, *, reviewer: str, note: str | None,
                   reason: str | None = None, document: str | None = None,
                   decided_at: dt.datetime | None = None) -> Made:
    sf = find_flag(store.reader(), flag_ref, document)
    note = _clean(note)
    scope = sf.document.sha256 if sf.flag.claim_id is None else None
    new_id = store.record_decision(sf.flag.id, status, reviewer=reviewer, note=note, reason=reason,
                                   document_sha256=scope, decided_at=decided_at)
    return Made(new_id, sf.flag.id, status, reviewer, note=note, reason=reason, document=sf.document.path)


def add_note(store: Any, ref: str, note: str, *, reviewer: str, document: str | None = None) -> Made:
    """A note on a claim or flag; recorded as a decision that keeps its current status."""
    note = _clean(note)
    if not note:
        raise ReviewError("the note is empty")
    reader = store.reader()
    if ref.startswith("f_"):
        sf = find_flag(reader, ref, document)
        if not sf.flag.status:
            raise ReviewError(f"flag {sf.flag.id} has no verdict yet: confirm or dismiss it with --note")
        scope = sf.document.sha256 if sf.flag.claim_id is None else None
        new_id = store.record_decision(sf.flag.id, sf.flag.status, reviewer=reviewer, note=note,
                                       reason=_latest_reason(reader, sf.flag.id), document_sha256=scope)
        return Made(new_id, sf.flag.id, sf.flag.status, reviewer, note=note, document=sf.document.path, action="note")
    stored = find_claim(reader, ref)
    status = stored.claim.status or "unreviewed"
    new_id = store.record_decision(stored.claim.id, status, reviewer=reviewer, note=note)
    return Made(new_id, stored.claim.id, status, reviewer, note=note, document=stored.document.path, action="note")


def _latest_reason(reader: Any, target_id: str) -> str | None:
    history = reader.decisions(target_id)
    return history[-1].reason if history else None


# -- import and export ----------------------------------------------------------------------------

EXPORT_VERSION = 1
_ENTRY_KEYS = {"id", "kind", "status", "reason", "note", "reviewer", "decided_at", "document_sha256",
               "document", "text"}


@dataclass
class ImportResult:
    imported: int = 0
    skipped: int = 0  # already recorded (same target, status, reviewer, time, reason, note)
    ids: list[int] = field(default_factory=list)


def _parse_time(value: Any) -> dt.datetime:
    if isinstance(value, dt.datetime):
        when = value
    else:
        when = dt.datetime.fromisoformat(str(value).strip().replace("Z", "+00:00"))
    return when.replace(tzinfo=dt.timezone.utc) if when.tzinfo is None else when.astimezone(dt.timezone.utc)


def _time_key(value: dt.datetime) -> str:
    return value.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%f")


def validate_decisions(reader: Any, data: Any, *, reviewer: str) -> tuple[list[dict[str, Any]], list[str]]:
    """Check every entry of an import (``{"decisions": [...]}`` or a list) against the store.

    Returns (decisions ready for ``Store.record_decisions``, problems); each problem names its
    entry. Nothing is written here.
    """
    from claims.db import StoreError

    entries = data.get("decisions") if isinstance(data, Mapping) else data
    if not isinstance(entries, list):
        return [], ['expected a list of decisions or {"decisions": [...]}']
    out: list[dict[str, Any]] = []
    problems: list[str] = []
    claim_ids = {s.claim.id for s in reader.claims_by_id([e.get("id") for e in entries
                                                          if isinstance(e, Mapping) and isinstance(e.get("id"), str)
                                                          and e["id"].startswith("c_")])}
    for n, e in enumerate(entries, 1):
        where = f"entry {n}"
        if not isinstance(e, Mapping):
            problems.append(f"{where}: expected an object, got {type(e).__name__}")
            continue
        target = e.get("id")
        where += f" ({target})" if target else ""
        unknown = sorted(set(e) - _ENTRY_KEYS)
        if unknown:
            problems.append(f"{where}: unknown field(s) {', '.join(unknown)} (known: {', '.join(sorted(_ENTRY_KEYS))})")
            continue
        if not isinstance(target, str) or not target.startswith(("c_", "f_")):
            problems.append(f"{where}: 'id' must be a claim id (c_...) or a flag id (f_...)")
            continue
        wrong = [k for k in ("status", "reason", "note", "reviewer", "document_sha256")
                 if e.get(k) is not None and not isinstance(e[k], str)]
        if wrong:
            problems.append(f"{where}: {', '.join(wrong)} must be text")
            continue
        kind = "claim" if target.startswith("c_") else "flag"
        if e.get("kind") not in (None, kind):
            problems.append(f"{where}: kind {e.get('kind')!r} does not match the id (a {kind})")
            continue
        try:
            status = (check_claim_status if kind == "claim" else check_flag_status)(str(e.get("status") or ""))
        except ReviewError as exc:
            problems.append(f"{where}: {exc}")
            continue
        reason = _clean(e.get("reason"))
        if status == "dismissed" and not reason:
            problems.append(f"{where}: a dismissal needs a 'reason'")
            continue
        when = None
        if e.get("decided_at") not in (None, ""):
            try:
                when = _parse_time(e["decided_at"])
            except (TypeError, ValueError):
                problems.append(f"{where}: 'decided_at' must be an ISO 8601 time, not {e['decided_at']!r}")
                continue
        scope = e.get("document_sha256") or None
        if kind == "claim":
            if target not in claim_ids:
                problems.append(f"{where}: no claim {target!r} in store {reader.url}")
                continue
        else:
            try:
                found = reader.find_flags(target)
            except StoreError:  # an ambiguous prefix: imports name flags by their whole id
                found = []
            found = [f for f in found if f.flag.id == target and (scope is None or f.document.sha256 == scope)]
            if not found:
                on = " on that document" if scope else ""
                problems.append(f"{where}: no flag {target!r}{on} in store {reader.url}")
                continue
        out.append({"target_id": target, "status": status, "reason": reason, "note": _clean(e.get("note")),
                    "reviewer": _clean(e.get("reviewer")) or reviewer, "decided_at": when,
                    "document_sha256": scope})
    return out, problems


def import_decisions(store: Any, data: Any, *, reviewer: str) -> ImportResult:
    """Import decisions made elsewhere: every entry is validated first, then all are written in one
    transaction (or none, with a ReviewError listing every problem). Entries already recorded
    (same target, status, reviewer, time, reason and note: an export imported twice) are skipped."""
    reader = store.reader()
    entries, problems = validate_decisions(reader, data, reviewer=reviewer)
    if problems:
        raise ReviewError("nothing imported:\n  " + "\n  ".join(problems))
    have = {_decision_key(d.target_id, d.status, d.reviewer, d.decided_at, d.reason, d.note, d.document_sha256)
            for d in reader.decisions_for([e["target_id"] for e in entries])}
    todo, seen = [], set()
    for e in entries:
        if e["decided_at"] is not None:
            key = _decision_key(e["target_id"], e["status"], e["reviewer"], e["decided_at"], e["reason"], e["note"],
                                e["document_sha256"])
            if key in have or key in seen:
                continue
            seen.add(key)
        todo.append(e)
    ids = store.record_decisions(todo) if todo else []
    return ImportResult(imported=len(ids), skipped=len(entries) - len(ids), ids=ids)


def _decision_key(*parts: Any) -> tuple[Any, ...]:
    return tuple(_time_key(p) if isinstance(p, dt.datetime) else p for p in parts)


def export_decisions(reader: Any, *, document: str | None = None, latest: bool = False) -> dict[str, Any]:
    """Every decision (or only the newest per claim or flag), in the format ``import_decisions`` reads.

    ``document`` and ``text`` say what each decision is about (import ignores them).
    """
    if document is not None:
        docs = reader.find_documents(document)
        if not docs:
            raise ReviewError(f"no document {document!r} in store {reader.url}")
        ids: list[str] = []
        for info in docs:
            doc = reader.load_document(info)
            ids += [c.id for c in doc.claims] + [f.id for f in _all_flags(doc)]
        decisions = reader.decisions_for(ids)
    else:
        decisions = reader.decisions()
    if latest:
        newest: dict[tuple[str, str | None], Any] = {}
        for d in decisions:
            newest[(d.target_id, d.document_sha256)] = d
        decisions = sorted(newest.values(), key=lambda d: (d.decided_at, d.id))
    claims = {s.claim.id: s for s in reader.claims_by_id(d.target_id for d in decisions if d.target_kind == "claim")}
    flags: dict[str, Any] = {}
    for d in decisions:
        if d.target_kind == "flag" and d.target_id not in flags:
            found = reader.find_flags(d.target_id)
            flags[d.target_id] = found[0] if found else None
    out = []
    for d in decisions:
        about = claims.get(d.target_id) if d.target_kind == "claim" else flags.get(d.target_id)
        entry: dict[str, Any] = {"id": d.target_id, "kind": d.target_kind, "status": d.status}
        for k in ("reason", "note", "reviewer"):
            if getattr(d, k):
                entry[k] = getattr(d, k)
        entry["decided_at"] = d.decided_at.isoformat()
        if d.document_sha256:
            entry["document_sha256"] = d.document_sha256
        if about is not None:
            entry["document"] = about.document.path
            entry["text"] = about.claim.text if d.target_kind == "claim" else about.flag.message
        out.append(entry)
    return {"claims_decisions": EXPORT_VERSION, "exported_at": _now().isoformat(), "decisions": out}


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0)


# -- reports ---------------------------------------------------------------------------------------


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


class ReviewReport(Report):
    """A :class:`claims.Report` rebuilt from the store, with the review decisions of its documents."""

    generated_at: dt.datetime = Field(default_factory=_now)
    decisions: list[DecisionRecord] = Field(default_factory=list)


def _all_flags(doc: Document) -> list[Flag]:
    return [f for c in doc.claims for f in c.flags] + list(doc.flags)


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
        for d in decisions:
            report.decisions.append(DecisionRecord(
                id=d.id, target_kind=d.target_kind, target_id=d.target_id, claim_id=owner.get(d.target_id),
                document_sha256=doc.sha256, status=d.status, reason=d.reason, note=d.note, reviewer=d.reviewer,
                decided_at=d.decided_at))
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


# -- the interactive review -------------------------------------------------------------------------


def is_pending(claim: Claim) -> bool:
    """Flagged (a flag not dismissed) and without a verdict yet."""
    return claim.status in PENDING and any(f.status != "dismissed" for f in claim.flags)


def _rank(claim: Claim) -> int:
    return max((f.severity.rank for f in claim.flags if f.status != "dismissed"), default=-1)


def review_queue(reader: Any, *, document: str | None = None, source: str | None = None,
                 checker: str | None = None) -> list[Any]:
    """The unreviewed flagged claims of current documents, most severe flag first, then in document order."""
    from claims.db import StoreError
    if document is not None and not reader.find_documents(document):
        raise ReviewError(f"no document {document!r} in store {reader.url}")
    try:
        found = reader.claims(flagged=True, document=document, source=source, checker=checker)
    except StoreError as exc:
        raise ReviewError(str(exc).split(": ", 1)[-1]) from None
    found = [s for s in found if s.document.superseded_by is None and is_pending(s.claim)]
    if checker:
        found = [s for s in found if any(f.checker == checker and f.status != "dismissed" for f in s.claim.flags)]
    found.sort(key=lambda s: (-_rank(s.claim), s.document.id, s.claim.start))
    return found


class Keys:
    """Single-key input. On a terminal the session runs in cbreak mode (keys arrive one at a time,
    without Enter or echo, and keys typed ahead are kept), back to ordinary line editing only while
    a reason or note is typed; elsewhere (Windows) ``click.getchar()``. When stdin is not a terminal,
    one line per key (its first character), so ``printf 'v\\nq\\n' | claims review`` and test
    runners work. Use as a context manager around the session to restore the terminal."""

    def __init__(self, stdin: TextIO | None = None, tty: bool | None = None) -> None:
        self.stdin = stdin
        self._tty = tty
        self._buf = ""
        self._saved: Any = None  # the terminal's attributes while in cbreak mode

    @property
    def _in(self) -> TextIO:
        return self.stdin or sys.stdin

    @property
    def tty(self) -> bool:
        if self._tty is None:
            try:
                self._tty = bool(self._in.isatty())
            except (AttributeError, ValueError):
                self._tty = False
        return self._tty

    def __enter__(self) -> "Keys":
        if self.tty:
            try:
                import termios
                fd = self._in.fileno()
                self._saved = termios.tcgetattr(fd)
                self._cbreak(fd)
            except Exception:  # noqa: BLE001 - no termios (Windows) or not a real terminal
                self._saved = None
        return self

    def __exit__(self, *exc: Any) -> None:
        self._restore()
        self._saved = None

    @staticmethod
    def _cbreak(fd: int) -> None:
        import termios
        attrs = termios.tcgetattr(fd)
        attrs[3] &= ~(termios.ICANON | termios.ECHO)
        attrs[6][termios.VMIN], attrs[6][termios.VTIME] = 1, 0
        termios.tcsetattr(fd, termios.TCSANOW, attrs)  # TCSANOW: keys typed ahead are not discarded

    def _restore(self) -> None:
        if self._saved is not None:
            import termios
            termios.tcsetattr(self._in.fileno(), termios.TCSANOW, self._saved)

    def key(self) -> str | None:
        """One key, lower-cased ('' for one that is not a character); None at end of input or Ctrl-C / Ctrl-D."""
        if not self.tty:
            line = self._in.readline()
            if not line:
                return None
            return line.strip()[:1].lower()
        if self._saved is None:
            import click
            try:
                ch = click.getchar()
            except (KeyboardInterrupt, EOFError):
                return None
        else:
            if not self._buf:
                data = os.read(self._in.fileno(), 64)
                if not data:
                    return None
                self._buf = data.decode("utf-8", "replace")
            ch, self._buf = self._buf[0], self._buf[1:]
            if ch == "\x1b":  # an escape sequence (arrow keys...): ignored whole
                self._buf = ""
                return ""
        if ch in ("\x03", "\x04"):
            return None
        return ch.strip()[:1].lower() if ch.isprintable() else ""

    def line(self) -> str | None:
        """A line of text (a reason, a note), with the terminal's line editing; None at end of input or Ctrl-C."""
        if not self.tty:
            line = self._in.readline()
            return line.rstrip("\r\n") if line else None
        ahead, self._buf = self._buf, ""
        if ahead:
            sys.stdout.write(ahead)
            sys.stdout.flush()
        self._restore()
        try:
            return ahead + input()
        except (KeyboardInterrupt, EOFError):
            return None
        finally:
            if self._saved is not None:
                self._cbreak(self._in.fileno())


ACTIONS = [(s.key, s.name) for s in CLAIM_STATUSES.values() if s.key]
HELP = ("[v]erified  [f]alse  [m]isleading  [u]nverifiable  [x] not applicable  [p] in progress\n"
        "[d]ismiss a flag  [c]onfirm a flag  [n]ote  [s]kip  [q]uit  [?] help")
PROMPT = "v/f/m/u/x/p  d/c  n  s  q  ? > "


@dataclass
class SessionResult:
    decisions: int = 0
    reviewed: int = 0
    skipped: int = 0
    remaining: int = 0
    quit: bool = False


class ReviewSession:
    """Walks a queue of claims; every decision is written to the store the moment it is made
    (one transaction each), so quitting, Ctrl-C or a killed process loses nothing decided."""

    def __init__(self, store: Any, queue: list[Any], *, reviewer: str, console: Any, keys: Keys,
                 related_window: int = 7) -> None:
        self.store = store
        self.reader = store.reader()
        self.queue = [s.claim.id for s in queue]
        self.reviewer = reviewer
        self.console = console
        self.keys = keys
        self.window = related_window
        self.result = SessionResult()

    # -- output
    def say(self, *parts: Any, style: str | None = None) -> None:
        self.console.print(*parts, style=style, highlight=False, markup=False)

    def prompt(self, text: str) -> None:
        self.console.print(text, end="", highlight=False, markup=False, style="bold")
        self.console.file.flush()

    def key(self) -> str | None:
        """A key, echoed (``click.getchar`` does not echo; a piped line is shown as typed)."""
        key = self.keys.key()
        self.say(key or "")
        return key

    def line(self) -> str | None:
        text = self.keys.line()
        if not self.keys.tty:
            self.say(text or "")
        return text

    def run(self) -> SessionResult:
        total = len(self.queue)
        self.say(f"{total} flagged claim{'s' if total != 1 else ''} to review, most severe first; "
                 f"reviewing as {self.reviewer}. Every decision is saved at once.", style="bold")
        try:
            with self.keys:
                self._walk(total)
        except KeyboardInterrupt:
            self.result.quit = True
        self.result.remaining += self.result.skipped
        r = self.result
        self.say("")
        self.say(f"{r.decisions} decision{'s' if r.decisions != 1 else ''} saved"
                 + (f"; {r.remaining} claim{'s' if r.remaining != 1 else ''} left in the queue" if r.remaining
                    else "; queue done"), style="bold")
        return r

    def _walk(self, total: int) -> None:
        n = 0
        try:
            for n, cid in enumerate(self.queue, 1):
                stored = self.reader.claim(cid)
                if stored is None or not is_pending(stored.claim):
                    continue  # decided meanwhile (another reviewer, or an earlier key)
                if not self._one(stored, n, total):
                    self.result.quit = True
                    self.result.remaining = total - n + 1
                    return
        except KeyboardInterrupt:
            self.result.quit = True
            self.result.remaining = total - n + 1

    def _one(self, stored: Any, n: int, total: int) -> bool:
        """Show one claim and act on keys until it is decided or skipped; False to quit."""
        self.show(stored, n, total)
        while True:
            self.prompt(PROMPT)
            key = self.key()
            if key is None or key == "q":
                return False
            if key == "":
                continue
            if key == "?" or key == "h":
                self.say(HELP)
                continue
            if key == "s":
                self.result.skipped += 1
                return True
            status = next((name for k, name in ACTIONS if k == key), None)
            if status:
                made = set_status(self.store, stored.claim.id, status, reviewer=self.reviewer)
                self._saved(made)
                self.result.reviewed += 1
                return True
            if key == "n":
                self.prompt("Note (empty to cancel): ")
                text = self.line()
                if text is None:
                    return False
                if not text.strip():
                    self.say("no note added", style="dim")
                    continue
                self._saved(add_note(self.store, stored.claim.id, text, reviewer=self.reviewer))
                continue
            if key in ("d", "c"):
                verb = "dismiss" if key == "d" else "confirm"
                choices = [f for f in stored.claim.flags
                           if f.status != ("dismissed" if key == "d" else "confirmed")]
                if not choices:
                    self.say(f"no flag to {verb}", style="dim")
                    continue
                flag = choices[0] if len(choices) == 1 else self._pick(choices, verb)
                if flag is None:
                    continue
                if key == "d":
                    self.prompt(f"Reason for dismissing {flag.code} (empty to cancel): ")
                    reason = self.line()
                    if reason is None:
                        return False
                    if not reason.strip():
                        self.say("not dismissed: a reason is required", style="dim")
                        continue
                    made = dismiss_flag(self.store, flag.id, reason=reason, reviewer=self.reviewer)
                else:
                    made = confirm_flag(self.store, flag.id, reviewer=self.reviewer)
                self._saved(made)
                stored = self.reader.claim(stored.claim.id)
                if not is_pending(stored.claim):
                    self.result.reviewed += 1
                    return True  # no open flag left: next claim
                self._flags(stored.claim)
                continue
            self.say(f"unknown key {key!r}; ? for help", style="dim")

    def _pick(self, flags: list[Flag], verb: str) -> Flag | None:
        for i, f in enumerate(flags, 1):
            self.say(f"  {i}. {f.severity.value} [{f.checker}] {f.message}")
        self.prompt(f"Which flag to {verb}? 1-{len(flags)} (other key cancels): ")
        key = self.key()
        if key and key.isdigit() and 1 <= int(key) <= len(flags):
            return flags[int(key) - 1]
        self.say("cancelled", style="dim")
        return None

    def _saved(self, made: Made) -> None:
        self.result.decisions += 1
        self.say(f"saved: {made.describe()}", style="green")

    # -- the claim on screen
    def show(self, stored: Any, n: int, total: int) -> None:
        from rich.rule import Rule
        from rich.text import Text

        c, d = stored.claim, stored.document
        self.say("")
        self.console.print(Rule(f"{n}/{total}  {c.id}", align="left"))
        head = Text(f"{d.name}", style="bold")
        head.append(f"  published {d.published.isoformat() if d.published else 'unknown'}  line {c.line}", style="dim")
        self.say(head)
        src = Text("Source: ", style="dim")
        if c.source:
            src.append(c.source.name, style="bold magenta")
            mode = c.source.mode.value.replace("_", " ")
            cue = f", {c.source.cue!r}" if c.source.cue else ""
            src.append(f" ({mode}{cue}; as written: {c.source.mention!r})", style="dim")
        else:
            src.append("the publisher (unattributed)")
        src.append(f"   Status: {c.status or 'unreviewed'}", style="italic")
        self.say(src)
        self.say("")
        paragraph, offset = self.reader.paragraph(stored)
        self.say(highlight_paragraph(paragraph, offset, c))
        self._flags(c)
        related = self.reader.related(c.id, self.window)
        if related:
            self.say("")
            self.say("Related claims in other documents", style="bold")
            for r in related[:5]:
                rc, rd = r.stored.claim, r.stored.document
                line = Text(f"  {r.relation:16} ", style="yellow" if r.relation in ("different figure", "flagged")
                            else "green")
                line.append(f"{rd.name} ({rd.published.isoformat() if rd.published else 'undated'}) ", style="dim")
                line.append(f"{rc.source.name if rc.source else 'publisher'}: ", style="magenta")
                line.append(rc.text if len(rc.text) < 110 else rc.text[:107] + "...")
                if rc.status:
                    line.append(f" [{rc.status}]", style="italic")
                self.say(line)
            if len(related) > 5:
                self.say(f"  ... and {len(related) - 5} more (claims show {c.id})", style="dim")
        self.say("")

    def _flags(self, c: Claim) -> None:
        from rich.text import Text

        self.say("")
        self.say("Flags", style="bold")
        for i, f in enumerate(c.flags, 1):
            sev = {"info": "blue", "warning": "yellow", "error": "bold red"}.get(f.severity.value, "")
            t = Text(f"  {i}. ")
            t.append(f"{f.severity.value:7} ", style="dim strike" if f.status == "dismissed" else sev)
            t.append(f"[{f.checker}] ", style="dim")
            t.append(f.message, style="dim" if f.status == "dismissed" else "")
            if f.status:
                t.append(f"  ({f.status})", style="italic")
            self.say(t)


def highlight_paragraph(paragraph: str, offset: int, claim: Claim, markers: tuple[str, str] = ("» ", " «")) -> Any:
    """The paragraph with the claim in bold between ``markers`` (visible without colour), its source
    mention, numbers and hedges coloured."""
    from rich.text import Text

    s0, s1 = claim.start - offset, claim.end - offset
    if not 0 <= s0 <= s1 <= len(paragraph):  # not inside: show the claim alone
        paragraph, offset, s0, s1 = claim.text, claim.start, 0, len(claim.text)
    inner = Text(paragraph[s0:s1], style="bold")

    def mark(start: int | None, end: int | None, style: str) -> None:
        if start is None or end is None:
            return
        a, b = start - claim.start, end - claim.start
        if 0 <= a <= b <= len(inner.plain):
            inner.stylize(style, a, b)

    if claim.source:
        mark(claim.source.mention_start, claim.source.mention_end, "magenta")
    for q in claim.quantities:
        mark(q.start, q.end, "cyan")
    for h in claim.hedges:
        mark(h.start, h.end, "yellow underline")
    t = Text(paragraph[:s0], style="dim")
    t.append(markers[0], style="bold")
    t.append_text(inner)
    t.append(markers[1], style="bold")
    t.append(paragraph[s1:], style="dim")
    return t


def dumps(data: Any) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False)
