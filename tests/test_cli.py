"""The check command on good and bad input: exit statuses, one-line errors, nothing lost."""

from __future__ import annotations

import json
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "bulletin.txt"

GOOD = ("The ministry of health said 12 people were injured on Sunday. "
        "Rescue teams were still searching the rubble, the ministry added.\n")


def write(tmp_path: Path, name: str, data: bytes | str) -> str:
    p = tmp_path / name
    p.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return str(p)


def test_json_output_is_pure_json_with_the_contract(claims_cli):
    res = claims_cli("check", "--no-store", "--format", "json", str(EXAMPLE))
    assert res.exit_code == 0, res.output
    report = json.loads(res.stdout)
    assert report["schema_version"] == "1.0"
    doc = report["documents"][0]
    assert {"path", "sha256", "claims", "skipped"} <= set(doc)
    claim = doc["claims"][0]
    assert {"id", "text", "start", "end", "line", "source", "quantities", "hedges", "flags"} <= set(claim)
    assert {"id", "name", "mention", "cue", "mode"} <= set(claim["source"])
    assert {"value", "text"} <= set(claim["quantities"][0])
    assert all({"text", "start", "end", "reason"} <= set(s) for s in doc["skipped"])
    hedged = [c for c in doc["claims"] if c["hedges"]][0]
    assert {"cue", "start", "end", "low", "high", "scale"} <= set(hedged["hedges"][0])
    assert {"id", "checker", "code", "severity", "message"} <= set(hedged["flags"][0])


def test_claim_ids_are_stable_across_runs(claims_cli):
    a = json.loads(claims_cli("check", "--no-store", "-f", "json", str(EXAMPLE)).stdout)
    b = json.loads(claims_cli("check", "--no-store", "-f", "json", str(EXAMPLE)).stdout)
    ids = lambda r: [(c["id"], [f["id"] for f in c["flags"]]) for c in r["documents"][0]["claims"]]  # noqa: E731
    assert ids(a) == ids(b)
    assert len({c["id"] for c in a["documents"][0]["claims"]}) == len(a["documents"][0]["claims"])


