"""Fit per-rule confidence tables from labelled flags, and check them on flags they were not fit on.

Each labelled flag is a row with its rule, signal (``evidence["signal"]``), whether another rule
corroborated it, the document it came from and ``hit`` (it overlaps a real error: a planted one,
or one a reviewer annotated; every flag on clean professional copy counts as a miss). The
confidence of a (rule, signal, alone/corroborated) cell is its hit rate, smoothed towards the
rule's rate (and that towards the overall rate) when the cell has few flags.

The reliability check is two-fold: documents are split in two by a hash of their id; tables fit
on one half score the flags of the other, and predicted confidence is compared with the observed
hit rate in bins.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

#: Pseudo-counts pulling a cell towards its parent rate: a cell needs this many flags before its
#: own rate dominates.
SMOOTHING = 8.0
BINS = 10


def _half(doc: str) -> int:
    return int(hashlib.sha256(doc.encode()).hexdigest()[:8], 16) % 2


def _state(row: dict[str, Any]) -> str:
    return "corroborated" if row.get("corroborated") else "alone"


def fit(rows: Iterable[dict[str, Any]]) -> dict[str, Any]:
    """rule → signal ("*" for the rule as a whole) → state → {"p", "n", "hits"}."""
    rows = list(rows)
    total = len(rows)
    overall = (sum(r["hit"] for r in rows) + 1) / (total + 2)
    counts: dict[tuple[str, str, str], list[int]] = defaultdict(lambda: [0, 0])
    for r in rows:
        sig = r.get("signal") or "*"
        for key in ((r["rule"], "*", "all"), (r["rule"], "*", _state(r)), (r["rule"], sig, "all"),
                    (r["rule"], sig, _state(r))):
            counts[key][0] += 1
            counts[key][1] += bool(r["hit"])

    def smooth(n: int, hits: int, prior: float) -> float:
        return (hits + SMOOTHING * prior) / (n + SMOOTHING)

    out: dict[str, Any] = {}
    rules = sorted({k[0] for k in counts})
    for rule in rules:
        n, h = counts[(rule, "*", "all")]
        p_rule = smooth(n, h, overall)
        entry: dict[str, Any] = {}
        signals = sorted({k[1] for k in counts if k[0] == rule})
        for sig in signals:
            sn, sh = counts[(rule, sig, "all")]
            p_sig = smooth(sn, sh, p_rule) if sig != "*" else p_rule
            cells = {}
            for state in ("alone", "corroborated"):
                cn, ch = counts.get((rule, sig, state), (0, 0))
                if cn:
                    cells[state] = {"p": round(smooth(cn, ch, p_sig), 3), "n": cn, "hits": ch}
            if cells:
                entry[sig] = cells
        out[rule] = entry
    return out


def predict(table: dict[str, Any], row: dict[str, Any]) -> float | None:
    """The confidence a table gives a row (the runtime lookup of mtqa.calibration, on a row)."""
    rule = table.get(row["rule"])
    if not rule:
        return None
    state = _state(row)
    for key in (row.get("signal"), "*"):
        entry = rule.get(key) if key else None
        if entry and state in entry:
            return float(entry[state]["p"])
        if entry and "alone" in entry:
            return float(entry["alone"]["p"])
    return None


def reliability(rows: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """Two-fold check: predicted confidence against the observed hit rate, per bin."""
    scored: list[tuple[float, bool]] = []
    for half in (0, 1):
        table = fit(r for r in rows if _half(r["doc"]) != half)
        for r in rows:
            if _half(r["doc"]) == half and (p := predict(table, r)) is not None:
                scored.append((p, bool(r["hit"])))
    bins = []
    for b in range(BINS):
        lo, hi = b / BINS, (b + 1) / BINS
        inside = [(p, h) for p, h in scored if lo <= p < hi or (b == BINS - 1 and p == 1.0)]
        if inside:
            bins.append({"range": [lo, hi], "flags": len(inside),
                         "mean_confidence": round(sum(p for p, _ in inside) / len(inside), 3),
                         "hit_rate": round(sum(h for _, h in inside) / len(inside), 3)})
    n = len(scored)
    ece = sum(b["flags"] * abs(b["mean_confidence"] - b["hit_rate"]) for b in bins) / n if n else None
    brier = sum((p - h) ** 2 for p, h in scored) / n if n else None
    return {"flags": n, "bins": bins, "expected_calibration_error": round(ece, 4) if ece is not None else None,
            "brier": round(brier, 4) if brier is not None else None}
