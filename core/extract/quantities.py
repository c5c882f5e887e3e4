"""Numbers stated in a sentence, with their bounds, units and what they count.

``extract_quantities(sentence, offset)`` returns :class:`claims.models.Quantity`
records in text order, without overlaps, so that
``document[q.start:q.end] == q.text``. Standard library only; the rules, the
bounds and the measure keys are described in ``docs/quantities.md``.

How it reads a sentence:

1. Candidates: digit numbers (``9,394``, ``4.2``, with a currency sign before
   and a scale, currency or unit after: ``$3bn``, ``12 per cent``,
   ``1.5 million tonnes``) and number words (``twenty-one``, ``a dozen``,
   ``thousands``, ``two thirds``). Two precompiled regexes find them; both
   start with a character class, so a sentence without digits or number
   words costs one C-level scan each.
2. Not quantities: years, day numbers of dates (``February 24``), times
   (``10:30``, ``2pm``), ordinals (``21st``, ``third``), identifiers
   (``COVID-19``, ``F-16``, ``G7``, ``Su-25``), designators (``Article 5``),
   ages (``45-year-old``), bare ``one``/``a``/``an`` that do not count
   people or units (``one of the``, ``a phone call``).
3. Ranges (``10-15``, ``between 20 and 30``, ``two or three``) are merged
   into one quantity; ``rose from X to Y`` stays two quantities (a change).
4. Qualifiers before (``at least``, ``up to``, ``about``...) and after
   (``or more``, ``+``) set ``low``/``high``; rounding of the stated digits
   sets them too (``4.2 million`` -> [4.15e6, 4.25e6]).
5. What is counted: the noun phrase after the number, or the participle when
   the number is the subject (``4,253 had been killed``); ``measure`` is a
   normalised key such as ``killed``, ``children.killed``,
   ``civilians.casualties``, ``soldiers``, ``cases``.
"""

from __future__ import annotations

import math
import re
from sys import intern

from ..models import Quantity, trusted_builder
from ..patterns import compile_pattern, trie_regex
from .measures import THINGS, event_after, event_before, thing_of
from .numbers import FRACTIONS, MULTIPLIERS, ORDINALS, TEENS, TENS, UNITS, split_number_words

__all__ = ["extract_quantities", "VAGUE_RANGES", "MEASURE_SYNONYMS", "POPULATIONS"]

# ---------------------------------------------------------------------------
# Vocabulary
# ---------------------------------------------------------------------------

#: Vague plurals: (value, low, high). Rule: "Ns of" -> low 2N, high 10N-1,
#: value 3N (the median answers for "dozens" and "hundreds of" in the
#: zonination "numberly" survey are 3 x 12 and 3 x 100).
VAGUE_RANGES: dict[str, tuple[float, float, float]] = {
    "dozens": (36, 24, 119),
    "scores": (60, 40, 199),
    "hundreds": (300, 200, 999),
    "thousands": (3_000, 2_000, 9_999),
    "tens of thousands": (30_000, 20_000, 99_999),
    "hundreds of thousands": (300_000, 200_000, 999_999),
    "millions": (3e6, 2e6, 9_999_999),
    "tens of millions": (3e7, 2e7, 99_999_999),
    "hundreds of millions": (3e8, 2e8, 999_999_999),
    "billions": (3e9, 2e9, 9_999_999_999),
}

#: Scale words and letters after digits.
_SCALES: dict[str, float] = {
    "hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
    "mln": 1e6, "mn": 1e6, "mil": 1e6, "bln": 1e9, "bn": 1e9, "tn": 1e12, "trn": 1e12,
    "k": 1e3, "m": 1e6, "b": 1e9, "t": 1e12,
}

#: Scale words that are abbreviations (after a number in words: "two mln"; full words join the number).
_ABBREVIATED_SCALES = frozenset(["mln", "mn", "bln", "bn", "tn", "trn"])

#: Currency signs before the digits.
_CURRENCY_SIGNS: dict[str, str] = {
    "$": "USD", "US$": "USD", "C$": "CAD", "A$": "AUD", "HK$": "HKD", "NZ$": "NZD",
    "S$": "SGD", "R$": "BRL", "€": "EUR", "£": "GBP", "¥": "JPY", "₴": "UAH",
    "₽": "RUB", "₹": "INR", "₩": "KRW",
    "USD": "USD", "EUR": "EUR", "GBP": "GBP", "JPY": "JPY", "CHF": "CHF", "CNY": "CNY",
    "RUB": "RUB", "UAH": "UAH", "INR": "INR", "CAD": "CAD", "AUD": "AUD",
}

#: Units after the number (lower-case surface -> unit). Currency words map to ISO codes.
_UNIT_WORDS: dict[str, str] = {
    "percent": "percent", "per cent": "percent", "pct": "percent", "per-cent": "percent",
    "percentage points": "pp", "percentage point": "pp",
    "us dollars": "USD", "u.s. dollars": "USD", "u.s. dlrs": "USD", "dollars": "USD", "dollar": "USD",
    "dlrs": "USD", "dlr": "USD", "stg": "GBP", "riyals": "SAR", "riyal": "SAR", "saudi riyals": "SAR",
    "euros": "EUR", "euro": "EUR", "pounds sterling": "GBP", "pounds": "GBP", "pound": "GBP",
    "sterling": "GBP", "yen": "JPY", "yuan": "CNY", "renminbi": "CNY", "roubles": "RUB",
    "rubles": "RUB", "rouble": "RUB", "ruble": "RUB", "hryvnias": "UAH", "hryvnia": "UAH",
    "hryvnia's": "UAH", "rupees": "INR", "swiss francs": "CHF", "francs": "CHF", "zlotys": "PLN",
    "zloty": "PLN", "lira": "TRY", "liras": "TRY", "cents": "cent", "cent": "cent", "cts": "cent",
    "kilometres": "km", "kilometers": "km", "kilometre": "km", "kilometer": "km",
    "square kilometres": "km2", "square kilometers": "km2", "sq km": "km2",
    "square miles": "mi2", "sq mi": "mi2", "miles": "mi", "mile": "mi",
    "metres": "m", "meters": "m", "metre": "m", "meter": "m",
    "centimetres": "cm", "centimeters": "cm", "millimetres": "mm", "millimeters": "mm",
    "nanometers": "nm", "nanometres": "nm",
    "kilograms": "kg", "kilogram": "kg", "kilos": "kg", "kilo": "kg", "grams": "g", "gram": "g",
    "milligrams": "mg", "metric tons": "tonnes", "metric tonnes": "tonnes", "tonnes": "tonnes",
    "tonne": "tonnes", "tons": "tonnes", "ton": "tonnes", "barrels per day": "bpd",
    "barrels a day": "bpd", "barrels": "barrels", "barrel": "barrels", "bpd": "bpd",
    "litres": "l", "liters": "l", "litre": "l", "liter": "l", "gallons": "gal", "gallon": "gal",
    "hectares": "ha", "hectare": "ha", "acres": "acres", "acre": "acres", "feet": "ft", "foot": "ft",
    "inches": "in", "inch": "in", "degrees celsius": "°C", "degrees fahrenheit": "°F",
    "degrees": "°", "degree": "°",
    "megawatts": "MW", "gigawatts": "GW", "kilowatts": "kW", "watts": "W",
    "cubic metres": "m3", "cubic meters": "m3", "bcm": "bcm",
    "years": "year", "year": "year", "months": "month", "month": "month", "weeks": "week",
    "week": "week", "days": "day", "day": "day", "hours": "hour", "hour": "hour", "hrs": "hour",
    "minutes": "minute", "minute": "minute", "mins": "minute", "seconds": "second",
    "decades": "decade", "decade": "decade", "centuries": "century", "century": "century",
}
#: Case-sensitive unit abbreviations.
_UNIT_ABBR: dict[str, str] = {
    "%": "percent", "pp": "pp", "km²": "km2", "km2": "km2", "km": "km", "mi": "mi", "m": "m",
    "cm": "cm", "mm": "mm", "nm": "nm", "kg": "kg", "mg": "mg", "g": "g", "t": "tonnes",
    "lbs": "lb", "lb": "lb", "L": "l", "l": "l", "ml": "ml", "ha": "ha", "ft": "ft",
    "°C": "°C", "°F": "°F", "ºC": "°C", "C": "°C", "F": "°F", "K": "K", "°": "°",
    "MW": "MW", "GW": "GW", "kW": "kW", "W": "W", "kWh": "kWh", "MWh": "MWh", "GWh": "GWh",
    "TWh": "TWh", "eV": "eV", "TeV": "TeV", "GHz": "GHz", "MHz": "MHz", "MB": "MB", "GB": "GB",
    "TB": "TB", "Mt": "Mt", "mph": "mph", "km/h": "km/h", "kph": "km/h",
    "USD": "USD", "EUR": "EUR", "GBP": "GBP", "JPY": "JPY", "CHF": "CHF", "CNY": "CNY",
    "RUB": "RUB", "UAH": "UAH", "€": "EUR",
}
#: The ISO codes of money among the units a figure can have.
CURRENCIES = frozenset(
    ["USD", "EUR", "GBP", "JPY", "CHF", "CNY", "RUB", "UAH", "INR", "CAD", "AUD", "HKD", "NZD",
     "SGD", "BRL", "KRW", "PLN", "TRY", "SAR"]
)
_TIME_UNITS = frozenset(["year", "month", "week", "day", "hour", "minute", "second", "decade", "century"])

