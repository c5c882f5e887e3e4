"""Built-in output format ``html``: one self-contained page (no external assets, works offline).

The bulletin text as written, each claim highlighted in its source's colour with its numbers,
hedges and source mention marked; flags inline (a chip after the claim) and in full under
each paragraph with status, reason and notes; filters by source, checker, severity and
status; the summary and the review decisions of each document.

All text from a bulletin (and from notes) is HTML-escaped, and a Content-Security-Policy
allows no script but the page's own (by hash), no network and no plugins: a bulletin
containing ``<script>`` or ``<img onerror=...>`` shows as text and runs nothing.

Filters can be set from the address: ``report.html#source=un-ohchr&status=flag:dismissed``.
"""

from __future__ import annotations

import base64
import hashlib
from bisect import bisect_left
from html import escape
from typing import Any, Iterable

from claims import __version__, hookimpl
from claims.textsafe import visible
from claims.review import (
    CLAIM_STATUSES, by_source, decisions_of, figures, fmt_time, latest_verdict, publisher_label,
)

SEVERITIES = ("error", "warning", "info")

CSS = """
:root{--fg:#1d232a;--muted:#5b6673;--line:#d8dee4;--bg:#fff;--panel:#f6f8fa;font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
*{box-sizing:border-box}
body{margin:0;color:var(--fg);background:var(--bg);line-height:1.55;overflow-wrap:anywhere}
header.top{position:sticky;top:0;z-index:2;background:var(--panel);border-bottom:1px solid var(--line);padding:.6rem 1.2rem}
header.top h1{font-size:1.15rem;margin:0 0 .35rem}
header.top .meta{color:var(--muted);font-size:.85rem;margin:0 0 .4rem}
form.filters{display:flex;flex-wrap:wrap;gap:.4rem 1rem;align-items:center;font-size:.9rem}
form.filters select{font:inherit;padding:.1rem .3rem}
#match-count{color:var(--muted);font-variant-numeric:tabular-nums}
main{max-width:62rem;margin:0 auto;padding:1rem 1.2rem 3rem}
article.document{border-bottom:2px solid var(--line);padding-bottom:1.5rem;margin-bottom:1.5rem}
article.document h2{margin:.2rem 0}
.docmeta{color:var(--muted);font-size:.85rem;margin:0 0 .8rem}
dl.summary{display:grid;grid-template-columns:max-content 1fr;gap:.1rem 1rem;font-size:.9rem;background:var(--panel);padding:.6rem .9rem;border-radius:6px;margin:0 0 1rem}
dl.summary dt{font-weight:600}
dl.summary dd{margin:0}
ul.legend{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.3rem .9rem;font-size:.85rem;margin:0 0 1rem}
.swatch{display:inline-block;width:.8rem;height:.8rem;border-radius:2px;vertical-align:-.1rem;margin-right:.3rem;background:hsl(var(--hue) 70% 80%)}
.swatch.publisher{background:#e3e6ea}
.text p.para{white-space:pre-wrap;margin:0 0 .4rem;font-size:1.02rem}
.claim{background:hsl(var(--hue) 70% 92%);border-bottom:2px solid hsl(var(--hue) 55% 60%);border-radius:2px;transition:opacity .15s}
.claim.publisher{background:#f1f3f5;border-bottom-color:#c3c9d0}
.claim.out{opacity:.28;background:none;border-bottom-color:transparent}
.claim:target{outline:2px solid #0969da}
.mention{font-weight:700;color:hsl(var(--hue) 60% 28%)}
.num{font-weight:700;color:#0b5cad}
.hedge{text-decoration:underline wavy #bf8700;text-underline-offset:3px}
.skipped{color:var(--muted);font-style:italic}
.pagelink{margin-left:.2em;text-decoration:none;font-size:.85em}
.chip{display:inline-block;font-size:.72rem;line-height:1.2;padding:0 .35rem;margin-left:.25rem;border-radius:9px;border:1px solid;vertical-align:.1rem;white-space:nowrap;font-style:normal;font-weight:600}
.sev-error{color:#a40e26;border-color:#cf222e;background:#ffebe9}
.sev-warning{color:#7d4e00;border-color:#d4a72c;background:#fff8c5}
.sev-info{color:#0a3069;border-color:#54aeff;background:#ddf4ff}
.chip.st-dismissed,li.st-dismissed .message{text-decoration:line-through;opacity:.6}
.verdict{display:inline-block;font-size:.72rem;padding:0 .35rem;margin-left:.25rem;border-radius:3px;color:#fff;background:#57606a;vertical-align:.1rem;font-weight:700;text-transform:uppercase;letter-spacing:.03em}
.v-verified{background:#1a7f37}.v-false{background:#cf222e}.v-misleading{background:#bc4c00}.v-unverifiable{background:#6e7781}.v-in_progress{background:#0969da}.v-not_applicable{background:#8c959f}
ul.flags{margin:.1rem 0 1rem 1.2rem;padding:0;font-size:.88rem}
ul.flags li{margin:.15rem 0}
ul.flags .status{font-weight:700}
ul.flags .notes{color:var(--muted)}
table.decisions{border-collapse:collapse;font-size:.85rem;width:100%}
table.decisions th,table.decisions td{border:1px solid var(--line);padding:.25rem .45rem;text-align:left;vertical-align:top}
table.decisions th{background:var(--panel)}
[hidden]{display:none!important}
footer{color:var(--muted);font-size:.8rem;text-align:center;padding:1rem}
"""

