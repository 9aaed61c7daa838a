"""The compiled TER edit counter gives sacrebleu's numbers exactly, and sacrebleu runs without it."""

from __future__ import annotations

import json
import random
import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sacrebleu.metrics import TER
from sacrebleu.metrics.lib_ter import translation_edit_rate

from mtqa import _ter
from mtqa.score import Scorer

DATA = Path(__file__).resolve().parents[2] / "benchmarks" / "data"

# Small vocabularies make many repeated words: many shift candidates, ties and beam effects.
_words = st.lists(st.sampled_from(["a", "b", "c", "d", "e", "f", "g"]), max_size=40)

needs_c = pytest.mark.skipif(not _ter.compiled(), reason="mtqa._tercore not built (no C compiler)")


@pytest.mark.skipif(shutil.which("cc") is None and shutil.which("gcc") is None, reason="no C compiler here")
def test_extension_is_built_where_a_compiler_is() -> None:
    # An install that silently skipped the build would only be slower: catch it here.
    assert _ter.compiled()


@needs_c
@settings(max_examples=300, deadline=None)
@given(hyp=_words, ref=_words)
def test_random_word_sequences_match_sacrebleu(hyp: list[str], ref: list[str]) -> None:
    assert _ter.ter_edits(hyp, ref) == translation_edit_rate(hyp, ref)


@needs_c
@pytest.mark.parametrize(("n_hyp", "n_ref", "vocab"), [
    (70, 60, 6),     # longer than the 25-word beam on both sides
    (120, 20, 4),    # very unequal lengths: the beam follows the pseudo-diagonal
    (10, 130, 3),    # ratio over 2 × beam width: the beam widens
    (55, 55, 200),   # almost no shared words
    (150, 140, 30),  # several beams long
    (60, 200, 20),   # beam rows far off the square's diagonal
    (0, 12, 3), (12, 0, 3), (1, 1, 1),
])
def test_long_and_lopsided_inputs_match_sacrebleu(n_hyp: int, n_ref: int, vocab: int) -> None:
    rng = random.Random(n_hyp * 1000 + n_ref)
    hyp = [f"w{rng.randrange(vocab)}" for _ in range(n_hyp)]
    ref = [f"w{rng.randrange(vocab)}" for _ in range(n_ref)]
    assert _ter.ter_edits(hyp, ref) == translation_edit_rate(hyp, ref)


@needs_c
def test_reordered_sentence_counts_one_shift() -> None:
    ref = ["NATO", "foreign", "ministers", "met", "in", "Brussels", "on", "Thursday"]
    hyp = ["on", "Thursday", "NATO", "foreign", "ministers", "met", "in", "Brussels"]
    assert _ter.ter_edits(hyp, ref) == translation_edit_rate(hyp, ref) == (1, 8)


@needs_c
def test_devset_back_translations_score_as_sacrebleu() -> None:
    fast, plain = _ter.FastTER(), TER()
    for path in sorted(DATA.glob("*/*.json"))[:4]:
        article = json.loads(path.read_text("utf-8"))
        hyps, refs = article["backtranslation_en"], article["source_en"]  # paragraph-aligned lists
        for h, r in zip(hyps, refs, strict=True):
            assert fast.sentence_score(h, [r]).score == plain.sentence_score(h, [r]).score
        assert fast.corpus_score(hyps, [refs]).score == plain.corpus_score(hyps, [refs]).score


def test_signature_is_sacrebleus() -> None:
    scorer, plain = Scorer(), TER()
    plain.corpus_score(["mtqa"], [["mtqa"]])
    assert scorer.signatures()["ter"] == plain.get_signature().format(short=True)


def test_without_the_extension_sacrebleu_counts(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[int] = []

    def spy(hyp: list[str], ref: list[str]) -> tuple[int, int]:
        calls.append(1)
        return translation_edit_rate(hyp, ref)

    monkeypatch.setattr(_ter, "_edits", None)
    monkeypatch.setattr(_ter, "translation_edit_rate", spy)
    assert not _ter.compiled()
    assert _ter.ter_edits(["a", "b", "c"], ["c", "a", "b"]) == (1, 3)
    assert calls


def test_declined_input_falls_back_to_sacrebleu(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_ter, "_edits", lambda hyp, ref: None)  # what the C code says for huge input
    hyp, ref = ["a", "b", "c"], ["c", "a", "b"]
    assert _ter.ter_edits(hyp, ref) == translation_edit_rate(hyp, ref)


@needs_c
def test_very_long_inputs_are_counted_in_c() -> None:
    # 20,000 words a side: sacrebleu's Python takes minutes; the compiled count keeps only beam rows.
    from mtqa._tercore import edits

    ref = [f"w{i % 997}" for i in range(20_000)]
    hyp = list(ref)
    for k in (10, 9_000, 19_990):
        hyp[k] = "changed"
    assert edits(list(range(len(hyp))), list(range(len(ref)))) is not None
    assert _ter.ter_edits(hyp, ref) == (3, 20_000)
