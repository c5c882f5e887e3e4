"""What the benchmarks share."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path


def claims_command() -> str:
    """The ``claims`` command of the interpreter running the bench (its own venv first, then PATH),
    so a bench run with another checkout's Python measures that checkout."""
    own = Path(sys.executable).with_name("claims")
    return str(own) if own.exists() else (shutil.which("claims") or str(own))