#: Measure synonyms: word as written (lower case) -> event key.
MEASURE_SYNONYMS: dict[str, str] = {
    "killed": "killed", "dead": "killed", "deaths": "killed", "death": "killed", "died": "killed",
    "fatalities": "killed", "fatality": "killed", "killings": "killed", "lives": "killed",
    "perished": "killed", "slain": "killed",
    "injured": "injured", "wounded": "injured", "hurt": "injured", "injuries": "injured",
    "injury": "injured",
    "casualties": "casualties", "casualty": "casualties",
    "missing": "missing", "displaced": "displaced",
    "detained": "detained", "arrested": "detained", "captured": "detained",
    "evacuated": "evacuated",
}
#: Event words that are nouns (they head the counted phrase: "civilian casualties").
_EVENT_NOUNS = frozenset(["dead", "deaths", "death", "fatalities", "fatality", "killings",
                          "injuries", "injury", "casualties", "casualty", "lives"])
#: Verbs before the number that make it the object of the event ("killed 12 people").
_LEFT_EVENTS: dict[str, str] = {
    "killed": "killed", "killing": "killed", "kills": "killed", "kill": "killed",
    "wounded": "injured", "wounding": "injured", "injured": "injured", "injuring": "injured",
    "injures": "injured", "wounds": "injured", "displaced": "displaced", "displacing": "displaced",
    "evacuated": "evacuated", "detained": "detained", "arrested": "detained",
}

#: Population nouns (head of the counted phrase) -> key; None = people in general.
POPULATIONS: dict[str, str | None] = {
    "people": None, "persons": None, "person": None, "individuals": None, "individual": None,
    "others": None, "victims": None, "victim": None,
    "children": "children", "child": "children", "kids": "children", "kid": "children",
    "minors": "children", "minor": "children", "boys": "children", "girls": "children",
    "boy": "children", "girl": "children", "babies": "children", "infants": "children",
    "civilians": "civilians", "civilian": "civilians",
    "soldiers": "soldiers", "soldier": "soldiers", "troops": "soldiers", "servicemen": "soldiers",
    "serviceman": "soldiers", "servicemembers": "soldiers", "conscripts": "soldiers",
    "women": "women", "woman": "women", "men": "men", "man": "men",
}
#: Modifiers that name the population of an event noun ("civilian casualties").
_POP_MODIFIERS: dict[str, str] = {
    "civilian": "civilians", "child": "children", "children": "children", "children's": "children",
    "military": "soldiers", "soldier": "soldiers", "troop": "soldiers", "army": "soldiers",
    "police": "police", "women": "women",
}
#: Nouns that make a bare year-like number a count ("2000 troops"), or "5m" mean million.
_COUNT_NOUNS = frozenset(
    """people persons children civilians soldiers troops servicemen fighters refugees residents
    workers employees jobs students homes houses buildings families cases deaths casualties victims
    prisoners migrants patients tanks vehicles aircraft drones missiles rockets shells barrels tonnes
    tons cars women men voters members police officers journalists doctors medics hostages detainees
    households users customers shares copies units visitors tourists pupils teachers passengers
    killed dead injured wounded died displaced dollars euros pounds""".split()
)
_SINGULAR_COUNT = frozenset(
    """person civilian child soldier man woman boy girl journalist officer policeman worker
    resident refugee prisoner hostage patient fighter serviceman medic doctor teacher student
    victim pilot sailor citizen national""".split()
)
_PLURAL_IRREGULAR = {"child": "children", "person": "people", "man": "men", "woman": "women",
                     "policeman": "policemen", "serviceman": "servicemen", "foot": "feet"}

#: Words that end the counted noun phrase.
_STOP = frozenset(
    """a an the this that these those of in on at by for from to with without into onto over under
    since during after before between among amid across around about against per than as via
    including and or but nor while whereas who whom whose which what where when why how is are was
    were be been being am have has had having do does did will would shall should can could may
    might must said says say told tell according it its they them their he she his her we our us
    you your i my me there here not no so if then also more most less least each every all both
    either neither such only just still even already yet ago now later earlier today yesterday
    tomorrow again too very up down out off back away last next were
    monday tuesday wednesday thursday friday saturday sunday january february march april june
    july august september october november december reportedly allegedly respectively
    overnight tonight shot hit struck
    remain remained remains live lived living work worked went came come go got get took take made
    make need needed face faced joined attended voted signed left arrived returned received
    crossed fled stayed stay lost were""".split()
)
#: Stop words after which nothing is counted (not "of", "in", auxiliaries).
_STOP_QUICK = _STOP - {"of", "in", "those", "were", "was", "had", "have", "has", "are", "is", "been",
                       "being", "be", "among"}

_DETERMINERS = frozenset("the their its his her our those these them".split())

#: Verbs before "from X to Y" that make it a change, not a range.
_CHANGE_VERBS = frozenset(
    """rose rise rises rising risen fell fall falls falling fallen increased increase increases
    increasing decreased decrease decreases decreasing climbed climb climbing dropped drop drops
    dropping jumped jump jumps grew grow grows growing shrank shrink shrunk cut cuts reduced reduce
    reducing raised raise raising lowered lower lowering changed change revised revise revising up
    down slipped slid soared surged plunged plummeted declined decline declining went moved doubled
    tripled widened narrowed eased edged boosted hiked lifted trimmed expanded contracted improved
    worsened recovered upgraded downgraded adjusted""".split()
)

#: Words that end the clause in which the counted subject's verb is looked for.
_CLAUSE_STOP = frozenset(
    "and but while whereas or when where after before because although though than if unless "
    "whose which to according said says".split()
)
#: Auxiliaries that show the number is the subject of the following participle.
_AUX = frozenset("were was had have has are is been being be those among died".split())
_LY_NOUNS = frozenset("family ally italy july rally assembly supply anomaly reply monopoly".split())

_MONTHS = frozenset(
    """january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec""".split()
)
#: Words before a number that make it a name, not a quantity ("Article 5").
_DESIGNATORS = frozenset(
    """article articles resolution flight boeing airbus windows route highway chapter section
    paragraph clause title rule no nos number room gate terminal platform reactor block unit level
    phase stage grade category type model mark season episode series version vol volume page pages
    p pp id ref decree № annex annexe appendix item footnote figure fig table exhibit covid sars formula apollo soyuz iphone galaxy vision agenda protocol district zone sector
    station channel bus tu mig su f b g t code squad brigade battalion regiment division corps
    group army fleet""".split()
)
_YEAR_PREPS = frozenset(
    """in since from by until till of during before after circa year years early late mid end
    spring summer autumn fall winter between and to through""".split()
)

#: Qualifiers before the number: phrase + ' ' -> (kind, qualifier).
_QUALIFIERS: dict[str, str] = {
    "at least": "lower", "more than": "lower", "over": "lower", "above": "lower",
    "in excess of": "lower", "upwards of": "lower", "no fewer than": "lower",
    "no less than": "lower", "not less than": "lower", "a minimum of": "lower",
    "exceeding": "lower", "well over": "lower", "well above": "lower", "just over": "lower",
    "a further": "none", "another": "none",
    "up to": "upper", "as many as": "upper", "at most": "upper", "no more than": "upper",
    "not more than": "upper", "a maximum of": "upper", "as much as": "upper",
    "fewer than": "below", "less than": "below", "under": "below", "below": "below",
    "nearly": "nearly", "almost": "nearly", "close to": "nearly", "just under": "nearly",
    "just below": "nearly", "just shy of": "nearly", "approaching": "nearly",
    "about": "approx", "around": "approx", "approximately": "approx", "roughly": "approx",
    "some": "approx", "an estimated": "approx", "estimated": "approx", "circa": "approx",
    "approx.": "approx", "c.": "approx", "~": "approx", "more or less": "approx",
    "in the region of": "approx", "on the order of": "approx", "somewhere around": "approx",
    "an approximate": "approx", "the estimated": "approx", "perhaps": "approx",
    "between": "between",
}
_POST_QUAL = compile_pattern(r"(?:\+(?!/)|[ \u00a0](?:or (?:more|so|fewer|less|over)|plus)(?![A-Za-z])|-odd(?![A-Za-z]))")
_POST_STARTS = ("+", " or ", " plus", "-odd", "\u00a0or ")
_POST_KIND = {"+": "lower", "or more": "lower", "or over": "lower", "plus": "lower",
              "or so": "approx", "-odd": "approx", "or fewer": "upper", "or less": "upper"}

# ---------------------------------------------------------------------------
# Regular expressions (all precompiled)
# ---------------------------------------------------------------------------


_VULGAR_VALUES = {"½": 0.5, "⅓": 1 / 3, "⅔": 2 / 3, "¼": 0.25, "¾": 0.75, "⅕": 0.2, "⅖": 0.4,
                  "⅗": 0.6, "⅘": 0.8, "⅙": 1 / 6, "⅚": 5 / 6, "⅛": 0.125, "⅜": 0.375,
                  "⅝": 0.625, "⅞": 0.875}
_VULGAR = "".join(_VULGAR_VALUES)
_MONTH_CAP = trie_regex(
    "January February March April May June July August September October November December "
    "Jan Feb Mar Apr Jun Jul Aug Sept Sep Oct Nov Dec".split()
)
_MONTH_CAP_RE = compile_pattern(r"(?<![A-Za-z])(?:" + _MONTH_CAP + r")(?![a-z])")
_TIME_WORDS = r"(?:[aApP]\.?[mM]\.?|GMT|UTC|EST|EDT|CET|CEST|BST|MSK|EET|EEST|o'clock)(?![A-Za-z])"
_AGE = r"-?[ \u00a0]?(?:year|month|week)s?[- \u00a0]old(?![a-z])"
#: Every unit surface, case-sensitive: abbreviations as written, words in lower,
#: Capitalised and UPPER case (a case-sensitive trie is faster than re.I).
def _unit_forms(word: str) -> set[str]:
    """How a unit word is written: as listed, capitalised, in capitals, in title case, and
    "U.S."/"US" in capitals before the rest ("U.S. dollars", "US dollars", "U.S. Dlrs")."""
    forms = {word, word.capitalize(), word.upper(), word.title()}
    for prefix in ("u.s. ", "us "):
        if word.startswith(prefix):
            rest = word[len(prefix):]
            forms |= {prefix.upper() + rest, prefix.upper() + rest.capitalize()}
    return forms