SCRIPT = """
(function () {
  "use strict";
  var selects = {};
  Array.prototype.forEach.call(document.querySelectorAll("select[data-filter]"), function (s) {
    selects[s.getAttribute("data-filter")] = s;
  });
  var names = ["source", "checker", "severity", "status"];
  var PUBLISHER = "(publisher)";  // the publisher's own claims have data-source="", which means "all" here
  function words(el, attr) { return (el.getAttribute(attr) || "").split(" ").filter(Boolean); }
  function current() {
    var f = {};
    names.forEach(function (n) { f[n] = selects[n] ? selects[n].value : ""; });
    return f;
  }
  function source(f) { return f.source === PUBLISHER ? "" : f.source; }
  function claimMatches(c, f) {
    if (f.source && c.getAttribute("data-source") !== source(f)) return false;
    if (f.checker && words(c, "data-checkers").indexOf(f.checker) < 0) return false;
    if (f.severity && words(c, "data-severities").indexOf(f.severity) < 0) return false;
    if (f.status && words(c, "data-statuses").indexOf(f.status) < 0) return false;
    return true;
  }
  function flagMatches(el, f) {
    if (f.source && el.getAttribute("data-source") !== source(f)) return false;
    if (f.checker && el.getAttribute("data-checker") !== f.checker) return false;
    if (f.severity && el.getAttribute("data-severity") !== f.severity) return false;
    if (f.status) {
      var st = f.status.split(":");
      if (st[0] === "flag" && el.getAttribute("data-status") !== st[1]) return false;
      if (st[0] === "claim" && el.getAttribute("data-claim-status") !== st[1]) return false;
    }
    return true;
  }
  function apply(fromUser) {
    var f = current(), shown = 0, total = 0;
    Array.prototype.forEach.call(document.querySelectorAll(".claim"), function (c) {
      var ok = claimMatches(c, f);
      total += 1;
      if (ok) shown += 1;
      c.classList.toggle("out", !ok);
    });
    Array.prototype.forEach.call(document.querySelectorAll("[data-flag]"), function (el) {
      el.hidden = !flagMatches(el, f);
    });
    Array.prototype.forEach.call(document.querySelectorAll("ul.flags"), function (ul) {
      ul.hidden = !ul.querySelector("li:not([hidden])");
    });
    var out = document.getElementById("match-count");
    out.textContent = shown + " of " + total + " claims match";
    out.setAttribute("data-shown", String(shown));
    document.body.setAttribute("data-filters", names.map(function (n) { return n + "=" + f[n]; }).join("&"));
    if (fromUser) {
      var hash = names.filter(function (n) { return f[n]; }).map(function (n) {
        return n + "=" + encodeURIComponent(f[n]);
      }).join("&");
      try { history.replaceState(null, "", hash ? "#" + hash : location.pathname); } catch (e) { /* file: */ }
    }
  }
  function fromHash() {
    var h = (location.hash || "").replace(/^#/, "");
    h.split("&").forEach(function (kv) {
      var i = kv.indexOf("=");
      if (i < 0) return;
      var k = kv.slice(0, i), v = decodeURIComponent(kv.slice(i + 1));
      var s = selects[k];
      if (s && Array.prototype.some.call(s.options, function (o) { return o.value === v; })) s.value = v;
    });
  }
  names.forEach(function (n) {
    if (selects[n]) selects[n].addEventListener("change", function () { apply(true); });
  });
  var reset = document.getElementById("reset-filters");
  if (reset) reset.addEventListener("click", function (e) {
    e.preventDefault();
    names.forEach(function (n) { if (selects[n]) selects[n].value = ""; });
    apply(true);
  });
  window.addEventListener("hashchange", function () { fromHash(); apply(false); });
  fromHash();
  apply(false);
  document.documentElement.setAttribute("data-ready", "1");
})();
"""

