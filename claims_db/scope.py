"""What a figure counts and over which period: the keys figures are compared by.

Used in two places that must agree: the store (``quantities.measure_key``,
``cumulative``, ``since``, ``as_of``, ``place`` are saved from it) and the
``conflict`` checker (which computes the same for the document being checked).

- :func:`measure_key` folds the extractor's measure to one spelling per thing counted:
  ``deaths``/``dead``/``fatalities`` -> ``killed``, ``wounded`` -> ``injured``, and the
  general populations (``civilians``, ``people``) are dropped, so ``civilians.killed``
  and ``killed`` compare while ``children.killed`` is its own measure.
- :func:`document_scopes` gives each quantity its :class:`Scope`: its period (cumulative
  ``since February 24``/``so far``/``total combat losses``; ``overnight``, ``over the past
  day``, ``past week``, ``the past N days``, a date; a rate such as ``every day``; or none),
  resolved against the publication date and never starting after it; its place (a direction,
  an oblast, a city, a local official's area; none for the whole country or front); and
  whether it is a sub-count of another figure (``including``, ``N of them``). A figure takes
  the cue of its own stretch of the sentence; a sentence without one takes the period of the
  sentence right before it in the paragraph (or of the previous one it continues).
- :func:`annotate` writes these onto the ``Quantity`` fields of the JSON contract.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Iterable, Iterator
from claims.patterns import compile_pattern

_BASES = {
    "killed": "killed", "deaths": "killed", "death": "killed", "dead": "killed", "died": "killed",
    "fatalities": "killed", "fatality": "killed", "lives_lost": "killed",
    "injured": "injured", "wounded": "injured", "injuries": "injured", "injury": "injured", "hurt": "injured",
    "casualties": "casualties", "casualty": "casualties",
}
_POPULATIONS = {
    "civilians": "", "civilian": "", "people": "", "persons": "", "person": "", "general": "",
    "child": "children", "kids": "children", "minors": "children",
    "soldier": "soldiers", "troops": "soldiers", "servicemen": "soldiers", "military": "soldiers",
    "woman": "women",
}
#: A whole and its parts: casualties are the killed plus the injured.
DECOMPOSITIONS = {"casualties": ("killed", "injured")}
_COUNT_UNITS = {None, "", "people", "persons", "person", "count"}


@lru_cache(maxsize=4096)  # a pure function of a short string; documents repeat few measures
def measure_key(measure: str | None) -> str | None:
    """The comparable key of a measure: 'civilians.deaths' -> 'killed', 'children.wounded' -> 'children.injured'."""
    if not measure:
        return None
    parts = [p for p in re.split(r"\.", measure.strip().lower()) if p]
    if not parts:
        return None
    parts = [re.sub(r"[\s-]+", "_", p) for p in parts]
    base = _BASES.get(parts[-1], parts[-1])
    pop = [_POPULATIONS.get(p, p) for p in parts[:-1]]
    pop = [p for p in pop if p]
    return ".".join([*pop, base])


def split_key(key: str) -> tuple[str, str]:
    """'children.killed' -> ('children', 'killed'); 'killed' -> ('', 'killed')."""
    pop, _, base = key.rpartition(".")
    return pop, base


def components(key: str) -> tuple[str, ...] | None:
    """The measures that add up to ``key``: 'casualties' -> ('killed', 'injured')."""
    pop, base = split_key(key)
    parts = DECOMPOSITIONS.get(base)
    if not parts:
        return None
    return tuple(f"{pop}.{p}" if pop else p for p in parts)


def describe(key: str, noun: bool = False) -> str:
    """Words for a measure key: 'children.killed' -> 'children killed'; with ``noun``, 'killed' -> 'people killed'."""
    pop, base = split_key(key)
    if noun and not pop and base in ("killed", "injured"):
        return f"people {base}"
    return key.replace(".", " ").replace("_", " ")


def unit_key(unit: str | None) -> str | None:
    """None for a count of people or things, else the unit ('percent', 'USD')."""
    return None if unit in _COUNT_UNITS else unit


def parse_date(value: Any) -> dt.date | None:
    """An ISO date ('2022-06-07', '2022-06', '2022-06-07T10:00') as a date, else None."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    s = str(value).strip()
    try:
        return dt.date.fromisoformat(s[:10])
    except ValueError:
        pass
    m = re.match(r"^(\d{4})-(\d{2})$", s[:7]) if len(s) == 7 else None
    if m:
        try:
            return dt.date(int(m.group(1)), int(m.group(2)), 1)
        except ValueError:
            return None
    return None


