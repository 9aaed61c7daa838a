"""Baselines (fail on new findings only) and ignore files, through the CLI and from Python."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from mtqa_cli_helpers import STORY_AR, STORY_BT, STORY_EN, Run, flags_of, load_json, write_story

from mtqa import Checker, Config, InputError
from mtqa.baseline import IgnoreEntry, IgnoreList, apply_baseline, create_baseline, load_baseline, load_ignore


def _full(run: Run, tmp_path: Path, name: str) -> dict[str, object]:
    run("check", "stories", "--format", f"json:{name}", "--no-baseline", "--no-ignore")
    return load_json(tmp_path / name)


def test_baseline_then_one_changed_line_brings_back_exactly_the_new_findings(
        stories: Path, run: Run, tmp_path: Path) -> None:
    code, _, err = run("baseline", "create", "stories", "--output", "mtqa-baseline.json")
    assert code == 0 and "recorded 40 finding(s) from 20 document(s)" in err
    assert run("check", "stories", "--fail-on", "minor")[0] == 1
    code, out, err = run("check", "stories", "--baseline", "mtqa-baseline.json", "--fail-on", "minor",
                         "--format", "json")
    assert code == 0, out
    report = json.loads(out)
    assert report["summary"]["flags"] == 0
    assert report["settings"]["suppressed"]["baseline"]["suppressed"] == 40
    assert "40 finding(s) suppressed by the baseline" in err

    before = _full(run, tmp_path, "before.json")
    changed = list(STORY_AR)
    changed[0] = "اجتمع وزراء وزراء خارجية حلف الناتو في بروكسل يوم الخميس ."  # two new findings on line 1
    write_story(stories, "story05", changed)
    after = _full(run, tmp_path, "after.json")
    code, out, _ = run("check", "stories", "--baseline", "mtqa-baseline.json", "--fail-on", "minor",
                       "--format", "json")
    assert code == 1
    reported = flags_of(json.loads(out))
    old = set(flags_of(before))  # type: ignore[arg-type]
    expected = [f for f in flags_of(after) if f not in old]  # type: ignore[arg-type]
    assert reported == expected
    assert {(p, line, rule) for p, line, rule, _ in reported} == {
        ("story05.ar.txt", 1, "doubled-word"), ("story05.ar.txt", 1, "punctuation-spacing")}


def test_fingerprints_survive_edits_elsewhere(stories: Path, run: Run) -> None:
    run("baseline", "create", "stories", "--output", "bl.json")
    # a new paragraph above moves every line down, and another line is edited
    edited = ["خبر عاجل من بروكسل.", STORY_AR[0].replace("خارجية", "خارجية دول"), STORY_AR[1], STORY_AR[2]]
    target = write_story(stories, "story09", edited)
    for suffix, lines in ((".en.txt", STORY_EN), (".bt.txt", STORY_BT)):
        (stories / f"story09{suffix}").write_text("Breaking news from Brussels.\n" + "\n".join(lines) + "\n",
                                                  encoding="utf-8")
    code, out, _ = run("check", str(target), "--baseline", "bl.json", "--fail-on", "minor", "--format", "json")
    assert code == 0, out
    assert json.loads(out)["settings"]["suppressed"]["baseline"]["suppressed"] == 2
    # a word within two of the phrase is part of its identity: that finding comes back
    write_story(stories, "story09", [STORY_AR[0], STORY_AR[1].replace("الدفاع.", "الدفاع الجديد."), STORY_AR[2]])
    code, out, _ = run("check", str(target), "--baseline", "bl.json", "--fail-on", "minor", "--format", "json")
    assert [(line, rule) for _, line, rule, _ in flags_of(json.loads(out))] == [(2, "doubled-word")]


def test_stale_entries_are_counted(stories: Path, run: Run) -> None:
    run("baseline", "create", "stories", "--output", "bl.json")
    write_story(stories, "story02", [STORY_AR[0], "وقال المسؤول، إن الاجتماع ناقش مجلس الدفاع.", STORY_AR[2]])
    _code, out, _ = run("check", "stories", "--baseline", "bl.json", "--format", "json")
    info = json.loads(out)["settings"]["suppressed"]["baseline"]
    assert (info["suppressed"], info["entries"], info["stale"]) == (38, 40, 2)


def test_baseline_from_config_and_no_baseline(stories: Path, run: Run, tmp_path: Path) -> None:
    (tmp_path / "mtqa.toml").write_text('baseline = "qa/baseline.json"\nfail-on = "minor"\n', encoding="utf-8")
    code, _, err = run("check", "stories")
    assert code == 2 and "qa/baseline.json: no such file" in err
    assert run("baseline", "create", "stories")[0] == 0  # --output defaults to the configured baseline
    assert (tmp_path / "qa" / "baseline.json").is_file()
    assert run("check", "stories")[0] == 0
    assert run("check", "stories", "--no-baseline")[0] == 1


def test_a_quality_threshold_counts_only_the_findings_that_remain(stories: Path, run: Run, tmp_path: Path) -> None:
    # the suppressed findings used to keep costing the quality score: "0 finding(s) … FAILED", exit 1
    (tmp_path / "mtqa.toml").write_text("[thresholds]\nquality = 99\n", encoding="utf-8")
    code, out, _ = run("check", "stories")
    assert code == 1 and "FAILED (fail-on: major; quality below 99 in" in out
    run("baseline", "create", "stories", "--output", "bl.json")
    code, out, _ = run("check", "stories", "--baseline", "bl.json", "--format", "json")
    assert code == 0, out
    assert all(d["quality"]["score"] == 100.0 and d["quality"]["threshold"] == 99
               for d in json.loads(out)["documents"])


def test_baseline_create_needs_an_output(stories: Path, run: Run) -> None:
    code, _, err = run("baseline", "create", "stories")
    assert code == 2 and "baseline: give --output FILE" in err


IGNORE_CASES = [
    ({"rule": "doubled-word"}, 20),
    ({"rule": "grammar"}, 20),                                   # a category
    ({"path": "stories/story0*.ar.txt"}, 18),                    # a glob
    ({"path": "stories/story01.ar.txt", "rule": "punctuation-spacing"}, 1),
    ({"text": "مجلس مجلس"}, 20),
    ({"text": "مَجلس مجلس"}, 20),                                # compared after normalisation
    ({"rule": "doubled-word", "path": "elsewhere/*"}, 0),
]


@pytest.mark.parametrize(("entry", "suppressed"), IGNORE_CASES)
def test_ignore_file_entries(stories: Path, run: Run, tmp_path: Path, entry: dict[str, str],
                             suppressed: int) -> None:
    (tmp_path / ".mtqa-ignore.json").write_text(json.dumps({"version": 1, "ignore": [entry]}), encoding="utf-8")
    _code, out, _ = run("check", "stories", "--format", "json")
    report = json.loads(out)
    assert report["summary"]["flags"] == 40 - suppressed
    assert report["settings"]["suppressed"]["ignore"]["suppressed"] == suppressed


def test_ignore_by_fingerprint_as_exported_by_the_html_page(stories: Path, run: Run, tmp_path: Path) -> None:
    report = _full(run, tmp_path, "all.json")
    flag = report["documents"][0]["flags"][0]  # type: ignore[index]
    entry = {"fingerprint": flag["fingerprint"], "rule": flag["rule"], "path": "stories/story01.ar.txt",
             "text": flag["text"], "reason": "not an error"}
    reviewed = tmp_path / "reviewed.json"
    reviewed.write_text(json.dumps({"version": 1, "ignore": [entry]}, ensure_ascii=False), encoding="utf-8")
    _code, out, err = run("check", "stories", "--ignore", str(reviewed), "--format", "json")
    after = json.loads(out)
    assert after["summary"]["flags"] == 39 and "1 finding(s) suppressed by the ignore file" in err
    assert run("check", "stories", "--ignore", str(reviewed), "--no-ignore", "--format", "json")[1].count(
        '"fingerprint"') == 40


@pytest.mark.parametrize(("data", "message"), [
    ('{"ignore": [{}]}', "ignore[0]: give at least one of"),
    ('{"ignore": [{"rule": "x", "why": "y"}]}', "ignore[0]: unknown key 'why'"),
    ('{"ignore": [{"rule": 3}]}', "ignore[0].rule: must be a string"),
    ('{"version": 2, "ignore": []}', "unsupported ignore-file version"),
    ('{"ignore": []', "malformed JSON"),
    ('[{"rule": "x"}]', 'expected {"version": 1, "ignore": [...]}'),
    ('{"ignore": [{"rule": "doubled-wrod"}]}', "ignore[0].rule: unknown rule or category 'doubled-wrod'"),
])
def test_bad_ignore_files_exit_2(stories: Path, run: Run, tmp_path: Path, data: str, message: str) -> None:
    (tmp_path / ".mtqa-ignore.json").write_text(data, encoding="utf-8")
    code, _out, err = run("check", "stories")
    assert code == 2 and message in err and ".mtqa-ignore.json" in err and "Traceback" not in err


@pytest.mark.parametrize(("data", "message"), [
    ('{"format": "mtqa-report"}', "not an mtqa baseline"),
    ('{"format": "mtqa-baseline", "version": 9, "findings": []}', "unsupported baseline version"),
    ('{"format": "mtqa-baseline", "version": 1, "findings": [{"rule": "x"}]}', r"findings\[0\]: needs"),
])
def test_bad_baselines_are_input_errors(tmp_path: Path, data: str, message: str) -> None:
    path = tmp_path / "b.json"
    path.write_text(data, encoding="utf-8")
    with pytest.raises(InputError, match=message):
        load_baseline(path)


def test_python_api(tmp_path: Path) -> None:
    checker = Checker(Config(use_model=False))
    target = "قال الوزير ، إن مجلس مجلس الأمن اجتمع."
    report = checker.check(target=target, path=str(tmp_path / "a.ar.txt"))
    assert len(report.flags()) == 2
    baseline = create_baseline(report, root=tmp_path)
    path = tmp_path / "b.json"
    path.write_text(baseline.to_json(), encoding="utf-8")
    assert '"text": "مجلس مجلس"' in path.read_text(encoding="utf-8")  # Arabic kept readable
    again = apply_baseline(report, load_baseline(path))
    assert again.flags() == [] and again.passed and report.flags()  # the original is untouched
    assert again.documents[0].notes[-1] == "2 finding(s) suppressed by the baseline"
    ignore = IgnoreList((IgnoreEntry(rule="punctuation-spacing"),))
    only_ignore = apply_baseline(report, ignore=ignore)
    assert [f.rule for f in only_ignore.flags()] == ["doubled-word"]
    (tmp_path / "i.json").write_text(ignore.to_json(), encoding="utf-8")
    assert load_ignore(tmp_path / "i.json").entries == ignore.entries
    assert apply_baseline(report) is report
