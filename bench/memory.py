"""Memory per MB of input: peak resident memory of ``claims check`` on generated bulletins of growing size.

Each size runs in a fresh process: the resident set after importing claims and building the
pipeline is the baseline, the peak after checking the text (and rendering the JSON report) is
the cost. Prints MB of memory per MB of input at each size and the ratio of the largest to the
smallest: about 1 means memory grows linearly with the input (a constant per MB), more than 1
means it grows faster. ``JSON MB`` is the size of the JSON report, which is held in memory whole
(about half the cost: the report is much larger than the text). The text is invented (figures that add up, hedged assessments, quotes).

    python bench/memory.py                  # 0.25, 0.5 and 1 MB
    python bench/memory.py --sizes 1 4 16   # larger inputs
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys

PARAGRAPHS = [
    "The UN human rights office said it had recorded {a} civilian casualties since February 24. Of that number "
    "{b} had been killed while {c} had been injured, the office said.",
    "Britain's Defence Ministry said Russian forces had likely made small gains near Izium on day {i}. \"The "
    "offensive will almost certainly continue,\" the ministry said in its daily intelligence update.",
    "The general staff said {d} enemy drones and {e} tanks had been destroyed in the past 24 hours.",
    "President Volodymyr Zelenskyy said in his nightly address that the country needed more air defence "
    "systems \"as soon as possible\".",
]

CHILD = r"""
import json, resource, sys
from claims.pipeline import Pipeline
from claims.plugin_manager import make_plugin_manager
from claims.cli import formats
pm = make_plugin_manager()
p = Pipeline(pm)
fmts = formats(pm)
p.check_text("The ministry said 3 people were killed.")
def rss():
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
base = rss()
text = sys.stdin.read()
doc = p.check_text(text, path="bench.txt")
from claims.models import Report
out = fmts["json"](Report(documents=[doc]), {})
print(json.dumps({"base": base, "peak": rss(), "claims": len(doc.claims), "bytes": len(text.encode()),
                  "report": len(out.encode())}))
"""


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


def measure(size_mb: float) -> dict:
    env = {**os.environ, "CLAIMS_LOAD_ENTRYPOINTS": "0"}
    r = subprocess.run([sys.executable, "-c", CHILD], input=bulletin(size_mb), capture_output=True, text=True,
                       env=env, check=True)
    return json.loads(r.stdout)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=float, nargs="+", default=[0.25, 0.5, 1.0], help="input sizes in MB")
    args = ap.parse_args()
    per_mb = []
    print(f"{'input MB':>9} {'claims':>8} {'baseline MB':>12} {'peak MB':>9} {'MB per input MB':>16} {'JSON MB':>8}")
    for size in args.sizes:
        m = measure(size)
        mb_in = m["bytes"] / 2**20
        cost = (m["peak"] - m["base"]) / 2**20
        per_mb.append(cost / mb_in)
        print(f"{mb_in:9.2f} {m['claims']:8d} {m['base'] / 2**20:12.1f} {m['peak'] / 2**20:9.1f} {cost / mb_in:16.1f}"
              f" {m['report'] / 2**20:8.1f}")
    print(f"growth: {per_mb[-1] / per_mb[0]:.2f}x memory per MB from {args.sizes[0]} MB to {args.sizes[-1]} MB "
          "(1.0 = linear)")


if __name__ == "__main__":
    main()
