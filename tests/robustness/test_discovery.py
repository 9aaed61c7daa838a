"""File discovery (issue 12, class 4): each real file once, symlink loops cut, special files and
symlinks out of the scanned folder skipped with a note, an unreadable file an error document.
"""

from __future__ import annotations

import json
import os
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from mtqa import Config
from mtqa.io.files import discover

from ._helpers import PYTHON, ROOT, CliResult

Cli = Callable[..., CliResult]
STORY = "قال مجلس مجلس الأمن إن الاجتماع انتهى.\n"
SECRET = "سر لا يجوز أن يظهر في أي تقرير"


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """news/ with one story deep down, a loop back to news/ and one to news/deep/."""
    deep = tmp_path / "news" / "deep"
    deep.mkdir(parents=True)
    (deep / "a.ar.txt").write_text(STORY, encoding="utf-8")
    (deep / "loop").symlink_to("..")
    (tmp_path / "news" / "loop2").symlink_to(deep)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def checked_paths(result: CliResult) -> dict[str, tuple[str, str | None]]:
    return {d["target_path"]: (d["status"], d["reason"]) for d in json.loads(result.out)["documents"]}


@pytest.mark.timeout(60)
@pytest.mark.parametrize("args", [["news/**/*.ar.txt"], ["**/*.ar.txt"], ["news"], ["news", "--follow-symlinks"],
                                  ["news/**/*.ar.txt", "--follow-symlinks"]])
def test_symlink_loops_give_each_real_file_once(cli: Cli, tree: Path, args: list[str]) -> None:
    result = cli("check", *args, "--no-model", "--format", "json")
    assert result.code in (0, 1) and "Traceback" not in result.err
    assert list(checked_paths(result)) == ["news/deep/a.ar.txt"]


def test_the_same_file_by_several_names_is_checked_once(cli: Cli, tree: Path) -> None:
    (tree / "news" / "alias.ar.txt").symlink_to(tree / "news" / "deep" / "a.ar.txt")
    result = cli("check", "news/deep/a.ar.txt", "news/alias.ar.txt", str(tree / "news" / "deep" / "a.ar.txt"),
                 "news", "--no-model", "--format", "json")
    assert list(checked_paths(result)) == ["news/deep/a.ar.txt"]


@pytest.mark.timeout(60)
def test_a_fifo_in_a_folder_is_skipped_with_a_note(cli: Cli, tree: Path) -> None:
    os.mkfifo(tree / "news" / "pipe.ar.txt")
    os.mkfifo(tree / "news" / "unrelated-pipe")  # not a target by its name: left out silently
    result = cli("check", "news", "--no-model", "--format", "json")
    assert result.code in (0, 1) and "Traceback" not in result.err
    assert checked_paths(result)["news/pipe.ar.txt"] == ("skipped", "a FIFO (named pipe), not a regular file")
    assert "news/unrelated-pipe" not in checked_paths(result)
    assert "mtqa: note: news/pipe.ar.txt: skipped: a FIFO (named pipe), not a regular file" in result.err


@pytest.mark.timeout(60)
@pytest.mark.parametrize("follow", [False, True])
def test_a_symlink_to_dev_zero_is_never_read(cli: Cli, tree: Path, follow: bool) -> None:
    (tree / "news" / "zero.ar.txt").symlink_to("/dev/zero")
    result = cli("check", "news", "--no-model", "--format", "json", *(["--follow-symlinks"] if follow else []))
    assert result.code in (0, 1) and "Traceback" not in result.err
    status, reason = checked_paths(result)["news/zero.ar.txt"]
    assert status == "skipped"
    assert reason == ("a character device, not a regular file" if follow else
                      "a symlink to /dev/zero, outside the scanned folder; not followed (--follow-symlinks follows it)")


def test_a_symlink_out_of_the_tree_is_not_read_unless_followed(cli: Cli, tree: Path) -> None:
    outside = tree / "elsewhere"
    outside.mkdir()
    (outside / "secret.ar.txt").write_text(f"{SECRET}.\n", encoding="utf-8")
    (tree / "news" / "leak.ar.txt").symlink_to(outside / "secret.ar.txt")
    (tree / "news" / "leakdir").symlink_to(outside)
    result = cli("check", "news", "--no-model", "--format", "json")
    assert result.code in (0, 1)
    paths = checked_paths(result)
    assert paths["news/leak.ar.txt"][0] == "skipped" and "outside the scanned folder" in str(paths["news/leak.ar.txt"][1])
    assert paths["news/leakdir"][0] == "skipped"
    assert SECRET not in result.out  # not read, not shown
    followed = cli("check", "news", "--no-model", "--format", "json", "--follow-symlinks")
    assert checked_paths(followed)["news/leak.ar.txt"] == ("checked", None)


