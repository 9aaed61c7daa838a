"""The `mtqa check` contract: exit codes, the JSON shape, and the seed's findings."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mtqa.cli import main


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_seed_text_report_shows_findings(capsys: pytest.CaptureFixture[str], seed_path: Path) -> None:
    code, out, _ = run(capsys, "check", str(seed_path), "--no-model")
    assert "-Combat" in out and "مجلس مجلس" in out
    assert f"{seed_path}:22:148:" in out  # file:line:col, col 1-based in code points
    assert code == 1  # «-Combat» is major; default fail-on is major


def test_seed_json_matches_documented_shape(capsys: pytest.CaptureFixture[str], seed_path: Path) -> None:
    code, out, _ = run(capsys, "check", str(seed_path), "--no-model", "--format", "json")
    assert code == 1  # the format does not change the verdict
    report = json.loads(out)
    assert isinstance(report["signature"], str) and report["signature"].startswith("mtqa:")
    lines = seed_path.read_text(encoding="utf-8").split("\n")
    (doc,) = report["documents"]
    assert {"target_path", "source_path", "scores", "segments", "flags"} <= set(doc)
    for seg in doc["segments"]:
        assert {"line", "start", "end", "target", "source", "backtranslation", "scores"} <= set(seg)
        assert lines[seg["line"] - 1][seg["start"]:seg["end"]] == seg["target"]
    assert doc["flags"]
    for flag in doc["flags"]:
        assert {"line", "start", "end", "text", "rule", "category", "severity", "message", "evidence"} <= set(flag)
        assert lines[flag["line"] - 1][flag["start"]:flag["end"]] == flag["text"]
        assert flag["severity"] in ("minor", "major", "critical")
        assert isinstance(flag["evidence"], dict)
    # every non-empty input line is covered by at least one segment
    covered = {seg["line"] for seg in doc["segments"]}
    assert covered == {i for i, ln in enumerate(lines, start=1) if ln.strip()}


@pytest.mark.parametrize(("fail_on", "expected"), [("critical", 0), ("major", 1), ("minor", 1)])
def test_exit_code_follows_fail_on(capsys: pytest.CaptureFixture[str], seed_path: Path,
                                   fail_on: str, expected: int) -> None:
    code, _, _ = run(capsys, "check", str(seed_path), "--no-model", "--fail-on", fail_on)
    assert code == expected


def test_clean_text_exits_zero(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    target = tmp_path / "story.ar.txt"
    target.write_text("اجتمع وزراء خارجية حلف الناتو في بروكسل يوم الخميس.\n", encoding="utf-8")
    bt = tmp_path / "story.bt.txt"
    bt.write_text("NATO foreign ministers met in Brussels on Thursday.\n", encoding="utf-8")
    src = tmp_path / "story.en.txt"
    src.write_text("NATO foreign ministers met in Brussels on Thursday.\n", encoding="utf-8")
    code, out, _ = run(capsys, "check", str(target), "--source", str(src), "--backtranslation", str(bt),
                       "--format", "json")
    report = json.loads(out)
    assert code == 0, report["documents"][0]["flags"]
    seg = report["documents"][0]["segments"][0]
    assert seg["source"] == "NATO foreign ministers met in Brussels on Thursday."
    assert seg["backtranslation"] == "NATO foreign ministers met in Brussels on Thursday."
    assert seg["scores"]["chrf"] == pytest.approx(100.0)


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"ok\n\xc3\x28", "not valid UTF-8"), (b"", "empty file"), (None, "no such file")],
)
def test_bad_input_exits_2_with_message(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                        content: bytes | None, message: str) -> None:
    target = tmp_path / "bad.txt"
    if content is not None:
        target.write_bytes(content)
    code, out, err = run(capsys, "check", str(target), "--no-model")
    assert code == 2
    assert message in err and str(target) in err
    assert "Traceback" not in err and out == ""


def test_backtranslation_line_count_mismatch_is_an_input_error(capsys: pytest.CaptureFixture[str],
                                                               tmp_path: Path) -> None:
    target = tmp_path / "t.txt"
    target.write_text("سطر أول.\nسطر ثان.\n", encoding="utf-8")
    bt = tmp_path / "bt.txt"
    bt.write_text("First line.\n", encoding="utf-8")
    code, _, err = run(capsys, "check", str(target), "--backtranslation", str(bt))
    assert code == 2 and "1 non-empty lines but the target has 2" in err


def test_usage_error_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "check", "--fail-on", "severe", "x.txt")
    assert code == 2 and "invalid choice" in err


def test_require_model_exits_3_when_model_missing(capsys: pytest.CaptureFixture[str], seed_path: Path,
                                                  tmp_path: Path) -> None:
    code, _, err = run(capsys, "check", str(seed_path), "--model", str(tmp_path / "no-such-model"),
                       "--require-model")
    assert code == 3
    assert "model" in err.lower()


def test_missing_model_runs_model_free_and_says_so(capsys: pytest.CaptureFixture[str], seed_path: Path,
                                                   tmp_path: Path) -> None:
    code, out, err = run(capsys, "check", str(seed_path), "--model", str(tmp_path / "no-such-model"),
                         "--format", "json")
    report = json.loads(out)
    assert report["model"]["status"] == "unavailable"
    assert "back-translation is OFF" in err
    assert any(f["text"] == "مجلس مجلس" for f in report["documents"][0]["flags"])
    assert code in (0, 1)
