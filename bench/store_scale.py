"""Store at scale: check a ~10 KB bulletin against a store of a million claims.

Builds a SQLite store (the real schema, made by the migrations) with N claims, one
figure each, spread over many measures (a few common ones, a long tail), sources,
documents and dates; then times the whole pipeline (segment, attribute, extract,
all built-in checkers including ``conflict`` reading the store) on a generated
bulletin, against that store and against an empty one in the same process. The
difference is the cost of the store lookups; the ratio is what to watch, not the
absolute time. Prints the query plans of the conflict checker's two lookups.

    python bench/store_scale.py                 # 1,000,000 claims
    python bench/store_scale.py --claims 100000 # quicker
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("CLAIMS_LOAD_ENTRYPOINTS", "0")

from claims.db import open_store  # noqa: E402
from claims.db.matching import bands, content_words  # noqa: E402
from claims.db.scope import measure_key  # noqa: E402

COMMON = ["killed", "injured", "civilians.casualties", "children.killed", "children.injured", "soldiers.killed",
          "displaced", "refugees", "detained", "missing"]
START = dt.date(2022, 2, 24)
DAYS = 1000


def measures(n_tail: int) -> tuple[list[str], list[float]]:
    names = COMMON + [f"tail_{i}.count" for i in range(n_tail)]
    weights = [1 / (i + 1) for i in range(len(names))]  # Zipf: 'killed' is the most common
    return names, weights


def build(url: str, n_claims: int, per_doc: int, n_sources: int, n_tail: int, seed: int = 7) -> dict[str, float]:
    """Fill a fresh store with bulk inserts (executemany on the driver, one transaction)."""
    rng = random.Random(seed)
    store = open_store(url)
    names, weights = measures(n_tail)
    sources = [(f"src-{i}", f"Source {i}", "organisation", None, None) for i in range(n_sources)]
    n_docs = max(1, n_claims // per_doc)
    store.close()  # the schema is made by the migrations; the rows go in through the driver directly
    t0 = time.perf_counter()
    conn = sqlite3.connect(url, isolation_level=None)
    conn.execute("PRAGMA synchronous = OFF")
    try:
        if True:
            conn.execute("BEGIN")
            conn.executemany("INSERT INTO sources (id, name, kind, parent, country) VALUES (?, ?, ?, ?, ?)", sources)
            now = dt.datetime.now(dt.timezone.utc).isoformat(sep=" ")
            docs = []
            for d in range(n_docs):
                published = START + dt.timedelta(days=rng.randrange(DAYS))
                docs.append((d + 1, f"corpus/doc-{d:07d}.txt", f"{d:064x}", published.isoformat(), now, 1))
            conn.executemany("INSERT INTO documents (id, path, sha256, published, checked_at, version) "
                                 "VALUES (?, ?, ?, ?, ?, ?)", docs)
            batch = 50_000
            for lo in range(0, n_claims, batch):
                claims, quantities, claim_bands = [], [], []
                for i in range(lo, min(n_claims, lo + batch)):
                    doc_id = i // per_doc + 1 if i // per_doc < n_docs else n_docs
                    published = docs[doc_id - 1][3]
                    src = sources[rng.randrange(n_sources)][0]
                    m = rng.choices(names, weights)[0]
                    value = float(rng.randrange(1, 20000))
                    cid = f"c_{i:016x}"
                    words = " ".join(rng.choice(WORDS) for _ in range(rng.randrange(3, 9)))
                    text = f"Source said {value:,.0f} {m} since February 24 {words}."
                    if i % COPY_EVERY == 0:   # now and then an outlet repeats a sentence of the bulletin
                        text = rng.choice(COPIES)
                    claims.append((cid, doc_id, text, (i % per_doc) * 60, (i % per_doc) * 60 + len(text), i % per_doc + 1,
                                   0, src, src.replace("src-", "Source "), "[]", "[]"))
                    figs = "%g" % value if i % COPY_EVERY else COPY_FIGS.get(text, "")
                    for b in set(bands(content_words(text), figs)):
                        claim_bands.append((b, cid, doc_id))
                    cumulative = rng.random() < 0.6
                    if i % COPY_EVERY == 0:
                        continue   # a repeated sentence without figures
                    quantities.append((cid, doc_id, src, 0, value, None, None, m, measure_key(m), f"{value:,.0f}",
                                       12, 18, 0, int(cumulative), 0, START.isoformat() if cumulative else published,
                                       published, "since February 24" if cumulative else "overnight",
                                       "cumulative" if cumulative else "night", 0))
                conn.executemany(
                    "INSERT INTO claims (id, document_id, text, char_start, char_end, line, paragraph, source_id, "
                    "source_name, hedges, dates) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", claims)
                conn.executemany(
                    "INSERT INTO quantities (claim_id, document_id, source_id, position, value, low, high, measure, "
                    "measure_key, text, char_start, char_end, approximate, cumulative, rate, since, as_of, period, "
                    "period_kind, part) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", quantities)
                conn.executemany("INSERT OR IGNORE INTO claim_bands (band, claim_id, document_id) VALUES (?, ?, ?)",
                                 claim_bands)
                print(f"  {min(n_claims, lo + batch):>9,} claims", end="\r", file=sys.stderr, flush=True)
            conn.execute("COMMIT")
        conn.execute("ANALYZE")
    finally:
        conn.close()
    elapsed = time.perf_counter() - t0
    store = open_store(url)
    counts = store.reader().counts()
    store.close()
    return {"seconds": elapsed, **counts}


PARAGRAPHS = [
    "The UN human rights office said it had recorded {cas:,} civilian casualties in the country since the invasion "
    "began on February 24. Of that number {k:,} had been killed while {i:,} had been injured, the office said. "
    "According to the UN statement {ch:,} children were among those killed. The office said the actual number of "
    "civilians killed was likely to be far higher than the figures provided.",
    "Britain's Defence Ministry said in its daily intelligence update that Russian forces had likely made small gains "
    "around {place}. \"Russia will almost certainly continue to shell the area in the coming days,\" the ministry said. "
    "It is unlikely that the defenders will be able to hold the town for more than a few more weeks, according to "
    "the update.",
    "President Volodymyr Zelenskyy said in his nightly address that up to {rate} soldiers were being killed every "
    "day. He said the country needed more heavy weapons \"as soon as possible\" and thanked the partners who had "
    "already sent them.",
    "The regional governor said {d:,} people had been killed in {place} so far and {w:,} wounded. Officials in "
    "{place} said that {dis:,} residents had been displaced since the start of the war, and that {det:,} had been "
    "detained by occupying forces.",
]
# words of the stored claims' tails, so that claims differ in their content words as real ones do
WORDS = ("officials regional governor shelling overnight village residents hospital damaged infrastructure energy "
         "attack strike front line eastern southern city region district emergency services rescue operation "
         "evacuation humanitarian convoy corridor missile drone artillery positions offensive counteroffensive "
         "ceasefire talks negotiations sanctions grain exports port bridge railway station power plant nuclear "
         "inspectors monitoring mission investigation prosecutors crimes verified recorded estimates").split()
# sentences of the bench bulletin repeated by stored documents (found by claim matching)
COPIES = [
    "Britain's Defence Ministry said Russian forces had likely made small gains around Izium.",
    "He said the country needed more heavy weapons \"as soon as possible\" and thanked the partners who had "
    "already sent them.",
    "The office said the actual number of civilians killed was likely to be far higher than the figures provided.",
]
COPY_FIGS = {t: "" for t in COPIES}
COPY_EVERY = 997
PLACES = ["Izium", "Kharkiv", "Sievierodonetsk", "Mykolaiv", "Zaporizhzhia", "Odesa", "Sumy", "Chernihiv"]


def bulletin(size: int = 10_000, seed: int = 3) -> str:
    rng = random.Random(seed)
    parts = ["published: 2023-06-01", ""]
    while sum(len(p) for p in parts) < size:
        k, i = rng.randrange(3000, 9000), rng.randrange(4000, 12000)
        p = rng.choice(PARAGRAPHS).format(cas=k + i, k=k, i=i, ch=rng.randrange(100, 900), place=rng.choice(PLACES),
                                          rate=rng.randrange(50, 200), d=rng.randrange(10, 900),
                                          w=rng.randrange(10, 900), dis=rng.randrange(1000, 90000),
                                          det=rng.randrange(10, 500))
        parts += [p, ""]
    return "\n".join(parts)


def time_check(reader, text: str, repeat: int) -> tuple[float, object]:
    from claims.pipeline import Pipeline
    from claims.plugin_manager import make_plugin_manager
    pipeline = Pipeline(make_plugin_manager(load_entrypoints=False), store=reader)
    doc = pipeline.check_text(text, path="bench-bulletin.txt")  # warm-up
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        doc = pipeline.check_text(text, path="bench-bulletin.txt")
        times.append(time.perf_counter() - t0)
    return statistics.median(times), doc


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--claims", type=int, default=1_000_000, help="claims in the big store (default 1,000,000)")
    ap.add_argument("--per-doc", type=int, default=50, help="claims per stored document")
    ap.add_argument("--sources", type=int, default=300)
    ap.add_argument("--tail", type=int, default=190, help="rare measures besides the common ones")
    ap.add_argument("--repeat", type=int, default=5, help="timed checks per store (median reported)")
    ap.add_argument("--dir", type=Path, help="where to build the stores (default: a temporary directory)")
    ap.add_argument("--keep", type=Path, help="build the big store at this path once and reuse it on later runs")
    args = ap.parse_args(argv)

    with tempfile.TemporaryDirectory(dir=args.dir) as tmp:
        big, empty = os.path.join(tmp, "big.db"), os.path.join(tmp, "empty.db")
        if args.keep is not None:
            big = str(args.keep)
        if args.keep is not None and args.keep.exists():
            print(f"reusing the store {big}", file=sys.stderr)
        else:
            print(f"building a store of {args.claims:,} claims in {tmp} ...", file=sys.stderr)
            built = build(big, args.claims, args.per_doc, args.sources, args.tail)
            size_mb = os.path.getsize(big) / 1e6
            print(f"build: {built['seconds']:.1f} s  ({built['claims']:,} claims, {built['quantities']:,} figures, "
                  f"{built['documents']:,} documents, {built['sources']:,} sources; {size_mb:,.0f} MB)")
        text = bulletin()
        s_big, s_empty = open_store(big), open_store(empty)
        try:
            t_empty, doc_e = time_check(s_empty.reader(), text, args.repeat)
            t_big, doc_b = time_check(s_big.reader(), text, args.repeat)
            figures = sum(len(c.quantities) for c in doc_b.claims)
            keys = {measure_key(q.measure) for c in doc_b.claims for q in c.quantities if q.measure}
            conflicts = sum(1 for c in doc_b.claims for f in c.flags if f.checker == "conflict")
            same = sum(1 for c in doc_b.claims for f in c.flags if f.code == "same-claim")
            print(f"bulletin: {len(text.encode()):,} bytes, {len(doc_b.claims)} claims, {figures} figures, "
                  f"{len(keys)} measures")
            print(f"check against an empty store: {t_empty * 1000:8.1f} ms (median of {args.repeat})")
            print(f"check against {args.claims:,} claims: {t_big * 1000:8.1f} ms (median of {args.repeat})")
            print(f"ratio: {t_big / t_empty:.2f}x   store lookups cost {1000 * (t_big - t_empty):.1f} ms; "
                  f"{conflicts} conflict flags, {same} claims matched in other documents, "
                  f"{doc_b.summary.corroborated} corroborated")
            print("query plan, figures of a measure near a date (across sources, corroboration):")
            for line in s_big.reader().explain_lookup("killed"):
                print(f"  {line}")
            print("query plan, one source's figures of a measure (over time):")
            for line in s_big.reader().explain_lookup("killed", sources=["src-1"]):
                print(f"  {line}")
            if doc_e.errors or doc_b.errors:
                print(f"plugin errors: {[e.message for e in doc_b.errors + doc_e.errors]}", file=sys.stderr)
                return 1
        finally:
            s_big.close()
            s_empty.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
