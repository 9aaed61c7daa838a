"""docs/report-format.md documents every key the JSON report has, and its flag example is a real flag."""

from __future__ import annotations

import json
import re

import pytest
from reportkit import ROOT, checked

from mtqa.report import WRITERS
from mtqa.types import Flag

DOC = (ROOT / "docs" / "report-format.md").read_text("utf-8")


def _section(heading: str) -> str:
    start = DOC.index(heading)
    end = DOC.find("\n#", start + len(heading))
    return DOC[start:end if end > 0 else None]


def _table_keys(section: str) -> set[str]:
    keys: set[str] = set()
    for row in re.findall(r"^\| (`[^|]+`) \|", section, flags=re.MULTILINE):
        keys.update(re.findall(r"`([^`]+)`", row))
    return keys


REPORT = checked().to_dict()


@pytest.mark.parametrize(("heading", "actual"), [
    ("## JSON (`--format json`)", set(REPORT) | {"created"}),
    ("### `documents[]`", set(REPORT["documents"][0])),
    ("### `segments[]`", set(REPORT["documents"][0]["segments"][0])),
    ("### `flags[]`", set(REPORT["documents"][0]["flags"][0])),
])
def test_every_key_is_documented(heading: str, actual: set[str]) -> None:
    section = _section(heading) if not heading.startswith("## ") else DOC[DOC.index(heading):DOC.index("### ")]
    assert _table_keys(section) == actual


def test_flag_example_is_a_flag() -> None:
    example = json.loads(re.search(r"```json\n(\{.*?\})\n```", _section("### `flags[]`"), flags=re.DOTALL).group(1))  # type: ignore[union-attr]
    assert set(example) == set(REPORT["documents"][0]["flags"][0])
    flag = Flag.from_dict(example)
    assert flag.to_dict() == example and flag.end - flag.start == len(flag.text)


def test_every_writer_is_in_the_table() -> None:
    names = set(re.findall(r"^\| `([a-z]+)` \|", DOC[:DOC.index("## JSON")], flags=re.MULTILINE))
    assert names == set(WRITERS)
