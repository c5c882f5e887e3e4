"""The plugin manager: which plugins load, in which order, and from where.

Order: local files (``--plugin`` / ``CLAIMS_PLUGINS``), then installed packages
(entry-point group ``claims``), then the built-ins in ``claims.plugins``, which
register through the same ``pm.register`` call as everything else. ``--disable
NAME`` skips any of them, built-ins included. ``CLAIMS_LOAD_ENTRYPOINTS=0``
skips installed packages (the test suite does this so installed plugins never
leak into tests).
"""

from __future__ import annotations

import importlib
import importlib.util
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any, Iterable

import pluggy

from . import hookspecs

hookimpl = pluggy.HookimplMarker("claims")

BUILTIN_PLUGINS = (
    "claims.plugins.default_sources",
    "claims.plugins.read_markdown",
    "claims.plugins.read_text",
    "claims.plugins.read_html",
    "claims.plugins.read_pdf",
    "claims.plugins.read_feed",
    "claims.plugins.default_segmenter",
    "claims.plugins.default_attributor",
    "claims.plugins.default_extractors",
    "claims.plugins.hedge",
    "claims.plugins.arithmetic",
    "claims.plugins.conflict",
    "claims.plugins.store_commands",
    "claims.plugins.plugin_commands",
    "claims.plugins.review_commands",
    "claims.plugins.report_commands",
    "claims.plugins.web",
    "claims.plugins.format_terminal",
    "claims.plugins.format_json",
    "claims.plugins.format_jsonl",
    "claims.plugins.format_line",
    "claims.plugins.format_sarif",
    "claims.plugins.format_markdown",
    "claims.plugins.format_html",
    "claims.plugins.format_claimreview",
)

# The built-ins that add commands: all ``claims --help`` and ``claims --version`` need to import.
COMMAND_PLUGINS = tuple(m for m in BUILTIN_PLUGINS if m.endswith("_commands") or m == "claims.plugins.web")


class PluginError(Exception):
    """A plugin could not be loaded or refers to hooks that do not exist."""


@dataclass
class PluginInfo:
    name: str
    origin: str  # "builtin", "entrypoint", "file"
    location: str
    version: str | None = None
    hooks: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {"name": self.name, "origin": self.origin, "location": self.location,
                "version": self.version, "hooks": self.hooks}


class PluginManager(pluggy.PluginManager):
    """A pluggy manager that remembers where each plugin came from."""

    def __init__(self) -> None:
        super().__init__("claims")
        self.add_hookspecs(hookspecs)
        self.origins: dict[str, PluginInfo] = {}

    def register_plugin(self, plugin: object, name: str, origin: str, location: str,
                        version: str | None = None) -> None:
        try:
            self.register(plugin, name=name)
        except pluggy.PluginValidationError as exc:
            raise PluginError(f"plugin {name!r} ({location}): {exc}") from None
        except ValueError as exc:  # duplicate name
            raise PluginError(f"plugin {name!r} ({location}): {exc}") from None
        self.origins[name] = PluginInfo(name, origin, location, version)

    def plugin_infos(self) -> list[PluginInfo]:
        out = []
        for name, info in self.origins.items():
            plugin = self.get_plugin(name)
            info.hooks = sorted(c.name for c in self.get_hookcallers(plugin) or [])
            out.append(info)
        return out

    def check_unknown_hooks(self) -> None:
        """Refuse hook implementations that match no hook specification."""
        for name in self.hook.__dict__:
            if name.startswith("_"):
                continue
            caller = getattr(self.hook, name)
            if caller.spec is None:
                for impl in caller.get_hookimpls():
                    if not impl.optionalhook:
                        raise PluginError(
                            f"plugin {impl.plugin_name!r} implements unknown hook {name!r}"
                            f" (known hooks: {', '.join(sorted(self._spec_names()))})"
                        )

    def _spec_names(self) -> list[str]:
        return [n for n in self.hook.__dict__ if not n.startswith("_") and getattr(self.hook, n).spec]


def call_registration(impl, *args: object) -> None:
    """Call a ``register_*`` hook implementation; a failure names the plugin (configuration errors pass)."""
    from .config import ConfigError
    try:
        impl.function(*args)
    except (ConfigError, PluginError):
        raise
    except Exception as exc:  # noqa: BLE001 - any failure of a plugin at start-up
        raise PluginError(f"plugin {impl.plugin_name!r} failed in {impl.function.__name__}: "
                          f"{type(exc).__name__}: {exc}") from exc


