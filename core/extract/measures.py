"""What a figure counts: the counted thing and the event, as one measure key.

Used by :mod:`claims.extract.quantities` (the words around each number) and from
outside: a table reader passes a column header to :func:`measure_of`
(``"Tanks"`` -> ``tanks``, ``"Personnel losses"`` -> ``personnel.lost``,
``"Drones shot down"`` -> ``drones.shot_down``).

A measure key is ``thing.event`` (``drones.launched``, ``soldiers.killed``,
``civilians.casualties``), or only one of the two (``killed``, ``tanks``). The
military events of air-defence reports are kept apart, because they are parts of
one whole: of the drones *launched*, some were *shot_down*, some *suppressed*
(electronic warfare, "locally lost") and some *hit* targets. ``neutralised`` is
the sum of the first two and never one of the parts.
"""

from __future__ import annotations

import functools
import re

from ..patterns import compile_pattern, trie_regex

__all__ = ["MILITARY_EVENTS", "OUTCOMES", "THINGS", "measure_of", "event_before", "event_after", "thing_of"]

#: Event phrases (lower case, as written) -> event key.
MILITARY_EVENTS: dict[str, str] = {
    "launched": "launched", "fired": "launched", "attacked with": "launched", "used": "launched",
    "sent": "launched", "deployed": "launched", "released": "launched",
    "shot down": "shot_down", "downed": "shot_down", "shot-down": "shot_down",
    "intercepted": "intercepted", "destroyed": "destroyed", "neutralised": "neutralised",
    "neutralized": "neutralised", "eliminated": "destroyed", "liquidated": "killed",
    "suppressed": "suppressed", "jammed": "suppressed", "locally lost": "suppressed",
    "lost in location": "suppressed", "lost from radar": "suppressed",
    "hit": "hit", "struck": "hit", "reached their targets": "hit", "reached": "hit",
    "lost": "lost", "damaged": "damaged",
}
#: Outcomes of one launch that exclude each other: their sum cannot exceed the launched.
OUTCOMES = frozenset(["shot_down", "intercepted", "destroyed", "suppressed", "hit"])
#: Aggregate outcomes: a sum of some of the outcomes above (never added to them).
AGGREGATES = {"neutralised": ("shot_down", "intercepted", "destroyed", "suppressed")}

#: Counted things of military reporting: surface (lower case) -> key.
THINGS: dict[str, str] = {
    "drones": "drones", "drone": "drones", "uavs": "drones", "uav": "drones", "shaheds": "drones",
    "shahed": "drones", "geran": "drones", "decoys": "decoys", "decoy": "decoys",
    "missiles": "missiles", "missile": "missiles", "rockets": "rockets", "rocket": "rockets",
    "shells": "shells", "bombs": "bombs", "bomb": "bombs", "glide bombs": "bombs",
    "aircraft": "aircraft", "planes": "aircraft", "jets": "aircraft", "helicopters": "helicopters",
    "tanks": "tanks", "tank": "tanks", "vehicles": "vehicles", "apvs": "vehicles", "apcs": "vehicles",
    "armoured vehicles": "armoured_vehicles", "armored vehicles": "armoured_vehicles",
    "armoured combat vehicles": "armoured_vehicles", "armored combat vehicles": "armoured_vehicles",
    "artillery systems": "artillery", "artillery": "artillery", "mlrs": "mlrs",
    "air defence systems": "air_defence", "air defense systems": "air_defence",
    "warships": "ships", "ships": "ships", "boats": "boats", "submarines": "submarines",
    "personnel": "personnel", "troops": "soldiers", "soldiers": "soldiers", "servicemen": "soldiers",
    "cruise missiles": "cruise_missiles", "ballistic missiles": "ballistic_missiles",
    "attacks": "attacks", "strikes": "strikes", "clashes": "clashes", "combat clashes": "clashes",
    "assaults": "assaults", "airstrikes": "airstrikes", "air strikes": "airstrikes",
}
#: Modifiers that do not narrow what is counted ("attack drones" are the drones).
_PLAIN_MODIFIERS = frozenset(
    "russian ukrainian enemy hostile attack strike kamikaze unmanned aerial combat military the of "
    "its their type -type".split())

# factored by prefix (a branch per first letter, not per phrase); along a prefix ("lost", "lost in
# location") the longer phrase is tried first, as in a longest-first alternation
_EVENT_ALT = trie_regex(MILITARY_EVENTS)
# "were shot down", "had been intercepted", "launched": right after the counted phrase
_AFTER = compile_pattern(
    r"(?:(?:were|was|had been|have been|has been|are|being|got)\s+)?(?:(?:all|also|reportedly|successfully|"
    r"subsequently|then)\s+)?(?P<ev>" + _EVENT_ALT + r")(?![a-z])")
