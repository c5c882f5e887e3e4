"""The JSON API of ``claims serve`` under ``/api/``: a session cookie (its POSTs need the
``X-CSRF-Token`` header) or ``Authorization: Bearer TOKEN`` (``claims user token``)."""

from __future__ import annotations

import json

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from claims import review

from . import views
from .auth import CSRF_FIELD, CSRF_HEADER, Caller, caller, check_csrf, require
from .routes import _claim_ids_of, _decide, _flag, decision_json, form, me_of, reader

def _api_caller(request: Request) -> Caller:
    return caller(request)


async def _api_post_caller(request: Request) -> tuple[Caller, dict[str, str]]:
    me = await me_of(request)
    data = await form(request)
    check_csrf(me, request.headers.get(CSRF_HEADER) or data.get(CSRF_FIELD))
    require(me, "reviewer")
    return me, data


def api_me(request: Request) -> Response:
    me = _api_caller(request)
    return JSONResponse({"name": me.user.name, "role": me.user.role})


def api_queue(request: Request) -> Response:
    _api_caller(request)
    try:
        f = views.Filters.from_query(request.query_params)
        rows = views.queue(reader(request), f)
    except review.ReviewError as exc:
        raise HTTPException(400, str(exc)) from None
    return JSONResponse({"claims": [{
        "id": x["stored"].claim.id, "url": f"/claims/{x['stored'].claim.id}", "text": x["stored"].claim.text,
        "document": x["stored"].document.path, "source": x["stored"].claim.source.name if x["stored"].claim.source
        else None, "severity": x["severity"], "status": x["status"],
        "flags": [{"id": fl.id, "checker": fl.checker, "code": fl.code, "severity": fl.severity.value,
                   "status": fl.status or "open", "message": fl.message} for fl in x["stored"].claim.flags],
    } for x in rows]})


def api_claim(request: Request) -> Response:
    _api_caller(request)
    r = reader(request)
    page = views.claim_page(r, request.path_params["claim_id"], request.app.state.related_window)
    if page is None:
        raise HTTPException(404, "no such claim")
    c = page["claim"]
    return JSONResponse({
        "claim": json.loads(c.model_dump_json()), "document": {"id": page["document"].id,
                                                               "path": page["document"].path,
                                                               "title": page["document"].title},
        "history": [decision_json(d, c.id) for d in reversed(page["history"])],
        "related": [{"id": x.stored.claim.id, "relation": x.relation, "text": x.stored.claim.text,
                     "document": x.stored.document.path} for x in page["related"]],
    })


async def api_claim_decision(request: Request) -> Response:
    me, data = await _api_post_caller(request)
    cid = request.path_params["claim_id"]
    status = data.get("status", "").strip()
    if status in ("", "note"):
        made = await _decide(request, me, review.add_note, cid, data.get("note", ""))
    else:
        made = await _decide(request, me, review.set_status, cid, status, note=data.get("note"))
    return JSONResponse({"id": made.id, "target_id": made.target_id, "status": made.status,
                         "reviewer": made.reviewer, "action": made.action}, status_code=201)


async def api_flag_decision(request: Request) -> Response:
    me, data = await _api_post_caller(request)
    made = await _flag(request, me, request.path_params["flag_id"], data)
    return JSONResponse({"id": made.id, "target_id": made.target_id, "status": made.status,
                         "reviewer": made.reviewer, "action": made.action}, status_code=201)


async def api_undo(request: Request) -> Response:
    me, _data = await _api_post_caller(request)
    made = await _decide(request, me, review.undo, int(request.path_params["decision_id"]))
    return JSONResponse({"id": made.id, "target_id": made.target_id, "status": made.status,
                         "reverts": made.reverts, "action": "undo"}, status_code=201)


def api_changes(request: Request) -> Response:
    """Decisions after ``?after=ID`` (what the pages poll for live updates)."""
    _api_caller(request)
    try:
        after = int(request.query_params.get("after") or 0)
    except ValueError:
        raise HTTPException(400, "after must be a decision id") from None
    r = reader(request)
    found = r.decisions_after(after)
    owners = _claim_ids_of(r, found)
    return JSONResponse({"last": found[-1].id if found else after,
                         "decisions": [decision_json(d, owners.get(d.target_id)) for d in found]})


API_ROUTES = [
    Route("/api/me", api_me, methods=["GET"]),
    Route("/api/queue", api_queue, methods=["GET"]),
    Route("/api/claims/{claim_id}", api_claim, methods=["GET"]),
    Route("/api/claims/{claim_id}/decisions", api_claim_decision, methods=["POST"]),
    Route("/api/flags/{flag_id}/decisions", api_flag_decision, methods=["POST"]),
    Route("/api/decisions/{decision_id:int}/undo", api_undo, methods=["POST"]),
    Route("/api/changes", api_changes, methods=["GET"]),
]
