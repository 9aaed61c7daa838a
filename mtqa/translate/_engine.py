"""What the Marian and CTranslate2 backends share: de-duplication, splitting, batching, alignment.

A backend implements :meth:`Seq2SeqTranslator._run`: a batch of encoded inputs in, for each
one the generated target pieces, their log-probabilities and one attention row per piece; and
:meth:`Seq2SeqTranslator._score`: a batch of (input, given output) pairs in, the log-probability
of each given output piece (teacher forcing) and its attention row.
"""

from __future__ import annotations

import os
import re
from abc import ABC, abstractmethod
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from mtqa.translate._pieces import SPACE, Encoded, MarianVocab, Span, detokenize
from mtqa.translate.base import TokenScores, Translation
from mtqa.translate.resolve import model_identity, model_json

__all__ = ["FORCE_LENGTH_ENV", "RawOutput", "Seq2SeqTranslator", "alignment_layer", "forced_length_setting",
           "split_text", "word_alignment", "word_to_word"]

# Splitting prefers clause punctuation (Arabic and Latin) and falls back to any whitespace.
_CLAUSE_CUT = re.compile(r"[\u060c\u061b\u061f,;:.!?]\s+")
_SPACE_CUT = re.compile(r"\s+")
MAX_BATCH = 64  # bounds generation memory whatever the token budget says
#: Benchmark-only: ``"A,B"`` makes every output exactly ``round(A * n + B)`` pieces long, ``n`` being
#: the input's token count (EOS included). Random-weight models stop at arbitrary points; this gives
#: every engine the same amount of decoding work (``benchmarks/speed.py``). Off unless set; it is
#: part of the translator's signature, so forced outputs never mix with real ones in the cache.
FORCE_LENGTH_ENV = "MTQA_FORCE_OUTPUT_LENGTH"


def forced_length_setting() -> tuple[float, float] | None:
    """The (A, B) of :data:`FORCE_LENGTH_ENV`, or None when unset or malformed."""
    value = os.environ.get(FORCE_LENGTH_ENV, "").strip()
    if not value:
        return None
    try:
        a, b = (float(x) for x in value.split(","))
    except ValueError:
        return None
    return a, b


def alignment_layer(num_layers: int) -> int:
    """The decoder layer whose cross-attention becomes the alignment (0-based).

    The penultimate layer of a translation Transformer aligns best (Garg et al., 2019); with two
    layers or fewer the last one is the only one that has seen the target context.
    """
    return num_layers - 2 if num_layers >= 3 else num_layers - 1


@dataclass
class RawOutput:
    """A backend's answer for one input: pieces, log-probs and attention rows over input ids."""

    pieces: list[str]
    logprobs: list[float]
    attention: list[list[float]] | None = None


@dataclass
class _Unit:
    index: int  # which unique text
    offset: int  # where this part starts in that text
    encoded: Encoded
    output: RawOutput | None = field(default=None)


@dataclass
class _Pair:
    """One (Arabic, English) pair to score: the Arabic as model input, the English as given output."""

    index: int  # which unique pair
    encoded: Encoded  # the Arabic
    target: Encoded  # the English, EOS last
    output: RawOutput | None = field(default=None)


