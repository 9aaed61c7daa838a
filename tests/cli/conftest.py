"""A newsroom folder of story triples (target, source, back-translation) and a CLI runner."""

from __future__ import annotations

from pathlib import Path

import pytest
from mtqa_cli_helpers import Run, write_story

from mtqa.cli import main


@pytest.fixture
def stories(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """``stories/story01..20`` with .ar/.en/.bt files; the working folder is tmp_path (no config)."""
    folder = tmp_path / "stories"
    folder.mkdir()
    for i in range(1, 21):
        write_story(folder, f"story{i:02d}")
    monkeypatch.chdir(tmp_path)
    for name in ("GITHUB_ACTIONS", "GITHUB_STEP_SUMMARY", "CI"):
        monkeypatch.delenv(name, raising=False)
    return folder


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str]) -> Run:
    def _run(*args: str) -> tuple[int, str, str]:
        code = main(list(args))
        out, err = capsys.readouterr()
        return code, out, err
    return _run
