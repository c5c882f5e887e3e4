"""claims-anonymous-sources: flag claims that rest on anonymous sources.

"Officials said", "a senior official", "sources familiar with the talks",
"people familiar with the matter": each such claim gets a ``warning`` flag, so an
editor can ask for a name or a second source before publication.

Settings, under ``[plugins.anonymous-sources]`` in claims.toml::

    severity = "error"        # info | warning | error
    nouns = ["officials"]     # a source whose name ends with one of these is unnamed
    phrases = ["sources say"] # wording that marks an anonymous attribution anywhere in a claim
"""

import re
from typing import Literal

from pydantic import BaseModel, Field

from claims import Flag, Span, hookimpl

NAME = "anonymous-sources"

NOUNS = [
    "official", "officials", "source", "sources", "diplomat", "diplomats",
    "insider", "insiders", "aide", "aides",
]
PHRASES = [
    "sources familiar with", "people familiar with", "person familiar with",
    "according to sources", "on condition of anonymity", "asked not to be named",
    "not authorised to speak", "not authorized to speak",
]


class AnonymousSourcesSettings(BaseModel):
    """``[plugins.anonymous-sources]`` in claims.toml."""

    severity: Literal["info", "warning", "error"] = "warning"
    nouns: list[str] = Field(
        default_factory=lambda: list(NOUNS),
        description="A source whose name ends with one of these words is unnamed.")
    phrases: list[str] = Field(
        default_factory=lambda: list(PHRASES),
        description="Wording that marks an anonymous attribution anywhere in a claim.")


@hookimpl
def register_settings(register):
    register(NAME, AnonymousSourcesSettings)


@hookimpl
def check_claim(claim, settings):
    conf = settings.get(NAME)
    source = claim.source
    # 1. Attribution resolved the speaker, but only to words like "officials".
    if source is not None and source.name.lower().split()[-1] in {n.lower() for n in conf.nouns}:
        return anonymous(conf, f'attributed to an unnamed source: "{source.mention}"',
                         source.mention_start, source.mention_end)
    # 2. Wording that hides the speaker: "sources familiar with the talks said ...".
    for phrase in conf.phrases:
        words = r"\s+".join(re.escape(w) for w in phrase.split())
        match = re.search(rf"\b{words}\b", claim.text, re.IGNORECASE)
        if match:
            return anonymous(conf, f'anonymous attribution: "{match.group()}"',
                             claim.start + match.start(), claim.start + match.end())
    return None


def anonymous(conf, message, start, end):
    evidence = Span(start=start, end=end) if start is not None and end is not None else None
    return Flag(checker=NAME, code="anonymous-source", severity=conf.severity,
                message=message, evidence=evidence)
