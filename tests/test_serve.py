"""``claims serve`` over HTTP (Starlette's TestClient on the real app and store): the contract outside
clients rely on, CSRF, roles, escaping of a hostile bulletin, the JSON API with tokens, undo, live
changes, rate-limited sign-in, errors without tracebacks; SQLite and PostgreSQL."""

from __future__ import annotations

import re

import pytest
import sqlalchemy as sa

from claims.db import open_store
from claims.db.accounts import Accounts
from claims.review import review_queue
from conftest_store import store_url  # noqa: F401 - fixture
from serve_helpers import PASSWORD, Forms, add_user, csrf_of, sign_in
from test_report import HOSTILE
from test_review import Flood, check_json, cli

pytestmark = pytest.mark.filterwarnings("ignore:Using `httpx`")


@pytest.fixture(autouse=True)
def _cheap_hashes(monkeypatch):
    monkeypatch.setenv("CLAIMS_PASSWORD_HASH", "cheapest")  # real argon2id, the cheapest parameters


@pytest.fixture
def desk(store_url, tmp_path):  # noqa: F811
    """Both flood bulletins stored, three users (CLI-made), the app over the store, and a client factory."""
    from starlette.testclient import TestClient

    from claims.plugins.web.app import create_app

    flood = Flood(store_url, tmp_path)
    for name, role in (("ann", "reviewer"), ("vic", "viewer"), ("ada", "admin")):
        add_user(store_url, name, role)
    store = open_store(store_url)
    app = create_app(store, login_attempts=3, login_window=600)
    clients = []

    def client():
        c = TestClient(app, base_url="http://127.0.0.1", raise_server_exceptions=False)
        clients.append(c)
        return c

    yield flood, store, app, client
    for c in clients:
        c.close()
    store.close()


def test_without_a_session_pages_redirect_to_login_and_the_api_says_401(desk):
    flood, _store, _app, client = desk
    c = client()
    for path in ("/", f"/claims/{flood.parts}", "/documents/1", "/history", "/users"):
        r = c.get(path, follow_redirects=False)
        assert r.status_code == 303 and r.headers["location"].startswith("/login"), path
    assert c.get("/api/queue").status_code == 401
    r = c.post(f"/claims/{flood.parts}/decisions", data={"status": "false", "note": "x"}, follow_redirects=False)
    assert r.status_code == 401
    login = Forms(c.get("/login").text).form("/login")
    assert login["method"] == "post"
    assert login["fields"]["username"][0] == "text" and login["fields"]["password"][0] == "password"
    assert login["fields"]["csrf_token"][0] == "hidden"


def test_sign_in_queue_claim_page_and_a_decision_recorded_with_its_user(desk):
    flood, store, _app, client = desk
    c = client()
    r = sign_in(c, "ann")
    assert r.status_code == 303 and r.headers["location"] == "/"
    cookie = r.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie and "claims_session=" in cookie
    queue = c.get("/")
    assert queue.status_code == 200
    linked = [h.split("/")[-1] for h in Forms(queue.text).links if re.fullmatch(r"/claims/[^/?#]+", h)]
    expected = [s.claim.id for s in review_queue(store.reader())]
    assert linked == expected and linked[0] == flood.parts  # the arithmetic error first
    page = c.get(f"/claims/{flood.parts}")
    form = Forms(page.text).form(f"/claims/{flood.parts}/decisions")
    assert form["method"] == "post" and {"status", "note", "csrf_token"} <= set(form["fields"])
    assert form["fields"]["csrf_token"][0] == "hidden"
    plain = re.sub(r"<[^>]+>", "", page.text)
    assert "150 people had been killed" in plain and "Related claims in other documents" in plain

    for data in ({"status": "false", "note": "no token"},
                 {"status": "false", "note": "wrong token", "csrf_token": "x" * 43}):
        assert c.post(f"/claims/{flood.parts}/decisions", data=data, follow_redirects=False).status_code == 403
    assert store.reader().decisions() == []
    token = form["fields"]["csrf_token"][1]
    r = c.post(f"/claims/{flood.parts}/decisions", data={"status": "false", "note": "390, not 410",
                                                          "csrf_token": token}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].startswith(f"/claims/{flood.parts}")
    [d] = store.reader().decisions()
    ann = Accounts(store).user("ann")
    assert (d.target_id, d.status, d.note, d.reviewer, d.user_id) == (flood.parts, "false", "390, not 410", "ann", ann.id)
    after = c.get(f"/claims/{flood.parts}").text
    assert 'data-status="false"' in after and "390, not 410" in after
    assert flood.parts not in c.get("/").text  # decided: out of the default queue
    assert flood.parts in c.get("/?status=all").text


