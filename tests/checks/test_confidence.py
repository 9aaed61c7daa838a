"""No-source signals: unsure back-translated words, round-trip and mean log-probability."""

from __future__ import annotations

import pytest

import mtqa
from mtqa.translate.base import Translation

AR = "وزراء ناتو في الخارج يجتمعون في بروكسل"
BT = "Ministers of NATO abroad meet in Brussels"


def _spans(text: str) -> list[tuple[int, int]]:
    spans, pos = [], 0
    for word in text.split():
        start = text.index(word, pos)
        spans.append((start, start + len(word)))
        pos = start + len(word)
    return spans


def _bt(logprobs: list[float]) -> Translation:
    words = BT.split()
    spans, ar_spans = _spans(BT), _spans(AR)
    # Ministers→وزراء, of NATO→ناتو, abroad→في الخارج, meet→يجتمعون, in→في, Brussels→بروكسل
    align = [ar_spans[0], ar_spans[1], ar_spans[1], (ar_spans[2][0], ar_spans[3][1]), ar_spans[4],
             ar_spans[5], ar_spans[6]]
    return Translation(text=BT, tokens=tuple(words), token_spans=tuple(spans),
                       token_logprobs=tuple(logprobs), alignment=tuple(align))


class FixedTranslator:
    def __init__(self, translation: Translation) -> None:
        self.translation = translation

    def translate(self, texts: list[str]) -> list[Translation]:
        return [self.translation for _ in texts]

    def signature(self) -> str:
        return "fixed"


def _flags(translation: Translation, source: str | None = None) -> list[mtqa.Flag]:
    checker = mtqa.Checker(mtqa.Config(), translator=FixedTranslator(translation))
    return checker.check(target=AR, source=source).flags(rules=["low-confidence-phrase"])


def test_unsure_words_flag_the_arabic_they_attend_to() -> None:
    flags = _flags(_bt([-0.1, -0.2, -0.1, -7.5, -0.3, -0.1, -0.2]))
    assert [f.text for f in flags] == ["في الخارج"]
    assert flags[0].evidence["unsure_words"] == "abroad"


@pytest.mark.parametrize("source", [None, "NATO foreign ministers meet in Brussels"])
def test_confident_translation_or_a_source_gives_no_flag(source: str | None) -> None:
    logprobs = [-0.1] * 7 if source is None else [-0.1, -0.2, -0.1, -7.5, -0.3, -0.1, -0.2]
    assert _flags(_bt(logprobs), source) == []


def test_roundtrip_and_mean_logprob_mark_the_sentence() -> None:
    config = mtqa.Config()
    low = Translation(text=BT, token_logprobs=(-3.0, -4.0))

    class Reverse:
        def translate(self, texts: list[str]) -> list[str]:
            return ["نص مختلف تماما" for _ in texts]

    checker = mtqa.Checker(config, translator=FixedTranslator(low), reverse_translator=Reverse())
    report = checker.check(target=AR)
    # Both mark the whole sentence as a mistranslation: one flag, carrying the other's evidence.
    flags = report.flags()
    rules = {f.rule for f in flags} | {a["rule"] for f in flags for a in f.evidence.get("also", ())}
    assert {"roundtrip-divergence", "low-bt-confidence"} <= rules
    assert len([f for f in flags if f.category == "mistranslation"]) == 1
    seg = report.documents[0].segments[0]
    assert seg.roundtrip == "نص مختلف تماما" and seg.scores["roundtrip_chrf"] < 30
    assert seg.scores["bt_logprob"] == pytest.approx(-3.5)
