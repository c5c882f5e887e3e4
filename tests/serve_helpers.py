"""Helpers of the claims serve tests: users made with the real CLI, forms read from the real HTML."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from test_review import cli

PASSWORD = "correct horse battery"


def add_user(db: str, name: str, role: str, password: str = PASSWORD) -> None:
    r = cli("user", "add", name, "--role", role, "--db", db, input=password + "\n")
    assert r.exit_code == 0, r.output
    assert f"added user {name} ({role})" in r.stdout


class Forms(HTMLParser):
    """Every <form> of a page: its action, method and fields (name -> (type, value)); and all links."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.forms: list[dict] = []
        self.links: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            self.forms.append({"action": a.get("action", ""), "method": a.get("method", "get").lower(), "fields": {}})
        elif tag in ("input", "textarea", "select") and self.forms and a.get("name"):
            self.forms[-1]["fields"][a["name"]] = (a.get("type", tag), a.get("value", ""))
        elif tag == "a" and "href" in a:
            self.links.append(a["href"])

    def form(self, action: str) -> dict:
        found = [f for f in self.forms if f["action"] == action]
        assert found, f"no form posting to {action}: {[f['action'] for f in self.forms]}"
        return found[0]


def sign_in(client, name: str, password: str = PASSWORD, follow: bool = False):
    page = client.get("/login")
    form = Forms(page.text).form("/login")
    data = {k: v for k, (_t, v) in form["fields"].items()}
    data.update(username=name, password=password)
    return client.post("/login", data=data, follow_redirects=follow)


def csrf_of(html: str) -> str:
    m = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert m, "no CSRF token in the page"
    return m.group(1)
