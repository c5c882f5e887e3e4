"""Does a change keep the pipeline's output byte for byte? For speed work that must change nothing.

    python bench/same_output.py write /tmp/before.json     # on the code before the change
    python bench/same_output.py check /tmp/before.json     # after it: which documents differ, and how

Checks (without the store) the example bulletin, every ``.txt`` fixture under ``tests/fixtures``,
the shared example bulletins, the first ``--mb`` MB of ``reuters21578_bodies.txt`` one article
per document, and ten long documents of 300 articles each; writes or compares each document's
JSON. Paths are relative to the checkout, so a dump made in one checkout compares with another.
Prints the time it took (a rough figure: use ``bench/throughput.py`` for speed).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("CLAIMS_CORPORA") or ROOT.parent / "shared" / "corpora").parent
REUTERS = SHARED / "corpora" / "throughput" / "reuters21578_bodies.txt"


def documents(mb: float):
    """(name, text) of every document checked."""
    files = [ROOT / "examples" / "bulletin.txt", *sorted((ROOT / "tests" / "fixtures").rglob("*.txt")),
             *sorted((SHARED / "examples").glob("*.txt"))]
    for f in files:
        name = str(f.relative_to(ROOT)) if f.is_relative_to(ROOT) else f"shared/{f.name}"
        yield name, f.read_text(encoding="utf-8")
    if not REUTERS.exists():
        print(f"{REUTERS} not found: fixtures and examples only", file=sys.stderr)
        return
    lines: list[str] = []
    size = 0
    with REUTERS.open(encoding="utf-8") as fh:
        for i, line in enumerate(fh):
            if not line.strip():
                continue
            if len(lines) < 3000:
                lines.append(line.strip())
            if size < mb * 1e6:
                size += len(line.encode("utf-8"))
                yield f"reuters:{i}", line
            elif len(lines) >= 3000:
                break
    for k in range(0, len(lines), 300):
        yield f"reuters-joined:{k}", "\n\n".join(lines[k:k + 300]) + "\n"


def run(mb: float) -> tuple[dict[str, str], float]:
    from claims.pipeline import Pipeline
    pipeline = Pipeline()
    out = {}
    t = time.perf_counter()
    for name, text in documents(mb):
        out[name] = pipeline.check_text(text, path=name, sha256="-").model_dump_json()
    return out, time.perf_counter() - t


def first_difference(old: dict, new: dict) -> str:
    """Where two documents' JSON first differ: a claim's field, or a document field."""
    for a, b in zip(old.get("claims", []), new.get("claims", [])):
        if a != b:
            key = next(k for k in a if a[k] != b.get(k))
            return f"claim {a.get('text', '')[:70]!r}: {key}\n    before {str(a[key])[:240]}\n    after  {str(b.get(key))[:240]}"
    if len(old.get("claims", [])) != len(new.get("claims", [])):
        return f"{len(old.get('claims', []))} claims before, {len(new.get('claims', []))} after"
    key = next((k for k in old if old[k] != new.get(k)), None)
    return f"field {key}: before {str(old.get(key))[:240]}, after {str(new.get(key))[:240]}"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("mode", choices=["write", "check"])
    ap.add_argument("dump", type=Path, help="the JSON file of the output before the change")
    ap.add_argument("--mb", type=float, default=1.5, help="MB of Reuters articles, one per document (default 1.5)")
    args = ap.parse_args()
    out, secs = run(args.mb)
    print(f"{len(out)} documents checked in {secs:.1f} s")
    if args.mode == "write":
        args.dump.write_text(json.dumps(out), encoding="utf-8")
        print(f"written to {args.dump}")
        return 0
    before = json.loads(args.dump.read_text(encoding="utf-8"))
    differ = [k for k in before if before[k] != out.get(k)]
    missing = sorted(set(before) ^ set(out))
    print(f"{len(differ)} of {len(before)} documents differ" + (f"; {len(missing)} not in both" if missing else ""))
    for name in differ[:5]:
        print(f"  {name}: {first_difference(json.loads(before[name]), json.loads(out[name]))}")
    return 1 if differ or missing else 0


if __name__ == "__main__":
    sys.exit(main())
