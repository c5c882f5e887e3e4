"""The store: schema and migrations, idempotent saves, versions, transactions, concurrency, decisions."""

from __future__ import annotations

import datetime as dt
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
import sqlalchemy as sa

from claims.db import StoreError, head_revision, open_store, upgrade
from claims.db.engine import make_engine, parse_url
from conftest_store import (  # noqa: F401 - fixtures
    BULLETIN_UN, PG_ENV, C, D, Q, is_sqlite, make_doc, pg_schema_url, pipeline_or_skip, store, store_url, un_report,
)

TESTS = Path(__file__).parent


def _count(store, table: str) -> int:
    with store.engine.connect() as conn:
        return conn.execute(sa.text(f"SELECT count(*) FROM {table}")).scalar_one()


# -- opening ---------------------------------------------------------------------------------

def test_open_creates_schema_at_head(store):
    assert store.reader().schema_version() == head_revision()
    with store.engine.connect() as conn:
        assert conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalar_one() == head_revision()
        tables = set(sa.inspect(conn).get_table_names())
    assert {"documents", "sources", "source_aliases", "claims", "quantities", "flags", "decisions", "meta"} <= tables


def test_schema_from_migrations_matches_the_models(store):
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    from claims.db.tables import metadata
    with store.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), metadata)
    assert diff == []


def test_lookup_indexes_exist(store):
    with store.engine.connect() as conn:
        names = {ix["name"] for ix in sa.inspect(conn).get_indexes("quantities")}
    assert {"ix_quantities_measure_as_of", "ix_quantities_measure_source"} <= names


def test_missing_sqlite_file_is_not_created_without_create(tmp_path):
    path = tmp_path / "none.db"
    with pytest.raises(StoreError, match=r"none\.db: no such file"):
        open_store(str(path), create=False)
    assert not path.exists()


def test_store_in_missing_directory_is_an_error(tmp_path):
    with pytest.raises(StoreError, match="does not exist"):
        open_store(str(tmp_path / "nowhere" / "claims.db"))


def test_not_a_database_names_the_file(tmp_path):
    bad = tmp_path / "notes.db"
    bad.write_text("this is not sqlite " * 100)
    with pytest.raises(StoreError) as exc:
        open_store(str(bad))
    assert str(bad) in str(exc.value) and "\n" not in str(exc.value)


def test_unreachable_postgres_is_a_store_error():
    with pytest.raises(StoreError, match=r"^store postgresql\+psycopg://nobody@127\.0\.0\.1:1/"):
        open_store("postgresql://nobody@127.0.0.1:1/none?connect_timeout=2")


def test_url_forms():
    assert parse_url("claims.db").get_backend_name() == "sqlite"
    assert parse_url("sqlite:///x/claims.db").database == "x/claims.db"
    assert parse_url("postgresql://u@h/db").drivername == "postgresql+psycopg"
    assert parse_url("postgres://u@h/db").drivername == "postgresql+psycopg"
    with pytest.raises(StoreError, match="unsupported database"):
        make_engine("mysql://u@h/db")


def test_sqlite_file_is_plain_sqlite_in_wal_mode(tmp_path):
    path = tmp_path / "claims.db"
    s = open_store(str(path))
    s.save(un_report("a.txt", "2022-06-07", 100, 40, 60))
    s.close()
    conn = sqlite3.connect(path)  # any SQLite client can read it
    try:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("SELECT count(*) FROM claims").fetchone()[0] == 4
        assert conn.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()[0] == head_revision()
        row = conn.execute("SELECT measure_key, as_of, since, cumulative FROM quantities WHERE measure='killed'").fetchone()
        assert row == ("killed", "2022-06-07", "2022-02-24", 1)
    finally:
        conn.close()


def test_newer_schema_is_refused(store):
    with store.engine.begin() as conn:
        conn.execute(sa.text("UPDATE alembic_version SET version_num = '9999'"))
    with pytest.raises(StoreError, match="newer than this version of claims"):
        open_store(str(store.engine.url) if "sqlite" not in store.engine.url.drivername else store.engine.url.database)


