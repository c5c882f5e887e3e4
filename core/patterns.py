"""Regular-expression building blocks shared by the extraction stages."""

from __future__ import annotations

import re
from typing import Callable, Iterable


def trie_regex(words: Iterable[str], char: Callable[[str], str] = re.escape) -> str:
    """An alternation matching any of ``words``, factored by prefix.

    ``re`` tries one branch per first character instead of one per word, which makes
    lexicon scans several times faster than a flat ``a|b|c``. ``char`` turns each
    character into its pattern (e.g. a space into ``\\s+``).
    """
    tree: dict = {}
    for w in words:
        node = tree
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:
        alts = [char(ch) + emit(node[ch]) for ch in sorted(k for k in node if k)]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return "(?:" + body + ")?" if "" in node else body

    return emit(tree)
