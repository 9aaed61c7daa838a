"""A persistent SQLite cache in front of any translator: re-checking unchanged text costs no model call.

Keyed by the translator's signature (backend, model revision, decoding options) and the exact
input text. WAL mode and a busy timeout make two processes sharing one cache safe; a corrupt
file is moved aside and rebuilt with a warning, and any other database trouble only turns the
cache off for that call. The cache never makes a check fail.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import time
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from mtqa.translate.base import Translation, Translator

__all__ = ["CACHE_FILE", "CachedTranslator", "default_cache_dir"]

CACHE_FILE = "translations.sqlite3"
_SCHEMA_VERSION = 1
_CORRUPT_CODES = {11, 26}  # SQLITE_CORRUPT, SQLITE_NOTADB
_CHUNK = 500  # stays under SQLite's limit on bound parameters


def default_cache_dir() -> Path:
    """``MTQA_CACHE_DIR`` if set, else the platform's user cache directory for mtqa."""
    if env := os.environ.get("MTQA_CACHE_DIR"):
        return Path(env).expanduser()
    import platformdirs

    return Path(platformdirs.user_cache_dir("mtqa"))


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
        self._conn: sqlite3.Connection | None = None
        self._disabled = False

    def signature(self) -> str:
        return self.inner.signature()

    def translate(self, texts: Sequence[str]) -> list[Translation]:
        signature = self.inner.signature()
        unique = list(dict.fromkeys(texts))
        keys = {text: _key(signature, text) for text in unique}
        found = self._lookup(list(keys.values()))
        missing = [text for text in unique if keys[text] not in found]
        self.hits += len(unique) - len(missing)
        self.misses += len(missing)
        fresh: dict[str, Translation] = {}
        if missing:
            fresh = dict(zip(missing, self.inner.translate(missing), strict=True))
            self._store([(keys[text], signature, _dump(tr)) for text, tr in fresh.items()])
        return [fresh[t] if t in fresh else found[keys[t]] for t in texts]

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def clear(self) -> None:
        """Forget every cached translation (of every translator) in this cache file."""
        self._with_db(lambda conn: conn.execute("DELETE FROM translations"), "clear")

    # -- database ----------------------------------------------------------------------------

    def _lookup(self, keys: list[str]) -> dict[str, Translation]:
        def query(conn: sqlite3.Connection) -> dict[str, Translation]:
            rows: dict[str, Translation] = {}
            for i in range(0, len(keys), _CHUNK):
                chunk = keys[i:i + _CHUNK]
                marks = ",".join("?" * len(chunk))
                for key, value in conn.execute(f"SELECT key, value FROM translations WHERE key IN ({marks})",
                                               chunk):
                    if (translation := _load(value)) is not None:
                        rows[key] = translation
            return rows

        return self._with_db(query, "read") or {}

    def _store(self, rows: list[tuple[str, str, str]]) -> None:
        now = time.time()

        def write(conn: sqlite3.Connection) -> None:
            with conn:
                conn.executemany("INSERT OR REPLACE INTO translations (key, signature, value, created) "
                                 "VALUES (?, ?, ?, ?)", [(*row, now) for row in rows])

        self._with_db(write, "write")

    def _with_db(self, action: Any, what: str) -> Any:
        """Run ``action(conn)``; rebuild a corrupt file once, otherwise warn and go without cache."""
        for attempt in (1, 2):
            if self._disabled:
                return None
            try:
                return action(self._connect())
            except sqlite3.DatabaseError as exc:
                self.close()
                if _is_corrupt(exc) and attempt == 1:
                    warnings.warn(f"mtqa: the translation cache {self.path} is corrupt ({exc}); rebuilding it",
                                  RuntimeWarning, stacklevel=3)
                    self._move_aside()
                    continue
                warnings.warn(f"mtqa: cannot {what} the translation cache {self.path} ({exc}); "
                              "continuing without it", RuntimeWarning, stacklevel=3)
                self._disabled = True  # don't wait out a 30 s lock timeout on every later call
                return None
            except OSError as exc:  # unwritable directory, full disk
                warnings.warn(f"mtqa: cannot use the translation cache {self.path} ({exc}); "
                              "continuing without it", RuntimeWarning, stacklevel=3)
                self._disabled = True
                return None
        return None

    def _connect(self) -> sqlite3.Connection:
        if self._conn is not None:
            return self._conn
        self.path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(self.path, timeout=30.0, isolation_level=None)
        try:
            conn.execute("PRAGMA busy_timeout = 30000")
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            if version not in (0, _SCHEMA_VERSION):
                conn.execute("DROP TABLE IF EXISTS translations")  # an older layout: start afresh
            conn.execute("CREATE TABLE IF NOT EXISTS translations (key TEXT PRIMARY KEY, signature TEXT NOT NULL,"
                         " value TEXT NOT NULL, created REAL NOT NULL)")
            conn.execute(f"PRAGMA user_version = {_SCHEMA_VERSION}")
        except BaseException:
            conn.close()
            raise
        self._conn = conn
        return conn

    def _move_aside(self) -> None:
        stamp = f"{int(time.time())}-{os.getpid()}"
        for suffix in ("", "-wal", "-shm"):
            path = Path(f"{self.path}{suffix}")
            try:
                if suffix:
                    path.unlink(missing_ok=True)
                elif path.exists():
                    os.replace(path, path.with_name(f"{path.name}.corrupt-{stamp}"))
            except OSError:
                pass


def _is_corrupt(exc: sqlite3.DatabaseError) -> bool:
    code = getattr(exc, "sqlite_errorcode", None)
    if code is not None:
        return int(code) & 0xFF in _CORRUPT_CODES
    message = str(exc).lower()
    return "not a database" in message or "malformed" in message


def _key(signature: str, text: str) -> str:
    return hashlib.sha256(f"{signature}\x00{text}".encode()).hexdigest()


def _dump(translation: Translation) -> str:
    return json.dumps({
        "text": translation.text, "tokens": translation.tokens, "token_spans": translation.token_spans,
        "token_logprobs": translation.token_logprobs, "alignment": translation.alignment,
        "notes": translation.notes}, ensure_ascii=False, separators=(",", ":"))


def _load(value: str) -> Translation | None:
    """A cached row back as a Translation; None (a miss) for anything unreadable."""
    try:
        data = json.loads(value)

        def spans(items: list[list[int] | None]) -> tuple[tuple[int, int] | None, ...]:
            return tuple(None if s is None else (int(s[0]), int(s[1])) for s in items)

        return Translation(
            text=str(data["text"]), tokens=tuple(str(t) for t in data["tokens"]),
            token_spans=spans(data["token_spans"]),
            token_logprobs=tuple(float(x) for x in data["token_logprobs"]),
            alignment=spans(data["alignment"]), notes=tuple(str(n) for n in data["notes"]))
    except (ValueError, KeyError, TypeError, IndexError):
        return None
