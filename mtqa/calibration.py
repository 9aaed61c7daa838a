"""Measured confidence of a flag: how often flags like it point at a real error.

The tables (``mtqa/data/calibration.json``) are written by ``benchmarks/calibrate.py --fit``:
for every rule and kind of evidence (``evidence["signal"]``), alone or corroborated by another
rule on the same span, the share of its flags that hit a real error in the calibration data
(clean professional translations, errors planted in them, and annotated real machine
translation), smoothed towards the rule's overall rate when there are few flags. A flag of a
rule with no table entry has no confidence (``None``).
"""

from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from importlib import resources
from typing import Any

from mtqa.types import Flag

__all__ = ["confidence_of", "digest", "rule_confidence", "table"]

_FILE = "data/calibration.json"


@lru_cache(maxsize=1)
def _raw() -> bytes:
    try:
        return resources.files("mtqa").joinpath(_FILE).read_bytes()
    except FileNotFoundError:
        return b"{}"


@lru_cache(maxsize=1)
def table() -> dict[str, Any]:
    """The confidence tables: rule → signal ("*" for any) → "alone"/"corroborated" → {"p", "n"}."""
    data: dict[str, Any] = json.loads(_raw() or b"{}")
    rules: dict[str, Any] = data.get("rules", {})
    return rules


def digest() -> str:
    """Eight hex digits naming the tables in use (part of the run signature)."""
    return hashlib.sha256(_raw()).hexdigest()[:8]


def confidence_of(flag: Flag) -> float | None:
    """The calibrated probability that ``flag`` is a real error, or None when not calibrated."""
    rule = table().get(flag.rule)
    if not rule:
        return None
    state = "corroborated" if flag.evidence.get("corroborated_by") else "alone"
    signal = flag.evidence.get("signal")
    for key in ((signal if isinstance(signal, str) else None), "*"):
        entry = rule.get(key) if key is not None else None
        if entry and state in entry:
            return float(entry[state]["p"])
        if entry and "alone" in entry:
            return float(entry["alone"]["p"])
    return None


def rule_confidence(rule: str) -> float | None:
    """How often a rule's flags, on their own, point at a real error (its "*" entry, alone)."""
    entry = table().get(rule, {}).get("*", {})
    cell = entry.get("alone") or entry.get("corroborated")
    return float(cell["p"]) if cell else None
