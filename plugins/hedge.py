"""Built-in checker ``hedge``: flags hedged language with its probability range.

The cues are found during extraction (``claims.extract.hedges``); this checker
places each estimative cue on a probability scale chosen from the claim's source
(UK government -> PHIA yardstick, US intelligence -> ICD 203, otherwise the
survey-derived default) and raises one ``info`` flag per cue.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from claims import Severity, hookimpl
from claims.models import new_flag
from claims.scales import SCALES, probability, scale_for_source


class HedgeSettings(BaseModel):
    """``[plugins.hedge]`` in claims.toml."""

    scale: Literal["auto", "phia", "icd203", "default"] = Field(
        "auto", description="'auto' chooses from the claim's source; or force one scale.")
    severity: Literal["info", "warning", "error"] = "info"
    kinds: list[str] = Field(
        default_factory=lambda: ["estimative", "modal", "evidential", "hearsay"],
        description="Which kinds of hedge raise a flag.")


@hookimpl
def register_settings(register):
    register("hedge", HedgeSettings)


def _pct(x: float) -> str:
    return f"{round(x * 100)}"


@hookimpl
def check_claim(claim, settings):
    if not claim.hedges:
        return None
    conf = settings.get("hedge") if settings is not None else HedgeSettings()
    if not isinstance(conf, HedgeSettings):
        conf = HedgeSettings()
    scale = scale_for_source(claim.source) if conf.scale == "auto" else conf.scale
    severity = Severity(conf.severity)
    flags = []
    for h in claim.hedges:
        rng = probability(h.cue, scale, h.negated)
        if rng is not None:
            h.low, h.high, h.scale = rng[0], rng[1], scale
        if h.kind not in conf.kinds:
            continue
        if rng is not None:
            msg = f'hedged: "{h.cue}" ~ {_pct(rng[0])}-{_pct(rng[1])}% ({SCALES[scale].label})'
        else:
            msg = f'hedged: "{h.cue}" ({h.kind})'
        flags.append(new_flag(
            "hedge", "hedged", msg, severity, evidence=(h.start, h.end),
            data={"cue": h.cue, "kind": h.kind, "negated": h.negated, "low": h.low, "high": h.high,
                  "scale": h.scale, "key": f"{h.start - claim.start}"}  # offset in the claim,
        ))
    return flags
