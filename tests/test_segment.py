"""Tests for claims.segment: sentence splitting, paragraphs, boilerplate, offsets.

All fixture text is written for these tests in news style; no corpus is read.
"""

from __future__ import annotations

import inspect
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claims.segment import REASONS, Block, boilerplate_reason, segment, split_sentences


def sents(text: str) -> list[str]:
    return [text[s:e] for s, e in split_sentences(text)]


def seg_sents(text: str) -> list[str]:
    return [text[s:e] for b in segment(text) for s, e, _ in b.sentences]


def skipped(text: str) -> list[tuple[str, str]]:
    return [(text[s:e], r) for b in segment(text) for s, e, _, r in b.skipped]


def line_of(text: str, pos: int) -> int:
    """Reference line number: "\r\n", "\r" and "\n" each count as one break."""
    return len(re.findall(r"\r\n|\r|\n", text[:pos])) + 1


# ---------------------------------------------------------------------------
# Sentence boundaries
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        # titles before names never end a sentence
        (
            "Mr. Novak met Dr. Ilse Brandt and Gen. Mark Hollis in Tallinn. They discussed air defence.",
            ["Mr. Novak met Dr. Ilse Brandt and Gen. Mark Hollis in Tallinn.", "They discussed air defence."],
        ),
        (
            "Sen. Ann Ruiz and Rep. Tom Bell, with Gov. Lee Park, spoke at St. Mary's Hall. Prof. Diaz did not.",
            ["Sen. Ann Ruiz and Rep. Tom Bell, with Gov. Lee Park, spoke at St. Mary's Hall.", "Prof. Diaz did not."],
        ),
        (
            "Lt. Col. Dana Shore and Sgt. Ray Moss were named. Capt. Ida Fenn was not.",
            ["Lt. Col. Dana Shore and Sgt. Ray Moss were named.", "Capt. Ida Fenn was not."],
        ),
        # country initialisms: split before a sentence starter only
        (
            "The vote was held in the U.S. The result was close.",
            ["The vote was held in the U.S.", "The result was close."],
        ),
        (
            "The U.S. Army and U.K. Defence Ministry said the U.N. Security Council would meet.",
            ["The U.S. Army and U.K. Defence Ministry said the U.N. Security Council would meet."],
        ),
        (
            "Trade with the E.U. fell. Exports to the U.S. rose by a third.",
            ["Trade with the E.U. fell.", "Exports to the U.S. rose by a third."],
        ),
        # company suffixes
        (
            "Shares of Harbor Freight Inc. rose. Northwind Corp. said it would appeal.",
            ["Shares of Harbor Freight Inc. rose.", "Northwind Corp. said it would appeal."],
        ),
        (
            "The deal was signed by Kessler Ltd. and Brandt Co. It closes in June.",
            ["The deal was signed by Kessler Ltd. and Brandt Co.", "It closes in June."],
        ),
        (
            "The bid came from Orland Holdings Inc. Analysts expect a higher offer.",
            ["The bid came from Orland Holdings Inc.", "Analysts expect a higher offer."],
        ),
        # times, dates, numbers after abbreviations
        (
            "The strike began at 6 a.m. Tuesday and ended at 9 p.m. Residents stayed indoors.",
            ["The strike began at 6 a.m. Tuesday and ended at 9 p.m.", "Residents stayed indoors."],
        ),
        (
            "The blast happened at 4 p.m. Kyiv time on Aug. 3. No group claimed it.",
            ["The blast happened at 4 p.m. Kyiv time on Aug. 3.", "No group claimed it."],
        ),
        (
            "Talks are set for Jan. 22 and Sept. 5, officials said. Resolution No. 2776 passed.",
            ["Talks are set for Jan. 22 and Sept. 5, officials said.", "Resolution No. 2776 passed."],
        ),
        (
            "The firm is based in Tempe, Ariz. Its rival moved to Boston, Mass. in May.",
            ["The firm is based in Tempe, Ariz.", "Its rival moved to Boston, Mass. in May."],
        ),
        # initials
        (
            "The novel by J. R. R. Tolkien was quoted by George W. Bush. Critics laughed.",
            ["The novel by J. R. R. Tolkien was quoted by George W. Bush.", "Critics laughed."],
        ),
        # e.g., i.e., etc., vs.
        (
            "Some weapons, e.g. howitzers, arrived; i.e. the first batch. Fuel, food, etc. were sent too.",
            ["Some weapons, e.g. howitzers, arrived; i.e. the first batch.", "Fuel, food, etc. were sent too."],
        ),
        (
            "It was Kyiv vs. Moscow again. The match ended 2-1.",
            ["It was Kyiv vs. Moscow again.", "The match ended 2-1."],
        ),
        # decimals and money
        (
            "Exports fell 4.2 percent to $3.5 billion. About 1.25 million tonnes were shipped.",
            ["Exports fell 4.2 percent to $3.5 billion.", "About 1.25 million tonnes were shipped."],
        ),
        (
            "The index closed at 7,512.45. It had opened at 7,498.10.",
            ["The index closed at 7,512.45.", "It had opened at 7,498.10."],
        ),
        # ellipsis
        (
            "He paused... Then he continued. She waited… and nothing happened.",
            ["He paused...", "Then he continued.", "She waited… and nothing happened."],
        ),
        # URLs and e-mail addresses
        (
            "Details are at www.example.org/report.html today. Write to press@example.org. A reply is promised.",
            [
                "Details are at www.example.org/report.html today.",
                "Write to press@example.org.",
                "A reply is promised.",
            ],
        ),
        # numbered lists
        (
            "1. Troops withdraw. 2. Observers deploy. 3. Talks resume.",
            ["1. Troops withdraw.", "2. Observers deploy.", "3. Talks resume."],
        ),
        # a sentence may start with a digit or an opening quote
        (
            "The shelling continued. 12 people were hurt. \"It was terrible,\" a nurse said.",
            ["The shelling continued.", "12 people were hurt.", "\"It was terrible,\" a nurse said."],
        ),
        # ! and ?
        (
            "Is the corridor open? Nobody knows! Officials were silent.",
            ["Is the corridor open?", "Nobody knows!", "Officials were silent."],
        ),
        # lower case after a full stop does not start a sentence
        (
            "He holds a Ph.D. in physics and works at the med. centre.",
            ["He holds a Ph.D. in physics and works at the med. centre."],
        ),
    ],
)
def test_split_sentences(text: str, expected: list[str]) -> None:
    assert sents(text) == expected


