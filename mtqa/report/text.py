"""Terminal text, read top-down: per document the critical and major findings first, each with its
phrase in context and its evidence; the minor ones summarised by rule; a closing verdict line.

A finding's first line is ``file:line:col: severity category [rule] message  …context…``, the form
editors and CI logs link to; the evidence follows on indented lines (the source and back-translation
words it concerns, the termbase entry, the suggestion, its confidence). Findings below ``show``
(default ``major``: the minor ones) are counted per rule with one example each; ``show="minor"``
lists every one. The last line gives the verdict, the document's scores and what was not checked
(no model, no source).

Arabic runs are wrapped in Unicode bidi isolates (FSI … PDI) so that a terminal or editor that
implements the bidi algorithm shows them right-to-left without reordering the rest of the line.
Everything from the input (paths, unit ids, text, messages) goes through
:func:`mtqa.report._escape.inline`: controls are shown as ``<U+XXXX>`` and no line can start a CI
workflow command (docs/ci.md sends this format to stdout inside GitHub Actions). Colours (``color``)
are ANSI codes around mtqa's own words only, never inside an isolate.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from mtqa.report._escape import inline
from mtqa.report._evidence import evidence_fields
from mtqa.types import SEVERITIES, DocumentResult, Flag, Report, severity_rank

__all__ = ["render_text"]

_FSI, _PDI = "\u2068", "\u2069"
_MODEL_OFF = "back-translation off:"
_STYLE = {"critical": "1;31", "major": "31", "minor": "36", "FAILED": "1;31", "PASSED": "1;32", "head": "1"}


def _iso(text: str) -> str:
    return f"{_FSI}{inline(text)}{_PDI}"


@dataclass(frozen=True)
class _Painter:
    """ANSI colours for mtqa's own words (severities, counts, the verdict), or nothing."""

    on: bool

    def __call__(self, text: str, style: str) -> str:
        return f"\x1b[{_STYLE[style]}m{text}\x1b[0m" if self.on and style in _STYLE else text


def _where(path: str, flag: Flag) -> str:
    # Unit-based formats (XLIFF, TMX, PO…): offsets are into the unit's text, not the file line.
    return f"{path}:{flag.line}:{flag.start + 1}" if flag.unit_id is None else \
        f"{path}:{flag.line}: unit {inline(flag.unit_id)} col {flag.start + 1}"


def _context(flag: Flag) -> str:
    return _iso(f"…{flag.before[-30:]}⟦{flag.text}⟧{flag.after[:30]}…")


def _finding(path: str, doc: DocumentResult, flag: Flag, paint: _Painter) -> list[str]:
    head = (f"{_where(path, flag)}: {paint(flag.severity, flag.severity)} {inline(flag.category)} "
            f"[{inline(flag.rule)}] {inline(flag.message)}  {_context(flag)}")
    lines = [head]
    for field in evidence_fields(doc, flag, sentences="evidence", facts=False):
        value = field.value if field.key == "confidence" else _iso(field.value)
        lines.append(f"    {field.label}: {value}")
    return lines


def _summary(path: str, flags: Sequence[Flag], paint: _Painter) -> list[str]:
    """Findings below ``show`` counted per rule, each rule with its most confident example."""
    if not flags:
        return []
    groups: dict[tuple[str, str], list[Flag]] = {}
    for flag in flags:
        groups.setdefault((flag.severity, flag.rule), []).append(flag)
    severities = {sev for sev, _ in groups}
    # The surest rules first: what a reviewer should look at before the typographic noise.
    order = sorted(groups.items(), key=lambda kv: (-severity_rank(kv[0][0]),
                                                   -max(f.confidence or 0.0 for f in kv[1]), -len(kv[1]), kv[0][1]))
    below = " and ".join(s for s in reversed(SEVERITIES) if s in severities)
    out = [f"{path}: {len(flags)} {below} finding(s) by rule (--show minor or -v lists each one):"]
    width = len(str(max(len(g) for g in groups.values())))
    for (severity, rule), group in order:
        example = max(group, key=lambda f: f.confidence or 0.0)  # the first one among equals
        label = f"{paint(severity, severity)} " if len(severities) > 1 else ""
        where = _where(path, example)  # file:line:col, which editors and CI logs link to
        out.append(f"    {paint(str(len(group)).rjust(width) + ' ×', 'head')} {label}{inline(rule)}: "
                   f"{inline(example.message)}  (e.g. {where} {_context(example)})")
    return out


