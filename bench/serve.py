"""Measure claims serve's pages against the store reads behind them, and the queue by severity.

    python bench/serve.py [--articles 300] [--repeat 20]

Checks N articles into a fresh SQLite store (Reuters-21578 bodies from the dev corpora when
present, else generated bulletins whose parts do not add up), then in the same process:

- the queue size as ``claims review`` builds it, all severities and ``--min-severity warning``;
- the time of ``GET /``, ``GET /claims/{id}`` and ``GET /api/changes`` (Starlette's TestClient,
  the real app) as a ratio to the reference: ``review_queue(reader)``, the store read the
  terminal review makes for the same queue.

Ratios, not absolute times: the machine is shared.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPORA = Path(os.environ.get("CLAIMS_CORPORA", ROOT.parent / "shared" / "corpora"))
REUTERS = CORPORA / "throughput" / "reuters21578_bodies.txt"


def articles(n: int) -> list[str]:
    if REUTERS.exists():
        lines = [x for x in REUTERS.read_text("utf-8", "replace").splitlines() if len(x) > 400]
        return lines[:n]
    return [f"published: 2022-06-{1 + i % 28:02d}\ntitle: Bulletin {i}\n\nThe emergency service said it had "
            f"recorded {400 + i} casualties since June 1. Of those, {150 + i} people had been killed and 240 "
            f"injured, the service said. Rescue teams would likely reach the villages by Friday.\n"
            for i in range(n)]


def timed(fn, repeat: int) -> float:
    fn()
    runs = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - t)
    return statistics.median(runs)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--articles", type=int, default=300)
    ap.add_argument("--repeat", type=int, default=20)
    args = ap.parse_args()
    os.environ.setdefault("CLAIMS_LOAD_ENTRYPOINTS", "0")
    os.environ["CLAIMS_PASSWORD_HASH"] = "cheapest"
    warnings.filterwarnings("ignore", message="Using `httpx`")
    from starlette.testclient import TestClient

    from claims.db import open_store
    from claims.db.accounts import Accounts
    from claims.pipeline import Pipeline
    from claims.plugins.web.app import create_app
    from claims.review import review_queue

    folder = Path(tempfile.mkdtemp(prefix="claims-serve-bench-"))
    store = open_store(str(folder / "claims.db"))
    texts = articles(args.articles)
    pipe = Pipeline(store=store.reader())
    t = time.perf_counter()
    for i, text in enumerate(texts):
        doc = pipe.check_text(text, path=str(folder / f"a{i:04d}.txt"))
        store.save(doc)
    print(f"{len(texts)} articles checked into {folder / 'claims.db'} in {time.perf_counter() - t:.1f} s "
          f"({'Reuters-21578' if REUTERS.exists() else 'generated'})")
    reader = store.reader()
    everything = review_queue(reader)
    warning = review_queue(reader, min_severity="warning")
    print(f"queue: {len(everything)} claims; --min-severity warning: {len(warning)}; error: "
          f"{len(review_queue(reader, min_severity='error'))}")
    Accounts(store).add_user("bench", "bench password", role="reviewer")
    client = TestClient(create_app(store), base_url="http://127.0.0.1")
    page = client.get("/login")
    import re
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
    client.post("/login", data={"username": "bench", "password": "bench password", "csrf_token": token})
    ref = timed(lambda: review_queue(reader), args.repeat)
    first = everything[0].claim.id if everything else None
    rows = [("review_queue(reader) [reference]", ref)]
    rows.append(("GET / (the queue page)", timed(lambda: client.get("/"), args.repeat)))
    if first:
        rows.append((f"GET /claims/{first}", timed(lambda: client.get(f"/claims/{first}"), args.repeat)))
    rows.append(("GET /api/changes?after=0 (a live-update poll)", timed(lambda: client.get("/api/changes"), args.repeat)))
    for name, secs in rows:
        print(f"{name:48} {secs * 1000:8.1f} ms   x{secs / ref:5.2f} of the reference")
    client.close()
    store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
