"""Contained plugins and a report that is written whole or not at all.

A plugin that returns the wrong thing, exits, or hangs is named in one line per run (with how
many calls failed), exit 3, and every good result is kept and stored; failing to write the report
is one line, exit 2, and no empty or half file."""

from __future__ import annotations

import json
import os

import pytest
from typer.testing import CliRunner

from claims.cli import get_app
from claims.db import open_store

runner = CliRunner()

BULLETIN = """The UN human rights office said it had recorded 410 civilian casualties since June 2.
Of those, 150 had been killed and 240 injured, the office said.

The governor said 37 bridges had been destroyed in the region.
"""

PLUGINS = {
    "not_a_dict": "@hookimpl\ndef summarize_document(document):\n    return [1, 2]\n",
    "unserializable": "@hookimpl\ndef summarize_document(document):\n    return {'when': object()}\n",
    "not_finite": "@hookimpl\ndef summarize_document(document):\n    return {'ratio': {'x': float('nan')}}\n",
    "bad_name": "@hookimpl\ndef summarize_document(document):\n    return {'model_fields': 1}\n",
    "exits": "import sys\n@hookimpl\ndef check_claim(claim):\n    sys.exit(0)\n",
    "hangs": "import time\n@hookimpl\ndef check_document(document):\n    while True:\n        try:\n"
             "            time.sleep(600)\n        except Exception:\n            pass\n",
    "bad_flag": "@hookimpl\ndef check_claim(claim):\n    return {'code': 'x'}\n",
    "segmenter_exits": "import sys\n@hookimpl\ndef segment_text(text):\n    sys.exit(0)\n",
    "format_exits": "import sys\n@hookimpl\ndef register_formats(register):\n"
                    "    register('boom', lambda report, options: sys.exit(0))\n",
}


def _plugin(tmp_path, name):
    p = tmp_path / f"{name}.py"
    p.write_text("from claims import hookimpl\n" + PLUGINS[name], encoding="utf-8")
    return p


def _run(tmp_path, *args):
    (tmp_path / "b.txt").write_text(BULLETIN, encoding="utf-8")
    (tmp_path / "c.txt").write_text(BULLETIN.replace("37", "38"), encoding="utf-8")
    cfg = tmp_path / "claims.toml"
    cfg.write_text("plugin_timeout = 1\n", encoding="utf-8")
    return runner.invoke(get_app(), ["check", "--db", str(tmp_path / "s.db"), "--config", str(cfg), "-f", "json",
                                     "--fail-on", "never", *map(str, args), str(tmp_path / "b.txt"),
                                     str(tmp_path / "c.txt")], catch_exceptions=False)


@pytest.mark.parametrize("name, says", [
    ("not_a_dict", "summarize_document must return a dict or None, got list"),
    ("unserializable", "summary is not JSON"),
    ("not_finite", "summary is not JSON"),
    ("bad_name", "summary figure names must be strings, not starting with '_' nor a pydantic name"),
    ("exits", "SystemExit"),
    ("hangs", "timed out after 1 s"),
    ("bad_flag", "invalid Flag: message: Field required"),
])
def test_a_misbehaving_plugin_is_named_once_and_every_good_result_is_kept(tmp_path, name, says):
    r = _run(tmp_path, "--plugin", _plugin(tmp_path, name))
    assert r.exit_code == 3, r.output
    lines = [ln for ln in r.stderr.splitlines() if name in ln]
    assert len(lines) == 1 and says in lines[0], r.stderr  # once per run, however many claims it failed on
    if name in ("exits", "bad_flag"):
        assert lines[0].endswith("(failed 6 times in 2 documents)")
    docs = json.loads(r.stdout)["documents"]
    assert [len(d["claims"]) for d in docs] == [3, 3]
    assert any(f["checker"] == "arithmetic" for f in docs[0]["claims"][1]["flags"])  # the others' flags
    s = open_store(str(tmp_path / "s.db"))
    try:
        assert s.reader().counts()["documents"] == 2
    finally:
        s.close()


