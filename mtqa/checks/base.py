"""The check registry: one small function per rule, its metadata in the decorator.

A check receives a :class:`SegmentView` (segment scope) or the whole :class:`Context`
(document scope) and yields :class:`Finding` objects whose offsets are code points in the
segment's sentence text. The runner turns findings into :class:`~mtqa.types.Flag` objects.
"""

from __future__ import annotations

import inspect
import logging
import math
import warnings
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal, NamedTuple

from mtqa.errors import ConfigError
from mtqa.lang.terms import Term, Termbase, load_termbases
from mtqa.types import CATEGORIES, SEVERITIES, Severity

if TYPE_CHECKING:
    from mtqa.config import Config
    from mtqa.support import SourceSupport
    from mtqa.translate.base import Translation

__all__ = ["PLUGIN_GROUP", "REGISTRY", "Context", "Finding", "Param", "PluginWarning", "Rule", "SegmentView", "check",
           "load_plugins", "plugins"]

log = logging.getLogger(__name__)


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
    #: Which unit of its document it belongs to (0-based): the units of a minified XLIFF or TMX
    #: file share one line, so a line does not tell units apart.
    unit: int = 0
    #: True when the back-translation came from a model (its alignment is the model's own).
    model_bt: bool = False
    #: No-source mode: the back-translation translated back into Arabic.
    roundtrip: str | None = None
    scores: Mapping[str, float | None] = field(default_factory=dict)
    #: The source scored by the back-translation model given this Arabic (:mod:`mtqa.support`);
    #: None without a model, a source or a scorer.
    support: SourceSupport | None = None
    #: The line as written, when ``line_text`` is its check view (:func:`mtqa.text.normalize.check_view`:
    #: the same length, invisible and equivalent characters made plain); None when they are the same.
    original_line: str | None = None
    #: The aligned source as written, when ``source`` is its check view; None when they are the same.
    source_written: str | None = None

    @property
    def text(self) -> str:
        """The sentence as the checks read it (its check view)."""
        return self.line_text[self.start:self.end]

    @property
    def written_line(self) -> str:
        """The line as written: what a report quotes."""
        return self.original_line if self.original_line is not None else self.line_text

    @property
    def written_text(self) -> str:
        """The sentence as written: what a report quotes."""
        return self.written_line[self.start:self.end]

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
    #: The rule the runner is calling now: :meth:`param` reads its parameters.
    rule: Rule | None = None

    def param(self, name: str) -> Any:
        """The running rule's parameter ``name``: the configured value (``[tool.mtqa.rules.<id>]``) or
        the default its ``@check(params=...)`` declares."""
        if self.rule is None:
            raise RuntimeError("ctx.param() is for a check the runner is calling")
        return self.rule.param(name, self.config)

    def params(self) -> dict[str, Any]:
        """Every parameter of the running rule, configured or default (to hand to helpers)."""
        if self.rule is None:
            raise RuntimeError("ctx.params() is for a check the runner is calling")
        return self.rule.param_values(self.config)

    def sharing_source(self, seg: SegmentView) -> list[SegmentView]:
        """The segments aligned to the same source lines as ``seg``, itself included (just ``seg``
        when it has no source): the sentences a translator made of one source line. Length and
        qualifier checks weigh the whole group, so a sentence moved within its paragraph is no loss."""
        if not seg.source_lines:
            return [seg]
        return [s for s in self.segments if s.source_lines == seg.source_lines]

    def sharing_sentence(self, seg: SegmentView) -> list[SegmentView]:
        """The segments aligned to the same source sentences as ``seg``, itself included: the
        sentences a translator made of one source sentence. Sentences of one paragraph aligned each
        to a sentence of its own are not among them: they share the paragraph, not a sentence."""
        return [s for s in self.sharing_source(seg) if s.source == seg.source]

    def source_sentences(self) -> tuple[str, ...]:
        """The document's distinct aligned source sentences, in order (what "the story's source"
        means to the rules that read it whole), found once per document."""
        found: tuple[str, ...] = self.resource(
            "source-sentences", lambda: tuple(dict.fromkeys(seg.source for seg in self.segments if seg.source)))
        return found

    def termbase(self) -> Termbase:
        """The run's termbase (the default one and the configured files), loaded once per run."""
        tb: Termbase = self.resource("termbase", lambda: load_termbases(
            self.config.termbases, include_default=self.config.default_termbase))
        return tb

    def source_terms(self, source: str) -> list[tuple[Term, int, int]]:
        """The termbase terms in a source sentence with their spans, found once per document for
        every rule that asks (the term checks, the consistency check)."""
        found: dict[str, list[tuple[Term, int, int]]] = self.resource("termbase-hits", dict)
        hits = found.get(source)
        if hits is None:
            hits = found[source] = self.termbase().in_source(source)
        return hits

    def resource(self, name: str, factory: Callable[[], Any]) -> Any:
        """A per-run resource (termbase, dictionary…), built on first use."""
        if name not in self.resources:
            self.resources[name] = factory()
        return self.resources[name]


CheckFn = Callable[..., Iterable[Finding]]
Scope = Literal["segment", "document"]
ParamValue = bool | int | float | str


