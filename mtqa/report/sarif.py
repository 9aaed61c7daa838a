"""SARIF 2.1.0: one run, rules from the check registry, one result per flag.

Columns are Unicode code points (``run.columnKind``), the unit mtqa's offsets are in, and
``endColumn`` is one past the last character as SARIF defines it. Flags from unit-based inputs
(XLIFF, TMX, PO…) carry offsets into the unit's text rather than a file line, so their region has
only ``startLine`` and the unit id goes into ``logicalLocations``.
"""

from __future__ import annotations

import json
import re
from typing import Any

from mtqa._version import __version__
from mtqa.report._common import RuleInfo, artifact_uri, doc_label, flag_evidence, rules_for, segment_of
from mtqa.report._escape import inline, json_text
from mtqa.types import DocumentResult, Flag, Report

__all__ = ["SARIF_SCHEMA", "render_sarif", "to_sarif"]

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://pypi.org/project/mtqa/"
FINGERPRINT_KEY = "mtqaFingerprint/v1"
_LEVEL = {"critical": "error", "major": "error", "minor": "warning"}
# GitHub code scanning orders non-security alerts by this property.
_PROBLEM_SEVERITY = {"critical": "error", "major": "error", "minor": "warning"}


def render_sarif(report: Report) -> str:
    """The report as a SARIF 2.1.0 log (JSON text, UTF-8, Arabic kept unescaped)."""
    return json_text(to_sarif(report), indent=2) + "\n"


def to_sarif(report: Report) -> dict[str, Any]:
    """The report as a SARIF 2.1.0 log object."""
    rules = rules_for(report)
    index = {r.id: i for i, r in enumerate(rules)}
    results = [_result(doc, flag, index[flag.rule]) for doc in report.documents for flag in doc.all_flags]
    run: dict[str, Any] = {
        "tool": {"driver": {
            "name": "mtqa",
            "version": __version__,
            "semanticVersion": __version__,
            "informationUri": INFORMATION_URI,
            "rules": [_rule(r) for r in rules],
        }},
        "invocations": [_invocation(report)],
        "columnKind": "unicodeCodePoints",
        "artifacts": [_artifact(doc) for doc in report.documents if doc.target_path],
        "results": results,
        "properties": {
            "signature": report.signature,
            "failOn": report.fail_on,
            "passed": report.passed,
            "summary": report.summary(),
            "model": dict(report.model),
        },
    }
    if not run["artifacts"]:
        del run["artifacts"]
    return {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}


def _rule_name(rule_id: str) -> str:
    return "".join(part.capitalize() for part in re.split(r"[^A-Za-z0-9]+", rule_id) if part)


def _rule(rule: RuleInfo) -> dict[str, Any]:
    markdown = (f"**{rule.summary}**\n\n{rule.explanation}\n\n"
                f"MQM category: `{rule.category}` · default severity: `{rule.severity}`")
    out: dict[str, Any] = {
        "id": rule.id,
        "name": _rule_name(rule.id),
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": rule.explanation},
        "help": {"text": f"{rule.summary}\n\n{rule.explanation}\n\nMQM category: {rule.category}; "
                         f"default severity: {rule.severity}.", "markdown": markdown},
        "defaultConfiguration": {"level": _LEVEL.get(rule.severity, "warning")},
        "properties": {
            "tags": ["translation-quality", "mqm", rule.category, f"mqm/{rule.category}"],
            "category": rule.category,
            "severity": rule.severity,
            "problem.severity": _PROBLEM_SEVERITY.get(rule.severity, "warning"),
        },
    }
    if rule.plugin:  # a third-party rule says which package it came from (built-in ones stay as they were)
        out["properties"]["plugin"] = rule.plugin
    return out


def _message(doc: DocumentResult, flag: Flag) -> str:
    # Bidi controls from the input are made visible so they cannot reorder the message in a viewer.
    lines = [inline(flag.message)]
    lines.extend(f"{label.capitalize()}: {inline(text)}" for label, text in flag_evidence(doc, flag))
    return "\n".join(lines)


def _artifact_location(doc: DocumentResult) -> dict[str, Any]:
    uri, relative = artifact_uri(doc.target_path or "")
    artifact: dict[str, Any] = {"uri": uri}
    if relative:
        artifact["uriBaseId"] = "%SRCROOT%"
    return artifact


