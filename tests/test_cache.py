"""What is kept in the cache folder (claims.cache) gives what building it anew gives."""

from __future__ import annotations

import gender_guesser.detector as gd
import pytest

from claims import cache, people


@pytest.fixture
def fresh(tmp_path, monkeypatch):
    monkeypatch.setenv("CLAIMS_CACHE_DIR", str(tmp_path / "cache"))
    people._genders.cache_clear()
    yield tmp_path / "cache"
    people._genders.cache_clear()


def test_the_first_name_table_is_the_detectors_and_is_read_back_from_the_cache(fresh):
    det = gd.Detector(case_sensitive=False)
    built = people._genders()
    assert set(built) == set(det.names)
    assert all(built[n] == det.get_gender(n) for n in det.names)   # every one of its 60,000 names
    assert [p.name.startswith("first-names-") for p in fresh.iterdir()] == [True]
    people._genders.cache_clear()
    assert people._genders() == built
    for name in ("Olaf", "Iryna", "Anna-Maria", "Zzyzx", "Andrea"):
        assert people.is_first_name.__wrapped__(name) == (name.split("-")[0].lower() in det.names)
        g = det.get_gender(name.split("-")[0])
        assert people.gender_of_first_name.__wrapped__(name) == {"female": "f", "male": "m"}.get(g)


def test_a_damaged_cache_file_is_built_again(fresh):
    built = people._genders()
    (path,) = fresh.iterdir()
    path.write_bytes(b"\x00not marshal")
    people._genders.cache_clear()
    assert people._genders() == built


def test_an_empty_cache_dir_turns_caching_off(monkeypatch, tmp_path):
    monkeypatch.setenv("CLAIMS_CACHE_DIR", "")
    assert cache.cache_file("x") is None
    cache.write(None, {"a": 1})   # nothing to write to, no error
    assert cache.read(None) is None
    monkeypatch.setenv("CLAIMS_CACHE_DIR", str(tmp_path))
    path = cache.cache_file("x")
    cache.write(path, {"a": [1, 2]})
    assert cache.read(path) == {"a": [1, 2]}
    cache.write(path, {"a": object()})   # marshal cannot keep it: the old file stays whole
    assert cache.read(path) == {"a": [1, 2]}
