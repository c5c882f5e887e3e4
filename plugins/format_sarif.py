"""Built-in output format ``sarif``: flags as SARIF 2.1.0 results, for CI annotations."""

from __future__ import annotations

import json

from claims import __version__, hookimpl

LEVEL = {"info": "note", "warning": "warning", "error": "error"}


def _position(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of a character offset."""
    line = text.count("\n", 0, offset) + 1
    col = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, col


def render_sarif(report, options):
    rules: dict[str, dict] = {}
    results = []
    for doc in report.documents:
        flags = [(c, f) for c in doc.claims for f in c.flags] + [(None, f) for f in doc.flags]
        for claim, f in flags:
            rule_id = f"{f.checker}/{f.code}"
            rules.setdefault(rule_id, {"id": rule_id, "name": f.code,
                                       "shortDescription": {"text": f"{f.checker}: {f.code}"}})
            start = f.evidence.start if f.evidence else (claim.start if claim else 0)
            end = f.evidence.end if f.evidence else (claim.end if claim else 0)
            sl, sc = _position(doc.text, start)
            el, ec = _position(doc.text, end)
            result = {
                "ruleId": rule_id,
                "level": LEVEL[f.severity.value],
                "message": {"text": f.message},
                "locations": [{"physicalLocation": {
                    "artifactLocation": {"uri": doc.path},
                    "region": {"startLine": sl, "startColumn": sc, "endLine": el, "endColumn": ec,
                               "charOffset": start, "charLength": end - start},
                }}],
                "partialFingerprints": {"claimsFlagId": f.id},
                "properties": {"claimId": f.claim_id, "related": f.related, **({"status": f.status} if f.status else {})},
            }
            if f.status == "dismissed":
                result["suppressions"] = [{"kind": "external", "justification": f.data.get("dismiss_reason", "dismissed in review")}]
            results.append(result)
    sarif = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "claims", "version": __version__,
                                "informationUri": "https://example.invalid/claims", "rules": list(rules.values())}},
            "results": results,
        }],
    }
    return json.dumps(sarif, indent=2)


@hookimpl
def register_formats(register):
    register("sarif", render_sarif)
