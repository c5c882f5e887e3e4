"""Built-in plugin: the registry of known sources shipped with claims (``core/data/sources.toml``)."""

from __future__ import annotations

import tomllib
from importlib.resources import files

from claims import hookimpl


def load_builtin_sources() -> dict[str, dict]:
    """The shipped source table, keyed by canonical id."""
    return tomllib.loads(files("claims").joinpath("data/sources.toml").read_text("utf-8"))


@hookimpl(trylast=True)
def register_sources(register):
    for sid, fields in load_builtin_sources().items():
        register(id=sid, **fields)
