"""``claims serve`` and ``claims user add|list|remove|role|password|token``."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any, Optional

import typer

from claims.cli import EXIT_INPUT, ConfigOpt, DbOpt, err
from claims.plugins.review_commands import _Session

user_group = typer.Typer(name="user", add_completion=False,
                         help="Accounts of claims serve: viewers read, reviewers decide, admins manage users.")

RoleOpt = Annotated[str, typer.Option("--role", help="viewer, reviewer or admin.")]


class _Accounts(_Session):
    """The store's accounts for one command; AccountError -> exit 2, StoreError -> exit 4."""

    def __init__(self, db: str | None, config: Path | None) -> None:
        from claims.db.accounts import Accounts

        super().__init__(db, config)
        self.accounts = Accounts(self.store)

    def __enter__(self) -> Any:
        return self.accounts

    @staticmethod
    def usage_error() -> type[Exception]:
        from claims.db.accounts import AccountError
        return AccountError


def _password(confirm: bool = True) -> str:
    """From a prompt on a terminal (asked twice), else the first line of stdin."""
    if sys.stdin.isatty():
        return typer.prompt("Password", hide_input=True, confirmation_prompt=confirm)
    line = sys.stdin.readline().rstrip("\r\n")
    if not line:
        err("no password on stdin (pipe it in, e.g. printf '%s\\n' \"$PW\" | claims user add ann)")
        raise typer.Exit(EXIT_INPUT)
    return line


def _warn_if_short(password: str) -> None:
    from claims.db.accounts import RECOMMENDED_PASSWORD_LENGTH
    if len(password) < RECOMMENDED_PASSWORD_LENGTH:
        err(f"warning: a password of {len(password)} characters is easy to guess "
            f"({RECOMMENDED_PASSWORD_LENGTH} or more recommended; sign-in attempts are rate-limited)")


@user_group.command("add")
def add(name: Annotated[str, typer.Argument(help="The user name (no spaces).")],
        role: RoleOpt = "reviewer", db: DbOpt = None, config: ConfigOpt = None) -> None:
    """Add a user; the password comes from a prompt, or from stdin when it is not a terminal."""
    from claims.db.accounts import check_role
    from claims.db.accounts import AccountError
    try:
        check_role(role)
    except AccountError as exc:
        err(str(exc))
        raise typer.Exit(EXIT_INPUT) from None
    password = _password()
    _warn_if_short(password)
    with _Accounts(db, config) as accounts:
        user = accounts.add_user(name, password, role=role)
    typer.echo(f"added user {user.name} ({user.role})")


@user_group.command("list")
def list_(format: Annotated[str, typer.Option("--format", "-f", help="table or json")] = "table",
          removed: Annotated[bool, typer.Option("--removed", help="Also removed users.")] = False,
          db: DbOpt = None, config: ConfigOpt = None) -> None:
    """List the users and their roles."""
    with _Accounts(db, config) as accounts:
        users = accounts.users(include_removed=removed)
    if format == "json":
        typer.echo(json.dumps([{"name": u.name, "role": u.role, "created_at": u.created_at.isoformat(),
                                "removed": u.removed_at is not None} for u in users], indent=2))
        return
    if not users:
        typer.echo("no users (claims user add NAME --role admin)")
    for u in users:
        typer.echo(f"{u.name}\t{u.role}" + ("\tremoved" if u.removed_at else ""))


@user_group.command("remove")
def remove(name: str, db: DbOpt = None, config: ConfigOpt = None) -> None:
    """Remove a user: signed out, tokens revoked; the decisions it made keep its name."""
    with _Accounts(db, config) as accounts:
        accounts.remove_user(name)
    typer.echo(f"removed user {name}")


@user_group.command("role")
def role(name: str, new_role: Annotated[str, typer.Argument(metavar="ROLE", help="viewer, reviewer or admin.")],
         db: DbOpt = None, config: ConfigOpt = None) -> None:
    """Change a user's role."""
    with _Accounts(db, config) as accounts:
        user = accounts.set_role(name, new_role)
    typer.echo(f"{user.name} is now {user.role}")


@user_group.command("password")
def password(name: str, db: DbOpt = None, config: ConfigOpt = None) -> None:
    """Set a user's password (prompt or stdin); signs the user out everywhere."""
    pw = _password()
    _warn_if_short(pw)
    with _Accounts(db, config) as accounts:
        accounts.set_password(name, pw)
    typer.echo(f"password of {name} changed")


@user_group.command("token")
def token(name: str, label: Annotated[Optional[str], typer.Option(help="What the token is for.")] = None,
          db: DbOpt = None, config: ConfigOpt = None) -> None:
    """Create an API token for a user (printed once: send it as 'Authorization: Bearer TOKEN')."""
    with _Accounts(db, config) as accounts:
        value = accounts.create_token(name, label)
    typer.echo(value)


def serve(
    host: Annotated[str, typer.Option(help="Address to listen on; 127.0.0.1 keeps it on this machine.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    poll: Annotated[float, typer.Option(help="Seconds between live-update polls in the pages.")] = 2.0,
    secure_cookies: Annotated[bool, typer.Option(
        "--secure-cookies", help="Mark cookies Secure (when served over HTTPS behind a proxy).")] = False,
    db: DbOpt = None,
    config: ConfigOpt = None,
) -> None:
    """Serve the review desk in the browser: the queue, claims, documents, charts; accounts from claims user."""
    from claims.cli import load_settings
    from claims.db.accounts import Accounts
    from claims.plugins.store_commands import open_reader

    settings = load_settings(config)
    store = open_reader(db, config, settings)
    try:
        import uvicorn

        from .app import create_app
        if not Accounts(store).users():
            err("no users yet: add one first, e.g. claims user add ann --role admin")
            raise typer.Exit(EXIT_INPUT)
        if host not in ("127.0.0.1", "localhost", "::1"):
            err(f"warning: listening on {host}: reachable from other machines (use HTTPS in front of it)")
        app = create_app(store, settings=settings, poll_seconds=poll, secure_cookies=secure_cookies)
        typer.echo(f"claims serve: http://{host}:{port}/ (store {store.url}); Ctrl-C stops", err=True)
        uvicorn.run(app, host=host, port=port, log_level="warning", server_header=False, access_log=False)
    finally:
        store.close()
