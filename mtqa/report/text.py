"""Terminal text: one finding per line as ``file:line:col``, the Arabic kept whole.

Arabic runs are wrapped in Unicode bidi isolates (FSI … PDI) so that a terminal or editor that
implements the bidi algorithm shows them right-to-left without reordering the rest of the line;
bidi controls from the input are made visible so they cannot reorder the report itself.
"""

from __future__ import annotations

import re

from mtqa.types import SEVERITIES, Flag, Report

__all__ = ["render_text", "safe"]

_FSI, _PDI = "\u2068", "\u2069"
_BIDI_CONTROLS = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f]")


def safe(text: str) -> str:
    """Input text made safe for a terminal: controls and bidi overrides shown as <U+XXXX>."""
    text = _CONTROL.sub(lambda m: f"<U+{ord(m.group()):04X}>", text)
    return _BIDI_CONTROLS.sub(lambda m: f"<U+{ord(m.group()):04X}>", text)


def _iso(text: str) -> str:
    return f"{_FSI}{safe(text)}{_PDI}"


def _finding(path: str, flag: Flag) -> list[str]:
    # Unit-based formats (XLIFF, TMX, PO…): offsets are into the unit's text, not the file line.
    where = f"{path}:{flag.line}:{flag.start + 1}" if flag.unit_id is None else \
        f"{path}:{flag.line}: unit {safe(flag.unit_id)} col {flag.start + 1}"
    context = f"…{flag.before[-30:]}⟦{flag.text}⟧{flag.after[:30]}…"
    lines = [f"{where}: {flag.severity} {flag.category} [{flag.rule}] {safe(flag.message)}  {_iso(context)}"]
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
        out.append(f"WARNING: back-translation is OFF; only model-free checks ran. {first}")
    for doc in report.documents:
        path = doc.target_path or "<target>"
        for flag in doc.flags:
            out.extend(_finding(path, flag))
        for seg in doc.segments:
            for err in seg.errors:
                out.append(f"{path}:{seg.line}:{seg.start + 1}: error {safe(err)}")
        score = doc.quality.get("score")
        if doc.scores.get("chrf") is not None:
            scores = " ".join(f"{k}={v:.1f}" for k, v in doc.scores.items() if isinstance(v, float))
            out.append(f"{path}: document scores: {scores}")
        out.append(f"{path}: {len(doc.flags)} finding(s), quality {score}")
    summary = report.summary()
    counts = ", ".join(f"{summary['by_severity'][s]} {s}" for s in reversed(SEVERITIES))
    verdict = "PASSED" if report.passed else "FAILED"
    out.append(f"{summary['flags']} finding(s) ({counts}) in {summary['documents']} document(s); "
               f"{verdict} (fail-on: {report.fail_on})")
    return "\n".join(out) + "\n"
