"""Shared fixtures of the store tests (test_store, test_conflict, test_store_commands).

Import what a test module uses (``from conftest_store import store_url, store, ...``), or
list ``pytest_plugins = ["conftest_store"]`` in ``tests/conftest.py``.

- ``store_url``: each test runs once on SQLite (a file in tmp_path) and once on PostgreSQL
  (a fresh schema selected through ``search_path``, dropped afterwards), the latter skipped
  with a visible reason when ``CLAIMS_TEST_POSTGRES_URL`` is not set.
- ``make_doc``: a checked Document built by hand (claims, sources, figures, dates), so store
  and checker tests do not depend on the extraction's wording.
- ``BULLETIN_*``: invented bulletins in the style of the examples, for end-to-end tests.
"""

from __future__ import annotations

import hashlib
import os
import uuid
from typing import Any, Iterator

import pytest

os.environ.setdefault("CLAIMS_LOAD_ENTRYPOINTS", "0")

PG_ENV = "CLAIMS_TEST_POSTGRES_URL"
PG_SKIP = f"{PG_ENV} is not set: PostgreSQL store tests skipped (e.g. postgresql+psycopg://postgres@127.0.0.1:5432/test)"

SOURCES = {
    "un-ohchr": ("UN OHCHR", "agency", "un"),
    "ukraine-prosecutor-general": ("Prosecutor General of Ukraine", "government", None),
    "uk-mod": ("UK Ministry of Defence", "military", None),
    "volodymyr-zelenskyy": ("Volodymyr Zelenskyy", "person", None),
    "kyiv-city": ("Kyiv City Military Administration", "government", None),
}


def pg_schema_url(base: str, schema: str) -> str:
    from sqlalchemy.engine import make_url
    u = make_url(base if "+psycopg" in base else base.replace("postgresql://", "postgresql+psycopg://", 1))
    return u.update_query_dict({"options": f"-csearch_path={schema}"}).render_as_string(hide_password=False)


def _pg_admin(base: str, sql: str) -> None:
    import sqlalchemy as sa
    engine = sa.create_engine(base if "+psycopg" in base else base.replace("postgresql://", "postgresql+psycopg://", 1))
    try:
        with engine.begin() as conn:
            conn.exec_driver_sql(sql)
    finally:
        engine.dispose()


@pytest.fixture(params=["sqlite", "postgres"])
def store_url(request, tmp_path) -> Iterator[str]:
    """A store URL no other test (or earlier run) shares: a SQLite file, or a fresh PostgreSQL schema."""
    if request.param == "sqlite":
        yield str(tmp_path / "claims.db")
        return
    base = os.environ.get(PG_ENV)
    if not base:
        pytest.skip(PG_SKIP)
    schema = f"claims_test_{uuid.uuid4().hex[:12]}"
    _pg_admin(base, f'CREATE SCHEMA "{schema}"')
    try:
        yield pg_schema_url(base, schema)
    finally:
        _pg_admin(base, f'DROP SCHEMA "{schema}" CASCADE')


@pytest.fixture
def store(store_url):
    from claims.db import open_store
    s = open_store(store_url)
    yield s
    s.close()


@pytest.fixture
def is_sqlite(store_url) -> bool:
    return "://" not in store_url


# -- documents by hand ----------------------------------------------------------------------

def Q(text: str, measure: str | None, value: float | None = None, *, low: float | None = None,
      high: float | None = None, qualifier: str | None = None, unit: str | None = None) -> dict[str, Any]:
    """A figure: its text as written in the claim, what it counts, and bounds."""
    if value is None:
        value = float(text.replace(",", ""))
    return {"text": text, "measure": measure, "value": value, "low": low, "high": high, "qualifier": qualifier,
            "unit": unit}


def D(text: str, date: str | None, role: str = "since") -> dict[str, Any]:
    """A date mention: 'since February 24' -> D('since February 24', '2022-02-24')."""
    return {"text": text, "date": date, "role": role}


def C(text: str, source: str | None = None, figures: list[dict] = (), dates: list[dict] = (),
      flags: list[dict] = ()) -> dict[str, Any]:
    return {"text": text, "source": source, "figures": list(figures), "dates": list(dates), "flags": list(flags)}


