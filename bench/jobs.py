"""``claims check --jobs 1`` against ``--jobs 2``: the speed-up, and that the results are the same.

    python bench/jobs.py [--mb 2] [--docs 400] [--store]

Writes the first ``--mb`` MB of ``reuters21578_bodies.txt`` as ``--docs`` article files
in a temporary folder (or copies of ``examples/bulletin.txt`` when the corpus is not
there), runs ``claims check --no-store -f jsonl`` on the folder with one and with two
processes (interleaved, best of ``--runs``), and prints the wall times, the speed-up and
whether every claim and flag is identical. ``--store`` also runs with a SQLite store
(each run its own): the workers then only extract and the parent checks and stores in
order, so the gain is smaller. The machine's other load counts: run it on an idle one.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import claims_command

ROOT = Path(__file__).resolve().parent.parent
CORPORA = Path(os.environ.get("CLAIMS_CORPORA") or next(
    (p / "shared" / "corpora" for p in ROOT.parents if (p / "shared" / "corpora").is_dir()), ROOT.parent / "shared" / "corpora"))
DATA = CORPORA / "throughput" / "reuters21578_bodies.txt"


def write_docs(folder: Path, mb: float, docs: int) -> int:
    """Article files of about ``mb`` MB in all; returns the bytes written."""
    if DATA.exists():
        lines = [ln for ln in DATA.read_text("utf-8").splitlines() if ln.strip()]
    else:
        lines = [(ROOT / "examples" / "bulletin.txt").read_text("utf-8")] * docs
    limit, total, per = int(mb * 1e6), 0, max(1, len(lines) // docs)
    buf: list[str] = []
    n = 0
    for line in lines:
        if total >= limit:
            break
        buf.append(line)
        total += len(line.encode("utf-8")) + 2
        if len(buf) >= per or total >= limit:
            (folder / f"a{n:05}.txt").write_text("\n\n".join(buf) + "\n", "utf-8")
            n, buf = n + 1, []
    if buf:
        (folder / f"a{n:05}.txt").write_text("\n\n".join(buf) + "\n", "utf-8")
    return total


def run(args: list[str], cwd: Path, out: Path) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the run and its worker processes)."""
    import resource
    claims = claims_command()
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    with out.open("w") as fh:
        subprocess.run([claims, "check", *args], cwd=cwd, env=env, stdout=fh, stderr=subprocess.DEVNULL, check=False)
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def results(path: Path) -> list:
    """Every document's claims and flags, without what differs by design (nothing should)."""
    out = []
    for line in path.read_text("utf-8").splitlines():
        d = json.loads(line)
        out.append((d.get("path"), [(c["id"], c["text"], [(f["id"], f["severity"], f["message"]) for f in c["flags"]])
                                    for c in d.get("claims", [])], [f["id"] for f in d.get("flags", [])]))
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--mb", type=float, default=2.0)
    ap.add_argument("--docs", type=int, default=400)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--store", action="store_true", help="also compare with a SQLite store written")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmpd = Path(tmp)
        folder = tmpd / "docs"
        folder.mkdir()
        nbytes = write_docs(folder, args.mb, args.docs)
        ndocs = len(list(folder.iterdir()))
        print(f"{ndocs} documents, {nbytes / 1e6:.2f} MB; {os.cpu_count()} cores; best of {args.runs}")
        modes = [("--no-store", ["--no-store"])]
        if args.store:
            modes.append(("store (SQLite)", []))
        for label, extra in modes:
            best = {1: float("inf"), 2: float("inf")}
            cpu = {1: 0.0, 2: 0.0}
            for r in range(args.runs):
                for jobs in (1, 2):
                    db = ["--db", str(tmpd / f"s{jobs}-{r}.db")] if not extra else []
                    t, c = run(["-f", "jsonl", "--jobs", str(jobs), *extra, *db, str(folder)], tmpd,
                               tmpd / f"out{jobs}.jsonl")
                    if t < best[jobs]:
                        best[jobs], cpu[jobs] = t, c
            same = results(tmpd / "out1.jsonl") == results(tmpd / "out2.jsonl")
            print(f"{label:16} --jobs 1: {best[1]:6.2f} s ({nbytes / 1e6 / best[1]:.2f} MB/s)   "
                  f"--jobs 2: {best[2]:6.2f} s ({nbytes / 1e6 / best[2]:.2f} MB/s)   "
                  f"speed-up {best[1] / best[2]:.2f}x   identical claims and flags: {'yes' if same else 'NO'}")
            print(f"{'':16} CPU seconds (all processes): --jobs 1 {cpu[1]:.2f}, --jobs 2 {cpu[2]:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
