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


def test_a_lines_findings_do_not_depend_on_a_line_with_the_same_source(toy_model_dir: Path) -> None:
    # CTranslate2 places unsupported source words by a second pass, chosen by the words the
    # back-translation does not render; those were pooled over every line with the same source,
    # so a correct line beside this one spared its pass and changed its findings
    import mtqa

    source = "The Turkish envoy arrived in London on Friday for an official visit"
    faulty = "وصل المبعوث إلى لندن يوم الجمعة في زيارة رسمية"   # «التركي» left out
    correct = "وصل المبعوث التركي إلى لندن يوم الجمعة في زيارة رسمية"

    def line_one(target: list[str]) -> list[tuple[str, str, str]]:
        clear_loaded()
        config = mtqa.Config(model=str(toy_model_dir), backend="ct2", cache=False)
        report = mtqa.check(target=target, source=[source] * len(target), config=config)
        return sorted((f.rule, f.severity, f.text) for f in report.iter_flags() if f.line == 1)

    assert line_one([faulty]) == line_one([faulty, correct])


def test_the_tokenizer_settings_are_part_of_the_model_identity(toy_model_dir: Path, tmp_path: Path) -> None:
    # model_max_length changes how long lines are cut: cached translations of the old limit must not serve
    from mtqa.translate.resolve import model_identity

    model = shutil.copytree(toy_model_dir, tmp_path / "model")
    before = model_identity(model)
    settings = model / "tokenizer_config.json"
    settings.write_text(settings.read_text(encoding="utf-8").replace('"model_max_length": 128',
                                                                      '"model_max_length": 64'), encoding="utf-8")
    assert model_identity(model) != before
