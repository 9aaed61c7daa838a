"""qualifier-missing and clause-omitted: source content the Arabic leaves out (model-free)."""

from __future__ import annotations

import pytest

import mtqa
from mtqa import Config

CFG = Config(use_model=False)


def _flags(target: str, source: str, rule: str) -> list[mtqa.Flag]:
    report = mtqa.check(target=[target], source=[source], config=CFG)
    return [f for f in report.iter_flags() if f.rule == rule]


@pytest.mark.parametrize(("target", "source", "flagged"), [
    ("أصيب 3 أشخاص في الحادث.", "Only 3 people were hurt in the accident.", "أصيب 3 أشخاص"),
    ("حضر 200 شخص الاجتماع.", "At least 200 people attended the meeting.", "حضر 200 شخص"),
    ("وصل 40 لاعبا إلى المدينة.", "About 40 players arrived in the city.", "وصل 40 لاعبا"),
    ("استمر الإضراب عشرة أيام في الميناء.", "The strike lasted ten days or so at the port.",
     "الإضراب عشرة أيام في الميناء"),
    # "over five years" with no rendering of a span of time in the Arabic: "more than" was dropped
    ("قضى في السجن خمس سنوات.", "He spent over five years in prison.", "قضى في السجن خمس"),
])
def test_qualifier_missing(target: str, source: str, flagged: str) -> None:
    flags = _flags(target, source, "qualifier-missing")
    assert [(f.text, f.severity) for f in flags] == [(flagged, "minor")]


@pytest.mark.parametrize(("target", "source", "flagged", "suggestion"), [
    ("توفي 12 شخصا على الأكثر في الحريق.", "At least 12 people died in the fire.", "على الأكثر", "على الأقل"),
    ("دُمر أقل من 40 منزلا.", "More than 40 houses were destroyed.", "أقل من", "أكثر من"),
    ("فقد أقل من مئتي عامل وظائفهم.", "Over 200 workers lost their jobs.", "أقل من", "أكثر من"),
    ("حضر أكثر من 300 شخص.", "Fewer than 300 people attended.", "أكثر من", "أقل من"),
    ("تبلغ الغرامة 500 دولار على الأقل.", "The fine is at most $500.", "على الأقل", "أقل من"),
])
def test_a_bound_said_the_other_way_round_is_a_major_mistranslation(target: str, source: str, flagged: str,
                                                                      suggestion: str) -> None:
    flags = _flags(target, source, "qualifier-missing")
    assert [(f.text, f.severity, f.category, f.evidence["signal"], f.suggestion) for f in flags] == [
        (flagged, "major", "mistranslation", "reversed", suggestion)]


@pytest.mark.parametrize(("target", "source"), [
    ("توفي 12 شخصا على الأقل في الحريق.", "At least 12 people died in the fire."),
    ("لا تزيد الغرامة على 500 دولار.", "The fine is at most $500."),
    # both bounds in the source; a bound that qualifies no number
    ("ارتفعت الأسعار أكثر من 5% بينما ارتفعت الأجور أقل من 2%.",
     "Prices rose more than 5% while wages rose less than 2%."),
    ("لقد حاول على الأقل، بأقل من 10 لاعبين.", "At least he tried, with fewer than 10 players."),
])
def test_a_bound_in_its_own_direction_is_not_reversed(target: str, source: str) -> None:
    assert not [f for f in _flags(target, source, "qualifier-missing") if f.evidence.get("signal") == "reversed"]


def test_qualifier_before_a_unit() -> None:
    flags = _flags("غادر الوزير المدينة قبل أسبوع.", "The minister left the city about a week ago.", "qualifier-missing")
    assert [f.evidence["qualifier"] for f in flags] == ["about"]
    assert _flags("غادر الوزير المدينة قبل نحو أسبوع.", "The minister left the city about a week ago.",
                  "qualifier-missing") == []


@pytest.mark.parametrize(("target", "source"), [
    ("أصيب 3 أشخاص فقط في الحادث.", "Only 3 people were hurt in the accident."),
    ("لم يصب سوى 3 أشخاص في الحادث.", "Only 3 people were hurt in the accident."),
    ("لم يعلم أحد غير رئيس البلدية بالخطة.", "Only the mayor knew of the plan."),
    ("حضر 300 شخص على الأكثر.", "At most 300 people attended."),
    # "over" a span of time is no "more than"
    ("ألغت الشركة 500 وظيفة على مدى خمس سنوات.", "The company cut 500 jobs over five years."),
    ("حضر 200 شخص على الأقل الاجتماع.", "At least 200 people attended the meeting."),
    ("وصل نحو 40 لاعبا إلى المدينة.", "About 40 players arrived in the city."),
    # "about" not before a number, "if only": not qualifiers
    ("تحدث الوزير عن الخطة.", "The minister spoke about the plan."),
    ("لو أن الغرب قاوم.", "If only the West had resisted."),
    # "a" before no unit: "over"/"about" qualify no quantity
    ("فاز الفريق بسهولة على منافس متعثر.", "The team won easily over a struggling rival."),
    ("الأمر يتعلق بمسألة ذوق بين الخبازين.", "This is about a question of taste among bakers."),
    # "almost" + verb is «كاد»/«أوشك» in any person, or «على وشك»
    ("كدنا نفوز بالمباراة الأخيرة.", "We almost won the last match."),
    ("كان العمال على وشك إنهاء الجسر.", "The workers had almost finished the bridge."),
    # "or so" qualifies the quantity before it; opening a clause it qualifies nothing
    ("أو هكذا بدا الأمر للجميع.", "Or so it seemed to everyone."),
])
def test_qualifier_present_or_not_a_qualifier(target: str, source: str) -> None:
    assert _flags(target, source, "qualifier-missing") == []