def test_a_viewer_reads_but_cannot_decide_and_only_admins_manage_users(desk):
    flood, store, _app, client = desk
    v = client()
    sign_in(v, "vic")
    page = v.get(f"/claims/{flood.parts}")
    assert page.status_code == 200 and f'action="/claims/{flood.parts}/decisions"' not in page.text
    r = v.post(f"/claims/{flood.parts}/decisions", data={"status": "verified", "note": "",
                                                          "csrf_token": csrf_of(page.text)}, follow_redirects=False)
    assert r.status_code == 403 and store.reader().decisions() == []
    assert v.get("/users").status_code == 403
    a = client()
    sign_in(a, "ada")
    users = a.get("/users")
    assert users.status_code == 200 and "vic" in users.text
    r = a.post("/users", data={"action": "role", "name": "vic", "role": "reviewer", "csrf_token": csrf_of(users.text)})
    assert r.status_code == 200 and Accounts(store).user("vic").role == "reviewer"
    assert a.post("/users", data={"action": "remove", "name": "vic"}, follow_redirects=False).status_code == 403


def test_flags_dismissed_and_reopened_from_the_claim_page_and_undo_adds_an_entry(desk):
    flood, store, _app, client = desk
    c = client()
    sign_in(c, "ann")
    page = c.get(f"/claims/{flood.hedged}")
    action = f"/claims/{flood.hedged}/flags/{flood.hedge_flag}"
    token = Forms(page.text).form(action)["fields"]["csrf_token"][1]
    assert c.post(action, data={"status": "dismissed", "reason": "", "csrf_token": token}).status_code == 400
    c.post(action, data={"status": "dismissed", "reason": "the service's own forecast", "csrf_token": token})
    assert store.reader().find_flags(flood.hedge_flag)[0].flag.status == "dismissed"
    c.post(action, data={"status": "open", "csrf_token": token})
    assert store.reader().find_flags(flood.hedge_flag)[0].flag.status == "open"
    c.post(f"/claims/{flood.total}/decisions", data={"status": "verified", "note": "", "csrf_token": token})
    [last] = [d for d in store.reader().decisions() if d.target_id == flood.total]
    page = c.get(f"/claims/{flood.total}").text
    assert f'action="/decisions/{last.id}/undo"' in page
    r = c.post(f"/decisions/{last.id}/undo", data={"csrf_token": token, "back": f"/claims/{flood.total}"},
               follow_redirects=False)
    assert r.status_code == 303
    history = [d for d in store.reader().decisions() if d.target_id == flood.total]
    assert [(d.status, d.action, d.reverts) for d in history] == [("verified", None, None),
                                                                  ("unreviewed", "undo", last.id)]
    assert store.reader().claim(flood.total).claim.status == "unreviewed"
    # the changes the pages poll, in order, each with the claim it concerns
    changes = c.get("/api/changes?after=0").json()
    assert [(d["target_id"], d["status"], d["claim_id"]) for d in changes["decisions"]][-2:] == [
        (flood.total, "verified", flood.total), (flood.total, "unreviewed", flood.total)]
    assert changes["decisions"][0]["claim_id"] == flood.hedged  # a flag's decision names its claim
    assert c.get(f"/api/changes?after={changes['last']}").json()["decisions"] == []


