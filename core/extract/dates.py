"""Dates and periods stated in a sentence, resolved against the publication date.

``extract_dates(sentence, offset, published)`` returns
:class:`claims.models.DateMention` records in text order, without overlaps;
``document[d.start:d.end] == d.text``. ``find_document_date(text)`` finds the
date a document states near its start (front matter or dateline).

What is read, and how ``date`` (ISO) is resolved when ``published`` is given:

=============================  ========  =========================================
text                           role      date
=============================  ========  =========================================
``June 7, 2022``/``2022-06-07``  point     that day
``February 24``/``24 Feb.``      point     that day in the year of ``published``,
                                         or the year before if that is later
``on Tuesday``                   point     the latest Tuesday on or before
                                         ``published`` (``last Tuesday``:
                                         strictly before; ``next``: after)
``yesterday``/``today``          point     published -1 / +0 (``tomorrow`` +1)
``last week``/``this week``      period    Monday of that week
``last month``/``this year``     period    first day of that month / year
``in May``/``May 2022``          period    first day of that month (year as above)
``in 2022``                      period    2022-01-01
``over the weekend``             period    the latest Saturday on or before published
``over the last week``           period    published - 7 days (``past 3 days``: -3)
``since February 24``            since     that day (any date after ``since`` or ``from``)
``since the start of the war``   since     None (an event, not a date)
=============================  ========  =========================================

A preposition before the date (``since``, ``in``, ``on``, ``over``, ``as of``...)
is part of the mention and sets its role; a date inside a ``since ...``
clause (``since Russia invaded Ukraine on February 24``) has role ``since``.
Lower-case ``may``/``march`` are verbs; a bare ``May`` or ``March`` needs a
day, a year or a preposition to count as a month.
"""

from __future__ import annotations

import datetime as _dt
import re

from ..boilerplate import _time_reason  # the test the segmenter skips a line that is only a date with
from ..models import DateMention, trusted_builder
from ..patterns import compile_pattern, trie_regex

__all__ = ["extract_dates", "find_document_date", "MONTHS"]

MONTHS: dict[str, int] = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
_WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4,
             "saturday": 5, "sunday": 6}
_NUMWORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
             "nine": 9, "ten": 10, "a": 1, "one": 1}

_MON = (
    r"(?:(?:January|February|March|April|May|June|July|August|September|October|November|December)(?![a-z])"
    r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)(?![a-z])\.?)"
)
_YEAR = r"(?:1[89]\d\d|20\d\d)(?![\d])"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?![\d:])"

_SP = r"[ \u00a0]+"


def _family() -> str:
    """Relative dates and periods ("last week", "yesterday", "since the start of the war")."""

    def first(*words: str) -> str:   # the first word, in lower case or capitalised
        return "(?:" + "|".join("[" + w[0].upper() + w[0] + "]" + w[1:] for w in words) + ")"

    return (
        r"(?P<rel>" + first("yesterday", "today", "tonight", "tomorrow") + r")(?![a-z])"
        r"|(?P<rel2>" + first("last", "this", "next", "earlier" + _SP + "this", "later" + _SP + "this") + _SP
        + r"(?P<relunit>weekend|week|month|year|morning|afternoon|evening|night))(?![a-z])"
        r"|(?P<per>(?:" + first("the") + _SP + r"(?:last|past|previous)|" + first("last", "past", "previous") + r")"
        + _SP + r"(?:(?P<pnum>\d+|two|three|four|five|six|seven|eight|nine|ten|few|several|couple" + _SP + r"of)"
        + _SP + r")?(?P<punit>days|weeks|months|years|hours|day|week|month|year|weekend))(?![a-z])"
        r"|(?P<wkend>" + first("the") + _SP + r"weekend)(?![a-z])"
        r"|(?P<recent>" + first("recent") + _SP + r"(?:days|weeks|months))(?![a-z])"
        r"|(?P<evt>(?:" + first("the") + _SP + r"(?:start|beginning|outbreak|onset)|"
        + first("start", "beginning", "outbreak", "onset") + r")" + _SP + r"of" + _SP
        + r"(?:the" + _SP + r"|this" + _SP + r"|its" + _SP + r")?(?:full-scale" + _SP + r"|Russian" + _SP
        + r"|Russia's" + _SP + r")?"
        r"(?P<ev>war|invasion|conflict|year|month|week|pandemic|offensive|hostilities|fighting|crisis|siege))"
        r"(?![a-z])"
        r"|(?P<evt2>" + first("the") + _SP + r"(?:Russian" + _SP + r"|full-scale" + _SP + r")?(?:invasion|war)"
        r"(?:" + _SP + r"(?:began|started))?)(?![a-z])"
    )


