"""Faults: a killed process, a truncated cache, two processes on one cache, Ctrl-C, a broken check."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import textwrap
import time
import warnings
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import pytest

from mtqa import Checker, Config
from mtqa.checks.base import REGISTRY, Finding, check
from mtqa.translate.base import Translation
from mtqa.translate.cache import CACHE_FILE, CachedTranslator

from ._helpers import AR_LINES, PYTHON, ROOT, CliResult, run_subprocess


class Upper:
    """A deterministic stand-in translator: the text upper-cased (and counted)."""

    def __init__(self) -> None:
        self.calls = 0

    def translate(self, texts: Sequence[str]) -> list[Translation]:
        self.calls += len(texts)
        return [Translation(text=t.upper()) for t in texts]

    def signature(self) -> str:
        return "upper:1"


# -- the cache ------------------------------------------------------------------------------------------

_WRITER = textwrap.dedent("""
    import sys
    sys.path.insert(0, {tests!r})
    from robustness.test_faults import CachedTranslator, Upper
    cache = CachedTranslator(Upper(), {cache!r})
    i = 0
    while True:  # store forever, one small transaction after another, until killed
        cache.translate([f"segment {{i}} " + "x" * 200, f"other {{i}}"])
        if i == 50:
            print("ready", flush=True)
        i += 1
