"""The check stage: run every checker plugin over a document, isolating failures.

Each hook implementation is called on its own, so a plugin that raises is
recorded as a ``CheckError`` (plugin, claim, one-line reason, traceback) and
the other checkers' results are kept.
"""

from __future__ import annotations

import traceback
from typing import Any, Iterable

from .models import CheckError, Claim, Document, Flag, Severity


def _as_flags(result: Any) -> list[Flag]:
    if result is None:
        return []
    if isinstance(result, Flag):
        return [result]
    if isinstance(result, dict):
        return [Flag(**result)]
    if isinstance(result, Iterable) and not isinstance(result, (str, bytes)):
        out: list[Flag] = []
        for r in result:
            out.extend(_as_flags(r))
        return out
    raise TypeError(f"expected a Flag, a list of Flags or None, got {type(result).__name__}")


def _call(impl, kwargs: dict[str, Any]) -> Any:
    return impl.function(*[kwargs[a] for a in impl.argnames])


def _error(document: Document, impl, hook: str, exc: BaseException, claim: Claim | None) -> None:
    document.errors.append(CheckError(
        plugin=impl.plugin_name, hook=hook, claim_id=claim.id if claim else None,
        message=f"{type(exc).__name__}: {exc}".splitlines()[0][:300],
        traceback="".join(traceback.format_exception(exc)),
    ))


def _attach(document: Document, flags: list[Flag], checker: str, claim: Claim | None) -> None:
    for f in flags:
        if not f.checker:
            f.checker = checker
        if claim is not None and f.claim_id is None:
            f.claim_id = claim.id
        f.with_id(document.text)
        target = claim if claim is not None and f.claim_id == claim.id else document.claim(f.claim_id) if f.claim_id else None
        (target.flags if target is not None else document.flags).append(f)


def run_checks(pm, document: Document, store: Any = None, settings: Any = None) -> None:
    """Call ``check_claim`` for each claim, then ``check_document``, then ``summarize_document``."""
    kwargs: dict[str, Any] = {"document": document, "store": store, "settings": settings}
    claim_impls = pm.hook.check_claim.get_hookimpls()
    for claim in document.claims:
        kwargs["claim"] = claim
        for impl in claim_impls:
            try:
                flags = _as_flags(_call(impl, kwargs))
            except Exception as exc:  # noqa: BLE001 - a plugin must not take the run down
                _error(document, impl, "check_claim", exc, claim)
                continue
            _attach(document, flags, impl.plugin_name, claim)
    kwargs.pop("claim", None)
    for impl in pm.hook.check_document.get_hookimpls():
        try:
            flags = _as_flags(_call(impl, kwargs))
        except Exception as exc:  # noqa: BLE001
            _error(document, impl, "check_document", exc, None)
            continue
        _attach(document, flags, impl.plugin_name, None)
    for impl in pm.hook.summarize_document.get_hookimpls():
        try:
            extra = _call(impl, {"document": document, "settings": settings})
        except Exception as exc:  # noqa: BLE001
            _error(document, impl, "summarize_document", exc, None)
            continue
        if extra:
            _merge(document.summary, extra)


def _merge(summary: Any, extra: dict[str, Any]) -> None:
    """Merge a plugin's summary figures: numbers add up, tables merge (key by key)."""
    for k, v in extra.items():
        old = getattr(summary, k, None)
        if isinstance(v, dict) and isinstance(old, dict):
            merged = dict(old)
            for kk, vv in v.items():
                o = merged.get(kk)
                both_numbers = isinstance(o, (int, float)) and isinstance(vv, (int, float)) and not isinstance(vv, bool)
                merged[kk] = o + vv if both_numbers else vv
            setattr(summary, k, merged)
        elif isinstance(v, (int, float)) and isinstance(old, (int, float)) and not isinstance(v, bool):
            setattr(summary, k, old + v)
        else:
            setattr(summary, k, v)


def all_flags(document: Document) -> list[Flag]:
    return [f for c in document.claims for f in c.flags] + list(document.flags)


def worst_severity(documents: Iterable[Document], include_dismissed: bool = False) -> Severity | None:
    worst: Severity | None = None
    for d in documents:
        for f in all_flags(d):
            if f.status == "dismissed" and not include_dismissed:
                continue
            if worst is None or f.severity.rank > worst.rank:
                worst = f.severity
    return worst
