"""``claims plugin new NAME``: write a ready plugin package that passes its own test.

The package (for ``NAME`` = ``my-checker``)::

    claims-my-checker/
        pyproject.toml              entry point [project.entry-points.claims] my-checker = "claims_my_checker"
        claims_my_checker.py        one check_claim hook
        tests/test_my_checker.py    a test using the claims test kit (claims_run)
        README.md
        .gitignore

Usable from Python: ``new_plugin("my-checker", Path("."))`` returns the files written.
The layout is the one ``docs/plugins/writing.md`` builds by hand.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from string import Template

NAME_RE = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")


class ScaffoldError(Exception):
    """The name is not usable or the target directory is in the way."""


@dataclass
class Scaffold:
    """What ``new_plugin`` wrote."""

    plugin: str  # entry-point and checker name: my-checker
    distribution: str  # claims-my-checker
    module: str  # claims_my_checker
    directory: Path
    files: list[Path] = field(default_factory=list)


def names(name: str) -> tuple[str, str, str]:
    """``my-checker`` or ``claims-my-checker`` -> (plugin, distribution, module)."""
    raw = name.strip()
    lowered = raw.lower().replace("_", "-")
    if not NAME_RE.match(lowered):
        raise ScaffoldError(
            f"plugin name {raw!r} is not usable: use lowercase letters, digits and hyphens, "
            "starting with a letter (e.g. anonymous-sources)")
    plugin = lowered[len("claims-"):] if lowered.startswith("claims-") else lowered
    if not plugin:
        raise ScaffoldError(f"plugin name {raw!r} is empty once 'claims-' is removed")
    distribution = f"claims-{plugin}"
    return plugin, distribution, distribution.replace("-", "_")


PYPROJECT = Template('''\
[build-system]
requires = ["setuptools>=61"]
build-backend = "setuptools.build_meta"

[project]
name = "$distribution"
version = "0.1.0"
description = "$description"
readme = "README.md"
requires-python = ">=3.11"
dependencies = ["claims>=$claims_version"]

[project.optional-dependencies]
test = ["pytest"]

# This makes it a claims plugin: entry-point group "claims",
# plugin name "$plugin", the module that holds the hooks.
[project.entry-points.claims]
$plugin = "$module"

[tool.setuptools]
py-modules = ["$module"]

[tool.pytest.ini_options]
testpaths = ["tests"]
pythonpath = ["."]
''')

MODULE = Template('''\
"""$distribution: $description

A claims plugin. ``check_claim`` below is called once for every claim (sentence)
of every document; return a ``claims.Flag``, a list of them, or None.

Hooks you can add (see the hook reference in the claims docs): ``check_document``,
``summarize_document``, ``register_settings``, ``register_sources``,
``register_formats``, ``register_commands``, ``segment_text``.
"""

from __future__ import annotations

from claims import Flag, Span, hookimpl

NAME = "$plugin"


@hookimpl
def check_claim(claim):
    """Flag a figure stated in the publisher's own voice, with nobody quoted for it."""
    if claim.source is None and claim.quantities:
        figure = claim.quantities[0]
        return Flag(
            checker=NAME,
            code="unattributed-figure",
            severity="info",
            message=f"{figure.text} is stated without a source",
            evidence=Span(start=figure.start, end=figure.end),
        )
    return None
''')

TEST = Template('''\
"""Tests for $distribution, using the claims test kit (its fixtures come with claims)."""

import $module as plugin


def test_flags_a_figure_nobody_is_quoted_for(claims_run):
    doc = claims_run("At least 40 people died in the flooding.", plugins=[plugin])
    assert doc.flags_by("$plugin") == ["unattributed-figure"]


def test_an_attributed_figure_passes(claims_run):
    doc = claims_run("The ministry said at least 40 people died in the flooding.", plugins=[plugin])
    assert doc.flags_by("$plugin") == []
''')

README = Template('''\
# $distribution

$description

A plugin for `claims`, the fact-checking claim tracker.

## Install

```console
pip install -e .
claims plugins            # lists $plugin (origin: entrypoint)
claims check bulletin.txt
```

Without installing: `claims check --plugin $module.py bulletin.txt`.

## Test

```console
python -m pytest
```

The fixtures (`claims_run`, `claims_cli`, `claims_store`) come with claims.

## Publish

```console
python -m pip install build twine
python -m build && twine upload dist/*
```
''')

GITIGNORE = """\
__pycache__/
*.egg-info/
build/
dist/
.pytest_cache/
claims.db
"""


def new_plugin(name: str, parent: Path | str = ".", description: str | None = None,
               directory: Path | str | None = None, force: bool = False) -> Scaffold:
    """Write the package for plugin ``name`` into ``parent/claims-NAME`` (or ``directory``).

    :raises ScaffoldError: bad name, or the directory exists and is not empty (unless ``force``).
    """
    from . import __version__

    plugin, distribution, module = names(name)
    target = Path(directory) if directory is not None else Path(parent) / distribution
    if target.exists() and not target.is_dir():
        raise ScaffoldError(f"{target} exists and is not a directory")
    if target.is_dir() and any(target.iterdir()) and not force:
        raise ScaffoldError(f"{target} already exists and is not empty (--force writes over it)")
    description = (description or f"A claims checker: {plugin}.").replace('"', "'").strip()
    values = {"plugin": plugin, "distribution": distribution, "module": module,
              "description": description, "claims_version": __version__}
    files = {
        "pyproject.toml": PYPROJECT.substitute(values),
        f"{module}.py": MODULE.substitute(values),
        f"tests/test_{module.removeprefix('claims_')}.py": TEST.substitute(values),
        "README.md": README.substitute(values),
        ".gitignore": GITIGNORE,
    }
    result = Scaffold(plugin, distribution, module, target)
    for rel, text in files.items():
        path = target / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        result.files.append(path)
    return result
