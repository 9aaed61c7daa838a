"""The check registry: one small function per rule, its metadata in the decorator.

A check receives a :class:`SegmentView` (segment scope) or the whole :class:`Context`
(document scope) and yields :class:`Finding` objects whose offsets are code points in the
segment's sentence text. The runner turns findings into :class:`~mtqa.types.Flag` objects.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal, NamedTuple

from mtqa.types import CATEGORIES, SEVERITIES, Severity

if TYPE_CHECKING:
    from mtqa.config import Config
    from mtqa.support import SourceSupport
    from mtqa.translate.base import Translation

__all__ = ["REGISTRY", "Context", "Finding", "Rule", "SegmentView", "check"]


@dataclass(frozen=True)
class Finding:
    """What a check reports: a span of the segment text (code points) and why it is suspect."""

    start: int
    end: int
    message: str
    evidence: Mapping[str, Any] = field(default_factory=dict)
    suggestion: str | None = None
    severity: Severity | None = None  # None: the rule's (configured) severity
    category: str | None = None  # None: the rule's category
    segment: int | None = None  # document-scope checks say which segment


@dataclass(frozen=True)
class SegmentView:
    """One target sentence as the checks see it."""

    index: int
    line: int
    line_text: str
    start: int
    end: int
    unit_id: str | None = None
    source: str | None = None
    source_lines: tuple[int, ...] = ()
    backtranslation: Translation | None = None
    #: True when the back-translation came from a model (its alignment is the model's own).
    model_bt: bool = False
    #: No-source mode: the back-translation translated back into Arabic.
    roundtrip: str | None = None
    scores: Mapping[str, float | None] = field(default_factory=dict)
    #: The source scored by the back-translation model given this Arabic (:mod:`mtqa.support`);
    #: None without a model, a source or a scorer.
    support: SourceSupport | None = None

    @property
    def text(self) -> str:
        return self.line_text[self.start:self.end]

    @property
    def bt_text(self) -> str | None:
        return self.backtranslation.text if self.backtranslation is not None else None


class SourceGap(NamedTuple):
    """A source sentence no target sentence took: where it belonged and what it said."""

    line: int  # its source line
    text: str
    nearest: int  # the index of the target segment next to where it belonged
    #: It belonged before ``nearest`` (it opened its paragraph), not after it. The source line
    #: cannot say so when both sentences share one line.
    before: bool = False


@dataclass
class Context:
    """Document-wide inputs shared by all checks."""

    config: Config
    segments: list[SegmentView]
    #: Source sentences that no target sentence aligned to.
    unaligned_source: list[SourceGap] = field(default_factory=list)
    has_source: bool = False
    resources: dict[str, Any] = field(default_factory=dict)

    def resource(self, name: str, factory: Callable[[], Any]) -> Any:
        """A per-run resource (termbase, dictionary…), built on first use."""
        if name not in self.resources:
            self.resources[name] = factory()
        return self.resources[name]


CheckFn = Callable[..., Iterable[Finding]]
Scope = Literal["segment", "document"]


@dataclass(frozen=True)
class Rule:
    """A registered check and what it declares about itself.

    ``severity`` is the severity of a finding on its own; ``signals`` refine it per kind of evidence
    a finding reports (``evidence["signal"]``), and ``corroborated`` is the severity a finding
    reaches when another rule flags the same span (two independent signals). The calibration ledger
    (docs/quality.md) justifies each: a signal that raises more than about one false alarm per 1,000
    lines of clean copy is never major on its own.
    """

    id: str
    category: str
    severity: Severity
    summary: str
    explanation: str
    scope: Scope
    needs: frozenset[str]
    default_enabled: bool
    func: CheckFn = field(repr=False, compare=False)
    signals: Mapping[str, Severity] = field(default_factory=dict)
    corroborated: Severity | None = None
    #: Which second signal raises it: "same-kind" (another rule's flag of the same category on the
    #: span, merged into this one) or "any" (another rule's flag of any category there).
    corroborated_by: Literal["same-kind", "any"] = "same-kind"

    def applies(self, *, has_source: bool, has_bt: bool) -> bool:
        return ("source" not in self.needs or has_source) and ("backtranslation" not in self.needs or has_bt)

    def severity_of(self, signal: str | None) -> Severity:
        """The declared severity of a finding with this signal (the rule's own when undeclared)."""
        if signal is not None and signal in self.signals:
            return self.signals[signal]
        return self.severity


REGISTRY: dict[str, Rule] = {}


def check(rule_id: str, *, category: str, severity: Severity, scope: Scope = "segment",
          needs: Iterable[str] = (), default_enabled: bool = True, signals: Mapping[str, Severity] | None = None,
          corroborated: Severity | None = None,
          corroborated_by: Literal["same-kind", "any"] = "same-kind") -> Callable[[CheckFn], CheckFn]:
    """Register a check. Its docstring's first line is the rule summary; the rest explains it.

    ``signals`` maps the kinds of evidence the check reports (``evidence["signal"]``) to their
    severity; ``corroborated`` is the severity when another rule flags the same span (with a flag of
    the same kind, or of any kind when ``corroborated_by="any"``).
    """
    if category not in CATEGORIES:
        raise ValueError(f"{rule_id}: unknown category {category!r}")
    for sev in (severity, *(signals or {}).values(), *((corroborated,) if corroborated else ())):
        if sev not in SEVERITIES:
            raise ValueError(f"{rule_id}: unknown severity {sev!r}")

    def register(func: CheckFn) -> CheckFn:
        if rule_id in REGISTRY:
            raise ValueError(f"rule {rule_id!r} registered twice")
        # The docstring's first paragraph is the summary, the rest the explanation.
        paragraphs = [" ".join(p.split()) for p in inspect.cleandoc(func.__doc__ or rule_id).split("\n\n")]
        summary, explanation = paragraphs[0], " ".join(paragraphs[1:])
        REGISTRY[rule_id] = Rule(
            id=rule_id, category=category, severity=severity, summary=summary,
            explanation=explanation or summary, scope=scope, needs=frozenset(needs),
            default_enabled=default_enabled, func=func, signals=dict(signals or {}), corroborated=corroborated,
            corroborated_by=corroborated_by,
        )
        return func

    return register
