"""Score quantity and number-word extraction on the dev sets, and time it.

Run from the repository root::

    python bench/quantities.py            # dev-set figures + speed on 3 MB of Reuters
    python bench/quantities.py --mb 15    # time on more text (CPU time, best of 3 runs)
    python bench/quantities.py --misses   # also list the dev-set misses

The dev sets live outside the repository, in ``../shared/corpora`` (override
with the environment variable ``CLAIMS_CORPORA``); when they are missing this
prints a message and exits 0. No corpus text is copied into the repository.
"""

from __future__ import annotations

import argparse
import csv
import importlib.machinery
import importlib.util
import json
import os
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _import_claims():
    """Import ``claims`` when installed, else from ``core/`` of this checkout."""
    try:
        import claims  # noqa: F401
    except ImportError:
        core = ROOT / "core"
        init = core / "__init__.py"
        if init.exists():
            spec = importlib.util.spec_from_file_location("claims", init, submodule_search_locations=[str(core)])
            mod = importlib.util.module_from_spec(spec)
            sys.modules["claims"] = mod
            spec.loader.exec_module(mod)
        else:
            spec = importlib.machinery.ModuleSpec("claims", None, is_package=True)
            spec.submodule_search_locations = [str(core)]
            sys.modules["claims"] = importlib.util.module_from_spec(spec)
    from claims.extract.dates import extract_dates
    from claims.extract.numbers import parse_number_words, split_number_words, tokens
    from claims.extract.quantities import extract_quantities

    return extract_quantities, extract_dates, parse_number_words, split_number_words, tokens


def corpora_dir() -> Path:
    env = os.environ.get("CLAIMS_CORPORA")
    return Path(env) if env else (ROOT / ".." / "shared" / "corpora").resolve()


# --------------------------------------------------------------------------- quantities.json

_YEAR = re.compile(r"^(1[0-9]|20)\d\d$")


def _is_year(exp: dict) -> bool:
    return exp.get("unit") == "dimensionless" and bool(_YEAR.match(exp["surface"].strip()))


def _spans(req: str, surface: str) -> list[tuple[int, int]]:
    out, i = [], req.find(surface)
    while i >= 0:
        out.append((i, i + len(surface)))
        i = req.find(surface, i + 1)
    return out


