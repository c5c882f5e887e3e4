"""Files kept between runs under the user's cache folder: what is slow to build at every start
(compiled patterns, the first-name lexicon's genders) and never changes for the same inputs.

The folder is ``$CLAIMS_CACHE_DIR``, else ``$XDG_CACHE_HOME/claims``, else ``~/.cache/claims``;
an empty ``CLAIMS_CACHE_DIR`` turns caching off. Files hold plain data in ``marshal`` format
(no code), carry in their name what they were built from, and are written whole and renamed
into place, so a reader never sees half a file. Whatever goes wrong (a read-only home, a full
disk, a damaged file) costs only the cache: callers build the data again.
"""

from __future__ import annotations

import marshal
import os
import sys
from typing import Any


def cache_file(name: str) -> str | None:
    """The path of cache file ``name`` (it should say what the data was built from), or None when off."""
    folder = os.environ.get("CLAIMS_CACHE_DIR")
    if folder is None:
        base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
        folder = os.path.join(base, "claims")
    if not folder:
        return None
    return os.path.join(folder, f"{name}-{sys.implementation.cache_tag}-{sys.hexversion:x}.marshal")


def read(path: str | None) -> Any:
    """The data of a cache file, or None when there is none (or it cannot be read)."""
    if path is None:
        return None
    try:
        with open(path, "rb") as fh:
            return marshal.loads(fh.read())   # from bytes: ten times faster than marshal.load on the file
    except (OSError, EOFError, ValueError, TypeError):
        return None


def write(path: str | None, data: Any) -> None:
    """Write ``data`` to a cache file (whole, then renamed into place); errors cost only the cache."""
    if path is None:
        return
    import tempfile
    try:
        folder = os.path.dirname(path)
        os.makedirs(folder, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".tmp-")
        try:
            with os.fdopen(fd, "wb") as fh:
                marshal.dump(data, fh)
            os.replace(tmp, path)
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)
    except (OSError, ValueError):
        pass   # a read-only home, a full disk, or data marshal cannot keep
