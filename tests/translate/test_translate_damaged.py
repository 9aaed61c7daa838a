"""Damaged model files and conversions: a model problem (exit 3) or a repair, never an internal error."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from mtqa.errors import ModelUnavailable
from mtqa.translate.factory import clear_loaded, load_translator


@pytest.mark.parametrize("backend", ["marian", "ct2"])
@pytest.mark.parametrize("damage", ["truncated", "garbage"])
def test_damaged_weights_are_a_broken_model(toy_model_dir: Path, tmp_path: Path, backend: str, damage: str) -> None:
    # safetensors raises its own error type, which used to escape as "internal error" (exit 4)
    model = tmp_path / "model"
    shutil.copytree(toy_model_dir, model)
    weights = model / "model.safetensors"
    data = weights.read_bytes()
    weights.write_bytes(data[: len(data) // 3] if damage == "truncated" else bytes(range(256)) * 20)
    clear_loaded()
    with pytest.raises(ModelUnavailable, match=f"cannot .*{model}") as exc:
        load_translator(model, backend=backend)
    assert exc.value.broken


def test_a_ct2_conversion_cut_short_is_converted_again(toy_model_dir: Path, tmp_path: Path,
                                                       caplog: pytest.LogCaptureFixture) -> None:
    # a damaged model.bin in the cache used to leave every later run without its model
    from mtqa.translate.ct2 import CTranslate2Translator

    first = CTranslate2Translator(toy_model_dir, converted_dir=tmp_path / "ct2")
    expected = [t.text for t in first.translate(["قال الوزير إن المحادثات ستستمر"])]
    binary = first.converted / "model.bin"
    first.close()
    binary.write_bytes(binary.read_bytes()[:100_000])
    with caplog.at_level("WARNING"):
        again = CTranslate2Translator(toy_model_dir, converted_dir=tmp_path / "ct2")
    assert "does not load" in caplog.text and "converting again" in caplog.text
    assert [t.text for t in again.translate(["قال الوزير إن المحادثات ستستمر"])] == expected
    again.close()
