"""One ``claims check`` run: open the store, run the documents (``claims.runner``), write the report.

The report is written document by document when the format can stream (``terminal``,
``json``, ``jsonl``, ``line``: their ``render`` has a ``stream`` attribute), so memory
does not grow with the run; other formats get the whole ``Report`` at the end. A grand
total closes every multi-document run, and a progress bar shows on standard error
when it is a terminal and the run takes more than a moment.
"""

from __future__ import annotations

import os
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

import typer

from .output import OutputError
from .output import ReportSink as _Sink
from .cli import EXIT_FLAGS, EXIT_INPUT, EXIT_OK, EXIT_PLUGIN, EXIT_STORE, err, make_pipeline, terminal_width, use_color

AUTO_PARALLEL_BYTES = 256 * 1024  # without --jobs, smaller runs stay in one process
PROGRESS_AFTER = 0.5  # seconds before a progress bar appears (CLAIMS_PROGRESS_AFTER)
SEVERITIES = ("error", "warning", "info")


@dataclass
class Totals:
    """The grand total of a run: documents, claims, open flags by severity, files that failed."""

    documents: int = 0
    claims: int = 0
    flags: dict[str, int] = field(default_factory=dict)
    dismissed: int = 0
    failed: int = 0
    worst: int = -1  # rank of the most severe open flag

    def add(self, dg: Any) -> None:
        """Count one document (a ``claims.runner.Digest``)."""
        self.documents += 1
        self.claims += dg.claims
        for sev, n in dg.flags.items():
            self.flags[sev] = self.flags.get(sev, 0) + n
        self.dismissed += dg.dismissed
        self.worst = max(self.worst, dg.worst)

    def line(self) -> str:
        from .wording import plural, severity_counts
        text = f"{plural(self.documents, 'document')} checked: {plural(self.claims, 'claim')}"
        text += f"; flags: {severity_counts(self.flags) or 'none'}"
        if self.dismissed:
            text += f" ({self.dismissed:,} dismissed)"
        if self.failed:
            text += f"; {plural(self.failed, 'file')} failed"
        return f"Total: {text}."


