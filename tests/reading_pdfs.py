"""PDFs made for the tests (and bench/reading_pdf.py) with fpdf2: an invented UN-style update.

The story is the one the reading fixtures share (an overnight drone attack on the Odesa
region, the UN's civilian toll): page 1 is single-column with a line broken inside
"civil-/ians", page 2 is two-column and written into the content stream row by row (left
line, right line, ...), so only a reader that follows the page geometry reads it in order.
Every page has a running header, a running footer and "Page N of M". Invented figures only.
"""

from __future__ import annotations

import datetime as dt
import io

from fpdf import FPDF

HEADER = "UN Human Rights Monitoring Mission in Ukraine"
HEADER_RIGHT = "Protection of Civilians Update No. 41"
FOOTER = "This update is based on information verified by the Mission. Not an official record."

TITLE = "Ukraine: Protection of Civilians in Armed Conflict"
SUBTITLE = "Update as of 1 March 2026"

# "\n" forces a line end (the wrap does the rest): the hyphen of "civil-" falls at a line end,
# the hyphens of "long-range" and "multiple-launch" do not.
PAGE1 = [
    ("heading", "Civilian casualties"),
    ("p", "From 24 February 2022 to 28 February 2026, the Office of the UN High Commissioner for Human "
          "Rights (OHCHR) recorded 11,152 civilian casualties in the Odesa, Mykolaiv and Kherson regions. "
          "Of those, 4,889 people were killed and 6,263 injured."),
    ("p", "Most casualties were caused by explosive weapons with wide area effects, including shelling "
          "from multiple-launch rocket systems, and long-range missile and drone strikes. Among the civil-\n"
          "ians killed were 312 children."),
    ("p", "OHCHR believes that the actual figures are considerably higher, as the receipt of information "
          "from some locations where intense hostilities have been going on has been delayed and many "
          "reports are still pending corroboration."),
    ("heading", "Overnight drone attack on Odesa region"),
    ("p", "On the night of 1 March 2026, a drone attack on the Odesa region damaged residential buildings "
          "and a school. According to the Air Force of Ukraine, of 48 drones launched overnight, 39 were "
          "shot down."),
]
PAGE2_HEADING = "Attacks affecting civilian infrastructure"
PAGE2_LEFT = [
    "OHCHR verified that the attack of 1 March damaged 14 residential buildings, two medical "
    "facilities and one school in Odesa city.",
    "The UK Ministry of Defence assessed that it is highly likely that the strikes targeted the "
    "energy grid of the region.",
]
PAGE2_RIGHT = [
    "The head of the regional military administration said: \"Our air defence worked all night, "
    "and I thank every crew.\"",
    "OHCHR reiterates that all parties must take constant care to spare the civilian population "
    "and civilian objects.",
]

#: Sentences of the body that a reader must keep, whole and in order.
CONTENT = [
    "Of those, 4,889 people were killed and 6,263 injured.",
    "multiple-launch rocket systems",
    "long-range missile and drone strikes.",
    "Among the civilians killed were 312 children.",
    "of 48 drones launched overnight, 39 were shot down.",
    "OHCHR verified that the attack of 1 March damaged 14 residential buildings, two medical facilities "
    "and one school in Odesa city.",
    "The UK Ministry of Defence assessed that it is highly likely that the strikes targeted the energy "
    "grid of the region.",
    "The head of the regional military administration said: \"Our air defence worked all night, and I "
    "thank every crew.\"",
    "OHCHR reiterates that all parties must take constant care to spare the civilian population and "
    "civilian objects.",
]

CREATED = dt.datetime(2026, 3, 2, 9, 30, tzinfo=dt.timezone.utc)


class _Update(FPDF):
    total_pages = 2

    def header(self):
        self.set_font("Helvetica", size=8)
        self.set_xy(20, 10)
        self.cell(100, 4, HEADER)
        self.set_xy(110, 10)
        self.cell(80, 4, HEADER_RIGHT, align="R")

    def footer(self):
        self.set_font("Helvetica", size=8)
        self.set_xy(20, 282)
        self.cell(130, 4, FOOTER)
        self.set_xy(150, 282)
        self.cell(40, 4, f"Page {self.page_no()} of {self.total_pages}", align="R")


