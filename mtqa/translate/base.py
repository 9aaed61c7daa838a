"""The Translator protocol and the Translation it returns."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

__all__ = ["Translation", "Translator"]


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


@runtime_checkable
class Translator(Protocol):
    """Anything that turns a batch of texts into translations, in order."""

    def translate(self, texts: Sequence[str]) -> list[Translation]: ...

    def signature(self) -> str: ...
