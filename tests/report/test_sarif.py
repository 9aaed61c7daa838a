"""SARIF 2.1.0: schema-valid, GitHub code-scanning friendly, locations in code points."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from reportkit import HOSTILE_TARGET, checked, document, flag, report

from mtqa.checks import REGISTRY
from mtqa.report import render
from mtqa.report.sarif import FINGERPRINT_KEY, to_sarif
from mtqa.types import Report

SCHEMA = json.loads((Path(__file__).resolve().parents[1] / "data" / "sarif-schema-2.1.0.json").read_text("utf-8"))
LINE = "😀 قال مجلس مجلس الأمن"  # an astral character first: columns count code points, not UTF-16 units


def _reports() -> dict[str, Report]:
    unit_doc = document(["قال مجلس مجلس الأمن", "سطر ثان"], [flag(1, 4, 13, "قال مجلس مجلس الأمن", unit_id="tu-7")],
                        path="xliff/نشرة.xlf", unit_ids=["tu-7", "tu-8"], errors={1: ("check boom failed: ValueError()",)})
    return {
        "checked": checked(),
        "checked-no-source": checked(source=None, bt=None),
        "stdin": checked(path=None),
        "units-and-errors": report(unit_doc, model={"status": "unavailable", "message": "no weights"}),
        "astral": report(document([LINE], [flag(1, 6, 15, LINE, severity="critical")], path="/abs/dir/a b.txt")),
        "unknown-rule": report(document(["نص"], [flag(1, 0, 2, "نص", rule="plugin-rule", category="other")])),
        "empty": report(),
    }


REPORTS = _reports()


def _validate(log: dict[str, Any]) -> list[str]:
    return [f"{list(e.absolute_path)}: {e.message}" for e in jsonschema.Draft7Validator(SCHEMA).iter_errors(log)]


@pytest.mark.parametrize("name", list(REPORTS))
def test_valid_against_the_sarif_schema(name: str) -> None:
    log = json.loads(render(REPORTS[name], "sarif"))
    assert _validate(log) == []
    assert log["version"] == "2.1.0"
    (run,) = log["runs"]
    assert run["columnKind"] == "unicodeCodePoints"
    assert run["properties"]["signature"] == REPORTS[name].signature


def test_schema_check_is_not_vacuous() -> None:
    log = to_sarif(REPORTS["checked"])
    log["runs"][0]["results"][0]["level"] = "fatal"
    del log["runs"][0]["tool"]["driver"]["name"]
    assert len(_validate(log)) == 2


def test_rules_come_from_the_registry_with_what_github_wants() -> None:
    driver = to_sarif(REPORTS["checked"])["runs"][0]["tool"]["driver"]
    assert (driver["name"], driver["informationUri"].startswith("https://")) == ("mtqa", True)
    rules = {r["id"]: r for r in driver["rules"]}
    assert set(REGISTRY) <= set(rules)
    for rule_id, meta in REGISTRY.items():
        rule = rules[rule_id]
        assert rule["shortDescription"]["text"] == meta.summary
        assert rule["fullDescription"]["text"] == meta.explanation
        assert rule["help"]["text"] and rule["help"]["markdown"]
        assert meta.category in rule["properties"]["tags"]
        expected = "error" if meta.severity in ("major", "critical") else "warning"
        assert rule["defaultConfiguration"]["level"] == expected


def test_a_rule_missing_from_the_registry_is_still_described() -> None:
    run = to_sarif(REPORTS["unknown-rule"])["runs"][0]
    (result,) = run["results"]
    rule = run["tool"]["driver"]["rules"][result["ruleIndex"]]
    assert rule["id"] == result["ruleId"] == "plugin-rule"
    assert rule["shortDescription"]["text"] and rule["help"]["text"]


@pytest.mark.parametrize("name", ["checked", "units-and-errors", "astral", "unknown-rule"])
def test_rule_index_points_at_the_rule(name: str) -> None:
    run = to_sarif(REPORTS[name])["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert run["results"]
    for result in run["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]


@pytest.mark.parametrize(("severity", "level"), [("critical", "error"), ("major", "error"), ("minor", "warning")])
def test_levels(severity: str, level: str) -> None:
    rep = report(document(["قال مجلس مجلس الأمن"], [flag(1, 4, 13, "قال مجلس مجلس الأمن", severity=severity)]))  # type: ignore[arg-type]
    (result,) = to_sarif(rep)["runs"][0]["results"]
    assert result["level"] == level
    assert result["properties"]["severity"] == severity


def test_regions_are_one_based_code_points_and_snippets_match_the_line() -> None:
    rep = REPORTS["checked"]
    lines = HOSTILE_TARGET.split("\n")
    results = to_sarif(rep)["runs"][0]["results"]
    assert len(results) == len(rep.documents[0].all_flags) > 3
    for result, f in zip(results, rep.documents[0].all_flags, strict=True):
        region = result["locations"][0]["physicalLocation"]["region"]
        line = lines[region["startLine"] - 1]
        assert line[region["startColumn"] - 1:region["endColumn"] - 1] == region["snippet"]["text"] == f.text
        context = result["locations"][0]["physicalLocation"]["contextRegion"]
        assert line[context["startColumn"] - 1:context["endColumn"] - 1] == context["snippet"]["text"]


def test_astral_characters_count_as_one_column() -> None:
    (result,) = to_sarif(REPORTS["astral"])["runs"][0]["results"]
    region = result["locations"][0]["physicalLocation"]["region"]
    assert (region["startColumn"], region["endColumn"], region["snippet"]["text"]) == (7, 16, "مجلس مجلس")


def test_message_carries_evidence_and_fingerprint() -> None:
    rep = REPORTS["checked"]
    results = to_sarif(rep)["runs"][0]["results"]
    doubled = next(r for r in results if r["ruleId"] == "doubled-word")
    text = doubled["message"]["text"]
    assert "Back-translation: The council council said" in text
    assert "Source: The Security Council said" in text
    assert "Suggestion: مجلس" in text
    f = next(f for f in rep.iter_flags() if f.rule == "doubled-word")
    assert doubled["partialFingerprints"] == {FINGERPRINT_KEY: f.fingerprint}
    assert doubled["properties"]["category"] == "grammar"
    assert doubled["properties"]["evidence"] == dict(f.evidence)


def test_bidi_override_in_a_message_is_made_visible() -> None:
    text = "قال \u202eمعكوس\u202c هنا"
    rep = report(document([text], [flag(1, 4, 10, text, message="odd «\u202eمعكوس»")]))
    (result,) = to_sarif(rep)["runs"][0]["results"]
    assert "\u202e" not in result["message"]["text"]
    assert "<U+202E>" in result["message"]["text"]


@pytest.mark.parametrize(("path", "uri", "base"), [
    ("news/story.ar.txt", "news/story.ar.txt", "%SRCROOT%"),
    ("./news/نشرة 1.txt", "news/%D9%86%D8%B4%D8%B1%D8%A9%201.txt", "%SRCROOT%"),
    ("/abs/dir/a b.txt", "file:///abs/dir/a%20b.txt", None),
    ("C:\\work\\a.txt", "file:///C:/work/a.txt", None),
    # on POSIX a backslash is a letter of the file name, not a folder separator
    pytest.param("news/a\\b.ar.txt", "news/a%5Cb.ar.txt", "%SRCROOT%",
                 marks=pytest.mark.skipif(os.sep != "/", reason="a POSIX file name")),
])
def test_artifact_uris(path: str, uri: str, base: str | None) -> None:
    rep = report(document(["قال مجلس مجلس الأمن"], [flag(1, 4, 13, "قال مجلس مجلس الأمن")], path=path))
    log = to_sarif(rep)
    artifact = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert artifact["uri"] == uri
    assert artifact.get("uriBaseId") == base
    assert _validate(log) == []


def test_unit_based_flags_have_a_logical_location_and_no_columns() -> None:
    run = to_sarif(REPORTS["units-and-errors"])["runs"][0]
    (result,) = run["results"]
    location = result["locations"][0]
    assert location["logicalLocations"][0]["name"] == "tu-7"
    region = location["physicalLocation"]["region"]
    assert "startColumn" not in region and region["startLine"] == 1 and region["snippet"]["text"] == "مجلس مجلس"
    assert (result["properties"]["unitStart"], result["properties"]["unitEnd"]) == (4, 13)


def test_segment_errors_and_model_status_become_notifications() -> None:
    (invocation,) = to_sarif(REPORTS["units-and-errors"])["runs"][0]["invocations"]
    assert invocation["executionSuccessful"] is False
    levels = {n["level"]: n for n in invocation["toolExecutionNotifications"]}
    assert "check boom failed" in levels["error"]["message"]["text"]
    assert levels["error"]["locations"][0]["physicalLocation"]["region"]["startLine"] == 2
    assert "back-translation is OFF" in levels["warning"]["message"]["text"]
    assert to_sarif(REPORTS["checked"])["runs"][0]["invocations"][0]["executionSuccessful"] is True


def test_stdin_input_has_a_logical_location_only() -> None:
    results = to_sarif(REPORTS["stdin"])["runs"][0]["results"]
    assert results
    for result in results:
        (location,) = result["locations"]
        assert "physicalLocation" not in location
        assert location["logicalLocations"][0]["name"].startswith("line ")