def test_a_segmenter_or_format_that_exits_is_a_plugin_failure(tmp_path):
    r = _run(tmp_path, "--plugin", _plugin(tmp_path, "segmenter_exits"))
    assert r.exit_code == 3
    assert r.stderr.count("segmenter_exits") == 1 and "SystemExit" in r.stderr, r.stderr
    assert "(failed 2 times in 2 documents)" in r.stderr
    assert [d["errors"][0]["plugin"] for d in json.loads(r.stdout)["documents"]] == ["segmenter_exits"] * 2
    r = _run(tmp_path, "--plugin", _plugin(tmp_path, "format_exits"), "-f", "boom")
    assert r.exit_code == 3 and "format 'boom' failed: SystemExit" in r.stderr


def test_the_timeout_limits_each_call_not_their_sum():
    """The timer is not set around every call: calls that together run past the limit are kept, and
    a call that hangs after them is still stopped once it alone has run the limit."""
    import time

    from claims.check import PluginTimeout, _Deadline

    class Impl:
        argnames = ("pause",)

        @staticmethod
        def function(pause):
            time.sleep(pause)
            return pause

    with _Deadline(0.3) as deadline:
        assert [deadline.call(Impl, {"pause": 0.05}) for _ in range(10)] == [0.05] * 10
        time.sleep(0.35)  # between calls the timer goes off and is set again
        started = time.monotonic()
        with pytest.raises(PluginTimeout):
            deadline.call(Impl, {"pause": 5})
        assert 0.3 <= time.monotonic() - started < 1


def test_plugin_timeout_must_be_a_number(tmp_path):
    cfg = tmp_path / "claims.toml"
    cfg.write_text('plugin_timeout = "soon"\n', encoding="utf-8")
    (tmp_path / "b.txt").write_text(BULLETIN, encoding="utf-8")
    r = runner.invoke(get_app(), ["check", "--no-store", "--config", str(cfg), str(tmp_path / "b.txt")])
    assert r.exit_code == 2 and "plugin_timeout must be a number of seconds" in r.stderr


def _check_to(tmp_path, output):
    (tmp_path / "b.txt").write_text(BULLETIN, encoding="utf-8")
    return runner.invoke(get_app(), ["check", "--no-store", "--fail-on", "never", "-f", "json", "-o", str(output),
                                     str(tmp_path / "b.txt")])


def test_report_into_a_missing_folder_is_one_line_and_no_file(tmp_path):
    r = _check_to(tmp_path, tmp_path / "nope" / "report.json")
    assert r.exit_code == 2 and r.stderr.strip().count("\n") == 0, r.stderr
    assert "does not exist" in r.stderr and not (tmp_path / "nope").exists()


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full here")
def test_report_to_a_full_disk_is_one_line():
    import tempfile
    with tempfile.TemporaryDirectory() as d:
        from pathlib import Path
        r = _check_to(Path(d), "/dev/full")
    assert r.exit_code == 2 and "No space left on device" in r.stderr and "Traceback" not in r.output


def test_a_failed_write_leaves_the_old_report_whole(tmp_path, monkeypatch):
    out = tmp_path / "report.json"
    out.write_text("old report\n", encoding="utf-8")
    import claims.output

    real = os.fdopen

    def full(fd, *a, **k):  # the disk fills after the first bytes
        f = real(fd, *a, **k)
        write = f.write

        def partial(text):
            write(text[:10])
            raise OSError(28, "No space left on device")
        f.write = partial
        return f
    monkeypatch.setattr(claims.output.os, "fdopen", full)
    r = _check_to(tmp_path, out)
    assert r.exit_code == 2 and "No space left on device" in r.stderr
    assert out.read_text(encoding="utf-8") == "old report\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["b.txt", "report.json"]  # no temporary file left


def test_report_is_written_whole(tmp_path):
    out = tmp_path / "report.json"
    r = _check_to(tmp_path, out)
    assert r.exit_code == 0, r.output
    assert json.loads(out.read_text(encoding="utf-8"))["documents"][0]["claims"]
    assert oct(out.stat().st_mode & 0o777) != "0o600"  # not the temporary file's private mode


def test_a_backtick_in_a_file_name_does_not_reach_markdown_as_html(tmp_path):
    name = tmp_path / "a`<img src=x onerror=alert(1)>`.txt"
    name.write_text("---\ntitle: Update\n---\n" + BULLETIN, encoding="utf-8")
    r = runner.invoke(get_app(), ["check", "--no-store", "--fail-on", "never", "-f", "md", str(name)])
    assert r.exit_code == 0, r.output
    from markdown_it import MarkdownIt  # rich's own Markdown parser
    html = MarkdownIt("commonmark").render(r.stdout)
    assert "<img" not in html and "&lt;img" in html