def _lines(pdf: FPDF, text: str, width: float) -> list[str]:
    """Wrap ``text`` to ``width`` mm in the current font; "\\n" forces a break."""
    out: list[str] = []
    for part in text.split("\n"):
        line = ""
        for word in part.split():
            trial = f"{line} {word}".strip()
            if line and pdf.get_string_width(trial) > width:
                out.append(line)
                line = word
            else:
                line = trial
        out.append(line)
    return out


def _paragraph(pdf: FPDF, text: str, x: float, width: float, leading: float = 5.2) -> None:
    for line in _lines(pdf, text, width):
        pdf.set_xy(x, pdf.get_y())
        pdf.cell(width, leading, line)
        pdf.ln(leading)
    pdf.ln(3)


def _new(pages: int, title: str = TITLE, created: dt.datetime | None = CREATED) -> _Update:
    pdf = _Update(format="A4", unit="mm")
    pdf.total_pages = pages
    pdf.set_auto_page_break(False)
    pdf.set_title(title)
    pdf.set_author("UN Human Rights Monitoring Mission in Ukraine")
    pdf.set_creator("Word processor")
    if created is not None:
        pdf.set_creation_date(created)
    return pdf


def _page1(pdf: FPDF) -> None:
    pdf.add_page()
    pdf.set_y(24)
    pdf.set_font("Helvetica", "B", 16)
    _paragraph(pdf, TITLE, 20, 170, 8)
    pdf.set_font("Helvetica", "B", 12)
    _paragraph(pdf, SUBTITLE, 20, 170, 6)
    for kind, text in PAGE1:
        pdf.set_font("Helvetica", "B" if kind == "heading" else "", 12 if kind == "heading" else 10.5)
        _paragraph(pdf, text, 20, 170, 6 if kind == "heading" else 5.2)


def _two_columns(pdf: FPDF, heading: str, left: list[str], right: list[str]) -> None:
    """A full-width heading, then two columns written row by row into the content stream."""
    pdf.add_page()
    pdf.set_y(24)
    pdf.set_font("Helvetica", "B", 12)
    _paragraph(pdf, heading, 20, 170, 6)
    pdf.set_font("Helvetica", size=10.5)
    width, leading, top = 80, 5.2, pdf.get_y()

    def rows(paragraphs):
        out = []
        for i, p in enumerate(paragraphs):
            out += _lines(pdf, p, width)
            if i < len(paragraphs) - 1:
                out.append("")  # paragraph gap
        return out

    lrows, rrows = rows(left), rows(right)
    for i in range(max(len(lrows), len(rrows))):
        y = top + i * leading
        for x, col in ((20, lrows), (110, rrows)):
            if i < len(col) and col[i]:
                pdf.set_xy(x, y)
                pdf.cell(width, leading, col[i])


def _image_page(pdf: FPDF, lines: list[str]) -> None:
    """A page that is only a picture of text, as a scanner makes it."""
    from PIL import Image, ImageDraw

    img = Image.new("L", (620, 877), 255)
    draw = ImageDraw.Draw(img)
    for i, line in enumerate(lines):
        draw.text((40, 60 + i * 18), line, fill=40)
    buf = io.BytesIO()
    img.save(buf, format="PNG")
    pdf.add_page()
    pdf.image(buf, x=0, y=0, w=210, h=297)


def un_update(*, created: dt.datetime | None = CREATED, scanned_page: bool = False) -> bytes:
    """The two-page update (page 2 two-column); ``scanned_page`` appends a page with no text layer."""
    pdf = _new(3 if scanned_page else 2, created=created)
    _page1(pdf)
    _two_columns(pdf, PAGE2_HEADING, PAGE2_LEFT, PAGE2_RIGHT)
    if scanned_page:
        _image_page(pdf, ["Annex: list of verified incidents"])
    return bytes(pdf.output())


def scanned(pages: int = 2) -> bytes:
    """A PDF whose every page is an image: no text layer at all."""
    pdf = FPDF(format="A4", unit="mm")
    pdf.set_title(TITLE)
    for n in range(pages):
        _image_page(pdf, [TITLE, SUBTITLE, "", "From 24 February 2022 to 28 February 2026, OHCHR recorded",
                          "11,152 civilian casualties.", "", f"Page {n + 1} of {pages}"])
    return bytes(pdf.output())


