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
from typing import TYPE_CHECKING, Any, Callable, Iterable

if TYPE_CHECKING:
    from pydantic import BaseModel


class ConfigError(Exception):
    """The configuration file cannot be read or a setting is invalid."""


CONFIG_NAMES = ("claims.toml", "pyproject.toml")

# Top-level keys: name -> (accepted types, what to say when the type is wrong).
# A key added by a new feature goes here, or it is refused as unknown (exit 2).
KEYS: dict[str, tuple[tuple[type, ...], str]] = {
    "db": ((str,), "a string: a SQLite path or a postgresql+psycopg:// URL"),
    "fail_on": ((str,), "a string: info, warning, error or never"),
    "reviewer": ((str,), "a string"),
    "organisation": ((str,), "a string"),
    "organization": ((str,), "a string (the same as organisation)"),
    "claimreview": ((dict,), "a table: [claimreview] url, organisation, organisation_url, ratings"),
    "claimreview_url": ((str,), "a string: the review URL template with {claim_id}"),
    "plugin_timeout": ((int, float), "a number of seconds (0: no limit)"),
    "sources": ((dict,), "a table of sources, one [sources.ID] table each"),
    "plugins": ((dict,), "a table of plugin settings, one [plugins.NAME] table each"),
}
FAIL_ON = ("info", "warning", "error", "never")


def _has_tool_claims(pp: Path) -> bool:
    try:
        data = tomllib.loads(pp.read_text("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError, OSError):
        return True  # let load_config report the problem
    return isinstance(data.get("tool"), dict) and "claims" in data["tool"]


def find_config(start: Path | None = None) -> Path | None:
    """``CLAIMS_CONFIG``, else the nearest ``claims.toml`` or ``pyproject.toml`` with ``[tool.claims]``.

    Looked up in the current directory, then each parent in turn (as ruff and black do); the
    search stops at the top of a repository (a folder with ``.git`` or ``.hg``) or of the disk.
    In each folder ``claims.toml`` wins over ``pyproject.toml``.
    """
    env = os.environ.get("CLAIMS_CONFIG")
    if env:
        return Path(env)
    here = (start or Path.cwd()).absolute()
    for folder in (here, *here.parents):
        if (folder / "claims.toml").is_file():
            return folder / "claims.toml"
        pp = folder / "pyproject.toml"
        if pp.is_file() and _has_tool_claims(pp):
            return pp
        if (folder / ".git").exists() or (folder / ".hg").exists():
            return None
    return None


def load_config(path: Path | None) -> dict[str, Any]:
    """Read the configuration table from ``path`` (empty when None) and check its keys and types."""
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
    prefix = ""
    if path.name == "pyproject.toml":
        tool = data.get("tool", {})
        data = tool.get("claims", {}) if isinstance(tool, dict) else {}
        prefix = "tool.claims."
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: expected a table of settings")
    validate(data, path, prefix)
    return data


def _type_name(value: Any) -> str:
    return {str: "a string", bool: "a boolean", int: "an integer", float: "a number", list: "a list",
            dict: "a table"}.get(type(value), type(value).__name__)


def validate(data: dict[str, Any], path: Path | None = None, prefix: str = "") -> None:
    """Refuse unknown keys and values of the wrong type, naming the key (one line each)."""
    where = f"{path}: " if path else ""
    unknown = sorted(k for k in data if k not in KEYS)
    if unknown:
        names = ", ".join(f"{prefix}{k}" for k in unknown)
        raise ConfigError(f"{where}unknown setting{'s' if len(unknown) > 1 else ''} {names} "
                          f"(known: {', '.join(KEYS)})")
    for key, value in data.items():
        types, expected = KEYS[key]
        if isinstance(value, bool) and bool not in types or not isinstance(value, types):
            raise ConfigError(f"{where}{prefix}{key} must be {expected}, not {_type_name(value)} ({value!r})")
    if data.get("fail_on", "error") not in FAIL_ON:
        raise ConfigError(f"{where}{prefix}fail_on must be info, warning, error or never, not {data['fail_on']!r}")
    for table in ("sources", "plugins"):
        for name, value in data.get(table, {}).items():
            if not isinstance(value, dict):
                raise ConfigError(f"{where}{prefix}{table}.{name} must be a table ([{prefix}{table}.{name}]), "
                                  f"not {_type_name(value)} ({value!r})")


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

    def check_plugin_tables(self, known: Callable[[], Iterable[str]]) -> None:
        """Refuse ``[plugins.NAME]`` tables that no plugin declared settings for and that name no
        plugin of ``known()`` (a misspelt table would otherwise be ignored). Call after ``declare``.
        ``known`` is called only when a table is left to check (listing installed plugins reads
        every package's metadata)."""
        left = set(self.data.get("plugins", {})) - set(self._models)
        unknown = sorted(left - set(known())) if left else []
        if unknown:
            where = f"{self.path}: " if self.path else ""
            prefix = "tool.claims." if self.path and self.path.name == "pyproject.toml" else ""
            tables = ", ".join(f"[{prefix}plugins.{n}]" for n in unknown)
            raise ConfigError(f"{where}no plugin named {', '.join(repr(n) for n in unknown)} for "
                              f"{tables} (plugins with settings: {', '.join(sorted(self._models)) or 'none'})")

    def declare(self, name: str, model: type[BaseModel]) -> None:
        """Validate ``[plugins.NAME]`` against ``model`` (called through ``register_settings``)."""
        from pydantic import ValidationError

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
        """A top-level setting; ``db`` is resolved against the configuration file's folder."""
        if key == "db":
            return self.store_url(default)
        return self.data.get(key, default)

    def store_url(self, default: Any = None) -> Any:
        """``db`` from the configuration, a relative SQLite path taken from the file's folder.

        With a configuration file and no ``db`` key the store is ``claims.db`` beside the
        file, so a check run in a subfolder uses the project's store, not a new one.
        """
        db = self.data.get("db")
        if self.path is None:
            return db if db is not None else default
        if db is None:
            if default is not None:
                return default
            db = "claims.db"
        if "://" in db or db == ":memory:" or Path(db).is_absolute():
            return db
        return str(self.path.absolute().parent / Path(db).expanduser())
