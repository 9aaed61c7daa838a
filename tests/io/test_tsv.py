"""TSV: ``id<TAB>target[<TAB>source]`` or named columns under a header row."""

from __future__ import annotations

from pathlib import Path

import pytest

from mtqa import InputError
from mtqa.io import read_document


@pytest.mark.parametrize(("text", "expected"), [
    ("s1\tاجتمع الوزراء ، أمس\n", [(1, "s1", "اجتمع الوزراء ، أمس", None)]),
    ("s1\tاجتمع الوزراء\tMinisters met\n\ns2\tهل انتهى؟\tIs it over?\r\n",
     [(1, "s1", "اجتمع الوزراء", "Ministers met"), (3, "s2", "هل انتهى؟", "Is it over?")]),
    ("source\tnote\ttarget\tid\nMinisters met\tx\tاجتمع الوزراء\t7\n",
     [(2, "7", "اجتمع الوزراء", "Ministers met")]),
    ("TARGET\nاجتمع الوزراء\n", [(2, None, "اجتمع الوزراء", None)]),
    ("s1\t\tempty target skipped\ns2\tنص\n", [(2, "s2", "نص", None)]),
])
def test_tsv_rows(tmp_path: Path, text: str, expected: list[tuple[int, str | None, str, str | None]]) -> None:
    path = tmp_path / "units.tsv"
    path.write_text(text, encoding="utf-8")
    doc = read_document(path)
    assert doc.format == "tsv"
    assert [(u.line, u.unit_id, u.text, u.source) for u in doc.units] == expected


@pytest.mark.parametrize(("text", "message", "line"), [
    ("s1\tنص\nonly-one-field\n", "expected id<TAB>target", 2),
    ("a\tb\tc\td\n", "found 4 field", 1),
    ("id\ttarget\n1\n", "missing the target column", 2),
    ("\n\n", "empty file", None),
])
def test_tsv_errors_name_the_line(tmp_path: Path, text: str, message: str, line: int | None) -> None:
    path = tmp_path / "bad.tsv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match=message) as info:
        read_document(path)
    assert info.value.line == line and info.value.path == str(path)
