"""The calibration benchmark's own code on small synthetic inputs: planting errors, counting,
fitting and checking confidence (the benchmark itself runs outside CI on the shared corpora)."""

from __future__ import annotations

import random
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))

from calib import fit, inject, measure
from calib.corpora import Doc

RES = inject.Resources(term_swaps=[("security", ("أمن",), "سلامة")], boilerplate=["اشترك في نشرتنا"])
SRC = "The minister said on Monday that 25 soldiers would not leave, citing security concerns."
TGT = "وقال الوزير يوم الاثنين إن 25 جنديا لن يغادروا، مشيرا إلى مخاوف أمنية."


@pytest.mark.parametrize("kind", ["number", "date", "negation-dropped", "term", "doubled", "boilerplate", "runon",
                                  "omission"])
def test_each_kind_plants_an_error_with_its_span(kind: str) -> None:
    planted = inject.REGISTRY[kind](SRC, TGT, random.Random(1), RES)
    assert planted is not None
    assert planted.line != TGT and 0 <= planted.start < planted.end <= len(planted.line)


def test_planted_spans_say_what_changed() -> None:
    p = inject.number(SRC, TGT, random.Random(3), RES)
    assert p is not None and p.line[p.start:p.end] != "25" and p.line[p.start:p.end].isdigit()
    p = inject.negation_dropped(SRC, TGT, random.Random(3), RES)
    assert p is not None and "لن" not in p.line and p.line[p.start:p.end] == "يغادروا"
    p = inject.term(SRC, TGT, random.Random(3), RES)
    assert p is not None and p.line[p.start:p.end] == "سلامة"


def test_a_kind_without_a_place_plants_nothing() -> None:
    assert inject.scale(SRC, TGT, random.Random(1), RES) is None          # no million/billion
    assert inject.negation_added(SRC, TGT, random.Random(1), RES) is None  # the source negates


def test_plant_is_reproducible_and_counts_hits() -> None:
    doc = Doc("toy", "d1", (SRC, "Talks resume on Monday."), (TGT, "تستأنف المحادثات يوم الاثنين."))
    a = measure.plant({"toy": [doc]}, per_kind=1, seed=7, kinds=["date"])
    b = measure.plant({"toy": [doc]}, per_kind=1, seed=7, kinds=["date"])
    assert [i.planted for i in a] == [i.planted for i in b] and len(a) == 1
    counts, rows = measure.injection_run(measure.checker(), a)
    assert counts["date"].planted == 1 and counts["date"].hit == 1
    assert any(r["hit"] and r["rule"] == "date-mismatch" for r in rows)


def test_clean_run_counts_lines_documents_and_major_flags() -> None:
    doc = Doc("toy", "d1", ("The rate rose to 21.25%.", "Talks resume on Monday."),
              ("ارتفع السعر إلى 25.21%.", "تستأنف المحادثات يوم الاثنين."))
    c = measure.clean_run(measure.checker(), [doc])
    fig = c.figures()
    assert fig["lines"] == 2 and fig["documents"] == 1 and fig["major_line_rate"] == 0.5
    assert fig["documents_passing"] == 0.0 and "number-mismatch" in fig["major_false_alarms_per_1000_lines"]


def _rows(rule: str, hits: int, misses: int, doc: str = "d") -> list[dict[str, object]]:
    return ([{"rule": rule, "signal": None, "hit": True, "doc": f"{doc}{k}"} for k in range(hits)]
            + [{"rule": rule, "signal": None, "hit": False, "doc": f"{doc}m{k}"} for k in range(misses)])


def test_fit_gives_each_rule_its_smoothed_hit_rate() -> None:
    table = fit.fit(_rows("good", 90, 10) + _rows("bad", 5, 95))
    assert 0.85 < table["good"]["*"]["alone"]["p"] < 0.91
    assert 0.04 < table["bad"]["*"]["alone"]["p"] < 0.12
    few = fit.fit(_rows("rare", 1, 0) + _rows("bad", 5, 95))  # one flag: pulled towards the overall rate
    assert few["rare"]["*"]["alone"]["p"] < 0.5


def test_reliability_of_well_separated_rules_is_calibrated() -> None:
    rel = fit.reliability(_rows("good", 180, 20) + _rows("bad", 10, 190))
    assert rel["flags"] == 400 and rel["expected_calibration_error"] < 0.05