def test_closing_quote_stays_with_sentence() -> None:
    text = "Scholz said “we are ready.” The talks continued."
    assert sents(text) == ["Scholz said “we are ready.”", "The talks continued."]
    text = "She said 'it is over.' Then she left. (The ceasefire held.) [It was later broken.] Talks resumed."
    assert sents(text) == [
        "She said 'it is over.'",
        "Then she left.",
        "(The ceasefire held.)",
        "[It was later broken.]",
        "Talks resumed.",
    ]


def test_question_inside_quote_with_lowercase_continuation() -> None:
    assert sents('"Are you ready?" he asked. "Yes!" she replied.') == [
        '"Are you ready?" he asked.',
        '"Yes!" she replied.',
    ]
    assert sents("“Why now?” asked the minister. Nobody answered.") == [
        "“Why now?” asked the minister.",
        "Nobody answered.",
    ]
    # an attribution after the quote keeps it in the same sentence
    assert sents("“Are we ready?” Scholz asked. He did not wait.") == [
        "“Are we ready?” Scholz asked.",
        "He did not wait.",
    ]


def test_quote_closed_by_comma_stays_with_its_speaker() -> None:
    text = "“We will hold the line. We have no choice,” the commander said. Shelling resumed."
    assert sents(text) == [
        "“We will hold the line. We have no choice,” the commander said.",
        "Shelling resumed.",
    ]
    # a quote that ends with a full stop is split sentence by sentence
    text = "The minister said: “We are ready. We will act.” The talks continued."
    assert sents(text) == ["The minister said: “We are ready.", "We will act.”", "The talks continued."]


def test_single_quotes_and_inline_lists() -> None:
    assert sents("‘We won’t leave. We will fight,’ the mayor said. Russia’s shelling went on.") == [
        "‘We won’t leave. We will fight,’ the mayor said.",
        "Russia’s shelling went on.",
    ]
    assert sents("The plan: 1. The troops pull back 2. The monitors arrive 3. The talks restart") == [
        "The plan: 1. The troops pull back",
        "2. The monitors arrive",
        "3. The talks restart",
    ]
    assert sents("1. The troops pull back 2. The monitors arrive 3. The talks restart") == [
        "1. The troops pull back",
        "2. The monitors arrive",
        "3. The talks restart",
    ]
    assert sents("At 5 a.m. Mr. Hale left the base. He returned at 6 p.m. Mr. Hale then slept.") == [
        "At 5 a.m. Mr. Hale left the base.",
        "He returned at 6 p.m.",
        "Mr. Hale then slept.",
    ]


