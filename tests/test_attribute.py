"""Attribution patterns, one test each, on our own news-style sentences."""

from __future__ import annotations

import pytest

from claims.attribute import Attributor, SentenceIn
from claims.models import Mode
from claims.plugins.default_sources import load_builtin_sources
from claims.sources import Registry, SourceDef, normalise, slugify


@pytest.fixture(scope="module")
def registry() -> Registry:
    return Registry([SourceDef(id=k, **v) for k, v in load_builtin_sources().items()])


def run(registry, *paragraphs: str):
    """Attribute sentences given as paragraphs (lists of sentences); returns sources in order."""
    att = Attributor(registry)
    out = []
    pos = 0
    for p, sentences in enumerate(paragraphs):
        for s in sentences if isinstance(sentences, (list, tuple)) else [sentences]:
            out.append(att.attribute(SentenceIn(s, pos, p)))
            pos += len(s) + 1
    return out


def ids(sources):
    return [s.id if s else None for s in sources]


def test_leading_said_that(registry):
    [s] = run(registry, "The UN human rights office said on Monday that it had recorded 10,120 civilian casualties.")
    assert (s.id, s.cue, s.mode) == ("un-ohchr", "said", Mode.indirect)
    assert s.mention == "The UN human rights office"
    assert s.mention_start == 0 and s.mention_end == len("The UN human rights office")


def test_trailing_said_in_a_statement(registry):
    text = "Russia's offensive is likely to stall within weeks, Britain's Ministry of Defense said in a statement on Tuesday."
    [s] = run(registry, text)
    assert (s.id, s.name, s.cue, s.mode) == ("uk-mod", "UK Ministry of Defence", "said", Mode.indirect)
    assert text[s.mention_start:s.mention_end] == "Britain's Ministry of Defense"


def test_en_gb_and_en_us_spellings_are_one_source(registry):
    a = run(registry, "The British Defence Ministry said the bridge was destroyed.")[0]
    b = run(registry, "The UK Ministry of Defense said the bridge was destroyed.")[0]
    c = run(registry, "Britain's MoD said the bridge was destroyed.")[0]
    assert a.id == b.id == c.id == "uk-mod"


def test_according_to_leading_and_trailing(registry):
    s1, s2 = run(registry, ["According to the OHCHR, 140 children have been injured.",
                            "Most of them were hit by shelling, according to the office."])
    assert (s1.id, s1.cue, s1.mode) == ("un-ohchr", "according to", Mode.according_to)
    assert (s2.id, s2.mode) == ("un-ohchr", Mode.according_to)


def test_according_to_without_comma(registry):
    [s] = run(registry, "According to the UN statement 118 children were among those killed.")
    assert s.id == "un" or s.id == "un-ohchr"
    assert s.mention == "the UN statement"


def test_quote_then_the_ministry_said(registry):
    [_, s] = run(registry, ["Britain's Defence Ministry published its daily update.",
                            "“Moscow has likely run short of precision munitions,” the ministry said."])
    assert (s.id, s.mode, s.cue) == ("uk-mod", Mode.direct_quote, "said")
    assert s.mention == "the ministry"


def test_inverted_said_the_ministry(registry):
    [s] = run(registry, "“The strikes will continue,” said the Russian Defence Ministry.")
    assert s.id == "russia-mod" and s.mode == Mode.direct_quote


def test_appositive_title_and_told_that(registry):
    [s] = run(registry, "In a call on Friday, Russian President Vladimir Putin told French President Emmanuel Macron that "
                        "exports could resume.")
    assert (s.id, s.cue, s.mode) == ("vladimir-putin", "told", Mode.indirect)
    assert s.mention == "Russian President Vladimir Putin"


def test_unknown_speaker_gets_stable_id_and_title_coreference(registry):
    s1, s2 = run(registry, ["Moldovan Foreign Minister Ana Ionescu said the border would stay open.",
                            "The foreign minister added that 4,000 refugees had crossed on Sunday."])
    assert s1.id == "ana-ionescu" and s1.name == "Ana Ionescu"
    assert s2.id == "ana-ionescu" and s2.cue == "added"
    assert slugify("Ana Ionescu") == "ana-ionescu"


def test_coreference_the_german_chancellor_and_pronoun(registry):
    got = run(registry, ["German Chancellor Olaf Scholz travelled to Riga on Tuesday.",
                         "The German chancellor said “we stand with our allies.”",
                         "He added that more troops would follow."])
    assert ids(got) == [None, "olaf-scholz", "olaf-scholz"]
    assert got[1].mode == Mode.direct_quote and got[2].mode == Mode.indirect


def test_the_un_resolves_to_the_un_body_named_before(registry):
    got = run(registry, ["The Office of the UN High Commissioner for Human Rights (OHCHR) has recorded 8,000 civilian casualties.",
                         "Of that number the UN said 3,100 had been killed.",
                         "The OHCHR said the true figure is likely higher."])
    assert ids(got) == ["un-ohchr", "un-ohchr", "un-ohchr"]
    assert got[0].cue == "recorded"
    assert got[0].mention.startswith("The Office of the UN High Commissioner")


