"""Accounts of ``claims serve``: users with a role, API tokens and browser sessions (revision 0005).

Passwords are hashed with Argon2id (``argon2-cffi``); API tokens and session cookies are
random (``secrets.token_urlsafe``) and only their SHA-256 is stored, so a copy of the
database gives no way in. A removed user keeps its row (decisions refer to it) without a
password, tokens or sessions::

    from claims.db import open_store
    from claims.db.accounts import Accounts

    accounts = Accounts(open_store("claims.db"))
    accounts.add_user("ann", "a long passphrase", role="reviewer")
    user = accounts.authenticate("ann", "a long passphrase")
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from .engine import StoreError
from .tables import ApiTokenRow, UserRow, WebSessionRow

U = UserRow.__table__
T = ApiTokenRow.__table__
W = WebSessionRow.__table__

#: Roles, each allowed what the ones before it are: viewers read, reviewers decide, admins manage users.
ROLES = ("viewer", "reviewer", "admin")
RECOMMENDED_PASSWORD_LENGTH = 12
SESSION_DAYS = 7


class AccountError(Exception):
    """A user that cannot be added, found or changed; nothing was written."""


@dataclass(slots=True)
class User:
    id: int
    name: str
    role: str
    created_at: dt.datetime
    removed_at: dt.datetime | None = None

    def can(self, role: str) -> bool:
        """True when this user's role includes ``role`` (an admin can review, a reviewer can read)."""
        return self.removed_at is None and ROLES.index(self.role) >= ROLES.index(role)


@dataclass(slots=True)
class WebSession:
    user: User
    csrf: str
    expires_at: dt.datetime


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


def _utc(value: dt.datetime | None) -> dt.datetime | None:
    if value is None:
        return None
    return value.replace(tzinfo=dt.timezone.utc) if value.tzinfo is None else value.astimezone(dt.timezone.utc)


