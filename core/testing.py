"""The test kit for plugin authors, loaded by pytest through the ``pytest11`` entry point.

Installing ``claims`` is enough: these fixtures are available in every test, no
``conftest.py`` or import needed. ``docs/plugins/testing.md`` is the guide.

Fixtures:

``claims_run``
    Check a text or file with the built-ins plus your plugins, isolated from the
    user's configuration, installed plugins and store::

        def test_flags_anonymous_sources(claims_run):
            doc = claims_run("Officials said 40 people died.", plugins=[my_plugin])
            assert doc.flags_by("anonymous-sources") == ["anonymous-source"]

    Returns a :class:`CheckedDocument`. A plugin that raises fails the test with
    its traceback (``raise_errors=False`` keeps the error in ``doc.errors`` instead).

``claims_cli``
    Run the ``claims`` command line in-process: ``result = claims_cli("check", "x.txt")``;
    ``result.exit_code``, ``result.stdout``, ``result.stderr``. ``plugins=[...]``
    loads plugin objects as if they were installed (their formats and commands too).

``check_stage_plugin(plugin)``
    For a plugin that replaces an extraction stage (``make_attributor``,
    ``make_quantity_extractor``, ``make_date_extractor``, ``make_hedge_finder``): checks the
    pipeline uses it and that what it returns fits the claims; returns the checked document.

``claims_store``
    A fresh SQLite store (``claims.db.Store``) in a temporary directory, closed after
    the test. Pass it to ``claims_run(..., store=claims_store)``: your checkers get its
    reader and the checked document is saved, so a second run sees the first.

All run in a temporary directory with ``CLAIMS_LOAD_ENTRYPOINTS=0`` (installed
plugins are not loaded unless you ask with ``entrypoints=True``) and without
``CLAIMS_PLUGINS``, ``CLAIMS_CONFIG``, ``CLAIMS_DB`` or ``CLAIMS_DISABLE``.
"""

from __future__ import annotations

import copy
import os
from pathlib import Path
from typing import Any, Iterable

import pytest

__all__ = ["CheckedDocument", "PluginFailed", "STAGE_HOOKS", "builtin_checkers", "check_stage_plugin", "run_check"]

_ISOLATE = ("CLAIMS_PLUGINS", "CLAIMS_CONFIG", "CLAIMS_DB", "CLAIMS_DISABLE")


class PluginFailed(AssertionError):
    """A plugin raised while checking; the message carries its traceback."""


class CheckedDocument:
    """A checked ``claims.Document`` with helpers for assertions.

    Every attribute of the document is available directly (``doc.claims``,
    ``doc.summary``, ``doc.errors``...); ``doc.document`` is the document itself.
    """

    def __init__(self, document, saved: Any = None) -> None:
        self.document = document
        #: the store's ``SaveResult`` when checked with ``store=`` (else None)
        self.saved = saved

    def __getattr__(self, name: str) -> Any:
        return getattr(self.document, name)

    def __repr__(self) -> str:
        return f"CheckedDocument({self.document.path!r}, claims={len(self.document.claims)}, flags={len(self.flags)})"

    @property
    def flags(self) -> list:
        """Every flag: the claims' in document order, then the document-level ones."""
        return [f for c in self.document.claims for f in c.flags] + list(self.document.flags)

    def flags_by(self, checker: str) -> list[str]:
        """The codes of the flags raised by one checker, in document order."""
        return [f.code for f in self.flags if f.checker == checker]

    def flags_of(self, checker: str | None = None, code: str | None = None) -> list:
        """The ``claims.Flag`` objects raised by ``checker`` (and with ``code``), in document order."""
        return [f for f in self.flags
                if (checker is None or f.checker == checker) and (code is None or f.code == code)]

    def flag(self, checker: str, code: str | None = None):
        """The one flag ``checker`` raised (with ``code``); fails the test when there are none or several."""
        found = self.flags_of(checker, code)
        what = f"{checker!r}" + (f" with code {code!r}" if code else "")
        if len(found) != 1:
            raise AssertionError(f"expected one flag from {what}, got {len(found)}: "
                                 f"{[(f.code, f.message) for f in found]}")
        return found[0]

    def flagged(self, checker: str, code: str | None = None) -> list[str]:
        """The text of each claim ``checker`` flagged (once per claim), in document order."""
        out = []
        for c in self.document.claims:
            if any(f.checker == checker and (code is None or f.code == code) for f in c.flags):
                out.append(c.text)
        return out

    def messages(self, checker: str) -> list[str]:
        """The messages of one checker's flags, in document order."""
        return [f.message for f in self.flags if f.checker == checker]

    def sources(self) -> list[str | None]:
        """Each claim's source id (None for the publisher's voice), in order."""
        return [c.source.id if c.source else None for c in self.document.claims]

    def attributions(self) -> list[tuple[str, str | None, str | None]]:
        """Each claim as ``(text, source name or None, mode or None)``, in order."""
        return [(c.text, c.source.name if c.source else None, c.source.mode.value if c.source else None)
                for c in self.document.claims]

    def json(self) -> dict[str, Any]:
        """The document as ``claims check --format json`` writes it (one entry of ``documents``)."""
        import json
        return json.loads(self.document.model_dump_json(exclude={"text"}))


