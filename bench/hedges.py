"""Measure the hedge detector and derive the survey ('default') probability scale.

Usage (from the repository root)::

    python bench/hedges.py                  # precision/recall/F1 on the wiki dev set + speed
    python bench/hedges.py --show fp:could  # print false-positive sentences for one cue
    python bench/hedges.py --show fn:considered
    python bench/hedges.py --derive-scale   # print the 'default' scale (TOML) from the surveys
    python bench/hedges.py --check-scale    # compare it with core/data/scales.toml

Corpora are read from ``../shared/corpora`` relative to the repository root, or from
``$CLAIMS_CORPORA``; when they are missing the script says so and exits 0.

Gold (``hedges/wiki_sentences.jsonl``, Szeged Uncertainty Corpus, WikiWeasel part): a
sentence is positive iff it has at least one cue whose type is not
``speculation_hypo_condition`` or ``speculation_hypo_investigation``; predicted positive
iff ``find_hedges`` returns at least one hedge. Cue level: a predicted hedge is correct
when its span overlaps a gold cue of a counted type; a gold cue is found when a predicted
hedge overlaps it.
"""

from __future__ import annotations

import argparse
import collections
import csv
import json
import os
import re
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXCLUDED_TYPES = {"speculation_hypo_condition", "speculation_hypo_investigation"}
SPEED_BYTES = 3_000_000


def _import_claims():
    """Import ``claims``; from a plain checkout (not installed) map ``core/`` to it."""
    try:
        import claims  # noqa: F401
    except ImportError:
        import importlib.util

        spec = importlib.util.spec_from_file_location(
            "claims", ROOT / "core" / "__init__.py", submodule_search_locations=[str(ROOT / "core")]
        )
        if spec is None or spec.loader is None:  # pragma: no cover
            raise
        module = importlib.util.module_from_spec(spec)
        sys.modules["claims"] = module
        if (ROOT / "core" / "__init__.py").exists():
            spec.loader.exec_module(module)
    from claims.extract.hedges import find_hedges

    return find_hedges


def corpora_dir() -> Path:
    env = os.environ.get("CLAIMS_CORPORA")
    return Path(env) if env else (ROOT.parent / "shared" / "corpora")


# --------------------------------------------------------------------------- dev set