# -- saving ------------------------------------------------------------------------------------

def test_save_is_idempotent(store):
    doc = un_report("bulletin.txt", "2022-06-07", 7120, 3050, 4070, children=190)
    first = store.save(doc)
    assert (first.status, first.claims, first.quantities, first.version) == ("new", 5, 4, 1)
    counts = store.reader().counts()
    again = store.save(un_report("bulletin.txt", "2022-06-07", 7120, 3050, 4070, children=190))
    assert again.status == "unchanged" and again.document_id == first.document_id
    assert (again.claims, again.quantities, again.flags) == (0, 0, 0)
    assert store.reader().counts() == counts


def test_same_document_gains_only_new_flags(store):
    doc = un_report("bulletin.txt", "2022-06-07", 7120, 3050, 4070)
    store.save(doc)
    later = un_report("bulletin.txt", "2022-06-07", 7120, 3050, 4070)
    from claims.models import Flag
    later.claims[1].flags.append(Flag(checker="conflict", code="conflict-over-time", message="m",
                                      claim_id=later.claims[1].id).with_id())
    result = store.save(later)
    assert (result.status, result.flags) == ("unchanged", 1)
    assert store.save(later).flags == 0
    assert _count(store, "claims") == 4


def test_edited_document_is_a_new_version(store):
    old = un_report("bulletin.txt", "2022-06-07", 7120, 3050, 4070)
    new = un_report("bulletin.txt", "2022-06-07", 7130, 3060, 4070)
    r1, r2 = store.save(old), store.save(new)
    assert r2.status == "new-version" and r2.version == 2 and r2.previous_sha256 == old.sha256
    reader = store.reader()
    docs = {d.sha256: d for d in reader.documents()}
    assert docs[old.sha256].superseded_by == r2.document_id
    assert docs[new.sha256].version_of == r1.document_id and docs[new.sha256].superseded_by is None
    # lookups and listings see the newest version only, unless asked
    assert [q.value for q in reader.quantities_for("killed", start=dt.date(2022, 6, 1))] == [3060]
    assert len(reader.claims()) == 4 and len(reader.claims(include_superseded=True)) == 8
    assert len(reader.claims(document="bulletin.txt")) == 8  # a document reference names all its versions


def test_saved_claims_read_back_as_checked(store):
    doc = un_report("dir/bulletin.txt", "2022-06-07", 7120, 3050, 4070, children=190)
    doc.claims[0].hedges = []
    store.save(doc)
    got = {s.claim.id: s for s in store.reader().claims()}
    for c in doc.claims:
        back = got[c.id].claim
        assert back.model_dump(exclude={"source"}) == c.model_dump(exclude={"source"})
        if c.source:
            assert back.source.id == c.source.id and back.source.parent == c.source.parent
    assert got[doc.claims[0].id].document.name == "bulletin.txt"


def test_failed_save_leaves_nothing_behind(store):
    doc = un_report("bulletin.txt", "2022-06-07", 7120, 3050, 4070)
    doc.claims[1].id = doc.claims[0].id  # a duplicate key fails half-way, after the document row
    with pytest.raises(StoreError, match="cannot save bulletin.txt"):
        store.save(doc)
    assert store.reader().counts() == {"documents": 0, "claims": 0, "quantities": 0, "flags": 0, "sources": 0,
                                       "decisions": 0}


KILL_SCRIPT = textwrap.dedent("""
    import sys, time
    sys.path.insert(0, {tests!r})
    from conftest_store import un_report
    from claims.db import open_store, convert
    store = open_store({url!r})
    real = convert.flag_records
    def slow(doc, document_id):
        print("inside", flush=True)   # the document, claims and quantities rows are written by now
        time.sleep(60)
        return real(doc, document_id)
    convert.flag_records = slow
    store.save(un_report("killed.txt", "2022-06-07", 100, 40, 60))
""")