def test_the_json_api_with_per_user_tokens(desk):
    flood, store, _app, client = desk
    ann = cli("user", "token", "ann", "--db", flood.db, "--label", "newsroom bot").stdout.strip()
    vic = cli("user", "token", "vic", "--db", flood.db).stdout.strip()
    c = client()
    assert c.get("/api/queue", headers={"Authorization": "Bearer nope"}).status_code == 401
    q = c.get("/api/queue", headers={"Authorization": f"Bearer {ann}"}).json()
    assert [x["id"] for x in q["claims"]][0] == flood.parts and q["claims"][0]["url"] == f"/claims/{flood.parts}"
    r = c.post(f"/api/claims/{flood.parts}/decisions", json={"status": "false", "note": "from the CMS"},
               headers={"Authorization": f"Bearer {ann}"})
    assert r.status_code == 201 and r.json()["reviewer"] == "ann"
    r = c.post(f"/api/claims/{flood.parts}/decisions", json={"status": "verified"},
               headers={"Authorization": f"Bearer {vic}"})
    assert r.status_code == 403
    r = c.post(f"/api/claims/{flood.parts}/decisions", json={"status": "nonsense"},
               headers={"Authorization": f"Bearer {ann}"})
    assert r.status_code == 400 and "invalid claim status" in r.json()["error"]
    detail = c.get(f"/api/claims/{flood.parts}", headers={"Authorization": f"Bearer {ann}"}).json()
    assert [h["status"] for h in detail["history"]] == ["false"] and detail["claim"]["id"] == flood.parts
    assert cli("user", "remove", "ann", "--db", flood.db).exit_code == 0
    assert c.get("/api/queue", headers={"Authorization": f"Bearer {ann}"}).status_code == 401
    # a signed-in page's session may post to the API only with its CSRF token in a header
    sign_in(c, "ada")
    token = csrf_of(c.get("/").text)
    assert c.post(f"/api/claims/{flood.total}/decisions", json={"status": "verified"}).status_code == 403
    assert c.post(f"/api/claims/{flood.total}/decisions", json={"status": "verified"},
                  headers={"X-CSRF-Token": token}).status_code == 201


def test_sign_in_is_rate_limited(desk):
    _flood, _store, _app, client = desk
    c = client()
    assert [sign_in(c, "ann", "wrong password").status_code for _ in range(3)] == [401, 401, 401]
    r = sign_in(c, "ann", PASSWORD)  # right now, but too many failures just before
    assert r.status_code == 429 and "Too many failed sign-ins" in r.text and int(r.headers["retry-after"]) > 0
    assert sign_in(client(), "ada", PASSWORD).status_code == 303  # another user is not locked out
    # the sign-in form's token must match its cookie; a post from another site is refused
    assert c.post("/login", data={"username": "ada", "password": PASSWORD, "csrf_token": "forged"}).status_code == 403
    assert c.post("/login", data={"username": "ada", "password": PASSWORD},
                  headers={"Origin": "https://evil.example"}).status_code == 403
    assert c.post("/login", data={"username": "ada", "password": PASSWORD},
                  headers={"Sec-Fetch-Site": "cross-site"}).status_code == 403
    # a script that sends only the two fields (no browser, so no forgery) signs in
    r = client().post("/login", data={"username": "ada", "password": PASSWORD}, follow_redirects=False)
    assert r.status_code == 303 and "claims_session=" in r.headers["set-cookie"]


def test_pages_document_history_chart_and_filters(desk):
    flood, store, _app, client = desk
    c = client()
    sign_in(c, "ann")
    doc_id = store.reader().find_documents("flood-a.txt")[0].id
    page = c.get(f"/documents/{doc_id}").text
    assert f'href="/claims/{flood.parts}"' in page and "sev-error" in page
    assert "37 bridges had been destroyed" in re.sub(r"<[^>]+>", "", page)
    history = c.get("/history?measure=casualties")
    assert history.status_code == 200
    assert history.text.count("<circle") == len([q for q in store.reader().history("casualties")
                                                if q.as_of or q.published]) >= 2
    assert c.get("/?severity=error").text.count('class="claim-link"') == 1
    assert c.get("/?checker=conflict").text.count('class="claim-link"') == 1
    assert c.get("/?document=flood-b.txt").text.count('class="claim-link"') == 1
    assert c.get("/?source=nobody").text.count('class="claim-link"') == 0
    bad = c.get("/?severity=loud")
    assert bad.status_code == 400 and "invalid severity" in bad.text


