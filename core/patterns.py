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


# -- compiled patterns kept between runs ---------------------------------------------------------
#
# Compiling the stages' patterns costs about 0.2 s at every start (``re`` parses and compiles in
# Python), as much as importing typer and pydantic. ``compile_pattern`` keeps the compiled program of each
# pattern in a file under the user's cache folder (``claims.cache``) and rebuilds the pattern
# from it with ``_sre.compile`` (about 0.05 ms instead of 20 ms for the largest). The file
# belongs to one CPython version and one regex engine (its name holds both); anything
# unexpected (another interpreter, an unreadable or foreign file, an unwritable folder) falls
# back to ``re.compile``, so the patterns are always exactly those ``re.compile`` gives.

_programs: dict[tuple[str, int], tuple] | None = None
_new: list[tuple[tuple[str, int], tuple]] = []


def _cache_file() -> str | None:
    import sys
    try:
        import _sre
    except ImportError:  # pragma: no cover - not CPython
        return None
    if sys.implementation.name != "cpython":
        return None
    from . import cache
    return cache.cache_file(f"patterns-{_sre.MAGIC}-{_sre.CODESIZE}")


def _load() -> dict[tuple[str, int], tuple]:
    from . import cache
    data = cache.read(_cache_file())
    return data if isinstance(data, dict) else {}


def _save() -> None:
    """Add the patterns compiled in this run to the cache file (another process may have added some)."""
    if not _new:
        return
    from . import cache
    path = _cache_file()
    data = cache.read(path)
    data = data if isinstance(data, dict) else {}
    data.update(_new)
    _new.clear()
    cache.write(path, data)


def compile_pattern(pattern: str, flags: int = 0) -> re.Pattern:
    """``re.compile(pattern, flags)``, its compiled program kept between runs (see above)."""
    global _programs
    if _programs is None:
        _programs = _load()
        import atexit
        atexit.register(_save)
    key = (pattern, int(flags))
    entry = _programs.get(key)
    if entry is not None:
        try:
            import _sre
            final_flags, code, groups, groupindex, indexgroup = entry
            return _sre.compile(pattern, final_flags, code, groups, groupindex, indexgroup)
        except Exception:  # noqa: BLE001 - a foreign or damaged entry: compile it anew
            pass
    compiled = re.compile(pattern, flags)
    entry = _program(pattern, flags, compiled)
    if entry is not None:
        _programs[key] = entry
        _new.append((key, entry))
    return compiled


def _program(pattern: str, flags: int, compiled: re.Pattern) -> tuple | None:
    """What ``_sre.compile`` takes to rebuild ``compiled``, ``re.compile(pattern, flags)`` (CPython's own
    steps), or None when what it rebuilds is not equal to ``compiled``."""
    try:
        from re import _compiler, _parser
        parsed = _parser.parse(pattern, flags)
        code = _compiler._code(parsed, flags)
        groupindex = dict(parsed.state.groupdict)
        indexgroup = [None] * parsed.state.groups
        for name, i in groupindex.items():
            indexgroup[i] = name
        # plain ints (the opcodes and flags are int subclasses), so that marshal can keep them
        entry = (int(flags | parsed.state.flags), [int(c) for c in code], int(parsed.state.groups - 1),
                 {str(k): int(v) for k, v in groupindex.items()}, tuple(indexgroup))
        import _sre
        again = _sre.compile(pattern, *entry)
        # Pattern equality compares the flags and the compiled code itself
        return entry if again == compiled and again.groupindex == compiled.groupindex else None
    except Exception:  # noqa: BLE001 - another engine: no cache, plain re.compile
        return None
