"""Configuration: ``claims.toml`` or ``[tool.claims]`` in ``pyproject.toml``, and plugin settings.

Keys::

    db = "claims.db"                # or a postgresql+psycopg:// URL
    fail_on = "error"               # info | warning | error | never
    reviewer = "jane"               # default reviewer for decisions
    organisation = "Example Desk"   # author of ClaimReview exports

    [sources.kyiv-city-admin]       # extra known sources (same keys as core/data/sources.toml)
    name = "Kyiv City Military Administration"
    aliases = ["Kyiv city administration"]

    [plugins.hedge]                 # settings of one plugin, validated by its pydantic model
    scale = "phia"
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError


class ConfigError(Exception):
    """The configuration file cannot be read or a setting is invalid."""


def find_config(start: Path | None = None) -> Path | None:
    """``CLAIMS_CONFIG``, else ``claims.toml``, else a ``pyproject.toml`` with ``[tool.claims]``, in the cwd."""
    env = os.environ.get("CLAIMS_CONFIG")
    if env:
        return Path(env)
    here = start or Path.cwd()
    if (here / "claims.toml").is_file():
        return here / "claims.toml"
    pp = here / "pyproject.toml"
    if pp.is_file():
        try:
            if "tool" in (data := tomllib.loads(pp.read_text("utf-8"))) and "claims" in data["tool"]:
                return pp
        except (tomllib.TOMLDecodeError, UnicodeDecodeError, OSError):
            return pp  # let load_config report the problem
    return None


def load_config(path: Path | None) -> dict[str, Any]:
    """Read the configuration table from ``path`` (empty when None)."""
    if path is None:
        return {}
    try:
        raw = path.read_text("utf-8")
    except FileNotFoundError:
        raise ConfigError(f"{path}: configuration file not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read configuration: {exc}") from None
    try:
        data = tomllib.loads(raw)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: malformed TOML: {exc}") from None
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("claims", {})
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: expected a table of settings")
    return data


class Settings:
    """The settings of one run: configuration values and each plugin's validated settings."""

    def __init__(self, data: dict[str, Any] | None = None, path: Path | None = None) -> None:
        self.data = data or {}
        self.path = path
        self._models: dict[str, type[BaseModel]] = {}
        self._values: dict[str, BaseModel] = {}

    @classmethod
    def load(cls, path: Path | None = None) -> "Settings":
        path = path or find_config()
        return cls(load_config(path), path)

    def declare(self, name: str, model: type[BaseModel]) -> None:
        """Validate ``[plugins.NAME]`` against ``model`` (called through ``register_settings``)."""
        self._models[name] = model
        raw = self.data.get("plugins", {}).get(name, {})
        try:
            self._values[name] = model.model_validate(raw)
        except ValidationError as exc:
            problems = "; ".join(
                f"{'.'.join(str(p) for p in e['loc']) or '(table)'}: {e['msg']}" for e in exc.errors()
            )
            where = f"{self.path}: " if self.path else ""
            raise ConfigError(f"{where}invalid settings for plugin {name!r}: {problems}") from None

    def get(self, name: str) -> Any:
        """A plugin's settings model instance (defaults when not configured), or its raw table."""
        if name in self._values:
            return self._values[name]
        return self.data.get("plugins", {}).get(name, {})

    @property
    def sources(self) -> dict[str, dict[str, Any]]:
        return self.data.get("sources", {})

    def value(self, key: str, default: Any = None) -> Any:
        return self.data.get(key, default)
