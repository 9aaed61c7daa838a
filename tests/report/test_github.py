"""GitHub Actions annotations: escaping, severity order, GitHub's limits, and the job summary."""

from __future__ import annotations

import re

import pytest
from reportkit import checked, document, flag, report

from mtqa.report import WRITERS, render
from mtqa.report.github import escape_data, escape_property, render_github, render_github_summary

COMMAND = re.compile(r"^::(error|warning|notice)(?: ([^:]*))?::(.*)$")
LINE = "قال مجلس مجلس الأمن ، إن قوة KFOR ستبقى"


def _unescape(text: str) -> str:
    return (text.replace("%0A", "\n").replace("%0D", "\r").replace("%3A", ":").replace("%2C", ",")
            .replace("%25", "%"))


def _parse(line: str) -> tuple[str, dict[str, str], str]:
    m = COMMAND.match(line)
    assert m, line
    props = dict(p.split("=", 1) for p in m.group(2).split(",")) if m.group(2) else {}
    return m.group(1), {k: _unescape(v) for k, v in props.items()}, _unescape(m.group(3))


def _commands(text: str) -> list[tuple[str, dict[str, str], str]]:
    return [_parse(line) for line in text.splitlines() if line.startswith("::")]


@pytest.mark.parametrize(("raw", "data", "prop"), [
    ("100%", "100%25", "100%25"),
    ("a\nb\r\nc", "a%0Ab%0D%0Ac", "a%0Ab%0D%0Ac"),
    ("file:a,b", "file:a,b", "file%3Aa%2Cb"),
    ("%0A literal", "%250A literal", "%250A literal"),
    ("قال، إن: ٣٠٪", "قال، إن: ٣٠٪", "قال، إن%3A ٣٠٪"),
])
def test_escaping(raw: str, data: str, prop: str) -> None:
    assert escape_data(raw) == data
    assert escape_property(raw) == prop
    assert _unescape(prop) == raw


def test_registered() -> None:
    assert WRITERS["github"] is render_github


def test_annotation_fields_and_escaping() -> None:
    text = "قال: 50% من الناس، ثم"
    tricky = flag(1, 5, 8, text, severity="major", rule="number-mismatch", category="number",
                  message="«50%» is not in the source,\nsee: evidence", suggestion="٥٠٪")
    rep = report(document([text], [tricky], path="news/a,b:c%.txt", bt=["He said: 50% of people"]))
    out = render_github(rep)
    first = out.splitlines()[0]
    assert "\n" not in first and first.startswith("::error file=news/a%2Cb%3Ac%25.txt,line=1,col=6,endColumn=8,")
    level, props, message = _commands(out)[0]
    assert level == "error"
    assert props == {"file": "news/a,b:c%.txt", "line": "1", "col": "6", "endColumn": "8",
                     "title": "mtqa number-mismatch (major number)"}
    assert message.splitlines() == ["«50%» is not in the source,", "see: evidence: «50%»",
                                    "back-translation: He said: 50% of people", "suggestion: ٥٠٪"]
    assert out.splitlines()[-1].startswith("mtqa: 1 finding(s) (0 critical, 1 major, 0 minor)")


def test_most_severe_first_and_limits_with_a_notice() -> None:
    flags = ([flag(1, 4, 8, LINE, severity="major", segment=0) for _ in range(12)]
             + [flag(1, 9, 13, LINE, severity="critical", segment=0) for _ in range(12)]
             + [flag(1, 0, 3, LINE, severity="minor", segment=0) for _ in range(15)])
    out = render_github(report(document([LINE], flags)))
    commands = _commands(out)
    errors = [c for c in commands if c[0] == "error"]
    warnings = [c for c in commands if c[0] == "warning"]
    notices = [c for c in commands if c[0] == "notice"]
    assert (len(errors), len(warnings), len(notices)) == (10, 10, 1)
    assert all("critical" in c[1]["title"] for c in errors)  # criticals before majors
    assert notices[0][2].startswith("19 more finding(s) not shown as annotations (2 critical, 12 major, 5 minor)")
    assert commands[-1][0] == "notice"
    assert out.splitlines()[-1] == ("mtqa: 39 finding(s) (12 critical, 12 major, 15 minor) in 1 document(s), "
                                    "1 segment(s); FAILED (fail-on: major)")