def _load_file(path: Path) -> ModuleType:
    if not path.is_file():
        raise PluginError(f"plugin file not found: {path}")
    modname = f"claims_local_plugin_{path.stem}"
    spec = importlib.util.spec_from_file_location(modname, path)
    if spec is None or spec.loader is None:
        raise PluginError(f"plugin file cannot be imported: {path}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[modname] = module  # pydantic and dataclasses resolve annotations through sys.modules
    try:
        spec.loader.exec_module(module)
    except Exception as exc:  # noqa: BLE001 - report any import failure the same way
        sys.modules.pop(modname, None)
        raise PluginError(f"plugin {path.stem!r} ({path}) failed to import: {type(exc).__name__}: {exc}") from exc
    return module


def builtin_name(modname: str) -> str:
    """'claims.plugins.format_json' -> 'json'; 'claims.plugins.hedge' -> 'hedge'."""
    short = modname.rsplit(".", 1)[-1]
    for prefix in ("default_", "format_"):
        if short.startswith(prefix):
            return short[len(prefix):]
    return short


def _entry_points():
    import importlib.metadata
    return importlib.metadata.entry_points(group="claims")


def entrypoints_enabled() -> bool:
    return os.environ.get("CLAIMS_LOAD_ENTRYPOINTS", "1") not in ("0", "false", "no")


def known_plugin_names() -> set[str]:
    """Every plugin name ``--disable`` can refer to: built-ins and installed packages (even if not loaded)."""
    names = {builtin_name(m) for m in BUILTIN_PLUGINS}
    try:
        names |= {ep.name for ep in _entry_points()}
    except Exception:  # noqa: BLE001 - broken metadata must not stop a run
        pass
    env_files = [p for p in os.environ.get("CLAIMS_PLUGINS", "").split(os.pathsep) if p.strip()]
    return names | {Path(f).stem for f in env_files}


def make_plugin_manager(
    plugin_files: Iterable[str | os.PathLike[str]] = (),
    disable: Iterable[str] = (),
    load_entrypoints: bool | None = None,
    builtins: bool | Iterable[str] = True,
    extra: Iterable[tuple[str, object]] = (),
) -> PluginManager:
    """Build a plugin manager with local, installed and built-in plugins, minus ``disable``.

    :param builtins: True for every built-in, False for none, or the module names to load
        (``COMMAND_PLUGINS`` when only the commands are needed).
    :param extra: (name, plugin object) pairs registered as well, e.g. from tests.
    """
    disabled = set(disable)
    pm = PluginManager()
    env_files = [p for p in os.environ.get("CLAIMS_PLUGINS", "").split(os.pathsep) if p.strip()]
    for f in [*env_files, *plugin_files]:
        path = Path(f)
        if path.stem in disabled:
            continue
        module = _load_file(path)
        pm.register_plugin(module, path.stem, "file", str(path))
    for name, plugin in extra:
        if name not in disabled:
            pm.register_plugin(plugin, name, "object", repr(plugin))
    if load_entrypoints is None:
        load_entrypoints = entrypoints_enabled()
    if load_entrypoints:
        for ep in _entry_points():
            if ep.name in disabled or pm.has_plugin(ep.name):
                continue
            try:
                plugin = ep.load()
            except Exception as exc:  # noqa: BLE001
                raise PluginError(f"plugin {ep.name!r} ({ep.value}) failed to import: {type(exc).__name__}: {exc}") from exc
            dist = ep.dist
            pm.register_plugin(plugin, ep.name, "entrypoint", ep.value,
                               dist.version if dist else None)
    if builtins:
        from . import __version__
        for modname in BUILTIN_PLUGINS if builtins is True else tuple(builtins):
            name = builtin_name(modname)
            if name in disabled:
                continue
            pm.register_plugin(importlib.import_module(modname), name, "builtin", modname, __version__)
    pm.check_unknown_hooks()
    if os.environ.get("CLAIMS_TRACE_HOOKS"):
        pm.trace.root.setwriter(lambda msg: sys.stderr.write(msg))
        pm.enable_tracing()
    return pm
