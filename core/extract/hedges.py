"""Find epistemic hedges in one sentence: estimative words, epistemic modals, evidential verbs, hearsay.

``find_hedges(sentence, offset)`` returns :class:`claims.models.Hedge` records whose
``start``/``end`` are ``offset`` plus the index into the sentence, so that
``document[h.start:h.end] == h.cue``. Probability ranges (``low``/``high``/``scale``)
are left ``None`` here; :mod:`claims.scales` maps a cue to a range on a scale.

A hedge is a word or phrase telling the reader that the claim is not asserted as an
established fact because it is

* an estimate (kind ``estimative``): ``likely``, ``probably``, ``almost certainly``,
  ``realistic possibility``, ``unlikely``, ``not likely`` (``negated``), ``we assess``,
  or a belief held by a named or pronoun subject (``analysts believe``, ``we think``);
* a possibility (kind ``modal``): epistemic ``may``, ``might``, ``could``;
* an inference from evidence (kind ``evidential``): ``suggest``, ``indicate``,
  ``appears to``, ``seems``, ``points to``, ``apparently``, ``an apparent suicide``;
* hearsay or belief of unnamed others (kind ``hearsay``): ``reportedly``,
  ``allegedly``, ``is believed to``, ``is said to``, ``is widely considered``,
  ``sources said``, ``unconfirmed reports``, ``accused of``.

Not hedges: conditionals (a cue inside an ``if``/``unless``/``whether`` clause),
questions, ``would``, ``can``, ``will``, ``could not`` (past inability), ``May``
the month or a name, attributive ``the likely winner``, ``as soon as possible``,
``no doubt``, the adjective ``potential`` (``potential buyers``).

Speed: the sentence is lower-cased once and scanned by one precompiled
prefix-factored (trie) regular expression, which is also the pre-check; the context
rules only run on the few matches. Standard library only.
"""

from __future__ import annotations

import re

from claims.models import Hedge, trusted_builder
from claims.patterns import trie_regex
from ..patterns import compile_pattern

__all__ = ["find_hedges", "LEXICON", "KINDS"]

KINDS = ("estimative", "modal", "evidential", "hearsay")
_E, _M, _V, _H = KINDS

# ---------------------------------------------------------------------------
# Lexicon: surface form (lower case, single spaces, ' for apostrophes) -> (kind, rule).
# The rule names a context check in _check(); it may also change the kind
# (active 'analysts believe' is estimative, passive 'is believed' is hearsay).
# ---------------------------------------------------------------------------

LEXICON: dict[str, tuple[str, str]] = {}


def _add(kind: str, rule: str, *forms: str) -> None:
    for f in forms:
        LEXICON[f] = (kind, rule)


# estimative: adverbs, adjectives and fixed phrases ('neg': a preceding 'not' negates)
_add(_E, "possibly", "possibly")
_add(_E, "neg", "probably", "perhaps", "maybe", "presumably", "plausibly",
     "conceivably", "potentially", "almost certainly", "almost certain", "nearly certain",
     "nearly certainly", "virtually certain", "virtually certainly", "highly likely",
     "very likely", "highly unlikely", "very unlikely", "more likely than not",
     "in all likelihood", "in all probability", "realistic possibility", "real possibility",
     "distinct possibility", "strong possibility", "serious possibility", "remote possibility",
     "remote chance", "roughly even chance", "roughly even odds", "even chance",
     "almost no chance", "little chance", "good chance", "slim chance", "fair chance",
     "better than even", "chances are", "it is possible that", "it is likely that",
     "it's possible that", "it's likely that", "it was likely that", "it was possible that",
     "we assess", "we judge", "we estimate", "we believe", "we think", "we doubt", "doubtful",
     "uncertain", "unclear", "not clear", "not certain", "not sure", "far from clear",
     "improbable", "highly improbable",
     "highly probable", "possibility", "possibilities")
_add(_E, "plain", "probably not", "belief that", "beliefs that", "the idea that", "the view that",
     "the notion that", "the assumption that", "the perception that", "the theory that",
     "the hypothesis that", "fear that", "fears that", "feared that", "fearing that",
     "assume that", "assumes that", "assumed that", "assuming that", "suspect that",
     "suspects that", "suspecting that", "presume that", "presumes that", "think that",
     "thinks that", "thinking that", "believe that", "believes that", "believing that",
     "guess that", "suppose that", "supposes that", "reckon that", "reckons that",
     "speculate that", "speculated that", "hypothesize that", "hypothesized that",
     "hypothesised that", "theorized that", "theorised that", "hypothetically")
