"""Text-fragment links (``#:~:text=``): a page URL that scrolls to and highlights one claim.

Built per the WICG Text Fragments spec (https://wicg.github.io/scroll-to-text-fragment/):
``url#:~:text=textStart`` for a short sentence, ``url#:~:text=textStart,textEnd`` for a
long one (its first and last words), each term percent-encoded with ``-``, ``&`` and
``,`` encoded too, since they are the directive's own syntax. A term never matches
across table cells, and a row's label (``Odesa``) or figures may stand elsewhere on the
page too, so a table row's link is ``label-,secondCell,lastCell``: the prefix (which
may sit in the cell before) pins it to the row. Checked in headless Chromium by
``tests/test_read_html_browser.py``.
"""

from __future__ import annotations

from urllib.parse import quote

#: Sentences of at most this many words are matched whole (textStart alone).
WHOLE_WORDS = 10
#: Words at each end of a longer sentence (textStart, textEnd).
END_WORDS = 5


def encode_term(term: str) -> str:
    """Percent-encode a text directive term: every reserved character, plus ``-`` (which
    ``quote`` leaves alone), so ``-``, ``&`` and ``,`` never read as directive syntax."""
    return quote(" ".join(term.split()), safe="").replace("-", "%2D")


def fragment(text: str, cells: list[str] | None = None) -> str | None:
    """The ``text=...`` directive that finds ``text`` on the page (None for empty text)."""
    if cells:
        cells = [c for c in (" ".join(c.split()) for c in cells) if c]
        if not cells:
            return None
        if len(cells) == 1:
            return "text=" + encode_term(cells[0])
        terms = [encode_term(cells[0]) + "-", encode_term(cells[1])]
        if len(cells) > 2:
            terms.append(encode_term(cells[-1]))
        return "text=" + ",".join(terms)
    words = text.split()
    if not words:
        return None
    if len(words) <= WHOLE_WORDS:
        return "text=" + encode_term(" ".join(words))
    return ("text=" + encode_term(" ".join(words[:END_WORDS])) + ","
            + encode_term(" ".join(words[-END_WORDS:])))


def text_fragment_link(url: str | None, text: str, cells: list[str] | None = None) -> str | None:
    """``url`` (its own fragment dropped) with the text fragment of ``text``; None without a URL."""
    if not url:
        return None
    directive = fragment(text, cells)
    if directive is None:
        return None
    return url.split("#", 1)[0] + "#:~:" + directive
