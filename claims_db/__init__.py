"""The claims store (``claims.db``): checked documents, claims, figures, flags and review decisions.

SQLite by default (``claims.db`` in the current directory, an ordinary database
Datasette or sqlite-utils can open), PostgreSQL for a team sharing one store::

    from claims.db import open_store
    store = open_store("claims.db")                 # or "postgresql+psycopg://user@host/db"
    result = store.save(document)                   # idempotent, one transaction
    reader = store.reader()                         # read-only; what checkers get as `store`
    reader.quantities_for("killed", start=..., end=..., exclude_document=document.sha256)
    store.close()

Opening a store runs its migrations (``claims.db.migrations``): a store made by an
older version is upgraded in place. See ``docs/store.md``.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .engine import StoreError
    from .store import Store

# SQLAlchemy costs about 0.3 s to import: the names below load on first use, so that
# importing ``claims.db.scope`` (the conflict checker does) or a --no-store run does not pay it.
_LAZY = {
    "StoreError": "engine", "display_url": "engine", "head_revision": "engine", "make_engine": "engine",
    "migrate": "engine", "parse_url": "engine", "Scope": "scope", "measure_key": "scope",
    **{name: "store" for name in (
        "Decision", "DocumentInfo", "Related", "SaveResult", "SourceInfo", "Store", "StoredClaim", "StoredFlag",
        "StoredQuantity", "StoreReader")},
}

__all__ = [
    "Decision", "DocumentInfo", "Related", "SaveResult", "Scope", "SourceInfo", "Store", "StoreError",
    "StoreReader", "StoredClaim", "StoredFlag", "StoredQuantity", "head_revision", "measure_key", "open_store",
    "upgrade",
]


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import importlib
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


def open_store(url: str | os.PathLike[str], create: bool = True, hint: str | None = None) -> Store:
    """Open (and create or upgrade) the store at a SQLite path or database URL.

    :param create: False for a dry run or a read command: nothing is written (a missing SQLite
        file is not created, an empty, foreign or old store is not given the schema); these
        raise :class:`StoreError`, ending with ``hint`` when given.
    :raises StoreError: one line naming the store and the problem.
    """
    from sqlalchemy.exc import SQLAlchemyError

    from .engine import StoreError, display_url, make_engine, migrate, parse_url
    from .store import Store

    u = parse_url(url)
    engine = make_engine(u, create=create)
    try:
        migrate(engine, create=create, hint=hint)
    except StoreError:
        engine.dispose()
        raise
    except SQLAlchemyError as exc:  # e.g. "file is not a database", connection refused
        engine.dispose()
        orig = getattr(exc, "orig", None) or exc
        raise StoreError(f"store {display_url(u)}: {str(orig).strip().splitlines()[0]}") from None
    return Store(engine)


def upgrade(url: str | os.PathLike[str], revision: str = "head") -> str | None:
    """Create or upgrade the store's schema to ``revision`` (default the newest) and return it."""
    from .engine import make_engine, migrate, parse_url

    engine = make_engine(parse_url(url))
    try:
        return migrate(engine, revision=revision)
    finally:
        engine.dispose()