_add(_E, "known", "not known")
_add(_E, "attr", "likely", "unlikely", "probable", "most likely")
_add(_E, "possible", "possible")
_add(_E, "doubt", "doubt", "doubts", "doubted")
_add(_E, "believe", "believe", "believes", "believing")
_add(_E, "think", "think", "thinks")
_add(_E, "expect", "expect", "expects")
_add(_E, "consider", "consider", "considers")
_add(_E, "see_as", "see", "sees", "view", "views")
# modal verbs
_add(_M, "may", "may")
_add(_M, "might", "might")
_add(_M, "could", "could")
# evidential
_add(_V, "suggest", "suggest", "suggests", "suggested", "suggesting")
_add(_V, "plain", "indicate", "indicates", "indicated", "indicating", "apparently", "seemingly",
     "appear to", "appears to", "appeared to", "appearing to", "it appears", "it appeared",
     "appear that", "appears that", "appeared that", "imply", "implies", "implied", "implying",
     "seem", "seems", "seemed", "seeming")
_add(_V, "point", "point to", "points to", "pointed to", "pointing to")
_add(_V, "apparent", "apparent")
# hearsay
_add(_H, "plain", "reportedly", "allegedly", "purportedly", "supposedly", "reputedly",
     "alleged", "alleges", "allege", "alleging", "allegation", "allegations", "purported",
     "putative", "rumoured", "rumored", "rumour", "rumor", "rumours", "rumors",
     "unconfirmed reports", "unconfirmed", "according to unconfirmed reports",
     "sources said", "sources say", "sources says", "sources told", "source said",
     "sources close to", "sources familiar with", "people familiar with",
     "believed to", "thought to", "it is believed", "it is thought", "it is understood",
     "it is said", "it is alleged", "it is rumoured", "it is rumored", "it is feared",
     "it is suspected", "feared dead", "speculated", "speculation", "speculate", "speculates",
     "accusation", "accusations", "regarded as")
_add(_H, "passive", "said to", "understood to", "reported to", "assumed", "presumed",
     "feared", "supposed")
_add(_H, "believed", "believed")
_add(_H, "thought", "thought")
_add(_H, "considered", "considered")
_add(_H, "regarded", "regarded")
_add(_H, "seen_as", "seen", "viewed")
_add(_H, "expected", "expected")
_add(_H, "suspected", "suspected")
_add(_H, "accused", "accused", "accuses", "accuse", "accusing")


def _cue_char(ch: str) -> str:
    """Lexicon characters as patterns: any run of spaces, either apostrophe."""
    return r"\s+" if ch == " " else ("['\u2019]" if ch == "'" else re.escape(ch))


# The scan runs over " " + lower(sentence). Starting the pattern with a consumed
# non-word character (instead of \b) lets ``re`` skip ahead with a character-set
# test in C, about twice as fast; group 1 is the cue.
_CUE_RE = compile_pattern(r"[^a-z0-9_](" + trie_regex(LEXICON, _cue_char) + r")\b")
_SPACE_RE = compile_pattern(r"\s+")

# ---------------------------------------------------------------------------
# Context (everything runs on the lower-cased sentence)
# ---------------------------------------------------------------------------


def _words(s: str) -> frozenset[str]:
    return frozenset(s.split())


_DETERMINERS = _words("the a an his her its their our my your this that these those whose "
                      "each every any no another")
_BE = _words("is are was were be been being am 's isn't aren't wasn't weren't")
_BE_ADVERBS = _words(
    "widely generally commonly often sometimes still now also long once previously originally "
    "traditionally largely mostly popularly reportedly initially frequently usually variously "
    "falsely wrongly erroneously mistakenly not never always already first further "
    "increasingly universally broadly locally internationally incorrectly rightly formerly "
    "later today historically officially privately publicly strongly firmly")
# 'widely considered', 'long thought': passive participles without 'be'
_DOX_ADVERBS = _words(
    "widely generally commonly popularly traditionally long once formerly variously "
    "universally broadly falsely wrongly mistakenly erroneously incorrectly historically often "
    "sometimes usually currently frequently")
