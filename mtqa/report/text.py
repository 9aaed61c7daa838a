"""Terminal text: one finding per line as ``file:line:col``, the Arabic kept whole.

Arabic runs are wrapped in Unicode bidi isolates (FSI … PDI) so that a terminal or editor that
implements the bidi algorithm shows them right-to-left without reordering the rest of the line.
Everything from the input (paths, unit ids, text, messages) goes through
:func:`mtqa.report._escape.inline`: controls are shown as ``<U+XXXX>`` and no line can start a CI
workflow command (docs/ci.md sends this format to stdout inside GitHub Actions).
"""

from __future__ import annotations

from mtqa.report._escape import inline
from mtqa.types import SEVERITIES, DocumentResult, Flag, Report

__all__ = ["render_text"]

_FSI, _PDI = "\u2068", "\u2069"
_MODEL_OFF = "back-translation off:"


def _iso(text: str) -> str:
    return f"{_FSI}{inline(text)}{_PDI}"


def _finding(path: str, flag: Flag) -> list[str]:
    # Unit-based formats (XLIFF, TMX, PO…): offsets are into the unit's text, not the file line.
    where = f"{path}:{flag.line}:{flag.start + 1}" if flag.unit_id is None else \
        f"{path}:{flag.line}: unit {inline(flag.unit_id)} col {flag.start + 1}"
    context = f"…{flag.before[-30:]}⟦{flag.text}⟧{flag.after[:30]}…"
    head = f"{where}: {flag.severity} {inline(flag.category)} [{inline(flag.rule)}] {inline(flag.message)}"
    lines = [f"{head}  {_iso(context)}"]
    details = []
    ev = flag.evidence
    if ev.get("backtranslation"):
        details.append(f"back-translation: {_iso(str(ev['backtranslation']))}")
    if ev.get("source"):
        details.append(f"source: {_iso(str(ev['source']))}")
    if flag.suggestion:
        details.append(f"suggestion: {_iso(flag.suggestion)}")
    lines.extend(f"    {d}" for d in details)
    return lines


def render_text(report: Report) -> str:
    out: list[str] = []
    status = report.model.get("status")
    if status == "unavailable":
        # The full explanation (what was tried, how to fix it) goes to stderr and the JSON report.
        first = str(report.model.get("message", "")).strip().split("\n", 1)[0]
        out.append(f"WARNING: back-translation is OFF; only model-free checks ran. {inline(first)}")
    for doc in report.documents:
        path = inline(doc.target_path or "<target>")
        if doc.status != "checked":
            out.append(f"{path}: {doc.status}: {inline(doc.reason or '')}")
            continue
        for flag in doc.flags:
            out.extend(_finding(path, flag))
        for seg in doc.segments:
            for err in seg.errors:
                out.append(f"{path}:{seg.line}:{seg.start + 1}: error {inline(err)}")
        out.extend(_notes(path, doc))
        score = doc.quality.get("score")
        if doc.scores.get("chrf") is not None:
            scores = " ".join(f"{k}={v:.1f}" for k, v in doc.scores.items() if isinstance(v, float))
            out.append(f"{path}: document scores: {scores}")
        out.append(f"{path}: {len(doc.flags)} finding(s), quality {score}")
    summary = report.summary()
    counts = ", ".join(f"{summary['by_severity'][s]} {s}" for s in reversed(SEVERITIES))
    verdict = "PASSED" if report.passed else "FAILED"
    out.append(f"{summary['flags']} finding(s) ({counts}) in {summary['documents']} document(s){_unchecked(summary)}; "
               f"{verdict} (fail-on: {report.fail_on})")
    return "\n".join(out) + "\n"


def _notes(path: str, doc: DocumentResult) -> list[str]:
    # Warnings about the input (an Arabic source, units not checked) and suppressed counts need a
    # reader; that back-translation was off is said once at the top, not once per document, and a
    # note that is also an error was printed as the error.
    errors = {err for seg in doc.segments for err in seg.errors}
    return [f"{path}: note: {inline(note)}" for note in doc.notes
            if not note.startswith(_MODEL_OFF) and note not in errors]


def _unchecked(summary: dict[str, int]) -> str:
    parts = [f"{summary[key]} {word}" for key, word in (("input_errors", "unreadable"), ("skipped", "skipped"))
             if summary.get(key)]
    return f" ({', '.join(parts)})" if parts else ""