def test_process_killed_midway_stores_no_half_document(store_url, store):
    proc = subprocess.Popen([sys.executable, "-c", KILL_SCRIPT.format(tests=str(TESTS), url=store_url)],
                            stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout.readline().strip() == "inside"
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(10)
    reader = store.reader()
    assert reader.counts()["documents"] == 0 and reader.counts()["claims"] == 0
    assert store.save(un_report("killed.txt", "2022-06-07", 100, 40, 60)).status == "new"


WRITER_SCRIPT = textwrap.dedent("""
    import sys
    sys.path.insert(0, {tests!r})
    from conftest_store import un_report
    from claims.db import open_store
    store = open_store({url!r})
    for i in range({n}):
        r = store.save(un_report(f"{{sys.argv[1]}}-{{i}}.txt", "2022-06-07", 1000 + i, 400 + i, 600,
                                salt=sys.argv[1]))
        assert r.status == "new", r
    store.close()
""")


def test_concurrent_writers_lose_nothing(store_url, tmp_path):
    """Two processes create and fill one store at the same time; every document arrives."""
    n = 15
    procs = [subprocess.Popen([sys.executable, "-c", WRITER_SCRIPT.format(tests=str(TESTS), url=store_url, n=n), name],
                              stderr=subprocess.PIPE, text=True) for name in ("a", "b")]
    for p in procs:
        _, err = p.communicate(timeout=120)
        assert p.returncode == 0, err
    s = open_store(store_url)
    try:
        assert s.reader().counts()["documents"] == 2 * n
        assert s.reader().counts()["quantities"] == 2 * n * 3
    finally:
        s.close()


def test_two_claims_check_processes_share_one_sqlite_store(tmp_path):
    pipeline_or_skip()
    texts = {}
    for i in range(3):
        for who in ("a", "b"):
            p = tmp_path / who / f"bulletin-{i}.txt"
            p.parent.mkdir(exist_ok=True)
            p.write_text(BULLETIN_UN.replace("7,120", f"7,1{i}{ord(who) - 90}"), encoding="utf-8")
            texts[p] = True
    db = tmp_path / "shared.db"
    env = {**os.environ, "CLAIMS_LOAD_ENTRYPOINTS": "0"}
    procs = [subprocess.Popen([sys.executable, "-m", "claims.cli", "check", "--db", str(db), "--published",
                               "2022-06-07", "--format", "json", "--fail-on", "never", str(tmp_path / who)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env, cwd=tmp_path)
             for who in ("a", "b")]
    for p in procs:
        _, err = p.communicate(timeout=180)
        assert p.returncode == 0, err
    s = open_store(str(db))
    try:
        assert {d.path for d in s.reader().documents()} == {str(p) for p in texts}
    finally:
        s.close()


# -- migrations ----------------------------------------------------------------------------------

def test_store_at_revision_1_is_upgraded_in_place(store_url):
    assert upgrade(store_url, "0001") == "0001"
    engine = make_engine(store_url)
    now = dt.datetime(2022, 6, 7, 12, tzinfo=dt.timezone.utc)
    with engine.begin() as conn:
        cols = {c["name"] for c in sa.inspect(conn).get_columns("documents")}
        assert "version_of" not in cols  # really the old schema
        for i, (path, sha) in enumerate([("a.txt", "a1"), ("b.txt", "b1"), ("a.txt", "a2")], start=1):
            conn.execute(sa.text("INSERT INTO documents (id, path, sha256, published, checked_at) "
                                 "VALUES (:i, :p, :s, :d, :t)"), {"i": i, "p": path, "s": sha, "d": dt.date(2022, 6, i), "t": now})
        conn.execute(sa.text("INSERT INTO sources (id, name) VALUES ('un-ohchr', 'UN OHCHR')"))
        conn.execute(sa.text("INSERT INTO claims (id, document_id, text, char_start, char_end, line, paragraph, source_id) "
                             "VALUES ('c_1', 3, 'The UN said 4,253 had been killed.', 0, 34, 1, 0, 'un-ohchr')"))
        conn.execute(sa.text(
            "INSERT INTO quantities (claim_id, document_id, source_id, position, value, measure, measure_key, text, "
            "char_start, char_end, approximate, cumulative, rate, as_of) VALUES "
            "('c_1', 3, 'un-ohchr', 0, 4253, 'killed', 'killed', '4,253', 12, 17, false, true, false, :d)"),
            {"d": dt.date(2022, 6, 3)})
    engine.dispose()

    s = open_store(store_url)  # the current code upgrades it
    try:
        reader = s.reader()
        assert reader.schema_version() == head_revision()
        docs = {d.sha256: d for d in reader.documents()}
        assert set(docs) == {"a1", "b1", "a2"}
        assert (docs["a2"].version, docs["a2"].version_of, docs["a1"].superseded_by) == (2, docs["a1"].id, docs["a2"].id)
        assert docs["b1"].version == 1 and docs["b1"].superseded_by is None
        [q] = reader.quantities_for("killed", sources=["un-ohchr"])
        assert (q.value, q.document_sha256, q.source_name) == (4253, "a2", "UN OHCHR")
        with s.engine.connect() as conn:
            assert "ix_quantities_measure_source" in {ix["name"] for ix in sa.inspect(conn).get_indexes("quantities")}
    finally:
        s.close()


def test_dry_run_does_not_upgrade(store_url):
    upgrade(store_url, "0001")
    with pytest.raises(StoreError, match=f"at schema revision 0001, needs {head_revision()}"):
        open_store(store_url, create=False)


def test_dry_run_reads_an_existing_store(store_url):
    open_store(store_url).close()
    s = open_store(store_url, create=False)
    assert s.reader().counts()["documents"] == 0
    s.close()


# -- review decisions --------------------------------------------------------------------------------

def test_dismissed_flag_comes_back_dismissed(store):
    flag = {"checker": "arithmetic", "code": "sum-mismatch", "message": "1 + 1 is not 3", "severity": "error"}

    def doc():
        return make_doc("a.txt", "2022-06-07", [C("Of those, 1 were killed and 1 injured, 3 in all.", "un-ohchr",
                                                 [Q("3", "casualties")], flags=[flag])])

    first = doc()
    store.save(first)
    fid = first.claims[0].flags[0].id
    store.record_decision(fid, "confirmed", reviewer="ann", decided_at=dt.datetime(2022, 6, 8, tzinfo=dt.timezone.utc))
    store.record_decision(fid, "dismissed", reviewer="bob", reason="rounding", note="the bulletin rounds",
                          decided_at=dt.datetime(2022, 6, 9, tzinfo=dt.timezone.utc))
    store.record_decision(first.claims[0].id, "checked", reviewer="bob")
    again = doc()
    assert again.claims[0].flags[0].status is None
    store.apply_decisions(again)
    assert again.claims[0].flags[0].status == "dismissed"
    assert again.claims[0].status == "checked"
    history = store.reader().decisions(fid)
    assert [(d.status, d.reviewer) for d in history] == [("confirmed", "ann"), ("dismissed", "bob")]
    assert history[1].reason == "rounding" and history[1].decided_at.tzinfo is not None
    stored = store.reader().claim(first.claims[0].id)
    assert stored.claim.flags[0].status == "dismissed" and stored.claim.status == "checked"


def test_decision_on_a_document_flag_can_be_limited_to_one_document(store):
    from claims.models import Flag
    a = un_report("a.txt", "2022-06-07", 10, 4, 6)
    b = un_report("b.txt", "2022-06-07", 20, 8, 12)
    for d in (a, b):
        d.flags.append(Flag(checker="conflict", code="conflict-no-date", message="undated").with_id())
    store.save(a)
    store.save(b)
    store.record_decision(a.flags[0].id, "dismissed", document_sha256=a.sha256)
    store.apply_decisions(a)
    store.apply_decisions(b)
    assert (a.flags[0].status, b.flags[0].status) == ("dismissed", None)


def test_decision_needs_a_claim_or_flag_id(store):
    with pytest.raises(StoreError, match="neither a claim id"):
        store.record_decision("x_1", "dismissed")


# -- reading ---------------------------------------------------------------------------------------

def test_quantities_for_filters_and_normalises(store):
    store.save(un_report("a.txt", "2022-06-07", 7120, 3050, 4070, children=190))
    store.save(un_report("b.txt", "2022-06-14", 7500, 3200, 4300))
    r = store.reader()
    assert [q.value for q in r.quantities_for("deaths", start=dt.date(2022, 6, 1), end=dt.date(2022, 6, 10))] == [3050]
    got = r.quantities_for(["killed", "civilians.casualties"], start=dt.date(2022, 6, 1))
    assert [(q.as_of.day, q.value) for q in got] == [(7, 7120), (7, 3050), (14, 7500), (14, 3200)]
    hist = r.quantities_for("killed", sources=["un-ohchr"], cumulative=True)
    assert [(q.as_of, q.value, q.since) for q in hist] == [(dt.date(2022, 6, 7), 3050, dt.date(2022, 2, 24)),
                                                           (dt.date(2022, 6, 14), 3200, dt.date(2022, 2, 24))]
    a_sha = hist[0].document_sha256
    assert [q.value for q in r.quantities_for("killed", sources=["un-ohchr"], exclude_document=a_sha)] == [3200]
    assert r.quantities_for("children.killed", start=dt.date(2022, 6, 1))[0].source_name == "UN OHCHR"


def test_lookup_query_uses_the_index(tmp_path):
    s = open_store(str(tmp_path / "claims.db"))
    try:
        plan = " ".join(s.reader().explain_lookup("killed"))
        assert "USING INDEX ix_quantities_measure_as_of" in plan
        plan = " ".join(s.reader().explain_lookup("killed", sources=["un-ohchr"]))
        assert "USING INDEX ix_quantities_measure_source" in plan
    finally:
        s.close()


def test_sources_and_claim_filters(store):
    store.save(un_report("a.txt", "2022-06-07", 7120, 3050, 4070))
    store.save(make_doc("b.txt", None, [C("Ukraine's prosecutor general's office said 236 children had been killed.",
                                          "ukraine-prosecutor-general", [Q("236", "children.killed")])]))
    r = store.reader()
    by_id = {s.id: s for s in r.sources()}
    assert by_id["un-ohchr"].claims == 3 and by_id["un-ohchr"].documents == 1
    assert by_id["un-ohchr"].last_published == dt.date(2022, 6, 7)
    assert r.resolve_source("un ohchr") == ["un-ohchr"]
    assert len(r.claims(source="UN OHCHR")) == 3
    assert len(r.claims(since="2022-06-01")) == 5  # the undated document counts by the day it was stored
    assert len(r.claims(since="2999-01-01")) == 0
    assert len(r.claims(document="b.txt")) == 1
    assert len(r.claims(measure="deaths")) == 1
    with pytest.raises(StoreError, match="--since must be a date"):
        r.claims(since="last week")


def test_pipeline_checks_and_stores_idempotently(store):
    p = pipeline_or_skip(store.reader())
    doc = p.check_text(BULLETIN_UN, path="un.txt", published="2022-06-07")
    assert store.save(doc).status == "new"
    n = store.reader().count_claims()
    assert n == len(doc.claims) > 0
    again = p.check_text(BULLETIN_UN, path="un.txt", published="2022-06-07")
    assert store.save(again).status == "unchanged"
    assert store.reader().count_claims() == n


def test_postgres_tests_are_isolated_by_schema():
    base = os.environ.get(PG_ENV)
    if not base:
        pytest.skip(f"{PG_ENV} is not set")
    url = pg_schema_url(base, "claims_test_x")
    assert "search_path%3Dclaims_test_x" in url or "search_path=claims_test_x" in url
