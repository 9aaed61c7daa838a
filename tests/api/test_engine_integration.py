"""`mtqa check` with a real (toy) Marian model: both backends, the cache, and no-source signals."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fixtures_models import read_heldout

from mtqa.cli import main
from mtqa.translate._engine import Seq2SeqTranslator

pytestmark = pytest.mark.slow


def _story(tmp_path: Path, n: int = 4) -> tuple[Path, Path]:
    pairs = read_heldout()[:n]
    ar = tmp_path / "story.ar.txt"
    en = tmp_path / "story.en.txt"
    ar.write_text("\n\n".join(a + "." for a, _ in pairs) + "\n", encoding="utf-8")
    en.write_text("\n\n".join(e + "." for _, e in pairs) + "\n", encoding="utf-8")
    return ar, en


def _run_json(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, dict]:
    code = main(["check", *args, "--format", "json"])
    out, err = capsys.readouterr()
    assert out, err
    return code, json.loads(out)


@pytest.mark.parametrize("backend", ["marian", "ct2"])
def test_backtranslates_every_segment_then_serves_rerun_from_cache(
        backend: str, tmp_path: Path, toy_model_dir: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    ar, en = _story(tmp_path)
    cache = tmp_path / "cache"
    args = (str(ar), "--source", str(en), "--model", str(toy_model_dir), "--backend", backend,
            "--cache-dir", str(cache), "--require-model")
    code, first = _run_json(capsys, *args)
    assert first["model"]["status"] == "loaded"
    assert first["model"]["translator"].startswith("marian:" if backend == "marian" else "ct2-int8:")
    segments = first["documents"][0]["segments"]
    assert len(segments) == 4
    for seg in segments:
        assert seg["backtranslation"], seg
        assert seg["source"] and seg["scores"]["chrf"] > 50, seg  # the toy model translates its domain

    # Second run: any model call would now raise, so success proves the cache served everything.
    def no_model_call(self: object, batch: object) -> object:
        raise AssertionError("the model was called on a cached run")

    monkeypatch.setattr(Seq2SeqTranslator, "_run", no_model_call)
    code2, second = _run_json(capsys, *args)
    assert code2 == code
    assert [s["backtranslation"] for s in second["documents"][0]["segments"]] == \
        [s["backtranslation"] for s in segments]


def test_no_source_reports_roundtrip_and_confidence_signals(
        tmp_path: Path, toy_model_dir: Path, toy_reverse_model_dir: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    ar, en = _story(tmp_path, 2)
    en.unlink()  # otherwise story.en.txt is paired with story.ar.txt as its source
    _, report = _run_json(capsys, str(ar), "--model", str(toy_model_dir), "--reverse-model",
                          str(toy_reverse_model_dir), "--cache-dir", str(tmp_path / "c"))
    assert report["model"]["reverse"], report["model"]
    for seg in report["documents"][0]["segments"]:
        assert seg["roundtrip"], seg
        assert seg["scores"]["roundtrip_chrf"] > 50  # in-domain sentences survive the round trip
        assert seg["scores"]["bt_logprob"] < 0


def test_source_given_does_not_load_the_reverse_model(
        tmp_path: Path, toy_model_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    ar, en = _story(tmp_path, 1)
    _, report = _run_json(capsys, str(ar), "--source", str(en), "--model", str(toy_model_dir),
                          "--reverse-model", str(tmp_path / "missing"), "--cache-dir", str(tmp_path / "c"))
    assert report["model"]["reverse"] is None
    assert report["documents"][0]["segments"][0]["roundtrip"] is None
