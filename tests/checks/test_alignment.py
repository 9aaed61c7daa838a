"""Sentence alignment: sentence-addition and sentence-omission, and the DP underneath."""

from __future__ import annotations

import pytest

import mtqa
from mtqa import Config
from mtqa.pipeline.align import align_sentences
from mtqa.score import get_scorer

CFG = Config(use_model=False)

SOURCE = ("The minister met union leaders on Monday. The talks focused on wages and pensions. "
          "A second round is planned for next week.")
TARGET_FULL = ("التقى الوزير قادة النقابات يوم الاثنين. وتركزت المحادثات على الأجور والمعاشات. "
               "ومن المقرر عقد جولة ثانية الأسبوع المقبل.")
BT_FULL = ("The minister met union leaders on Monday. The talks focused on wages and pensions. "
           "A second round is scheduled for next week.")


def _flags(target: str, bt: str, source: str = SOURCE) -> list[mtqa.Flag]:
    report = mtqa.check(target=[target], source=[source], backtranslation=[bt], config=CFG)
    return [f for f in report.iter_flags() if f.rule in ("sentence-addition", "sentence-omission")]


def test_omitted_sentence_is_flagged_where_it_belongs() -> None:
    target = "التقى الوزير قادة النقابات يوم الاثنين. ومن المقرر عقد جولة ثانية الأسبوع المقبل."
    bt = "The minister met union leaders on Monday. A second round is scheduled for next week."
    [flag] = _flags(target, bt)
    assert flag.rule == "sentence-omission" and flag.severity == "major"
    assert flag.text == "الاثنين"  # last word of the sentence before the gap
    assert flag.evidence["omitted_source"] == "The talks focused on wages and pensions."


def test_omitted_first_sentence_is_flagged_before_the_next_one() -> None:
    # The gap opens the paragraph: the flag goes on the first word of the sentence after it, not
    # on the last word of that sentence (both sentences share one source line).
    target = "وتركزت المحادثات على الأجور والمعاشات. ومن المقرر عقد جولة ثانية الأسبوع المقبل."
    bt = "The talks focused on wages and pensions. A second round is scheduled for next week."
    [flag] = _flags(target, bt)
    assert flag.rule == "sentence-omission" and flag.text == "وتركزت"
    assert flag.evidence["position"] == "before"
    assert flag.evidence["omitted_source"] == "The minister met union leaders on Monday."


def test_added_sentence_is_flagged() -> None:
    target = TARGET_FULL + " وكان الطقس مشمساً في العاصمة طوال اليوم."
    bt = BT_FULL + " The weather was sunny in the capital all day."
    [flag] = _flags(target, bt)
    assert flag.rule == "sentence-addition" and flag.text == "وكان الطقس مشمساً في العاصمة طوال اليوم."


@pytest.mark.parametrize(("target", "bt", "source"), [
    (TARGET_FULL, BT_FULL, SOURCE),
    # a quote and its attribution merged into one Arabic sentence
    ('وقال الوزير: "المحادثات كانت مثمرة. سنلتقي مجدداً الأسبوع المقبل".',
     'The minister said: "The talks were fruitful. We will meet again next week."',
     '"The talks were fruitful," the minister said. "We will meet again next week."'),
    # boilerplate is the boilerplate rule's business, not an added sentence
    (TARGET_FULL + " اترك تعليقاً", BT_FULL + " Leave a comment", SOURCE),
])
def test_must_not_flag(target: str, bt: str, source: str) -> None:
    assert _flags(target, bt, source) == []


def test_align_sentences_beads() -> None:
    bts = ["The minister met union leaders on Monday.", "The weather was sunny.",
           "A second round is planned for next week."]
    srcs = ["The minister met union leaders on Monday.", "The talks focused on wages and pensions.",
            "A second round is planned for next week."]
    beads = align_sentences(bts, srcs, similarity=get_scorer().chrf_only, threshold=12.0)
    pairs = [(b.target, b.source) for b in beads]
    assert ((0,), (0,)) in pairs and ((2,), (2,)) in pairs