def _physical(doc: DocumentResult, line: int, start: int | None = None, end: int | None = None,
              snippet: str | None = None) -> dict[str, Any]:
    artifact = _artifact_location(doc)
    region: dict[str, Any] = {"startLine": max(1, line)}
    if start is not None and end is not None:
        region.update(startColumn=start + 1, endColumn=end + 1)
    if snippet is not None:
        region["snippet"] = {"text": snippet}
    return {"artifactLocation": artifact, "region": region}


def _location(doc: DocumentResult, flag: Flag) -> dict[str, Any]:
    location: dict[str, Any] = {}
    if doc.target_path:
        if flag.unit_id is None:
            physical = _physical(doc, flag.line, flag.start, flag.end, flag.text)
            context = flag.before + flag.text + flag.after
            physical["contextRegion"] = {
                "startLine": max(1, flag.line), "startColumn": max(1, flag.start - len(flag.before) + 1),
                "endColumn": flag.end + len(flag.after) + 1, "snippet": {"text": context}}
        else:
            physical = _physical(doc, flag.line, snippet=flag.text)
        location["physicalLocation"] = physical
    logical = []
    if flag.unit_id is not None:
        logical.append({"name": flag.unit_id, "fullyQualifiedName": f"{doc_label(doc)}#{flag.unit_id}",
                        "kind": "translationUnit"})
    elif not doc.target_path:
        logical.append({"name": f"line {flag.line}", "fullyQualifiedName": f"<target>:{flag.line}",
                        "kind": "line"})
    if logical:
        location["logicalLocations"] = logical
    return location


def _result(doc: DocumentResult, flag: Flag, rule_index: int) -> dict[str, Any]:
    props: dict[str, Any] = {"category": flag.category, "severity": flag.severity,
                             "evidence": json.loads(json.dumps(dict(flag.evidence), default=str))}
    if flag.unit_id is not None:
        props.update(unitId=flag.unit_id, unitStart=flag.start, unitEnd=flag.end)
    seg = segment_of(doc, flag)
    if seg is not None and seg.scores:
        props["segmentScores"] = dict(seg.scores)
    result: dict[str, Any] = {
        "ruleId": flag.rule,
        "ruleIndex": rule_index,
        "level": _LEVEL.get(flag.severity, "warning"),
        "message": {"text": _message(doc, flag)},
        "locations": [_location(doc, flag)],
        "properties": props,
    }
    if flag.confidence is not None:
        result["rank"] = round(100 * flag.confidence, 1)  # SARIF's 0–100 relevance: the measured confidence
        props["confidence"] = flag.confidence
    if flag.fingerprint:
        result["partialFingerprints"] = {FINGERPRINT_KEY: flag.fingerprint}
    if flag.suggestion:
        props["suggestion"] = flag.suggestion
    return result


def _invocation(report: Report) -> dict[str, Any]:
    notes: list[dict[str, Any]] = []
    if report.model.get("status") == "unavailable":
        notes.append({"level": "warning", "message": {
            "text": "back-translation is OFF (model unavailable); only model-free checks ran. "
                    + inline(str(report.model.get("message", "")))}})
    for doc in report.documents:
        if doc.status != "checked":
            level = "error" if doc.status == "error" else "note"
            notif_doc: dict[str, Any] = {"level": level, "message": {
                "text": f"{inline(doc_label(doc))}: {doc.status}: {inline(doc.reason or '')}"}}
            if doc.target_path:
                notif_doc["locations"] = [{"physicalLocation": {"artifactLocation": _artifact_location(doc)}}]
            notes.append(notif_doc)
        for note in doc.notes:
            notes.append({"level": "note", "message": {"text": f"{inline(doc_label(doc))}: {inline(note)}"}})
        for seg in doc.segments:
            for err in seg.errors:
                notif: dict[str, Any] = {"level": "error", "message": {"text": inline(err)}}
                if doc.target_path:
                    notif["locations"] = [{"physicalLocation": _physical(doc, seg.line)}]
                else:
                    notif["locations"] = [{"logicalLocations": [
                        {"name": f"line {seg.line}", "fullyQualifiedName": f"<target>:{seg.line}",
                         "kind": "line"}]}]
                notes.append(notif)
    invocation: dict[str, Any] = {"executionSuccessful": not report.has_errors}
    if notes:
        invocation["toolExecutionNotifications"] = notes
    return invocation


def _artifact(doc: DocumentResult) -> dict[str, Any]:
    return {"location": _artifact_location(doc), "encoding": "utf-8", "roles": ["analysisTarget"],
            "properties": {"scores": dict(doc.scores), "quality": json.loads(json.dumps(dict(doc.quality),
                                                                                       default=str))}}
