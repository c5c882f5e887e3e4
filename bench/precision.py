"""Precision and recall of the checkers on annotated cases in the style of real reporting.

Each case of ``bench/data/precision_cases.toml`` is a set of documents checked in order into
one fresh SQLite store with every built-in plugin (as ``claims check`` would); the cases say
which warning and error flags of the ``arithmetic`` and ``conflict`` checkers must be raised,
and which claims must be linked to the same claim in an earlier document (checker ``match``).
Every other warning or error, and every other link, is a false positive. The number traps of
``bench/data/number_traps.toml`` measure the quantity extractor (checker ``numbers``): a
quantity found that the sentence does not state (a footnote, a date, a phone number) is a
false positive, as is a wrong unit, qualifier or measure.

    python bench/precision.py            # the table
    python bench/precision.py -v         # and every false positive and miss
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import tomllib
from collections import defaultdict
from pathlib import Path

os.environ.setdefault("CLAIMS_LOAD_ENTRYPOINTS", "0")

from claims.db import open_store  # noqa: E402
from claims.db.scope import measure_key  # noqa: E402
from claims.extract.quantities import extract_quantities  # noqa: E402
from claims.pipeline import Pipeline  # noqa: E402
from claims.plugin_manager import make_plugin_manager  # noqa: E402

DATA = Path(__file__).parent / "data"
CHECKERS = ("arithmetic", "conflict")


class Score:
    def __init__(self) -> None:
        self.tp = self.fp = self.fn = 0
        self.notes: list[str] = []

    def row(self, name: str) -> str:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0
        return f"{name:<12} {self.tp:>4} {self.fp:>4} {self.fn:>4}   {p:9.3f} {r:7.3f}"


def run_cases(path: Path, scores: dict[str, Score]) -> int:
    cases = tomllib.loads(path.read_text("utf-8"))["case"]
    pm = make_plugin_manager(load_entrypoints=False)
    for case in cases:
        with tempfile.TemporaryDirectory() as tmp:
            store = open_store(os.path.join(tmp, "claims.db"))
            try:
                pipeline = Pipeline(pm, store=store.reader())
                for d in case["doc"]:
                    doc = pipeline.check_text(d["text"], path=d["path"], published=d.get("published"))
                    if doc.errors:
                        raise SystemExit(f"{case['name']}: plugin error {doc.errors[0].message}")
                    _score_doc(case["name"], d, doc, scores)
                    store.save(doc)
            finally:
                store.close()
    return len(cases)


def _score_doc(name: str, d: dict, doc, scores: dict[str, Score]) -> None:
    want = defaultdict(list)
    for e in d.get("expect", []):
        want[e["checker"]].append(e["claim"])
    texts = {c.id: c.text for c in doc.claims}
    for checker in CHECKERS:
        got = [f for c in doc.claims for f in c.flags if f.checker == checker and f.severity.rank > 0]
        got += [f for f in doc.flags if f.checker == checker and f.severity.rank > 0]
        _match(scores[checker], f"{name} / {d['path']}", want[checker],
               [(texts.get(f.claim_id, ""), f.message) for f in got])
    links = [f for c in doc.claims for f in c.flags if f.code == "same-claim"]
    _match(scores["match"], f"{name} / {d['path']}", d.get("same", []),
           [(texts.get(f.claim_id, ""), f.message) for f in links])


def _match(score: Score, where: str, wanted: list[str], got: list[tuple[str, str]]) -> None:
    """A flag on an expected claim is a true positive (several flags may point at one real problem);
    a flag on any other claim a false positive; an expected claim without a flag a miss."""
    left = list(wanted)
    for text, message in got:
        hit = next((w for w in wanted if w in text), None)
        if hit is None:
            score.fp += 1
            score.notes.append(f"FP {where}: {message}")
        else:
            if hit in left:
                left.remove(hit)
            score.tp += 1
    for w in left:
        score.fn += 1
        score.notes.append(f"FN {where}: expected a flag on the claim with {w!r}")


def run_traps(path: Path, score: Score) -> int:
    traps = tomllib.loads(path.read_text("utf-8"))["trap"]
    for t in traps:
        qs = extract_quantities(t["text"])
        want = [(float(v), u or None) for v, u in t["expect"]]
        left = list(want)
        measures = {float(k): v for k, v in t.get("measures", {}).items()}
        quals = {float(k): v for k, v in t.get("qualifier", {}).items()}
        for q in qs:
            key = (q.value, q.unit)
            ok = key in left
            why = "not stated" if not ok else ""
            if ok and q.value in measures and measures[q.value] not in (q.measure, measure_key(q.measure)):
                ok, why = False, f"measure {q.measure!r}, expected {measures[q.value]!r}"
            if ok and q.value in quals and (q.qualifier or "").lower() != quals[q.value]:
                ok, why = False, f"qualifier {q.qualifier!r}, expected {quals[q.value]!r}"
            if ok:
                left.remove(key)
                score.tp += 1
            else:
                score.fp += 1
                score.notes.append(f"FP {t['text']!r}: {q.text!r} = {q.value:g} {q.unit or ''} ({why})")
        for v, u in left:
            score.fn += 1
            score.notes.append(f"FN {t['text']!r}: {v:g} {u or ''} not found")
    return len(traps)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-v", "--verbose", action="store_true", help="list every false positive and miss")
    ap.add_argument("--cases", type=Path, default=DATA / "precision_cases.toml")
    ap.add_argument("--traps", type=Path, default=DATA / "number_traps.toml")
    args = ap.parse_args(argv)
    scores = {k: Score() for k in (*CHECKERS, "match", "numbers")}
    n_cases = run_cases(args.cases, scores)
    n_traps = run_traps(args.traps, scores["numbers"])
    print(f"{n_cases} cases ({args.cases.name}), {n_traps} number traps ({args.traps.name})")
    print(f"{'checker':<12} {'TP':>4} {'FP':>4} {'FN':>4}   precision  recall")
    for name, s in scores.items():
        print(s.row(name))
    if args.verbose:
        for name, s in scores.items():
            for note in s.notes:
                print(f"  [{name}] {note}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
