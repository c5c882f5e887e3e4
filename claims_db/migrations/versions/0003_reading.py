"""What readers know: document format, author, URL and canonical URL; each claim's block kind and link.

``documents.format`` (``text``, ``html``, ``pdf``...), ``author``, ``url`` (where it was
fetched from) and ``canonical_url`` (the page's own); ``claims.block`` (``paragraph``,
``heading``, ``quote``, ``list-item``, ``caption``, ``table-row``) and ``claims.link``
(the page URL with a ``#:~:text=`` fragment that finds the claim). All nullable: rows
stored before this revision read back as plain-text paragraphs without links.

Revision ID: 0003
Revises: 0002
Create Date: 2026-03-02
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("documents", sa.Column("format", sa.String(), nullable=True))
    op.add_column("documents", sa.Column("author", sa.String(), nullable=True))
    op.add_column("documents", sa.Column("url", sa.Text(), nullable=True))
    op.add_column("documents", sa.Column("canonical_url", sa.Text(), nullable=True))
    op.add_column("claims", sa.Column("block", sa.String(), nullable=True))
    op.add_column("claims", sa.Column("link", sa.Text(), nullable=True))
    op.execute(sa.text("UPDATE meta SET value = :v WHERE key = 'schema_version'").bindparams(v=revision))


def downgrade() -> None:
    # SQLite (3.35+) drops a column in place when nothing refers to it
    op.drop_column("claims", "link")
    op.drop_column("claims", "block")
    op.drop_column("documents", "canonical_url")
    op.drop_column("documents", "url")
    op.drop_column("documents", "author")
    op.drop_column("documents", "format")
    op.execute(sa.text("UPDATE meta SET value = '0002' WHERE key = 'schema_version'"))
