"""One flag per span and kind; a second rule's confirmation raises severity; confidence lookups."""

from __future__ import annotations

from mtqa import Config
from mtqa.calibration import confidence_of, rule_confidence, table
from mtqa.checks.runner import corroborate, merge_same_kind
from mtqa.types import Flag


def _flag(rule: str, start: int, end: int, category: str = "mistranslation", severity: str = "minor",
          confidence: float | None = None, **evidence: object) -> Flag:
    return Flag(line=1, start=start, end=end, text="x" * (end - start), rule=rule, category=category,
                severity=severity, message=rule, evidence=dict(evidence), confidence=confidence)  # type: ignore[arg-type]


def test_overlapping_flags_of_one_kind_become_one_with_all_evidence() -> None:
    merged = merge_same_kind([_flag("negation-mismatch", 0, 8), _flag("polarity-flip", 4, 12),
                              _flag("non-word", 0, 8, category="spelling")])
    assert [f.rule for f in merged] == ["negation-mismatch", "non-word"]
    assert [a["rule"] for a in merged[0].evidence["also"]] == ["polarity-flip"]


def test_non_overlapping_flags_stay_apart() -> None:
    assert len(merge_same_kind([_flag("negation-mismatch", 0, 4), _flag("polarity-flip", 5, 9)])) == 2


def test_a_confirming_rule_of_the_same_kind_raises_severity() -> None:
    merged = merge_same_kind([_flag("negation-mismatch", 0, 8), _flag("polarity-flip", 0, 8)])
    (flag,) = corroborate(merged, Config())
    if (rule_confidence("negation-mismatch") or 0) >= 0.4 or (rule_confidence("polarity-flip") or 0) >= 0.4:
        assert flag.severity == "critical" and flag.evidence["corroborated_by"]
    else:  # neither rule is right often enough on its own to confirm another
        assert flag.severity == "minor"


def test_a_configured_severity_is_final() -> None:
    merged = merge_same_kind([_flag("negation-mismatch", 0, 8), _flag("polarity-flip", 0, 8)])
    (flag,) = corroborate(merged, Config(severity={"negation-mismatch": "minor"}))
    assert flag.severity == "minor"


def test_a_misspelling_does_not_confirm_a_meaning_error() -> None:
    flags = [_flag("negation-mismatch", 0, 8), _flag("non-word", 0, 8, category="spelling", confidence=0.9)]
    out = corroborate(flags, Config())
    assert [f.severity for f in out] == ["minor", "minor"]


def test_confidence_comes_from_the_table_by_rule_signal_and_state() -> None:
    rules = table()
    assert rules, "mtqa/data/calibration.json is shipped"
    rule, entry = next((r, e) for r, e in rules.items() if "*" in e and "alone" in e["*"])
    alone = _flag(rule, 0, 4)
    assert confidence_of(alone) == entry["*"]["alone"]["p"]
    assert 0.0 <= (confidence_of(alone) or 0.0) <= 1.0
    assert confidence_of(_flag("no-such-rule", 0, 4)) is None


def test_min_confidence_leaves_out_less_confident_flags() -> None:
    import mtqa

    target, source = ["ارتفع السعر إلى 25.21% يوم الخميس، وقال إنه يضمعددا."], ["The rate rose to 21.25% on Thursday."]
    everything = mtqa.check(target=target, source=source, config=mtqa.Config(use_model=False, cache=False))
    confident = mtqa.check(target=target, source=source,
                           config=mtqa.Config(use_model=False, cache=False, min_confidence=0.9))
    assert {f.rule for f in everything.iter_flags()} >= {"number-mismatch", "missing-space"}
    assert all(f.confidence is None or f.confidence >= 0.9 for f in confident.iter_flags())
    assert {f.rule for f in confident.iter_flags()} == {"number-mismatch"}
    assert everything.flags(min_confidence=0.9) == [f for f in everything.iter_flags() if f.rule == "number-mismatch"]
    assert "min-confidence:0.9" in confident.signature
