"""Sentence alignment leaves hopeless 1-2/2-1 beads unscored without changing any alignment."""

from __future__ import annotations

import json
import random
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from mtqa.pipeline.align import align_sentences
from mtqa.score import Scorer
from mtqa.text.split import split_sentences

DATA = Path(__file__).resolve().parents[2] / "benchmarks" / "data"
ARTICLES = [json.loads(p.read_text("utf-8")) for p in sorted(DATA.glob("*/*.json"))]
BT = [s.text for a in ARTICLES for par in a["backtranslation_en"] for s in split_sentences(par, "en")]
SRC = [s.text for a in ARTICLES for par in a["source_en"] for s in split_sentences(par, "en")]

_text = st.text(alphabet=st.sampled_from(list("abcde fg.,'")), max_size=30)


@settings(max_examples=200, deadline=None)
@given(hyps=st.lists(_text, min_size=1, max_size=3), refs=st.lists(_text, min_size=1, max_size=3))
def test_bound_is_never_below_the_score(hyps: list[str], refs: list[str]) -> None:
    scorer = Scorer()
    for h in hyps:  # the pair statistics the bound reuses, as alignment leaves them
        for r in refs:
            scorer.chrf_only(h, r)
    assert scorer.chrf_upper_bound(hyps, refs) >= scorer.chrf_only(" ".join(hyps), " ".join(refs)) - 1e-9


def _paragraphs(seed: int) -> tuple[list[str], list[str]]:
    """A paragraph pair as translation makes them: sentences merged, split, dropped, added, reordered."""
    rng = random.Random(seed)
    start = rng.randrange(len(SRC) - 6)
    n = rng.randint(1, 6)
    src, bt = SRC[start:start + n], list(BT[start:start + n]) if start + n <= len(BT) else SRC[start:start + n]
    for _ in range(rng.randint(0, 3)):
        op, k = rng.choice(("merge", "drop", "add", "swap")), rng.randrange(len(bt))
        if op == "merge" and k + 1 < len(bt):
            bt[k:k + 2] = [bt[k] + " " + bt[k + 1]]
        elif op == "drop" and len(bt) > 1:
            del bt[k]
        elif op == "add":
            bt.insert(k, rng.choice(BT))
        elif op == "swap" and k + 1 < len(bt):
            bt[k], bt[k + 1] = bt[k + 1], bt[k]
    return bt, src


def test_alignments_are_identical_with_and_without_pruning() -> None:
    pruned = 0
    for seed in range(150):
        bt, src = _paragraphs(seed)
        scorer = Scorer()
        calls: list[int] = []

        def similarity(h: str, r: str, scorer: Scorer = scorer, calls: list[int] = calls) -> float:
            calls.append(1)
            return scorer.chrf_only(h, r)

        plain = align_sentences(bt, src, similarity=scorer.chrf_only, threshold=12.0)
        fast = align_sentences(bt, src, similarity=similarity, threshold=12.0, upper_bound=scorer.chrf_upper_bound)
        assert fast == plain, seed
        exhaustive = len(bt) * len(src) + max(0, len(bt) * (len(src) - 1)) + max(0, (len(bt) - 1) * len(src))
        pruned += exhaustive - len(calls)
    assert pruned > 100  # the bound does leave beads unscored
