"""Checking many documents: the per-document work, run serially, in processes or on Dask.

One function, :func:`check_one`, does an input's work (read -> pipeline -> store); the
serial loop, the process pool (``claims check --jobs N``) and a Dask cluster
(``--dask tcp://HOST:8786``) all call it, and :func:`run` yields the outcomes in the order
of the paths, whichever executor ran them.

Results are identical to a serial run. When the run writes the store, a checker may
read what earlier documents of the same run stored (the conflict checker does), so the
workers only read and extract, and the parent runs the checkers and stores each
document in order. Without store writes (``--no-store``, or no store) each document is
independent and the workers check it too.
"""

from __future__ import annotations

import json
import os
import traceback
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

from .read import MAX_BYTES, Input, InputProblem, read_input


@dataclass(frozen=True)
class RunSpec:
    """Everything a worker needs to build the same pipeline as the parent (picklable, hashable)."""

    plugin_files: tuple[str, ...] = ()
    disable: tuple[str, ...] = ()
    config_path: str | None = None
    config_json: str = "{}"  # the configuration table, so workers need not see the file
    reader_url: str | None = None  # store the checkers read in the workers; None: no store
    published: str | None = None
    max_bytes: int = MAX_BYTES
    timeout: float | None = None  # seconds for a URL (None: the reader's default)
    checks: bool = True  # False: workers extract only, the parent checks in order
    render_format: str | None = None  # workers render the document in this streaming format
    render_options_json: str = "{}"  # ... with these options (verbose, color, width, fail_on)
    slim: bool = False  # workers send back a Digest (and the rendering), not the Document


@dataclass
class Digest:
    """What the parent needs of a document it does not keep: counts for the total, plugin errors."""

    path: str
    claims: int
    flags: dict[str, int]
    dismissed: int
    worst: int  # rank of the most severe open flag, -1 for none
    errors: list[Any] = field(default_factory=list)  # claims.models.CheckError


def digest(doc: Any) -> Digest:
    from .check import all_flags
    flags: dict[str, int] = {}
    dismissed, worst = 0, -1
    for f in all_flags(doc):
        if f.status == "dismissed":
            dismissed += 1
            continue
        flags[f.severity.value] = flags.get(f.severity.value, 0) + 1
        worst = max(worst, f.severity.rank)
    return Digest(doc.path, len(doc.claims), flags, dismissed, worst, list(doc.errors))


@dataclass
class Outcome:
    """What became of one path: a document, or the one-line reason it could not be read."""

    path: str
    document: Any = None  # claims.Document
    problem: str | None = None  # InputProblem message (exit 2)
    failure: str | None = None  # an unexpected error (exit 3): one line, then the traceback
    store_error: str | None = None  # the store could not be written (exit 4)
    warnings: list[str] = field(default_factory=list)
    checked: bool = False
    finished: bool = False  # review decisions applied and stored, as the run asks
    rendered: str | None = None  # the document in the run's format, rendered by the worker
    digest: Digest | None = None  # set when the worker did not send the document


class Context:
    """A pipeline (and, in the parent, the store) that :func:`check_one` works with."""

    def __init__(self, pipeline: Any, spec: RunSpec, store: Any = None, write: bool = False) -> None:
        self.pipeline = pipeline
        self.spec = spec
        self.render: Callable[[Any], str] | None = None  # a worker's renderer of one document
        self.store = store  # a claims.db.Store: decisions are applied (and saved when ``write``)
        self.write = write

    @classmethod
    def from_spec(cls, spec: RunSpec, pipeline: Any = None) -> "Context":
        """Build a worker's context: the plugins and settings of ``spec``, or the parent's pipeline
        (inherited across fork, without its store reader)."""
        if pipeline is None:
            from .config import Settings
            from .pipeline import Pipeline
            from .plugin_manager import make_plugin_manager

            path = Path(spec.config_path) if spec.config_path else None
            settings = Settings(json.loads(spec.config_json), path)
            pipeline = Pipeline(make_plugin_manager(spec.plugin_files, spec.disable), settings)
        pipeline.store = store = None
        if spec.reader_url and spec.checks:  # a run that does not write: decisions are applied here
            from .db import open_store
            store = open_store(spec.reader_url, create=False)
            pipeline.store = store.reader()
        ctx = cls(pipeline, spec, store)
        if spec.render_format:
            found: dict[str, Any] = {}
            pipeline.pm.hook.register_formats(register=lambda name, render: found.setdefault(name, render))
            options = {**json.loads(spec.render_options_json), "settings": pipeline.settings}
            ctx.render = found[spec.render_format].stream(options).document
        return ctx