_UNITS: dict[str, str] = {form: unit for word, unit in _UNIT_WORDS.items() for form in _unit_forms(word)}
_UNITS.update(_UNIT_ABBR)
_SCALE_WORDS = [v for w in ("hundred", "thousand", "million", "billion", "trillion", "mln", "bln", "mn", "bn",
                             "trn", "tn") for v in (w, w.capitalize(), w.upper())]
_SUFFIX_BODY = (
    r"(?:(?:[ \u00a0]|-)?(?P<scale>" + trie_regex(_SCALE_WORDS) + r")"
    r"(?![A-Za-z])|(?P<lscale>[kKmMbBT])(?![A-Za-z0-9]))?"
    r"(?:(?:[ \u00a0]?-|[ \u00a0])?(?P<unit>" + trie_regex(_UNITS) + r")(?![A-Za-z0-9]))?"
)
# One match per number: the digits, then (a) something that makes it no
# quantity (time, version, age, month), or (b) scale and unit; then any
# letter still attached (ordinal "21st", decade "1960s", identifier "5G").
# The pattern starts with the class of its first character, so that ``re`` skips in C to
# the next digit; the lookbehinds after it (one character wider) drop digits inside
# identifiers (MH17, F-16) and times (10:30).
_NUM_RE = compile_pattern(
    r"(?P<num>[\d" + _VULGAR + r"](?<![A-Za-z_#@\d±^].)(?<![A-Za-z][-‐‑].)(?<!\d[.:/,+].)"
    r"(?:(?<=\d)\d*(?:[,\u00a0\u202f\u2009]\d{3}(?!\d))*(?:\.\d+)?)?)"
    r"(?P<vul>[" + _VULGAR + r"])?"
    r"(?P<exp>[eE][-+−]?\d{1,3}(?![\d.])|[ \u00a0]?[×x][ \u00a0]?10(?:\^|\*\*)?[-−]?\d{1,3}(?![\d.]))?"
    r"(?:(?P<skip>[:.]\d|/\d|[ \u00a0]?" + _TIME_WORDS + r"|" + _AGE + r")"
    r"|(?P<month>[ \u00a0](?:of[ \u00a0])?(?:" + _MONTH_CAP + r")(?![a-z]))"
    r"|" + _SUFFIX_BODY + r")"
    r"(?P<bad>[A-Za-z_])?"
    r"(?P<tail>(?:[ \t\u00a0]+[A-Za-z][A-Za-z'’\-]*){1,8})?"
)
#: _NUM_RE for a text without digits other than 0-9, the only ones re.ASCII lets \d match (the pattern has no
#: \w, \s, \b or re.I); an ASCII range is tested faster than \d in the scan for the first digit.
_NUM_ASCII = compile_pattern(_NUM_RE.pattern.replace(r"(?P<num>[\d", "(?P<num>[0-9", 1), re.ASCII)
_SUFFIX = compile_pattern(r"(?P<skip>[ \u00a0]?" + _TIME_WORDS + r"|" + _AGE + r")|" + _SUFFIX_BODY)
_FRACTION_RE = compile_pattern(r"(\d+)/(\d+)(?![\d/])")

_NW = "(?:" + trie_regex(list(UNITS) + list(TEENS) + list(TENS) + ["hundred", "thousand", "million", "billion",
                                                                   "trillion", "dozen"]) + ")(?![a-z])"
_FRAC_W = r"(?:halves|half|thirds?|quarters?|fifths?|sixths?|sevenths?|eighths?|ninths?|tenths?)(?![a-z])"
_VAGUE_W = (
    r"(?:(?:tens|hundreds)\s+of\s+(?:thousands|millions)|dozens|scores|hundreds|thousands|millions"
    r"|billions)(?![a-z])"
)
# Number words, on the lower-cased sentence with a space put in front.
_WORD_RE = compile_pattern(
    r"[\s(\[\"'‘“/–—$€£]"
    r"(?P<w>" + _VAGUE_W
    + r"|" + _NW + r"(?:(?:\s+|-|\s+and\s+)" + _NW + r"|\s+and\s+a\s+half(?![a-z]))*"
    + r"(?:[\s-]" + _FRAC_W + r")?"
    + r"|half(?:\s+an?\s+(?:million|billion|dozen|thousand|hundred)(?![a-z]))?(?![a-z])"
    + r"|(?:third|quarter)(?![a-z])|couple(?=\s+of\s))"
)
# Cheap first pass: is there any word that may start a number word?
# Cheap first pass on the lower-cased sentence: is there any word that may start a number word?
_HAS_WORD = compile_pattern(
    r"[\s(\[\"'‘“/–—$€£](?:one|t(?:wo|hree|en|welve|wenty|hirt|housand|rillion|hird)|f(?:our|ive|ift|ort)"
    r"|s(?:ix|even|cores)|e(?:ight|leven)|nine|h(?:undred|alf)|million|billion|dozen|zero|quarter|couple)"
).search
_TOKEN = compile_pattern(r"[a-z]+")
_VAGUE_BEFORE = ("several ", "a few ", "many ", "few ", "some ")
_NOT_AFTER_ONE = _TIME_UNITS | {None}
#: Words after a bare "one"/"zero" that let it count something ("one soldier", "one was killed").
_SMALL_WORD_NEXT = frozenset(
    list(POPULATIONS) + list(_SINGULAR_COUNT) + list(MEASURE_SYNONYMS) + list(_AUX)
    + "was is has had civilian ukrainian russian israeli palestinian american british more other".split()
)
_SINGLE_WORDS: dict[str, int] = {**UNITS, **TEENS, **TENS, "hundred": 100, "thousand": 1000,
                                  "million": 10**6, "billion": 10**9, "trillion": 10**12}
_CUR_BEFORE = compile_pattern(
    r"(?:(?P<sym>(?:US|C|A|HK|NZ|S|R)?\$|[€£¥₴₽₹₩])|(?<![A-Za-z])(?P<code>USD|EUR|GBP|JPY|CHF|CNY|RUB|UAH"
    r"|INR|CAD|AUD)[ \u00a0]?)(?P<sign>[-−])?$"
)
_PRE_CHARS = frozenset("$€£¥₴₽₹₩-−")  # characters before digits that may start a currency or a sign
_TAIL_RE = compile_pattern(r"[ \t\u00a0]+([A-Za-z][A-Za-z'’\-]*(?:[ \t\u00a0]+[A-Za-z][A-Za-z'’\-]*){0,9})")
_TAIL = _TAIL_RE.match
_NEXT_WORD = compile_pattern(r"[ \t\u00a0]+([a-z][a-z'’\-]*)").match
_RANGE_GAP = compile_pattern(r"[ \u00a0]*(?:(?P<dash>-|–|—|‒)|-?[ \u00a0]*(?P<word>to|and|or|through)[ \u00a0]+)[ \u00a0]*")
_AND_GAP = compile_pattern(r"[ \u00a0]*(?:,[ \u00a0]*)?(?:and|or|,)[ \u00a0]*").fullmatch
_MIXED = compile_pattern(r"(\d+)[ \u00a0]$")
_PUNCT = ".,;:!?()[]\"'‘’“”"

#: Qualifier phrases grouped by their last word, longest first.
_QUAL_BY_LAST: dict[str, list[str]] = {}
for _q in sorted(_QUALIFIERS, key=len, reverse=True):
    _QUAL_BY_LAST.setdefault(_q.rsplit(" ", 1)[-1], []).append(_q)
del _q


class _Cand:
    """A number found in the sentence before it becomes a Quantity."""

    __slots__ = ("start", "end", "value", "low", "high", "unit", "digits", "scale", "word",
                 "vague", "qual", "kind", "approx", "qstart", "frac", "small_word", "tail")

    def __init__(self, start, end, value, low, high, unit=None, digits="", scale=1.0, word=False,
                 vague=False):
        self.start = start
        self.end = end
        self.value = value
        self.low = low
        self.high = high
        self.unit = unit
        self.digits = digits      # the stated digits, e.g. "4.2", for rounding
        self.scale = scale        # multiplier applied to the stated digits
        self.word = word
        self.vague = vague
        self.qual = None
        self.kind = None
        self.approx = vague
        self.qstart = start       # start of the qualifier, if any
        self.frac = False
        self.small_word = None    # "one"/"zero" alone: kept only when it counts something
        self.tail = None          # span of the words after the number; None: not read yet


def _half_unit(digits: str) -> float:
    """Half a unit of the last stated digit of ``digits`` ("4.2" -> 0.05, "4253" -> 0.5)."""
    dot = digits.find(".")
    if dot < 0:
        return 0.5
    return 0.5 * 10.0 ** -(len(digits) - dot - 1)


def _half_nonzero(digits: str) -> float:
    """Half a unit of the last non-zero digit ("15000" -> 500, "4.20" -> 0.05)."""
    d = digits
    if "." in d:
        d = d.rstrip("0").rstrip(".")
    if "." in d:
        return 0.5 * 10.0 ** -(len(d) - d.index(".") - 1)
    stripped = d.rstrip("0")
    if not stripped:
        return 0.5
    return 0.5 * 10.0 ** (len(d) - len(stripped))


def _rounding(value: float, digits: str, scale: float) -> tuple[float, float]:
    h = _half_unit(digits) * scale
    return value - h, value + h


def _pluralise(word: str) -> str:
    if word in _PLURAL_IRREGULAR:
        return _PLURAL_IRREGULAR[word]
    if word.endswith("y") and len(word) > 2 and word[-2] not in "aeiou":
        return word[:-1] + "ies"
    if word.endswith(("s", "x", "z", "ch", "sh")):
        return word + "es"
    return word + "s"