# Two scans: mentions that start with a digit or a month or weekday name (tried
# only where _MAIN_HINT finds one: ``re`` gives a pattern that starts with a
# lookahead no fast skip), and relative expressions ("last week", "yesterday"),
# run only when a substring test finds a word they need.
_DATE_MAIN = compile_pattern(
    r"(?=[\dJFMASONDTW])(?<![\w])(?:"
    r"(?P<iso>(?:19|20)\d\d-[01]\d-[0-3]\d)(?![\d])"
    r"|(?P<dday>" + _DAY + r")[ \u00a0]+(?:of[ \u00a0]+)?(?P<dmon>" + _MON + r")"
    r"(?:,?[ \u00a0]+(?P<dyear>" + _YEAR + r"))?"
    r"|(?P<dec>(?:1[89]|20)\d0s)(?![a-z])"
    r"|(?P<yr>" + _YEAR + r")"
    r"|(?P<mon>" + _MON + r")"
    r"(?:[ \u00a0]+(?P<day>" + _DAY + r")(?:,?[ \u00a0]+(?P<year>" + _YEAR + r"))?"
    r"|,?[ \u00a0]+(?P<myear>" + _YEAR + r"))?"
    r"|(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?![a-z])"
    r"(?:[ \u00a0]+(?P<wdpart>morning|afternoon|evening|night)(?![a-z]))?)"
)
_DATE_FAMILY = compile_pattern(
    r"(?=[ytlnepbrsoYTLNEPBRSO])(?<![\w])"
    # a gate factored by first letters, so that most words fail after a character or two
    r"(?=[Yy]esterday|[Tt](?:o(?:day|night|morrow)|h(?:is|e)(?![a-z]))|[Ll]a(?:st|ter)(?![a-z])|[Nn]ext(?![a-z])"
    r"|[Ee]arlier(?![a-z])|[Pp](?:ast|revious)(?![a-z])|[Rr]ecent(?![a-z])|[Ss]tart(?![a-z])|[Bb]eginning(?![a-z])"
    r"|[Oo](?:utbreak|nset)(?![a-z]))"
    r"(?:" + _family() + ")"
)
# Every _DATE_MAIN match holds a year (18xx-20xx), a month's first three letters or a weekday;
# a flat alternation that starts with literals finds them several times faster than _DATE_MAIN scans.
_MAIN_HINT = compile_pattern("|".join(
    r"18\d\d 19\d\d 20\d\d Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec "
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split())).search
#: The characters of a day before its month ("24th of", "1٣"): a match may start this far before its hint.
_DAY_CHARS = frozenset("stndrhof \u00a0")


def _scan(text: str, pattern: re.Pattern, hint, back: bool) -> list[re.Match]:
    """``list(pattern.finditer(text))``, trying ``pattern`` only at (and before) the hints.

    Every match starts at a match of ``hint`` or, if ``back`` (_DATE_MAIN's ``24 February``),
    at the first digit of a day right before it; so between the end of the last match and the
    next hint, only the digits in the run of day characters before the hint can hold a start.
    """
    out = []
    pos = 0
    n = len(text)
    match = pattern.match
    while pos < n:
        h = hint(text, pos)
        if h is None:
            break
        h = h.start()
        q = h
        if back:
            while q > pos and (text[q - 1] in _DAY_CHARS or text[q - 1].isdecimal()):
                q -= 1
        for p in range(q, h + 1):
            if p < h and not text[p].isdecimal():
                continue
            m = match(text, p)
            if m is not None:
                out.append(m)
                pos = m.end()
                break
        else:
            pos = h + 1
    return out


