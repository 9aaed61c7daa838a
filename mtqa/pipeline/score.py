"""Stage 4, score: sentence metrics (chrF, BLEU, TER of the back-translation against the source, with
sacrebleu's signatures) on each segment, and the document's corpus scores."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from mtqa.checks.base import SegmentView
from mtqa.score import get_scorer
from mtqa.types import SegmentResult

__all__ = ["corpus_scores", "score_segments"]


def score_segments(segments: Sequence[SegmentView]) -> list[SegmentView]:
    """Each segment with its sentence scores added (those it already carries, e.g. support, stay)."""
    scorer = get_scorer()
    scored: list[SegmentView] = []
    for seg in segments:
        scores: dict[str, float | None] = dict(seg.scores)
        if seg.source and seg.bt_text:
            scores.update(scorer.sentence(seg.bt_text, seg.source))
        if seg.backtranslation is not None and seg.backtranslation.mean_logprob is not None:
            scores["bt_logprob"] = round(seg.backtranslation.mean_logprob, 4)
        scored.append(replace(seg, scores=scores))
    return scored


def corpus_scores(segments: Sequence[SegmentResult]) -> dict[str, float | None]:
    """Corpus scores over the segments that have both a back-translation and a source."""
    pairs = [(s.backtranslation, s.source) for s in segments if s.backtranslation and s.source]
    if not pairs:
        return {}
    return dict(get_scorer().corpus([p[0] for p in pairs], [p[1] for p in pairs]))