_CUMULATIVE = compile_pattern(
    r"\b(since\b|so far\b|to date\b|in total\b|a total of\b|altogether\b|thus far\b|up to now\b|until now\b|"
    r"cumulative(?:ly)?\b|overall\b|since the (?:start|beginning|outbreak) of)", re.I)
_RATE = compile_pattern(r"\b(?:every|each|per|a) (?:day|week|month|year|hour)\b|\b(?:daily|weekly|monthly|hourly)\b", re.I)
# substrings every match of the two patterns above contains: tested first, as they are cheap
_CUMULATIVE_WORDS = ("since", "so far", "to date", "total", "altogether", "thus far", "up to now", "until now",
                     "cumulative", "overall")
_RATE_WORDS = ("day", "week", "month", "year", "hour")
_WORDS_AFTER = compile_pattern(r"[^\s,.;:!?\"“”()]+")
_PLACE = compile_pattern(
    r"(?<![\w-])(?i:in|near|around|outside|across|across the city of|in the city of|in the region of)\s+(?:the\s+)?"
    r"((?:[A-Z][\w'’-]*[\w])(?:\s+(?:of\s+)?[A-Z][\w'’-]*[\w])*)")
_NOT_PLACES = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "total", "addition", "particular", "fact", "general", "response", "turn", "march", "english",
}


@dataclass(frozen=True, slots=True)
class Scope:
    """The period, place and part a figure refers to.

    :ivar kind: 'cumulative' (a running total since ``since``, as of ``as_of``), 'point'
        (a day, a night, a week or a dated period ending ``as_of``), 'rate' (per day...) or 'undated'.
    :ivar period_kind: the period as read: 'cumulative', 'day' (over the past day, the day's
        change), 'night' (overnight), 'week', 'days' (the past N days), 'date' (a dated day or
        period), 'rate', or None.
    :ivar since: start of the period (None for a cumulative count that says only 'so far' or
        'since the start of the war'); never after the publication date.
    :ivar as_of: the day the period ends (the document's date for cumulative, day and night
        figures), or the date of a dated figure; None when not known.
    :ivar place: the subset of the whole the figure is limited to (a direction, an oblast, a city);
        None for the whole country or front.
    :ivar part: True for a sub-count of another figure of the same measure ('including 40 over
        Kyiv', 'of them', 'N of whom').
    :ivar period: the words stating the period.
    :ivar inherited: True when taken from the previous sentence of the paragraph.
    """

    kind: str = "undated"
    since: dt.date | None = None
    as_of: dt.date | None = None
    place: str | None = None
    period: str | None = None
    inherited: bool = False
    period_kind: str | None = None
    part: bool = False

    @property
    def cumulative(self) -> bool:
        return self.kind == "cumulative"

    @property
    def rate(self) -> bool:
        return self.kind == "rate"

    @property
    def comparable(self) -> bool:
        """Cumulative or dated figures of a whole are compared; rates, undated figures and parts never are."""
        return self.kind in ("cumulative", "point") and not self.part


_NO_SCOPE = Scope()