# "shot down 95", "launched at least 120": the verb right before the number (and its qualifier)
_BEFORE_QUALS = ("a total of", "in total", "some", "about", "around", "at least", "nearly", "almost", "more than", "over",
                 "up to", "another", "a further", "all")
_BEFORE = compile_pattern(r"(?:^|\W)(?P<ev>" + _EVENT_ALT + r")\s+(?:(?:" + "|".join(_BEFORE_QUALS) + r")\s+)?$")
#: What the text before a match of _BEFORE ends with, once trailing space is stripped.
_BEFORE_ENDS = tuple(MILITARY_EVENTS) + _BEFORE_QUALS


@functools.lru_cache(maxsize=4096)   # the same few noun phrases come back in every text
def thing_of(counts: str | None) -> str | None:
    """The counted thing of a noun phrase: 'Shahed attack drones' -> 'shahed_drones'; 'Tanks' -> 'tanks'."""
    if not counts:
        return None
    raw = [w.strip("'’.,()") for w in counts.replace("-", " ").split()]
    raw = [w for w in raw if w]
    # "drones Russia launched": a proper name after the counted noun is not part of it
    while len(raw) > 1 and raw[-1][:1].isupper() and raw[-2][:1].islower():
        raw.pop()
    words = [w.lower() for w in raw]
    if not words:
        return None
    for n in (3, 2):   # multi-word things: "armoured combat vehicles", "cruise missiles"
        tail = " ".join(words[-n:])
        if len(words) >= n and tail in THINGS:
            head = THINGS[tail]
            mods = [w for w in words[:-n] if w not in _PLAIN_MODIFIERS and not w.isdigit()]
            return "_".join(mods + [head]) if mods else head
    last = words[-1]
    if last in THINGS:
        mods = [w for w in words[:-1] if w not in _PLAIN_MODIFIERS and not w.isdigit()]
        head = THINGS[last]
        return "_".join(mods + [head]) if mods else head
    return None


def event_after(low: str, pos: int) -> str | None:
    """The military event stated right at ``pos`` of the lower-cased sentence ('were shot down')."""
    m = _AFTER.match(low, pos)
    return MILITARY_EVENTS[m.group("ev")] if m else None


def event_before(low: str, pos: int) -> str | None:
    """The military event verb right before ``pos`` ('shot down 95', 'launched at least 120')."""
    start = max(0, pos - 40)
    if not low[start:pos].rstrip().endswith(_BEFORE_ENDS):   # a cheap test that _BEFORE cannot match
        return None
    m = _BEFORE.search(low, start, pos)
    return MILITARY_EVENTS[m.group("ev")] if m else None


_LOSS_WORDS = ("losses", "loss", "lost", "killed", "casualties", "destroyed")


def measure_of(text: str | None) -> str | None:
    """A measure key from a label such as a table's column header.

    ``'Tanks'`` -> ``tanks``; ``'Personnel losses'`` -> ``personnel.lost``; ``'Drones shot down'``
    -> ``drones.shot_down``; ``'Civilians killed'`` -> ``civilians.killed``; ``'Missiles launched'``
    -> ``missiles.launched``. None when nothing known is named.
    """
    if not text:
        return None
    low = " ".join(text.lower().replace("_", " ").split()).strip(" :.-—")
    low = re.sub(r"\([^)]*\)", "", low).strip()
    if not low:
        return None
    event = None
    for phrase in sorted(MILITARY_EVENTS, key=len, reverse=True):
        m = re.search(r"(?<![a-z])" + re.escape(phrase) + r"(?![a-z])", low)
        if m:
            event = MILITARY_EVENTS[phrase]
            low = (low[:m.start()] + low[m.end():]).strip()
            break
    if event is None:
        for w in _LOSS_WORDS:
            m = re.search(r"(?<![a-z])" + w + r"(?![a-z])", low)
            if m:
                event = {"killed": "killed", "casualties": "casualties", "destroyed": "destroyed"}.get(w, "lost")
                low = (low[:m.start()] + low[m.end():]).strip()
                break
    from .quantities import MEASURE_SYNONYMS, POPULATIONS   # the casualty vocabulary lives there
    words = low.split()
    if event is None and words and words[-1] in MEASURE_SYNONYMS:
        event = MEASURE_SYNONYMS[words[-1]]
        words = words[:-1]
    thing = thing_of(" ".join(words)) if words else None
    if thing is None and words:
        head = words[-1]
        if head in POPULATIONS:
            thing = POPULATIONS[head]
        elif head.isalpha() and len(head) > 2:
            thing = head
    if thing and event:
        return f"{thing}.{event}"
    return thing or event
