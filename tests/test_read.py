"""The reader hook: plugins turn bytes into documents, sniffed; directories take their suffixes; stdin is bounded."""

from __future__ import annotations

import io
import json
import textwrap

import pytest

from claims import DocumentIn, ReadError, TextBlock, hookimpl
from claims.pipeline import Pipeline
from claims.plugin_manager import make_plugin_manager
from claims.read import InputProblem, expand, read_bytes, read_stream


class WireReader:
    """A made-up wire format: a magic line, a publisher line, then the story."""

    @hookimpl
    def reader_suffixes(self):
        return [".wire"]

    @hookimpl
    def read_document(self, data, path):
        if not data.startswith(b"WIRE1\n"):
            return None
        publisher, _, story = data[6:].decode("utf-8").partition("\n")
        if not story.strip():
            raise ReadError("wire file has no story")
        return DocumentIn(text=story, format="wire", publisher=publisher, published="2026-03-02",
                          blocks=[TextBlock(kind="paragraph", start=0, end=len(story.rstrip()))])


def pipeline_with(*plugins):
    pm = make_plugin_manager(load_entrypoints=False, extra=[(f"p{i}", p) for i, p in enumerate(plugins)])
    return Pipeline(pm)


def test_a_reader_plugin_sniffs_its_content_and_fills_the_metadata():
    p = pipeline_with(WireReader())
    data = b"WIRE1\nExample Wire\nThe UN said 12 civilians were killed on Sunday.\n"
    (doc,) = p.check_item(read_bytes("story.txt", data))  # the suffix says text; the content says wire
    assert (doc.format, doc.publisher, doc.published) == ("wire", "Example Wire", "2026-03-02")
    assert [c.text for c in doc.claims] == ["The UN said 12 civilians were killed on Sunday."]
    assert doc.claims[0].quantities[0].value == 12


def test_other_content_falls_through_to_the_plain_text_reader():
    p = pipeline_with(WireReader())
    (doc,) = p.check_item(read_bytes("note.txt", b"The ministry said 3 people were hurt.\n"))
    assert doc.format == "text" and len(doc.claims) == 1


def test_a_read_error_is_one_line_naming_the_file():
    p = pipeline_with(WireReader())
    with pytest.raises(InputProblem) as exc:
        p.check_item(read_bytes("empty.wire", b"WIRE1\nExample Wire\n\n"))
    assert str(exc.value) == "empty.wire: wire file has no story"


def test_a_directory_takes_every_suffix_a_reader_names(tmp_path):
    for name in ("a.txt", "b.wire", "c.png", "d.md"):
        (tmp_path / name).write_text("x")
    p = pipeline_with(WireReader())
    assert [f.rsplit("/", 1)[-1] for f in expand([str(tmp_path)], p.suffixes())] == ["a.txt", "b.wire", "d.md"]


def test_the_cli_reports_a_read_error_and_keeps_the_other_documents(claims_cli, tmp_path):
    plugin = tmp_path / "wire_reader.py"
    plugin.write_text(textwrap.dedent('''
        from claims import DocumentIn, ReadError, hookimpl

        @hookimpl
        def read_document(data):
            if data.startswith(b"WIRE1\\n"):
                raise ReadError("wire file has no story")
    '''))
    (tmp_path / "bad.txt").write_bytes(b"WIRE1\n")
    (tmp_path / "good.txt").write_text("The ministry said 3 people were hurt.\n")
    res = claims_cli("check", "--no-store", "-f", "json", "-p", str(plugin),
                     str(tmp_path / "bad.txt"), str(tmp_path / "good.txt"))
    assert res.exit_code == 2
    assert "bad.txt: wire file has no story" in res.stderr
    assert [d["path"].rsplit("/", 1)[-1] for d in json.loads(res.stdout)["documents"]] == ["good.txt"]


def test_stdin_is_bounded_by_the_size_limit():
    assert read_stream(io.BytesIO(b"x" * 10), "<stdin>", 10) == b"x" * 10
    with pytest.raises(InputProblem, match="over the"):
        read_stream(io.BytesIO(b"x" * 11), "<stdin>", 10)


def test_utf16_without_a_byte_order_mark_is_text_with_a_warning():
    from claims.read import decode
    text = "The UN said 12 civilians were killed.\n"
    for enc in ("utf-16-le", "utf-16-be"):
        got, encoding, warnings = decode(text.encode(enc), "u16.txt")
        assert (got, encoding) == (text, enc) and "no byte-order mark" in warnings[0]


def test_a_link_loop_and_an_unreadable_folder_are_named_and_the_rest_is_read(tmp_path, claims_cli):
    import os
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "good.txt").write_text("The ministry said 3 people were hurt.\n")
    os.symlink(tmp_path / "a", tmp_path / "a" / "loop")
    problems: list = []
    assert [f.rsplit("/", 1)[-1] for f in expand([str(tmp_path)], [".txt"], problems)] == ["good.txt"]
    assert [p.message for p in problems] == ["symbolic link loop; not followed"]
    res = claims_cli("check", "--no-store", "-f", "json", str(tmp_path))
    assert res.exit_code == 2 and "symbolic link loop; not followed" in res.stderr
    assert len(json.loads(res.stdout)["documents"]) == 1
