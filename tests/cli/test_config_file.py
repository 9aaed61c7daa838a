"""``[tool.mtqa]`` / mtqa.toml: every setting read, every mistake named by key and file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from mtqa_cli_helpers import Run

from mtqa import Config, ConfigError, load_config
from mtqa.config import find_config_file

FULL = """
model = "models/opus-ar-en"
reverse-model = "models/opus-en-ar"
backend = "ct2"
device = "cpu"
beams = 4
batch-tokens = 2048
roundtrip = false
require-model = true
use-model = false
cache = false
cache-dir = "cache"
fail-on = "critical"
enable = ["doubled-word"]
disable = ["punctuation"]
termbases = ["terms/nato.tsv", "builtin-name"]
default-termbase = false
target-suffix = "_ar"
source-suffix = "_en"
backtranslation-suffix = "_bt"
exclude = ["drafts/**", "*.old.txt"]
input-format = "tsv"
progress = false
timestamps = true
baseline = "mtqa-baseline.json"
ignore-file = "reviewed.json"
format = ["sarif", "junit,github"]
output-dir = "reports"

[thresholds]
segment-chrf = 40
align-chrf = 10.5
roundtrip-chrf = 25
logprob = -3
quality = 80

[severity]
doubled-word = "major"
punctuation = "critical"
"""


def test_every_key_is_read_and_paths_are_relative_to_the_file(tmp_path: Path) -> None:
    (tmp_path / "terms").mkdir()
    (tmp_path / "terms" / "nato.tsv").write_text("NATO\tالناتو\n", encoding="utf-8")
    path = tmp_path / "mtqa.toml"
    path.write_text(FULL, encoding="utf-8")
    c = load_config(path)
    assert (c.model, c.reverse_model, c.backend, c.device, c.beams, c.batch_tokens) == (
        "models/opus-ar-en", "models/opus-en-ar", "ct2", "cpu", 4, 2048)
    assert (c.roundtrip, c.require_model, c.use_model, c.cache, c.progress, c.timestamps) == (
        False, True, False, False, False, True)
    assert c.fail_on == "critical" and c.enable == ("doubled-word",) and c.disable == ("punctuation",)
    assert dict(c.severity) == {"doubled-word": "major", "punctuation": "critical"}
    assert (c.thresholds.segment_chrf, c.thresholds.align_chrf, c.thresholds.roundtrip_chrf,
            c.thresholds.logprob, c.thresholds.quality) == (40, 10.5, 25, -3, 80)
    assert (c.target_suffix, c.source_suffix, c.backtranslation_suffix) == ("_ar", "_en", "_bt")
    assert c.input_format == "tsv" and c.format == ("sarif", "junit", "github")
    assert c.termbases == (str(tmp_path / "terms" / "nato.tsv"), "builtin-name")
    for key, name in [("cache_dir", "cache"), ("baseline", "mtqa-baseline.json"),
                      ("ignore_file", "reviewed.json"), ("output_dir", "reports")]:
        assert getattr(c, key) == str(tmp_path / name)
    assert c.exclude == (str(tmp_path / "drafts/**"), "*.old.txt")
    assert c.default_termbase is False


def test_found_by_walking_up(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    deep = tmp_path / "a" / "b"
    deep.mkdir(parents=True)
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n\n[tool.mtqa]\nfail-on = "minor"\n',
                                             encoding="utf-8")
    (tmp_path / "a" / "pyproject.toml").write_text('[project]\nname = "no-mtqa-table"\n', encoding="utf-8")
    monkeypatch.chdir(deep)
    assert find_config_file() == tmp_path / "pyproject.toml"
    assert load_config().fail_on == "minor"
    (tmp_path / "a" / "mtqa.toml").write_text('fail-on = "critical"\n', encoding="utf-8")
    assert load_config().fail_on == "critical"  # the nearest wins


@pytest.mark.parametrize(("toml", "key", "message"), [
    ('fail_on = "fatal"', "fail-on", "'fatal' is not one of minor, major, critical"),
    ('failon = "major"', "failon", "unknown key"),
    ('backend = "onnx"', "backend", "not one of marian, ct2"),
    ('device = "gpu"', "device", "not auto, cpu, cuda"),
    ("beams = 0", "beams", "integer >= 1"),
    ('beams = "4"', "beams", "must be an integer"),
    ('cache = "yes"', "cache", "true or false"),
    ("model = 3", "model", "must be a string"),
    ('enable = "doubled-word,nope"', "enable", "unknown rule or category 'doubled-word,nope'"),
    ('disable = ["no-such-rule"]', "disable", "unknown rule or category 'no-such-rule'"),
    ("enable = [1]", "enable", "list of strings"),
    ('severity = "major"', "severity", "table of rule = severity"),
    ("[severity]\ndoubled-word = 'fatal'", "severity.doubled-word", "not one of minor"),
    ("[severity]\nno-such-rule = 'minor'", "severity", "unknown rule or category 'no-such-rule'"),
    ("[thresholds]\nsegment-chrf = 300", "thresholds.segment-chrf", "0 to 100"),
    ("[thresholds]\nlogprob = 1", "thresholds.logprob", "<= 0"),
    ("[thresholds]\nchrf = 30", "thresholds.chrf", "unknown key"),
    ("[thresholds]\nquality = 'high'", "thresholds.quality", "must be a number"),
    ("thresholds = 3", "thresholds", "must be a table"),
    ('source-suffix = ".ar"', "source-suffix", "must differ"),
    ('backtranslation-suffix = ""', "backtranslation-suffix", "must not be empty"),
    ('target-suffix = "*.ar"', "target-suffix", "plain file-name suffix"),
    ('input-format = "docx"', "input-format", "not one of"),
    ('format = [":out.sarif"]', "format", "NAME or NAME:PATH"),
    ("exclude = 3", "exclude", "list of strings"),
    ('baseline = ["a"]', "baseline", "must be a string"),
])
def test_bad_values_name_key_and_file(tmp_path: Path, toml: str, key: str, message: str) -> None:
    path = tmp_path / "mtqa.toml"
    path.write_text(toml + "\n", encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_config(path)
    assert info.value.key == key
    assert message in str(info.value)
    assert str(info.value).startswith(f"{path}: {key}: ")


@pytest.mark.parametrize(("name", "text", "message"), [
    ("mtqa.toml", "fail-on = ", "not valid TOML"),
    ("pyproject.toml", "[tool]\nmtqa = 3\n", "tool.mtqa: must be a table"),
    ("missing.toml", None, "config file not found"),
])
def test_unreadable_config_files(tmp_path: Path, name: str, text: str | None, message: str) -> None:
    path = tmp_path / name
    if text is not None:
        path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match=message) as info:
        load_config(path)
    assert info.value.path == str(path)


def test_python_errors_keep_field_names() -> None:
    with pytest.raises(ConfigError) as info:
        Config(source_suffix=".bt")
    assert info.value.key == "source_suffix"


def test_cli_reports_config_errors_with_exit_2(stories: Path, run: Run, tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.mtqa]\nfail-on = "major"\nbogus = 1\n', encoding="utf-8")
    code, out, err = run("check", "stories")
    assert code == 2 and out == ""
    assert f"{tmp_path / 'pyproject.toml'}: bogus: unknown key" in err and "Traceback" not in err


def test_cli_uses_formats_and_output_dir_from_config(stories: Path, run: Run, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "mtqa.toml").write_text('format = ["json", "sarif"]\noutput-dir = "out"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path / "sub")  # the output folder is relative to the config file, not the working folder
    code, out, err = run("check", "../stories")
    assert code == 0, err
    assert out == "" and sorted(p.name for p in (tmp_path / "out").iterdir()) == ["mtqa.json", "mtqa.sarif"]


def test_cli_pairing_suffixes_from_config(run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "mtqa.toml").write_text('target-suffix = "-ar"\nsource-suffix = "-en"\n', encoding="utf-8")
    (tmp_path / "n-ar.txt").write_text("اجتمع الوزراء في بروكسل.\n", encoding="utf-8")
    (tmp_path / "n-en.txt").write_text("The ministers met in Brussels.\n", encoding="utf-8")
    _code, out, _err = run("check", ".", "--no-model", "--format", "json")
    (doc,) = json.loads(out)["documents"]
    assert doc["target_path"] == "./n-ar.txt" and doc["source_path"] == "./n-en.txt"