def builtin_checkers() -> list[str]:
    """Names of the built-in plugins that check (``hedge``, ``arithmetic``, ``conflict``...)."""
    import importlib

    from .plugin_manager import BUILTIN_PLUGINS, builtin_name

    names = []
    for modname in BUILTIN_PLUGINS:
        module = importlib.import_module(modname)
        if any(hasattr(module, h) for h in ("check_claim", "check_document", "summarize_document")):
            names.append(builtin_name(modname))
    return names


def _named_plugins(plugins: Iterable[object]) -> tuple[list[tuple[str, object]], list[Path]]:
    """Split ``plugins`` into (name, object) pairs and ``.py`` files; names are made unique."""
    objects: list[tuple[str, object]] = []
    files: list[Path] = []
    for p in plugins:
        if isinstance(p, (str, os.PathLike)):
            files.append(Path(p))
            continue
        if isinstance(p, tuple) and len(p) == 2 and isinstance(p[0], str):
            name, obj = p
        else:
            obj = p
            name = getattr(p, "__name__", None) or type(p).__name__
        base, n = name, 2
        while any(name == other for other, _ in objects):
            name, n = f"{base}-{n}", n + 1
        objects.append((name, obj))
    return objects, files


def run_check(text: str | Path, plugins: Iterable[object] = (), disable: Iterable[str] = (),
              published: str | None = None, entrypoints: bool = False, config: dict | None = None,
              store: Any = None, builtins: bool = True, raise_errors: bool = True,
              path: str = "<test>") -> CheckedDocument:
    """Check ``text`` (or the file at that ``Path``) with the built-ins plus ``plugins``.

    :param plugins: plugin objects (modules, classes' instances), ``(name, object)`` pairs,
        or paths to ``.py`` files (loaded like ``--plugin``).
    :param disable: plugin names to turn off, as ``--disable``.
    :param published: the publication date, ``YYYY-MM-DD``.
    :param entrypoints: also load installed plugins (entry-point group ``claims``).
    :param config: the configuration as a dict, as read from ``claims.toml``:
        ``{"plugins": {"my-checker": {"severity": "error"}}}``.
    :param store: a ``claims.db.Store`` (checkers read it; the document is saved to it)
        or a read-only ``StoreReader`` (checkers read it; nothing is saved).
    :param builtins: False turns off the built-in checkers (``builtin_checkers()``), so only
        your plugins flag; segmentation, attribution and the built-in sources stay.
    :param raise_errors: a plugin that raised fails with :class:`PluginFailed` (default),
        or, when False, is left in ``doc.errors`` as the command line would report it.
    :param path: the document's path when ``text`` is a string.
    """
    from .config import Settings
    from .pipeline import Pipeline
    from .plugin_manager import make_plugin_manager

    objects, files = _named_plugins(plugins)
    disabled = list(disable) + ([] if builtins else builtin_checkers())
    pm = make_plugin_manager(files, disable=disabled, load_entrypoints=entrypoints, extra=objects)
    writable = store if store is not None and hasattr(store, "reader") else None
    reader = writable.reader() if writable is not None else store
    pipeline = Pipeline(pm, Settings(config or {}), reader)
    if isinstance(text, Path):
        doc = pipeline.check_file(text, published)
    else:
        doc = pipeline.check_text(text, path, published)
    if raise_errors and doc.errors:
        parts = []
        for e in doc.errors:
            where = f" on claim {e.claim_id}" if e.claim_id else ""
            parts.append(f"plugin {e.plugin!r} raised in {e.hook}{where}: {e.message}\n{e.traceback or ''}")
        raise PluginFailed("\n".join(parts))
    saved = None
    if writable is not None:
        writable.apply_decisions(doc)
        pipeline.summarize(doc)
        saved = writable.save(doc)
    return CheckedDocument(doc, saved)