# subjects of an active belief verb: pronouns, quantifiers, people who hold views
_SUBJECTS = _words(
    "i we you they he she who some many most others several few people critics experts "
    "analysts economists officials scholars historians scientists researchers observers fans "
    "investigators police authorities diplomats commentators residents locals witnesses "
    "doctors supporters opponents officers sources intelligence militaries governments "
    "forecasters traders dealers bankers members voters commanders")
_QUANTIFIERS = _words("many some most few several other")
_SUBJECT_ADVERBS = _words("also still now firmly strongly really genuinely generally widely "
                          "long increasingly privately do does did therefore")
_OBJ_PRONOUNS = _words("him her them it himself herself themselves itself this that these "
                       "those us me myself ourselves")
_MONTH_PREPS = _words("in since of until till during early late mid from through by before "
                      "after last next this throughout between on")
_NOT_BARE_VERB = _words(
    "was were had did saw came went brought began fell rose took gave made got found left "
    "became grew won lost held met ran set sent spent stood told thought knew put cut hit led "
    "paid said sold built kept bought caught drew drove flew forgot heard meant read rode shot "
    "shut sang sat slept spoke stole struck swore tore threw wore wrote also and or but the a an "
    "of in on at to for with as is will would can could should must shall might may has have")
_NOUN_MIGHT_PREV = _words(
    "the its his her their our your my all military economic naval air nuclear industrial "
    "financial full sheer great american russian soviet chinese western german british "
    "imperial mighty main")
_ABILITY_VERBS = _words("see hear feel smell taste remember recall understand speak read afford")
_COULD_PURPOSE_PREV2 = _words("so before until till wish best all what where how when as than "
                              "whatever wherever whenever hardly barely")
_COULD_NEG_NEXT = _words("not never hardly barely scarcely only no n't")
_CONSIDER_REJECT = _words(
    "for in at when with during under on but and or whether how what again carefully "
    "separately together seriously briefly here there running leaving making taking whereas "
    "while if then before after jointly further individually closely favourably favorably "
    "sufficient")
_QUOTES = frozenset("\"'\u2018\u2019\u201c\u201d")
_POINT_REJECT = _words("the a an this that one each every same game match set from starting "
                       "turning breaking high low vantage focal percentage basis pct")
_APPARENT_REJECT = _words("is are was were be been being became become becomes becoming readily "
                          "immediately quickly soon already heir more less made make clearly "
                          "increasingly no fully all")

_NEXT_TOKEN_RE = compile_pattern(r"\s*(\w[\w'\u2019-]*|\S)")
_NEGATOR_RE = compile_pattern(
    r"(?:\b(?:not|never|hardly|scarcely)|\b\w+n['\u2019]t)"
    r"(?:\s+(?:be|been|being|very|so|all\s+that|particularly|that|too|as|entirely|terribly|"
    r"especially|widely|generally))?\s+$"
)
_CLAUSE_BREAK_RE = compile_pattern(
    r"[,;:()\u2014\u2013\"\u201c\u201d]|\s-\s|\bbut\b|\band\b(?=\s+(?:the|it|they|he|she|we|i)\b)"
)
_CONDITIONAL_RE = compile_pattern(r"\b(?:if|unless|whether|wether|provided\s+that|in\s+case)\b")
_SENT_END_RE = compile_pattern(r"[.!?]")
_AS_LATER_RE = compile_pattern(r"[^,;:.!?()\"\u201c\u201d]{0,50}?\bas\b")
_OF_LATER_RE = compile_pattern(r"[^,;:.!?()\"\u201c\u201d]{0,50}?\bof\b")
_AS_OR_TO_BE_LATER_RE = compile_pattern(r"[^,;:.!?()\"\u201c\u201d]{0,50}?\b(?:as|to\s+be|to\s+have)\b")
_POSSIBLE_BEFORE_RE = compile_pattern(
    r"(?:\bas\s+(?:[\w'-]+\s+){1,6}as|\b(?:where|wherever|if|when|whenever|whatever|everything|"
    r"anything|all|every|best|worst|highest|lowest|greatest|largest|smallest|fastest|earliest|"
    r"latest|biggest|strongest|widest|longest|shortest|soonest|least|most|quickest|broadest|"
    r"fullest|closest|nearest|maximum|minimum|only|not|im|any|other|alternative|total|one|"
    r"another|various|several|many|different|two|three|four|five|six|seven|eight|nine|ten|"
    r"\d+|and|or)"
    r"|\b(?:make|makes|made|making)\s+(?:it\s+|this\s+|that\s+|them\s+)?)\s*$"
)
_POSSIBLE_REJECT_NEXT = _words("to for at in on with through using via from by without there "
                               "here only under within reserves")
