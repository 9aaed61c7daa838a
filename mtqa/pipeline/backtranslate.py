"""Stage 2, back-translate: the model's English for every segment that has none from the input, one
model call per batch of documents; the round trip (ar→en→ar) when there is no source; and the
model's forced-decoding support of the source (after alignment, which gives each segment its source)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from mtqa.checks.base import SegmentView
from mtqa.config import Config
from mtqa.score import get_scorer
from mtqa.support import attach_support
from mtqa.text.normalize import for_model, spans_in
from mtqa.translate.base import Translation, Translator

__all__ = ["model_backtranslations", "roundtrip", "source_support"]


def model_backtranslations(segmented: Sequence[Sequence[SegmentView]], need_model: Sequence[bool],
                           forward: Translator) -> dict[tuple[int, int], Translation]:
    """(document, segment index) → translation, for every segment of the documents that need the
    model, in one call: batching across documents is what keeps the model busy."""
    pending = [(k, s) for k, segs in enumerate(segmented) if need_model[k] for s in segs]
    if not pending:
        return {}
    inputs = [for_model(s.text) for _, s in pending]
    outs = forward.translate([text for text, _ in inputs])
    # (the model read the text without tatweel: its alignment is put back on the segment's text)
    return {(k, s.index): t if index is None else replace(t, alignment=spans_in(index, t.alignment))
            for (k, s), t, (_, index) in zip(pending, outs, inputs, strict=True)}


def roundtrip(segs: list[SegmentView], reverse: Translator) -> list[SegmentView]:
    """Each segment with its back-translation translated back into Arabic, and the chrF of that
    round trip against the original Arabic (the no-source mode's sentence score)."""
    texts = [s.bt_text or "" for s in segs]
    outs = reverse.translate(texts)
    scorer = get_scorer()
    out = []
    for s, rt in zip(segs, outs, strict=True):
        scores = dict(s.scores)
        scores["roundtrip_chrf"] = round(scorer.chrf_only(rt.text, s.text), 4)
        out.append(replace(s, roundtrip=rt.text, scores=scores))
    return out


def source_support(documents: Sequence[list[SegmentView]], forward: Translator,
                   config: Config) -> list[list[SegmentView]]:
    """Every document's segments with the support of their source, in one scoring call for all."""
    scored = iter(attach_support([s for segs in documents for s in segs], forward, config.thresholds))
    return [[next(scored) for _ in segs] for segs in documents]
