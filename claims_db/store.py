"""The store: saving checked documents, applying review decisions, and reading for checkers and commands.

:class:`Store` writes; :class:`StoreReader` only reads and is what checker hooks get as
``store``. Every write is one transaction (``BEGIN IMMEDIATE`` on SQLite), retried
when the database is locked or a deadlock is detected, so a document is stored
whole or not at all and concurrent ``claims check`` runs queue rather than fail.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any, Iterable, Iterator, Sequence

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError, SQLAlchemyError

from claims.models import Claim, Document

from . import convert
from .engine import (
    StoreError, _short, advisory_lock, display_url, is_sqlite, is_unique_violation, retrying, write_connection,
)
from .scope import measure_key as _measure_key
from .scope import parse_date
from .matching import Match, claim_signature, content_words, same_claim
from .matching import bands as band_keys
from .tables import (
    ClaimBandRow, ClaimRow, DecisionRow, DocumentRow, FlagRow, MetaRow, QuantityRow, SourceAliasRow, SourceRow,
)

D = DocumentRow.__table__
C = ClaimRow.__table__
Q = QuantityRow.__table__
F = FlagRow.__table__
S = SourceRow.__table__
A = SourceAliasRow.__table__
DEC = DecisionRow.__table__
META = MetaRow.__table__
B = ClaimBandRow.__table__

_CHUNK = 500  # ids per IN (...) list
_CANDIDATES = 30  # stored claims verified per claim, those sharing most band keys first


# -- results ---------------------------------------------------------------------------

@dataclass(slots=True)
class SaveResult:
    """What :meth:`Store.save` did: ``status`` is 'new', 'new-version' or 'unchanged'."""

    status: str
    document_id: int
    path: str
    sha256: str
    version: int = 1
    previous_sha256: str | None = None
    claims: int = 0
    quantities: int = 0
    flags: int = 0
    sources: int = 0


@dataclass(slots=True)
class DocumentInfo:
    id: int
    path: str
    sha256: str
    title: str | None
    publisher: str | None
    published: dt.date | None
    checked_at: dt.datetime
    version: int
    version_of: int | None
    superseded_by: int | None
    claims: int | None = None

    @property
    def name(self) -> str:
        """The file name without directories, as messages show it."""
        return re.split(r"[\\/]", self.path)[-1] or self.path


@dataclass(slots=True)
class StoredQuantity:
    """One stored figure with its scope, source and document (what the conflict checker compares)."""

    id: int
    claim_id: str
    value: float
    low: float | None
    high: float | None
    qualifier: str | None
    unit: str | None
    measure: str | None
    measure_key: str | None
    text: str
    cumulative: bool
    rate: bool
    since: dt.date | None
    as_of: dt.date | None
    period: str | None
    place: str | None
    source_id: str | None
    source_name: str | None
    source_parent: str | None
    document_id: int
    document_sha256: str
    document_path: str
    published: dt.date | None
    period_kind: str | None = None
    part: bool = False

    @property
    def document_name(self) -> str:
        return re.split(r"[\\/]", self.document_path)[-1] or self.document_path


@dataclass(slots=True)
class StoredClaim:
    claim: Claim
    document: DocumentInfo


@dataclass(slots=True)
class StoredFlag:
    """A stored flag with the document it was raised on (a document-level flag id can recur across documents)."""

    flag: Any
    document: DocumentInfo


@dataclass(slots=True)
class Related:
    """A claim of another document about the same measure and period, and how its figure compares."""

    stored: StoredClaim
    relation: str  # 'same claim', 'same figure', 'different figure', 'consistent', 'flagged'
    detail: str = ""


@dataclass(slots=True)
class SourceInfo:
    id: str
    name: str
    kind: str | None
    parent: str | None
    country: str | None
    aliases: list[str] = field(default_factory=list)
    claims: int = 0
    documents: int = 0
    last_published: dt.date | None = None


@dataclass(slots=True)
class Decision:
    id: int
    target_kind: str
    target_id: str
    document_sha256: str | None
    status: str
    reason: str | None
    note: str | None
    reviewer: str | None
    decided_at: dt.datetime
    user_id: int | None = None  # revision 0005: the claims serve account
    action: str | None = None   # None (a decision), 'note', 'undo', 'reopen'
    reverts: int | None = None  # the decision an 'undo' reverts
    carried_from: str | None = None  # sha256 of the version this decision was carried from


def _chunks(items: Sequence[Any], n: int = _CHUNK) -> Iterator[Sequence[Any]]:
    for i in range(0, len(items), n):
        yield items[i:i + n]


def _utc(value: dt.datetime | None) -> dt.datetime | None:
    if value is None:
        return None
    return value.replace(tzinfo=dt.timezone.utc) if value.tzinfo is None else value.astimezone(dt.timezone.utc)


def _doc_info(r: Any) -> DocumentInfo:
    m = r._mapping
    return DocumentInfo(id=m["id"], path=m["path"], sha256=m["sha256"], title=m["title"], publisher=m["publisher"],
                        published=m["published"], checked_at=_utc(m["checked_at"]), version=m["version"],
                        version_of=m["version_of"], superseded_by=m["superseded_by"],
                        claims=m["claims"] if "claims" in m else None)


_DOC_COLS = (D.c.id, D.c.path, D.c.sha256, D.c.title, D.c.publisher, D.c.published, D.c.checked_at, D.c.version,
             D.c.version_of, D.c.superseded_by)
_Q_COLS = (Q.c.id, Q.c.claim_id, Q.c.value, Q.c.low, Q.c.high, Q.c.qualifier, Q.c.unit, Q.c.measure, Q.c.measure_key,
           Q.c.text, Q.c.cumulative, Q.c.rate, Q.c.since, Q.c.as_of, Q.c.period, Q.c.place, Q.c.source_id,
           S.c.name.label("source_name"), S.c.parent.label("source_parent"), Q.c.document_id,
           D.c.sha256.label("document_sha256"), D.c.path.label("document_path"), D.c.published, Q.c.period_kind,
           Q.c.part)


_Q_NAMES = tuple(c.key if hasattr(c, "key") else c.name for c in _Q_COLS)
_POSITIONAL = _Q_NAMES == tuple(StoredQuantity.__slots__)


def _stored_quantity(r: Any) -> StoredQuantity:
    if _POSITIONAL:   # the columns are selected in the order of the fields: no per-row mapping
        return StoredQuantity(*r)
    m = r._mapping
    return StoredQuantity(**{k: m[k] for k in StoredQuantity.__slots__})


# -- reading -----------------------------------------------------------------------------

class StoreReader:
    """Read-only access to a store: what checkers (``store`` argument) and the commands use."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self.url = display_url(engine.url)

    def __repr__(self) -> str:
        return f"StoreReader({self.url!r})"

    def _rows(self, stmt: Any, params: dict[str, Any] | None = None) -> list[Any]:
        try:
            with self._engine.connect() as conn:
                return list(conn.execute(stmt, params or {}))
        except SQLAlchemyError as exc:
            raise StoreError(f"store {self.url}: {_short(exc)}") from None

    # -- facts about the store
    def schema_version(self) -> str | None:
        rows = self._rows(sa.select(META.c.value).where(META.c.key == "schema_version"))
        return rows[0][0] if rows else None

    def counts(self) -> dict[str, int]:
        """Rows per table (documents, claims, quantities, flags, sources, decisions)."""
        out = {}
        for name, t in (("documents", D), ("claims", C), ("quantities", Q), ("flags", F), ("sources", S),
                        ("decisions", DEC)):
            out[name] = self._rows(sa.select(sa.func.count()).select_from(t))[0][0]
        return out

    # -- the conflict checker's lookups
    def _quantities_stmt(self, keys: list[str], *, start: dt.date | None = None, end: dt.date | None = None,
                         sources: Iterable[str] | None = None, cumulative: bool | None = None,
                         exclude_document: str | None = None, exclude_path: str | None = None,
                         include_superseded: bool = False) -> Any:
        stmt = (sa.select(*_Q_COLS).select_from(Q.join(D, D.c.id == Q.c.document_id)
                                                 .outerjoin(S, S.c.id == Q.c.source_id)))
        stmt = stmt.where(Q.c.measure_key.in_(keys) if len(keys) > 1 else Q.c.measure_key == keys[0])
        src = sorted(set(sources)) if sources is not None else None
        if src is not None:
            stmt = stmt.where(Q.c.source_id.in_(src))
        if start is not None:
            stmt = stmt.where(Q.c.as_of >= start)
        if end is not None:
            stmt = stmt.where(Q.c.as_of <= end)
        if start is None and end is None and src is not None:
            stmt = stmt.where(Q.c.as_of.is_not(None))
        if cumulative is not None:
            stmt = stmt.where(Q.c.cumulative == cumulative)
        if not include_superseded:
            stmt = stmt.where(D.c.superseded_by.is_(None))
        if exclude_document:
            stmt = stmt.where(D.c.sha256 != exclude_document)
        if exclude_path:
            stmt = stmt.where(D.c.path != exclude_path)
        return stmt.order_by(Q.c.as_of, Q.c.id)

    def quantities_for(self, measure: str | Iterable[str], *, start: dt.date | None = None,
                       end: dt.date | None = None, sources: Iterable[str] | None = None,
                       cumulative: bool | None = None, exclude_document: str | None = None,
                       exclude_path: str | None = None, include_superseded: bool = False,
                       limit: int | None = None) -> list[StoredQuantity]:
        """Stored figures of one or more measure keys (index ``measure_key, as_of``; with ``sources``,
        ``measure_key, source_id, as_of``), newest versions of documents only.

        :param measure: a measure as extracted or its key ('deaths' is looked up as 'killed').
        :param start: / end: as-of date range (inclusive). With ``sources`` and no range, dated figures only.
        :param exclude_document: sha256 of the document being checked (and ``exclude_path`` its
            path, so earlier versions of it are not compared with it).
        """
        keys = sorted({k for k in (_measure_key(m) for m in ([measure] if isinstance(measure, str) else measure)) if k})
        if not keys:
            return []
        stmt = self._quantities_stmt(keys, start=start, end=end, sources=sources, cumulative=cumulative,
                                     exclude_document=exclude_document, exclude_path=exclude_path,
                                     include_superseded=include_superseded)
        if limit:
            stmt = stmt.limit(limit)
        return [_stored_quantity(r) for r in self._rows(stmt)]

    def figures_near(self, measure: str, *, cumulative: tuple[dt.date, dt.date] | None = None,
                     points: Iterable[dt.date] = (), exclude_document: str | None = None,
                     exclude_path: str | None = None) -> list[StoredQuantity]:
        """The stored figures a document's figures of ``measure`` can be compared with: running totals as of
        a date in ``cumulative`` (a range), and dated figures of exactly one of ``points``; whole counts only
        (no rates, no sub-counts). One indexed query (``measure_key, as_of``)."""
        key = _measure_key(measure) or measure
        pts = sorted(set(points))
        if cumulative is None and not pts:
            return []
        lo = min([*pts, *(cumulative or ())])
        hi = max([*pts, *(cumulative or ())])
        stmt = self._quantities_stmt([key], start=lo, end=hi, exclude_document=exclude_document,
                                     exclude_path=exclude_path)
        stmt = stmt.where(Q.c.rate == sa.false(), Q.c.part == sa.false())
        either = []
        if cumulative is not None:
            either.append(sa.and_(Q.c.cumulative == sa.true(), Q.c.as_of >= cumulative[0], Q.c.as_of <= cumulative[1]))
        if pts:
            either.append(sa.and_(Q.c.cumulative == sa.false(), Q.c.as_of.in_(pts)))
        stmt = stmt.where(sa.or_(*either) if len(either) > 1 else either[0])
        return [_stored_quantity(r) for r in self._rows(stmt)]

    def quantities_of(self, claim_id: str, document_id: int | None = None) -> list[StoredQuantity]:
        """The figures of one stored claim with their scope, in the order of the claim (of its newest
        version, or of the version in ``document_id``)."""
        if document_id is None:
            newest = self._rows(sa.select(sa.func.max(C.c.document_id)).where(C.c.id == claim_id))
            document_id = newest[0][0] if newest else None
        stmt = (sa.select(*_Q_COLS).select_from(Q.join(D, D.c.id == Q.c.document_id)
                                                 .outerjoin(S, S.c.id == Q.c.source_id))
                .where(Q.c.claim_id == claim_id, Q.c.document_id == document_id).order_by(Q.c.position))
        return [_stored_quantity(r) for r in self._rows(stmt)]

    def explain_lookup(self, measure: str = "killed", sources: Iterable[str] | None = None) -> list[str]:
        """The database's query plan for :meth:`quantities_for` (shows which index it uses)."""
        today = dt.date.today()
        stmt = self._quantities_stmt([_measure_key(measure) or measure],
                                     start=None if sources else today - dt.timedelta(days=7),
                                     end=None if sources else today, sources=sources, exclude_document="x" * 64)
        compiled = stmt.compile(dialect=self._engine.dialect, compile_kwargs={"literal_binds": True})
        prefix = "EXPLAIN QUERY PLAN " if is_sqlite(self._engine) else "EXPLAIN "
        rows = self._rows(sa.text(prefix + str(compiled)))
        if is_sqlite(self._engine):
            return [str(r[-1]) for r in rows]
        return [str(r[0]) for r in rows]

    # -- documents
    def documents(self, *, path: str | None = None, include_superseded: bool = True) -> list[DocumentInfo]:
        n = sa.select(sa.func.count()).where(C.c.document_id == D.c.id).scalar_subquery().label("claims")
        stmt = sa.select(*_DOC_COLS, n).order_by(D.c.id)
        if path is not None:
            stmt = stmt.where(D.c.path == path)
        if not include_superseded:
            stmt = stmt.where(D.c.superseded_by.is_(None))
        return [_doc_info(r) for r in self._rows(stmt)]

    def document(self, ref: str | int) -> DocumentInfo | None:
        """A document by id, sha256 (or a prefix of 6+ characters), path or file name; newest version first."""
        found = self.find_documents(ref)
        return found[0] if found else None

    def find_documents(self, ref: str | int, include_superseded: bool = True) -> list[DocumentInfo]:
        stmt = sa.select(*_DOC_COLS)
        if isinstance(ref, int) or (isinstance(ref, str) and ref.isdigit() and len(ref) < 6):
            stmt = stmt.where(D.c.id == int(ref))
        else:
            conds = [D.c.path == ref, D.c.path.like(f"%/{_like(ref)}", escape="\\")]
            if re.fullmatch(r"[0-9a-f]{6,64}", ref):
                conds.append(D.c.sha256.like(f"{ref}%"))
            stmt = stmt.where(sa.or_(*conds))
        if not include_superseded:
            stmt = stmt.where(D.c.superseded_by.is_(None))
        return [_doc_info(r) for r in self._rows(stmt.order_by(D.c.id.desc()))]

    def paragraph(self, stored: StoredClaim) -> tuple[str, int]:
        """The text of the paragraph a stored claim sits in, and its offset in the document."""
        rows = self._rows(sa.select(D.c.text, D.c.details).where(D.c.id == stored.document.id))
        text, details = rows[0] if rows else (None, None)
        c = stored.claim
        for p in (details or {}).get("paragraphs", []):
            if p.get("index") == c.paragraph and text:
                return text[p["start"]:p["end"]], p["start"]
        if text:
            return text[c.start:c.end], c.start
        same = self._rows(sa.select(C.c.text, C.c.char_start).where(C.c.document_id == stored.document.id,
                                                                     C.c.paragraph == c.paragraph)
                          .order_by(C.c.char_start))
        return " ".join(t for t, _ in same), same[0][1] if same else c.start

    # -- claims
    def _claims_filter(self, stmt: Any, *, source: str | None, flagged: bool, checker: str | None,
                       since: dt.date | str | None, document: str | None, include_superseded: bool,
                       measure: str | None = None) -> Any:
        if source:
            ids = self.resolve_source(source)
            stmt = stmt.where(C.c.source_id.in_(ids or ["\x00"]))
        open_flag = sa.or_(F.c.status.is_(None), F.c.status != "dismissed")
        if flagged:
            stmt = stmt.where(sa.exists().where(F.c.claim_id == C.c.id, F.c.document_id == C.c.document_id, open_flag))
        if checker:
            stmt = stmt.where(sa.exists().where(F.c.claim_id == C.c.id, F.c.document_id == C.c.document_id,
                                                F.c.checker == checker, open_flag))
        if since:
            day = parse_date(since)
            if day is None:
                raise StoreError(f"store {self.url}: --since must be a date YYYY-MM-DD, not {since!r}")
            moment = dt.datetime.combine(day, dt.time(), tzinfo=dt.timezone.utc)
            stmt = stmt.where(sa.or_(D.c.published >= day, sa.and_(D.c.published.is_(None), D.c.checked_at >= moment)))
        if document:
            docs = self.find_documents(document)
            stmt = stmt.where(C.c.document_id.in_([d.id for d in docs] or [-1]))
        elif not include_superseded:
            stmt = stmt.where(D.c.superseded_by.is_(None))
        if measure:
            stmt = stmt.where(sa.exists().where(Q.c.claim_id == C.c.id, Q.c.document_id == C.c.document_id,
                                                Q.c.measure_key == _measure_key(measure)))
        return stmt

    def count_claims(self, *, source: str | None = None, flagged: bool = False, checker: str | None = None,
                     since: dt.date | str | None = None, document: str | None = None,
                     include_superseded: bool = False, measure: str | None = None) -> int:
        stmt = sa.select(sa.func.count()).select_from(C.join(D, D.c.id == C.c.document_id))
        stmt = self._claims_filter(stmt, source=source, flagged=flagged, checker=checker, since=since,
                                   document=document, include_superseded=include_superseded, measure=measure)
        return self._rows(stmt)[0][0]

    def claims(self, *, source: str | None = None, flagged: bool = False, checker: str | None = None,
               since: dt.date | str | None = None, document: str | None = None, include_superseded: bool = False,
               measure: str | None = None, limit: int | None = None, offset: int = 0) -> list[StoredClaim]:
        """Stored claims (newest version of each document unless ``include_superseded``), in document order.

        :param source: a source id, name or alias (its child organisations included).
        :param flagged: only claims with a flag that is not dismissed; ``checker`` narrows to one checker.
        :param since: documents published on or after this date (stored on or after it when undated).
        :param document: a document's path, file name or sha256 prefix (all its versions).
        """
        stmt = (sa.select(C, S.c.kind.label("source_kind"), S.c.parent.label("source_parent"),
                          S.c.country.label("source_country"))
                .select_from(C.join(D, D.c.id == C.c.document_id).outerjoin(S, S.c.id == C.c.source_id)))
        stmt = self._claims_filter(stmt, source=source, flagged=flagged, checker=checker, since=since,
                                   document=document, include_superseded=include_superseded, measure=measure)
        stmt = stmt.order_by(C.c.document_id, C.c.char_start).offset(offset or 0)
        if limit:
            stmt = stmt.limit(limit)
        return self._build_claims(self._rows(stmt))

    def documents_with_claims(self, *, source: str | None = None, flagged: bool = False, checker: str | None = None,
                              since: dt.date | str | None = None, include_superseded: bool = False,
                              measure: str | None = None) -> list[DocumentInfo]:
        """Documents with at least one claim matching the filters of :meth:`claims`, oldest first."""
        ids = sa.select(C.c.document_id).select_from(C.join(D, D.c.id == C.c.document_id))
        ids = self._claims_filter(ids, source=source, flagged=flagged, checker=checker, since=since, document=None,
                                  include_superseded=include_superseded, measure=measure)
        stmt = sa.select(*_DOC_COLS).where(D.c.id.in_(ids.scalar_subquery())).order_by(D.c.id)
        return [_doc_info(r) for r in self._rows(stmt)]

    def claim(self, ref: str) -> StoredClaim | None:
        """A claim by id or by an unambiguous id prefix (``c_3f2a``); StoreError when ambiguous.

        A claim kept by several versions of a document is returned as its newest version has it.
        """
        stmt = (sa.select(C, S.c.kind.label("source_kind"), S.c.parent.label("source_parent"),
                          S.c.country.label("source_country"))
                .select_from(C.outerjoin(S, S.c.id == C.c.source_id)).order_by(C.c.document_id.desc()))
        rows = self._rows(stmt.where(C.c.id == ref).limit(1))
        if not rows:
            rows = self._rows(stmt.where(C.c.id.like(f"{_like(ref)}%", escape="\\")).limit(50))
            if len({r._mapping["id"] for r in rows}) > 1:
                raise StoreError(f"store {self.url}: claim id prefix {ref!r} is ambiguous")
            rows = rows[:1]
        built = self._build_claims(rows)
        return built[0] if built else None

    def claims_by_id(self, ids: Iterable[str]) -> list[StoredClaim]:
        ids = list(dict.fromkeys(ids))
        rows = []
        for chunk in _chunks(ids):
            rows += self._rows(sa.select(C, S.c.kind.label("source_kind"), S.c.parent.label("source_parent"),
                                         S.c.country.label("source_country"))
                               .select_from(C.outerjoin(S, S.c.id == C.c.source_id)).where(C.c.id.in_(chunk))
                               .order_by(C.c.document_id))
        rows = list({r._mapping["id"]: r for r in rows}.values())  # the newest version of each claim
        order = {i: n for n, i in enumerate(ids)}
        return sorted(self._build_claims(rows), key=lambda s: order.get(s.claim.id, 0))

    def _build_claims(self, rows: list[Any]) -> list[StoredClaim]:
        if not rows:
            return []
        ids = list(dict.fromkeys(r._mapping["id"] for r in rows))
        wanted = {(r._mapping["id"], r._mapping["document_id"]) for r in rows}
        qs: dict[tuple[str, int], list[Any]] = {}
        fs: dict[tuple[str, int], list[Any]] = {}
        for chunk in _chunks(ids):
            for q in self._rows(sa.select(Q).where(Q.c.claim_id.in_(chunk))):
                key = (q._mapping["claim_id"], q._mapping["document_id"])
                if key in wanted:
                    qs.setdefault(key, []).append(q._mapping)
            for f in self._rows(sa.select(F).where(F.c.claim_id.in_(chunk)).order_by(F.c.id)):
                key = (f._mapping["claim_id"], f._mapping["document_id"])
                if key in wanted:
                    fs.setdefault(key, []).append(f._mapping)
        doc_ids = sorted({r._mapping["document_id"] for r in rows})
        docs: dict[int, DocumentInfo] = {}
        for chunk in _chunks(doc_ids):
            for d in self._rows(sa.select(*_DOC_COLS).where(D.c.id.in_(chunk))):
                docs[d._mapping["id"]] = _doc_info(d)
        out = []
        for r in rows:
            m = r._mapping
            key = (m["id"], m["document_id"])
            out.append(StoredClaim(convert.claim_from_rows(m, qs.get(key, []), fs.get(key, [])),
                                   docs[m["document_id"]]))
        return out

    def document_flags(self, document_id: int) -> list[Any]:
        """Flags of a document that are not tied to one claim."""
        rows = self._rows(sa.select(F).where(F.c.document_id == document_id, F.c.claim_id.is_(None)).order_by(F.c.id))
        return [convert.flag_from_row(r._mapping) for r in rows]

    def related(self, claim_id: str, window_days: int = 7) -> list[Related]:
        """Claims of other documents about the same measure and period, and claims its flags point at."""
        own = self.claim(claim_id)
        if own is None:
            return []
        found: dict[str, tuple[str, str]] = {}
        qrows = self._rows(sa.select(Q).where(Q.c.claim_id == own.claim.id, Q.c.document_id == own.document.id))
        for q in qrows:
            m = q._mapping
            if not m["measure_key"] or m["as_of"] is None or m["rate"]:
                continue
            window = dt.timedelta(days=window_days)
            for other in self.quantities_for(m["measure_key"], start=m["as_of"] - window, end=m["as_of"] + window,
                                             exclude_document=own.document.sha256, exclude_path=own.document.path):
                if other.cumulative != bool(m["cumulative"]):
                    continue
                if m["cumulative"] and m["since"] and other.since and other.since != m["since"]:
                    continue
                if not m["cumulative"] and other.as_of != m["as_of"]:
                    continue
                lo, hi = _interval(m["value"], m["low"], m["high"])
                olo, ohi = _interval(other.value, other.low, other.high)
                if other.value == m["value"]:
                    rel = "same figure"
                elif olo <= hi and lo <= ohi:
                    rel = "consistent"
                else:
                    rel = "different figure"
                detail = f"{other.text} {other.measure_key} ({other.source_name or 'unattributed'}, {other.as_of})"
                found.setdefault(other.claim_id, (rel, detail))
        for m in self.similar_claims([own.claim], exclude_document=own.document.sha256,
                                     exclude_path=own.document.path):
            found[m.other_id] = ("same claim", f"similarity {m.score:.0f}, same figures")
        for f in own.claim.flags:
            for rid in f.related:
                found.setdefault(rid, ("same claim", "same-claim flag") if f.code == "same-claim"
                                 else ("flagged", f"{f.checker}: {f.code}"))
        others = [s for s in self.claims_by_id(found) if s.document.id != own.document.id]
        return [Related(s, *found[s.claim.id]) for s in others]

    # -- the same claim in other documents
    def _band_hits(self, bands: dict[int, list[str]], exclude_sha: str | None, exclude_path: str | None,
                   limit: int) -> dict[str, set[str]]:
        """Stored claims sharing band keys: {claim id of ours: {stored claim ids}}."""
        found: dict[str, dict[str, int]] = {}
        keys = sorted(bands)
        for chunk in _chunks(keys):
            # the primary key (band, claim_id) covers this query: no row of another table is read; the
            # documents are filtered when the few candidates are read
            stmt = sa.select(B.c.band, B.c.claim_id).where(B.c.band.in_(chunk))
            for band, other in self._rows(stmt.limit(limit)):
                for ours in bands[band]:
                    shared = found.setdefault(ours, {})
                    shared[other] = shared.get(other, 0) + 1
        return found

    def similar_claims(self, claims: Iterable[Any], *, exclude_document: str | None = None,
                       exclude_path: str | None = None, limit: int = 2000, per_claim: int = 20) -> list[Match]:
        """Stored claims of other documents that are the same claim as one of ``claims`` (same figures, the
        same content words; ``claims.db.matching``). One indexed lookup of the band keys, then rapidfuzz."""
        sigs: dict[str, tuple[list[str], str]] = {}
        bands: dict[int, list[str]] = {}
        for c in claims:
            words, figs = claim_signature(c)
            keys = band_keys(words, figs)
            if keys:
                sigs[c.id] = (words, figs)
                for k in keys:
                    bands.setdefault(k, []).append(c.id)
        if not bands:
            return []
        hits = self._band_hits(bands, exclude_document, exclude_path, limit)
        if not hits:
            return []
        # the candidates sharing most band keys first, a bounded number per claim
        for ours, others in hits.items():
            if len(others) > _CANDIDATES:
                hits[ours] = set(sorted(others, key=lambda o: -others[o])[:_CANDIDATES])
        wanted = sorted({o for others in hits.values() for o in others})
        rows: dict[str, Any] = {}
        qfigs: dict[str, list[float]] = {}
        for chunk in _chunks(wanted):
            stmt = (sa.select(C.c.id, C.c.text, C.c.char_start, C.c.mention_start, C.c.mention_end,
                              C.c.source_id, C.c.source_name, D.c.path, D.c.sha256, D.c.published)
                    .select_from(C.join(D, D.c.id == C.c.document_id))
                    .where(C.c.id.in_(chunk), D.c.superseded_by.is_(None)))
            if exclude_document:
                stmt = stmt.where(D.c.sha256 != exclude_document)
            if exclude_path:
                stmt = stmt.where(D.c.path != exclude_path)
            for r in self._rows(stmt):
                rows[r[0]] = r
            for cid, value in self._rows(sa.select(Q.c.claim_id, Q.c.value).where(Q.c.claim_id.in_(chunk))):
                qfigs.setdefault(cid, []).append(value)
        out: list[Match] = []
        verdicts: dict[tuple, float | None] = {}   # the same sentence stored many times is verified once
        contents: dict[tuple, list[str]] = {}
        for ours, others in hits.items():
            words, figs = sigs[ours]
            found = []
            for o in others:
                r = rows.get(o)
                if r is None:
                    continue
                skip = (r[3] - r[2], r[4] - r[2]) if r[3] is not None and r[4] is not None else None
                ofigs = "|".join(sorted({"%g" % v for v in qfigs.get(o, [])}))
                vk = (ours, r[1], skip, ofigs)
                if vk not in verdicts:
                    ck = (r[1], skip)
                    if ck not in contents:
                        contents[ck] = content_words(r[1], skip)
                    verdicts[vk] = same_claim(words, figs, contents[ck], ofigs)
                score = verdicts[vk]
                if score is not None:
                    found.append(Match(ours, o, score, r[1], r[7], r[8], r[9], r[5], r[6]))
            found.sort(key=lambda m: (-m.score, str(m.published), m.document))
            out += found[:per_claim]
        return out

    # -- sources
    def resolve_source(self, ref: str) -> list[str]:
        """Source ids matching an id, a name or an alias (case-insensitive), with their child organisations."""
        low = ref.strip().lower()
        ids = {r[0] for r in self._rows(sa.select(S.c.id).where(sa.or_(S.c.id == ref, sa.func.lower(S.c.name) == low)))}
        ids |= {r[0] for r in self._rows(sa.select(A.c.source_id).where(sa.func.lower(A.c.alias) == low))}
        if ids:
            ids |= {r[0] for r in self._rows(sa.select(S.c.id).where(S.c.parent.in_(sorted(ids))))}
        return sorted(ids)

    def sources(self) -> list[SourceInfo]:
        """Known sources with their claim and document counts (newest document versions), most claims first."""
        live = C.join(D, sa.and_(D.c.id == C.c.document_id, D.c.superseded_by.is_(None)))
        counts = (sa.select(C.c.source_id, sa.func.count().label("n"),
                            sa.func.count(sa.distinct(C.c.document_id)).label("docs"),
                            sa.func.max(D.c.published).label("last"))
                  .select_from(live).where(C.c.source_id.is_not(None)).group_by(C.c.source_id).subquery())
        stmt = (sa.select(S, counts.c.n, counts.c.docs, counts.c.last)
                .select_from(S.outerjoin(counts, counts.c.source_id == S.c.id)))
        aliases: dict[str, list[str]] = {}
        for sid, alias in self._rows(sa.select(A.c.source_id, A.c.alias).order_by(A.c.source_id, A.c.alias)):
            aliases.setdefault(sid, []).append(alias)
        out = []
        for r in self._rows(stmt):
            m = r._mapping
            out.append(SourceInfo(id=m["id"], name=m["name"], kind=m["kind"], parent=m["parent"], country=m["country"],
                                  aliases=[a for a in aliases.get(m["id"], []) if a != m["name"]],
                                  claims=m["n"] or 0, documents=m["docs"] or 0, last_published=m["last"]))
        out.sort(key=lambda s: (-s.claims, s.id))
        return out

    # -- history
    def measures(self) -> list[tuple[str, int]]:
        """Measure keys with their number of stored figures, most first."""
        rows = self._rows(sa.select(Q.c.measure_key, sa.func.count()).where(Q.c.measure_key.is_not(None))
                          .group_by(Q.c.measure_key))
        return sorted(((k, n) for k, n in rows), key=lambda x: (-x[1], x[0]))

    def history(self, measure: str, source: str | None = None, include_undated: bool = False) -> list[StoredQuantity]:
        """The timeline of one measure (rates left out), oldest first, optionally for one source."""
        key = _measure_key(measure)
        if not key:
            return []
        sources = self.resolve_source(source) if source else None
        if source and not sources:
            return []
        stmt = self._quantities_stmt([key], sources=sources)
        stmt = stmt.where(Q.c.rate.is_(False))
        if not include_undated:
            stmt = stmt.where(sa.or_(Q.c.as_of.is_not(None), D.c.published.is_not(None)))
        rows = [_stored_quantity(r) for r in self._rows(stmt)]
        rows.sort(key=lambda q: (q.as_of or q.published or dt.date.max, q.document_id, q.id))
        return rows

    # -- decisions
    def decisions(self, target_id: str | None = None) -> list[Decision]:
        """Review decisions, oldest first (all of them, or those about one claim or flag)."""
        stmt = sa.select(DEC).order_by(DEC.c.decided_at, DEC.c.id)
        if target_id:
            stmt = stmt.where(DEC.c.target_id == target_id)
        return [Decision(**{**r._mapping, "decided_at": _utc(r._mapping["decided_at"])}) for r in self._rows(stmt)]

    def decisions_after(self, last_id: int = 0, limit: int = 200) -> list[Decision]:
        """Decisions recorded with an id above ``last_id``, in id order (what live views poll)."""
        stmt = sa.select(DEC).where(DEC.c.id > last_id).order_by(DEC.c.id).limit(limit)
        return [Decision(**{**r._mapping, "decided_at": _utc(r._mapping["decided_at"])}) for r in self._rows(stmt)]

    def last_decision_id(self) -> int:
        return self._rows(sa.select(sa.func.max(DEC.c.id)))[0][0] or 0

    def decisions_for(self, target_ids: Iterable[str], document_sha256: str | None = None) -> list[Decision]:
        """Decisions about any of ``target_ids``, oldest first (batched; for a report or an export).

        :param document_sha256: leave out decisions limited to another document.
        """
        ids = list(dict.fromkeys(target_ids))
        out: list[Decision] = []
        for chunk in _chunks(ids):
            stmt = sa.select(DEC).where(DEC.c.target_id.in_(chunk))
            if document_sha256 is not None:
                stmt = stmt.where(sa.or_(DEC.c.document_sha256.is_(None), DEC.c.document_sha256 == document_sha256))
            out += [Decision(**{**r._mapping, "decided_at": _utc(r._mapping["decided_at"])}) for r in self._rows(stmt)]
        out.sort(key=lambda d: (d.decided_at, d.id))
        return out

    def find_flags(self, ref: str) -> list[StoredFlag]:
        """Stored flags by id or unambiguous id prefix, one per document that has it (newest document first).

        StoreError when a prefix matches several different flag ids.
        """
        rows = self._rows(sa.select(F).where(F.c.flag_id == ref).order_by(F.c.document_id.desc()))
        if not rows and ref:
            rows = self._rows(sa.select(F).where(F.c.flag_id.like(f"{_like(ref)}%", escape="\\"))
                              .order_by(F.c.document_id.desc()).limit(50))
            if len({r._mapping["flag_id"] for r in rows}) > 1:
                raise StoreError(f"store {self.url}: flag id prefix {ref!r} is ambiguous")
        if not rows:
            return []
        doc_ids = sorted({r._mapping["document_id"] for r in rows})
        docs = {d._mapping["id"]: _doc_info(d) for d in self._rows(sa.select(*_DOC_COLS).where(D.c.id.in_(doc_ids)))}
        return [StoredFlag(convert.flag_from_row(r._mapping), docs[r._mapping["document_id"]]) for r in rows]

    def load_document(self, ref: DocumentInfo | int) -> Document | None:
        """A stored document rebuilt whole: text, paragraphs, skipped lines, claims with their flags,
        document-level flags and summary, as ``claims check`` made it (statuses as currently decided)."""
        doc_id = ref.id if isinstance(ref, DocumentInfo) else int(ref)
        rows = self._rows(sa.select(D).where(D.c.id == doc_id))
        if not rows:
            return None
        stmt = (sa.select(C, S.c.kind.label("source_kind"), S.c.parent.label("source_parent"),
                          S.c.country.label("source_country"))
                .select_from(C.outerjoin(S, S.c.id == C.c.source_id))
                .where(C.c.document_id == doc_id).order_by(C.c.char_start))
        claims = [s.claim for s in self._build_claims(self._rows(stmt))]
        return convert.document_from_rows(rows[0]._mapping, claims, self.document_flags(doc_id))


