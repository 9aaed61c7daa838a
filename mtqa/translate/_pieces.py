"""Marian vocabularies: SentencePiece pieces <-> ids, with character offsets on both sides.

Both backends tokenize through this module rather than through ``MarianTokenizer`` so that every
input piece keeps the character span it came from (needed to turn attention into alignments) and
the CTranslate2 backend needs neither torch nor transformers at translation time.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mtqa.errors import ModelUnavailable
from mtqa.translate.resolve import model_json

__all__ = ["Encoded", "MarianVocab", "detokenize"]

SPACE = "\u2581"  # SentencePiece's word-boundary marker
Span = tuple[int, int]


@dataclass(frozen=True)
class Encoded:
    """One source text as model input: ids (ending in EOS) and the text span of each id."""

    text: str
    pieces: tuple[str, ...]
    ids: tuple[int, ...]
    spans: tuple[Span | None, ...]  # one per id; None for the language prefix and EOS

    def __len__(self) -> int:
        return len(self.ids)


class MarianVocab:
    """The vocabulary files of a Marian model directory (``vocab.json``, ``source.spm``, ``target.spm``)."""

    def __init__(self, model_dir: Path, *, target_lang: str | None = None) -> None:
        try:
            import sentencepiece as spm
        except ImportError:  # pragma: no cover - a core dependency
            raise ModelUnavailable("sentencepiece is not installed: pip install sentencepiece") from None
        try:
            self.source_index: dict[str, int] = model_json(model_dir / "vocab.json")
            target_vocab = model_dir / "target_vocab.json"
            config = _read_json(model_dir / "tokenizer_config.json")
            if config.get("separate_vocabs") and target_vocab.is_file():
                self.target_index: dict[str, int] = model_json(target_vocab)
            else:
                self.target_index = self.source_index
            self.sp_source = spm.SentencePieceProcessor(model_file=str(model_dir / "source.spm"))
            self.sp_target = spm.SentencePieceProcessor(model_file=str(model_dir / "target.spm"))
        except (OSError, ValueError, RuntimeError) as exc:
            raise ModelUnavailable(f"cannot read the vocabulary of {model_dir}: {exc}",
                                   model=str(model_dir), broken=True) from None
        self.target_pieces = {i: p for p, i in self.target_index.items()}
        self.eos_id = self.source_index["</s>"]
        self.unk_id = self.source_index["<unk>"]
        self.pad_id = self.source_index.get("<pad>", len(self.source_index) - 1)
        self.max_length = int(config.get("model_max_length", 512))
        # Multi-target models (opus-mt-en-ar) pick the output language with a >>xxx<< first token.
        self.prefix: tuple[str, ...] = ()
        if target_lang is not None and f">>{target_lang}<<" in self.source_index:
            self.prefix = (f">>{target_lang}<<",)
        self.specials = {p for p in self.target_index if p.startswith("<") and p.endswith(">")} | {
            p for p in self.target_index if p.startswith(">>") and p.endswith("<<")}

    def encode(self, text: str) -> Encoded:
        pieces: list[str] = self.sp_source.encode(text, out_type=str)
        spans = piece_spans(text, pieces)
        all_pieces = (*self.prefix, *pieces, "</s>")
        ids = tuple(self.source_index.get(p, self.unk_id) for p in all_pieces)
        return Encoded(text, all_pieces, ids, (*(None for _ in self.prefix), *spans, None))

    def encode_target(self, text: str) -> Encoded:
        """A given output text as the decoder reads it: target pieces, EOS last (no language prefix:
        that selects the output language on the input side)."""
        pieces: list[str] = self.sp_target.encode(text, out_type=str)
        spans = piece_spans(text, pieces)
        all_pieces = (*pieces, "</s>")
        ids = tuple(self.target_index.get(p, self.unk_id) for p in all_pieces)
        return Encoded(text, all_pieces, ids, (*spans, None))

    def target_piece(self, token_id: int) -> str:
        return self.target_pieces.get(token_id, "<unk>")


def _read_json(path: Path) -> dict[str, Any]:
    return model_json(path) if path.is_file() else {}


def piece_spans(text: str, pieces: list[str]) -> list[Span | None]:
    """The code-point span in ``text`` of each SentencePiece piece (None where it cannot be placed).

    SentencePiece normalizes (NFKC) before splitting, so pieces are matched against the NFKC form
    of the text, keeping a map from each normalized character back to the original one.
    """
    norm: list[str] = []
    origin: list[int] = []
    for i, ch in enumerate(text):
        for n in unicodedata.normalize("NFKC", ch):
            norm.append(n)
            origin.append(i)
    spans: list[Span | None] = []
    pos = 0
    for piece in pieces:
        surface = piece.replace(SPACE, "")
        while pos < len(norm) and norm[pos].isspace():
            pos += 1
        if not surface:
            spans.append(None)
            continue
        end = pos + len(surface)
        if "".join(norm[pos:end]) == surface:
            spans.append((origin[pos], origin[end - 1] + 1))
            pos = end
            continue
        found = "".join(norm).find(surface, pos)  # resynchronise after an unexpected normalization
        if found < 0:
            spans.append(None)
            continue
        end = found + len(surface)
        spans.append((origin[found], origin[end - 1] + 1))
        pos = end
    return spans


def detokenize(pieces: list[str], specials: set[str] | frozenset[str] = frozenset()) -> tuple[
        str, list[str], list[Span | None]]:
    """Join output pieces into text, returning the text, the kept pieces and each piece's span.

    Matches ``SentencePieceProcessor.decode`` for ordinary pieces; special tokens are dropped and
    ``<unk>`` is shown as ``⁇`` like SentencePiece does.
    """
    text = ""
    kept: list[str] = []
    spans: list[Span | None] = []
    for piece in pieces:
        if piece in specials and piece != "<unk>":
            continue
        surface = "\u2047" if piece == "<unk>" else piece
        if surface.startswith(SPACE):
            surface = surface.lstrip(SPACE)
            if text:
                text += " "
        surface = surface.replace(SPACE, " ")
        kept.append(piece)
        if surface:
            spans.append((len(text), len(text) + len(surface)))
            text += surface
        else:
            spans.append(None)
    return text, kept, spans