@dataclass(frozen=True)
class Param:
    """A rule's tunable value: its default, and what a configured value must be.

    A rule declares them in ``@check(params={"name": Param(0.7, minimum=0, maximum=1, doc=...)})``
    (a bare default, ``{"name": 0.7}``, is a Param of that type with no range); the configuration
    sets them in ``[tool.mtqa.rules.<rule-id>]`` and a wrong type or an out-of-range value is a
    :class:`~mtqa.errors.ConfigError` naming the key.
    """

    default: ParamValue
    minimum: float | None = None
    maximum: float | None = None
    doc: str = ""

    def validate(self, value: Any, key: str) -> ParamValue:
        """The value, checked against the default's type and the range (an int is a fine float)."""
        kind = type(self.default)
        if kind is float and isinstance(value, int) and not isinstance(value, bool):
            value = float(value)
        if type(value) is not kind:
            raise ConfigError(f"must be {_KIND_NAMES[kind]} (the default is {self.default!r})", key=key)
        if not isinstance(value, (int, float)):
            return value  # a string or a bool has no range
        if not math.isfinite(value):  # TOML allows nan and inf; no JSON report could carry them
            raise ConfigError("must be a finite number (nan and inf are not values)", key=key)
        if self.minimum is not None and value < self.minimum:
            raise ConfigError(f"must be >= {self.minimum:g}", key=key)
        if self.maximum is not None and value > self.maximum:
            raise ConfigError(f"must be <= {self.maximum:g}", key=key)
        return value


_KIND_NAMES: dict[type, str] = {bool: "true or false", int: "an integer", float: "a number", str: "a string"}


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
    #: Tunable values (``[tool.mtqa.rules.<id>]``), by name, in declaration order.
    params: Mapping[str, Param] = field(default_factory=dict)
    #: The installed package that registered the rule (``name==version``); None for a built-in rule.
    plugin: str | None = None

    def param(self, name: str, config: Config) -> Any:
        """The configured value of a parameter, or its declared default."""
        if name not in self.params:
            raise KeyError(f"rule {self.id!r} declares no parameter {name!r} (it has: {', '.join(self.params)})")
        return config.rules.get(self.id, {}).get(name, self.params[name].default)

    def param_values(self, config: Config) -> dict[str, Any]:
        configured = config.rules.get(self.id, {})
        return {name: configured.get(name, p.default) for name, p in self.params.items()}

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
          corroborated_by: Literal["same-kind", "any"] = "same-kind",
          params: Mapping[str, Param | ParamValue] | None = None) -> Callable[[CheckFn], CheckFn]:
    """Register a check. Its docstring's first line is the rule summary; the rest explains it.

    ``signals`` maps the kinds of evidence the check reports (``evidence["signal"]``) to their
    severity; ``corroborated`` is the severity when another rule flags the same span (with a flag of
    the same kind, or of any kind when ``corroborated_by="any"``). ``params`` declares the rule's
    tunable values with their defaults (:class:`Param`); the check reads them with ``ctx.param(name)``.
    """
    if category not in CATEGORIES:
        raise ValueError(f"{rule_id}: unknown category {category!r}")
    for sev in (severity, *(signals or {}).values(), *((corroborated,) if corroborated else ())):
        if sev not in SEVERITIES:
            raise ValueError(f"{rule_id}: unknown severity {sev!r}")
    declared = {name: p if isinstance(p, Param) else Param(p) for name, p in (params or {}).items()}
    for name, p in declared.items():
        if type(p.default) not in _KIND_NAMES:
            raise ValueError(f"{rule_id}: parameter {name!r} must default to a bool, int, float or str")
        p.validate(p.default, f"{rule_id}.{name}")  # a default outside its own range is a bug here

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
            corroborated_by=corroborated_by, params=declared, plugin=_loading,
        )
        return func

    return register


#: The entry-point group third-party rules register under (flake8-style): a package declares
#: ``[project.entry-points."mtqa.rules"] myrule = "mypkg.rules"`` and importing that module
#: registers its ``@check`` functions.
PLUGIN_GROUP = "mtqa.rules"


class PluginWarning(UserWarning):
    """A plug-in rule package that could not be loaded (the run goes on without its rules)."""


_loading: str | None = None  # the plug-in being imported: the rules it registers are its own
_plugins: dict[str, str] | None = None  # distribution name -> version, once loaded


def load_plugins() -> dict[str, str]:
    """Import every ``mtqa.rules`` entry point, once per process; {package: version} of those loaded.

    A plug-in that fails to import (or registers a rule id already taken) is a :class:`PluginWarning`
    naming its package, and its rules are left out, never a traceback in the middle of a run."""
    global _loading, _plugins
    if _plugins is not None:
        return _plugins
    from importlib.metadata import entry_points

    _plugins = {}
    for ep in sorted(entry_points(group=PLUGIN_GROUP), key=lambda e: (e.dist.name if e.dist else "", e.name)):
        dist = ep.dist.name if ep.dist is not None else "?"
        version = ep.dist.version if ep.dist is not None else "?"
        before = dict(REGISTRY)
        _loading = f"{dist}=={version}"
        try:
            ep.load()
        except Exception as exc:  # a broken plug-in must not take mtqa down with it
            for rule_id in set(REGISTRY) - set(before):  # half-registered: none of its rules, not some
                del REGISTRY[rule_id]
            message = (f"mtqa: plug-in rules {ep.name!r} from package {dist} {version} could not be loaded "
                       f"and are skipped: {type(exc).__name__}: {exc}")
            log.debug("plug-in %s failed", ep.value, exc_info=True)
            warnings.warn(message, PluginWarning, stacklevel=2)
            continue
        finally:
            _loading = None
        _plugins[dist] = version
    return _plugins


def plugins() -> dict[str, str]:
    """The plug-in packages whose rules are registered ({name: version}); loads them first."""
    return dict(load_plugins())
