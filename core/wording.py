"""Counts in words, for every report and message: ``1 source``, ``2 sources``, ``1 error, 5 info``."""

from __future__ import annotations

SEVERITY_NOUN = {"error": ("error", "errors"), "warning": ("warning", "warnings"), "info": ("info", "info")}


def plural(n: int, word: str, many: str | None = None) -> str:
    """``1 source``, ``2 sources``, ``1,200 claims``; ``many`` for an irregular plural."""
    return f"{n:,} {word if n == 1 else many or word + 's'}"


def severity_counts(counts: dict[str, int]) -> str:
    """``1 error, 2 warnings, 5 info``: most severe first, zeros left out."""
    out = []
    for sev in ("error", "warning", "info", *sorted(set(counts) - set(SEVERITY_NOUN))):
        n = counts.get(sev, 0)
        if n:
            one, many = SEVERITY_NOUN.get(sev, (sev, sev))
            out.append(plural(n, one, many))
    return ", ".join(out)
