"""Built-in plugin: the PDF reader (pypdf), for UN updates, situation reports and the like.

pypdf gives each piece of text with its position, font and size (``extract_text`` with a
visitor); the layout is rebuilt from that geometry, not from content-stream order:

* pieces on one baseline form a line, split where a gap wider than the font size falls
  (a column gutter);
* page furniture is set aside: lines at the top or bottom of a page that repeat (digits
  aside) on several pages, and page numbers ("3", "Page 3 of 12", "- 3 -");
* columns: a page whose lines leave a gutter that at most a few lines cross (headings,
  full-width paragraphs) is read column by column between those spanning lines;
* lines become paragraphs at a wider gap, a change of font size, an indent, or after a
  short line that ends a sentence; a word broken at a line end ("civil-" / "ians") is
  joined unless the document itself writes it with the hyphen;
* paragraphs larger or bolder than the body are headings (the largest on page 1 is the
  title when the metadata has none).

The text is the paragraphs separated by blank lines; ``blocks`` say which is which. Lines
and furniture are :mod:`claims.plugins.pdf_lines`; order, tables and paragraphs
:mod:`claims.plugins.pdf_layout`. The date is the metadata CreationDate (not ModDate), unless it is after the time of reading or
clearly a later re-save (more than 30 days after the date the first page states).
"""

from __future__ import annotations

import datetime as dt
import io
import logging
import re

from claims import DocumentIn, ReadError, Skipped, hookimpl

from .pdf_layout import assemble, join_hyphens, merge_across_pages, paragraphs, reading_order
from .pdf_lines import furniture, has_image, page_lines, undecodable

MAGIC = b"%PDF-"
NO_TEXT = "no text layer: scanned PDF? run OCR first"
LATER_RESAVE_DAYS = 30


@hookimpl
def reader_suffixes():
    return [".pdf"]


@hookimpl
def read_document(data, path, media_type):
    if MAGIC not in data[:1024]:
        if media_type == "application/pdf":
            raise ReadError("served as application/pdf but is not a PDF (no %PDF- header)")
        return None
    return read_pdf(data, path)


# -- reading -------------------------------------------------------------------------


def read_pdf(data: bytes, path: str = "<pdf>", now: dt.datetime | None = None) -> DocumentIn:
    """Read a PDF's text layer into a document; ReadError for a scanned, encrypted or broken file."""
    import pypdf

    problems: list[str] = []
    with _pypdf_log(problems):
        try:
            reader = pypdf.PdfReader(io.BytesIO(data))
            if reader.is_encrypted and not reader.decrypt(""):
                raise ReadError("encrypted PDF: it needs a password to open")
            aside: list[tuple[str, str]] = []  # (text, reason): rotated text, footnote markers
            fonts: dict = {}
            pages, bad = [], []
            for n, page in enumerate(reader.pages, 1):
                try:
                    pages.append(page_lines(page, aside, fonts))
                except (pypdf.errors.DependencyError, pypdf.errors.FileNotDecryptedError):
                    raise
                except Exception as exc:  # noqa: BLE001 - one broken page does not lose the others
                    bad.append(f"{n} ({type(exc).__name__}: {_one_line(exc)})")
                    pages.append([])
            images = [has_image(page) for page in reader.pages]
            info = _metadata(reader)
        except ReadError:
            raise
        except pypdf.errors.DependencyError as exc:
            raise ReadError(f"encrypted PDF: {exc}") from None
        except pypdf.errors.FileNotDecryptedError:
            raise ReadError("encrypted PDF: it needs a password to open") from None
        except Exception as exc:  # noqa: BLE001 - a broken file is one line, never a traceback
            raise ReadError(f"not a readable PDF: {type(exc).__name__}: {_one_line(exc)}") from None
    warnings = [f"{path}: pypdf: {problems[0]}" + (f" (and {len(problems) - 1} more)" if len(problems) > 1 else "")] \
        if problems else []
    if bad:
        warnings.append(f"{path}: page{'s' if len(bad) > 1 else ''} {', '.join(bad)} cannot be read: left out")
    if not any(pages):
        if bad and len(bad) == len(pages):
            raise ReadError(f"not a readable PDF: no page can be read (page {bad[0]})")
        raise ReadError(NO_TEXT)
    if undecodable(pages):
        raise ReadError("text layer cannot be decoded (fonts without a Unicode map): run OCR first")
    set_aside = furniture(pages)
    empty = [str(n + 1) for n, lines in enumerate(pages)
             if images[n] and not any(id(ln) not in set_aside for ln in lines)]
    if empty:
        warnings.append(f"{path}: page{'s' if len(empty) > 1 else ''} {', '.join(empty)}: "
                        "an image with no text layer (scanned?), not read; run OCR to check it")
    paras = []
    # not in the text: offsets -1, as for a web page's chrome
    skipped = [Skipped(text=t, start=-1, end=-1, line=0, reason=r) for t, r in aside]
    for n, lines in enumerate(pages):
        body = []
        for ln in lines:
            reason = set_aside.get(id(ln))
            if reason:
                skipped.append(Skipped(text=ln.text, start=-1, end=-1, line=0, reason=reason))
            else:
                body.append(ln)
        paras.extend(paragraphs(reading_order(body), n))
    if not paras:
        raise ReadError(NO_TEXT)
    merge_across_pages(paras)
    join_hyphens(paras)
    text, blocks, headers = assemble(paras)
    skipped.extend(headers)
    title = info["title"] or next((text[b.start:b.end] for b in blocks if b.kind == "title"), None)
    published, note = _published(info, text, now)
    if note:
        warnings.append(f"{path}: {note}")
    return DocumentIn(text=text, format="pdf", title=title, author=info["author"], published=published,
                      blocks=blocks, chrome_removed=True, skipped=skipped, warnings=warnings)