_SUGGEST_PROPOSAL_RE = compile_pattern(r"\s+(?:that\s+)?[\w'\u2019 ,-]{0,60}?\bshould\b")
_QUOTE_PREFIX_RE = compile_pattern(r"[\s\"'\u2018\u201c(\[-]*$")


_PUNCT = "\"'\u2018\u2019\u201c\u201d()[]{},.;:!?-\u2013\u2014/*"


def _prev_words(low: str, pos: int) -> tuple[str, str]:
    """The two words before ``pos`` (punctuation stripped), nearest last: (p2, p1)."""
    toks = low[max(0, pos - 60):pos].split()
    p1 = ""
    for i in range(len(toks) - 1, -1, -1):
        tok = toks[i].strip(_PUNCT)
        if tok:
            if p1:
                return tok, p1
            p1 = tok
    return "", p1


def _word_before(low: str, pos: int) -> str:
    return _prev_words(low, pos)[1]


def _two_before(low: str, pos: int) -> tuple[str, str]:
    return _prev_words(low, pos)


def _next_token(low: str, pos: int) -> str:
    m = _NEXT_TOKEN_RE.match(low, pos)
    return m.group(1) if m else ""


def _next_two(low: str, pos: int) -> tuple[str, str]:
    m = _NEXT_TOKEN_RE.match(low, pos)
    if not m:
        return "", ""
    m2 = _NEXT_TOKEN_RE.match(low, m.end())
    return m.group(1), (m2.group(1) if m2 else "")


def _clause_start(low: str, pos: int) -> int:
    """Start of the clause holding ``pos``: after the last comma, semicolon, dash, quote..."""
    start = max(0, pos - 200)
    for m in _CLAUSE_BREAK_RE.finditer(low, start, pos):
        start = m.end()
    return start


def _in_question(low: str, end: int) -> bool:
    if "?" not in low:
        return False
    m = _SENT_END_RE.search(low, end)
    return m is not None and m.group() == "?"


_IF_CLAUSE_WORDS = 6
_CONDITIONAL_WORDS = ("if", "unless", "whether", "wether", "provided", "in case")


def _in_conditional(low: str, start: int) -> bool:
    lo = max(0, start - 200)
    for w in _CONDITIONAL_WORDS:
        if low.find(w, lo, start) >= 0:
            break
    else:
        return False
    m = None
    for m in _CONDITIONAL_RE.finditer(low, _clause_start(low, start), start):
        pass
    if m is None:
        return False
    # 'If viewers miss the laugh track they may switch': without a comma the if-clause
    # is taken to end after _IF_CLAUSE_WORDS words; a cue further on is in the main clause.
    return low.count(" ", m.end(), start) <= _IF_CLAUSE_WORDS


def _passive(low: str, start: int) -> bool:
    """``is believed``, ``was widely considered``, ``widely regarded``, ``, thought ...``."""
    p2, p1 = _two_before(low, start)
    p1 = p1.replace("\u2019", "'")
    return p1 in _BE or (p1 in _BE_ADVERBS and p2 in _BE) or p1 in _DOX_ADVERBS


def _after_comma(low: str, start: int) -> bool:
    """A reduced relative clause: ``the man, believed to be ...``."""
    return low[max(0, start - 3):start].rstrip().endswith((",", "(", "\u2014", "-"))


def _has_subject(low: str, start: int) -> bool:
    """``analysts believe``, ``we still think``, ``many cosmologists thought``."""
    p2, p1 = _two_before(low, start)
    if p1 in _SUBJECTS or p2 in _QUANTIFIERS:
        return True
    return p2 in _SUBJECTS and (p1 in _SUBJECT_ADVERBS or p1 == "not" or p1.endswith(("n't", "n\u2019t")))


def _attributive(low: str, start: int, end: int) -> bool:
    """``the likely winner``: a determiner before and a word (not to/that/than) after."""
    if _word_before(low, start) not in _DETERMINERS:
        return False
    nxt = _next_token(low, end)
    return bool(nxt) and nxt[0].isalpha() and nxt not in ("to", "that", "than", "and", "or", "but")


