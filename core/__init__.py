"""claims: a fact-checking claim tracker.

Everything a plugin needs is importable from here::

    from claims import hookimpl, Flag

The names load on first use (PEP 562), so ``claims --version`` does not build the
pydantic models.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

_LAZY = {
    **{name: "models" for name in (
        "SCHEMA_VERSION", "Cell", "Claim", "DateMention", "Document", "DocumentIn", "Flag", "Hedge", "Mode",
        "Quantity", "Report", "Severity", "Skipped", "Source", "Span", "TextBlock")},
    "hookimpl": "plugin_manager",
    "ReadError": "read",
    "SourceDef": "sources",
}

__all__ = [
    "SCHEMA_VERSION", "Cell", "Claim", "DateMention", "Document", "DocumentIn", "Flag", "Hedge", "Mode",
    "Quantity", "ReadError", "Report", "Severity", "Skipped", "Source", "SourceDef", "Span", "TextBlock",
    "hookimpl", "__version__",
]

if TYPE_CHECKING:
    from .models import (
        SCHEMA_VERSION, Cell, Claim, DateMention, Document, DocumentIn, Flag, Hedge, Mode, Quantity, Report,
        Severity, Skipped, Source, Span, TextBlock,
    )
    from .plugin_manager import hookimpl
    from .read import ReadError
    from .sources import SourceDef


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import importlib
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