#: How every _DATE_FAMILY match starts (``the`` with the word after it: alone it is too common).
_FAMILY_HINT = compile_pattern(trie_regex(
    [v for w in ["yesterday", "today", "tonight", "tomorrow", "this ", "last ", "later ", "next ", "earlier ", "past ",
                 "previous ", "recent ", "start ", "beginning ", "outbreak ", "onset "]
     + ["the " + w for w in "last past previous weekend start beginning outbreak onset Russian full-scale invasion "
                            "war".split()]
     for v in (w, w[0].upper() + w[1:])],
    lambda ch: "[ \u00a0]+" if ch == " " else re.escape(ch))).search
_LOWER_HINTS = ("day", "night", "tomorrow", "week", "month", "year", "recent", "since", "hour")

#: Words before a date that set its role (lower case, with the space after).
_PREPS: dict[str, str] = {
    "since ": "since", "from ": "since", "starting ": "since", "beginning ": "since",
    "starting from ": "since", "ever since ": "since",
    "as of ": "point", "on ": "point", "at ": "point", "by ": "point", "until ": "point",
    "till ": "point", "before ": "point", "after ": "point", "to ": "point", "through ": "point",
    "in ": "period", "over ": "period", "during ": "period", "throughout ": "period",
    "for ": "period", "early ": "period", "late ": "period", "mid-": "period", "mid ": "period",
    "the end of ": "period", "the start of ": "period", "the beginning of ": "period",
    "end of ": "period", "earlier in ": "period", "later in ": "period", "within ": "period",
    "in early ": "period", "in late ": "period", "in mid-": "period", "since early ": "since",
    "since late ": "since", "since mid-": "since",
}
_PREP_KEYS = tuple(sorted(_PREPS, key=len, reverse=True))
#: The prepositions by their last three characters, longest first.
_PREP_BY_END: dict[str, list[str]] = {}
for _k in _PREP_KEYS:
    _PREP_BY_END.setdefault(_k[-3:], []).append(_k)
del _k


def _safe_date(y: int, m: int, d: int) -> _dt.date | None:
    try:
        return _dt.date(y, m, d)
    except ValueError:
        return None


def _month_day(month: int, day: int, year: int | None, published: _dt.date | None) -> _dt.date | None:
    if year is not None:
        return _safe_date(year, month, day)
    if published is None:
        return None
    d = _safe_date(published.year, month, day)
    if d is not None and d > published:
        d = _safe_date(published.year - 1, month, day)
    return d


def _month_start(month: int, year: int | None, published: _dt.date | None) -> _dt.date | None:
    if year is not None:
        return _safe_date(year, month, 1)
    if published is None:
        return None
    y = published.year if month <= published.month else published.year - 1
    return _dt.date(y, month, 1)


