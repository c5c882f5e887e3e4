"""Attribution: who makes each claim, and how.

Rule-based and document-aware. For each sentence the attributor looks for a
reporting cue outside quotation marks (``said``, ``told``, ``added``,
``according to``...), takes the speaker phrase next to it (before it, after it
in inverted ``said the ministry``, or the clause subject for ``... and said``),
and resolves that phrase to a source:

1. a known source in the registry (aliases, en-GB/en-US spellings, possessives);
2. an entity introduced earlier in the document, for ``the ministry``,
   ``the statement``, ``The German chancellor``, ``the UN`` (when a UN body was
   named before), ``he``/``she``;
3. otherwise a new source whose id is derived from its name.

Sentences without a cue that carry on a quotation (a second quoted sentence)
inherit the previous source with mode ``continued``. Organisations merely
mentioned in a sentence are remembered for coreference but are never its source.

Speakers named by layout (transcript labels, dash credits) come from
``claims.speaker_labels``; the word lists from ``claims.cues``; gender and person nouns
from ``claims.people``. The built-in ``default_attributor`` plugin makes one
``Attributor`` per document through the ``make_attributor`` hook.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import accumulate, compress, count
from sys import intern
from typing import NamedTuple

from .models import Mode, Source, trusted_builder
from .patterns import compile_pattern
from .people import PERSON_NOUNS, VOX_NOUNS, gender_of_name, gender_of_words, is_first_name
from .sources import Registry, SourceDef, normalise, slugify
from .speaker_labels import (TURN_LABELS, caps_label, dash_credit, is_credit_only, looks_like_transcript,
                             section_label, title_label)
from .cues import (  # noqa: F401 - the vocabulary, re-exported for plugins and tests
    SPEECH_VERBS, WEAK_VERBS, CLAUSE_ONLY_VERBS, _STRICT_OPENERS, _HEADLINE_CUES, _HEADLINE_RE,
    _WIN_VERBS, _POSSESSIVE_DETS, _WINNINGS, _QUANTIFIERS, _QUESTION_OPENERS, _OBJECT_GAP,
    _SENTENCE_ADVERBS, _SHARE_WORDS, _NUMBER_WORDS, _AFTER_SAID_TO, _ADJUNCT_STARTS, _FUNCTION_WORDS,
    COMBATANTS, PARTICIPLES, AUX, DETERMINERS, NOUN_VERBS, _OPENS_CLAUSE,
    NOT_SPEAKERS, CONNECTORS, PRONOUNS, SPEAKER_NOUNS, GROUP_HEADS, _COUNTRY_OF,
    MEDIA_NOUNS, ORG_WORDS, MODIFIERS, DOCUMENT_NOUNS, TITLE_WORDS, NATIONALITY,
    _DATELINE, _PROSE_END, _SPEAKER_OR_MOD, _CONNECTOR_OR_DET, _DESCRIPTOR_NOUNS, _LABEL_TITLES,
    _WEAK_DOCUMENT_NOUNS, _QUOTE_OPEN, _QUOTE_CLOSE, _TOKEN, _LOWER_WORDS, _CUE_WORDS,
    _CUE_RE, _CAP_WORDS, _TITLE_CUES, _QUOTE_CHARS, _ACCORDING, _WORDS_AFTER_ACCORDING,
    _TITLE_NAME, _CAPSEQ, _AIDE_NOUNS, COGNITION_VERBS, _QUOTE_CHARS_TYPEWRITER, _TITLE_CUE_RE,
    _CUE_RE_REVERSED, _PARTICIPLE_RE,
)

# ``_TOKEN`` as one group: ``split`` returns the text between tokens and the tokens, alternately
_TOKEN_SPLIT = compile_pattern(f"({_TOKEN.pattern})")
# "in a statement", "in its daily update": the speaker issued a document
_IN_DOCUMENT = compile_pattern(r"\bin (?:a|its|his|her|their) (?:\w+ ){0,3}(?:statement|update|report|briefing|post)\b",
                               re.I)


def _may_name_document(text: str) -> bool:
    """False when ``_IN_DOCUMENT`` cannot match: none of its nouns, and no letter that only a
    case-insensitive match folds to an ASCII one ("ſ", "ı"), so plain ``in`` tests are exact."""
    low = text.lower()
    return (not text.isascii() or "statement" in low or "update" in low or "report" in low or "briefing" in low
            or "post" in low)


# How many recently named entities coreference looks back over: "the ministry" refers to
# something named a few paragraphs ago, not fifty; it also keeps long texts linear.
MEMORY = 64


class Tokens(NamedTuple):
    """The tokens of a sentence as parallel lists: token ``i`` is ``text[i]``, ``low[i]``..."""

    text: list[str]
    low: list[str]  # lower case
    start: list[int]  # offsets in the sentence
    end: list[int]


_NO_TOKENS = Tokens([], [], [], [])


@dataclass
class Entity:
    """Something the document has introduced, remembered for coreference."""

    id: str
    name: str
    kind: str  # person | org | group | document
    nouns: set[str] = field(default_factory=set)
    parent: str | None = None
    country: str | None = None
    ancestors: tuple[str, ...] = ()
    gender: str | None = None  # "f", "m" or None (unknown): for he/she
    maybe_person: bool = False  # a lone unknown name ("Boreing said"): a surname or an organisation
    chrome: bool = False  # only met outside the article's prose (menus, "Trending: ..." lines)


@dataclass
class SentenceIn:
    text: str
    start: int  # offset of the sentence in the document
    paragraph: int


def _fits(want: str, person: bool, g: str | None, kind: str, gender: str | None, maybe_person: bool,
          name: str = "") -> bool:
    """Whether an entity can be what a pronoun refers to (gender unknown rules no one out); an
    unnamed group is "it" when its head noun is singular ("the air force said ... it added")."""
    if person:
        return (kind == "person" or maybe_person) and (g is None or gender is None or gender == g)
    if want == "org":
        return kind != "person" and (kind != "group" or _singular_head(name))
    return kind != "person"


#: a sentence that opens by taking part of the figures before it: "Of those, ...", "Among them, ..."
_PARTITIVE = compile_pattern(r"(?:of (?:those|them|these|whom|which|that number|this number|the total|that total)"
                             r"|among (?:them|those|these|the dead|the victims))\b", re.I)


def _singular_head(name: str) -> bool:
    """'the air force', 'the mission': a singular noun; not 'officials', 'Russian forces', 'the police'."""
    head = name.rsplit(" ", 1)[-1].lower()
    plural = head.endswith("s") and not head.endswith("ss")
    return bool(head) and head.isalpha() and head not in GROUP_HEADS and not plural


@lru_cache(maxsize=4096)
def _gender_of_def(name: str, nouns: tuple[str, ...]) -> str | None:
    return gender_of_words(" ".join(nouns).split()) or gender_of_name(name)


@lru_cache(maxsize=8192)
def _untitled_person(phrase: str) -> tuple[str, str, str | None] | None:
    """(id, name, gender) of a person a capitalised phrase names without a title ("Olena
    Kovalenko, the head of ..."), else None."""
    if not is_first_name(phrase.split(" ", 1)[0]):
        return None
    words = phrase.split()
    if 2 <= len(words) <= 4 and all(w[:1].isupper() and w.lower() not in ORG_WORDS for w in words):
        name = phrase.rstrip(".")
        return slugify(name), name, gender_of_name(name)
    return None


def _titled_name(text: str) -> re.Match | None:
    """``_TITLE_NAME.search(text)``; only run when the text has a title word (which any match has:
    the scan is costly, trying every position)."""
    return _TITLE_NAME.search(text) if _TITLE_CUE_RE.search(text) is not None else None


def _tokens(text: str, start: int = 0, end: int | None = None, low: str | None = None) -> Tokens:
    """The tokens of ``text[start:end]``; ``low`` is ``text.lower()`` when the caller has it.

    ``start`` is 0 or follows a character that is not a letter, so that the slice's tokens are
    those of the whole text (``_TOKEN``'s look-behinds only ask whether a letter comes before).
    """
    # tokens are made for every cue-bearing sentence: split (no match objects) gives the tokens
    # and the text between them, and the offsets are the running sum of their lengths
    parts = _TOKEN_SPLIT.split(text[start:end])
    offsets = list(accumulate(map(len, parts), initial=start))
    starts, ends = offsets[1:-1:2], offsets[2::2]
    words = parts[1::2]
    if not text.isascii():
        low = text.lower() if low is None else low
        if len(low) == len(text):  # lowered in the whole text (a final sigma's case depends on what follows)
            return Tokens(words, list(map(low.__getitem__, map(slice, starts, ends))), starts, ends)
    # ASCII letters lower on their own; a character whose lower case is longer ("İ") would shift
    # the offsets in ``low``
    return Tokens(words, list(map(str.lower, words)), starts, ends)


# Lower-case ASCII letters kept and every other byte a space: ``bytes.split`` then gives the runs
# of lower-case letters, and a reporting verb (a match of ``_CUE_RE``) is a run that is one.
_LOWER_RUNS = bytes(c if 97 <= c <= 122 else 32 for c in range(256))
_CUE_BYTES = frozenset(w.encode() for w in _CUE_WORDS)
_PARTICIPLE_BYTES = frozenset(w.encode() for w in PARTICIPLES)


def _cue_span(text: str) -> tuple[int, int] | None:
    """From the start of a sentence's first reporting verb (0 if one is a participle and the first
    is over 140 characters in) to the end of its last; None when it has none."""
    if text.isascii():  # no regular-expression scan: byte operations and set look-ups
        runs = b" " + text.encode().translate(_LOWER_RUNS) + b" "
        verbs = _CUE_BYTES.intersection(runs.split())
        if not verbs:
            return None
        start, end = len(text), 0
        for verb in verbs:  # where each is first and last a whole run (``runs`` has a space more in front)
            key = b" " + verb + b" "
            start, end = min(start, runs.find(key)), max(end, runs.rfind(key) + len(verb))
        return 0 if start > 140 and not _PARTICIPLE_BYTES.isdisjoint(verbs) else start, end
    first = _CUE_RE.search(text)
    if first is None:
        return None
    start, end = first.start(), len(text) - _CUE_RE_REVERSED.search(text[::-1]).start()
    return 0 if start > 140 and _PARTICIPLE_RE.search(text, start) else start, end


def _cue_window(text: str, tail: str) -> tuple[int, int] | None:
    """Where a sentence's tokens are needed, around its reporting verbs: from a speaker phrase's
    length before the first to a little past the last (the whole start for '..., saying');
    None when it has none. ``tail`` is its last character but spaces."""
    span = _cue_span(text)
    if span is not None and tail == "?" and text.lstrip()[:1].isupper() and \
            text.split(None, 1)[0].lower() in _QUESTION_OPENERS:
        span = None  # "How has the administration responded?": a question asserts nothing
    if span is None:
        words = text.split(None, 2)
        if len(words) <= 2 or not words[1][:1].isupper():
            return None
        heads = list(_HEADLINE_RE.finditer(text))  # "X Says ...": a title-case headline
        if not heads:
            return None
        span = heads[0].start(), heads[-1].end()
    start, end = span
    lo = max(0, start - 140)
    if lo:
        lo = text.find(" ", lo) + 1
    return lo, min(len(text), end + 80)


def _quote_mask(text: str) -> tuple[list[tuple[int, int]], bool]:
    """Spans inside double/curly quotation marks and whether a quote is left open at the end."""
    if '"' not in text and "''" not in text and (text.isascii() or not any(c in text for c in "“”«»„")):
        return [], False  # most sentences: no quotation mark to scan for
    spans: list[tuple[int, int]] = []
    opened: int | None = None
    for m in (_QUOTE_CHARS_TYPEWRITER if "''" in text else _QUOTE_CHARS).finditer(text):
        i, ch = m.start(), m.group()
        if ch in "“«„":
            if opened is None:
                opened = i
        elif ch in "”»":
            if opened is not None:
                spans.append((opened, i + 1))
                opened = None
            else:  # a closing mark with no opening: the quote began in an earlier sentence
                spans.append((0, i + 1))
        elif ch == '"' or ch == "''":
            if opened is None:
                opened = i
            else:
                spans.append((opened, i + 1))
                opened = None
    if opened is not None:
        spans.append((opened, len(text)))
    return spans, opened is not None


def _inside(pos: int, spans: list[tuple[int, int]]) -> bool:
    return any(s <= pos < e for s, e in spans) if spans else False


def _is_cap(word: str) -> bool:
    return word[0].isupper() or (word.startswith("(") and len(word) > 2)


class Attributor:
    """Attributes the sentences of one document, in order, remembering what it has seen."""

    def __init__(self, registry: Registry, text: str | None = None) -> None:
        """``text``, the whole document, lets it read credits after a quotation ("– Press Service")."""
        self.registry = registry
        self.text = text
        self.turn: Source | None = None  # the speaker of a transcript turn ("PUTIN: ...")
        self.transcript: bool | None = None  # does the document have speaker labels (found lazily)
        self.in_prose = True  # is the current sentence prose (else page chrome, a menu, a headline)
        self.credit: tuple[int, Source] | None = None  # (end of the credited quotation, its source)
        self.memory: dict[str, Entity] = {}  # by id, most recent last
        self.prev: Source | None = None
        self.prev_paragraph = -1
        self.quote_open = False
        self.last_document_source: Entity | None = None

    # -- memory -----------------------------------------------------------------
    def _entity_from_def(self, d: SourceDef) -> Entity:
        kind = "person" if d.kind == "person" else ("group" if d.kind == "group" else "org")
        nouns = {n.lower() for n in d.nouns}
        gender = _gender_of_def(d.name, tuple(d.nouns)) if kind == "person" else None
        return Entity(d.id, d.name, kind, nouns, d.parent, d.country, tuple(self.registry.ancestors(d.id)), gender)

    @property
    def entities(self) -> list[Entity]:
        """What the document has introduced, most recent last."""
        return list(self.memory.values())

    def _remember(self, ent: Entity) -> Entity:
        memory = self.memory
        e = memory.pop(ent.id, None)
        if e is not None:
            e.nouns |= ent.nouns
            if self.in_prose:
                e.chrome = False
            memory[e.id] = e  # now the most recent
            return e
        ent.chrome = not self.in_prose
        memory[ent.id] = ent
        if len(memory) > MEMORY:
            del memory[next(iter(memory))]
        return ent

    def _remember_def(self, d: SourceDef) -> Entity:
        """Remember a registered source (without building an entity when it is known already)."""
        e = self.memory.pop(d.id, None)
        if e is None:
            return self._remember(self._entity_from_def(d))
        if self.in_prose:
            e.chrome = False
        self.memory[d.id] = e
        return e

    def _scan_mentions(self, text: str) -> None:
        """Remember people with titles and known organisations named in a sentence.

        Names met in a line that is not prose (no closing punctuation: page chrome such as
        "Trending: President Emmanuel Macron", menus, headlines) are remembered as chrome:
        pronouns never resolve to them, until the article names them in a sentence.
        """
        phrases = _CAPSEQ.findall(text)
        # every capital letter is in a phrase, and so is the rest of its word: a title word is
        # in the text if it is in the phrases; and a titled name (capitalised words, one of them
        # a title word) lies in one phrase, so only those with a title word are read for one
        if phrases and _TITLE_CUE_RE.search(" ".join(phrases)) is not None:
            for p in _CAPSEQ.finditer(text):
                if _TITLE_CUE_RE.search(p.group()) is None:
                    continue
                for m in _TITLE_NAME.finditer(text, p.start(), p.end()):
                    ent = self._resolve_name(m.group("name"), title=m.group("title"), nat=m.group("nat"))
                    if ent is not None:
                        self._remember(ent)
        find_in = self.registry.find_in
        for phrase in phrases:
            if len(phrase) < 2:
                continue
            d = find_in(phrase)
            if d is not None:
                self._remember_def(d)
            elif " " in phrase:
                person = _untitled_person(phrase)
                if person is not None:
                    self._remember(Entity(person[0], person[1], "person", set(), gender=person[2]))

    def _resolve_name(self, name: str, title: str | None = None, nat: str | None = None) -> Entity | None:
        words = name.split()
        if title is None and len(words) >= 2 and not ORG_WORDS.isdisjoint(name.lower().split()) and \
                not is_first_name(words[0]) and self.registry.lookup(name) is None:
            return Entity(slugify(name), name, "org", set())  # "Press Service of the General Staff"
        # "Prosecutor General Iryna Venediktova": strip leading title words
        while words and words[0].lower().strip(".") in TITLE_WORDS and len(words) > 1:
            title = f"{title} {words[0]}" if title else words[0]
            words = words[1:]
        if not words or all(w.lower() in ORG_WORDS for w in words):
            return None  # "the General Staff": a title word before an organisation's noun, no name
        clean = " ".join(words)
        d = self.registry.lookup(clean)
        nouns: set[str] = set()
        if title:
            t = title.lower()
            nouns |= {t, t.split()[-1]}
            if nat:
                nouns.add(f"{nat.lower()} {t}")
                nouns.add(f"{nat.lower()} {t.split()[-1]}")
        gender = gender_of_words(title.split()) if title else None
        if d is not None:
            ent = self._entity_from_def(d)
            ent.nouns |= nouns
            if gender and ent.kind == "person":
                ent.gender = gender
            return ent
        # a surname seen before in this document
        last = normalise(words[-1])
        for e in reversed(self.memory.values()):
            if e.kind == "person" and normalise(e.name.split()[-1]) == last:
                e.nouns |= nouns
                e.gender = e.gender or gender
                return e
        if title is None and len(words) < 2:
            return None
        if title is None and not is_first_name(words[0]) and any(
                w.lower() in ORG_WORDS for w in words):
            return Entity(slugify(clean), clean, "org", nouns)  # "Press Service of the General Staff"
        return Entity(slugify(clean), clean, "person", nouns, gender=gender or gender_of_name(clean))

    # -- resolution ---------------------------------------------------------------
    def _by_noun(self, noun_phrase: str) -> Entity | None:
        """'the ministry', 'The German chancellor', 'the office' -> the latest entity they fit."""
        key = noun_phrase.lower().strip()
        head = key.split()[-1] if key else ""
        for e in reversed(self.memory.values()):
            if key in e.nouns:
                return e
        for e in reversed(self.memory.values()):
            if head in e.nouns:
                return e
        return None

    def _resolve_phrase(self, phrase: str) -> tuple[str, str, str, str | None, str | None] | None:
        """Speaker phrase -> (id, name, kind, parent, country), using registry and memory."""
        words = phrase.replace("’", "'").split()
        lower = [w.lower() for w in words]
        if not words:
            return None
        # pronouns
        if len(words) == 1 and lower[0] in PRONOUNS:
            return self._resolve_pronoun(lower[0])
        # "a spokesman for the ministry" -> the ministry
        for i, w in enumerate(lower):
            if w in ("for", "of", "at") and i > 0 and lower[i - 1] in {
                "spokesman", "spokeswoman", "spokesperson", "official", "officials", "spokespeople",
                    "representative", "statement", "report", "update", "source", "sources"}:
                rest = " ".join(words[i + 1:])
                got = self._resolve_phrase(rest)
                if got is not None:
                    if got[2] == "person" and lower[i - 1] in _AIDE_NOUNS:
                        return self._aide_of(got, lower[i - 1])  # "a spokeswoman for the prime minister"
                    return got
        if len(lower) >= 2 and lower[-1] in _AIDE_NOUNS and lower[-2].endswith("'s"):
            # "Zelenskyy's spokesman said": the spokesman speaks, not the president
            got = self._resolve_phrase(" ".join(words[:-1]).removesuffix("'s"))
            if got is not None and got[2] == "person":
                return self._aide_of(got, lower[-1])
        d = self.registry.lookup(phrase)
        if d is None:
            group = self._qualified_group(words, lower)
            if group is not None:
                return group
            # the longest known part: "German Chancellor Olaf Scholz" -> olaf-scholz
            caps = [w for w in words if w[:1].isupper() or w.startswith("(")]
            if caps:
                d = self.registry.find_in(phrase)
                last = words[-1].removesuffix("'s")
                if d is not None and last[:1].isupper() and last.lower() not in SPEAKER_NOUNS and \
                        self.registry.vocabulary_misses(last):
                    d = None  # "The Kyiv Independent", "the Moscow Times": a place inside another name
        if d is not None:
            ent = self._entity_from_def(d)
            # "the UN" after "UN OHCHR" was named: the body named earlier, not its parent
            for e in reversed(self.memory.values()):
                if d.id in e.ancestors:
                    return self._as_tuple(self._remember(e))
            m = _titled_name(phrase)
            if m:
                t = m.group("title").lower()
                ent.nouns |= {t, t.split()[-1]}
            return self._as_tuple(self._remember(ent))
        if words[0][:1].isupper() and lower[0] in SPEAKER_NOUNS and not any(w[:1].isupper() for w in words[1:]):
            words = [lower[0], *words[1:]]  # "Officials said" at the start of a sentence: a common noun
        det = lower[0] in DETERMINERS
        content = [w for n, w in enumerate(lower)
                   if w not in DETERMINERS or n and lower[n - 1] == "of" and w in _NUMBER_WORDS]  # "mother of three"
        if not content:
            return None
        head = content[-1].removesuffix("'s")
        if head in DOCUMENT_NOUNS and det:
            # "the statement said": whoever issued the last statement, else the previous speaker
            owner = phrase_owner = None
            for i, w in enumerate(lower):
                if w.endswith("'s") and i < len(lower) - 1:
                    phrase_owner = " ".join(words[: i + 1])
            if phrase_owner:
                owner = self._resolve_phrase(phrase_owner)
                if owner:
                    return owner
            base = " ".join(content[:-1] + [head])
            e = self._by_noun(base) if base != head else None
            if e is None and self.last_document_source is not None:
                e = self.last_document_source
            if e is None and self.prev is not None:
                return (self.prev.id, self.prev.name, self.prev.kind or "org", self.prev.parent, self.prev.country)
            if e is not None:
                return self._as_tuple(e)
            # a document no one was named as issuing: the document itself ("the report stated")
            name = " ".join(content)
            return (slugify(name), ("the " if lower[0] == "the" else "") + name, "group", None, None)
        if det:
            e = self._by_noun(" ".join(content))
            if e is not None:
                return self._as_tuple(self._remember(e))
        caps = [w for w in words if w[:1].isupper() and w.lower() not in DETERMINERS]
        if caps:
            # "state news agency TASS", "the blogger channel Rybar": a descriptor, then the name
            i = len(words)
            while i > 0 and words[i - 1][:1].isupper():
                i -= 1
            if 0 < i < len(words) and words[i - 1].isalpha() and words[i - 1].islower() and \
                    lower[i - 1] not in _CONNECTOR_OR_DET and lower[i - 1] not in _FUNCTION_WORDS and \
                    lower[i - 1] not in _ADJUNCT_STARTS and (
                    lower[i - 1] in _DESCRIPTOR_NOUNS or len(words) - i == 1 or is_first_name(words[i])):
                got = self._resolve_phrase(" ".join(words[i:]))
                if got is not None:
                    return got
            # a person or organisation not in the registry
            m = _titled_name(phrase)
            if m:
                ent = self._resolve_name(m.group("name"), m.group("title"), m.group("nat"))
                if ent is not None:
                    return self._as_tuple(self._remember(ent))
            ent = self._resolve_name(" ".join(w for w in words if w.lower() not in DETERMINERS))
            if ent is not None and (" " in ent.name or ent.id in self.memory):
                return self._as_tuple(self._remember(ent))
            # a single capitalised word or an organisation name
            name = " ".join(words[1:] if det else words).strip("()")
            kind = "org"
            if name.split()[-1].lower() not in SPEAKER_NOUNS and len(name.split()) <= 3 and \
                    not any(w.isupper() for w in name.split()):
                # a surname mentioned earlier
                for e in reversed(self.memory.values()):
                    if e.kind == "person" and e.name.split()[-1] == name.split()[-1]:
                        return self._as_tuple(self._remember(e))
                kind = "person" if len(name.split()) >= 2 else "org"
            ent = Entity(slugify(name), name, kind, {head})
            ent.maybe_person = kind == "org" and " " not in name and name.lower() not in ORG_WORDS
            return self._as_tuple(self._remember(ent))
        # an unnamed group or person: "officials", "the leaders", "a spokesman"
        name = " ".join(content)
        if head in VOX_NOUNS:
            # "one woman", "a 74-year-old pensioner": a person, remembered for "she added"
            ent = self._remember(Entity(slugify(name), name, "person", {head}, gender=gender_of_words(content)))
            return (ent.id, ent.name, "person", None, None)
        return (slugify(name), ("the " if det and lower[0] == "the" else "") + name, "group", None, None)

    def _aide_of(self, principal: tuple, role: str) -> tuple:
        """An unnamed spokesperson or aide of a person: a source of its own, the person as parent."""
        name = f"{principal[1]}'s {role}"
        ent = self._remember(Entity(slugify(f"{principal[1]} {role}"), name, "person", {role},
                                    parent=principal[0], country=principal[4], gender=gender_of_words([role])))
        return (ent.id, ent.name, "person", principal[0], principal[4])

    def _qualified_group(self, words: list[str], lower: list[str]) -> tuple | None:
        """'Ukrainian officials', 'NATO diplomats', 'Russian forces': a group that keeps its qualifier.

        The qualifiers (nationalities, known organisations) are capitalised words before a
        plural group noun; the group's id is the whole phrase, so Ukrainian and Russian
        officials stay apart, and its parent and country come from a known qualifier.
        """
        if lower[-1] not in GROUP_HEADS or len(words) < 2:
            return None
        content = [(w, lw) for w, lw in zip(words, lower) if lw not in DETERMINERS]
        if len(content) < 2:
            return None
        quals = content[:-1]
        if not quals[0][0][:1].isupper() or any(
                not (w[:1].isupper() or lw in MODIFIERS) for w, lw in quals):
            return None
        name = " ".join(w for w, _ in content)
        if lower[0] == "the":
            name = "the " + name
        qual = " ".join(w for w, lw in quals if w[:1].isupper())
        d = self.registry.find_in(qual) if qual else None
        parent = country = None
        if d is not None:
            parent, country = d.id, d.country
        elif qual and NATIONALITY.match(qual.split()[0]):
            country = _COUNTRY_OF.get(qual.split()[0].lower())
        return (slugify(" ".join(w for w, _ in content)), name, "group", parent, country)

    def _resolve_pronoun(self, pronoun: str) -> tuple | None:
        """'he', 'she', 'it', 'they' -> the speaker still talking, else the nearest that fits.

        The speaker of the previous sentence keeps the floor ("Peskov said Putin ... He added"
        is Peskov's); gender from titles, person nouns and first names rules people out
        ("she said" is not the nearest man's); an unknown gender rules no one out.
        """
        want = PRONOUNS[pronoun]
        if want == "speaker":
            return None
        g = "f" if pronoun == "she" else "m" if pronoun == "he" else None
        person = want == "person"
        p = self.prev
        if p is not None:
            pe = self.memory.get(p.id)
            if pe is not None:
                kind, gender, maybe = pe.kind, pe.gender, pe.maybe_person
            else:
                kind = "person" if p.kind == "person" else "group" if p.kind == "group" else "org"
                gender, maybe = None, False
            if _fits(want, person, g, kind, gender, maybe, p.name):
                return (p.id, p.name, p.kind or "org", p.parent, p.country)
        for e in reversed(self.memory.values()):
            if not e.chrome and _fits(want, person, g, e.kind, e.gender, e.maybe_person):
                return self._as_tuple(e)
        return None

    def _as_tuple(self, e: Entity) -> tuple[str, str, str, str | None, str | None]:
        return (e.id, e.name, e.kind, e.parent, e.country)

    # -- speaker phrase boundaries -----------------------------------------------
    @staticmethod
    def _phrase_before(toks: Tokens, i: int) -> tuple[int, int] | None:
        """(first, last) token indices of the speaker phrase that ends just before token ``i``."""
        j = i - 1
        while j >= 0 and toks.low[j] in AUX:
            j -= 1
        # "The ministry on Tuesday said", "Trump yesterday told": skip the time adjunct
        while j > 0 and toks.low[j] in NOT_SPEAKERS:
            j -= 1
            if toks.low[j] in ("on", "last", "this", "early", "late") and j > 0:
                j -= 1
            while j >= 0 and toks.low[j] in AUX:
                j -= 1
            # "The report published Wednesday said": a reduced relative clause after the speaker
            if j > 0 and toks.low[j].endswith("ed") and toks.text[j].islower() and (
                    _is_cap(toks.text[j - 1]) or toks.low[j - 1] in SPEAKER_NOUNS):
                j -= 1
        if j < 0:
            return None
        if toks.text[j] == ",":
            return Attributor._appositive_before(toks, j) or Attributor._fronted_name(toks, j)
        if j >= 2 and toks.low[j - 1] == "of" and toks.low[j - 2] in PERSON_NOUNS and (
                toks.low[j] in _NUMBER_WORDS or toks.low[j].isdigit()):
            k = Attributor._np_start(toks, j - 2)  # "a mother of three told us"
            return (k, j) if k is not None else None
        k = Attributor._np_start(toks, j)
        return (k, j) if k is not None else None

    @staticmethod
    def _np_start(toks: Tokens, j: int) -> int | None:
        """First token of a speaker phrase whose head is token ``j``, or None if it is not one."""
        if toks.text[j] == "." and j > 0 and _is_cap(toks.text[j - 1]) and len(toks.text[j - 1]) <= 3:
            j -= 1  # "Joseph R. Biden Jr. warned"
        texts, lows = toks.text, toks.low
        head, low = texts[j], lows[j]
        if low in NOT_SPEAKERS or (j == 0 and low.endswith("ing") and head[:1].isupper()):
            return None  # "published Wednesday said", "Having announced that"
        if head in ("who", "which", "that", "whom"):
            return None  # "an official who asked": the verb belongs to a relative clause
        if low in PRONOUNS:
            if j > 0 and lows[j - 1] in _OBJECT_GAP:
                return None  # "the things he said", "what she said": the object of the verb, not a claim
            return j
        known_head = _is_cap(head) or low.removesuffix("'s") in SPEAKER_NOUNS
        loose = not known_head   # lower-case words before the head belong to the phrase
        if known_head and not _is_cap(head):
            # "The UN human rights monitoring mission said": so they do before a known noun when a
            # determiner or a possessive opens the phrase a few words before
            for back in range(1, 6):
                if j - back < 0:
                    break
                t, lw = texts[j - back], lows[j - back]
                if lw in DETERMINERS or lw.endswith(("'s", "’s")):
                    loose = back > 1
                    break
                if not (t.isalpha() or _is_cap(t)) or lw in CONNECTORS or lw in SPEECH_VERBS or lw in NOT_SPEAKERS:
                    break
        if not known_head:
            # "The GOP presidential candidate says", "O'Malley's campaign says": an unknown noun
            # is a speaker head only inside a phrase opened by a determiner or a possessive
            for back in range(1, 5):
                if j - back < 0:
                    return None
                t, lw = texts[j - back], lows[j - back]
                if lw in DETERMINERS or lw.endswith(("'s", "’s")):
                    break
                if not (t.isalpha() or _is_cap(t)) or lw in CONNECTORS or lw in SPEECH_VERBS:
                    return None
            else:
                return None
        k = j
        while k - 1 >= 0:
            t, lw = texts[k - 1], lows[k - 1]
            if _is_cap(t) and lw not in ("but", "and", "while", "as", "when", "after", "so", "because", "if"):
                k -= 1
                continue
            if t == "." and k - 2 >= 0 and _is_cap(texts[k - 2]) and len(texts[k - 2]) <= 3:
                k -= 1  # "Joseph R. Biden", "Sen. Warren": the dot of an initial or a title
                continue
            if lw in ("that", "this") and _is_cap(toks.text[k]) and k - 1 > 0:
                break  # "news today that Trump said": a complementizer before a name
            if lw in DETERMINERS:
                k -= 1
                # "Office of the UN ...": the determiner belongs to an inner phrase
                if k - 2 >= 0 and toks.low[k - 1] in ("of", "for") and _is_cap(toks.text[k - 2]):
                    k -= 1
                    continue
                break
            if lw in CONNECTORS and k - 2 >= 0 and (
                    _is_cap(toks.text[k - 2]) or toks.low[k - 2] in _SPEAKER_OR_MOD):
                # "Office of the UN", "spokesman for the ministry"
                k -= 1
                continue
            if lw in MODIFIERS or lw.endswith("'s") or lw.endswith("’s") or lw in SPEAKER_NOUNS or (
                    loose and t.isalpha() and lw not in SPEECH_VERBS):
                k -= 1
                continue
            break
        if toks.low[k] in ("and", "but") or not (_is_cap(toks.text[k]) or toks.low[k] in DETERMINERS or
                                                     toks.low[k] in PRONOUNS or k == j or
                                                     toks.low[k] in _SPEAKER_OR_MOD):
            return None
        if not known_head and k > 0 and toks.text[k - 1] not in ",;:“”\"'(" and toks.low[k - 1] not in (
                "and", "but", "that", "while", "as", "because", "when", "after", "so", "though", "although"):
            return None  # "toured the base and said": an object, not a subject
        return k

    @staticmethod
    def _before_relative_clause(toks: Tokens, i: int) -> tuple[int, int] | None:
        """'An official who asked not to be named said': the phrase before 'who'."""
        for w in range(i - 1, max(0, i - 14), -1):
            t = toks.text[w]
            if t in ",;:“”\"" or toks.low[w] in SPEECH_VERBS and w != i:
                return None
            if t == "who" and w > 0:
                k = Attributor._np_start(toks, w - 1)
                return (k, w - 1) if k is not None else None
        return None

    @staticmethod
    def _appositive_before(toks: Tokens, comma: int) -> tuple[int, int] | None:
        """'Peter Cook, a ministry spokesman, said' / 'Carter's press secretary, Peter Cook, said'."""
        for c in range(comma - 1, max(-1, comma - 16), -1):
            if toks.text[c] == ",":
                break
        else:
            return None
        if c < 1:
            return None
        inner = (c + 1, comma - 1)
        if inner[0] > inner[1]:
            return None
        inner_toks = toks.text[inner[0]:inner[1] + 1]
        outer_start = Attributor._np_start(toks, c - 1)
        if outer_start is None:
            if 2 <= len(inner_toks) <= 4 and all(map(_is_cap, inner_toks)) and is_first_name(inner_toks[0]):
                return inner  # "The author of the book, Mitchell Zuckoff, said"
            return None
        if outer_start > 0 and toks.text[outer_start - 1] not in ",;:“”\"'" and toks.low[outer_start - 1] not in (
                "and", "but", "while", "as", "that"):
            return None
        if all(map(_is_cap, inner_toks)) and len(inner_toks) <= 4:
            return inner  # the name is the appositive
        return (outer_start, c - 1)

    @staticmethod
    def _share_before(toks: Tokens, i: int) -> tuple[int, int] | None:
        """'26 percent said', 'About 4 in 10 say', 'most said', 'Thirty-one percent of those surveyed say':
        a share of the people polled, from the start of its clause."""
        j = Attributor._last_before(toks, i)
        if j < 0:
            return None
        k = j
        saw_share = False
        while k >= 0 and k > j - 12:
            lw = toks.low[k]
            if lw in _SHARE_WORDS or lw[:1].isdigit() or lw.endswith("%") or lw in _NUMBER_WORDS or \
                    "-" in lw and all(p in _NUMBER_WORDS or p in _SHARE_WORDS for p in lw.split("-")):
                saw_share = saw_share or lw not in ("of", "in", "about", "around", "nearly", "almost", "than",
                                                    "more", "less", "fewer", "just", "some", "only", "over", "under")
                k -= 1
                continue
            if lw in DETERMINERS or lw in SPEAKER_NOUNS or lw in ("those", "surveyed", "polled", "asked", "respondents",
                                                                  "questioned", "interviewed", "registered", "likely",
                                                                  "primary", "caucus", "voters", "americans") or \
                    _is_cap(toks.text[k]) and k > 0 and toks.low[k - 1] in ("of", "in"):
                k -= 1
                continue
            break
        start = k + 1
        if not saw_share or start > j:
            return None
        if start > 0 and toks.text[start - 1] not in ",;:—–" and toks.low[start - 1] not in (
                "and", "but", "while", "after", "whereas", "though", "although", "as", "since", "when"):
            return None
        if toks.low[start] in ("of", "in", "than"):
            return None
        return (start, j)

    @staticmethod
    def _descriptor_before_name(toks: Tokens, k: int) -> bool:
        """'pollster Frank Luntz', 'political consultant Chris Russell': lower-case words
        (at most three) describing the capitalised name that follows."""
        for m in range(k, min(len(toks.text), k + 4)):
            t, lw = toks.text[m], toks.low[m]
            if _is_cap(t):
                return m > k or False
            if not (t.isalpha() and t.islower()) or lw in _FUNCTION_WORDS or \
                    lw in _ADJUNCT_STARTS or lw in CONNECTORS or lw in DETERMINERS or lw in SPEECH_VERBS:
                return False
        return False

    @staticmethod
    def _fronted_name(toks: Tokens, comma: int) -> tuple[int, int] | None:
        """'Mike Shields, president of the Fund, a PAC allied with the leadership, said': the name
        that opens the sentence (or follows a quotation) before any number of appositives."""
        if toks.start[0] != 0 and not any(t in _QUOTE_CLOSE for t in toks.text[:comma]):
            return None  # neither the start of the sentence nor a quotation is in reach
        lo = max(0, comma - 45)
        for p in range(comma - 1, lo - 1, -1):
            t = toks.text[p]
            if t in _QUOTE_OPEN or t in _QUOTE_CLOSE or (toks.low[p] in SPEECH_VERBS and t.islower()):
                break
        else:
            p = lo - 1
        s = p + 1
        if s == 0 and toks.start[0] != 0:
            return None  # the tokens do not reach back to the start of the sentence
        if s == 0 and toks.low[0] in ("but", "and", "yet") and len(toks.text) > 1:
            s = 1
        elif s == 0 and len(toks.text) > 2 and toks.text[1] == "," and toks.text[0][:1].isupper() and (
                toks.low[0].endswith("ly") or toks.low[0] in _SENTENCE_ADVERBS):
            s = 2  # "Similarly, William J. Bennett, a Reagan education secretary, said"
        if s > 0 and toks.text[s - 1] == "," and s >= 2 and toks.text[s - 2] in _QUOTE_CLOSE:
            pass  # "'...,' Mr. Regalado, the mayor of Miami, said"
        elif s > 0 and not (toks.text[s - 1] in _QUOTE_CLOSE or (s == 1 and toks.low[0] in ("but", "and", "yet")) or
                            (s == 2 and toks.text[1] == ",")):
            return None
        e = s
        while e < comma and (_is_cap(toks.text[e]) or
                             (toks.low[e] in CONNECTORS and e + 1 < comma and _is_cap(toks.text[e + 1]))
                             or toks.text[e] == "." and e > s and len(toks.text[e - 1]) <= 4  # "Sen.", "J."
                             or toks.low[e] in TITLE_WORDS and e > s and e + 1 < comma and _is_cap(toks.text[e + 1])):
            e += 1  # "Former House speaker Newt Gingrich"
        if e == s or e >= comma or toks.text[e] != "," or e - s > 8:
            return None
        first = toks.text[s]
        nxt = toks.low[e + 1] if e + 1 < len(toks.text) else ""
        if not (e - s >= 2 and (is_first_name(first) or first.lower().strip(".") in TITLE_WORDS) or
                e - s == 1 and nxt in ("who", "whose") and first.lower() not in NOT_SPEAKERS):
            return None  # a lone name only before "who": "Weingarten, who has visited ..., said"
        return (s, e - 1)

    @staticmethod
    def _phrase_after(toks: Tokens, i: int) -> int | None:
        """Index after the last token of an inverted speaker phrase (``said the ministry``).

        Also a described speaker: ``said one woman``, ``said a 74-year-old pensioner in
        Kramatorsk``, ``said the head of the regional police, speaking by phone``, ``said a
        longtime adviser to the governor``: up to the head noun and its of/for/to phrase.
        """
        j = i + 1
        n = len(toks.text)
        if j >= n:
            return None
        k = j
        det = toks.low[k] in DETERMINERS
        if det:
            k += 1
        elif not _is_cap(toks.text[k]) and not Attributor._descriptor_before_name(toks, k):
            return None  # "said on Twitter": an adjunct, not "said the ministry"
        if not det and toks.low[k] in NOT_SPEAKERS:
            return None  # "said Sunday"
        start_content = k
        while k < n and (_is_cap(toks.text[k]) or toks.low[k] in _SPEAKER_OR_MOD or
                         (toks.low[k] in CONNECTORS and k + 1 < n and _is_cap(toks.text[k + 1])) or
                         (not det and Attributor._descriptor_before_name(toks, k))):
            k += 1  # "said Virginia delegate Beau Correll": a lower-case descriptor before a name
        if not det and k > start_content and k < n and toks.low[k] in _ADJUNCT_STARTS and _is_cap(toks.text[k - 1]):
            return k  # "said Trump in an interview", "said Syrskyi on Telegram"
        if k < n and toks.text[k] not in ",.;:!?" and det:
            # a described speaker: a few descriptive words up to a person noun
            h = None
            for m in range(start_content, min(n, start_content + 5)):
                lw = toks.low[m]
                if toks.text[m] in ",.;:!?“”\"" or lw in SPEECH_VERBS:
                    break
                if lw in SPEAKER_NOUNS:
                    h = m
            if h is None:
                return None
            k = h + 1
            if k < n and toks.low[k] in ("of", "for", "to", "at", "with") and k + 1 < n:
                m = k + 1
                while m < n and m < k + 7 and toks.text[m] not in ",.;:!?“”\"" and toks.low[m] not in (
                        "who", "which", "after", "before", "when", "while", "speaking", "as", "in", "on"):
                    m += 1
                if m < n and toks.text[m] in ",.;:!?" or m == n:
                    k = m
            return k
        if k == start_content:
            return None
        if k < n and toks.text[k] not in ",.;:!?":
            return None
        return k

    def _clause_subject(self, toks: Tokens, upto: int, qspans: list[tuple[int, int]],
                        from_start: bool = False) -> tuple[int, int] | None:
        """The subject phrase of the clause that contains token ``upto`` (for '... and said').

        With ``from_start`` the subject of the sentence's main clause (for '..., saying').
        """
        start = 0
        if from_start:
            upto = len(toks.text)
            if toks.text and toks.low[0] in ("in", "at", "on", "during", "after", "before", "speaking", "earlier",
                                          "later", "meanwhile", "however", "separately", "asked", "when"):
                for k, t in enumerate(toks.text[:14]):
                    if t == "," and not _inside(toks.start[k], qspans):
                        start = k + 1
                        break
        for k in range(upto - 1, -1, -1) if not from_start else ():
            if toks.text[k] in ",;:" and not _inside(toks.start[k], qspans):
                # skip leading adverbials: "At a joint press conference in Vilnius, the leaders ..."
                start = k + 1
                break
        # walk forward from clause start over the speaker phrase
        k = start
        n = upto
        if k < n and toks.low[k] in DETERMINERS:
            k += 1
        begin = start
        while k < n and (_is_cap(toks.text[k]) or toks.low[k] in _SPEAKER_OR_MOD or toks.low[k] in PRONOUNS
                         or (toks.low[k] in CONNECTORS and k + 1 < n and _is_cap(toks.text[k + 1]))):
            k += 1
            if toks.low[k - 1] in PRONOUNS:
                break
        if k == begin or (k == begin + 1 and toks.low[begin] in DETERMINERS):
            return None
        return begin, k

    # -- main -------------------------------------------------------------------
    def attribute(self, sent: SentenceIn) -> Source | None:
        """The source of one sentence (None for the publisher's own voice)."""
        text = sent.text
        tail = text.rstrip()[-1:]
        self.in_prose = tail in _PROSE_END
        if sent.paragraph != self.prev_paragraph:
            self.quote_open = False
            if text[:1].isupper() and ":" in text[:80]:
                turn = self._turn(sent)
                if turn is not None:
                    return self._done(sent, turn, text)
                m = section_label(text)
                if m is not None and self._is_section_label(m.group("label")):
                    # "Unconfirmed claims: Russian sources said ...": read what follows the label
                    cut = m.end()
                    sent = SentenceIn(text[cut:], sent.start + cut, sent.paragraph)
                    text = sent.text
        m = _DATELINE.match(text) if text[1:2].isupper() or "(" in text[:40] else None
        if m is not None:  # "WASHINGTON (Reuters) — ...", "PARIS, Aug 31 (AFP) - ...": not a speaker
            cut = m.end()
            sent = SentenceIn(text[cut:], sent.start + cut, sent.paragraph)
            text = sent.text
        if self.turn is not None:
            if self.turn.name.split()[-1] not in text:
                return self._done(sent, self._continued(self.turn), text)
            self.turn = None  # the speaker named in the third person: narration, the turn is over
        if self.text is not None and text[:1] in "“\"«–—":
            credited = self._credited(sent, text)
            if credited is not False:
                return self._done(sent, credited, text)
        elif self.credit is not None and sent.start < self.credit[0]:
            return self._done(sent, self._continued(self.credit[1]), text)
        qspans, open_at_end = _quote_mask(text)
        starts_in_quote = self.quote_open
        self.quote_open = open_at_end if not starts_in_quote else not any(
            ch in text for ch in "”»\"") or open_at_end
        src = None
        window = _cue_window(text, tail)
        if window is not None or "ccording to" in text or "reported by" in text:
            src = self._find(text, sent, qspans, window)
        prev = self.prev
        if src is None and prev is not None and sent.paragraph == self.prev_paragraph:
            stripped = text.lstrip()
            quoted = (stripped[:1] in "“\"«„‘'" or starts_in_quote) and prev.mode in (Mode.direct_quote, Mode.continued)
            # a further quoted sentence, or "Of those, 4,889 were killed": a breakdown of the figures the
            # previous sentence's source gave; the mention is that of the sentence continued
            if quoted or (stripped[:1] in "OoAa" and _PARTITIVE.match(stripped)):
                src = prev.model_copy(update={"mode": Mode.continued, "mention_start": None, "mention_end": None,
                                              "cue": None})
        self._scan_mentions(text)
        self.prev = src
        self.prev_paragraph = sent.paragraph
        return src

    def _done(self, sent: SentenceIn, src: Source | None, text: str) -> Source | None:
        self._scan_mentions(text)
        self.prev = src
        self.prev_paragraph = sent.paragraph
        return src

    @staticmethod
    def _continued(src: Source) -> Source:
        return src.model_copy(update={"mode": Mode.continued, "mention_start": None, "mention_end": None})

    # -- speakers named by layout ------------------------------------------------------
    def _turn(self, sent: SentenceIn) -> Source | None:
        """A transcript label opening the paragraph ("VLADIMIR PUTIN:", "Q:") starts a new turn."""
        text = sent.text
        m = caps_label(text) or title_label(text)
        if m is None:
            return None
        if self.transcript is None:
            self.transcript = self.text is not None and looks_like_transcript(self.text)
        if not self.transcript or len(text[m.end():].split()) < 2:
            return None  # a headline "Name: ..." or a list "Clinton: 1,769", not a turn
        label = m.group("label").strip()
        got = self._label_speaker(label, label.isupper() or len(label) == 1)
        if got is None:
            return None
        start = sent.start + m.start("label")
        self.turn = self._make(got, label, start, "transcript", Mode.direct_quote, label)
        return self.turn

    def _label_speaker(self, label: str, caps: bool) -> tuple | None:
        low = label.lower().rstrip(".")
        if low in TURN_LABELS:
            name = TURN_LABELS[low]
            return (slugify(name), name, "person", None, None)
        words = label.split()
        if words[0].lower() in DETERMINERS:
            return None  # "The Latest:"
        if caps:
            words = [w.lower() if w.lower() in _CONNECTOR_OR_DET else w.capitalize() for w in words]
        name = " ".join(words)
        d = self.registry.find_in(name)
        if d is not None and d.kind == "person":
            return self._as_tuple(self._remember(self._entity_from_def(d)))
        if any(w.lower().strip(".") in _LABEL_TITLES for w in words) or is_first_name(words[0]):
            if len(words) >= 2:
                m = _titled_name(name)
                ent = self._resolve_name(m.group("name"), m.group("title"), m.group("nat")) if m else None
                if ent is None:
                    ent = self._resolve_name(name)
                if ent is not None:
                    return self._as_tuple(self._remember(ent))
        return None

    def _is_section_label(self, label: str) -> bool:
        """'Unconfirmed claims', 'Key takeaways': a heading, not a speaker with a verb."""
        words = label.split()
        if any(w.lower() in SPEECH_VERBS and w.lower() not in NOUN_VERBS for w in words):
            return False  # "Zelensky said: ..."
        first = words[0]
        return not (is_first_name(first) or self.registry.find_in(label) is not None)

    def _credited(self, sent: SentenceIn, text: str) -> Source | None | bool:
        """A quotation followed by a dash credit gets the credit's source; False when there is none."""
        if is_credit_only(text):
            return None  # the credit line itself
        if self.credit is not None and sent.start < self.credit[0]:
            return self._continued(self.credit[1])
        doc = self.text
        stripped = text.rstrip()
        if stripped[-1:] in "”»\"" and len(stripped) > 1:
            # the quotation closes in this sentence: a credit can only follow it
            after = sent.start + len(stripped)
            if "–" not in doc[after:after + 4] and "—" not in doc[after:after + 4]:
                return False
        end = doc.find("\n\n", sent.start)
        if end < 0:
            end = len(doc)
        close = -1
        for ch in "”»\"":
            c = doc.find(ch, sent.start + 1, end)
            if c >= 0 and (close < 0 or c < close):
                close = c
        if close < 0:
            return False
        m = dash_credit(doc, close + 1)
        if m is None:
            return False
        phrase = m.group("credit").strip()
        got = self._resolve_phrase(phrase)
        if got is None:
            return False
        src = self._make(got, phrase, m.start("credit"), "–", Mode.direct_quote, phrase)
        self.credit = (m.end(), src)
        return src

    def _find(self, text: str, sent: SentenceIn, qspans: list[tuple[int, int]],
              window: tuple[int, int] | None) -> Source | None:
        low = text.lower()
        toks = _NO_TOKENS if window is None else _tokens(text, *window, low)
        # "According to X, ..." / "..., according to X." (the letters of "accord" and
        # "reported by" have no other case than their capitals, so the test on ``low`` is exact)
        for m in _ACCORDING.finditer(text) if "accord" in low or "reported by" in low else ():
            if _inside(m.start(), qspans):
                continue
            phrase_m = _WORDS_AFTER_ACCORDING.match(text, m.end())
            if not phrase_m:
                continue
            phrase, pstart = self._according_phrase(phrase_m.group(1)), phrase_m.start(1)
            if not phrase:
                continue
            got = self._resolve_phrase(phrase)
            if got is None:
                continue
            cue = "according to" if m.group()[0] in "aA" and m.group()[1] in "cC" else "as reported by"
            return self._make(got, text[pstart:pstart + len(phrase)], sent.start + pstart, cue,
                              Mode.according_to, phrase)
        candidates: list[tuple[int, int, int, int]] = []  # (priority, verb index, phrase start, phrase end)
        headline = None
        lows, n = toks.low, len(toks.text)
        for i in compress(count(), map(SPEECH_VERBS.__contains__, lows)):
            word, verb = toks.text[i], lows[i]
            if _inside(toks.start[i], qspans):
                continue
            if not word.islower():
                # "Glenn Beck Says Trump Poses A Threat": a headline in title case
                if i == 0 or verb not in _HEADLINE_CUES or not word[1:].islower():
                    continue
                if headline is None:
                    words = text.split()
                    headline = len(words) >= 4 and sum(w[:1].isupper() for w in words) >= 0.7 * len(words)
                if not headline:
                    continue
            if verb in PARTICIPLES:
                if i + 1 < n and lows[i + 1] in ("to", "up", "from"):
                    continue  # "adding to his victories", "writing from Kyiv"
                if i > 0 and toks.text[i - 1] == ",":
                    subj = self._clause_subject(toks, 0, qspans, from_start=True)
                    if subj is not None:
                        candidates.append((2, i, toks.start[subj[0]], toks.end[subj[1] - 1]))
                continue
            nxt = lows[i + 1] if i + 1 < n else ""
            if verb in _WIN_VERBS and nxt in _POSSESSIVE_DETS and (
                    lows[i + 2] if i + 2 < n else "") in _WINNINGS:
                continue  # "claimed a victory", "claiming 41 percent": winning, not saying
            if verb in _WIN_VERBS and nxt[:1].isdigit():
                continue
            if verb in ("reported", "reports", "reporting", "wrote", "writes") and nxt == "from":
                continue  # "Lerer reported from Los Angeles": a byline
            if verb in ("wrote", "writes", "write") and nxt in _POSSESSIVE_DETS:
                continue  # "wrote the letter", "writes a weekly column": writing, not a claim
            if verb in NOUN_VERBS and i > 0 and (lows[i - 1][:1].isdigit() or
                                                      lows[i - 1] in _NUMBER_WORDS | _QUANTIFIERS):
                continue  # "another eight states", "20 states", "many reports"
            if verb in NOUN_VERBS and nxt not in _OPENS_CLAUSE and not (i + 1 < n and _is_cap(toks.text[i + 1])):
                continue
            if verb in COGNITION_VERBS and (nxt not in _OPENS_CLAUSE or nxt in (",", "the", "a", "an")):
                continue  # "fears the worst", "expects a rise": an object, not a reported belief
            if verb in CLAUSE_ONLY_VERBS and nxt not in _STRICT_OPENERS:
                continue  # "continued offensive operations", "maintained positions": actions, not speech
            if verb in ("asked", "asks") and nxt in ("for", "about", "if", "whether"):
                continue  # a request or a question, not a reported claim
            if nxt == "by" or nxt == "to" and verb != "told" and (
                    verb in WEAK_VERBS or verb in CLAUSE_ONLY_VERBS or
                    (lows[i + 2] if i + 2 < n else "") in _AFTER_SAID_TO):
                continue  # "continued to", "is said to be", "was reported by": not a reporting cue here
            # passive "were reported", "it is estimated"
            if i > 0 and lows[i - 1] in ("was", "were", "been", "be", "being", "is", "are") and verb != "told":
                continue
            span = self._phrase_before(toks, i)
            if span is None:
                span = self._before_relative_clause(toks, i) or self._share_before(toks, i)
            if span is not None:
                candidates.append((0, i, toks.start[span[0]], toks.end[span[1]]))
                continue
            if i > 0 and lows[i - 1] in ("and", "but") and not _inside(toks.start[i - 1], qspans):
                subj = self._clause_subject(toks, i - 1, qspans)
                if subj is not None:
                    candidates.append((1, i, toks.start[subj[0]], toks.end[subj[1] - 1]))
                    continue
            if i > 0 and (toks.text[i - 1] in ",”\"’" or toks.text[i - 1] in _QUOTE_CLOSE):
                k2 = self._phrase_after(toks, i)
                if k2 is not None:
                    candidates.append((0, i, toks.start[i + 1], toks.end[k2 - 1]))
        # a plural noun that looks like a verb ("Cost estimates, he added") yields to a real verb
        if len(candidates) > 1:
            candidates.sort(key=lambda c: (c[0], toks.low[c[1]] in NOUN_VERBS, c[1]))
        for _prio, i, ps, pe in candidates:
            verb = toks.low[i]
            phrase = text[ps:pe]
            if verb in WEAK_VERBS and phrase.split()[-1].lower() in _WEAK_DOCUMENT_NOUNS:
                continue
            if verb in WEAK_VERBS and i + 1 < len(toks.text) and toks.low[i + 1] not in _STRICT_OPENERS and \
                    phrase.split()[-1].lower() in COMBATANTS:
                continue  # "Russian forces recorded marginal advances": troops act, they do not report
            got = self._resolve_phrase(phrase)
            if got is None:
                continue
            if verb in WEAK_VERBS and got[2] == "group" and not phrase[:1].isupper() and phrase.lower().split()[0] not in DETERMINERS:
                continue
            # content: the sentence minus the speaker and cue; quoted content makes a direct quote
            content_quoted = qspans and any(not (s >= ps and e <= pe) for s, e in qspans)
            mode = Mode.direct_quote if content_quoted else Mode.indirect
            after = text[toks.end[i]:toks.end[i] + 60]
            if _may_name_document(after) and _IN_DOCUMENT.search(after) or phrase.split()[-1].lower() in DOCUMENT_NOUNS:
                got_ent = self._entity_for(got)
                if got_ent is not None:
                    self.last_document_source = got_ent
            return self._make(got, phrase, sent.start + ps, toks.text[i].lower(), mode, phrase)
        return None

    @staticmethod
    def _last_before(toks: Tokens, i: int) -> int:
        j = i - 1
        while j >= 0 and toks.low[j] in AUX:
            j -= 1
        return j

    @staticmethod
    def _according_phrase(words: str) -> str:
        """The speaker phrase after 'according to', up to where the content starts."""
        out: list[str] = []
        split = words.split()
        for n, w in enumerate(split):
            bare = w.rstrip(",.;:")
            lw = bare.lower().replace("’", "'")
            if not out:
                out.append(bare)
                if bare != w:
                    break
                continue
            ok = (bare[:1].isupper() or bare.startswith("(") or lw in DETERMINERS and not out or lw in SPEAKER_NOUNS
                  or lw in MODIFIERS or lw.endswith("'s") or lw in CONNECTORS or
                  # "the national grid operator Ukrenergo": descriptive words before a name
                  bare == w and bare.isalpha() and bare.islower() and lw not in _FUNCTION_WORDS and
                  lw not in _ADJUNCT_STARTS and any(x[:1].isupper() for x in split[n + 1:n + 3]) and
                  all(x.rstrip(",.;:").isalpha() for x in split[n + 1:n + 2]))
            if not ok or bare[:1].isdigit():
                break
            out.append(bare)
            if bare != w:
                break
        while out and out[-1].lower() in CONNECTORS:
            out.pop()
        return " ".join(out)

    def _entity_for(self, got: tuple) -> Entity | None:
        return self.memory.get(got[0])

    def _make(self, got: tuple, mention: str, mstart: int, cue: str, mode: Mode, phrase: str) -> Source:
        sid, name, kind, parent, country = got
        d = self.registry.get(sid)
        if d is not None:
            kind, parent, country = d.kind, d.parent, d.country
        elif kind == "org":
            kind = "organisation"
        # the same few cues and mentions recur down a long document: one string each, not one a claim
        return _make_source({"id": sid, "name": name, "mention": intern(mention), "mention_start": mstart,
                             "mention_end": mstart + len(mention), "cue": intern(cue), "mode": mode, "kind": kind,
                             "parent": parent, "country": country})


# every field is given, already typed: skip validation when it is checked to give the same record
_make_source = trusted_builder(Source, {
    "id": "uk-mod", "name": "UK Ministry of Defence", "mention": "the ministry", "mention_start": 3,
    "mention_end": 15, "cue": "said", "mode": Mode.indirect, "kind": "organisation", "parent": None,
    "country": "GB"})


def attribute_sentences(sentences: list[SentenceIn], registry: Registry) -> list[Source | None]:
    """Attribute a document's sentences in order (convenience for tests and scripts)."""
    att = Attributor(registry)
    return [att.attribute(s) for s in sentences]
