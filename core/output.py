"""Writing what ``claims check`` produced: the report file, and plugin failures once per run.

:func:`write_report` writes to a temporary file beside the target and renames it into place, so a
missing folder, a full disk or ``/dev/full`` gives one :class:`OutputError` line and never leaves an
empty or half-written report (an existing report stays as it was).
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path
from typing import Any, Callable, Iterable


class OutputError(Exception):
    """The report cannot be written; the message names the file and the reason."""


def write_report(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` whole or not at all (character devices such as /dev/stdout written directly)."""
    sink = ReportSink(path)
    try:
        sink.write(text)
    except BaseException:
        sink.abort()
        raise
    sink.close()


class ReportSink:
    """Standard output, or the -o file written as text arrives to a temporary file beside it and renamed
    into place when complete: a missing folder or a full disk is one :class:`OutputError`, and never an
    empty or half report (an earlier report stays as it was)."""

    def __init__(self, output: Path | None) -> None:
        self.owned = output is not None
        self.last_newline = True
        self.path = Path(output) if output is not None else None
        self.tmp: str | None = None
        if output is None:
            self.fh = sys.stdout
            return
        path = self.path
        try:
            if path.exists() and not path.is_file() and not path.is_dir():  # /dev/full, /dev/stdout, a pipe
                self.fh = open(path, "w", encoding="utf-8")  # noqa: SIM115
                return
            folder = path.parent if str(path.parent) else Path(".")
            if not folder.is_dir():
                raise OutputError(f"cannot write report {path}: folder {folder} does not exist")
            if path.is_dir():
                raise OutputError(f"cannot write report {path}: is a directory")
            fd, self.tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
            self.fh = os.fdopen(fd, "w", encoding="utf-8")
        except OSError as exc:
            raise OutputError(f"cannot write report {path}: {exc.strerror or exc}") from None

    def write(self, text: str) -> None:
        if text:
            try:
                self.fh.write(text)
            except OSError as exc:
                raise OutputError(f"cannot write report {self.path or 'to standard output'}: {exc.strerror or exc}") from None
            self.last_newline = text.endswith("\n")

    def close(self) -> None:
        if not self.owned:
            if not self.last_newline:
                self.fh.write("\n")
            self.fh.flush()
            return
        try:
            if not self.last_newline:
                self.fh.write("\n")
            self.fh.flush()
            if self.tmp is not None:
                os.fsync(self.fh.fileno())
            self.fh.close()
            if self.tmp is not None:
                _publish(self.tmp, self.path)
                self.tmp = None
        except OSError as exc:
            self.abort()
            raise OutputError(f"cannot write report {self.path}: {exc.strerror or exc}") from None

    def abort(self) -> None:
        """Drop what was written to the -o file (the temporary file); standard output is only flushed."""
        if not self.owned:
            try:
                self.fh.flush()
            except OSError:
                pass
            return
        try:
            self.fh.close()
        except OSError:
            pass
        if self.tmp is not None:
            try:
                os.unlink(self.tmp)
            except OSError:
                pass
            self.tmp = None


def _publish(tmp: str, path: Path) -> None:
    """Rename the finished temporary report into place with the permissions a new file would get."""
    if path.exists():
        os.chmod(tmp, path.stat().st_mode & 0o7777)
    else:
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
    os.replace(tmp, path)


class PluginFailures:
    """Plugin failures of a run, reported once per plugin and hook with how often and where they happened."""

    def __init__(self) -> None:
        self._seen: dict[tuple[str, str], list[Any]] = {}

    def add(self, path: str, errors: Iterable[Any]) -> None:
        for e in errors:
            entry = self._seen.setdefault((e.plugin, e.hook), [0, 0, e, path])
            entry[0] += getattr(e, "count", 1)
            entry[1] += 1

    def report(self, err: Callable[[str], None], echo: Callable[[str], None] | None = None) -> None:
        for (plugin, hook), (calls, docs, first, path) in self._seen.items():
            where = f" on claim {first.claim_id}" if first.claim_id else ""
            times = "" if calls == 1 else f" (failed {calls} times in {docs} document{'s' if docs != 1 else ''})"
            err(f"plugin {plugin!r} failed in {hook}{where} ({path}): {first.message}{times}")
            if echo is not None and first.traceback:
                echo(first.traceback)
