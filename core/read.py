"""Reading input: files, directories, stdin and URLs as bytes, within a size limit, never silently.

This module gets the bytes (:func:`read_input`, :func:`fetch_url`); the reader plugins (``read_document``
hook: plain text, Markdown, HTML, PDF, feeds) turn them into documents. :func:`decode`
is the text decoding they share: UTF-8 (with or without BOM) is the norm; UTF-16 with a
BOM is accepted; anything else that is not binary is decoded as cp1252 with a warning.
Offsets elsewhere index the text a reader returns: the plain-text reader keeps it
exactly as decoded, CRLF line ends included.
"""

from __future__ import annotations

import hashlib
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

TEXT_SUFFIXES = (".txt", ".md")
MAX_BYTES = 25 * 1024 * 1024
FETCH_TIMEOUT = 20.0  #: seconds for a whole fetch (connect, redirects, body)
MAX_REDIRECTS = 5
PROJECT_URL = "https://github.com/claims-project/claims"
#: Media types that are never a document to check: refused before the body is read.
NOT_DOCUMENTS = ("image/", "video/", "audio/", "font/", "model/")
ACCEPT = ("text/html, application/xhtml+xml;q=0.9, application/pdf;q=0.9, application/rss+xml;q=0.9, "
          "application/atom+xml;q=0.9, application/xml;q=0.8, text/plain;q=0.8, */*;q=0.1")


class InputProblem(Exception):
    """A file that cannot be checked; the message is one line naming it."""

    def __init__(self, path: str, message: str) -> None:
        super().__init__(f"{path}: {message}")
        self.path = path
        self.message = message


class ReadError(Exception):
    """Raised by a reader for input of its kind that cannot be read; the message is one line."""


@dataclass
class Input:
    """The bytes of one input and where they came from."""

    path: str
    data: bytes
    sha256: str
    media_type: str | None = None
    url: str | None = None
    warnings: list[str] = field(default_factory=list)