def test_missing_and_binary_files_are_named_and_the_rest_is_checked(claims_cli, tmp_path):
    good = write(tmp_path, "good.txt", GOOD)
    binary = write(tmp_path, "photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    res = claims_cli("check", "--no-store", "-f", "json", str(tmp_path / "nope.txt"), binary, good)
    assert res.exit_code == 2
    errors = [line for line in res.stderr.splitlines() if line.startswith("claims:")]
    assert any("nope.txt: no such file" in e for e in errors)
    assert any("photo.txt: looks like a binary file" in e for e in errors)
    report = json.loads(res.stdout)
    assert [Path(d["path"]).name for d in report["documents"]] == ["good.txt"]
    assert len(report["documents"][0]["claims"]) == 2
    assert {Path(e["path"]).name for e in report["errors"]} == {"nope.txt", "photo.txt"}


def test_cp1252_is_decoded_with_a_warning(claims_cli, tmp_path):
    text = "The mayor said the café had reopened – “a relief” for the 40 staff.\n"
    path = write(tmp_path, "old.txt", text.encode("cp1252"))
    res = claims_cli("check", "--no-store", "-f", "json", path)
    assert res.exit_code == 0
    assert "not valid UTF-8" in res.stderr and "cp1252" in res.stderr
    claim = json.loads(res.stdout)["documents"][0]["claims"][0]
    assert claim["text"] == text.strip()


def test_bom_and_crlf_keep_offsets(claims_cli, tmp_path):
    text = "First line of the report.\r\nThe agency said 3 people died.\r\n\r\nA second paragraph here.\r\n"
    path = write(tmp_path, "crlf.txt", b"\xef\xbb\xbf" + text.encode("utf-8"))
    doc = json.loads(claims_cli("check", "--no-store", "-f", "json", path).stdout)["documents"][0]
    for c in doc["claims"]:
        assert text[c["start"]:c["end"]] == c["text"]
    assert [c["line"] for c in doc["claims"]] == [1, 2, 4]


def test_empty_input_is_not_an_error(claims_cli, tmp_path):
    path = write(tmp_path, "empty.txt", "")
    res = claims_cli("check", "--no-store", "-f", "json", path)
    assert res.exit_code == 0
    assert json.loads(res.stdout)["documents"][0]["claims"] == []


def test_stdin_and_directory(claims_cli, tmp_path):
    res = claims_cli("check", "--no-store", "-f", "json", "-", input=GOOD)
    assert res.exit_code == 0
    assert json.loads(res.stdout)["documents"][0]["path"] == "<stdin>"
    folder = tmp_path / "bulletins"
    folder.mkdir()
    write(folder, "a.txt", GOOD)
    write(folder, "b.md", GOOD)
    write(folder, "c.csv", "not,a,bulletin")
    res = claims_cli("check", "--no-store", "-f", "json", str(folder))
    assert [Path(d["path"]).name for d in json.loads(res.stdout)["documents"]] == ["a.txt", "b.md"]


def test_fail_on_and_usage_errors(claims_cli, tmp_path):
    path = write(tmp_path, "x.txt", "The office said the toll is likely higher.\n")
    assert claims_cli("check", "--no-store", path).exit_code == 0
    assert claims_cli("check", "--no-store", "--fail-on", "info", path).exit_code == 1
    assert claims_cli("check", "--no-store", "--fail-on", "bogus", path).exit_code == 2
    assert claims_cli("check", "--no-store", "--format", "yaml", path).exit_code == 2
    assert claims_cli("check", "--no-store", "--published", "last week", path).exit_code == 2


def test_malformed_config_is_a_clear_error(claims_cli, tmp_path):
    (tmp_path / "claims.toml").write_text("[plugins.hedge\nscale = ", "utf-8")
    path = write(tmp_path, "x.txt", GOOD)
    res = claims_cli("check", "--no-store", path)
    assert res.exit_code == 2
    assert "claims.toml: malformed TOML" in res.stderr


def test_terminal_report_shows_sources_flags_and_summary(claims_cli):
    res = claims_cli("check", "--no-store", str(EXAMPLE))
    assert res.exit_code == 0
    out = " ".join(res.stdout.split())  # the report wraps to the terminal width
    assert "UK Ministry of Defence" in out and "Olaf Scholz · “said”, direct quote" in out
    assert 'hedged: "almost certainly" ~ 95-100% (PHIA yardstick)' in out
    assert "Skipped (not claims)" in out and "hashtags" in out
    assert "2 relations found, 2 checked, 2 consistent" in out


def test_sarif_output(claims_cli):
    res = claims_cli("check", "--no-store", "-f", "sarif", str(EXAMPLE))
    sarif = json.loads(res.stdout)
    results = sarif["runs"][0]["results"]
    assert sarif["version"] == "2.1.0" and results
    region = results[0]["locations"][0]["physicalLocation"]["region"]
    assert region["startLine"] >= 1 and region["charLength"] > 0


def test_schema_command(claims_cli):
    schema = json.loads(claims_cli("schema").stdout)
    assert "documents" in schema["properties"]


def test_huge_file_is_refused_by_name_and_the_rest_is_checked(claims_cli, tmp_path):
    big = tmp_path / "huge.txt"
    big.write_text("The agency said 3 people died.\n" * 40_000, "utf-8")  # about 1.2 MB
    good = write(tmp_path, "good.txt", GOOD)
    res = claims_cli("check", "--no-store", "-f", "json", "--max-size", "1", str(big), good)
    assert res.exit_code == 2
    assert "huge.txt: is 1.2 MB, over the 1 MB limit (--max-size)" in res.stderr
    assert [Path(d["path"]).name for d in json.loads(res.stdout)["documents"]] == ["good.txt"]
