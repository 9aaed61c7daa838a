"""The word aligner's set lookup of lexicon stems agrees with ar_matches, stem by stem."""

from __future__ import annotations

import json
from pathlib import Path

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


def test_list_items_placed_by_their_commas() -> None:
    # "umbrellas" has no lexicon anchor; the commas put it in the list's second item, not on the
    # unanchored «والسلع» that interpolation reaches
    ar = "وقال إن هناك طلبا على سلع أخرى، بما في ذلك القبعات، والمظلات، والسلع المجففة، وغسل الأطباق، والأرز."
    en = "He said there is demand for other goods, including hats, umbrellas, dried goods, washing dishes, and rice."
    i = en.index("umbrellas")
    span = locate_words(ar, en, i, i + len("umbrellas"))
    assert span is not None and ar[span[0]:span[1]] == "والمظلات"


def test_calendar_words_anchor() -> None:
    # a weekday the lexicon does not list still anchors to its Arabic name (article and clitics off)
    ar = "منتج أقلام ملونة مُعاد تصنيعها الذي يبيع فرحا قال أنه يوم الخميس الماضي نفد منه الورق"
    en = "A recycled colored pencil maker which sells joy said that last Thursday the paper ran out from it"
    i = en.index("Thursday")
    span = locate_words(ar, en, i, i + len("Thursday"))
    assert span is not None and ar[span[0]:span[1]] == "الخميس"