class Seq2SeqTranslator(ABC):
    """Base of the model-backed translators; subclasses load a model and implement :meth:`_run`."""

    #: Model batches run, texts translated and pairs scored by this instance (tests use them to
    #: prove a cache hit).
    calls: int
    texts_translated: int
    pairs_scored: int

    def __init__(self, vocab: MarianVocab, *, batch_tokens: int, max_input_tokens: int,
                 alignments: bool, max_positions: int | None = None) -> None:
        self.vocab = vocab
        self.max_positions = max_positions or max_input_tokens
        self.batch_tokens = batch_tokens
        self.max_input_tokens = max_input_tokens
        self.alignments = alignments
        self.force_length = forced_length_setting()
        self.calls = 0
        self.texts_translated = 0
        self.pairs_scored = 0

    def _init_from_files(self, files: Path, config_name: str, *, identity: Path, target_lang: str | None,
                         beams: int, batch_tokens: int, alignments: bool,
                         max_input_tokens: int | None) -> dict[str, Any]:
        """Set up from a model directory (its config, vocabulary and identity); returns the config.

        Both backends share this: ``files`` holds the config and vocabulary (the Hugging Face
        directory, or its CTranslate2 conversion), ``identity`` the files that name the model.
        """
        config = model_json(files / config_name)
        vocab = MarianVocab(files, target_lang=target_lang)
        limit = min(int(config.get("max_position_embeddings", 512)), vocab.max_length)
        Seq2SeqTranslator.__init__(self, vocab, batch_tokens=batch_tokens, alignments=alignments,
                                   max_input_tokens=max_input_tokens or limit, max_positions=limit)
        self.path = identity
        self.beams = beams
        self.layer = alignment_layer(int(config.get("decoder_layers", 6)))
        self.model_id, self.revision = model_identity(identity)
        return config

    @abstractmethod
    def _run(self, batch: list[Encoded]) -> list[RawOutput]:
        """Translate one batch of encoded inputs (already within the length limit)."""

    def _score(self, batch: list[tuple[Encoded, Encoded]]) -> list[RawOutput]:
        """Teacher-forced log-probabilities of each target piece (EOS included, last) given its
        input, with one attention row per piece when :attr:`alignments` is on."""
        raise NotImplementedError(f"{type(self).__name__} cannot score given translations")

    def _attend(self, batch: list[tuple[Encoded, Encoded]]) -> list[list[list[float]]]:
        """Attention rows (one per given output piece) for a backend whose :meth:`_score` gives none."""
        raise NotImplementedError(f"{type(self).__name__} returns no attention for given translations")

    @property
    def can_score(self) -> bool:
        """True when this backend implements :meth:`_score` (see :func:`mtqa.translate.base.can_score`)."""
        return type(self)._score is not Seq2SeqTranslator._score

    @abstractmethod
    def signature(self) -> str: ...

    def max_new_tokens(self, source_len: int) -> int:
        # Back-translations are about as long as their input; the cap stops a looping model early,
        # and the decoder's start token plus the output must fit the position embeddings.
        return min(self.max_positions - 2, max(16, 3 * source_len + 10))

    def forced_length(self, source_len: int) -> int | None:
        """The exact output length (pieces, EOS excluded) under :data:`FORCE_LENGTH_ENV`, else None."""
        if self.force_length is None:
            return None
        a, b = self.force_length
        return min(self.max_positions - 3, max(1, round(a * source_len + b)))

    def _signature_for(self, backend: str, model_id: str, revision: str, beams: int, layer: int) -> str:
        """backend:model@revision, decoding options, target token, alignment layer, forced length."""
        parts = [f"{backend}:{model_id}@{revision}", f"beams:{beams}", "greedy" if beams == 1 else "beam"]
        if self.vocab.prefix:
            parts.append(f"tgt:{self.vocab.prefix[0]}")
        if self.alignments:
            parts.append(f"align:L{layer}")
        if self.force_length is not None:
            parts.append(f"force-len:{self.force_length[0]:g},{self.force_length[1]:g}")
        return "|".join(parts)

    def translate(self, texts: Sequence[str]) -> list[Translation]:
        """Translate ``texts`` in order; identical texts are translated once."""
        unique = list(dict.fromkeys(texts))
        units: list[_Unit] = []
        notes: dict[int, tuple[str, ...]] = {}
        for index, text in enumerate(unique):
            if not text.strip():
                continue
            encoded = self.vocab.encode(text)
            if len(encoded) <= self.max_input_tokens:
                units.append(_Unit(index, 0, encoded))
                continue
            parts = split_text(text, lambda t: len(self.vocab.encode(t)), self.max_input_tokens)
            notes[index] = ((f"segment too long for the model ({len(encoded)} tokens, limit "
                             f"{self.max_input_tokens}), split into {len(parts)} parts"),)
            units.extend(_Unit(index, offset, self.vocab.encode(part)) for offset, part in parts)
        for batch in _batches(units, self.batch_tokens):
            outputs = self._run([u.encoded for u in batch])
            self.calls += 1
            for unit, output in zip(batch, outputs, strict=True):
                unit.output = output
        self.texts_translated += sum(1 for t in unique if t.strip())
        by_text: dict[int, list[_Unit]] = {}
        for unit in units:
            by_text.setdefault(unit.index, []).append(unit)
        done = {index: self._assemble(parts, notes.get(index, ())) for index, parts in by_text.items()}
        empty = Translation(text="")
        results = [done.get(i, empty) for i in range(len(unique))]
        position = {text: i for i, text in enumerate(unique)}
        return [results[position[t]] for t in texts]

    def score(self, *, arabic: Sequence[str], english: Sequence[str],
              align: Callable[[TokenScores], bool] | None = None) -> list[TokenScores]:
        """Teacher-forced scores of each ``english[i]`` as the translation of ``arabic[i]``.

        Identical pairs are scored once; pairs are batched by length under the same token budget
        as translation. A pair with an empty side, or one longer than the model takes (a long
        segment is split for translation, but a given English text cannot be cut to match), is
        not scored: it gets a :class:`TokenScores` with no tokens and a note.

        Alignments (with :attr:`alignments` on) come with the scores where the backend's scoring
        pass yields attention (transformers). Where it takes a second pass (CTranslate2), ``align``
        picks the scored pairs worth it (all when None), so that sentences with nothing to place
        cost no second pass.
        """
        pairs = list(zip(arabic, english, strict=True))
        unique = list(dict.fromkeys(pairs))
        done: dict[int, TokenScores] = {}
        todo: list[_Pair] = []
        for index, (ar, en) in enumerate(unique):
            if not ar.strip() or not en.strip():
                done[index] = TokenScores(text=en)
                continue
            encoded, target = self.vocab.encode(ar), self.vocab.encode_target(en)
            # The decoder reads its start token and every piece but the last (EOS).
            if len(encoded) > self.max_input_tokens or len(target) > self.max_positions - 1:
                note = (f"not scored: too long for the model ({len(encoded)} input and {len(target)} output "
                        f"tokens, limits {self.max_input_tokens} and {self.max_positions - 1})")
                done[index] = TokenScores(text=en, notes=(note,))
                continue
            todo.append(_Pair(index, encoded, target))
        for batch in _batches(todo, self.batch_tokens, width=lambda p: max(len(p.encoded), len(p.target))):
            outputs = self._score([(p.encoded, p.target) for p in batch])
            self.calls += 1
            for pair, output in zip(batch, outputs, strict=True):
                pair.output = output
        self.pairs_scored += len(todo)
        if self.alignments:
            self._attend_where_needed(todo, align)
        for pair in todo:
            done[pair.index] = self._scores_of(pair)
        position = {pair: i for i, pair in enumerate(unique)}
        return [done[position[p]] for p in pairs]

    def _attend_where_needed(self, pairs: list[_Pair], align: Callable[[TokenScores], bool] | None) -> None:
        wanted = [p for p in pairs if p.output is not None and p.output.attention is None
                  and (align is None or align(self._scores_of(p)))]
        for batch in _batches(wanted, self.batch_tokens, width=lambda p: max(len(p.encoded), len(p.target))):
            rows = self._attend([(p.encoded, p.target) for p in batch])
            self.calls += 1
            for pair, attention in zip(batch, rows, strict=True):
                assert pair.output is not None
                pair.output.attention = attention

    def _scores_of(self, pair: _Pair) -> TokenScores:
        output = pair.output
        assert output is not None
        target = pair.target
        n = len(target) - 1  # EOS last: scored, but not a token of the text
        rows = output.attention[:n] if self.alignments and output.attention is not None else None
        alignment = tuple(word_to_word(list(target.pieces[:n]), rows, pair.encoded)) if rows else ()
        return TokenScores(text=target.text, tokens=target.pieces[:n], token_spans=target.spans[:n],
                           token_logprobs=tuple(float(x) for x in output.logprobs[:n]), alignment=alignment,
                           eos_logprob=float(output.logprobs[n]) if len(output.logprobs) > n else None)

    def _assemble(self, units: list[_Unit], notes: tuple[str, ...]) -> Translation:
        text = ""
        tokens: list[str] = []
        spans: list[Span | None] = []
        logprobs: list[float] = []
        alignment: list[Span | None] = []
        for unit in units:
            assert unit.output is not None
            part_text, kept, part_spans = detokenize(unit.output.pieces, self.vocab.specials)
            kept_logprobs = [lp for piece, lp in zip(unit.output.pieces, unit.output.logprobs, strict=True)
                             if piece not in self.vocab.specials or piece == "<unk>"]
            shift = len(text) + (1 if text and part_text else 0)
            text = f"{text} {part_text}" if text and part_text else text + part_text
            tokens.extend(kept)
            spans.extend(None if s is None else (s[0] + shift, s[1] + shift) for s in part_spans)
            logprobs.extend(kept_logprobs)
            if self.alignments and unit.output.attention is not None:
                rows = [row for piece, row in zip(unit.output.pieces, unit.output.attention, strict=True)
                        if piece not in self.vocab.specials or piece == "<unk>"]
                alignment.extend(None if s is None else (s[0] + unit.offset, s[1] + unit.offset)
                                 for s in word_to_word(kept, rows, unit.encoded))
        return Translation(text=text, tokens=tuple(tokens), token_spans=tuple(spans),
                           token_logprobs=tuple(logprobs), alignment=tuple(alignment), notes=notes)


