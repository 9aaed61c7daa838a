"""A persistent SQLite cache in front of any translator: re-checking unchanged text costs no model call.

Keyed by the translator's signature (backend, model revision, decoding options) and the exact
input text; forced-decoding scores (:meth:`CachedTranslator.score`) by the signature and the exact
(Arabic, English) pair, in their own table. The database handling (WAL, busy timeout, rebuilding a corrupt file with a warning,
going on without the cache on any other trouble) is :class:`mtqa._store.Store`'s.
"""

from __future__ import annotations

import hashlib
import inspect
import json
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from mtqa._store import Store, default_cache_dir
from mtqa.translate.base import TokenScores, Translation, Translator, can_score

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
        self._scores = Store(self.path, table="scores", label="translation cache")
        self.score_hits = 0
        self.score_misses = 0

    def signature(self) -> str:
        return self.inner.signature()

    @property
    def can_score(self) -> bool:
        return can_score(self.inner)

    def score(self, *, arabic: Sequence[str], english: Sequence[str],
              align: Callable[[TokenScores], bool] | None = None) -> list[TokenScores]:
        """The inner translator's forced-decoding scores, from the cache where it has them.

        A cached pair without alignments counts as a miss when ``align`` now wants them (and the
        inner translator gives alignments), so a run that needs the Arabic spans gets them.
        """
        if not self.can_score:
            raise NotImplementedError(f"{self.inner.signature()} cannot score given translations")
        signature = self.inner.signature()
        pairs = list(zip(arabic, english, strict=True))
        unique = list(dict.fromkeys(pairs))
        keys = {pair: _score_key(signature, *pair) for pair in unique}
        found = self._scores.decode(self._scores.get_many(list(keys.values())), _load_scores)
        aligns = bool(getattr(self.inner, "alignments", False))
        missing = [pair for pair in unique if keys[pair] not in found or (
            aligns and align is not None and found[keys[pair]].tokens and not found[keys[pair]].alignment
            and align(found[keys[pair]]))]
        self.score_hits += len(unique) - len(missing)
        self.score_misses += len(missing)
        fresh: dict[tuple[str, str], TokenScores] = {}
        if missing:
            scored = call_score(self.inner, [a for a, _ in missing], [e for _, e in missing], align)
            fresh = dict(zip(missing, scored, strict=True))
            self._scores.put_many({keys[pair]: (signature, _dump_scores(sc)) for pair, sc in fresh.items()})
        return [fresh[p] if p in fresh else found[keys[p]] for p in pairs]

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
        self._scores.close()

    def clear(self) -> None:
        """Forget every cached translation and score (of every translator) in this cache file."""
        self._store.clear()
        self._scores.clear()


def call_score(scorer: Any, arabic: Sequence[str], english: Sequence[str],
               align: Callable[[TokenScores], bool] | None) -> list[TokenScores]:
    """``scorer.score(arabic=..., english=...)``, passing ``align`` only to a scorer that takes it
    (the plug-in protocol does not require it)."""
    try:
        takes_align = "align" in inspect.signature(scorer.score).parameters
    except (TypeError, ValueError):
        takes_align = False
    if takes_align:
        out = scorer.score(arabic=arabic, english=english, align=align)
    else:
        out = scorer.score(arabic=arabic, english=english)
    result = list(out)
    if len(result) != len(arabic) or not all(isinstance(r, TokenScores) for r in result):
        raise ValueError(f"score() returned {len(result)} results for {len(arabic)} pairs, "
                         "or something other than TokenScores")
    return result


def _score_key(signature: str, arabic: str, english: str) -> str:
    # "score" first: a scored pair never collides with a translated text, even in one table.
    return hashlib.sha256(f"score\x00{signature}\x00{arabic}\x00{english}".encode()).hexdigest()


def _dump_scores(scores: TokenScores) -> str:
    return json.dumps({
        "text": scores.text, "tokens": scores.tokens, "token_spans": scores.token_spans,
        "token_logprobs": scores.token_logprobs, "alignment": scores.alignment,
        "eos_logprob": scores.eos_logprob, "notes": scores.notes}, ensure_ascii=False, separators=(",", ":"))


def _load_scores(data: Any) -> TokenScores:
    """A cached row (parsed JSON) back as TokenScores; any error means the row is unusable."""
    eos = data["eos_logprob"]
    return TokenScores(
        text=str(data["text"]), tokens=tuple(str(t) for t in data["tokens"]),
        token_spans=_spans(data["token_spans"]),
        token_logprobs=tuple(float(x) for x in data["token_logprobs"]),
        alignment=_spans(data["alignment"]), eos_logprob=None if eos is None else float(eos),
        notes=tuple(str(n) for n in data["notes"]))


def _spans(items: list[list[int] | None]) -> tuple[tuple[int, int] | None, ...]:
    return tuple(None if s is None else (int(s[0]), int(s[1])) for s in items)


def _key(signature: str, text: str) -> str:
    return hashlib.sha256(f"{signature}\x00{text}".encode()).hexdigest()


def _dump(translation: Translation) -> str:
    return json.dumps({
        "text": translation.text, "tokens": translation.tokens, "token_spans": translation.token_spans,
        "token_logprobs": translation.token_logprobs, "alignment": translation.alignment,
        "notes": translation.notes}, ensure_ascii=False, separators=(",", ":"))


def _load(data: Any) -> Translation:
    """A cached row (parsed JSON) back as a Translation; any error means the row is unusable."""
    return Translation(
        text=str(data["text"]), tokens=tuple(str(t) for t in data["tokens"]),
        token_spans=_spans(data["token_spans"]),
        token_logprobs=tuple(float(x) for x in data["token_logprobs"]),
        alignment=_spans(data["alignment"]), notes=tuple(str(n) for n in data["notes"]))
