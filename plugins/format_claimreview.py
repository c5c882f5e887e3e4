"""Built-in output format ``claimreview``: schema.org ClaimReview JSON-LD, ready to publish.

One ``ClaimReview`` per claim whose status is a verdict (verified, mostly_true, misleading,
false, unverifiable; see ``claims.review.CLAIM_STATUSES``), as a JSON array, with what
Google's ClaimReview guidelines require and recommend:

- ``url``: the review's page, from the template ``[claimreview] url`` in ``claims.toml``
  (``"https://desk.example/reviews/{claim_id}"``; also ``{document_sha256}``; the key may
  also be ``url_template``, or ``claimreview_url`` at the top level);
- ``author``: the reviewing organisation, ``organisation`` (and ``[claimreview]
  organisation_url``); without it, or without the url template, the format stops with one
  line saying what to configure (there is nothing publishable to write);
- ``claimReviewed``: the claim, short (at most ``[claimreview] claim_max_chars``, 75 by
  default, cut at a word); ``identifier``: its claim id;
- ``itemReviewed``: a ``Claim`` whose ``author`` is the source (a ``Person`` or an
  ``Organization``; the publisher for unattributed claims), whose ``datePublished`` is the
  document's and whose ``appearance`` is the document at its web address (a ``url`` or
  ``canonical_url`` field, or a path that is one; left out for a local file);
- ``reviewRating``: ``alternateName`` is the reader-facing rating (True, Mostly true,
  Misleading, False, Unproven by default, ``[claimreview.ratings]`` to rename them) and
  ``ratingValue`` on a 1 (false) to 5 (true) scale (none for unverifiable);
- ``datePublished``: the day the verdict was recorded (today for ``claims check``, which
  has no decision history); ``reviewBody``: the reviewers' notes.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any

from claims import hookimpl
from claims.config import ConfigError
from claims.review import BEST_RATING, CLAIM_STATUSES, WORST_RATING, decisions_of, latest_verdict

_URL = re.compile(r"^https?://[^\s/]+", re.I)

#: Reader-facing ratings (``reviewRating.alternateName``) by claim status.
RATINGS: dict[str, str] = {
    "verified": "True",
    "mostly_true": "Mostly true",
    "misleading": "Misleading",
    "false": "False",
    "unverifiable": "Unproven",
}
CLAIM_MAX_CHARS = 75


class NotPublishable(ConfigError):
    """The configuration lacks what a published ClaimReview needs (organisation, url template)."""


def _settings(options: dict) -> Any:
    settings = options.get("settings")
    if settings is None:
        from claims.config import Settings
        try:
            settings = Settings.load()
        except ConfigError:
            return None
    return settings


def _table(options: dict) -> dict:
    settings = _settings(options)
    table = settings.value("claimreview") if settings is not None else None
    return table if isinstance(table, dict) else {}


def organisation(report, options) -> str | None:
    """``options['organisation']``, else ``organisation`` in the run's settings or the configuration
    (also spelt ``organization``, or inside ``[claimreview]``)."""
    if options.get("organisation"):
        return options["organisation"]
    settings = _settings(options)
    if settings is None:
        return None
    table = _table(options)
    for value in (settings.value("organisation"), settings.value("organization"), table.get("organisation"),
                  table.get("organization")):
        if isinstance(value, str) and value.strip():
            return value.strip()
    return None


def ratings(options: dict) -> dict[str, str]:
    """The rating names: the defaults, renamed by ``[claimreview.ratings]``."""
    out = dict(RATINGS)
    custom = _table(options).get("ratings") or {}
    if not isinstance(custom, dict):
        raise NotPublishable("[claimreview] ratings must be a table: status = \"Rating name\"")
    for status, name in custom.items():
        if status not in CLAIM_STATUSES or not CLAIM_STATUSES[status].verdict:
            verdicts = ", ".join(k for k, s in CLAIM_STATUSES.items() if s.verdict)
            raise NotPublishable(f"[claimreview.ratings] {status!r} is not a verdict status (one of: {verdicts})")
        if not isinstance(name, str) or not name.strip():
            raise NotPublishable(f"[claimreview.ratings] {status} must be a non-empty text")
        out[status] = name.strip()
    return out


def short(text: str, limit: int = CLAIM_MAX_CHARS) -> str:
    """The text on one line, cut at a word to at most ``limit`` characters (with an ellipsis)."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit - 1]
    if " " in cut:
        cut = cut[:cut.rindex(" ")]
    return cut.rstrip(" ,;:") + "…"


