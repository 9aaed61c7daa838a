"""The documented examples work: config example, baseline/ignore shapes, CI snippets, pre-commit hook."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from mtqa import load_config
from mtqa.baseline import load_baseline, load_ignore

ROOT = Path(__file__).resolve().parents[2]
yaml = pytest.importorskip("yaml")


def _blocks(doc: str, lang: str) -> list[str]:
    text = (ROOT / "docs" / doc).read_text(encoding="utf-8")
    return re.findall(rf"```{lang}\n(.*?)```", text, flags=re.DOTALL)


def test_configuration_example_is_valid(tmp_path: Path) -> None:
    (example,) = _blocks("configuration.md", "toml")
    (tmp_path / "pyproject.toml").write_text(example, encoding="utf-8")
    config = load_config(tmp_path / "pyproject.toml")
    assert config.format == ("github", "sarif", "junit") and config.thresholds.segment_chrf == 35.0
    assert config.baseline == str(tmp_path / "mtqa-baseline.json")
    assert config.rules == {"name-spelling": {"match": 0.6}, "clause-omitted": {"min_source_chars": 60}}


def test_ci_json_examples_load(tmp_path: Path) -> None:
    blocks = _blocks("ci.md", "json")
    baseline = next(b for b in blocks if "mtqa-baseline" in b)
    ignore = next(b for b in blocks if '"ignore"' in b)
    (tmp_path / "b.json").write_text(baseline, encoding="utf-8")
    (tmp_path / "i.json").write_text(ignore, encoding="utf-8")
    assert load_baseline(tmp_path / "b.json").entries[0].text == "مجلس مجلس"
    assert [e.reason for e in load_ignore(tmp_path / "i.json").entries] == ["not an error", "old house style"]


def test_ci_workflows_parse() -> None:
    blocks = [yaml.safe_load(b) for b in _blocks("ci.md", "yaml")]
    github = next(b for b in blocks if "jobs" in b)
    steps = github["jobs"]["mtqa"]["steps"]
    run = next(s["run"] for s in steps if "mtqa check" in s.get("run", ""))
    assert "sarif" in run and "github" in run
    upload = next(s for s in steps if s.get("uses", "").startswith("github/codeql-action/upload-sarif"))
    assert upload["with"]["sarif_file"] == "reports/mtqa.sarif"
    gitlab = next(b for b in blocks if "mtqa" in b and "script" in b["mtqa"])
    assert gitlab["mtqa"]["artifacts"]["reports"]["junit"] == "reports/mtqa.junit.xml"


@pytest.mark.parametrize(("name", "checked"), [
    ("news/story.ar.txt", True), ("story.ar.jsonl", True), ("units.xlf", True), ("tm.tmx", True),
    ("ar.po", True), ("story.en.txt", False), ("story.bt.txt", False), ("README.txt", False),
])
def test_pre_commit_hook(name: str, checked: bool) -> None:
    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["id"] == "mtqa" and hook["entry"] == "mtqa check" and hook["language"] == "python"
    assert bool(re.search(hook["files"], name)) is checked


def test_report_files_follow_the_umask(tmp_path: Path) -> None:
    import os
    import stat

    from mtqa.cli._outputs import write_atomic

    old = os.umask(0o022)
    try:
        write_atomic(str(tmp_path / "r.json"), "{}")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "r.json").stat().st_mode) == 0o644
