"""Built-in plugin: the HTML reader, through trafilatura (main text without page chrome).

A page is recognised by its content (its first tag is an HTML one: ``<!DOCTYPE html>``,
``<html>``, ``<head>``, ``<body>``, ``<p>``...), by a ``text/html`` media type or by its
``.html``/``.htm`` suffix. The bytes are decoded by their byte-order mark, else the
``<meta charset>`` of the page, else UTF-8 (cp1252 with a warning).

trafilatura finds the article body and its metadata (title, author, site name as
publisher, publication date through htmldate from meta tags and JSON-LD, canonical URL).
:func:`html_document` rebuilds the text from trafilatura's XML tree as blocks separated
by blank lines, each a :class:`claims.TextBlock`: the headline becomes the title (not in
the text), subheads are ``heading``, then ``paragraph``, ``quote``, ``list-item``,
``caption`` (figure and table captions) and ``table-row`` (one block a row, its cells
with their column headers; header rows stay in the text but are listed as skipped with
reason ``table-header``). What trafilatura left out (menus, related stories, cookie
banners, forms, share buttons, footers) is listed in ``skipped`` with reason
``page-chrome`` and offsets ``-1``: it is not in the text. See ``docs/reading.md``.
"""

from __future__ import annotations

import codecs
import datetime as dt
import re
from functools import lru_cache

from claims import Cell, DocumentIn, ReadError, Skipped, TextBlock, hookimpl
from claims.models import TABLE_HEADER

HTML_SUFFIXES = (".html", ".htm", ".xhtml")
HTML_MEDIA_TYPES = ("text/html", "application/xhtml+xml")

#: Reason of the page text trafilatura left out (offsets -1: it is not in the document text).
CHROME = "page-chrome"

# The first tag of an HTML document (after a BOM, an XML prolog, comments and whitespace).
_FIRST_TAG = re.compile(
    rb"\A(?:\s|<\?xml[^>]*>|<!--.*?-->)*<(?:!doctype\s+html|html|head|body|meta|title|link|base|"
    rb"p|div|article|section|main|header|nav|h[1-6]|table|ul|ol|script|style|span|a|figure|blockquote)[\s>/]",
    re.I | re.S,
)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.I)
_WS = re.compile(r"\s+")
_LB = "\x00"  # an <lb/> while the text is collected (source newlines are only whitespace)
_WHOLE_PAGE = re.compile(r"<(?:html|body|head)[\s>]", re.I)
_NUMERIC = re.compile(r"[\d\s.,%+\-−–()$€£]*\d[\d\s.,%+\-−–()$€£]*")


def looks_like_html(data: bytes, path: str = "", media_type: str | None = None) -> bool:
    """Is this an HTML page? By media type, suffix, or its first tag in the head of the bytes."""
    if media_type and media_type.split(";")[0].strip().lower() in HTML_MEDIA_TYPES:
        return True
    if path.lower().endswith(HTML_SUFFIXES):
        return True
    head = data[:4096]
    for bom in (codecs.BOM_UTF8,):
        if head.startswith(bom):
            head = head[len(bom):]
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        head = head.decode("utf-16", errors="ignore").encode("utf-8")
    return _FIRST_TAG.match(head) is not None


def decode_html(data: bytes, path: str) -> tuple[str, str, list[str]]:
    """(text, encoding, warnings): BOM, then the page's meta charset, then UTF-8, then cp1252."""
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig", []
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace"), "utf-16", []
    m = _META_CHARSET.search(data[:4096])
    if m:
        name = m.group(1).decode("ascii", "ignore")
        try:
            enc = codecs.lookup(name).name
        except LookupError:
            enc = None
        if enc is not None:
            try:
                return data.decode(enc), enc, []
            except UnicodeDecodeError as exc:
                return (data.decode(enc, errors="replace"), enc,
                        [f"{path}: not valid {name} as its meta charset says (byte {exc.start}); bad bytes replaced"])
    try:
        return data.decode("utf-8"), "utf-8", []
    except UnicodeDecodeError as exc:
        return data.decode("cp1252", errors="replace"), "cp1252", [
            f"{path}: no charset and not valid UTF-8 (byte {exc.start}); decoded as cp1252"]


@hookimpl
def reader_suffixes():
    return list(HTML_SUFFIXES)