def document_url(doc) -> str | None:
    """The document's web address: a ``canonical_url`` or ``url`` field, or a path that is one."""
    for value in (getattr(doc, "canonical_url", None), getattr(doc, "url", None), doc.path):
        if isinstance(value, str) and _URL.match(value):
            return value
    return None


def _party(name: str, kind: str | None) -> dict:
    return {"@type": "Person" if kind == "person" else "Organization", "name": name}


def _appearance(doc) -> dict | None:
    url = document_url(doc)
    if url is None:
        return None  # a local file: nothing a reader could open
    work: dict = {"@type": "CreativeWork", "url": url}
    if doc.title:
        work["headline"] = doc.title
    if doc.published:
        work["datePublished"] = doc.published
    if doc.publisher:
        work["publisher"] = {"@type": "Organization", "name": doc.publisher}
    return work


def claim_review(doc, claim, history, org: dict, today: str, *, url_template: str, names: dict[str, str],
                 max_chars: int = CLAIM_MAX_CHARS) -> dict:
    status = CLAIM_STATUSES[claim.status]
    verdict = latest_verdict(history)
    rating: dict = {"@type": "Rating", "alternateName": names.get(claim.status, status.label)}
    if status.rating is not None:
        rating.update(ratingValue=status.rating, bestRating=BEST_RATING, worstRating=WORST_RATING)
    item: dict = {"@type": "Claim"}
    if claim.source is not None:
        item["author"] = _party(claim.source.name, claim.source.kind)
    elif doc.publisher:
        item["author"] = _party(doc.publisher, "organisation")
    if doc.published:
        item["datePublished"] = doc.published
    appearance = _appearance(doc)
    if appearance:
        item["appearance"] = appearance
    out: dict = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": url_template.format(claim_id=claim.id, document_sha256=doc.sha256),
        "identifier": claim.id,
        "claimReviewed": short(claim.text, max_chars),
        "itemReviewed": item,
        "reviewRating": rating,
        "datePublished": verdict.decided_at.date().isoformat() if verdict is not None else today,
        "author": org,
    }
    notes = [d.note for d in history if d.note and getattr(d, "action", None) != "undo"]
    if notes:
        out["reviewBody"] = " ".join(notes)
    return out


def _publishing(report, options) -> tuple[dict, str, int]:
    """(author, url template, claim length) from the configuration; NotPublishable naming what is missing."""
    table = _table(options)
    org_name = organisation(report, options)
    settings = _settings(options)
    template = (options.get("url_template") or table.get("url") or table.get("url_template")
                or (settings.value("claimreview_url") if settings is not None else None))
    missing = []
    if not org_name:
        missing.append('organisation = "Your Fact Desk"')
    if not template:
        missing.append('[claimreview] url = "https://desk.example/reviews/{claim_id}"')
    if missing:
        raise NotPublishable("ClaimReview needs " + " and ".join(missing) + " in claims.toml "
                             "(Google requires the review's author and url)")
    if not isinstance(template, str) or not _URL.match(template) or "{claim_id}" not in template:
        raise NotPublishable(f"[claimreview] url must be an http(s) address with {{claim_id}} in it, not {template!r}")
    try:
        template.format(claim_id="c_x", document_sha256="0")
    except (KeyError, IndexError, ValueError) as exc:
        raise NotPublishable(f"[claimreview] url {template!r}: only {{claim_id}} and {{document_sha256}} "
                             f"can be filled in ({exc})") from None
    org: dict = {"@type": "Organization", "name": org_name}
    org_url = table.get("organisation_url")
    if org_url:
        if not isinstance(org_url, str) or not _URL.match(org_url):
            raise NotPublishable(f"[claimreview] organisation_url must be an http(s) address, not {org_url!r}")
        org["url"] = org_url
    limit = table.get("claim_max_chars", CLAIM_MAX_CHARS)
    if not isinstance(limit, int) or limit < 20:
        raise NotPublishable(f"[claimreview] claim_max_chars must be a number of 20 or more, not {limit!r}")
    return org, template, limit


def render_claimreview(report, options):
    today = dt.datetime.now(dt.timezone.utc).date().isoformat()
    history = decisions_of(report)
    todo = [(doc, c) for doc in report.documents for c in doc.claims
            if c.status in CLAIM_STATUSES and CLAIM_STATUSES[c.status].verdict]
    if not todo:
        return "[]"
    org, template, limit = _publishing(report, options)
    names = ratings(options)
    reviews = [claim_review(doc, c, history.get((doc.sha256, c.id), []), org, today, url_template=template,
                            names=names, max_chars=limit) for doc, c in todo]
    return json.dumps(reviews, indent=2, ensure_ascii=False)


@hookimpl
def register_formats(register):
    register("claimreview", render_claimreview)
