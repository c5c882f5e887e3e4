"""The hook reference documents every hook with its exact signature."""

from __future__ import annotations

import inspect
import re
from pathlib import Path

from claims import hookspecs

HOOKS_DOC = Path(__file__).resolve().parent.parent / "docs" / "plugins" / "hooks.md"


def specs():
    return {name: fn for name, fn in inspect.getmembers(hookspecs, inspect.isfunction)
            if hasattr(fn, "claims_spec")}


def test_every_hook_has_a_section_with_its_signature():
    assert len(specs()) >= 8
    documented = dict(re.findall(r"^## `(\w+)\(([^)]*)\)`", HOOKS_DOC.read_text("utf-8"), re.M))
    for name, fn in specs().items():
        params = ", ".join(inspect.signature(fn).parameters)
        assert name in documented, f"hook {name} has no section in {HOOKS_DOC.name}"
        assert documented[name] == params, f"{name}: documented ({documented[name]}), code ({params})"
    assert set(documented) == set(specs()), "documented hooks that no longer exist"


def test_every_hook_has_an_example():
    text = HOOKS_DOC.read_text("utf-8")
    for name in specs():
        section = text.split(f"## `{name}(", 1)[1].split("\n## ", 1)[0]
        assert "```python" in section and "@hookimpl" in section, f"{name} has no example"


def test_every_hook_is_exercised_by_a_test():
    tests = "".join(p.read_text("utf-8") for p in Path(__file__).parent.glob("test_*.py") if p.name != "test_docs.py")
    for name in specs():
        assert f"def {name}(" in tests, f"no test plugin implements {name}"
