"""sacrebleu wrappers: metric objects built once, scores with reproducibility signatures.

A document's scores are sacrebleu's corpus scores, which are computed from the sum of the
sentences' match statistics. Those statistics are kept (for the most recent sentence pairs) so that
the document scores reuse what the sentence scores computed instead of running every metric, TER's
shift search above all, a second time; sentence alignment's chrF is kept the same way. chrF's
statistics are the character part of chrF++'s (same n-grams, one reference), so they are not
counted twice.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

__all__ = ["Scorer", "get_scorer"]

_METRICS = ("bleu", "chrf", "chrf++", "ter")
_KEEP_STATS = 8192  # sentence pairs whose statistics are kept for document scores


class Scorer:
    """BLEU (effective order), chrF, chrF++ and TER, each built once and reused."""

    def __init__(self) -> None:
        from sacrebleu.metrics.bleu import BLEU
        from sacrebleu.metrics.chrf import CHRF

        from mtqa._ter import FastTER

        self.bleu = BLEU(effective_order=True)
        self.chrf = CHRF()
        self.chrfpp = CHRF(word_order=2)
        self.ter = FastTER()  # sacrebleu's TER, edits counted in C
        self._metrics: dict[str, Any] = {"bleu": self.bleu, "chrf": self.chrf, "chrf++": self.chrfpp,
                                         "ter": self.ter}
        # chrF's statistics are the first (hyp, ref, match) triples of chrF++'s, one per character order.
        assert (self.chrf.char_order, self.chrf.whitespace, self.chrf.lowercase) == \
            (self.chrfpp.char_order, self.chrfpp.whitespace, self.chrfpp.lowercase)
        self._chrf_len = 3 * self.chrf.char_order
        self._stats: OrderedDict[tuple[str, str], dict[str, Any]] = OrderedDict()
        # sacrebleu only knows a metric's reference count (part of its signature) after one call.
        for metric in self._metrics.values():
            metric.corpus_score(["mtqa"], [["mtqa"]])

    def _pair_stats(self, hypothesis: str, reference: str, names: Sequence[str] = _METRICS) -> dict[str, Any]:
        """sacrebleu's own per-sentence statistics (what sentence_score() aggregates) for ``names``."""
        key = (hypothesis, reference)
        stats = self._stats.get(key)
        if stats is None:
            stats = self._stats[key] = {}
            if len(self._stats) > _KEEP_STATS:
                self._stats.popitem(last=False)
        else:
            self._stats.move_to_end(key)
        for name in names:
            if name in stats:
                continue
            if name == "chrf":
                stats["chrf"] = self._pair_stats(hypothesis, reference, ("chrf++",))["chrf++"][:self._chrf_len]
            else:
                stats[name] = self._metrics[name]._extract_corpus_statistics([hypothesis], [[reference]])[0]
        return stats

    def clear(self) -> None:
        """Forget the kept sentence statistics (benchmarks measuring cold scoring)."""
        self._stats.clear()

    def _score(self, name: str, stats: list[Any]) -> float:
        return round(float(self._metrics[name]._aggregate_and_compute(stats).score), 4)

    def sentence(self, hypothesis: str, reference: str) -> dict[str, float]:
        """Sentence-level scores of ``hypothesis`` against one ``reference``."""
        stats = self._pair_stats(hypothesis, reference)
        return {name: self._score(name, [stats[name]]) for name in _METRICS}

    def chrf_only(self, hypothesis: str, reference: str) -> float:
        """Sentence chrF, unrounded (sentence alignment compares many candidate pairs)."""
        stats = self._pair_stats(hypothesis, reference, ("chrf",))
        return float(self.chrf._aggregate_and_compute([stats["chrf"]]).score)

    def corpus(self, hypotheses: Sequence[str], references: Sequence[str]) -> dict[str, float]:
        """Document-level scores (sacrebleu corpus scores, references as one stream)."""
        pairs = [self._pair_stats(h, r) for h, r in zip(hypotheses, references, strict=True)]
        return {name: self._score(name, [p[name] for p in pairs]) for name in _METRICS}

    def signatures(self) -> dict[str, str]:
        return {name: str(m.get_signature().format(short=True)) for name, m in self._metrics.items()}


@lru_cache(maxsize=1)
def get_scorer() -> Scorer:
    """The process-wide scorer."""
    return Scorer()
