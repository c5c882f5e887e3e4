"""Document versions and the over-time index.

An edited document (same path, new sha256) becomes a new version linked to the one
it replaces: ``documents.version``, ``version_of`` and ``superseded_by``. Stores made
before this revision get the links filled in from their paths, oldest first. The
index ``ix_quantities_measure_source`` serves the conflict checker's over-time lookup
(one source's figures for one measure).

Revision ID: 0002
Revises: 0001
Create Date: 2022-06-14
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    bind = op.get_bind()
    op.add_column("documents", sa.Column("version", sa.Integer(), nullable=False, server_default="1"))
    if bind.dialect.name == "sqlite":
        # SQLite adds a column with its REFERENCES clause in place (no table rebuild)
        op.execute("ALTER TABLE documents ADD COLUMN version_of INTEGER REFERENCES documents (id)")
        op.execute("ALTER TABLE documents ADD COLUMN superseded_by INTEGER REFERENCES documents (id)")
    else:
        op.add_column("documents", sa.Column("version_of", sa.Integer(), nullable=True))
        op.add_column("documents", sa.Column("superseded_by", sa.Integer(), nullable=True))
        op.create_foreign_key("fk_documents_version_of_documents", "documents", "documents", ["version_of"], ["id"])
        op.create_foreign_key("fk_documents_superseded_by_documents", "documents", "documents", ["superseded_by"], ["id"])
    op.create_index("ix_documents_path", "documents", ["path"])
    op.create_index("ix_quantities_measure_source", "quantities", ["measure_key", "source_id", "as_of"])

    # link the versions already stored: same path, in the order they were stored
    docs = sa.table("documents", sa.column("id", sa.Integer()), sa.column("path", sa.String()),
                    sa.column("version", sa.Integer()), sa.column("version_of", sa.Integer()),
                    sa.column("superseded_by", sa.Integer()))
    rows = bind.execute(sa.select(docs.c.id, docs.c.path).order_by(docs.c.path, docs.c.id)).all()
    previous: tuple[int, str] | None = None
    version = 0
    for doc_id, path in rows:
        if previous is not None and previous[1] == path:
            version += 1
            bind.execute(docs.update().where(docs.c.id == doc_id).values(version=version, version_of=previous[0]))
            bind.execute(docs.update().where(docs.c.id == previous[0]).values(superseded_by=doc_id))
        else:
            version = 1
        previous = (doc_id, path)
    op.execute(sa.text("UPDATE meta SET value = :v WHERE key = 'schema_version'").bindparams(v=revision))


def downgrade() -> None:
    op.drop_index("ix_quantities_measure_source", table_name="quantities")
    op.drop_index("ix_documents_path", table_name="documents")
    if op.get_bind().dialect.name != "sqlite":
        op.drop_constraint("fk_documents_superseded_by_documents", "documents", type_="foreignkey")
        op.drop_constraint("fk_documents_version_of_documents", "documents", type_="foreignkey")
    op.drop_column("documents", "superseded_by")
    op.drop_column("documents", "version_of")
    op.drop_column("documents", "version")
    op.execute(sa.text("UPDATE meta SET value = '0001' WHERE key = 'schema_version'"))