def _period_words(text: str, start: int) -> str:
    words = []
    pos = start
    for m in _WORDS_AFTER.finditer(text, start):
        if text[pos:m.start()].strip(" "):  # punctuation between words ends the phrase
            break
        words.append(m.group(0))
        pos = m.end()
        if len(words) >= 7:
            break
    return " ".join(words)


def find_place(text: str) -> str | None:
    """The first 'in/near X' with a capitalised X in a sentence: 'in Kharkiv' -> 'Kharkiv'."""
    for _s, _e, name in find_places(text):
        if name is not None:
            return name
    return None


#: Places that are the whole country or front of the reporting (a figure "in Ukraine" is the total).
_ADJECTIVE_ENDS = ("ian", "ish", "ese", "ean", "ern")
_WHOLE_NAMES = {"ukraine", "russia", "israel", "gaza", "the gaza strip", "gaza strip", "syria", "sudan", "yemen",
                "lebanon", "iran", "iraq", "afghanistan", "the country", "country"}
_WHOLE = compile_pattern(r"\b(?:across|throughout|all over|in)\s+(?:the\s+)?(?:whole\s+|entire\s+)?(?:country|nation)\b"
                         r"|\bnationwide\b|\bcountrywide\b|\b(?:along|on|across)\s+(?:the\s+)?(?:entire|whole|all)\s+"
                         r"(?:the\s+)?front(?:s|\s*line|line)?\b|\bon all (?:fronts|directions|axes)\b|\bin all directions\b", re.I)
_NAMED_AREA = compile_pattern(
    r"(?<![\w-])(?:the\s+)?((?:[A-Z][\w'’-]*[\w])(?:\s+[A-Z][\w'’-]*[\w])?)\s+"
    r"(direction|axis|sector|oblast|region|province|district|raion|front|area|governorate)\b")
_NAMED_AREA_WORDS = ("direction", "axis", "sector", "oblast", "region", "province", "district", "raion", "front",
                     "area", "governorate")
_PLACE2 = compile_pattern(
    r"(?<![\w-])(?i:in|near|around|outside|over|across|at|on)\s+(?:the\s+)?"
    r"((?:[A-Z][\w'’-]*[\w])(?:\s+(?:of\s+)?[A-Z][\w'’-]*[\w])*)")
# where a match of _PLACE2 can start in an ASCII sentence: its preposition and a space, found in the
# lower-cased text by a pattern the engine scans fast (every alternative starts with a letter)
_PLACE2_STARTS = compile_pattern(r"(?:in|near|around|outside|over|across|at|on)\s")


def _matches_at(pattern: re.Pattern, text: str, starts: Iterable[re.Match]) -> Iterator[re.Match]:
    """``pattern.finditer(text)``, ``pattern`` tried only where ``starts`` (matches in order) begin:
    the same matches when each match of ``pattern`` begins where one of ``starts`` does."""
    end = 0
    for c in starts:
        at = c.start()
        if at >= end:
            m = pattern.match(text, at)
            if m is not None:
                yield m
                end = m.end()


def find_places(text: str) -> list[tuple[int, int, str | None]]:
    """Every place limiting a figure, with its span: ('Pokrovsk direction', 'Kharkiv oblast', 'in Kharkiv');
    the whole country or front ('across the country', 'in Ukraine') gives None."""
    out: list[tuple[int, int, str | None]] = []
    taken: list[tuple[int, int]] = []
    low = text.lower()
    for m in (_NAMED_AREA.finditer(text) if any(w in low for w in _NAMED_AREA_WORDS) else ()):
        name = m.group(1)
        if name.split()[0].lower() in _NOT_PLACES or name.lower() in _WHOLE_NAMES:
            continue
        out.append((m.start(), m.end(), name))
        taken.append(m.span())
    places = (_matches_at(_PLACE2, text, _PLACE2_STARTS.finditer(low)) if text.isascii()
              else _PLACE2.finditer(text))
    for m in places:
        if any(a <= m.start(1) < b for a, b in taken):
            continue
        name = m.group(1)
        first = name.split()[0]
        if name.endswith(("'s", "’s")) or first.lower() in _NOT_PLACES or first.endswith(_ADJECTIVE_ENDS):
            continue   # "at Ukrainian targets": an adjective, no place
        out.append((m.start(), m.end(), None if name.lower() in _WHOLE_NAMES else name))
    if "front" in text or "countr" in text or "nation" in text or "direction" in text:
        for m in _WHOLE.finditer(text):
            out.append((m.start(), m.end(), None))
    out.sort()
    return out


