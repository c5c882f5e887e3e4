"""Pydantic records <-> table rows, in this one place.

``*_records`` turn a :class:`claims.Document` into plain dicts ready for bulk
``INSERT`` (no ORM objects: a bulletin is a few hundred rows, a benchmark a
million); :func:`claim_from_rows` rebuilds a :class:`claims.Claim` exactly as
``claims check --format json`` shows it.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Iterable, Iterator, Mapping

from claims.models import (
    CheckError, Claim, DateMention, Document, Flag, Hedge, Paragraph, Quantity, Skipped, Source, Span, Summary,
)

from .matching import claim_bands
from .scope import annotate, cached_scopes, measure_key, parse_date

_PRONOUNS = {"he", "she", "it", "they", "we", "i", "him", "her", "them"}


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


def document_record(doc: Document, checked_at: dt.datetime) -> dict[str, Any]:
    """The ``documents`` row (without id and version links)."""
    return {
        "path": doc.path,
        "sha256": doc.sha256,
        "title": doc.title,
        "publisher": doc.publisher,
        "published": parse_date(doc.published),
        "checked_at": checked_at,
        "encoding": doc.encoding,
        "format": doc.format,
        "author": doc.author,
        "url": doc.url,
        "canonical_url": doc.canonical_url,
        "text": doc.text or None,
        "details": {
            "paragraphs": [p.model_dump(mode="json") for p in doc.paragraphs],
            "skipped": [s.model_dump(mode="json") for s in doc.skipped],
            "warnings": list(doc.warnings),
            "errors": [e.model_dump(mode="json", exclude={"traceback"}) for e in doc.errors],
            "summary": doc.summary.model_dump(mode="json"),
        },
    }


def source_records(doc: Document) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """``sources`` rows and ``source_aliases`` rows (mentions that name a source), sorted by id."""
    sources: dict[str, dict[str, Any]] = {}
    aliases: set[tuple[str, str]] = set()
    for c in doc.claims:
        s = c.source
        if s is None:
            continue
        sources.setdefault(s.id, {"id": s.id, "name": s.name, "kind": s.kind, "parent": s.parent,
                                  "country": s.country})
        aliases.add((s.id, s.name))
        mention = " ".join((s.mention or "").split())
        if mention and mention.lower() not in _PRONOUNS and any(ch.isupper() for ch in mention) and len(mention) <= 200:
            aliases.add((s.id, mention))
    return ([sources[k] for k in sorted(sources)],
            [{"source_id": sid, "alias": a} for sid, a in sorted(aliases)])


def claim_records(doc: Document, document_id: int) -> Iterator[dict[str, Any]]:
    """``claims`` rows, one at a time (a long document is written in batches)."""
    for c in doc.claims:
        s = c.source
        yield {
            "id": c.id, "document_id": document_id, "text": c.text, "char_start": c.start, "char_end": c.end,
            "line": c.line, "paragraph": c.paragraph,
            "source_id": s.id if s else None, "source_name": s.name if s else None,
            "source_mention": s.mention if s else None,
            "mention_start": s.mention_start if s else None, "mention_end": s.mention_end if s else None,
            "cue": s.cue if s else None, "mode": s.mode.value if s else None,
            "hedges": [h.model_dump(mode="json") for h in c.hedges],
            "dates": [d.model_dump(mode="json") for d in c.dates],
            "status": c.status,
            "block": c.block,
            "link": c.link,
        }


def quantity_records(doc: Document, document_id: int) -> Iterator[dict[str, Any]]:
    """``quantities`` rows, one at a time, with each figure's measure key and scope (see ``claims.db.scope``)."""
    annotate(doc)   # the figures read back exactly as saved, also for documents not made by the pipeline
    scopes = cached_scopes(doc)
    for c in doc.claims:
        for i, q in enumerate(c.quantities):
            sc = scopes.get((c.id, i))
            yield {
                "claim_id": c.id, "document_id": document_id, "source_id": c.source.id if c.source else None,
                "position": i, "value": q.value, "low": q.low, "high": q.high, "qualifier": q.qualifier,
                "unit": q.unit, "counts": q.counts, "measure": q.measure, "measure_key": measure_key(q.measure),
                "text": q.text, "char_start": q.start, "char_end": q.end, "approximate": q.approximate,
                "cumulative": bool(sc and sc.kind == "cumulative"), "rate": bool(sc and sc.kind == "rate"),
                "since": sc.since if sc else None,
                "as_of": sc.as_of if sc and sc.kind in ("cumulative", "point") else None,
                "period": sc.period if sc else None, "place": sc.place if sc else None,
                "period_kind": sc.period_kind if sc else None, "part": bool(sc and sc.part),
            }


def claim_band_records(doc: Document, document_id: int) -> Iterator[dict[str, Any]]:
    """``claim_bands`` rows, one at a time: each claim's MinHash band keys (``claims.db.matching``)."""
    for c in doc.claims:
        for band in set(claim_bands(c)):
            yield {"band": band, "claim_id": c.id, "document_id": document_id}


