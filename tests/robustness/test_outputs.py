"""Where reports go (issue 12, class 1): special files are written into, bad destinations are a clear
exit 2, and one failure never loses the reports already made.

Device cases go through symlinks made in the test folder (or a device node made there), so that a
regression could only ever replace the link, never a real /dev entry.
"""

from __future__ import annotations

import json
import os
import stat
import subprocess
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from ._helpers import AR_LINES, PYTHON, ROOT, CliResult

Cli = Callable[..., CliResult]


@pytest.fixture
def story(tmp_path: Path) -> Path:
    path = tmp_path / "story.ar.txt"
    path.write_text("\n".join(AR_LINES) + "\nقال مجلس مجلس الأمن إن الاجتماع انتهى.\n", encoding="utf-8")
    return path


def assert_output_error(result: CliResult, message: str) -> None:
    assert result.code == 2, result.err
    assert "Traceback" not in result.err
    assert message in result.err, result.err


def read_fifo(path: Path, got: list[bytes]) -> threading.Thread:
    def reader() -> None:
        with open(path, "rb") as fh:
            got.append(fh.read())

    thread = threading.Thread(target=reader, daemon=True)
    thread.start()
    return thread


@pytest.mark.parametrize("through_symlink", [False, True], ids=["fifo", "symlink-to-fifo"])
def test_a_fifo_receives_the_report_and_stays_a_fifo(cli: Cli, tmp_path: Path, story: Path,
                                                     through_symlink: bool) -> None:
    fifo = tmp_path / "out.fifo"
    os.mkfifo(fifo)
    target = fifo
    if through_symlink:
        target = tmp_path / "link"
        target.symlink_to(fifo)
    got: list[bytes] = []
    thread = read_fifo(fifo, got)
    result = cli("check", str(story), "--no-model", "--format", "json", "--output", str(target))
    thread.join(30)
    assert result.code in (0, 1) and "Traceback" not in result.err
    assert json.loads(got[0])["documents"][0]["target_path"] == str(story)
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert not through_symlink or os.path.islink(target)


def test_a_symlink_to_a_character_device_is_written_through(cli: Cli, tmp_path: Path, story: Path) -> None:
    link = tmp_path / "null"
    link.symlink_to("/dev/null")
    result = cli("check", str(story), "--no-model", "--format", "json", "--output", str(link))
    assert result.code in (0, 1) and "Traceback" not in result.err
    assert os.readlink(link) == "/dev/null" and stat.S_ISCHR(os.stat(link).st_mode)