def _has_nul(doc: Document) -> bool:
    return "\x00" in doc.text or any("\x00" in f.message for c in doc.claims for f in c.flags) \
        or any("\x00" in f.message for f in doc.flags)


#: rows per INSERT of a document's claims, figures and flags: a long document is written in
#: batches, so the rows (and the driver's copy of them) are never all in memory at once
_BATCH = 1000


def _insert_many(conn: sa.Connection, table: sa.Table, rows: Iterable[dict[str, Any]], nul: bool) -> int:
    """Insert ``rows`` in batches of :data:`_BATCH` (NULs stored as U+2400 when ``nul``); how many there were."""
    n = 0
    batch: list[dict[str, Any]] = []
    for row in rows:
        batch.append(_no_nul(row, nul))
        if len(batch) == _BATCH:
            conn.execute(sa.insert(table), batch)
            n += len(batch)
            batch = []
    if batch:
        conn.execute(sa.insert(table), batch)
        n += len(batch)
    return n


def _no_nul(value: Any, check: bool = True) -> Any:
    """``value`` with every NUL in its strings stored as U+2400 (one for one, offsets unchanged): PostgreSQL
    text cannot hold NUL, and a NUL read back from a store would reach terminals and files raw."""
    if not check:
        return value
    if isinstance(value, str):
        return value.replace("\x00", "\u2400") if "\x00" in value else value
    if isinstance(value, dict):
        return {k: _no_nul(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return type(value)(_no_nul(v) for v in value)
    return value


def _decision_time(conn: sa.Connection, targets: list[str]) -> dt.datetime:
    """The time of a decision made now, taken inside the write lock (so decisions are ordered as committed)
    and later than every decision already recorded about ``targets`` (a clock that steps back
    cannot make a new decision older than the current one)."""
    advisory_lock(conn, "claims.decisions")
    now = convert.utcnow()
    newest = None
    for chunk in _chunks(list(dict.fromkeys(targets))):
        m = conn.execute(sa.select(sa.func.max(DEC.c.decided_at)).where(DEC.c.target_id.in_(chunk))).scalar()
        m = _utc(m) if isinstance(m, dt.datetime) else None
        newest = m if newest is None or (m is not None and m > newest) else newest
    if newest is not None and now <= newest:
        now = newest + dt.timedelta(microseconds=1)
    return now


def _like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _interval(value: float, low: float | None, high: float | None) -> tuple[float, float]:
    lo = low if low is not None else value
    hi = high if high is not None else value
    return min(lo, value), max(hi, value)


# -- writing ---------------------------------------------------------------------------

class Store:
    """A claims store: ``save`` checked documents, ``apply_decisions`` to them, and a ``reader``."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.url = display_url(engine.url)
        self._reader = StoreReader(engine)

    def __repr__(self) -> str:
        return f"Store({self.url!r})"

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def reader(self) -> StoreReader:
        return self._reader

    def close(self) -> None:
        self.engine.dispose()

    def _write(self, fn: Any, what: str, also: Any = None) -> Any:
        def tx() -> Any:
            with write_connection(self.engine) as conn:
                with conn.begin():
                    return fn(conn)
        try:
            return retrying(tx, also=also)
        except StoreError:
            raise
        except (DBAPIError, SQLAlchemyError) as exc:
            raise StoreError(f"store {self.url}: cannot {what}: {_short(exc)}") from None

    def _insert_ignore(self, conn: sa.Connection, table: sa.Table, rows: list[dict[str, Any]],
                       keys: list[str], update: dict[str, Any] | None = None) -> None:
        if not rows:
            return
        ins = sqlite_insert(table) if is_sqlite(self.engine) else pg_insert(table)
        if update:
            stmt = ins.on_conflict_do_update(index_elements=keys, set_={
                k: sa.func.coalesce(getattr(table.c, k), getattr(ins.excluded, k)) for k in update})
        else:
            stmt = ins.on_conflict_do_nothing(index_elements=keys)
        conn.execute(stmt, rows)

    def save(self, doc: Document) -> SaveResult:
        """Store a checked document in one transaction.

        - same sha256 already stored: nothing is added but flags raised since (e.g. a conflict
          with a document stored after it); status 'unchanged';
        - same path, new sha256: a new version linked to the one it replaces ('new-version');
        - otherwise 'new'.
        """
        # another process storing the same text first (under another path) is a unique violation on
        # sha256: the retry then finds it stored and adds only the new flags
        return self._write(lambda conn: self._save(conn, doc), f"save {doc.path}",
                           also=lambda exc: is_unique_violation(exc, "uq_documents_sha256"))

    def _save(self, conn: sa.Connection, doc: Document) -> SaveResult:
        # one writer per path at a time (PostgreSQL; SQLite's BEGIN IMMEDIATE serialises all writers):
        # the previous version is read after the other writer committed, so versions chain in order
        advisory_lock(conn, "claims.path", doc.path)
        existing = conn.execute(sa.select(D.c.id, D.c.path, D.c.version).where(D.c.sha256 == doc.sha256)).first()
        if existing is not None:
            return self._save_flags_only(conn, doc, existing)
        prev = conn.execute(
            sa.select(D.c.id, D.c.version, D.c.sha256)
            .where(D.c.path == doc.path, D.c.superseded_by.is_(None)).order_by(D.c.id.desc()).limit(1)).first()
        nul = _has_nul(doc)
        rec = _no_nul(convert.document_record(doc, convert.utcnow()), nul)
        rec["version"] = prev.version + 1 if prev else 1
        rec["version_of"] = prev.id if prev else None
        doc_id = conn.execute(sa.insert(D).values(rec).returning(D.c.id)).scalar_one()
        if prev is not None:
            conn.execute(sa.update(D).where(D.c.id == prev.id).values(superseded_by=doc_id))
        sources, aliases = _no_nul(convert.source_records(doc), nul)
        self._insert_ignore(conn, S, sources, ["id"], update={"kind": 1, "parent": 1, "country": 1})
        self._insert_ignore(conn, A, aliases, ["source_id", "alias"])
        claims = _insert_many(conn, C, convert.claim_records(doc, doc_id), nul)
        quantities = _insert_many(conn, Q, convert.quantity_records(doc, doc_id), nul)
        flags = _insert_many(conn, F, convert.flag_records(doc, doc_id), nul)
        _insert_many(conn, B, convert.claim_band_records(doc, doc_id), False)
        if prev is not None:
            self._carry_decisions(conn, prev, doc_id, doc.sha256)
        return SaveResult(status="new-version" if prev else "new", document_id=doc_id, path=doc.path,
                          sha256=doc.sha256, version=rec["version"], previous_sha256=prev.sha256 if prev else None,
                          claims=claims, quantities=quantities, flags=flags, sources=len(sources))

    def _carry_decisions(self, conn: sa.Connection, prev: Any, doc_id: int, sha256: str) -> None:
        """Carry the current decisions about claims and flags the new version kept from ``prev``.

        Each carried decision is a new row scoped to the new version, with ``carried_from`` the
        previous version's sha256 and the original's time (it is the same decision, not a newer one).
        """
        advisory_lock(conn, "claims.decisions")  # a decision made meanwhile is either carried or applied after
        kept_claims = set(conn.execute(sa.select(C.c.id).where(C.c.document_id == doc_id)).scalars()) & set(
            conn.execute(sa.select(C.c.id).where(C.c.document_id == prev.id)).scalars())
        new_flags = {r.flag_id: r.claim_id for r in conn.execute(sa.select(F.c.flag_id, F.c.claim_id)
                                                                  .where(F.c.document_id == doc_id))}
        kept_flags = set(new_flags) & set(conn.execute(sa.select(F.c.flag_id).where(F.c.document_id == prev.id))
                                          .scalars())
        targets = sorted(kept_claims | kept_flags)
        newest: dict[str, Any] = {}
        for chunk in _chunks(targets):
            for r in conn.execute(sa.select(DEC).where(DEC.c.target_id.in_(chunk), sa.or_(
                    DEC.c.document_sha256.is_(None), DEC.c.document_sha256 == prev.sha256))
                    .order_by(DEC.c.decided_at, DEC.c.id)):
                newest[r.target_id] = r
        if not newest:
            return
        rows = [{"target_kind": r.target_kind, "target_id": r.target_id, "document_sha256": sha256, "status": r.status,
                 "reason": r.reason, "note": r.note, "reviewer": r.reviewer, "decided_at": r.decided_at,
                 "carried_from": prev.sha256} for r in newest.values()]
        conn.execute(sa.insert(DEC), rows)
        for r in rows:
            table = C if r["target_kind"] == "claim" else F
            col = C.c.id if table is C else F.c.flag_id
            conn.execute(sa.update(table).where(col == r["target_id"], table.c.document_id == doc_id)
                         .values(status=r["status"]))

    def _save_flags_only(self, conn: sa.Connection, doc: Document, existing: Any) -> SaveResult:
        doc_id = existing.id
        have = {r[0] for r in conn.execute(sa.select(F.c.flag_id).where(F.c.document_id == doc_id))}
        stored_claims = {r[0] for r in conn.execute(sa.select(C.c.id).where(C.c.document_id == doc_id))}
        new = []
        nul = _has_nul(doc)
        for rec in convert.flag_records(doc, doc_id):
            rec = _no_nul(rec, nul)
            if rec["flag_id"] in have:
                continue
            if rec["claim_id"] is not None and rec["claim_id"] not in stored_claims:
                continue  # the claim was segmented differently when stored: keep the stored record as it is
            new.append(rec)
        self._insert_ignore(conn, F, new, ["document_id", "flag_id"])
        return SaveResult(status="unchanged", document_id=doc_id, path=existing.path, sha256=doc.sha256,
                          version=existing.version, flags=len(new))

    # -- review decisions
    def record_decision(self, target_id: str, status: str, *, reviewer: str | None = None, note: str | None = None,
                        reason: str | None = None, document_sha256: str | None = None,
                        decided_at: dt.datetime | None = None, user_id: int | None = None,
                        action: str | None = None, reverts: int | None = None) -> int:
        """Record a reviewer's decision on a claim (``c_...``) or a flag (``f_...``); returns its id.

        Decisions are never overwritten: the newest applies, the older ones are the history.
        ``status`` is free text; 'dismissed' on a flag hides it from ``--fail-on`` and the summary.
        ``document_sha256`` limits a decision on a document-level flag to that document.
        ``user_id`` is the ``claims serve`` account that decided; ``action`` says a row is a
        'note', an 'undo' (of decision ``reverts``) or a 'reopen' rather than a decision.
        """
        if not target_id or not status:
            raise StoreError(f"store {self.url}: a decision needs a claim or flag id and a status")
        kind = "claim" if target_id.startswith("c_") else "flag" if target_id.startswith("f_") else None
        if kind is None:
            raise StoreError(f"store {self.url}: {target_id!r} is neither a claim id (c_...) nor a flag id (f_...)")
        given = _utc(decided_at)

        def write(conn: sa.Connection) -> int:
            when = given or _decision_time(conn, [target_id])
            row = _no_nul(dict(target_kind=kind, target_id=target_id, document_sha256=document_sha256, status=status,
                               reason=reason, note=note, reviewer=reviewer, decided_at=when, user_id=user_id,
                               action=action, reverts=reverts))
            new_id = conn.execute(sa.insert(DEC).values(**row).returning(DEC.c.id)).scalar_one()
            if kind == "claim":
                conn.execute(sa.update(C).where(C.c.id == target_id).values(status=status))
            else:
                stmt = sa.update(F).where(F.c.flag_id == target_id)
                if document_sha256:
                    stmt = stmt.where(F.c.document_id.in_(sa.select(D.c.id).where(D.c.sha256 == document_sha256)))
                conn.execute(stmt.values(status=status))
            return new_id

        return self._write(write, f"record a decision on {target_id}")

    def record_decisions(self, decisions: Iterable[dict[str, Any]]) -> list[int]:
        """Record several decisions in one transaction: all of them or, on any error, none.

        Each item has the keyword arguments of :meth:`record_decision` plus ``target_id`` and
        ``status``. A decision older than one already recorded joins the history without
        becoming current: each row's ``status`` is set from the newest decision about it.
        """
        items = []
        for d in decisions:
            target, status = d.get("target_id"), d.get("status")
            if not target or not status:
                raise StoreError(f"store {self.url}: a decision needs a claim or flag id and a status")
            kind = "claim" if target.startswith("c_") else "flag" if target.startswith("f_") else None
            if kind is None:
                raise StoreError(f"store {self.url}: {target!r} is neither a claim id (c_...) nor a flag id (f_...)")
            items.append(_no_nul({"target_kind": kind, "target_id": target, "document_sha256": d.get("document_sha256"),
                          "status": status, "reason": d.get("reason"), "note": d.get("note"),
                          "reviewer": d.get("reviewer"), "decided_at": _utc(d.get("decided_at")),
                          "action": d.get("action")}))
        if not items:
            return []

        def write(conn: sa.Connection) -> list[int]:
            now = _decision_time(conn, [it["target_id"] for it in items])
            items_now = [{**it, "decided_at": it["decided_at"] or now} for it in items]
            ids = [conn.execute(sa.insert(DEC).values(**it).returning(DEC.c.id)).scalar_one() for it in items_now]
            for target in dict.fromkeys(it["target_id"] for it in items):
                history = conn.execute(sa.select(DEC.c.status, DEC.c.document_sha256).where(DEC.c.target_id == target)
                                       .order_by(DEC.c.decided_at, DEC.c.id)).all()
                if target.startswith("c_"):
                    conn.execute(sa.update(C).where(C.c.id == target).values(status=history[-1].status))
                    continue
                rows = conn.execute(sa.select(F.c.id, D.c.sha256).select_from(F.join(D, D.c.id == F.c.document_id))
                                    .where(F.c.flag_id == target)).all()
                for row_id, sha in rows:
                    mine = [h.status for h in history if h.document_sha256 in (None, sha)]
                    if mine:
                        conn.execute(sa.update(F).where(F.c.id == row_id).values(status=mine[-1]))
            return ids

        return self._write(write, f"record {len(items)} decisions")

    def apply_decisions(self, doc: Document) -> None:
        """Set ``claim.status`` and ``flag.status`` from the newest stored decision about each."""
        targets: dict[str, list[Any]] = {}
        for c in doc.claims:
            targets.setdefault(c.id, []).append(c)
            for f in c.flags:
                targets.setdefault(f.with_id(doc.text).id, []).append(f)
        for f in doc.flags:
            targets.setdefault(f.with_id(doc.text).id, []).append(f)
        if not targets:
            return
        latest: dict[str, Any] = {}
        ids = list(targets)
        for chunk in _chunks(ids):
            stmt = (sa.select(DEC.c.target_id, DEC.c.status, DEC.c.document_sha256)
                    .where(DEC.c.target_id.in_(chunk),
                           sa.or_(DEC.c.document_sha256.is_(None), DEC.c.document_sha256 == doc.sha256))
                    .order_by(DEC.c.decided_at, DEC.c.id))
            for target, status, _sha in self._reader._rows(stmt):
                latest[target] = status
        for target, status in latest.items():
            for obj in targets[target]:
                obj.status = status
