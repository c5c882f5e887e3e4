"""Concurrent writers on one store, on SQLite and on real PostgreSQL (several processes each).

- new versions of the same paths: exactly one current version per path, an unbroken chain;
- the same document stored by every process: one row, every process succeeds, later flags kept;
- concurrent decisions on one claim: the stored status is the newest decision's.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import sqlalchemy as sa

from claims.db import open_store
from conftest_store import store_url  # noqa: F401 - fixture

TESTS = Path(__file__).parent
PROCS = 3

VERSIONS_SCRIPT = textwrap.dedent("""
    import sys
    sys.path.insert(0, {tests!r})
    from conftest_store import C, make_doc
    from claims.db import open_store
    me = sys.argv[1]
    store = open_store({url!r})
    for round in range({rounds}):
        for p in range({paths}):
            doc = make_doc(f"bulletin-{{p}}.txt", "2022-06-07",
                           [C(f"The ministry said {{p}} people were hurt.", "uk-mod")],
                           [C(f"Writer {{me}} revised it in round {{round}}.", "uk-mod",
                              flags=[dict(checker="w", code="w-" + me, message="m")])])
            store.save(doc)
        # every process stores the very same document, and the same text under its own path
        shared = make_doc("shared.txt", None, [C("The office said 12 were killed.", "un-ohchr",
                                                 flags=[dict(checker="w", code="w-" + me, message="m")])])
        store.save(shared)
        shared.path = f"copy-{{me}}.txt"
        store.save(shared)
    print("ok")
""")


def _run(script: str, n: int = PROCS) -> None:
    procs = [subprocess.Popen([sys.executable, "-c", script, str(i)], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True) for i in range(n)]
    for p in procs:
        out, err = p.communicate(timeout=300)
        assert p.returncode == 0 and out.strip() == "ok", err


def test_new_versions_of_the_same_paths_chain_in_order(store_url):
    rounds, paths = 4, 3
    _run(VERSIONS_SCRIPT.format(tests=str(TESTS), url=store_url, rounds=rounds, paths=paths))
    s = open_store(store_url)
    try:
        docs = s.reader().documents()
        for p in range(paths):
            chain = sorted((d for d in docs if d.path == f"bulletin-{p}.txt"), key=lambda d: d.version)
            assert len(chain) == PROCS * rounds  # every process's text of every round is a version
            assert [d.version for d in chain] == list(range(1, len(chain) + 1))
            assert [d for d in chain if d.superseded_by is None] == [chain[-1]]
            for older, newer in zip(chain, chain[1:]):
                assert newer.version_of == older.id and older.superseded_by == newer.id
        shared = [d for d in docs if d.sha256 == next(x.sha256 for x in docs if x.path == "shared.txt")]
        assert len(shared) == 1
        with s.engine.connect() as conn:
            codes = {r[0] for r in conn.execute(sa.text("SELECT code FROM flags WHERE document_id = :d"),
                                                {"d": shared[0].id})}
        assert codes == {f"w-{i}" for i in range(PROCS)}  # each process's new flag was recorded
    finally:
        s.close()


DECISION_SCRIPT = textwrap.dedent("""
    import sys
    from claims.db import open_store
    me = sys.argv[1]
    store = open_store({url!r})
    for i in range({n}):
        store.record_decision({claim!r}, f"status-{{me}}-{{i}}", reviewer=me)
    print("ok")
""")


def test_concurrent_decisions_leave_the_newest_status(store_url):
    import sys as _sys
    _sys.path.insert(0, str(TESTS))
    from conftest_store import C, make_doc
    s = open_store(store_url)
    try:
        doc = make_doc("r.txt", None, [C("The office said 12 were killed.", "un-ohchr")])
        s.save(doc)
        claim = doc.claims[0].id
        _run(DECISION_SCRIPT.format(url=store_url, n=12, claim=claim))
        history = s.reader().decisions(claim)
        assert len(history) == PROCS * 12
        assert s.reader().claim(claim).claim.status == history[-1].status
        times = [d.decided_at for d in history]
        assert len(set(times)) == len(times)  # strictly ordered, one decision per instant
        # decisions are ordered as committed: within each writer, its own decisions in order
        for me in map(str, range(PROCS)):
            mine = [d.status for d in history if d.reviewer == me]
            assert mine == [f"status-{me}-{i}" for i in range(12)]
    finally:
        s.close()


def test_a_decision_waiting_for_the_write_lock_is_newer_than_the_one_holding_it(tmp_path):
    """SQLite: a decision queued behind another writer is ordered after that writer's decision."""
    import datetime as dt
    import threading
    import time

    sys.path.insert(0, str(TESTS))
    from conftest_store import C, make_doc

    from claims.db.engine import make_engine, write_connection
    from claims.db.tables import ClaimRow, DecisionRow
    url = str(tmp_path / "c.db")
    s = open_store(url)
    doc = make_doc("r.txt", None, [C("The office said 12 were killed.", "un-ohchr")])
    s.save(doc)
    claim = doc.claims[0].id
    other = make_engine(url)
    try:
        with write_connection(other) as conn:
            with conn.begin():  # BEGIN IMMEDIATE: this writer holds the lock
                waiting = threading.Thread(target=s.record_decision, args=(claim, "false"), kwargs={"reviewer": "a"})
                waiting.start()
                time.sleep(0.5)
                conn.execute(sa.insert(DecisionRow.__table__).values(
                    target_kind="claim", target_id=claim, status="true", reviewer="b",
                    decided_at=dt.datetime.now(dt.timezone.utc)))
                claims = ClaimRow.__table__
                conn.execute(sa.update(claims).where(claims.c.id == claim).values(status="true"))
        waiting.join(60)
        history = s.reader().decisions(claim)
        assert [d.reviewer for d in history] == ["b", "a"]
        assert s.reader().claim(claim).claim.status == history[-1].status == "false"
    finally:
        other.dispose()
        s.close()