def test_a_character_device_node_is_written_into_not_replaced(cli: Cli, tmp_path: Path, story: Path) -> None:
    node = tmp_path / "null-device"
    try:  # a /dev/null of our own: only this node is at stake if writing regressed to replacing
        os.mknod(node, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    except (PermissionError, OSError) as exc:
        pytest.skip(f"cannot make a device node here: {exc}")
    result = cli("check", str(story), "--no-model", "--format", "json", "--output", str(node))
    assert result.code in (0, 1) and "Traceback" not in result.err
    assert stat.S_ISCHR(os.lstat(node).st_mode)


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full")
def test_a_full_device_is_an_output_error(cli: Cli, tmp_path: Path, story: Path) -> None:
    link = tmp_path / "full"
    link.symlink_to("/dev/full")
    assert_output_error(cli("check", str(story), "--no-model", "--format", "json", "--output", str(link)),
                        f"mtqa: error: {link}: no space left on the device")
    assert os.readlink(link) == "/dev/full"


def test_stdout_through_proc_self_fd_1(tmp_path: Path, story: Path) -> None:
    link = tmp_path / "stdout"
    link.symlink_to("/proc/self/fd/1")
    proc = subprocess.run([PYTHON, "-m", "mtqa", "check", str(story), "--no-model", "--format", "json",
                           "--output", str(link)], capture_output=True, text=True, cwd=ROOT, timeout=120,
                          check=False, env={**os.environ, "HF_HUB_OFFLINE": "1"})
    assert proc.returncode in (0, 1) and "Traceback" not in proc.stderr
    assert json.loads(proc.stdout)["format"] == "mtqa-report"
    assert os.readlink(link) == "/proc/self/fd/1"


def test_a_symlink_to_a_regular_file_keeps_being_a_symlink(cli: Cli, tmp_path: Path, story: Path) -> None:
    real = tmp_path / "reports" / "real.json"
    real.parent.mkdir()
    real.write_text("old", encoding="utf-8")
    link = tmp_path / "latest.json"
    link.symlink_to(real)
    result = cli("check", str(story), "--no-model", "--format", "json", "--output", str(link))
    assert result.code in (0, 1)
    assert os.path.islink(link) and json.loads(real.read_text(encoding="utf-8"))["format"] == "mtqa-report"


@pytest.mark.parametrize(("make", "message"), [
    (lambda tmp: tmp / "folder", "is a directory, expected a file"),
    (lambda tmp: tmp / "a-file" / "report.json", "a part of the path is a file, not a folder"),
    (lambda tmp: f"{tmp / 'new-folder'}/", "names a folder (it ends with a slash)"),
], ids=["directory", "path-through-a-file", "trailing-slash"])
def test_bad_output_destination_exits_2_before_checking(cli: Cli, tmp_path: Path, story: Path,
                                                       make: Callable[[Path], Path | str], message: str) -> None:
    (tmp_path / "folder").mkdir()
    (tmp_path / "a-file").write_text("x", encoding="utf-8")
    destination = make(tmp_path)
    result = cli("check", str(story), "--no-model", "--format", "json", "--output", str(destination))
    assert_output_error(result, f"mtqa: error: {destination}: {message}")
    assert result.out == ""


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root writes whatever the mode")
def test_unwritable_folder_exits_2(cli: Cli, tmp_path: Path, story: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        result = cli("check", str(story), "--no-model", "--format", "json", "--output", str(locked / "r.json"))
    finally:
        locked.chmod(0o700)
    assert_output_error(result, "permission denied")


def test_output_dir_that_is_a_file_exits_2(cli: Cli, tmp_path: Path, story: Path) -> None:
    blocker = tmp_path / "reports"
    blocker.write_text("x", encoding="utf-8")
    result = cli("check", str(story), "--no-model", "--format", "json,sarif", "--output-dir", str(blocker))
    assert_output_error(result, f"mtqa: error: {blocker}: --output-dir is a file, not a folder")


@pytest.mark.parametrize("how", ["--output", "format-path", "paired-source", "baseline"])
def test_a_report_is_never_written_over_an_input(cli: Cli, tmp_path: Path, story: Path, how: str) -> None:
    source = tmp_path / "story.en.txt"  # paired with story.ar.txt by its suffix, not named
    source.write_text("The council met.\n" * len(story.read_text(encoding="utf-8").splitlines()), encoding="utf-8")
    before = {p: p.read_bytes() for p in (story, source)}
    if how == "--output":
        result = cli("check", str(story), "--no-model", "--format", "json", "--output", str(story))
    elif how == "format-path":
        result = cli("check", str(story), "--no-model", "--format", f"json:{story}")
    elif how == "paired-source":
        result = cli("check", str(story), "--no-model", "--format", "json", "--output", str(source))
    else:
        result = cli("baseline", "create", str(story), "--no-model", "--output", str(story))
    clash = source if how == "paired-source" else story
    assert_output_error(result, f"mtqa: error: {clash}: is an input of this run")
    assert {p: p.read_bytes() for p in before} == before


def test_one_failing_output_does_not_lose_the_others(cli: Cli, tmp_path: Path, story: Path) -> None:
    if not os.path.exists("/dev/full"):
        pytest.skip("no /dev/full")
    full = tmp_path / "full"
    full.symlink_to("/dev/full")
    sarif = tmp_path / "ok.sarif"
    result = cli("check", str(story), "--no-model", "--format", f"json:{full},sarif:{sarif}")
    assert_output_error(result, f"{full}: no space left on the device")
    assert json.loads(sarif.read_text(encoding="utf-8"))["version"] == "2.1.0"


def test_unwritable_step_summary_exits_2_after_the_reports(tmp_path: Path, story: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x", encoding="utf-8")
    report = tmp_path / "r.json"
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "GITHUB_ACTIONS": "true",
           "GITHUB_STEP_SUMMARY": str(blocker / "summary.md")}
    proc = subprocess.run([PYTHON, "-m", "mtqa", "check", str(story), "--no-model", "--format",
                           f"github,json:{report}"], capture_output=True, text=True, cwd=ROOT, timeout=120,
                          check=False, env=env)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert f"mtqa: error: {blocker / 'summary.md'}: a part of the path is a file, not a folder" in proc.stderr
    assert proc.stdout.splitlines()[-1].startswith("mtqa: ")  # the annotations were written
    assert json.loads(report.read_text(encoding="utf-8"))["summary"]["documents"] == 1


def test_baseline_create_to_an_unwritable_path_exits_2(cli: Cli, tmp_path: Path, story: Path) -> None:
    (tmp_path / "a-file").write_text("x", encoding="utf-8")
    output = tmp_path / "a-file" / "baseline.json"
    result = cli("baseline", "create", str(story), "--no-model", "--output", str(output))
    assert_output_error(result, f"mtqa: error: {output}: a part of the path is a file, not a folder")


def test_a_bad_file_among_many_is_an_error_document(cli: Cli, tmp_path: Path) -> None:
    """The other files are checked and every report written; exit 2 says an input failed."""
    folder = tmp_path / "stories"
    folder.mkdir()
    (folder / "a.ar.txt").write_text("قال مجلس مجلس الأمن إن الاجتماع انتهى.\n", encoding="utf-8")
    (folder / "b.ar.txt").write_bytes("سطر\n".encode("cp1256"))
    (folder / "c.xlf").write_bytes(b'<?xml version="1.0"?>\n<xliff version="1.2">\n<file>\n</xliff>\n')
    (folder / "d.ar.txt").write_text("وأضاف أن الحكومة خصصت 2.5 مليار دولار.\n", encoding="utf-8")
    report, sarif = tmp_path / "r.json", tmp_path / "r.sarif"
    result = cli("check", str(folder), "--no-model", "--format", f"text,json:{report},sarif:{sarif}")
    assert result.code == 2 and "Traceback" not in result.err
    data = json.loads(report.read_text(encoding="utf-8"))
    status = {Path(d["target_path"]).name: (d["status"], d["reason"]) for d in data["documents"]}
    assert status["a.ar.txt"] == ("checked", None) and status["d.ar.txt"] == ("checked", None)
    undecodable = f"{folder / 'b.ar.txt'}:1: not valid UTF-8 (byte 0xd3 at column 1); save the file as UTF-8"
    assert status["b.ar.txt"] == ("error", undecodable)
    assert status["c.xlf"][0] == "error" and "malformed XML" in status["c.xlf"][1]
    assert data["summary"]["input_errors"] == 2 and data["passed"] is False
    assert any(f["text"] == "مجلس مجلس" for d in data["documents"] for f in d["flags"])
    assert f"mtqa: error: {status['b.ar.txt'][1]}" in result.err.splitlines()
    assert f"{folder / 'b.ar.txt'}: error: " in result.out  # the text report says it too
    notes = json.loads(sarif.read_text(encoding="utf-8"))["runs"][0]["invocations"][0]
    assert notes["executionSuccessful"] is False
    assert sum(n["level"] == "error" for n in notes["toolExecutionNotifications"]) == 2
