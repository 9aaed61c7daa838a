"""No-source mode: Arabic -> English -> Arabic, and how far the round trip drifted."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from mtqa.translate.base import Translation, Translator

__all__ = ["RoundTrip", "round_trip"]


@dataclass(frozen=True)
class RoundTrip:
    """One Arabic segment's back-translation, its translation back to Arabic, and the signals."""

    back: Translation
    again: str
    #: chrF (0-100) between the Arabic and its round trip; None without a reverse model.
    chrf: float | None
    #: Mean token log-probability of the back-translation; None when the translator gives none.
    mean_logprob: float | None


def round_trip(texts: Sequence[str], forward: Translator, reverse: Translator | None) -> list[RoundTrip]:
    """Back-translate ``texts`` and, when ``reverse`` is given, translate the results back."""
    from sacrebleu.metrics.chrf import CHRF

    chrf = CHRF()
    backs = forward.translate(texts)
    agains = reverse.translate([b.text for b in backs]) if reverse is not None else None
    out: list[RoundTrip] = []
    for i, (text, back) in enumerate(zip(texts, backs, strict=True)):
        again = agains[i].text if agains is not None else ""
        score = chrf.sentence_score(again, [text]).score if agains is not None and text.strip() else None
        out.append(RoundTrip(back=back, again=again, chrf=score, mean_logprob=back.mean_logprob))
    return out
