"""claims: a fact-checking claim tracker.

Everything a plugin needs is importable from here::

    from claims import hookimpl, Flag
"""

__version__ = "0.1.0"

from .models import (  # noqa: E402
    SCHEMA_VERSION, Cell, Claim, DateMention, Document, DocumentIn, Flag, Hedge, Mode, Quantity, Report,
    Severity, Skipped, Source, Span, TextBlock,
)
from .plugin_manager import hookimpl  # noqa: E402
from .read import ReadError  # noqa: E402
from .sources import SourceDef  # noqa: E402

__all__ = [
    "SCHEMA_VERSION", "Cell", "Claim", "DateMention", "Document", "DocumentIn", "Flag", "Hedge", "Mode",
    "Quantity", "ReadError", "Report", "Severity", "Skipped", "Source", "SourceDef", "Span", "TextBlock",
    "hookimpl", "__version__",
]