def test_a_device_named_on_the_command_line_is_an_input_error(cli: Cli, tmp_path: Path) -> None:
    link = tmp_path / "zero.ar.txt"
    link.symlink_to("/dev/zero")
    result = cli("check", str(link), "--no-model")
    assert result.code == 2 and result.out == "" and "Traceback" not in result.err
    assert result.err.strip().splitlines()[-1] == f"mtqa: error: {link}: is a character device, not a regular file"


def test_unreadable_files_among_many_are_error_documents(cli: Cli, tmp_path: Path) -> None:
    good = tmp_path / "good.ar.txt"
    good.write_text(STORY, encoding="utf-8")
    (tmp_path / "plain").write_text("x", encoding="utf-8")
    through_a_file = tmp_path / "plain" / "t.ar.txt"
    missing = tmp_path / "missing.ar.txt"
    result = cli("check", str(good), str(through_a_file), str(missing), "--no-model", "--format", "json")
    assert result.code == 2 and "Traceback" not in result.err
    paths = checked_paths(result)
    assert paths[str(good)] == ("checked", None)
    assert paths[str(through_a_file)] == ("error", f"{through_a_file}: cannot read: Not a directory")
    assert paths[str(missing)] == ("error", f"{missing}: no such file")
    assert result.err.splitlines()[-2:] == [f"mtqa: error: {through_a_file}: cannot read: Not a directory",
                                            f"mtqa: error: {missing}: no such file"]


def test_jsonl_names_the_documents_it_could_not_check(cli: Cli, tmp_path: Path) -> None:
    # a stream of flag rows alone would hide a file that was never read, or a line that raised
    good = tmp_path / "good.ar.txt"
    good.write_text(STORY, encoding="utf-8")
    latin = tmp_path / "latin.ar.txt"
    latin.write_text("This is English, not Arabic.\n", encoding="utf-8")
    missing = tmp_path / "missing.ar.txt"
    result = cli("check", str(good), str(latin), str(missing), "--no-model", "--format", "jsonl")
    assert result.code == 2 and "Traceback" not in result.err
    rows = [json.loads(line) for line in result.out.splitlines()]
    documents = {r["target_path"]: r for r in rows if "status" in r}
    assert set(documents) == {str(latin), str(missing)}  # the checked, error-free document adds no row
    assert documents[str(missing)]["status"] == "error"
    assert documents[str(missing)]["reason"] == f"{missing}: no such file"
    assert documents[str(latin)]["status"] == "checked"
    assert documents[str(latin)]["errors"] == ["line 1: target has no Arabic text — is this the source?"]
    assert all("signature" in r for r in rows)


def test_discover_returns_skipped_pairings(tree: Path) -> None:
    os.mkfifo(tree / "news" / "pipe.ar.txt")
    pairs = discover(["news"], Config())
    assert [(p.target, p.skipped) for p in pairs] == [
        ("news/deep/a.ar.txt", None), ("news/pipe.ar.txt", "a FIFO (named pipe), not a regular file")]


def test_a_folder_with_only_special_files_says_what_it_left_out(cli: Cli, tmp_path: Path) -> None:
    folder = tmp_path / "empty"
    folder.mkdir()
    os.mkfifo(folder / "p.ar.txt")
    result = cli("check", str(folder), "--no-model")
    assert result.code == 2 and "Traceback" not in result.err
    assert "no target files found" in result.err and "p.ar.txt: a FIFO (named pipe), not a regular file" in result.err


# -- standard input ------------------------------------------------------------------------------------------

def _stdin(data: bytes, *args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([PYTHON, "-m", "mtqa", "check", "-", "--no-model", *args], input=data,
                          capture_output=True, cwd=ROOT, timeout=120, check=False,
                          env={**os.environ, "HF_HUB_OFFLINE": "1"})


@pytest.mark.parametrize(("data", "fmt"), [
    (STORY.encode(), None),
    (json.dumps({"id": "p1", "target": STORY.strip()}, ensure_ascii=False).encode(), "jsonl"),
])
def test_check_dash_reads_standard_input(data: bytes, fmt: str | None) -> None:
    proc = _stdin(data, "--format", "json", *(["--input-format", fmt] if fmt else []))
    assert proc.returncode == 1 or proc.returncode == 0, proc.stderr
    report = json.loads(proc.stdout)
    assert report["documents"][0]["target_path"] is None  # as for in-memory text (docs/report-format.md)
    assert any(f["text"] == "مجلس مجلس" for f in report["documents"][0]["flags"])


def test_undecodable_standard_input_is_an_input_error() -> None:
    proc = _stdin("سطر\n".encode("cp1256"))
    assert proc.returncode == 2 and b"Traceback" not in proc.stderr
    assert proc.stderr.decode().strip().endswith(
        "mtqa: error: <stdin>:1: not valid UTF-8 (byte 0xd3 at column 1); save the file as UTF-8")
