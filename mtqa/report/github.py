"""GitHub Actions: workflow-command annotations, and a Markdown job summary.

GitHub shows at most 10 error and 10 warning annotations per step (and 50 per job), so the most
severe findings are emitted first up to those limits, followed by one ``::notice`` saying how many
more exist and a plain-text summary line. Critical and major findings are errors, minor ones warnings.
Columns are 1-based code points; ``endColumn`` is the column of the phrase's last character.
"""

from __future__ import annotations

from mtqa.report._common import Located, by_severity, doc_label, flag_evidence
from mtqa.report._escape import inline
from mtqa.types import SEVERITIES, DocumentResult, Report

__all__ = ["escape_data", "escape_property", "render_github", "render_github_summary"]

MAX_PER_LEVEL = 10
MAX_PER_JOB = 50
_LEVEL = {"critical": "error", "major": "error", "minor": "warning"}


def escape_data(text: str) -> str:
    """Escape the message part of a workflow command."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a property value (``file=``, ``title=``…) of a workflow command."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _command(level: str, message: str, **props: str | int | None) -> str:
    # Property values can come from the input (file names): escaped like every other input field.
    shown = ",".join(f"{k}={escape_property(inline(str(v)))}" for k, v in props.items() if v is not None)
    return f"::{level}{' ' + shown if shown else ''}::{escape_data(message)}"


def _data(text: str) -> str:
    # Line breaks stay (escape_data writes them %0A: lines of the annotation, not of the log).
    return inline(text, keep_line_breaks=True)


def _annotation(item: Located) -> str:
    flag, doc = item.flag, item.doc
    lines = [f"{_data(flag.message)}: «{_data(flag.text)}»"]
    lines.extend(f"{label}: {_data(text)}" for label, text in flag_evidence(doc, flag))
    if flag.unit_id is not None:
        lines.append(f"unit: {_data(flag.unit_id)}")
    # Unit-based inputs have offsets into the unit's text, not the file line: no columns for them.
    columns = flag.unit_id is None
    return _command(
        _LEVEL[flag.severity], "\n".join(lines),
        file=doc.target_path, line=flag.line,
        col=flag.start + 1 if columns else None,
        endColumn=max(flag.end, flag.start + 1) if columns else None,
        title=f"mtqa {flag.rule} ({flag.severity} {flag.category})")


def _error_annotations(doc: DocumentResult) -> list[str]:
    if doc.status == "error":
        return [_command("error", f"mtqa could not check this file: {inline(doc.reason or '')}",
                         file=doc.target_path, title="mtqa input error")]
    return [_command("error", f"mtqa could not fully check this segment: {inline(err)}",
                     file=doc.target_path, line=seg.line, title="mtqa processing error")
            for seg in doc.segments for err in seg.errors]


def render_github(report: Report, *, max_per_level: int = MAX_PER_LEVEL, max_per_job: int = MAX_PER_JOB) -> str:
    """Annotations, most severe first, within GitHub's limits; then a count of the rest and a summary."""
    out: list[str] = []
    used = {"error": 0, "warning": 0, "notice": 0}

    def room(level: str) -> bool:
        return used[level] < max_per_level and sum(used.values()) < max_per_job - 1  # keep one for the notice

    if report.model.get("status") == "unavailable":
        # One short line: the full explanation is in the JSON report, under -v and `mtqa models doctor`.
        out.append(_command("notice", "back-translation is OFF (model unavailable); only model-free checks ran. "
                            "`mtqa models doctor` explains.", title="mtqa"))
        used["notice"] += 1
    errors = [line for doc in report.documents for line in _error_annotations(doc)]
    hidden_errors = 0
    for line in errors:
        if room("error"):
            out.append(line)
            used["error"] += 1
        else:
            hidden_errors += 1
    hidden = {s: 0 for s in SEVERITIES}
    for item in by_severity(report):
        level = _LEVEL[item.flag.severity]
        if room(level):
            out.append(_annotation(item))
            used[level] += 1
        else:
            hidden[item.flag.severity] += 1
    if hidden_errors or any(hidden.values()):
        parts = [f"{n} {s}" for s, n in reversed(hidden.items()) if n]
        if hidden_errors:
            parts.append(f"{hidden_errors} processing error(s)")
        total = sum(hidden.values()) + hidden_errors
        out.append(_command("notice", f"{total} more finding(s) not shown as annotations ({', '.join(parts)}); "
                            "see the full report (e.g. --format sarif or html)", title="mtqa"))
    out.append(_summary_line(report))
    return "\n".join(out) + "\n"


def _summary_line(report: Report) -> str:
    summary = report.summary()
    counts = ", ".join(f"{summary['by_severity'][s]} {s}" for s in reversed(SEVERITIES))
    verdict = "PASSED" if report.passed else "FAILED"
    errors = f", {summary['errors']} processing error(s)" if summary["errors"] else ""
    errors += f", {summary['input_errors']} unreadable file(s)" if summary["input_errors"] else ""
    errors += f", {summary['skipped']} skipped" if summary["skipped"] else ""
    return (f"mtqa: {summary['flags']} finding(s) ({counts}){errors} in {summary['documents']} document(s), "
            f"{summary['segments']} segment(s); {verdict} (fail-on: {report.fail_on})")


def _md(text: str) -> str:
    """Input text safe inside a Markdown table cell (GitHub renders inline HTML in summaries)."""
    text = inline(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    for ch in "\\|`*_[]":
        text = text.replace(ch, "\\" + ch)
    return " ".join(text.split())


def render_github_summary(report: Report, *, max_rows: int = 200) -> str:
    """A Markdown job summary (for ``$GITHUB_STEP_SUMMARY``): verdict, counts and a findings table."""
    summary = report.summary()
    verdict = "✅ passed" if report.passed else "❌ failed"
    out = [f"## mtqa: {verdict} (fail-on: {report.fail_on})", ""]
    if report.model.get("status") == "unavailable":
        out += ["> **Warning:** back-translation is OFF (model unavailable); only model-free checks ran.", ""]
    out += ["| Severity | Findings |", "|---|---:|"]
    out += [f"| {s} | {summary['by_severity'][s]} |" for s in reversed(SEVERITIES)]
    if summary["errors"]:
        out.append(f"| processing errors | {summary['errors']} |")
    if summary["input_errors"]:
        out.append(f"| unreadable files | {summary['input_errors']} |")
    totals = f"{summary['flags']} finding(s) in {summary['documents']} document(s), {summary['segments']} segment(s)."
    out += ["", totals, ""]
    items = by_severity(report)
    if items:
        out += ["| Severity | Location | Rule | Category | Phrase | Message | Suggestion |",
                "|---|---|---|---|---|---|---|"]
        for item in items[:max_rows]:
            f = item.flag
            where = f"{doc_label(item.doc)}:{f.line}" + (f":{f.start + 1}" if f.unit_id is None else f" ({f.unit_id})")
            phrase = f"\u2068{_md(f.text)}\u2069"  # an isolate keeps the Arabic from reordering the row
            out.append(f"| {f.severity} | {_md(where)} | `{_md(f.rule)}` | {_md(f.category)} | {phrase} | {_md(f.message)} "
                       f"| {_md(f.suggestion or '')} |")
        if len(items) > max_rows:
            out.append(f"\n… and {len(items) - max_rows} more; see the full report.")
    out += ["", f"<sub>{_md(report.signature)}</sub>", ""]
    return "\n".join(out)
