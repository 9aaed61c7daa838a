"""Text layer: normalisation, sentence splitting and tokenisation keep offsets on the original."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mtqa.text import fold_en, normalize_ar, normalize_digits, split_sentences, strip_clitics, tokenize
from mtqa.text.normalize import normalize_with_offsets
from mtqa.text.split import count_utterances


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("أحمد", "احمد"),
        ("إسرائيل", "اسراييل"),
        ("آلاف", "الاف"),
        ("مستشفى", "مستشفي"),
        ("مدرسة", "مدرسه"),
        ("مسؤول", "مسوول"),
        ("الـــناتو", "الناتو"),
        ("مُحَمَّدٌ", "محمد"),
        ("٢٠٢٤", "2024"),
        ("۱۲۳", "123"),
        ("٣٫٥٪", "3.5%"),
        ("ﻻ", "لا"),  # presentation form → base letters (NFKC)
        ("ﺑ\ufe76ﺎﺏ", "باب"),  # a haraka's isolated form is dropped, not turned into a space and a haraka
    ],
)
def test_normalize_ar(raw: str, expected: str) -> None:
    assert normalize_ar(raw) == expected


def test_normalize_digits_keeps_letters() -> None:
    assert normalize_digits("رفع ٢١٫٢٥%") == "رفع 21.25%"


def test_normalize_with_offsets_maps_back() -> None:
    text = "أَهْلاً بالـعالم"
    norm, index = normalize_with_offsets(text)
    assert norm == normalize_ar(text)
    pos = norm.index("العالم")
    start, end = index[pos], index[pos + len("العالم")]
    assert normalize_ar(text[start:end]) == "العالم"


@pytest.mark.parametrize(
    ("word", "stem"),
    [("والحكومه", "حكومه"), ("بالمدرسه", "مدرسه"), ("للحكومه", "حكومه"), ("وزير", "وزير"), ("فالقرار", "قرار")],
)
def test_strip_clitics(word: str, stem: str) -> None:
    cands = strip_clitics(word)
    assert cands[0] == word
    assert stem in cands


def test_strip_clitics_keeps_short_words() -> None:
    assert strip_clitics("بل") == ["بل"]


@pytest.mark.parametrize(("a", "b"), [("defence", "defense"), ("organised", "organized"), ("centre", "center"),
                                      ("ministers", "minister"), ("countries", "country"), ("Talks", "talk")])
def test_fold_en_variants(a: str, b: str) -> None:
    assert fold_en(a) == fold_en(b)


AR_PARAGRAPH = "قال د. أحمد: إن الاجتماع، الذي عقد أمس، كان ناجحاً. وأضاف «هل سنلتقي؟» ثم غادر! هذا ٣٫٥% فقط."


def test_split_arabic_keeps_abbreviation_colon_and_comma() -> None:
    sents = split_sentences(AR_PARAGRAPH, "ar")
    assert [s.text for s in sents] == [
        "قال د. أحمد: إن الاجتماع، الذي عقد أمس، كان ناجحاً.",
        "وأضاف «هل سنلتقي؟»",
        "ثم غادر!",
        "هذا ٣٫٥% فقط.",
    ]
    for s in sents:
        assert AR_PARAGRAPH[s.start:s.end] == s.text


def test_split_arabic_question_mark_and_semicolon() -> None:
    line = "هل انتهى الاجتماع؟ نعم؛ انتهى مساء أمس."
    assert [s.text for s in split_sentences(line, "ar")] == ["هل انتهى الاجتماع؟", "نعم؛ انتهى مساء أمس."]


def test_split_english_abbreviations_and_quotes() -> None:
    line = 'Mr. Smith met U.S. officials on Thursday. "We agree," he said. Prices rose 3.5% in Jan. and fell.'
    assert [s.text for s in split_sentences(line, "en")] == [
        "Mr. Smith met U.S. officials on Thursday.",
        '"We agree," he said.',
        "Prices rose 3.5% in Jan. and fell.",
    ]


@pytest.mark.parametrize(("line", "lang", "sentences"), [
    # a list marker opens the sentence after it, in both languages and scripts
    ("1. قال الوزير إن الحكومة ستتدخل. 2. وأضاف أن الوضع صعب.", "ar",
     ["1. قال الوزير إن الحكومة ستتدخل.", "2. وأضاف أن الوضع صعب."]),
    ("أ. قال الوزير. ب. وأضاف أن الوضع صعب.", "ar", ["أ. قال الوزير.", "ب. وأضاف أن الوضع صعب."]),
    ("1. The minister spoke. 2. He left.", "en", ["1. The minister spoke.", "2. He left."]),
    # a stop or question mark inside a web address ends nothing; a stop with no space after it in
    # running text still does (copy that lost a space)
    ("راجع https://t.co/ab.Cd?x=1. قال الوزير.", "ar", ["راجع https://t.co/ab.Cd?x=1.", "قال الوزير."]),
    ("See www.example.com/a.B?c=1 for more. He left.", "en", ["See www.example.com/a.B?c=1 for more.", "He left."]),
    ("The prognosis was poor.Autopsies found damage.", "en", ["The prognosis was poor.", "Autopsies found damage."]),
    # a number that ends a sentence is no list marker
    ("He scored 2. Then he left.", "en", ["He scored 2.", "Then he left."]),
])
def test_split_list_markers_and_web_addresses(line: str, lang: str, sentences: list[str]) -> None:
    got = split_sentences(line, lang)
    assert [s.text for s in got] == sentences
    assert all(line[s.start:s.end] == s.text for s in got)


def test_presentation_forms_are_arabic_letters() -> None:
    # text copied out of a PDF: contextual forms and the lam-alef ligature, one code point each
    text = "ﻭﻗﺎﻝ ﻻ ﻳﺰﺍﻝ"
    assert [(t.kind, t.start, t.end) for t in tokenize(text)] == [("ar", 0, 4), ("ar", 5, 6), ("ar", 7, 11)]
    assert [normalize_ar(t.text) for t in tokenize(text)] == ["وقال", "لا", "يزال"]


def test_tokenize_offsets_and_kinds() -> None:
    text = "رفع 25.21% يوم الثلاثاء (KFOR) -Combat ٣٫٥"
    toks = tokenize(text)
    assert all(text[t.start:t.end] == t.text for t in toks)
    kinds = {t.text: t.kind for t in toks}
    assert kinds["25.21"] == "num" and kinds["٣٫٥"] == "num"
    assert kinds["KFOR"] == "lat" and kinds["الثلاثاء"] == "ar" and kinds["%"] == "punct"


_TEXT = st.text(
    alphabet=st.sampled_from(list("ابتثجحخدذرسشصضطظعغفقكلمنهويءأإآةىـًٌٍَُِّْ٠١٢٣٤٥٦٧٨٩0123456789 .،؛؟!:«»\"'()-abcXYZ\u200f\u202e😀")),
    max_size=120,
)


@settings(max_examples=300, deadline=None)
@given(_TEXT)
def test_offsets_always_slice_the_original(line: str) -> None:
    for lang in ("ar", "en"):
        for s in split_sentences(line, lang):
            assert line[s.start:s.end] == s.text and s.text.strip() == s.text
    for t in tokenize(line):
        assert line[t.start:t.end] == t.text
    norm, index = normalize_with_offsets(line)
    assert len(index) == len(norm) + 1
    assert all(0 <= i <= len(line) for i in index)


@pytest.mark.parametrize(("text", "count"), [
    ("A single sentence.", 1),
    ("“It is late. We should go home.”", 2),  # split_sentences keeps the quotation whole
    ("Yes…we left early.", 2),
    ("Well... maybe. we will see", 3),  # a transcript: lowercase after the stop
    ("The U.S. envoy met Mr. Smith and J. Doe on Friday.", 1),  # abbreviations and initials
    ("It rose 3.5 per cent. Prices fell!", 2),
])
def test_count_utterances(text: str, count: int) -> None:
    assert count_utterances(text) == count
    assert len(split_sentences(text, "en")) <= count
