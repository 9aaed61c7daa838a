"""Result types: frozen dataclasses with a stable JSON shape (see docs/report-format.md)."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal, cast

__all__ = [
    "DOCUMENT_STATUSES",
    "SEVERITIES",
    "DocumentResult",
    "DocumentStatus",
    "Flag",
    "Report",
    "Segment",
    "SegmentResult",
    "Severity",
    "names",
    "severity_rank",
]

Severity = Literal["minor", "major", "critical"]
SEVERITIES: tuple[Severity, ...] = ("minor", "major", "critical")

#: MQM/ITS issue types used as flag categories.
CATEGORIES: tuple[str, ...] = (
    "mistranslation", "omission", "addition", "untranslated", "terminology", "inconsistency",
    "number", "name", "grammar", "spelling", "punctuation", "other",
)


def severity_rank(severity: str) -> int:
    """0 for minor, 1 for major, 2 for critical; ValueError for anything else."""
    try:
        return SEVERITIES.index(cast(Severity, severity))
    except ValueError:
        raise ValueError(f"unknown severity {severity!r}; expected one of {', '.join(SEVERITIES)}") from None


class _JsonMixin:
    def to_dict(self) -> dict[str, Any]:  # pragma: no cover - overridden
        raise NotImplementedError

    def to_json(self, *, indent: int | None = None) -> str:
        """``to_dict()`` as JSON (Arabic kept as is, not \\u-escaped)."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)


@dataclass(frozen=True)
class Segment:
    """One target sentence: where it stands in its input file.

    ``line`` is 1-based in the target file (for unit-based formats, the unit's line or its
    1-based order); ``start``/``end`` are code-point offsets into that line, and
    ``line_text[start:end] == text``.
    """

    line: int
    start: int
    end: int
    text: str
    index: int = 0
    unit_id: str | None = None


