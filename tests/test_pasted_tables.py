"""Tables pasted as tab-separated lines are read as rows with their column headers."""

from __future__ import annotations

from claims.pasted_tables import pasted_table

TABLE = ("Category\tKilled\tInjured\tTotal\nMen\t2,915\t3,704\t6,619\nChildren\t443\t547\t990\n"
         "All civilians\t3,358\t4,251\t7,609")


def cells(text, row):
    return [(text[c.start:c.end], c.header) for c in row.cells]


def test_rows_and_headers():
    text = "The office gave its figures.\n\n" + TABLE + "\n"
    start = text.index("Category")
    rows = pasted_table(text, start, len(text) - 1, 3)
    assert [r.header for r in rows] == [True, False, False, False]
    assert [r.line for r in rows] == [3, 4, 5, 6]
    assert cells(text, rows[1]) == [("Men", "Category"), ("2,915", "Killed"), ("3,704", "Injured"),
                                    ("6,619", "Total")]
    assert text[rows[3].start:rows[3].end] == "All civilians\t3,358\t4,251\t7,609"


def test_not_a_table():
    for text in ["\tThe ministry said 3 people died.\n\tIt gave no details.",   # indented prose
                 "Killed\t4,889\nInjured\t6,263\tof them 12 children\n",          # rows of different shapes
                 "Killed\t4,889",                                               # one line
                 "Home\tWorld\tBusiness\nSport\tCulture\tWeather"]:              # a menu: no figures
        assert pasted_table(text, 0, len(text), 1) is None


def test_without_a_header_row_and_with_empty_cells():
    text = "Killed:\t4,889\t\nInjured:\t6,263\t\n"
    rows = pasted_table(text, 0, len(text) - 1, 1)
    assert [r.header for r in rows] == [False, False]
    assert cells(text, rows[0]) == [("Killed:", None), ("4,889", None)]


REGIONS = """The regional administration gave these figures on Monday.

Region\tKilled\tInjured\tCivilian casualties
Odesa\t1,412\t2,096\t3,508
Mykolaiv\t1,030\t1,383\t2,413
Total\t2,442\t3,479\t5,921
"""


def test_a_pasted_table_is_checked_like_a_web_page_table():
    from claims.pipeline import Pipeline
    doc = Pipeline().check_text(REGIONS, path="t.txt")
    rows = [c for c in doc.claims if c.block == "table-row"]
    assert [c.text.split("\t")[0] for c in rows] == ["Odesa", "Mykolaiv", "Total"]
    assert [(q.text, q.measure) for q in rows[0].quantities] == [
        ("1,412", "killed"), ("2,096", "injured"), ("3,508", "civilians.casualties")]
    assert [(s.reason, s.line) for s in doc.skipped] == [("table-header", 3)]
    assert doc.summary.relations == {"found": 6, "checked": 6, "consistent": 6}   # 3 rows, 3 columns
    bad = Pipeline().check_text(REGIONS.replace("1,030\t1,383", "1,030\t1,483"), path="t.txt")
    messages = sorted(f.message for c in bad.claims for f in c.flags if f.checker == "arithmetic")
    assert len(messages) == 2 and "1,030 killed + 1,483 injured = 2,513, but the stated total is 2,413" in messages[0]


def test_tab_separated_lines_in_a_markdown_paragraph_are_a_table():
    from claims.pipeline import Pipeline
    from claims.read import read_bytes
    md = ("# Update\n\nThe office gave figures.\n\nRegion\tKilled\tInjured\tCivilian casualties\n"
          "Odesa\t1,412\t2,096\t3,508\nMykolaiv\t1,030\t1,383\t2,413\n").encode()
    (doc,) = Pipeline().check_item(read_bytes("u.md", md))
    assert [c.block for c in doc.claims] == ["heading", "paragraph", "table-row", "table-row"]
    assert [s.reason for s in doc.skipped] == ["table-header"]
    assert doc.summary.relations == {"found": 2, "checked": 2, "consistent": 2}


POPULATIONS = """Civilian casualties since February 24.

Category\tKilled\tInjured
Men\t2,915\t3,704
Women\t1,531\t2,012
Children\t443\t547
All civilians\t4,889\t6,263
"""


def test_a_total_row_over_rows_of_populations():
    from claims.pipeline import Pipeline
    doc = Pipeline().check_text(POPULATIONS, path="p.txt")
    held = [h["message"] for h in doc.summary.relations_held]
    assert "2,915 Men killed, 1,531 Women killed, 443 Children killed add up to 4,889 Killed" in held
    bad = Pipeline().check_text(POPULATIONS.replace("Women\t1,531", "Women\t1,631"), path="p.txt")
    [flag] = [f for c in bad.claims for f in c.flags if f.checker == "arithmetic"]
    assert flag.code == "sum-mismatch" and "= 4,989, but the stated total is 4,889" in flag.message
    # girls are among the children: a population counted twice is no sum
    overlap = Pipeline().check_text(POPULATIONS.replace("Women\t1,531", "Girls\t1,531"), path="p.txt")
    assert not [f for c in overlap.claims for f in c.flags if f.checker == "arithmetic"]