def test_split_sentences_range_and_whitespace() -> None:
    text = "Ignore this. Keep this one. And this one.  Not this."
    a = text.index("Keep")
    b = text.index("  Not")
    assert [text[s:e] for s, e in split_sentences(text, a, b)] == ["Keep this one.", "And this one."]
    assert split_sentences("") == []
    assert split_sentences("   \n\t ") == []
    assert split_sentences("No terminator at all") == [(0, 20)]
    # a sentence never crosses a blank line
    assert sents("Heading without stop\n\nThe text starts here.") == ["Heading without stop", "The text starts here."]


def test_wrapped_lines_continue_the_sentence() -> None:
    text = "The ministry said on Tuesday that\nRussian forces had advanced. It gave\nno figures."
    blocks = list(segment(text))
    assert len(blocks) == 1
    got = [(text[s:e], line) for s, e, line in blocks[0].sentences]
    assert got == [
        ("The ministry said on Tuesday that\nRussian forces had advanced.", 1),
        ("It gave\nno figures.", 2),
    ]


# ---------------------------------------------------------------------------
# Paragraphs, offsets, line numbers
# ---------------------------------------------------------------------------


def test_crlf_offsets_and_line_numbers() -> None:
    text = (
        "  Kyiv said 40 drones were shot down.\tMoscow denied it.\r\n"
        "\r\n"
        "\r\n"
        "The U.N. called for calm.\r\n"
        "Aid convoys\r\n"
        "were delayed.\r\n"
        "\r\n"
        "Follow us on Twitter\r\n"
    )
    blocks = list(segment(text))
    assert [b.index for b in blocks] == [0, 1, 2]
    assert [b.line for b in blocks] == [1, 4, 8]
    b0, b1, b2 = blocks
    assert text[b0.start : b0.end] == "Kyiv said 40 drones were shot down.\tMoscow denied it."
    assert [(text[s:e], ln) for s, e, ln in b0.sentences] == [
        ("Kyiv said 40 drones were shot down.", 1),
        ("Moscow denied it.", 1),
    ]
    assert [(text[s:e], ln) for s, e, ln in b1.sentences] == [
        ("The U.N. called for calm.", 4),
        ("Aid convoys\r\nwere delayed.", 5),
    ]
    assert b2.sentences == []
    assert [(text[s:e], ln, r) for s, e, ln, r in b2.skipped] == [("Follow us on Twitter", 8, "navigation")]
    for b in blocks:
        for s, e, ln in b.sentences:
            assert ln == line_of(text, s)


def test_lone_cr_and_lf_line_breaks() -> None:
    text = "First line.\rSecond line.\n\nThird paragraph.\r\rFourth paragraph."
    blocks = list(segment(text))
    assert [(text[b.start : b.end], b.line) for b in blocks] == [
        ("First line.\rSecond line.", 1),
        ("Third paragraph.", 4),
        ("Fourth paragraph.", 6),
    ]
    assert [ln for _, _, ln in blocks[0].sentences] == [1, 2]


def test_empty_text_gives_no_blocks() -> None:
    assert list(segment("")) == []
    assert list(segment(" \r\n\t\n  ")) == []


def test_segment_is_lazy() -> None:
    gen = segment("One.\n\nTwo.")
    assert inspect.isgenerator(gen)
    first = next(gen)
    assert isinstance(first, Block) and first.index == 0


