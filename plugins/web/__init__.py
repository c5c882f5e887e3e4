"""Built-in plugin ``web``: ``claims serve`` (team review in the browser) and ``claims user`` (its accounts).

Registered through ``register_commands`` like every command group; nothing of the web stack
(Starlette, Jinja2, uvicorn, argon2) is imported until one of its commands runs. See
``docs/serve.md``.
"""

from __future__ import annotations

from claims import hookimpl


@hookimpl
def register_commands(cli):
    from .commands import serve, user_group

    names = {g.name for g in cli.registered_groups}
    if "user" not in names:
        cli.add_typer(user_group, name="user")
    if not any(getattr(c, "name", None) == "serve" for c in cli.registered_commands):
        cli.command("serve")(serve)