# periods other than dates: (regex, kind); the first that matches in a figure's clause is its period
_NIGHT = r"overnight|last night|during the night|through the night|tonight|on the night of|at night"
_DAY = (r"(?:over|in|during|within|for)\s+the\s+(?:past|last|previous)\s+(?:24|twenty-four)\s+hours|"
        r"(?:over|in|during|within|for)\s+the\s+(?:past|last|previous)\s+day|"
        r"(?:past|last|previous)\s+(?:24|twenty-four)\s+hours|over the past day|during the day|in a day|"
        r"in one day|on the previous day|since the previous report|since yesterday")
_WEEK = r"(?:over|in|during|within|for)?\s*(?:the\s+)?(?:past|last|previous)\s+(?:seven\s+days|7\s+days|week)|this week"
_NDAYS = r"(?:over|in|during|within|for)?\s*(?:the\s+)?(?:past|last|previous)\s+(?P<n>\d+|two|three|four|five|six|ten|fourteen|thirty)\s+days"
_CUM = (r"since\s+the\s+(?:start|beginning|outbreak)\s+of|since\s+(?:the\s+)?(?:full[- ]scale\s+)?(?:russian\s+)?invasion|"
        r"since\s+(?:the\s+)?war\s+(?:began|started)|so far|to date|thus far|up to now|until now|"
        r"cumulative(?:ly)?|total (?:combat )?losses|since\b")
# "a total of", "in total", "altogether", "overall" sum up one event as often as a running count: no period
_PERIODS = compile_pattern(
    r"\b(?:(?P<night>" + _NIGHT + r")|(?P<day>" + _DAY + r")|(?P<ndays>" + _NDAYS + r")|(?P<week>" + _WEEK
    + r")|(?P<cum>" + _CUM + r"))", re.I)
# what every match of _PERIODS holds (on the lower-cased text): "day" and "days" only after a space
# there, so "Monday" or "today" alone sends no sentence to the long pattern (written "day(?<=\sday)":
# alternatives that all start with a letter let the engine skip to the next candidate)
_PERIOD_HINT = compile_pattern(r"night|day(?<=\sday)|hours|week|since|so far|to date|total|thus far|up to now|"
                               r"until now|cumulative").search


def _ascii_twin(pattern: re.Pattern) -> re.Pattern:
    """A case-insensitive pattern (written in lower case) made case-sensitive, to run on the lower-cased
    text of an ASCII sentence: the same matches at the same offsets (lower-casing ASCII moves nothing),
    found faster, since the engine tests a literal character at once (take the words from the text)."""
    literal = re.sub(r"\\.|\(\?P", "", pattern.pattern)  # escapes (\W) and a named group's P match no letter
    if literal != literal.lower() or not pattern.flags & re.I:   # not under ``python -O``'s stripped asserts
        raise ValueError(f"no case-sensitive twin for {pattern.pattern[:60]!r}: it is not lower-case re.I")
    return compile_pattern(pattern.pattern, pattern.flags & ~re.I)


_RATE_ASCII = _ascii_twin(_RATE)
_PERIODS_ASCII = _ascii_twin(_PERIODS)
_NUM_DAYS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "ten": 10, "fourteen": 14, "thirty": 30}
_PART_BEFORE = compile_pattern(r"(?:including|incl\.|among them|among those|among whom|of them|of whom|of which|of these|"
                               r"of those|of this number|of that number|this includes|these include)[\s,:—–-]*"
                               r"(?:(?:at least|about|around|some|nearly|almost|more than|over|up to)\s+)?$", re.I)