#: the extraction-stage hooks and the claim field each one fills
STAGE_HOOKS = {"make_attributor": "source", "make_quantity_extractor": "quantities",
               "make_date_extractor": "dates", "make_hedge_finder": "hedges"}

_STAGE_SAMPLE = (
    "Ukraine's General Staff said Russian forces lost 620 troops on Tuesday, 3 May.\n\n"
    "\u201cThe enemy is likely to regroup,\u201d the Ukrainian defence ministry said in a statement. "
    "It added that at least 12 civilians were killed.\n\n"
    "Russian officials, however, denied the figures, according to the state news agency TASS.\n"
)


def check_stage_plugin(plugin: object, text: str | Path | None = None, published: str | None = "2026-05-04",
                       config: dict | None = None) -> CheckedDocument:
    """Check that ``plugin``'s extraction stages are the ones the pipeline uses, and well-formed.

    For every stage hook ``plugin`` implements (``STAGE_HOOKS``), the document checked with it
    must carry what the plugin's own stage returns when called directly, and each result must
    fit the claim: a ``claims.Source`` (or None) whose mention offsets are inside the sentence
    and spell the mention; quantities, dates and hedges whose offsets are inside the sentence.
    Raises ``AssertionError`` naming the stage and the sentence; returns the checked document.
    """
    import datetime as dt
    import inspect

    from .attribute import SentenceIn
    from .config import Settings
    from .models import DateMention, Hedge, Quantity, Source

    hooks = [h for h in STAGE_HOOKS if callable(getattr(plugin, h, None))]
    if not hooks:
        raise AssertionError(f"{plugin!r} implements none of the stage hooks {sorted(STAGE_HOOKS)}")
    doc = run_check(text if text is not None else _STAGE_SAMPLE, plugins=[plugin], builtins=False,
                    published=published, config=config)
    if not doc.claims:
        raise AssertionError("the sample text gave no claims; pass a text with sentences")
    from .pipeline import Pipeline
    from .plugin_manager import make_plugin_manager

    registry = Pipeline(make_plugin_manager(load_entrypoints=False, extra=[("stage-under-test", plugin)]),
                        Settings(config or {})).registry
    settings = Settings(config or {})

    def call(hook: str, **kwargs: Any) -> Any:
        fn = getattr(plugin, hook)
        wanted = inspect.signature(fn).parameters
        made = fn(**{k: v for k, v in kwargs.items() if k in wanted})
        if made is None:
            raise AssertionError(f"{hook} returned None for the sample; the built-in answered instead")
        return made

    date = dt.date.fromisoformat(published) if published else None
    attributor = call("make_attributor", registry=registry, settings=settings, text=doc.text) if "make_attributor" in hooks else None
    makers = {h: call(h, settings=settings) for h in hooks if h != "make_attributor"}
    kinds = {"quantities": Quantity, "dates": DateMention, "hedges": Hedge}
    for claim in doc.claims:
        where = f"sentence {claim.text!r}"
        for hook in hooks:
            field = STAGE_HOOKS[hook]
            got = getattr(claim, field)
            if hook == "make_attributor":
                want = attributor.attribute(SentenceIn(claim.text, claim.start, claim.paragraph))
                if got is not None and not isinstance(got, Source):
                    raise AssertionError(f"make_attributor: attribute() gave {type(got).__name__}, "
                                         f"not a claims.Source or None, for {where}")
                if (want and want.model_dump()) != (got and got.model_dump()):
                    raise AssertionError(f"make_attributor: the pipeline's source {got!r} is not the plugin's "
                                         f"{want!r} for {where} (is another make_attributor answering first?)")
                if got is not None and got.mention_start is not None:
                    if not (claim.start <= got.mention_start <= (got.mention_end or -1) <= claim.end):
                        raise AssertionError(f"make_attributor: mention offsets {got.mention_start}-"
                                             f"{got.mention_end} are outside {where} ({claim.start}-{claim.end})")
                    if doc.text[got.mention_start:got.mention_end] != got.mention:
                        raise AssertionError(f"make_attributor: mention {got.mention!r} is not the text at its "
                                             f"offsets ({doc.text[got.mention_start:got.mention_end]!r})")
                continue
            fn = makers[hook]
            want = fn(claim.text, claim.start, date) if hook == "make_date_extractor" else fn(claim.text, claim.start)
            # compare what the plugin gave: the pipeline adds each figure's reading (scope, period, source)
            if [w.model_dump(include=w.model_fields_set) for w in want] != \
                    [g.model_dump(include=w.model_fields_set) for w, g in zip(want, got)] or len(want) != len(got):
                raise AssertionError(f"{hook}: the pipeline's {field} are not the plugin's for {where} "
                                     f"(is another {hook} answering first?)")
            for item in got:
                if not isinstance(item, kinds[field]):
                    raise AssertionError(f"{hook}: gave {type(item).__name__}, not {kinds[field].__name__}, for {where}")
                if not (claim.start <= item.start <= item.end <= claim.end):
                    raise AssertionError(f"{hook}: offsets {item.start}-{item.end} are outside {where} "
                                         f"({claim.start}-{claim.end}); add the offset argument")
    return doc


