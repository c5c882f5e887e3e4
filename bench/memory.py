"""Memory per MB of input: peak resident memory of ``claims check`` on generated bulletins of growing size.

Each run is ``claims check`` in a fresh process, as a user runs it: ``--no-store -f json -o
out.json`` by default, with a SQLite store (``--store``) or the terminal report
(``--format terminal``). Its peak resident set (``ru_maxrss``) less that of the same command on
a one-sentence bulletin that names someone (start-up, imports, the first-name lexicon) is the
cost of the input.
Prints MB of memory per MB of input at each size and the ratio of the largest to the smallest:
about 1 means memory grows linearly with the input (a constant per MB), more than 1 means it
grows faster. The text is invented (figures that add up, hedged assessments, quotes), and a
hard case: a running total repeated down the page with new figures raises many conflict flags.

    python bench/memory.py                       # 0.25, 1 and 2 MB, --no-store -f json
    python bench/memory.py --sizes 1 4 --store   # larger inputs, written to a SQLite store
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from common import claims_command

PARAGRAPHS = [
    "The UN human rights office said it had recorded {a} civilian casualties since February 24. Of that number "
    "{b} had been killed while {c} had been injured, the office said.",
    "Britain's Defence Ministry said Russian forces had likely made small gains near Izium on day {i}. \"The "
    "offensive will almost certainly continue,\" the ministry said in its daily intelligence update.",
    "The general staff said {d} enemy drones and {e} tanks had been destroyed in the past 24 hours.",
    "President Volodymyr Zelenskyy said in his nightly address that the country needed more air defence "
    "systems \"as soon as possible\".",
]

# runs the command and prints its peak resident set in KB (Linux: ru_maxrss of the waited child)
RUN = "import resource, subprocess, sys; subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL); " \
      "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"


def bulletin(size_mb: float) -> str:
    parts, n, i = [], 0, 0
    target = int(size_mb * 1024 * 1024)
    while n < target:
        a = 1000 + i
        para = PARAGRAPHS[i % len(PARAGRAPHS)].format(a=a, b=a // 2, c=a - a // 2, d=10 + i % 50, e=i % 7, i=i)
        parts.append(para)
        n += len(para) + 2
        i += 1
    return "\n\n".join(parts) + "\n"


def peak_kb(path: Path, store: bool, fmt: str) -> int:
    claims = claims_command()
    where = ["--db", str(path.with_suffix(".db"))] if store else ["--no-store"]
    cmd = [claims, "check", *where, "-f", fmt, "-o", str(path.with_suffix(".out")), "--fail-on", "never", str(path)]
    env = {**os.environ, "CLAIMS_LOAD_ENTRYPOINTS": "0"}
    r = subprocess.run([sys.executable, "-c", RUN, *cmd], capture_output=True, text=True, env=env, check=True)
    return int(r.stdout.split()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=float, nargs="+", default=[0.25, 1.0, 2.0], help="input sizes in MB")
    ap.add_argument("--store", action="store_true", help="write a SQLite store (one per run) instead of --no-store")
    ap.add_argument("--format", default="json", help="report format (default json)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        one = Path(tmp) / "one.txt"
        one.write_text("Olena Kovalenko said 3 people were killed.\n", encoding="utf-8")  # loads the name lexicon
        base = peak_kb(one, args.store, args.format) / 1024
        print(f"claims check {'(SQLite store)' if args.store else '--no-store'} -f {args.format}; "
              f"one-sentence baseline {base:.0f} MB")
        print(f"{'input MB':>9} {'peak MB':>9} {'MB per input MB':>16}")
        per_mb = []
        for size in args.sizes:
            doc = Path(tmp) / f"bulletin-{size:g}.txt"
            doc.write_text(bulletin(size), encoding="utf-8")
            mb_in = doc.stat().st_size / 2**20
            peak = peak_kb(doc, args.store, args.format) / 1024
            per_mb.append((peak - base) / mb_in)
            print(f"{mb_in:9.2f} {peak:9.0f} {per_mb[-1]:16.1f}")
    print(f"growth: {per_mb[-1] / per_mb[0]:.2f}x memory per MB from {args.sizes[0]:g} MB to {args.sizes[-1]:g} MB "
          "(1.0 = linear)")


if __name__ == "__main__":
    main()
