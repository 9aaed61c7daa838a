"""Model-confidence and round-trip signals: what mtqa can say without a source.

When no English source exists, the back-translation model itself is the evidence: words it
produced with very low probability usually come from Arabic it could not make sense of, and a
sentence that does not survive the round trip ar→en→ar is suspect. These are hints, not
verdicts, so they are minor by default.
"""

from __future__ import annotations

from collections.abc import Iterator

from mtqa.checks.base import Context, Finding, SegmentView, check
from mtqa.translate.base import Translation

#: A back-translated word this much less likely than the sentence's threshold is "unsure".
_TOKEN_MARGIN = 2.0


@check("low-confidence-phrase", category="mistranslation", severity="minor", needs=("backtranslation",))
def low_confidence_phrase(seg: SegmentView, ctx: Context) -> Iterator[Finding]:
    """Arabic words the back-translation model rendered with very low probability (no source needed).

    Runs only without a source and with a model's back-translation: consecutive output tokens whose
    log-probability is below ``2 × thresholds.logprob`` are grouped, and the Arabic words they attend to
    (the model's cross-attention alignment) are flagged, with the unsure English words as evidence.
    """
    bt = seg.backtranslation
    if ctx.has_source or not seg.model_bt or bt is None or not bt.alignment or not bt.token_logprobs:
        return
    limit = _TOKEN_MARGIN * ctx.config.thresholds.logprob
    run: list[int] = []
    for i in range(len(bt.token_logprobs) + 1):
        low = i < len(bt.token_logprobs) and bt.token_logprobs[i] < limit and i < len(bt.alignment) \
            and bt.alignment[i] is not None
        if low:
            run.append(i)
            continue
        if run:
            yield _phrase(bt, run)
            run = []


def _phrase(bt: Translation, run: list[int]) -> Finding:
    spans = [sp for i in run if (sp := bt.alignment[i]) is not None]
    start, end = min(a for a, _ in spans), max(b for _, b in spans)
    words = [bt.text[sp[0]:sp[1]] for i in run if i < len(bt.token_spans) and (sp := bt.token_spans[i]) is not None]
    english = " ".join(w.strip() for w in words if w.strip()) or "?"
    worst = min(bt.token_logprobs[i] for i in run)
    return Finding(start, end, f"the back-translation model was unsure here (rendered as «{english}»)",
                   evidence={"backtranslation": bt.text, "unsure_words": english,
                             "min_logprob": round(worst, 3)})


@check("roundtrip-divergence", category="mistranslation", severity="minor", needs=("backtranslation",))
def roundtrip_divergence(seg: SegmentView, ctx: Context) -> Iterator[Finding]:
    """The sentence does not survive the round trip ar→en→ar (chrF below ``thresholds.roundtrip_chrf``).

    Without a source, a sentence whose back-translation translated back into Arabic is far from the
    original often holds a garbled phrase; the whole sentence is marked, with both translations as evidence.
    """
    score = seg.scores.get("roundtrip_chrf")
    if ctx.has_source or score is None or score >= ctx.config.thresholds.roundtrip_chrf:
        return
    yield Finding(0, seg.end - seg.start, f"the sentence does not survive the round trip (chrF {score:.1f})",
                  evidence={"backtranslation": seg.bt_text, "roundtrip": seg.roundtrip, "roundtrip_chrf": score})


@check("low-bt-confidence", category="mistranslation", severity="minor", needs=("backtranslation",))
def low_bt_confidence(seg: SegmentView, ctx: Context) -> Iterator[Finding]:
    """The back-translation model's mean token log-probability for the sentence is below
    ``thresholds.logprob`` (no source needed): the model found the Arabic hard to read."""
    score = seg.scores.get("bt_logprob")
    if ctx.has_source or score is None or score >= ctx.config.thresholds.logprob:
        return
    yield Finding(0, seg.end - seg.start, f"the back-translation model was unsure of this sentence "
                  f"(mean log-probability {score:.2f})",
                  evidence={"backtranslation": seg.bt_text, "bt_logprob": score})
