"""The word-sense inventory (parsing, Arabic matching) and the wrong-sense check.

The check is driven here by a small inventory written for these tests, so that what it asserts does
not move when the shipped inventory grows; one test reads the shipped file itself.
"""

from __future__ import annotations

import pytest

from mtqa.api import Checker
from mtqa.checks import senses as senses_check
from mtqa.config import Config
from mtqa.errors import InputError
from mtqa.lang.senses import ar_lemma_match, find_sense, load_senses, word_senses
from mtqa.text.normalize import normalize_ar

INVENTORY = "\n".join("\t".join(row) for row in [
    ("# a test inventory",),
    ("interest", "finance", "common", "فائدة|فوائد", "rate|loan|bank|mortgage", "money paid for a loan"),
    ("interest", "attention", "common", "اهتمام|اهتمامات", "show|express|public|attract", "attention"),
    ("board", "council", "common", "مجلس|مجالس", "director|company|member|vote", "governing body"),
    ("board", "plank", "rare", "لوح|لوحة", "wood|nail|carpenter", "flat piece of wood"),
    ("charge", "accusation", "common", "تهمة|تهم|اتهام", "court|police|murder|prosecutor", "criminal accusation"),
    ("charge", "battery", "rare", "شحن", "battery|phone|electric", "filling a battery"),
    ("court", "law", "common", "محكمة|محاكم", "judge|ruling|trial|appeal", "court of law"),
    ("court", "sport", "rare", "ملعب|ملاعب", "tennis|basketball|player", "sports court"),
])


@pytest.fixture
def inventory(monkeypatch: pytest.MonkeyPatch) -> None:
    parsed = load_senses(INVENTORY, path="test.tsv")
    monkeypatch.setattr(senses_check, "word_senses", lambda: parsed)


def flags(target: str | list[str], source: str | list[str]) -> list[tuple[str, str]]:
    targets, sources = ([target], [source]) if isinstance(target, str) else (target, source)
    report = Checker(Config(use_model=False)).check(target=targets, source=sources)
    return [(f.text, f.suggestion or "") for d in report.documents for f in d.all_flags if f.rule == "wrong-sense"]


@pytest.mark.usefixtures("inventory")
@pytest.mark.parametrize(("source", "target", "expected"), [
    # a sense news copy rarely means, which the story does not speak of; the cues name the sense meant
    ("The judge said the court would rule on Monday.", "قال القاضي إن الملعب سيحكم يوم الاثنين.",
     [("الملعب", "محكمة")]),
    # no cue either way: the first sense news copy commonly means is suggested
    ("The board met on Tuesday.", "اجتمع اللوح يوم الثلاثاء.", [("اللوح", "مجلس")]),
    # an inflected verb finds its lemma ("charged"), clitics are stripped («بشحن»)
    ("Police charged him with murder.", "قامت الشرطة بشحن له بالقتل.", [("بشحن", "تهمة")]),
    # the word is used twice and rendered right once: the other use went astray
    ("The board said the board would meet.", "قال المجلس إن اللوح سيجتمع.", [("اللوح", "مجلس")]),
])
def test_flags_a_rendering_in_a_rare_sense(source: str, target: str, expected: list[tuple[str, str]]) -> None:
    assert flags(target, source) == expected


@pytest.mark.usefixtures("inventory")
@pytest.mark.parametrize(("source", "target"), [
    # the right sense
    ("The central bank raised interest rates.", "رفع البنك المركزي أسعار الفائدة."),
    # a sense news copy commonly means is never doubted, even against the cues of the sentence
    # (measured: it raised more false alarms on clean copy than it found)
    ("The central bank raised interest rates on loans.", "رفع البنك المركزي معدلات الاهتمام على القروض."),
    # the rare sense's own cue stands in the sentence
    ("The tennis court was wet.", "كان ملعب التنس مبتلا."),
    # a right and a wrong rendering of a word used once: the word was rendered in a sense news
    # copy means (the other Arabic word is something else)
    ("The court heard the appeal.", "استمعت المحكمة إلى الاستئناف في الملعب."),
    # a capitalised word inside a sentence is part of a name
    ("He spoke to the Supreme Court of Appeal.", "تحدث إلى الملعب الأعلى للاستئناف."),
    # another source word accounts for the Arabic word ("stadium" → «ملعب» in the lexicon)
    ("The court met near the stadium.", "اجتمعوا قرب الملعب."),
    # nothing of the word's senses in the Arabic: another rule's business
    ("The board met.", "اجتمعوا."),
])
def test_leaves_renderings_the_sentence_allows(source: str, target: str) -> None:
    assert flags(target, source) == []


