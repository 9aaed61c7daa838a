"""Source support: what the back-translation model says about the English source itself.

The greedy back-translation is one sentence the model could say; forced decoding asks it how
probable the *source* is as a translation of the Arabic (Prism, Thompson & Post 2020; NMTScore,
Vamvas & Sennrich 2022). If the Arabic says what the source says, the source scores well even where
the greedy output paraphrases it; where the Arabic lost a word, a number or a negation, the source's
words at that point score badly. It costs one teacher-forced pass per sentence, no generation.

Everything here is relative, so that it carries over from one model to another:

* a source word's **deficit** is how many nats its log-probability falls short of what its pieces
  would get at the sentence's typical level (the median log-probability of the source's pieces);
  a word is *unsupported* when its deficit exceeds ``thresholds.support_word``;
* the sentence's **gap** is the back-translation's mean log-probability per piece minus the
  source's: how much less likely the source is than what the model would say itself.

This module computes the evidence (:func:`attach_support`); :mod:`mtqa.checks.support` uses it.
"""

from __future__ import annotations

import logging
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from statistics import median
from typing import TYPE_CHECKING, Any

from mtqa.text.normalize import for_model, spans_in
from mtqa.translate.base import TokenScores, WordSupport, can_score

if TYPE_CHECKING:
    from mtqa.checks.base import SegmentView
    from mtqa.config import Thresholds

__all__ = ["SourceSupport", "attach_support", "rendered_keys", "support_of"]

log = logging.getLogger(__name__)
_WORDS = re.compile(r"[^\W_]+(?:['’][^\W_]+)?")


@dataclass(frozen=True)
class SourceSupport:
    """A segment's source, scored by the back-translation model given the segment's Arabic."""

    scores: TokenScores
    words: tuple[WordSupport, ...]
    #: The model's own back-translation: its mean log-probability per piece (None when unknown).
    backtranslation: float | None = None

    @property
    def sentence(self) -> float | None:
        """The source's mean log-probability per piece (its length-normalised support)."""
        return self.scores.mean_logprob

    @property
    def typical(self) -> float:
        """The log-probability of a supported piece in this sentence: the median over the source's
        pieces (a few bad words do not move it)."""
        return median(self.scores.token_logprobs) if self.scores.token_logprobs else 0.0

    @property
    def gap(self) -> float | None:
        """Nats per piece by which the source is less likely than the model's own back-translation."""
        if self.sentence is None or self.backtranslation is None:
            return None
        return self.backtranslation - self.sentence

    def deficit(self, word: WordSupport) -> float:
        """Nats by which ``word`` falls short of its pieces at the sentence's typical level (>= 0
        means below it)."""
        return word.pieces * self.typical - word.logprob

    def unsupported(self, word: WordSupport, margin: float) -> bool:
        return self.deficit(word) > margin

    def describe(self, word: WordSupport, arabic: str) -> dict[str, Any]:
        """A word's support as evidence: its log-probability, its deficit, and where it stands in
        the Arabic (``arabic`` being the segment's text)."""
        span = word.arabic
        return {"word": word.word, "logprob": round(word.logprob, 3), "deficit": round(self.deficit(word), 3),
                "probability_ratio": _ratio(self.deficit(word)),
                "arabic": arabic[span[0]:span[1]] if span else None, "arabic_span": list(span) if span else None}


def _ratio(deficit: float) -> float:
    """How many times less likely than a typical piece (1.0 for a word at the typical level)."""
    return round(math.exp(min(max(deficit, 0.0), 50.0)), 1)


def support_of(scores: TokenScores, backtranslation: float | None) -> SourceSupport | None:
    """The support of a scored source; None when it was not scored (empty, or too long)."""
    if not scores.tokens:
        return None
    return SourceSupport(scores, tuple(scores.words()), backtranslation)


def attach_support(segments: Sequence[SegmentView], scorer: Any, thresholds: Thresholds) -> list[SegmentView]:
    """Score every segment's source given its Arabic, in one call, and attach the result.

    Only segments with a source and a model back-translation are scored (the back-translation's
    own log-probabilities are the other side of the gap). Each gets ``support`` and, in its
    scores, ``source_support`` (mean log-probability per piece of the source) and ``support_gap``.
    The segments may come from several documents: they are matched to their scores by position.
    A scorer that fails leaves the segments as they were, with a warning: the evidence is an
    extra, never a reason to stop.
    """
    from mtqa.translate.cache import call_score

    wanted = [k for k, s in enumerate(segments) if s.source and s.source.strip() and s.model_bt and s.bt_text]
    if not wanted or not can_score(scorer):
        return list(segments)
    # The words each source's back-translations render. The alignment callback sees only the
    # English, so two lines with one source share an entry: it keeps the words *every* one of them
    # renders, or a word rendered by one line would spare the other line's pass and change its
    # findings (a line's findings must not depend on the lines beside it).
    rendered: dict[str, set[str]] = {}
    for k in wanted:
        keys = rendered_keys(segments[k].bt_text or "")
        source = segments[k].source or ""
        rendered[source] = rendered[source] & keys if source in rendered else keys
    inputs = [for_model(segments[k].text) for k in wanted]  # (as the back-translation read it)
    try:
        scored = call_score(scorer, [text for text, _ in inputs], [segments[k].source or "" for k in wanted],
                            _needs_alignment(thresholds.support_phrase, rendered))
    except Exception as exc:  # noqa: BLE001 - a plug-in's or a model's failure only loses the evidence
        log.warning("source support off for these documents: %s", exc)
        return list(segments)
    out = list(segments)
    for k, forced, (_, index) in zip(wanted, scored, inputs, strict=True):
        seg = segments[k]
        if index is not None:
            forced = replace(forced, alignment=spans_in(index, forced.alignment))
        bt = seg.backtranslation.mean_logprob if seg.backtranslation is not None else None
        support = support_of(forced, bt)
        if support is None:
            continue
        scores = dict(seg.scores)
        scores["source_support"] = round(support.sentence, 4) if support.sentence is not None else None
        scores["support_gap"] = round(support.gap, 4) if support.gap is not None else None
        out[k] = replace(seg, support=support, scores=scores)
    return out


def rendered_keys(text: str) -> set[str]:
    """The matching keys (:func:`mtqa.wordalign.en_key`) of every word and number of an English text."""
    from mtqa.wordalign import en_key

    return {en_key(w) for w in _WORDS.findall(text)}


def _needs_alignment(margin: float, rendered: dict[str, set[str]]) -> Callable[[TokenScores], bool]:
    """Which scored sources need their Arabic spans from the model: those holding a word the
    unsupported-source rule may report — a content word falling ``margin`` short that the
    back-translation does not render either — since that rule's finding stands on those spans.
    (Words named as evidence of other findings are placed by the word aligner when the model gave
    no spans.) A backend that needs a second pass for alignments (CTranslate2) spends it on those only.
    """
    from mtqa.wordalign import STOPWORDS

    def needs(scores: TokenScores) -> bool:
        support = support_of(scores, None)
        if support is None:
            return False
        keys = rendered.get(scores.text, set())
        return any(support.unsupported(w, margin) and w.word.lower() not in STOPWORDS
                   and rendered_keys(w.word).isdisjoint(keys) for w in support.words)

    return needs
