"""Built-in output format ``claimreview``: schema.org ClaimReview JSON-LD for claims with a verdict.

One ``ClaimReview`` per claim whose status is a verdict (verified, false, misleading,
unverifiable; see ``claims.review.CLAIM_STATUSES``), as a JSON array:

- ``claimReviewed``: the claim's text; ``identifier``: its claim id;
- ``itemReviewed``: a ``Claim`` whose ``author`` is the source (a ``Person`` or an
  ``Organization``; the publisher for unattributed claims) and whose ``appearance`` is the
  document (a ``CreativeWork`` with its title, date and publisher);
- ``reviewRating``: ``alternateName`` = the status, ``ratingValue`` on a 1 (false) to
  5 (true) scale (none for unverifiable);
- ``datePublished``: the day the verdict was recorded (today for ``claims check``, which
  has no decision history); ``reviewBody``: the reviewers' notes;
- ``author``: the reviewing organisation, ``organisation`` in ``claims.toml``.
"""

from __future__ import annotations

import datetime as dt
import json
import re

from claims import hookimpl
from claims.review import BEST_RATING, CLAIM_STATUSES, WORST_RATING, decisions_of, latest_verdict

_URL = re.compile(r"^https?://", re.I)


def organisation(report, options) -> str | None:
    """``options['organisation']``, else ``organisation`` in the run's settings or the configuration."""
    if options.get("organisation"):
        return options["organisation"]
    settings = options.get("settings")
    if settings is None:
        from claims.config import ConfigError, Settings
        try:
            settings = Settings.load()
        except ConfigError:
            return None
    return settings.value("organisation")


def _party(name: str, kind: str | None) -> dict:
    return {"@type": "Person" if kind == "person" else "Organization", "name": name}


def _appearance(doc) -> dict:
    work: dict = {"@type": "CreativeWork", "name": doc.title or doc.path}
    if _URL.match(doc.path):
        work["url"] = doc.path
    if doc.published:
        work["datePublished"] = doc.published
    if doc.publisher:
        work["publisher"] = {"@type": "Organization", "name": doc.publisher}
    return work


def claim_review(doc, claim, history, org: str | None, today: str) -> dict:
    status = CLAIM_STATUSES[claim.status]
    verdict = latest_verdict(history)
    rating: dict = {"@type": "Rating", "alternateName": claim.status}
    if status.rating is not None:
        rating.update(ratingValue=status.rating, bestRating=BEST_RATING, worstRating=WORST_RATING)
    item: dict = {"@type": "Claim", "appearance": _appearance(doc)}
    if claim.source is not None:
        item["author"] = _party(claim.source.name, claim.source.kind)
    elif doc.publisher:
        item["author"] = _party(doc.publisher, "organisation")
    if doc.published:
        item["datePublished"] = doc.published
    out: dict = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "identifier": claim.id,
        "claimReviewed": " ".join(claim.text.split()),
        "itemReviewed": item,
        "reviewRating": rating,
        "datePublished": verdict.decided_at.date().isoformat() if verdict is not None else today,
    }
    if org:
        out["author"] = {"@type": "Organization", "name": org}
    notes = [d.note for d in history if d.note]
    if notes:
        out["reviewBody"] = " ".join(notes)
    return out


def render_claimreview(report, options):
    org = organisation(report, options)
    today = dt.datetime.now(dt.timezone.utc).date().isoformat()
    history = decisions_of(report)
    reviews = []
    for doc in report.documents:
        for c in doc.claims:
            if c.status in CLAIM_STATUSES and CLAIM_STATUSES[c.status].verdict:
                reviews.append(claim_review(doc, c, history.get((doc.sha256, c.id), []), org, today))
    return json.dumps(reviews, indent=2, ensure_ascii=False)


@hookimpl
def register_formats(register):
    register("claimreview", render_claimreview)
