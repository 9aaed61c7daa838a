"""JUnit XML: parseable back, one suite per document, one case per segment, failures by fail_on."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from reportkit import checked, document, flag, report

from mtqa.report import WRITERS, render
from mtqa.report.junit import render_junit
from mtqa.types import Severity

LINES = ["قال مجلس مجلس الأمن ، إن القوة ستبقى.", "وأضاف المتحدث أن الاجتماع انتهى.", "سطر ثالث بلا أخطاء."]


def _parse(text: str) -> ET.Element:
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>')
    return ET.fromstring(text.encode("utf-8"))


def _doc() -> list:
    return [flag(1, 4, 13, LINES[0], severity="minor", segment=0),
            flag(1, 20, 21, LINES[0], severity="major", rule="punctuation-spacing", category="punctuation",
                 message="space before «،»", segment=0),
            flag(2, 0, 5, LINES[1], severity="critical", rule="number-mismatch", category="number",
                 message="«2» is missing", segment=1)]


def test_registered() -> None:
    assert WRITERS["junit"] is render_junit


def test_structure_and_counts() -> None:
    rep = report(document(LINES, _doc(), errors={2: ("check x failed: boom",)}),
                 document(["نص"], [], path="other.ar.txt"))
    root = _parse(render_junit(rep))
    assert root.tag == "testsuites"
    assert (root.get("tests"), root.get("failures"), root.get("errors")) == ("4", "2", "1")
    first, second = root.findall("testsuite")
    assert (first.get("name"), first.get("tests"), first.get("failures"), first.get("errors")) == \
        ("doc.ar.txt", "3", "2", "1")
    assert (second.get("name"), second.get("tests"), second.get("failures")) == ("other.ar.txt", "1", "0")
    props = {p.get("name"): p.get("value") for p in first.iter("property")}
    assert props["mtqa.signature"] == "mtqa:test|sig" and props["score.chrf"] == "42.0"
    cases = first.findall("testcase")
    assert [c.get("classname") for c in cases] == ["doc.ar.txt"] * 3
    assert cases[0].get("name") == "line 1: " + LINES[0]
    failure = cases[0].find("failure")
    assert failure is not None and failure.get("type") == "major"
    assert failure.get("message") == "major punctuation-spacing: space before «،»"
    assert "doc.ar.txt:1:21" in (failure.text or "")
    out = cases[0].find("system-out")
    assert out is not None and "[doubled-word]" in (out.text or "")
    assert cases[1].find("failure").get("type") == "critical"  # type: ignore[union-attr]
    error = cases[2].find("error")
    assert error is not None and "boom" in error.get("message", "") and cases[2].find("failure") is None


@pytest.mark.parametrize(("fail_on", "failures"), [("minor", 2), ("major", 2), ("critical", 1)])
def test_fail_on_decides_failure_versus_output(fail_on: Severity, failures: int) -> None:
    root = _parse(render_junit(report(document(LINES, _doc()), fail_on=fail_on)))
    assert root.get("failures") == str(failures)
    first_case = root.find("testsuite/testcase")
    assert first_case is not None
    outputs = first_case.find("system-out")
    if fail_on == "minor":
        assert outputs is None and "doubled-word" in first_case.find("failure").get("message", "")  # type: ignore[union-attr]
    else:
        assert outputs is not None


def test_long_sentences_are_shortened_in_names() -> None:
    long = "قال " + "مجلس الأمن الدولي " * 10
    root = _parse(render_junit(report(document([long]))))
    name = root.find("testsuite/testcase").get("name")  # type: ignore[union-attr]
    assert name is not None and name.startswith("line 1: قال مجلس") and name.endswith("…") and len(name) < 70


def test_hostile_text_round_trips_through_the_parser() -> None:
    text = "نص <script>alert('x')</script> & \"q\" \x01\x1b \u202eمعكوس"
    rep = report(document([text], [flag(1, 3, 30, text, severity="major", message="<b>bad</b> & \"so\"")]))
    xml = render_junit(rep)
    assert "<script>" not in xml and "\x01" not in xml and "\u202e" not in xml
    case = _parse(xml).find("testsuite/testcase")
    assert case is not None
    assert case.get("name") == "line 1: نص <script>alert('x')</script> & \"q\" <U+0001><U+001B> <U+202E>معكوس"
    failure = case.find("failure")
    assert failure is not None and failure.get("message") == "major doubled-word: <b>bad</b> & \"so\""
    assert "«<script>alert('x')</script>»" in (failure.text or "")


def test_real_report_parses_and_counts_segments() -> None:
    rep = checked()
    root = _parse(render(rep, "junit"))
    suite = root.find("testsuite")
    assert suite is not None
    assert int(suite.get("tests", "0")) == len(rep.documents[0].segments)
    flagged = {f.segment for f in rep.flags("major")}
    assert int(suite.get("failures", "0")) == len(flagged) > 0


def test_empty_report() -> None:
    root = _parse(render_junit(report()))
    assert (root.get("tests"), root.findall("testsuite")) == ("0", [])