def test_the_statement_said_refers_to_its_issuer(registry):
    got = run(registry, ["Russian troops are likely to regroup, Britain's Ministry of Defence said in a statement.",
                         "Ukrainian units have retaken two villages, the statement said."])
    assert ids(got) == ["uk-mod", "uk-mod"]


def test_continued_quote_carries_the_source(registry):
    got = run(registry, ["“Reports of fighting near the river suggest a new push,” the ministry said after "
                         "Britain's Defence Ministry briefing.",
                         "“Russia will almost certainly need more troops.”"])
    assert got[1] is not None and got[1].id == got[0].id and got[1].mode == Mode.continued


def test_continued_does_not_cross_paragraphs(registry):
    got = run(registry, ["“We are ready,” Scholz said."], ["“Talks resume on Monday.”"])
    assert got[0].id == "olaf-scholz" and got[1] is None


def test_mentioned_organisation_is_not_the_source(registry):
    got = run(registry, ["At the request of the United Nations, Turkey has offered to escort grain ships.",
                         "Lavrov arrived in Ankara after meeting NATO officials in Brussels.",
                         "This is the first time Scholz has visited Vilnius since the war began."])
    assert ids(got) == [None, None, None]


def test_verb_inside_a_quote_is_not_a_cue(registry):
    [s] = run(registry, "“He said nothing new,” a diplomat told Reuters.")
    assert s is not None and s.id == "diplomat" and s.kind == "group"


def test_coordinated_verb_uses_the_clause_subject(registry):
    got = run(registry, ["German Chancellor Olaf Scholz arrived in Vilnius.",
                         "The German chancellor toured the base and said “our commitment is firm.”"])
    assert got[1].id == "olaf-scholz" and got[1].mode == Mode.direct_quote


def test_possessive_office(registry):
    [s] = run(registry, "Ukraine's prosecutor general's office said that 320 children had been killed.")
    assert s.id == "ukraine-prosecutor-general"


def test_spokesman_for_an_organisation(registry):
    [s] = run(registry, "A spokesman for the Pentagon said the shipment had arrived.")
    assert s.id == "us-dod"


def test_passive_reported_is_not_attribution(registry):
    [s] = run(registry, "Heavy fighting was reported near Izium on Sunday.")
    assert s is None


def test_plugin_registered_source_and_config_alias(registry):
    reg = Registry(list(registry))
    reg.add(SourceDef(id="kyiv-city-admin", name="Kyiv City Military Administration",
                      aliases=["Kyiv city administration"], nouns=["administration"]))
    got = run(reg, ["The Kyiv city administration said three people were injured.",
                    "The administration added that power had been restored."])
    assert ids(got) == ["kyiv-city-admin", "kyiv-city-admin"]


def test_normalise_folds_variants():
    assert normalise("Britain’s Ministry of Defense") == normalise("UK Defence Ministry") == "uk ministry defence"
    assert normalise("the U.N.") == "un"


def test_capitalised_common_noun_and_lower_case_acronym(registry):
    s1, s2 = run(registry, ["Officials said 40 people were evacuated.",
                            "An official who asked not to be named said the convoy had turned back."])
    assert (s1.id, s1.kind) == ("officials", "group")
    assert s2 is not None and s2.id != "who"
    [s3] = run(registry, "The WHO said 12 hospitals had been damaged.")
    assert s3.id == "who"


def test_plural_nouns_days_and_adjuncts_are_not_speakers(registry):
    got = run(registry, ["That makes 30 states with new restrictions.",
                         "Having announced the ceasefire, the army withdrew.",
                         "A residents' group asked for more shelters.",
                         "A spokesman quoted Wednesday said 14 bridges were damaged."])
    assert [s.id if s else None for s in got[:3]] == [None, None, None]
    assert got[3] is not None and got[3].mention == "A spokesman"


def test_time_adjunct_between_speaker_and_verb(registry):
    [s] = run(registry, "The Russian Defence Ministry on Tuesday said its forces had taken two villages.")
    assert s.id == "russia-mod" and s.mention == "The Russian Defence Ministry"


def test_said_on_a_platform_is_not_an_inverted_speaker(registry):
    [s] = run(registry, "Zelenskyy, in a video address, said on Telegram that the city would hold.")
    assert s is None or s.id == "volodymyr-zelenskyy"


# The plain form of ``claims.cues._TOKEN``, which is written for speed.
_PLAIN_TOKEN = (r"[A-Za-z0-9][\w.'’&-]*[\w]|[A-Za-z0-9]|[“”\"«»„]|(?<![A-Za-z])‘|’(?![A-Za-z])|"
                r"(?<![A-Za-z])'|'(?![A-Za-z])|\([A-Z][A-Za-z.]{1,10}\)|[,;:—–()!?.]")