def load_wiki(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def _prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def evaluate(rows: list[dict], find_hedges, show: str | None = None, limit: int = 40) -> dict:
    s_tp = s_fp = s_fn = s_tn = 0
    c_tp = c_fp = 0  # predicted hedges overlapping / not overlapping a counted gold cue
    g_found = g_total = 0
    fp_cues: collections.Counter = collections.Counter()
    fn_cues: collections.Counter = collections.Counter()
    tp_cues: collections.Counter = collections.Counter()
    by_kind: dict[str, list[int]] = collections.defaultdict(lambda: [0, 0])
    shown = 0
    show_kind, _, show_cue = (show or "").partition(":")
    for row in rows:
        text = row["text"]
        gold = [c for c in row["cues"] if c["type"] not in EXCLUDED_TYPES]
        hedges = find_hedges(text, 0)
        for h in hedges:
            assert text[h.start:h.end] == h.cue, (text, h)
        g_pos, p_pos = bool(gold), bool(hedges)
        if g_pos and p_pos:
            s_tp += 1
        elif p_pos:
            s_fp += 1
        elif g_pos:
            s_fn += 1
        else:
            s_tn += 1
        for h in hedges:
            hit = any(h.start < c["end"] and c["start"] < h.end for c in gold)
            key = h.cue.lower()
            by_kind[h.kind][0 if hit else 1] += 1
            if hit:
                c_tp += 1
                tp_cues[key] += 1
            else:
                c_fp += 1
                fp_cues[key] += 1
                if show_kind == "fp" and shown < limit and key.endswith(show_cue.lower()):
                    shown += 1
                    gold_cues = [(c["text"], c["type"][12:]) for c in row["cues"]]
                    print(f"FP [{h.cue}] {text[:300]}\n     gold={gold_cues}")
        for c in gold:
            g_total += 1
            if any(h.start < c["end"] and c["start"] < h.end for h in hedges):
                g_found += 1
            else:
                key = c["text"].lower()
                fn_cues[key] += 1
                if show_kind == "fn" and shown < limit and key == show_cue.lower():
                    shown += 1
                    print(f"FN [{c['text']}] {text[:300]}\n     found={[h.cue for h in hedges]}")
    return {
        "sentences": len(rows),
        "sentence": dict(zip(("precision", "recall", "f1"), _prf(s_tp, s_fp, s_fn)),
                         tp=s_tp, fp=s_fp, fn=s_fn, tn=s_tn),
        "cue": {
            "precision": c_tp / (c_tp + c_fp) if c_tp + c_fp else 0.0,
            "recall": g_found / g_total if g_total else 0.0,
            "predicted": c_tp + c_fp,
            "gold": g_total,
        },
        "fp_cues": fp_cues,
        "fn_cues": fn_cues,
        "tp_cues": tp_cues,
        "by_kind": dict(by_kind),
    }


def report(res: dict, top: int = 20) -> None:
    s, c = res["sentence"], res["cue"]
    p_r = c["precision"] + c["recall"]
    c_f = 2 * c["precision"] * c["recall"] / p_r if p_r else 0.0
    print(f"sentences: {res['sentences']}  gold positive: {s['tp'] + s['fn']}"
          f"  predicted positive: {s['tp'] + s['fp']}")
    print(f"sentence level: P={s['precision']:.3f} R={s['recall']:.3f} F1={s['f1']:.3f}"
          f"  (tp={s['tp']} fp={s['fp']} fn={s['fn']})")
    print(f"cue level (span overlap): P={c['precision']:.3f} R={c['recall']:.3f} F1={c_f:.3f}"
          f"  (predicted={c['predicted']} gold cues={c['gold']})")
    print("by kind (correct / not overlapping a gold cue):",
          ", ".join(f"{k}: {v[0]}/{v[1]}" for k, v in sorted(res["by_kind"].items())))
    for name, key in (("false-positive", "fp_cues"), ("false-negative", "fn_cues")):
        print(f"top {top} {name} cues:", ", ".join(f"{k} {v}" for k, v in res[key].most_common(top)))


# --------------------------------------------------------------------------- speed


def speed(path: Path, find_hedges, nbytes: int = SPEED_BYTES, repeat: int = 3) -> dict:
    raw = path.read_bytes()[:nbytes]
    text = raw.decode("utf-8", errors="ignore")
    lines = [ln for ln in text.split("\n") if ln]
    # a crude sentence split so the per-sentence call overhead is measured too
    splitter = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"'])")
    sentences = [s for ln in lines for s in splitter.split(ln)]
    mb = len(raw) / 1e6
    best_lines = best_sents = float("inf")
    n_lines = n_sents = 0
    for _ in range(repeat):
        t = time.perf_counter()
        n_lines = sum(len(find_hedges(ln)) for ln in lines)
        best_lines = min(best_lines, time.perf_counter() - t)
        t = time.perf_counter()
        n_sents = sum(len(find_hedges(s)) for s in sentences)
        best_sents = min(best_sents, time.perf_counter() - t)
    return {
        "mb": mb, "articles": len(lines), "sentences": len(sentences),
        "per_article_mb_s": mb / best_lines, "per_sentence_mb_s": mb / best_sents,
        "hedges_articles": n_lines, "hedges_sentences": n_sents,
    }


# --------------------------------------------------------------------------- default scale

# survey column -> canonical term (lower case, single spaces)
def _norm_phrase(name: str) -> str:
    return " ".join(name.replace("_", " ").lower().split())


def _read_survey(path: Path) -> dict[str, list[float]]:
    skip = {"age bin", "gender", "esl"}
    out: dict[str, list[float]] = collections.defaultdict(list)
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh)
        header = [_norm_phrase(h) for h in next(reader)]
        for row in reader:
            for name, cell in zip(header, row):
                if name in skip:
                    continue
                try:
                    v = float(cell)
                except ValueError:
                    continue  # blank answers
                if 0.0 <= v <= 100.0:
                    out[name].append(v)
    return out


