"""Word tokenisation with code-point offsets."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from mtqa.lang.arabic import DIACRITICS_CLASS as _DIACRITICS
from mtqa.text.normalize import ARABIC_LETTER

__all__ = ["Token", "tokenize", "words"]

_NUMBER = r"[0-9\u0660-\u0669\u06f0-\u06f9]+(?:[.,\u066b\u066c][0-9\u0660-\u0669\u06f0-\u06f9]+)*"
_TOKEN = re.compile(
    rf"(?P<num>{_NUMBER})"
    rf"|(?P<ar>[{ARABIC_LETTER}{_DIACRITICS}]+)"
    r"|(?P<lat>[A-Za-z\u00c0-\u024f]+(?:['’\-][A-Za-z\u00c0-\u024f]+)*)"
    r"|(?P<punct>[^\s\w]|_)"
    r"|(?P<other>\w+)"
)


@dataclass(frozen=True)
class Token:
    text: str
    start: int
    end: int
    kind: str  # "num" | "ar" | "lat" | "punct" | "other"

    @property
    def is_word(self) -> bool:
        return self.kind in ("ar", "lat", "other", "num")


@lru_cache(maxsize=16384)
def tokenize(text: str) -> tuple[Token, ...]:
    """Tokens with ``text[t.start:t.end] == t.text``; whitespace is not a token."""
    return tuple(
        Token(m.group(), m.start(), m.end(), m.lastgroup or "other") for m in _TOKEN.finditer(text)
    )


def words(text: str) -> list[Token]:
    return [t for t in tokenize(text) if t.is_word]
