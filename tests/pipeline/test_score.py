"""Scores equal sacrebleu's own, and the metric signatures are exposed."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
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


_text = st.text(alphabet=st.sampled_from(list("ab c.,'-1NATOéع")), max_size=40)


@settings(max_examples=150, deadline=None)
@given(hyp=_text, ref=_text)
def test_scores_equal_sacrebleus_for_any_text(hyp: str, ref: str) -> None:
    # chrF is read off chrF++'s character statistics and cached per pair: it must still be sacrebleu's.
    scorer = Scorer()
    chrf = CHRF().sentence_score(hyp, [ref]).score
    assert scorer.chrf_only(hyp, ref) == chrf
    got = scorer.sentence(hyp, ref)
    assert got["chrf"] == round(chrf, 4)
    assert got["chrf++"] == round(CHRF(word_order=2).sentence_score(hyp, [ref]).score, 4)
    assert got["bleu"] == round(BLEU(effective_order=True).sentence_score(hyp, [ref]).score, 4)
    assert got["ter"] == round(TER().sentence_score(hyp, [ref]).score, 4)


def test_corpus_scores_after_alignment_chrf_match_sacrebleu() -> None:
    scorer = Scorer()
    for h, r in zip(HYP, REF, strict=True):
        scorer.chrf_only(h, r)  # what sentence alignment leaves in the statistics cache
    got = scorer.corpus(HYP, REF)
    assert got["chrf"] == round(CHRF().corpus_score(HYP, [REF]).score, 4)
    assert got["chrf++"] == round(CHRF(word_order=2).corpus_score(HYP, [REF]).score, 4)
    assert got["bleu"] == round(BLEU(effective_order=True).corpus_score(HYP, [REF]).score, 4)
    assert got["ter"] == round(TER().corpus_score(HYP, [REF]).score, 4)