def test_hostile_bulletin_is_escaped_with_a_strict_csp_and_errors_show_no_traceback(desk, tmp_path):
    flood, store, _app, client = desk
    path = tmp_path / "harbour.txt"
    path.write_text(HOSTILE, encoding="utf-8")
    doc = check_json(flood.db, path)
    c = client()
    sign_in(c, "ann")
    claim = next(x["id"] for x in doc["claims"] if "onerror" in x["text"])
    token = csrf_of(c.get(f"/claims/{claim}").text)
    c.post(f"/claims/{claim}/decisions", data={"status": "note", "csrf_token": token,
                                               "note": '<a href="javascript:alert(1)">x</a>'})
    doc_id = store.reader().find_documents("harbour.txt")[0].id
    for url in (f"/claims/{claim}", f"/documents/{doc_id}", "/?status=all"):
        r = c.get(url)
        csp = r.headers["content-security-policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "default-src 'none'" in csp
        assert r.headers["x-content-type-options"] == "nosniff"
        scripts = re.findall(r"<script[^>]*>", r.text)
        assert scripts == ['<script src="/static/app.js" defer>'], url
        assert "<img" not in r.text and 'href="javascript:' not in r.text
        assert not re.search(r"<[^>]+\son[a-z]+=", r.text), url  # no event handler attribute in any tag
    assert "&lt;img src=x onerror=" in c.get(f"/claims/{claim}").text
    # errors: short pages, no tracebacks
    missing = c.get("/claims/c_nothere")
    assert missing.status_code == 404 and "Traceback" not in missing.text
    with store.engine.begin() as conn:
        conn.execute(sa.text("DROP TABLE quantities"))  # the store breaks under the app
    broken = c.get(f"/claims/{claim}")
    assert broken.status_code == 500 and "Traceback" not in broken.text and "File " not in broken.text


def test_user_commands(tmp_path, monkeypatch):
    db = str(tmp_path / "claims.db")
    open_store(db).close()
    add_user(db, "ann", "admin")
    assert cli("user", "add", "ann", "--db", db, input=PASSWORD + "\n").exit_code == 2  # exists
    r = cli("user", "add", "bob", "--role", "boss", "--db", db, input=PASSWORD + "\n")
    assert r.exit_code == 2 and "invalid role 'boss'" in r.stderr
    r = cli("user", "add", "bob", "--role", "viewer", "--db", db, input="hunter2\n")
    assert r.exit_code == 0 and "easy to guess" in r.stderr  # allowed, with a warning
    assert cli("user", "remove", "bob", "--db", db).exit_code == 0
    assert cli("user", "add", "bob", "--db", db, input="\n").exit_code == 2
    add_user(db, "bob", "viewer")
    assert cli("user", "role", "bob", "reviewer", "--db", db).stdout.strip() == "bob is now reviewer"
    assert cli("user", "list", "--db", db).stdout.split() == ["ann", "admin", "bob", "reviewer"]
    assert cli("user", "remove", "bob", "--db", db).exit_code == 0
    assert cli("user", "list", "--db", db).stdout.split() == ["ann", "admin"]
    assert cli("user", "remove", "bob", "--db", db).exit_code == 2
    assert cli("user", "password", "ann", "--db", db, input="another long one\n").exit_code == 0
    store = open_store(db)
    try:
        acc = Accounts(store)
        assert acc.authenticate("ann", "another long one").name == "ann"
        assert acc.authenticate("ann", PASSWORD) is None and acc.authenticate("bob", PASSWORD) is None
        with store.engine.connect() as conn:
            hashes = [h for (h,) in conn.execute(sa.text("SELECT password_hash FROM users WHERE name = 'ann'"))]
        assert hashes[0].startswith("$argon2id$") and "another" not in hashes[0]
        monkeypatch.delenv("CLAIMS_PASSWORD_HASH")
        acc.set_password("ann", "the default cost")  # what real accounts get
        with store.engine.connect() as conn:
            [(h,)] = conn.execute(sa.text("SELECT password_hash FROM users WHERE name = 'ann'"))
        assert h.startswith("$argon2id$v=19$m=65536,t=3,p=4$") and acc.authenticate("ann", "the default cost")
    finally:
        store.close()


def test_serve_needs_a_user_first(tmp_path):
    db = str(tmp_path / "claims.db")
    open_store(db).close()
    r = cli("serve", "--db", db)
    assert r.exit_code == 2 and "claims user add" in r.stderr