_PART_AFTER = compile_pattern(r"\s+(?:of\s+(?:them|whom|those|these|which)|were\s+among)\b", re.I)
_PART_BEFORE_ASCII = _ascii_twin(_PART_BEFORE)


def _cues(claim: Any, published: dt.date | None) -> list[tuple[int, int, Scope]]:
    """The period cues of a sentence with their spans (relative to the sentence), earliest first."""
    text = claim.text
    low = text.lower()
    out: list[tuple[int, int, Scope]] = []
    ascii = text.isascii()
    rate = ((_RATE_ASCII.search(low) if ascii else _RATE.search(text)) if any(w in low for w in _RATE_WORDS)
            else None)
    if rate is not None:
        out.append((rate.start(), rate.end(), Scope(kind="rate", as_of=published, period=text[rate.start():rate.end()],
                                                    period_kind="rate")))
    dates = list(getattr(claim, "dates", None) or [])
    base = claim.start
    used: set[int] = set()
    if _PERIOD_HINT(low) is not None:
        for m in _PERIODS_ASCII.finditer(low) if ascii else _PERIODS.finditer(text):
            if rate is not None and rate.start() <= m.start() < rate.end():
                continue
            kind = m.lastgroup if m.lastgroup != "n" else "ndays"
            words = text[m.start():m.end()].strip()
            if kind == "cum":
                since = None
                period = words
                if words.lower().startswith("since") and words.lower() != "since":
                    period = _period_words(text, m.start())
                    # "since the invasion began on February 24": the date, when one follows
                    for i, d in enumerate(dates):
                        pd = parse_date(d.date)
                        if i not in used and 0 <= d.start - base - m.start() <= 80 and pd is not None:
                            used.add(i)
                            if published is None or pd <= published:
                                since = pd
                            break
                elif words.lower() == "since":
                    # "since February 24", "since Russia invaded on February 24": the date a few words on
                    found = None
                    for i, d in enumerate(dates):
                        if i not in used and 0 <= d.start - base - m.start() <= 80:
                            found = i
                            break
                    if found is None:
                        continue      # "since" without a date: "because", or an event we cannot date
                    used.add(found)
                    pd = parse_date(dates[found].date)
                    if pd is None or (published is not None and pd > published):
                        continue      # a start after the publication date is no period
                    since, period = pd, _period_words(text, m.start())
                out.append((m.start(), m.end(), Scope(kind="cumulative", since=since, as_of=published, period=period,
                                                      period_kind="cumulative")))
                continue
            if published is None:
                out.append((m.start(), m.end(), Scope(kind="point", period=words, period_kind=_KINDS[kind])))
                continue
            days = {"night": 1, "day": 1, "week": 7}.get(kind)
            if kind == "ndays":
                n = m.group("n")
                days = int(n) if n.isdigit() else _NUM_DAYS.get(n.lower(), 0)
                if not days or days > 400:
                    continue
            out.append((m.start(), m.end(), Scope(kind="point", since=published - dt.timedelta(days=days),
                                                  as_of=published, period=words, period_kind=_KINDS[kind])))
    for i, d in enumerate(dates):
        if i in used or d.role == "since":
            if d.role == "since" and i not in used:
                pd = parse_date(d.date)
                if pd is not None and (published is None or pd <= published):
                    out.append((d.start - base, d.end - base, Scope(kind="cumulative", since=pd, as_of=published,
                                                                    period=d.text, period_kind="cumulative")))
            continue
        pd = parse_date(d.date)
        if pd is None or (published is not None and pd > published):
            continue   # a date after publication is no period of a reported figure
        if _SAID_BEFORE.search(text, max(0, d.start - base - 30), d.start - base):
            continue   # "said on Monday": when it was said, not what period the figure counts
        out.append((d.start - base, d.end - base, Scope(kind="point", since=pd, as_of=pd, period=d.text,
                                                        period_kind="date")))
    out.sort(key=lambda t: t[0])
    return out


