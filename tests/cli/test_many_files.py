"""Issue 5 acceptance: a folder of 20 story pairs in one command, several formats, exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from mtqa_cli_helpers import Run, load_json

from mtqa.cli._progress import ProgressBar, progress_wanted


def test_twenty_stories_sarif_junit_github_at_once(stories: Path, run: Run, tmp_path: Path) -> None:
    code, out, err = run("check", "stories", "--format", "sarif,junit", "--format", "github",
                         "--format", "json", "--output-dir", "reports", "--fail-on", "minor")
    assert code == 1, err
    assert "Traceback" not in err
    report = load_json(tmp_path / "reports" / "mtqa.json")
    assert report["summary"]["documents"] == 20
    assert {Path(d["target_path"]).name for d in report["documents"]} == {f"story{i:02d}.ar.txt" for i in range(1, 21)}
    # sources and back-translations were paired, not checked as targets
    assert all(d["source_path"].endswith(".en.txt") and d["backtranslation_path"].endswith(".bt.txt")
               for d in report["documents"])
    rules = {(f["rule"], f["text"]) for d in report["documents"] for f in d["flags"]}
    assert {("doubled-word", "مجلس مجلس"), ("punctuation-spacing", "المسؤول ،")} <= rules
    n_flags = report["summary"]["flags"]

    sarif = load_json(tmp_path / "reports" / "mtqa.sarif")
    assert sarif["version"] == "2.1.0" and len(sarif["runs"][0]["results"]) == n_flags
    junit = ET.parse(tmp_path / "reports" / "mtqa.junit.xml").getroot()
    assert "مجلس مجلس" in ET.tostring(junit, encoding="unicode")
    # GitHub annotations on stdout, pointing at file and line
    assert "::warning file=stories/story01.ar.txt,line=2," in out or "::notice file=stories/story01.ar.txt,line=2," in out
    assert sorted(p.name for p in (tmp_path / "reports").iterdir()) == ["mtqa.json", "mtqa.junit.xml", "mtqa.sarif"]


@pytest.mark.parametrize(("fail_on", "expected"), [("minor", 1), ("major", 0), ("critical", 0)])
def test_exit_code_follows_fail_on(stories: Path, run: Run, fail_on: str, expected: int) -> None:
    code, out, err = run("check", "stories", "--fail-on", fail_on)
    assert code == expected, out + err  # every finding in these stories is minor


def test_fail_on_from_config(stories: Path, run: Run, tmp_path: Path) -> None:
    (tmp_path / "mtqa.toml").write_text('fail-on = "minor"\n', encoding="utf-8")
    assert run("check", "stories")[0] == 1
    assert run("check", "stories", "--fail-on", "major")[0] == 0  # the command line wins


@pytest.mark.parametrize(("files", "message", "line"), [
    ({"stories/story07.ar.txt": b"\xd8\xa7\xd9\x84\n\xff\xfe bad\n"}, "not valid UTF-8", 2),
    ({"stories/story08.bt.txt": b"One line only.\n"}, "back-translation has 1 non-empty lines", None),
    ({"stories/x.ar.tsv": "s1\tنص\nbroken\n".encode()}, "expected id<TAB>target", 2),
    ({"stories/x.xlf": b'<?xml version="1.0"?>\n<xliff version="1.2">\n<file>\n</xliff>\n'}, "malformed XML", 4),
])
def test_bad_input_names_file_and_line_and_exits_2(stories: Path, run: Run, tmp_path: Path,
                                                   files: dict[str, bytes], message: str, line: int | None) -> None:
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    code, _out, err = run("check", "stories", "--fail-on", "minor")
    assert code == 2
    assert message in err and "Traceback" not in err
    (name,) = files
    assert (name if line is None else f"{name}:{line}:") in err, err


@pytest.mark.parametrize(("args", "message"), [
    (["--format", "pdf"], "unknown format 'pdf'"),
    (["--format", "json,sarif"], "would all go to stdout"),
    (["--format", "json:a.json,sarif:a.json"], "same file"),
    (["--format", "json,sarif", "--output", "x"], "--output takes one format"),
    (["--manifest", "missing.jsonl"], "no such file"),
    (["--source", "stories/story01.en.txt"], "exactly one TARGET"),
])
def test_usage_errors_exit_2(stories: Path, run: Run, args: list[str], message: str) -> None:
    code, out, err = run("check", "stories", *args)
    assert code == 2 and message in err and "Traceback" not in err and out == ""


def test_format_path_items_and_single_output(stories: Path, run: Run, tmp_path: Path) -> None:
    code, out, _ = run("check", "stories/story0*.ar.txt", "--format", "sarif:out/r.sarif", "--format", "text")
    assert code == 0
    assert "stories/story01.ar.txt:2:" in out  # text to stdout
    assert len(load_json(tmp_path / "out" / "r.sarif")["runs"][0]["results"]) == 9 * 2
    code, out, _ = run("check", "stories/story01.ar.txt", "--format", "json", "--output", "one.json")
    assert out == "" and load_json(tmp_path / "one.json")["summary"]["documents"] == 1
    assert not list(tmp_path.glob(".mtqa-*"))  # atomic writes leave no temporary files


def test_manifest_run(stories: Path, run: Run, tmp_path: Path) -> None:
    manifest = tmp_path / "batch.jsonl"
    manifest.write_text("\n".join(json.dumps({"target": f"stories/story{i:02d}.ar.txt",
                                              "backtranslation": f"stories/story{i:02d}.bt.txt"})
                                  for i in (3, 4)) + "\n", encoding="utf-8")
    _code, out, _ = run("check", "--manifest", str(manifest), "--format", "json")
    report = json.loads(out)
    assert [Path(d["target_path"]).name for d in report["documents"]] == ["story03.ar.txt", "story04.ar.txt"]
    assert all(d["source_path"] is None for d in report["documents"])


def test_github_step_summary_is_appended(stories: Path, run: Run, tmp_path: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    summary = tmp_path / "summary.md"
    summary.write_text("# earlier step\n", encoding="utf-8")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    run("check", "stories", "--format", "text")
    assert summary.read_text(encoding="utf-8") == "# earlier step\n"  # not in Actions, no github format
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    code, out, _ = run("check", "stories", "--format", "github", "--fail-on", "minor")
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("# earlier step\n") and "mtqa" in text and len(text) > 40
    assert code == 1 and "::" in out


def test_progress_bar_only_on_a_terminal(capsys: pytest.CaptureFixture[str]) -> None:
    class Tty:
        def __init__(self) -> None:
            self.text = ""

        def isatty(self) -> bool:
            return True

        def write(self, s: str) -> int:
            self.text += s
            return len(s)

        def flush(self) -> None:
            pass

    tty = Tty()
    assert progress_wanted(tty, environ={})  # type: ignore[arg-type]
    assert not progress_wanted(tty, environ={"CI": "true"})  # type: ignore[arg-type]
    assert not progress_wanted(tty, enabled=False, environ={})  # type: ignore[arg-type]
    assert not progress_wanted(sys.stderr, environ={})  # captured by pytest: not a terminal
    bar = ProgressBar(20, stream=tty)  # type: ignore[arg-type]
    bar(16, None)
    assert "16/20 documents" in tty.text
    bar.close()
    assert tty.text.endswith("\r\x1b[K")


def test_piped_run_has_no_progress_output(stories: Path, run: Run) -> None:
    _, _, err = run("check", "stories", "--progress")
    assert "\r" not in err and "documents" not in err


def test_python_dash_m(stories: Path) -> None:
    proc = subprocess.run([sys.executable, "-m", "mtqa", "check", "stories/story01.ar.txt", "--format", "json"],
                          capture_output=True, text=True, encoding="utf-8", timeout=120, check=False)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["documents"][0]["target_path"] == "stories/story01.ar.txt"
    proc = subprocess.run([sys.executable, "-m", "mtqa", "--version"], capture_output=True, text=True, check=False)
    assert proc.returncode == 0 and proc.stdout.startswith("mtqa ")


def test_rules_lists_the_registry(run: Run) -> None:
    code, out, _ = run("rules", "--format", "json")
    rules = json.loads(out)
    assert code == 0 and {"doubled-word", "punctuation-spacing"} <= {r["id"] for r in rules}