@dataclass(frozen=True)
class Flag(_JsonMixin):
    """A suspect target phrase, with the evidence a reviewer needs to act on it."""

    line: int
    start: int
    end: int
    text: str
    rule: str
    category: str
    severity: Severity
    message: str
    evidence: Mapping[str, Any] = field(default_factory=dict)
    suggestion: str | None = None
    segment: int | None = None
    unit_id: str | None = None
    before: str = ""
    after: str = ""
    fingerprint: str = ""
    #: Measured probability (0–1) that the flag points at a real error, from the calibration
    #: tables (docs/quality.md); None when the rule has no calibration yet.
    confidence: float | None = None

    def context(self, width: int = 3) -> str:
        """The phrase with up to ``width`` words either side, the phrase in ⟦ ⟧."""
        left = self.before.split()[-width:] if width > 0 else []
        right = self.after.split()[:width] if width > 0 else []
        return " ".join([*left, f"⟦{self.text}⟧", *right])

    def to_dict(self) -> dict[str, Any]:
        return {
            "line": self.line,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "rule": self.rule,
            "category": self.category,
            "severity": self.severity,
            "message": self.message,
            "evidence": _plain(self.evidence),
            "suggestion": self.suggestion,
            "segment": self.segment,
            "unit_id": self.unit_id,
            "context": {"before": self.before, "after": self.after},
            "fingerprint": self.fingerprint,
            "confidence": self.confidence,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Flag:
        context = data.get("context") or {}
        return cls(
            line=int(data["line"]),
            start=int(data["start"]),
            end=int(data["end"]),
            text=str(data["text"]),
            rule=str(data["rule"]),
            category=str(data["category"]),
            severity=cast(Severity, data["severity"]),
            message=str(data["message"]),
            evidence=dict(data.get("evidence") or {}),
            suggestion=data.get("suggestion"),
            segment=data.get("segment"),
            unit_id=data.get("unit_id"),
            before=str(context.get("before", "")),
            after=str(context.get("after", "")),
            fingerprint=str(data.get("fingerprint", "")),
            confidence=None if data.get("confidence") is None else float(data["confidence"]),
        )


@dataclass(frozen=True)
class SegmentResult(_JsonMixin):
    """A target sentence with its aligned source, back-translation, scores and any errors."""

    line: int
    start: int
    end: int
    target: str
    index: int = 0
    unit_id: str | None = None
    source: str | None = None
    source_lines: tuple[int, ...] = ()
    backtranslation: str | None = None
    roundtrip: str | None = None
    scores: Mapping[str, float | None] = field(default_factory=dict)
    errors: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    #: Per source word, its support by the back-translation model (forced decoding: ``word``,
    #: ``start``/``end`` in ``source``, ``logprob`` summed over its pieces, ``pieces``, ``deficit``
    #: and the ``arabic_span`` it was read from); empty without a model.
    support: tuple[Mapping[str, Any], ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "index": self.index,
            "line": self.line,
            "start": self.start,
            "end": self.end,
            "unit_id": self.unit_id,
            "target": self.target,
            "source": self.source,
            "source_lines": list(self.source_lines),
            "backtranslation": self.backtranslation,
            "roundtrip": self.roundtrip,
            "scores": dict(self.scores),
            "errors": list(self.errors),
            "notes": list(self.notes),
            "support": [_plain(w) for w in self.support],
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> SegmentResult:
        return cls(
            line=int(data["line"]),
            start=int(data["start"]),
            end=int(data["end"]),
            target=str(data["target"]),
            index=int(data.get("index", 0)),
            unit_id=data.get("unit_id"),
            source=data.get("source"),
            source_lines=tuple(data.get("source_lines") or ()),
            backtranslation=data.get("backtranslation"),
            roundtrip=data.get("roundtrip"),
            scores=dict(data.get("scores") or {}),
            errors=tuple(data.get("errors") or ()),
            notes=tuple(data.get("notes") or ()),
            support=tuple(dict(w) for w in data.get("support") or ()),
        )


#: What happened to a document: checked; not readable (an input error, which fails the run); or
#: left out on purpose (a special file, a symlink leaving the scanned folder).
DocumentStatus = Literal["checked", "error", "skipped"]
DOCUMENT_STATUSES: tuple[DocumentStatus, ...] = ("checked", "error", "skipped")


class _Verdict:
    """What a :class:`Report` and one document's :class:`DocumentResult` answer alike: whether it
    passed, and its flags filtered by severity, rule, category and confidence."""

    def iter_flags(self) -> Iterator[Flag]:  # pragma: no cover - overridden
        raise NotImplementedError

    @property
    def passed(self) -> bool:  # pragma: no cover - overridden
        raise NotImplementedError

    def flags(self, min_severity: str = "minor", *, rules: str | Iterable[str] | None = None,
              categories: str | Iterable[str] | None = None, min_confidence: float | None = None) -> list[Flag]:
        """Flags at or above ``min_severity``, optionally restricted to rules or categories (each one
        name or a collection of names) and to a measured confidence of at least ``min_confidence``
        (flags without one are kept)."""
        threshold = severity_rank(min_severity)
        wanted_rules = set(names(rules, "rules")) if rules is not None else None
        wanted_cats = set(names(categories, "categories")) if categories is not None else None
        # A misspelt name would silently select nothing, which reads as "no such findings".
        if wanted_cats is not None and (unknown := sorted(wanted_cats - set(CATEGORIES))):
            raise ValueError(f"unknown categor{'y' if len(unknown) == 1 else 'ies'} {', '.join(unknown)} "
                             f"(known: {', '.join(CATEGORIES)})")
        if wanted_rules is not None:
            from mtqa.checks import REGISTRY  # lazily: the rules live above this module

            # a rule of this report counts too: a report read back may hold a plug-in's rule
            known = set(REGISTRY) | {f.rule for f in self.iter_flags()}
            if unknown := sorted(wanted_rules - known):
                raise ValueError(f"unknown rule{'' if len(unknown) == 1 else 's'} {', '.join(unknown)} "
                                 "(`mtqa rules` lists them)")
        if min_confidence is not None and (isinstance(min_confidence, bool)
                                           or not isinstance(min_confidence, (int, float))
                                           or not 0 <= min_confidence <= 1):
            raise ValueError(f"min_confidence must be a number from 0 to 1, not {min_confidence!r}")
        return [
            f for f in self.iter_flags()
            if severity_rank(f.severity) >= threshold
            and (wanted_rules is None or f.rule in wanted_rules)
            and (wanted_cats is None or f.category in wanted_cats)
            and (min_confidence is None or f.confidence is None or f.confidence >= min_confidence)
        ]


def _passes(doc: DocumentResult, fail_on: str) -> bool:
    """No flag reaches ``fail_on``, the quality score meets its threshold, nothing failed."""
    threshold = severity_rank(fail_on)
    if any(severity_rank(f.severity) >= threshold for f in doc.all_flags):
        return False
    if doc.quality.get("meets_threshold") is False:
        return False
    return not (doc.errors or doc.status == "error")


@dataclass(frozen=True)
class DocumentResult(_Verdict, _JsonMixin):
    """Everything mtqa found in one target document: what ``Checker.check_many`` yields, one per
    document, and what a :class:`Report` holds.

    ``passed`` and ``flags(min_severity=, rules=, categories=, min_confidence=)`` work as on a
    report; ``all_flags`` is every flag, in report order (the JSON report's ``flags``). ``fail_on``
    is the severity that fails the document (the run's ``Config.fail_on``).

    A document that could not be read (``status == "error"``) or was left out (``"skipped"``) is
    still a document of the report, with no segments and ``reason`` saying why, so that every input
    is accounted for.
    """

    target_path: str | None
    source_path: str | None = None
    backtranslation_path: str | None = None
    scores: Mapping[str, float | None] = field(default_factory=dict)
    segments: tuple[SegmentResult, ...] = ()
    all_flags: tuple[Flag, ...] = ()
    quality: Mapping[str, Any] = field(default_factory=dict)
    notes: tuple[str, ...] = ()
    status: DocumentStatus = "checked"
    reason: str | None = None
    #: Not in the JSON document object: the report's ``fail_on`` says it once for every document.
    fail_on: Severity = "major"

    @property
    def passed(self) -> bool:
        """True when no flag reaches ``fail_on``, no segment had a processing error, the document
        could be read and its quality score meets ``thresholds.quality``."""
        return _passes(self, self.fail_on)

    def iter_flags(self) -> Iterator[Flag]:
        return iter(self.all_flags)

    @property
    def errors(self) -> tuple[str, ...]:
        """Per-segment processing errors, prefixed with the line they concern."""
        return tuple(f"line {s.line}: {e}" for s in self.segments for e in s.errors)

    def to_dict(self) -> dict[str, Any]:
        return {
            "target_path": self.target_path,
            "source_path": self.source_path,
            "backtranslation_path": self.backtranslation_path,
            "status": self.status,
            "reason": self.reason,
            "scores": dict(self.scores),
            "quality": _plain(self.quality),
            "notes": list(self.notes),
            "segments": [s.to_dict() for s in self.segments],
            "flags": [f.to_dict() for f in self.all_flags],
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], *, fail_on: Severity = "major") -> DocumentResult:
        """The document of a JSON report; ``fail_on`` is the report's (a document object has none)."""
        return cls(
            target_path=data.get("target_path"),
            source_path=data.get("source_path"),
            backtranslation_path=data.get("backtranslation_path"),
            scores=dict(data.get("scores") or {}),
            segments=tuple(SegmentResult.from_dict(s) for s in data.get("segments") or ()),
            all_flags=tuple(Flag.from_dict(f) for f in data.get("flags") or ()),
            quality=dict(data.get("quality") or {}),
            notes=tuple(data.get("notes") or ()),
            status=_status(data.get("status")),
            reason=data.get("reason"),
            fail_on=fail_on,
        )


def _status(value: object) -> DocumentStatus:
    # Reports written before statuses existed have none: every document in them was checked.
    if value is None:
        return "checked"
    if value not in DOCUMENT_STATUSES:
        raise ValueError(f"unknown document status {value!r}; expected one of {', '.join(DOCUMENT_STATUSES)}")
    return value  # narrowed to a DocumentStatus by the membership test


@dataclass(frozen=True)
class Report(_Verdict, _JsonMixin):
    """The result of one mtqa run over one or more documents.

    ``signature`` pins what produced the report (mtqa version, translator, metric signatures,
    thresholds) so that two reports are only compared when their signatures match.
    """

    signature: str
    documents: tuple[DocumentResult, ...] = ()
    fail_on: Severity = "major"
    model: Mapping[str, Any] = field(default_factory=dict)
    settings: Mapping[str, Any] = field(default_factory=dict)
    created: str | None = None

    @property
    def passed(self) -> bool:
        """True when no flag reaches ``fail_on``, no segment had a processing error, every document
        could be read and every document's quality score meets ``thresholds.quality``."""
        return all(_passes(d, self.fail_on) for d in self.documents)

    @property
    def has_errors(self) -> bool:
        """A segment had a processing error, or a document could not be read."""
        return any(d.errors or d.status == "error" for d in self.documents)

    def iter_flags(self) -> Iterator[Flag]:
        for doc in self.documents:
            yield from doc.all_flags

    def summary(self) -> dict[str, Any]:
        """Counts of flags by severity, category and rule, plus document verdicts."""
        flags = list(self.iter_flags())
        by_sev = Counter(f.severity for f in flags)
        return {
            "documents": len(self.documents),
            "segments": sum(len(d.segments) for d in self.documents),
            "flags": len(flags),
            "by_severity": {s: by_sev.get(s, 0) for s in SEVERITIES},
            "by_category": dict(sorted(Counter(f.category for f in flags).items())),
            "by_rule": dict(sorted(Counter(f.rule for f in flags).items())),
            "errors": sum(len(d.errors) for d in self.documents),
            "input_errors": sum(1 for d in self.documents if d.status == "error"),
            "skipped": sum(1 for d in self.documents if d.status == "skipped"),
            "passed": self.passed,
        }

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "format": "mtqa-report",
            "format_version": 1,
            "signature": self.signature,
            "settings": _plain(self.settings),
            "model": _plain(self.model),
            "fail_on": self.fail_on,
            "passed": self.passed,
            "summary": self.summary(),
            "documents": [d.to_dict() for d in self.documents],
        }
        if self.created is not None:
            data["created"] = self.created
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Report:
        """A report read back (its ``to_dict``); anything else is a ValueError saying what is wrong."""
        if not isinstance(data, Mapping):
            # bad JSON content, like the checks below: a ValueError, not a TypeError
            raise ValueError(f"not an mtqa report: a JSON object was expected, not {type(data).__name__}")  # noqa: TRY004
        if data.get("format", "mtqa-report") != "mtqa-report":
            raise ValueError(f"not an mtqa report: format {data.get('format')!r}")
        if data.get("format_version", 1) != 1:
            raise ValueError(f"mtqa report format_version {data.get('format_version')!r} is not one this mtqa "
                             "reads (1)")
        try:
            report = cls._from_dict(data)
            for flag in report.iter_flags():
                severity_rank(flag.severity)
            severity_rank(report.fail_on)
        except (KeyError, TypeError, AttributeError) as exc:  # a field missing or of the wrong type
            raise ValueError(f"not an mtqa report: {type(exc).__name__}: {exc}") from None
        return report

    @classmethod
    def _from_dict(cls, data: Mapping[str, Any]) -> Report:
        fail_on = cast(Severity, data.get("fail_on", "major"))
        return cls(
            signature=str(data["signature"]),
            documents=tuple(DocumentResult.from_dict(d, fail_on=fail_on) for d in data.get("documents") or ()),
            fail_on=fail_on,
            model=dict(data.get("model") or {}),
            settings=dict(data.get("settings") or {}),
            created=data.get("created"),
        )

    @classmethod
    def from_json(cls, text: str) -> Report:
        return cls.from_dict(json.loads(text))


def names(value: str | Iterable[str], what: str) -> tuple[str, ...]:
    """Rule ids, categories or other names given as one string or a collection of strings.

    A single string is one name: ``rules="doubled-word"`` must not become its letters.
    """
    if isinstance(value, str):
        return (value,)
    if isinstance(value, (bytes, Mapping)) or not isinstance(value, Iterable):
        raise TypeError(f"{what} must be a string or a collection of strings, not {type(value).__name__}")
    items = tuple(value)
    bad = [item for item in items if not isinstance(item, str)]
    if bad:
        raise TypeError(f"{what} must be a string or a collection of strings; got {type(bad[0]).__name__} "
                        f"{bad[0]!r} among them")
    return items


def _plain(value: Any) -> Any:
    """Mappings and sequences turned into JSON-ready dicts and lists."""
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value