@hookimpl
def read_document(data, path, media_type, url):
    if not looks_like_html(data, path, media_type):
        return None
    html, encoding, warnings = decode_html(data, path)
    din = html_document(html, url=url)
    din.encoding = encoding
    din.warnings[:0] = warnings
    return din


# ---------------------------------------------------------------------------
# The document
# ---------------------------------------------------------------------------


class _Builder:
    """Collects blocks of text, separated by blank lines, with their offsets."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.pos = 0
        self.line = 1  # line number of the last block put
        self.blocks: list[TextBlock] = []
        self.skipped: list[Skipped] = []

    def _put(self, text: str) -> int:
        if self.parts:
            self.parts.append("\n\n")
            self.pos += 2
            self.line += 2 + self.parts[-2].count("\n")
        start = self.pos
        self.parts.append(text)
        self.pos += len(text)
        return start

    def add(self, kind: str, text: str) -> None:
        text = _clean(text)
        if text:
            start = self._put(text)
            self.blocks.append(TextBlock(kind=kind, start=start, end=start + len(text)))

    def row(self, cells: list[tuple[str, str | None]], header_row: bool = False) -> None:
        """One table row: ``(text, column header)`` of each cell; empty cells are left out."""
        cells = [(t, h) for t, h in ((_clean(t), h) for t, h in cells) if t]
        if not cells:
            return
        text = " | ".join(t for t, _ in cells)
        start = self._put(text)
        if header_row:
            self.skipped.append(Skipped(text=text, start=start, end=start + len(text), line=self.line,
                                        reason=TABLE_HEADER))
            return
        out, p = [], start
        for t, h in cells:
            out.append(Cell(start=p, end=p + len(t), header=h))
            p += len(t) + 3
        self.blocks.append(TextBlock(kind="table-row", start=start, end=start + len(text), cells=out))

    @property
    def text(self) -> str:
        return "".join(self.parts)


def _clean(text: str) -> str:
    """Whitespace runs (source newlines too) to one space; a line break (``<lb/>``) kept as one newline."""
    lines = (_WS.sub(" ", ln).strip() for ln in text.split(_LB))
    return "\n".join(ln for ln in lines if ln)


def _inline_text(el, stop=("list", "table", "quote")) -> str:
    """The text of an element and its inline children; ``lb`` is a line break; nested blocks left out."""
    out = [el.text or ""]
    for child in el:
        tag = child.tag if isinstance(child.tag, str) else ""
        if tag in stop:
            pass
        elif tag == "lb":
            out.append(_LB)
        else:
            out.append(_inline_text(child, stop))
        out.append(child.tail or "")
    return "".join(out)


def html_document(html: str, url: str | None = None, path: str | None = None) -> DocumentIn:
    """The main text of an HTML page as a :class:`claims.DocumentIn` with its blocks and metadata.

    Raises :class:`claims.ReadError` when trafilatura finds no main text.
    """
    today = dt.date.today()
    tree = _parse(html) if html.strip() else None
    if tree is None:
        raise ReadError("HTML page is empty")
    if _WHOLE_PAGE.search(html, 0, 8192) is None:
        # a fragment (a feed item's content): trafilatura reads only whole documents
        html = f"<!DOCTYPE html><html><head></head><body><article>{html}</article></body></html>"
    import trafilatura  # 0.1 s to import: only when a page is read, not for every run

    result = trafilatura.bare_extraction(
        html, url=url, with_metadata=True, include_tables=True, include_images=True,
        include_comments=False, include_formatting=False, include_links=False,
        # the original date from meta tags, JSON-LD, markup and URL; never one scraped off the
        # page text (a "Scraped at" or "Accessed" line), never one after today
        date_extraction_params={"original_date": True, "extensive_search": False,
                                "max_date": today.isoformat()},
    )
    body = getattr(result, "body", None)
    if body is None or not "".join(body.itertext()).strip():
        raise ReadError("HTML page has no main text (trafilatura found no article body)")
    title = _clean(result.title or "") or None
    b = _Builder()
    captions = _figure_captions(tree)
    headline = _walk(body, b, captions, title)
    if not _has_main_text(b):
        raise ReadError("HTML page has no main text (trafilatura found no article body)")
    published = result.date
    warnings: list[str] = []
    if published and published[:10] > today.isoformat():
        warnings.append(f"{path or url or 'HTML page'}: publication date {published} is after today; ignored")
        published = None
    canonical = result.url if result.url and result.url.startswith(("http://", "https://")) else None
    text = b.text
    return DocumentIn(
        text=text, format="html", path=path, title=headline or title, publisher=_clean(result.sitename or "") or None,
        author=_clean(result.author or "") or None, published=published, url=url or None,
        canonical_url=canonical, language=result.language or tree.get("lang") or None,
        blocks=b.blocks, chrome_removed=True, skipped=b.skipped + _chrome(tree, text, headline or title),
        warnings=warnings,
    )


#: A page has main text when one of its prose blocks has this many words (or it has a table row):
#: trafilatura falls back to whatever text a page has, such as a menu and a search button.
MIN_WORDS = 5


def _has_main_text(b: _Builder) -> bool:
    text = b.text
    return any(blk.kind == "table-row" or (blk.kind in ("paragraph", "quote", "list-item")
                                           and len(text[blk.start:blk.end].split()) >= MIN_WORDS)
               for blk in b.blocks)


@lru_cache(maxsize=1)
def _parser():
    """lxml's HTML parser, made on the first page (lxml is imported then, not at start-up)."""
    from lxml import etree
    return etree.HTMLParser(remove_comments=True, remove_pis=True)