def _add_months(d: _dt.date, k: int) -> _dt.date:
    m = d.month - 1 + k
    return _dt.date(d.year + m // 12, m % 12 + 1, 1)


def _day_num(s: str) -> int:
    return int(s.rstrip("stndrh"))


def _resolve(g, published: _dt.date | None, before: str) -> tuple[_dt.date | None, str | None, bool | None]:
    """(date, default role, keep) for one match (``g``: its groups by name); ``before``: the word before.

    ``keep`` is None when the mention counts only with a preposition before it.
    """
    if g("iso"):
        y, mo, d = g("iso").split("-")
        return _safe_date(int(y), int(mo), int(d)), "point", True
    if g("mon"):
        mon = MONTHS[g("mon").lower().rstrip(".")]
        if g("day"):
            year = int(g("year")) if g("year") else None
            return _month_day(mon, _day_num(g("day")), year, published), "point", True
        if g("myear"):
            return _safe_date(int(g("myear")), mon, 1), "period", True
        return _month_start(mon, None, published), "period", None  # bare month: needs context
    if g("dmon"):
        mon = MONTHS[g("dmon").lower().rstrip(".")]
        year = int(g("dyear")) if g("dyear") else None
        return _month_day(mon, _day_num(g("dday")), year, published), "point", True
    if g("wd"):
        wd = _WEEKDAYS[g("wd").lower()]
        if published is None:
            return None, "point", True
        back = (published.weekday() - wd) % 7
        if before == "last":
            back = back or 7
        elif before == "next":
            fwd = (wd - published.weekday()) % 7 or 7
            return published + _dt.timedelta(days=fwd), "point", True
        elif before == "this":
            return published + _dt.timedelta(days=wd - published.weekday()), "point", True
        return published - _dt.timedelta(days=back), "point", True
    if g("rel"):
        if published is None:
            return None, "point", True
        k = {"yesterday": -1, "today": 0, "tonight": 0, "tomorrow": 1}[g("rel").lower()]
        return published + _dt.timedelta(days=k), "point", True
    if g("rel2"):
        which = g("rel2").split()[0].lower()
        unit = g("relunit")
        shift = {"last": -1, "this": 0, "next": 1, "earlier": 0, "later": 0}[which]
        role = "period"
        if published is None:
            return None, role, True
        if unit in ("morning", "afternoon", "evening"):
            return published, "point", True
        if unit == "night":
            return published + _dt.timedelta(days=-1 if which == "last" else 0), "point", True
        if unit == "week":
            monday = published - _dt.timedelta(days=published.weekday())
            return monday + _dt.timedelta(weeks=shift), role, True
        if unit == "weekend":
            sat = published - _dt.timedelta(days=(published.weekday() - 5) % 7)
            if which == "next" or (which == "this" and published.weekday() < 5):
                sat = sat + _dt.timedelta(weeks=1)
            elif which == "last" and published.weekday() >= 5:
                sat = sat - _dt.timedelta(weeks=1)
            return sat, role, True
        if unit == "month":
            return _add_months(published, shift), role, True
        return _dt.date(published.year + shift, 1, 1), role, True
    if g("per"):
        unit = g("punit")
        num = g("pnum")
        if published is None:
            return None, "period", True
        if unit == "weekend":
            return published - _dt.timedelta(days=(published.weekday() - 5) % 7), "period", True
        if num is None:
            k = 1
        elif num.isdigit():
            k = int(num)
        else:
            k = _NUMWORDS.get(num)
            if k is None:
                return None, "period", True  # "the past few days"
        unit = unit.rstrip("s")
        if unit == "hour":
            return published - _dt.timedelta(days=max(1, k // 24)), "period", True
        if unit == "day":
            return published - _dt.timedelta(days=k), "period", True
        if unit == "week":
            return published - _dt.timedelta(weeks=k), "period", True
        if unit == "month":
            return _safe_date(*_back_months(published, k)), "period", True
        return _safe_date(published.year - k, published.month, min(published.day, 28)), "period", True
    if g("wkend"):
        if published is None:
            return None, "period", before in ("over", "at", "during", "on", "this", "the")
        sat = published - _dt.timedelta(days=(published.weekday() - 5) % 7)
        return sat, "period", None
    if g("recent"):
        return None, "period", None
    if g("evt"):
        ev = g("ev")
        if ev in ("year", "month", "week") and published is not None:
            if ev == "year":
                return _dt.date(published.year, 1, 1), "period", None
            if ev == "month":
                return _dt.date(published.year, published.month, 1), "period", None
            return published - _dt.timedelta(days=published.weekday()), "period", None
        return None, "period", None
    if g("evt2"):
        return None, "since", None
    if g("dec"):
        return _safe_date(int(g("dec")[:4]), 1, 1), "period", None
    if g("yr"):
        return _safe_date(int(g("yr")), 1, 1), "period", None
    return None, None, False  # pragma: no cover


def _back_months(d: _dt.date, k: int) -> tuple[int, int, int]:
    m = d.month - 1 - k
    y = d.year + m // 12
    m = m % 12 + 1
    return y, m, min(d.day, 28)


def extract_dates(text: str, offset: int = 0, published: _dt.date | None = None) -> list[DateMention]:
    """The dates and periods stated in ``text`` (one sentence), in text order.

    ``published`` (the document's date) resolves relative dates ("on Tuesday",
    "last week", "February 24") to ISO dates; without it only dates that state
    their year are resolved.
    """
    if not text:
        return []
    if isinstance(published, _dt.datetime):
        published = published.date()
    matches = _scan(text, _DATE_MAIN, _MAIN_HINT, True)
    for hint in _LOWER_HINTS:
        if hint in text:
            family = _scan(text, _DATE_FAMILY, _FAMILY_HINT, False)
            if family:
                matches = sorted(matches + family, key=_match_start) if matches else family
            break
    if not matches:
        return []
    low = None
    out: list[DateMention] = []
    last_end = 0
    for m in matches:
        s, e = m.span()
        if s < last_end:
            continue
        if low is None:
            low = text.lower()
            if len(low) != len(text):  # keep offsets aligned ("İ" lower-cases to two characters)
                low = "".join(ch if len(ch.lower()) != 1 else ch.lower() for ch in text)
        pre = low[max(0, s - 20):s]
        words = pre.split()
        before = words[-1] if words and pre.endswith(" ") else ""
        g = m.groupdict().get
        try:
            date, role, keep = _resolve(g, published, before)
        except (ValueError, OverflowError):  # a publication date at the ends of the calendar
            date, role, keep = None, None, None
        prep = None
        for k in _PREP_BY_END.get(pre[-3:], ()):   # the longest preposition that ends ``pre``
            if pre.endswith(k):
                ps = s - len(k)
                if ps == 0 or not low[ps - 1].isalpha():
                    prep = k
                break
        if keep is None:
            # needs context: a preposition, or (for a bare month) a full month name other than May/March
            if g("mon"):
                name = g("mon")
                keep = prep is not None or (len(name) > 3 and name not in ("May", "March") and not text.startswith(".", e))
            elif g("yr") or g("dec"):
                keep = prep is not None and _PREPS[prep] != "point" or (prep in ("by ", "before ", "after ", "until ", "till ", "to ", "through "))
                if keep and g("yr") and _COUNT_AFTER.match(text, e):
                    keep = False
            elif g("evt2"):
                keep = prep is not None and _PREPS[prep] == "since"
            elif g("evt"):
                keep = prep is not None and (_PREPS[prep] == "since" or g("ev") in ("year", "month", "week"))
            elif g("wkend"):
                keep = prep is not None or before in ("this",)
            elif g("recent"):
                keep = prep is not None
            else:
                keep = True
        if not keep:
            continue
        if prep is not None:
            s -= len(prep)
            prole = _PREPS[prep]
            if prole == "since" or (g("evt") and prole == "since"):
                role = "since"
            elif prole == "period":
                role = "period" if role == "period" or g("yr") or g("mon") else role
            elif prep not in ("on ", "at "):
                role = "point"
        elif before in ("last", "this", "next") and g("wd"):
            s = s - len(before) - 1
        if role == "point" and (prep is None or prep in ("on ", "at ")):
            # a date inside a "since ..." clause: "since Russia invaded Ukraine on February 24"
            k = low.rfind("since ", max(0, s - 70), s)
            if k >= 0 and (k == 0 or not low[k - 1].isalpha()) and not _CLAUSE_BREAK.search(low, k, s):
                role = "since"
        out.append(_make({"text": text[s:e], "start": offset + s, "end": offset + e,
                          "date": date.isoformat() if date is not None else None, "role": role or "point"}))
        last_end = e
    return out


_make = trusted_builder(DateMention, {"text": "on February 24", "start": 3, "end": 17, "date": "2022-02-24", "role": "since"})


def _match_start(m: re.Match) -> int:
    return m.start()


_CLAUSE_BREAK = compile_pattern(r"[;.!?]|,\s|\b(?:and|but|while|whereas|although)\b")
_COUNT_AFTER = compile_pattern(r"[ \u00a0]+(?:people|soldiers|troops|civilians|children|deaths|cases|[a-z]+s\b(?! ago))")

# --------------------------------------------------------------------------- document date

_FRONT = compile_pattern(r"^[ \t]*(?:published|date|dateline|pubdate|posted|updated|published_at|date_published)[ \t]*[:=][ \t]*(.+)$",
                         re.I | re.M)
def _full_dates(mon: str) -> str:
    return (
        # gate: every date starts with a digit or a month's first three letters (lets the
        # case-insensitive search skip most positions quickly)
        r"(?=\d|jan|feb|ma[ry]|apr|ju[nl]|aug|sep|oct|nov|dec)(?:"
        r"(?P<iso>(?:19|20)\d\d)[-/.](?P<im>[01]?\d)[-/.](?P<id>[0-3]?\d)(?![\d])"
        r"|(?P<mon>" + mon + r")[ \u00a0]+(?P<day>[0-3]?\d)(?:st|nd|rd|th)?,?[ \u00a0]+(?P<year>" + _YEAR + r")"
        r"|(?P<dday>[0-3]?\d)(?:st|nd|rd|th)?[ \u00a0]+(?:of[ \u00a0]+)?(?P<dmon>" + mon + r"),?[ \u00a0]+"
        r"(?P<dyear>" + _YEAR + r"))"
    )


_FULL_DATES = compile_pattern(_full_dates(_MON), re.I)
# the same for lower-cased text (see _plain_case), without re.I: a few times faster
_FULL_DATES_LOW = compile_pattern(_full_dates(_MON.lower()))


_YEAR_HINT = compile_pattern(r"(?:19|20)\d\d")
#: Every _FULL_DATES_LOW match starts at one of these or at the day right before a month (see _scan).
_FULL_HINT = compile_pattern(r"(?:19|20)\d\d[-/.]|jan|feb|ma[ry]|apr|ju[nl]|aug|sep|oct|nov|dec").search


def _full_date(s: str) -> _dt.date | None:
    if _YEAR_HINT.search(s) is None:  # every full date has a year: skip the slow search
        return None
    for m in _FULL_DATES.finditer(s):
        if m.group("iso"):
            d = _safe_date(int(m.group("iso")), int(m.group("im")), int(m.group("id")))
        elif m.group("mon"):
            d = _safe_date(int(m.group("year")), MONTHS[m.group("mon").lower().rstrip(".")], int(m.group("day")))
        else:
            d = _safe_date(int(m.group("dyear")), MONTHS[m.group("dmon").lower().rstrip(".")], int(m.group("dday")))
        if d is not None:
            return d
    return None


# A line that tells when the text was scraped, fetched or printed: its dates are never
# the publication date.
_STAMP_WORDS = ("scraped", "accessed", "retrieved", "fetched", "downloaded", "archived", "captured", "crawled",
                "clipped", "printed", "saved", "visited", "exported", "generated")
_STAMP_LINE = compile_pattern(r"\b(?:" + "|".join(_STAMP_WORDS) + r")\b", re.I)
#: The characters other than A-Z that re.I matches to an ASCII letter (İ ı ſ K). Without them, a
#: re.I pattern of ASCII letters matches where its lower-case form matches the lower-cased text.
_FOLDS = compile_pattern("[\u0130\u0131\u017f\u212a]").search


def _plain_case(s: str) -> bool:
    """True when ``s.lower()`` may stand for ``s`` under a re.I pattern of ASCII letters."""
    return s.isascii() or _FOLDS(s) is None


def _has_word(s: str, words: tuple[str, ...]) -> bool:
    """False only if no re.I match of one of ``words`` can be in ``s`` (a few substring tests)."""
    if not _plain_case(s):
        return True
    low = s.lower()
    for w in words:
        if w in low:
            return True
    return False


def _stamp(line: str) -> bool:
    return _has_word(line, _STAMP_WORDS) and _STAMP_LINE.search(line) is not None
# "Published 2 March 2026", "Posted on: ...", "published: 2026-03-02", "· Updated 3 March 2026":
# a label at the start of a line (after markup) or after a separator.
_PUB_LABEL = compile_pattern(
    r"(?:^|[·|•—–]|\s-\s)[ \t>*_#\[-]*(?:first[ \t]+|originally[ \t]+|last[ \t]+)?"
    r"(?P<label>published|posted|pubdate|date[ _]?published|published_at|dateline|date|updated|modified)\b"
    r"[ \t*_]*(?:on|at)?[ \t]*[:=]?[ \t]*", re.I | re.M)
#: Every label of _PUB_LABEL holds one of these.
_LABEL_WORDS = ("date", "published", "posted", "updated", "modified")
# A wire dateline: "KYIV, March 2, 2026 (Agency) -", "ODESA, Ukraine, 2 March 2026 -".
_DATELINE = compile_pattern(r"^[ \t]*[A-Z][A-Z.'’ -]{1,30}(?:,[ \t]*[A-Z][a-z]+)?(?:[ \t]*\([^)\n]{1,30}\))?,[ \t]*([^\n]{6,40})",
                       re.M)


def _labelled_dates(lines: list[str], today: _dt.date) -> tuple[_dt.date | None, _dt.date | None]:
    """The first publication-labelled and the first update-labelled date of ``lines``."""
    published = updated = None
    for line in lines:
        if not line or _YEAR_HINT.search(line) is None:
            continue
        if not _has_word(line, _LABEL_WORDS):
            continue
        for m in _PUB_LABEL.finditer(line):
            d = _full_date(line[m.end():m.end() + 40])
            if d is None or d > today:
                continue
            if m.group("label").lower() in ("updated", "modified"):
                updated = updated or d
            elif published is None:
                published = d
        if published is not None:
            break
    return published, updated


def find_document_date(text: str, today: _dt.date | None = None) -> _dt.date | None:
    """The publication date a document states near its start, else None.

    In the first 200 lines (10,000 characters), lines that tell when the text was scraped,
    accessed, retrieved, fetched or printed are ignored, and so is any date after ``today``
    (default: the current date). Then the first of: a labelled publication date (front
    matter ``published: 2022-06-14``, ``Date: June 14, 2022``, a page's ``Published 2 March
    2026, 09:15``); a labelled update date (``Updated ...``); a wire dateline (``KYIV, June 14,
    2022 (Reuters) -``); the first full date (with its year) in the first 600 characters; the
    first line that is only a date (a copied page's date under its headline).
    """
    if not text:
        return None
    head = text[:10000]
    if _YEAR_HINT.search(head) is None:  # every date this looks for states its year
        return None
    if today is None:
        today = _dt.date.today()
    lines = head.split("\n", 200)[:200]
    # a word test on the whole head spares one on every line when none of the words is in it
    if _has_word(head, _STAMP_WORDS):
        lines = ["" if _stamp(line) else line for line in lines]
    if _has_word(head, _LABEL_WORDS):
        published, updated = _labelled_dates(lines, today)
        if published or updated:
            return published or updated
    for line in lines:   # a dateline is one line: matched at each line start, not searched for
        m = _DATELINE.match(line)
        if m is not None:
            d = _full_date(m.group(1))
            if d is not None and d <= today:
                return d
    lead = "\n".join(lines)[:600]
    if _YEAR_HINT.search(lead) is not None:
        # the same matches, found faster without re.I when lower case may stand for the text
        scan = (_scan(lead.lower(), _FULL_DATES_LOW, _FULL_HINT, True) if _plain_case(lead)
                else _FULL_DATES.finditer(lead))
        for m in scan:
            d = _full_date(lead[m.start():m.end()])
            if d is not None and d <= today:
                return d
    return _date_line(lines, today)


def _date_line(lines: list[str], today: _dt.date) -> _dt.date | None:
    """The date of the first line that is only a date (``March 2, 2026, 7:15 pm ET``), as a
    copied page shows its publication date under the headline, far below its menus."""
    for line in lines:
        line = line.strip()
        if line and len(line) <= 80 and _YEAR_HINT.search(line) is not None and _time_reason(line) is not None:
            d = _full_date(line)
            if d is not None and d <= today:
                return d
    return None