# ---------------------------------------------------------------------------
# Candidates from digits
# ---------------------------------------------------------------------------

def _digit_candidates(text: str, low: str, out: list, num_re: re.Pattern) -> None:  # noqa: C901 - one pass, many cases
    n = len(text)
    skipped_end = -10
    skip_until = -1
    for m in num_re.finditer(text):
        num, vul, exp, skip, month, scale, lscale, uword, bad, tail = m.groups()
        s = m.start()
        if s < skip_until:
            continue
        if skip is not None or bad is not None:
            if skip is not None and skip[0] == "/":
                end = _fraction(text, s, out)
                if end:
                    skip_until = end
                    continue
            skipped_end = m.end(1)
            continue
        c1 = text[s - 1] if s else " "
        if (c1 == " " and s > 2 and text[s - 2] in "±-" and text.endswith(("± ", "+/- "), 0, s)) or (
                c1 == "-" and text.endswith("+/-", 0, s)):
            skipped_end = m.end(1)      # the uncertainty in "2.5 ± 0.1", "9.8 +/- 0.2"
            continue
        if c1 in "-–/" and s - 1 == skipped_end:
            skipped_end = m.end(1)      # "2013-14" after a skipped year
            continue
        digits = num
        if not num.isdigit():
            if num in _VULGAR_VALUES:   # "½ tbsp"
                vul, num, digits = num, "0", "0"
            else:
                digits = num.replace(",", "")
                if not digits.isascii():
                    digits = digits.replace("\u00a0", "").replace("\u202f", "").replace("\u2009", "")
        if len(digits) > 40:            # a digit string, not a figure (and past float range)
            skipped_end = m.end(1)
            continue
        is_int = "." not in digits
        if month is not None and is_int and len(digits) <= 2 and c1 not in _PRE_CHARS:
            skipped_end = m.end(1)      # "24 February"
            continue
        value = float(digits)
        start = s
        unit = None
        efactor = 1.0
        if c1 in _PRE_CHARS or (c1 == " " and s > 3 and text[s - 2].isupper()):
            cm = _CUR_BEFORE.search(text, s - 6 if s > 6 else 0, s)
            if cm is not None:
                unit = _CURRENCY_SIGNS[cm.group("sym") or cm.group("code")]
                start = cm.start()
                if cm.group("sign"):
                    value = -value
            elif c1 in "-−" and (s == 1 or text[s - 2] in " (\t\n"):
                value = -value
                start = s - 1
        if exp is not None:   # 4e14, 2.48×10−5
            e10 = exp.replace("\u2212", "-").lstrip(" \u00a0eE×x").replace("^", "").replace("**", "")
            if e10.startswith("10") and exp[:1] not in "eE":
                e10 = e10[2:].lstrip(" \u00a0")
            try:
                power = int(e10)
            except ValueError:
                power = 0
            if not -300 < power < 300:
                skipped_end = m.end(1)
                continue
            value = float("%se%d" % (digits, power)) if value >= 0 else -float("%se%d" % (digits, power))
            efactor = 10.0 ** power
            is_int = False
        if vul is not None:
            v = _VULGAR_VALUES[vul]
            value = value + v if value >= 0 else value - v
            digits = "%g" % abs(value)
            is_int = False
        u = None
        if uword is not None:
            u = _UNITS[uword]
        factor = 1.0
        if scale is not None:
            factor = _SCALES[scale.lower()]
        elif lscale is not None:
            money = unit is not None or u in CURRENCIES
            if lscale in "kK":
                factor = 1e3
            elif lscale == "M" or (lscale == "m" and money):
                factor = 1e6
            elif lscale == "m":
                # "3m people" is three million; "a 5m wall" is five metres
                w0 = tail.split(None, 1)[0].lower() if tail and uword is None else ""
                if u is not None or w0 in _COUNT_NOUNS or (len(w0) > 3 and w0.endswith("s") and w0 not in _STOP):
                    factor = 1e6   # "1.5m barrels", "3m people"
                else:
                    u = u or "m"
            elif money:
                factor = _SCALES[lscale.lower()]
            else:
                skipped_end = m.end(1)  # "5B": an identifier
                continue
        if u is not None and (unit is None or u == "cent"):
            unit = u
        end = m.end()
        tspan = ()
        if tail is not None:
            tspan = (end - len(tail), end)
            end = tspan[0]
        if unit is None and factor == 1.0 and not is_int and (c1 == " " or c1 == "("):
            k = text.rfind(" ", s - 16 if s > 16 else 0, s - 1)
            if text[k + 1:s - 1].lower().strip(_PUNCT) in _DESIGNATORS:
                skipped_end = m.end(1)      # "Version 2.0", "Article 5.1"
                continue
        if unit is None and factor == 1.0 and is_int:
            # names, dates, ages, years, codes
            if c1 == " " or c1 == "(":
                k = text.rfind(" ", s - 16 if s > 16 else 0, s - 1)
                pw = text[k + 1:s - 1]
                pwl = pw.lower().strip(_PUNCT)
                if pwl in _MONTHS and value <= 31 and len(digits) <= 2 and pw[:1].isupper():
                    skipped_end = m.end(1)
                    continue
                if (pwl in _DESIGNATORS and not (pwl == "number" and _THAT_NUMBER(text, 0, s) is not None)) \
                        or pwl in ("aged", "age", "ages"):
                    skipped_end = m.end(1)
                    continue
                nc = text[end] if end < n else ""
                if nc == "," and value < 120 and pw.endswith(",") and pw[:1].isupper() and pw[1:-1].isalpha() and pw[1:-1].islower():
                    skipped_end = m.end(1)  # "Smith, 45, said"
                    continue
            else:
                pwl = ""
            if len(digits) == 4 and 1000 <= value <= 2100 and num == digits:
                w0 = tail.split(None, 1)[0].lower() if tail else ""
                if w0 not in _COUNT_NOUNS and pwl not in _QUAL_BY_LAST:
                    if value >= 1900 or pwl in _YEAR_PREPS:
                        skipped_end = m.end(1)
                        continue
            if end + 1 < n and text[end] == " " and text[end + 1].isdigit() and c1 != "$":
                # "245 23", phone numbers and codes: no quantity, unless a mixed fraction follows
                if _FRACTION_RE.match(text, end + 1) is None:
                    mm = num_re.match(text, end + 1)
                    skip_until = mm.end() if mm else end + 2
                    skipped_end = skip_until
                    continue
            c = _Cand(start, end, value, value, value, None, digits)
            c.tail = tspan
            out.append(c)
            continue
        value *= factor
        factor *= efactor
        if not is_int or factor != 1.0 or unit == "percent" or unit == "pp":
            h = _half_unit(digits) * factor
            c = _Cand(start, end, value, value - h, value + h, unit, digits, factor)
        else:
            c = _Cand(start, end, value, value, value, unit, digits, factor)
        c.tail = tspan
        out.append(c)


def _fraction(text: str, s: int, out: list) -> int:
    """Read ``1/4 inch``, ``2 1/2 in``, ``1/40 of``; return the end, or 0 if it is no fraction."""
    m = _FRACTION_RE.match(text, s)
    if m is None:
        return 0
    num, den = int(m.group(1)), int(m.group(2))
    if den == 0 or num >= den or den > 100:
        return 0
    value = num / den
    start = s
    mixed = _MIXED.search(text, max(0, s - 8), s)
    sm = _SUFFIX.match(text, m.end())
    uw = sm.group("unit")
    if not (mixed or uw or text.startswith(" of ", m.end())):
        return 0
    if mixed:
        start = mixed.start()
        value += int(mixed.group(1))
        while out and out[-1].start >= start:
            out.pop()
    unit = None
    end = m.end()
    if uw:
        unit = _UNITS[uw]
        end = sm.end()
    c = _Cand(start, end, value, value, value, unit, "%g" % value)
    c.frac = True
    out.append(c)
    return end


# ---------------------------------------------------------------------------
# Candidates from words
# ---------------------------------------------------------------------------

