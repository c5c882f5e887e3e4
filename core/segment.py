"""Sentence segmentation, paragraph splitting and boilerplate detection for English news text.

Every sentence of a bulletin becomes a claim, so this module decides where sentences
start and end, which paragraph they belong to, and which lines are not claims at all
(navigation, hashtags, bylines, URLs, front matter, lines in another language).

Design (see ``docs/segmentation.md``):

* The text is never modified: everything is reported as ``(start, end)`` offsets into
  the original string, with ``text[start:end]`` stripped of surrounding whitespace.
* One compiled regular expression finds candidate boundaries (a run of ``. ! ? …``,
  optional closing quotes or brackets, then whitespace). For each candidate a few
  cheap checks on the token before it and the character/word after it decide
  whether it is a real boundary (abbreviations, initials, list markers, quotes that
  continue in lowercase, ...). There is no per-character Python loop.
* Only the standard library is used (``re``).

* Boilerplate (which lines are not claims) lives in :mod:`claims.boilerplate`; a text
  that looks like a copied web page is classed as a whole by :mod:`claims.pages`
  (jusText-style).

Public API: :class:`Block`, :func:`segment`, :func:`split_sentences`,
:func:`boilerplate_reason`, :func:`footnote_markers`, :func:`blank_markers`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from .boilerplate import REASONS, boilerplate_reason, ends_sentence, runs_on
from .pages import classify_page
from .patterns import compile_pattern

__all__ = ["Block", "segment", "split_sentences", "boilerplate_reason", "REASONS", "footnote_markers",
           "blank_markers"]


@dataclass(slots=True)
class Block:
    """One paragraph of the text."""

    index: int  #: 0-based paragraph number
    start: int  #: offset of the paragraph's first non-space char in the original text
    end: int  #: offset after its last non-space char
    line: int  #: 1-based line number of ``start``
    #: ``(start, end, line)`` of each sentence; ``text[start:end]`` is exactly the sentence
    sentences: list[tuple[int, int, int]] = field(default_factory=list)
    #: ``(start, end, line, reason)`` of each boilerplate line set aside (not claims)
    skipped: list[tuple[int, int, int, str]] = field(default_factory=list)
    #: starts of the sentences that are headings (a headline or subhead line of a page)
    headings: set[int] = field(default_factory=set)


# ---------------------------------------------------------------------------
# Character classes and word lists
# ---------------------------------------------------------------------------

# Candidate boundary: terminator run, closing quotes/brackets (or [12] citation marks),
# then whitespace. Group 1 = terminators, group 2 = closers; m.end() = next sentence start.
# (The run is spelt "[...][...]*", not "[...]+": a pattern that starts with a character set
# lets the regex engine skip to the next terminator instead of trying every position.)
_CAND = compile_pattern(r"([.!?…‽][.!?…‽]*)((?:[)\]}\"'”’»›]|\[\d{1,3}\]|(?<=[a-z)]\.)\d{1,3}(?: \d{1,3})*)*)\s+")

_OPENERS = "\"'“‘«‹([{`„"
_DASHES = "-–—"
_SYMBOLS = "$€£¥₹#@*•·§¶%&+~<"  # a sentence may start with these
_QUOTES = "\"'”’»›"
_TOKEN_STRIP = "\"'“‘«‹([{`„<"
_AFTER_QUOTE = compile_pattern(r"[^\S\r\n]*(\S)")
# A quotation, up to 600 characters long: double quotes, or single quotes whose closing
# mark is not an apostrophe inside a word ("‘We won’t leave,’ he said").
_QUOTE_PAIR = compile_pattern(
    r'“[^“”]{1,600}”|"[^"]{1,600}"|‘(?:[^‘’]|’(?=\w)){1,600}’(?!\w)'
    r"|'(?<![\w']')(?:[^']|'(?=\w)){1,600}'(?!\w)"
)
_QUOTE_OPENINGS = ('"', "“", "‘", " '")
_CAP_LOWER = compile_pattern(
    r"[\"“]?[A-Z][a-z]+[\w'’-]*\s+(?!(?:and|de|du|des|la|le|van|von|der|den|di|da|del|dos|y|e)\b)[a-z]"
)
_AFTER_DASH = compile_pattern(r"[-–—]+\s*(\S)")
_NEXT_WORD = compile_pattern(r"[\"'“‘«(\[`]*([^\W\d_]+)")

# Token kinds
_REGULAR, _NEVER, _WEAK, _CORP, _NUMPFX, _MONTH, _AMPM, _INITIAL = range(8)


def _variants(words: str, kind: int, table: dict[str, int], lower: bool = False) -> None:
    for w in words.split():
        table[w] = kind
        table[w.upper()] = kind
        if lower:
            table[w.lower()] = kind


# Exact-case table (Title and UPPER forms, plus lower case where the lower-case form is
# not also an ordinary English word).
_ABBR: dict[str, int] = {}

# Titles before a name: never end a sentence.
_variants(
    "Mr Mrs Ms Mx Messrs Mmes Dr Drs Prof Profs Gen Gens Lt Col Cols Sgt Gov Govs Sen Sens "
    "Rep Reps Capt Cmdr Cdr Cmdt Adm Maj Brig Rev Revd Hon Pres Supt Insp Det Cpl Pvt Pte "
    "Spc Pfc Ens Fr Msgr Mme Mlle Amb Atty Sec Sens Lt-Gen Maj-Gen Brig-Gen",
    _NEVER,
    _ABBR,
)
for _w in "mr mrs ms dr prof messrs".split():
    _ABBR[_w] = _NEVER
# Abbreviations that are normally followed by more of the same sentence.
for _w in "e.g i.e cf viz esp incl vs Vs VS E.g I.e Cf Viz Incl".split():
    _ABBR[_w] = _NEVER
# Abbreviations that often end a sentence too: split only before a common sentence
# starter ("in the U.S. The company said", "Martin Luther King Jr. Day").
_variants(
    "Jr Sr Esq Assn Assoc Dept Univ Inst Intl Natl Govt Mfg Div St Mt Ft Pt Ave Blvd Rd Hwy "
    "Sq Ln Mon Tue Tues Wed Thu Thur Thurs Fri Sat Sun",
    _WEAK,
    _ABBR,
)
for _w in "jr sr al resp est dept govt univ".split():
    _ABBR[_w] = _WEAK
# Company suffixes, US states, "etc.": these end sentences more often still, so they also
# split before a capitalised word followed by a lower-case one ("... Corp. Munson said").
_variants("Inc Ltd Co Corp Cos Plc Bros Llc Etc", _CORP, _ABBR, lower=True)
# US states and Canadian provinces (exact case: "Ill." the state, not "ill." the word).
for _w in (
    "Ala Ariz Ark Calif Cal Colo Conn Del Fla Ga Ida Ill Ind Kan Kans Ky La Md Mass Mich "
    "Minn Miss Mo Mont Neb Nebr Nev Okla Ore Oreg Pa Penn Tenn Tex Vt Va Wash Wis Wisc Wyo "
    "Alta Ont Que Sask Nfld"
).split():
    _ABBR[_w] = _CORP
# Abbreviations before a number ("No. 5", "Fig. 3", "Rs. 3520"): split unless a digit follows.
_variants("No Nos Nr Vol Vols Fig Figs Art Arts Ch Chap Sect Para Paras Rs Tel Ext Op Ref Refs Eq Eqs Tab Ca Approx Pp", _NUMPFX, _ABBR, lower=True)
_ABBR["sec"] = _NUMPFX
_ABBR["SEC"] = _NUMPFX
for _w in "N° Nº n° nº".split():
    _ABBR[_w] = _NUMPFX
# Months: "Jan. 20" never splits, "Jan. The" does.
_variants("Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec", _MONTH, _ABBR)
for _w in "a.m p.m A.M P.M".split():
    _ABBR[_w] = _AMPM

# Capitalised words that commonly start a sentence; after an ambiguous abbreviation
# ("in the U.S. The company said") they mark a boundary.
_STARTERS = frozenset(
    """
    A An The This That These Those There Their They He She It Its I We You Our His Her My Your
    But And So Yet However Meanwhile Moreover Furthermore Also Still Instead Then Thus
    Therefore Nevertheless Nonetheless Although Though While Whereas When Where What Why How Who
    Whom Whose Which Whether If Unless Because Since After Before During Until As At In On Of For
    From With Without By To Under Over Among Between Despite Following According Asked Speaking
    Earlier Later Last Next Now Today Yesterday Tomorrow Tonight Separately Some Many Most Few
    Several All Both Each Every Such Other Others More Less Only One Two Three Four Five Six Seven
    Eight Nine Ten No Not Neither Either Millions Thousands Hundreds Dozens Billions Here Let
    Please Being Even Just Already Again Indeed Overall Finally Initially Recently Currently
    Previously Similarly Additionally Otherwise Yes Mr Mrs Ms Dr
    """.split()
)

# Words after "a.m."/"p.m." that continue the sentence ("at 10 a.m. Tuesday").
_TIME_FOLLOW = frozenset(
    """
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday Mon Tue Tues Wed Thu Thurs Fri Sat Sun
    January February March April May June July August September October November December
    Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec
    ET EST EDT CT CST CDT MT MST MDT PT PST PDT GMT UTC BST CET CEST EET EEST MSK IST JST AEST AEDT
    Eastern Central Mountain Pacific Atlantic Greenwich Moscow Kyiv Kiev London Paris Berlin
    Beijing Tokyo Washington Local
    """.split()
)

# A single capital letter after one of these words is a noun ("plan B.", "an A.",
# "World War I."), not an initial.
_LETTER_NOUNS = frozenset(
    """
    a an the plan grade type vitamin class category group section part exhibit annex appendix
    schedule hepatitis option model letter point line gate terminal platform zone block wing
    ward level size division league series route degrees phase stage tier unit row seat
    building floor pool team channel war
    """.split()
)

_ROMAN = frozenset("i ii iii iv v vi vii viii ix x xi xii I II III IV V VI VII VIII IX X XI XII".split())
_INITIALISM = compile_pattern(r"(?:[A-Za-z]{1,2}\.)+[A-Za-z]{1,2}")
_EXCLAIM_NAMES = frozenset(("yahoo", "jeopardy"))

_SPEECH = (
    "said|says|asked|asks|told|added|adds|wrote|writes|replied|replies|shouted|yelled|"
    "exclaimed|insisted|tweeted|continued|explained|answered|cried|demanded|wondered|"
    "recalled|quipped|joked|warned|noted|declared|stated|responded"
)
# After `?”` or `!"`: a short attribution ("Scholz asked.") continues the sentence.
_ATTRIB = compile_pattern(
    r"(?:[A-Z][\w'’.-]*\s+){1,4}(?:" + _SPEECH + r")"
    r"(?:\s*[.,;:!?]|\s+(?:on|in|at|during|after|before|when|while|as|from|to|of|late|"
    r"earlier|later|today|yesterday|last|this|with|afterwards?|again|then)\b)"
)


# ---------------------------------------------------------------------------
# Sentence splitting
# ---------------------------------------------------------------------------


def _split(text: str, start: int, end: int, out: list[tuple[int, int]]) -> None:
    """Append sentence spans of ``text[start:end]`` to ``out``.

    ``start`` must be a non-space character and ``end`` the offset after a non-space
    character (the region is already stripped). Sentences never span the region edges.
    """
    s = start
    # quotations kept whole: "We will win. We have no choice," Zelenskyy said.
    keep = _attributed_quotes(text, start, end)
    k = 0
    for m in _CAND.finditer(text, start, end):
        ne = m.end()
        nc = text[ne]
        if nc.islower():
            continue  # "... he asked", "U.S. officials", "e.g. a hat"
        ts = m.start()
        if ts == s:
            continue  # terminators at the very start of a sentence: ". . .", "! ! !"
        if not nc.isalnum() and nc not in _OPENERS:
            if nc in _DASHES:
                d = _AFTER_DASH.match(text, ne)
                if d is None or d.group(1).islower():
                    continue  # "voila! -- you have cake"
            elif nc not in _SYMBOLS:
                continue  # ", ; : ! ? ." and the like never start a sentence
        term = m.group(1)
        if term[0] == ".":
            if text[ts - 1].isspace():
                # a detached ellipsis ("attacks by ... Iran", ". . . The") is an omission
                # inside a sentence; a lone detached full stop ("per share . Its") ends one
                if term != ".":
                    continue
                before = text[ts - 8 if ts - 8 > s else s : ts]
                if not before.endswith(". . . ") and before.rstrip()[-1:] == ".":
                    continue  # but the fourth dot of ". . . ." is a full stop
            elif term == ".":
                # fast path: an ordinary word before the full stop ("... the ministry said.")
                lo = ts - 48 if ts - 48 > s else s
                tok = text[lo:ts].rsplit(None, 1)[-1]
                if len(tok) < 2 or not tok.isalpha() or tok in _ABBR or tok in _ROMAN:
                    if len(tok) <= 2 and nc.isupper() and _next_list_item(text, s, ts, tok):
                        # "1. The first item 2. The second item": split before "2."
                        t0 = ts - len(tok)
                        out.append((s, len(text[s:t0].rstrip()) + s))
                        s = t0
                        continue
                    closers = m.group(2)
                    if not _period_ends(text, s, ts, ne, nc, bool(closers) and closers[0] in _QUOTES):
                        continue
            # else an ellipsis or an abbreviation plus full stop ("N.Y.."): boundary
        elif term[0] == "!" or term[0] == "?" or term[0] == "‽":
            if term[0] == "!":
                lo = ts - 24 if ts - 24 > s else s
                tok = text[lo:ts].rsplit(None, 1)
                if tok and tok[-1].lstrip(_TOKEN_STRIP).lower() in _EXCLAIM_NAMES:
                    continue  # "Yahoo! Research"
            closers = m.group(2)
            if closers and nc.isupper() and _ATTRIB.match(text, ne):
                if any(q in closers for q in _QUOTES):
                    continue  # "Are you ready?" Scholz asked.
        ce = m.end(2)
        if keep:
            while k < len(keep) and keep[k][1] <= ce:
                k += 1
            if k < len(keep) and keep[k][0] < ts:
                continue  # inside a quotation that its speaker's attribution follows
        out.append((s, ce))
        s = ne
    out.append((s, end))


def _next_list_item(text: str, s: int, ts: int, tok: str) -> bool:
    """Is ``tok`` ("2", "b") the next marker of an inline list whose previous item
    ("1. ...", "a.) ...") is in the current sentence, which started at ``s``?"""
    if tok.isdigit():
        prev = str(int(tok) - 1)
    elif len(tok) == 1 and "b" <= tok <= "z":
        prev = chr(ord(tok) - 1)
    else:
        return False
    if text.startswith(prev + ".", s):
        i = s + len(prev) + 1
        if text.startswith(")", i):
            i += 1
        return i < len(text) and text[i].isspace()
    return text.find(" " + prev + ". ", s, ts) >= 0 or text.find(" " + prev + ".) ", s, ts) >= 0


def _period_ends(text: str, s: int, ts: int, ne: int, nc: str, closed: bool) -> bool:
    """Does the single full stop at ``ts`` end the sentence that started at ``s``?

    ``closed`` tells that a closing quote follows the full stop."""
    lo = ts - 48
    if lo < s:
        lo = s
    chunk = text[lo:ts]
    parts = chunk.rsplit(None, 1)
    core = parts[-1].lstrip(_TOKEN_STRIP)
    kind = _ABBR.get(core)
    if kind is None:
        kind = _classify(core, lo == s and len(parts) == 1)
    if kind == _REGULAR:
        # "The plan: 1. The troops ..." - a list marker after a colon
        return not (len(core) <= 2 and core.isdigit() and chunk[: -len(core)].rstrip().endswith(":"))
    if kind == _NEVER:
        return False
    if closed:
        return True  # 'in the U.S." Thatcher will' - a closed quote ends the sentence
    if kind == _WEAK:
        return _starts_sentence(text, ne, nc)
    if kind == _CORP:
        return _starts_sentence(text, ne, nc) or _CAP_LOWER.match(text, ne) is not None
    if kind == _NUMPFX:
        return not nc.isdigit()
    if kind == _INITIAL:
        prev = chunk.rsplit(None, 2)
        if len(prev) >= 2:
            word = prev[-2].lstrip(_TOKEN_STRIP)
            if word.lower() in _LETTER_NOUNS:
                return _starts_sentence(text, ne, nc)  # "plan B. The", "World War I. It"
            if core == "I" and word[:1].islower():
                return True  # the pronoun: "... you and I. Did you"
        return False  # "George W. Bush", "J. R. R. Tolkien"
    if kind == _MONTH:  # "on Jan. 22" goes on, "expires in Nov. Officials hope" ends
        return not nc.isdigit() and (_starts_sentence(text, ne, nc) or _CAP_LOWER.match(text, ne) is not None)
    # _AMPM: "at 6 p.m. Travelers were" ends, "at 10 a.m. Tuesday" and "5 p.m. Kyiv time" do not,
    # nor does an opening time phrase ("At 5 a.m. Mr. Smith left")
    if nc.isdigit() or text.count(" ", s, ts) <= 2:
        return False
    w = _NEXT_WORD.match(text, ne)
    if w is None:
        return nc in "\"“"
    word = w.group(1)
    return word[0].isupper() and word not in _TIME_FOLLOW and not text.startswith(" time", w.end())


def _classify(core: str, first: bool) -> int:
    """Kind of a token that is not in the abbreviation table."""
    if not core:
        return _REGULAR
    if first and (core in _ROMAN or (core.isdigit() and len(core) <= 3)):
        return _NEVER  # list markers: "1. This is one.", "iv. Then"
    if len(core) == 1:
        if core.isupper():
            return _NEVER if first else _INITIAL  # "A. The first item", "George W. Bush"
        if core.isalpha():
            return _NEVER  # "p. 55", "v. Wade", "contain v. If"
        return _REGULAR
    if "-" in core:  # "Lt.-Gen", "ex-Gov", "non-U.S", "D-Okla"
        last = core.rsplit("-", 1)[-1]
        if last:
            kind = _ABBR.get(last)
            return kind if kind is not None else _classify(last, False)
    if "." in core:
        if _INITIALISM.fullmatch(core):
            lo = core.lower()
            if lo in ("e.g", "i.e"):
                return _NEVER
            if lo in ("a.m", "p.m"):
                return _AMPM
            return _WEAK  # U.S, U.K, N.Y, Ph.D, U.S.A, J.C
        return _REGULAR
    return _REGULAR


def _starts_sentence(text: str, pos: int, nc: str) -> bool:
    """After an ambiguous abbreviation: does the text at ``pos`` begin a new sentence?"""
    if nc in "\"“":
        return True
    if nc.isdigit():
        return False
    w = _NEXT_WORD.match(text, pos)
    if w is None:
        return False
    word = w.group(1)
    # "Separately," "Unfortunately," - a sentence adverb
    return word in _STARTERS or (word.endswith("ly") and text.startswith(",", w.end()))


def _attributed_quotes(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Double quotations in ``text[start:end]`` that close with a comma or run into a
    lower-case word or an attribution (``"..., he said"``, ``"...?" she asked``), as
    ``(opening, closing)`` offsets. Their inner sentences stay with the speaker."""
    spans: list[tuple[int, int]] = []
    found = [i for i in (text.find(q, start, end) for q in _QUOTE_OPENINGS) if i >= 0]
    if text[start] == "'":
        found.append(start)
    if not found:
        return spans
    for m in _QUOTE_PAIR.finditer(text, min(found), end):
        q = m.end() - 1
        if text[q - 1] == ",":
            spans.append((m.start(), q))
            continue
        a = _AFTER_QUOTE.match(text, q + 1, end)
        if a is not None:
            c = a.group(1)
            if c.islower() or (c.isupper() and _ATTRIB.match(text, a.start(1)) is not None):
                spans.append((m.start(), q))
    return spans


