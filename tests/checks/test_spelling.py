"""Spelling: words run together, transliterations, garbled words (hand-made cases)."""

from __future__ import annotations

import pytest

import mtqa
from mtqa.checks.spelling import closest_frequent, letter_slip, split_run_on

CFG = mtqa.Config(use_model=False, cache=False)


def _flags(target: str, source: str | None = None) -> list[tuple[str, str, str | None]]:
    report = mtqa.check(target=[target], source=[source] if source else None, config=CFG)
    return [(f.rule, f.text, f.evidence.get("signal")) for f in report.iter_flags()
            if f.rule in ("non-word", "missing-space")]


@pytest.mark.parametrize(("word", "pieces"), [
    ("قالتالشركة", ("قالت", "الشركة")),
    ("البلدانالنامية", ("البلدان", "النامية")),
    ("باسمالكرملين", ("باسم", "الكرملين")),
    ("المدرسةجاءتنيطالبةوقالت", ("المدرسة", "جاءتني", "طالبة", "وقالت")),  # ة ends a piece
])
def test_run_on_words_split_into_common_words(word: str, pieces: tuple[str, ...]) -> None:
    assert split_run_on(word) == pieces


@pytest.mark.parametrize("word", [
    "الاتاحد",        # one transposition from «الاتحاد»: a garble, not «الات» + «احد»
    "الإنتربنكينغ",   # a loanword with an English ending, not three pieces
    "ويولبي",
])
def test_garbles_and_loanwords_are_not_split(word: str) -> None:
    assert split_run_on(word) is None


def test_closest_frequent_word_of_a_garble() -> None:
    assert closest_frequent("الاتاحد") == "الاتحاد"
    assert closest_frequent("قالتالشركة") is None


@pytest.mark.parametrize(("target", "source", "expected"), [
    ("وقال إنه يضمعددا من الخبراء.", "He said it includes a number of experts.",
     [("missing-space", "يضمعددا", "split")]),
    # a name written in Arabic letters is no misspelling, nor is a rare technical term
    ("وقال زفاربريك إن الفريق مستعد.", "Zvarbrik said the team was ready.", []),
    ("ويحلل إنزيم الليسوزيم جدار الخلية.", "The lysozyme enzyme breaks down the cell wall.", []),
    # a common English word transliterated instead of translated is untranslated copy
    ("وقال إن الإنفورسمنت يجب أن يكون أسرع.", "He said enforcement must be faster.",
     [("non-word", "الإنفورسمنت", "transliterated")]),
    # a garbled common word, with the word it most likely was
    ("وأعلن الاتاحد الأوروبي خطة جديدة.", "The European Union announced a new plan.",
     [("non-word", "الاتاحد", "near-miss")]),
    # a transliterated name with a letter its spelling does not call for (ص for s, ق for v)
    ("وقال زفاربريص إن الفريق مستعد.", "Zvarbris said the team was ready.",
     [("non-word", "زفاربريص", "unusual-letter")]),
    ("وقال زقاربرين إن الفريق مستعد.", "Zvarbrin said the team was ready.",
     [("non-word", "زقاربرين", "unusual-letter")]),
    # … while letters the spelling calls for are fine (th → ث, q → ق, sh → ش)
    ("وقال ثوربريك إن الفريق مستعد.", "Thorbrik said the team was ready.", []),
    ("وقال قوربريش إن الفريق مستعد.", "Quorbrish said the team was ready.", []),
    # a source name with accented letters is one word: ć is ch, written «تش»
    ("وقال بيلانوفيتش إن الفريق مستعد.", "Belanović said the team was ready.", []),
    # a slip of a name's usual spelling: «كينيا» renders "Kenya" better than «كيبيا» does
    ("وصل الوفد إلى كيبيا.", "The delegation arrived in Kenya.", [("non-word", "كيبيا", "near-miss")]),
    # a loose likeness to a common English word is no transliteration of it
    ("وقال إن مينيسبر سيجتمع بالوفد.", "He said the minister would meet the delegation.",
     [("non-word", "مينيسبر", "unknown")]),
])
def test_unknown_words_are_explained_before_they_are_reported(
        target: str, source: str, expected: list[tuple[str, str, str]]) -> None:
    assert _flags(target, source) == expected


def test_a_run_of_letters_longer_than_any_word_is_words_run_together() -> None:
    blob = "تعهدتكورياالشماليةفياجتماعمعمونهذاالشهربتفكيكموقع"
    assert _flags(f"وقال {blob} اليوم.", "He said so today.") == [("missing-space", blob, "run")]


def test_severity_follows_the_signal() -> None:
    report = mtqa.check(target=["وأعلن الاتاحد الأوروبي خطة جديدة.", "وقال إن الإنفورسمنت يجب أن يكون أسرع."],
                        source=["The European Union announced a new plan.", "He said enforcement must be faster."],
                        config=CFG)
    by_text = {f.text: f.severity for f in report.iter_flags() if f.rule == "non-word"}
    assert by_text == {"الاتاحد": "minor", "الإنفورسمنت": "major"}


