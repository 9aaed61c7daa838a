"""Source support weighs the back-translation findings (mtqa/checks/support.py).

The model is a plug-in here (like httpx's MockTransport): it back-translates from a table and
scores each source word with the log-probability the test gives it, so every verdict is set up
exactly. tests/translate/test_translate_scoring.py and benchmarks/support.py run real models.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping, Sequence

import pytest

import mtqa
from mtqa.translate.base import TokenScores, Translation

TYPICAL = -0.1  # the log-probability of an ordinary piece in these made-up scores


class FakeModel:
    """Back-translates by table; scores a source one piece per word, ``TYPICAL`` unless told."""

    def __init__(self, bt: Mapping[str, str], word_logprobs: Mapping[str, float] | None = None,
                 bt_logprob: float = TYPICAL) -> None:
        self.bt, self.word_logprobs, self.bt_logprob = dict(bt), dict(word_logprobs or {}), bt_logprob
        self.scored: list[tuple[str, str]] = []

    def signature(self) -> str:
        return "fake-model"

    def translate(self, texts: Sequence[str]) -> list[Translation]:
        out = []
        for text in texts:
            english = self.bt[text]
            spans = [(m.start(), m.end()) for m in re.finditer(r"\S+", english)]
            out.append(Translation(text=english, tokens=tuple(english[a:b] for a, b in spans),
                                   token_spans=tuple(spans), token_logprobs=(self.bt_logprob,) * len(spans)))
        return out

    def score(self, *, arabic: Sequence[str], english: Sequence[str]) -> list[TokenScores]:
        out = []
        for ar, en in zip(arabic, english, strict=True):
            self.scored.append((ar, en))
            spans = [(m.start(), m.end()) for m in re.finditer(r"[\w']+|[^\w\s]", en)]
            words = [en[a:b] for a, b in spans]
            out.append(TokenScores(text=en, tokens=tuple(words), token_spans=tuple(spans),
                                   token_logprobs=tuple(self.word_logprobs.get(w, TYPICAL) for w in words)))
        return out


class TranslateOnly(FakeModel):
    score = None  # type: ignore[assignment]  # a plug-in without score: the evidence is simply absent


# bt-missing: "alive" is in neither the back-translation nor (by the lexicon) the Arabic.
RESCUE = ("عثر رجال الإنقاذ على ثلاثة أطفال تحت الأنقاض.", "Rescuers found three children under the rubble.",
          "Rescuers found three children alive under the rubble.")
# bt-low-chrf: the back-translation says something else entirely.
RESIGN = ("استقال الوزير يوم الاثنين.", "Heavy rain flooded the streets of the capital.", "The minister resigned on Monday.")
# No string rule sees a dropped adjective the lexicon does not know.
QATARI = ("التقى الوزير بنظيره في عمان.", "The minister met his counterpart in Amman.",
          "The minister met his Qatari counterpart in Amman.")


def _check(case: tuple[str, str, str], model: FakeModel, **config: object) -> mtqa.Report:
    ar, _, en = case
    checker = mtqa.Checker(mtqa.Config(progress=False, **config), translator=model)  # type: ignore[arg-type]
    return checker.check(target=[ar], source=[en])


def _rule(report: mtqa.Report, rule: str) -> list[mtqa.Flag]:
    return [f for f in report.iter_flags() if f.rule == rule]


def test_without_a_scorer_findings_are_as_before() -> None:
    report = _check(RESCUE, TranslateOnly({RESCUE[0]: RESCUE[1]}))
    [flag] = _rule(report, "bt-missing")
    # minor: the rule's calibrated severity on its own (a model's confirmation raises it, below)
    assert flag.severity == "minor" and "support" not in flag.evidence
    assert "corroborated_by" not in flag.evidence
    assert "source_support" not in report.documents[0].segments[0].scores
    assert report.documents[0].segments[0].support == ()
    assert "|support:off|" in report.signature


def test_an_unsupported_word_confirms_the_finding_and_is_placed_on_the_arabic() -> None:
    model = FakeModel({RESCUE[0]: RESCUE[1]}, {"alive": -9.0})
    report = _check(RESCUE, model)
    [flag] = _rule(report, "bt-missing")
    # the model's confirmation corroborates the string comparison: raised to the rule's corroborated severity
    assert flag.severity == "major" and flag.evidence["corroborated_by"] == ["source-support"]
    support = flag.evidence["support"]
    assert support["verdict"] == "confirmed"
    [word] = support["words"]
    assert word["word"] == "alive" and word["logprob"] == -9.0 and word["deficit"] == pytest.approx(8.9)
    assert word["arabic"] and word["arabic"] in RESCUE[0] and word["aligned_by"] == "fallback"
    assert model.scored == [(RESCUE[0], RESCUE[2])]
    segment = report.documents[0].segments[0]
    assert segment.scores["source_support"] == pytest.approx((8 * TYPICAL - 9.0) / 9, abs=1e-4)
    assert segment.scores["support_gap"] == pytest.approx(TYPICAL - segment.scores["source_support"], abs=1e-4)
    assert [w["word"] for w in segment.support][:4] == ["Rescuers", "found", "three", "children"]
    assert "|support:on|" in report.signature


def test_a_supported_word_in_a_supported_sentence_dismisses_the_finding() -> None:
    # The source is as probable as the model's own output: the back-translation only worded it otherwise.
    report = _check(RESCUE, FakeModel({RESCUE[0]: RESCUE[1]}))
    assert _rule(report, "bt-missing") == []


def test_a_supported_word_in_a_less_supported_sentence_demotes_the_finding() -> None:
    others = {w: -1.5 for w in ("Rescuers", "found", "three", "children", "under", "the", "rubble", ".")}
    report = _check(RESCUE, FakeModel({RESCUE[0]: RESCUE[1]}, {**others, "alive": -1.5}))
    [flag] = _rule(report, "bt-missing")
    assert flag.severity == "minor"
    assert flag.evidence["support"]["verdict"] == "demoted"
    assert flag.evidence["support"]["gap"] == pytest.approx(1.4)


@pytest.mark.parametrize(("source_logprob", "verdict", "severity"), [(TYPICAL, "demoted", "minor"),
                                                                     (-3.0, "confirmed", "major")])
def test_a_whole_sentence_finding_is_weighed_by_the_sentence_gap(source_logprob: float, verdict: str,
                                                                 severity: str) -> None:
    words = {w: source_logprob for w in ("The", "minister", "resigned", "on", "Monday", ".")}
    report = _check(RESIGN, FakeModel({RESIGN[0]: RESIGN[1]}, words))
    [flag] = _rule(report, "bt-low-chrf")
    assert (flag.evidence["support"]["verdict"], flag.severity) == (verdict, severity)


def test_thresholds_are_relative_to_the_sentence_not_absolute() -> None:
    # A weaker model: every piece is less likely, the back-translation's too. The same relative
    # picture gives the same verdict.
    weak = -2.0
    words = {w: weak for w in ("Rescuers", "found", "three", "children", "under", "the", "rubble", ".")}
    report = _check(RESCUE, FakeModel({RESCUE[0]: RESCUE[1]}, {**words, "alive": weak - 8.9}, bt_logprob=weak))
    [flag] = _rule(report, "bt-missing")
    assert flag.evidence["support"]["verdict"] == "confirmed"
    assert flag.evidence["support"]["words"][0]["deficit"] == pytest.approx(8.9)


def test_unsupported_source_flags_an_omission_no_string_rule_sees() -> None:
    before = _check(QATARI, TranslateOnly({QATARI[0]: QATARI[1]}))
    assert [f for f in before.iter_flags() if f.severity != "minor"] == []
    report = _check(QATARI, FakeModel({QATARI[0]: QATARI[1]}, {"Qatari": -12.0}))
    [flag] = _rule(report, "unsupported-source")
    # minor until its false alarms are measured with a real model (docs/models.md)
    assert (flag.category, flag.severity) == ("omission", "minor")
    assert flag.evidence["source_words"] == ["Qatari"]
    assert flag.evidence["support"]["words"][0]["probability_ratio"] > 1000
    assert flag.text and flag.text in QATARI[0]


def test_unsupported_source_needs_the_back_translation_to_miss_it_too() -> None:
    # The model rendered "Qatari" in its own output: the Arabic supports it somewhere, only the forced
    # position surprises it (a reordering): no omission.
    bt = "The minister met his Qatari counterpart in Amman."
    report = _check(QATARI, FakeModel({QATARI[0]: bt}, {"Qatari": -12.0}))
    assert _rule(report, "unsupported-source") == []


def test_a_number_the_back_translation_has_is_rendered() -> None:
    case = ("حضر 25 مندوبا الاجتماع في عمان.", "25 delegates attended the meeting in Amman.",
            "25 delegates attended the meeting in Amman.")
    assert _rule(_check(case, FakeModel({case[0]: case[1]}, {"25": -12.0})), "unsupported-source") == []
    other = _check(case, FakeModel({case[0]: case[1].replace("25", "52")}, {"25": -12.0}))
    assert [f.evidence["source_words"] for f in other.iter_flags() if "support" in f.evidence] == [["25"]]


def test_unsupported_source_respects_its_threshold() -> None:
    model = FakeModel({QATARI[0]: QATARI[1]}, {"Qatari": -5.0})  # 4.9 nats short: unsupported, not an omission
    assert _rule(_check(QATARI, model), "unsupported-source") == []
    strict = mtqa.Thresholds(support_phrase=4.0)
    assert len(_rule(_check(QATARI, model, thresholds=strict), "unsupported-source")) == 1


def test_additions_are_left_alone() -> None:
    case = ("جاء القرض من صندوق النقد الدولي وبنك التنمية الآسيوي.",
            "The loan came from the International Monetary Fund and the Asian Development Bank.",
            "The loan came from the IMF.")
    plain = _rule(_check(case, TranslateOnly({case[0]: case[1]})), "bt-added-name")
    weighed = _rule(_check(case, FakeModel({case[0]: case[1]})), "bt-added-name")
    assert [(f.severity, f.text) for f in weighed] == [(f.severity, f.text) for f in plain] != []
    assert all("support" not in f.evidence for f in weighed)


def test_a_failing_scorer_only_loses_the_evidence(caplog: pytest.LogCaptureFixture) -> None:
    class Broken(FakeModel):
        def score(self, *, arabic: Sequence[str], english: Sequence[str]) -> list[TokenScores]:
            raise RuntimeError("out of memory")

    with caplog.at_level(logging.WARNING, logger="mtqa.support"):
        report = _check(RESCUE, Broken({RESCUE[0]: RESCUE[1]}))
    [flag] = _rule(report, "bt-missing")
    assert flag.severity == "minor" and "support" not in flag.evidence
    assert "out of memory" in caplog.text


def test_support_can_be_turned_off() -> None:
    model = FakeModel({RESCUE[0]: RESCUE[1]}, {"alive": -9.0})
    report = _check(RESCUE, model, support=False)
    assert model.scored == [] and "|support:off|" in report.signature
    assert "support" not in _rule(report, "bt-missing")[0].evidence


def test_round_trip_findings_get_the_back_translations_confidence_per_arabic_word() -> None:
    ar = "التقى الوزير بنظيره في عمان."
    words = ar.split()
    spans = [(ar.index(w), ar.index(w) + len(w)) for w in words]
    english = "The minister met his counterpart in Amman"
    tokens = english.split()
    # token -> Arabic word it came from; "met" and "his" both from «التقى», "counterpart" unsure.
    source = [1, 1, 0, 0, 2, 3, 4]
    logprobs = [-0.1, -0.2, -0.3, -0.1, -7.0, -0.1, -0.2]

    class RoundTripModel(FakeModel):
        def translate(self, texts: Sequence[str]) -> list[Translation]:
            token_spans, start = [], 0
            for t in tokens:
                token_spans.append((english.index(t, start), english.index(t, start) + len(t)))
                start = token_spans[-1][1]
            return [Translation(text=english, tokens=tuple(tokens), token_spans=tuple(token_spans),
                                token_logprobs=tuple(logprobs), alignment=tuple(spans[k] for k in source))
                    for _ in texts]

    report = mtqa.Checker(mtqa.Config(progress=False), translator=RoundTripModel({})).check(target=[ar])
    [flag] = _rule(report, "low-confidence-phrase")
    phrases = flag.evidence["phrase_confidence"]
    assert [p["arabic"] for p in phrases] == ["بنظيره"]
    assert phrases[0]["english"] == "counterpart" and phrases[0]["confidence"] == pytest.approx(0.001, abs=5e-4)
    assert flag.evidence["least_confident"] == "بنظيره"