#: The source filter's value for unattributed claims ("" is "all sources"); also in SCRIPT.
PUBLISHER_FILTER = "(publisher)"

SCRIPT_HASH = "sha256-" + base64.b64encode(hashlib.sha256(SCRIPT.encode("utf-8")).digest()).decode("ascii")
CSP = (f"default-src 'none'; script-src '{SCRIPT_HASH}'; style-src 'unsafe-inline'; img-src data:; "
       "base-uri 'none'; form-action 'none'")


def e(text: Any) -> str:
    """Escaped for HTML text and attribute values."""
    return escape(visible(text), quote=True)


def source_hues(report) -> dict[str, int]:
    """A colour (hue) per source of the report, in order of first appearance, spread by the golden
    angle so that neighbours differ."""
    hues: dict[str, int] = {}
    for doc in report.documents:
        for c in doc.claims:
            if c.source is not None and c.source.id not in hues:
                hues[c.source.id] = round((200 + 137.508 * len(hues)) % 360)
    return hues


def _flags(doc) -> list:
    return [f for c in doc.claims for f in c.flags] + list(doc.flags)


def _claim_marks(c) -> list[tuple[int, int, str]]:
    marks = []
    if c.source is not None and c.source.mention_start is not None and c.source.mention_end is not None:
        marks.append((c.source.mention_start, c.source.mention_end, "mention"))
    marks += [(q.start, q.end, "num") for q in c.quantities]
    marks += [(h.start, h.end, "hedge") for h in c.hedges]
    return [(s, t, cls) for s, t, cls in marks if c.start <= s < t <= c.end]


def _marked(text: str, base: int, marks: list[tuple[int, int, str]]) -> str:
    """``text`` (starting at offset ``base``) escaped, with the marked ranges wrapped in spans
    (overlapping marks are cut into segments, so the markup always nests)."""
    cuts = sorted({0, len(text), *[max(0, min(len(text), p - base)) for s, t, _ in marks for p in (s, t)]})
    out = []
    for a, b in zip(cuts, cuts[1:]):
        if a == b:
            continue
        classes = sorted({cls for s, t, cls in marks if s - base <= a and b <= t - base})
        piece = e(text[a:b])
        out.append(f'<span class="{" ".join(classes)}">{piece}</span>' if classes else piece)
    return "".join(out)


def _chip(f, claim) -> str:
    status = f.status or "open"
    label = f.code + (f" · {f.status}" if f.status else "")
    return (f'<span class="chip sev-{e(f.severity.value)} st-{e(status)}" data-flag="1" '
            f'data-source="{e(claim.source.id if claim.source else "")}" data-checker="{e(f.checker)}" '
            f'data-severity="{e(f.severity.value)}" data-status="{e(status)}" '
            f'data-claim-status="{e(claim.status or "unreviewed")}" title="{e(f.checker + ": " + f.message)}">'
            f"{e(label)}</span>")