def read_stage(item: str | Input, max_bytes: int, timeout: float | None = None) -> Input | Outcome:
    if isinstance(item, Input):
        return item
    try:
        return read_input(item, max_bytes=max_bytes) if timeout is None else \
            read_input(item, max_bytes=max_bytes, timeout=timeout)
    except InputProblem as exc:
        return Outcome(path=exc.path, problem=exc.message)


def check_one(ctx: Context, item: str | Input | Outcome) -> list[Outcome]:
    """One input's work: read, extract, check, apply review decisions and store.

    An input gives one outcome per document in it (a feed gives one per item), or one
    outcome with the reason it could not be read. Each stage runs where ``ctx`` allows: a
    worker context without checks stops after extraction, and the parent calls this again
    with the worker's :class:`Outcome` to finish it. Never raises for a bad file; an
    unexpected error is an ``Outcome.failure``.
    """
    if isinstance(item, Outcome):
        return [finish(ctx, item)]
    name = item.path if isinstance(item, Input) else item
    got: Input | Outcome | None = None
    try:
        got = read_stage(item, ctx.spec.max_bytes, ctx.spec.timeout)
        if isinstance(got, Outcome):
            return [got]
        docs = ctx.pipeline.check_item(got, ctx.spec.published, checks=ctx.spec.checks)
    except InputProblem as exc:
        return [Outcome(path=exc.path, problem=exc.message)]
    except KeyboardInterrupt:
        raise
    except BaseException as exc:  # noqa: BLE001 - one document must not end the run (a plugin's sys.exit neither)
        from .check import plugin_of
        if isinstance(got, Input) and plugin_of(ctx.pipeline.pm, exc) != "unknown":
            from .check import failed_document  # a reader or segmenter plugin: named, exit 3, nothing stored
            return [Outcome(path=got.path, document=failed_document(ctx.pipeline.pm, got, exc),
                            checked=True, finished=True)]
        return [Outcome(path=name, failure=_failure(exc))]
    return [finish(ctx, Outcome(path=doc.path, document=doc, warnings=list(doc.warnings), checked=ctx.spec.checks))
            for doc in docs]


def finish(ctx: Context, out: Outcome) -> Outcome:
    """Check (when not yet checked), apply review decisions and store one extracted document."""
    if out.document is None or out.finished:
        return out
    if not out.checked and not ctx.spec.checks:
        return out  # a worker that only extracts: the parent checks and stores in order
    try:
        if not out.checked:
            ctx.pipeline.run_checks(out.document)
            out.checked = True
        if ctx.store is not None:
            ctx.store.apply_decisions(out.document)
            ctx.pipeline.summarize(out.document)
            if ctx.write:
                ctx.store.save(out.document)
        out.finished = True
    except Exception as exc:  # noqa: BLE001 - the run goes on with the next document
        from .db import StoreError
        if isinstance(exc, StoreError):
            out.store_error = str(exc)
        else:
            out.failure = _failure(exc)
    if ctx.spec.slim and out.finished:
        out.digest = digest(out.document)
        if ctx.render is not None:
            out.rendered = ctx.render(out.document)
        out.document = None  # strings pickle far faster than thousands of small records
    return out


def _failure(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}".splitlines()[0][:300] + "\n" + "".join(traceback.format_exception(exc))


# -- workers --------------------------------------------------------------------------------

_CONTEXTS: dict[RunSpec, Context] = {}
_INHERITED: Any = None  # the parent's pipeline (built, patterns compiled), across fork


