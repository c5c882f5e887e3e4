"""Probability scales for estimative language: PHIA yardstick (UK), ICD 203 (US), survey default.

``probability(cue, scale, negated)`` places a hedge cue ("likely", "almost certainly",
"not likely", "It is possible that"...) on a scale as a ``(low, high)`` range in 0..1,
or returns ``None`` when the cue carries no probability on that scale ("suggest",
"reportedly", or "may" on the PHIA yardstick). ``scale_for_source(source)`` picks the
scale a source's words should be read on.

The tables live in ``claims/data/scales.toml``; the 'default' ranges were derived from
two perception surveys by ``python bench/hedges.py --derive-scale`` (see
``docs/hedges.md``), so nothing here needs the survey files at run time.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any
from .patterns import compile_pattern

__all__ = ["Scale", "SCALES", "NEGATIONS", "probability", "scale_for_source", "canonical_term"]

_DATA = Path(__file__).resolve().parent / "data" / "scales.toml"


@dataclass(frozen=True)
class Scale:
    """One probability scale: canonical term -> (low, high) in 0..1, and synonyms."""

    name: str
    label: str
    ranges: dict[str, tuple[float, float]]
    aliases: dict[str, str] = field(default_factory=dict)
    source: str = ""

    def lookup(self, term: str) -> tuple[float, float] | None:
        """The range of a canonical (normalised) term, directly or through an alias."""
        rng = self.ranges.get(term)
        if rng is None:
            alias = self.aliases.get(term)
            if alias is not None:
                rng = self.ranges.get(alias)
        return rng


def _load(path: Path = _DATA) -> tuple[dict[str, Scale], dict[str, str]]:
    with path.open("rb") as fh:
        data: dict[str, Any] = tomllib.load(fh)
    negations = {str(k): str(v) for k, v in data.pop("negations", {}).items()}
    scales: dict[str, Scale] = {}
    for name, table in data.items():
        ranges = {}
        for term, pair in table.get("ranges", {}).items():
            low, high = float(pair[0]), float(pair[1])
            if not 0.0 <= low <= high <= 1.0:
                raise ValueError(f"{path}: bad range for {name}.{term}: {pair}")
            ranges[term] = (low, high)
        aliases = {str(k): str(v) for k, v in table.get("aliases", {}).items()}
        for alias, target in aliases.items():
            if target not in ranges:
                raise ValueError(f"{path}: alias {name}.{alias} -> unknown term {target!r}")
        scales[name] = Scale(name=name, label=str(table.get("label", name)), ranges=ranges,
                             aliases=aliases, source=str(table.get("source", "")))
    return scales, negations


SCALES, NEGATIONS = _load()

# --- cue normalisation --------------------------------------------------------
_NON_WORD_RE = compile_pattern(r"[^\w' ]+")
_SPACES_RE = compile_pattern(r"\s+")
_FRAME_RE = compile_pattern(
    r"^(?:it|this|that)(?:\s+(?:is|was|seems|remains|looks)|'s)\s+(.*?)(?:\s+that)?$")
_NEGATOR_RE = compile_pattern(
    r"^(?:(?:is|are|was|were|it\s+is|it's|would|will|be)\s+)?(?:not|never|hardly|\w+n't)\s+"
    r"(?:(?:be|been|being|very|so|that|too|all|particularly|entirely|terribly|especially|"
    r"widely|generally)\s+)*"
)


@lru_cache(maxsize=4096)  # a pure function of a short string; documents repeat few cues
def canonical_term(cue: str) -> tuple[str, bool]:
    """``"It isn't very likely"`` -> ``("likely", True)``: lower case, frame and negator removed."""
    t = _NON_WORD_RE.sub(" ", cue.lower().replace("\u2019", "'"))
    t = _SPACES_RE.sub(" ", t).strip()
    m = _FRAME_RE.match(t)
    if m and m.group(1):
        t = m.group(1)
    negated = False
    m = _NEGATOR_RE.match(t)
    if m and m.end() < len(t):
        negated = True
        t = t[m.end():]
    return t, negated


def probability(cue: str, scale: str, negated: bool = False) -> tuple[float, float] | None:
    """The ``(low, high)`` probability of a hedge cue on ``scale``, or None if it has none there.

    ``negated`` applies to a cue whose text has no negator ("likely" + negated -> the
    'unlikely' range); a negator in the cue text ("not likely") is read from the text,
    so passing ``Hedge.cue`` and ``Hedge.negated`` together is always right. A negated
    term without a negative counterpart ("not unlikely", "not possible") gives None.
    """
    try:
        sc = SCALES[scale]
    except KeyError:
        raise ValueError(f"unknown scale {scale!r}; known: {', '.join(SCALES)}") from None
    term, text_negated = canonical_term(cue)
    if not term:
        return None
    if text_negated or negated:
        if term in NEGATIONS:
            term = NEGATIONS[term]
        elif not (term.endswith(" not") and not text_negated):
            return None  # 'probably not' is already negative; others have no counterpart
    return sc.lookup(term)


# --- choosing a scale -----------------------------------------------------------
_UK_KINDS = frozenset({"government", "military", "intelligence"})
_US_INTEL_IDS = frozenset({
    "us-odni", "odni", "cia", "us-cia", "us-dia", "dia", "us-nsa", "nsa", "us-nic", "nic",
    "us-nga", "us-nro", "us-intelligence",
})


def _get(source: Any, name: str) -> str:
    value = source.get(name) if isinstance(source, dict) else getattr(source, name, None)
    return str(value) if value else ""


def scale_for_source(source: Any) -> str:
    """'phia' for UK government/military/intelligence, 'icd203' for US intelligence, else 'default'.

    ``source`` is a :class:`claims.models.Source` (or a dict with the same keys) or None
    for the publisher's own voice. UK: id 'uk-*', or country GB with kind government,
    military or intelligence (also when only the parent is 'uk-*'). US: kind
    intelligence with country US, or a known US intelligence id ('us-odni', 'cia', 'us-dia'...).
    """
    if source is None:
        return "default"
    sid = _get(source, "id").lower()
    kind = _get(source, "kind").lower()
    country = _get(source, "country").upper()
    parent = _get(source, "parent").lower()
    if sid.startswith("uk-") or (kind in _UK_KINDS and (country in ("GB", "UK") or parent.startswith("uk-"))):
        return "phia"
    if sid in _US_INTEL_IDS or parent in _US_INTEL_IDS or (kind == "intelligence" and country == "US"):
        return "icd203"
    return "default"
