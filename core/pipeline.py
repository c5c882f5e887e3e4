"""The pipeline: read -> segment -> attribute -> extract -> check -> (store) -> report.

Usable from Python without the CLI::

    from claims.pipeline import Pipeline
    doc = Pipeline().check_text(open("report.txt").read(), path="report.txt")
    for claim in doc.claims:
        print(claim.source.name if claim.source else "(publisher)", claim.text)
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import Counter
from pathlib import Path
from typing import Any, Iterator

from .attribute import SentenceIn
from .check import all_flags, run_checks
from .config import Settings
from .extract.dates import find_document_date
from .models import Claim, Document, Paragraph, Skipped, Summary, Source, stable_id, trusted_builder
from .plugin_manager import PluginManager, call_registration, make_plugin_manager
from .read import Input
from .segment import front_matter
from .sources import build_registry


# Claims are built from values the stages have already typed (every field given, fresh
# lists): skip pydantic validation when it is checked to give the same record.
_make_claim = trusted_builder(Claim, {
    "id": "c_0", "text": "It said 3 people died.", "start": 0, "end": 22, "line": 1, "paragraph": 0,
    "source": Source(id="x", name="X", mention="It", mode="indirect"), "quantities": [], "hedges": [],
    "dates": [], "flags": [], "status": None})


class Pipeline:
    """Checks documents with a set of plugins, a source registry and settings."""

    def __init__(self, pm: PluginManager | None = None, settings: Settings | None = None,
                 store: Any = None) -> None:
        self.pm = pm or make_plugin_manager()
        self.settings = settings or Settings()
        for impl in self.pm.hook.register_settings.get_hookimpls():
            call_registration(impl, self.settings.declare)
        self.registry = build_registry(self.pm, self.settings)
        self.store = store
        # the extraction stages, made once (hooks ``make_*``); a disabled stage finds nothing
        hook = self.pm.hook
        self.extract_quantities = hook.make_quantity_extractor(settings=self.settings) or _none_found
        self.extract_dates = hook.make_date_extractor(settings=self.settings) or _none_found
        self.find_hedges = hook.make_hedge_finder(settings=self.settings) or _none_found

    # -- stages --------------------------------------------------------------------
    def segment(self, text: str):
        return self.pm.hook.segment_text(text=text)

    def iter_claims(self, text: str, sha256: str, published: dt.date | None = None,
                    document: Document | None = None) -> Iterator[Claim]:
        """Segment, attribute and extract, one paragraph at a time (memory does not grow with input)."""
        attributor = self.pm.hook.make_attributor(registry=self.registry, settings=self.settings, text=text)
        attribute = attributor.attribute if attributor is not None else _nothing
        extract_quantities, find_hedges, extract_dates = self.extract_quantities, self.find_hedges, self.extract_dates
        for block in self.segment(text):
            if document is not None:
                document.paragraphs.append(Paragraph(index=block.index, start=block.start, end=block.end, line=block.line))
                for s, e, line, reason in block.skipped:
                    document.skipped.append(Skipped(text=text[s:e], start=s, end=e, line=line, reason=reason))
            for s, e, line in block.sentences:
                sentence = text[s:e]
                source = attribute(SentenceIn(sentence, s, block.index))
                yield _make_claim({
                    "id": stable_id("c", sha256, s, e),
                    "text": sentence, "start": s, "end": e, "line": line, "paragraph": block.index,
                    "source": source,
                    "quantities": extract_quantities(sentence, s),
                    "hedges": find_hedges(sentence, s),
                    "dates": extract_dates(sentence, s, published),
                    "flags": [], "status": None,
                })

    def check_text(self, text: str, path: str = "<string>", published: dt.date | str | None = None,
                   sha256: str | None = None, encoding: str = "utf-8", warnings: list[str] | None = None) -> Document:
        """Turn a text into a checked Document (claims, skipped lines, flags, summary)."""
        sha256 = sha256 or hashlib.sha256(text.encode("utf-8")).hexdigest()
        doc = Document(path=path, sha256=sha256, encoding=encoding, warnings=list(warnings or []), text=text)
        front = front_matter(text)
        doc.title = front.get("title")
        doc.publisher = front.get("publisher") or front.get("source")
        date = _as_date(published) or _as_date(front.get("published") or front.get("date"))
        if date is None:
            date = find_document_date(text[:400])  # a dateline sits at the top
        doc.published = date.isoformat() if date else None
        doc.claims = list(self.iter_claims(text, sha256, date, doc))
        run_checks(self.pm, doc, self.store, self.settings)
        self.summarize(doc)
        return doc

    def check_input(self, item: Input, published: dt.date | str | None = None) -> Document:
        return self.check_text(item.text, item.path, published, item.sha256, item.encoding, item.warnings)

    def check_file(self, path: str | Path, published: dt.date | str | None = None) -> Document:
        from .read import read_input
        return self.check_input(read_input(str(path)), published)

    # -- helpers -------------------------------------------------------------------
    @staticmethod
    def summarize(doc: Document) -> None:
        s = doc.summary if isinstance(doc.summary, Summary) else Summary()
        s.claims = len(doc.claims)
        s.attributed = sum(1 for c in doc.claims if c.source)
        s.sources = len({c.source.id for c in doc.claims if c.source})
        s.hedged = sum(1 for c in doc.claims if c.hedges)
        s.quantities = sum(len(c.quantities) for c in doc.claims)
        flags = all_flags(doc)
        s.flags = dict(Counter(f.severity.value for f in flags if f.status != "dismissed"))
        s.dismissed = sum(1 for f in flags if f.status == "dismissed")
        s.conflicts = sum(1 for f in flags if f.checker == "conflict" and f.severity.rank > 0 and f.status != "dismissed")
        doc.summary = s


def _nothing(*args: Any) -> None:
    """The attributor when every ``make_attributor`` plugin is disabled: no sources."""
    return None


def _none_found(*args: Any) -> list:
    """An extractor whose plugins are all disabled: nothing found."""
    return []


def _as_date(value: dt.date | str | None) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip()[:10])
    except ValueError:
        return None
