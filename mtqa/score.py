"""sacrebleu wrappers: metric objects built once, scores with reproducibility signatures."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

__all__ = ["Scorer", "get_scorer"]


class Scorer:
    """BLEU (effective order), chrF, chrF++ and TER, each built once and reused."""

    def __init__(self) -> None:
        from sacrebleu.metrics.bleu import BLEU
        from sacrebleu.metrics.chrf import CHRF
        from sacrebleu.metrics.ter import TER

        self.bleu = BLEU(effective_order=True)
        self.chrf = CHRF()
        self.chrfpp = CHRF(word_order=2)
        self.ter = TER()
        # sacrebleu only knows a metric's reference count (part of its signature) after one call.
        for metric in (self.bleu, self.chrf, self.chrfpp, self.ter):
            metric.corpus_score(["mtqa"], [["mtqa"]])

    def sentence(self, hypothesis: str, reference: str) -> dict[str, float]:
        """Sentence-level scores of ``hypothesis`` against one ``reference``."""
        refs = [reference]
        return {
            "bleu": round(self.bleu.sentence_score(hypothesis, refs).score, 4),
            "chrf": round(self.chrf.sentence_score(hypothesis, refs).score, 4),
            "chrf++": round(self.chrfpp.sentence_score(hypothesis, refs).score, 4),
            "ter": round(self.ter.sentence_score(hypothesis, refs).score, 4),
        }

    def chrf_only(self, hypothesis: str, reference: str) -> float:
        return float(self.chrf.sentence_score(hypothesis, [reference]).score)

    def corpus(self, hypotheses: Sequence[str], references: Sequence[str]) -> dict[str, float]:
        """Document-level scores; references are passed as one stream."""
        hyps, refs = list(hypotheses), [list(references)]
        return {
            "bleu": round(self.bleu.corpus_score(hyps, refs).score, 4),
            "chrf": round(self.chrf.corpus_score(hyps, refs).score, 4),
            "chrf++": round(self.chrfpp.corpus_score(hyps, refs).score, 4),
            "ter": round(self.ter.corpus_score(hyps, refs).score, 4),
        }

    def signatures(self) -> dict[str, str]:
        return {
            "bleu": str(self.bleu.get_signature().format(short=True)),
            "chrf": str(self.chrf.get_signature().format(short=True)),
            "chrf++": str(self.chrfpp.get_signature().format(short=True)),
            "ter": str(self.ter.get_signature().format(short=True)),
        }


@lru_cache(maxsize=1)
def get_scorer() -> Scorer:
    """The process-wide scorer."""
    return Scorer()
