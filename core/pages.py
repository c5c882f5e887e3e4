"""The lines of a copied or scraped web page classed together, in the spirit of jusText.

jusText (Pomikálek, *Removing Boilerplate and Duplicate Content from Web Corpora*, 2011)
classes the paragraphs of an HTML page by length, stopword density and link density, then
revises short and near-good ones by their neighbours. Here each line of the text takes a
paragraph's role: when the text looks like a page (many short lines without final
punctuation, or several lines of chrome), runs of menu words, lists of other stories'
headlines with their times or ranks and short lines repeated in the document are set
aside, the rest is classed jusText's way with its English stoplist, and short sentences
and subheads inside the article body are kept. See ``docs/segmentation.md``.
"""

from __future__ import annotations

import importlib.util
import os
import re
from collections import Counter
from dataclasses import dataclass, field

from .boilerplate import boilerplate_reason, ends_sentence
from .patterns import compile_pattern

__all__ = ["PageLines", "classify_page"]


def _load_stoplist() -> frozenset[str]:
    """jusText's English stoplist, read from the installed package's data file.

    The file is read without importing ``justext`` (its import pulls in lxml's HTML
    cleaner, which the segmenter does not need)."""
    spec = importlib.util.find_spec("justext")
    if spec is None or spec.origin is None:
        raise ImportError("the justext package (a dependency of claims) is not installed")
    path = os.path.join(os.path.dirname(spec.origin), "stoplists", "English.txt")
    with open(path, encoding="utf-8") as fh:
        return frozenset(w.lower() for w in fh.read().split())


_STOPLIST: frozenset[str] | None = None

# jusText's defaults: a paragraph under LENGTH_LOW characters is short; STOPWORDS_LOW is
# the stopword density of good text; a heading is kept when good text follows within
# MAX_HEADING_DISTANCE characters.
LENGTH_LOW = 70
STOPWORDS_LOW = 0.30
MAX_HEADING_DISTANCE = 200

_TOKENS = compile_pattern(r"[^\W_]+(?:['’][^\W_]+)*")
# A page is classified when it has at least this many lines and a share of them are
# short lines without final punctuation (menus, headline lists) or chrome.
_PAGE_MIN_LINES = 8

_LIST_PARTS = frozenset(("related", "timestamp", "navigation", "repeated"))
# A caption's credit ("... on Monday. Photo: Agency/Name") is left out when a line is classed.
_CREDIT_TAIL = compile_pattern(r"(?:\s*[;,|–—-]\s*|\s+)\b(?:photo(?:graph)?s?|picture|image|video|credit|illustration)"
                               r"\s*(?::|by\b)[^.!?]{1,80}\Z", re.I)


@dataclass(slots=True)
class PageLines:
    """What :func:`classify_page` found: reasons for the lines it sets aside and the headings it keeps.

    Keys are line start offsets into the text."""

    reasons: dict[int, str] = field(default_factory=dict)
    headings: set[int] = field(default_factory=set)
    #: line start -> start of the photo credit that ends the caption on that line
    credits: dict[int, int] = field(default_factory=dict)
    #: False when the text did not look like a page: ``reasons`` then hold each line's own
    #: :func:`boilerplate_reason` only
    page: bool = True


