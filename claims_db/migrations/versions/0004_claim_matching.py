"""Claim matching and figure periods.

``claim_bands``: the MinHash band keys of each claim's content words and figures
(``claims.db.matching``); a claim of a new document is matched with stored claims
sharing a band key (index lookup), then verified with rapidfuzz. ``quantities``
gains ``period_kind`` (cumulative, day, night, week, days, date, rate) and ``part``
(a sub-count of another figure), so stored figures are compared only with
figures of the same period and scope.

Revision ID: 0004
Revises: 0002
Create Date: 2026-12-02
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("quantities", sa.Column("period_kind", sa.String(), nullable=True))
    op.add_column("quantities", sa.Column("part", sa.Boolean(), nullable=False, server_default=sa.false()))
    op.create_table(
        "claim_bands",
        sa.Column("band", sa.BigInteger(), nullable=False),
        sa.Column("claim_id", sa.String(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["claim_id"], ["claims.id"], name="fk_claim_bands_claim_id_claims"),
        sa.ForeignKeyConstraint(["document_id"], ["documents.id"], name="fk_claim_bands_document_id_documents"),
        sa.PrimaryKeyConstraint("band", "claim_id", name="pk_claim_bands"),
    )
    op.create_index("ix_claim_bands_claim", "claim_bands", ["claim_id"])
    op.execute(sa.text("UPDATE meta SET value = :v WHERE key = 'schema_version'").bindparams(v=revision))


def downgrade() -> None:
    op.drop_index("ix_claim_bands_claim", table_name="claim_bands")
    op.drop_table("claim_bands")
    op.drop_column("quantities", "part")
    op.drop_column("quantities", "period_kind")
    op.execute(sa.text("UPDATE meta SET value = '0002' WHERE key = 'schema_version'"))
