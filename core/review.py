"""Reviewing flagged claims: statuses and single decisions (set, dismiss, confirm, note, reopen, undo).

A reviewer gives a **claim** a status (:data:`CLAIM_STATUSES`) and a **flag** a verdict
(``confirmed`` or ``dismissed`` with a reason; ``open`` again when reopened). Each decision is
a row of the store's ``decisions`` table with its reviewer, account, time and note; rows are
only ever added, the newest one applies (``claims.db.Store.apply_decisions``), so ``claims
check`` shows a dismissed flag as dismissed every time the same text is checked again. An
undo is a new row too: it puts back the status before the decision it reverts.

The rest lives beside this module and is importable from it: ``review_io`` (import and
export), ``review_report`` (reports) and ``review_session`` (the interactive loop).

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


import datetime as dt
import getpass
import json
import os
from dataclasses import dataclass
from typing import Any

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
    Status("mostly_true", "Mostly true", "accurate but for a detail that does not change its meaning",
           verdict=True, rating=4, desk="Mostly true, Mostly accurate, Largely correct", key="t"),
    Status("false", "False", "the claim is inaccurate", verdict=True, rating=1,
           desk="False, Incorrect, Pants on Fire, Fake", key="f"),
    Status("misleading", "Misleading", "accurate in part, or true but framed to mislead", verdict=True, rating=2,
           desk="Misleading, Missing context, Half true, Mostly false, Mixture", key="m"),
    Status("unverifiable", "Unverifiable", "cannot be confirmed or refuted with the evidence available",
           verdict=True, rating=None, desk="Unproven, Unsubstantiated, No evidence, Unverified", key="e"),
    Status("not_applicable", "Not applicable", "not a checkable claim (opinion, prediction, boilerplate)",
           desk="Not checkable, Opinion, Not a claim", key="x"),
)}

#: Verdicts on a flag. ``dismissed`` needs a reason; it hides the flag from ``--fail-on`` and counts.
FLAG_STATUSES: dict[str, str] = {
    "confirmed": "the checker is right: the problem is real",
    "dismissed": "the checker is wrong here or it does not matter (a reason is required)",
    "open": "reopened: no verdict any more (claims review reopen)",
}

#: What a row of the decisions table is, besides a decision (``decisions.action``).
ACTIONS_RECORDED = ("note", "undo", "reopen")

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
    action: str = "decision"  # or "note" (keeps the status), "undo" (of decision ``reverts``), "reopen"
    reverts: int | None = None

    def describe(self) -> str:
        if self.action == "note":
            return f"note on {self.target_id} by {self.reviewer}: {self.note}"
        if self.action == "undo":
            return f"undid decision {self.reverts}: {self.target_id} {self.status} again, by {self.reviewer}"
        if self.action == "reopen":
            return f"{self.target_id} reopened by {self.reviewer}" + (f": {self.note}" if self.note else "")
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
               decided_at: dt.datetime | None = None, user_id: int | None = None) -> Made:
    """Give a claim a status (see :data:`CLAIM_STATUSES`); saved at once, in its own transaction.

    ``user_id`` is the ``claims serve`` account deciding (``claims.db.accounts``)."""
    status = check_claim_status(status)
    stored = find_claim(store.reader(), claim_ref)
    note = _clean(note)
    new_id = store.record_decision(stored.claim.id, status, reviewer=reviewer, note=note, decided_at=decided_at,
                                   **_who(user_id))
    return Made(new_id, stored.claim.id, status, reviewer, note=note, document=stored.document.path)


def _who(user_id: int | None, **extra: Any) -> dict[str, Any]:
    """Keyword arguments for ``record_decision`` beyond the first revision's (only those given)."""
    out = {k: v for k, v in extra.items() if v is not None}
    if user_id is not None:
        out["user_id"] = user_id
    return out


def dismiss_flag(store: Any, flag_ref: str, *, reason: str, reviewer: str, note: str | None = None,
                 document: str | None = None, decided_at: dt.datetime | None = None,
                 user_id: int | None = None) -> Made:
    """Dismiss a flag with a reason: it stays dismissed whenever the same text is checked again."""
    reason = _clean(reason)
    if not reason:
        raise ReviewError("dismissing a flag needs a reason (--reason)")
    return _flag_decision(store, flag_ref, "dismissed", reviewer=reviewer, note=note, reason=reason,
                          document=document, decided_at=decided_at, user_id=user_id)


def confirm_flag(store: Any, flag_ref: str, *, reviewer: str, note: str | None = None,
                 document: str | None = None, decided_at: dt.datetime | None = None,
                 user_id: int | None = None) -> Made:
    """Confirm a flag (the checker is right); also undoes an earlier dismissal."""
    return _flag_decision(store, flag_ref, "confirmed", reviewer=reviewer, note=note, document=document,
                          decided_at=decided_at, user_id=user_id)