def _word_candidates(text: str, low: str, out: list, spaced: str, first: int) -> None:  # noqa: C901
    """Candidates from number words, read in ``spaced`` (" " + ``low``) from ``first``, where _HAS_WORD
    found the first word that may start one (every match of _WORD_RE is one of _HAS_WORD)."""
    n = len(low)
    for m in _WORD_RE.finditer(spaced, first):
        ws, we = m.start("w") - 1, m.end("w") - 1
        phrase = m.group("w")
        if we < n and low[we] == "-":
            t = _TOKEN.match(low, we + 1)
            if t is not None and t.group() in ORDINALS:
                continue  # twenty-first
        first = phrase[0]
        if first in "dhmbts" and phrase.endswith(("dozens", "scores", "hundreds", "thousands", "millions", "billions")):
            key = " ".join(phrase.split())
            if key == "scores" and not low.startswith(" of ", we):
                continue
            v, lo_, hi_ = VAGUE_RANGES[key]
            c = _Cand(ws, we, float(v), float(lo_), float(hi_), word=True, vague=True)
            _word_unit(text, c)
            out.append(c)
            continue
        if phrase == "couple":
            if not low.endswith("a ", 0, ws):
                continue
            c = _Cand(ws - 2, we, 2.0, 2.0, 3.0, word=True)
            c.approx = True
            out.append(c)
            continue
        if phrase.startswith("half"):
            parts = phrase.split()
            if len(parts) == 1:
                if not low.startswith(" of ", we):
                    continue
                c = _Cand(ws, we, 0.5, 0.5, 0.5, word=True)
                c.frac = True
                out.append(c)
                continue
            mult = {"dozen": 12, "hundred": 100}.get(parts[-1]) or MULTIPLIERS[parts[-1]]
            v = 0.5 * mult
            c = _Cand(ws, we, v, v, v, None, "0.5", float(mult), True)
            if mult >= 1000:
                c.low, c.high = _rounding(v, "0.5", float(mult))
            _word_unit(text, c)
            out.append(c)
            continue
        if phrase == "third" or phrase == "quarter":
            if not (low.endswith("a ", 0, ws) and low.startswith(" of ", we)):
                continue
            v = 1 / 3 if phrase == "third" else 0.25
            c = _Cand(ws - 2, we, v, v, v, word=True)
            c.frac = True
            out.append(c)
            continue
        if phrase in _SINGLE_WORDS:
            # one word: "three", "million" (after digits it belongs to them: "4.2 million")
            value = _SINGLE_WORDS[phrase]
            if value >= 100 and phrase[0] in "htmb":
                if ws > 1 and low[ws - 1] == " " and low[ws - 2].isdigit():
                    continue   # "4.2 million" is read with its digits
                s = ws
                vague = None
                if low.endswith("half a ", 0, ws):
                    s, value = ws - 7, value / 2
                elif low.endswith(" a ", 0, ws) or (ws == 2 and low.startswith("a ")):
                    s = ws - 2
                elif low.endswith(" an ", 0, ws):
                    s = ws - 3
                else:
                    for vw in _VAGUE_BEFORE:   # "several hundred", "a few thousand"
                        if low.endswith(vw, 0, ws) and (ws == len(vw) or not low[ws - len(vw) - 1].isalpha()):
                            vague = vw
                            s = ws - len(vw)
                            break
                if vague is not None:
                    c = _Cand(s, we, 3.0 * value, 2.0 * value, 10.0 * value - 1, None, "", 1.0, True, True)
                elif value >= 1000:
                    c = _Cand(s, we, float(value), 0.5 * value, 1.5 * value, None, "1", float(value), True)
                else:
                    c = _Cand(s, we, float(value), float(value), float(value), None, "%d" % value, 1.0, True)
            else:
                if value <= 1:
                    # "one"/"zero" alone counts only people, casualties or units: not "one of", "no one"
                    nm = _NEXT_WORD(low, we)
                    if nm is None or nm.group(1) not in _SMALL_WORD_NEXT:
                        if nm is None or _UNITS.get(nm.group(1)) in _NOT_AFTER_ONE:
                            continue   # "one day", "one of", "no one"
                    k = low.rfind(" ", ws - 8 if ws > 8 else 0, ws - 1)
                    if low[k + 1:ws - 1] in ("no", "the", "any", "every", "each", "which", "this", "that", "one"):
                        continue
                c = _Cand(ws, we, float(value), float(value), float(value), None, "%d" % value, 1.0, True)
                if value <= 1:
                    c.small_word = phrase
                    c.digits = "%d" % value
            _word_unit(text, c)
            out.append(c)
            continue
        toks = [(t.group(), t.start()) for t in _TOKEN.finditer(low, ws, we)]
        words = [t[0] for t in toks]
        half_at = -1
        for i in range(len(words) - 2):
            if words[i] == "and" and words[i + 1] == "a" and words[i + 2] == "half":
                half_at = i
                break
        if half_at >= 0 or words[-1] == "dozen":
            c = _special_words(words, half_at, ws, we, low)
            if c is not None:
                _word_unit(text, c)
                out.append(c)
            continue
        # fractions: "two thirds", "one-half"
        den = FRACTIONS.get(words[-1]) if len(words) > 1 else None
        if den is not None:
            parts = split_number_words(words[:-1])
            if len(parts) == 1 and parts[0][1] == 0 and parts[0][2] == len(words) - 1 and 0 < parts[0][0] < 100:
                v = parts[0][0] / den
                c = _Cand(ws, we, v, v, v, word=True)
                c.frac = True
                _word_unit(text, c)
                out.append(c)
            continue
        for value, i, j in split_number_words(words):
            s = toks[i][1]
            e = toks[j - 1][1] + len(words[j - 1])
            first_w = words[i]
            if first_w in ("hundred", "thousand", "million", "billion", "trillion"):
                if low.endswith("half a ", 0, s):
                    s -= 7
                    value = value / 2
                elif low.endswith(" a ", 0, s) or s == 2 and low.startswith("a "):
                    s -= 2
                elif low.endswith(" an ", 0, s):
                    s -= 3
            digits, scale = "%d" % value, 1.0
            last_w = words[j - 1]
            if last_w in MULTIPLIERS and value >= 1000:
                scale = float(MULTIPLIERS[last_w])
                digits = "%g" % (value / scale)
                lo, hi = _rounding(float(value), digits, scale)
            else:
                lo = hi = float(value)
            c = _Cand(s, e, float(value), lo, hi, None, digits, scale, True)
            if j - i == 1 and (first_w == "one" or first_w == "zero"):
                c.small_word = first_w
            _word_unit(text, c)
            out.append(c)


def _special_words(words: list[str], half_at: int, ws: int, we: int, low: str) -> _Cand | None:
    """Numbers with "and a half" or "dozen": "two and a half million", "a dozen", "two dozen"."""
    seq = words
    scale = 1.0
    if half_at >= 0:
        left = split_number_words(words[:half_at])
        if len(left) != 1 or left[0][2] - left[0][1] != half_at:
            return None
        after = words[half_at + 3:]
        base = float(left[0][0]) + 0.5
        if after and after[0] in MULTIPLIERS and len(after) == 1:
            scale = float(MULTIPLIERS[after[0]])
        elif after:
            return None
        v = base * scale
        c = _Cand(ws, we, v, v, v, None, "%g" % base, scale, True)
        if scale >= 1000:
            c.low, c.high = _rounding(v, "%g" % base, scale)
        return c
    seq = words[:-1]
    start = ws
    if seq:
        parts = split_number_words(seq)
        if len(parts) != 1 or parts[0][2] - parts[0][1] != len(seq):
            return None
        base = float(parts[0][0])
    else:
        base = 1.0
        if low.endswith("a ", 0, ws):
            start = ws - 2
    v = base * 12
    return _Cand(start, we, v, v, v, None, "%g" % v, 1.0, True)


def _word_unit(text: str, c: _Cand) -> None:
    """Unit or currency after a number in words ("two meters", "twenty million pounds")."""
    if c.end >= len(text) or text[c.end] not in " \u00a0-":
        return
    sm = _SUFFIX.match(text, c.end)
    if sm.group("skip") is not None:
        c.value = math.nan  # "two o'clock", "five-year-old": dropped later
        return
    scale = sm.group("scale")
    if scale is not None and scale.lower() in _ABBREVIATED_SCALES and not c.vague and not c.frac and c.scale == 1.0:
        # "two mln shares", "three bln dlrs": wire copy abbreviates the scale after a number in words too
        c.scale = _SCALES[scale.lower()]
        c.value *= c.scale
        c.low, c.high = _rounding(c.value, c.digits or "%g" % (c.value / c.scale), c.scale)
        c.end = sm.end("scale")
    uw = sm.group("unit")
    if uw is not None and len(uw) > 1:
        c.unit = _UNITS[uw]
        c.end = sm.end()
        if (c.unit == "percent" or c.unit == "pp") and not c.vague and not c.frac:
            c.low, c.high = _rounding(c.value, c.digits or "0", c.scale)


# ---------------------------------------------------------------------------
# Context: qualifiers, ranges, what is counted
# ---------------------------------------------------------------------------

def _qualifier(low: str, s: int) -> tuple[str | None, str | None, int]:
    """The qualifier right before ``s``: (qualifier, kind, start of the qualifier)."""
    if s == 0:
        return None, None, s
    c = low[s - 1]
    if c == "~":
        return "~", "approx", s - 1
    if c != " ":
        return None, None, s
    k = low.rfind(" ", s - 16 if s > 16 else 0, s - 1)
    phrases = _QUAL_BY_LAST.get(low[k + 1:s - 1])
    if phrases is None:
        return None, None, s
    for q in phrases:
        qs = s - 1 - len(q)
        if qs >= 0 and low.startswith(q, qs) and (qs == 0 or not low[qs - 1].isalpha()):
            return q, _QUALIFIERS[q], qs
    return None, None, s


def _bounds(c: _Cand) -> tuple[float | None, float | None, bool]:
    """``low``/``high`` after the qualifier."""
    kind = c.kind
    if kind == "none":
        return c.low, c.high, c.approx
    lo, hi, v = c.low, c.high, c.value
    if kind == "lower":
        return lo, None, c.approx
    if kind == "upper" or kind == "below":
        return None, hi, c.approx
    if kind == "nearly":
        return min(lo, 0.9 * v), hi, True
    # about, around, some...: half a unit of the last non-zero digit, at least 5% and at most 25%
    if c.vague:
        return lo, hi, True
    a = abs(v)
    digits = c.digits or ("%d" % a if a == int(a) else repr(a))
    h = _half_nonzero(digits) * c.scale
    width = max(0.05 * a, min(h, 0.25 * a))
    return min(lo, v - width), max(hi, v + width), True


