"""Built-in output format ``md``: a Markdown report an editor can paste into a briefing.

Per document: its summary (claims, sources, hedged, arithmetic relations checked and
consistent, conflicts, decisions), then the claims by source with their status, and each
flag with its status, reason and notes; then the review decisions. Bulletin text is
escaped, so nothing in it becomes Markdown or HTML. Works for ``claims check --format md``
(statuses only) and ``claims report --format md`` (with the decision history).
"""

from __future__ import annotations

import re

from claims import __version__, hookimpl
from claims.review import CLAIM_STATUSES, by_source, decisions_of, figures, fmt_time, latest_verdict
from claims.textsafe import md_code, visible

_SPECIAL = re.compile(r"([\\`*_\[\]<>|&]|~(?=\S))")


def md(text: str | None) -> str:
    """Text as literal Markdown: special characters backslash-escaped, line breaks folded."""
    if not text:
        return ""
    return _SPECIAL.sub(r"\\\1", " ".join(visible(text).split()))


def _url(url: str) -> str:
    """A link destination inside ``<...>``: the characters that would end it percent-encoded."""
    return url.replace(" ", "%20").replace("<", "%3C").replace(">", "%3E").replace("\n", "")


def _who(d) -> str:
    parts = [p for p in (d.reviewer, fmt_time(d.decided_at)) if p]
    return ", ".join(md(p) for p in parts)


def _status_label(status: str) -> str:
    s = CLAIM_STATUSES.get(status)
    return s.label if s else md(status)


def _claim_line(c, history, verbose: bool) -> list[str]:
    line = f"- {md(c.text)}"
    meta = [f"line {c.line}"]
    if verbose:
        meta.append(f"`{c.id}`")
    if c.status and c.status != "unreviewed":
        verdict = latest_verdict(history.get(c.id, []))
        bit = f"**{_status_label(c.status)}**"
        if verdict is not None:
            bit += f" ({_who(verdict)})"
        meta.insert(0, bit)
    if c.link and c.link.startswith(("https://", "http://")):
        meta.append(f"[on the page](<{_url(c.link)}>)")
    line += " — " + " · ".join(meta)
    out = [line]
    for d in history.get(c.id, []):
        if d.note:
            out.append(f"  - *Note* ({_who(d)}): {md(d.note)}")
    for f in c.flags:
        out += _flag_lines(f, history, verbose, indent="  ")
    return out


def _flag_lines(f, history, verbose: bool, indent: str = "") -> list[str]:
    head = f"{indent}- **{f.severity.value}** {md(f.checker)}: {md(f.message)}"
    if verbose:
        head += f" `{f.id}`"
    hist = history.get(f.id, [])
    if f.status:
        head += f" — **{md(f.status)}**"
        last = next((d for d in reversed(hist) if d.status == f.status), None)
        if last is not None:
            if last.reason:
                head += f": {md(last.reason)}"
            head += f" ({_who(last)})"
    out = [head]
    for d in hist:
        if d.note:
            out.append(f"{indent}  - *Note* ({_who(d)}): {md(d.note)}")
    return out


def render_document(doc, report, verbose: bool) -> list[str]:
    all_history = decisions_of(report)
    history = {tid: v for (sha, tid), v in all_history.items() if sha == doc.sha256}
    out = [f"## {md(doc.title or doc.path)}", ""]
    meta = [md_code(doc.path) if doc.title else None, f"published {doc.published}" if doc.published
            else "publication date unknown", md(doc.publisher) if doc.publisher else None,
            f"sha256 `{doc.sha256[:12]}`"]
    out += [" · ".join(m for m in meta if m), ""]
    out += ["### Summary", ""]
    out += [f"- **{label}:** {md(text)}" for label, text in figures(doc, all_history).lines()]
    out.append("")
    out += ["### Claims by source", ""]
    for _key, name, claims in by_source(doc):
        out += [f"#### {md(name)} ({len(claims)} claim{'s' if len(claims) != 1 else ''})", ""]
        for c in claims:
            out += _claim_line(c, history, verbose)
        out.append("")
    if doc.flags:
        out += ["### Document flags", ""]
        for f in doc.flags:
            out += _flag_lines(f, history, verbose)
        out.append("")
    decided = sorted((d for v in history.values() for d in v), key=lambda d: (d.decided_at, d.id))
    if decided:
        text_of = {c.id: c.text for c in doc.claims}
        flag_of = {f.id: f for c in doc.claims for f in c.flags} | {f.id: f for f in doc.flags}
        out += ["### Review decisions", "", "| Time | Reviewer | About | Decision | Reason / note |",
                "| --- | --- | --- | --- | --- |"]
        for d in decided:
            if d.target_kind == "claim":
                about = f"claim: {md(_short(text_of.get(d.target_id, d.target_id)))}"
                decision = "Note" if getattr(d, "action", None) == "note" else _status_label(d.status)
            else:
                f = flag_of.get(d.target_id)
                about = f"flag {md(f.checker)}: {md(_short(f.message))}" if f else f"flag {d.target_id}"
                decision = "note" if getattr(d, "action", None) == "note" else d.status
            why = "; ".join(md(x) for x in (d.reason, d.note) if x)
            out.append(f"| {fmt_time(d.decided_at)} | {md(d.reviewer or '')} | {about} | {decision} | {why} |")
        out.append("")
    if doc.skipped:
        out.append(f"*Set aside as not claims: {len(doc.skipped)} line{'s' if len(doc.skipped) != 1 else ''} "
                   f"({', '.join(sorted({md(s.reason) for s in doc.skipped}))}).*")
        out.append("")
    return out


def _short(text: str, n: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[:n - 1].rstrip() + "…"


def render_markdown(report, options):
    verbose = bool(options.get("verbose"))
    docs = report.documents
    generated = getattr(report, "generated_at", None)
    head = [f"{len(docs)} document{'s' if len(docs) != 1 else ''}"]
    if generated is not None:
        head.insert(0, f"Generated {fmt_time(generated)}")
    decisions = getattr(report, "decisions", None)
    if decisions is not None:
        head.append(f"{len(decisions)} review decision{'s' if len(decisions) != 1 else ''}")
    head.append(f"claims {__version__}")
    out = ["# Claims report", "", " · ".join(head), ""]
    for doc in docs:
        out += render_document(doc, report, verbose)
    for e in report.errors:
        out += [f"- **error** {md(e.path)}: {md(e.message)}"]
    return "\n".join(out).rstrip("\n")


@hookimpl
def register_formats(register):
    register("md", render_markdown)