def _parse(html: str):
    """The page as a plain lxml tree (its root element), or None."""
    from lxml import etree
    try:
        return etree.HTML(html, _parser())
    except ValueError:  # a str with an XML encoding declaration
        try:
            return etree.HTML(html.encode("utf-8"), etree.HTMLParser(encoding="utf-8", remove_comments=True))
        except (etree.ParserError, ValueError):
            return None
    except etree.ParserError:
        return None


def _figure_captions(tree) -> dict[str, str]:
    """Image source -> its figure's caption (trafilatura keeps the image, not the caption)."""
    out = {}
    for fig in tree.iter("figure"):
        cap = next(fig.iter("figcaption"), None)
        if cap is None:
            continue
        for img in fig.iter("img"):
            src = img.get("src")
            if src:
                out.setdefault(src, "".join(cap.itertext()))
    return out


def _walk(body, b: _Builder, captions: dict[str, str], title: str | None) -> str | None:
    """Fill ``b`` from trafilatura's tree; returns the headline when it opened the page."""
    headline = None
    first = True
    if _clean(body.text or ""):  # text straight in the root (a fragment of bare text)
        b.add("paragraph", body.text)
        first = False
    for el in body:
        tag = el.tag if isinstance(el.tag, str) else ""
        if first and tag == "head" and (el.get("rend") == "h1" or _clean(_inline_text(el)) == title):
            headline = _clean(_inline_text(el)) or None
            first = False
            continue
        if tag not in ("graphic",):
            first = first and not _clean(_inline_text(el))
        _element(el, b, captions, "paragraph")
        if _clean(el.tail or ""):
            b.add("paragraph", el.tail)
    return headline


def _element(el, b: _Builder, captions: dict[str, str], kind: str) -> None:
    tag = el.tag if isinstance(el.tag, str) else ""
    if tag == "head":
        b.add("heading", _inline_text(el))
    elif tag == "quote":
        if any(isinstance(c.tag, str) and c.tag in ("p", "list", "quote", "head") for c in el):
            if _clean(el.text or ""):
                b.add("quote", el.text)
            for c in el:
                _element(c, b, captions, "quote")
                if _clean(c.tail or ""):
                    b.add("quote", c.tail)
        else:
            b.add("quote", _inline_text(el))
    elif tag == "list":
        for item in el:
            if isinstance(item.tag, str) and item.tag == "item":
                b.add("list-item" if kind == "paragraph" else kind, _inline_text(item))
                for c in item:
                    if isinstance(c.tag, str) and c.tag in ("list", "table", "quote"):
                        _element(c, b, captions, kind)
    elif tag == "table":
        _table(el, b)
    elif tag == "graphic":
        cap = captions.get(el.get("src") or "")
        if cap:
            b.add("caption", cap)
    elif tag in ("p", "code", "item", "cell", ""):
        b.add(kind, _inline_text(el))
        for c in el:
            if isinstance(c.tag, str) and c.tag in ("list", "table", "quote"):
                _element(c, b, captions, kind)
    else:  # div and anything new: its own text, then its children
        if _clean(el.text or ""):
            b.add(kind, el.text)
        for c in el:
            _element(c, b, captions, kind)
            if _clean(c.tail or ""):
                b.add(kind, c.tail)


