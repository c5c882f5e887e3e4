"""Writing what ``claims check`` produced: the report file, and plugin failures once per run.

:func:`write_report` writes to a temporary file beside the target and renames it into place, so a
missing folder, a full disk or ``/dev/full`` gives one :class:`OutputError` line and never leaves an
empty or half-written report (an existing report stays as it was).
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any, Callable, Iterable


class OutputError(Exception):
    """The report cannot be written; the message names the file and the reason."""


def write_report(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` whole or not at all (character devices such as /dev/stdout written directly)."""
    path = Path(path)
    try:
        if path.exists() and not path.is_file() and not path.is_dir():  # /dev/full, /dev/stdout, a pipe
            with open(path, "w", encoding="utf-8") as f:
                f.write(text)
            return
        folder = path.parent if str(path.parent) else Path(".")
        if not folder.is_dir():
            raise OutputError(f"cannot write report {path}: folder {folder} does not exist")
        if path.is_dir():
            raise OutputError(f"cannot write report {path}: is a directory")
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                f.write(text)
                f.flush()
                os.fsync(f.fileno())
            if path.exists():
                os.chmod(tmp, path.stat().st_mode & 0o7777)
            else:
                umask = os.umask(0)
                os.umask(umask)
                os.chmod(tmp, 0o666 & ~umask)
            os.replace(tmp, path)
        except BaseException:
            try:
                os.unlink(tmp)
            except OSError:
                pass
            raise
    except OutputError:
        raise
    except OSError as exc:
        raise OutputError(f"cannot write report {path}: {exc.strerror or exc}") from None


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
