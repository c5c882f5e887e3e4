"""Built-in plugin: the Markdown reader (``.md``, ``.markdown``, ``text/markdown``, and scraped
Markdown saved as ``.txt`` or piped to stdin).

Markdown is parsed with markdown-it-py (CommonMark plus pipe tables) and the text is rebuilt
without markup: link anchors are kept and their targets dropped, images dropped, emphasis and
code markers dropped. Each block becomes a :class:`~claims.models.TextBlock` (``heading``,
``paragraph``, ``list-item``, ``quote``, ``table-row`` with its cells and column headers; a header
row is set aside as ``table-header``), and
blocks are separated by blank lines, so a heading is never glued to the next sentence. Front
matter (a YAML ``---`` block or ``key: value`` lines) and the ``Title:``/``URL Source:``/
``Published Time:`` header that scrapers such as jina write give the metadata.
"""

from __future__ import annotations

import datetime as dt
import re

import functools

from claims import DocumentIn, hookimpl
from claims.extract.dates import find_document_date
from claims.models import TABLE_HEADER, Cell, Skipped, TextBlock
from claims.read import InputProblem, decode
from claims.segment import _front_matter_end, front_matter
from claims.patterns import compile_pattern

SUFFIXES = (".md", ".markdown")
MEDIA_TYPES = ("text/markdown", "text/x-markdown")

@functools.cache
def _parser():
    """The Markdown parser, made when a Markdown document is first read (not for every run)."""
    from markdown_it import MarkdownIt
    md = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
    # Link targets are dropped, so they need no URL normalising (about a tenth of parse time).
    md.normalizeLink = md.normalizeLinkText = lambda url: url
    return md

# Sniffing Markdown in a .txt or on stdin: inline links to web addresses, ATX headings, images.
_LINK = compile_pattern(r"(?<!!)\[[^\]\n]{1,300}\]\((?:https?://|/|#)[^)\s]*(?:\s+\"[^\"\n]*\")?\)")
_IMAGE = compile_pattern(r"!\[[^\]\n]{0,300}\]\([^)\s]+")
_HEADING = compile_pattern(r"^#{1,6}[ \t]+\S", re.M)
# A scraper's header: "Title: ...", "URL Source: ...", "Published Time: ...", "Markdown Content:".
_SCRAPER_HEADER = compile_pattern(
    r"\A(?:[ \t]*(?:Title|URL Source|Published Time|Description|Author|Markdown Content|Warning)[ \t]*:[^\n]*\n(?:[ \t]*\n)*)+")
_SCRAPER_KEY = compile_pattern(r"^[ \t]*(Title|URL Source|Published Time|Description|Author)[ \t]*:[ \t]*(.*?)[ \t]*$", re.M)
_FOOTNOTE_REF = compile_pattern(r"\[\^[^\]\s]{1,20}\]")


def looks_like_markdown(text: str) -> bool:
    """Is this plain text clearly Markdown (several web links, or headings with links or images)?"""
    head = text[:200_000]
    links = len(_LINK.findall(head))
    if links >= 3:
        return True
    images = len(_IMAGE.findall(head))
    headings = len(_HEADING.findall(head))
    return (headings >= 1 and links + images >= 1) or (images >= 1 and links >= 1)


@hookimpl
def reader_suffixes():
    return list(SUFFIXES)


@hookimpl
def read_document(data, path, media_type):
    lower = (path or "").lower()
    mt = (media_type or "").split(";")[0].strip().lower()
    if lower.endswith(SUFFIXES) or mt in MEDIA_TYPES:
        text, encoding, warnings = decode(data, path)
    elif lower.endswith(".txt") or "." not in lower.rsplit("/", 1)[-1] or lower in ("-", "<stdin>"):
        if mt and mt != "text/plain":
            return None
        try:
            text, encoding, warnings = decode(data, path)
        except InputProblem:
            return None
        if not looks_like_markdown(text):
            return None
    else:
        return None
    return markdown_document(text, encoding=encoding, warnings=warnings)


def markdown_document(source: str, encoding: str = "utf-8", warnings: list[str] | None = None) -> DocumentIn:
    """A :class:`DocumentIn` from Markdown source: the text without markup, its blocks and metadata."""
    meta: dict[str, str] = {}
    start = 0
    scraper = _SCRAPER_HEADER.match(source)
    if scraper:
        for m in _SCRAPER_KEY.finditer(scraper.group()):
            meta.setdefault(m.group(1).lower().replace(" ", "_"), m.group(2))
        start = scraper.end()
    else:
        end = _front_matter_end(source)
        if end:
            meta = front_matter(source)
            start = end
    body = source[start:]
    builder = _Builder()
    builder.walk(_parser().parse(body))
    title = meta.get("title") or builder.first_h1
    published = (meta.get("published") or meta.get("date") or meta.get("published_time") or meta.get("pubdate")
                 or meta.get("published_at"))
    return DocumentIn(
        text=builder.text(), format="markdown", encoding=encoding, title=_unquote(title),
        publisher=_unquote(meta.get("publisher") or meta.get("source") or meta.get("site_name")),
        author=_unquote(meta.get("author")), published=_iso(published),
        url=_unquote(meta.get("url") or meta.get("url_source") or meta.get("link")),
        canonical_url=_unquote(meta.get("canonical") or meta.get("canonical_url")),
        language=_unquote(meta.get("lang") or meta.get("language")),
        blocks=builder.blocks, skipped=builder.skipped, warnings=list(warnings or []),
    )


def _unquote(value: str | None) -> str | None:
    if value is None:
        return None
    value = value.strip().strip("\"'").strip()
    return value or None


