"""Docs that run: every shell and Python block in README.md, docs/*.md and seeds/README.md is executed,
or marked as not run with the reason (it needs the model, the network, or many minutes).

A marked block sits right under ``<!-- not run by tests: KIND: reason -->`` (an HTML comment: the
rendered page does not show it). Each document's blocks run in order in a workspace of their own,
where the files the docs name exist (``story.ar.txt`` and its partners, ``stories/``, ``seeds/``,
``.mtqa-ignore.json``), with no model: the Hugging Face cache is an empty folder and the hub is
offline, so mtqa runs model-free as on a machine without the weights. A ``mtqa …`` command runs
in-process (fast; exit 0 or 1, as findings allow; ``models doctor`` may say 3, no model); any other
command runs in bash. In a ``console`` block the lines after a ``$ command`` are its output: each
must be a line of what the command printed (a line ``…`` stands for lines left out).

Every ``mtqa …`` command in a shell or YAML block, marked or not, must also parse with mtqa's own
argument parser, so that no page teaches an option mtqa does not have.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import warnings
from dataclasses import dataclass
from pathlib import Path

import pytest

from mtqa.cli import build_parser, main

ROOT = Path(__file__).resolve().parents[2]
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md")), ROOT / "seeds" / "README.md"]
FENCE = re.compile(r"^```([\w-]*)[^\n]*\n(.*?)^```[ \t]*$", re.MULTILINE | re.DOTALL)
LANGS = {"sh": "sh", "bash": "sh", "shell": "sh", "console": "console", "python": "python", "py": "python"}
NOT_RUN = re.compile(r"<!-- not run by tests: (needs a model|needs network|slow|run by tests/[\w/.]+\.py): "
                     r"(\S[^>]*?) -->$")
YAML_COMMAND = re.compile(r"(?:^|\s)(?:run:|-)\s+(mtqa\s[^#\n]*)$", re.MULTILINE)
SHELL_SYNTAX = re.compile(r"[|&;<>`$()]")
ISOLATES = str.maketrans("", "", "\u2068\u2069")
SEED = ROOT / "seeds" / "000_cf7ad39c2f50dbc3.txt"
SOURCE = ROOT / "seeds" / "000_cf7ad39c2f50dbc3.en.txt"


@dataclass(frozen=True)
class Block:
    doc: Path
    line: int
    lang: str
    body: str
    not_run: tuple[str, str] | None  # (kind, reason)

    @property
    def where(self) -> str:
        return f"{self.doc.relative_to(ROOT)}:{self.line}"


def blocks(doc: Path) -> list[Block]:
    text = doc.read_text("utf-8")
    out = []
    for m in FENCE.finditer(text):
        before = text[:m.start()].rstrip().rsplit("\n", 1)[-1]
        mark = NOT_RUN.search(before)
        out.append(Block(doc, text.count("\n", 0, m.start()) + 1, m.group(1), m.group(2),
                         (mark.group(1), mark.group(2)) if mark else None))
    return out


ALL = [b for doc in DOCS for b in blocks(doc)]


def commands(block: Block) -> list[tuple[str, list[str]]]:
    """The commands of a shell block, each with the output lines shown after it (console blocks)."""
    lines = block.body.replace("\\\n", " ").splitlines()
    out: list[tuple[str, list[str]]] = []
    for line in lines:
        if LANGS[block.lang] == "console":
            if line.startswith("$ "):
                out.append((line[2:], []))
            elif out:
                out[-1][1].append(line)
        elif line.strip() and not line.lstrip().startswith("#"):
            out.append((line, []))
    return out


def _mtqa_argvs(block: Block) -> list[list[str]]:
    if LANGS.get(block.lang) in ("sh", "console"):
        found = [shlex.split(cmd, comments=True) for cmd, _ in commands(block)]
    elif block.lang in ("yaml", "yml"):
        found = [shlex.split(cmd, comments=True) for cmd in YAML_COMMAND.findall(block.body)]
    else:
        return []
    return [argv for argv in found if argv and argv[0] == "mtqa"]


# -- the workspace the docs' commands run in ----------------------------------------------------------
def _workspace(root: Path, doc: Path) -> Path:
    ws = root / "ws"
    shutil.copytree(ROOT / "seeds", ws / "seeds")
    target, source = SEED.read_text("utf-8"), SOURCE.read_text("utf-8")
    (ws / "story.ar.txt").write_text(target, "utf-8")
    (ws / "story.en.txt").write_text(source, "utf-8")
    # One back-translation line per non-empty target line: the source's, and the two comment-box lines.
    english = [line for line in source.splitlines() if line.strip()]
    (ws / "story.bt.txt").write_text("\n".join([*english, "Leave a comment", "Your comment was added!"]) + "\n",
                                     "utf-8")
    stories = ws / "stories"
    stories.mkdir()
    paragraphs = [line for line in target.splitlines() if line.strip()]
    (stories / "nato.ar.txt").write_text("\n".join(paragraphs[:3]) + "\n", "utf-8")
    (stories / "nato.en.txt").write_text("\n".join(english[:3]) + "\n", "utf-8")
    (stories / "comments.ar.txt").write_text("\n".join(paragraphs[-2:]) + "\n", "utf-8")
    if doc.name == "ci.md":  # its Python example reads one; elsewhere it would hide findings the docs show
        ignore = {"version": 1, "ignore": [{"rule": "punctuation-spacing", "reason": "house style"}]}
        (ws / ".mtqa-ignore.json").write_text(json.dumps(ignore), "utf-8")
    return ws


@pytest.fixture
def workspace(doc: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    ws = _workspace(tmp_path, doc)
    monkeypatch.chdir(ws)
    monkeypatch.delenv("MTQA_MODEL", raising=False)
    for key, value in {"HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1", "HF_HOME": str(tmp_path / "hf"),
                       "MTQA_CACHE_DIR": str(tmp_path / "cache"), "NO_COLOR": "1"}.items():
        monkeypatch.setenv(key, value)
    monkeypatch.setenv("PATH", f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}")
    return ws


def _run_shell(block: Block, command: str, shown: list[str], ws: Path, capsys: pytest.CaptureFixture[str]) -> None:
    argv = shlex.split(command, comments=True)
    if argv and argv[0] == "mtqa" and not any(SHELL_SYNTAX.search(a) for a in argv):
        code = main(argv[1:])
        out, err = capsys.readouterr()
    else:
        proc = subprocess.run(["bash", "-c", command], cwd=ws, capture_output=True, text=True, timeout=300,
                              check=False)
        code, out, err = proc.returncode, proc.stdout, proc.stderr
    allowed = {0, 3} if argv[:3] == ["mtqa", "models", "doctor"] else {0, 1}
    assert code in allowed and "Traceback" not in err, f"{block.where}: `{command}` exited {code}:\n{err[-2000:]}"
    printed = {line.translate(ISOLATES).rstrip() for line in (out + err).splitlines()}
    for line in shown:
        if line.strip() not in ("", "…"):
            assert line.rstrip() in printed, f"{block.where}: `{command}` did not print:\n{line}\n--- it printed:\n{out}"


@pytest.mark.parametrize("doc", DOCS, ids=[str(d.relative_to(ROOT)) for d in DOCS])
def test_every_block_runs(doc: Path, workspace: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for block in blocks(doc):
        lang = LANGS.get(block.lang)
        if lang is None or block.not_run is not None:
            continue
        if lang == "python":
            with warnings.catch_warnings():  # no model here, as the page's reader may have none
                warnings.filterwarnings("ignore", "back-translation is OFF", UserWarning)
                exec(compile(block.body, block.where, "exec"), {"__name__": "__doc_example__"})  # noqa: S102
            capsys.readouterr()
            continue
        for command, shown in commands(block):
            _run_shell(block, command, shown, workspace, capsys)


@pytest.mark.parametrize("block", [b for b in ALL if _mtqa_argvs(b)], ids=lambda b: b.where)
def test_every_mtqa_command_in_the_docs_parses(block: Block, capsys: pytest.CaptureFixture[str]) -> None:
    for argv in _mtqa_argvs(block):
        try:
            build_parser().parse_args(argv[1:])
        except SystemExit as exc:
            if exc.code == 0:  # --version and --help print and stop: they parsed
                continue
            pytest.fail(f"{block.where}: `{shlex.join(argv)}` does not parse: {capsys.readouterr().err}")


def test_a_block_not_run_says_why_and_the_rest_run() -> None:
    untagged_shell = [b.where for b in ALL if not b.lang and re.match(r"\s*(\$ |mtqa |\.venv/|pip |make )", b.body)]
    assert not untagged_shell, f"shell blocks without a language tag (```sh): {untagged_shell}"
    marked = [b for b in ALL if b.not_run]
    assert all(LANGS.get(b.lang) for b in marked), [b.where for b in marked if not LANGS.get(b.lang)]
    run = [b for b in ALL if LANGS.get(b.lang) and not b.not_run]
    # README's commands, the CI page's, and the API page's examples all run
    assert {b.doc.name for b in run} >= {"README.md", "ci.md", "api.md", "models.md"}
    assert len(run) >= len(marked)
