"""A small SQLite key→value store shared by the translation and result caches.

WAL mode and a busy timeout make two processes sharing one file safe; a corrupt file is moved
aside and rebuilt with a warning, and any other database trouble only turns the store off for
the rest of the run. A cache never makes a check fail. Every repair is a :class:`CacheWarning`,
which the command line prints on stderr.
"""

from __future__ import annotations

import os
import sqlite3
import threading
import time
import warnings
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any, TypeVar

from mtqa._json import parse_json

__all__ = ["CacheWarning", "Store", "default_cache_dir"]

_T = TypeVar("_T")
_SCHEMA_VERSION = 1
_CORRUPT_CODES = {11, 26}  # SQLITE_CORRUPT, SQLITE_NOTADB
_BUSY = 5  # SQLITE_BUSY: "database is locked"
_CHUNK = 500  # stays under SQLite's limit on bound parameters
_TIMEOUT = 30.0  # seconds to wait for another process's lock


class CacheWarning(RuntimeWarning):
    """A cache was repaired (a corrupt file rebuilt, unreadable rows recomputed) or turned off."""


def default_cache_dir() -> Path:
    """``MTQA_CACHE_DIR`` if set, else the platform's user cache directory for mtqa."""
    if env := os.environ.get("MTQA_CACHE_DIR"):
        return Path(env).expanduser()
    import platformdirs

    return Path(platformdirs.user_cache_dir("mtqa"))


class Store:
    """Rows of (key, signature, value) in table ``table`` of the SQLite file ``path``."""

    def __init__(self, path: Path, *, table: str, label: str) -> None:
        self.path = path
        self.table = table
        self.label = label  # for warnings: "translation cache", "result cache"
        self._conn: sqlite3.Connection | None = None
        self._disabled = False
        # One Checker may serve several threads: one connection, shared under a lock (SQLite
        # serialises writers anyway), instead of sqlite3's "objects created in a thread" error.
        self._lock = threading.RLock()

    def get_many(self, keys: Sequence[str]) -> dict[str, str]:
        def query(conn: sqlite3.Connection) -> dict[str, str]:
            rows: dict[str, str] = {}
            for i in range(0, len(keys), _CHUNK):
                chunk = list(keys[i:i + _CHUNK])
                marks = ",".join("?" * len(chunk))
                rows.update(conn.execute(f"SELECT key, value FROM {self.table} WHERE key IN ({marks})", chunk))
            return rows

        return self._with_db(query, "read") or {}

    def put_many(self, rows: Mapping[str, tuple[str, str]]) -> None:
        """Store ``{key: (signature, value)}``."""
        now = time.time()

        def write(conn: sqlite3.Connection) -> None:
            with conn:
                conn.executemany(f"INSERT OR REPLACE INTO {self.table} (key, signature, value, created) "
                                 "VALUES (?, ?, ?, ?)", [(k, s, v, now) for k, (s, v) in rows.items()])

        self._with_db(write, "write")

    def clear(self) -> None:
        self._with_db(lambda conn: conn.execute(f"DELETE FROM {self.table}"), "clear")

    def close(self) -> None:
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None

    def _with_db(self, action: Callable[[sqlite3.Connection], _T], what: str) -> _T | None:
        """Run ``action(conn)``; rebuild a corrupt file once, otherwise warn and go without the store."""
        with self._lock:
            return self._with_db_locked(action, what)

    def _with_db_locked(self, action: Callable[[sqlite3.Connection], _T], what: str) -> _T | None:
        for attempt in (1, 2):
            if self._disabled:
                return None
            try:
                return action(self._connect())
            except sqlite3.DatabaseError as exc:
                self.close()
                if _is_corrupt(exc) and attempt == 1:
                    warnings.warn(f"mtqa: the {self.label} {self.path} is corrupt ({exc}); rebuilding it",
                                  CacheWarning, stacklevel=5)
                    self._move_aside()
                    continue
                warnings.warn(f"mtqa: cannot {what} the {self.label} {self.path} ({exc}); "
                              "continuing without it", CacheWarning, stacklevel=5)
                self._disabled = True  # don't wait out a 30 s lock timeout on every later call
                return None
            except OSError as exc:  # unwritable directory, full disk
                warnings.warn(f"mtqa: cannot use the {self.label} {self.path} ({exc}); "
                              "continuing without it", CacheWarning, stacklevel=5)
                self._disabled = True
                return None
        return None

    def decode(self, rows: Mapping[str, str], build: Callable[[Any], _T]) -> dict[str, _T]:
        """Stored values turned back into objects by ``build`` (after :func:`mtqa._json.parse_json`).

        A row that does not decode (garbage, valid JSON of the wrong shape) is a miss: it is left
        out here, recomputed and overwritten by the caller, and the repair is reported.
        """
        found: dict[str, _T] = {}
        for key, value in rows.items():
            try:
                found[key] = build(parse_json(value))
            # every way a from_dict can fail on data of the wrong shape: all mean "not a usable row"
            except (ValueError, KeyError, TypeError, AttributeError, IndexError):
                continue
        if len(found) < len(rows):
            bad = len(rows) - len(found)
            warnings.warn(f"mtqa: the {self.label} {self.path} had {bad} unreadable row(s); recomputed and rewritten",
                          CacheWarning, stacklevel=3)
        return found

    def _connect(self) -> sqlite3.Connection:
        if self._conn is not None:
            return self._conn
        self.path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(self.path, timeout=_TIMEOUT, isolation_level=None, check_same_thread=False)
        try:
            conn.execute(f"PRAGMA busy_timeout = {int(_TIMEOUT * 1000)}")
            _use_wal(conn)
            conn.execute("PRAGMA synchronous = NORMAL")
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            if version not in (0, _SCHEMA_VERSION):
                conn.execute(f"DROP TABLE IF EXISTS {self.table}")  # an older layout: start afresh
            conn.execute(f"CREATE TABLE IF NOT EXISTS {self.table} (key TEXT PRIMARY KEY, "
                         "signature TEXT NOT NULL, value TEXT NOT NULL, created REAL NOT NULL)")
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


def _use_wal(conn: sqlite3.Connection) -> None:
    """Switch the file to WAL, waiting while another connection holds a lock.

    SQLite does not call the busy handler for a journal-mode change: while a second process is
    still creating the same fresh (rollback-mode) file, ``PRAGMA journal_mode = WAL`` fails at once
    with "database is locked", whatever the busy timeout. Without this wait that process turned its
    cache off for the whole run, and its rows were never stored.
    """
    deadline = time.monotonic() + _TIMEOUT
    delay = 0.005
    while True:
        try:
            conn.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as exc:
            if not _is_busy(exc) or time.monotonic() + delay > deadline:
                raise
        time.sleep(delay)
        delay = min(delay * 2, 0.2)


def _is_busy(exc: sqlite3.Error) -> bool:
    code = getattr(exc, "sqlite_errorcode", None)
    if code is not None:
        return int(code) & 0xFF == _BUSY
    return "locked" in str(exc).lower()


def _is_corrupt(exc: sqlite3.DatabaseError) -> bool:
    code = getattr(exc, "sqlite_errorcode", None)
    if code is not None:
        return int(code) & 0xFF in _CORRUPT_CODES
    message = str(exc).lower()
    return "not a database" in message or "malformed" in message
