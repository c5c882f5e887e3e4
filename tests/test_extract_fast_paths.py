"""The extractors' fast paths find exactly what the patterns they stand for find."""

import itertools

from claims.extract import dates, quantities

SAMPLES = [
    "Total sales are estimated at 6.13 mln bags against the 1986/87 crop and 1.06 mln bags in 1987/88.",
    "On March 5 and 6, 2022, and from 25-26 March, 1,250 troops (+30) were killed; see 4.2e3 and 2.48×10−5.",
    "Published 2 March 2026, updated 2026-03-03: about 40% of 1½ million, F-16 and MH17, 10:30 GMT.",
    "Sept. 30th of 2021 - dec 3, 2003; 5th  of  May 2020 and 31 Jan 1999.",
    "Phone +44 20 7946 0958 or (0800) 123 456, #12, www.example.com/2024, the 45-year-old, 2013-14.",
    "No digits here, only two thirds of a dozen words.",
]


def texts():
    for s in SAMPLES:
        yield s
        yield s.lower()
        yield s.replace(" ", "\u00a0")


def spans(matches):
    return [(m.span(), m.groups()) for m in matches]


def test_ascii_number_scan_is_the_general_one():
    for s in texts():
        if not quantities._other_digits(s):
            assert spans(quantities._NUM_ASCII.finditer(s)) == spans(quantities._NUM_RE.finditer(s))
        if s.isascii():
            assert quantities._ascii_has_digit(s) == (quantities._HAS_ASCII_DIGIT(s) is not None)


def test_day_list_gates():
    for s in texts():
        if quantities._DAY_LIST.search(s) is not None:
            assert quantities._TWO_DAYS(s) is not None
        if quantities._DAY_BEFORE_MONTH(s) is None:
            assert spans(quantities._DAY_LIST.finditer(s)) == spans(quantities._MONTH_DAY_LIST.finditer(s))


def test_full_dates_scanned_from_hints():
    for s in texts():
        low = s.lower()
        for start in range(0, len(low), 7):
            part = low[start:]
            assert spans(dates._scan(part, dates._FULL_DATES_LOW, dates._FULL_HINT, True)) == \
                spans(dates._FULL_DATES_LOW.finditer(part))


def test_main_dates_scanned_from_hints():
    for a, b in itertools.product(SAMPLES, repeat=2):
        s = a[len(a) // 2:] + " " + b
        assert spans(dates._scan(s, dates._DATE_MAIN, dates._MAIN_HINT, True)) == \
            spans(dates._DATE_MAIN.finditer(s))