def _isolate(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CLAIMS_LOAD_ENTRYPOINTS", "0")
    for var in _ISOLATE:
        monkeypatch.delenv(var, raising=False)
    monkeypatch.chdir(tmp_path)


@pytest.fixture
def claims_run(tmp_path, monkeypatch):
    """Check a string or file with chosen plugins; returns a ``CheckedDocument``.

    ``claims_run(text_or_path, plugins=[...], config={...}, disable=[...], builtins=True,
    published=None, store=None, entrypoints=False, raise_errors=True)``.
    """
    _isolate(tmp_path, monkeypatch)
    return run_check


@pytest.fixture
def claims_store(tmp_path):
    """A fresh SQLite store in a temporary directory (``claims.db.Store``), closed after the test."""
    try:
        from . import db
    except ImportError:  # pragma: no cover - the store is part of claims
        pytest.skip("claims.db is not available")
    if not hasattr(db, "open_store"):  # pragma: no cover
        pytest.skip("claims.db has no open_store")
    folder = tmp_path / "claims-store"
    folder.mkdir(exist_ok=True)
    store = db.open_store(str(folder / "claims.db"))
    try:
        yield store
    finally:
        store.close()


def _plugin_objects(plugins: Iterable[object]) -> list[tuple[str, object]]:
    """(name, object) pairs, ``.py`` files imported as modules named after the file."""
    from .plugin_manager import _load_file

    objects, files = _named_plugins(plugins)
    return objects + [(f.stem, _load_file(f)) for f in files]


def _app_with(plugins: list[tuple[str, object]]):
    """The ``claims`` app, plus the commands ``plugins`` register, without touching the shared app."""
    from .cli import get_app
    from .plugin_manager import make_plugin_manager

    base = get_app()
    if not plugins:
        return base
    app = copy.copy(base)
    app.registered_commands = list(base.registered_commands)
    app.registered_groups = list(base.registered_groups)
    pm = make_plugin_manager(builtins=False, load_entrypoints=False, extra=plugins)
    pm.hook.register_commands(cli=app)
    return app


@pytest.fixture
def claims_cli(tmp_path, monkeypatch):
    """Run the ``claims`` CLI in-process in a temporary directory; returns a click ``Result``.

    ``claims_cli(*args, input=None, plugins=[...], env={...})``: ``plugins`` are loaded as if
    installed (checkers, sources, formats and commands); ``env`` sets environment variables
    for this call only.
    """
    from typer.testing import CliRunner

    from . import cli as cli_module

    _isolate(tmp_path, monkeypatch)
    runner = CliRunner()

    def invoke(*args: str, input: str | None = None, plugins: Iterable[object] = (),
               env: dict[str, str] | None = None):
        objects = _plugin_objects(plugins)
        app = _app_with(objects)  # before patching: the shared app never sees these plugins
        with monkeypatch.context() as m:
            if objects:
                real = cli_module.make_plugin_manager

                def with_plugins(plugin_files=(), disable=(), **kw):
                    kw["extra"] = [*kw.get("extra", ()), *objects]
                    return real(plugin_files, disable, **kw)

                m.setattr(cli_module, "make_plugin_manager", with_plugins)
            for k, v in (env or {}).items():
                m.setenv(k, v)
            return runner.invoke(app, [str(a) for a in args], input=input)

    return invoke
