"""What a figure counts and over which period: the keys figures are compared by.

Used in two places that must agree: the store (``quantities.measure_key``,
``cumulative``, ``since``, ``as_of``, ``place`` are saved from it) and the
``conflict`` checker (which computes the same for the document being checked).

- :func:`measure_key` folds the extractor's measure to one spelling per thing counted:
  ``deaths``/``dead``/``fatalities`` -> ``killed``, ``wounded`` -> ``injured``, and the
  general populations (``civilians``, ``people``) are dropped, so ``civilians.killed``
  and ``killed`` compare while ``children.killed`` is its own measure.
- :func:`document_scopes` gives each quantity its :class:`Scope`: cumulative (``since
  February 24``, ``so far``, ``in total``, ``since the start of the war``; as of the
  document's date), a dated point or period (``on Monday``, ``in May``), a rate (``every
  day``: never compared), or undated. A claim with numbers and no period of its own
  (``Of that number 4,253 had been killed``) takes the period of the previous figure in
  the same paragraph.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Iterable

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


_CUMULATIVE = re.compile(
    r"\b(since\b|so far\b|to date\b|in total\b|a total of\b|altogether\b|thus far\b|up to now\b|until now\b|"
    r"cumulative(?:ly)?\b|overall\b|since the (?:start|beginning|outbreak) of)", re.I)
_RATE = re.compile(r"\b(?:every|each|per|a) (?:day|week|month|year|hour)\b|\b(?:daily|weekly|monthly|hourly)\b", re.I)
# substrings every match of the two patterns above contains: tested first, as they are cheap
_CUMULATIVE_WORDS = ("since", "so far", "to date", "total", "altogether", "thus far", "up to now", "until now",
                     "cumulative", "overall")
_RATE_WORDS = ("day", "week", "month", "year", "hour")
_WORDS_AFTER = re.compile(r"[^\s,.;:!?\"“”()]+")
_PLACE = re.compile(
    r"(?<![\w-])(?i:in|near|around|outside|across|across the city of|in the city of|in the region of)\s+(?:the\s+)?"
    r"((?:[A-Z][\w'’-]*[\w])(?:\s+(?:of\s+)?[A-Z][\w'’-]*[\w])*)")
_NOT_PLACES = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "total", "addition", "particular", "fact", "general", "response", "turn", "march", "english",
}


@dataclass(frozen=True, slots=True)
class Scope:
    """The period and place a figure refers to.

    :ivar kind: 'cumulative' (a running total since ``since``, as of ``as_of``), 'point'
        (an event date or period ``as_of``), 'rate' (per day...) or 'undated'.
    :ivar since: start of a cumulative count; None when it says only 'so far' or
        'since the start of the war'.
    :ivar as_of: the day a cumulative count refers to (the document's date), or the
        date of a point figure; None when not known.
    :ivar period: the words stating it ('since February 24').
    :ivar inherited: True when taken from an earlier sentence of the paragraph.
    """

    kind: str = "undated"
    since: dt.date | None = None
    as_of: dt.date | None = None
    place: str | None = None
    period: str | None = None
    inherited: bool = False

    @property
    def cumulative(self) -> bool:
        return self.kind == "cumulative"

    @property
    def rate(self) -> bool:
        return self.kind == "rate"

    @property
    def comparable(self) -> bool:
        """Cumulative or dated point figures are compared; rates and undated figures never are."""
        return self.kind in ("cumulative", "point")


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
    for m in _PLACE.finditer(text):
        name = m.group(1)
        if name.endswith(("'s", "’s")) or name.split()[0].lower() in _NOT_PLACES:
            continue
        return name
    return None


def claim_scope(claim: Any, published: dt.date | None) -> Scope | None:
    """The scope a claim states itself, or None when it states no period (rates and places count)."""
    text = claim.text
    base = claim.start
    dates = list(getattr(claim, "dates", None) or [])
    place = find_place(text)
    low = text.lower()
    rate = _RATE.search(text) if any(w in low for w in _RATE_WORDS) else None
    if rate is not None:
        return Scope(kind="rate", as_of=published, place=place, period=rate.group(0))
    since_mentions = [d for d in dates if d.role == "since"]
    points = [d for d in dates if d.role in ("point", "period") and parse_date(d.date)]
    cue = _CUMULATIVE.search(text) if any(w in low for w in _CUMULATIVE_WORDS) else None
    if since_mentions or cue:
        since = None
        period = None
        if since_mentions:
            dated = [d for d in since_mentions if parse_date(d.date)]
            d0 = dated[0] if dated else since_mentions[0]
            since = parse_date(d0.date)
            period = since_mentions[0].text if not dated else d0.text
        if cue is not None and since is None:
            word = cue.group(1).lower()
            if word.startswith("since"):
                # "since Russia invaded Ukraine on February 24": the date a few words after "since"
                cue_at = base + cue.start()
                for d in points:
                    if 0 <= d.start - cue_at <= 80:
                        since = parse_date(d.date)
                        points = [p for p in points if p is not d]
                        break
            period = period or _period_words(text, cue.start())
        return Scope(kind="cumulative", since=since, as_of=published, place=place, period=period)
    if points:
        d0 = points[0]
        return Scope(kind="point", as_of=parse_date(d0.date), place=place, period=d0.text)
    if place:
        return Scope(kind="undated", place=place)
    return None


def document_scopes(document: Any) -> dict[tuple[str, int], Scope]:
    """Every quantity's scope, keyed by (claim id, index in claim.quantities)."""
    published = parse_date(getattr(document, "published", None))
    out: dict[tuple[str, int], Scope] = {}
    context: Scope | None = None
    paragraph = None
    for claim in document.claims:
        if claim.paragraph != paragraph:
            paragraph, context = claim.paragraph, None
        if not claim.quantities:
            continue
        own = claim_scope(claim, published)
        if own is not None and own.kind in ("cumulative", "point"):
            scope = own
            context = own
        elif own is not None and own.kind == "rate":
            scope = own
        elif context is not None:
            place = own.place if own is not None and own.place else context.place
            scope = Scope(kind=context.kind, since=context.since, as_of=context.as_of, place=place,
                          period=context.period, inherited=True)
        else:
            scope = own or Scope()
        for i in range(len(claim.quantities)):
            out[(claim.id, i)] = scope
    return out


def iter_figures(document: Any) -> Iterable[tuple[Any, int, Any, Scope]]:
    """(claim, index, quantity, scope) for every quantity of the document."""
    scopes = document_scopes(document)
    for claim in document.claims:
        for i, q in enumerate(claim.quantities):
            yield claim, i, q, scopes.get((claim.id, i), Scope())
