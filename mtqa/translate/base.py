"""The Translator protocol, the Translation it returns, and the optional forced-decoding scores."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol, runtime_checkable

__all__ = ["Scorer", "TokenScores", "Translation", "Translator", "WordSupport", "can_score"]


@dataclass(frozen=True)
class Translation:
    """One translated text, with optional token-level evidence.

    ``tokens[i]`` is the i-th output token as text, ``token_spans[i]`` its (start, end) code-point
    span in ``text`` (None for tokens that produce no visible text), ``token_logprobs[i]`` its
    log-probability under the model, and ``alignment[i]`` the (start, end) code-point span in the
    *input* text that output token attends to most (None where unknown).
    """

    text: str
    tokens: tuple[str, ...] = ()
    token_spans: tuple[tuple[int, int] | None, ...] = ()
    token_logprobs: tuple[float, ...] = ()
    alignment: tuple[tuple[int, int] | None, ...] = ()
    notes: tuple[str, ...] = ()

    @property
    def mean_logprob(self) -> float | None:
        if not self.token_logprobs:
            return None
        return sum(self.token_logprobs) / len(self.token_logprobs)


# An English word as the support of a source word counts it: letters (with inner apostrophes and
# hyphens) or a number; punctuation pieces belong to no word.
_WORD = re.compile(r"[^\W_]+(?:['’\-.,][^\W_]+)*")


@dataclass(frozen=True)
class WordSupport:
    """One English word of a scored text: its span, the sum of its pieces' log-probabilities
    (``logprob``), how many pieces it has, and the span of the Arabic word it attends to most
    (``arabic``; None where unknown)."""

    word: str
    start: int
    end: int
    logprob: float
    pieces: int
    arabic: tuple[int, int] | None = None


@dataclass(frozen=True)
class TokenScores:
    """How probable a *given* English text is as a translation of an Arabic one (teacher forcing).

    The model reads the Arabic and is fed the English one token at a time; ``token_logprobs[i]``
    is log p(token i | Arabic, tokens before i). ``tokens``, ``token_spans`` (code points in
    ``text``) and ``alignment`` (code points in the *Arabic*, the word the token attends to most)
    read as in :class:`Translation`. ``eos_logprob`` is the end-of-sentence token's log-probability
    (None when not scored). ``text == ""`` with no tokens means "not scored" (an empty side, or a
    pair too long for the model; ``notes`` says which).
    """

    text: str
    tokens: tuple[str, ...] = ()
    token_spans: tuple[tuple[int, int] | None, ...] = ()
    token_logprobs: tuple[float, ...] = ()
    alignment: tuple[tuple[int, int] | None, ...] = ()
    eos_logprob: float | None = None
    notes: tuple[str, ...] = ()

    @property
    def mean_logprob(self) -> float | None:
        """Mean log-probability per piece, end-of-sentence excluded: the same normalisation as
        :attr:`Translation.mean_logprob`, so the two are comparable."""
        if not self.token_logprobs:
            return None
        return sum(self.token_logprobs) / len(self.token_logprobs)

    def words(self) -> list[WordSupport]:
        """Per English word: the sum of its pieces' log-probabilities and its Arabic word.

        A piece belongs to every word its span overlaps (SentencePiece never joins two words in
        one piece, so that is one word); punctuation-only pieces belong to none.
        """
        out: list[WordSupport] = []
        placed = [(i, s) for i, s in enumerate(self.token_spans) if s is not None]
        k = 0
        for m in _WORD.finditer(self.text):
            while k < len(placed) and placed[k][1][1] <= m.start():
                k += 1
            mine: list[int] = []
            j = k
            while j < len(placed) and placed[j][1][0] < m.end():
                mine.append(placed[j][0])
                j += 1
            if not mine:
                continue
            arabic = next((a for i in mine if i < len(self.alignment) and (a := self.alignment[i]) is not None),
                          None)
            out.append(WordSupport(m.group(), m.start(), m.end(), sum(self.token_logprobs[i] for i in mine),
                                   len(mine), arabic))
        return out


@runtime_checkable
class Translator(Protocol):
    """Anything that turns a batch of texts into translations, in order."""

    def translate(self, texts: Sequence[str]) -> list[Translation]: ...

    def signature(self) -> str: ...


@runtime_checkable
class Scorer(Protocol):
    """Optional for a translator: teacher-forced scores of given English texts (see :class:`TokenScores`).

    Keyword-only, so that the Arabic and the English cannot be swapped by position.
    """

    def score(self, *, arabic: Sequence[str], english: Sequence[str]) -> list[TokenScores]: ...

    def signature(self) -> str: ...


def can_score(translator: Any) -> bool:
    """Does ``translator`` (or the translator a wrapper holds) implement :class:`Scorer`?

    Wrappers (the cache, the plug-in adapter) always have a ``score`` method and say with
    ``can_score`` whether the translator inside them has one.
    """
    answer = getattr(translator, "can_score", None)
    if isinstance(answer, bool):
        return answer
    return callable(getattr(translator, "score", None))
