"""Compiled patterns kept between runs (claims.patterns.compile_pattern) are exactly re.compile's."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest

from claims import patterns

PATTERNS = [
    (r"\b(?P<n>\d{1,3}(?:,\d{3})*)\s+(?P<what>killed|injured)\b", 0),
    (r"(?<=[a-z)\]”’\"']\.)\d{1,3}(?=\s+[^\sa-z]|\s*\Z)", 0),
    (r"^\W*(?:of (?:that|this|the)|among (?:them|those))\b", re.I | re.M),
    (r"[^\W\d_A-Za-z\u00C0-\u024F]", 0),
    (patterns.trie_regex(["almost certainly", "highly likely", "likely", "unlikely"]), re.I),
    (r"(a)|(?P<b>b)(?(1)x|y)", re.X),
]
SAMPLES = ["Of those, 4,889 were killed and 6,263 injured.", "almost certainly KILLED.45 The", "Київ 12 injured",
           "ab by", ""]


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("CLAIMS_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(patterns, "_programs", None)
    monkeypatch.setattr(patterns, "_new", [])
    return tmp_path / "cache"


def _same(a: re.Pattern, b: re.Pattern) -> None:
    assert a == b and a.groupindex == b.groupindex and a.groups == b.groups and a.flags == b.flags
    for s in SAMPLES:
        assert [m.groupdict() or m.groups() or m.group() for m in a.finditer(s)] == \
               [m.groupdict() or m.groups() or m.group() for m in b.finditer(s)]


def test_a_pattern_rebuilt_from_the_cache_is_re_compiles(cache_dir, monkeypatch):
    first = [patterns.compile_pattern(p, f) for p, f in PATTERNS]
    for got, (p, f) in zip(first, PATTERNS):
        _same(got, re.compile(p, f))
    patterns._save()
    assert len(list(cache_dir.iterdir())) == 1
    monkeypatch.setattr(patterns, "_programs", None)   # a new run reads the file
    re.purge()
    for p, f in PATTERNS:
        assert (p, int(f)) in patterns._load()
        _same(patterns.compile_pattern(p, f), re.compile(p, f))


def test_a_damaged_or_foreign_cache_file_is_ignored(cache_dir, monkeypatch):
    patterns.compile_pattern(*PATTERNS[0])
    patterns._save()
    (path,) = cache_dir.iterdir()
    for junk in (b"\x00garbage", b""):
        path.write_bytes(junk)
        monkeypatch.setattr(patterns, "_programs", None)
        _same(patterns.compile_pattern(*PATTERNS[0]), re.compile(*PATTERNS[0]))
    # an entry whose program is not a program: compiled anew
    monkeypatch.setattr(patterns, "_programs", {(PATTERNS[0][0], 0): (0, [1, 2, 3], 0, {}, ())})
    _same(patterns.compile_pattern(*PATTERNS[0]), re.compile(*PATTERNS[0]))


def test_no_cache_folder_or_an_unwritable_one_costs_only_the_cache(tmp_path, monkeypatch):
    monkeypatch.setattr(patterns, "_new", [])
    monkeypatch.setenv("CLAIMS_CACHE_DIR", "")
    monkeypatch.setattr(patterns, "_programs", None)
    _same(patterns.compile_pattern(*PATTERNS[1]), re.compile(*PATTERNS[1]))
    patterns._save()
    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setenv("CLAIMS_CACHE_DIR", str(blocker / "cache"))   # a folder under a file
    monkeypatch.setattr(patterns, "_programs", None)
    _same(patterns.compile_pattern(*PATTERNS[2]), re.compile(*PATTERNS[2]))
    patterns._save()   # no error
    assert blocker.read_text() == "x"


def test_a_fresh_process_writes_the_cache_and_the_next_one_uses_it(tmp_path):
    env = {**os.environ, "CLAIMS_CACHE_DIR": str(tmp_path / "c")}
    code = ("import re, claims.extract.quantities as q, claims.boilerplate as b\n"
            "from claims import patterns\n"
            "print(len(patterns._programs), len(patterns._new))")
    first = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    second = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    n_first, new_first = map(int, first.stdout.split())
    n_second, new_second = map(int, second.stdout.split())
    assert new_first == n_first > 10 and new_second == 0 and n_second >= n_first
