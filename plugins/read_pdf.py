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

The text is the paragraphs separated by blank lines; ``blocks`` say which is which. The
date is the metadata CreationDate (not ModDate), unless it is after the time of reading or
clearly a later re-save (more than 30 days after the date the first page states).
"""

from __future__ import annotations

import datetime as dt
import io
import logging
import math
import re
from collections import Counter
from dataclasses import dataclass

from claims import Cell, DocumentIn, ReadError, Skipped, TextBlock, hookimpl

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
                    pages.append(_page_lines(page, aside, fonts))
                except (pypdf.errors.DependencyError, pypdf.errors.FileNotDecryptedError):
                    raise
                except Exception as exc:  # noqa: BLE001 - one broken page does not lose the others
                    bad.append(f"{n} ({type(exc).__name__}: {_one_line(exc)})")
                    pages.append([])
            images = [_has_image(page) for page in reader.pages]
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
    if _undecodable(pages):
        raise ReadError("text layer cannot be decoded (fonts without a Unicode map): run OCR first")
    furniture = _furniture(pages)
    empty = [str(n + 1) for n, lines in enumerate(pages)
             if images[n] and not any(id(ln) not in furniture for ln in lines)]
    if empty:
        warnings.append(f"{path}: page{'s' if len(empty) > 1 else ''} {', '.join(empty)}: "
                        "an image with no text layer (scanned?), not read; run OCR to check it")
    paras: list[_Para] = []
    # not in the text: offsets -1, as for a web page's chrome
    skipped = [Skipped(text=t, start=-1, end=-1, line=0, reason=r) for t, r in aside]
    for n, lines in enumerate(pages):
        body = []
        for ln in lines:
            reason = furniture.get(id(ln))
            if reason:
                skipped.append(Skipped(text=ln.text, start=-1, end=-1, line=0, reason=reason))
            else:
                body.append(ln)
        paras.extend(_paragraphs(_reading_order(body), n))
    if not paras:
        raise ReadError(NO_TEXT)
    _merge_across_pages(paras)
    _join_hyphens(paras)
    text, blocks, headers = _assemble(paras)
    skipped.extend(headers)
    title = info["title"] or next((text[b.start:b.end] for b in blocks if b.kind == "title"), None)
    published, note = _published(info, text, now)
    if note:
        warnings.append(f"{path}: {note}")
    return DocumentIn(text=text, format="pdf", title=title, author=info["author"], published=published,
                      blocks=blocks, skipped=skipped, warnings=warnings)


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


# -- pieces and lines ----------------------------------------------------------------


@dataclass(slots=True)
class _Line:
    x0: float
    x1: float
    y: float          # baseline, PDF units (up is larger)
    size: float
    bold: bool
    text: str
    top: float        # page height, to know the margins
    chars: int = 0


def _page_lines(page, aside: list[tuple[str, str]], fonts: dict) -> list[_Line]:
    """The page's text lines: pieces on one baseline, split at gutters.

    Rotated text and superscript footnote markers go to ``aside`` with their reason."""
    try:
        box = page.cropbox
        height, bottom = float(box.height), float(box.bottom)
    except Exception:  # noqa: BLE001
        height, bottom = 842.0, 0.0
    pieces: list[tuple[float, float, float, float, bool, str]] = []
    turned: list[str] = []

    def visit(text, cm, tm, font, size):
        text = text.replace("\n", " ")
        stripped = text.strip()
        if not stripped:
            return
        a, b, c, d, e, f = _mul(tm, cm)
        if abs(b) > 0.1 * abs(a) or a <= 0:  # rotated or mirrored text: stamps, watermarks, axis labels
            turned.append(stripped)
            return
        scale = math.hypot(c, d) or 1.0
        fs = (size or 1.0) * scale
        lead = len(text) - len(text.lstrip())
        w = _width(fonts, font, stripped) * (size or 1.0) * a
        x0 = e + (_width(fonts, font, text[:lead]) * (size or 1.0) * a if lead else 0.0)
        name = str(font.get("/BaseFont", "")) if font else ""
        pieces.append((x0, x0 + w, f - bottom, fs, _is_bold(name), stripped))

    page.extract_text(visitor_text=visit)
    if turned:
        aside.append((" ".join(turned), "rotated-text"))
    if not pieces:
        return []
    pieces.sort(key=lambda p: (-p[2], p[0]))
    rows: list[list[tuple]] = []
    for p in pieces:
        if rows and abs(rows[-1][0][2] - p[2]) <= 0.5 * max(rows[-1][0][3], p[3]):
            rows[-1].append(p)
        else:
            rows.append([p])
    lines: list[_Line] = []
    for row in rows:
        big = max(row, key=lambda p: p[3])
        if len(row) > 1:  # small raised figures by the text are footnote markers: no part of a sentence
            row.sort(key=lambda p: p[0])
            marks = [p for i, p in enumerate(row) if i and _is_mark(p, row[i - 1], big)]
            aside.extend((p[5], "footnote-marker") for p in marks)
            kept: list[tuple] = []
            for p in row:
                if p in marks:  # the text before it reaches over it: no gap where it stood
                    kept[-1] = (kept[-1][0], p[1], *kept[-1][2:])
                else:
                    kept.append(p)
            row = kept
        row.sort(key=lambda p: p[0])
        cur = [row[0]]
        for p in row[1:]:
            if p[0] - cur[-1][1] > max(p[3], cur[-1][3]):
                lines.append(_line(cur, height))
                cur = [p]
            else:
                cur.append(p)
        lines.append(_line(cur, height))
    return lines


_MARK = re.compile(r"[\d,\u2013*\u2020\u2021]{1,7}")
_UNIT_BEFORE = re.compile(r"(?:\b(?:k?m|cm|mm|ft|mi|sq))$")


def _is_mark(p, before, big) -> bool:
    """A footnote marker: a small figure raised above the line, or set tight after a word
    (a text rise does not move the piece's baseline), not a unit's power (km2)."""
    if p[3] >= 0.8 * big[3] or not _MARK.fullmatch(p[5]):
        return False
    raised = p[2] - big[2] > 0.2 * big[3]
    tight = p[0] - before[1] < 0.15 * big[3] and re.search(r"[A-Za-z.,;:)\"\u201d\u2019]$", before[5])
    return bool(raised or tight) and not _UNIT_BEFORE.search(before[5])


def _line(pieces, height: float) -> _Line:
    text = ""
    for i, p in enumerate(pieces):
        if i and not text.endswith((" ", "-", "\u00ad")) and p[0] - pieces[i - 1][1] > 0.15 * p[3]:
            text += " "
        text += p[5]
    sizes = Counter()
    bold = 0
    for p in pieces:
        sizes[round(p[3], 1)] += len(p[5])
        bold += len(p[5]) if p[4] else 0
    text = " ".join(text.split())
    return _Line(pieces[0][0], max(p[1] for p in pieces), max(p[2] for p in pieces), sizes.most_common(1)[0][0],
                 bold > 0.8 * len(text), text, height, len(text))


def _mul(m, n):
    a, b, c, d, e, f = m
    A, B, C, D, E, F = n
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)


def _width(cache: dict, font, text: str) -> float:
    """Width of ``text`` in text-space units per unit of font size (pypdf's font metrics)."""
    ref = getattr(font, "indirect_reference", None)
    key = (ref.idnum, ref.generation) if ref is not None else id(font)
    metrics = cache.get(key)
    if metrics is None:
        metrics = cache[key] = _font_metrics(font)
    widths, default = metrics
    return sum(widths.get(ch, default) for ch in text) / 1000.0


def _font_metrics(font) -> tuple[dict[str, float], float]:
    """(character -> width in 1/1000 em, default width); an estimate when pypdf cannot tell."""
    if font:
        try:
            from pypdf.generic._font import Font  # font widths, standard 14 fonts included
            widths = dict(Font.from_font_resource(font).character_widths)
            return widths, float(widths.pop("default", 500) or 500)
        except Exception:  # noqa: BLE001 - an older pypdf or an odd font: estimate
            pass
    return {}, 500.0


def _has_image(page) -> bool:
    try:
        xobjects = page.get("/Resources", {}).get_object().get("/XObject", {}).get_object()
        return any(x.get_object().get("/Subtype") == "/Image" for x in xobjects.values())
    except Exception:  # noqa: BLE001
        return False


def _is_bold(name: str) -> bool:
    return bool(re.search(r"(?i)bold|black|heavy|semibold|demi", name.split("+")[-1]))


def _undecodable(pages: list[list[_Line]]) -> bool:
    text = "".join(ln.text for lines in pages for ln in lines)
    bad = sum(1 for ch in text if "\ue000" <= ch <= "\uf8ff" or ch == "\ufffd" or ord(ch) < 32)
    return len(text) > 0 and bad > 0.3 * len(text)


# -- page furniture ------------------------------------------------------------------

_PAGE_NUMBER = re.compile(
    r"(?i)^(?:page|p\.|pg\.)?\s*[-\u2013\u2014]?\s*(?:\d{1,4}|[ivxlc]{1,6})\s*[-\u2013\u2014]?"
    r"(?:\s*(?:of|/)\s*\d{1,4})?$")
MARGIN = 0.15  # the top and bottom 15% of a page are where furniture sits
EDGE = 0.08  # the one-page rule looks only at the outer 8% (a footnote sits higher)


def _furniture(pages: list[list[_Line]]) -> dict[int, str]:
    """Lines to set aside, by id: repeated headers and footers, page numbers."""
    out: dict[int, str] = {}
    candidates: list[tuple[_Line, str, str, int]] = []
    for n, lines in enumerate(pages):
        if not lines:
            continue
        ordered = sorted(lines, key=lambda ln: -ln.y)
        edge = ordered[:3] + ordered[-3:] if len(ordered) > 6 else ordered
        for ln in {id(x): x for x in edge}.values():
            where = "page-header" if ln.y > ln.top * (1 - MARGIN) else "page-footer" if ln.y < ln.top * MARGIN else None
            if where is None:
                continue
            if _PAGE_NUMBER.match(ln.text):
                out[id(ln)] = "page-number"
            else:
                candidates.append((ln, where, _shape(ln.text), n))
    with_text = sum(1 for lines in pages if lines)
    if with_text >= 2:
        seen = Counter(shape for shape, _ in {(shape, n) for _, _, shape, n in candidates})
        for ln, where, shape, _ in candidates:
            if seen[shape] >= max(2, math.ceil(0.4 * with_text)):
                out[id(ln)] = where
    elif with_text == 1:
        # one page, nothing to repeat: a line in small print at the very edge of the page
        body = _body_size([ln for lines in pages for ln in lines])
        for ln, where, _, _ in candidates:
            if ln.size < 0.9 * body and (ln.y > ln.top * (1 - EDGE) or ln.y < ln.top * EDGE):
                out[id(ln)] = where
    return out


def _shape(text: str) -> str:
    """A line with its numbers blanked, so "Page 2 of 9" and "Page 3 of 9" are the same line."""
    return re.sub(r"\d+", "#", " ".join(text.lower().split()))


# -- reading order -------------------------------------------------------------------


def _reading_order(lines: list[_Line], depth: int = 0) -> list[tuple[_Line, int]]:
    """Lines in reading order, each with its column number (columns read left to right)."""
    lines = sorted(lines, key=lambda ln: (-ln.y, ln.x0))
    gutter = _gutter(lines) if depth < 2 else None
    if gutter is None:
        return [(ln, 0) for ln in lines]
    out: list[tuple[_Line, int]] = []
    section: list[_Line] = []

    def flush():
        left = [ln for ln in section if ln.x1 <= gutter]
        right = [ln for ln in section if ln.x0 >= gutter]
        out.extend((ln, 2 * depth + 1) for ln, _ in _reading_order(left, depth + 1))
        out.extend((ln, 2 * depth + 2) for ln, _ in _reading_order(right, depth + 1))
        section.clear()

    for ln in lines:
        if ln.x0 < gutter < ln.x1:  # a spanning line ends the columns above it
            flush()
            out.append((ln, 0))
        else:
            section.append(ln)
    flush()
    return out


def _gutter(lines: list[_Line]) -> float | None:
    """An x that at least 3 lines of prose lie wholly left of and 3 wholly right of, crossed by few.

    Lines of a few words on one side (a table's labels or figures) make no column: a table is
    read row by row."""
    if len(lines) < 6:
        return None
    lo, hi = min(ln.x0 for ln in lines), max(ln.x1 for ln in lines)
    best = None
    for i in range(1, 40):
        x = lo + (hi - lo) * i / 40
        left = sum(1 for ln in lines if ln.x1 <= x)
        right = sum(1 for ln in lines if ln.x0 >= x)
        cross = len(lines) - left - right
        if left >= 3 and right >= 3 and cross < min(left, right) / 2 and _prose(lines, x):
            score = (cross, -min(left, right))
            if best is None or score < best[0]:
                best = (score, x)
    return best[1] if best else None


def _prose(lines: list[_Line], x: float) -> bool:
    """Do the lines on both sides of ``x`` read as prose (a median of at least 4 words)?"""
    for side in ([ln for ln in lines if ln.x1 <= x], [ln for ln in lines if ln.x0 >= x]):
        words = sorted(ln.text.count(" ") + 1 for ln in side)
        if words[len(words) // 2] < 4:
            return False
    return True


# -- paragraphs ----------------------------------------------------------------------


@dataclass
class _Para:
    lines: list[_Line]
    page: int
    column: int
    kind: str = "paragraph"


def _paragraphs(ordered: list[tuple[_Line, int]], page: int) -> list[_Para]:
    if not ordered:
        return []
    body = _body_size([ln for ln, _ in ordered])
    # the line spacing of the body: the commonest gap between two body lines of one column
    gaps = Counter(round(a.y - b.y, 0) for (a, ca), (b, cb) in zip(ordered, ordered[1:])
                   if ca == cb and a.size == b.size == body and 0 < a.y - b.y < 3 * body)
    leading = max(gaps.most_common(), key=lambda g: (g[1], -g[0]))[0] if gaps else 1.2 * body
    paras: list[_Para] = []
    tables = _table_rows(ordered, leading)
    i = 0
    while i < len(ordered):
        ln, col = ordered[i]
        if i in tables:
            kind, n = tables[i]
            paras.append(_Para([x for x, _ in ordered[i:i + n]], page, col, kind))
            i += n
            continue
        if paras and paras[-1].kind == "paragraph" and not _new_paragraph(paras[-1], ln, col, leading, body):
            paras[-1].lines.append(ln)
        else:
            paras.append(_Para([ln], page, col))
        i += 1
    for p in paras:
        if p.kind != "paragraph":
            continue
        size = max(ln.size for ln in p.lines)
        chars = sum(ln.chars for ln in p.lines)
        if chars <= 200 and (size >= 1.15 * body or (all(ln.bold for ln in p.lines) and not _ends_sentence(p.lines[-1].text))):
            p.kind = "heading"
    return paras


_NUMERIC = re.compile(r"[\d\s.,%+\-\u2212\u2013()]*\d[\d\s.,%+\-\u2212\u2013()]*")


def _table_rows(ordered: list[tuple[_Line, int]], leading: float) -> dict[int, tuple[str, int]]:
    """Index of the first line of each table row -> (kind, number of cells).

    A row is two or more lines on one baseline of one column (cells split at gaps wider than
    the font size); a table is two or more such rows one under the other with as many cells.
    Its first row is the header when it has no figure and the rows below have some.
    """
    rows: list[tuple[int, int]] = []  # (first index, cells)
    i = 0
    while i < len(ordered):
        j = i + 1
        while j < len(ordered) and ordered[j][1] == ordered[i][1] and abs(ordered[j][0].y - ordered[i][0].y) < 0.5 * ordered[i][0].size:
            j += 1
        rows.append((i, j - i))
        i = j
    out: dict[int, tuple[str, int]] = {}
    k = 0
    while k < len(rows):
        m = k + 1
        while (m < len(rows) and rows[k][1] >= 2 and rows[m][1] == rows[k][1]
               and ordered[rows[m - 1][0]][0].y - ordered[rows[m][0]][0].y <= 2.5 * leading):
            m += 1
        if m - k >= 2 and rows[k][1] >= 2:
            for n, (first, cells) in enumerate(rows[k:m]):
                texts = [ln.text for ln, _ in ordered[first:first + cells]]
                header = n == 0 and not any(_NUMERIC.fullmatch(t) for t in texts) and any(
                    _NUMERIC.fullmatch(ln.text) for f, c in rows[k + 1:m] for ln, _ in ordered[f:f + c])
                out[first] = ("table-header" if header else "table-row", cells)
            k = m
        else:
            k += 1
    return out


def _body_size(lines: list[_Line]) -> float:
    sizes = Counter()
    for ln in lines:
        sizes[ln.size] += ln.chars
    return sizes.most_common(1)[0][0] if sizes else 10.0


def _new_paragraph(para: _Para, ln: _Line, col: int, leading: float, body: float) -> bool:
    prev = para.lines[-1]
    if col != para.column:
        return True
    gap = prev.y - ln.y
    if gap <= 0 or gap > 1.4 * leading:
        return True
    if abs(ln.size - prev.size) > 0.1 * body or ln.bold != prev.bold:
        return True
    left = min(x.x0 for x in para.lines)
    if ln.x0 > left + 1.5 * body and len(para.lines) > 1:  # an indented first line
        return True
    right = max(x.x1 for x in para.lines)
    return len(para.lines) > 1 and _ends_sentence(prev.text) and prev.x1 < right - 0.25 * (right - left)


def _ends_sentence(text: str) -> bool:
    return bool(re.search(r"[.!?:;]['\"\u201d\u2019)]*$", text))


def _merge_across_pages(paras: list[_Para]) -> None:
    """A paragraph cut by a page (or column) break goes on: join when it ends mid-sentence in lower case."""
    i = 1
    while i < len(paras):
        a, b = paras[i - 1], paras[i]
        if (a.kind == b.kind == "paragraph" and (a.page != b.page or a.column != b.column)
                and not _ends_sentence(a.lines[-1].text) and b.lines[0].text[:1].islower()):
            a.lines.extend(b.lines)
            del paras[i]
        else:
            i += 1


_BROKEN = re.compile(r"([A-Za-z\u00c0-\u024f]+)[-\u00ad]$")


def _join_hyphens(paras: list[_Para]) -> None:
    """Mark the line ends where a word was broken, so ``_assemble`` joins it."""
    known = Counter()
    for p in paras:
        for ln in p.lines:
            known.update(w.lower() for w in re.findall(r"[A-Za-z]+-[A-Za-z]+", ln.text))
    for p in paras:
        if p.kind.startswith("table"):
            continue
        for ln, nxt in zip(p.lines, p.lines[1:]):
            m = _BROKEN.search(ln.text)
            if not m or not nxt.text[:1].islower():
                continue
            first = re.match(r"[A-Za-z\u00c0-\u024f]+", nxt.text)
            if ln.text.endswith("-") and first and f"{m.group(1)}-{first.group(0)}".lower() in known:
                ln.text = ln.text + "\u2060"  # a real compound: keep the hyphen, no space
            else:
                ln.text = ln.text[:-1] + "\u2060"


def _assemble(paras: list[_Para]) -> tuple[str, list[TextBlock], list[Skipped]]:
    parts: list[str] = []
    blocks: list[TextBlock] = []
    headers: list[Skipped] = []
    pos = 0
    title_done = False
    biggest = max((max(ln.size for ln in p.lines) for p in paras if p.page == 0 and p.kind == "heading"), default=None)
    columns: list[tuple[float, float, str]] = []  # the current table's header cells
    for p in paras:
        if p.kind in ("table-row", "table-header"):
            # cells joined by " | ", as the HTML reader writes a row; a header names the columns below
            if parts:
                parts.append("\n\n")
                pos += 2
            start, cells = pos, []
            for n, ln in enumerate(p.lines):
                if n:
                    parts.append(" | ")
                    pos += 3
                parts.append(ln.text)
                header = columns[n][2] if len(columns) == len(p.lines) else _column(columns, ln)
                cells.append(Cell(start=pos, end=pos + len(ln.text), header=header))
                pos += len(ln.text)
            text = "".join(parts)[start:pos]
            if p.kind == "table-header":
                columns = [(ln.x0, ln.x1, ln.text) for ln in p.lines]
                headers.append(Skipped(text=text, start=start, end=pos, line=text.count("\n") + 1, reason="table-header"))
            else:
                blocks.append(TextBlock(kind="table-row", start=start, end=pos, cells=cells))
            continue
        columns = []
        text = ""
        for ln in p.lines:
            if text and not text.endswith("\u2060"):
                text += " "
            text += ln.text
        text = text.replace("\u2060", "")
        kind = p.kind
        if not title_done and kind == "heading" and p.page == 0 and max(ln.size for ln in p.lines) == biggest:
            kind, title_done = "title", True
        if parts:
            parts.append("\n\n")
            pos += 2
        parts.append(text)
        blocks.append(TextBlock(kind=kind, start=pos, end=pos + len(text)))
        pos += len(text)
    text = "".join(parts) + "\n"
    for h in headers:
        h.line = text.count("\n", 0, h.start) + 1
    return text, blocks, headers


def _column(columns: list[tuple[float, float, str]], ln: _Line) -> str | None:
    """The header cell over a cell: the one its x-range overlaps most, else the nearest."""
    if not columns:
        return None
    mid = (ln.x0 + ln.x1) / 2
    return max(columns, key=lambda c: (min(c[1], ln.x1) - max(c[0], ln.x0), -abs((c[0] + c[1]) / 2 - mid)))[2]
