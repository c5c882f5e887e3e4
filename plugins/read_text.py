"""Built-in plugin: the plain-text reader, the last one asked (it reads anything that is text).

Markdown (``.md``, ``.markdown`` and Markdown sniffed in ``.txt``) is the Markdown reader's.

The text is kept exactly as decoded (CRLF line ends included), so every offset indexes
the file as written. Front matter (``title:``, ``published:``...) fills in the metadata.
"""

from claims import DocumentIn, hookimpl
from claims.read import TEXT_SUFFIXES, decode
from claims.segment import front_matter


@hookimpl
def reader_suffixes():
    return [s for s in TEXT_SUFFIXES if s.lower() not in (".md", ".markdown")]


@hookimpl(trylast=True)
def read_document(data, path):
    text, encoding, warnings = decode(data, path)
    front = front_matter(text)
    return DocumentIn(
        text=text, format="text", encoding=encoding,
        title=front.get("title"), publisher=front.get("publisher") or front.get("source"),
        author=front.get("author"), published=front.get("published") or front.get("date"),
        url=front.get("url"), warnings=warnings,
    )
