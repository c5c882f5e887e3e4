"""The same claim in other documents: content words and figures, MinHash bands, rapidfuzz.

A claim's *content* is its words without the source's mention, reporting verbs and
function words (``Russia launched 120 drones overnight, the air force said`` ->
``russia launched drones overnight``), and its *figures* the values it states. Two
claims are the same claim when their figures are equal and their content words
agree (rapidfuzz ``token_set_ratio`` of the content, at least :data:`THRESHOLD`, and
at least :data:`MIN_SHARED` shared words).

To find candidates among a million stored claims without reading them, each claim
gets :data:`BANDS` MinHash band keys (locality-sensitive hashing: ``ROWS`` min-hashes
of the content words per band, hashed with the figures); claims sharing a key are
candidates. The keys are rows of ``claim_bands`` (primary key ``band, claim_id``), so
the lookup is one index probe per key on SQLite and PostgreSQL alike. Claims with
fewer than :data:`MIN_WORDS` content words ("He said so.") get no keys.
"""

from __future__ import annotations

import hashlib
import re
import struct
from dataclasses import dataclass
from typing import Any, Iterable

from rapidfuzz import fuzz

BANDS = 8
ROWS = 2
MIN_WORDS = 4
MIN_SHARED = 3
THRESHOLD = 85.0
# one 64-byte BLAKE2b digest per word gives the BANDS * ROWS independent 32-bit hash values of MinHash
# (the same on every run and machine; no per-permutation arithmetic in Python)
_UNPACK = struct.Struct(">%dI" % (BANDS * ROWS)).unpack

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
_STOP = frozenset(
    """a an the this that these those of in on at by for from to with without into onto over under since
    during after before between among amid across around about against per than as via and or but nor
    while whereas who whom whose which what where when why how is are was were be been being am have has
    had having do does did will would shall should can could may might must it its they them their he she
    his her we our us you your i my me there here not no so if then also more most less least each every
    all both either such only just still even already yet ago now later earlier today yesterday tomorrow
    again too very up down out off back away last next some any other another according said says say
    saying told tells tell added adds stated states reported reports report reporting announced announces
    statement statements confirmed confirms wrote posted noted claimed claims claim believed believes
    think thinks thought telegram update daily nightly address press conference spokesman spokeswoman
    spokesperson official officials source sources news agency""".split())


def content_words(text: str, skip: tuple[int, int] | None = None) -> list[str]:
    """The content words of a claim, lower case, in order; ``skip`` is a span (the source's mention)
    left out."""
    if skip is not None and 0 <= skip[0] < skip[1] <= len(text):
        text = text[:skip[0]] + " " + text[skip[1]:]
    out = []
    for m in _WORD.finditer(text.lower()):
        w = m.group()
        if len(w) < 3 or w in _STOP:
            continue
        if w.endswith(("'s", "’s")):
            w = w[:-2]
        if len(w) > 4 and w.endswith("s") and not w.endswith("ss"):
            w = w[:-1]   # a light plural fold: "drones" ~ "drone"
        out.append(w)
    return out


def figures(quantities: Iterable[Any]) -> str:
    """The claim's figures as one key: the sorted values ('120|95')."""
    return "|".join(sorted({"%g" % q.value for q in quantities}))


def bands(words: Iterable[str], figs: str) -> list[int]:
    """The claim's band keys (signed 64-bit), or [] when it has too few content words."""
    unique = set(words)
    if len(unique) < MIN_WORDS:
        return []
    blake = hashlib.blake2b
    mins = [min(col) for col in zip(*(_UNPACK(blake(w.encode("utf-8"), digest_size=64).digest()) for w in unique))]
    out = []
    for j in range(BANDS):
        key = f"{j}:{mins[j * ROWS:(j + 1) * ROWS]}:{figs}".encode()
        out.append(int.from_bytes(hashlib.blake2b(key, digest_size=8).digest(), "big", signed=True))
    return out


def claim_signature(claim: Any) -> tuple[list[str], str]:
    """(content words, figures key) of a :class:`claims.Claim`, without the words naming its source."""
    skip = None
    s = claim.source
    if s is not None and s.mention_start is not None and s.mention_end is not None:
        skip = (s.mention_start - claim.start, s.mention_end - claim.start)
    return content_words(claim.text, skip), figures(claim.quantities)


def claim_bands(claim: Any) -> list[int]:
    words, figs = claim_signature(claim)
    return bands(words, figs)


@dataclass(slots=True)
class Match:
    """A stored claim that is the same claim as one of the document's."""

    claim_id: str        # the document's claim
    other_id: str        # the stored claim
    score: float         # rapidfuzz token_set_ratio of the content words (0-100)
    text: str
    document: str
    sha256: str
    published: Any
    source_id: str | None
    source_name: str | None


def same_claim(a_words: list[str], a_figs: str, b_words: list[str], b_figs: str) -> float | None:
    """The similarity score when the two are the same claim (same figures, content words agree), else None."""
    if a_figs != b_figs:
        return None
    shared = set(a_words) & set(b_words)
    if len(shared) < MIN_SHARED or len(shared) < 0.6 * min(len(set(a_words)), len(set(b_words))):
        return None
    score = fuzz.token_set_ratio(" ".join(a_words), " ".join(b_words))
    # a short claim inside a long one is not the same claim: the token sort ratio keeps their lengths honest
    if score < THRESHOLD or fuzz.token_sort_ratio(" ".join(a_words), " ".join(b_words)) < THRESHOLD - 25:
        return None
    return float(score)
