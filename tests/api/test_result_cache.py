"""Whole-document result cache: unchanged documents are not checked again; any change is."""

from __future__ import annotations

from pathlib import Path

import pytest
from cache_poison import POISON, poison_result_cache

import mtqa
import mtqa.pipeline

AR = ["اجتمع وزراء خارجية حلف الناتو في بروكسل يوم الثلاثاء.", "وقال المسؤول إن مجلس مجلس الحلف سيجتمع."]
EN = ["NATO foreign ministers met in Brussels on Thursday.", "The official said the alliance council would meet."]
BT = ["NATO foreign ministers met in Brussels on Tuesday.", "The official said the council council will meet."]


@pytest.fixture
def count_assemble(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    calls: list[int] = []
    real = mtqa.pipeline.assemble

    def counting(**kwargs: object) -> mtqa.DocumentResult:
        calls.append(1)
        return real(**kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(mtqa.pipeline, "assemble", counting)
    return calls


def _check(config: mtqa.Config, target: list[str] = AR) -> mtqa.Report:
    return mtqa.Checker(config).check(target=target, source=EN, backtranslation=BT, path="story.ar.txt")


def test_unchanged_document_is_served_from_the_cache(tmp_path: Path, count_assemble: list[int]) -> None:
    config = mtqa.Config(cache_dir=str(tmp_path))
    first = _check(config)
    second = _check(config)
    assert len(count_assemble) == 1
    assert second.to_json() == first.to_json()
    assert any(f.rule == "date-mismatch" for f in second.flags())


@pytest.mark.parametrize("change", ["text", "config", "no-cache"])
def test_any_change_is_checked_again(tmp_path: Path, count_assemble: list[int], change: str) -> None:
    config = mtqa.Config(cache_dir=str(tmp_path))
    _check(config)
    if change == "text":
        _check(config, [AR[0], AR[1].replace("مجلس مجلس", "مجلس")])
    elif change == "config":
        _check(config.replace(disable=("doubled-word",)))
    else:
        _check(config.replace(cache=False))
    assert len(count_assemble) == 2


def test_termbase_file_content_is_part_of_the_key(tmp_path: Path, count_assemble: list[int]) -> None:
    termbase = tmp_path / "terms.csv"
    termbase.write_text("source,target,status\nalliance council,مجلس الحلف,preferred\n", encoding="utf-8")
    config = mtqa.Config(cache_dir=str(tmp_path), termbases=(str(termbase),))
    _check(config)
    termbase.write_text("source,target,status\nalliance council,المجلس الأطلسي,preferred\n", encoding="utf-8")
    _check(config)
    assert len(count_assemble) == 2


def test_corrupt_result_cache_is_rebuilt(tmp_path: Path) -> None:
    config = mtqa.Config(cache_dir=str(tmp_path))
    first = _check(config)
    for leftover in tmp_path.glob("results.sqlite3-*"):  # the WAL would still hold the pages
        leftover.unlink()
    (tmp_path / "results.sqlite3").write_bytes(b"this is not a database" * 100)
    with pytest.warns(RuntimeWarning, match="result cache"):
        again = _check(config)
    assert again.to_json() == first.to_json()


def test_a_poisoned_row_is_what_a_cached_run_reads(tmp_path: Path, count_assemble: list[int]) -> None:
    """The determinism tests poison the first run's cache to prove the second run is cold; this
    proves the poison reaches a run that does read the cache (so those proofs can fail)."""
    config = mtqa.Config(cache_dir=str(tmp_path))
    first = _check(config)
    assert poison_result_cache(tmp_path) == 1
    cached = _check(config)
    assert len(count_assemble) == 1 and POISON in cached.documents[0].notes
    uncached = _check(config.replace(cache=False))
    assert [d.to_dict() for d in uncached.documents] == [d.to_dict() for d in first.documents]


@pytest.mark.parametrize("value", [
    {"status": "checked"},                                         # decodes, but no segment, no path
    "drop-segments",                                               # the document's segments gone
    "stretch-a-flag",                                              # a flag past the end of its line
])
def test_a_row_that_does_not_fit_its_document_is_recomputed(tmp_path: Path, value: object) -> None:
    import json
    import sqlite3

    config = mtqa.Config(cache_dir=str(tmp_path))
    first = _check(config)
    with sqlite3.connect(tmp_path / "results.sqlite3") as conn:
        (key, stored), = conn.execute("SELECT key, value FROM results").fetchall()
        data = json.loads(stored)
        if value == "drop-segments":
            data["segments"] = []
        elif value == "stretch-a-flag":
            data["flags"][0]["end"] = 1_000_000
        else:
            data = value
        conn.execute("UPDATE results SET value = ? WHERE key = ?", (json.dumps(data), key))
    conn.close()
    with pytest.warns(mtqa.CacheWarning, match="do not fit their document"):
        again = _check(config)
    assert again.to_json() == first.to_json()


def test_one_checker_serves_several_threads_with_its_cache(tmp_path: Path) -> None:
    # the SQLite connection was bound to the thread that opened it: every other thread raised
    # sqlite3.ProgrammingError, and so did close() on the main thread
    from concurrent.futures import ThreadPoolExecutor

    lines = ["وقال إن مجلس مجلس الأمن اجتمع ثم غادر.", "اترك تعليقاً", "قال الوزير إن المحادثات ستستمر."]
    docs = [mtqa.Document(target=lines[: 1 + i % 3], path=f"d{i}.ar.txt") for i in range(8)]

    def flags(report: mtqa.Report) -> list[tuple[str | None, int, str]]:
        return [(d.target_path, f.line, f.rule) for d in report.documents for f in d.all_flags]

    expected = [flags(mtqa.Checker(mtqa.Config(use_model=False, cache=False)).report([r]))
                for r in mtqa.Checker(mtqa.Config(use_model=False, cache=False)).check_many(docs)]
    with mtqa.Checker(mtqa.Config(use_model=False, cache_dir=str(tmp_path / "cache"))) as checker:
        for _ in range(2):  # cold, then from the cache
            with ThreadPoolExecutor(4) as pool:
                got = list(pool.map(lambda d: flags(checker.report(checker.check_many([d]))), docs))
            assert got == expected