def test_bulletin_paragraph() -> None:
    text = (
        "The UN human rights office (OHCHR) says it has counted 9,394 civilian casualties "
        "since Russia invaded Ukraine on February 24. Of that number the UN said 4,253 had been "
        "killed while 5,141 had been injured. According to the UN, 272 children were among the dead. "
        "The OHCHR said the real toll is likely to be far higher.\n"
        "\n"
        "Britain's Ministry of Defence said in a statement on Tuesday that Russia's wider plan is "
        "probably to cut off the Sievierodonetsk area. “Reports of heavy shelling near Izium suggest "
        "a renewed push on the northern axis,” the ministry said. Scholz said the leaders showed "
        "“unity in the face of Russia’s aggression.” The German chancellor spoke in Vilnius.\n"
        "\n"
        "\n"
        "For more news go to:\n"
        "Follow DW on social media:\n"
        "Für Videos in deutscher Sprache besuchen Sie:\n"
        "#Ukraine #Russia #NATO\n"
    )
    blocks = list(segment(text))
    assert len(blocks) == 3
    assert [text[s:e] for s, e, _ in blocks[0].sentences] == [
        "The UN human rights office (OHCHR) says it has counted 9,394 civilian casualties since "
        "Russia invaded Ukraine on February 24.",
        "Of that number the UN said 4,253 had been killed while 5,141 had been injured.",
        "According to the UN, 272 children were among the dead.",
        "The OHCHR said the real toll is likely to be far higher.",
    ]
    assert [text[s:e] for s, e, _ in blocks[1].sentences] == [
        "Britain's Ministry of Defence said in a statement on Tuesday that Russia's wider plan is "
        "probably to cut off the Sievierodonetsk area.",
        "“Reports of heavy shelling near Izium suggest a renewed push on the northern axis,” the ministry said.",
        "Scholz said the leaders showed “unity in the face of Russia’s aggression.”",
        "The German chancellor spoke in Vilnius.",
    ]
    assert blocks[2].sentences == []
    assert [(text[s:e], ln, r) for s, e, ln, r in blocks[2].skipped] == [
        ("For more news go to:", 6, "navigation"),
        ("Follow DW on social media:", 7, "navigation"),
        ("Für Videos in deutscher Sprache besuchen Sie:", 8, "foreign-language"),
        ("#Ukraine #Russia #NATO", 9, "hashtags"),
    ]


# ---------------------------------------------------------------------------
# Boilerplate
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "line, reason",
    [
        ("For more news go to:", "navigation"),
        ("Follow DW on social media:", "navigation"),
        ("Read more: Grain ships leave Odesa", "navigation"),
        ("Click here to watch the video", "navigation"),
        ("Subscribe to our newsletter", "form"),
        ("Share this article", "share"),
        ("Advertisement", "navigation"),
        ("Related:", "related"),
        ("Also on our website:", "navigation"),
        ("#Ukraine #Russia #NATO", "hashtags"),
        ("@newsdesk @un_news", "hashtags"),
        ("Für Videos in deutscher Sprache besuchen Sie:", "foreign-language"),
        ("Die Regierung hat am Montag neue Sanktionen beschlossen.", "foreign-language"),
        ("Le gouvernement a annoncé de nouvelles sanctions contre la Russie.", "foreign-language"),
        ("El gobierno anunció nuevas sanciones contra Rusia.", "foreign-language"),
        ("Правительство объявило о новых санкциях.", "foreign-language"),
        ("By Jane Smith", "byline"),
        ("By Jane Smith and John Doe, Reuters", "byline"),
        ("Reporting by Jane Smith; Editing by John Doe", "byline"),
        ("https://www.example.com/news/ukraine-1234", "url"),
        ("www.example.org", "url"),
        ("***", "empty-punctuation"),
        ("– – –", "empty-punctuation"),
    ],
)
def test_boilerplate_reason(line: str, reason: str) -> None:
    assert boilerplate_reason(line) == reason
    assert reason in REASONS


@pytest.mark.parametrize(
    "line",
    [
        "Zelenskyy said Ukraine would not give up any territory.",
        "Mevlut Cavusoglu met Sergei Lavrov in Antalya on March 10.",
        "The summit in Düsseldorf ended without a statement from Recep Tayyip Erdoğan.",
        "By Monday, Russian forces had pulled back from the city.",
        "(Reuters) - Russia said on Tuesday it had taken the town.",
        "Follow-up talks are planned for next week.",
        "He said:",
        "The chancellor set out the three conditions for a ceasefire that his government would accept at the talks:",
        "Advertisements for the bonds appeared in several newspapers on Monday.",
        "",
        "   ",
    ],
)
def test_not_boilerplate(line: str) -> None:
    assert boilerplate_reason(line) is None


def test_boilerplate_line_inside_paragraph_is_set_aside_whole() -> None:
    text = "Grain exports resumed on Monday.\n  Read more: What the deal means  \nThe first ship left Odesa."
    (block,) = segment(text)
    assert [text[s:e] for s, e, _ in block.sentences] == ["Grain exports resumed on Monday.", "The first ship left Odesa."]
    assert [(text[s:e], ln, r) for s, e, ln, r in block.skipped] == [("Read more: What the deal means", 2, "navigation")]


def test_dateline_is_part_of_the_sentence() -> None:
    text = "KYIV (Reuters) - Ukraine said on Friday it had repelled an attack. The claim could not be verified."
    assert seg_sents(text) == [
        "KYIV (Reuters) - Ukraine said on Friday it had repelled an attack.",
        "The claim could not be verified.",
    ]


