"""Scores equal sacrebleu's own, and the metric signatures are exposed."""

from __future__ import annotations

import pytest
from sacrebleu.metrics import BLEU, CHRF, TER

from mtqa.score import Scorer, get_scorer

HYP = ["The NATO foreign ministers meet on Thursday in Brussels.", "Prices rose 3 percent."]
REF = ["NATO foreign ministers meet on Thursday and Friday in Brussels.", "Prices rose by 3%."]


@pytest.mark.parametrize("i", [0, 1])
def test_sentence_scores_match_sacrebleu(i: int) -> None:
    got = get_scorer().sentence(HYP[i], REF[i])
    assert got["bleu"] == pytest.approx(BLEU(effective_order=True).sentence_score(HYP[i], [REF[i]]).score, abs=1e-3)
    assert got["chrf"] == pytest.approx(CHRF().sentence_score(HYP[i], [REF[i]]).score, abs=1e-3)
    assert got["chrf++"] == pytest.approx(CHRF(word_order=2).sentence_score(HYP[i], [REF[i]]).score, abs=1e-3)
    assert got["ter"] == pytest.approx(TER().sentence_score(HYP[i], [REF[i]]).score, abs=1e-3)


def test_corpus_scores_match_sacrebleu() -> None:
    got = get_scorer().corpus(HYP, REF)
    assert got["bleu"] == pytest.approx(BLEU(effective_order=True).corpus_score(HYP, [REF]).score, abs=1e-3)
    assert got["chrf"] == pytest.approx(CHRF().corpus_score(HYP, [REF]).score, abs=1e-3)
    assert got["ter"] == pytest.approx(TER().corpus_score(HYP, [REF]).score, abs=1e-3)


def test_signatures_name_each_metric() -> None:
    sigs = Scorer().signatures()
    assert set(sigs) == {"bleu", "chrf", "chrf++", "ter"}
    assert "e:yes" in sigs["bleu"] and "nw:2" in sigs["chrf++"] and "nw:0" in sigs["chrf"]
    assert all("v:" in s for s in sigs.values())


def test_scorer_is_built_once() -> None:
    assert get_scorer() is get_scorer()