def test_clause_omitted_at_the_break() -> None:
    source = ("The minister said on Tuesday, after a long meeting with union leaders and employers in the capital, "
              "that the new wage rules would start next year.")
    full = ("وقال الوزير يوم الثلاثاء، بعد اجتماع طويل مع قادة النقابات وأصحاب العمل في العاصمة، "
            "إن قواعد الأجور الجديدة ستبدأ العام المقبل.")
    short = "وقال الوزير يوم الثلاثاء، إن قواعد الأجور الجديدة ستبدأ العام المقبل."
    assert _flags(full, source, "clause-omitted") == []
    flags = _flags(short, source, "clause-omitted")
    assert len(flags) == 1 and flags[0].severity == "minor"
    assert "الثلاثاء" in flags[0].text or "إن" in flags[0].text


# A relative clause ("which a local company built") left out: the three source words it held have
# no rendering, the rest of the sentence is rendered word for word.
_HOSPITAL = ("The minister said the new hospital in the north of the city, which a local company built, would treat "
             "more children and older patients during the winter.")
_HOSPITAL_FULL = ("قال الوزير إن المستشفى الجديد في شمال المدينة، الذي بنته شركة محلية، سيعالج مزيدا من الأطفال "
                  "والمرضى المسنين خلال فصل الشتاء.")
_HOSPITAL_SHORT = ("قال الوزير إن المستشفى الجديد في شمال المدينة، سيعالج مزيدا من الأطفال والمرضى المسنين "
                   "خلال فصل الشتاء.")
# Only the run test may judge: the length test alone would need the line shorter than this.
_RUN_ONLY = Config(use_model=False, rules={"clause-omitted": {"short_ratio": 0.3}})


def test_clause_omitted_finds_an_unrendered_clause_at_its_gap() -> None:
    report = mtqa.check(target=[_HOSPITAL_SHORT], source=[_HOSPITAL], config=_RUN_ONLY)
    flags = [f for f in report.iter_flags() if f.rule == "clause-omitted"]
    assert [(f.text, f.severity, f.evidence["signal"]) for f in flags] == [("المدينة، سيعالج", "minor", "run")]
    assert flags[0].evidence["source_words"] == ["local", "company", "built"]
    assert "“local company built”" in flags[0].message


def test_clause_omitted_gap_is_not_a_hyphen_inside_a_word() -> None:
    # «كوفيد-19» holds a hyphen, which is no clause break: the gap is the comma after it.
    source = ("The minister said the new hospital for COVID-19 patients, which a local company built, would treat "
              "more children and older patients during the winter.")
    short = "قال الوزير إن المستشفى الجديد لمرضى كوفيد-19، سيعالج مزيدا من الأطفال والمرضى المسنين خلال فصل الشتاء."
    report = mtqa.check(target=[short], source=[source], config=_RUN_ONLY)
    flags = [f for f in report.iter_flags() if f.rule == "clause-omitted"]
    assert [f.text for f in flags] == ["لمرضى كوفيد-19، سيعالج"]


def test_clause_omitted_run_needs_the_clause_missing() -> None:
    report = mtqa.check(target=[_HOSPITAL_FULL], source=[_HOSPITAL], config=_RUN_ONLY)
    assert [f for f in report.iter_flags() if f.rule == "clause-omitted"] == []


def test_clause_omitted_run_needs_a_clause_shape() -> None:
    # The same three words unrendered, but inside a clause ("… city built by a local company would …": no
    # break either side): paraphrase, not a dropped clause, unless the line is very short.
    source = ("The minister said the new hospital in the north of the city built by a local company "
              "would treat more children and older patients during the winter.")
    report = mtqa.check(target=[_HOSPITAL_SHORT.replace("،", "")], source=[source], config=_RUN_ONLY)
    assert [f for f in report.iter_flags() if f.rule == "clause-omitted"] == []


def test_clause_omitted_run_at_the_end_is_flagged_at_the_end() -> None:
    source = ("The government announced on Monday a new plan for the schools, which will give every teacher a "
              "higher salary from next year.")
    short = "أعلنت الحكومة يوم الاثنين خطة جديدة للمدارس."
    flags = _flags(short, source, "clause-omitted")
    assert [(f.text, f.evidence["signal"]) for f in flags] == [("جديدة للمدارس", "run")]