def _claim_html(doc, c, history, hues) -> str:
    flags = c.flags
    src = c.source.id if c.source else ""
    statuses = [f"claim:{c.status or 'unreviewed'}"] + [f"flag:{f.status or 'open'}" for f in flags]
    attrs = (f'class="claim{" publisher" if not src else ""}" id="{e(c.id)}" data-source="{e(src)}" '
             f'data-checkers="{e(" ".join(sorted({f.checker for f in flags})))}" '
             f'data-severities="{e(" ".join(sorted({f.severity.value for f in flags})))}" '
             f'data-statuses="{e(" ".join(dict.fromkeys(statuses)))}" '
             f'data-line="{c.line}" style="--hue:{hues.get(src, 0)}" '
             f'title="{e((c.source.name if c.source else publisher_label(doc)) + " · line " + str(c.line))}"')
    body = _marked(c.text, c.start, _claim_marks(c))
    extra = ""
    if c.status and c.status != "unreviewed":
        verdict = latest_verdict(history.get(c.id, []))
        who = f" by {verdict.reviewer}, {fmt_time(verdict.decided_at)}" if verdict is not None else ""
        extra += f'<span class="verdict v-{e(c.status)}" title="{e(c.status + who)}">{e(_label(c.status))}</span>'
    extra += "".join(_chip(f, c) for f in flags)
    if c.link and c.link.startswith(("https://", "http://")):
        extra += (f'<a class="pagelink" href="{e(c.link)}" target="_blank" rel="noopener noreferrer" '
                  f'title="this sentence on the page">↗</a>')
    return f"<span {attrs}>{body}{extra}</span>"


def _label(status: str) -> str:
    s = CLAIM_STATUSES.get(status)
    return s.label if s else status


def _who(d) -> str:
    return ", ".join(x for x in (d.reviewer, fmt_time(d.decided_at)) if x)


def _flag_item(f, claim, history) -> str:
    status = f.status or "open"
    hist = history.get(f.id, [])
    parts = [f'<span class="chip sev-{e(f.severity.value)}">{e(f.severity.value)}</span> '
             f'<span class="message"><b>{e(f.checker)}</b>: {e(f.message)}</span>']
    if f.status:
        last = next((d for d in reversed(hist) if d.status == f.status), None)
        s = f' — <span class="status">{e(f.status)}</span>'
        if last is not None:
            s += (f": {e(last.reason)}" if last.reason else "") + f' <span class="notes">({e(_who(last))})</span>'
        parts.append(s)
    notes = [d for d in hist if d.note]
    if notes:
        parts.append(" " + "; ".join(f'<span class="notes">note ({e(_who(d))}):</span> {e(d.note)}' for d in notes))
    src = claim.source.id if claim is not None and claim.source else ""
    cstatus = (claim.status if claim is not None else None) or "unreviewed"
    link = f' <a href="#{e(claim.id)}">line {claim.line}</a>' if claim is not None else ""
    return (f'<li class="flag st-{e(status)}" data-flag="1" data-source="{e(src)}" data-checker="{e(f.checker)}" '
            f'data-severity="{e(f.severity.value)}" data-status="{e(status)}" data-claim-status="{e(cstatus)}" '
            f'id="{e(f.id)}-{e(claim.id if claim is not None else "doc")}">{"".join(parts)}{link}</li>')


def _paragraphs(doc) -> list[tuple[int, int]]:
    text = doc.text or ""
    spans = sorted((p.start, p.end) for p in doc.paragraphs if 0 <= p.start <= p.end <= len(text))
    if not spans and text:
        spans = [(0, len(text))]
    return spans