def decode(data: bytes, path: str) -> tuple[str, str, list[str]]:
    """Bytes to text: (text, encoding, warnings). Raises InputProblem for binary data."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
        try:
            return data.decode("utf-8"), "utf-8-sig", []
        except UnicodeDecodeError as exc:
            raise InputProblem(path, f"has a UTF-8 byte-order mark but invalid UTF-8 at byte {exc.start + 3}") from None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "utf-16", []
        except UnicodeDecodeError:
            raise InputProblem(path, "has a UTF-16 byte-order mark but is not valid UTF-16") from None
    head = data[:8192]
    wide = _utf16_order(head) if b"\x00" in head else None
    if wide is not None:  # UTF-16 saved without a byte-order mark (some Windows tools)
        try:
            return data.decode(wide), wide, [f"{path}: no byte-order mark; decoded as {wide.upper()}"]
        except UnicodeDecodeError:
            pass
    if b"\x00" in head or _control_ratio(head) > 0.1:
        raise InputProblem(path, "looks like a binary file, not text")
    try:
        return data.decode("utf-8"), "utf-8", []
    except UnicodeDecodeError as exc:
        bad = exc.start
    try:
        text = data.decode("cp1252")
        enc = "cp1252"
    except UnicodeDecodeError:
        text = data.decode("latin-1")
        enc = "latin-1"
    return text, enc, [f"{path}: not valid UTF-8 (byte {bad}); decoded as {enc}"]


def _utf16_order(head: bytes) -> str | None:
    """'utf-16-le' or 'utf-16-be' when the NULs of ``head`` fall on one side of every byte pair,
    as in Latin-script UTF-16 text; else None."""
    pairs = len(head) // 2
    if pairs < 2:
        return None
    even_nul = head[0:pairs * 2:2].count(0)
    odd_nul = head[1:pairs * 2:2].count(0)
    if odd_nul >= 0.9 * pairs and even_nul <= 0.02 * pairs:
        return "utf-16-le"
    if even_nul >= 0.9 * pairs and odd_nul <= 0.02 * pairs:
        return "utf-16-be"
    return None


def _control_ratio(chunk: bytes) -> float:
    if not chunk:
        return 0.0
    bad = sum(1 for b in chunk if b < 32 and b not in (9, 10, 12, 13, 27))
    return bad / len(chunk)


def read_bytes(path: str, data: bytes, media_type: str | None = None, url: str | None = None) -> Input:
    return Input(path, data, hashlib.sha256(data).hexdigest(), media_type, url)


def expand(paths: list[str], suffixes: tuple[str, ...] | list[str] = TEXT_SUFFIXES,
           problems: list[InputProblem] | None = None) -> Iterator[str]:
    """Each argument, with a directory replaced by its files of the readers' ``suffixes`` (recursively, sorted).

    ``-`` and URLs pass through untouched. Subfolders that cannot be read and symbolic-link
    loops are not followed; each is added to ``problems`` (when given) with its reason.
    """
    wanted = {s.lower() for s in suffixes}
    for p in paths:
        if p != "-" and not is_url(p) and Path(p).is_dir():
            found = sorted(_walk(p, wanted, problems))
            if not found:
                yield f"{p}{'' if p.endswith('/') else '/'}"  # reported as "no supported files"
            yield from found
        else:
            yield p


def _walk(top: str, wanted: set[str], problems: list[InputProblem] | None) -> Iterator[str]:
    """The files under ``top`` with a wanted suffix, following links to folders once each."""
    import os

    def unreadable(exc: OSError) -> None:
        if problems is not None:
            problems.append(InputProblem(exc.filename or top, f"folder cannot be read ({exc.strerror or exc}); skipped"))

    seen: set[tuple[int, int]] = set()
    for folder, dirs, files in os.walk(top, onerror=unreadable, followlinks=True):
        try:
            st = os.stat(folder)
        except OSError as exc:
            unreadable(exc)
            dirs[:] = []
            continue
        if (st.st_dev, st.st_ino) in seen:  # a link back to a folder already walked
            if problems is not None:
                problems.append(InputProblem(folder, "symbolic link loop; not followed"))
            dirs[:] = []
            continue
        seen.add((st.st_dev, st.st_ino))
        for name in files:
            f = os.path.join(folder, name)
            if os.path.splitext(name)[1].lower() in wanted and os.path.isfile(f):
                yield f


def read_stream(stream, path: str, max_bytes: int) -> bytes:
    """Read a stream up to ``max_bytes``; more is an InputProblem, so an endless stream is bounded."""
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise InputProblem(path, f"is over the {max_bytes / 2**20:g} MB limit (--max-size)")
    return data


def is_url(path: str) -> bool:
    return path.lower().startswith(("http://", "https://"))


def user_agent() -> str:
    """The honest User-Agent of a fetch: the tool, its version and where it is described."""
    from . import __version__
    return f"claims/{__version__} (+{PROJECT_URL})"


def fetch_url(url: str, max_bytes: int = MAX_BYTES, timeout: float = FETCH_TIMEOUT,
              max_redirects: int = MAX_REDIRECTS) -> Input:
    """GET a URL (httpx): redirects followed up to ``max_redirects``, the body streamed and cut
    at ``max_bytes``, all within ``timeout`` seconds. The final URL after redirects is
    ``Input.url``, the ``Content-Type`` media type ``Input.media_type``. Every failure (HTTP
    error status, timeout, DNS or connection failure, too many redirects, an image or video,
    a body over the limit) is an InputProblem naming the URL.
    """
    import httpx

    limit = f"{max_bytes / 2**20:g} MB limit (--max-size)"
    deadline = time.monotonic() + timeout
    headers = {"User-Agent": user_agent(), "Accept": ACCEPT}
    try:
        with httpx.Client(follow_redirects=True, max_redirects=max_redirects, timeout=timeout,
                          headers=headers, trust_env=False) as client:
            with client.stream("GET", url) as response:
                if response.status_code >= 400:
                    raise InputProblem(url, f"HTTP {response.status_code} {response.reason_phrase}".rstrip())
                media_type = response.headers.get("content-type", "").split(";")[0].strip().lower() or None
                if media_type and media_type.startswith(NOT_DOCUMENTS):
                    raise InputProblem(url, f"is {media_type}, not a document (images, video and audio are not read)")
                length = response.headers.get("content-length", "")
                if length.isdigit() and int(length) > max_bytes:
                    raise InputProblem(url, f"is {int(length) / 2**20:.1f} MB, over the {limit}")
                chunks, size = [], 0
                for chunk in response.iter_bytes():
                    size += len(chunk)
                    if size > max_bytes:
                        raise InputProblem(url, f"is over the {limit}")
                    if time.monotonic() > deadline:
                        raise httpx.ReadTimeout("deadline")
                    chunks.append(chunk)
                final = str(response.url)
    except InputProblem:
        raise
    except httpx.TimeoutException:
        raise InputProblem(url, f"timed out after {timeout:g} s (--timeout)") from None
    except httpx.TooManyRedirects:
        raise InputProblem(url, f"too many redirects (more than {max_redirects})") from None
    except httpx.ConnectError as exc:
        raise InputProblem(url, f"cannot connect: {_reason(exc)}") from None
    except (httpx.InvalidURL, httpx.UnsupportedProtocol) as exc:
        raise InputProblem(url, f"not a URL that can be fetched: {_reason(exc)}") from None
    except httpx.HTTPError as exc:
        raise InputProblem(url, f"fetch failed: {type(exc).__name__}: {_reason(exc)}") from None
    return read_bytes(url, b"".join(chunks), media_type, final)


def _reason(exc: Exception) -> str:
    return " ".join(str(exc).split()) or type(exc).__name__


def read_input(path: str, max_bytes: int = MAX_BYTES, timeout: float = FETCH_TIMEOUT) -> Input:
    """Read one path (``-`` is stdin, ``http(s)://`` a URL). Raises InputProblem with a one-line reason."""
    if is_url(path):
        return fetch_url(path, max_bytes, timeout)
    if path == "-":
        return read_bytes("<stdin>", read_stream(sys.stdin.buffer, "<stdin>", max_bytes))
    p = Path(path)
    if path.endswith("/") and p.is_dir():
        raise InputProblem(path, "directory has no files of a supported type")
    try:
        size = p.stat().st_size
        if size > max_bytes:
            raise InputProblem(path, f"is {size / 2**20:.1f} MB, over the {max_bytes / 2**20:g} MB limit (--max-size)")
        data = p.read_bytes()
    except FileNotFoundError:
        raise InputProblem(path, "no such file") from None
    except IsADirectoryError:
        raise InputProblem(path, "is a directory") from None
    except PermissionError:
        raise InputProblem(path, "permission denied") from None
    except OSError as exc:
        raise InputProblem(path, f"cannot be read: {exc.strerror or exc}") from None
    return read_bytes(path, data)
