"""Start-up time of the command line, against importing typer and pydantic in the same run.

    python bench/startup.py [--runs 15]

Times, in fresh processes, ``claims --version``, ``claims --help`` and ``claims check
--no-store`` of one sentence without a name and of one quoting a politician (which needs the
first-name lexicon), interleaved with the reference ``python -c "import typer,
pydantic"`` (the two libraries every command needs), and prints the median of each and
its ratio to the reference. Aims: ``--version`` within 2.5x, the small check within 4x.

Bytecode caches are allowed (``PYTHONDONTWRITEBYTECODE`` is removed for the runs, and
each command runs once before timing), as after a normal ``pip install``; without them
every start compiles the project's modules again. The warm-up run also fills the cache
folder (compiled patterns, the lexicon's genders; see ``claims.cache``), as a user's first run does.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import claims_command

SENTENCE = "The agency said 3 people died on Sunday.\n"
QUOTE = "\"We will not be intimidated,\" Olaf Scholz said in Vilnius.\n"   # a name: the first-name lexicon


def timed(cmd: list[str], env: dict[str, str], cwd: str) -> float:
    t = time.perf_counter()
    subprocess.run(cmd, env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - t


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--runs", type=int, default=15)
    args = ap.parse_args()
    claims = claims_command()
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "one.txt").write_text(SENTENCE, "utf-8")
        (Path(tmp) / "quote.txt").write_text(QUOTE, "utf-8")
        commands = {
            "reference: python -c 'import typer, pydantic'": [sys.executable, "-c", "import typer, pydantic"],
            "claims --version": [claims, "--version"],
            "claims --help": [claims, "--help"],
            "claims check --no-store one.txt": [claims, "check", "--no-store", "one.txt"],
            "claims check --no-store quote.txt (a name)": [claims, "check", "--no-store", "quote.txt"],
        }
        for cmd in commands.values():  # warm the bytecode and file caches
            timed(cmd, env, tmp)
        times: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(args.runs):
            for name, cmd in commands.items():
                times[name].append(timed(cmd, env, tmp))
    med = {name: statistics.median(ts) for name, ts in times.items()}
    ref = next(iter(med.values()))
    print(f"median of {args.runs} runs each (interleaved), in fresh processes:")
    for name, m in med.items():
        print(f"  {name:48} {m * 1000:7.0f} ms  {m / ref:5.2f}x reference")
    return 0


if __name__ == "__main__":
    sys.exit(main())
