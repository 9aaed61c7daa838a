"""Piece offsets, detokenisation, splitting, batching and word alignment — no model needed."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from mtqa.translate._engine import (
    RawOutput,
    Seq2SeqTranslator,
    _batches,
    _Unit,
    split_text,
    word_alignment,
    word_to_word,
)
from mtqa.translate._pieces import Encoded, MarianVocab, detokenize, piece_spans


@pytest.mark.parametrize(("text", "pieces", "expected"), [
    ("التقى وزير الخارجية", ["▁التقى", "▁وزير", "▁ال", "خارجية"], [(0, 5), (6, 10), (11, 13), (13, 19)]),
    ("  عمان  يوم", ["▁عمان", "▁يوم"], [(2, 6), (8, 11)]),
    # SentencePiece normalizes full-width letters (NFKC); offsets still point at the original.
    ("ＡＢ في", ["▁AB", "▁في"], [(0, 2), (3, 5)]),
    ("ﻻ بأس", ["▁لا", "▁بأس"], [(0, 1), (2, 5)]),
    ("abc", ["▁", "abc"], [None, (0, 3)]),
])
def test_piece_spans(text: str, pieces: list[str], expected: list[tuple[int, int] | None]) -> None:
    assert piece_spans(text, pieces) == expected


@pytest.mark.parametrize(("pieces", "text", "spans"), [
    (["▁The", "▁min", "ister"], "The minister", [(0, 3), (4, 7), (7, 12)]),
    (["▁", "on", "▁Friday"], "on Friday", [None, (0, 2), (3, 9)]),
    (["▁in", "<unk>", "▁Cairo"], "in⁇ Cairo", [(0, 2), (2, 3), (4, 9)]),
    ([">>ara<<", "▁x", "<pad>"], "x", [(0, 1)]),
])
def test_detokenize(pieces: list[str], text: str, spans: list[tuple[int, int] | None]) -> None:
    out, kept, got = detokenize(pieces, {">>ara<<", "<pad>", "<unk>", "</s>"})
    assert out == text
    assert got == spans
    assert len(kept) == len(got)
    for piece, span in zip(kept, got, strict=True):
        if span is not None and piece != "<unk>":
            assert out[span[0]:span[1]] == piece.lstrip("▁")


def _tokens(text: str) -> int:
    return len(text.split()) + 1


@pytest.mark.parametrize("text", [
    "أ ب ت ث ج ح خ د ذ ر ز س ش ص ض ط ظ ع غ ف ق ك ل م ن ه و ي",
    "قال الوزير، إن المحادثات مثمرة؛ وأضاف أن الاجتماع المقبل سيعقد في عمان, وليس في القاهرة",
    "  leading and trailing spaces are kept out of the parts   ",
    "x" * 50,
])
def test_split_text_covers_everything_within_the_limit(text: str) -> None:
    parts = split_text(text, _tokens if " " in text.strip() else lambda t: len(t) // 4 + 1, 5)
    assert len(parts) > 1
    for offset, part in parts:
        assert text[offset:offset + len(part)] == part
        assert part == part.strip() and part
    # Nothing is dropped: the parts, in order, are exactly the non-space content of the text.
    assert "".join(p for _, p in parts).replace(" ", "") == text.replace(" ", "")


def test_split_prefers_clause_punctuation() -> None:
    text = "قال الوزير إن المحادثات كانت مثمرة جدا، وأضاف أن الاجتماع المقبل سيعقد في عمان"
    parts = split_text(text, _tokens, 10)
    assert parts[0][1].endswith("،")


def _unit(n: int) -> _Unit:
    return _Unit(0, 0, Encoded("", tuple("x" * n), tuple(range(n)), tuple([None] * n)))


def test_batches_respect_the_token_budget_longest_first() -> None:
    units = [_unit(n) for n in (3, 10, 7, 7, 2, 10, 1)]
    batches = _batches(units, 20)
    assert [len(u.encoded) for b in batches for u in b] == sorted((3, 10, 7, 7, 2, 10, 1), reverse=True)
    for batch in batches:
        assert len(batch) * len(batch[0].encoded) <= 20 or len(batch) == 1


def test_word_alignment_sums_pieces_of_a_word_and_skips_specials() -> None:
    text = "في القاهرة اليوم"
    encoded = Encoded(text, (">>ara<<", "▁في", "▁ال", "قاهرة", "▁اليوم", "</s>"), (9, 1, 2, 3, 4, 0),
                      (None, (0, 2), (3, 5), (5, 10), (11, 16), None))
    rows = [
        [0.9, 0.05, 0.0, 0.0, 0.05, 0.0],   # prefix never wins: falls to the best word
        [0.0, 0.3, 0.2, 0.2, 0.3, 0.0],     # ال + قاهرة = 0.4 beats 0.3
        [0.0, 0.0, 0.0, 0.0, 0.1, 0.9],     # EOS never wins
        [0.0, 0.0, 0.0, 0.0, 0.0, 1.0],     # only EOS: unknown
    ]
    assert word_alignment(rows, encoded) == [(0, 2), (3, 10), (11, 16), None]


def test_pieces_of_one_output_word_share_its_alignment() -> None:
    text = "يزور روسيا غدا"
    encoded = Encoded(text, ("▁يزور", "▁روسيا", "▁غدا", "</s>"), (1, 2, 3, 0),
                      ((0, 4), (5, 10), (11, 14), None))
    pieces = ["▁visits", "▁Russ", "ia", "▁", "tomorrow"]
    rows = [
        [0.8, 0.1, 0.1, 0.0],
        [0.1, 0.8, 0.1, 0.0],
        [0.5, 0.3, 0.2, 0.0],   # alone it would point at يزور; with "▁Russ" the word wins
        [0.0, 0.0, 0.0, 1.0],
        [0.1, 0.1, 0.8, 0.0],
    ]
    assert word_to_word(pieces, rows, encoded) == [(0, 4), (5, 10), (5, 10), (11, 14), (11, 14)]


class _Echo(Seq2SeqTranslator):
    """Backend that 'translates' by echoing the input pieces, attending to the same position."""

    def __init__(self, vocab: MarianVocab, limit: int) -> None:
        super().__init__(vocab, batch_tokens=64, max_input_tokens=limit, alignments=True)
        self.batches: list[list[str]] = []

    def signature(self) -> str:
        return "echo"

    def _run(self, batch: list[Encoded]) -> list[RawOutput]:
        self.batches.append([e.text for e in batch])
        out = []
        for e in batch:
            pieces = [p for p in e.pieces if p != "</s>"]
            rows = [[1.0 if j == i else 0.0 for j in range(len(e))] for i in range(len(pieces))]
            out.append(RawOutput(pieces, [-0.5] * len(pieces), rows))
        return out


class _FakeSp:
    def encode(self, text: str, out_type: type = str) -> list[str]:
        return ["▁" + w for w in text.split()]


def _vocab() -> MarianVocab:
    vocab = MarianVocab.__new__(MarianVocab)
    vocab.source_index = {"</s>": 0, "<unk>": 1, "<pad>": 2}
    vocab.target_index = vocab.source_index
    vocab.target_pieces = {0: "</s>", 1: "<unk>", 2: "<pad>"}
    vocab.sp_source = vocab.sp_target = _FakeSp()
    vocab.eos_id, vocab.unk_id, vocab.pad_id, vocab.max_length = 0, 1, 2, 512
    vocab.prefix = ()
    vocab.specials = {"</s>", "<pad>"}
    return vocab


def _translate(echo: _Echo, texts: Sequence[str]) -> list[str]:
    return [t.text for t in echo.translate(texts)]


def test_engine_dedupes_keeps_order_and_skips_blank_lines() -> None:
    echo = _Echo(_vocab(), limit=50)
    assert _translate(echo, ["a b", "", "c", "a b", "  "]) == ["a b", "", "c", "a b", ""]
    assert sorted(t for b in echo.batches for t in b) == ["a b", "c"]
    assert echo.texts_translated == 2


def test_engine_splits_long_inputs_and_maps_alignments_back() -> None:
    echo = _Echo(_vocab(), limit=4)
    text = "one two three، four five six seven"
    [result] = echo.translate([text])
    assert result.text == "one two three، four five six seven"
    assert result.notes and "split into" in result.notes[0]
    assert len(result.tokens) == len(result.alignment) == len(result.token_spans) == 7
    for span, aligned in zip(result.token_spans, result.alignment, strict=True):
        assert span is not None and aligned is not None
        assert result.text[span[0]:span[1]] == text[aligned[0]:aligned[1]]
