"""The check stage: run every checker plugin over a document, isolating failures.

Each hook implementation is called on its own, so a plugin that raises is
recorded as a ``CheckError`` (plugin, hook, how many calls failed, the first one-line
reason and traceback) and the other checkers' results are kept. Contained like an
exception: ``SystemExit`` and other ``BaseException``s (only ``KeyboardInterrupt``, the
user's own interrupt, goes through), a result of the wrong type, a summary that is not a
JSON object, and a call running longer than ``plugin_timeout`` seconds (``claims.toml``,
default 60; 0 turns the limit off).
"""

from __future__ import annotations

import json
import math
import os
import signal
from _signal import signal as _set_handler  # signal.signal less its enum conversions (~3 us a call, twice a document)
import threading
import time
import traceback
from typing import Any, Iterable

from .config import ConfigError
from .models import CheckError, Claim, Document, Flag, Severity, Summary

DEFAULT_PLUGIN_TIMEOUT = 60.0


class PluginTimeout(BaseException):
    """A hook call ran longer than ``plugin_timeout`` seconds (a BaseException: a plugin's own
    ``except Exception`` cannot swallow it and keep hanging)."""


def plugin_timeout(settings: Any) -> float:
    """Seconds a hook call may take (``plugin_timeout`` in the configuration); ConfigError when invalid."""
    value = settings.value("plugin_timeout", DEFAULT_PLUGIN_TIMEOUT) if settings is not None else DEFAULT_PLUGIN_TIMEOUT
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0 or math.isnan(value):
        where = f"{settings.path}: " if getattr(settings, "path", None) else ""
        raise ConfigError(f"{where}plugin_timeout must be a number of seconds (0 for no limit), not {value!r}")
    return float(value)


class _Deadline:
    """SIGALRM-based limit on each hook call (main thread only; elsewhere calls run unlimited).

    The timer is not set around every call (two system calls, thousands of calls per document):
    it is armed on entry, and when it goes off, the call then running is stopped if it has run
    ``seconds``; otherwise the timer is set again for what that call has left (a full period
    between calls). A call is never stopped earlier, nor later, than when setting the timer
    around it would stop it.
    """

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.active = (seconds > 0 and hasattr(signal, "setitimer")
                       and threading.current_thread() is threading.main_thread())
        self._old: Any = None
        self._started: float | None = None  # when the running call began (None between calls)

    def __enter__(self) -> "_Deadline":
        if self.active:
            self._old = _set_handler(signal.SIGALRM, self._fire)
            signal.setitimer(signal.ITIMER_REAL, self.seconds)
        return self

    def __exit__(self, *exc: Any) -> None:
        if self.active:
            signal.setitimer(signal.ITIMER_REAL, 0)
            _set_handler(signal.SIGALRM, self._old)

    def _fire(self, _signum: int, _frame: Any) -> None:
        started = self._started
        left = self.seconds if started is None else started + self.seconds - time.monotonic()
        if left <= 0:
            raise PluginTimeout(f"timed out after {self.seconds:g} s (plugin_timeout)")
        signal.setitimer(signal.ITIMER_REAL, left)

    def call(self, impl, kwargs: dict[str, Any]) -> Any:
        if not self.active:
            return _call(impl, kwargs)
        self._started = time.monotonic()
        try:
            return _call(impl, kwargs)
        finally:
            self._started = None


def _as_flags(result: Any) -> list[Flag]:
    if result is None:
        return []
    if type(result) is list and all(type(r) is Flag for r in result):  # what checkers return
        return result
    if isinstance(result, Flag):
        return [result]
    if isinstance(result, dict):
        from pydantic import ValidationError
        try:
            return [Flag(**result)]
        except ValidationError as exc:
            fields = "; ".join(f"{'.'.join(map(str, e['loc'])) or '(flag)'}: {e['msg']}" for e in exc.errors())
            raise TypeError(f"invalid Flag: {fields}") from None
    if isinstance(result, Iterable) and not isinstance(result, (str, bytes)):
        out: list[Flag] = []
        for r in result:
            out.extend(_as_flags(r))
        return out
    raise TypeError(f"expected a Flag, a list of Flags or None, got {type(result).__name__}")