def document_flags(doc: Document) -> list[Flag]:
    """Every flag of a document once (claims' first, then document-level), ids filled in."""
    seen: set[str] = set()
    out = []
    for f in [fl for c in doc.claims for fl in c.flags] + list(doc.flags):
        f.with_id(doc.text)
        if f.id in seen:
            continue
        seen.add(f.id)
        out.append(f)
    return out


def flag_records(doc: Document, document_id: int) -> Iterator[dict[str, Any]]:
    """``flags`` rows, one at a time."""
    claim_ids = {c.id for c in doc.claims}
    for f in document_flags(doc):
        yield {
            "flag_id": f.id, "document_id": document_id,
            "claim_id": f.claim_id if f.claim_id in claim_ids else None,
            "checker": f.checker, "code": f.code, "severity": f.severity.value, "message": f.message,
            "evidence_start": f.evidence.start if f.evidence else None,
            "evidence_end": f.evidence.end if f.evidence else None,
            "related": list(f.related), "data": _jsonable(f.data), "status": f.status,
        }


_PLAIN = (str, int, float, bool, type(None))


def _jsonable(value: Any) -> Any:
    """``value`` as JSON's types (dates as ISO text, other objects as their text)."""
    t = type(value)
    if t in _PLAIN:
        return value
    if t is dict:
        return {str(k): v if type(v) in _PLAIN else _jsonable(v) for k, v in value.items()}
    if isinstance(value, Mapping):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set)):
        return [_jsonable(v) for v in value]
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(value)


def flag_from_row(r: Mapping[str, Any]) -> Flag:
    ev = Span(start=r["evidence_start"], end=r["evidence_end"]) if r["evidence_start"] is not None else None
    return Flag(id=r["flag_id"], checker=r["checker"], code=r["code"], severity=r["severity"],
                message=r["message"], claim_id=r["claim_id"], evidence=ev, related=list(r["related"] or []),
                data=dict(r["data"] or {}), status=r["status"])


def quantity_from_row(r: Mapping[str, Any]) -> Quantity:
    return Quantity(value=r["value"], text=r["text"], start=r["char_start"], end=r["char_end"], low=r["low"],
                    high=r["high"], qualifier=r["qualifier"], unit=r["unit"], counts=r["counts"],
                    measure=r["measure"], approximate=bool(r["approximate"]),
                    scope="part" if r.get("part") else ("place" if r.get("place") else None), place=r.get("place"),
                    period=r.get("period_kind"), period_text=r.get("period"), source=r.get("source_id"),
                    period_start=_iso(r.get("since")), period_end=_iso(r.get("as_of")))


def _iso(d: Any) -> str | None:
    return None if d is None else str(d)[:10]


def claim_from_rows(r: Mapping[str, Any], quantities: Iterable[Mapping[str, Any]] = (),
                    flags: Iterable[Mapping[str, Any]] = ()) -> Claim:
    """A ``claims`` row and its quantity and flag rows as the pydantic :class:`Claim`."""
    source = None
    if r["source_id"]:
        source = Source(id=r["source_id"], name=r["source_name"] or r["source_id"], mention=r["source_mention"] or "",
                        mention_start=r["mention_start"], mention_end=r["mention_end"], cue=r["cue"],
                        mode=r["mode"] or "indirect", kind=r.get("source_kind"), parent=r.get("source_parent"),
                        country=r.get("source_country"))
    return Claim(
        id=r["id"], text=r["text"], start=r["char_start"], end=r["char_end"], line=r["line"],
        paragraph=r["paragraph"], block=r.get("block") or "paragraph", link=r.get("link"), source=source,
        quantities=[quantity_from_row(q) for q in sorted(quantities, key=lambda q: q["position"])],
        hedges=[Hedge.model_validate(h) for h in (r["hedges"] or [])],
        dates=[DateMention.model_validate(d) for d in (r["dates"] or [])],
        flags=[flag_from_row(f) for f in flags],
        status=r["status"],
    )


def document_from_rows(r: Mapping[str, Any], claims: Iterable[Claim], flags: Iterable[Flag] = ()) -> Document:
    """A ``documents`` row, its claims (as :func:`claim_from_rows` made them) and its document-level flags
    as the :class:`Document` ``claims check`` produced (tracebacks are not stored)."""
    details = r["details"] or {}
    published = r["published"]
    return Document(
        path=r["path"], sha256=r["sha256"], format=r.get("format") or "text", title=r["title"],
        publisher=r["publisher"], author=r.get("author"), url=r.get("url"), canonical_url=r.get("canonical_url"),
        published=published.isoformat() if isinstance(published, dt.date) else published,
        encoding=r["encoding"] or "utf-8", warnings=list(details.get("warnings", [])), text=r["text"] or "",
        paragraphs=[Paragraph.model_validate(p) for p in details.get("paragraphs", [])],
        claims=list(claims),
        skipped=[Skipped.model_validate(s) for s in details.get("skipped", [])],
        flags=list(flags),
        errors=[CheckError.model_validate(e) for e in details.get("errors", [])],
        summary=Summary.model_validate(details.get("summary") or {}),
    )