def _text_html(doc, history, hues) -> str:
    text = doc.text or ""
    if not text:  # stored without text: the claims one after another
        return "".join(f'<p class="para">{_claim_html(doc, c, history, hues)}</p>' for c in doc.claims)
    pieces = sorted([(c.start, c.end, "claim", c) for c in doc.claims if 0 <= c.start <= c.end <= len(text)]
                    + [(s.start, s.end, "skipped", s) for s in doc.skipped if 0 <= s.start <= s.end <= len(text)],
                    key=lambda x: (x[0], x[1]))
    starts = [p[0] for p in pieces]
    out = []
    placed: set[int] = set()
    for pstart, pend in _paragraphs(doc):
        pos = pstart
        html, para_claims = [], []
        for i in range(bisect_left(starts, pstart), bisect_left(starts, pend)):   # the pieces starting inside
            s, t, kind, obj = pieces[i]
            if i in placed or s < pos:
                continue
            placed.add(i)
            html.append(e(text[pos:s]))
            if kind == "claim":
                html.append(_claim_html(doc, obj, history, hues))
                para_claims.append(obj)
            else:
                html.append(f'<span class="skipped" title="set aside: {e(obj.reason)}">{e(text[s:t])}</span>')
            pos = t
        html.append(e(text[pos:pend]) if pos < pend else "")
        out.append(f'<p class="para">{"".join(html)}</p>')
        items = [_flag_item(f, c, history) for c in para_claims for f in c.flags]
        if items:
            out.append(f'<ul class="flags">{"".join(items)}</ul>')
    rest = [obj for i, (_s, _t, kind, obj) in enumerate(pieces) if i not in placed and kind == "claim"]
    if rest:
        out.append(f'<p class="para">{" ".join(_claim_html(doc, c, history, hues) for c in rest)}</p>')
    return "".join(out)


def _summary_html(doc, all_history) -> str:
    rows = "".join(f"<dt>{e(label)}</dt><dd>{e(text)}</dd>" for label, text in figures(doc, all_history).lines())
    return f'<dl class="summary">{rows}</dl>'


def _legend(doc, hues) -> str:
    items = []
    for key, name, claims in by_source(doc):
        sw = (f'<span class="swatch" style="--hue:{hues.get(key, 0)}"></span>' if key
              else '<span class="swatch publisher"></span>')
        items.append(f"<li>{sw}{e(name)} ({len(claims)})</li>")
    return f'<ul class="legend">{"".join(items)}</ul>'


def _decisions_html(doc, history) -> str:
    decided = sorted((d for v in history.values() for d in v), key=lambda d: (d.decided_at, d.id))
    if not decided:
        return '<p class="docmeta">No review decisions yet.</p>'
    text_of = {c.id: c for c in doc.claims}
    flag_of = {f.id: f for f in _flags(doc)}
    rows = []
    for d in decided:
        if d.target_kind == "claim":
            c = text_of.get(d.target_id)
            about = f'claim <a href="#{e(d.target_id)}">line {c.line}</a>: {e(_short(c.text))}' if c else e(d.target_id)
        else:
            f = flag_of.get(d.target_id)
            about = f"flag {e(f.checker)}: {e(_short(f.message))}" if f else e(d.target_id)
        rows.append(f'<tr data-target="{e(d.target_id)}" data-status="{e(d.status)}" data-action="{e(d.action or "")}">'
                    f"<td>{e(fmt_time(d.decided_at))}</td><td>{e(d.reviewer or '')}</td><td>{about}</td><td>{e(d.label)}</td>"
                    f"<td>{e(d.reason or '')}</td><td>{e(d.note or '')}</td></tr>")
    return ('<table class="decisions"><thead><tr><th>Time</th><th>Reviewer</th><th>About</th><th>Decision</th>'
            f'<th>Reason</th><th>Note</th></tr></thead><tbody>{"".join(rows)}</tbody></table>')


