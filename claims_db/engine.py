"""Connecting to a store and bringing its schema up to date.

- A plain path (``claims.db``) or ``sqlite:///...`` is a SQLite file, opened with WAL
  journaling, ``busy_timeout`` and ``foreign_keys``; write transactions start with
  ``BEGIN IMMEDIATE`` so two writers queue instead of failing half-way.
- ``postgresql+psycopg://...`` (``postgresql://`` and ``postgres://`` are read as
  the same) is a PostgreSQL database; ``?options=-csearch_path%3Dname`` selects a schema.
- :func:`migrate` runs the Alembic revisions in ``claims.db.migrations`` inside one
  transaction holding the write lock (SQLite) or an advisory lock (PostgreSQL), so two
  processes opening a new store at once create it once.
"""

from __future__ import annotations

import hashlib
import os
import random
import re
import time
from pathlib import Path
from typing import Any, Callable, TypeVar

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import URL, Engine, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, OperationalError

BUSY_TIMEOUT_MS = 30_000
_PG_MIGRATION_LOCK = 7_421_001  # pg_advisory_xact_lock key held while migrating
MIGRATIONS = Path(__file__).with_name("migrations")

T = TypeVar("T")


class StoreError(Exception):
    """The store cannot be opened, read or written; the message names the store and the problem."""


def parse_url(url: str | os.PathLike[str]) -> URL:
    """A SQLAlchemy URL for a path or a database URL (``postgresql://`` gets the psycopg driver)."""
    text = os.fspath(url).strip()
    if not text:
        raise StoreError("store: empty path or URL")
    if "://" not in text:
        return URL.create("sqlite", database=text)
    for prefix in ("postgres://", "postgresql://"):
        if text.startswith(prefix):
            text = "postgresql+psycopg://" + text[len(prefix):]
    try:
        u = make_url(text)
        u.port  # noqa: B018 - a port that is not a number fails here, not later with a traceback
        return u
    except (ArgumentError, ValueError) as exc:  # ValueError: the port is int("abc")
        shown = re.sub(r"//[^@/]*@", "//***@", text)  # never a password in a message
        why = "the port must be a number" if "int()" in str(exc) else str(exc)
        raise StoreError(f"store {shown}: not a path or database URL ({why})") from None


def display_url(url: URL) -> str:
    """How a store is named in messages: the file path for SQLite, the URL without password otherwise."""
    if url.get_backend_name() == "sqlite":
        return url.database or ":memory:"
    return url.render_as_string(hide_password=True)


def is_sqlite(engine_or_url: Engine | URL) -> bool:
    url = engine_or_url.url if isinstance(engine_or_url, Engine) else engine_or_url
    return url.get_backend_name() == "sqlite"


def make_engine(url: str | URL, create: bool = True) -> Engine:
    """An engine for a store; ``create=False`` refuses a SQLite file that does not exist."""
    u = url if isinstance(url, URL) else parse_url(url)
    name = display_url(u)
    backend = u.get_backend_name()
    if backend == "sqlite":
        db = u.database
        if db and db != ":memory:" and not db.startswith("file:"):
            path = Path(db)
            if not path.exists():
                if not create:
                    raise StoreError(f"store {name}: no such file")
                if not path.parent.exists() and str(path.parent) not in ("", "."):
                    raise StoreError(f"store {name}: directory {path.parent} does not exist")
            elif path.is_dir():
                raise StoreError(f"store {name}: is a directory, not a SQLite file")
        ro = _read_only_uri(Path(db)) if db and not create and not db.startswith("file:") and db != ":memory:" else None
        if ro is not None:  # a store we may read but not write (read-only file or folder): open it so
            import sqlite3
            engine = sa.create_engine(u, creator=lambda: sqlite3.connect(
                ro, uri=True, timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False))
        else:
            engine = sa.create_engine(u, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})
        _sqlite_events(engine, wal=create)
        return engine
    if backend == "postgresql":
        try:
            return sa.create_engine(u, pool_pre_ping=True)
        except ImportError as exc:
            raise StoreError(f"store {name}: PostgreSQL driver missing ({exc}); pip install 'claims[postgres]'") from None
    raise StoreError(f"store {name}: unsupported database {backend!r} (use a SQLite path or postgresql+psycopg://)")


def _read_only_uri(path: Path) -> str | None:
    """A ``mode=ro`` SQLite URI for a store file this process cannot write, else None. In a folder it
    cannot write either, WAL's shared-memory file cannot be made, so the file is opened immutable."""
    if not path.is_file():
        return None
    folder = path.resolve().parent
    if os.access(path, os.W_OK) and os.access(folder, os.W_OK):
        return None
    from urllib.parse import quote
    uri = f"file:{quote(str(path.resolve()))}?mode=ro"
    return uri + ("&immutable=1" if not os.access(folder, os.W_OK) else "")


def _sqlite_events(engine: Engine, wal: bool = True) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record):  # noqa: ANN001
        dbapi_conn.isolation_level = None  # the driver never BEGINs on its own; _on_begin does
        cur = dbapi_conn.cursor()
        cur.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cur.execute("PRAGMA foreign_keys = ON")
        if not wal:  # opened to read: switching the journal mode would write to the file
            cur.close()
            return
        for attempt in range(50):  # switching to WAL needs a moment alone with a brand-new file
            try:
                cur.execute("PRAGMA journal_mode = WAL")
                break
            except Exception as exc:  # noqa: BLE001 - sqlite3.OperationalError: database is locked
                if "locked" not in str(exc) or attempt == 49:
                    raise
                time.sleep(0.05 + random.random() * 0.1)
        cur.execute("PRAGMA synchronous = NORMAL")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn):  # noqa: ANN001
        # writers take the lock up front: no deadlocked read->write upgrades
        conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get("claims_write") else "BEGIN")


