"""MQM-style document score.

Each flag costs its severity weight (minor 1, major 5, critical 25, as in MQM 2.0's default
scoring model); the penalty is normalised per word of target text:
``score = 100 × (1 − penalty / words)``, floored at 0. A document passes when no flag reaches
``fail_on`` and its score is at least ``thresholds.quality``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from mtqa.types import Flag

__all__ = ["SEVERITY_WEIGHTS", "quality_score"]

SEVERITY_WEIGHTS = {"minor": 1.0, "major": 5.0, "critical": 25.0}


def quality_score(flags: Iterable[Flag], *, words: int, threshold: float = 0.0) -> dict[str, Any]:
    penalty = sum(SEVERITY_WEIGHTS[f.severity] for f in flags)
    words = max(words, 1)
    score = max(0.0, 100.0 * (1.0 - penalty / words))
    return {
        "model": "mqm-2.0-default",
        "weights": dict(SEVERITY_WEIGHTS),
        "penalty": penalty,
        "words": words,
        "score": round(score, 2),
        "threshold": threshold,
        "meets_threshold": score >= threshold,
    }