def _iso(value: str | None) -> str | None:
    """An ISO date from a front-matter date ("2026-03-02T09:15:00Z", "March 2, 2026"), else None."""
    value = _unquote(value)
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10]).isoformat()
    except ValueError:
        d = find_document_date(value)
        return d.isoformat() if d else None


class _Builder:
    """Rebuilds the text block by block from markdown-it tokens, keeping the offsets of each block."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.pos = 0
        self.blocks: list[TextBlock] = []
        self.skipped: list[Skipped] = []
        self.first_h1: str | None = None
        self.line = 1

    def text(self) -> str:
        return "".join(self.parts)

    def _sep(self, sep: str) -> None:
        if self.parts:
            self.parts.append(sep)
            self.pos += len(sep)
            self.line += sep.count("\n")

    def add(self, kind: str, text: str, sep: str = "\n\n") -> tuple[int, int] | None:
        text = text.strip()
        if not text:
            return None
        self._sep(sep)
        start = self.pos
        self.parts.append(text)
        self.pos += len(text)
        self.line += text.count("\n")
        if kind:
            self.blocks.append(TextBlock(kind=kind, start=start, end=self.pos))
        return start, self.pos

    def walk(self, tokens) -> None:
        in_item = in_quote = 0
        in_cell = False
        kind_next = None
        headers: list[str] = []
        row: list[tuple[str, bool]] = []
        in_head = False
        first_row_in_table = True
        for tok in tokens:
            t = tok.type
            if t == "list_item_open":
                in_item += 1
            elif t == "list_item_close":
                in_item -= 1
            elif t == "blockquote_open":
                in_quote += 1
            elif t == "blockquote_close":
                in_quote -= 1
            elif t == "heading_open":
                kind_next = ("heading", tok.tag)
            elif t == "paragraph_open":
                kind_next = ("quote" if in_quote else "list-item" if in_item else "paragraph", None)
            elif t == "inline" and kind_next is not None:
                kind, tag = kind_next
                kind_next = None
                text = _render(tok, menu=kind in ("paragraph", "list-item"))
                if self.add(kind, text) and kind == "heading" and tag == "h1" and self.first_h1 is None:
                    self.first_h1 = text.strip()
            elif t == "table_open":
                headers, first_row_in_table = [], True
            elif t == "thead_open":
                in_head = True
            elif t == "thead_close":
                in_head = False
            elif t == "tr_open":
                row = []
            elif t in ("th_open", "td_open"):
                in_cell = True
            elif t in ("th_close", "td_close"):
                in_cell = False
            elif t == "inline" and in_cell:
                row.append((_render(tok).replace("\t", " ").replace("\n", " ").strip(), in_head))
            elif t == "tr_close":
                if in_head:
                    headers = [c for c, _ in row]
                self._row(row, headers, in_head, first_row_in_table)
                first_row_in_table = False
                row = []
            elif t in ("fence", "code_block", "html_block"):
                content = tok.content.strip()
                if content:
                    self.skipped.append(Skipped(text=content[:500], start=self.pos, end=self.pos, line=self.line,
                                                reason="code" if t != "html_block" else "markup"))

    def _row(self, row: list[tuple[str, bool]], headers: list[str], in_head: bool, first: bool) -> None:
        cells = [c for c, _ in row]
        if not any(cells):
            return
        self._sep("\n\n" if first else "\n")
        start = self.pos
        out: list[Cell] = []
        for k, c in enumerate(cells):
            if k:
                self.parts.append("\t")
                self.pos += 1
            if c:
                out.append(Cell(start=self.pos, end=self.pos + len(c),
                                header=None if in_head or k >= len(headers) else (headers[k] or None)))
                self.parts.append(c)
                self.pos += len(c)
        if in_head:   # as on a web page: the header row stays in the text, named as the columns' header
            self.skipped.append(Skipped(text="\t".join(cells), start=start, end=self.pos, line=self.line,
                                        reason=TABLE_HEADER))
            return
        self.blocks.append(TextBlock(kind="table-row", start=start, end=self.pos, cells=out))


def _render(inline, menu: bool = False) -> str:
    """The text of an inline token: anchors kept, link targets, images and markers dropped.

    With ``menu``, a paragraph made only of links (a menu, share buttons, "Accept all |
    Manage preferences") gives one anchor per line, as a browser shows such a row."""
    children = inline.children or ()
    if menu and _links_only(children):
        anchors, cur, depth = [], [], 0
        for child in children:
            if child.type == "link_open":
                depth += 1
                cur = []
            elif child.type == "link_close":
                depth -= 1
                anchors.append("".join(cur).strip())
            elif depth and child.type in ("text", "code_inline"):
                cur.append(child.content)
        return "\n".join(a for a in anchors if a)
    out: list[str] = []
    skip_autolink = False
    for child in children:
        t = child.type
        if t == "text":
            if not skip_autolink:
                out.append(child.content)
        elif t in ("softbreak", "hardbreak"):
            out.append("\n")
        elif t == "code_inline":
            out.append(child.content)
        elif t == "link_open":
            skip_autolink = child.markup == "autolink"
        elif t == "link_close":
            skip_autolink = False
        # image, html_inline, em/strong/s open/close: nothing
    text = "".join(out)
    if "[^" in text:
        text = _FOOTNOTE_REF.sub("", text)
    return "\n".join(line.strip() for line in text.split("\n"))


def _links_only(children) -> bool:
    """At least two links, and no text outside them but spaces and separators."""
    links = depth = 0
    for child in children:
        t = child.type
        if t == "link_open":
            depth += 1
            links += 1
        elif t == "link_close":
            depth -= 1
        elif not depth and t == "text" and child.content.strip(" |·•/-–—,"):
            return False
        elif not depth and t not in ("text", "softbreak", "hardbreak", "image"):
            return False
    return links >= 2
