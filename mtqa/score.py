"""sacrebleu wrappers: metric objects built once, scores with reproducibility signatures.

A document's scores are sacrebleu's corpus scores, which are computed from the sum of the
sentences' match statistics. Those statistics are kept (for the most recent sentence pairs) so that
the document scores reuse what the sentence scores computed instead of running every metric, TER's
shift search above all, a second time; sentence alignment's chrF is kept the same way.

chrF and chrF++ statistics are counted here from sacrebleu's own n-gram extraction, kept per text:
sentence alignment scores each sentence against several candidates, and chrF's statistics are the
character part of chrF++'s (one reference), so neither is extracted twice. Tests hold every score
equal to sacrebleu's.
"""

from __future__ import annotations

from collections import Counter, OrderedDict
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
        if (self.chrf.char_order, self.chrf.whitespace, self.chrf.lowercase) != \
                (self.chrfpp.char_order, self.chrfpp.whitespace, self.chrfpp.lowercase):  # pragma: no cover
            raise AssertionError("chrF and chrF++ must share their character n-gram settings")
        self._chars = self.chrf.char_order
        self._stats: OrderedDict[tuple[str, str], dict[str, Any]] = OrderedDict()
        self._ngrams: OrderedDict[str, tuple[list[Counter[str]], list[int]]] = OrderedDict()
        # sacrebleu only knows a metric's reference count (part of its signature) after one call.
        for metric in self._metrics.values():
            metric.corpus_score(["mtqa"], [["mtqa"]])

    def _pair_stats(self, hypothesis: str, reference: str, names: Sequence[str] = _METRICS) -> dict[str, Any]:
        """sacrebleu's per-sentence statistics (what sentence_score() aggregates) for ``names``."""
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
                stats["chrf"] = self._chrf_stats(hypothesis, reference, 0, self._chars)
            elif name == "chrf++":
                stats["chrf++"] = (self._pair_stats(hypothesis, reference, ("chrf",))["chrf"]
                                   + self._chrf_stats(hypothesis, reference, self._chars, None))
            else:
                stats[name] = self._metrics[name]._extract_corpus_statistics([hypothesis], [[reference]])[0]
        return stats

    def _text_ngrams(self, text: str) -> tuple[list[Counter[str]], list[int]]:
        """chrF++'s character then word n-gram counts of a text (the same for hypothesis and
        reference), with each order's total."""
        ngrams = self._ngrams.get(text)
        if ngrams is None:
            m = self.chrfpp
            counts = m._extract_reference_info([m._preprocess_segment(text)])["ref_ngrams"][0]
            ngrams = self._ngrams[text] = (counts, [sum(c.values()) for c in counts])
            if len(self._ngrams) > _KEEP_STATS:
                self._ngrams.popitem(last=False)
        return ngrams

    def _chrf_stats(self, hypothesis: str, reference: str, first: int, last: int | None) -> list[int]:
        """CHRF._compute_segment_statistics for one reference, n-gram orders ``first:last``."""
        out: list[int] = []
        (hyp, hyp_totals), (ref, ref_totals) = self._text_ngrams(hypothesis), self._text_ngrams(reference)
        for k in range(len(hyp))[first:last]:
            h, r = hyp[k], ref[k]
            # CHRF._get_match_statistics over the shared n-grams only, iterated in C (map, not a genexpr)
            common = h.keys() & r.keys()
            matches = sum(map(min, map(h.__getitem__, common), map(r.__getitem__, common)))
            out += [hyp_totals[k] if r else 0, ref_totals[k], matches]
        return out

    def clear(self) -> None:
        """Forget the kept statistics and n-grams (benchmarks measuring cold scoring)."""
        self._stats.clear()
        self._ngrams.clear()

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

    def chrf_upper_bound(self, hypotheses: Sequence[str], references: Sequence[str]) -> float:
        """A cheap upper bound of ``chrf_only(" ".join(hypotheses), " ".join(references))``.

        Each order's n-gram counts follow from the lengths; its matches are at most those of the
        shorter side and, when one side is a single text, at most the sum of that text's matches
        with each part of the other (kept from scoring those pairs) plus the n-grams spanning a
        join: min(h, a + b + c) <= min(h, a) + min(h, b) + c.
        """
        m = self.chrf
        hyp, ref = m._preprocess_segment(" ".join(hypotheses)), m._preprocess_segment(" ".join(references))
        lengths = [len(t if m.whitespace else "".join(t.split())) for t in (hyp, ref)]
        pairs = [(h, r) for h in hypotheses for r in references]
        split = not m.whitespace and (len(hypotheses) == 1 or len(references) == 1)
        parts = [self._pair_stats(h, r, ("chrf",))["chrf"] for h, r in pairs] if split else []
        stats: list[int] = []
        for order in range(1, m.char_order + 1):
            n_hyp, n_ref = (max(0, n - order + 1) for n in lengths)
            matches = min(n_hyp, n_ref)
            if parts:
                k = 3 * (order - 1) + 2
                matches = min(matches, sum(s[k] for s in parts) + (len(parts) - 1) * (order - 1))
            stats += [n_hyp if n_ref else 0, n_ref, matches]
        return float(m._compute_f_score(stats))

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