def word_to_word(pieces: list[str], rows: list[list[float]], encoded: Encoded) -> list[Span | None]:
    """Align output *words* rather than pieces: every piece of an output word gets the input word
    that the word's pieces attend to most together.

    The first piece of a word ("▁Russ") carries most of the signal; continuation pieces ("ia")
    often attend to the neighbourhood instead, so scoring them alone scatters one word's alignment.
    """
    groups: list[list[int]] = []
    for i, piece in enumerate(pieces):
        if not groups or piece.startswith(SPACE):  # a lone "▁" starts the word its next piece ends
            groups.append([i])
        else:
            groups[-1].append(i)
    summed = [[sum(col) for col in zip(*(rows[i] for i in group))] for group in groups]
    per_group = word_alignment(summed, encoded)
    out: list[Span | None] = [None] * len(pieces)
    for group, span in zip(groups, per_group, strict=True):
        for i in group:
            out[i] = span
    return out


def word_alignment(rows: list[list[float]], encoded: Encoded) -> list[Span | None]:
    """For each output row of attention, the span of the input *word* it attends to most.

    Attention over the pieces of one whitespace-delimited word is summed, so a word split into
    several pieces competes as a whole; the language prefix and EOS never win.
    """
    words: list[Span] = [(m.start(), m.end()) for m in re.finditer(r"\S+", encoded.text)]
    column_word: list[int | None] = []
    w = 0
    for span in encoded.spans:
        if span is None:
            column_word.append(None)
            continue
        while w < len(words) and words[w][1] <= span[0]:
            w += 1
        column_word.append(w if w < len(words) else None)
    result: list[Span | None] = []
    for row in rows:
        mass = [0.0] * len(words)
        for column, weight in zip(column_word, row):  # rows may be longer (padding): zip stops
            if column is not None:
                mass[column] += weight
        if not mass or max(mass) <= 0.0:
            result.append(None)
            continue
        result.append(words[max(range(len(mass)), key=mass.__getitem__)])
    return result