def _month_may(text: str, low: str, start: int, end: int) -> bool:
    """True when ``may``/``May``/``MAY`` at [start:end] is the month or a name, not the modal."""
    surface = text[start:end]
    nxt = _next_token(low, end)
    if nxt[:1].isdigit() or nxt == "day":
        return True
    prev = _word_before(low, start)
    if surface == "may":
        return prev in ("in", "since", "during", "until", "early", "late", "mid", "mid-")
    if surface == "MAY":
        return prev in _MONTH_PREPS
    # Capitalised 'May': a modal only at the start of the sentence before a bare verb.
    if not _QUOTE_PREFIX_RE.match(text, 0, start):
        return True
    m = _NEXT_TOKEN_RE.match(text, end)
    if not m:
        return True
    word = m.group(1)
    if not word[:1].islower() or word in _NOT_BARE_VERB or word.endswith("ed"):
        return True
    return word.endswith("s") and not word.endswith(("ss", "us"))


def _check(rule: str, kind: str, text: str, low: str, start: int, end: int) -> str | None:
    """The kind of the hedge when the cue at [start:end] is one in context, else None."""
    if rule in ("plain", "neg"):
        return kind
    if rule == "attr":
        if low.startswith(("probable cause", "probable reserves"), start):
            return None
        if _attributive(low, start, end):
            return None
        if low.startswith("likely", start) and _word_before(low, start) in ("more", "less"):
            # comparative 'made war more likely': a statement about causes, not a hedge
            if _next_token(low, end) not in ("to", "that"):
                return None
        return kind
    if rule == "possible":
        if _POSSIBLE_BEFORE_RE.search(low, max(0, start - 60), start):
            return None
        if _NEGATOR_RE.search(low, max(0, start - 40), start):
            return None  # 'not possible': a statement of impossibility, not a hedge
        return None if _next_token(low, end) in _POSSIBLE_REJECT_NEXT else kind
    if rule == "possibly":
        # 'could not possibly': a statement of impossibility, not a hedge
        return None if _NEGATOR_RE.search(low, max(0, start - 40), start) else kind
    if rule == "may":
        return None if _month_may(text, low, start, end) else kind
    if rule == "might":
        if _word_before(low, start) in _NOUN_MIGHT_PREV:
            return None
        return None if _next_token(low, end) in ("of", "and", ".", ",", ";", "") else kind
    if rule == "could":
        nxt, nxt2 = _next_two(low, end)
        if nxt in _COULD_NEG_NEXT or nxt in _ABILITY_VERBS or nxt.startswith("n't"):
            return None
        if nxt in ("also", "still", "then", "now", "only") and nxt2 in _ABILITY_VERBS:
            return None
        p2, p1 = _two_before(low, start)
        if p2 in _COULD_PURPOSE_PREV2 or p1 in ("than", "so", "as"):
            return None
        return kind
    if rule == "passive":
        return kind if _passive(low, start) else None
    if rule == "believed":
        if _next_token(low, end) == "in":
            return None
        if _passive(low, start) or _after_comma(low, start):
            return _H
        return _E
    if rule == "thought":
        if _passive(low, start):
            return _H
        if _has_subject(low, start) and _next_token(low, end) not in ("of", "about", "so", "process"):
            return _E
        return None
    if rule == "considered":
        nxt = _next_token(low, end)
        if nxt in _CONSIDER_REJECT or (not nxt[:1].isalnum() and nxt not in _QUOTES):
            return None
        if nxt in ("to", "as", "by", "one", "among") or _passive(low, start):
            return _H
        if nxt in _OBJ_PRONOUNS or _AS_OR_TO_BE_LATER_RE.match(low, end):
            return _E
        return None
    if rule == "consider":
        if not _has_subject(low, start):
            return None
        nxt = _next_token(low, end)
        if nxt in _CONSIDER_REJECT or nxt.endswith("ing") or not nxt[:1].isalnum():
            return None
        return kind
    if rule == "regarded":
        if _next_token(low, end) == "with":
            return None
        if _passive(low, start) or _after_comma(low, start):
            return _H
        return _E if _AS_LATER_RE.match(low, end) else None
    if rule == "seen_as":
        if not _AS_LATER_RE.match(low, end):
            return None
        if _passive(low, start) or _after_comma(low, start):
            return _H
        return None
    if rule == "see_as":
        if _has_subject(low, start) or _word_before(low, start) == "what":
            return kind if _AS_LATER_RE.match(low, end) else None
        return None
    if rule == "expected":
        nxt = _next_token(low, end)
        if _passive(low, start) and nxt in ("to", "that", "by"):
            return _H
        if _word_before(low, start) in ("widely", "generally", "long"):
            return _H
        return None
    if rule == "expect":
        return kind if _has_subject(low, start) and _next_token(low, end) not in ("it", "nothing") else None
    if rule == "suspected":
        nxt = _next_token(low, end)
        if nxt in ("of", "to", "that") or _passive(low, start):
            return kind
        return None
    if rule == "accused":
        if _word_before(low, start) in _DETERMINERS:
            return None
        return kind if _OF_LATER_RE.match(low, end) or _passive(low, start) else None
    if rule == "believe":
        nxt = _next_token(low, end)
        if nxt in ("in", "me", "you", "it", "him", "her", "them", "his", "their", "my", "your", "our"):
            return None
        return None if _word_before(low, start) in ("hard", "difficult", "you", "reason") else kind
    if rule == "think":
        if not _has_subject(low, start):
            return None
        nxt = _next_token(low, end)
        return None if nxt in ("about", "of", "tank", "tanks", "so", "twice", "back", "again") else kind
    if rule == "point":
        prev = _word_before(low, start)
        if prev in _POINT_REJECT or prev[:1].isdigit() or _next_token(low, end)[:1].isdigit():
            return None  # 'from this point to', 'up 4.6 percentage points to 62'
        return kind
    if rule == "apparent":
        if _word_before(low, start) in _APPARENT_REJECT:
            return None
        return None if _next_token(low, end) in ("that", "in", "from", "when", "to", "for") else kind
    if rule == "doubt":
        return None if _word_before(low, start) in ("no", "without", "beyond", "little", "never") else kind
    if rule == "suggest":
        # the proposal sense: 'she suggested that the council should ...'
        return None if _SUGGEST_PROPOSAL_RE.match(low, end) else kind
    if rule == "known":
        return None if _next_token(low, end) in ("for", "as", "to", "by") else kind
    return kind


