"""HTML reading speed: the HTML reader (``claims.plugins.read_html``) next to trafilatura alone.

Run from the repository root::

    python bench/reading.py              # 200 pages, best of 3 rounds
    python bench/reading.py --pages 50   # a quicker run

The corpus is made from the project's own fixture page (``tests/fixtures/reading/
news-page.html``): each page varies its figures and names and repeats its story body
1-6 times (2-8 kB to 40 kB of text in 20-60 kB of HTML), so no two pages are equal.
HTML files under ``../shared`` (``CLAIMS_SHARED``) are added when present; the bench
never needs them. MB = 10^6 bytes of HTML. Rows, each over the same pages in the same
process (ratios to the first row are what to compare across machines):

* ``trafilatura extract()``: trafilatura's default call, text out (the reference);
* ``trafilatura bare_extraction``: with the options the reader uses (metadata, tables,
  images for captions, dates from markup only);
* ``read_html (html_document)``: the reader: trafilatura, then blocks, table cells,
  captions and the page-chrome listing;
* ``read_document (bytes in)``: sniffing and decoding too, as ``claims check`` calls it;
* ``claims check (whole pipeline)``: reading plus segmenting, attribution, extraction
  and the checkers, for scale.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import re
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

import trafilatura  # noqa: E402

from claims.pipeline import Pipeline  # noqa: E402
from claims.plugins import read_html  # noqa: E402
from claims.read import read_bytes  # noqa: E402

FIXTURE = REPO / "tests" / "fixtures" / "reading" / "news-page.html"
_NUMBER = re.compile(r"(?<![\w/.-])\d{1,3}(?:,\d{3})*(?![\w/-])")
_NAMES = ["Izmail", "Reni", "Odesa", "Mykolaiv", "Kherson", "Marchenko", "Kovalchuk"]
_OTHER = ["Vylkove", "Chornomorsk", "Pivdenne", "Ochakiv", "Kiliia", "Shevchuk", "Bondar", "Tkachenko"]


def corpus(pages: int, seed: int = 7) -> list[bytes]:
    """``pages`` different pages made from the fixture, plus any HTML under ../shared."""
    rnd = random.Random(seed)
    base = FIXTURE.read_text("utf-8")
    head, rest = base.split('<div class="story-body">', 1)
    body, tail = rest.split("</div>\n  <footer", 1)
    out = []
    for i in range(pages):
        story = "".join(_vary(body, rnd) for _ in range(1 + i % 6))
        out.append((head + '<div class="story-body">' + story + "</div>\n  <footer" + tail).encode("utf-8"))
    shared = Path(os.environ.get("CLAIMS_SHARED", REPO.parent / "shared"))
    if shared.is_dir():
        out += [p.read_bytes() for p in sorted(shared.rglob("*.htm*")) if p.is_file()]
    return out


def _vary(text: str, rnd: random.Random) -> str:
    text = _NUMBER.sub(lambda m: f"{max(1, int(int(m.group().replace(',', '')) * rnd.uniform(0.8, 1.2))):,}", text)
    for name in _NAMES:
        if rnd.random() < 0.5:
            text = text.replace(name, rnd.choice(_OTHER))
    return text


def _traf_default(data: bytes) -> None:
    trafilatura.extract(data.decode("utf-8"))


def _traf_options(data: bytes) -> None:
    trafilatura.bare_extraction(
        data.decode("utf-8"), with_metadata=True, include_tables=True, include_images=True, include_comments=False,
        include_formatting=False, include_links=False,
        date_extraction_params={"original_date": True, "extensive_search": False,
                                "max_date": dt.date.today().isoformat()})


def _reader(data: bytes) -> None:
    read_html.html_document(data.decode("utf-8"))


def _read_document(data: bytes) -> None:
    read_html.read_document(data, "page.html", None, None)


def run(pages: list[bytes], rounds: int) -> list[tuple[str, float]]:
    pipeline = Pipeline()

    def check(data: bytes) -> None:
        pipeline.check_item(read_bytes("page.html", data))

    rows = [("trafilatura extract()", _traf_default), ("trafilatura bare_extraction", _traf_options),
            ("read_html (html_document)", _reader), ("read_document (bytes in)", _read_document),
            ("claims check (whole pipeline)", check)]
    for _name, fn in rows:  # warm up (imports, compiled patterns, caches)
        fn(pages[0])
    mb = sum(len(p) for p in pages) / 1e6
    best = {name: float("inf") for name, _ in rows}
    for _ in range(rounds):
        for name, fn in rows:  # interleaved, so load on the machine hits every row alike
            t = time.perf_counter()
            for p in pages:
                fn(p)
            best[name] = min(best[name], time.perf_counter() - t)
    return [(name, mb / best[name]) for name, _ in rows]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("--pages", type=int, default=200)
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args(argv)
    pages = corpus(args.pages)
    size = sum(len(p) for p in pages)
    print(f"HTML reading: {len(pages)} pages, {size / 1e6:.2f} MB of HTML "
          f"({min(map(len, pages)) / 1e3:.0f}-{max(map(len, pages)) / 1e3:.0f} kB a page), best of {args.rounds}")
    results = run(pages, args.rounds)
    ref = results[0][1]
    print(f"{'':32}{'MB/s':>8}{'pages/s':>10}{'vs trafilatura':>16}")
    for name, rate in results:
        print(f"{name:32}{rate:8.2f}{rate * 1e6 * len(pages) / size:10.0f}{rate / ref:15.2f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