@pytest.mark.usefixtures("inventory")
def test_a_sense_the_story_speaks_of_elsewhere_is_allowed() -> None:
    sources = ["The final was played on grass.", "The court was wet."]
    targets = ["أقيمت المباراة النهائية على العشب.", "كان الملعب مبتلا."]
    assert flags(targets, sources) == [("الملعب", "محكمة")]
    sources[0] = "The tennis final was played on grass."  # now the story is about tennis
    assert flags(targets, sources) == []


@pytest.mark.usefixtures("inventory")
def test_title_case_headline_is_checked() -> None:
    # In a headline every word is capitalised: capitals say nothing about names there.
    assert flags("اللوح يجتمع الثلاثاء", "Board To Meet Tuesday") == [("اللوح", "مجلس")]


@pytest.mark.usefixtures("inventory")
def test_finding_carries_evidence_and_offsets_of_the_original() -> None:
    target = "قالَ القاضي إنَّ الملعبَ سيحكمُ."  # diacritics: offsets are in the original's code points
    report = Checker(Config(use_model=False)).check(target=[target], source=["The judge said the court would rule."])
    (flag,) = [f for d in report.documents for f in d.all_flags if f.rule == "wrong-sense"]
    assert target[flag.start:flag.end] == "الملعبَ"
    assert flag.category == "mistranslation" and flag.severity == "minor"
    assert flag.evidence["source_word"] == "court" and flag.evidence["source_span"] == [19, 24]
    assert flag.evidence["rendered_sense"] == "sport" and flag.evidence["expected_sense"] == "law"
    assert flag.evidence["cues"] == ["judge"]
    assert flag.evidence["origin"] == "test.tsv:8"
    assert "the sentence speaks of judge" in flag.message


@pytest.mark.parametrize(("form", "word", "expected"), [
    ("سلامة", "والسلامة", True),
    ("سلامة", "سلامته", True),
    ("سلامة", "سلامات", True),
    ("حزب", "الأحزاب", False),  # a broken plural is its own form
    ("احزاب", "لأحزابهم", True),
    ("عرق", "عرقي", True),
    ("عرق", "عرقلة", False),  # no inflectional ending: another word
    ("مجلس", "بالمجلس", True),
])
def test_arabic_forms_match_through_clitics_and_endings(form: str, word: str, expected: bool) -> None:
    assert ar_lemma_match(normalize_ar(form), word) is expected


def test_find_sense_matches_multi_word_renderings() -> None:
    inv = load_senses("match\tgame\tcommon\tمباراة\tteam\tgame\nmatch\tstick\trare\tعود ثقاب\tfire\tmatchstick\n")
    stick = inv["match"].sense("stick")
    text = "أشعل عود الثقاب ثم عودا آخر"
    assert [text[a:b] for a, b in find_sense(stick, text)] == ["عود الثقاب"]


@pytest.mark.parametrize(("text", "message"), [
    ("interest\tfinance\tcommon\tفائدة\trate\n", "expected 6 tab-separated fields"),
    ("interest\tfinance\toften\tفائدة\trate\tmoney\n", "news must be one of common, rare"),
    ("interest\tfinance\tcommon\t\trate\tmoney\n", "at least one Arabic rendering"),
])
def test_malformed_rows_name_file_and_line(text: str, message: str) -> None:
    with pytest.raises(InputError, match=message) as err:
        load_senses("# header\n" + text, path="house.tsv")
    assert err.value.path == "house.tsv" and err.value.line == 2


def test_one_sense_words_are_dropped() -> None:
    assert load_senses("bill\tlaw\tcommon\tقانون\tparliament\tdraft law\n") == {}


def test_shipped_inventory_is_well_formed() -> None:
    inv = word_senses()
    assert len(inv) >= 300
    for entry in inv.values():
        forms = [f for s in entry.senses for f in set(s.forms)]  # «تبنى» and «تبني» are one form, normalised
        assert len(forms) == len(set(forms)), f"{entry.word}: an Arabic form under two senses ({entry.origin})"
        cues = [c for s in entry.senses for c in s.cues]
        assert len(cues) == len(set(cues)), f"{entry.word}: a cue under two senses ({entry.origin})"
        assert any(s.common for s in entry.senses), f"{entry.word}: no sense news copy commonly means"