def reopen(store: Any, ref: str, *, reviewer: str, note: str | None = None, document: str | None = None,
           user_id: int | None = None) -> Made:
    """Reopen a confirmed or dismissed flag (status ``open``: it counts and fails ``--fail-on`` again),
    or put a decided claim back in the queue (``unreviewed``). A new entry; the history stays."""
    note = _clean(note)
    reader = store.reader()
    if (ref or "").startswith("c_"):
        stored = find_claim(reader, ref)
        if stored.claim.status in PENDING:
            raise ReviewError(f"claim {stored.claim.id} is not decided ({stored.claim.status or 'unreviewed'}): "
                              "nothing to reopen")
        new_id = store.record_decision(stored.claim.id, "unreviewed", reviewer=reviewer, note=note,
                                       **_who(user_id, action="reopen"))
        return Made(new_id, stored.claim.id, "unreviewed", reviewer, note=note, document=stored.document.path,
                    action="reopen")
    sf = find_flag(reader, ref, document)
    if sf.flag.status not in ("confirmed", "dismissed"):
        raise ReviewError(f"flag {sf.flag.id} is {sf.flag.status or 'open'}: only a confirmed or dismissed "
                          "flag can be reopened")
    scope = sf.document.sha256 if sf.flag.claim_id is None else None
    new_id = store.record_decision(sf.flag.id, "open", reviewer=reviewer, note=note, document_sha256=scope,
                                   **_who(user_id, action="reopen"))
    return Made(new_id, sf.flag.id, "open", reviewer, note=note, document=sf.document.path, action="reopen")


def undo(store: Any, decision_id: int, *, reviewer: str, user_id: int | None = None) -> Made:
    """Revert decision ``decision_id``: a new entry (action ``undo``) that puts back the status its
    claim or flag had before it (``unreviewed`` / ``open`` when it was the first). Only the newest
    decision about a claim or flag can be undone; undoing an undo makes the decision again."""
    reader = store.reader()
    found = [d for d in reader.decisions_after(decision_id - 1, limit=1) if d.id == decision_id]
    if not found:
        raise ReviewError(f"no decision {decision_id} in store {reader.url}")
    dec = found[0]
    history = [d for d in reader.decisions(dec.target_id) if d.document_sha256 == dec.document_sha256]
    if history[-1].id != dec.id:
        raise ReviewError(f"decision {dec.id} on {dec.target_id} is not its newest (decision {history[-1].id} "
                          "is): undo that one first")
    before = [d for d in history if d.id != dec.id]
    claim = dec.target_kind == "claim"
    status = before[-1].status if before else ("unreviewed" if claim else "open")
    reason = before[-1].reason if before and status == "dismissed" else None
    new_id = store.record_decision(dec.target_id, status, reviewer=reviewer, reason=reason,
                                   note=f"undo of decision {dec.id} ({dec.status})",
                                   document_sha256=dec.document_sha256,
                                   **_who(user_id, action="undo", reverts=dec.id))
    return Made(new_id, dec.target_id, status, reviewer, reason=reason, action="undo", reverts=dec.id)


def last_decision_by(reader: Any, reviewer: str) -> Any:
    """The newest decision recorded by ``reviewer`` that is still the newest about its claim or flag
    (what ``claims review undo`` without an id reverts); None when there is none."""
    mine = [d for d in reader.decisions() if d.reviewer == reviewer]
    for d in reversed(mine):
        history = [h for h in reader.decisions(d.target_id) if h.document_sha256 == d.document_sha256]
        if history and history[-1].id == d.id:
            return d
    return None


def _flag_decision(store: Any, flag_ref: str, status: str, *, reviewer: str, note: str | None,
                   reason: str | None = None, document: str | None = None,
                   decided_at: dt.datetime | None = None, user_id: int | None = None) -> Made:
    sf = find_flag(store.reader(), flag_ref, document)
    note = _clean(note)
    scope = sf.document.sha256 if sf.flag.claim_id is None else None
    new_id = store.record_decision(sf.flag.id, status, reviewer=reviewer, note=note, reason=reason,
                                   document_sha256=scope, decided_at=decided_at, **_who(user_id))
    return Made(new_id, sf.flag.id, status, reviewer, note=note, reason=reason, document=sf.document.path)


def add_note(store: Any, ref: str, note: str, *, reviewer: str, document: str | None = None,
             user_id: int | None = None) -> Made:
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
                                       reason=_latest_reason(reader, sf.flag.id), document_sha256=scope,
                                       **_who(user_id, action="note"))
        return Made(new_id, sf.flag.id, sf.flag.status, reviewer, note=note, document=sf.document.path, action="note")
    stored = find_claim(reader, ref)
    status = stored.claim.status or "unreviewed"
    new_id = store.record_decision(stored.claim.id, status, reviewer=reviewer, note=note,
                                   **_who(user_id, action="note"))
    return Made(new_id, stored.claim.id, status, reviewer, note=note, document=stored.document.path, action="note")


def _latest_reason(reader: Any, target_id: str) -> str | None:
    history = reader.decisions(target_id)
    return history[-1].reason if history else None


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0)


def _all_flags(doc: Any) -> list[Any]:
    return [f for c in doc.claims for f in c.flags] + list(doc.flags)


def dumps(data: Any) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False)


# The rest of the review API lives in modules by responsibility; importable from here as before.
from .review_io import (  # noqa: E402
    EXPORT_VERSION, ImportResult, export_decisions, import_decisions, validate_decisions,
)
from .review_report import (  # noqa: E402
    DecisionRecord, Figures, ReviewReport, build_report, by_source, decisions_of, figures, fmt_time, latest_verdict,
    publisher_label, select_documents,
)
from .review_session import (  # noqa: E402
    ACTIONS, HELP, PROMPT, SEVERITIES, Keys, ReviewSession, SessionResult, check_severity, highlight_paragraph,
    is_pending, review_queue,
)
