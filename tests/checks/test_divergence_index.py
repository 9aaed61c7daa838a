"""The back-translation ↔ source word index finds exactly the pairs a full comparison finds."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mtqa.checks.divergence import _SameIndex, _same, _words

DATA = Path(__file__).resolve().parents[2] / "benchmarks" / "data"
PAIRS = [(bt, src) for path in sorted(DATA.glob("*/*.json"))
         for article in [json.loads(path.read_text("utf-8"))]
         for key in ("backtranslation_en", "backtranslation_ref_en")
         for bt, src in zip(article[key], article["source_en"], strict=True)]
EXTRA = [("The U.S. envoy met Khaleel in Brussels.", "US envoy Khalil met NATO's chief in Brussels."),
         ("The quake killed 3 people", "An earthquake killed three people"),
         ("Cairo-based Delta Securities", "Delta Securities, based in Cairo")]


@pytest.mark.parametrize(("bt", "source"), PAIRS + EXTRA)
def test_index_matches_the_exhaustive_comparison(bt: str, source: str) -> None:
    src = _words(source)
    index = _SameIndex(src)
    for b in _words(bt):
        if b.content:
            assert index.same(b) == [j for j, s in enumerate(src) if s.content and _same(b, s)], b.text


def test_pairs_were_found() -> None:
    assert len(PAIRS) > 50