def _sha(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _user(r: Any) -> User:
    m = r._mapping
    return User(id=m["id"], name=m["name"], role=m["role"], created_at=_utc(m["created_at"]),
                removed_at=_utc(m["removed_at"]))


def check_role(role: str) -> str:
    r = (role or "").strip().lower()
    if r not in ROLES:
        raise AccountError(f"invalid role {role!r} (one of: {', '.join(ROLES)})")
    return r


_hashers: dict[str, Any] = {}

#: ``CLAIMS_PASSWORD_HASH=cheapest`` makes hashing fast for test suites (never for real accounts):
#: argon2-cffi's CHEAPEST profile instead of its default (argon2id, 64 MiB, t=3).
HASH_PROFILE_ENV = "CLAIMS_PASSWORD_HASH"


def _ph() -> Any:
    import os
    profile = os.environ.get(HASH_PROFILE_ENV, "default").strip().lower()
    if profile not in _hashers:
        from argon2 import PasswordHasher, profiles
        _hashers[profile] = (PasswordHasher.from_parameters(profiles.CHEAPEST) if profile == "cheapest"
                             else PasswordHasher())
    return _hashers[profile]


class Accounts:
    """Users, tokens and sessions of one store (``Store``); every write is one transaction."""

    def __init__(self, store: Any) -> None:
        self.store = store
        self._dummy_hash: str | None = None

    def _rows(self, stmt: Any) -> list[Any]:
        return self.store.reader()._rows(stmt)

    def _write(self, fn: Any, what: str) -> Any:
        return self.store._write(fn, what)

    # -- users
    def add_user(self, name: str, password: str, *, role: str = "reviewer") -> User:
        """Add a user (or give a removed one back its account); the password must not be empty
        (``claims user add`` warns below :data:`RECOMMENDED_PASSWORD_LENGTH`)."""
        name = (name or "").strip()
        if not name or any(ch.isspace() for ch in name) or len(name) > 64:
            raise AccountError(f"invalid user name {name!r}: 1-64 characters, no spaces")
        role = check_role(role)
        if not password:
            raise AccountError("the password is empty")
        hashed = _ph().hash(password)

        def write(conn: sa.Connection) -> None:
            row = conn.execute(sa.select(U.c.id, U.c.removed_at).where(U.c.name == name)).first()
            if row is not None and row.removed_at is None:
                raise AccountError(f"user {name!r} exists (claims user role to change its role)")
            if row is not None:
                conn.execute(sa.update(U).where(U.c.id == row.id).values(role=role, password_hash=hashed,
                                                                          removed_at=None))
            else:
                conn.execute(sa.insert(U).values(name=name, role=role, password_hash=hashed, created_at=_now()))

        self._write(write, f"add user {name}")
        return self.user(name)

    def users(self, include_removed: bool = False) -> list[User]:
        stmt = sa.select(U).order_by(U.c.name)
        if not include_removed:
            stmt = stmt.where(U.c.removed_at.is_(None))
        return [_user(r) for r in self._rows(stmt)]

    def user(self, name: str) -> User:
        """The active user ``name``; AccountError when there is none."""
        rows = self._rows(sa.select(U).where(U.c.name == name, U.c.removed_at.is_(None)))
        if not rows:
            raise AccountError(f"no user {name!r} in store {self.store.url}")
        return _user(rows[0])

    def user_by_id(self, user_id: int) -> User | None:
        rows = self._rows(sa.select(U).where(U.c.id == user_id))
        return _user(rows[0]) if rows else None

    def set_role(self, name: str, role: str) -> User:
        role = check_role(role)
        user = self.user(name)
        self._write(lambda conn: conn.execute(sa.update(U).where(U.c.id == user.id).values(role=role)),
                    f"change the role of {name}")
        return self.user(name)

    def set_password(self, name: str, password: str) -> None:
        if not password:
            raise AccountError("the password is empty")
        user = self.user(name)
        hashed = _ph().hash(password)

        def write(conn: sa.Connection) -> None:
            conn.execute(sa.update(U).where(U.c.id == user.id).values(password_hash=hashed))
            conn.execute(sa.delete(W).where(W.c.user_id == user.id))

        self._write(write, f"change the password of {name}")

    def remove_user(self, name: str) -> User:
        """Remove a user: no password, tokens or sessions any more; the row stays for its decisions."""
        user = self.user(name)

        def write(conn: sa.Connection) -> None:
            now = _now()
            conn.execute(sa.update(U).where(U.c.id == user.id).values(removed_at=now, password_hash=None))
            conn.execute(sa.update(T).where(T.c.user_id == user.id, T.c.revoked_at.is_(None)).values(revoked_at=now))
            conn.execute(sa.delete(W).where(W.c.user_id == user.id))

        self._write(write, f"remove user {name}")
        return user

    def authenticate(self, name: str, password: str) -> User | None:
        """The user when the password is right, else None (same work either way: no timing hint)."""
        from argon2.exceptions import InvalidHashError, VerificationError
        rows = self._rows(sa.select(U).where(U.c.name == (name or ""), U.c.removed_at.is_(None)))
        stored = rows[0]._mapping["password_hash"] if rows else None
        if stored is None:
            if self._dummy_hash is None:
                self._dummy_hash = _ph().hash(secrets.token_hex(8))
            stored = self._dummy_hash
            rows = []
        try:
            _ph().verify(stored, password or "")
        except (VerificationError, InvalidHashError):
            return None
        return _user(rows[0]) if rows else None

    # -- API tokens
    def create_token(self, name: str, label: str | None = None) -> str:
        """A new API token for ``name``; returned once, only its hash is kept."""
        user = self.user(name)
        token = "clm_" + secrets.token_urlsafe(32)
        self._write(lambda conn: conn.execute(sa.insert(T).values(
            user_id=user.id, token_sha256=_sha(token), label=label, created_at=_now())), f"add a token for {name}")
        return token

    def token_user(self, token: str) -> User | None:
        if not token:
            return None
        rows = self._rows(sa.select(U).select_from(T.join(U, U.c.id == T.c.user_id))
                          .where(T.c.token_sha256 == _sha(token), T.c.revoked_at.is_(None), U.c.removed_at.is_(None)))
        return _user(rows[0]) if rows else None

    def revoke_tokens(self, name: str) -> int:
        user = self.user(name)
        return self._write(lambda conn: conn.execute(sa.update(T).where(T.c.user_id == user.id, T.c.revoked_at.is_(None))
                                                     .values(revoked_at=_now())).rowcount, f"revoke tokens of {name}")

    # -- browser sessions
    def create_session(self, user: User, days: int = SESSION_DAYS) -> tuple[str, str]:
        """A new session: (cookie value, CSRF token)."""
        token, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
        now = _now()

        def write(conn: sa.Connection) -> None:
            conn.execute(sa.delete(W).where(W.c.expires_at < now))
            conn.execute(sa.insert(W).values(token_sha256=_sha(token), user_id=user.id, csrf=csrf, created_at=now,
                                             expires_at=now + dt.timedelta(days=days)))

        self._write(write, f"sign in {user.name}")
        return token, csrf

    def session(self, token: str | None) -> WebSession | None:
        if not token:
            return None
        rows = self._rows(sa.select(U, W.c.csrf, W.c.expires_at).select_from(W.join(U, U.c.id == W.c.user_id))
                          .where(W.c.token_sha256 == _sha(token), U.c.removed_at.is_(None)))
        if not rows:
            return None
        m = rows[0]._mapping
        expires = _utc(m["expires_at"])
        if expires <= _now():
            return None
        return WebSession(_user(rows[0]), m["csrf"], expires)

    def end_session(self, token: str | None) -> None:
        if token:
            self._write(lambda conn: conn.execute(sa.delete(W).where(W.c.token_sha256 == _sha(token))), "sign out")


__all__ = ["AccountError", "Accounts", "ROLES", "StoreError", "User", "WebSession", "check_role"]
