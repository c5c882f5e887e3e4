"""Who is asking: session cookies, API tokens, CSRF tokens, roles and the login rate limit."""

from __future__ import annotations

import hmac
import secrets
import threading
import time
from collections import deque
from dataclasses import dataclass
from typing import Any

from starlette.exceptions import HTTPException
from starlette.requests import Request

SESSION_COOKIE = "claims_session"
LOGIN_CSRF_COOKIE = "claims_login_csrf"
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "x-csrf-token"


class NotSignedIn(Exception):
    """No valid session: pages redirect to /login, the API answers 401."""


@dataclass
class Caller:
    """The signed-in user of a request, with the session's CSRF token (None for an API token)."""

    user: Any
    csrf: str | None
    via: str  # 'session' or 'token'


def caller(request: Request) -> Caller:
    """The caller from the session cookie or an ``Authorization: Bearer`` token; NotSignedIn otherwise."""
    accounts = request.app.state.accounts
    auth = request.headers.get("authorization", "")
    if auth.lower().startswith("bearer "):
        user = accounts.token_user(auth[7:].strip())
        if user is None:
            raise NotSignedIn("invalid API token")
        return Caller(user, None, "token")
    session = accounts.session(request.cookies.get(SESSION_COOKIE))
    if session is None:
        raise NotSignedIn("not signed in")
    return Caller(session.user, session.csrf, "session")


def check_csrf(c: Caller, submitted: str | None) -> None:
    """403 unless a session's POST carries its CSRF token (API-token calls carry no cookie to forge)."""
    if c.via == "token":
        return
    if not submitted or not c.csrf or not hmac.compare_digest(submitted, c.csrf):
        raise HTTPException(403, "missing or invalid CSRF token: reload the page and try again")


def require(c: Caller, role: str) -> None:
    if not c.user.can(role):
        raise HTTPException(403, f"{c.user.name} is a {c.user.role}: this needs the {role} role")


def new_login_csrf() -> str:
    return secrets.token_urlsafe(24)


class LoginLimiter:
    """At most ``attempts`` failed sign-ins per ``window`` seconds for one user name, and four times
    as many for one client address (a desk behind one NAT); past that, 429 until the oldest
    failure leaves the window."""

    def __init__(self, attempts: int = 5, window: float = 300.0) -> None:
        self.attempts, self.window = attempts, window
        self._failures: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def _recent(self, key: str, now: float) -> deque[float]:
        q = self._failures.setdefault(key, deque())
        while q and q[0] <= now - self.window:
            q.popleft()
        return q

    def wait(self, *keys: str) -> float:
        """Seconds until another attempt is allowed (0 when it is)."""
        now = time.monotonic()
        with self._lock:
            waits = [q[0] + self.window - now for k, q in ((k, self._recent(k, now)) for k in keys)
                     if len(q) >= self.attempts * (4 if k.startswith("ip:") else 1)]
        return max(waits, default=0.0)

    def failed(self, *keys: str) -> None:
        now = time.monotonic()
        with self._lock:
            for k in keys:
                self._recent(k, now).append(now)

    def succeeded(self, *keys: str) -> None:
        with self._lock:
            for k in keys:
                self._failures.pop(k, None)