def derive_default_scale(corpora: Path) -> tuple[dict[str, tuple[float, float]], dict[str, dict]]:
    """Pooled 25th-75th percentile (statistics.quantiles, method='inclusive', i.e. linear
    interpolation like numpy's default) of each phrase's answers over both surveys, /100."""
    zon = _read_survey(corpora / "hedges" / "zonination_probly.csv")
    mau = _read_survey(corpora / "hedges" / "mauboussin_probability_survey_results.csv")
    ranges: dict[str, tuple[float, float]] = {}
    info: dict[str, dict] = {}
    for phrase in sorted(set(zon) | set(mau)):
        values = zon.get(phrase, []) + mau.get(phrase, [])
        q1, _, q3 = statistics.quantiles(values, n=4, method="inclusive")
        ranges[phrase] = (round(q1 / 100, 4), round(q3 / 100, 4))
        sources = "+".join(n for n, d in (("zonination", zon), ("mauboussin", mau)) if phrase in d)
        info[phrase] = {"n": len(values), "median": statistics.median(values), "sources": sources}
    return ranges, info


def default_scale_toml(corpora: Path) -> str:
    ranges, info = derive_default_scale(corpora)
    lines = [
        "# Derived by `python bench/hedges.py --derive-scale`: for each phrase, the 25th-75th",
        "# percentile of the answers pooled from zonination_probly.csv (46 people) and",
        "# mauboussin_probability_survey_results.csv (1,976 people; blanks skipped),",
        "# statistics.quantiles(method='inclusive'), divided by 100.",
        "[default.ranges]",
    ]
    for phrase, (lo, hi) in sorted(ranges.items(), key=lambda kv: (-sum(kv[1]), kv[0])):
        i = info[phrase]
        lines.append(f'"{phrase}" = [{lo}, {hi}]  # n={i["n"]} median={i["median"]:g} ({i["sources"]})')
    return "\n".join(lines)


def check_scale(corpora: Path) -> int:
    _import_claims()
    from claims.scales import SCALES

    ranges, _ = derive_default_scale(corpora)
    committed = SCALES["default"].ranges
    bad = 0
    for phrase, rng in ranges.items():
        got = committed.get(phrase)
        if got is None or abs(got[0] - rng[0]) > 1e-9 or abs(got[1] - rng[1]) > 1e-9:
            bad += 1
            print(f"MISMATCH {phrase}: derived {rng}, committed {got}")
    print("default scale matches the surveys" if not bad else f"{bad} mismatches")
    return 1 if bad else 0


# --------------------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--derive-scale", action="store_true", help="print the default scale as TOML")
    ap.add_argument("--check-scale", action="store_true", help="compare the committed default scale")
    ap.add_argument("--show", metavar="fp:CUE|fn:CUE", help="print example sentences for one cue")
    ap.add_argument("--limit", type=int, default=40)
    ap.add_argument("--no-speed", action="store_true")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = ap.parse_args(argv)

    corpora = corpora_dir()
    wiki = corpora / "hedges" / "wiki_sentences.jsonl"
    if not wiki.exists():
        print(f"corpora not found at {corpora} (set CLAIMS_CORPORA); nothing to measure")
        return 0
    if args.derive_scale:
        print(default_scale_toml(corpora))
        return 0
    if args.check_scale:
        return check_scale(corpora)

    find_hedges = _import_claims()
    res = evaluate(load_wiki(wiki), find_hedges, show=args.show, limit=args.limit)
    if args.show:
        return 0
    out = {"sentence": res["sentence"], "cue": res["cue"]}
    if not args.json:
        report(res)
    if not args.no_speed:
        reuters = corpora / "throughput" / "reuters21578_bodies.txt"
        if reuters.exists():
            sp = speed(reuters, find_hedges)
            out["speed"] = sp
            if not args.json:
                print(f"speed: {sp['mb']:.1f} MB of Reuters ({sp['articles']} articles,"
                      f" {sp['sentences']} sentences):"
                      f" {sp['per_sentence_mb_s']:.1f} MB/s called per sentence,"
                      f" {sp['per_article_mb_s']:.1f} MB/s per article"
                      f" ({sp['hedges_sentences']} hedges)")
        elif not args.json:
            print(f"speed: {reuters} not found, skipped")
    if args.json:
        print(json.dumps(out, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
