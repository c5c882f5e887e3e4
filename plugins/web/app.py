"""The ``claims serve`` application: Starlette with Jinja2 templates over a store.

``create_app(store)`` gives an ASGI app (run by uvicorn in ``claims serve``, or driven by
Starlette's ``TestClient`` in tests). Every response carries a Content-Security-Policy
that allows no inline script (the one script is ``/static/app.js``), errors are short pages
without tracebacks, and all text is escaped by Jinja2's autoescape.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, RedirectResponse, Response
from starlette.routing import Mount
from starlette.staticfiles import StaticFiles

from .auth import LoginLimiter, NotSignedIn

HERE = Path(__file__).parent

CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
       "form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
SECURITY_HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"same-origin"),
    (b"cache-control", b"no-store"),
]


class SecurityHeaders:
    """Adds the CSP and friends to every HTTP response (static files included)."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Any) -> None:
            if message["type"] == "http.response.start":
                names = {k.lower() for k, _ in message.get("headers", [])}
                message.setdefault("headers", [])
                message["headers"] = list(message["headers"]) + [(k, v) for k, v in SECURITY_HEADERS if k not in names]
            await send(message)

        await self.app(scope, receive, send_with_headers)


def templates() -> Environment:
    from .views import status_label

    env = Environment(loader=FileSystemLoader(str(HERE / "templates")),
                      autoescape=select_autoescape(["html", "svg"], default=True), trim_blocks=True,
                      lstrip_blocks=True)
    env.filters["status_label"] = status_label
    env.filters["time"] = lambda v: v.strftime("%Y-%m-%d %H:%M UTC") if v else ""
    return env


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/") or "application/json" in request.headers.get("accept", "")


def create_app(store: Any, *, settings: Any = None, poll_seconds: float = 2.0, secure_cookies: bool = False,
               login_attempts: int = 5, login_window: float = 300.0, related_window: int = 7) -> Starlette:
    """The web app over an open ``Store`` (SQLite or PostgreSQL); accounts in the same store."""
    from claims.db.accounts import Accounts

    from .routes import all_routes, render

    async def not_signed_in(request: Request, exc: Exception) -> Response:
        if _wants_json(request):
            return JSONResponse({"error": "not signed in"}, status_code=401)
        if request.method != "GET":
            return PlainTextResponse("not signed in", status_code=401)
        nxt = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        from urllib.parse import quote
        return RedirectResponse(f"/login?next={quote(nxt, safe='')}", status_code=303)

    async def http_error(request: Request, exc: Exception) -> Response:
        status = getattr(exc, "status_code", 500)
        detail = getattr(exc, "detail", "") or ""
        if _wants_json(request):
            return JSONResponse({"error": detail}, status_code=status)
        return render(request, "error.html", {"status": status, "detail": detail}, status=status)

    async def server_error(request: Request, exc: Exception) -> Response:
        if _wants_json(request):
            return JSONResponse({"error": "internal error"}, status_code=500)
        return PlainTextResponse("Internal error: the request could not be completed (see the server log).",
                                 status_code=500)

    app = Starlette(
        debug=False,
        routes=[*all_routes(), Mount("/static", app=StaticFiles(directory=str(HERE / "static")), name="static")],
        exception_handlers={NotSignedIn: not_signed_in, HTTPException: http_error, 500: server_error,
                            Exception: server_error},
    )
    app.state.store = store
    app.state.accounts = Accounts(store)
    app.state.settings = settings
    app.state.poll_ms = int(max(0.2, poll_seconds) * 1000)
    app.state.secure_cookies = secure_cookies
    app.state.limiter = LoginLimiter(login_attempts, login_window)
    app.state.related_window = related_window
    app.state.templates = templates()
    app.add_middleware(SecurityHeaders)
    return app
