"""Third-party rules through the ``mtqa.rules`` entry-point group, end to end.

A throwaway package with a pyproject declaring the entry point is pip-installed (offline, no build
isolation) into a folder of its own that a fresh ``python -m mtqa`` has on ``sys.path``: installing
into the suite's own virtualenv would leak the rule into every other test (and into the other
checkouts sharing it). The broken plug-ins are written as pip would leave them (a module and its
``.dist-info`` with ``entry_points.txt``), which is faster. The entry-point machinery is the real one.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

RULE_MODULE = '''
"""A house rule: the word «مثلا» is banned (a toy rule for the plug-in test)."""
from mtqa.checks import Finding, Param, check


@check("house-banned-word", category="other", severity="minor",
       params={"word": Param("مثلا", doc="the banned word")})
def banned(seg, ctx):
    """A word the house style bans.

    Third-party rules load through the mtqa.rules entry point group.
    """
    word = ctx.param("word")
    at = seg.text.find(word)
    if at >= 0:
        yield Finding(at, at + len(word), f"house style bans «{word}»")
'''


def _package(site: Path, *, name: str = "mtqa_house_rules", version: str = "0.3.1", module: str = RULE_MODULE) -> None:
    (site / f"{name}.py").write_text(module, encoding="utf-8")
    info = site / f"{name}-{version}.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n", encoding="utf-8")
    (info / "entry_points.txt").write_text(f"[mtqa.rules]\nhouse = {name}\n", encoding="utf-8")


def _pip_install(site: Path, tmp_path: Path) -> None:
    """pip install --target of a real package folder: pyproject, one module, the entry point."""
    src = tmp_path / "house-rules"
    src.mkdir()
    (src / "pyproject.toml").write_text(
        '[build-system]\nrequires = ["setuptools"]\nbuild-backend = "setuptools.build_meta"\n'
        '[project]\nname = "mtqa-house-rules"\nversion = "0.3.1"\n'
        '[project.entry-points."mtqa.rules"]\nhouse = "mtqa_house_rules"\n'
        '[tool.setuptools]\npy-modules = ["mtqa_house_rules"]\n', encoding="utf-8")
    (src / "mtqa_house_rules.py").write_text(RULE_MODULE, encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-build-isolation", "--no-deps",
                           "--no-index", "--target", str(site), str(src)], capture_output=True, text=True,
                          timeout=300, check=False)
    assert done.returncode == 0, done.stderr


def _mtqa(site: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), str(site)]), "HF_HUB_OFFLINE": "1"}
    return subprocess.run([sys.executable, "-m", "mtqa", *args], capture_output=True, text=True, env=env, cwd=cwd,
                          timeout=300, check=False)


@pytest.fixture
def site(tmp_path: Path) -> Path:
    folder = tmp_path / "site"
    folder.mkdir()
    return folder


def test_a_plugin_rule_is_listed_runs_and_is_in_sarif_and_the_signature(site: Path, tmp_path: Path) -> None:
    _pip_install(site, tmp_path)
    listed = _mtqa(site, "rules", "--format", "json", cwd=tmp_path)
    assert listed.returncode == 0, listed.stderr
    rule = {r["id"]: r for r in json.loads(listed.stdout)}["house-banned-word"]
    assert rule["plugin"] == "mtqa-house-rules==0.3.1"
    assert rule["params"]["word"]["default"] == "مثلا"
    assert "[plug-in mtqa-house-rules==0.3.1]" in _mtqa(site, "rules", cwd=tmp_path).stdout

    target = tmp_path / "story.ar.txt"
    target.write_text("قال المسؤول مثلا إن الاجتماع انتهى.\n", encoding="utf-8")
    checked = _mtqa(site, "check", "--no-model", "--no-cache", "--format", "json:out.json", "--format",
                    "sarif:out.sarif", str(target), cwd=tmp_path)
    assert checked.returncode in (0, 1), checked.stderr
    report = json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))
    found = [f for d in report["documents"] for f in d["flags"] if f["rule"] == "house-banned-word"]
    assert [(f["text"], f["message"]) for f in found] == [("مثلا", "house style bans «مثلا»")]
    assert report["signature"].endswith("|plugins:mtqa-house-rules==0.3.1")
    sarif = json.loads((tmp_path / "out.sarif").read_text(encoding="utf-8"))
    rules = {r["id"]: r for r in sarif["runs"][0]["tool"]["driver"]["rules"]}
    assert rules["house-banned-word"]["properties"]["plugin"] == "mtqa-house-rules==0.3.1"

    # Its parameter is configured like a built-in rule's, and changes the signature.
    (tmp_path / "mtqa.toml").write_text('[rules.house-banned-word]\nword = "الاجتماع"\n', encoding="utf-8")
    again = _mtqa(site, "check", "--no-model", "--no-cache", "--format", "json:out2.json", str(target), cwd=tmp_path)
    assert again.returncode in (0, 1), again.stderr
    report2 = json.loads((tmp_path / "out2.json").read_text(encoding="utf-8"))
    assert [f["text"] for d in report2["documents"] for f in d["flags"] if f["rule"] == "house-banned-word"] \
        == ["الاجتماع"]
    assert "params:house-banned-word.word='الاجتماع'" in report2["signature"]


def test_a_broken_plugin_is_a_warning_naming_its_package_not_a_traceback(site: Path, tmp_path: Path) -> None:
    _package(site, name="mtqa_broken_rules", version="1.0", module="import no_such_module_anywhere\n")
    listed = _mtqa(site, "rules", cwd=tmp_path)
    assert listed.returncode == 0
    assert "mtqa_broken_rules 1.0 could not be loaded" in listed.stderr
    assert "No module named 'no_such_module_anywhere'" in listed.stderr
    assert "Traceback" not in listed.stderr
    assert "doubled-word" in listed.stdout  # the built-in rules are all there
    # A check says it once, on a line of its own, and runs the built-in rules.
    target = tmp_path / "story.ar.txt"
    target.write_text("وقال المسؤول ، إن الاجتماع ناقش مجلس مجلس الدفاع.\n", encoding="utf-8")
    checked = _mtqa(site, "check", "--no-model", "--no-cache", "--format", "json:out.json", str(target), cwd=tmp_path)
    assert checked.returncode in (0, 1), checked.stderr  # a verdict, not an error
    said = [line for line in checked.stderr.splitlines() if "mtqa_broken_rules" in line]
    assert said == [("mtqa: plug-in rules 'house' from package mtqa_broken_rules 1.0 could not be loaded and are "
                     "skipped: ModuleNotFoundError: No module named 'no_such_module_anywhere'")]
    assert "Traceback" not in checked.stderr
    report = (tmp_path / "out.json").read_text(encoding="utf-8")
    assert '"doubled-word"' in report and "plugins:" not in report


def test_a_plugin_taking_a_built_in_rule_id_is_refused_and_named(site: Path, tmp_path: Path) -> None:
    clash = RULE_MODULE.replace('"house-banned-word"', '"doubled-word"')
    _package(site, name="mtqa_clash_rules", version="2.0", module=clash)
    listed = _mtqa(site, "rules", "--format", "json", cwd=tmp_path)
    assert listed.returncode == 0
    assert "mtqa_clash_rules 2.0 could not be loaded" in listed.stderr
    assert "registered twice" in listed.stderr
    rule = {r["id"]: r for r in json.loads(listed.stdout)}["doubled-word"]
    assert rule["plugin"] is None  # the built-in rule stands
