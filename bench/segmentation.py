"""Accuracy and speed of ``claims.segment`` against pySBD, Blingfire and syntok.

Run from the repository root::

    python bench/segmentation.py            # accuracy on the dev sets + speed
    python bench/segmentation.py --errors   # also print the cases we get wrong
    python bench/segmentation.py --no-speed # accuracy only

The dev corpora live outside the repository, in ``../shared/corpora`` relative to the
repository root (override with the environment variable ``CLAIMS_CORPORA``). When they
are missing the bench says so and exits 0. pySBD, Blingfire and syntok are optional
(``pip install pysbd blingfire syntok``); those not importable are left out.

Dev sets:

* ``segmentation/pysbd_english_tests.jsonl`` - pySBD's English tests. Scored: the
  fraction of cases whose sentence list equals the expected one exactly (stripped
  strings). ``requires_cleaning`` cases are skipped for the headline figure; a second
  figure ("golden, one line") scores those of them that are a single line and whose
  expected sentences, joined, equal the input up to whitespace (no cleaning needed).
  Sentences are compared with runs of whitespace collapsed.
* ``segmentation/syntok_ospl.txt``, ``segtok_ospl.txt`` - one sentence per line, joined
  with single spaces. Scored: boundary precision / recall / F1 and the fraction of
  sentences reproduced exactly.
* ``throughput/reuters21578_bodies.txt`` - speed (MB = 10^6 bytes of UTF-8).

Pasted pages (no corpora needed): the repository's fixtures
``tests/fixtures/reading/news-page-pasted.txt`` and ``news-page-scraped.md`` (rebuilt by the
Markdown reader): sentences kept and lines skipped by reason, the Markdown reader's speed
next to markdown-it-py's parse alone, and the speed of ``segment``
on the pasted page with the page classification (``claims.pages.classify_page``) and
without it (``claims.segment.PAGE_MAX_CHARS = 0``), in the same run.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))  # so the bench also runs without the package installed

try:
    from claims.segment import segment, split_sentences
except ImportError:  # pragma: no cover - running from a plain checkout
    import importlib.util

    _spec = importlib.util.spec_from_file_location("claims_segment", REPO / "core" / "segment.py")
    _mod = importlib.util.module_from_spec(_spec)
    assert _spec.loader is not None
    sys.modules["claims_segment"] = _mod
    _spec.loader.exec_module(_mod)
    segment, split_sentences = _mod.segment, _mod.split_sentences

Spans = list[tuple[int, int]]
Segmenter = Callable[[str], Spans]


def corpora_dir() -> Path:
    env = os.environ.get("CLAIMS_CORPORA")
    return Path(env) if env else (REPO.parent / "shared" / "corpora")


# ---------------------------------------------------------------------------
# Segmenters, all as text -> list of (start, end) spans into the text
# ---------------------------------------------------------------------------


def ours(text: str) -> Spans:
    return split_sentences(text)


def _locate(text: str, sentences: list[str]) -> Spans:
    """Map sentence strings back to offsets (for libraries that return strings)."""
    spans: Spans = []
    pos = 0
    for sent in sentences:
        s = sent.strip()
        if not s:
            continue
        i = text.find(s, pos)
        if i < 0:  # the library changed the text; keep going with a best effort
            i = pos
            spans.append((i, min(len(text), i + len(s))))
            continue
        spans.append((i, i + len(s)))
        pos = i + len(s)
    return spans


def load_competitors() -> dict[str, Segmenter]:
    comps: dict[str, Segmenter] = {}
    try:
        import pysbd

        seg = pysbd.Segmenter(language="en", clean=False)
        comps["pysbd"] = lambda text: _locate(text, seg.segment(text))
    except ImportError:
        pass
    try:
        import blingfire

        def bf(text: str) -> Spans:
            if not text.strip():
                return []
            _, offsets = blingfire.text_to_sentences_and_offsets(text)
            return [(a, b) for a, b in offsets if b > a]

        comps["blingfire"] = bf
    except ImportError:
        pass
    try:
        from syntok import segmenter as syn

        def sy(text: str) -> Spans:
            spans = []
            for para in syn.analyze(text):
                for sent in para:
                    if sent:
                        spans.append((sent[0].offset, sent[-1].offset + len(sent[-1].value)))
            return spans

        comps["syntok"] = sy
    except ImportError:
        pass
    return comps


def strings(text: str, spans: Spans) -> list[str]:
    return [text[a:b].strip() for a, b in spans if text[a:b].strip()]


# ---------------------------------------------------------------------------
# Dev sets
# ---------------------------------------------------------------------------


def load_pysbd_cases(path: Path) -> tuple[list[dict], list[dict]]:
    clean, golden = [], []
    with path.open(encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            case = json.loads(line)
            if not case.get("requires_cleaning"):
                clean.append(case)
            elif "\n" not in case["text"].strip() and "\r" not in case["text"] and _norm(
                " ".join(case["expected"])
            ) == _norm(case["text"]):
                golden.append(case)
    return clean, golden


def _norm(s: str) -> str:
    return " ".join(s.split())


def score_exact(seg: Segmenter, cases: list[dict], errors: list | None = None) -> float:
    ok = 0
    for case in cases:
        got = [_norm(s) for s in strings(case["text"], seg(case["text"]))]
        want = [_norm(s) for s in case["expected"] if s.strip()]
        if got == want:
            ok += 1
        elif errors is not None:
            errors.append((case["id"], got, want))
    return ok / len(cases) if cases else 0.0


def load_ospl(path: Path) -> list[str]:
    lines = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        s = raw.strip()
        if not s or s.startswith("#"):
            continue
        lines.append(s)
    return lines


def score_ospl(seg: Segmenter, sentences: list[str], errors: list | None = None) -> dict[str, float]:
    text = " ".join(sentences)
    gold: Spans = []
    pos = 0
    for s in sentences:
        gold.append((pos, pos + len(s)))
        pos += len(s) + 1
    pred = [(a, b) for a, b in seg(text) if text[a:b].strip()]
    gold_b = {b for _, b in gold[:-1]}
    pred_b = {b for _, b in pred[:-1]}
    tp = len(gold_b & pred_b)
    p = tp / len(pred_b) if pred_b else 1.0
    r = tp / len(gold_b) if gold_b else 1.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    pred_set = {(a, b) for a, b in pred}
    exact = sum(1 for g in gold if g in pred_set) / len(gold)
    if errors is not None:
        for g in gold:
            if g not in pred_set:
                errors.append(text[g[0] : g[1]])
    return {"P": p, "R": r, "F1": f1, "exact": exact}


# ---------------------------------------------------------------------------
# Speed
# ---------------------------------------------------------------------------


def load_bodies(path: Path) -> list[str]:
    return [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def time_it(fn: Callable[[], int], repeat: int = 3) -> tuple[float, int]:
    best = float("inf")
    count = 0
    for _ in range(repeat):
        t0 = time.perf_counter()
        count = fn()
        best = min(best, time.perf_counter() - t0)
    return best, count


def speed(bodies: list[str], comps: dict[str, Segmenter], sample_mb: float) -> None:
    full_bytes = sum(len(b.encode("utf-8")) + 1 for b in bodies)
    sample: list[str] = []
    size = 0
    for b in bodies:
        if size >= sample_mb * 1e6:
            break
        sample.append(b)
        size += len(b.encode("utf-8")) + 1
    doc = "\n\n".join(bodies)

    def run_split(items: list[str]) -> Callable[[], int]:
        return lambda: sum(len(split_sentences(t)) for t in items)

    def run_segment() -> int:
        return sum(len(b.sentences) for b in segment(doc))

    rows = []
    t, n = time_it(run_split(bodies), repeat=5)
    rows.append(("ours split_sentences", full_bytes, t, n))
    t, n = time_it(run_segment, repeat=5)
    rows.append(("ours segment (articles as paragraphs)", len(doc.encode("utf-8")), t, n))
    ours_mbs = full_bytes / rows[0][2] / 1e6
    t, n = time_it(run_split(sample), repeat=5)
    ours_sample = size / t / 1e6
    rows.append((f"ours split_sentences, first {sample_mb:g} MB", size, t, n))
    ratios = []
    for name, seg in comps.items():
        items = bodies if name == "blingfire" else sample
        nbytes = full_bytes if name == "blingfire" else size
        reps = 3 if name == "blingfire" else 1
        if name == "blingfire":  # its fastest call (sentences as one string, no offsets)
            import blingfire

            def run() -> int:
                return sum(blingfire.text_to_sentences(x).count("\n") + 1 for x in items)
        else:

            def run(seg: Segmenter = seg, items: list[str] = items) -> int:
                return sum(len(seg(x)) for x in items)

        t, n = time_it(run, repeat=reps)
        label = "blingfire text_to_sentences" if name == "blingfire" else f"{name}, first {sample_mb:g} MB"
        rows.append((label, nbytes, t, n))
        base = ours_mbs if name == "blingfire" else ours_sample
        ratios.append((name, base / (nbytes / t / 1e6)))
    print(f"\nSpeed on Reuters-21578 bodies ({full_bytes / 1e6:.1f} MB, {len(bodies)} articles; best of runs):")
    print(f"  {'segmenter':<42} {'MB/s':>8} {'sentences/s':>12} {'sentences':>10}")
    for label, nbytes, t, n in rows:
        print(f"  {label:<42} {nbytes / t / 1e6:>8.2f} {n / t:>12,.0f} {n:>10,}")
    for name, ratio in ratios:
        print(f"  ours vs {name}: {ratio:.1f}x faster" if ratio >= 1 else f"  ours vs {name}: {1 / ratio:.1f}x slower")


# ---------------------------------------------------------------------------


def pages() -> None:
    """Counts on the pasted-page fixtures and the cost of classifying a page."""
    from collections import Counter

    import claims.segment as segmod
    from claims.plugins.read_markdown import markdown_document

    fixtures = REPO / "tests" / "fixtures" / "reading"
    pasted = fixtures / "news-page-pasted.txt"
    if not pasted.exists():
        print(f"missing {pasted}")
        return
    texts = {"news-page-pasted.txt": pasted.read_text("utf-8"),
             "news-page-scraped.md (read_markdown)": markdown_document(
                 (fixtures / "news-page-scraped.md").read_text("utf-8")).text}
    print("Pasted pages (tests/fixtures/reading): sentences kept, lines skipped by reason")
    for name, text in texts.items():
        blocks = list(segment(text))
        kept = sum(len(b.sentences) for b in blocks)
        reasons = Counter(r for b in blocks for *_, r in b.skipped)
        longest = max((e - s for b in blocks for s, e, _ in b.sentences), default=0)
        print(f"  {name}: {kept} sentences (longest {longest} chars), {sum(reasons.values())} lines skipped: "
              + ", ".join(f"{r} {n}" for r, n in reasons.most_common()))
    text = texts["news-page-pasted.txt"]
    copies = [text] * 300
    nbytes = sum(len(t.encode("utf-8")) for t in copies)

    def run() -> int:
        return sum(len(b.sentences) for t in copies for b in segment(t))

    t_page, _ = time_it(run, repeat=5)
    saved = segmod.PAGE_MAX_CHARS
    segmod.PAGE_MAX_CHARS = 0
    try:
        t_lines, _ = time_it(run, repeat=5)
    finally:
        segmod.PAGE_MAX_CHARS = saved
    from claims.plugins.read_markdown import _MD

    md = (fixtures / "news-page-scraped.md").read_text("utf-8")
    mds = [md] * 100
    mbytes = sum(len(m.encode("utf-8")) for m in mds)
    t_read, _ = time_it(lambda: sum(len(markdown_document(m).blocks) for m in mds), repeat=3)
    t_parse, _ = time_it(lambda: sum(len(_MD.parse(m)) for m in mds), repeat=3)
    print(f"  read_markdown on the scraped page, {len(mds)} documents: {mbytes / t_read / 1e6:.2f} MB/s; "
          f"markdown-it-py's parse alone {mbytes / t_parse / 1e6:.2f} MB/s")
    print(f"  segment on the pasted page, {len(copies)} documents: {nbytes / t_page / 1e6:.2f} MB/s with page "
          f"classification, {nbytes / t_lines / 1e6:.2f} MB/s line by line only ({t_page / t_lines:.1f}x the time)\n")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--errors", action="store_true", help="print the cases our segmenter gets wrong")
    ap.add_argument("--no-speed", action="store_true", help="skip the speed measurement")
    ap.add_argument("--sample-mb", type=float, default=1.0, help="sample size for slow segmenters (default 1)")
    args = ap.parse_args(argv)

    pages()
    root = corpora_dir()
    seg_dir = root / "segmentation"
    if not seg_dir.is_dir():
        print(f"Dev corpora not found at {root} (set CLAIMS_CORPORA to their folder); nothing to measure.")
        return 0
    comps = load_competitors()
    missing = {"pysbd", "blingfire", "syntok"} - comps.keys()
    if missing:
        print(f"(not importable, left out: {', '.join(sorted(missing))}; pip install {' '.join(sorted(missing))})")
    allsegs: dict[str, Segmenter] = {"ours": ours, **comps}

    pysbd_path = seg_dir / "pysbd_english_tests.jsonl"
    if pysbd_path.exists():
        clean, golden = load_pysbd_cases(pysbd_path)
        print("pySBD English tests: exact match of the sentence list")
        print(f"  {'segmenter':<10} {'no-cleaning (' + str(len(clean)) + ')':>18} {'golden, one line (' + str(len(golden)) + ')':>22}")
        for name, seg in allsegs.items():
            errs: list | None = [] if (args.errors and name == "ours") else None
            a = score_exact(seg, clean, errs)
            b = score_exact(seg, golden, errs)
            print(f"  {name:<10} {a:>18.3f} {b:>22.3f}")
            if errs:
                for cid, got, want in errs:
                    print(f"    x {cid}\n      got:  {got}\n      want: {want}")
    else:
        print(f"missing {pysbd_path}")

    for fname in ("syntok_ospl.txt", "segtok_ospl.txt"):
        path = seg_dir / fname
        if not path.exists():
            print(f"missing {path}")
            continue
        sents = load_ospl(path)
        print(f"\n{fname} ({len(sents)} sentences, joined with spaces): boundaries P / R / F1, exact sentences")
        for name, seg in allsegs.items():
            errs = [] if (args.errors and name == "ours") else None
            r = score_ospl(seg, sents, errs)
            print(f"  {name:<10} P={r['P']:.3f} R={r['R']:.3f} F1={r['F1']:.3f} exact={r['exact']:.3f}")
            for e in errs or []:
                print(f"    x {e}")

    if not args.no_speed:
        bodies_path = root / "throughput" / "reuters21578_bodies.txt"
        if bodies_path.exists():
            speed(load_bodies(bodies_path), comps, args.sample_mb)
        else:
            print(f"\nmissing {bodies_path}: no speed figures")
    return 0


if __name__ == "__main__":
    sys.exit(main())