def test_front_matter_key_value_lines() -> None:
    text = "title: Ukraine update\npublished: 2022-06-14\npublisher: Example News\n\nThe UN said 10 people died."
    blocks = list(segment(text))
    assert [(text[s:e], ln, r) for s, e, ln, r in blocks[0].skipped] == [
        ("title: Ukraine update", 1, "front-matter"),
        ("published: 2022-06-14", 2, "front-matter"),
        ("publisher: Example News", 3, "front-matter"),
    ]
    assert blocks[0].sentences == []
    assert seg_sents(text) == ["The UN said 10 people died."]


def test_front_matter_yaml_block() -> None:
    text = "---\ntitle: Kyiv update\ntags: [ukraine]\n---\nThe mayor said power was restored."
    (block,) = segment(text)
    assert [(text[s:e], r) for s, e, _, r in block.skipped] == [
        ("---", "front-matter"),
        ("title: Kyiv update", "front-matter"),
        ("tags: [ukraine]", "front-matter"),
        ("---", "front-matter"),
    ]
    assert [(text[s:e], ln) for s, e, ln in block.sentences] == [("The mayor said power was restored.", 5)]


def test_key_value_line_later_in_document_is_not_front_matter() -> None:
    text = "The mayor spoke first.\n\nsource: city hall"
    assert skipped(text) == []
    assert seg_sents(text) == ["The mayor spoke first.", "source: city hall"]


# ---------------------------------------------------------------------------
# Properties
# ---------------------------------------------------------------------------

_WORDS = [
    "The", "minister", "said", "Mr.", "Dr.", "U.S.", "Inc.", "a.m.", "e.g.", "No.", "J.", "4.2",
    "$3.5", "9,394", "...", "…", "“we", "ready.”", "\"Why?\"", "he", "asked.", "(Reuters)", "-",
    "#Ukraine", "https://example.com", "By", "Jane", "Für", "Sie:", "***", "---", "title:",
    "Read", "more:", "?", "!", ".", "Ж", "ß", "'", "’", ")", "(", "[1]", "1.", "A.",
]
_SEPS = [" ", "  ", "\n", "\r\n", "\r", "\n\n", "\r\n\r\n", "\t", "\u00a0", " \n \n", "\u2028", ""]

texts = st.one_of(
    st.text(alphabet=st.sampled_from(list("ab .!?…\"'“”’()[]:#@-\n\r\t\u00a0xY1")), max_size=120),
    st.lists(st.tuples(st.sampled_from(_WORDS), st.sampled_from(_SEPS)), max_size=40).map(
        lambda parts: "".join(w + s for w, s in parts)
    ),
    st.text(max_size=80),
)


@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(texts)
def test_segment_properties(text: str) -> None:
    blocks = list(segment(text))
    assert [b.index for b in blocks] == list(range(len(blocks)))
    prev_end = 0
    covered: list[tuple[int, int]] = []
    for b in blocks:
        assert prev_end <= b.start < b.end <= len(text)
        assert text[b.start : b.end] == text[b.start : b.end].strip()
        assert b.line == line_of(text, b.start)
        prev_end = b.end
        items = [(s, e, ln) for s, e, ln in b.sentences] + [(s, e, ln) for s, e, ln, _ in b.skipped]
        assert items, "a block is never empty"
        for s, e, ln in items:
            assert b.start <= s < e <= b.end
            span = text[s:e]
            assert span and span == span.strip()
            assert ln == line_of(text, s)
        ordered = sorted(items)
        for (s1, e1, _), (s2, _, _) in zip(ordered, ordered[1:]):
            assert e1 <= s2, "spans overlap"
        sent_starts = [s for s, _, _ in b.sentences]
        assert sent_starts == sorted(sent_starts)
        for _, _, _, reason in b.skipped:
            assert reason in REASONS
        covered.extend((s, e) for s, e, _ in items)
    # nothing is silently dropped: every non-space character is in a sentence or a skipped line
    mask = [False] * len(text)
    for s, e in covered:
        for i in range(s, e):
            mask[i] = True
    assert all(mask[i] for i, c in enumerate(text) if not c.isspace())


@settings(max_examples=300, deadline=None)
@given(texts)
def test_split_sentences_properties(text: str) -> None:
    spans = split_sentences(text)
    prev = 0
    for s, e in spans:
        assert prev <= s < e <= len(text)
        assert text[s:e] == text[s:e].strip()
        prev = e
    # the spans hold every non-space character of the text, in order
    assert "".join("".join(text[s:e].split()) for s, e in spans) == "".join(text.split())
