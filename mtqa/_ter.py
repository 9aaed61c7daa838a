"""sacrebleu's TER with its edit counting compiled (``mtqa/_tercore.c``), same numbers, same signature.

sacrebleu counts TER edits in pure Python: about 10 ms for a news sentence, several times the cost
of all of mtqa's checks. The C port follows ``sacrebleu.metrics.lib_ter`` step for step on word ids;
tests compare the two on random and real sentence pairs. Where the extension is not built (no
compiler at install time) or declines an input, sacrebleu's own function runs, so scores never
depend on which path was taken.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from sacrebleu.metrics.lib_ter import translation_edit_rate
from sacrebleu.metrics.ter import TER

__all__ = ["FastTER", "compiled", "ter_edits"]

try:
    from mtqa._tercore import edits as _compiled
except ImportError:  # built without a C compiler: sacrebleu's Python implementation
    _compiled = None
_edits: Callable[[Sequence[int], Sequence[int]], int | None] | None = _compiled


def compiled() -> bool:
    """Whether the compiled edit counter is in use."""
    return _edits is not None


def ter_edits(words_hyp: Sequence[str], words_ref: Sequence[str]) -> tuple[int, int]:
    """``(edits, reference length)``, exactly as ``sacrebleu``'s ``translation_edit_rate``."""
    if _edits is not None and words_ref:
        ids: dict[str, int] = {}
        hyp = [ids.setdefault(w, len(ids)) for w in words_hyp]
        ref = [ids.setdefault(w, len(ids)) for w in words_ref]
        edits = _edits(hyp, ref)
        if edits is not None:
            return edits, len(words_ref)
    result: tuple[int, int] = translation_edit_rate(list(words_hyp), list(words_ref))
    return result


class FastTER(TER):
    """``sacrebleu.metrics.TER`` whose segment statistics use :func:`ter_edits`."""

    def _compute_segment_statistics(self, hypothesis: str, ref_kwargs: dict[str, Any]) -> list[float]:
        # sacrebleu's TER._compute_segment_statistics, with the edit counter swapped.
        words_hyp = hypothesis.split()
        ref_words = ref_kwargs["ref_words"]
        best_num_edits = int(1e16)
        ref_lengths = 0
        for words_ref in ref_words:
            num_edits, ref_len = ter_edits(words_hyp, words_ref)
            ref_lengths += ref_len
            best_num_edits = min(best_num_edits, num_edits)
        return [best_num_edits, ref_lengths / len(ref_words)]
