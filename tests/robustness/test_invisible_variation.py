"""Findings do not change with invisible or equivalent characters (metamorphic cases).

Copy reaches a newsroom with RLM marks around numbers (Arabic web editors add them), soft hyphens
and zero-width joiners from HTML, NFD hamza from macOS, Persian ک/ی from Persian keyboards,
Arabic-Indic digits with a Latin point, full-width digits and presentation forms from PDFs. The
rules read a check view of the same length (:func:`mtqa.text.normalize.check_view`): each variant
must give the findings of the plain line, on the same words, with offsets into the line as written.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

import mtqa
from mtqa.text.normalize import check_view

CFG = mtqa.Config(use_model=False, cache=False)

# (English source, Arabic target): invented wire sentences, most with one planted error
PAIRS = [
    ("The company reported a profit of $2 billion last year.", "أعلنت الشركة عن أرباح بلغت 2 مليار دولار العام الماضي."),
    ("The storm destroyed 5 houses in the village.", "دمر الإعصار 7 منازل في القرية."),
    ("The minister did not attend the meeting in Oslo.", "حضر الوزير الاجتماع في أوسلو."),
    ("Floods in Kenya killed at least 40 people.", "أودت الفيضانات في كنيا بحياة 40 شخصا على الأقل."),
    ("The army said the situation in the city was calm.", "قال الجيش إن الوضع في في المدينة هادئ."),
    ("Protesters gathered outside the embassy on Monday.", "تجمع المحتجون خارجالسفارة يوم الاثنين."),
    ("The economy grew 2.5% last year.", "نما الاقتصاد 3.5% العام الماضي."),
    ("Officials said the central bank raised interest rates.", "قال مسؤولون إن البنك المركزي رفع أسعار الفائدة."),
    ("Prices rose by 7 percent in April.", "ارتفعت الأسعار بنسبة 8 في المئة في أبريل."),
]

_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_WORD = re.compile(r"[\u0621-\u064a]{4,}")


def _inside_words(mark: str) -> Callable[[str], str]:
    return lambda t: _WORD.sub(lambda m: m.group()[:2] + mark + m.group()[2:], t)


def _arabic_indic(t: str) -> str:
    return "".join(chr(0x0660 + int(c)) if c.isdigit() else c for c in t)


VARIANTS: dict[str, Callable[[str], str]] = {
    "RLM after numbers": lambda t: _NUMBER.sub(lambda m: m.group() + "\u200f", t),
    "LRM isolate around numbers": lambda t: _NUMBER.sub(lambda m: "\u2066" + m.group() + "\u2069", t),
    "narrow no-break spaces": lambda t: t.replace(" ", "\u202f", 3),
    "zero-width space after spaces": lambda t: t.replace(" ", " \u200b"),
    "soft hyphen inside words": _inside_words("\u00ad"),
    "ZWNJ inside words": _inside_words("\u200c"),
    "word joiner inside words": _inside_words("\u2060"),
    "ZWJ at word ends": lambda t: _WORD.sub(lambda m: m.group() + "\u200d", t),
    "Persian kaf and yeh": lambda t: t.replace("ك", "\u06a9").replace("ي", "\u06cc"),
    "Arabic-Indic digits, Latin point": _arabic_indic,
    "full-width digits": lambda t: "".join(chr(0xFF10 + int(c)) if c.isdigit() else c for c in t),
    "decomposed hamza": lambda t: t.replace("ؤ", "و\u0654").replace("أ", "ا\u0654"),
    "tatweel and harakat": lambda t: _WORD.sub(lambda m: m.group()[:2] + "\u0640\u064e" + m.group()[2:], t),
}


def _findings(target: list[str]) -> tuple[list[tuple[str, str, int]], mtqa.Report]:
    report = mtqa.check(target=target, source=[s for s, _ in PAIRS], config=CFG)
    found = sorted((f.rule, f.severity, f.line) for f in report.iter_flags() if f.rule != "invisible-character")
    return found, report


PLAIN, _ = _findings([t for _, t in PAIRS])


def test_the_plain_lines_have_their_planted_errors() -> None:
    rules = {rule for rule, _, _ in PLAIN}
    assert {"number-mismatch", "negation-mismatch", "name-spelling", "doubled-word", "missing-space"} <= rules


@pytest.mark.parametrize("variant", sorted(VARIANTS))
def test_findings_do_not_change_with_invisible_or_equivalent_characters(variant: str) -> None:
    lines = [VARIANTS[variant](t) for _, t in PAIRS]
    assert any(a != b for a, b in zip(lines, (t for _, t in PAIRS)))
    found, report = _findings(lines)
    assert found == PLAIN
    for f in report.iter_flags():
        assert lines[f.line - 1][f.start:f.end] == f.text  # offsets into the line as written
    segments = report.to_dict()["documents"][0]["segments"]
    assert [s["target"] for s in segments] == [lines[s["line"] - 1][s["start"]:s["end"]] for s in segments]


@pytest.mark.parametrize("mark", ["\u00ad", "\u200d", "\u2060"])
def test_an_invisible_character_inside_a_source_word_changes_nothing(mark: str) -> None:
    # "bil\u00adlion", "atte\u00adnd": the source's words and figures read as written without it
    sources = [re.sub(r"\b([a-z]{3})([a-z]{3,})", lambda m: m.group(1) + mark + m.group(2), s) for s, _ in PAIRS]
    report = mtqa.check(target=[t for _, t in PAIRS], source=sources, config=CFG)
    assert sorted((f.rule, f.severity, f.line) for f in report.iter_flags()) == PLAIN
    quoted = {s["source"] for s in report.to_dict()["documents"][0]["segments"]}
    assert quoted == set(sources)  # the report quotes the source as written


def test_invisible_characters_are_still_reported_where_they_are() -> None:
    line = "دمر الإعصار 7\u200f منازل في القرية."
    report = mtqa.check(target=[line], source=["The storm destroyed 7 houses in the village."], config=CFG)
    assert [(f.rule, f.text) for f in report.iter_flags()] == [("invisible-character", "7\u200f")]


@pytest.mark.parametrize(("text", "view"), [
    ("2\u200f مليار", "2  مليار"),              # a bidi mark between a number and its scale word
    ("2\u200fمليار", "2 مليار"),
    ("كن\u00adيا", "كنـيا"),                    # inside an Arabic word: tatweel
    ("حضر\u200d الوزير", "حضرـ الوزير"),        # a joiner belongs to the letter before it
    ("في\u200bالمدينة", "في المدينة"),          # a zero-width space between two words is a space...
    ("أب\u200bريل", "أبـريل"),                  # ...but inside one (the letters join across it) none
    ("قال\u200b: نعم", "قال : نعم"),            # elsewhere it is a word break
    ("3,\u200f000 و2\u200f.5", "3,000  و2.5 "),    # inside a number: moved to its end
    ("bil\u00adlion, dollars", "billion,  dollars"),  # inside a Latin word: moved to the end
    ("عام 2023\u200f.", "عام 2023\u200f."),     # next to punctuation: left alone
    ("مسو\u0654ولون", "مسؤـولون"),              # a combining hamza composed
    ("البنک المرکزی", "البنك المركزي"),
    ("٢.٥٪ و\uff16", "2.5٪ و6"),
    ("\ufeb3\ufe98\ufe94", "ستة"),              # presentation forms of single letters
])
def test_check_view(text: str, view: str) -> None:
    assert check_view(text) == view
    assert len(check_view(text)) == len(text)


def test_a_lone_carriage_return_ends_a_line(tmp_path: Path) -> None:
    folder = tmp_path
    (folder / "story.ar.txt").write_bytes("دمر الإعصار 7 منازل.\rوقال الجيش إن الوضع هادئ.".encode())
    (folder / "story.en.txt").write_bytes(b"The storm destroyed 5 houses.\rThe army said the situation was calm.")
    doc = mtqa.Document.from_files(folder / "story.ar.txt", source=folder / "story.en.txt")
    assert [(u.line, u.text) for u in doc.target.units] == [(1, "دمر الإعصار 7 منازل."),
                                                           (2, "وقال الجيش إن الوضع هادئ.")]
    report = mtqa.check(target=doc.target, source=doc.source, config=CFG)
    assert [(f.rule, f.line) for f in report.iter_flags()] == [("number-mismatch", 1)]


@pytest.mark.parametrize(("target", "source"), [
    # a zero-width space inside a word: the letters join across it, the reader sees one word
    ("ستعقد القمة في أب\u200bريل المقبل.", "The summit will be held next April."),
    ("وصل الوفد إلى لن\u200bدن يوم الأحد.", "The delegation arrived in London on Sunday."),
    # an invisible character inside a number
    ("قالت الشركة إنها ستلغي 3,\u200f000 وظيفة.", "The company said it would cut 3,000 jobs."),
    ("نما الاقتصاد 2.\u200f5% العام الماضي.", "The economy grew 2.5% last year."),
])
def test_an_invisible_character_inside_a_word_or_number_raises_nothing_else(target: str, source: str) -> None:
    report = mtqa.check(target=[target], source=[source], config=CFG)
    assert [f.rule for f in report.iter_flags()] == ["invisible-character"]


def test_a_mark_after_the_full_stop_stays_with_its_sentence() -> None:
    line = "ناقش الوزراء القضية.\u200f \u200fوقال المتحدث إن الاجتماع انتهى.\u200f"
    report = mtqa.check(target=[line], config=CFG)
    assert [s["target"] for s in report.to_dict()["documents"][0]["segments"]] == [
        "ناقش الوزراء القضية.\u200f", "\u200fوقال المتحدث إن الاجتماع انتهى.\u200f"]


def test_flags_quote_the_word_as_written_and_suggest_without_the_view_s_tatweel() -> None:
    report = mtqa.check(target=["قالت الوكالة Reu\u00adters إن الفيضانات في كن\u200cيا قتلت 40 شخصا."],
                        source=["The agency said floods in Kenya killed 40 people."], config=CFG)
    flags = {f.rule: f for f in report.iter_flags()}
    assert flags["untranslated-latin"].text == "Reu\u00adters"  # the whole word, not "Reu\u00adter"
    name = flags["name-spelling"]
    assert (name.text, name.suggestion) == ("كن\u200cيا", "كينيا")
    assert "\u0640" not in name.message and "كنيا" in name.message


def test_the_model_reads_words_with_invisible_characters_as_words(toy_model_dir: Path,
                                                                  toy_heldout: list[tuple[str, str]]) -> None:
    # the check view puts tatweel for a ZWNJ inside a word; the model reads the words without it
    pairs = toy_heldout[:4]
    config = mtqa.Config(model=str(toy_model_dir), cache=False)
    plain = mtqa.check(target=[a for a, _ in pairs], source=[e for _, e in pairs], config=config)
    varied = [_inside_words("\u200c")(a) for a, _ in pairs]
    report = mtqa.check(target=varied, source=[e for _, e in pairs], config=config)
    segments = report.to_dict()["documents"][0]["segments"]
    assert [s["backtranslation"] for s in segments] == [
        s["backtranslation"] for s in plain.to_dict()["documents"][0]["segments"]]
    assert [f.rule for f in report.iter_flags() if f.rule != "invisible-character"] == [
        f.rule for f in plain.iter_flags()]
    for s in segments:  # the model's Arabic spans are spans of the line as written
        line = varied[s["line"] - 1]
        assert all(0 <= w["arabic_span"][0] <= w["arabic_span"][1] <= len(line)
                   for w in s["support"] if w["arabic_span"])