_SAID_BEFORE = compile_pattern(r"\b(?:said|says|say|told|reported|announced|added|stated|wrote|posted|confirmed|"
                               r"published|released|updated|statement|report|update)\s+(?:\w+\s+)?$", re.I)
_PRIORITY = {"cumulative": 0, "rate": 0, "night": 1, "day": 1, "week": 1, "days": 1, "date": 2}
_KINDS = {"night": "night", "day": "day", "week": "week", "ndays": "days"}


def claim_scope(claim: Any, published: dt.date | None) -> Scope | None:
    """The scope a claim states itself (its first period cue), or None when it states no period."""
    cues = _cues(claim, published)
    place = find_place(claim.text)
    if cues:
        sc = cues[0][2]
        return Scope(kind=sc.kind, since=sc.since, as_of=sc.as_of, place=place, period=sc.period,
                     period_kind=sc.period_kind)
    if place:
        return Scope(kind="undated", place=place)
    return None


def _nearest(cues: list[tuple[int, int, Any]], lo: int, hi: int, qs: int, qe: int) -> Any:
    """The cue inside the figure's own stretch (lo..hi), nearest to it; else None."""
    best, rank = None, None
    for s, e, v in cues:
        if s >= lo and e <= hi:
            d = s - qe if s >= qe else qs - e
            r = (_PRIORITY.get(getattr(v, "period_kind", None), 0), d)
            if rank is None or r < rank:
                best, rank = v, r
    return best


_PART_HINT = compile_pattern(r"(?i:includ|incl\.|among|of them|of whom|of which|of these|of those|of this|of that)").search
_OPENERS = compile_pattern(r"^\W*(?:of (?:that|this|the|these|those|them|whom|which)|among (?:them|those|whom)|"
                           r"this (?:includes|included)|these include|in addition|including|that includes|they include)\b"
                           r"|\b(?:of (?:that|this) (?:number|total|figure)|of them|of whom|of those|among (?:them|those|whom|"
                           r"the dead|the victims|the injured))\b", re.I)
_OPENERS_ASCII = _ascii_twin(_OPENERS)