def make_doc(path: str, published: str | None, *paragraphs: list[dict[str, Any]], salt: str = "") -> Any:
    """A Document as the pipeline would give it: paragraphs of claims with offsets into its text."""
    from claims.models import Claim, DateMention, Document, Flag, Paragraph, Quantity, Source, Span, stable_id

    text = "\n\n".join(" ".join(c["text"] for c in para) for para in paragraphs)
    sha = hashlib.sha256((text + salt).encode()).hexdigest()
    doc = Document(path=path, sha256=sha, published=published, text=text)
    pos = 0
    line = 1
    for pi, para in enumerate(paragraphs):
        pstart = pos
        for c in para:
            start, end = pos, pos + len(c["text"])
            qs = []
            for f in c["figures"]:
                at = c["text"].index(f["text"])
                qs.append(Quantity(value=f["value"], text=f["text"], start=start + at, end=start + at + len(f["text"]),
                                   low=f["low"], high=f["high"], qualifier=f["qualifier"], unit=f["unit"],
                                   measure=f["measure"], counts=f["measure"]))
            ds = []
            for d in c["dates"]:
                at = c["text"].find(d["text"])
                at = max(at, 0)
                ds.append(DateMention(text=d["text"], start=start + at, end=start + at + len(d["text"]),
                                      date=d["date"], role=d["role"]))
            src = None
            if c["source"]:
                name, kind, parent = SOURCES.get(c["source"], (c["source"].replace("-", " ").title(), "organisation", None))
                src = Source(id=c["source"], name=name, mention=name, mode="indirect", cue="said", kind=kind, parent=parent)
            claim = Claim(id=stable_id("c", sha, start, end), text=c["text"], start=start, end=end, line=line,
                          paragraph=pi, source=src, quantities=qs, dates=ds)
            for fl in c["flags"]:
                claim.flags.append(Flag(claim_id=claim.id, evidence=Span(start=start, end=end), **fl).with_id())
            doc.claims.append(claim)
            pos = end + 1
        doc.paragraphs.append(Paragraph(index=pi, start=pstart, end=pos - 1, line=line))
        pos += 1
        line += 2
    return doc


def un_report(path: str, published: str | None, casualties: int, killed: int, injured: int, children: int | None = None,
              since: tuple[str, str | None] = ("since February 24", "2022-02-24"), salt: str = "") -> Any:
    """A UN paragraph whose figures add up, like the example bulletin's."""
    first = C(f"The UN human rights office said it had recorded {casualties:,} civilian casualties {since[0]}.",
              "un-ohchr", [Q(f"{casualties:,}", "civilians.casualties")], [D(since[0], since[1])])
    second = C(f"Of that number {killed:,} had been killed while {injured:,} had been injured, the office said.",
               "un-ohchr", [Q(f"{killed:,}", "killed"), Q(f"{injured:,}", "injured")])
    para = [first, second]
    if children is not None:
        para.append(C(f"According to the UN statement {children:,} children were among those killed.", "un-ohchr",
                      [Q(f"{children:,}", "children.killed")]))
    para.append(C("The office said the true figures were likely considerably higher.", "un-ohchr"))
    return make_doc(path, published, para,
                    [C("Britain's Defence Ministry said Russian forces had likely made small gains near Izium.", "uk-mod")],
                    salt=salt)


# -- invented bulletins for end-to-end tests (figures are made up) -------------------------------------

BULLETIN_UN = """The UN human rights office said it had recorded 7,120 civilian casualties in the country since Russia invaded on February 24. Of that number the UN said 3,050 had been killed while 4,070 had been injured. According to the UN statement 190 children were among those killed. The office said the actual number of civilians killed was likely to be far higher.

Britain's Defence Ministry said Russian forces had likely made small gains near Izium. "Russia will almost certainly continue its offensive in the east," the ministry said in its daily intelligence update.

Ukrainian President Volodymyr Zelenskyy said in his nightly address that the country needed more air defence systems "as soon as possible."
"""

# a week later: the UN's running totals are lower than before
BULLETIN_UN_LOWER = """published: 2022-06-14

The UN human rights office said on Monday it had recorded 6,870 civilian casualties in the country since the Russian invasion began on February 24. Of those, 2,960 people had been killed and 3,910 injured, the office said. The office added that the true figures were likely considerably higher.

Ukrainian President Volodymyr Zelenskyy said in his nightly address that the army was holding its positions in the east.
"""

# a week later, another source: more children killed than the UN said for the same period
BULLETIN_PROSECUTOR = """published: 2022-06-14

Ukraine's prosecutor general's office said on Tuesday that at least 236 children had been killed since the start of the war. According to the office, more than 412 children had been injured. Prosecutor General Iryna Venediktova told reporters that investigators had opened more than 12,000 war crimes cases.
"""

# the same day, another outlet repeating the UN's figures
BULLETIN_REPEAT = """published: 2022-06-07

The UN human rights office said it had recorded 7,120 civilian casualties since Russia invaded on February 24. Of that number the UN said 3,050 had been killed while 4,070 had been injured.
"""


def pipeline_or_skip(store_reader: Any = None):
    """A Pipeline over the store reader, or skip when the pipeline cannot be built in this tree."""
    try:
        from claims.pipeline import Pipeline
        return Pipeline(store=store_reader)
    except ImportError as exc:  # pragma: no cover - only while other stages are being written
        pytest.skip(f"pipeline not available: {exc}")
