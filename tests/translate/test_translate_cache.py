"""The persistent SQLite translation cache."""

from __future__ import annotations

import multiprocessing
import sqlite3
from collections.abc import Sequence
from pathlib import Path

import pytest

from mtqa import CacheWarning
from mtqa.translate import CachedTranslator, Translation
from mtqa.translate.cache import CACHE_FILE, default_cache_dir


class Counting:
    """A translator that upper-cases and records every text it is asked for."""

    def __init__(self, sig: str = "count:v1|beams:1|greedy") -> None:
        self.sig = sig
        self.asked: list[str] = []

    def signature(self) -> str:
        return self.sig

    def translate(self, texts: Sequence[str]) -> list[Translation]:
        self.asked.extend(texts)
        return [Translation(text=t.upper(), tokens=(t.upper(),), token_spans=((0, len(t)),),
                            token_logprobs=(-0.25,), alignment=((0, len(t)),), notes=("n",)) for t in texts]


def test_second_run_makes_no_model_call(tmp_path: Path) -> None:
    first = CachedTranslator(Counting(), tmp_path)
    texts = ["abc", "def", "abc", "غزة"]
    out1 = first.translate(texts)
    assert (first.hits, first.misses) == (0, 3)
    first.close()

    inner = Counting()
    second = CachedTranslator(inner, tmp_path)  # a new process would look exactly like this
    out2 = second.translate(texts)
    assert inner.asked == []
    assert (second.hits, second.misses) == (3, 0)
    assert out1 == out2
    assert out2[0] == Translation("ABC", ("ABC",), ((0, 3),), (-0.25,), ((0, 3),), ("n",))


def test_only_new_texts_reach_the_model(tmp_path: Path) -> None:
    inner = Counting()
    cached = CachedTranslator(inner, tmp_path)
    cached.translate(["a", "b"])
    cached.translate(["b", "c", "a"])
    assert inner.asked == ["a", "b", "c"]


def test_signature_is_part_of_the_key(tmp_path: Path) -> None:
    CachedTranslator(Counting("m@1|beams:1"), tmp_path).translate(["x"])
    other = Counting("m@1|beams:4")
    CachedTranslator(other, tmp_path).translate(["x"])
    assert other.asked == ["x"]


def test_corrupt_cache_is_rebuilt_with_a_warning(tmp_path: Path) -> None:
    (tmp_path / CACHE_FILE).write_bytes(b"this is not a database at all" * 100)
    inner = Counting()
    cached = CachedTranslator(inner, tmp_path)
    with pytest.warns(RuntimeWarning, match="corrupt"):
        assert [t.text for t in cached.translate(["x"])] == ["X"]
    assert list(tmp_path.glob(f"{CACHE_FILE}.corrupt-*"))
    again = Counting()
    assert CachedTranslator(again, tmp_path).translate(["x"])[0].text == "X"
    assert again.asked == []  # the rebuilt cache works


@pytest.mark.parametrize("row", [
    "{broken", "[]", '"text"', '{"text": 1, "tokens": 5}', "[" * 100_000 + "]" * 100_000,
    '{"text": "X", "tokens": [], "token_spans": [5], "token_logprobs": [], "alignment": [], "notes": []}',
    '{"text": "X", "tokens": [], "token_spans": [], "token_logprobs": [{"a": 1}], "alignment": [], "notes": []}',
], ids=["garbage", "list", "string", "wrong-types", "deep", "span-not-a-pair", "logprob-not-a-number"])
def test_garbage_row_is_a_miss_not_a_crash(tmp_path: Path, row: str) -> None:
    cached = CachedTranslator(Counting(), tmp_path)
    cached.translate(["x"])
    cached.close()
    with sqlite3.connect(tmp_path / CACHE_FILE) as conn:
        conn.execute("UPDATE translations SET value = ?", (row,))
    inner = Counting()
    with pytest.warns(CacheWarning, match="had 1 unreadable row"):  # a repair is said, not hidden
        assert CachedTranslator(inner, tmp_path).translate(["x"])[0].text == "X"
    assert inner.asked == ["x"]


def test_unusable_cache_directory_falls_back_to_the_model(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    inner = Counting()
    cached = CachedTranslator(inner, blocker / "cache")
    with pytest.warns(RuntimeWarning, match="continuing without it"):
        assert cached.translate(["x"])[0].text == "X"
    assert cached.translate(["x"])[0].text == "X"  # no second warning, no crash
    assert inner.asked == ["x", "x"]


def test_default_dir_honours_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MTQA_CACHE_DIR", str(tmp_path / "c"))
    assert default_cache_dir() == tmp_path / "c"
    assert CachedTranslator(Counting()).path == tmp_path / "c" / CACHE_FILE


def _worker(cache_dir: str, worker: int, queue: multiprocessing.Queue[str]) -> None:
    try:
        cached = CachedTranslator(Counting(), cache_dir)
        for round_ in range(20):
            texts = [f"shared {i}" for i in range(30)] + [f"w{worker} r{round_} {i}" for i in range(10)]
            out = cached.translate(texts)
            assert [t.text for t in out] == [t.upper() for t in texts]
        queue.put("ok")
    except Exception as exc:  # noqa: BLE001 - report any failure to the parent process
        queue.put(repr(exc))


def test_two_processes_share_one_cache(tmp_path: Path) -> None:
    ctx = multiprocessing.get_context("spawn")
    queue: multiprocessing.Queue[str] = ctx.Queue()
    procs = [ctx.Process(target=_worker, args=(str(tmp_path), w, queue)) for w in range(2)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(60)
    assert [queue.get(timeout=5) for _ in procs] == ["ok", "ok"]
    with sqlite3.connect(tmp_path / CACHE_FILE) as conn:
        assert conn.execute("SELECT COUNT(*) FROM translations").fetchone()[0] == 30 + 2 * 20 * 10


def test_opening_a_fresh_cache_another_process_holds_waits_instead_of_giving_up(tmp_path: Path) -> None:
    """The cause of the flaky test above (230 rows instead of 430): SQLite does not call the busy
    handler for ``PRAGMA journal_mode = WAL``, so a process that opened the fresh (rollback-mode)
    file while the other one still held a lock got "database is locked" at once and ran without
    its cache. Here another connection holds the lock for half a second: the cache must wait."""
    import threading
    import warnings

    holder = sqlite3.connect(tmp_path / CACHE_FILE, isolation_level=None, check_same_thread=False)
    holder.execute("CREATE TABLE other (x)")  # a fresh file, still in rollback-journal mode …
    holder.execute("BEGIN IMMEDIATE")
    holder.execute("INSERT INTO other VALUES (1)")  # … with another writer's lock on it
    release = threading.Timer(0.5, lambda: holder.execute("COMMIT"))
    release.start()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # "cannot read/write the cache … continuing without it" fails here
            out = CachedTranslator(Counting(), tmp_path).translate(["x", "y"])
    finally:
        release.join()
        holder.close()
    assert [t.text for t in out] == ["X", "Y"]
    with sqlite3.connect(tmp_path / CACHE_FILE) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("SELECT COUNT(*) FROM translations").fetchone()[0] == 2