def document_scopes(document: Any) -> dict[tuple[str, int], Scope]:  # noqa: C901
    """Every quantity's scope, keyed by (claim id, index in claim.quantities).

    A figure takes the period cue in its own stretch of the sentence (between the figures before
    and after it), else the sentence's only period; a sentence that states no period takes the
    period of the previous sentence of the same paragraph, only when it continues it (it opens
    with 'Of them', 'This includes'... or counts the same measure). Parts ('including 40 over
    Kyiv') take the measure and period of their whole.
    """
    published = parse_date(getattr(document, "published", None))
    out: dict[tuple[str, int], Scope] = {}
    prev: tuple[Any, list[Scope]] | None = None   # the previous claim with figures in this paragraph
    paragraph = None
    adjacent = None   # the claim right before this one
    bases_of, bases = None, set()   # a previous claim and the measures it counts
    for claim in document.claims:
        if claim.paragraph != paragraph:
            paragraph, prev, adjacent = claim.paragraph, None, None
        qs = claim.quantities
        if not qs:
            adjacent = claim
            continue
        if all(q.unit is not None for q in qs):
            # money, percentages, distances: no count to compare, so no scope is worked out
            adjacent = claim
            continue
        text = claim.text
        base = claim.start
        cues = _cues(claim, published)
        places = find_places(text) if not text[1:].islower() or "front" in text else []
        place_cues = [(s, e, (n,)) for s, e, n in places]
        kinds = {(c.kind, c.since, c.as_of, c.period_kind) for _s, _e, c in cues}
        local = _local_source(claim)
        low = text.lower()
        ascii = text.isascii()
        area = " the " in low and any(w in low for w in _AREA_WORDS) and _AREA.search(text) is not None
        parts_possible = "includ" in low or "among" in low or " of th" in low or " of wh" in low or "incl." in low
        only = cues[0][2] if len(kinds) == 1 else None
        scopes: list[Scope] = []
        for i, q in enumerate(qs):
            qs_, qe = q.start - base, q.end - base
            lo = qs[i - 1].end - base if i else 0
            hi = qs[i + 1].start - base if i + 1 < len(qs) else len(text)
            sc = _nearest(cues, lo, hi, qs_, qe)
            if sc is None and only is not None:
                sc = only
            if sc is None and cues:
                # the strongest cue of the sentence, nearest the figure
                sc = min(cues, key=lambda t: (_PRIORITY.get(t[2].period_kind, 0),
                                              abs(t[0] - qe) if t[0] >= qe else abs(qs_ - t[1])))[2]
            inherited = False
            if sc is None and prev is not None:
                pclaim, pscopes = prev
                key = measure_key(q.measure)
                continues = pclaim is adjacent or (_OPENERS_ASCII.search(low) if ascii else _OPENERS.search(text))
                if not continues and key is not None:
                    if bases_of is not pclaim:  # the previous claim's measures, worked out once for its figures
                        bases_of = pclaim
                        bases = {split_key(k)[1] for k in (measure_key(x.measure) for x in pclaim.quantities) if k}
                    continues = split_key(key)[1] in bases
                if continues:
                    sc = next((x for x in pscopes if x.kind in ("cumulative", "point")), None)
                    inherited = sc is not None
            if qs_ >= 2 and text.startswith("(+", qs_ - 2) and published is not None:
                sc = Scope(kind="point", since=published - dt.timedelta(days=1), as_of=published,
                           period="the day's change", period_kind="day")
            place_here = _nearest(place_cues, lo, hi, qs_, qe) if places else None
            if place_here is None and places and len(places) == 1 and not (lo <= places[0][0] < hi):
                place_here = None
            place = place_here[0] if place_here else None
            if place is None and not place_here:
                place = local or (_generic_area(text, lo, hi) if area else None)
            before = (_PART_BEFORE_ASCII.search(low[max(lo, qs_ - 40):qs_]) if ascii
                      else _PART_BEFORE.search(text[max(lo, qs_ - 40):qs_])) if parts_possible else None
            part = parts_possible and bool(before or _PART_AFTER.match(text, qe)) and (
                q.measure is None or (i and measure_key(qs[i - 1].measure) == measure_key(q.measure)))
            if sc is None:
                sc = _NO_SCOPE
            if place is None and not part and not inherited and not sc.place and not sc.part and not sc.inherited:
                scopes.append(sc)   # the cue's own record (they are immutable)
            else:
                scopes.append(Scope(kind=sc.kind, since=sc.since, as_of=sc.as_of, place=place, period=sc.period,
                                    inherited=inherited, period_kind=sc.period_kind, part=part))
        for i, sc in enumerate(scopes):
            out[(claim.id, i)] = sc
        prev = (claim, scopes)
        adjacent = claim
    return out


def cached_scopes(document: Any) -> dict[tuple[str, int], Scope]:
    """:func:`document_scopes`, worked out once per document (kept in its plugin state when it has one)."""
    state = document.state("claims.scope") if hasattr(document, "state") else None
    if state is None:
        return document_scopes(document)
    n = sum(len(c.quantities) for c in document.claims)
    if state.get("n") != (len(document.claims), n, document.published):
        state["scopes"] = document_scopes(document)
        state["n"] = (len(document.claims), n, document.published)
    return state["scopes"]