def _counts(text: str, low: str, c: _Cand):  # noqa: C901
    """(counts, measure, event, head) from the words after the number (and the verb before it)."""
    t = c.tail
    if t is None:
        pos = c.end
        tm = _TAIL(text, pos) if pos < len(text) and text[pos] in " \t\u00a0" else None
        t = tm.span() if tm is not None else ()
    event = None
    verb_word = None
    head = None
    counts = None
    np_start = np_end = 0
    lw: list[str] = []
    unit = c.unit
    if t:
        lw = low[t[0]:t[1]].split()
        w0 = lw[0]
        if w0 in _STOP_QUICK or (unit is not None and w0 != "of" and not (w0 == "in" and unit in CURRENCIES)):
            t = ()   # "5 pct in...", "12 mln dlrs from...": nothing counted
            lw = []
    if t:
        a, b = t
        nw = len(lw)
        i = 0
        w0 = lw[0]
        if w0 == "of" and nw > 1 and lw[1] in _DETERMINERS:
            i = 2   # "60 of its soldiers", "12% of the population"
        elif w0 == "of" and (c.vague or c.unit is not None or c.frac or c.scale != 1.0 or c.word):
            i = 1   # "dozens of homes", "1.5 million tonnes of grain"
        elif w0 == "in" and c.unit in CURRENCIES:
            i = 1  # "$3bn in military aid"
        np_start = np_end = i
        while i < nw and i - np_start < 5:
            w = lw[i]
            ev = MEASURE_SYNONYMS.get(w)
            if ev is not None:
                nxt = lw[i + 1] if i + 1 < nw else ""
                if w in _EVENT_NOUNS:
                    if w == "lives" and "lost" not in lw[i + 1:i + 4]:
                        i += 1
                        np_end = i
                        continue
                    event = ev
                    i += 1
                    np_end = i
                    break
                if nxt and nxt not in _STOP and nxt not in MEASURE_SYNONYMS and nxt.isalpha():
                    event = ev   # "wounded soldiers", "displaced people"
                    i += 1
                    np_end = i
                    continue
                event = ev
                if np_end == np_start:
                    verb_word = i
                i += 1
                break
            if w in _STOP or (len(w) > 4 and w.endswith("ly") and w not in _LY_NOUNS):
                break
            if len(w) > 4 and w.endswith(("ed", "ing")):
                nxt = lw[i + 1] if i + 1 < nw else ""
                if not nxt or nxt in _STOP or nxt in MEASURE_SYNONYMS or nxt.endswith(("ed", "ly")):
                    break
            i += 1
            np_end = i
        if np_end > np_start:
            head = lw[np_end - 1].rstrip("'’")
        # the verb of which the number is the subject: "272 children were among those killed"
        if event is None and i < nw and (lw[i] in _AUX or (np_end > np_start and lw[i] in ("in", "at", "on", "from"))):
            aux = False
            limit = min(nw, i + 8)
            j = i
            while j < limit:
                w = lw[j]
                if w in _CLAUSE_STOP:
                    break
                if w in _AUX:
                    aux = True
                elif aux and w in MEASURE_SYNONYMS and w not in _EVENT_NOUNS:
                    event = MEASURE_SYNONYMS[w]
                    if np_end == np_start:
                        verb_word = j
                    break
                elif aux and w == "lost" and head == "lives":
                    event = "killed"
                    break
                j += 1
        if np_end > np_start:
            # the words of ``lw`` are where those of ``text`` are (the same length, the same white space)
            cur = a
            for w in lw[:np_start]:
                cur = low.find(w, cur) + len(w)
            st = en = low.find(lw[np_start], cur)
            for w in lw[np_start:np_end]:
                en = low.find(w, en) + len(w)
            counts = text[st:en].rstrip("'’-") or None
        elif verb_word is not None:
            counts = text[a:b].split()[verb_word]
    if head == "lives" and event is None:
        head = None
    if event is None and unit is None:
        qs = c.qstart
        k = low.rfind(" ", qs - 16 if qs > 16 else 0, qs - 1)
        pw = low[k + 1:qs - 1] if qs > 0 else ""
        ev = _LEFT_EVENTS.get(pw)
        if ev is not None:
            event = ev              # "the strike killed 12 people"
        elif head is None and "toll" in low[qs - 40 if qs > 40 else 0:qs]:
            event = "killed"        # "the death toll rose to 45"
    # the measure key
    if event is not None:
        pop = None
        if head is not None:
            if head in MEASURE_SYNONYMS:
                for w in lw[np_start:np_end - 1]:
                    pop = _POP_MODIFIERS.get(w)
                    if pop is not None:
                        break
            elif head in POPULATIONS:
                pop = POPULATIONS[head]
            else:
                pop = _pluralise(head) if c.value == 1 else head
        return counts, (pop + "." + event if pop else event), event, head
    if head is None:
        return counts, None, None, None
    if head in POPULATIONS:
        return counts, POPULATIONS[head] or "people", None, head
    if c.value == 1 and c.unit is None and not c.frac:
        return counts, _pluralise(head), None, head
    return counts, head, None, head


# ---------------------------------------------------------------------------
# Building the records
# ---------------------------------------------------------------------------

_make = trusted_builder(Quantity, dict(value=9394.0, text="9,394", start=3, end=8, low=9394.0, high=None, qualifier="at least",
                                                unit=None, counts="civilian casualties", measure="civilians.casualties", approximate=False,
                                                scope=None, place=None, period=None, period_start=None, period_end=None,
                                                period_text=None, source=None))


_RECORD = dict.fromkeys(["value", "text", "start", "end", "low", "high", "qualifier", "unit", "counts", "measure",
                         "approximate", "scope", "place", "period", "period_start", "period_end", "period_text", "source"])


def _start_key(c: _Cand) -> tuple[int, int]:
    return (c.start, -c.end)


def extract_quantities(text: str, offset: int = 0) -> list[Quantity]:
    """The quantities stated in ``text`` (one sentence), in text order, without overlaps.

    ``start``/``end`` are ``offset`` plus the index in ``text``, so that
    ``document[q.start:q.end] == q.text`` when ``text`` starts at ``offset``.
    """
    if not text:
        return []
    original = text
    if not text.isascii() and _ODD_SPACE(text) is not None:
        # any Unicode space reads as a no-break space (digit groups, units) or a space (qualifiers)
        text = text.translate(_TO_NBSP)
        if "\u202f" in text or "\u2009" in text:   # a thin space groups digits, elsewhere it is a space
            text = _THIN_NOT_GROUP.sub("\u00a0", text)
    low = text.lower()
    if len(low) != len(text):  # a few characters lower-case to two ("İ"): keep offsets aligned
        low = "".join(ch if len(ch.lower()) != 1 else ch.lower() for ch in text)
    if "\u00a0" in low:
        low = low.replace("\u00a0", " ")
    if text.isascii():
        has_digit = _ascii_has_digit(text)
        num_re = _NUM_ASCII
    else:
        other_digits = _other_digits(text)
        has_digit = (_HAS_DIGIT if other_digits else _HAS_ASCII_DIGIT)(text) is not None
        num_re = _NUM_RE if other_digits else _NUM_ASCII
    spaced = " " + low
    word = _HAS_WORD(spaced)
    if not (has_digit or word is not None):
        return []
    cands: list[_Cand] = []
    if has_digit:
        _digit_candidates(text, low, cands, num_re)
    if word is not None:
        _word_candidates(text, low, cands, spaced, word.start())
    if not cands:
        return []
    if has_digit:
        cands = _drop_non_counts(text, low, cands)
        if not cands:
            return []
    if len(cands) > 1:
        cands.sort(key=_start_key)
        kept = []
        last_end = -1
        for c in cands:
            if c.start >= last_end:
                kept.append(c)
                last_end = c.end
        cands = kept
    out = _finish(text, low, cands, offset)
    if original is not text:
        for q in out:
            q.text = original[q.start - offset:q.end - offset]
    return out


_ODD_SPACE = compile_pattern("[\u2000-\u200a\u202f\u205f\u3000\u1680]").search
_TO_NBSP = {c: "\u00a0" for c in [*range(0x2000, 0x200B), 0x202F, 0x205F, 0x3000, 0x1680]}
# keep the digit-group spaces the number regex reads ("1\u202f000", "1\u2009000")
_TO_NBSP.pop(0x202F)
_TO_NBSP.pop(0x2009)
_THIN_NOT_GROUP = compile_pattern(r"(?<!\d)[\u202f\u2009]|[\u202f\u2009](?!\d)")
_DAY_N = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_MON_ANY = r"(?:" + _MONTH_CAP + r")\.?"
_LIST_SEP = r"(?:[ \u00a0]*,[ \u00a0]*" + _DAY_N + r")*[ \u00a0]*(?:,[ \u00a0]*)?(?:and|&|or|to|through|-|–)[ \u00a0]*"
#: Numbers that are not counts, each with the characters that must be present for it to be tried:
#: footnote markers, URLs and e-mail addresses, lists of days ("February 25 and 26", "25-26 March"),
#: phone numbers, hash-numbers.
_FOOTNOTE = compile_pattern(r"\[[ \u00a0]*\d+(?:[ \u00a0]*[,–-][ \u00a0]*\d+)*[ \u00a0]*\]")
_TLD = r"(?:com|org|net|gov|int|ua|ru|me|uk|io|info|news|eu|de|fr)"
_URL = compile_pattern(r"(?:https?://|www\.)\S+|[\w.+-]+@[\w-]+\.[\w.]+"
                       r"|(?<![\w@])(?:[\w-]+\.)+" + _TLD + r"/\S*")
