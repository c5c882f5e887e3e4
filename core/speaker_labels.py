"""Speakers named by layout rather than by a reporting verb.

- transcript labels at the start of a paragraph: ``PRESIDENT OF RUSSIA VLADIMIR PUTIN:``,
  ``Q:`` / ``A:``, ``Vladimir Putin:``; the turn lasts until the next label;
- section labels that are not speakers: ``Unconfirmed claims:``, ``Key takeaways:``;
- dash credits after a quotation: ``"..." – Press Service of the General Staff``.
"""

from __future__ import annotations

import re

from .patterns import compile_pattern

# Labels that name a turn in an interview or press conference rather than a person.
TURN_LABELS = {"q": "Q", "a": "A", "question": "Question", "answer": "Answer", "interviewer": "Interviewer",
               "moderator": "Moderator", "reporter": "Reporter", "journalist": "Journalist", "host": "Host",
               "anchor": "Anchor", "audience member": "Audience member", "presenter": "Presenter"}
_CAPS_LABEL = compile_pattern(r"\s*(?P<label>[A-Z][A-Z.'’\- ]{0,70}?[A-Z.]|[QA])\s*:\s+(?=\S)")
_TITLE_LABEL = compile_pattern(r"\s*(?P<label>[A-Z][a-z'’\-]+(?: [A-Z][a-z'’\-]+){1,3})\s*:\s+(?=\S)")
_ANY_LABEL = compile_pattern(r"(?m)^[ \t]*(?:[A-Z][A-Z.'’\- ]{0,70}?[A-Z.]|[QA]|[A-Z][a-z'’\-]+(?: [A-Z][a-z'’\-]+){1,3})"
                             r"[ \t]*:[ \t]+\S")
_SECTION = compile_pattern(r"\s*(?P<label>[A-Z][\w'’\-]*(?: [\w'’\-]+){0,3})\s*:\s+(?=\S)")
_DASH_CREDIT = compile_pattern(r"[ \t]*[–—][ \t]*(?P<credit>[A-Z][^\n“”\"«».!?:;]{1,80}?)[ \t]*(?:\n|$)")
_CREDIT_ONLY = compile_pattern(r"\s*[–—]\s*[A-Z][^\n“”\"«».!?:;]{1,80}\s*$")


def caps_label(text: str) -> re.Match | None:
    """A transcript label in capitals at the start of ``text`` (not yet checked to be a speaker)."""
    m = _CAPS_LABEL.match(text)
    if m is None or len(m.group("label").split()) > 8:
        return None
    return m


def looks_like_transcript(document: str) -> bool:
    """At least two paragraphs open with a speaker label: a transcript, not a headline 'Name: ...'."""
    found = _ANY_LABEL.finditer(document)
    return next(found, None) is not None and next(found, None) is not None


def title_label(text: str) -> re.Match | None:
    """'Vladimir Putin: ...' at the start of ``text`` (a candidate name, 2-4 capitalised words)."""
    return _TITLE_LABEL.match(text)


def section_label(text: str) -> re.Match | None:
    """'Unconfirmed claims: ...' at the start of ``text`` (a candidate label of 1-4 words)."""
    return _SECTION.match(text)


def dash_credit(document: str, end: int) -> re.Match | None:
    """A credit line ``– Press Service`` right after ``document[:end]`` (a closing quotation mark)."""
    return _DASH_CREDIT.match(document, end)


def is_credit_only(text: str) -> bool:
    """A sentence that is only a dash credit ("– Ukrainian Air Force")."""
    return _CREDIT_ONLY.match(text) is not None
