"""Alembic environment for the claims store.

claims runs it programmatically (``claims.db.engine.migrate``) and passes the open
connection in ``config.attributes["connection"]``: the migration joins the caller's
transaction. From the alembic command line it opens the store named by
``-x db=PATH_OR_URL`` (default ``claims.db``), e.g.::

    alembic -c claims_db/alembic.ini -x db=claims.db upgrade head
    alembic -c claims_db/alembic.ini revision -m "add ..."
"""

from __future__ import annotations

from alembic import context

from claims.db.tables import metadata

config = context.config


def _run(connection) -> None:
    context.configure(connection=connection, target_metadata=metadata, compare_type=True)
    with context.begin_transaction():
        context.run_migrations()


def run_migrations() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    from claims.db.engine import make_engine, write_connection

    url = context.get_x_argument(as_dictionary=True).get("db") or config.get_main_option("sqlalchemy.url") or "claims.db"
    if context.is_offline_mode():
        context.configure(url=url, target_metadata=metadata, literal_binds=True)
        with context.begin_transaction():
            context.run_migrations()
        return
    engine = make_engine(url)
    with write_connection(engine) as conn:
        with conn.begin():
            _run(conn)
    engine.dispose()


run_migrations()