class Progress:
    """A transient rich progress bar on stderr, started only once the run has lasted a moment."""

    def __init__(self, total: int, enabled: bool) -> None:
        self.total, self.enabled = total, enabled
        self.t0 = time.monotonic()
        self.bar = None
        self.task = None
        self.done = 0

    def advance(self, path: str) -> None:
        self.done += 1
        if not self.enabled:
            return
        after = float(os.environ.get("CLAIMS_PROGRESS_AFTER", PROGRESS_AFTER))
        if self.bar is None and time.monotonic() - self.t0 >= after and self.done < self.total:
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress as Bar, TextColumn, TimeRemainingColumn
            self.bar = Bar(TextColumn("checking"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                           TextColumn("{task.description}"), console=Console(stderr=True), transient=True)
            self.task = self.bar.add_task("", total=self.total, completed=self.done)
            self.bar.start()
        if self.bar is not None:
            self.bar.update(self.task, completed=self.done, description=Path(path).name[:40])

    def close(self) -> None:
        if self.bar is not None:
            self.bar.stop()
            self.bar = None


class CheckRun:
    """The options of one ``claims check`` and the state of its run."""

    def __init__(self, *, pm: Any, settings: Any, render: Callable[..., str], format: str, output: Path | None,
                 fail_on: str, published: str | None, db: str | None, no_store: bool, plugin_files: list[str],
                 disable: list[str], max_bytes: int, jobs: int | None, dask: str | None, quiet: bool,
                 verbose: bool, color: bool | None, timeout: float | None = None) -> None:
        self.pm, self.settings, self.render, self.format = pm, settings, render, format
        self.output, self.fail_on, self.published = output, fail_on, published
        self.db, self.no_store, self.plugin_files, self.disable = db, no_store, plugin_files, disable
        self.max_bytes, self.jobs, self.dask = max_bytes, jobs, dask
        self.quiet, self.verbose, self.color = quiet, verbose, color
        self.timeout = timeout
        self.totals = Totals()
        self.input_errors: list[Any] = []
        self.plugin_failed = self.store_failed = self.output_failed = False
        self.store_failures = 0
        from .output import PluginFailures
        self.failures = PluginFailures()

    # -- setup ------------------------------------------------------------------------------
    def _open_store(self) -> tuple[Any, str | None]:
        """(store or None, its URL); the store module is not imported when there is nothing to open."""
        url = self.db or self.settings.value("db") or "claims.db"
        if self.no_store and "://" not in url and not Path(url).exists():
            return None, None  # a dry run with no store: nothing to read, no need for SQLAlchemy
        from .db import StoreError, open_store
        if "://" not in url and url != ":memory:":
            url = str(Path(url).absolute())  # workers (a Dask worker elsewhere) open the same file
        try:
            return open_store(url, create=not self.no_store), url
        except StoreError as exc:
            if self.no_store:
                if "no such file" not in str(exc):  # a store that is there but unusable is said, not dropped
                    err(f"warning: {exc}; checked without it")
                return None, None
            err(str(exc))
            raise typer.Exit(EXIT_STORE) from None

    def _executor(self, items: list[Any], pipeline: Any) -> Any:
        from .runner import DaskExecutor, ProcessExecutor, default_jobs
        if self.dask:
            try:
                return DaskExecutor(self.dask)
            except ImportError:
                err("--dask needs the Dask distributed scheduler: pip install 'claims[dask]'")
                raise typer.Exit(EXIT_INPUT) from None
            except (OSError, TimeoutError) as exc:
                err(f"--dask {self.dask}: cannot reach the scheduler: {exc}")
                raise typer.Exit(EXIT_INPUT) from None
        jobs = self.jobs if self.jobs is not None else default_jobs()
        if jobs < 2 or len(items) < 2:
            return None
        if self.jobs is None and _size(items) < AUTO_PARALLEL_BYTES:
            return None
        return ProcessExecutor(min(jobs, len(items)), pipeline)

    # -- the run ----------------------------------------------------------------------------
    def execute(self, paths: list[str]) -> int:
        """Check every path and write the report; returns the exit status."""
        import json
        from dataclasses import replace

        from .read import expand
        from .runner import Context, RunSpec, read_stage, run

        pipeline = make_pipeline(self.pm, self.settings)
        problems: list[Any] = []
        items: list[Any] = [read_stage("-", self.max_bytes, self.timeout) if p == "-" else p
                            for p in expand(paths, pipeline.suffixes(), problems)]
        for problem in problems:  # unreadable subfolders, link loops: said, and the rest is checked
            err(str(problem))
            self.input_errors.append((problem.path, problem.message))
        executor = self._executor(items, pipeline)  # forked before the store is opened
        try:
            store, url = self._open_store()
            pipeline.store = store.reader() if store else None
            spec = RunSpec(tuple(self.plugin_files), tuple(self.disable),
                           str(self.settings.path) if self.settings.path else None,
                           json.dumps(self.settings.data, default=str),
                           url if store is not None else None, self.published, self.max_bytes,
                           timeout=self.timeout)
            writing = store is not None and not self.no_store
            parent = Context(pipeline, spec, store, write=writing)
            worker_spec = replace(spec, checks=not writing, reader_url=None if writing else spec.reader_url)
            streams = getattr(self.render, "stream", None) is not None
            if not writing and (streams or not self._shows()):
                # the workers finish each document: they send its rendering and counts, not the records
                options = {k: v for k, v in self._options(sys.stdout).items() if k != "settings"}
                worker_spec = replace(worker_spec, slim=True, render_format=self.format if self._shows() else None,
                                      render_options_json=json.dumps(options))
            try:
                self._write_report(run(parent, items, executor, worker_spec), len(items))
            finally:
                if store is not None:
                    store.close()
        finally:
            if executor is not None:
                executor.close()
        return self._status()

    def _shows(self) -> bool:
        """Whether a report is written at all (not with --quiet, unless to a file)."""
        return not (self.quiet and self.output is None)

    def _options(self, stream: Any) -> dict[str, Any]:
        color = use_color(self.color, stream) if self.output is None else bool(self.color)
        return {"verbose": self.verbose, "color": color, "fail_on": self.fail_on, "settings": self.settings,
                "width": terminal_width(stream) if self.output is None else None}

    def _write_report(self, outcomes: Any, count: int) -> None:
        from .models import InputError, Report
        from .runner import digest

        show = self._shows()
        options = self._options(sys.stdout)
        stream_cls = getattr(self.render, "stream", None)
        try:
            sink = _Sink(self.output) if show else None
        except OutputError as exc:
            err(str(exc))
            self.output_failed = True
            return
        progress = Progress(count, enabled=count > 1 and not self.quiet and _isatty(sys.stderr))
        writer = None
        report = Report() if stream_cls is None and sink is not None else None
        try:
            if stream_cls is not None and sink is not None:
                writer = stream_cls(options)
                sink.write(writer.begin())
            for out in outcomes:
                progress.advance(out.path)
                dg = out.digest or (digest(out.document) if out.document is not None else None)
                self._note(out, dg)
                if dg is None:
                    continue
                if report is not None:
                    report.documents.append(out.document)
                elif writer is not None:
                    if self.totals.documents:
                        sink.write(getattr(writer, "separator", ""))
                    if out.rendered is not None:
                        sink.write(out.rendered)
                    elif hasattr(writer, "chunks"):  # a large document is written a piece at a time
                        for piece in writer.chunks(out.document):
                            sink.write(piece)
                    else:
                        sink.write(writer.document(out.document))
                self.totals.add(dg)
            progress.close()
            errors = [InputError(path=p, message=m) for p, m in self.input_errors]
            if report is not None and sink is not None:
                report.errors = errors
                sink.write(self.render(report, options) + "\n")
            elif writer is not None:
                sink.write(writer.end(errors, self.totals.documents))
        except KeyboardInterrupt:
            if sink is not None:
                sink.abort()
            raise
        except OutputError as exc:  # a full disk, /dev/full: no half-written report is left
            progress.close()
            if sink is not None:
                sink.abort()
            err(str(exc))
            self.output_failed = True
            return
        except BaseException as exc:  # noqa: BLE001 - a format plugin must not end in a traceback (sys.exit too)
            progress.close()
            if sink is not None:
                sink.abort()
            from .config import ConfigError
            if isinstance(exc, ConfigError):  # e.g. claimreview without the organisation it must publish
                err(f"{self.format}: {exc}")
                self.output_failed = True  # a configuration error: exit 2
                return
            err(f"format {self.format!r} failed: {type(exc).__name__}: {exc}")
            if self.verbose:
                import traceback
                sys.stderr.write(traceback.format_exc())
            self.plugin_failed = True
            return
        if sink is not None:
            try:
                sink.close()
            except OutputError as exc:
                err(str(exc))
                self.output_failed = True
                return
        self._total(count)

    def _note(self, out: Any, dg: Any) -> None:
        """Warnings and errors of one outcome, on stderr, in the order of the paths."""
        if out.problem is not None:
            err(f"{out.path}: {out.problem}")
            self.input_errors.append((out.path, out.problem))
            self.totals.failed += 1
            return
        if out.failure is not None:
            first, _, tb = out.failure.partition("\n")
            err(f"{out.path}: failed: {first}")
            if self.verbose and tb:
                sys.stderr.write(tb)
            self.plugin_failed = True
            self.totals.failed += 1
        if out.store_error is not None:
            if not self.store_failures:  # a full disk fails every document the same way: say it once
                err(out.store_error)
            self.store_failures += 1
            self.store_failed = True
        if not self.quiet:
            for w in out.warnings:
                err(f"warning: {w}")
        if self.verbose:
            err(f"checked {out.path}")
        if dg is not None:
            if dg.errors:
                self.failures.add(dg.path, dg.errors)  # said once per plugin at the end, with a count
                self.plugin_failed = True

    def _total(self, count: int) -> None:
        """The grand total: after every multi-document run, and whenever the report is not on screen."""
        self.failures.report(err, (lambda t: sys.stderr.write(t.rstrip("\n") + "\n")) if self.verbose else None)
        if self.store_failures > 1:
            err(f"{self.store_failures} documents were not stored (the first failure is above)")
        if count < 2 and not self.quiet and self.output is None:
            return
        line = self.totals.line()
        if self.format == "terminal" and self.output is None:
            sys.stdout.write(line + "\n")
        else:
            sys.stderr.write(line + "\n")
        if self._status() == EXIT_FLAGS and (self.quiet or self.output is not None):
            err(f"a flag reached --fail-on {self.fail_on} (exit {EXIT_FLAGS})")

    def _status(self) -> int:
        from .models import Severity
        if self.input_errors or self.output_failed:
            return EXIT_INPUT
        if self.plugin_failed:
            return EXIT_PLUGIN
        if self.store_failed:
            return EXIT_STORE
        if self.fail_on != "never" and self.totals.worst >= Severity(self.fail_on).rank:
            return EXIT_FLAGS
        return EXIT_OK


def _isatty(stream: Any) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False


def _size(items: list[Any]) -> int:
    total = 0
    for i in items:
        if isinstance(i, str):
            try:
                total += os.stat(i).st_size
            except OSError:
                pass
        elif hasattr(i, "text"):
            total += len(i.text)
    return total