#: Every match of _URL holds one of these; a scan that starts with literals is much faster.
_URL_HINT = compile_pattern(r"https?://|www\.|@|\." + _TLD + "/").search
#: Every match of _MONTH_CAP_RE and _DAY_LIST holds one of these.
_MONTH_HINT_RE = compile_pattern("|".join("Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()))
_MONTH_HINT = _MONTH_HINT_RE.search
_MONTH_DAYS = _MON_ANY + r"[ \u00a0]+" + _DAY_N + _LIST_SEP + _DAY_N + r"(?!\d)"
_DAY_LIST = compile_pattern(
    _MONTH_DAYS + r"|(?<![\d,.])" + _DAY_N + _LIST_SEP + _DAY_N + r"[ \u00a0]+(?:of[ \u00a0]+)?" + _MON_ANY + r"(?![a-z])")
# _DAY_LIST where its second branch ("25 and 26 March") cannot match: starting with a month,
# it is scanned in C from one capital letter to the next
_MONTH_DAY_LIST = compile_pattern(_MONTH_DAYS)
#: A day right before a month's first three letters (``25 March``, ``26th of March``): without one,
#: _DAY_LIST's second branch cannot match.
#: Two days with a separator between them, as in every _DAY_LIST match ("5 and 6", "25th-26th").
_TWO_DAYS = compile_pattern(r"\d(?:st|nd|rd|th)?[ \u00a0,]*(?:and|&|or|to|through|-|–)[ \u00a0]*\d").search
_DAY_BEFORE_MONTH = compile_pattern(r"\d(?:st|nd|rd|th)?(?:[ \u00a0]+of)?[ \u00a0]+(?=" + _MONTH_HINT_RE.pattern + ")").search
_PHONE = compile_pattern(r"(?<![\d,.\w])\+\d{1,3}(?:[ \u00a0.-]?\(?\d{1,5}\)?){2,}"
                         r"|(?<![\d,.\w])\(?0\d{1,4}\)?(?:[ \u00a0.-]\d{2,4}){2,}(?![\d,])|#\d+")


def _non_count_spans(text: str, low: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    if "[" in text:
        spans += [m.span() for m in _FOOTNOTE.finditer(text)]
    if ("/" in text or "@" in text or "www." in low) and _URL_HINT(text) is not None:
        spans += [m.span() for m in _URL.finditer(text)]
    if "+" in text or "#" in text or "(0" in text or " 0" in text:
        spans += [m.span() for m in _PHONE.finditer(text)]
    if _MONTH_HINT(text) is not None and _MONTH_CAP_RE.search(text) is not None and _TWO_DAYS(text) is not None:
        day_list = _DAY_LIST if _DAY_BEFORE_MONTH(text) else _MONTH_DAY_LIST   # the same matches, faster
        spans += [m.span() for m in day_list.finditer(text)]
    if "-" in text or "–" in text:
        spans += [m.span() for m in _YEAR_SPAN.finditer(text)]   # "over 2024-2025"
    return spans


#: "Of that number 410 had been killed": "number" here is the total, not a designator
_THAT_NUMBER = compile_pattern(r"(?i:\b(?:that|this|the|which|whose|total|overall)[ \u00a0]+number[ \u00a0,]*)$").search
_QUAL_LOOSE = compile_pattern(
    r"(?<![a-z])(" + "|".join(r"\s+".join(map(re.escape, q.split())) for q in sorted(_QUALIFIERS, key=len, reverse=True)
                              if q[0].isalpha()) + r")\s{2,}$").search
# (the lookbehind after the first two digits, so that ``re`` can skip to a 1 or a 2)
_YEAR_SPAN = compile_pattern(r"(?:1[89]|20)(?<![\d,.]\d\d)\d\d[-–/](?:(?:1[89]|20)\d\d|\d\d)(?!\d|,\d)")
_LIST_MARK = compile_pattern(r"[ \t\u00a0(\[•*–-]*$")


def _drop_non_counts(text: str, low: str, cands: list) -> list:
    """Drop candidates that are no counts: inside footnotes, URLs, day lists, phone numbers; list
    numbering ("1. ..."), codes ("4567-AB") and digit strings with a leading zero ("0800")."""
    spans = _non_count_spans(text, low)
    out = []
    n = len(text)
    for c in cands:
        s, e = c.start, c.end
        if spans and any(a <= s < b or a < e <= b for a, b in spans):
            continue
        d = c.digits
        if d and len(d) > 1 and d[0] == "0" and d[1].isdigit() and not c.word:
            continue            # "0800", "07": codes and times, never counts
        if e + 1 < n and text[e] == "-" and (text[e + 1].isupper() and not text[e + 1:e + 3].isalpha() or
                                             text[e + 1].isupper() and e + 2 < n and text[e + 2].isupper()):
            continue            # "4567-AB", "12-B": an identifier
        if (e < n and text[e] in ".)" and (e + 1 >= n or text[e + 1] in " \t\u00a0") and c.unit is None
                and not c.word and _LIST_MARK.match(text, 0, s) is not None and s < 6 and c.value < 100):
            continue            # "1. Russia launched...", "(2) ..." : list numbering
        out.append(c)
    return out


_HAS_DIGIT = compile_pattern(r"[\d" + _VULGAR + "]").search
_HAS_ASCII_DIGIT = compile_pattern(r"[0-9" + _VULGAR + "]").search   # a few times faster than \d
_NON_ASCII = compile_pattern(r"[^\x00-\x7f]").findall


def _ascii_has_digit(text: str) -> bool:
    """True when ``text`` has a digit 0-9: ten substring tests cost a third of one regex search."""
    return ("0" in text or "1" in text or "2" in text or "3" in text or "4" in text or "5" in text or "6" in text
            or "7" in text or "8" in text or "9" in text)


def _other_digits(text: str) -> bool:
    """True when ``text`` has a digit (``\\d``) other than 0-9."""
    return not text.isascii() and any(ch.isdecimal() for ch in _NON_ASCII(text))


def _finish(text: str, low: str, cands: list[_Cand], offset: int) -> list[Quantity]:  # noqa: C901
    if len(cands) > 1:
        cands = _ranges(text, low, cands)
    tlen = len(text)
    out: list[Quantity] = []
    prev = None     # the previous record, for "45 and 50 cases"
    prev_c = None
    for c in cands:
        if c.value != c.value:  # NaN: "two o'clock", "five-year-old"
            continue
        s = c.start
        # qualifier before: "at least", "up to", "about"... (a range has its own already)
        if c.qstart == s and s:
            ch = low[s - 1]
            if ch == " ":
                k = low.rfind(" ", s - 16 if s > 16 else 0, s - 1)
                phrases = _QUAL_BY_LAST.get(low[k + 1:s - 1])
                if phrases is not None:
                    for q in phrases:
                        qs = s - 1 - len(q)
                        if qs >= 0 and low.startswith(q, qs) and (qs == 0 or not low[qs - 1].isalpha()):
                            if q != "between":
                                c.qual, c.kind, c.qstart = q, _QUALIFIERS[q], qs
                            break
                if c.qual is None and s > 1 and low[s - 2] == " ":
                    # several spaces in a row (a no-break space and a space): "around\u00a0 40"
                    qm = _QUAL_LOOSE(low, max(0, s - 40), s)
                    if qm is not None and qm.group(1).split() != ["between"]:
                        q = " ".join(qm.group(1).split())
                        if q in _QUALIFIERS:
                            c.qual, c.kind, c.qstart = q, _QUALIFIERS[q], qm.start(1)
            elif ch == "~":
                c.qual, c.kind, c.qstart = "~", "approx", s - 1
        end = c.end
        # qualifier after: "100 or more", "50+", "20-odd"
        if c.kind is None and end < tlen and text.startswith(_POST_STARTS, end):
            pm = _POST_QUAL.match(text, end)
            if pm is not None:
                pq = pm.group().strip()
                c.qual, c.kind = pq, _POST_KIND[pq]
                if pq == "+" or pq == "-odd":
                    c.end = pm.end()
                    c.tail = None
                else:   # "100 or more homes": what is counted comes after the qualifier
                    tm = _TAIL(text, pm.end())
                    c.tail = tm.span() if tm is not None else ()
        if c.small_word is not None and c.unit is None:
            # "one"/"zero" alone counts only people or units: not "one of", "no one", "one day"
            if low.startswith((" of ", " another", " or ", " and "), c.end):
                continue
            k = low.rfind(" ", c.qstart - 10 if c.qstart > 10 else 0, c.qstart - 1)
            if low[k + 1:c.qstart - 1] in ("no", "the", "any", "every", "each", "which", "this", "that"):
                continue
        counts, measure, event, head = _counts(text, low, c)
        unit = c.unit
        if unit == "GBP" and "pound" in low[c.start:c.end]:
            unit = _pound_unit(low, c, counts)
            if unit == "lb" and c.scale != 1.0 and counts is None:
                unit = "GBP"
        if unit is None:
            measure = _military(low, c, counts, measure, prev)
            if measure is not None and measure.endswith(("killed", "injured")) and (
                    "or" in low or "and" in low) and _BOTH_EVENTS(low, max(0, c.qstart - 30), c.end + 60):
                measure = measure.rsplit(".", 1)[0] + ".casualties" if "." in measure else "casualties"
        if c.small_word is not None and c.unit is None:
            if event is None and (head is None or (head not in POPULATIONS and head not in _SINGULAR_COUNT)):
                continue
        lo, hi, approx = c.low, c.high, c.approx
        if c.kind is not None:
            lo, hi, approx = _bounds(c)
        d = _RECORD.copy()   # sized at once (a literal of 18 keys grows its table twice), in the fields' order
        d["value"] = c.value
        d["text"] = text[c.start:c.end]
        d["start"] = offset + c.start
        d["end"] = offset + c.end
        d["low"] = lo
        d["high"] = hi
        d["qualifier"] = c.qual
        d["unit"] = unit
        # what is counted recurs down a document ("civilian casualties"): one string each
        d["counts"] = counts if counts is None else intern(counts)
        d["measure"] = measure if measure is None else intern(measure)
        d["approximate"] = approx
        # coordination: "45 and 50 cases": the first counts what the second counts
        if (counts is not None and prev is not None and prev["counts"] is None and prev_c.unit == c.unit
                and prev["measure"] is None
                and _AND_GAP(text, prev_c.end, c.start) is not None):
            prev["counts"], prev["measure"] = counts, measure
        prev, prev_c = d, c
        out.append(d)
    if len(out) > 1:
        _inherit_things(low, out, offset)
    return [_make(d) for d in out]


_JOIN = compile_pattern(r"[ ,]*(?:and|as well as|plus|,)[ ]+(?:also[ ]+)?$")
_INCLUDING = compile_pattern(r"(?:including|among them|among whom|of them|of whom|incl\.)[ :]*(?:at least |about |some )?$")


def _inherit_things(low: str, out: list[dict], offset: int) -> None:
    """What a figure leaves unsaid, from the figure before it in the sentence: 'Of 120 drones launched,
    95 were shot down' (the thing), '4 missiles and 145 drones' (the event), 'killed 30, including 5
    children' (the event of a population)."""
    thing = None
    before = None
    for d in out:
        m = d["measure"]
        if m is None or d["unit"] is not None:
            before = None
            continue
        if m in _BARE_EVENTS:
            if thing is not None:
                d["measure"] = f"{thing}.{m}"
            before = d
            continue
        head, _, event = m.partition(".")
        military = head in _MILITARY_THINGS or head.endswith(_MILITARY_SUFFIXES)
        if before is not None and not event and "." in (before["measure"] or ""):
            gap = low[before["end"] - offset:d["start"] - offset]
            prev_event = before["measure"].rsplit(".", 1)[1]
            if len(gap) < 60 and ((military and _JOIN.search(gap)) or
                                  (head in _POPULATION_KEYS and _INCLUDING.search(gap))):
                d["measure"] = f"{head}.{prev_event}"
        if military:
            thing = head
        before = d


_MILITARY_THINGS = frozenset(THINGS.values()) - {"soldiers", "attacks", "strikes", "clashes", "assaults"}
_MILITARY_SUFFIXES = tuple("_" + t for t in _MILITARY_THINGS)
_POPULATION_KEYS = frozenset(["children", "women", "men", "civilians", "people", "soldiers", "police", "elderly"])


_MILITARY_THINGS = frozenset(THINGS.values()) - {"soldiers", "attacks", "strikes", "clashes", "assaults"}


_MONEY_NOUNS = frozenset(
    "aid funding funds investment investments support assistance debt debts revenue revenues money cash "
    "loans loan grants grant compensation damages profit profits sales spending budget subsidies fines "
    "contracts contract deal deals".split())
_WEIGHT_CUES = ("weigh", "flour", "food", "grain", "wheat", "explosive", "bomb", "cargo", "payload", "rice",
                "sugar", "meat", "fish", "potatoes", "supplies", "fertili", "tonnes", "kilogram", "lb ")
_MONEY_CUES = ("worth", "cost", "paid", "pay ", "spent", "spend", "fund", "budget", "price", "salary", "fine",
               "loan", "grant", "invest", "donat", "raised", "sterling", "£", "billion", "million", "bn ")


def _pound_unit(low: str, c: _Cand, counts: str | None) -> str:
    """'pounds' as weight (lb) or money (GBP), from the words around it."""
    after = low[c.end:c.end + 30]
    if low[c.start:c.end].endswith("-pound") or low.startswith(" of ", c.end):
        nxt = after[4:].split(" ", 1)[0].strip(_PUNCT) if after.startswith(" of ") else ""
        if low[c.start:c.end].endswith("-pound") or nxt not in _MONEY_NOUNS:
            return "lb"   # "a 2,000-pound bomb", "500 pounds of flour"
        return "GBP"
    window = low[max(0, c.start - 60):c.end + 60]
    weight = any(w in window for w in _WEIGHT_CUES)
    money = any(w in window for w in _MONEY_CUES)
    return "lb" if weight and not money else "GBP"


#: "killed or injured", "killed and wounded": the casualties, not one of the two
_BOTH_EVENTS = compile_pattern(r"\b(?:killed|dead|died)\s+(?:or|and|and/or)\s+(?:injured|wounded|hurt)\b"
                               r"|\b(?:injured|wounded)\s+(?:or|and)\s+(?:killed|dead)\b").search
_OF_THE_THING = compile_pattern(r" of (?:the |its |their )?(?:[\d,]+ )?([a-z][a-z -]{2,40})")
_CHANGE_THEN_NOUN = compile_pattern(r" \([+−-]?[\d,.\u00a0]+\) ([a-z]+)")
_LABEL_BEFORE = compile_pattern(r"([a-z][a-z' -]{1,40}?)[ \u00a0]*[—–:][ \u00a0]*(?:[a-z]+[ \u00a0]+)?$")


def _military(low: str, c: _Cand, counts: str | None, measure: str | None, prev: dict | None) -> str | None:
    """The measure of a count of drones, missiles, personnel... with its event ('drones.shot_down')."""
    thing = thing_of(counts)
    pos = c.end
    if counts:
        k = low.find(counts.lower(), c.end)
        if 0 <= k < c.end + 40:
            pos = k + len(counts)
    elif c.qual is not None and c.kind in ("lower", "upper", "approx") and low.startswith(" or ", c.end):
        pos = low.find(" ", c.end + 4)
    while pos < len(low) and low[pos] in " ,":
        pos += 1
    event = event_after(low, pos)
    if event is None:
        event = event_before(low, c.qstart)
    s = c.start
    if thing is None and counts is None and s >= 2 and low[s - 1] == "+" and low[s - 2] == "(" and prev is not None:
        return prev["measure"]   # "1,000,000 (+1,130)": the day's change of the same count
    if thing is None and counts is None and low.startswith(" of ", c.end):
        om = _OF_THE_THING.match(low, c.end)   # "destroyed 52 of the 70 drones"
        if om is not None:
            words = om.group(1).split()
            for k in range(min(3, len(words)), 0, -1):
                thing = thing_of(" ".join(words[:k]))
                if thing is not None:
                    break
    if thing is None and counts is None and low.startswith(" (", c.end):
        cm = _CHANGE_THEN_NOUN.match(low, c.end)   # "about 1,000,000 (+1,130) personnel"
        if cm is not None:
            thing = thing_of(cm.group(1))
    if thing is None and counts is None:
        a = max(0, c.qstart - 45)
        lm = None
        if low.find(":", a, c.qstart) >= 0 or low.find("—", a, c.qstart) >= 0 or low.find("–", a, c.qstart) >= 0:
            lm = _LABEL_BEFORE.search(low, a, c.qstart)
        if lm is not None:   # "tanks — 10,870", "personnel: about 1,000,000"
            thing = thing_of(lm.group(1).split(",")[-1].strip())
            if thing is not None and event is None and ("loss" in low or "lost" in low):
                event = "lost"
    if thing is None and event is None:
        return measure
    if thing is None:
        if event not in _BARE_EVENTS:
            return measure
        if measure is not None and measure not in _BARE_EVENTS and "." not in measure and measure not in THINGS.values():
            return measure  # "hit 20 targets" stays "targets" when not a military count
        return event
    if event is None:
        if measure is not None and "." in measure:
            return measure  # "30 soldiers killed": the casualty reading stands
        return thing
    if event == "lost" and thing == "soldiers":
        thing = "personnel"   # "lost 1,250 troops" is the general staff's personnel losses
    if event == "launched" and thing in ("soldiers", "personnel"):
        return thing          # "2,000 troops were deployed", "sent": people are not launched
    return f"{thing}.{event}"


_BARE_EVENTS = frozenset(["shot_down", "intercepted", "neutralised", "suppressed", "destroyed", "launched", "hit"])


def _ranges(text: str, low: str, cands: list[_Cand]) -> list[_Cand]:
    """Merge "10-15", "between 20 and 30", "8- to 16-meter", "two or three" into one quantity."""
    merged: list[_Cand] = []
    i = 0
    n = len(cands)
    while i < n:
        a = cands[i]
        if i + 1 < n:
            b = cands[i + 1]
            rm = None
            if b.start - a.end < 12:
                rm = _RANGE_GAP.fullmatch(text, a.end, b.start)
            if rm is not None and a.value == a.value and b.value == b.value:
                a.qual, a.kind, a.qstart = _qualifier(low, a.start)
                w = rm.group("word")
                if w == "and":
                    ok = a.kind == "between"
                elif w is not None and w != "or":  # to, through
                    ok = b.value >= a.value or (a.value < 0 and b.value < 0)
                    if ok and low.endswith("from ", 0, a.qstart):
                        # "rose from 5% to 7%" is a change (two quantities); "ranged from 7 to 10" a range
                        before = low[a.qstart - 40 if a.qstart > 40 else 0:a.qstart - 5].split()[-3:]
                        ok = not any(x.strip(_PUNCT) in _CHANGE_VERBS for x in before)
                elif w == "or":
                    ok = a.word and b.word and b.value > a.value and not a.vague
                else:  # a dash
                    ok = b.value > a.value and not a.vague and not b.vague
                if ok and a.unit is not None and b.unit is not None and a.unit != b.unit:
                    ok = False
                if ok:
                    if a.scale == 1.0 and b.scale != 1.0 and not a.word and a.value * b.scale <= b.value:
                        a.value *= b.scale        # "3-4 million": the scale is shared
                        a.scale = b.scale
                        a.low, a.high = _rounding(a.value, a.digits, a.scale)
                    unit = a.unit or b.unit
                    if (unit == "percent" or unit == "pp") and a.unit is None:
                        a.low, a.high = _rounding(a.value, a.digits or "0", a.scale)
                    r = _Cand(a.start, b.end, (a.value + b.value) / 2, min(a.low, b.low),
                              max(a.high, b.high), unit, b.digits, b.scale, a.word and b.word)
                    r.approx = True
                    if a.kind == "between":
                        r.qual, r.kind = "between", None
                    else:
                        r.qual, r.kind = a.qual or ("or" if w == "or" else "to"), a.kind
                    r.qstart = a.qstart
                    merged.append(r)
                    i += 2
                    continue
        if a.kind == "between":
            a.qual = a.kind = None
            a.qstart = a.start
        merged.append(a)
        i += 1
    return merged
