"""Story texts and helpers shared by the CLI tests (a unique name: importable next to conftest)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

# Line 2 carries two model-free findings: a space before «،» and a doubled «مجلس».
STORY_AR = [
    "اجتمع وزراء خارجية حلف الناتو في بروكسل يوم الخميس.",
    "وقال المسؤول ، إن الاجتماع ناقش مجلس مجلس الدفاع.",
    "وأضاف أن الميزانية بلغت 5 مليارات دولار.",
]
STORY_EN = [
    "NATO foreign ministers met in Brussels on Thursday.",
    "The official said the meeting discussed the defence council.",
    "He added that the budget reached 5 billion dollars.",
]
STORY_BT = [
    "NATO foreign ministers met in Brussels on Thursday.",
    "The official said, the meeting discussed council council of defence.",
    "He added that the budget reached 5 billion dollars.",
]

Run = Callable[..., tuple[int, str, str]]


def write_story(folder: Path, name: str, ar: list[str] = STORY_AR) -> Path:
    target = folder / f"{name}.ar.txt"
    target.write_text("\n".join(ar) + "\n", encoding="utf-8")
    (folder / f"{name}.en.txt").write_text("\n".join(STORY_EN) + "\n", encoding="utf-8")
    (folder / f"{name}.bt.txt").write_text("\n".join(STORY_BT) + "\n", encoding="utf-8")
    return target


def flags_of(report: dict[str, Any]) -> list[tuple[str, int, str, str]]:
    """(path, line, rule, fingerprint) of every flag in a JSON report."""
    return sorted((Path(d["target_path"]).name, f["line"], f["rule"], f["fingerprint"])
                  for d in report["documents"] for f in d["flags"])


def load_json(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data
