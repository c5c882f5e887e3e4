"""The pages of ``claims serve`` (the JSON API is in ``.api``).

Pages: ``/login``, ``/`` (the queue), ``/claims/{id}``, ``/documents/{id}``, ``/history``,
``/users`` (admins). Form posts carry the session's CSRF token in ``csrf_token``. The API
under ``/api/`` takes a session cookie (posts then need the ``X-CSRF-Token`` header) or
``Authorization: Bearer TOKEN`` (``claims user token``).
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import parse_qsl, urlencode

from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Route

from claims import review

from . import views
from .auth import (CSRF_FIELD, LOGIN_CSRF_COOKIE, SESSION_COOKIE, Caller, NotSignedIn, caller,
                   check_csrf, new_login_csrf, require)

MAX_BODY = 64 * 1024


# -- helpers ------------------------------------------------------------------------------------

def render(request: Request, name: str, ctx: dict[str, Any], status: int = 200, me: Caller | None = None) -> Response:
    st = request.app.state
    if me is None:
        try:
            me = caller(request)
        except Exception:  # noqa: BLE001 - an error page for someone not signed in
            me = None
    page = st.templates.get_template(name).render(
        request=request, me=me, user=me.user if me else None, csrf=me.csrf if me else "", poll_ms=st.poll_ms,
        statuses=review.CLAIM_STATUSES, **ctx)
    return HTMLResponse(page, status_code=status)


async def form(request: Request) -> dict[str, str]:
    body = await request.body()
    if len(body) > MAX_BODY:
        raise HTTPException(413, "request too large")
    ctype = request.headers.get("content-type", "")
    if ctype.startswith("application/json"):
        try:
            data = json.loads(body or b"{}")
        except ValueError:
            raise HTTPException(400, "the body is not JSON") from None
        if not isinstance(data, dict):
            raise HTTPException(400, "expected a JSON object")
        return {k: v if isinstance(v, str) else json.dumps(v) for k, v in data.items() if v is not None}
    try:
        return dict(parse_qsl(body.decode("utf-8"), keep_blank_values=True))
    except UnicodeDecodeError:
        raise HTTPException(400, "the form is not UTF-8") from None


async def me_of(request: Request) -> Caller:
    return await run_in_threadpool(caller, request)


def reader(request: Request) -> Any:
    return request.app.state.store.reader()


def _safe_next(value: str | None) -> str:
    v = value or "/"
    return v if v.startswith("/") and not v.startswith("//") and "\\" not in v else "/"


def decision_json(d: Any, claim_id: str | None = None) -> dict[str, Any]:
    return {"id": d.id, "target_kind": d.target_kind, "target_id": d.target_id, "claim_id": claim_id,
            "status": d.status, "label": views.status_label(d.status) if d.target_kind == "claim" else d.status,
            "action": d.action, "reverts": d.reverts, "reason": d.reason, "note": d.note, "reviewer": d.reviewer,
            "decided_at": d.decided_at.isoformat()}


def _claim_ids_of(r: Any, decisions: list[Any]) -> dict[str, str | None]:
    out: dict[str, str | None] = {}
    for d in decisions:
        if d.target_kind == "claim":
            out[d.target_id] = d.target_id
        elif d.target_id not in out:
            found = r.find_flags(d.target_id)
            out[d.target_id] = found[0].flag.claim_id if found else None
    return out


async def _decide(request: Request, me: Caller, fn: Any, *args: Any, **kwargs: Any) -> Any:
    require(me, "reviewer")
    try:
        return await run_in_threadpool(fn, request.app.state.store, *args, reviewer=me.user.name,
                                       user_id=me.user.id, **kwargs)
    except review.ReviewError as exc:
        raise HTTPException(400, str(exc)) from None


# -- signing in ------------------------------------------------------------------------------------

async def login_page(request: Request) -> Response:
    try:
        await me_of(request)
        return RedirectResponse(_safe_next(request.query_params.get("next")), status_code=303)
    except NotSignedIn:
        pass
    return _login_form(request, "", 200)


def _login_form(request: Request, message: str, status: int) -> Response:
    token = new_login_csrf()
    resp = render(request, "login.html", {"login_csrf": token, "message": message,
                                          "next": _safe_next(request.query_params.get("next"))}, status=status)
    resp.set_cookie(LOGIN_CSRF_COOKIE, token, httponly=True, samesite="strict", path="/login",
                    secure=request.app.state.secure_cookies, max_age=3600)
    return resp


def _login_csrf_ok(request: Request, submitted: str | None) -> bool:
    """The sign-in form's token must match its cookie. A client that sends no token (a script,
    not a page) is let through unless a browser says the post comes from another site: browsers
    send ``Origin`` with every form post, so a cross-site sign-in forgery is still refused."""
    import hmac
    if submitted:
        cookie = request.cookies.get(LOGIN_CSRF_COOKIE, "")
        return bool(cookie) and hmac.compare_digest(cookie, submitted)
    origin = request.headers.get("origin")
    if request.headers.get("sec-fetch-site") in ("cross-site", "same-site"):
        return False
    if origin is None:
        return True
    from urllib.parse import urlsplit
    return origin != "null" and urlsplit(origin).netloc == request.headers.get("host", "")


async def login(request: Request) -> Response:
    st = request.app.state
    data = await form(request)
    if not _login_csrf_ok(request, data.get(CSRF_FIELD)):
        raise HTTPException(403, "missing or invalid CSRF token: reload the sign-in page")
    name = data.get("username", "").strip()
    keys = (f"ip:{request.client.host if request.client else '?'}", f"user:{name.lower()}")
    wait = st.limiter.wait(*keys)
    if wait > 0:
        resp = _login_form(request, f"Too many failed sign-ins: try again in {int(wait) + 1} s.", 429)
        resp.headers["retry-after"] = str(int(wait) + 1)
        return resp
    user = await run_in_threadpool(st.accounts.authenticate, name, data.get("password", ""))
    if user is None:
        st.limiter.failed(*keys)
        return _login_form(request, "Wrong user name or password.", 401)
    st.limiter.succeeded(*keys)
    token, _csrf = await run_in_threadpool(st.accounts.create_session, user)
    resp = RedirectResponse(_safe_next(data.get("next")), status_code=303)
    resp.set_cookie(SESSION_COOKIE, token, httponly=True, samesite="strict", path="/", secure=st.secure_cookies,
                    max_age=7 * 86400)
    resp.delete_cookie(LOGIN_CSRF_COOKIE, path="/login")
    return resp


async def logout(request: Request) -> Response:
    me = await me_of(request)
    check_csrf(me, (await form(request)).get(CSRF_FIELD))
    await run_in_threadpool(request.app.state.accounts.end_session, request.cookies.get(SESSION_COOKIE))
    resp = RedirectResponse("/login", status_code=303)
    resp.delete_cookie(SESSION_COOKIE, path="/")
    return resp


# -- pages -----------------------------------------------------------------------------------------

def queue_page(request: Request) -> Response:
    me = caller(request)
    r = reader(request)
    try:
        f = views.Filters.from_query(request.query_params)
        rows = views.queue(r, f)
    except review.ReviewError as exc:
        raise HTTPException(400, str(exc)) from None
    return render(request, "queue.html", {"rows": rows, "f": f, "options": views.filter_options(r),
                                          "severities": review.SEVERITIES, "last_id": r.last_decision_id(),
                                          "queue_statuses": views.QUEUE_STATUSES}, me=me)


def claim_view(request: Request) -> Response:
    me = caller(request)
    r = reader(request)
    page = views.claim_page(r, request.path_params["claim_id"], request.app.state.related_window)
    if page is None:
        raise HTTPException(404, "no such claim")
    return render(request, "claim.html", {**page, "last_id": r.last_decision_id(),
                                          "flag_statuses": review.FLAG_STATUSES,
                                          "saved": request.query_params.get("saved", "")}, me=me)


async def claim_decision(request: Request) -> Response:
    me = await me_of(request)
    data = await form(request)
    check_csrf(me, data.get(CSRF_FIELD))
    require(me, "reviewer")
    cid = request.path_params["claim_id"]
    status, note = data.get("status", "").strip(), data.get("note", "")
    if status in ("", "note"):
        made = await _decide(request, me, review.add_note, cid, note)
    else:
        made = await _decide(request, me, review.set_status, cid, status, note=note)
    return RedirectResponse(f"/claims/{made.target_id}?{urlencode({'saved': made.id})}", status_code=303)


async def flag_decision(request: Request) -> Response:
    me = await me_of(request)
    data = await form(request)
    check_csrf(me, data.get(CSRF_FIELD))
    require(me, "reviewer")
    made = await _flag(request, me, request.path_params["flag_id"], data)
    return RedirectResponse(f"/claims/{request.path_params['claim_id']}?{urlencode({'saved': made.id})}",
                            status_code=303)


async def _flag(request: Request, me: Caller, flag_id: str, data: dict[str, str]) -> Any:
    status, note, reason = data.get("status", "").strip(), data.get("note"), data.get("reason")
    if status == "dismissed":
        return await _decide(request, me, review.dismiss_flag, flag_id, reason=reason or "", note=note)
    if status == "confirmed":
        return await _decide(request, me, review.confirm_flag, flag_id, note=note)
    if status == "open":
        return await _decide(request, me, review.reopen, flag_id, note=note)
    raise HTTPException(400, f"invalid flag status {status!r} (confirmed, dismissed or open)")


async def undo_decision(request: Request) -> Response:
    me = await me_of(request)
    data = await form(request)
    check_csrf(me, data.get(CSRF_FIELD))
    made = await _decide(request, me, review.undo, int(request.path_params["decision_id"]))
    back = _safe_next(data.get("back"))
    sep = "&" if "?" in back else "?"
    return RedirectResponse(f"{back}{sep}{urlencode({'saved': made.id})}", status_code=303)


def document_view(request: Request) -> Response:
    me = caller(request)
    page = views.document_page(reader(request), request.path_params["doc_id"])
    if page is None:
        raise HTTPException(404, "no such document")
    return render(request, "document.html", {**page, "last_id": reader(request).last_decision_id()}, me=me)


def history_view(request: Request) -> Response:
    me = caller(request)
    r = reader(request)
    measures = r.measures()
    measure = request.query_params.get("measure") or (measures[0][0] if measures else "")
    source = request.query_params.get("source") or ""
    figures = r.history(measure, source or None) if measure else []
    return render(request, "history.html", {"measures": measures, "measure": measure, "source": source,
                                            "chart": views.chart(figures), "figures": figures}, me=me)


def users_page(request: Request) -> Response:
    me = caller(request)
    require(me, "admin")
    return render(request, "users.html", {"users": request.app.state.accounts.users(),
                                          "roles": ("viewer", "reviewer", "admin"),
                                          "message": request.query_params.get("message", "")}, me=me)


async def users_post(request: Request) -> Response:
    from claims.db.accounts import AccountError

    me = await me_of(request)
    data = await form(request)
    check_csrf(me, data.get(CSRF_FIELD))
    require(me, "admin")
    acc = request.app.state.accounts
    action, name = data.get("action", ""), data.get("name", "").strip()
    try:
        if action == "add":
            await run_in_threadpool(acc.add_user, name, data.get("password", ""), role=data.get("role", "reviewer"))
            msg = f"added {name}"
        elif action == "role":
            await run_in_threadpool(acc.set_role, name, data.get("role", ""))
            msg = f"{name} is now {data.get('role')}"
        elif action == "remove":
            if name == me.user.name:
                raise AccountError("you cannot remove yourself")
            await run_in_threadpool(acc.remove_user, name)
            msg = f"removed {name}"
        else:
            raise HTTPException(400, "unknown action")
    except AccountError as exc:
        msg = str(exc)
    return RedirectResponse(f"/users?{urlencode({'message': msg})}", status_code=303)


ROUTES = [  # the JSON API's are in .api (API_ROUTES)
    Route("/login", login_page, methods=["GET"]),
    Route("/login", login, methods=["POST"]),
    Route("/logout", logout, methods=["POST"]),
    Route("/", queue_page, methods=["GET"]),
    Route("/claims/{claim_id}", claim_view, methods=["GET"]),
    Route("/claims/{claim_id}/decisions", claim_decision, methods=["POST"]),
    Route("/claims/{claim_id}/flags/{flag_id}", flag_decision, methods=["POST"]),
    Route("/decisions/{decision_id:int}/undo", undo_decision, methods=["POST"]),
    Route("/documents/{doc_id:int}", document_view, methods=["GET"]),
    Route("/history", history_view, methods=["GET"]),
    Route("/users", users_page, methods=["GET"]),
    Route("/users", users_post, methods=["POST"]),
]


def all_routes() -> list[Route]:
    from .api import API_ROUTES
    return ROUTES + API_ROUTES