def test_tokens_are_those_of_the_plain_pattern():
    import random
    import re

    from claims.attribute import _tokens
    plain = re.compile(_PLAIN_TOKEN)
    rng = random.Random(7)
    alphabet = "aZ9é_ -.'’‘&\"“”«»„(),;:—–!?xY"
    for _ in range(20000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 14)))
        start = rng.choice([0, text.find(" ") + 1])
        end = rng.randint(start, len(text))
        found = list(plain.finditer(text, start, end))
        assert tuple(_tokens(text, start, end)) == (
            [m.group() for m in found], [m.group().lower() for m in found],
            [m.start() for m in found], [m.end() for m in found]), (text, start, end)


def test_cue_window_spans_every_reporting_verb():
    import random

    from claims.attribute import _cue_window
    from claims.cues import _CUE_RE, PARTICIPLES
    rng = random.Random(3)
    words = ["said", "saying", "says", "unsaid", "Said", "the", "x" * 150, "-said", "told.", "warned,", "a",
             "éditions", "said’s", "“told"]
    for _ in range(5000):
        text = " ".join(rng.choice(words) for _ in range(rng.randint(0, 8)))
        cues = list(_CUE_RE.finditer(text))
        if not cues:
            continue
        lo = 0 if any(m.group() in PARTICIPLES for m in cues) else max(0, cues[0].start() - 140)
        lo = text.find(" ", lo) + 1 if lo else 0
        assert _cue_window(text, text.rstrip()[-1:]) == (lo, min(len(text), cues[-1].end() + 80)), text


def test_title_words_are_found_in_the_capitalised_phrases():
    """``_scan_mentions`` looks for title words in the ``_CAPSEQ`` phrases instead of the text,
    and ``_CAPSEQ`` (written with possessive runs) finds what its plain form finds."""
    import random
    import re

    from claims.cues import _CAPSEQ, _TITLE_CUE_RE
    plain = re.compile(_CAPSEQ.pattern.replace("*+", "*").replace("++", "+"))
    rng = random.Random(5)
    parts = ["Mr", "Mr.", "Dr", "Gen.", "Gen", "President", "Presidents", "Vice", "of", "the", "(UN)", "(Un",
             "O'", "-", ".", " ", "  ", "x", "said", "Kyiv", "McDonald", "\n", "Lady", "Ladybird", "SEN"]
    for _ in range(20000):
        text = "".join(rng.choice(parts) for _ in range(rng.randint(0, 8)))
        phrases = _CAPSEQ.findall(text)
        assert phrases == plain.findall(text), text
        assert (_TITLE_CUE_RE.search(text) is None) == (_TITLE_CUE_RE.search(" ".join(phrases)) is None), text


def test_it_is_the_singular_group_that_spoke_before(registry):
    srcs = run(registry, ["Of 52 drones launched overnight, 41 were shot down, the air force said in a statement.",
                          "Seven more were lost to jamming, it added."],
               ["Local officials said a school was hit.", "It was the second strike this week, they said."])
    assert [(s.name, s.mention) for s in srcs] == [("the air force", "the air force"), ("the air force", "it"),
                                                   ("Local officials", "Local officials"), ("Local officials", "they")]


def test_lower_case_words_before_a_known_noun_are_part_of_its_phrase(registry):
    s, cont = run(registry, ["The UN human rights monitoring mission said it had verified 9,012 civilian casualties.",
                             "Of those, 3,310 people were killed and 5,702 were injured, it said."])
    assert s.mention == "The UN human rights monitoring mission" and s.id == "un-ohchr"
    assert cont.id == "un-ohchr" and cont.mention == "it"


def test_a_breakdown_of_the_figures_before_continues_their_source(registry):
    total, part, other = run(registry, ["The UN said it had recorded 2,100 civilian casualties in May.",
                                        "Of those, 610 were killed and 1,490 injured."],
                             ["Of those displaced, most went west."])
    assert total.id == "un" and (part.id, part.mode) == ("un", Mode.continued)
    assert other is None  # another paragraph: the publisher's own words


def test_titled_names_are_read_where_there_is_a_title_word():
    """``_TITLE_NAME`` matches only around a ``_TITLE_CUE_RE`` match, within one ``_CAPSEQ`` phrase."""
    import random

    from claims.attribute import _titled_name
    from claims.cues import _CAPSEQ, _TITLE_CUE_RE, _TITLE_NAME
    rng = random.Random(4)
    parts = ["President ", "Prime Minister ", "Mr. ", "Mr ", "Dr ", "Gen. ", "U.S. ", "UN ", "Ukrainian ", "John ",
             "Secretary-General ", "R. ", "Smith", "O'Brien ", "xPresident ", "of ", "the ", "said ", ", ", ".",
             "(AP) ", "General ", "  ", "\n", "Lady ", "Ladybird ", "Sen. ", "McDonald "]
    for _ in range(30000):
        text = "".join(rng.choice(parts) for _ in range(rng.randint(0, 9)))
        plain = _TITLE_NAME.search(text)
        found = _titled_name(text)
        assert (plain and plain.groupdict()) == (found and found.groupdict()), text
        assert [m.groupdict() for m in _TITLE_NAME.finditer(text)] == [
            m.groupdict() for p in _CAPSEQ.finditer(text) if _TITLE_CUE_RE.search(p.group())
            for m in _TITLE_NAME.finditer(text, p.start(), p.end())], text
