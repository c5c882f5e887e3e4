"""Built-in output format ``jsonl``: one JSON document per line, written as each is checked.

Each line is a document exactly as in ``--format json``'s ``documents`` list; a file that
could not be read is a line ``{"path": ..., "error": ...}``. Nothing is held back, so
memory does not grow with the run and a consumer can start on the first line at once.
"""

from __future__ import annotations

import json

from claims import hookimpl

from claims.plugins.format_json import EXCLUDE_DOC, claims_cut


class JsonlStream:
    def __init__(self, options) -> None:
        pass

    def begin(self) -> str:
        return ""

    def document(self, doc) -> str:
        return "".join(self.chunks(doc))

    def chunks(self, doc):
        """The document's line in pieces, a claim at a time (the same bytes as one ``model_dump_json``),
        so a large document is never one string."""
        around = claims_cut(doc, '"claims":[]')
        if around is None:
            yield doc.model_dump_json(exclude=EXCLUDE_DOC) + "\n"
            return
        before, after = around
        yield before + '"claims":['
        for n, claim in enumerate(doc.claims):
            yield ("," if n else "") + claim.model_dump_json()
        yield "]" + after + "\n"

    def end(self, errors, count: int = 0) -> str:
        return "".join(json.dumps({"path": e.path, "error": e.message}, ensure_ascii=False) + "\n" for e in errors)


def render_jsonl(report, options):
    stream = JsonlStream(options)
    return ("".join(stream.document(d) for d in report.documents) + stream.end(report.errors)).rstrip("\n")


render_jsonl.stream = JsonlStream


@hookimpl
def register_formats(register):
    register("jsonl", render_jsonl)