_NEGATABLE = frozenset(("neg", "attr", "possible", "passive", "believed", "expected"))
# the fields a hedge is found with (its range and scale are the hedge checker's to fill)
# every field given: the records share one fields set (a set of its own cost ~200 bytes a hedge)
_hedge = trusted_builder(Hedge, {"cue": "likely", "start": 3, "end": 9, "kind": _E, "negated": True, "low": None,
                                 "high": None, "scale": None})


def find_hedges(text: str, offset: int = 0) -> list[Hedge]:
    """Hedges in one sentence, with document offsets (``offset`` + index into ``text``)."""
    if not text:
        return []
    low = text.lower()
    if len(low) != len(text):  # a few characters ('İ') grow when lower-cased: keep them
        low = "".join(ch if len(ch.lower()) != 1 else ch.lower() for ch in text)
    scan = " " + low
    out: list[Hedge] = []
    last_end = 0
    for m in _CUE_RE.finditer(scan):
        start, end = m.start(1) - 1, m.end(1) - 1
        before = scan[start]  # the character before the cue (scan is shifted by one)
        if before.isalnum() or (before == "-" and scan[start - 1:start].isalpha()):
            continue  # inside a word ('drill-indicated', a non-ASCII letter before)
        key = m.group(1)
        if key not in LEXICON:   # only a cue as listed needs no normalising
            key = _SPACE_RE.sub(" ", key).replace("\u2019", "'")
        kind, rule = LEXICON[key]
        found = _check(rule, kind, text, low, start, end)
        if found is None or _in_question(low, end) or _in_conditional(low, start):
            continue
        negated = key == "probably not"
        if rule in _NEGATABLE:
            neg = _NEGATOR_RE.search(low, max(last_end, start - 40), start)
            if neg is not None:
                negated = True
                start = neg.start()
        out.append(_hedge({"cue": text[start:end], "start": offset + start, "end": offset + end, "kind": found,
                           "negated": negated, "low": None, "high": None, "scale": None}))
        last_end = end
    return out