class _pypdf_log:
    """Collect pypdf's log warnings (repairs of a damaged file) instead of printing them."""

    def __init__(self, into: list[str]) -> None:
        self.into = into
        self.handler = logging.Handler()
        self.handler.emit = lambda record: into.append(_one_line(record.getMessage()))

    def __enter__(self):
        log = logging.getLogger("pypdf")
        self.saved = log.propagate
        log.addHandler(self.handler)
        log.propagate = False

    def __exit__(self, *exc):
        log = logging.getLogger("pypdf")
        log.removeHandler(self.handler)
        log.propagate = self.saved


def _one_line(value) -> str:
    return " ".join(str(value).split())[:200]


# -- metadata ------------------------------------------------------------------------

_JUNK_TITLE = re.compile(r"(?i)^(microsoft (word|powerpoint) - |untitled\b|document\d*$|\S+\.(docx?|pdf|indd|rtf|odt)$)")


def _metadata(reader) -> dict:
    meta = reader.metadata or {}
    out = {"title": None, "author": None, "created": None}
    title = _text(meta.get("/Title"))
    if title and not _JUNK_TITLE.search(title):
        out["title"] = title
    out["author"] = _text(meta.get("/Author"))
    try:
        out["created"] = meta.creation_date if meta else None
    except Exception:  # noqa: BLE001 - a malformed date string is no date
        out["created"] = None
    return out


def _text(value) -> str | None:
    text = " ".join(str(value).split()) if value is not None else ""
    return text or None


def _published(info: dict, text: str, now: dt.datetime | None) -> tuple[str | None, str | None]:
    created: dt.datetime | None = info["created"]
    if created is None:
        return None, None
    aware = created if created.tzinfo else created.replace(tzinfo=dt.timezone.utc)
    now = now or dt.datetime.now(dt.timezone.utc)
    if aware > now + dt.timedelta(minutes=5):
        return None, f"PDF creation date {created.date().isoformat()} is after the time of reading: not used"
    from claims.extract.dates import find_document_date

    stated = find_document_date(text[:400])
    if stated is not None and (created.date() - stated).days > LATER_RESAVE_DAYS:
        return stated.isoformat(), (f"PDF creation date {created.date().isoformat()} is a later re-save of "
                                    f"a document dated {stated.isoformat()}: the stated date is used")
    return created.date().isoformat(), None