def _call(impl, kwargs: dict[str, Any]) -> Any:
    return impl.function(*[kwargs[a] for a in impl.argnames])


def _error(document: Document, impl, hook: str, exc: BaseException, claim: Claim | None) -> None:
    """Record a failed call; further failures of the same plugin and hook only count (one line per plugin)."""
    message = describe(exc)
    for e in document.errors:
        if e.plugin == impl.plugin_name and e.hook == hook:
            e.count += 1
            return
    document.errors.append(CheckError(
        plugin=impl.plugin_name, hook=hook, claim_id=claim.id if claim else None, message=message,
        traceback="".join(traceback.format_exception(exc)),
    ))


def describe(exc: BaseException) -> str:
    """One line about a plugin's failure (an invalid record names its fields, not just "2 validation errors")."""
    from pydantic import ValidationError
    if isinstance(exc, ValidationError):
        reason = "; ".join(f"{'.'.join(map(str, e['loc'])) or '(record)'}: {e['msg']}" for e in exc.errors())
        return f"invalid {exc.title}: {reason}"[:300]
    text = str(exc).strip()
    return f"{type(exc).__name__}: {text}".splitlines()[0][:300] if text else type(exc).__name__


def plugin_of(pm, exc: BaseException) -> str:
    """The registered plugin whose code raised ``exc`` (the innermost one in its traceback), or 'unknown'."""
    files = {}
    for name, plugin in pm.list_name_plugin():
        f = getattr(plugin, "__file__", None)
        if f:
            files[os.path.realpath(f)] = name
    found = "unknown"
    for frame, _line in traceback.walk_tb(exc.__traceback__):
        name = files.get(os.path.realpath(frame.f_code.co_filename))
        if name:
            found = name
    return found


_STAGE_HOOKS = ("read_document", "segment_text", "make_attributor", "make_quantity_extractor",
                "make_date_extractor", "make_hedge_finder")


def failed_document(pm, item: Any, exc: BaseException) -> Document:
    """The record of an input no claim could be made of because a plugin outside the check hooks
    (a reader, a segmenter, an extraction stage) failed: no claims, one error naming the plugin
    and its hook (never stored)."""
    plugin = plugin_of(pm, exc)
    hook = "pipeline"  # no plugin's code in the traceback
    if plugin != "unknown":
        obj = pm.get_plugin(plugin)
        names = {c.name for c in (pm.get_hookcallers(obj) or [])} if obj is not None else set()
        hook = next((h for h in _STAGE_HOOKS if h in names), "segment_text")
    return Document(path=item.path, sha256=item.sha256, warnings=list(item.warnings), errors=[CheckError(plugin=plugin if plugin != "unknown" else "claims", hook=hook,
                                                       message=describe(exc),
                                                       traceback="".join(traceback.format_exception(exc)))])


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
    with _Deadline(plugin_timeout(settings)) as deadline:
        call = deadline.call
        for claim in document.claims:
            kwargs["claim"] = claim
            for impl in claim_impls:
                try:
                    found = call(impl, kwargs)
                    if found is None:  # most claims raise nothing
                        continue
                    flags = _as_flags(found)
                except KeyboardInterrupt:
                    raise
                except BaseException as exc:  # noqa: BLE001 - a plugin must not take the run down, sys.exit included
                    _error(document, impl, "check_claim", exc, claim)
                    continue
                _attach(document, flags, impl.plugin_name, claim)
        kwargs.pop("claim", None)
        for impl in pm.hook.check_document.get_hookimpls():
            try:
                flags = _as_flags(call(impl, kwargs))
            except KeyboardInterrupt:
                raise
            except BaseException as exc:  # noqa: BLE001
                _error(document, impl, "check_document", exc, None)
                continue
            if flags:
                _attach(document, flags, impl.plugin_name, None)
        figures: dict[str, Any] = {}   # what the plugins add to the summary, merged as plain values
        summary = document.summary
        for impl in pm.hook.summarize_document.get_hookimpls():
            try:
                extra = _summary(call(impl, {"document": document, "settings": settings}))
                if extra:
                    merged = dict(figures)   # a failing merge leaves the figures as they were
                    _merge(merged, extra, summary)
                    figures = merged
            except KeyboardInterrupt:
                raise
            except BaseException as exc:  # noqa: BLE001
                _error(document, impl, "summarize_document", exc, None)
        if figures:
            _update(summary, figures)