def iter_figures(document: Any) -> Iterable[tuple[Any, int, Any, Scope]]:
    """(claim, index, quantity, scope) for every quantity of the document."""
    scopes = cached_scopes(document)
    for claim in document.claims:
        if claim.quantities:
            cid = claim.id
            for i, q in enumerate(claim.quantities):
                yield claim, i, q, scopes.get((cid, i), _NO_SCOPE)


_BARE_EVENTS = frozenset(["launched", "shot_down", "intercepted", "neutralised", "suppressed", "destroyed", "hit"])


def _adjacent(document: Any, a: Any, b: Any) -> bool:
    """b is the claim right after a in the same paragraph."""
    return a.paragraph == b.paragraph and 0 <= b.start - a.end <= 3


_LOCAL = compile_pattern(r"\b(?:governor|mayor|regional|oblast|city|local|district|municipal|military administration|"
                         r"head of the [a-z]+ (?:region|community))\b", re.I)
_AREA_WORDS = ("region", "city", "oblast", "area", "district", "town", "village", "province", "community",
               "settlement")
_AREA = compile_pattern(r"\b(?:in|across|over|around|near)\s+the\s+(region|city|oblast|area|district|town|village|province|"
                        r"community|settlement)\b", re.I)


def _local_source(claim: Any) -> str | None:
    """A local official's figures are the locality's, not the country's: 'Kharkiv governor Oleh
    Syniehubov' -> 'Kharkiv'; 'the regional governor' -> '(local: <source id>)'."""
    s = getattr(claim, "source", None)
    if s is None or not s.mention:
        return None
    m = _LOCAL.search(s.mention)
    if m is None:
        return None
    for w in re.findall(r"[A-Z][\w'’-]+", s.mention):
        if w.lower() not in _NOT_PLACES and w.lower() not in _WHOLE_NAMES and not w.endswith(_ADJECTIVE_ENDS):
            if w.lower() not in ("the", "governor", "mayor", "head", "city", "regional"):
                return w if m.start() > s.mention.find(w) else f"(local: {s.id})"
    return f"(local: {s.id})"


def _generic_area(text: str, lo: int, hi: int) -> str | None:
    """'in the region', 'in the city' in the figure's stretch: a place, though not named."""
    m = _AREA.search(text, lo, hi)
    return f"(the {m.group(1).lower()})" if m else None


def annotate(document: Any) -> None:
    """Write each quantity's scope, period and source onto it (the JSON contract's fields)."""
    if not any(c.quantities for c in document.claims):
        return
    thing, last = None, None   # the military thing counted last, in this sentence or the one right before
    written: dict[int, dict[str, Any]] = {}   # the fields of each scope (figures share few scope records)
    for claim, i, q, sc in iter_figures(document):
        if claim is not last:
            if last is None or not _adjacent(document, last, claim):
                thing = None
            last = claim
        if sc.part and q.measure is None and i:
            q.measure = claim.quantities[i - 1].measure   # "95 shot down, including 40 over Kyiv"
        m = q.measure
        if m and "." not in m and m in _BARE_EVENTS and thing is not None and q.unit is None:
            q.measure = f"{thing}.{m}"   # "Russia launched 60 drones. Of them, 45 were shot down"
        elif m and "." in m and q.unit is None:
            head, _, ev = m.rpartition(".")
            if ev in _BARE_EVENTS:
                thing = head
        fields = written.get(id(sc))
        if fields is None:
            fields = written[id(sc)] = {
                "scope": "part" if sc.part else ("place" if sc.place else None), "place": sc.place,
                "period": sc.period_kind, "period_start": sc.since.isoformat() if sc.since else None,
                "period_end": sc.as_of.isoformat() if sc.as_of and sc.kind in ("cumulative", "point") else None,
                "period_text": sc.period}
        # straight into the record's fields: pydantic's attribute assignment costs ~3 us a field
        q.__dict__.update(fields)
        q.__dict__["source"] = claim.source.id if claim.source else None
