"""PDF reading speed: the PDF reader next to pypdf's own text extraction, in the same run.

    python bench/reading_pdf.py [--pages 120] [--repeat 3]

Makes its PDFs with fpdf2 (``pip install -e '.[test]'``): the invented UN-style update of
the tests (tests/reading_pdfs.py), pages alternating single-column and two-column, with
running headers, footers and page numbers. Prints MB/s of PDF bytes and thousand
characters/s of text for

* ``pypdf extract_text``: the raw library, content-stream order, no layout (the reference);
* ``pypdf + visitor``: the same pass calling a visitor for each text piece (what the reader uses);
* ``claims read_pdf``: the reader (furniture, columns, paragraphs, hyphens, metadata);
* ``pdfminer.six``: its ``extract_text`` with layout analysis, when installed (the library
  not chosen: see docs/dependencies.md).

Best of ``--repeat`` runs each. The ratios are what compare across machines. Then, on the
two-page update of the tests, how many of its content sentences each one gives whole (a
two-column page read across the gutter breaks them), whether they come in reading order, and
whether furniture (running header, footer, page numbers) is left in the text.
"""

from __future__ import annotations

import argparse
import io
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--pages", type=int, default=120)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()

    import pypdf
    import reading_pdfs

    from claims.plugins.read_pdf import read_pdf

    data = reading_pdfs.bulk(args.pages)
    mb = len(data) / 2**20

    def raw() -> int:
        return sum(len(p.extract_text()) for p in pypdf.PdfReader(io.BytesIO(data)).pages)

    def visitor() -> int:
        n = 0

        def visit(text, *_):
            nonlocal n
            n += len(text)
        for p in pypdf.PdfReader(io.BytesIO(data)).pages:
            p.extract_text(visitor_text=visit)
        return n

    def reader() -> int:
        return len(read_pdf(data, "bench.pdf").text)

    runs = [("pypdf extract_text (reference)", raw), ("pypdf + visitor", visitor), ("claims read_pdf", reader)]
    try:
        from pdfminer.high_level import extract_text
        runs.append(("pdfminer.six extract_text", lambda: len(extract_text(io.BytesIO(data)))))
    except ImportError:
        pass

    print(f"{args.pages} pages, {mb:.2f} MB of PDF; best of {args.repeat} rounds, rows interleaved")
    print(f"{'':32} {'s':>7} {'MB/s':>7} {'kchar/s':>8} {'x reference':>12}")
    results: dict[str, list[float]] = {name: [] for name, _ in runs}
    chars: dict[str, int] = {}
    for r in range(args.repeat):  # interleaved, so a busy moment of the machine hits every row alike
        for name, fn in runs:
            if "pdfminer" in name and r:
                continue  # slow: one round
            t = time.perf_counter()
            chars[name] = fn()
            results[name].append(time.perf_counter() - t)
    ref = min(results[runs[0][0]])
    for name, _ in runs:
        secs = min(results[name])
        print(f"{name:32} {secs:7.3f} {mb / secs:7.2f} {chars[name] / secs / 1000:8.0f} {secs / ref:11.2f}x")
    order(reading_pdfs, read_pdf)
    return 0


def order(reading_pdfs, read_pdf) -> None:
    import re

    import pypdf

    data = reading_pdfs.un_update()
    texts = {"pypdf extract_text": "\n".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(data)).pages),
             "claims read_pdf": read_pdf(data, "update.pdf").text}
    try:
        from pdfminer.high_level import extract_text
        texts["pdfminer.six extract_text"] = extract_text(io.BytesIO(data))
    except ImportError:
        pass
    furniture = (reading_pdfs.HEADER, reading_pdfs.FOOTER, "Page 1 of 2")
    print(f"\nthe two-page update (page 2 two-column): {len(reading_pdfs.CONTENT)} content sentences")
    print(f"{'':32} {'whole':>6} {'in order':>9} {'furniture lines':>16}")
    for name, text in texts.items():
        flat = " ".join(text.split())
        flat = re.sub(r"(\w)- (\w)", r"\1\2", flat) if name != "claims read_pdf" else flat  # fairness: dehyphenate
        at = [flat.find(s) for s in reading_pdfs.CONTENT]
        found = [a for a in at if a >= 0]
        print(f"{name:32} {len(found):6} {str(found == sorted(found)):>9} {sum(flat.count(f) for f in furniture):16}")


if __name__ == "__main__":
    raise SystemExit(main())
