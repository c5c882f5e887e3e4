"""Built-in output format ``json``: the versioned JSON contract (``claims schema`` describes it).

``claims check`` writes it document by document (the same bytes as one ``model_dump_json``
of the whole report), so the report is never held in memory as a whole.
"""

from __future__ import annotations

import json
from typing import Iterator

from claims import hookimpl

EXCLUDE_DOC = {"text"}


def claims_cut(doc, marker: str, indent: int | None = None) -> tuple[str, str] | None:
    """The document's JSON without its claims, as the text before and after where they go
    (``marker`` is the empty claims list as it is written); None for a document without claims.
    The first ``marker`` is the document's own: no field before it holds "claims", and inside a
    string its quotes would be escaped."""
    if not doc.claims:
        return None
    head = doc.model_copy(update={"claims": []}).model_dump_json(indent=indent, exclude=EXCLUDE_DOC)
    at = head.find(marker)
    return (head[:at], head[at + len(marker):]) if at >= 0 else None


def _indent(text: str, by: str) -> str:
    return text.replace("\n", "\n" + by)


class JsonStream:
    """``begin``, then each ``document`` with ``separator`` between them, then ``end``."""

    separator = ","

    def __init__(self, options) -> None:
        pass

    def begin(self) -> str:
        from claims.models import SCHEMA_VERSION
        return "{\n" + f'  "schema_version": {json.dumps(SCHEMA_VERSION)},\n  "documents": ['

    def document(self, doc) -> str:
        return "".join(self.chunks(doc))

    def chunks(self, doc) -> Iterator[str]:
        """The document's JSON in pieces, a claim at a time, so a large document is never one string."""
        around = claims_cut(doc, '\n  "claims": []', indent=2)
        if around is None:
            yield "\n    " + _indent(doc.model_dump_json(indent=2, exclude=EXCLUDE_DOC), "    ")
            return
        before, after = around
        yield "\n    " + _indent(before + '\n  "claims": [', "    ")
        for n, claim in enumerate(doc.claims):
            yield ("," if n else "") + "\n        " + _indent(claim.model_dump_json(indent=2), "        ")
        yield "\n      ]" + _indent(after, "    ")

    def end(self, errors, count: int = 0) -> str:
        docs_end = "\n  ]," if count else "],"
        if not errors:
            return docs_end + '\n  "errors": []\n}'
        items = ",\n    ".join(_indent(e.model_dump_json(indent=2), "    ") for e in errors)
        return docs_end + '\n  "errors": [\n    ' + items + "\n  ]\n}"


def render_json(report, options):
    return report.model_dump_json(indent=2, exclude={"documents": {"__all__": EXCLUDE_DOC}})


render_json.stream = JsonStream


@hookimpl
def register_formats(register):
    register("json", render_json)
