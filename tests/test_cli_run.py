"""Bulk runs of ``claims check``: --jobs and --dask give the serial result, line/jsonl output,
the grand total and --quiet."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

# Figures that conflict across documents: with a store, a later document is checked against
# the earlier ones of the same run, so a parallel run must keep the serial order to agree.
TEMPLATE = """published: 2022-06-{day:02}

The UN human rights office said {killed:,} civilians had been killed since February 24. Of that number {women:,} were women, it said.
The ministry said it was likely that {wounded} soldiers were wounded on Monday.

The governor said {other:,} civilians had been killed since February 24, according to a statement.
"""


@pytest.fixture
def bulletins(tmp_path) -> Path:
    folder = tmp_path / "bulletins"
    folder.mkdir()
    for i in range(6):
        killed = 4000 + 37 * i
        (folder / f"b{i}.txt").write_text(TEMPLATE.format(day=i + 1, killed=killed, women=killed // 3,
                                                          wounded=20 + i, other=killed + 90 * (i % 3)), "utf-8")
    (folder / "broken.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00" + bytes(range(256)))
    return folder


def results(jsonl: str) -> list:
    docs = [json.loads(line) for line in jsonl.splitlines()]
    return [(Path(d["path"]).name, d.get("error"),
             [(c["id"], c["text"], [(f["id"], f["severity"], f["message"]) for f in c["flags"]])
              for c in d.get("claims", [])], [f["id"] for f in d.get("flags", [])]) for d in docs]


def table_counts(db: Path) -> dict[str, int]:
    con = sqlite3.connect(db)
    try:
        return {t: con.execute(f"select count(*) from {t}").fetchone()[0] for t in ("documents", "claims", "flags")}
    finally:
        con.close()


def test_jobs_gives_the_serial_result_with_and_without_a_store(claims_cli, bulletins, tmp_path):
    serial = claims_cli("check", "-f", "jsonl", "--jobs", "1", "--db", tmp_path / "serial.db", bulletins)
    parallel = claims_cli("check", "-f", "jsonl", "--jobs", "2", "--db", tmp_path / "parallel.db", bulletins)
    assert serial.exit_code == parallel.exit_code == 2  # the binary file
    assert results(parallel.stdout) == results(serial.stdout)
    names = [r[0] for r in results(serial.stdout)]
    assert names == ["b0.txt", "b1.txt", "b2.txt", "b3.txt", "b4.txt", "b5.txt", "broken.txt"]
    # later documents conflict with earlier ones of the same run: the store order was kept
    later = [f for r in results(serial.stdout)[1:6] for c in r[2] for f in c[2] if "conflict" in f[2] or f[1] == "warning"]
    assert later
    assert table_counts(tmp_path / "serial.db") == table_counts(tmp_path / "parallel.db")
    assert parallel.stderr.count("broken.txt: looks like a binary file") == 1

    dry1 = claims_cli("check", "-f", "jsonl", "--jobs", "1", "--no-store", bulletins)
    dry2 = claims_cli("check", "-f", "jsonl", "--jobs", "2", "--no-store", bulletins)
    assert results(dry1.stdout) == results(dry2.stdout)


def test_dask_local_cluster_gives_the_serial_result(claims_cli, bulletins, tmp_path):
    distributed = pytest.importorskip("distributed")
    serial = claims_cli("check", "-f", "jsonl", "--no-store", bulletins)
    stored = claims_cli("check", "-f", "jsonl", "--db", tmp_path / "serial.db", bulletins)
    with distributed.LocalCluster(n_workers=1, threads_per_worker=2, processes=True,
                                  dashboard_address=None) as cluster:
        on_dask = claims_cli("check", "-f", "jsonl", "--no-store", "--dask", cluster.scheduler_address, bulletins)
        dask_stored = claims_cli("check", "-f", "jsonl", "--db", tmp_path / "dask.db",
                                 "--dask", cluster.scheduler_address, bulletins)
    assert on_dask.exit_code == serial.exit_code == 2, on_dask.stderr
    assert results(on_dask.stdout) == results(serial.stdout)
    assert results(dask_stored.stdout) == results(stored.stdout)
    assert table_counts(tmp_path / "dask.db") == table_counts(tmp_path / "serial.db")


def test_dask_scheduler_unreachable_is_one_line(claims_cli, bulletins):
    pytest.importorskip("distributed")
    res = claims_cli("check", "--no-store", "--dask", "tcp://127.0.0.1:9", bulletins,
                     env={"CLAIMS_DASK_TIMEOUT": "0.5"})
    assert res.exit_code == 2
    assert "cannot reach the scheduler" in res.stderr and "Traceback" not in res.stderr


def test_line_format_is_path_line_col_severity_checker_message(claims_cli, tmp_path):
    doc = tmp_path / "note.txt"
    doc.write_text("Title line\n\nThe office said the toll is likely higher.\n  It is almost certainly 40, officials said.\n",
                   "utf-8")
    res = claims_cli("check", "--no-store", "-f", "line", doc)
    assert res.exit_code == 0, res.stderr
    lines = res.stdout.splitlines()
    assert lines and all(line.startswith(f"{doc}:") for line in lines)
    text = doc.read_text("utf-8")
    for line in lines:
        path, ln, col, rest = line.split(":", 3)
        severity, checker_and_message = rest.strip().split(" ", 1)
        assert severity in ("info", "warning", "error") and checker_and_message.startswith("[hedge] ")
        cue = checker_and_message.split('"')[1]
        assert text.splitlines()[int(ln) - 1][int(col) - 1:].startswith(cue)  # 1-based, points at the cue
    assert [line.split(":")[1] for line in lines] == ["3", "4"]


def test_jsonl_is_one_document_per_line_and_errors_as_lines(claims_cli, bulletins):
    res = claims_cli("check", "--no-store", "-f", "jsonl", bulletins)
    rows = [json.loads(line) for line in res.stdout.splitlines()]
    assert len(rows) == 7
    assert all({"path", "sha256", "claims", "summary"} <= set(r) for r in rows[:6])
    assert Path(rows[6]["path"]).name == "broken.txt" and "binary" in rows[6]["error"]
    full = json.loads(claims_cli("check", "--no-store", "-f", "json", bulletins).stdout)
    assert [d["claims"] for d in full["documents"]] == [r["claims"] for r in rows[:6]]


def test_grand_total_closes_a_multi_document_run(claims_cli, bulletins):
    res = claims_cli("check", "--no-store", "--no-color", bulletins)
    last = res.stdout.rstrip().splitlines()[-1]
    assert last.startswith("Total: 6 documents checked: ") and "1 file failed." in last
    assert "flags: " in last and "warning" in last
    # machine formats keep stdout clean: the total goes to stderr
    res = claims_cli("check", "--no-store", "-f", "json", bulletins)
    json.loads(res.stdout)
    assert "Total: 6 documents checked" in res.stderr
    single = claims_cli("check", "--no-store", bulletins / "b0.txt")
    assert "Total:" not in single.stdout + single.stderr


def test_quiet_prints_only_the_total_and_errors(claims_cli, bulletins, tmp_path):
    res = claims_cli("check", "--no-store", "-q", "--fail-on", "warning", bulletins)
    assert res.exit_code == 2
    assert res.stdout.splitlines() == [line for line in res.stdout.splitlines() if line.startswith("Total:")]
    assert len(res.stdout.splitlines()) == 1
    assert "broken.txt: looks like a binary file" in res.stderr
    out = tmp_path / "report.json"
    res = claims_cli("check", "--no-store", "-q", "-f", "json", "-o", out, bulletins / "b0.txt", "--fail-on", "info")
    assert res.exit_code == 1 and res.stdout == ""
    assert json.loads(out.read_text("utf-8"))["documents"]
    assert "reached --fail-on info" in res.stderr  # with -o, say why the run failed


def test_streamed_json_is_the_report_model(claims_cli, bulletins):
    from claims.models import Report
    res = claims_cli("check", "--no-store", "-f", "json", bulletins)
    report = Report.model_validate_json(res.stdout)
    assert len(report.documents) == 6 and [Path(e.path).name for e in report.errors] == ["broken.txt"]


def test_progress_bar_on_a_terminal_only_and_gone_at_the_end(bulletins, tmp_path):
    import os
    import pty
    import subprocess
    import sys

    claims = Path(sys.executable).with_name("claims")
    env = {**os.environ, "CLAIMS_LOAD_ENTRYPOINTS": "0", "CLAIMS_PROGRESS_AFTER": "0", "COLUMNS": "100"}
    primary, secondary = pty.openpty()
    out = tmp_path / "out.jsonl"
    proc = subprocess.Popen([str(claims), "check", "--no-store", "-f", "jsonl", "--jobs", "1", "-o", str(out),
                             str(bulletins)], stdout=subprocess.DEVNULL, stderr=secondary, env=env, cwd=tmp_path)
    os.close(secondary)
    seen = b""
    while True:  # read the terminal while the run goes on, so it never blocks on a full pty
        try:
            chunk = os.read(primary, 65536)
        except OSError:  # the run ended and closed its end
            break
        if not chunk:
            break
        seen += chunk
    os.close(primary)
    proc.wait()
    stdout = out.read_bytes()
    text = seen.decode("utf-8", "replace")
    assert "checking" in text and "/7" in text  # the bar, with documents done of 7
    assert "Total: 6 documents checked" in text
    assert b"checking" not in stdout and b"\x1b[" not in stdout  # never in the output
    piped = subprocess.run([str(claims), "check", "--no-store", "-f", "jsonl", str(bulletins)],
                           capture_output=True, env=env, cwd=tmp_path, check=False)
    assert b"checking" not in piped.stderr  # stderr not a terminal: no bar


def _stream_docs(pipeline, marker: str):
    """Documents for the streamed formats: claims with flags, none at all, and the writer's marker in the text."""
    return [pipeline.check_text('The UN said 12 people were killed. "It is likely," the office said.\n\nA second one.',
                                path="a.txt"),
            pipeline.check_text("", path="empty.txt"),
            pipeline.check_text(f'title: {marker}\n\nThe ministry said {marker} 3 were hurt.\n', path="b.txt")]


def test_the_streamed_json_is_the_bytes_of_the_whole_report(pipeline):
    from claims.models import Report
    from claims.plugins.format_json import JsonStream, render_json
    docs = _stream_docs(pipeline, '"claims": []')
    s = JsonStream({})
    streamed = s.begin() + s.separator.join(s.document(d) for d in docs) + s.end([], len(docs))
    assert streamed == render_json(Report(documents=docs), {})
    assert "".join(s.chunks(docs[0])) == s.document(docs[0]) and len(list(s.chunks(docs[0]))) > 2


def test_the_streamed_jsonl_line_is_the_bytes_of_the_document(pipeline):
    from claims.plugins.format_json import EXCLUDE_DOC
    from claims.plugins.format_jsonl import JsonlStream
    docs = _stream_docs(pipeline, '"claims":[]')
    s = JsonlStream({})
    for d in docs:
        assert s.document(d) == d.model_dump_json(exclude=EXCLUDE_DOC) + "\n"
    assert len(list(s.chunks(docs[0]))) > 2
