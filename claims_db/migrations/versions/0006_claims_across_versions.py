"""Claims keep their id across versions of a document; carried decisions say where from.

A claim's id no longer hashes the whole document, so the same sentence in two versions of
one file has the same id: ``claims`` is keyed by ``(id, document_id)`` and the figures and
flags of a claim point at it with that pair. ``decisions.carried_from`` is the sha256 of
the version a decision was carried from when a new version of its document was stored.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

_FK_Q = "fk_quantities_claim_id_claims"
_FK_F = "fk_flags_claim_id_claims"
_FK_B = "fk_claim_bands_claim_id_claims"  # revision 0004's band keys, one row per version from here on


def upgrade() -> None:
    bind = op.get_bind()
    op.add_column("decisions", sa.Column("carried_from", sa.String(), nullable=True))
    if bind.dialect.name == "sqlite":
        # the tables are rebuilt inside the migration's transaction: foreign keys are checked at commit
        op.execute("PRAGMA defer_foreign_keys = ON")
        with op.batch_alter_table("quantities", recreate="always") as b:
            b.drop_constraint(_FK_Q, type_="foreignkey")
        with op.batch_alter_table("flags", recreate="always") as b:
            b.drop_constraint(_FK_F, type_="foreignkey")
        with op.batch_alter_table("claim_bands", recreate="always") as b:
            b.drop_constraint(_FK_B, type_="foreignkey")
            b.drop_constraint("pk_claim_bands", type_="primary")
            b.create_primary_key("pk_claim_bands", ["band", "claim_id", "document_id"])
        with op.batch_alter_table("claims", recreate="always") as b:
            b.drop_constraint("pk_claims", type_="primary")
            b.create_primary_key("pk_claims", ["id", "document_id"])
        with op.batch_alter_table("quantities", recreate="always") as b:
            b.create_foreign_key(_FK_Q, "claims", ["claim_id", "document_id"], ["id", "document_id"])
        with op.batch_alter_table("flags", recreate="always") as b:
            b.create_foreign_key(_FK_F, "claims", ["claim_id", "document_id"], ["id", "document_id"])
        with op.batch_alter_table("claim_bands", recreate="always") as b:
            b.create_foreign_key(_FK_B, "claims", ["claim_id", "document_id"], ["id", "document_id"])
    else:
        op.drop_constraint(_FK_Q, "quantities", type_="foreignkey")
        op.drop_constraint(_FK_F, "flags", type_="foreignkey")
        op.drop_constraint(_FK_B, "claim_bands", type_="foreignkey")
        op.drop_constraint("pk_claim_bands", "claim_bands", type_="primary")
        op.create_primary_key("pk_claim_bands", "claim_bands", ["band", "claim_id", "document_id"])
        op.drop_constraint("pk_claims", "claims", type_="primary")
        op.create_primary_key("pk_claims", "claims", ["id", "document_id"])
        op.create_foreign_key(_FK_Q, "quantities", "claims", ["claim_id", "document_id"], ["id", "document_id"])
        op.create_foreign_key(_FK_F, "flags", "claims", ["claim_id", "document_id"], ["id", "document_id"])
        op.create_foreign_key(_FK_B, "claim_bands", "claims", ["claim_id", "document_id"], ["id", "document_id"])
    op.execute(sa.text("UPDATE meta SET value = :v WHERE key = 'schema_version'").bindparams(v=revision))


def downgrade() -> None:
    raise NotImplementedError("0006 cannot be undone: claim ids are shared by versions of a document")
