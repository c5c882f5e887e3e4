"""English number words: tables and a small parser ("twenty-one", "a hundred and two").

Standard library only. :func:`parse_number_words` reads a whole phrase as one
cardinal number; :func:`split_number_words` reads a run of number words that
may hold several numbers ("one two three", "two thousand thousand") the way a
reader would, following the rules of scrapinghub/number-parser's English tests:

* a multiplier larger than every one before it multiplies everything so far
  ("two thousand million" = 2,000,000,000);
* a multiplier equal to or smaller than one already closed starts a new number
  unless it is smaller than the last one ("billion twenty three million");
* two units, or a unit after a teen, start a new number ("one two" = 1, 2).

Ordinals ("third", "twentieth") are not cardinals and are not read here.
"""

from __future__ import annotations

import re

UNITS: dict[str, int] = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9,
}
TEENS: dict[str, int] = {
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
TENS: dict[str, int] = {
    "twenty": 20, "thirty": 30, "forty": 40, "fourty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}
MULTIPLIERS: dict[str, int] = {
    "thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12,
    "quadrillion": 10**15, "quintillion": 10**18, "sextillion": 10**21,
}
#: Fraction denominators, singular and plural ("a third", "two thirds").
FRACTIONS: dict[str, int] = {
    "half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4,
    "fourth": 4, "fourths": 4, "fifth": 5, "fifths": 5, "sixth": 6, "sixths": 6,
    "seventh": 7, "sevenths": 7, "eighth": 8, "eighths": 8, "ninth": 9, "ninths": 9,
    "tenth": 10, "tenths": 10,
}
#: Vague plural quantities ("dozens of"): base unit.
VAGUE: dict[str, int] = {
    "dozens": 12, "scores": 20, "tens": 10, "hundreds": 100, "thousands": 1000,
    "millions": 10**6, "billions": 10**9, "trillions": 10**12,
}
#: Ordinal words (never cardinal quantities).
ORDINALS: frozenset[str] = frozenset(
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth "
    "thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth "
    "thirtieth fortieth fiftieth sixtieth seventieth eightieth ninetieth hundredth "
    "thousandth millionth billionth".split()
)

CARDINAL_WORDS: frozenset[str] = frozenset([*UNITS, *TEENS, *TENS, *MULTIPLIERS, "hundred"])

_TOKEN = re.compile(r"[a-z]+|[,.;:!?&]")


def tokens(text: str) -> list[str]:
    """Lower-case word tokens of a number phrase; hyphens and spaces separate, punctuation is its own token."""
    return [("and" if t == "&" else t) for t in _TOKEN.findall(text.lower())]


class _Acc:
    """Accumulates one number while words keep fitting into it."""

    __slots__ = ("total", "current", "last_mult", "last", "n", "start")

    def __init__(self, start: int) -> None:
        self.total = 0          # closed multiplier groups
        self.current = 0        # the group below the smallest multiplier so far
        self.last_mult = 0      # smallest multiplier applied (0: none yet)
        self.last = ""          # kind of the previous token
        self.n = 0              # number words consumed
        self.start = start

    @property
    def value(self) -> int:
        return self.total + self.current

    def add(self, word: str) -> bool:  # noqa: C901 - a small state machine
        """Take ``word`` into this number if it fits, else leave the state alone and say no."""
        last = self.last
        if word in UNITS or word in TEENS:
            v = UNITS.get(word)
            kind = "unit"
            if v is None:
                v = TEENS[word]
                kind = "teen"
            if v == 0 and self.n:  # "twenty zero" is not one number
                return False
            if kind == "unit" and last == "tens":
                self.current += v
            elif last in ("", "hundred", "mult", "and") and self.current % 100 == 0:
                self.current += v
            else:
                return False
            self.last = kind
        elif word in TENS:
            if last not in ("", "hundred", "mult", "and") or self.current % 100:
                return False
            self.current += TENS[word]
            self.last = "tens"
        elif word == "hundred":
            if last == "" or (last == "mult" and self.current == 0):
                self.current = 100
            elif last in ("unit", "teen") and 0 < self.current < 100:
                self.current *= 100
            else:
                return False
            self.last = "hundred"
        elif word in MULTIPLIERS:
            m = MULTIPLIERS[word]
            if last == "and":
                return False
            if last == "mult" and self.current == 0:
                if m <= self.last_mult:  # "thousand thousand", "million thousand"
                    return False
                self.total *= m  # "two thousand million"
            elif self.last_mult == 0 or m < self.last_mult:
                self.total += (self.current or 1) * m
            elif m > self.last_mult:
                self.total = (self.total + self.current) * m  # "two thousand two million"
            else:
                return False
            self.last_mult = m
            self.current = 0
            self.last = "mult"
        elif word == "and":
            if last not in ("hundred", "mult"):
                return False
            self.last = "and"
            return True  # "and" joins but is not itself a number word
        else:
            return False
        self.n += 1
        return True


def split_number_words(words: list[str]) -> list[tuple[int, int, int]]:
    """Read ``words`` (lower-case tokens) into numbers.

    Returns ``(value, first_index, end_index)`` for each number found, where
    ``words[first_index:end_index]`` are its words. Tokens that are not number
    words separate numbers and are skipped; a trailing "and" is not part of a number.
    """
    out: list[tuple[int, int, int]] = []
    acc: _Acc | None = None
    end = 0
    for i, w in enumerate(words):
        if acc is not None and acc.add(w):
            if acc.last != "and":
                end = i + 1
            continue
        if acc is not None and acc.n:
            out.append((acc.value, acc.start, end))
        acc = None
        if w in CARDINAL_WORDS:
            acc = _Acc(i)
            if acc.add(w):
                end = i + 1
            else:
                acc = None
    if acc is not None and acc.n:
        out.append((acc.value, acc.start, end))
    return out


def parse_number_words(text: str) -> int | float | None:
    """The value of ``text`` read as one cardinal number in words or digits, else None.

    >>> parse_number_words("one hundred and forty two")
    142
    >>> parse_number_words("twenty-one")
    21
    >>> parse_number_words("a hundred and two")
    102
    >>> parse_number_words("two and a half")
    2.5
    >>> parse_number_words("twenty 1") is None
    True
    """
    s = text.strip()
    if not s:
        return None
    plain = s.replace(",", "")
    if plain.isdecimal():
        return int(plain)
    if plain.count(".") == 1 and plain.replace(".", "").isdecimal():
        return float(plain)
    if any(ch.isdigit() for ch in s):
        return None  # digits mixed with words ("twenty 1")
    words = tokens(s)
    half = 0.0
    if len(words) >= 3 and words[-3:] == ["and", "a", "half"]:
        words = words[:-3]
        half = 0.5
    if words and words[0] in ("a", "an") and len(words) > 1 and words[1] in ("hundred", "dozen", *MULTIPLIERS):
        words = ["one", *words[1:]]
    if words == ["one", "dozen"] or words == ["dozen"]:
        return 12
    if not words:
        return None
    parts = split_number_words(words)
    if len(parts) != 1 or parts[0][1] != 0 or parts[0][2] != len(words):
        return None
    value = parts[0][0]
    return value + half if half else value