def classify_page(text: str, lines: list[tuple[int, int]]) -> PageLines | None:
    """Class every line of a copied or scraped web page as content or boilerplate.

    ``lines`` are the ``(start, end)`` offsets of the text's non-empty lines, stripped, in
    order. Returns ``None`` for fewer than 8 lines; when the text does not look like a
    page, the result has ``page=False`` and each line's own :func:`boilerplate_reason`.
    The rules, in order:

    1. each line's own chrome reason (:func:`boilerplate_reason`);
    2. a short line that is not a sentence and occurs more than once: ``repeated``;
    3. other stories' headlines: a headline-like line (no final punctuation, at most 20
       words) next to a bare time, date or list number, or after a "Most read"/"Related"
       header until the next sentence: ``related``;
    4. runs of three or more short lines of at most four words without final
       punctuation (menus): ``navigation``; runs of three or more headline-like lines:
       ``related``;
    5. the rest as jusText does: lines under 70 characters are *short*, longer ones are
       *good* with a stopword density of at least 0.30 and final punctuation, *near-good*
       from 0.30 or with final punctuation, else *bad*; a short headline-like line
       followed by a good line within 200 characters is a heading; short and near-good
       lines take their class from their neighbours (good-good: content, bad-bad:
       boilerplate). Tab-separated lines (table rows) are near-good. A caption's photo
       credit is left out when its line is classed and reported in ``credits``.
    """
    global _STOPLIST
    n = len(lines)
    if n < _PAGE_MIN_LINES:
        return None
    raw = [text[a:b] for a, b in lines]
    hard: list[str | None] = [boilerplate_reason(s) for s in raw]
    short_np = sum(1 for s, h in zip(raw, hard) if h is None and len(s) < 60 and not ends_sentence(s))
    chrome = sum(1 for h in hard if h is not None and h not in ("byline", "foreign-language"))
    if not (short_np >= 4 and short_np * 4 >= n) and chrome < 3:
        return PageLines(reasons={a: h for (a, _), h in zip(lines, hard) if h is not None}, page=False)
    strs = [(_CREDIT_TAIL.sub("", s) or s) if (":" in s or " by " in s) and "\t" not in s else s for s in raw]
    ends = [ends_sentence(s) for s in strs]
    if _STOPLIST is None:
        _STOPLIST = _load_stoplist()
    stop = _STOPLIST
    words = [_TOKENS.findall(s) for s in strs]
    tab = ["\t" in s.strip() and len(s.split("\t")) >= 2 for s in strs]
    reason: list[str | None] = list(hard)

    shape = [not ends[i] and not tab[i] and 1 <= len(words[i]) <= 20 and len(s) <= 160 and s[-1] not in ",;:"
             and (s[0].isupper() or s[0].isdigit() or s[0] in "\"'“‘") for i, s in enumerate(strs)]

    def headline_like(i: int) -> bool:
        return shape[i] and reason[i] is None

    def list_mark(i: int) -> bool:
        return 0 <= i < n and (hard[i] == "timestamp" or (hard[i] == "navigation" and len(strs[i]) <= 3))

    # 2. repetition
    counts = Counter(s.lower() for s in strs)
    for i, s in enumerate(strs):
        if reason[i] is None and counts[s.lower()] > 1 and len(s) < 100 and (not ends[i] or len(words[i]) <= 3):
            reason[i] = "repeated"

    # 3. headlines listed with times or ranks; the list after a related header
    for i in range(n):
        if headline_like(i) and (list_mark(i + 1) or (list_mark(i - 1) and (i + 1 >= n or list_mark(i + 1)
                                                                            or headline_like(i + 1) or hard[i + 1]))):
            reason[i] = "related"
    i = 0
    while i < n:
        if hard[i] == "related":
            j = i + 1
            while j < n and j - i <= 40:
                if reason[j] is None and headline_like(j) and not _is_title(j, n, hard):
                    reason[j] = "related"
                elif reason[j] is None or reason[j] not in _LIST_PARTS:
                    break
                j += 1
            i = j
        else:
            i += 1

    # 4. runs of menu words and of headlines
    i = 0
    while i < n:
        if headline_like(i):
            j = i
            while j < n and (headline_like(j) or reason[j] in ("navigation", "repeated", "related")):
                j += 1
            run = [k for k in range(i, j) if reason[k] is None]
            if len(run) >= 3:
                menu = all(len(words[k]) <= 4 for k in run)
                for k in run:
                    if len(words[k]) <= 4 and any(c.isdigit() for c in strs[k]):
                        continue  # "4,889 killed": a figure in a list, not a menu word
                    if not _is_title(k, n, hard):
                        reason[k] = "navigation" if menu or len(words[k]) <= 2 else "related"
            i = max(j, i + 1)
        else:
            i += 1

    # 5. jusText: context-free classes, then context
    cls: list[str] = []
    heading: list[bool] = []
    for i, s in enumerate(strs):
        heading.append(False)
        if reason[i] is not None:
            cls.append("bad")
            continue
        if tab[i]:
            cls.append("neargood")
            continue
        ws = words[i]
        density = sum(1 for w in ws if w.lower() in stop) / len(ws) if ws else 0.0
        if len(s) < LENGTH_LOW:
            cls.append("short")
            heading[i] = headline_like(i)
        elif density >= STOPWORDS_LOW and ends[i]:
            cls.append("good")
        elif density >= STOPWORDS_LOW or ends[i]:
            cls.append("neargood")
            heading[i] = headline_like(i)
        else:
            cls.append("bad")
    cf = list(cls)
    for i in range(n):  # headings: a good line follows within 200 characters
        if heading[i] and cls[i] == "short":
            dist = 0
            for j in range(i + 1, n):
                if cls[j] == "good":
                    cls[i] = "neargood"
                    break
                dist += len(strs[j])
                if dist > MAX_HEADING_DISTANCE:
                    break

    def neighbour(i: int, step: int, ignore_near: bool) -> str:
        i += step
        while 0 <= i < n:
            c = cls[i]
            if c == "good" or c == "bad":
                return c
            if c == "neargood" and not ignore_near:
                return c
            i += step
        return "bad"

    new = {}
    for i in range(n):
        if cls[i] != "short":
            continue
        p, q = neighbour(i, -1, True), neighbour(i, 1, True)
        if p == "good" and q == "good":
            new[i] = "good"
        elif p == "bad" and q == "bad":
            new[i] = "bad"
        elif (p == "bad" and neighbour(i, -1, False) == "neargood") or (q == "bad" and neighbour(i, 1, False) == "neargood"):
            new[i] = "good"
        elif ends[i] and len(words[i]) >= 2:
            new[i] = "good"  # a short sentence at the edge of the article ("Kyiv denied it.")
        else:
            new[i] = "bad"
    for i, c in new.items():
        cls[i] = c
    for i in range(n):
        if cls[i] == "neargood":
            cls[i] = "bad" if (neighbour(i, -1, True), neighbour(i, 1, True)) == ("bad", "bad") else "good"
    for i in range(n):  # more headings: a heading-like line a good line follows within 200 characters
        if heading[i] and cls[i] == "bad" and cf[i] != "bad":
            dist = 0
            for j in range(i + 1, n):
                if cls[j] == "good":
                    cls[i] = "good"
                    break
                dist += len(strs[j])
                if dist > MAX_HEADING_DISTANCE:
                    break

    out = PageLines()
    for i, (a, _b) in enumerate(lines):
        if reason[i] is not None:
            out.reasons[a] = reason[i]
        elif cls[i] == "bad":
            out.reasons[a] = "navigation" if len(words[i]) <= 4 and not ends[i] else "low-content"
        else:
            if heading[i] or (not ends[i] and not tab[i] and headline_like(i)):
                out.headings.add(a)
            if len(strs[i]) < len(raw[i]) and ends[i]:  # "... on Monday. Photo: Agency/Name"
                m = _CREDIT_TAIL.search(raw[i])
                if m is not None:
                    out.credits[a] = a + m.start() + len(m.group()) - len(m.group().lstrip(" \t;,|–—-"))
    return out


def _is_title(i: int, n: int, hard: list[str | None]) -> bool:
    """A headline-like line followed by a byline or a publication-date line is the article's title."""
    for j in range(i + 1, min(i + 3, n)):
        if hard[j] in ("byline", "pubdate"):
            return True
        if hard[j] is None:
            return False
    return False