def _worker_context(spec: RunSpec) -> Context:
    ctx = _CONTEXTS.get(spec)
    if ctx is None:
        ctx = _CONTEXTS[spec] = Context.from_spec(spec, _INHERITED)
    return ctx


def check_chunk(spec: RunSpec, items: list[str | Input]) -> list[Outcome]:
    """The task a worker process or a Dask worker runs: :func:`check_one` over a few paths."""
    try:
        ctx = _worker_context(spec)
    except Exception as exc:  # noqa: BLE001 - e.g. a plugin file missing on a Dask worker
        why = _failure(exc)
        return [Outcome(path=i.path if isinstance(i, Input) else i, failure=why) for i in items]
    return [out for item in items for out in check_one(ctx, item)]


def _ready(_: object = None) -> int:
    return os.getpid()


def default_jobs() -> int:
    """The cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


# -- executors ------------------------------------------------------------------------------

def chunked(items: list[Any], size: int) -> list[list[Any]]:
    return [items[i:i + size] for i in range(0, len(items), size)]


def chunk_size(n_items: int, workers: int) -> int:
    """Small tasks keep the pool busy and the order of output smooth; not so small that IPC dominates."""
    return max(1, min(8, n_items // (workers * 8)))


def _ordered(submit: Callable[[list[Any]], Any], chunks: list[list[Any]], window: int) -> Iterator[Outcome]:
    """Submit chunks, at most ``window`` in flight, and yield their outcomes in order."""
    pending: deque = deque()
    it = iter(chunks)
    for chunk in it:
        pending.append(submit(chunk))
        if len(pending) >= window:
            break
    while pending:
        result = pending.popleft().result()
        nxt = next(it, None)
        if nxt is not None:
            pending.append(submit(nxt))
        yield from result


class ProcessExecutor:
    """``--jobs N``: a pool of forked processes (they inherit the parent's pipeline: plugins loaded,
    settings validated, sources registered). Create it before the parent opens the store."""

    def __init__(self, jobs: int, pipeline: Any) -> None:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        global _INHERITED
        methods = multiprocessing.get_all_start_methods()
        _INHERITED = pipeline if "fork" in methods else None
        ctx = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
        self.jobs = jobs
        self.pool = ProcessPoolExecutor(max_workers=jobs, mp_context=ctx)
        # start every worker now, before the parent opens the store: no connection is forked
        list(self.pool.map(_ready, range(jobs)))

    def run(self, spec: RunSpec, items: list[Any]) -> Iterator[Outcome]:
        chunks = chunked(items, chunk_size(len(items), self.jobs))
        return _ordered(lambda c: self.pool.submit(check_chunk, spec, c), chunks, self.jobs * 3)

    def close(self) -> None:
        global _INHERITED
        self.pool.shutdown(wait=True, cancel_futures=True)
        _INHERITED = None


class DaskExecutor:
    """``--dask ADDRESS``: the documents run on an existing Dask distributed cluster."""

    def __init__(self, address: str) -> None:
        from distributed import Client

        timeout = os.environ.get("CLAIMS_DASK_TIMEOUT", "20")
        self.client = Client(address, timeout=f"{float(timeout)}s")
        self.workers = max(1, sum(self.client.nthreads().values()))

    def run(self, spec: RunSpec, items: list[Any]) -> Iterator[Outcome]:
        chunks = chunked(items, chunk_size(len(items), self.workers))
        return _ordered(lambda c: self.client.submit(check_chunk, spec, c, pure=False), chunks, self.workers * 3)

    def close(self) -> None:
        self.client.close()


def run(parent: Context, items: Iterable[str | Input], executor: Any = None,
        worker_spec: RunSpec | None = None) -> Iterator[Outcome]:
    """Every item's outcome, in order: serially in ``parent``, or through ``executor`` then ``parent``.

    The executor's workers run :func:`check_one` with ``worker_spec``; the parent finishes each
    outcome (checks when the workers did not run them, review decisions, store) in order.
    """
    if executor is None:
        for item in items:
            yield from check_one(parent, item)
        return
    for out in executor.run(worker_spec or parent.spec, list(items)):
        yield finish(parent, out) if out.document is not None else out