def _not_checked(report: Report) -> list[str]:
    """What the run could not look at: meaning through a back-translation, the source comparison."""
    checked = [d for d in report.documents if d.status == "checked"]
    out = []
    no_bt = [d for d in checked if not any(s.backtranslation for s in d.segments)]
    if no_bt:
        status = report.model.get("status")
        why = ("no model: `mtqa models download`, or --model DIR" if status == "unavailable"
               else "--no-model" if status == "disabled" else "no back-translation")
        out.append(f"back-translation{_share(no_bt, checked)} ({why})")
    no_source = [d for d in checked if not d.source_path and not any(s.source for s in d.segments)]
    if no_source:
        out.append(f"source comparison{_share(no_source, checked)} (no source: --source FILE)")
    return out


def _share(part: Sequence[DocumentResult], whole: Sequence[DocumentResult]) -> str:
    return "" if len(part) == len(whole) else f" for {len(part)} of {len(whole)} document(s)"


def _counts(flags: Sequence[Flag]) -> str:
    return ", ".join(f"{sum(f.severity == s for f in flags)} {s}" for s in reversed(SEVERITIES))


def _scores(doc: DocumentResult) -> str:
    scores = " ".join(f"{k}={v:.1f}" for k, v in doc.scores.items() if isinstance(v, float))
    quality = doc.quality.get("score")
    return ", ".join(part for part in (f"quality {quality}" if quality is not None else "",
                                       f"scores {scores}" if scores else "") if part)


def _document(doc: DocumentResult, show: str, paint: _Painter, *, several: bool) -> list[str]:
    path = inline(doc.target_path or "<target>")
    if doc.status != "checked":
        return [f"{path}: {doc.status}: {inline(doc.reason or '')}"]
    threshold = severity_rank(show)
    # Most severe first; within a severity in reading order, so a reviewer walks down the story.
    ordered = sorted(doc.all_flags, key=lambda f: (-severity_rank(f.severity), f.line, f.start))
    out: list[str] = []
    for flag in ordered:
        if severity_rank(flag.severity) >= threshold:
            out.extend(_finding(path, doc, flag, paint))
    for seg in doc.segments:
        out.extend(f"{path}:{seg.line}:{seg.start + 1}: error {inline(err)}" for err in seg.errors)
    out.extend(_summary(path, [f for f in ordered if severity_rank(f.severity) < threshold], paint))
    out.extend(_notes(path, doc))
    if several:  # one document's figures are in the closing line
        scores = _scores(doc)
        out.append(f"{path}: {len(doc.all_flags)} finding(s) ({_counts(doc.all_flags)})" + (f", {scores}" if scores else ""))
    return out


def render_text(report: Report, *, show: str = "major", color: bool = False) -> str:
    """The report as terminal text; findings below ``show`` are summarised by rule, ``color`` adds
    ANSI colours (for a terminal: the CLI turns them on only there, and never with ``NO_COLOR``)."""
    severity_rank(show)  # ValueError for anything but minor, major, critical
    paint = _Painter(color)
    out: list[str] = []
    for doc in report.documents:
        out.extend(_document(doc, show, paint, several=len(report.documents) > 1))
    summary = report.summary()
    verdict = "PASSED" if report.passed else "FAILED"
    total = (f"{summary['flags']} finding(s) ({_counts(list(report.iter_flags()))}) in {summary['documents']} "
             f"document(s){_unchecked(summary)}")
    # a document can fail on its quality score alone (thresholds.quality): say so, or a FAILED with
    # no finding at or above fail-on would read as a contradiction
    low = [d for d in report.documents if d.quality.get("meets_threshold") is False]
    why = f"fail-on: {report.fail_on}" + (
        f"; quality below {low[0].quality.get('threshold', 0):g} in {len(low)} document(s)" if low else "")
    parts = [total, f"{paint(verdict, verdict)} ({why})"]
    checked = [d for d in report.documents if d.status == "checked"]
    if len(report.documents) == 1 and checked and _scores(checked[0]):
        parts.append(_scores(checked[0]))
    missing = _not_checked(report)
    if missing:
        parts.append(f"not checked: {', '.join(missing)}")
    out.append("; ".join(parts))
    return "\n".join(out) + "\n"


def _notes(path: str, doc: DocumentResult) -> list[str]:
    # Warnings about the input (an Arabic source, units not checked) and suppressed counts need a
    # reader; that back-translation was off is said once, in the closing line, not per document,
    # and a note that is also an error was printed as the error.
    errors = {err for seg in doc.segments for err in seg.errors}
    return [f"{path}: note: {inline(note)}" for note in doc.notes
            if not note.startswith(_MODEL_OFF) and note not in errors]


def _unchecked(summary: dict[str, int]) -> str:
    parts = [f"{summary[key]} {word}" for key, word in (("input_errors", "unreadable"), ("skipped", "skipped"))
             if summary.get(key)]
    return f" ({', '.join(parts)})" if parts else ""
