"""Back-translations the user already has (``--backtranslation FILE``): no model at all.

Also the test double for everything above the translator, like httpx's ``MockTransport``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from pathlib import Path

from mtqa.errors import InputError
from mtqa.translate.base import Translation

__all__ = ["PrecomputedTranslator"]


class PrecomputedTranslator:
    """Answers from ``mapping``: either input text -> back-translation, or one back-translation
    per input in order (a line file beside the Arabic file).

    With a sequence, every :meth:`translate` call must pass exactly as many texts as it holds, in
    the same order; with a mapping, texts are looked up exactly, then with whitespace collapsed.
    A text with no back-translation is an :class:`InputError`, never a silent empty string.
    """

    def __init__(self, mapping: Mapping[str, str] | Sequence[str], *, name: str = "precomputed") -> None:
        if isinstance(mapping, str):
            raise TypeError("PrecomputedTranslator wants a mapping or a sequence of strings, not one string")
        self.name = name
        self._by_text: dict[str, str] | None = None
        self._in_order: tuple[str, ...] | None = None
        digest = hashlib.sha256()
        if isinstance(mapping, Mapping):
            self._by_text = {str(k): str(v) for k, v in mapping.items()}
            self._loose = {_squash(k): v for k, v in self._by_text.items()}
            for k, v in sorted(self._by_text.items()):
                digest.update(f"{k}\x00{v}\x01".encode())
        else:
            self._in_order = tuple(str(v) for v in mapping)
            for v in self._in_order:
                digest.update(f"{v}\x01".encode())
        self._digest = digest.hexdigest()[:12]

    @classmethod
    def from_file(cls, path: str | Path) -> PrecomputedTranslator:
        """One back-translation per line, line *i* for segment *i*."""
        file = Path(path)
        try:
            text = file.read_text(encoding="utf-8-sig")
        except FileNotFoundError:
            raise InputError("back-translation file not found", path=str(file)) from None
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError(f"cannot read back-translation file: {exc}", path=str(file)) from None
        return cls(text.splitlines(), name=f"precomputed:{file.name}")

    def signature(self) -> str:
        return f"{self.name}@{self._digest}"

    def translate(self, texts: Sequence[str]) -> list[Translation]:
        if self._in_order is not None:
            if len(texts) != len(self._in_order):
                raise InputError(f"{len(self._in_order)} back-translations were supplied for "
                                 f"{len(texts)} segments; supply exactly one line per segment")
            return [Translation(text=t) for t in self._in_order]
        assert self._by_text is not None
        out: list[Translation] = []
        for text in texts:
            found = self._by_text.get(text)
            if found is None:
                found = self._loose.get(_squash(text))
            if found is None:
                if not text.strip():
                    found = ""
                else:
                    raise InputError(f"no back-translation supplied for segment {text[:60]!r}")
            out.append(Translation(text=found))
        return out


def _squash(text: str) -> str:
    return " ".join(text.split())
