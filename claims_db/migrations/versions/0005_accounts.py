"""Accounts of ``claims serve``: users, API tokens, browser sessions; who made each decision.

New tables ``users``, ``api_tokens`` and ``web_sessions``; new columns on ``decisions``:
``user_id`` (the account that decided, NULL for the command line), ``action`` (NULL for a
decision, 'note', 'undo' or 'reopen') and ``reverts`` (the decision an undo reverts).
Nothing existing changes.

Revision ID: 0005
Revises: 0002
Create Date: 2026-12-02
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "users",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("role", sa.String(), nullable=False),
        sa.Column("password_hash", sa.String(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("removed_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_users"),
        sa.UniqueConstraint("name", name="uq_users_name"),
    )
    op.create_table(
        "api_tokens",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("token_sha256", sa.String(), nullable=False),
        sa.Column("label", sa.String(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name="fk_api_tokens_user_id_users"),
        sa.PrimaryKeyConstraint("id", name="pk_api_tokens"),
        sa.UniqueConstraint("token_sha256", name="uq_api_tokens_token_sha256"),
    )
    op.create_table(
        "web_sessions",
        sa.Column("token_sha256", sa.String(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("csrf", sa.String(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name="fk_web_sessions_user_id_users"),
        sa.PrimaryKeyConstraint("token_sha256", name="pk_web_sessions"),
    )
    if op.get_bind().dialect.name == "sqlite":
        # SQLite adds a column with its REFERENCES clause in place (no table rebuild)
        op.execute("ALTER TABLE decisions ADD COLUMN user_id INTEGER REFERENCES users (id)")
    else:
        op.add_column("decisions", sa.Column("user_id", sa.Integer(), nullable=True))
        op.create_foreign_key("fk_decisions_user_id_users", "decisions", "users", ["user_id"], ["id"])
    op.add_column("decisions", sa.Column("action", sa.String(), nullable=True))
    op.add_column("decisions", sa.Column("reverts", sa.Integer(), nullable=True))
    op.execute(sa.text("UPDATE meta SET value = :v WHERE key = 'schema_version'").bindparams(v=revision))


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        with op.batch_alter_table("decisions") as batch:  # a column with REFERENCES needs a rebuild
            for name in ("reverts", "action", "user_id"):
                batch.drop_column(name)
    else:
        op.drop_column("decisions", "reverts")
        op.drop_column("decisions", "action")
        op.drop_constraint("fk_decisions_user_id_users", "decisions", type_="foreignkey")
        op.drop_column("decisions", "user_id")
    op.drop_table("web_sessions")
    op.drop_table("api_tokens")
    op.drop_table("users")
    op.execute(sa.text("UPDATE meta SET value = :v WHERE key = 'schema_version'").bindparams(v=down_revision))