def test_read_commands_never_write_to_the_store(tmp_path):
    import sqlite3
    empty = tmp_path / "zero.db"
    empty.write_bytes(b"")
    foreign = tmp_path / "foreign.db"
    with sqlite3.connect(foreign) as c:
        c.execute("CREATE TABLE t (x)")
    before = foreign.read_bytes()
    for db, says in ((empty, "empty"), (foreign, "not a claims store")):
        for cmd in (["list"], ["sources"], ["show", "c_1"], ["history", "killed"]):
            r = runner.invoke(get_app(), [*cmd, "--db", str(db)])
            assert r.exit_code == 4 and says in r.stderr, (cmd, r.output)
    assert empty.read_bytes() == b"" and foreign.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["foreign.db", "zero.db"]  # no -wal or -shm files


@pytest.mark.parametrize("url", ["postgresql://u:secret@localhost:abc/db", "nope://x"])
def test_a_bad_store_url_is_one_line(url, tmp_path):
    (tmp_path / "b.txt").write_text(BULLETIN, encoding="utf-8")
    r = runner.invoke(get_app(), ["check", "--db", url, str(tmp_path / "b.txt")])
    assert r.exit_code == 4 and r.stderr.count("\n") == 1 and "secret" not in r.stderr, r.output


def test_no_store_says_when_it_cannot_use_an_existing_store(tmp_path):
    from claims.db import upgrade
    old = tmp_path / "old.db"
    upgrade(str(old), "0001")
    (tmp_path / "b.txt").write_text(BULLETIN, encoding="utf-8")
    r = runner.invoke(get_app(), ["check", "--no-store", "--fail-on", "never", "--db", str(old),
                                  str(tmp_path / "b.txt")])
    assert r.exit_code == 0 and "warning: store" in r.stderr and "at schema revision 0001" in r.stderr, r.output
    r = runner.invoke(get_app(), ["check", "--no-store", "--fail-on", "never", "--db", str(tmp_path / "none.db"),
                                  str(tmp_path / "b.txt")])
    assert r.exit_code == 0 and "warning" not in r.stderr  # no store yet: an ordinary dry run


def test_a_store_that_refuses_every_document_is_said_once(tmp_path):
    import sqlite3
    db = tmp_path / "s.db"
    open_store(str(db)).close()
    with sqlite3.connect(db) as c:  # every save fails the same way, like a full disk
        c.execute("CREATE TRIGGER full BEFORE INSERT ON documents BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END")
    for i in range(3):
        (tmp_path / f"b{i}.txt").write_text(BULLETIN.replace("37", str(40 + i)), encoding="utf-8")
    r = runner.invoke(get_app(), ["check", "--db", str(db), "--fail-on", "never", "-f", "json",
                                  *[str(tmp_path / f"b{i}.txt") for i in range(3)]])
    assert r.exit_code == 4
    assert r.stderr.count("database or disk is full") == 1, r.stderr
    assert "3 documents were not stored" in r.stderr
    assert len(json.loads(r.stdout)["documents"]) == 3  # the report has every document


def test_a_store_this_user_cannot_write_is_still_read(tmp_path, monkeypatch):
    (tmp_path / "b.txt").write_text(BULLETIN, encoding="utf-8")
    db = tmp_path / "s.db"
    assert runner.invoke(get_app(), ["check", "--db", str(db), "--fail-on", "never", str(tmp_path / "b.txt")]).exit_code == 0
    open_store(str(db)).close()
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir() if p.name.startswith("s.db")}
    import claims.db.engine as engine
    real = os.access
    # as the tests may run as root, "cannot write" is what os.access says for the store and its folder
    monkeypatch.setattr(engine.os, "access", lambda p, mode: False if mode == os.W_OK else real(p, mode))
    r = runner.invoke(get_app(), ["list", "--db", str(db)])
    assert r.exit_code == 0 and "governor" in r.stdout, r.output
    after = {p.name: p.read_bytes() for p in tmp_path.iterdir() if p.name.startswith("s.db")}
    assert after == before