def _summary(extra: Any) -> dict[str, Any] | None:
    """A plugin's summary figures: None or a JSON object (checked now, so the save cannot fail on it)."""
    if extra is None:
        return None
    if not isinstance(extra, dict):
        raise TypeError(f"summarize_document must return a dict or None, got {type(extra).__name__}")
    for k in extra:
        if not isinstance(k, str) or k.startswith("_") or k in _MODEL_NAMES:
            raise TypeError(f"summary figure names must be strings, not starting with '_' nor a pydantic name, got {k!r}")
    if not _plain_json(extra):
        try:
            json.dumps(extra, allow_nan=False)
        except (TypeError, ValueError) as exc:
            raise TypeError(f"summary is not JSON: {exc}") from None
    return extra


def _plain_json(value: Any, depth: int = 0) -> bool:
    """Is ``value`` made of JSON's own types only (str keys, finite numbers)? A quick
    check for the usual small summary; anything else is left to ``json.dumps``."""
    t = type(value)
    if t in _JSON_SCALARS:
        return True
    if t is float:
        return math.isfinite(value)
    if depth > 8:
        return False
    if t is dict:
        for k, v in value.items():
            if type(k) is not str or (type(v) not in _JSON_SCALARS and not _plain_json(v, depth + 1)):
                return False
        return True
    if t is list:
        for v in value:
            if type(v) not in _JSON_SCALARS and not _plain_json(v, depth + 1):
                return False
        return True
    return False


_JSON_SCALARS = frozenset((str, int, bool, type(None)))


#: names of pydantic's own attributes, which a summary figure cannot take
_MODEL_NAMES = frozenset(n for n in dir(Summary) if n not in Summary.model_fields)


def _merge(figures: dict[str, Any], extra: dict[str, Any], summary: Any) -> None:
    """Merge a plugin's figures into ``figures`` (over ``summary``'s): numbers add up, tables merge key by key."""
    fields, own = summary.__dict__, summary.__pydantic_extra__
    for k, v in extra.items():
        # the record's own stores: pydantic's attribute lookup of a plugin's figure costs ~2 us
        old = figures[k] if k in figures else fields[k] if k in fields else own.get(k) if own is not None else None
        if isinstance(v, dict) and isinstance(old, dict):
            merged = dict(old)
            for kk, vv in v.items():
                o = merged.get(kk)
                both_numbers = isinstance(o, (int, float)) and isinstance(vv, (int, float)) and not isinstance(vv, bool)
                merged[kk] = o + vv if both_numbers else vv
            figures[k] = merged
        elif isinstance(v, (int, float)) and isinstance(old, (int, float)) and not isinstance(v, bool):
            figures[k] = old + v
        else:
            figures[k] = v


def _update(summary: Any, figures: dict[str, Any]) -> None:
    """Write merged figures onto the summary record: declared fields and plugins' own ones."""
    declared = summary.__dict__  # a model's declared fields (its extra ones are apart)
    extra = summary.__pydantic_extra__
    for k, v in figures.items():
        if k in declared:
            declared[k] = v
        elif extra is not None:
            extra[k] = v
        else:
            setattr(summary, k, v)
    summary.__pydantic_fields_set__.update(figures)


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
