"""Importing and exporting review decisions (``claims review import|export``): the JSON format both read."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Mapping

from .review import ReviewError, _all_flags, _clean, _now, check_claim_status, check_flag_status


EXPORT_VERSION = 1
_ENTRY_KEYS = {"id", "kind", "status", "reason", "note", "reviewer", "decided_at", "document_sha256", "action",
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
        wrong = [k for k in ("status", "reason", "note", "reviewer", "document_sha256", "action")
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
        action = e.get("action") or None
        if action is not None and action not in ("note", "undo", "reopen"):
            problems.append(f"{where}: 'action' must be note, undo or reopen, not {action!r}")
            continue
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
                    "document_sha256": scope, "action": action})
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
        for k in ("reason", "note", "reviewer", "action"):
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