@pytest.mark.parametrize(("target", "source", "split"), [
    # a verb and the source's name run together; the name ends like an English suffix («-ist»)
    ("وقد صرحهيرست بأن الاتفاق جيد.", "Hearst said the deal was good.", "صرح هيرست"),
    ("وقال وأضافبريست إن الاتفاق جيد.", "Priest said the deal was good.", "وأضاف بريست"),
    ("وقالسميث إن الاتفاق جيد.", "Smith said the deal was good.", "وقال سميث"),
])
def test_a_word_run_together_with_a_source_name_is_a_missing_space(target: str, source: str, split: str) -> None:
    report = mtqa.check(target=[target], source=[source], config=CFG)
    found = [(f.rule, f.severity, f.suggestion) for f in report.iter_flags() if f.rule in ("non-word", "missing-space")]
    assert found == [("missing-space", "minor", split)]


def test_a_name_alone_is_not_split_against_the_source() -> None:
    assert _flags("زار الوفد واشنطن وبكين أمس.", "The delegation visited Washington and Beijing yesterday.") == []


def test_a_name_rendered_better_than_its_frequent_neighbour_is_the_name(monkeypatch: pytest.MonkeyPatch) -> None:
    # An invented name whose frequent neighbour one letter away (stood in for here) renders it worse:
    # the word is the name written in Arabic letters, not a slip of the neighbour.
    from mtqa.checks import spelling
    from mtqa.lang.translit import similarity

    neighbour = "زفاربريد"
    assert similarity("Zvarbrik", neighbour) < similarity("Zvarbrik", "زفاربريك")
    monkeypatch.setattr(spelling, "closest_frequent", lambda word, **_: neighbour if "زفاربريك" in word else None)
    assert _flags("وقال زفاربريك إن الفريق مستعد.", "Zvarbrik said the team was ready.") == []


@pytest.mark.parametrize(("target", "source", "expected"), [
    # one English name written as two Arabic words: neither half is a misspelling
    ("اصطف المتسوقون خارج متاجر كول مارثز يوم الأحد.", "Shoppers queued outside Coolmarths stores on Sunday.", []),
    ("اصطف المتسوقون خارج متاجر بيني ورثز يوم الأحد.", "Shoppers queued outside Pennyworths stores on Sunday.", []),
    # … but a garbled word beside a name is still reported
    ("وقال الاتاحد كول مارثز إن المتاجر ستغلق.", "The Coolmarths union said the stores would close.",
     [("non-word", "الاتاحد", "near-miss")]),
])
def test_a_name_written_as_two_words(target: str, source: str, expected: list[tuple[str, str, str | None]]) -> None:
    assert _flags(target, source) == expected


def test_ts_writes_an_italian_z() -> None:
    # «تس» is how Arabic writes ts/tz and the Italian or German z: the name, not a non-word
    assert _flags("وتحدث فابريتسيو لينتسي إلى الصحفيين.", "Fabrizio Lenzi spoke to reporters.") == []
    assert _flags("وتحدثت أليساندرا ماتسوني إلى الصحفيين.", "Alessandra Mazzoni spoke to reporters.") == []


@pytest.mark.parametrize(("target", "source", "word", "exact"), [
    # a rare name or a drug no dictionary knows, exact but for one letter a dot or a stroke away
    ("وصل الفريق إلى فولفستورغ مساء أمس.", "The team reached Wolfsburg last night.", "فولفستورغ", "فولفسبورغ"),
    ("وصف الطبيب دواء أوميبزازول للمريض.", "The doctor prescribed omeprazole.", "أوميبزازول", "أوميبرازول"),
    # clitics kept in the suggestion
    ("وقال والهامترتون إنه سيعود.", "And Hamberton said he would return.", "والهامترتون", "والهامبرتون"),
])
def test_a_transliteration_one_letter_off_is_a_slip(target: str, source: str, word: str, exact: str) -> None:
    report = mtqa.check(target=[target], source=[source], config=CFG)
    flag = next(f for f in report.iter_flags() if f.rule == "non-word")
    assert (flag.text, flag.suggestion, flag.evidence["signal"], flag.evidence["exact_spelling"]) == (
        word, exact, "letter-slip", exact)
    assert flag.evidence["source_word"] in source


@pytest.mark.parametrize(("word", "latin"), [
    ("مارجولين", "Margolin"),    # ج for g, as Egyptian usage writes it: a convention
    ("هامبرتون", "Hamberton"),   # exact already
    ("مارغوتين", "Margolin"),    # ت for ل: no dot or stroke apart
    ("كرزيسون", "Kresson"),      # «كرريسون» would spell it only by doubling the r's sound
])
def test_conventions_are_no_letter_slips(word: str, latin: str) -> None:
    assert letter_slip(word, latin) is None


def test_a_name_of_three_consonants_is_too_short_for_a_slip() -> None:
    # «كاتير» is one dot from «كابير» "Kabir", but with three consonants that is a variant's margin
    assert letter_slip("كاتير", "Kabir", match=0.6) is None
    assert letter_slip("كاتير", "Kabir", match=0.6, consonants=3) == "كابير"
