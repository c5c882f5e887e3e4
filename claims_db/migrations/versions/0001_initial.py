"""Initial schema: documents, sources, claims, quantities, flags, decisions, meta.

Revision ID: 0001
Revises:
Create Date: 2022-06-07
"""
from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

JSONType = sa.JSON().with_variant(JSONB(), "postgresql")


def upgrade() -> None:
    op.create_table(
        "meta",
        sa.Column("key", sa.String(), nullable=False),
        sa.Column("value", sa.String(), nullable=True),
        sa.PrimaryKeyConstraint("key", name="pk_meta"),
    )
    op.create_table(
        "documents",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("path", sa.String(), nullable=False),
        sa.Column("sha256", sa.String(), nullable=False),
        sa.Column("title", sa.String(), nullable=True),
        sa.Column("publisher", sa.String(), nullable=True),
        sa.Column("published", sa.Date(), nullable=True),
        sa.Column("checked_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("encoding", sa.String(), nullable=True),
        sa.Column("text", sa.Text(), nullable=True),
        sa.Column("details", JSONType, nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_documents"),
        sa.UniqueConstraint("sha256", name="uq_documents_sha256"),
    )
    op.create_index("ix_documents_published", "documents", ["published"])
    op.create_table(
        "sources",
        sa.Column("id", sa.String(), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("kind", sa.String(), nullable=True),
        sa.Column("parent", sa.String(), nullable=True),
        sa.Column("country", sa.String(), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_sources"),
    )
    op.create_table(
        "source_aliases",
        sa.Column("source_id", sa.String(), nullable=False),
        sa.Column("alias", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(["source_id"], ["sources.id"], name="fk_source_aliases_source_id_sources"),
        sa.PrimaryKeyConstraint("source_id", "alias", name="pk_source_aliases"),
    )
    op.create_table(
        "claims",
        sa.Column("id", sa.String(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("char_start", sa.Integer(), nullable=False),
        sa.Column("char_end", sa.Integer(), nullable=False),
        sa.Column("line", sa.Integer(), nullable=False),
        sa.Column("paragraph", sa.Integer(), nullable=False),
        sa.Column("source_id", sa.String(), nullable=True),
        sa.Column("source_name", sa.String(), nullable=True),
        sa.Column("source_mention", sa.String(), nullable=True),
        sa.Column("mention_start", sa.Integer(), nullable=True),
        sa.Column("mention_end", sa.Integer(), nullable=True),
        sa.Column("cue", sa.String(), nullable=True),
        sa.Column("mode", sa.String(), nullable=True),
        sa.Column("hedges", JSONType, nullable=True),
        sa.Column("dates", JSONType, nullable=True),
        sa.Column("status", sa.String(), nullable=True),
        sa.ForeignKeyConstraint(["document_id"], ["documents.id"], name="fk_claims_document_id_documents"),
        sa.ForeignKeyConstraint(["source_id"], ["sources.id"], name="fk_claims_source_id_sources"),
        sa.PrimaryKeyConstraint("id", name="pk_claims"),
    )
    op.create_index("ix_claims_document", "claims", ["document_id", "char_start"])
    op.create_index("ix_claims_source", "claims", ["source_id"])
    op.create_table(
        "quantities",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("claim_id", sa.String(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("source_id", sa.String(), nullable=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("value", sa.Float(), nullable=False),
        sa.Column("low", sa.Float(), nullable=True),
        sa.Column("high", sa.Float(), nullable=True),
        sa.Column("qualifier", sa.String(), nullable=True),
        sa.Column("unit", sa.String(), nullable=True),
        sa.Column("counts", sa.String(), nullable=True),
        sa.Column("measure", sa.String(), nullable=True),
        sa.Column("measure_key", sa.String(), nullable=True),
        sa.Column("text", sa.String(), nullable=False),
        sa.Column("char_start", sa.Integer(), nullable=False),
        sa.Column("char_end", sa.Integer(), nullable=False),
        sa.Column("approximate", sa.Boolean(), nullable=False),
        sa.Column("cumulative", sa.Boolean(), nullable=False),
        sa.Column("rate", sa.Boolean(), nullable=False),
        sa.Column("since", sa.Date(), nullable=True),
        sa.Column("as_of", sa.Date(), nullable=True),
        sa.Column("period", sa.String(), nullable=True),
        sa.Column("place", sa.String(), nullable=True),
        sa.ForeignKeyConstraint(["claim_id"], ["claims.id"], name="fk_quantities_claim_id_claims"),
        sa.ForeignKeyConstraint(["document_id"], ["documents.id"], name="fk_quantities_document_id_documents"),
        sa.PrimaryKeyConstraint("id", name="pk_quantities"),
    )
    op.create_index("ix_quantities_measure_as_of", "quantities", ["measure_key", "as_of"])
    op.create_index("ix_quantities_claim", "quantities", ["claim_id"])
    op.create_index("ix_quantities_document", "quantities", ["document_id"])
    op.create_table(
        "flags",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("flag_id", sa.String(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("claim_id", sa.String(), nullable=True),
        sa.Column("checker", sa.String(), nullable=False),
        sa.Column("code", sa.String(), nullable=False),
        sa.Column("severity", sa.String(), nullable=False),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("evidence_start", sa.Integer(), nullable=True),
        sa.Column("evidence_end", sa.Integer(), nullable=True),
        sa.Column("related", JSONType, nullable=True),
        sa.Column("data", JSONType, nullable=True),
        sa.Column("status", sa.String(), nullable=True),
        sa.ForeignKeyConstraint(["claim_id"], ["claims.id"], name="fk_flags_claim_id_claims"),
        sa.ForeignKeyConstraint(["document_id"], ["documents.id"], name="fk_flags_document_id_documents"),
        sa.PrimaryKeyConstraint("id", name="pk_flags"),
        sa.UniqueConstraint("document_id", "flag_id", name="uq_flags_document_flag"),
    )
    op.create_index("ix_flags_claim", "flags", ["claim_id"])
    op.create_index("ix_flags_checker", "flags", ["checker", "code"])
    op.create_table(
        "decisions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("target_kind", sa.String(), nullable=False),
        sa.Column("target_id", sa.String(), nullable=False),
        sa.Column("document_sha256", sa.String(), nullable=True),
        sa.Column("status", sa.String(), nullable=False),
        sa.Column("reason", sa.String(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("reviewer", sa.String(), nullable=True),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_decisions"),
    )
    op.create_index("ix_decisions_target", "decisions", ["target_id", "decided_at"])
    from claims import __version__
    meta = sa.table("meta", sa.column("key", sa.String()), sa.column("value", sa.String()))
    op.bulk_insert(meta, [
        {"key": "schema_version", "value": revision},
        {"key": "created_by", "value": f"claims {__version__}"},
        {"key": "created_at", "value": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")},
    ])


def downgrade() -> None:
    for table in ("decisions", "flags", "quantities", "claims", "source_aliases", "sources", "documents", "meta"):
        op.drop_table(table)