def _sqlstate(exc: BaseException) -> str | None:
    orig = getattr(exc, "orig", None)
    return getattr(orig, "sqlstate", None) or getattr(orig, "pgcode", None)


def is_retryable(exc: BaseException) -> bool:
    """SQLite 'database is locked'/'busy', PostgreSQL deadlock or serialization failure."""
    if isinstance(exc, OperationalError) and any(w in str(exc.orig).lower() for w in ("locked", "busy")):
        return True
    if isinstance(exc, DBAPIError):
        return _sqlstate(exc) in ("40P01", "40001")
    return False


def is_unique_violation(exc: BaseException, constraint: str | None = None) -> bool:
    """A unique constraint failed (optionally: the one named ``constraint``, e.g. ``uq_documents_sha256``)."""
    if not isinstance(exc, DBAPIError):
        return False
    text = str(exc.orig)
    if _sqlstate(exc) != "23505" and "UNIQUE constraint failed" not in text:
        return False
    if constraint is None:
        return True
    diag = getattr(getattr(exc.orig, "diag", None), "constraint_name", None)
    return diag == constraint or constraint in text or constraint.replace("uq_", "").replace("_", ".", 1) in text


def lock_key(*parts: str) -> int:
    """A signed 64-bit key for ``pg_advisory_xact_lock`` derived from ``parts``."""
    digest = hashlib.blake2b("\x1f".join(parts).encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


def advisory_lock(conn: sa.Connection, *parts: str) -> None:
    """Hold a PostgreSQL transaction-level lock on ``parts`` until commit (SQLite writers are serial already)."""
    if conn.dialect.name == "postgresql":
        conn.execute(sa.text("SELECT pg_advisory_xact_lock(:k)"), {"k": lock_key(*parts)})


def retrying(fn: Callable[[], T], attempts: int = 8,
             also: Callable[[BaseException], bool] | None = None) -> T:
    """Run ``fn`` (one whole transaction) again after a lock or deadlock error (or ``also``), with backoff."""
    for attempt in range(attempts):
        try:
            return fn()
        except DBAPIError as exc:
            if not (is_retryable(exc) or (also is not None and also(exc))) or attempt == attempts - 1:
                raise
            time.sleep(min(2.0, 0.05 * 2 ** attempt) * (0.5 + random.random()))
    raise AssertionError("unreachable")


def write_connection(engine: Engine):
    """A connection whose transactions are write transactions (``BEGIN IMMEDIATE`` on SQLite)."""
    conn = engine.connect()
    conn.execution_options(claims_write=True)
    return conn


# -- migrations ---------------------------------------------------------------------

def alembic_config(connection: Any = None):
    from alembic.config import Config
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


def head_revision() -> str:
    from alembic.script import ScriptDirectory
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def known_revisions() -> set[str]:
    from alembic.script import ScriptDirectory
    return {s.revision for s in ScriptDirectory.from_config(alembic_config()).walk_revisions()}


def current_revision(conn: sa.Connection) -> str | None:
    from alembic.runtime.migration import MigrationContext
    return MigrationContext.configure(conn).get_current_revision()


def migrate(engine: Engine, create: bool = True, revision: str = "head", hint: str | None = None) -> str | None:
    """Bring the schema to ``revision`` in place (never dropping data); return the revision it is at.

    With ``create=False`` nothing is written: a store that is empty or older raises StoreError.
    """
    from alembic import command

    name = display_url(engine.url)
    target = head_revision() if revision == "head" else revision

    def run() -> str | None:
        # without create nothing may be written: a plain (read) transaction, no lock
        with (write_connection(engine) if create else engine.connect()) as conn:
            with conn.begin():
                if create and not is_sqlite(engine):
                    conn.execute(sa.text("SELECT pg_advisory_xact_lock(:k)"), {"k": _PG_MIGRATION_LOCK})
                current = current_revision(conn)
                if current == target:
                    return current
                if current is not None and current not in known_revisions():
                    raise StoreError(f"store {name}: schema revision {current} is newer than this version of"
                                     f" claims knows (newest {head_revision()}); upgrade claims")
                tables: set[str] = set()
                if current is None:
                    tables = set(sa.inspect(conn).get_table_names())
                    if tables & {"documents", "claims", "quantities"}:
                        raise StoreError(f"store {name}: has claims-like tables but no schema version; not a claims store")
                if not create:
                    what = (f"at schema revision {current}, needs {target}" if current is not None
                            else "not a claims store (other tables, no schema version)" if tables else "empty")
                    hint_ = hint or "open it without --no-store to create or upgrade it"
                    raise StoreError(f"store {name}: {what} ({hint_})")
                command.upgrade(alembic_config(conn), target)
                return target

    try:
        return retrying(run)
    except StoreError:
        raise
    except DBAPIError as exc:
        raise StoreError(f"store {name}: {_short(exc)}") from None


def _short(exc: BaseException) -> str:
    orig = getattr(exc, "orig", None)
    text = str(orig if orig is not None else exc).strip().splitlines()
    return text[0] if text else type(exc).__name__
