"""The extraction stages are plugins: a plugin replaces one stage through its factory hook."""

from __future__ import annotations

import re

import pytest

from claims import Hedge, Mode, Quantity, hookimpl
from claims.models import DateMention, Source
from claims.testing import check_stage_plugin

TEXT = ("Russian forces shelled Kharkiv overnight, the regional governor, Oleh Synyehubov, said.\n\n"
        "Mariana Petrenko told reporters 14 people were wounded.\n")


class KeywordAttributor:
    """A stand-in for a model-based attributor: the capitalised pair before 'told'."""

    def __init__(self, registry):
        self.registry = registry
        self.sentences = 0

    def attribute(self, sentence):
        self.sentences += 1
        m = re.search(r"([A-Z]\w+ [A-Z]\w+) told", sentence.text)
        if not m:
            return None
        start = sentence.start + m.start(1)
        return Source(id="model-" + m.group(1).lower().replace(" ", "-"), name=m.group(1), mention=m.group(1),
                      mention_start=start, mention_end=start + len(m.group(1)), cue="told", mode=Mode.indirect,
                      kind="person")


class ModelStages:
    made: list = []

    @hookimpl
    def make_attributor(self, registry, settings):
        att = KeywordAttributor(registry)
        self.made.append(att)
        return att


def test_a_plugin_replaces_the_built_in_attributor(claims_run):
    stages = ModelStages()
    doc = claims_run(TEXT, plugins=[stages])
    assert doc.sources() == [None, "model-mariana-petrenko"]  # the built-in would find the governor
    assert len(stages.made) == 1 and stages.made[0].sentences == 2  # made once per document
    assert doc.claims[1].quantities[0].value == 14  # the other stages are still the built-ins
    check_stage_plugin(stages, TEXT)


def test_without_a_replacement_the_built_in_attributes(claims_run):
    assert claims_run(TEXT).sources()[0] == "oleh-synyehubov"
    assert claims_run(TEXT, disable=["attributor"]).sources() == [None, None]


class ModelExtractors:
    @hookimpl
    def make_quantity_extractor(self):
        def extract(text, offset):
            return [Quantity(value=float(m.group()), text=m.group(), start=offset + m.start(), end=offset + m.end())
                    for m in re.finditer(r"\d+", text)]
        return extract

    @hookimpl
    def make_date_extractor(self, settings):
        return lambda text, offset, published: [
            DateMention(text="overnight", start=offset + i, end=offset + i + 9, date=published and published.isoformat())
            for i in [text.find("overnight")] if i >= 0]

    @hookimpl
    def make_hedge_finder(self, settings):
        return lambda text, offset: [Hedge(cue="told", start=offset + i, end=offset + i + 4, kind="evidential")
                                     for i in [text.find("told")] if i >= 0]


def test_plugins_replace_quantities_dates_and_hedges(claims_run):
    doc = claims_run(TEXT, plugins=[ModelExtractors()], published="2026-03-02")
    assert [d.date for d in doc.claims[0].dates] == ["2026-03-02"]
    assert [h.cue for h in doc.claims[1].hedges] == ["told"]
    assert [q.text for q in doc.claims[1].quantities] == ["14"]
    check_stage_plugin(ModelExtractors(), TEXT, published="2026-03-02")


def test_the_kit_catches_a_stage_that_forgets_the_offset():
    class NoOffset:
        @hookimpl
        def make_quantity_extractor(self):
            return lambda text, offset: [Quantity(value=1, text=m.group(), start=m.start(), end=m.end())
                                         for m in re.finditer(r"\d+", text)]

    with pytest.raises(AssertionError, match="outside sentence"):
        check_stage_plugin(NoOffset())


def test_the_kit_catches_a_mention_that_is_not_in_the_text():
    class Wrong(KeywordAttributor):
        def attribute(self, sentence):
            return Source(id="x", name="X", mention="X", mention_start=sentence.start, mention_end=sentence.start + 1,
                          mode=Mode.indirect)

    class Stage:
        @hookimpl
        def make_attributor(self, registry):
            return Wrong(registry)

    with pytest.raises(AssertionError, match="is not the text at its offsets"):
        check_stage_plugin(Stage())


def test_the_guides_stage_plugin_replaces_the_attributor(claims_run, tmp_path):
    from pathlib import Path

    from claims.plugin_manager import _load_file

    guide = (Path(__file__).resolve().parent.parent / "docs" / "plugins" / "writing.md").read_text("utf-8")
    code = guide.split('```python title="house_attributor.py"\n', 1)[1].split("```", 1)[0]
    (tmp_path / "house_attributor.py").write_text(code, "utf-8")
    plugin = _load_file(tmp_path / "house_attributor.py")
    text = "“The bridge is down,” said our correspondent. “The bridge is down,” said the regional governor."
    assert claims_run(text).sources() == ["correspondent", "regional-governor"]
    assert claims_run(text, plugins=[plugin]).sources() == [None, "regional-governor"]
    check_stage_plugin(plugin, text)
