"""Polarity flips found through the back-translation and confirmed in the Arabic."""

from __future__ import annotations

import pytest

from mtqa.api import Checker
from mtqa.checks.polarity import arabic_negations, english_negations
from mtqa.config import Config


def flags(target: str, source: str, bt: str) -> list[str]:
    report = Checker(Config(use_model=False)).check(target=[target], source=[source], backtranslation=[bt])
    # A flip the model-free negation check finds too is one flag carrying both rules (evidence "also").
    return [f.text for d in report.documents for f in d.all_flags
            if f.rule == "polarity-flip" or any(a["rule"] == "polarity-flip" for a in f.evidence.get("also", ()))]


@pytest.mark.parametrize(("target", "source", "bt", "must_contain"), [
    ("وقال مسؤولون إن بعض القرى لم تعد معزولة بعد الانهيارات.",
     "Some villages remained cut off after the landslides, officials said.",
     "Officials said some villages are no longer isolated after the landslides.", "لم تعد"),
    # an antonym flip, located through the lexicon's imperfect verb form «تتفق»
    ("وقالت الشركة، التي يقع مقرها في سان فرانسيسكو، إنها تتفق مع القرار.",
     "The company, which is based in San Francisco, said it disagreed with the decision.",
     "The company, which is headquartered in San Francisco, said it agrees with the decision.", "تتفق"),
    ("وقال الوزير: ستتردد الحكومة في التدخل.", "The government will not hesitate to intervene, the minister said.",
     "The minister said: the government will hesitate to intervene.", None),
])
def test_flags_flipped_polarity(target: str, source: str, bt: str, must_contain: str | None) -> None:
    found = flags(target, source, bt)
    assert len(found) == 1
    if must_contain:
        assert must_contain in found[0]


@pytest.mark.parametrize(("target", "source", "bt", "expected"), [
    # "will not X" rendered with the future prefix سـ: the flag lands on the verb
    ("وقال محافظ البنك المركزي إن البنك سيرفع أسعار الفائدة هذا العام.",
     "The central bank will not raise interest rates this year, its governor said.",
     "The central bank governor said the bank will raise interest rates this year.", "سيرفع"),
    ("وقال عمدة سانتياغو إنه سيستقيل من منصبه.", "The mayor of Santiago said he will not quit his post.",
     "The mayor of Santiago said he will quit his post.", "سيستقيل"),
    # «سوف» + the verb
    ("سوف تبيع الشركة أسهمها في المصرف.", "The company will not sell its stake in the bank.",
     "The company will sell its shares in the bank.", "سوف تبيع"),
    # "will X" rendered «لن X»: the flag starts at «لن» (merged with the model-free negation check's
    # flag, which keeps the shorter span: the particle and its verb)
    ("وقال الرئيس إننا لن نحضر القمة في موعدها.", "We will attend the summit on schedule, the president said.",
     "The president said we will not attend the summit on time.", "لن نحضر"),
])
def test_future_tense_flip_lands_on_the_verb(target: str, source: str, bt: str, expected: str) -> None:
    assert flags(target, source, bt) == [expected]


@pytest.mark.parametrize(("target", "source", "bt"), [
    # a faithful negation on both sides
    ("وقالت الشركة إنها لا تتفق مع القرار.", "The company said it disagreed with the decision.",
     "The company said it does not agree with the decision."),
    # «لا تزال» means "still": no negation anywhere
    ("وقال مسؤولون إن بعض القرى لا تزال معزولة.", "Some villages remained cut off, officials said.",
     "Officials said some villages are still isolated."),
    ("ولن نتوقف حتى نتفقد كل مبنى.", "We will not stop until every building has been checked.",
     "We will not stop until we check every building."),
    # "fails to" rendered «لم»: counted on both sides
    ("إذا لم يعد التضخم إلى مساره.", "If inflation fails to return to its path.", "If inflation does not return to its path."),
    # the back-translation lost a negation that the Arabic has: not the translation's fault
    ("الشفافية ليست أمراً اختيارياً.", "Transparency is not optional.", "Transparency is optional."),
    # «لن» for "will not", and a future verb for a positive "will"
    ("وقالت الوزيرة إن الحكومة لن تتراجع وستواصل الإصلاحات.",
     "The government will not back down and will continue the reforms, the minister said.",
     "The minister said the government will not back down and will continue the reforms."),

    # "did not exceed 4 million" for "just $4 million": a bound, and the real "not" still pairs
    ("لم تزد المبيعات على 4 ملايين دولار، وقالت الشركة إن التكاليف لم تنخفض.",
     "Sales were just $4 million, and the firm said costs did not fall.",
     "Sales did not exceed 4 million dollars, and the company said costs did not decrease."),
])
def test_does_not_flag_faithful_polarity(target: str, source: str, bt: str) -> None:
    assert flags(target, source, bt) == []


@pytest.mark.parametrize(("text", "cues"), [
    ("It will not hesitate and didn't stop.", ["not", "didn't"]),
    ("It disagreed, failing to meet the rules.", ["disagreed", "failing"]),
    ("It is not only cheap but also good.", []),
    ("Costs did not exceed $4 million and did not fall.", ["not", "not"]),
])
def test_english_cues(text: str, cues: list[str]) -> None:
    assert [n.cue for n in english_negations(text)] == cues


def test_arabic_still_is_not_negation() -> None:
    text = "لا تزال القرى معزولة ولم تعد الطرق مفتوحة"
    assert [text[s:e] for s, e in arabic_negations(text)] == ["ولم"]


def test_a_negated_bound_is_an_idiom() -> None:
    bound, plain = english_negations("Costs did not exceed $4 million and did not fall.")
    assert (bound.bound, bound.required) == (True, False)
    assert (plain.bound, plain.required) == (False, True)
