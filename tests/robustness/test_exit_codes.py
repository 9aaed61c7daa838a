"""Exit codes and messages (issue 12, classes 5 and 7): 0/1 only for "checked, without / with
findings", every input problem 2, every model problem 3, never a traceback without --debug.
Untrusted JSON (JSONL, baseline, ignore file, manifest, cache rows, a model's config.json) is
parsed with depth and number-size limits.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from mtqa._json import MAX_DEPTH, MAX_NUMBER_CHARS, JsonError, parse_json

from ._helpers import AR_LINES, EN_LINES, PYTHON, ROOT, CliResult

Cli = Callable[..., CliResult]
STORY = "قال مجلس مجلس الأمن إن الاجتماع انتهى.\n"

# Hostile JSON values: far too deep, a huge integer, a huge float, the non-JSON constants.
HOSTILE_VALUES = {
    "deep-100000": "[" * 100_000 + "]" * 100_000,
    "deep-objects": '{"a":' * 5000 + "1" + "}" * 5000,
    "just-too-deep": "[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1),
    "int-5001-digits": "1" * 5001,
    "float-5001-digits": "0." + "1" * 5001,
    "nan": "NaN",
    "infinity": "-Infinity",
}
REASONS = {
    "deep-100000": "JSON nested too deeply", "deep-objects": "JSON nested too deeply",
    "just-too-deep": "JSON nested too deeply", "int-5001-digits": "integer with 5001 characters",
    "float-5001-digits": "number with 5003 characters", "nan": "NaN is not a JSON value",
    "infinity": "-Infinity is not a JSON value",
}


def assert_exit(result: CliResult, code: int, message: str) -> None:
    assert result.code == code, (result.code, result.err)
    assert "Traceback" not in result.err and "Traceback" not in result.out
    assert message in result.err, result.err


@pytest.mark.parametrize("name", list(HOSTILE_VALUES))
def test_bounded_json_loader(name: str) -> None:
    with pytest.raises(JsonError, match=REASONS[name]):
        parse_json(f'{{"x": {HOSTILE_VALUES[name]}}}')


def test_bounded_json_loader_accepts_what_mtqa_writes() -> None:
    value = {"a": [[[{"b": 10 ** (MAX_NUMBER_CHARS - 1)}]]], "c": -1.5e-3}
    assert parse_json(json.dumps(value)) == value
    nested: object = 1
    for _ in range(MAX_DEPTH - 1):
        nested = [nested]
    assert parse_json(json.dumps(nested)) == nested


# -- every untrusted JSON input, through the CLI --------------------------------------------------------------

def _jsonl(tmp: Path, value: str) -> list[str]:
    path = tmp / "t.ar.jsonl"
    path.write_text(f'{{"target": "سطر أول."}}\n{{"target": "سطر ثان.", "id": {value}}}\n', encoding="utf-8")
    return ["check", str(path)]


def _baseline(tmp: Path, value: str) -> list[str]:
    (tmp / "t.ar.txt").write_text(STORY, encoding="utf-8")
    (tmp / "b.json").write_text(f'{{"format": "mtqa-baseline", "version": 1, "findings": {value}}}',
                                encoding="utf-8")
    return ["check", str(tmp / "t.ar.txt"), "--baseline", str(tmp / "b.json")]


def _ignore(tmp: Path, value: str) -> list[str]:
    (tmp / "t.ar.txt").write_text(STORY, encoding="utf-8")
    (tmp / "i.json").write_text(f'{{"version": 1, "ignore": [{{"rule": "x", "reason": {value}}}]}}',
                                encoding="utf-8")
    return ["check", str(tmp / "t.ar.txt"), "--ignore", str(tmp / "i.json")]


def _manifest(tmp: Path, value: str) -> list[str]:
    (tmp / "t.ar.txt").write_text(STORY, encoding="utf-8")
    (tmp / "m.jsonl").write_text(f'{{"target": "t.ar.txt", "source": {value}}}\n', encoding="utf-8")
    return ["check", "--manifest", str(tmp / "m.jsonl")]


@pytest.mark.parametrize("name", list(HOSTILE_VALUES))
@pytest.mark.parametrize(("where", "make", "line"), [
    ("jsonl", _jsonl, 2), ("baseline", _baseline, None), ("ignore", _ignore, None), ("manifest", _manifest, 1),
])
def test_hostile_json_is_an_input_error(cli: Cli, tmp_path: Path, where: str,
                                        make: Callable[[Path, str], list[str]], line: int | None, name: str) -> None:
    args = make(tmp_path, HOSTILE_VALUES[name])
    result = cli(*args, "--no-model")
    assert_exit(result, 2, REASONS[name])
    last = result.err.strip().splitlines()[-1]
    assert last.startswith("mtqa: error: ") and (line is None or f":{line}: " in last), last


@pytest.mark.parametrize("value", ['"line": "thirteen"', '"line": 1e400', '"line": [1]'])
def test_baseline_with_a_wrong_typed_line_is_an_input_error(cli: Cli, tmp_path: Path, value: str) -> None:
    (tmp_path / "t.ar.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / "b.json").write_text('{"format": "mtqa-baseline", "version": 1, "findings": [{"path": "t.ar.txt", '
                                     f'"rule": "doubled-word", "fingerprint": "x", {value}}}]}}', encoding="utf-8")
    result = cli("check", str(tmp_path / "t.ar.txt"), "--baseline", str(tmp_path / "b.json"), "--no-model")
    assert_exit(result, 2, "findings[0].line: must be a whole number")


def test_oversized_csv_manifest_field_is_an_input_error(cli: Cli, tmp_path: Path) -> None:
    (tmp_path / "m.csv").write_text('target\n"' + "x" * 200_000 + '"\n', encoding="utf-8")
    assert_exit(cli("check", "--manifest", str(tmp_path / "m.csv"), "--no-model"), 2, "malformed CSV: field larger")


# -- cache rows: wrong-typed rows are misses, repairs are said on stderr ---------------------------------------

UNKNOWN_SEVERITY = ('{"flags": [{"line": 1, "start": 0, "end": 1, "text": "x", "rule": "r", "category": "c", '
                    '"severity": "fatal", "message": "m"}]}')


@pytest.mark.parametrize("row", ["[]", '"text"', '{"segments": 5}', '{"target_path": [], "flags": [{"line": 1}]}',
                                 UNKNOWN_SEVERITY, "[" * 100_000, "not json"])
def test_a_cache_row_of_the_wrong_shape_is_recomputed_and_said(cli: Cli, tmp_path: Path, row: str) -> None:
    target = tmp_path / "t.ar.txt"
    target.write_text(STORY, encoding="utf-8")
    cache = tmp_path / "cache"
    args = ("check", str(target), "--no-model", "--format", "json", "--cache-dir", str(cache))
    first = cli(*args)
    with sqlite3.connect(cache / "results.sqlite3") as conn:
        assert conn.execute("UPDATE results SET value = ?", (row,)).rowcount == 1
    again = cli(*args)
    assert again.code == first.code and again.out == first.out and "Traceback" not in again.err
    assert "had 1 unreadable row(s); recomputed and rewritten" in again.err
    third = cli(*args)
    assert third.out == first.out and "unreadable" not in third.err  # the row was rewritten


def test_a_corrupt_cache_is_said_on_stderr(cli: Cli, tmp_path: Path) -> None:
    target = tmp_path / "t.ar.txt"
    target.write_text(STORY, encoding="utf-8")
    cache = tmp_path / "cache"
    cache.mkdir()
    (cache / "results.sqlite3").write_bytes(b"not a database at all " * 200)
    result = cli("check", str(target), "--no-model", "--cache-dir", str(cache))
    assert result.code in (0, 1) and "Traceback" not in result.err
    assert "result cache" in result.err and "is corrupt" in result.err and "rebuilding it" in result.err


# -- models: broken is 3, absent is one line ---------------------------------------------------------------------

def _model_dir(path: Path, config: str) -> Path:
    path.mkdir()
    (path / "config.json").write_text(config, encoding="utf-8")
    for name in ("vocab.json",):
        (path / name).write_text('{"</s>": 0, "<unk>": 1}', encoding="utf-8")
    for name in ("source.spm", "target.spm", "model.safetensors"):
        (path / name).write_bytes(b"\0")
    return path


@pytest.mark.parametrize(("config", "message"), [
    ('{"model_type": "marian",', "config.json:1: not valid JSON: malformed JSON: Expecting"),
    ("[" * 100_000 + "]" * 100_000, "config.json: not valid JSON: JSON nested too deeply"),
    ('["a", "list"]', "config.json: expected a JSON object, found list"),
    ('{"d_model": ' + "9" * 5001 + "}", "config.json: not valid JSON: integer with 5001 characters"),
    # values that used to fail mid-run (exit 4) or inside a loader
    ('{"decoder_layers": 0}', "config.json: decoder_layers must be a whole number from 1 to 1024, not 0"),
    ('{"max_position_embeddings": 1e30}', "config.json: max_position_embeddings must be a whole number"),
    ('{"vocab_size": [979]}', "config.json: vocab_size must be a whole number from 2 to 4194304, not [979]"),
    ('{"model_type": "bert"}', "config.json: model_type is 'bert'; mtqa runs Marian translation models"),
    ('{"vocab_size": 979}', "vocab.json: 2 pieces (ids up to 1) for a model of 979: not this model's vocabulary"),
])
@pytest.mark.parametrize("require", [False, True], ids=["default", "require-model"])
def test_a_broken_model_directory_exits_3(cli: Cli, tmp_path: Path, config: str, message: str,
                                          require: bool) -> None:
    model = _model_dir(tmp_path / "model", config)
    target = tmp_path / "t.ar.txt"
    target.write_text(STORY, encoding="utf-8")
    result = cli("check", str(target), "--model", str(model), *(["--require-model"] if require else []))
    assert_exit(result, 3, message)
    assert result.err.startswith("mtqa: error: model unavailable: ")
    doctor = cli("models", "doctor", "--model", str(model))
    assert doctor.code == 3 and "Traceback" not in doctor.err
    assert "UNUSABLE" in doctor.out and message in doctor.out


@pytest.mark.parametrize(("name", "content", "message"), [
    ("vocab.json", '{"</s>": "0", "<unk>": "1"}', "vocab.json: every piece needs a whole-number id; '</s>' has '0'"),
    ("tokenizer_config.json", '{"model_max_length": 2}', "tokenizer_config.json: model_max_length must be a whole"),
])
def test_a_model_file_with_unusable_values_exits_3(cli: Cli, tmp_path: Path, name: str, content: str,
                                                    message: str) -> None:
    model = _model_dir(tmp_path / "model", '{"model_type": "marian"}')
    (model / name).write_text(content, encoding="utf-8")
    target = tmp_path / "t.ar.txt"
    target.write_text(STORY, encoding="utf-8")
    assert_exit(cli("check", str(target), "--model", str(model)), 3, message)


def test_an_absent_model_is_one_line_and_doctor_explains(cli: Cli, tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    target = tmp_path / "t.ar.txt"
    target.write_text(STORY, encoding="utf-8")
    missing = tmp_path / "no-such-model"
    quiet = cli("check", str(target), "--model", str(missing))
    assert quiet.code in (0, 1) and "Traceback" not in quiet.err
    (line,) = quiet.err.strip().splitlines()
    assert "back-translation is OFF" in line and "mtqa models doctor" in line and str(missing) in line
    verbose = cli("check", str(target), "--model", str(missing), "-v")
    assert "Tried:" in verbose.err and "To fix it, one of:" in verbose.err
    github = cli("check", str(target), "--model", str(missing), "--format", "github")
    notices = [ln for ln in github.out.splitlines() if ln.startswith("::notice")]
    assert len(notices) == 1 and "%0A" not in notices[0] and "back-translation is OFF" in notices[0]
    doctor = cli("models", "doctor", "--model", str(missing), "--cache-dir", str(tmp_path / "cache"))
    assert doctor.code == 3 and "no such directory" in doctor.out and "backends" in doctor.out
    assert "translation cache translations.sqlite3: not created yet" in doctor.out


def test_doctor_with_a_usable_model(cli: Cli, toy_model_dir: Path, tmp_path: Path) -> None:
    result = cli("models", "doctor", "--model", str(toy_model_dir), "--reverse-model", str(toy_model_dir),
                 "--cache-dir", str(tmp_path))
    assert result.code == 0, result.out
    assert f"back-translation (ar->en): {toy_model_dir}: usable" in result.out
    assert "verdict: back-translation can run" in result.out
    for part in ("marian (selected): available", "Arabic spelling", "built-in termbase", "result cache"):
        assert part in result.out


# -- no traceback, whatever goes wrong -----------------------------------------------------------------------

def test_an_internal_error_is_exit_4_without_traceback_unless_debug(cli: Cli, tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    import mtqa.cli._commands

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("simulated bug")

    monkeypatch.setattr(mtqa.cli._commands, "apply_baseline", broken)
    target = tmp_path / "t.ar.txt"
    target.write_text(STORY, encoding="utf-8")
    result = cli("check", str(target), "--no-model")
    assert_exit(result, 4, "mtqa: internal error: RuntimeError: simulated bug (a bug in mtqa; run again with --debug")
    debug = cli("check", str(target), "--no-model", "--debug")
    assert debug.code == 4 and "Traceback" in debug.err and "simulated bug" in debug.err


@pytest.mark.parametrize("fmt", ["text", "json", "github", "sarif"])
def test_an_ascii_only_stdout_still_gets_the_report(tmp_path: Path, fmt: str) -> None:
    target = tmp_path / "t.ar.txt"
    target.write_text(STORY, encoding="utf-8")

    def run(encoding: str) -> subprocess.CompletedProcess[bytes]:
        return subprocess.run([PYTHON, "-m", "mtqa", "check", str(target), "--no-model", "--format", fmt],
                              capture_output=True, cwd=ROOT, timeout=120, check=False,
                              env={**os.environ, "HF_HUB_OFFLINE": "1", "PYTHONIOENCODING": encoding})

    ascii_run, utf8_run = run("ascii"), run("utf-8")
    assert ascii_run.returncode == utf8_run.returncode in (0, 1), ascii_run.stderr
    assert b"Traceback" not in ascii_run.stderr
    out = ascii_run.stdout.decode("ascii")  # nothing but ASCII reached the stream
    if fmt in ("json", "sarif"):  # the escapes are JSON escapes: the same data
        assert json.loads(out) == json.loads(utf8_run.stdout.decode("utf-8"))
    else:
        assert "\\u0645\\u062c\\u0644\\u0633" in out  # مجلس, escaped


def test_both_spellings_of_a_key_is_a_config_error(cli: Cli, tmp_path: Path) -> None:
    config = tmp_path / "mtqa.toml"
    config.write_text('fail-on = "minor"\nfail_on = "critical"\n', encoding="utf-8")
    target = tmp_path / "t.ar.txt"
    target.write_text(STORY, encoding="utf-8")
    result = cli("check", str(target), "--config", str(config), "--no-model")
    assert_exit(result, 2, f"mtqa: error: {config}: fail_on: given twice, as 'fail-on' and 'fail_on'; keep one")


@pytest.mark.parametrize(("toml", "message"), [
    # TOML allows nan and inf; a report carrying them would be no JSON
    ("[thresholds]\nlogprob = nan\n", "thresholds.logprob: must be a finite number"),
    ("[thresholds]\nsupport-word = inf\n", "thresholds.support-word: must be a finite number"),
    ("[rules.name-spelling]\nmatch = nan\n", "rules.name-spelling.match: must be a finite number"),
    # tomllib recurses into nested arrays
    ("x = " + "[" * 500 + "]" * 500 + "\n", "not valid TOML: nested too deeply"),
])
def test_a_config_value_no_report_could_carry_is_a_config_error(cli: Cli, tmp_path: Path, toml: str,
                                                                 message: str) -> None:
    config = tmp_path / "mtqa.toml"
    config.write_text(toml, encoding="utf-8")
    target = tmp_path / "t.ar.txt"
    target.write_text(STORY, encoding="utf-8")
    result = cli("check", str(target), "--config", str(config), "--no-model")
    assert_exit(result, 2, f"mtqa: error: {config}: {message}")


def test_arabic_given_as_source_or_backtranslation_is_a_warning_note(cli: Cli, tmp_path: Path) -> None:
    target = tmp_path / "t.ar.txt"
    target.write_text("\n".join(AR_LINES), encoding="utf-8")
    arabic = tmp_path / "ar-again.txt"
    arabic.write_text("\n".join(AR_LINES), encoding="utf-8")
    english = tmp_path / "en.txt"
    english.write_text("\n".join(EN_LINES), encoding="utf-8")
    for option, note in (("--source", "the source looks Arabic, not English"),
                         ("--backtranslation", "the back-translation looks Arabic, not English")):
        result = cli("check", str(target), option, str(arabic), "--no-model", "--format", "json")
        assert result.code in (0, 1) and "Traceback" not in result.err
        assert any(n.startswith(note) for n in json.loads(result.out)["documents"][0]["notes"])
        text = cli("check", str(target), option, str(arabic), "--no-model")
        assert f"{target}: note: {note}" in text.out
        clean = cli("check", str(target), option, str(english), "--no-model", "--format", "json")
        assert not any("looks Arabic" in n for n in json.loads(clean.out)["documents"][0]["notes"])


def test_no_argument_mix_up_can_reach_a_traceback(cli: Cli, tmp_path: Path) -> None:
    """Usage errors from argparse and from mtqa exit 2 with a message."""
    for args, message in ((["check"], "nothing to check"), (["check", "x", "--beams", "zero"], "invalid int value"),
                          (["models"], "required"), (["check", str(tmp_path), "--no-model"], "no target files found")):
        result = cli(*args)
        assert_exit(result, 2, message)


def test_doctor_names_a_broken_termbase(cli: Cli, tmp_path: Path) -> None:
    (tmp_path / "terms.csv").write_text("minister,وزير\nsummit\n", encoding="utf-8")
    (tmp_path / "mtqa.toml").write_text('termbases = ["terms.csv"]\n', encoding="utf-8")
    result = cli("models", "doctor", "--config", str(tmp_path / "mtqa.toml"), "--model", str(tmp_path / "none"))
    assert result.code == 3 and "Traceback" not in result.err
    assert f"termbase {tmp_path / 'terms.csv'}: UNAVAILABLE (InputError: {tmp_path / 'terms.csv'}:2: expected " \
           "source,target[,status]" in result.out