""")


def test_cache_survives_a_killed_writer(tmp_path: Path) -> None:
    script = _WRITER.format(tests=str(ROOT / "tests"), cache=str(tmp_path))
    proc = subprocess.Popen([PYTHON, "-c", script], stdout=subprocess.PIPE, text=True, cwd=ROOT)
    assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
    time.sleep(0.3)
    proc.kill()  # SIGKILL mid-write: no cleanup, maybe an open WAL transaction
    proc.wait(timeout=10)
    inner = Upper()
    cache = CachedTranslator(inner, tmp_path)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a killed writer must not even look like corruption
        out = cache.translate(["segment 3 " + "x" * 200, "brand new"])
    assert [t.text for t in out] == ["SEGMENT 3 " + "X" * 200, "BRAND NEW"]
    assert cache.hits == 1 and inner.calls == 1  # committed rows survived; the rest is recomputed
    cache.close()


@pytest.mark.parametrize("keep", [0.5, 0.1, 0.0])
def test_truncated_cache_is_rebuilt_with_a_warning(tmp_path: Path, keep: float) -> None:
    first = CachedTranslator(Upper(), tmp_path)
    first.translate([f"sentence {i}" for i in range(300)])
    first.close()
    db = tmp_path / CACHE_FILE
    for suffix in ("-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    data = db.read_bytes()
    db.write_bytes(data[: int(len(data) * keep)] if keep else b"garbage, not a database" * 10)
    inner = Upper()
    cache = CachedTranslator(inner, tmp_path)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        out = cache.translate(["sentence 1", "sentence 299"])
    assert [t.text for t in out] == ["SENTENCE 1", "SENTENCE 299"]  # correct answers, from the model
    if keep != 0.5:  # half a file may still open; a tenth or garbage cannot
        assert any("corrupt" in str(w.message) or "cannot" in str(w.message) for w in caught)
    again = CachedTranslator(Upper(), tmp_path)
    assert [t.text for t in again.translate(["sentence 1"])] == ["SENTENCE 1"]
    cache.close()
    again.close()


@pytest.mark.slow
def test_two_concurrent_checks_on_one_cache_agree(tmp_path: Path, tiny_model_dir: Path) -> None:
    target = tmp_path / "story.ar.txt"
    target.write_text("\n".join(AR_LINES * 3), encoding="utf-8")
    cache = tmp_path / "cache"
    args = ["check", str(target), "--model", str(tiny_model_dir), "--require-model", "--format", "json",
            "--cache-dir", str(cache), "--device", "cpu"]
    procs = [subprocess.Popen([PYTHON, "-m", "mtqa", *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True, cwd=ROOT, env={**os.environ, "HF_HUB_OFFLINE": "1"}) for _ in range(2)]
    results = [p.communicate(timeout=300) for p in procs]
    for proc, (out, err) in zip(procs, results, strict=True):
        assert proc.returncode in (0, 1), err
        assert "Traceback" not in err
    assert results[0][0] == results[1][0]
    report = json.loads(results[0][0])
    assert report["model"]["status"] == "loaded"
    # A third run is answered from the cache both wrote, with the same report.
    third = run_subprocess(*args, timeout=300)
    assert third.stdout == results[0][0]


# -- Ctrl-C and atomic output -------------------------------------------------------------------------------

def test_ctrl_c_leaves_no_partial_output(tmp_path: Path) -> None:
    target = tmp_path / "big.ar.txt"
    line = "قال وزير الخارجية إن المحادثات ستستمر يوم الاثنين في بروكسل مع الحلفاء رقم {}.\n"
    target.write_text("".join(line.format(i) for i in range(40_000)), encoding="utf-8")
    output = tmp_path / "out" / "report.json"
    proc = subprocess.Popen([PYTHON, "-m", "mtqa", "check", str(target), "--no-model", "--format", "json",
                             "--output", str(output)], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, cwd=ROOT)
    time.sleep(4.0)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    if proc.returncode in (0, 1):
        pytest.skip("the run finished before the interrupt arrived")
    assert proc.returncode == 130, err
    assert err.strip().endswith("mtqa: interrupted")
    assert not output.exists()
    assert not list(tmp_path.rglob(".mtqa-*"))  # no temporary file left behind


def test_interrupted_write_keeps_the_previous_report(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    try:
        from mtqa.cli._outputs import write_atomic
    except ImportError:
        from mtqa.cli import write_atomic  # type: ignore[attr-defined,no-redef]
    path = tmp_path / "report.json"
    path.write_text('{"old": true}', encoding="utf-8")

    real_fdopen = os.fdopen

    def fdopen(fd: int, *args: object, **kwargs: object):  # type: ignore[no-untyped-def]
        handle = real_fdopen(fd, *args, **kwargs)  # type: ignore[arg-type]
        original = handle.write

        def write(text: str) -> int:
            original(text[: len(text) // 2])
            raise KeyboardInterrupt  # Ctrl-C halfway through writing

        handle.write = write
        return handle

    monkeypatch.setattr(os, "fdopen", fdopen)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(str(path), '{"new": true, "padding": "' + "x" * 10000 + '"}')
    assert path.read_text(encoding="utf-8") == '{"old": true}'
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]


# -- a broken check -----------------------------------------------------------------------------------------

@pytest.fixture
def broken_check() -> Iterator[str]:
    @check("test-broken", category="other", severity="minor")
    def broken(seg, ctx):  # type: ignore[no-untyped-def]
        """A check that crashes on one segment (test only)."""
        if "انفجار" in seg.text:
            raise ZeroDivisionError("boom")
        return iter(())

    @check("test-found", category="other", severity="minor")
    def found(seg, ctx):  # type: ignore[no-untyped-def]
        """A check that flags every first word (test only)."""
        yield Finding(0, 1, "first letter")

    try:
        yield "test-broken"
    finally:
        REGISTRY.pop("test-broken", None)
        REGISTRY.pop("test-found", None)


def test_a_crashing_check_fails_that_segment_not_the_run(broken_check: str, tmp_path: Path,
                                                         cli: Callable[..., CliResult]) -> None:
    target = tmp_path / "t.txt"
    target.write_text("قال الوزير إن المحادثات ستستمر.\nوقع انفجار في المدينة. ثم عاد الهدوء.\n", encoding="utf-8")
    result = cli("check", str(target), "--no-model", "--format", "json", "--fail-on", "critical")
    assert result.code == 1  # an error fails the run even though no flag reaches --fail-on
    doc = json.loads(result.out)["documents"][0]
    errors = {(s["line"], s["target"]): s["errors"] for s in doc["segments"]}
    assert errors[(2, "وقع انفجار في المدينة.")] == ["check test-broken failed: ZeroDivisionError('boom')"]
    assert all(not e for key, e in errors.items() if key != (2, "وقع انفجار في المدينة."))
    # every segment was still checked by the other rules
    assert sorted(f["segment"] for f in doc["flags"] if f["rule"] == "test-found") == [0, 1, 2]
    text = cli("check", str(target), "--no-model", "--fail-on", "critical")
    assert "Traceback" not in text.out and "check test-broken failed" in text.out


def test_library_reports_the_same_error(broken_check: str) -> None:
    report = Checker(Config(use_model=False)).check(target=["وقع انفجار في المدينة."])
    assert not report.passed and report.has_errors
    assert report.documents[0].errors == ("line 1: check test-broken failed: ZeroDivisionError('boom')",)


def test_no_warning_leaks_as_an_exception(tmp_path: Path) -> None:
    """A full run under ``-W error`` (warnings as exceptions) still completes: nothing warns by accident."""
    target = tmp_path / "t.txt"
    target.write_text("\n".join(AR_LINES), encoding="utf-8")
    proc = subprocess.run([PYTHON, "-W", "error", "-m", "mtqa", "check", str(target), "--no-model"],
                          capture_output=True, text=True, cwd=ROOT, timeout=120, check=False)
    assert proc.returncode in (0, 1), proc.stderr[-2000:]