def test_job_limit() -> None:
    flags = [flag(1, 4, 8, LINE, severity=s, segment=0) for s in ("critical", "minor") for _ in range(5)]
    commands = _commands(render_github(report(document([LINE], flags)), max_per_level=10, max_per_job=6))
    assert [c[0] for c in commands] == ["error"] * 5 + ["notice"]
    assert commands[-1][2].startswith("5 more finding(s)")


def test_no_notice_within_limits_and_processing_errors_are_errors() -> None:
    rep = report(document([LINE, "سطر"], [flag(1, 4, 8, LINE)], errors={1: ("check x failed: boom",)}))
    commands = _commands(render_github(rep))
    assert [c[0] for c in commands] == ["error", "warning"]
    assert commands[0][1] == {"file": "doc.ar.txt", "line": "2", "title": "mtqa processing error"}
    assert "boom" in commands[0][2]


def test_unit_flags_have_no_columns_and_stdin_has_no_file() -> None:
    rep = report(document([LINE], [flag(1, 4, 8, LINE, unit_id="tu-1")], path=None, unit_ids=["tu-1"]))
    (_, props, message), = _commands(render_github(rep))
    assert props == {"line": "1", "title": "mtqa doubled-word (minor grammar)"}
    assert "unit: tu-1" in message


def test_bidi_controls_are_shown_not_applied() -> None:
    text = "قال \u202eمعكوس\u202c هنا"
    out = render_github(report(document([text], [flag(1, 4, 10, text)])))
    assert "\u202e" not in out and "<U+202E>" in out


def test_model_off_is_one_short_notice() -> None:
    # Issue 12: one short ::notice, not a ten-line ::warning; the explanation is in `mtqa models doctor`.
    rep = report(document([LINE]), model={"status": "unavailable", "message": "no weights\nTried:\n  - x"})
    (level, props, message), = _commands(render_github(rep))
    assert (level, props["title"]) == ("notice", "mtqa")
    assert "back-translation is OFF" in message and "mtqa models doctor" in message
    assert "\n" not in message and "Tried" not in message


def test_real_report_every_line_is_one_command_or_the_summary() -> None:
    out = render(checked(), "github")
    lines = out.splitlines()
    assert all(COMMAND.match(line) for line in lines[:-1])
    assert lines[-1].startswith("mtqa: ") and "FAILED" in lines[-1]


def test_summary_markdown_table_escapes_input() -> None:
    text = "نص <script>alert(1)</script> | مجلس مجلس"
    rep = report(document([text], [flag(1, 3, 28, text, severity="critical", message="bad | `x` <b>")]))
    md = render_github_summary(rep)
    assert md.startswith("## mtqa: ❌ failed (fail-on: major)")
    assert "| critical | 1 |" in md
    row = next(line for line in md.splitlines() if line.startswith("| critical | doc.ar.txt"))
    assert "<script>" not in md and "&lt;script&gt;" in row
    assert "bad \\| \\`x\\` &lt;b&gt;" in row
    cells = re.split(r"(?<!\\)\|", row)[1:-1]
    assert len(cells) == 7  # an escaped pipe does not add a column


def test_summary_passed_and_row_cap() -> None:
    assert render_github_summary(report(document([LINE]))).startswith("## mtqa: ✅ passed")
    flags = [flag(1, 0, 3, LINE, segment=0) for _ in range(5)]
    md = render_github_summary(report(document([LINE], flags)), max_rows=2)
    assert md.count("| minor | doc.ar.txt:1:1 |") == 2 and "… and 3 more" in md
