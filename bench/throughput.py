"""End-to-end extraction speed on real news, against pysbd in the same run.

    python bench/throughput.py [--mb 15] [--reference-mb 1] [--cli-mb 3]

Two measurements, each against pysbd in the same run. In-process: the whole pipeline
without the store (segment, attribute, extract
quantities/dates/hedges, run the built-in checkers) over
``reuters21578_bodies.txt`` (one article per line, each checked as a document),
and prints MB/s and sentences/s. As a reference measured in the same process,
pysbd segments a slice of the same text (pysbd is the accuracy reference for
segmentation; ``pip install pysbd`` to include it). Also prints peak memory
growth to show it does not grow with the input (paragraphs are streamed).
Ratios, not absolute times, are what compare across machines.

Through the command line: the first ``--cli-mb`` MB as one document (articles as
paragraphs), ``claims check --no-store -f json -o out.json`` in a fresh process
(start-up included), then the same as 20 article files with ``--jobs 1`` and
``--jobs 2`` (``-f jsonl``).
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import time
from pathlib import Path

from common import claims_command

ROOT = Path(__file__).resolve().parent.parent
CORPORA = Path(os.environ.get("CLAIMS_CORPORA") or next(
    (p / "shared" / "corpora" for p in ROOT.parents if (p / "shared" / "corpora").is_dir()), ROOT.parent / "shared" / "corpora"))
DATA = CORPORA / "throughput" / "reuters21578_bodies.txt"


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _instrument():
    """Wrap the pipeline's stages with timers; returns the Counter they add to."""
    from collections import Counter

    import claims.attribute as attribute
    import claims.check as check
    import claims.pipeline as pipeline

    spent: Counter = Counter()

    def timed(name, fn):
        def wrapper(*args, **kwargs):
            t = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                spent[name] += time.perf_counter() - t
        return wrapper

    import claims.extract.dates as dates
    import claims.extract.hedges as hedges
    import claims.extract.quantities as quantities

    # the default extractor plugins hand the pipeline these module functions when it is made
    for module, name in ((quantities, "extract_quantities"), (hedges, "find_hedges"), (dates, "extract_dates"),
                         (pipeline, "find_document_date"), (pipeline, "run_checks")):
        setattr(module, name, timed(name, getattr(module, name)))
    attribute.Attributor.attribute = timed("attribute", attribute.Attributor.attribute)
    call = check._call
    check._call = lambda impl, kwargs: timed(f"  checker {impl.plugin_name}", call)(impl, kwargs)
    return spent


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--mb", type=float, default=15.0, help="how many MB of the corpus to run (default: all)")
    ap.add_argument("--reference-mb", type=float, default=1.0, help="MB for the pysbd reference")
    ap.add_argument("--stages", action="store_true", help="also print the time spent in each stage and checker")
    ap.add_argument("--cli-mb", type=float, default=3.0, help="MB for the command-line run (0: skip it)")
    args = ap.parse_args()
    if not DATA.exists():
        print(f"throughput corpus not found at {DATA}; set CLAIMS_CORPORA. Nothing to measure.")
        return 0
    from claims.pipeline import Pipeline

    stages = _instrument() if args.stages else None
    pipeline = Pipeline()
    limit = int(args.mb * 1e6)
    nbytes = sentences = claims = flags = 0
    rss0 = rss_mb()
    rss_half = None
    t0 = time.perf_counter()
    with DATA.open(encoding="utf-8") as fh:
        for line in fh:
            if nbytes >= limit:
                break
            if not line.strip():
                continue
            doc = pipeline.check_text(line, path="reuters", sha256="-")
            nbytes += len(line.encode("utf-8"))
            sentences += len(doc.claims)
            flags += sum(len(c.flags) for c in doc.claims)
            claims += len(doc.claims)
            if rss_half is None and nbytes >= limit / 2:
                rss_half = rss_mb()
    elapsed = time.perf_counter() - t0
    mbps = nbytes / 1e6 / elapsed
    print(f"claims pipeline: {nbytes / 1e6:.1f} MB, {sentences:,} sentences, {flags:,} flags in {elapsed:.2f} s"
          f" -> {mbps:.2f} MB/s, {sentences / elapsed:,.0f} sentences/s")
    print(f"memory: peak RSS {rss0:.0f} MB before, {rss_half or rss_mb():.0f} MB at half, {rss_mb():.0f} MB at end")
    if stages is not None:
        print("time by stage (seconds; checker hooks are part of 'checks'; timing adds some overhead):")
        for name, secs in stages.most_common():
            print(f"  {name:24} {secs:6.2f}  {nbytes / 1e6 / secs:7.1f} MB/s")

    try:
        import pysbd
    except ImportError:
        print("reference: pysbd not installed (pip install pysbd) - no in-process reference")
        return 0
    seg = pysbd.Segmenter(language="en", clean=False, char_span=False)
    ref_limit = int(args.reference_mb * 1e6)
    rb = rs = 0
    t0 = time.perf_counter()
    with DATA.open(encoding="utf-8") as fh:
        for line in fh:
            if rb >= ref_limit:
                break
            rs += len(seg.segment(line))
            rb += len(line.encode("utf-8"))
    ref = time.perf_counter() - t0
    ref_mbps = rb / 1e6 / ref
    print(f"reference pysbd segmentation only: {rb / 1e6:.1f} MB, {rs:,} sentences in {ref:.2f} s"
          f" -> {ref_mbps:.2f} MB/s, {rs / ref:,.0f} sentences/s")
    print(f"ratio: whole claims pipeline is {mbps / ref_mbps:.1f}x pysbd's segmentation alone")
    if args.cli_mb:
        cli_run(args.cli_mb, ref_mbps)
    return 0


def cli_run(mb: float, ref_mbps: float) -> None:
    """``claims check`` in a fresh process on one document of ``mb`` MB, and on 20 files with --jobs."""
    import subprocess
    import tempfile

    claims = claims_command()
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    limit, parts, total = int(mb * 1e6), [], 0
    with DATA.open(encoding="utf-8") as fh:
        for line in fh:
            if total >= limit:
                break
            if line.strip():
                parts.append(line.strip())
                total += len(line.encode("utf-8")) + 1
    with tempfile.TemporaryDirectory() as tmp:
        doc = Path(tmp) / "news.txt"
        doc.write_text("\n\n".join(parts) + "\n", "utf-8")
        nbytes = doc.stat().st_size
        folder = Path(tmp) / "articles"
        folder.mkdir()
        step = max(1, len(parts) // 20)
        for i in range(0, len(parts), step):
            (folder / f"a{i:05}.txt").write_text("\n\n".join(parts[i:i + step]) + "\n", "utf-8")

        def timed(*args: str) -> float:
            t = time.perf_counter()
            subprocess.run([claims, "check", "--no-store", *args], cwd=tmp, env=env, check=False,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            return time.perf_counter() - t

        one = timed("-f", "json", "-o", "out.json", str(doc))
        print(f"claims check --no-store -f json, one {nbytes / 1e6:.1f} MB document: {one:.2f} s -> "
              f"{nbytes / 1e6 / one:.2f} MB/s = {nbytes / 1e6 / one / ref_mbps:.1f}x pysbd")
        for jobs in ("1", "2"):
            t = timed("-f", "jsonl", "-o", "out.jsonl", "--jobs", jobs, str(folder))
            print(f"claims check --no-store -f jsonl --jobs {jobs}, 20 files: {t:.2f} s -> "
                  f"{nbytes / 1e6 / t:.2f} MB/s = {nbytes / 1e6 / t / ref_mbps:.1f}x pysbd")


if __name__ == "__main__":
    sys.exit(main())
