"""The word aligner's set lookup of lexicon stems agrees with ar_matches, stem by stem."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mtqa.text.tokenize import tokenize
from mtqa.wordalign import ar_matches, ar_stems_matched, lexicon, locate_words

DATA = Path(__file__).resolve().parent.parent / "benchmarks" / "data"


def test_every_lexicon_stem_against_every_benchmark_word() -> None:
    words = {t.text for path in sorted(DATA.glob("*/*.json"))
             for text in json.loads(path.read_text("utf-8"))["mt_ar"] for t in tokenize(text) if t.kind == "ar"}
    stems = {s for renderings in lexicon().values() for s in renderings}
    assert len(words) > 500 and len(stems) > 500
    for word in words:
        matched = ar_stems_matched(word)
        assert {s for s in stems if ar_matches(s, word)} == {s for s in stems if s in matched}, word


@settings(max_examples=300, deadline=None)
@given(stem=st.text(alphabet="وفبلكاسمن", max_size=8), word=st.text(alphabet="وفبلكاسمنيه", min_size=1, max_size=10))
def test_short_and_clitic_heavy_forms(stem: str, word: str) -> None:
    assert ar_matches(stem, word) == (stem in ar_stems_matched(word))


@pytest.mark.parametrize(("ar", "en", "word", "expected"), [
    # "lanterns" has no lexicon anchor; the commas put it in the list's second item, not on the
    # unanchored «والتوابل» that interpolation reaches
    ("وقالت إن السوق تعرض بضائع كثيرة، مثل السجاد، والفوانيس، والتوابل المطحونة، والصابون، والتمر.",
     "She said the market offers many goods, such as carpets, lanterns, ground spices, soap, and dates.",
     "lanterns", "والفوانيس"),
    # a weekday the lexicon does not list still anchors to its Arabic name (article and clitics off)
    ("قالت الشركة إن المصنع توقف عن العمل يوم الأربعاء الماضي بسبب عطل في الكهرباء",
     "The company said the factory stopped working last Wednesday because of a power fault",
     "Wednesday", "الأربعاء"),
])
def test_words_without_a_lexicon_anchor_are_placed(ar: str, en: str, word: str, expected: str) -> None:
    # invented sentences
    i = en.index(word)
    span = locate_words(ar, en, i, i + len(word))
    assert span is not None and ar[span[0]:span[1]] == expected
