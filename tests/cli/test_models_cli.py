"""`mtqa models convert` and `mtqa models download` from the command line."""

from __future__ import annotations

from pathlib import Path

import pytest

from mtqa.cli import main


def test_models_convert_writes_a_ctranslate2_model(tiny_model_dir: Path, tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "ct2"
    assert main(["models", "convert", str(tiny_model_dir), "--output", str(out)]) == 0
    assert (out / "model.bin").is_file()
    assert str(out) in capsys.readouterr().out


def test_models_convert_of_a_missing_directory_says_what_is_wrong(tmp_path: Path,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["models", "convert", str(tmp_path / "nope")]) == 3
    assert "nope" in capsys.readouterr().err


def test_models_download_offline_explains(monkeypatch: pytest.MonkeyPatch,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    code = main(["models", "download", "Helsinki-NLP/opus-mt-ar-en"])
    err = capsys.readouterr().err
    assert code == 3
    assert "Helsinki-NLP/opus-mt-ar-en" in err and "Traceback" not in err
