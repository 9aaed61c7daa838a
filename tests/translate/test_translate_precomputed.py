"""User-supplied back-translations."""

from __future__ import annotations

from pathlib import Path

import pytest

from mtqa.errors import InputError
from mtqa.translate import PrecomputedTranslator, Translator


def test_mapping_lookup_exact_then_whitespace_insensitive() -> None:
    tr = PrecomputedTranslator({"وصل الرئيس إلى عمان": "The president arrived in Amman"})
    assert isinstance(tr, Translator)
    out = tr.translate(["وصل الرئيس إلى عمان", "وصل  الرئيس إلى عمان ", ""])
    assert [t.text for t in out] == ["The president arrived in Amman"] * 2 + [""]


def test_missing_back_translation_is_an_input_error() -> None:
    with pytest.raises(InputError, match="no back-translation"):
        PrecomputedTranslator({"a": "b"}).translate(["غير موجود"])


def test_line_file_is_positional(tmp_path: Path) -> None:
    file = tmp_path / "story.bt"
    file.write_text("\ufeffFirst line\nSecond line\n", encoding="utf-8")
    tr = PrecomputedTranslator.from_file(file)
    assert [t.text for t in tr.translate(["الأول", "الثاني"])] == ["First line", "Second line"]
    assert tr.signature().startswith("precomputed:story.bt@")
    with pytest.raises(InputError, match="2 back-translations were supplied for 3 segments"):
        tr.translate(["a", "b", "c"])


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="not found"):
        PrecomputedTranslator.from_file(tmp_path / "nope.bt")


def test_signature_changes_with_content() -> None:
    assert PrecomputedTranslator(["a"]).signature() != PrecomputedTranslator(["b"]).signature()
