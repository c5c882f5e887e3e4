"""Hook specifications: everything a claims plugin can implement.

A plugin is a module or object with functions decorated by ``claims.hookimpl``
whose names match the hooks below. An implementation may accept any subset of
a hook's arguments, by name::

    from claims import hookimpl, Flag

    @hookimpl
    def check_claim(claim):
        if "officials said" in claim.text:
            return Flag(checker="anonymous", code="anonymous-source", message="unnamed officials")

The built-in checkers, sources and output formats are plugins written exactly
like this one (see ``claims.plugins``). Every hook is documented with its
exact signature in ``docs/plugins/hooks.md``; a test keeps the two in step.
"""

from __future__ import annotations

from typing import Any, Callable, Iterable

import pluggy

hookspec = pluggy.HookspecMarker("claims")


@hookspec
def register_sources(register: Callable[..., Any]) -> None:
    """Add known sources to the registry used for attribution.

    :param register: call ``register(id=..., name=..., kind=..., parent=..., country=...,
        aliases=[...], nouns=[...])`` (or pass a ``claims.SourceDef``) once per source.
        Registering an existing id merges its aliases.
    """


@hookspec
def register_settings(register: Callable[..., Any]) -> None:
    """Declare a plugin's settings as a pydantic model.

    :param register: call ``register(name, Model)``. Users set values under
        ``[plugins.NAME]`` in ``claims.toml`` (or ``[tool.claims.plugins.NAME]`` in
        ``pyproject.toml``); invalid values stop the run at start-up naming plugin and key.
        Read them back with ``settings.get(name)`` in any hook that accepts ``settings``.
    """


@hookspec
def register_formats(register: Callable[..., Any]) -> None:
    """Add output formats to ``claims check --format``.

    :param register: call ``register(name, render)`` where ``render(report, options)``
        returns the text to print; ``report`` is a ``claims.Report`` and ``options`` a dict
        (``verbose``, ``color``, ``fail_on``).
    """


@hookspec
def register_commands(cli: Any) -> None:
    """Add subcommands to the ``claims`` command line.

    :param cli: the ``typer.Typer`` application; decorate functions with ``@cli.command()``.
    """


@hookspec(firstresult=True)
def read_document(data: bytes, path: str, media_type: str | None, url: str | None,
                  settings: Any) -> Any:
    """Turn the bytes of one input into documents to check (first non-None result wins).

    Readers sniff ``data`` (and may look at ``path``'s suffix and ``media_type``) and
    return None for content they do not read, so the next reader can try; the plain-text
    reader runs last. Raise ``claims.ReadError`` with a one-line reason for input that
    is of your kind but cannot be read (a scanned PDF, a malformed feed).

    :param data: the raw bytes (already within the size limit).
    :param path: the file path, ``<stdin>``, or the URL it came from.
    :param media_type: the ``Content-Type`` media type of a fetched URL, else None.
    :param url: the URL the bytes were fetched from (after redirects), else None.
    :param settings: the ``claims.config.Settings`` of this run.
    :return: a ``claims.DocumentIn``, a list of them (a feed's items), or None.
    """


@hookspec
def reader_suffixes() -> list[str]:
    """File suffixes (``".html"``) a reader handles, so a directory argument picks those files.

    :return: a list of lower-case suffixes with their dot.
    """


@hookspec(firstresult=True)
def segment_text(text: str, chrome_removed: bool) -> Iterable[Any] | None:
    """Split a document into paragraphs and sentences (first non-None result wins).

    :param text: the whole document text.
    :param chrome_removed: True when the reader has already set page chrome aside (a web
        page's main text, a PDF's body: ``DocumentIn.chrome_removed``), so rules for text
        copied out of a browser (menus, "most read" lists) must not run on it.
    :return: an iterable of ``claims.segment.Block`` with sentence and skipped spans
        whose offsets index ``text``, or None to let the next implementation decide.
    """


@hookspec
def check_claim(claim: Any, document: Any, store: Any, settings: Any) -> Any:
    """Check one claim; called once per claim after attribution and extraction.

    :param claim: the ``claims.Claim`` (text, offsets, source, quantities, hedges, dates).
    :param document: the ``claims.Document`` being checked (all its claims, its text).
    :param store: a read-only ``claims.db.StoreReader`` over claims already stored,
        or None when running with ``--no-store``.
    :param settings: the ``claims.config.Settings`` of this run.
    :return: a ``claims.Flag``, a list of them, or None. ``claim_id`` is filled in for you.
    """


@hookspec
def check_document(document: Any, store: Any, settings: Any) -> Any:
    """Check a whole document, for checks that relate several claims.

    Called once per document after every ``check_claim``.

    :param document: the ``claims.Document`` with its claims.
    :param store: read-only ``claims.db.StoreReader``, or None with ``--no-store``.
    :param settings: the ``claims.config.Settings`` of this run.
    :return: a ``claims.Flag`` or a list of them (set ``claim_id`` to attach one to a claim,
        leave it None for a document-level flag), or None.
    """


@hookspec
def summarize_document(document: Any, settings: Any) -> dict[str, Any] | None:
    """Contribute figures to a document's summary; called after ``check_document``.

    :param document: the ``claims.Document`` after checking.
    :param settings: the ``claims.config.Settings`` of this run.
    :return: a dict merged into ``document.summary`` (e.g. ``{"relations": {...}}``) or None.
    """


# -- extraction stages ---------------------------------------------------------------
# Each stage is a factory hook: called once per pipeline (once per document for the
# stateful attributor), it returns the object the pipeline then calls per sentence, so a
# replacement costs no pluggy dispatch per sentence. The built-ins are trylast defaults.


@hookspec(firstresult=True)
def make_attributor(registry: Any, settings: Any, text: str) -> Any | None:
    """Make the attributor for one document (first non-None result wins).

    Called once at the start of every document.

    :param registry: the ``claims.sources.Registry`` of known sources.
    :param settings: the ``claims.config.Settings`` of this run.
    :param text: the whole document text (for attributors that read ahead or run a model
        over the document once).
    :return: an object whose ``attribute(sentence)`` is called for each sentence of the
        document in order, with a ``claims.attribute.SentenceIn`` (``text``, ``start``
        offset in the document, ``paragraph`` index), and returns a ``claims.Source`` or
        None for the publisher's own voice. None lets the next implementation decide.
    """


@hookspec(firstresult=True)
def make_quantity_extractor(settings: Any) -> Callable[..., Any] | None:
    """Make the quantity extractor (first non-None result wins); called once per pipeline.

    :param settings: the ``claims.config.Settings`` of this run.
    :return: ``extract(text, offset)`` returning a list of ``claims.Quantity`` whose
        ``start``/``end`` are document offsets (``offset`` is where ``text`` starts).
    """


@hookspec(firstresult=True)
def make_date_extractor(settings: Any) -> Callable[..., Any] | None:
    """Make the date extractor (first non-None result wins); called once per pipeline.

    :param settings: the ``claims.config.Settings`` of this run.
    :return: ``extract(text, offset, published)`` returning a list of ``claims.models.DateMention``;
        ``published`` is the document's ``datetime.date`` or None, for relative dates.
    """


@hookspec(firstresult=True)
def make_hedge_finder(settings: Any) -> Callable[..., Any] | None:
    """Make the hedge finder (first non-None result wins); called once per pipeline.

    :param settings: the ``claims.config.Settings`` of this run.
    :return: ``find(text, offset)`` returning a list of ``claims.Hedge`` with document offsets.
    """