def _short(text: str, n: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[:n - 1].rstrip() + "…"


def _options(values: Iterable[tuple[str, str]]) -> str:
    return "".join(f'<option value="{e(v)}">{e(label)}</option>' for v, label in values)


def _filters(report) -> str:
    sources: dict[str, str] = {}
    checkers: set[str] = set()
    severities: set[str] = set()
    flag_statuses: set[str] = set()
    claim_statuses: set[str] = set()
    for doc in report.documents:
        for c in doc.claims:
            if c.source is not None:
                sources.setdefault(c.source.id, c.source.name)
            else:
                sources.setdefault(PUBLISHER_FILTER, "Publisher (unattributed)")
            claim_statuses.add(c.status or "unreviewed")
            for f in c.flags:
                checkers.add(f.checker)
                severities.add(f.severity.value)
                flag_statuses.add(f.status or "open")
    src = sorted(sources.items(), key=lambda x: (x[0] == PUBLISHER_FILTER, x[1].lower()))
    statuses = ([(f"claim:{s}", f"claim {_label(s).lower()}") for s in CLAIM_STATUSES if s in claim_statuses]
                + [(f"flag:{s}", f"flag {s}") for s in ("open", "confirmed", "dismissed") if s in flag_statuses])
    sel = [
        ("source", "Source", [("", "all sources"), *src]),
        ("checker", "Checker", [("", "all checkers"), *[(c, c) for c in sorted(checkers)]]),
        ("severity", "Severity", [("", "any severity"), *[(s, s) for s in SEVERITIES if s in severities]]),
        ("status", "Status", [("", "any status"), *statuses]),
    ]
    controls = "".join(f'<label>{label} <select data-filter="{name}" name="{name}">{_options(opts)}</select></label>'
                       for name, label, opts in sel)
    return (f'<form class="filters" id="filters">{controls}<a href="#" id="reset-filters">reset</a>'
            f'<output id="match-count"></output></form>')


def render_html(report, options):
    all_history = decisions_of(report)
    hues = source_hues(report)
    docs = report.documents
    generated = getattr(report, "generated_at", None)
    title = (docs[0].title or docs[0].path) if len(docs) == 1 else f"{len(docs)} documents"
    meta = [f"{len(docs)} document{'s' if len(docs) != 1 else ''}",
            f"{sum(len(d.claims) for d in docs)} claims"]
    decisions = getattr(report, "decisions", None)
    if decisions is not None:
        meta.append(f"{len(decisions)} review decision{'s' if len(decisions) != 1 else ''}")
    if generated is not None:
        meta.append(f"generated {fmt_time(generated)}")
    body = []
    for n, doc in enumerate(docs, 1):
        history = {tid: v for (sha, tid), v in all_history.items() if sha == doc.sha256}
        dmeta = [doc.path if doc.title else None,
                 f"published {doc.published}" if doc.published else "publication date unknown",
                 doc.publisher, f"sha256 {doc.sha256[:12]}"]
        doc_flags = "".join(_flag_item(f, None, history) for f in doc.flags)
        body.append(
            f'<article class="document" id="doc-{n}" data-sha256="{e(doc.sha256)}">'
            f"<h2>{e(doc.title or doc.path)}</h2>"
            f'<p class="docmeta">{e(" · ".join(m for m in dmeta if m))}</p>'
            f"{_summary_html(doc, all_history)}{_legend(doc, hues)}"
            f'<section class="text">{_text_html(doc, history, hues)}</section>'
            + (f'<h3>Document flags</h3><ul class="flags">{doc_flags}</ul>' if doc_flags else "")
            + f"<h3>Review decisions</h3>{_decisions_html(doc, history)}</article>")
    for err in report.errors:
        body.append(f'<p class="error">error: {e(err.path)}: {e(err.message)}</p>')
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="en"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{e(CSP)}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<meta name="generator" content="claims {e(__version__)}">'
        f"<title>Claims report: {e(title)}</title><style>{CSS}</style></head>"
        f'<body><header class="top"><h1>Claims report: {e(title)}</h1>'
        f'<p class="meta">{e(" · ".join(meta))}</p>{_filters(report)}</header>'
        f'<main>{"".join(body)}</main>'
        f"<footer>claims {e(__version__)} · self-contained page: no external assets</footer>"
        f"<script>{SCRIPT}</script></body></html>"
    )


@hookimpl
def register_formats(register):
    register("html", render_html)
