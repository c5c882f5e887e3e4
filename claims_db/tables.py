"""The store's tables, as SQLModel classes (the schema at the newest migration).

Only ``claims.db`` knows these classes; the rest of claims works with the pydantic
records of ``claims.models``, and ``claims.db.convert`` turns one into the other.
The migrations in ``claims.db.migrations.versions`` create exactly this schema
(a test compares them), so a change here needs a new revision there.

Column names avoid SQL keywords (``char_start``, not ``start``) so the SQLite
file reads naturally in Datasette or ``sqlite3``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Optional

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import JSONB
from sqlmodel import Field, SQLModel

#: JSON text on SQLite (readable with json_extract), JSONB on PostgreSQL.
JSONType = sa.JSON().with_variant(JSONB(), "postgresql")

#: A separate metadata so the store never mixes with other SQLModel tables in the process.
metadata = sa.MetaData(naming_convention={
    "pk": "pk_%(table_name)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "ix": "ix_%(table_name)s_%(column_0_name)s",
})


class _Table(SQLModel):
    metadata = metadata


class MetaRow(_Table, table=True):
    """Key/value facts about the store: ``schema_version``, ``created_by``, ``created_at``."""

    __tablename__ = "meta"
    key: str = Field(primary_key=True)
    value: Optional[str] = None


class DocumentRow(_Table, table=True):
    """One version of a checked document; an edited file (same path, new sha256) is a new row."""

    __tablename__ = "documents"
    __table_args__ = (
        sa.Index("ix_documents_path", "path"),
        sa.Index("ix_documents_published", "published"),
    )
    id: Optional[int] = Field(default=None, primary_key=True)
    path: str
    sha256: str = Field(sa_column_kwargs={"unique": True})
    title: Optional[str] = None
    publisher: Optional[str] = None
    published: Optional[dt.date] = None
    checked_at: dt.datetime = Field(description="UTC time the document was stored.")
    encoding: Optional[str] = None
    text: Optional[str] = Field(default=None, sa_type=sa.Text)
    details: Optional[Any] = Field(default=None, sa_type=JSONType,
                                   description="paragraphs, skipped lines, warnings, errors, summary")
    # revision 0002
    version: int = Field(default=1, sa_column_kwargs={"server_default": "1"})
    version_of: Optional[int] = Field(default=None, foreign_key="documents.id")
    superseded_by: Optional[int] = Field(default=None, foreign_key="documents.id")
    # revision 0003: what the reader knew (format "html", "pdf"...; NULL before it: plain text)
    format: Optional[str] = None
    author: Optional[str] = None
    url: Optional[str] = Field(default=None, sa_type=sa.Text)
    canonical_url: Optional[str] = Field(default=None, sa_type=sa.Text)


class SourceRow(_Table, table=True):
    """A source as first seen (canonical id from the registry, or derived from its name)."""

    __tablename__ = "sources"
    id: str = Field(primary_key=True)
    name: str
    kind: Optional[str] = None
    parent: Optional[str] = None
    country: Optional[str] = None


class SourceAliasRow(_Table, table=True):
    """The words that named a source in stored documents ("the UN human rights office")."""

    __tablename__ = "source_aliases"
    source_id: str = Field(primary_key=True, foreign_key="sources.id")
    alias: str = Field(primary_key=True)


class ClaimRow(_Table, table=True):
    """One sentence of a stored document, with its attribution; hedges and dates as JSON.

    Revision 0006: a claim's id is shared by the versions of a document that keep the sentence,
    so the key is ``(id, document_id)``.
    """

    __tablename__ = "claims"
    __table_args__ = (
        sa.Index("ix_claims_document", "document_id", "char_start"),
        sa.Index("ix_claims_source", "source_id"),
    )
    id: str = Field(primary_key=True)
    document_id: int = Field(primary_key=True, foreign_key="documents.id")
    text: str = Field(sa_type=sa.Text)
    char_start: int
    char_end: int
    line: int
    paragraph: int
    source_id: Optional[str] = Field(default=None, foreign_key="sources.id")
    source_name: Optional[str] = None
    source_mention: Optional[str] = None
    mention_start: Optional[int] = None
    mention_end: Optional[int] = None
    cue: Optional[str] = None
    mode: Optional[str] = None
    hedges: Optional[Any] = Field(default=None, sa_type=JSONType)
    dates: Optional[Any] = Field(default=None, sa_type=JSONType)
    status: Optional[str] = None
    # revision 0003: the block kind the claim stands in (NULL before it: paragraph), its text-fragment link
    block: Optional[str] = None
    link: Optional[str] = Field(default=None, sa_type=sa.Text)


class QuantityRow(_Table, table=True):
    """A number of a claim with its bounds, what it counts and its scope (the conflict checker's index)."""

    __tablename__ = "quantities"
    __table_args__ = (
        sa.Index("ix_quantities_measure_as_of", "measure_key", "as_of"),
        sa.Index("ix_quantities_claim", "claim_id"),
        sa.Index("ix_quantities_document", "document_id"),
        # revision 0002: the over-time lookup (one source's figures for one measure)
        sa.Index("ix_quantities_measure_source", "measure_key", "source_id", "as_of"),
        sa.ForeignKeyConstraint(["claim_id", "document_id"], ["claims.id", "claims.document_id"]),
    )
    id: Optional[int] = Field(default=None, primary_key=True)
    claim_id: str
    document_id: int = Field(foreign_key="documents.id")
    source_id: Optional[str] = None
    position: int
    value: float
    low: Optional[float] = None
    high: Optional[float] = None
    qualifier: Optional[str] = None
    unit: Optional[str] = None
    counts: Optional[str] = None
    measure: Optional[str] = None
    measure_key: Optional[str] = None
    text: str
    char_start: int
    char_end: int
    approximate: bool = False
    cumulative: bool = False
    rate: bool = False
    since: Optional[dt.date] = None
    as_of: Optional[dt.date] = None
    period: Optional[str] = None
    place: Optional[str] = None
    # revision 0004: the period as read (cumulative, day, night, week, days, date) and sub-counts
    period_kind: Optional[str] = None
    part: bool = Field(default=False, sa_column_kwargs={"server_default": sa.false()})


class ClaimBandRow(_Table, table=True):
    """A MinHash band key of a claim's content words and figures (revision 0004): claims sharing a key are
    candidates for the same claim (``claims.db.matching``). Revision 0006: one row per version of the claim."""

    __tablename__ = "claim_bands"
    __table_args__ = (
        sa.Index("ix_claim_bands_claim", "claim_id"),
        sa.ForeignKeyConstraint(["claim_id", "document_id"], ["claims.id", "claims.document_id"]),
    )
    band: int = Field(primary_key=True, sa_type=sa.BigInteger, sa_column_kwargs={"autoincrement": False})
    claim_id: str = Field(primary_key=True)
    document_id: int = Field(primary_key=True, foreign_key="documents.id")


class FlagRow(_Table, table=True):
    """A checker's finding, on a claim or (claim_id NULL) on the whole document."""

    __tablename__ = "flags"
    __table_args__ = (
        sa.UniqueConstraint("document_id", "flag_id", name="uq_flags_document_flag"),
        sa.Index("ix_flags_claim", "claim_id"),
        sa.Index("ix_flags_checker", "checker", "code"),
        sa.ForeignKeyConstraint(["claim_id", "document_id"], ["claims.id", "claims.document_id"]),
    )
    id: Optional[int] = Field(default=None, primary_key=True)
    flag_id: str
    document_id: int = Field(foreign_key="documents.id")
    claim_id: Optional[str] = None
    checker: str
    code: str
    severity: str
    message: str = Field(sa_type=sa.Text)
    evidence_start: Optional[int] = None
    evidence_end: Optional[int] = None
    related: Optional[Any] = Field(default=None, sa_type=JSONType)
    data: Optional[Any] = Field(default=None, sa_type=JSONType)
    status: Optional[str] = None


class DecisionRow(_Table, table=True):
    """A reviewer's decision on a claim or a flag; rows are only added, the newest one applies."""

    __tablename__ = "decisions"
    __table_args__ = (sa.Index("ix_decisions_target", "target_id", "decided_at"),)
    id: Optional[int] = Field(default=None, primary_key=True)
    target_kind: str = Field(description="'claim' or 'flag'")
    target_id: str
    document_sha256: Optional[str] = Field(default=None, description="Limits a document-level flag's decision to one document.")
    status: str
    reason: Optional[str] = None
    note: Optional[str] = Field(default=None, sa_type=sa.Text)
    reviewer: Optional[str] = None
    decided_at: dt.datetime
    # revision 0005: the account that decided (claims serve), what kind of entry it is, what it reverts
    user_id: Optional[int] = Field(default=None, foreign_key="users.id")
    action: Optional[str] = Field(default=None, description="None (a decision), 'note', 'undo' or 'reopen'.")
    reverts: Optional[int] = Field(default=None, description="The decision an 'undo' entry reverts.")
    # revision 0006
    carried_from: Optional[str] = Field(default=None, description="sha256 of the version this decision was carried from.")


class UserRow(_Table, table=True):
    """An account of ``claims serve`` (revision 0005). Removing a user keeps the row (decisions refer to it)."""

    __tablename__ = "users"
    id: Optional[int] = Field(default=None, primary_key=True)
    name: str = Field(sa_column_kwargs={"unique": True})
    role: str = Field(description="'viewer', 'reviewer' or 'admin'.")
    password_hash: Optional[str] = None
    created_at: dt.datetime
    removed_at: Optional[dt.datetime] = None


class ApiTokenRow(_Table, table=True):
    """A per-user token of the JSON API (revision 0005); only its SHA-256 is stored."""

    __tablename__ = "api_tokens"
    id: Optional[int] = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="users.id")
    token_sha256: str = Field(sa_column_kwargs={"unique": True})
    label: Optional[str] = None
    created_at: dt.datetime
    revoked_at: Optional[dt.datetime] = None


class WebSessionRow(_Table, table=True):
    """A signed-in browser session of ``claims serve`` (revision 0005); the cookie's SHA-256 and its CSRF token."""

    __tablename__ = "web_sessions"
    token_sha256: str = Field(primary_key=True)
    user_id: int = Field(foreign_key="users.id")
    csrf: str
    created_at: dt.datetime
    expires_at: dt.datetime


ALL_TABLES = [MetaRow, DocumentRow, SourceRow, SourceAliasRow, ClaimRow, QuantityRow, FlagRow, DecisionRow,
              ClaimBandRow, UserRow, ApiTokenRow, WebSessionRow]