# Footnote and citation markers: "[45]", "[a]", "[note 3]", "[citation needed]", superscript
# digits, and digits glued after a word's full stop before the next sentence ("killed.45 The").
_FOOTNOTE = compile_pattern(
    r"\[(?:\d{1,3}|[a-z]|(?:note|n|fn)\s*\d{1,3}|citation needed|clarification needed|according to whom\?)\]"
    r"|[¹²³⁰⁴⁵⁶⁷⁸⁹]+"
    r"|(?<=[a-z)\]”’\"']\.)\d{1,3}(?=\s+[^\sa-z]|\s*\Z)"
)


# what the markers above hold: a bracket, a superscript digit (never in ASCII text), or a digit
# glued after a full stop that follows a letter, bracket or quote (not a decimal point: "1.5")
_SUPERSCRIPT = compile_pattern(r"[¹²³⁰⁴⁵⁶⁷⁸⁹]").search
_GLUED_DIGIT = compile_pattern(r"\.(?<=[a-z)\]”’\"']\.)\d").search


def footnote_markers(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """``(start, end)`` offsets of footnote and citation markers in ``text[start:end]``.

    They stay inside the sentence spans (nothing is cut out of the text) but are no part
    of the sentence's numbers: :func:`blank_markers` hides them from the extractors."""
    return [m.span() for m in _FOOTNOTE.finditer(text, start, len(text) if end is None else end)]


def blank_markers(sentence: str) -> str:
    """``sentence`` with its footnote markers replaced by spaces (same length, so offsets hold)."""
    if ("[" not in sentence and _GLUED_DIGIT(sentence) is None
            and (sentence.isascii() or _SUPERSCRIPT(sentence) is None)):
        return sentence  # most sentences have no marker
    return _FOOTNOTE.sub(lambda m: " " * (m.end() - m.start()), sentence)


# Blank-line paragraph separators and line breaks; the "\n"-only forms start with a
# literal, which the regex engine scans for much faster, and serve texts without "\r".
_PARA_SEP = compile_pattern(r"(?:\r\n|\r(?!\n)|\n)(?:[^\S\r\n]*(?:\r\n|\r(?!\n)|\n))+")
_PARA_SEP_LF = compile_pattern(r"\n(?:[^\S\r\n]*\n)+")
_LINE_BREAK = compile_pattern(r"\r\n?|\n")
_LINE_BREAK_LF = compile_pattern(r"\n")


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Sentence spans inside ``text[start:end]``, as offsets into ``text``.

    Each span is stripped of surrounding whitespace and non-empty. Sentences continue
    across single line breaks but never across a blank line. Boilerplate is not
    detected here; :func:`segment` does that.
    """
    n = len(text)
    if end is None or end > n:
        end = n
    if start < 0:
        start = 0
    out: list[tuple[int, int]] = []
    if start >= end:
        return out
    pos = start
    sep = _PARA_SEP if text.find("\r", start, end) >= 0 else _PARA_SEP_LF
    for m in sep.finditer(text, start, end):
        _split_region(text, pos, m.start(), out)
        pos = m.end()
    _split_region(text, pos, end, out)
    return out


def _split_region(text: str, a: int, b: int, out: list[tuple[int, int]]) -> None:
    chunk = text[a:b]
    stripped = chunk.strip()
    if stripped:
        s = a + (len(chunk) - len(chunk.lstrip()))
        _split(text, s, s + len(stripped), out)


# ---------------------------------------------------------------------------
# Front matter
# ---------------------------------------------------------------------------

_FM_KEYS = frozenset(
    """
    title headline subtitle subhead published date updated modified created publisher source
    author authors byline url link canonical lang language tags keywords category categories
    section description summary id slug location dateline country type format encoding
    copyright license credit image place region topic topics
    """.split()
)
_FM_LINE = compile_pattern(r"[^\S\r\n]*([A-Za-z][\w-]{0,30})[^\S\r\n]*:[^\S\r\n]*(\S[^\r\n]*?)?[^\S\r\n]*(?:\r\n|\r(?!\n)|\n|\Z)")
_YAML_OPEN = compile_pattern(r"\s*---[^\S\r\n]*(?:\r\n|\r(?!\n)|\n)")
_YAML_CLOSE = compile_pattern(r"(?:\r\n|\r(?!\n)|\n)[^\S\r\n]*(?:---|\.\.\.)[^\S\r\n]*(?=\r|\n|\Z)")


def _front_matter_end(text: str) -> int:
    """Offset just past the document's front matter (0 when there is none)."""
    m = _YAML_OPEN.match(text)
    if m:
        c = _YAML_CLOSE.search(text, m.end(), m.end() + 20000)
        if c:
            first = _FM_LINE.match(text, m.end())
            if first and first.start() < c.start() + 1:
                return c.end()
    pos = len(text) - len(text.lstrip())
    end = 0
    while True:
        m = _FM_LINE.match(text, pos)
        if m is None or m.group(2) is None:
            break
        key = m.group(1)
        if key.lower() not in _FM_KEYS and not key.islower():
            break
        end = m.end(2)
        pos = m.end()
        if pos >= len(text):
            break
    return end


def front_matter(text: str) -> dict[str, str]:
    """The ``key: value`` pairs of the document's front matter (keys lower-cased)."""
    end = _front_matter_end(text)
    out: dict[str, str] = {}
    for m in _FM_LINE.finditer(text[:end]):
        if m.group(2) is not None:
            out.setdefault(m.group(1).lower(), m.group(2).strip())
    return out


# ---------------------------------------------------------------------------
# Paragraphs
# ---------------------------------------------------------------------------

# A line ending with one of these (or a letter/digit) and a next line starting in lower
# case are one wrapped sentence: the next line is not checked for boilerplate.
_CONTINUES = ",;-–("


#: Texts up to this size are checked for looking like a copied web page (a page is small;
#: a corpus of articles is read line by line only).
PAGE_MAX_CHARS = 2_000_000
_LINE = compile_pattern(r"[^\r\n]+")


def _page(text: str, fm_end: int):
    """:func:`claims.pages.classify_page` over the text's lines, or None."""
    if len(text) > PAGE_MAX_CHARS or text.count("\n", 0, 4000) + text.count("\r", 0, 4000) < 7:
        return None
    lines = []
    for m in _LINE.finditer(text, fm_end):
        raw = m.group()
        st = raw.strip()
        if st:
            a = m.start() + raw.find(st[0])
            lines.append((a, a + len(st)))
    return classify_page(text, lines)


def segment(text: str, page_rules: bool = True) -> Iterator[Block]:
    """Stream the paragraphs of ``text`` as :class:`Block` objects, lazily.

    Paragraphs are separated by blank lines. Inside a paragraph a sentence may run over
    single line breaks, while a line that is boilerplate is set aside whole in
    ``Block.skipped``, and a line without final punctuation (a headline, caption or list
    item) ends its sentence unless the text runs on (see :func:`claims.boilerplate.runs_on`).
    A text that looks like a copied web page has its lines classed together first
    (:func:`claims.pages.classify_page`). Front matter at the top of the document
    (``key: value`` lines or a YAML ``---`` block) is skipped with reason
    ``"front-matter"``. Empty or whitespace-only text yields nothing. ``page_rules=False``
    turns the page pass off, for text whose reader already removed the chrome.
    """
    n = len(text)
    if not n:
        return
    has_cr = "\r" in text
    fm_end = _front_matter_end(text)
    page = _page(text, fm_end) if page_rules else None
    index = 0
    lpos = 0  # a position whose line number is known ...
    lno = 1  # ... and that line number
    pos = 0
    seps = (_PARA_SEP if has_cr else _PARA_SEP_LF).finditer(text)
    while pos <= n:
        m = next(seps, None)
        pe = m.start() if m is not None else n
        chunk = text[pos:pe]
        stripped = chunk.strip()
        if stripped:
            ps = pos + (len(chunk) - len(chunk.lstrip()))
            pend = ps + len(stripped)
            lno += _breaks(text, lpos, ps, has_cr)
            lpos = ps
            block = Block(index, ps, pend, lno, [], [])
            if "\n" not in stripped and "\r" not in stripped:
                _fill_line(text, ps, pend, lno, fm_end, block, page)
            else:
                _fill_lines(text, ps, pend, lno, fm_end, has_cr, block, page)
            index += 1
            yield block
        if m is None:
            break
        pos = m.end()


def _breaks(text: str, a: int, b: int, has_cr: bool) -> int:
    if b <= a:
        return 0
    if has_cr:
        return text.count("\n", a, b) + text.count("\r", a, b) - text.count("\r\n", a, b)
    return text.count("\n", a, b)


def _reason(s: str, ls: int, page) -> str | None:
    if page is None:
        return boilerplate_reason(s)
    return page.reasons.get(ls)


def _fill_line(text: str, ls: int, le: int, line: int, fm_end: int, block: Block, page=None) -> None:
    """A one-line paragraph."""
    reason = "front-matter" if le <= fm_end else _reason(text[ls:le], ls, page)
    if reason is not None:
        block.skipped.append((ls, le, line, reason))
        return
    credit = page.credits.get(ls) if page is not None else None
    ce = le if credit is None else ls + len(text[ls:credit].rstrip())
    spans: list[tuple[int, int]] = []
    _split(text, ls, ce, spans)
    block.sentences.extend([(s, e, line) for s, e in spans])
    if page is not None and ls in page.headings:
        block.headings.add(ls)
    if credit is not None:
        block.skipped.append((credit, le, line, "credit"))


def _fill_lines(text: str, ps: int, pe: int, line: int, fm_end: int, has_cr: bool, block: Block,
                page=None) -> None:
    """A paragraph of several lines: set aside boilerplate lines, split the runs between them.

    A run ends after a line without final punctuation unless the sentence runs on into
    the next line; hard-wrapped text (the line nearly as long as the paragraph's longest,
    which is at most 100 characters) runs on."""
    bounds = []
    pos = ps
    widest = 0
    for m in (_LINE_BREAK if has_cr else _LINE_BREAK_LF).finditer(text, ps, pe):
        bounds.append((pos, m.start()))
        if m.start() - pos > widest:
            widest = m.start() - pos
        pos = m.end()
    bounds.append((pos, pe))
    if pe - pos > widest:
        widest = pe - pos
    wrap = 0.75 * widest if 40 <= widest <= 100 else None  # lines at least this long were wrapped
    run_start = -1  # start of the current run of claim lines, -1 when there is none
    run_end = run_line = 0
    heads: list[int] = []  # heading lines, kept where they start a sentence
    prev = ""  # the previous claim line ("" after a skipped line)
    for lineno, (a, b) in enumerate(bounds, line):
        raw = text[a:b]
        stripped = raw.strip()
        if not stripped:
            continue
        ls = a + (len(raw) - len(raw.lstrip()))
        le = ls + len(stripped)
        prev_last = prev[-1:]
        if le <= fm_end:
            reason: str | None = "front-matter"
        elif prev_last and (prev_last.isalnum() or prev_last in _CONTINUES) and stripped[0].islower():
            reason = None  # a wrapped continuation of the previous line's sentence
        else:
            reason = _reason(stripped, ls, page)
        credit = page.credits.get(ls) if page is not None and reason is None else None
        if credit is not None:  # the caption is claim text, its photo credit is not
            if run_start >= 0:
                _flush(text, run_start, run_end, run_line, has_cr, block)
            _flush(text, ls, ls + len(text[ls:credit].rstrip()), lineno, has_cr, block)
            block.skipped.append((credit, le, lineno, "credit"))
            run_start = -1
            prev = ""
            continue
        if reason is None:
            if run_start >= 0 and ("\t" in prev or "\t" in stripped or (
                    not ends_sentence(prev) and not runs_on(prev, stripped) and (wrap is None or len(prev) < wrap))):
                _flush(text, run_start, run_end, run_line, has_cr, block)  # a headline, caption, list item
                run_start = -1
            if run_start < 0:
                run_start, run_line = ls, lineno
            run_end = le
            prev = stripped
            if page is not None and ls in page.headings:
                heads.append(ls)
        else:
            if run_start >= 0:
                _flush(text, run_start, run_end, run_line, has_cr, block)
                run_start = -1
            block.skipped.append((ls, le, lineno, reason))
            prev = ""
    if run_start >= 0:
        _flush(text, run_start, run_end, run_line, has_cr, block)
    if heads:
        starts = {st for st, _, _ in block.sentences}
        block.headings.update(h for h in heads if h in starts)


def _flush(text: str, rs: int, re_: int, line: int, has_cr: bool, block: Block) -> None:
    spans: list[tuple[int, int]] = []
    _split(text, rs, re_, spans)
    out = block.sentences
    p = rs
    for s, e in spans:
        line += _breaks(text, p, s, has_cr)
        p = s
        out.append((s, e, line))
