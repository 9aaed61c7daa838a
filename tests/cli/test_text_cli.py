"""`mtqa check` text on the command line: --show and -v choose what is listed one by one, colours only
for a terminal (never in a file, never with NO_COLOR)."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from mtqa_cli_helpers import Run

FINDING = re.compile(r"^stories/story01\.ar\.txt:\d+:\d+: (critical|major|minor) ", re.MULTILINE)
ARGS = ("check", "stories/story01.ar.txt", "--no-model", "--fail-on", "minor")


def test_minor_findings_are_counted_per_rule_by_default(stories: Path, run: Run) -> None:
    code, out, _ = run(*ARGS)
    assert code == 1 and not FINDING.findall(out)
    assert "stories/story01.ar.txt: 2 minor finding(s) by rule (--show minor or -v lists each one):" in out
    assert re.search(r"^    1 × doubled-word: «مجلس» is repeated  \(e\.g\. stories/story01\.ar\.txt:2:", out, re.MULTILINE)


@pytest.mark.parametrize("option", [("--show", "minor"), ("-v",)])
def test_show_minor_and_verbose_list_every_finding(stories: Path, run: Run, option: tuple[str, ...]) -> None:
    _, out, _ = run(*ARGS, *option)
    assert FINDING.findall(out) == ["minor", "minor"] and "by rule" not in out
    assert "    suggestion: \u2068مجلس\u2069" in out


def test_colours_on_a_terminal_and_never_in_a_file(stories: Path, run: Run, monkeypatch: pytest.MonkeyPatch,
                                                    tmp_path: Path) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("TERM", raising=False)
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    _, out, _ = run(*ARGS, "--format", "text", "--format", f"text:{tmp_path / 'report.txt'}")
    assert "\x1b[36mminor\x1b[0m" not in out  # minor ones are counted, not listed, by default
    assert "\x1b[1;31mFAILED\x1b[0m" in out
    saved = (tmp_path / "report.txt").read_text("utf-8")
    assert "\x1b" not in saved and re.sub(r"\x1b\[[\d;]*m", "", out) == saved
    monkeypatch.setenv("NO_COLOR", "1")
    _, plain, _ = run(*ARGS)
    assert "\x1b" not in plain
