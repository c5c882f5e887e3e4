"""Test isolation: no installed plugins, no user configuration, no stray store."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

# Installed plugins (entry points) never leak into tests; each test chooses its plugins.
os.environ["CLAIMS_LOAD_ENTRYPOINTS"] = "0"
for var in ("CLAIMS_PLUGINS", "CLAIMS_CONFIG", "CLAIMS_DB", "CLAIMS_REVIEWER", "CLAIMS_DISABLE"):
    os.environ.pop(var, None)

# The cache folder (compiled patterns, the lexicon's genders; claims.cache) is the test run's own, never the user's.
os.environ["CLAIMS_CACHE_DIR"] = tempfile.mkdtemp(prefix="claims-test-cache-")

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(autouse=True)
def _isolated_cwd(tmp_path, monkeypatch):
    """Every test runs in its own empty directory, so the default ./claims.db is private to it."""
    monkeypatch.chdir(tmp_path)


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES


@pytest.fixture(scope="session")
def pipeline():
    """A pipeline with the built-in plugins only and no store."""
    from claims.pipeline import Pipeline
    return Pipeline()
