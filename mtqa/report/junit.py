"""JUnit XML: one ``<testsuite>`` per document, one ``<testcase>`` per segment.

A segment fails when it has a flag at or above ``report.fail_on``; a processing error on a segment is
an ``<error>``; flags below the threshold go to ``<system-out>`` so that CI shows them without failing.
Built with ElementTree, which escapes markup; every input field goes through
:func:`mtqa.report._escape.inline` first, so characters XML cannot hold (C0 controls, U+FFFE/U+FFFF,
lone surrogates), C1 and bidi controls are written as visible ``<U+XXXX>``, and no line of the file
can start a CI workflow command.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import defaultdict

from mtqa.report._common import doc_label, flag_evidence, segment_of
from mtqa.report._escape import inline
from mtqa.types import DocumentResult, Flag, Report, SegmentResult, severity_rank

__all__ = ["render_junit"]

_NAME_CHARS = 48


def _x(text: str) -> str:
    return inline(text)


def _case_name(seg: SegmentResult) -> str:
    sentence = " ".join(seg.target.split())
    head = sentence if len(sentence) <= _NAME_CHARS else sentence[:_NAME_CHARS].rstrip() + "…"
    where = f"line {seg.line}" + (f" [{seg.unit_id}]" if seg.unit_id else "")
    return _x(f"{where}: {head}")


def _describe(doc: DocumentResult, flag: Flag) -> str:
    where = f"{_x(doc_label(doc))}:{flag.line}:{flag.start + 1}"
    lines = [f"{where}: {flag.severity} {_x(flag.category)} [{_x(flag.rule)}] {_x(flag.message)}: «{_x(flag.text)}»"]
    lines.extend(f"    {label}: {_x(text)}" for label, text in flag_evidence(doc, flag))
    return "\n".join(lines)


def _group(doc: DocumentResult) -> dict[int, list[Flag]]:
    """Flags by the index of their segment (-1 when none can be found)."""
    groups: dict[int, list[Flag]] = defaultdict(list)
    for flag in doc.all_flags:
        seg = segment_of(doc, flag)
        groups[seg.index if seg is not None else -1].append(flag)
    return groups


def _testcase(suite: ET.Element, doc: DocumentResult, name: str, flags: list[Flag], errors: tuple[str, ...],
              threshold: int) -> tuple[bool, bool]:
    case = ET.SubElement(suite, "testcase", classname=_x(doc_label(doc)), name=name, time="0")
    failing = [f for f in flags if severity_rank(f.severity) >= threshold]
    below = [f for f in flags if severity_rank(f.severity) < threshold]
    if failing:
        worst = max(failing, key=lambda f: severity_rank(f.severity))
        message = "; ".join(f"{f.severity} {f.rule}: {f.message}" for f in failing)
        failure = ET.SubElement(case, "failure", message=_x(message), type=worst.severity)
        failure.text = "\n".join(_describe(doc, f) for f in failing)
    if errors:
        error = ET.SubElement(case, "error", message=_x("; ".join(errors)), type="processing-error")
        error.text = "\n".join(_x(e) for e in errors)
    if below:
        ET.SubElement(case, "system-out").text = "\n".join(_describe(doc, f) for f in below)
    return bool(failing), bool(errors)


def _suite(parent: ET.Element, report: Report, doc: DocumentResult, threshold: int) -> tuple[int, int, int]:
    suite = ET.SubElement(parent, "testsuite", name=_x(doc_label(doc)))
    props = ET.SubElement(suite, "properties")
    for key, value in (("mtqa.signature", report.signature), ("fail_on", report.fail_on),
                       ("source_path", doc.source_path), ("backtranslation_path", doc.backtranslation_path),
                       *((f"score.{k}", v) for k, v in doc.scores.items()),
                       ("quality", doc.quality.get("score"))):
        if value is not None:
            ET.SubElement(props, "property", name=key, value=_x(str(value)))
    if doc.status != "checked":
        return _unchecked_suite(suite, doc)
    groups = _group(doc)
    tests = failures = errors = 0
    for seg in doc.segments:
        failed, errored = _testcase(suite, doc, _case_name(seg), groups.get(seg.index, []), seg.errors, threshold)
        tests, failures, errors = tests + 1, failures + failed, errors + errored
    if groups.get(-1):
        failed, errored = _testcase(suite, doc, "document", groups[-1], (), threshold)
        tests, failures, errors = tests + 1, failures + failed, errors + errored
    suite.set("tests", str(tests))
    suite.set("failures", str(failures))
    suite.set("errors", str(errors))
    suite.set("skipped", "0")
    suite.set("time", "0")
    return tests, failures, errors


def _unchecked_suite(suite: ET.Element, doc: DocumentResult) -> tuple[int, int, int]:
    """A document that could not be read is one errored test case; a skipped one is a skipped case."""
    case = ET.SubElement(suite, "testcase", classname=_x(doc_label(doc)), name="document", time="0")
    reason = _x(doc.reason or "")
    if doc.status == "error":
        ET.SubElement(case, "error", message=reason, type="input-error").text = reason
    else:
        ET.SubElement(case, "skipped", message=reason)
    errored = doc.status == "error"
    for key, value in (("tests", 1), ("failures", 0), ("errors", int(errored)), ("skipped", int(not errored)),
                       ("time", 0)):
        suite.set(key, str(value))
    return 1, 0, int(errored)


def render_junit(report: Report) -> str:
    """The report as JUnit XML (UTF-8, with an XML declaration)."""
    threshold = severity_rank(report.fail_on)
    root = ET.Element("testsuites", name="mtqa")
    totals = [0, 0, 0]
    for doc in report.documents:
        for i, n in enumerate(_suite(root, report, doc, threshold)):
            totals[i] += n
    root.set("tests", str(totals[0]))
    root.set("failures", str(totals[1]))
    root.set("errors", str(totals[2]))
    root.set("time", "0")
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
