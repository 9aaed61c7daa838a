"""Forced-decoding scores (``Translator.score``): both backends, batching, the cache, plug-ins."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest

from mtqa.support import support_of
from mtqa.translate import CachedTranslator
from mtqa.translate.base import TokenScores, Translation, can_score
from mtqa.translate.ct2 import CTranslate2Translator
from mtqa.translate.marian import MarianTranslator

MEETING = "التقى وزير الخارجية الأردني بنظيره الفرنسي في عمان يوم الخميس"
MEETING_EN = "The Jordanian foreign minister met his French counterpart in Amman on Thursday"
DELEGATES = "عقد الاجتماع في بيروت في مارس بحضور 25 مندوبا"
DELEGATES_EN = "The meeting was held in Beirut in March with 25 delegates attending"
# (Arabic, English): faithful, one word wrong, a number wrong, an untranslatable tail, repeats.
PAIRS = [
    (MEETING, MEETING_EN),
    (MEETING, MEETING_EN.replace("Amman", "Cairo")),
    (DELEGATES, DELEGATES_EN.replace("25", "52")),
    (DELEGATES, DELEGATES_EN + ", officials said on Sunday."),
    ("القاهرة، 14 مارس", "Cairo, March 14"),
    (MEETING, MEETING_EN),
]
# The bound both backends' scores are held to, per token.
NATS = 0.05
# int8 weights and activations (CTranslate2's default here) are exact enough where the model reads
# a plausible sentence; after a token it finds near impossible (below this log-probability) its
# hidden states leave the range quantisation was fitted to, and a few later tokens drift by up to
# ~0.5 nats on the toy model (2% of them beyond 0.05 on benchmarks/support.py's planted errors).
# There the two backends are held to the same verdicts instead: the same unsupported words.
SURPRISE = -5.0


def _all(scores: TokenScores) -> list[float]:
    return [*scores.token_logprobs, scores.eos_logprob if scores.eos_logprob is not None else 0.0]


def _plausible(scores: TokenScores) -> int:
    """How many leading tokens (EOS counted last) come before the first surprising one."""
    values = _all(scores)
    return next((i for i, v in enumerate(values) if v < SURPRISE), len(values))


@pytest.mark.parametrize("quantization", ["float32", "int8"])
@pytest.mark.parametrize("which", ["tiny", "toy"])
def test_backends_agree_per_token(which: str, quantization: str, tiny_model_dir: Path, toy_model_dir: Path) -> None:
    model = tiny_model_dir if which == "tiny" else toy_model_dir
    marian = MarianTranslator(model, device="cpu")
    ct2 = CTranslate2Translator(model, device="cpu", quantization=quantization)
    arabic, english = [a for a, _ in PAIRS], [e for _, e in PAIRS]
    for m, c in zip(marian.score(arabic=arabic, english=english), ct2.score(arabic=arabic, english=english),
                    strict=True):
        assert m.tokens == c.tokens and m.token_spans == c.token_spans and m.tokens
        assert m.alignment == c.alignment
        if quantization == "float32":
            assert _all(m) == pytest.approx(_all(c), abs=NATS)
            continue
        n = _plausible(m)
        assert _all(m)[:n] == pytest.approx(_all(c)[:n], abs=NATS)
        a, b = support_of(m, None), support_of(c, None)
        assert a is not None and b is not None
        assert [w.word for w in a.words if a.unsupported(w, 3.0)] == [w.word for w in b.words if b.unsupported(w, 3.0)]


@pytest.mark.parametrize("backend", ["marian", "ct2"])
def test_batching_gives_the_numbers_of_one_pair_at_a_time(backend: str, toy_model_dir: Path) -> None:
    tr = MarianTranslator(toy_model_dir, device="cpu") if backend == "marian" else CTranslate2Translator(
        toy_model_dir, device="cpu")
    together = tr.score(arabic=[a for a, _ in PAIRS], english=[e for _, e in PAIRS])
    assert tr.pairs_scored == len(set(PAIRS))  # a repeated pair is scored once
    assert together[0] is together[5]
    for pair, scores in zip(PAIRS, together, strict=True):
        [alone] = tr.score(arabic=[pair[0]], english=[pair[1]])
        assert alone.tokens == scores.tokens and alone.alignment == scores.alignment
        assert _all(alone) == pytest.approx(_all(scores), abs=1e-5)


def test_scores_are_the_generation_log_probabilities_of_the_models_own_output(toy_model_dir: Path) -> None:
    # Forcing the greedy output must give back the log-probabilities greedy decoding recorded, so
    # that a source's support and the back-translation's confidence are on one scale.
    marian = MarianTranslator(toy_model_dir, device="cpu")
    translations = marian.translate([MEETING, DELEGATES])
    forced = marian.score(arabic=[MEETING, DELEGATES], english=[t.text for t in translations])
    for translation, scores in zip(translations, forced, strict=True):
        assert scores.tokens == translation.tokens
        assert scores.token_logprobs == pytest.approx(translation.token_logprobs, abs=1e-4)
        assert scores.alignment == translation.alignment


@pytest.mark.parametrize("backend", ["marian", "ct2"])
def test_a_wrong_word_scores_low_and_points_at_the_arabic_it_contradicts(backend: str, toy_model_dir: Path) -> None:
    tr = MarianTranslator(toy_model_dir, device="cpu") if backend == "marian" else CTranslate2Translator(
        toy_model_dir, device="cpu")
    good, bad = tr.score(arabic=[MEETING, MEETING], english=[MEETING_EN, MEETING_EN.replace("Amman", "Cairo")])
    words = {w.word: w for w in bad.words()}
    assert words["Cairo"].logprob < min(w.logprob for w in good.words()) - 3
    assert words["Cairo"].arabic is not None
    assert MEETING[slice(*words["Cairo"].arabic)] == "عمان"
    others = [w for w in bad.words() if w.word != "Cairo"]
    assert min(w.logprob for w in others) > words["Cairo"].logprob + 3


@pytest.mark.parametrize("backend", ["marian", "ct2"])
def test_empty_and_too_long_pairs_are_not_scored(backend: str, tiny_model_dir: Path) -> None:
    tr = MarianTranslator(tiny_model_dir, device="cpu") if backend == "marian" else CTranslate2Translator(
        tiny_model_dir, device="cpu")
    long_english = " ".join(["The minister met his counterpart"] * 40)  # the tiny model takes 64 positions
    empty, too_long, fine = tr.score(arabic=["", MEETING, MEETING], english=["x", long_english, MEETING_EN])
    assert not empty.tokens and not too_long.tokens and fine.tokens
    assert too_long.notes and "too long" in too_long.notes[0]


def test_words_sum_their_pieces_and_skip_punctuation() -> None:
    scores = TokenScores(text="Amman, on Thursday.", tokens=("▁Am", "man", ",", "▁on", "▁Thurs", "day", "."),
                         token_spans=((0, 2), (2, 5), (5, 6), (7, 9), (10, 15), (15, 18), (18, 19)),
                         token_logprobs=(-1.0, -0.5, -0.1, -0.2, -2.0, -0.25, -0.1),
                         alignment=((0, 4), (0, 4), None, (5, 7), (8, 12), (8, 12), None))
    words = scores.words()
    assert [(w.word, w.pieces, w.arabic) for w in words] == [("Amman", 2, (0, 4)), ("on", 1, (5, 7)),
                                                             ("Thursday", 2, (8, 12))]
    assert [w.logprob for w in words] == pytest.approx([-1.5, -0.2, -2.25])
    assert scores.mean_logprob == pytest.approx(sum(scores.token_logprobs) / 7)


class _CountingScorer:
    """A plug-in translator with ``score``; counts the pairs it is asked."""

    def __init__(self) -> None:
        self.asked: list[tuple[str, str]] = []

    def signature(self) -> str:
        return "counting"

    def translate(self, texts: Sequence[str]) -> list[Translation]:
        return [Translation(text=t) for t in texts]

    def score(self, *, arabic: Sequence[str], english: Sequence[str]) -> list[TokenScores]:
        self.asked.extend(zip(arabic, english, strict=True))
        return [TokenScores(text=e, tokens=("▁x",), token_spans=((0, 1),), token_logprobs=(-float(len(a)),))
                for a, e in zip(arabic, english, strict=True)]


def test_scores_are_cached_by_signature_and_pair(tmp_path: Path) -> None:
    inner = _CountingScorer()
    cached = CachedTranslator(inner, tmp_path)
    first = cached.score(arabic=["أ", "ب", "أ"], english=["a", "b", "a"])
    again = CachedTranslator(inner, tmp_path).score(arabic=["ب", "أ", "ج"], english=["b", "a", "c"])
    assert inner.asked == [("أ", "a"), ("ب", "b"), ("ج", "c")]
    assert again[:2] == [first[1], first[0]]
    # The translations of the same texts are another table: scoring never answers a translation.
    assert [t.text for t in cached.translate(["a"])] == ["a"]

    class _Other(_CountingScorer):
        def signature(self) -> str:
            return "other"

    other = _Other()
    CachedTranslator(other, tmp_path).score(arabic=["أ"], english=["a"])
    assert other.asked == [("أ", "a")]


def test_the_cache_scores_again_when_alignments_are_now_wanted(tmp_path: Path, toy_model_dir: Path) -> None:
    # CTranslate2 aligns given outputs in a second pass, only for the pairs ``align`` picks; a pair
    # cached without alignments is scored again once a run needs them.
    inner = CTranslate2Translator(toy_model_dir, device="cpu")
    cached = CachedTranslator(inner, tmp_path)
    [plain] = cached.score(arabic=[MEETING], english=[MEETING_EN], align=lambda s: False)
    assert plain.tokens and not plain.alignment
    [again] = cached.score(arabic=[MEETING], english=[MEETING_EN], align=lambda s: False)
    assert cached.score_hits == 1 and again == plain
    [aligned] = cached.score(arabic=[MEETING], english=[MEETING_EN], align=lambda s: True)
    assert len(aligned.alignment) == len(aligned.tokens) and all(aligned.alignment)
    assert aligned.token_logprobs == plain.token_logprobs
    assert cached.score(arabic=[MEETING], english=[MEETING_EN], align=lambda s: True) == [aligned]
    assert cached.score_hits == 2


def test_a_translator_without_score_is_not_a_scorer(tmp_path: Path) -> None:
    class _TranslateOnly:
        def signature(self) -> str:
            return "plain"

        def translate(self, texts: Sequence[str]) -> list[Translation]:
            return [Translation(text=t) for t in texts]

    cached = CachedTranslator(_TranslateOnly(), tmp_path)
    assert not can_score(cached) and can_score(CachedTranslator(_CountingScorer(), tmp_path))
    with pytest.raises(NotImplementedError):
        cached.score(arabic=["أ"], english=["a"])


def test_marian_scoring_reuses_the_encoder_states_of_its_back_translation(toy_model_dir: Path) -> None:
    arabic = [a for a, _ in PAIRS[:5]]
    english = [e for _, e in PAIRS[:5]]
    fresh = MarianTranslator(toy_model_dir, device="cpu").score(arabic=arabic, english=english)
    reusing = MarianTranslator(toy_model_dir, device="cpu")
    reusing.translate(arabic)
    runs: list[int] = []
    handle = reusing.model.get_encoder().register_forward_hook(lambda *_: runs.append(1))
    try:
        again = reusing.score(arabic=arabic, english=english)
    finally:
        handle.remove()
    assert runs == []  # every source was encoded for its back-translation
    for a, b in zip(fresh, again, strict=True):
        assert a.alignment == b.alignment
        assert _all(a) == pytest.approx(_all(b), abs=1e-4)