def _table(table, b: _Builder) -> None:
    rows = [r for r in table if isinstance(r.tag, str) and r.tag == "row"]
    headers: list[str | None] = []
    for i, row in enumerate(rows):
        cells = [c for c in row if isinstance(c.tag, str) and c.tag == "cell"]
        texts = [_clean(_inline_text(c).replace(_LB, " ")) for c in cells]
        full = [t for t in texts if t]
        if not full:
            continue
        heads = [c.get("role") == "head" for c, t in zip(cells, texts) if t]
        if i == 0 and len(full) == 1 and heads[0] and len(rows) > 1 and len(cells) > 1:
            b.add("caption", full[0])  # <caption>: trafilatura's first row, one head cell
            continue
        numeric = any(_NUMERIC.fullmatch(t) for t in full)
        if not numeric and (all(heads) or (i == 0 and not headers and _numbers_below(rows[1:]))):
            # a header row (<th> cells, or a first row of words over rows of figures)
            # its cells name the columns below (several header rows stack up)
            for j, t in enumerate(texts):
                while len(headers) <= j:
                    headers.append(None)
                if t:
                    headers[j] = f"{headers[j]} {t}" if headers[j] and i and _was_header(rows[i - 1]) else t
            b.row([(t, None) for t in texts], header_row=True)
            continue
        b.row([(t, headers[j] if j < len(headers) else None) for j, t in enumerate(texts)])


def _numbers_below(rows) -> bool:
    """Do the rows below hold figures (cells that are numbers only)?"""
    return any(_NUMERIC.fullmatch(_clean("".join(c.itertext()))) for r in rows[:5] for c in r
               if isinstance(c.tag, str) and c.tag == "cell")


def _was_header(row) -> bool:
    cells = [c for c in row if isinstance(c.tag, str) and c.tag == "cell" and _clean("".join(c.itertext()))]
    return bool(cells) and all(c.get("role") == "head" for c in cells)


# ---------------------------------------------------------------------------
# Page chrome: what trafilatura left out, listed (not in the text)
# ---------------------------------------------------------------------------

_BLOCK_TAGS = frozenset(
    "p div li dt dd h1 h2 h3 h4 h5 h6 td th tr caption figcaption blockquote pre section article aside "
    "header footer nav main form label button option ul ol dl table figure address summary details br".split()
)
_DROP_TAGS = ("script", "style", "noscript", "template", "svg", "head", "iframe", "select")
_MAX_CHROME = 500


def _page_lines(tree) -> list[str]:
    """The page's text broken at block elements (scripts, styles and the head left out)."""
    from lxml import etree
    lines: list[str] = []
    buf: list[str] = []
    walk = etree.iterwalk(tree, events=("start", "end"))
    for event, el in walk:
        tag = el.tag.lower() if isinstance(el.tag, str) else ""
        if event == "start":
            if tag in _DROP_TAGS:
                walk.skip_subtree()
                continue
            if tag in _BLOCK_TAGS:
                lines.append("".join(buf))
                buf.clear()
            if el.text and isinstance(el.tag, str):
                buf.append(el.text)
        else:
            if tag in _BLOCK_TAGS:
                lines.append("".join(buf))
                buf.clear()
            if el.tail and el is not tree:
                buf.append(el.tail)
    lines.append("".join(buf))
    return lines


def _chrome(tree, text: str, title: str | None) -> list[Skipped]:
    """The page's lines of text that are not in the main text: one ``page-chrome`` item each."""
    kept = _WS.sub(" ", text)
    if title:
        kept += "\n" + title
    out: list[Skipped] = []
    seen: set[str] = set()
    for line in _page_lines(tree):
        line = _WS.sub(" ", line).strip()
        if not line or line in seen or not any(ch.isalnum() for ch in line):
            continue
        seen.add(line)
        if line not in kept:
            out.append(Skipped(text=line, start=-1, end=-1, line=0, reason=CHROME))
            if len(out) >= _MAX_CHROME:
                break
    return out
