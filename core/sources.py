"""The registry of known sources: canonical ids, display names, aliases and parents.

Built-in entries come from the ``default_sources`` plugin; configuration
(``[sources.ID]`` in ``claims.toml``) and other plugins add more through the
``register_sources`` hook. Mentions are matched after normalisation, so
"Britain's Ministry of Defense", "the UK Defence Ministry" and "British MoD"
all find ``uk-mod``.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from typing import Any

from pydantic import BaseModel, Field
from .patterns import compile_pattern


class SourceDef(BaseModel):
    """A known source as registered by a plugin or configuration."""

    id: str
    name: str
    kind: str = "organisation"
    parent: str | None = None
    country: str | None = None
    aliases: list[str] = Field(default_factory=list)
    nouns: list[str] = Field(
        default_factory=list,
        description="Common nouns that refer back to it once introduced ('ministry', 'chancellor').",
    )


_APOS = str.maketrans({"’": "'", "‘": "'", "`": "'", "–": "-", "—": "-"})
# Spelling and phrasing variants folded before lookup.
_MULTIWORD = [("united nations", "un"), ("united kingdom", "uk"), ("great britain", "uk"),
              ("united states", "us"), ("european union", "eu")]
_WORD_MAP = {
    "u.n": "un", "u.n.": "un", "u.k": "uk", "u.k.": "uk", "britain": "uk", "british": "uk",
    "u.s": "us", "u.s.": "us", "america": "us", "american": "us", "usa": "us", "e.u": "eu", "e.u.": "eu",
    "russian": "russia", "ukrainian": "ukraine", "german": "germany", "french": "france", "turkish": "turkey",
    "chinese": "china", "israeli": "israel", "defense": "defence", "programme": "program",
    "organization": "organisation",
}
# "defence ministry" -> "ministry of defence"
_MINISTRY_OF = {"defence", "foreign", "interior", "health", "finance", "justice", "economy", "energy", "agriculture",
                "emergencies", "education", "culture", "digital", "transport", "environment", "labour", "trade",
                "security"}
_DROP = {"the", "a", "an", "s", "of", "for", "and", "&"}
_TOKEN = compile_pattern(r"[a-z0-9]+(?:[-.][a-z0-9]+)*\.?")


@lru_cache(maxsize=65536)
def normalise(mention: str) -> str:
    """Fold a mention to its lookup key: case, apostrophes, possessives, en-GB/en-US spelling."""
    # (in ASCII, the backquote is all that ``_APOS`` changes; ``replace`` is many times faster)
    s = mention.replace("`", "'").lower() if mention.isascii() else \
        unicodedata.normalize("NFKC", mention).translate(_APOS).lower()
    s = s.replace("'s", " ").replace("s' ", "s ")
    s = s.replace("u. n.", "u.n.").replace("u. k.", "u.k.").replace("u. s.", "u.s.")
    if "united" in s or "great" in s or "european" in s:
        for phrase, repl in _MULTIWORD:
            s = s.replace(phrase, repl)
    tokens = []
    for t in _TOKEN.findall(s):
        t = _WORD_MAP.get(t, t).rstrip(".")
        if t and t not in _DROP:
            tokens.append(_WORD_MAP.get(t, t))
    if "ministry" in tokens:
        i = tokens.index("ministry")
        if i > 0 and tokens[i - 1] in _MINISTRY_OF:
            tokens[i - 1:i + 1] = ["ministry", tokens[i - 1]]
    if "mod" in tokens:
        i = tokens.index("mod")
        tokens[i:i + 1] = ["ministry", "defence"]
    return " ".join(tokens)


_VARIANT_WORDS = {"u.n.", "united", "nations", "kingdom", "britain", "british", "great", "states", "america",
                  "american", "usa", "u.s.", "u.k.", "e.u.", "european", "union", "russian", "ukrainian", "german",
                  "french", "turkish", "chinese", "israeli", "defense", "defence", "mod", "ministry", "programme",
                  "organization"}
_WORD = compile_pattern(r"[a-z0-9][a-z0-9.\-]*[a-z0-9.]|[a-z0-9]")


def _words(phrase: str) -> list[str]:
    """Lower-case words of a phrase, possessive endings removed (for the vocabulary pre-check)."""
    return _WORD.findall(phrase.lower().replace("’s", "").replace("'s", ""))


_NOT_ALNUM = compile_pattern(r"[^A-Za-z0-9]+")


@lru_cache(maxsize=65536)
def slugify(name: str) -> str:
    """A stable id for an unknown source: 'Iryna Venediktova' -> 'iryna-venediktova'."""
    s = name if name.isascii() else unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return _NOT_ALNUM.sub("-", s.lower()).strip("-") or "unknown"


_UNSEEN = object()  # a phrase ``find_in`` has not looked up yet


class Registry:
    """Known sources by id, with an alias index built from normalised names."""

    def __init__(self, defs: list[SourceDef] | None = None) -> None:
        self._by_id: dict[str, SourceDef] = {}
        self._alias: dict[str, str] = {}
        self._surname: dict[str, set[str]] = {}
        # every word that can appear in a known name: phrases without one are not looked up
        self._vocab: set[str] = set(_VARIANT_WORDS)
        # every word of a lookup key (an alias's or a surname's): a part of a phrase with another
        # word in it cannot be a key
        self._key_words: set[str] = set()
        self._found: dict[str, SourceDef | None] = {}
        # keys written only in capitals ("WHO"): they must be capitalised in the text too
        self._caps_only: set[str] = set()
        self._any_case: set[str] = set()
        for d in defs or []:
            self.add(d)

    def add(self, d: SourceDef | dict) -> SourceDef:
        """Add a source, or merge aliases and nouns into an existing one with the same id."""
        if isinstance(d, dict):
            d = SourceDef(**d)
        self._found.clear()
        old = self._by_id.get(d.id)
        if old is not None:
            merged = old.model_copy(update={
                k: v for k, v in d.model_dump(exclude_unset=True).items() if k not in ("aliases", "nouns")
            })
            merged.aliases = list(dict.fromkeys(old.aliases + d.aliases))
            merged.nouns = list(dict.fromkeys(old.nouns + d.nouns))
            d = merged
        self._by_id[d.id] = d
        for n, alias in enumerate([d.id.replace("-", " "), d.name, *d.aliases]):
            key = normalise(alias)
            if key:
                self._alias.setdefault(key, d.id)
                self._key_words.update(key.split())
                if n == 0:  # the id itself says nothing about how the name is written
                    pass
                elif alias.replace(".", "").isupper() and " " not in key:
                    if key not in self._any_case:
                        self._caps_only.add(key)
                else:
                    self._any_case.add(key)
                    self._caps_only.discard(key)
                self._vocab.update(key.split())
                self._vocab.update(_words(alias))
        if d.kind == "person":
            parts = d.name.split()
            if len(parts) > 1:
                key = normalise(parts[-1])
                self._surname.setdefault(key, set()).add(d.id)
                self._key_words.update(key.split())
        return d

    def __contains__(self, source_id: str) -> bool:
        return source_id in self._by_id

    def __iter__(self):
        return iter(self._by_id.values())

    def __len__(self) -> int:
        return len(self._by_id)

    def get(self, source_id: str) -> SourceDef | None:
        return self._by_id.get(source_id)

    def _cased(self, key: str, phrase: str) -> bool:
        """False for a capitals-only alias written in lower case ('who' is not the WHO)."""
        return key not in self._caps_only or key.upper() in phrase.replace(".", "")

    def lookup(self, mention: str) -> SourceDef | None:
        """The source a whole mention names, or None."""
        key = normalise(mention)
        sid = self._alias.get(key) if self._cased(key, mention) else None
        if sid is None and key:
            ids = self._surname.get(key)
            if ids and len(ids) == 1:
                sid = next(iter(ids))
        return self._by_id.get(sid) if sid else None

    def find_in(self, phrase: str, max_len: int = 8) -> SourceDef | None:
        """The known source named by the longest part of ``phrase`` ("German Chancellor Olaf Scholz" -> Scholz)."""
        found = self._found.get(phrase, _UNSEEN)
        if found is not _UNSEEN:
            return found
        found = None if self._vocab.isdisjoint(_words(phrase)) else self._find_in(phrase, max_len)
        if len(self._found) < 100_000:   # bounded: a bulk run meets millions of phrases
            self._found[phrase] = found
        return found

    def _find_in(self, phrase: str, max_len: int) -> SourceDef | None:
        tokens = normalise(phrase).split()
        # only the parts made of key words can be keys: number the runs of key words, and a
        # part is tried when its first and last words are in the same run
        key_words = self._key_words
        runs: list[int | None] = []
        run = longest = length = 0
        for t in tokens:
            if t in key_words:
                length += 1
                longest = max(longest, length)
                runs.append(run)
            else:
                length = 0
                run += 1
                runs.append(None)
        n = len(tokens)
        for size in range(min(longest, max_len), 0, -1):
            for i in range(n - size + 1):
                if runs[i] is None or runs[i] != runs[i + size - 1]:
                    continue
                key = " ".join(tokens[i:i + size])
                sid = self._alias.get(key)
                if sid is not None and not self._cased(key, phrase):
                    sid = None
                if sid is None and size == 1:
                    ids = self._surname.get(key)
                    sid = next(iter(ids)) if ids and len(ids) == 1 else None
                if sid is not None:
                    return self._by_id[sid]
        return None

    def vocabulary_misses(self, word: str) -> bool:
        """True when ``word`` appears in no known source's name or alias."""
        return self._vocab.isdisjoint(_words(word))

    def lookup_key(self, key: str) -> SourceDef | None:
        sid = self._alias.get(key)
        return self._by_id.get(sid) if sid else None

    def ancestors(self, source_id: str) -> list[str]:
        """Parent ids, nearest first."""
        out: list[str] = []
        d = self._by_id.get(source_id)
        while d is not None and d.parent and d.parent not in out:
            out.append(d.parent)
            d = self._by_id.get(d.parent)
        return out


def build_registry(pm, settings) -> Registry:
    """Known sources from plugins (``register_sources``) and configuration (``[sources.ID]``)."""
    from .plugin_manager import call_registration

    registry = Registry()

    def register(d: SourceDef | dict | None = None, **fields: Any) -> None:
        registry.add(d if d is not None else SourceDef(**fields))

    # pluggy calls the last registered first; built-ins are trylast so plugins may extend them
    for impl in reversed(pm.hook.register_sources.get_hookimpls()):
        call_registration(impl, register)
    for sid, fields in settings.sources.items():
        try:
            registry.add(SourceDef(id=sid, **{"name": sid, **fields}))
        except (TypeError, ValueError) as exc:
            from .config import ConfigError
            raise ConfigError(f"{settings.path or 'configuration'}: invalid [sources.{sid}]: "
                              f"{str(exc).splitlines()[0]}") from None
    return registry