def _same(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-9 + 1e-6 * abs(b)


def score_quantities(extract, cases: list[dict], show: bool) -> dict:
    tp = n_exp = n_pred = 0
    tp_policy = n_exp_policy = 0
    value_only = 0
    misses: list[str] = []
    for case in cases:
        req = case["req"]
        preds = extract(req, 0)
        n_pred += len(preds)
        used: set[int] = set()
        for exp in case["res"]:
            n_exp += 1
            policy = not _is_year(exp)
            n_exp_policy += policy
            spans = _spans(req, exp["surface"]) or [(0, len(req))]
            hit = None
            for k, q in enumerate(preds):
                if k in used or not _same(q.value, float(exp["value"])):
                    continue
                if any(q.start < e and s < q.end for s, e in spans):
                    hit = k
                    break
            if hit is None:
                if any(_same(q.value, float(exp["value"])) for q in preds):
                    value_only += 1
                misses.append(f"  miss  {exp['surface']!r} = {exp['value']}  in {req!r}")
                continue
            used.add(hit)
            tp += 1
            tp_policy += policy
        for k, q in enumerate(preds):
            if k not in used:
                misses.append(f"  extra {q.text!r} = {q.value:g}  in {req!r}")
    if show:
        print("\n".join(misses))
    return {
        "sentences": len(cases), "expected": n_exp, "predicted": n_pred, "matched": tp,
        "recall": tp / n_exp if n_exp else 0.0, "precision": tp / n_pred if n_pred else 0.0,
        "recall_no_years": tp_policy / n_exp_policy if n_exp_policy else 0.0,
        "years_expected": n_exp - n_exp_policy, "value_right_span_wrong": value_only,
    }


# --------------------------------------------------------------------------- number words

def score_number_words(parse, split, tokens, folder: Path, show: bool) -> dict:
    res = {}
    ok = total = 0
    for path in sorted(folder.glob("*.csv")):
        if "ordinal" in path.name:
            continue  # ordinals are not quantities here
        with path.open(encoding="utf-8") as f:
            for row in csv.DictReader(f):
                total += 1
                got = parse(row["text"])
                if got == int(row["number"]):
                    ok += 1
                elif show:
                    print(f"  csv   {row['text']!r}: {got} != {row['number']}")
    res["csv_cardinals"] = (ok, total)
    ok = total = seq_ok = seq_total = 0
    skipped = 0
    jl = folder / "en_parametrized_cases.jsonl"
    if jl.exists():
        for line in jl.open(encoding="utf-8"):
            case = json.loads(line)
            fn = case["function_under_test"]
            if fn in ("test_parse_number", "test_parse_number_digits"):
                total += 1
                got = parse(case["test_input"])
                if got == case["expected"]:
                    ok += 1
                elif show:
                    print(f"  jsonl {case['test_input']!r}: {got} != {case['expected']}")
            elif fn in ("test_parse_ambiguity_in_multipliers", "test_parse_ambiguity_in_separators",
                        "test_parse_separators_and_spacing", "test_parse_basic_sentences"):
                seq_total += 1
                want = [int(x) for x in re.findall(r"\d+", case["expected"])]
                got_seq = [v for v, _, _ in split(tokens(case["test_input"]))]
                if got_seq == want:
                    seq_ok += 1
                elif show:
                    print(f"  seq   {case['test_input']!r}: {got_seq} != {want}")
            else:
                skipped += 1
    res["jsonl_cardinal_phrases"] = (ok, total)
    res["jsonl_number_sequences"] = (seq_ok, seq_total)
    res["jsonl_not_scored"] = skipped
    return res


# --------------------------------------------------------------------------- speed

def _polnear_text(path: Path, mb: float) -> str:
    """The article texts of the PolNeAR file (each article once), up to ``mb`` megabytes."""
    seen: set[str] = set()
    parts: list[str] = []
    size = 0
    with path.open(encoding="utf-8") as f:
        for line in f:
            rec = json.loads(line)
            if rec.get("article") in seen:
                continue
            seen.add(rec.get("article"))
            parts.append(rec.get("text", ""))
            size += len(parts[-1])
            if size >= mb * 1_000_000:
                break
    return "\n".join(parts)


def time_extraction(extract_q, extract_d, path: Path, mb: float) -> dict:
    if path.suffix == ".jsonl":
        text = _polnear_text(path, mb)
    else:
        with path.open(encoding="utf-8", errors="replace") as f:
            text = f.read(int(mb * 1_000_000))
    size = len(text.encode("utf-8")) / 1e6
    sentences = []
    pos = 0
    for part in text.split(". "):
        sentences.append((part, pos))
        pos += len(part) + 2
    out = {"mb": size, "sentences": len(sentences)}
    for name, fn in (("quantities", extract_q), ("dates", extract_d)):
        best = None
        for _ in range(3):
            t0 = time.process_time()
            found = 0
            for s, off in sentences:
                found += len(fn(s, off))
            dt = time.process_time() - t0
            best = dt if best is None else min(best, dt)
        out[name] = (found, size / best)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mb", type=float, default=3.0, help="megabytes of Reuters text to time (default 3)")
    ap.add_argument("--misses", action="store_true", help="list dev-set misses and extras")
    args = ap.parse_args(argv)

    base = corpora_dir()
    numbers = base / "numbers"
    if not numbers.is_dir():
        print(f"dev corpora not found at {base} (set CLAIMS_CORPORA); nothing to score.")
        return 0
    extract_q, extract_d, parse, split, tokens = _import_claims()

    cases = []
    for name in ("quantities.json", "quantities.ambiguity.json"):
        p = numbers / name
        if p.exists():
            cases.extend(json.loads(p.read_text(encoding="utf-8")))
    if cases:
        r = score_quantities(extract_q, cases, args.misses)
        print(f"quantities.json (+ambiguity): {r['sentences']} sentences, {r['expected']} expected, "
              f"{r['predicted']} predicted, {r['matched']} matched (value + overlapping span)")
        print(f"  recall {r['recall']:.3f}  precision {r['precision']:.3f}  "
              f"recall without the {r['years_expected']} years (not quantities here) {r['recall_no_years']:.3f}  "
              f"[value right, span wrong: {r['value_right_span_wrong']}]")
    w = score_number_words(parse, split, tokens, numbers, args.misses)
    for key in ("csv_cardinals", "jsonl_cardinal_phrases", "jsonl_number_sequences"):
        ok, total = w[key]
        print(f"number words, {key}: {ok}/{total} = {ok / total if total else 0:.3f}")
    print(f"number words, jsonl cases not scored (ordinals, fractions, sentence rewriting): {w['jsonl_not_scored']}")

    runs = [("Reuters-21578 bodies (number-dense business news)", base / "throughput" / "reuters21578_bodies.txt"),
            ("PolNeAR articles (political news)", base / "attribution" / "polnear-train.jsonl")]
    for label, path in runs:
        if not path.exists():
            print(f"{path.name} not found; speed not measured")
            continue
        t = time_extraction(extract_q, extract_d, path, args.mb)
        print(f"speed on {t['mb']:.1f} MB of {label}, {t['sentences']} sentences split on '. ' "
              f"(best of 3 runs):")
        for name in ("quantities", "dates"):
            found, rate = t[name]
            print(f"  extract_{name}: {rate:.1f} MB/s ({found} found)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
