"""Everything from the input is escaped in every output format and on stderr (issue 12, class 2).

No line of any report may begin with ``::`` unless mtqa wrote that workflow command; no control
character (C0, C1, bidi, line separators) reaches any output raw; GitHub's older ``##[`` command
syntax never appears. Lines are split on every Unicode line boundary (``str.splitlines``), not
only on LF: U+0085, U+2028 and friends break lines for some readers.
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mtqa.report import WRITERS, render_github_summary
from mtqa.report._escape import UNSAFE
from mtqa.types import DocumentResult, Flag, Report, SegmentResult

from ._helpers import PYTHON, ROOT

# One payload per way in: a line break of every kind followed by a workflow command, the old
# command syntax, terminal escapes (C0 ESC and C1 CSI), a bidi override, spaces before "::".
PAYLOADS = {
    "lf-add-mask": "x\n::add-mask::secret",
    "cr-error": "x\r::error file=evil.txt::boom",
    "crlf-stop-commands": "x\r\n::stop-commands::tok",
    "nel-notice": "x\x85::notice::n",
    "line-separator": "x\u2028::warning::w",
    "paragraph-separator": "x\u2029::group::g",
    "vertical-tab": "x\x0b::error::v",
    "form-feed": "x\x0c::error::f",
    "file-separator": "x\x1c::error::fs",
    "leading-command": "::add-mask::whole-field",
    "spaces-then-command": "   ::set-output name=a::b",
    "old-syntax": "before ##[add-mask]secret after",
    "csi-c1": "x\u009b31mred",
    "esc-c0": "x\x1b[2Jclear",
    "bidi-override": "x\u202eevil\u202c",
    "nul-del": "x\x00y\x7fz",
    "isolates": "x\u2068::y\u2069z",
}
MTQA_COMMAND = re.compile(r"::(error|warning|notice)( [a-zA-Z]+=[^:]*)?::")
LINE_ORIENTED = ("text", "github", "junit")


def hostile_report(payload: str) -> Report:
    """A report with ``payload`` in every field a writer shows: path, unit id, text, context,
    message, evidence, suggestion, source, back-translation, errors, notes, an error and a skipped
    document, a rule id and a category read back from JSON."""
    line = f"قال الوزير {payload} إن المحادثات ستستمر"
    start = line.index(payload)
    flag = Flag(line=1, start=start, end=start + len(payload), text=payload, rule=f"rule-{payload}",
                category=f"cat-{payload}", severity="major", message=f"«{payload}» is suspect",
                evidence={"backtranslation": f"bt {payload}", "source": f"src {payload}", "extra": payload},
                suggestion=f"suggest {payload}", segment=0, unit_id=f"unit {payload}",
                before=line[:start], after=line[start + len(payload):], fingerprint=f"fp{payload}")
    plain = Flag(line=2, start=0, end=3, text="قال", rule="doubled-word", category="grammar", severity="minor",
                 message=payload, segment=1, fingerprint="fp2")
    segments = (
        SegmentResult(line=1, start=0, end=len(line), target=line, index=0, unit_id=f"unit {payload}",
                      source=f"source {payload}", backtranslation=f"bt {payload}", errors=(f"error {payload}",)),
        SegmentResult(line=2, start=0, end=3, target="قال", index=1, notes=(payload,)),
    )
    docs = (
        DocumentResult(target_path=f"news/{payload}.ar.txt", source_path=f"{payload}.en.txt", segments=segments,
                       all_flags=(flag, plain), notes=(f"note {payload}",)),
        DocumentResult(target_path=f"{payload}", status="error", reason=f"{payload}: not valid UTF-8"),
        DocumentResult(target_path=f"skip{payload}", status="skipped", reason=f"a FIFO {payload}"),
    )
    return Report(signature=f"mtqa:test|{payload}", documents=docs, fail_on="major",
                  model={"status": "unavailable", "message": f"no model {payload}\nTried: {payload}"})


# The text formats wrap Arabic in bidi isolates of their own (FSI … PDI, never nested); input
# isolates are escaped, so every raw pair left is mtqa's.
_OWN_ISOLATES = re.compile("\u2068([^\u2068\u2069]*)\u2069")
_JSON_SHORT = {"\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}


def _escaped_forms(ch: str) -> set[str]:
    code = ord(ch)
    forms = {f"<U+{code:04X}>", f"&lt;U+{code:04X}&gt;", f"⟨U+{code:04X}⟩", f"\\u{code:04x}", f"%{code:02X}"}
    return forms | ({_JSON_SHORT[ch]} if ch in _JSON_SHORT else set())


def assert_nothing_raw(name: str, out: str, payload: str = "") -> None:
    """No input-made line, no raw control character, no old-syntax command in ``out``; each control
    character of ``payload`` is there, escaped."""
    for number, line in enumerate(out.splitlines(), start=1):
        body = line.lstrip()
        if body.startswith("::"):
            assert name == "github" and MTQA_COMMAND.match(body), f"{name} line {number} is a command: {line!r}"
    raw = {f"U+{ord(ch):04X}" for ch in UNSAFE.findall(_OWN_ISOLATES.sub(r"\1", out)) if ch != "\n"}
    assert not raw, f"{name}: raw control characters {sorted(raw)}"
    assert "##[" not in out, f"{name}: old-syntax workflow command"
    for ch in set(UNSAFE.findall(payload)):
        assert any(form in out for form in _escaped_forms(ch)), f"{name}: U+{ord(ch):04X} neither raw nor escaped"


@pytest.mark.parametrize("payload", list(PAYLOADS.values()), ids=list(PAYLOADS))
@pytest.mark.parametrize("fmt", [*WRITERS, "github-summary"])
def test_no_format_lets_input_start_a_command_or_a_control(fmt: str, payload: str) -> None:
    report = hostile_report(payload)
    out = render_github_summary(report) if fmt == "github-summary" else WRITERS[fmt](report)
    assert_nothing_raw(fmt, out, payload)
    if fmt == "github":  # mtqa's own commands, and only those: one per finding, error and document
        commands = [line for line in out.splitlines() if line.startswith("::")]
        assert len(commands) == 1 + 2 + 1 + 1  # model notice, 2 findings, 1 segment error, 1 unreadable file
        assert out.splitlines()[-1].endswith("1 processing error(s), 1 unreadable file(s), 1 skipped in 3 document(s), "
                                             "2 segment(s); FAILED (fail-on: major)")


@pytest.mark.parametrize("fmt", ["json", "jsonl", "sarif"])
def test_json_formats_keep_the_input_exactly(fmt: str) -> None:
    payload = "".join(PAYLOADS.values())
    out = WRITERS[fmt](hostile_report(payload))
    assert_nothing_raw(fmt, out)
    text = json.dumps([json.loads(line) for line in out.splitlines()] if fmt == "jsonl" else json.loads(out),
                      ensure_ascii=False)
    assert json.dumps(payload, ensure_ascii=False)[1:-1] in text  # escaped in the file, exact once parsed
    if fmt == "sarif":  # error and skipped documents are notifications the schema accepts
        jsonschema = pytest.importorskip("jsonschema")
        schema = json.loads((ROOT / "tests" / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
        jsonschema.validate(json.loads(out), schema)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(st.characters(codec="utf-8"), min_size=1, max_size=12).map(lambda t: "\n::" + t),
       st.sampled_from(sorted([*WRITERS, "github-summary"])))
def test_any_text_after_a_line_break_stays_inside_its_field(payload: str, fmt: str) -> None:
    report = hostile_report(payload)
    out = render_github_summary(report) if fmt == "github-summary" else WRITERS[fmt](report)
    assert_nothing_raw(fmt, out)


def test_cli_stdout_and_stderr_with_a_hostile_file_name(tmp_path: Path) -> None:
    """The issue's case end to end: a file name with a line break and a workflow command, checked with
    the text format (what docs/ci.md sends to stdout inside Actions), a failing file among them."""
    folder = tmp_path / "stories"
    folder.mkdir()
    (folder / "x\n::add-mask::secret\n::error file=evil::boom.ar.txt").write_text(
        "قال الوزير إن مجلس مجلس الأمن سيجتمع.\n", encoding="utf-8")
    (folder / "y\u2028::warning::w.ar.txt").write_bytes("سطر\n".encode("cp1256"))  # not UTF-8
    for fmt in ("text", "github"):
        proc = subprocess.run([PYTHON, "-m", "mtqa", "check", str(folder), "--no-model", "--format", fmt],
                              capture_output=True, text=True, cwd=ROOT, timeout=120, check=False,
                              env={"HF_HUB_OFFLINE": "1", "PATH": "/usr/bin:/bin"})
        assert proc.returncode == 2, proc.stderr  # the undecodable file is an input error, after the report
        assert "Traceback" not in proc.stderr
        shown = "<U+000A>::add-mask::secret" if fmt == "text" else "<U+000A>%3A%3Aadd-mask%3A%3Asecret"
        assert shown in proc.stdout  # the finding is there, under its escaped name
        for stream in (proc.stdout, proc.stderr):
            assert_nothing_raw("github" if fmt == "github" and stream is proc.stdout else "text", stream)
