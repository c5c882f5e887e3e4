"""Warnings and errors the checkers raise on real news, to read one by one.

    python bench/news_flags.py [--articles N] [--store] [-v]

Checks articles of ``reuters21578_bodies.txt`` (one per line, each a document; business and
wire news, with none of the war-bulletin patterns the checkers were built on) and counts the
flags of severity warning or error by checker and code. Nothing here is annotated: a flag on
this text must be read to tell whether it is right, and most of the figures in it are money,
rates and comparisons over time, where a careless rule raises false errors. ``-v`` prints each
flag with its sentence. ``--store`` checks the articles in order into one temporary SQLite store,
so the conflict checker also compares each article with those before it.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPORA = Path(os.environ.get("CLAIMS_CORPORA") or ROOT.parent / "shared" / "corpora")
DATA = CORPORA / "throughput" / "reuters21578_bodies.txt"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--articles", type=int, default=0, help="how many articles (default: all 19,043)")
    ap.add_argument("--store", action="store_true", help="check into one store (conflicts across articles)")
    ap.add_argument("-v", "--verbose", action="store_true", help="print every flag with its sentence")
    args = ap.parse_args()
    if not DATA.exists():
        print(f"corpus not found at {DATA}; set CLAIMS_CORPORA. Nothing to measure.")
        return 0
    from claims.pipeline import Pipeline

    with tempfile.TemporaryDirectory() as tmp:
        store = None
        if args.store:
            from claims.db import open_store
            store = open_store(str(Path(tmp) / "news.db"))
        pipeline = Pipeline(store=store)
        counts: Counter = Counter()
        docs = claims = 0
        t0 = time.perf_counter()
        with DATA.open(encoding="utf-8") as fh:
            for i, line in enumerate(fh):
                if args.articles and docs >= args.articles:
                    break
                if not line.strip():
                    continue
                doc = pipeline.check_text(line, path=f"reuters/{i:05}.txt")
                if store is not None:
                    store.save(doc)
                docs += 1
                claims += len(doc.claims)
                for claim in [*doc.claims, None]:
                    for f in (claim.flags if claim is not None else doc.flags):
                        if f.severity.value == "info":
                            continue
                        counts[(f.checker, f.code, f.severity.value)] += 1
                        if args.verbose:
                            print(f"{doc.path}: {f.severity.value} [{f.checker}] {f.message}")
                            if claim is not None:
                                print(f"    {claim.text[:300]}")
        elapsed = time.perf_counter() - t0
    print(f"{docs:,} articles, {claims:,} claims{' into one store' if store else ''} in {elapsed:.1f} s")
    total = sum(counts.values())
    print(f"warnings and errors: {total}" + ("" if total else " (none)"))
    for (checker, code, severity), n in counts.most_common():
        print(f"  {n:5}  {severity:7} {checker}/{code}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