def split_text(text: str, count: Callable[[str], int], limit: int) -> list[tuple[int, str]]:
    """Cut ``text`` into (offset, part) pieces of at most ``limit`` tokens, never dropping text."""
    stripped = text.strip()
    offset = text.find(stripped) if stripped else 0
    if count(stripped) <= limit or len(stripped) < 2:
        return [(offset, stripped)]
    cut = _cut_point(stripped)
    left, right = stripped[:cut], stripped[cut:]
    return [(offset + o, p) for o, p in split_text(left, count, limit)] + [
        (offset + cut + o, p) for o, p in split_text(right, count, limit)]


def _cut_point(text: str) -> int:
    middle = len(text) / 2
    for pattern in (_CLAUSE_CUT, _SPACE_CUT):
        # Only cuts in the middle half keep the recursion balanced (and its depth logarithmic).
        cuts = [m.end() for m in pattern.finditer(text) if len(text) / 4 <= m.end() <= 3 * len(text) / 4]
        if cuts:
            return min(cuts, key=lambda c: abs(c - middle))
    return max(1, int(middle))  # one giant "word": a hard cut is still better than truncation


_U = TypeVar("_U", _Unit, _Pair)


def _batches(units: list[_U], budget: int, width: Callable[[_U], int] = lambda u: len(u.encoded)
             ) -> list[list[_U]]:
    """Longest first (by ``width``), as many per batch as the padded token budget allows."""
    ordered = sorted(units, key=width, reverse=True)
    batches: list[list[_U]] = []
    current: list[_U] = []
    for unit in ordered:
        widest = width(current[0]) if current else width(unit)
        if current and ((len(current) + 1) * widest > budget or len(current) >= MAX_BATCH):
            batches.append(current)
            current = []
        current.append(unit)
    if current:
        batches.append(current)
    return batches
