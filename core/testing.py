"""The test kit for plugin authors, loaded by pytest through the ``pytest11`` entry point.

Fixtures:

``claims_run``
    Check a text or file with the built-ins plus your plugins, isolated from the
    user's configuration, installed plugins and store::

        def test_flags_anonymous_sources(claims_run):
            doc = claims_run("Officials said 40 people died.", plugins=[my_plugin])
            assert doc.flags_by("anonymous") == ["anonymous-source"]

``claims_cli``
    Run the ``claims`` command line in-process: ``result = claims_cli("check", "x.txt")``;
    ``result.exit_code``, ``result.stdout``.

Both run in a temporary directory with ``CLAIMS_LOAD_ENTRYPOINTS=0`` unless you ask
for installed plugins with ``entrypoints=True``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Iterable

import pytest


class CheckedDocument:
    """A checked ``claims.Document`` with helpers for assertions."""

    def __init__(self, document) -> None:
        self.document = document

    def __getattr__(self, name: str) -> Any:
        return getattr(self.document, name)

    @property
    def flags(self) -> list:
        return [f for c in self.document.claims for f in c.flags] + list(self.document.flags)

    def flags_by(self, checker: str) -> list[str]:
        """The codes of the flags raised by one checker, in document order."""
        return [f.code for f in self.flags if f.checker == checker]

    def sources(self) -> list[str | None]:
        """Each claim's source id (None for the publisher's voice), in order."""
        return [c.source.id if c.source else None for c in self.document.claims]


def run_check(text: str | Path, plugins: Iterable[object] = (), disable: Iterable[str] = (),
              published: str | None = None, entrypoints: bool = False, config: dict | None = None,
              store: Any = None) -> CheckedDocument:
    """Check ``text`` (or the file at that path) with the built-ins plus ``plugins``."""
    from .config import Settings
    from .pipeline import Pipeline
    from .plugin_manager import make_plugin_manager

    extra = [(getattr(p, "__name__", None) or type(p).__name__, p) for p in plugins]
    pm = make_plugin_manager(disable=disable, load_entrypoints=entrypoints, extra=extra)
    pipeline = Pipeline(pm, Settings(config or {}), store)
    if isinstance(text, Path):
        return CheckedDocument(pipeline.check_file(text, published))
    return CheckedDocument(pipeline.check_text(text, "<test>", published))


@pytest.fixture
def claims_run(tmp_path, monkeypatch):
    """Check a string or file with chosen plugins; returns a ``CheckedDocument``."""
    monkeypatch.setenv("CLAIMS_LOAD_ENTRYPOINTS", "0")
    monkeypatch.delenv("CLAIMS_PLUGINS", raising=False)
    monkeypatch.delenv("CLAIMS_CONFIG", raising=False)
    monkeypatch.chdir(tmp_path)
    return run_check


@pytest.fixture
def claims_cli(tmp_path, monkeypatch):
    """Run the ``claims`` CLI in-process in a temporary directory; returns a click Result."""
    from typer.testing import CliRunner

    from .cli import get_app

    monkeypatch.setenv("CLAIMS_LOAD_ENTRYPOINTS", "0")
    monkeypatch.delenv("CLAIMS_PLUGINS", raising=False)
    monkeypatch.delenv("CLAIMS_CONFIG", raising=False)
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()

    def invoke(*args: str, input: str | None = None):
        return runner.invoke(get_app(), list(args), input=input)

    return invoke
