"""The back-translation ↔ source word index finds exactly the pairs a full comparison finds."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mtqa.checks._btwords import _same, _SameIndex, _words

DATA = Path(__file__).resolve().parents[2] / "benchmarks" / "data"
PAIRS = [(bt, src) for path in sorted([*DATA.glob("devset/*.json"), *DATA.glob("devset2/*.json")])
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


def _renders_by_scan(stems: list[str], ar_text: str) -> bool:
    """The plain definition: a form equal to the stem, or one it begins with at most 3 more letters."""
    from mtqa.text.normalize import normalize_ar, strip_clitics
    from mtqa.wordalign import ar_words

    forms = set()
    for tok in ar_words(ar_text):
        for cand in strip_clitics(normalize_ar(tok.text)):
            forms.add(cand)
            if len(cand) >= 4 and cand.startswith(("ي", "ت", "ن", "ا")):
                forms.add(cand[1:])
    flat = " ".join(normalize_ar(ar_text).split())
    return any(stem in flat if " " in stem else any(
        f == stem or (len(stem) >= 3 and f.startswith(stem) and len(f) - len(stem) <= 3) for f in forms)
        for stem in stems)


def test_rendering_lookup_matches_the_scan() -> None:
    from mtqa.checks._btjudge import _renders
    from mtqa.wordalign import lexicon

    sentences = [s for path in sorted(DATA.glob("*/*.json")) for s in json.loads(path.read_text("utf-8"))["mt_ar"]]
    for key, stems in lexicon().items():
        for text in sentences[:40]:
            assert _renders(list(stems), text) == _renders_by_scan(list(stems), text), (key, text)
