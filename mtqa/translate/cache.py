"""A persistent SQLite cache in front of any translator: re-checking unchanged text costs no model call.

Keyed by the translator's signature (backend, model revision, decoding options) and the exact
input text. The database handling (WAL, busy timeout, rebuilding a corrupt file with a warning,
going on without the cache on any other trouble) is :class:`mtqa._store.Store`'s.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from mtqa._store import Store, default_cache_dir
from mtqa.translate.base import Translation, Translator

__all__ = ["CACHE_FILE", "CachedTranslator", "default_cache_dir"]

CACHE_FILE = "translations.sqlite3"


class CachedTranslator:
    """Wraps ``inner``; answers from ``<cache_dir>/translations.sqlite3`` before asking it.

    ``hits`` and ``misses`` count texts (after de-duplication) answered from the cache and
    passed to ``inner``.
    """

    def __init__(self, inner: Translator, cache_dir: str | Path | None = None) -> None:
        self.inner = inner
        self.path = Path(cache_dir).expanduser() / CACHE_FILE if cache_dir is not None else (
            default_cache_dir() / CACHE_FILE)
        self.hits = 0
        self.misses = 0
        self._store = Store(self.path, table="translations", label="translation cache")

    def signature(self) -> str:
        return self.inner.signature()

    def translate(self, texts: Sequence[str]) -> list[Translation]:
        signature = self.inner.signature()
        unique = list(dict.fromkeys(texts))
        keys = {text: _key(signature, text) for text in unique}
        found = self._store.decode(self._store.get_many(list(keys.values())), _load)
        missing = [text for text in unique if keys[text] not in found]
        self.hits += len(unique) - len(missing)
        self.misses += len(missing)
        fresh: dict[str, Translation] = {}
        if missing:
            fresh = dict(zip(missing, self.inner.translate(missing), strict=True))
            self._store.put_many({keys[text]: (signature, _dump(tr)) for text, tr in fresh.items()})
        return [fresh[t] if t in fresh else found[keys[t]] for t in texts]

    def close(self) -> None:
        self._store.close()

    def clear(self) -> None:
        """Forget every cached translation (of every translator) in this cache file."""
        self._store.clear()


def _key(signature: str, text: str) -> str:
    return hashlib.sha256(f"{signature}\x00{text}".encode()).hexdigest()


def _dump(translation: Translation) -> str:
    return json.dumps({
        "text": translation.text, "tokens": translation.tokens, "token_spans": translation.token_spans,
        "token_logprobs": translation.token_logprobs, "alignment": translation.alignment,
        "notes": translation.notes}, ensure_ascii=False, separators=(",", ":"))


def _load(data: Any) -> Translation:
    """A cached row (parsed JSON) back as a Translation; any error means the row is unusable."""

    def spans(items: list[list[int] | None]) -> tuple[tuple[int, int] | None, ...]:
        return tuple(None if s is None else (int(s[0]), int(s[1])) for s in items)

    return Translation(
        text=str(data["text"]), tokens=tuple(str(t) for t in data["tokens"]),
        token_spans=spans(data["token_spans"]),
        token_logprobs=tuple(float(x) for x in data["token_logprobs"]),
        alignment=spans(data["alignment"]), notes=tuple(str(n) for n in data["notes"]))
