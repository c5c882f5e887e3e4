"""The pipeline: read -> segment -> attribute -> extract -> check -> (store) -> report.

Usable from Python without the CLI::

    from claims.pipeline import Pipeline
    doc = Pipeline().check_file("report.txt")          # or .check_text(text), .check_item(read_input(url))
    for claim in doc.claims:
        print(claim.source.name if claim.source else "(publisher)", claim.text)
"""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path
from typing import Any, Iterator

from .attribute import SentenceIn
from .check import plugin_timeout, run_checks
from .config import Settings
from claims.db.scope import annotate as annotate_scopes
from .extract.dates import find_document_date
from .extract.table import row_quantities
from .fragments import text_fragment_link
from .models import (
    TABLE_HEADER, Claim, ClaimIds, Document, DocumentIn, Severity, Skipped, Summary, Source, TextBlock, new_paragraph,
    trusted_builder,
)
from .pasted_tables import pasted_table
from .plugin_manager import PluginManager, call_registration, make_plugin_manager
from .read import Input, InputProblem, ReadError
from .segment import blank_markers, front_matter
from .sources import build_registry


# Claims are built from values the stages have already typed (every field given, fresh
# lists): skip pydantic validation when it is checked to give the same record.
_make_claim = trusted_builder(Claim, {
    "id": "c_0", "text": "It said 3 people died.", "start": 0, "end": 22, "line": 1, "paragraph": 0,
    "block": "paragraph", "link": None,
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
        plugin_timeout(self.settings)  # a bad value is a configuration error before any work
        self.store = store
        # the extraction stages, made once (hooks ``make_*``); a disabled stage finds nothing
        hook = self.pm.hook
        self.extract_quantities = hook.make_quantity_extractor(settings=self.settings) or _none_found
        self.extract_dates = hook.make_date_extractor(settings=self.settings) or _none_found
        self.find_hedges = hook.make_hedge_finder(settings=self.settings) or _none_found

    # -- stages --------------------------------------------------------------------
    def segment(self, text: str, chrome_removed: bool = False):
        return self.pm.hook.segment_text(text=text, chrome_removed=chrome_removed)

    def iter_claims(self, text: str, sha256: str, published: dt.date | None = None,
                    document: Document | None = None, blocks: list[TextBlock] | None = None,
                    url: str | None = None, chrome_removed: bool = False) -> Iterator[Claim]:
        """Segment, attribute and extract, one paragraph at a time (memory does not grow with input).

        With a reader's ``blocks`` (see :meth:`_block_spans`) each block is one paragraph of its
        kind; ``url`` gives each claim a text-fragment ``link``.
        """
        attributor = self.pm.hook.make_attributor(registry=self.registry, settings=self.settings, text=text)
        attribute = attributor.attribute if attributor is not None else _nothing
        extract_quantities, find_hedges, extract_dates = self.extract_quantities, self.find_hedges, self.extract_dates
        claim_id = ClaimIds()
        spans = (self._block_spans(text, blocks, document, chrome_removed) if blocks
                 else self._segment_spans(text, document, chrome_removed))
        for s, e, line, index, kind, cells in spans:
            sentence = text[s:e]
            source = attribute(SentenceIn(sentence, s, index))
            yield _make_claim({
                "id": claim_id(sentence, source.id if source else None),
                "text": sentence, "start": s, "end": e, "line": line, "paragraph": index,
                "block": kind,
                "link": text_fragment_link(url, sentence, [text[c.start:c.end] for c in cells] if cells else None),
                "source": source,
                "quantities": (row_quantities(text, cells, extract_quantities) if cells
                               else extract_quantities(blank_markers(sentence), s)),  # footnote marks are no figures
                "hedges": find_hedges(sentence, s),
                "dates": extract_dates(sentence, s, published),
                "flags": [], "status": None,
            })

    def _segment_spans(self, text: str, document: Document | None, chrome_removed: bool = False) -> Iterator[tuple]:
        """(start, end, line, paragraph, kind, cells) of each sentence the segmenter finds; a paragraph
        that is a table pasted as text (:mod:`claims.pasted_tables`) gives its rows instead."""
        for block in self.segment(text, chrome_removed):
            rows = None if block.skipped else pasted_table(text, block.start, block.end, block.line)
            if document is not None:
                document.paragraphs.append(new_paragraph(block.index, block.start, block.end, block.line,
                                                         "table-row" if rows else "paragraph"))
                for s, e, line, reason in block.skipped:
                    document.skipped.append(Skipped(text=text[s:e], start=s, end=e, line=line, reason=reason))
            if rows is not None:
                for r in rows:
                    if not r.header:
                        yield r.start, r.end, r.line, block.index, "table-row", r.cells
                    elif document is not None:
                        document.skipped.append(_header_row(text, r))
                continue
            headings = getattr(block, "headings", ())  # headlines and subheads the segmenter found
            for s, e, line in block.sentences:
                yield s, e, line, block.index, "heading" if s in headings else "paragraph", ()

    def _block_spans(self, text: str, blocks: list[TextBlock], document: Document | None,
                     chrome_removed: bool = False) -> Iterator[tuple]:
        """The claims' spans when the reader gave blocks.

        Each block is a paragraph of its kind. Headings, captions and table rows are one claim
        each, never glued to the next sentence; a title is not a claim (it is listed as skipped
        with reason ``title``); paragraphs, quotes and list items are split into sentences by the
        segmenter, whose sentences are cut at block edges. What the segmenter sets aside as
        boilerplate stays set aside. Text outside every block is not checked. A paragraph that is
        a table pasted as text becomes its rows (:func:`_pasted_rows`).
        """
        order = sorted(_pasted_rows(text, blocks, document), key=lambda b: (b.start, b.end))
        lines = _LineCounter(text)
        done: set[int] = set()
        index = 0
        numbered: dict[int, int] = {}
        j = 0
        for seg in self.segment(text, chrome_removed):
            while j < len(order) and order[j].end <= seg.start:
                j += 1
            k = j
            while k < len(order) and order[k].start < seg.end:
                blk = order[k]
                bid = id(blk)
                if bid not in numbered:
                    numbered[bid] = index
                    index += 1
                    if document is not None:
                        document.paragraphs.append(new_paragraph(numbered[bid], blk.start, blk.end, lines.at(blk.start),
                                                                blk.kind))
                n = numbered[bid]
                skipped = [(s, e, ln, r) for s, e, ln, r in seg.skipped if s < blk.end and e > blk.start]
                if document is not None:
                    for s, e, ln, reason in skipped:
                        s, e = max(s, blk.start), min(e, blk.end)
                        document.skipped.append(Skipped(text=text[s:e], start=s, end=e, line=ln, reason=reason))
                if blk.kind in _WHOLE_BLOCKS:
                    if bid not in done:
                        done.add(bid)
                        s, e = _strip(text, blk.start, blk.end)
                        if blk.kind == "title":
                            if document is not None and s < e:
                                document.skipped.append(Skipped(text=text[s:e], start=s, end=e,
                                                                line=lines.at(s), reason="title"))
                        elif s < e and not any(a <= s and e <= b for a, b, _, _ in skipped):
                            yield s, e, lines.at(s), n, blk.kind, blk.cells if blk.kind == "table-row" else ()
                else:
                    for s, e, ln in seg.sentences:
                        if s < blk.end and e > blk.start:
                            cs, ce = _strip(text, max(s, blk.start), min(e, blk.end))
                            if cs < ce:
                                yield cs, ce, ln if cs == s else lines.at(cs), n, blk.kind, ()
                k += 1

    def read(self, item: Input) -> list[DocumentIn]:
        """The reader plugins' documents for one input; InputProblem when none can read it."""
        try:
            result = self.pm.hook.read_document(data=item.data, path=item.path, media_type=item.media_type,
                                                url=item.url, settings=self.settings)
        except ReadError as exc:
            raise InputProblem(item.path, str(exc)) from None
        if result is None:
            raise InputProblem(item.path, "no reader for this kind of content")
        docs = result if isinstance(result, list) else [result]
        if not docs:
            raise InputProblem(item.path, "holds no documents")
        return docs

    def suffixes(self) -> list[str]:
        """The file suffixes the readers take from a directory."""
        return sorted({s.lower() for found in self.pm.hook.reader_suffixes() for s in found or ()})

    def check_document(self, din: DocumentIn, path: str = "<string>", sha256: str | None = None,
                       published: dt.date | str | None = None, warnings: list[str] | None = None,
                       checks: bool = True) -> Document:
        """Check a reader's document: its metadata is kept and ``published`` overrides its date.

        :param checks: False stops after extraction; :meth:`run_checks` finishes the document
            later (``claims check --jobs`` extracts in worker processes and checks in order).
        """
        text = din.text
        sha256 = sha256 or hashlib.sha256(text.encode("utf-8")).hexdigest()
        doc = Document(path=din.path or path, sha256=sha256, format=din.format, encoding=din.encoding,
                       title=din.title, publisher=din.publisher, author=din.author,
                       url=din.url, canonical_url=din.canonical_url,
                       warnings=[*(warnings or []), *din.warnings], text=text)
        date = _as_date(published) or _as_date(din.published)
        if date is None:
            date = find_document_date(text)  # a dateline or "Published" line near the top; never a scrape stamp
        doc.published = date.isoformat() if date else None
        doc.skipped.extend(din.skipped)
        doc.claims = list(self.iter_claims(text, sha256, date, doc, din.blocks,
                                           din.url or din.canonical_url, din.chrome_removed))
        annotate_scopes(doc)   # each figure's period, place, part and source (claims.db.scope)
        if checks:
            self.run_checks(doc)
        return doc

    def run_checks(self, doc: Document) -> None:
        """The check stage: every checker plugin over an extracted document, then its summary."""
        run_checks(self.pm, doc, self.store, self.settings)
        self.summarize(doc)

    def check_text(self, text: str, path: str = "<string>", published: dt.date | str | None = None,
                   sha256: str | None = None, encoding: str = "utf-8", warnings: list[str] | None = None,
                   checks: bool = True) -> Document:
        """Turn a text into a checked Document (claims, skipped lines, flags, summary)."""
        front = front_matter(text)
        din = DocumentIn(text=text, encoding=encoding, title=front.get("title"),
                         publisher=front.get("publisher") or front.get("source"),
                         published=front.get("published") or front.get("date"))
        return self.check_document(din, path, sha256, published, warnings, checks)

    def check_item(self, item: Input, published: dt.date | str | None = None, checks: bool = True) -> list[Document]:
        """Read one input and check every document in it (a feed holds several)."""
        docs = self.read(item)
        single = len(docs) == 1
        for din in docs:
            if din.url is None and din.path is None:  # a fetched page, PDF or text: where it came from
                din.url = item.url
        return [self.check_document(din, item.path, item.sha256 if single and din.path is None else None,
                                    published, item.warnings, checks) for din in docs]

    def check_input(self, item: Input, published: dt.date | str | None = None, checks: bool = True) -> Document:
        """Read and check an input that holds one document (see ``check_item`` for feeds)."""
        docs = self.check_item(item, published, checks)
        if len(docs) != 1:
            raise InputProblem(item.path, f"holds {len(docs)} documents; use check_item")
        return docs[0]

    def check_file(self, path: str | Path, published: dt.date | str | None = None) -> Document:
        from .read import read_input
        return self.check_input(read_input(str(path)), published)

    # -- helpers -------------------------------------------------------------------
    @staticmethod
    def summarize(doc: Document) -> None:
        """Count the document's claims, sources, figures and open flags into its summary."""
        s = doc.summary
        if not isinstance(s, Summary):
            s = Summary()
        attributed = hedged = quantities = dismissed = conflicts = 0
        sources: set[str] = set()
        open_flags: dict[str, int] = {}
        for c in doc.claims:
            if c.source:
                attributed += 1
                sources.add(c.source.id)
            if c.hedges:
                hedged += 1
            quantities += len(c.quantities)
            if c.flags:
                dismissed, conflicts = _count_flags(c.flags, open_flags, dismissed, conflicts)
        if doc.flags:
            dismissed, conflicts = _count_flags(doc.flags, open_flags, dismissed, conflicts)
        # straight into the records: pydantic's attribute assignment costs a few us a field
        s.__dict__.update(claims=len(doc.claims), attributed=attributed, sources=len(sources), hedged=hedged,
                          quantities=quantities, flags=open_flags, dismissed=dismissed, conflicts=conflicts)
        s.__pydantic_fields_set__.update(_COUNTED)
        doc.__dict__["summary"] = s
        doc.__pydantic_fields_set__.add("summary")


def _count_flags(flags: list, open_flags: dict[str, int], dismissed: int, conflicts: int) -> tuple[int, int]:
    """Count ``flags`` into the open flags by severity; the dismissed and conflict counts updated."""
    for f in flags:
        if f.status == "dismissed":
            dismissed += 1
            continue
        severity = f.severity
        open_flags[severity.value] = open_flags.get(severity.value, 0) + 1
        if f.checker == "conflict" and severity is not Severity.info:
            conflicts += 1
    return dismissed, conflicts


#: the summary's figures :meth:`Pipeline.summarize` counts
_COUNTED = frozenset(("claims", "attributed", "sources", "hedged", "quantities", "flags", "dismissed", "conflicts"))


#: Block kinds that are one claim each, never split into sentences or glued to the next one.
_WHOLE_BLOCKS = frozenset(("heading", "caption", "table-row", "title"))


def _pasted_rows(text: str, blocks: list[TextBlock], document: Document | None) -> list[TextBlock]:
    """``blocks`` with each paragraph that is a pasted table (Markdown's tab-separated lines) as its
    rows: a ``table-row`` block a row, with its cells; its header row is listed as skipped."""
    out: list[TextBlock] = []
    for b in blocks:
        rows = None
        if b.kind == "paragraph" and text.find("\t", b.start, b.end) >= 0:   # line numbers only for those
            rows = pasted_table(text, b.start, b.end, text.count("\n", 0, b.start) + 1)
        if rows is None:
            out.append(b)
            continue
        for r in rows:
            if not r.header:
                out.append(TextBlock(kind="table-row", start=r.start, end=r.end, cells=r.cells))
            elif document is not None:
                document.skipped.append(_header_row(text, r))
    return out


def _header_row(text: str, row) -> Skipped:
    """A pasted table's header row, set aside: its cells name the columns of the rows below."""
    return Skipped(text=text[row.start:row.end], start=row.start, end=row.end, line=row.line, reason=TABLE_HEADER)


def _strip(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


class _LineCounter:
    """1-based line numbers of offsets asked in increasing order (counted incrementally)."""

    def __init__(self, text: str) -> None:
        self.text, self.pos, self.line = text, 0, 1

    def at(self, offset: int) -> int:
        if offset < self.pos:
            return self._breaks(0, offset) + 1
        self.line += self._breaks(self.pos, offset)
        self.pos = offset
        return self.line

    def _breaks(self, a: int, b: int) -> int:
        """Line breaks in text[a:b]: LF, CRLF and a lone CR each count once (as the segmenter counts)."""
        t = self.text
        n = t.count("\n", a, b)
        if t.find("\r", a, b) >= 0:
            n += t.count("\r", a, b) - t.count("\r\n", a, b)
        return n
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
