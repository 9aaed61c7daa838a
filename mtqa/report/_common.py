"""Helpers shared by the report writers: ordering, rule metadata and per-flag evidence."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import PurePath, PureWindowsPath
from urllib.parse import quote

from mtqa.types import DocumentResult, Flag, Report, SegmentResult, severity_rank

__all__ = ["Located", "RuleInfo", "artifact_uri", "by_severity", "doc_label", "flag_evidence",
           "rules_for", "segment_of"]


@dataclass(frozen=True)
class RuleInfo:
    """What a writer needs to describe a rule, from the registry or made up for an unknown id."""

    id: str
    category: str
    severity: str
    summary: str
    explanation: str
    registered: bool = True
    #: The package (``name==version``) of a plug-in rule; None for a built-in one.
    plugin: str | None = None


@dataclass(frozen=True)
class Located:
    """A flag with the document it belongs to (``doc_index`` into ``report.documents``)."""

    doc_index: int
    doc: DocumentResult
    flag: Flag


def rules_for(report: Report) -> list[RuleInfo]:
    """Every registered rule, then any rule id in the report that the registry lacks
    (a report read back from JSON written by a plugin or a newer mtqa)."""
    from mtqa.checks import REGISTRY, rules

    out = [RuleInfo(r.id, r.category, r.severity, r.summary, r.explanation, plugin=r.plugin) for r in rules()]
    known = set(REGISTRY)
    for flag in report.iter_flags():
        if flag.rule not in known:
            known.add(flag.rule)
            out.append(RuleInfo(flag.rule, flag.category, flag.severity, f"mtqa rule {flag.rule}",
                                f"Rule {flag.rule} is not registered in this mtqa installation.", False))
    return out


def by_severity(report: Report) -> list[Located]:
    """All flags, most severe first, then in document and position order (a stable sort)."""
    located = [Located(i, doc, f) for i, doc in enumerate(report.documents) for f in doc.all_flags]
    return sorted(located, key=lambda x: -severity_rank(x.flag.severity))


def doc_label(doc: DocumentResult) -> str:
    return doc.target_path or "<target>"


def artifact_uri(path: str) -> tuple[str, bool]:
    """``path`` as a URI reference and whether it is relative (so wants a ``uriBaseId``)."""
    if "\\" in path and PureWindowsPath(path).drive:
        return PureWindowsPath(path).as_uri(), False
    # A backslash separates folders only where the system says so; on POSIX it is a letter of the
    # name ("a\\b.ar.txt" is one file), which the URI percent-encodes.
    posix = path.replace("\\", "/") if os.sep == "\\" or os.altsep == "\\" else path
    if PurePath(posix).is_absolute():
        return "file://" + quote(posix, safe="/"), False
    while posix.startswith("./"):
        posix = posix[2:]
    return quote(posix, safe="/"), True


def segment_of(doc: DocumentResult, flag: Flag) -> SegmentResult | None:
    """The segment a flag lies in: by index, else the segment of its line that covers it."""
    if flag.segment is not None:
        if 0 <= flag.segment < len(doc.segments) and doc.segments[flag.segment].index == flag.segment:
            return doc.segments[flag.segment]  # the usual case: segments stored in index order
        for seg in doc.segments:
            if seg.index == flag.segment:
                return seg
    for seg in doc.segments:
        if seg.line == flag.line and seg.start <= flag.start < max(seg.end, seg.start + 1):
            return seg
    return None


def flag_evidence(doc: DocumentResult, flag: Flag) -> Iterator[tuple[str, str]]:
    """(label, text) pairs a reviewer needs beside the message: back-translation, source, suggestion."""
    seg = segment_of(doc, flag)
    bt = flag.evidence.get("backtranslation") or (seg.backtranslation if seg else None)
    if bt:
        yield "back-translation", str(bt)
    src = flag.evidence.get("source") or (seg.source if seg else None)
    if src:
        yield "source", str(src)
    if flag.suggestion:
        yield "suggestion", flag.suggestion