def encrypted(user_password: str = "secret") -> bytes:
    """The update encrypted; with an empty ``user_password`` it opens without one (owner rights only)."""
    pdf = _new(2)
    pdf.set_encryption(owner_password="owner-pass", user_password=user_password)
    _page1(pdf)
    _two_columns(pdf, PAGE2_HEADING, PAGE2_LEFT, PAGE2_RIGHT)
    return bytes(pdf.output())


def bulk(pages: int) -> bytes:
    """A long update for the benchmark: pages alternate single-column and two-column."""
    pdf = _new(pages)
    while pdf.page_no() < pages:
        _page1(pdf)
        if pdf.page_no() < pages:
            _two_columns(pdf, PAGE2_HEADING, PAGE2_LEFT * 3, PAGE2_RIGHT * 3)
    return bytes(pdf.output())


def lines(pages: list[list[str]], *, number: str | None = "{n}", header: str | None = None,
          watermark: str | None = None, created: dt.datetime | None = CREATED, title: str | None = None) -> bytes:
    """A PDF of given lines (one list a page, "" a paragraph gap), with an optional running
    ``header``, a page ``number`` footer ("{n}", "Page {n} of {m}", "- {n} -") and a rotated
    ``watermark``."""
    pdf = FPDF(format="A4", unit="mm")
    pdf.set_auto_page_break(False)
    if title:
        pdf.set_title(title)
    if created is not None:
        pdf.set_creation_date(created)
    for n, page in enumerate(pages, 1):
        pdf.add_page()
        pdf.set_font("Helvetica", size=8)
        if header:
            pdf.set_xy(20, 10)
            pdf.cell(170, 4, header)
        if number:
            pdf.set_xy(20, 282)
            pdf.cell(170, 4, number.format(n=n, m=len(pages)), align="C")
        if watermark:
            pdf.set_font("Helvetica", "B", 40)
            with pdf.rotation(45, 105, 150):
                pdf.set_xy(50, 150)
                pdf.cell(110, 20, watermark)
        pdf.set_font("Helvetica", size=10.5)
        pdf.set_y(30)
        for line in page:
            pdf.set_x(20)
            pdf.cell(170, 5.2, line)
            pdf.ln(8.2 if not line else 5.2)
    return bytes(pdf.output())


TABLE = [("Region", "Killed", "Injured", "Civilian casualties"), ("Odesa", "1,412", "2,096", "3,508"),
         ("Mykolaiv", "1,035", "1,688", "2,723"), ("Kherson", "2,442", "2,479", "4,921"),
         ("Total", "4,889", "6,263", "11,152")]


def table(rows=TABLE) -> bytes:
    """A page with a sentence, a table of casualties by region (figures right-aligned under
    left-aligned headers) and a closing sentence."""
    pdf = _new(1, created=CREATED)
    pdf.add_page()
    pdf.set_font("Helvetica", size=10.5)
    pdf.set_xy(20, 30)
    pdf.cell(170, 5.2, "The Mission recorded these civilian casualties in the three regions, as of 28 February.")
    y = 45
    for i, row in enumerate(rows):
        for x, cell in zip((20, 80, 110, 140), row):
            pdf.set_xy(x, y)
            pdf.cell(30, 5.2, cell, align="L" if x == 20 or i == 0 else "R")
        y += 6
    pdf.set_xy(20, y + 6)
    pdf.cell(170, 5.2, "OHCHR believes that the actual figures are considerably higher.")
    return bytes(pdf.output())


def footnoted() -> bytes:
    """A sentence with a superscript footnote marker (set with a text rise) and a km² power."""
    pdf = FPDF(format="A4", unit="mm")
    pdf.add_page()
    pdf.set_font("Helvetica", size=10.5)
    pdf.set_xy(20, 30)
    for text, sup in (("OHCHR recorded 11,152 civilian casualties", "12"),
                      (" in the three regions. The flooded area is 25 km", "2"), (" in size.", "")):
        pdf.write(5.2, text)
        if sup:
            pdf.char_vpos = "SUP"
            pdf.write(5.2, sup)
            pdf.char_vpos = "LINE"
    pdf.ln(12)
    pdf.set_x(20)
    pdf.set_font("Helvetica", size=8)
    pdf.write(4, "12 Figures verified by the Mission as of 28 February 2026.")
    return bytes(pdf.output())
