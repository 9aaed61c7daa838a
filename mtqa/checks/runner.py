"""Runs the enabled checks over a document and turns findings into flags."""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterable, Mapping
from dataclasses import replace
from typing import Any

from mtqa.checks.base import REGISTRY, Context, Finding, Rule, SegmentView
from mtqa.config import Config
from mtqa.errors import MtqaError
from mtqa.text.normalize import normalize_ar, written_end
from mtqa.types import Flag, Severity, severity_rank

__all__ = ["enabled_rules", "run_checks"]

log = logging.getLogger(__name__)
_CONTEXT_CHARS = 60


def enabled_rules(config: Config) -> list[Rule]:
    """Rules in registry order, honouring ``enable``/``disable`` (rule ids or categories)."""
    from mtqa.checks import rules

    rules()  # registers every rule, plug-ins included
    unknown = [name for name in (*config.enable, *config.disable, *config.severity)
               if name not in REGISTRY and not any(r.category == name for r in REGISTRY.values())]
    if unknown:
        from mtqa.errors import ConfigError

        raise ConfigError(f"unknown rule or category {', '.join(sorted(unknown))!s}; see `mtqa rules`",
                          key="enable/disable/severity")
    out = []
    for rule in REGISTRY.values():
        on = rule.default_enabled or rule.id in config.enable or rule.category in config.enable
        if rule.id in config.disable or rule.category in config.disable:
            on = False
        if on:
            out.append(rule)
    return out


def run_checks(ctx: Context, *, has_bt: bool) -> tuple[list[Flag], dict[int, list[str]]]:
    """All flags, sorted by position, and per-segment errors (a failing check never stops the run)."""
    flags: list[Flag] = []
    errors: dict[int, list[str]] = {}
    for rule in enabled_rules(ctx.config):
        if not rule.applies(has_source=ctx.has_source, has_bt=has_bt):
            continue
        ctx.rule = rule  # what ctx.param() reads
        if rule.scope == "document":
            try:
                found = [(f.segment, f) for f in rule.func(ctx)]
            except MtqaError:
                raise  # bad input a check loads (a termbase row, say) is the user's to fix, not a check bug
            except Exception as exc:
                log.exception("check %s failed", rule.id)
                first = ctx.segments[0].index if ctx.segments else 0
                errors.setdefault(first, []).append(f"check {rule.id} failed on this document: {exc!r}")
                continue
            for seg_index, finding in found:
                if seg_index is None:
                    raise ValueError(f"document check {rule.id} returned a finding without a segment")
                flags.append(_to_flag(rule, ctx.segments[seg_index], finding, ctx.config))
        else:
            for seg in ctx.segments:
                try:
                    found_seg = list(rule.func(seg, ctx))
                except MtqaError:
                    raise
                except Exception as exc:
                    log.exception("check %s failed on segment %d", rule.id, seg.index)
                    errors.setdefault(seg.index, []).append(f"check {rule.id} failed: {exc!r}")
                    continue
                flags.extend(_to_flag(rule, seg, f, ctx.config) for f in found_seg)
    ctx.rule = None
    # The model's forced-decoding evidence weighs the back-translation findings first (mtqa/checks/support.py);
    # confidence and corroboration then see the weighed severities.
    from mtqa.checks.support import weigh_findings

    units = {s.index: s.unit for s in ctx.segments}
    flags = [with_confidence(f) for f in merge_same_kind(dedupe(weigh_findings(flags, ctx), units), units)]
    return [with_confidence(f) for f in corroborate(flags, ctx.config)], errors


def _to_flag(rule: Rule, seg: SegmentView, finding: Finding, config: Config) -> Flag:
    text_len = seg.end - seg.start
    start = max(0, min(finding.start, text_len))
    end = max(start, min(finding.end, text_len))
    abs_start, abs_end = seg.start + start, seg.start + end
    line = seg.written_line  # the checks read the check view; the flag quotes the line as written
    if seg.original_line is not None:
        finding = _as_written(finding, seg)
        abs_end = written_end(seg.line_text, line, abs_start, abs_end, limit=seg.end)
    signal = finding.evidence.get("signal") if finding.evidence else None
    severity = (_configured(config, rule.id, finding.category or rule.category) or finding.severity
                or rule.severity_of(signal))
    before = line[max(0, abs_start - _CONTEXT_CHARS):abs_start]
    after = line[abs_end:abs_end + _CONTEXT_CHARS]
    return Flag(
        line=seg.line,
        start=abs_start,
        end=abs_end,
        text=line[abs_start:abs_end],
        rule=rule.id,
        category=finding.category or rule.category,
        severity=severity,
        message=finding.message,
        evidence=dict(finding.evidence),
        suggestion=finding.suggestion,
        segment=seg.index,
        unit_id=seg.unit_id,
        before=before,
        after=after,
        fingerprint=fingerprint(rule.id, line[abs_start:abs_end], before, after),
    )


def _as_written(finding: Finding, seg: SegmentView) -> Finding:
    """The finding's message, suggestion and evidence without the tatweel the check view put for an
    invisible character (they quote the view: «كن\u200cيا» was read «كنـيا»), when the line has none
    of its own."""
    if "\u0640" in seg.written_line or "\u0640" not in seg.line_text:
        return finding

    def plain(value: Any) -> Any:
        if isinstance(value, str):
            return value.replace("\u0640", "")
        if isinstance(value, list | tuple):
            return type(value)(plain(v) for v in value)
        if isinstance(value, dict):
            return {k: plain(v) for k, v in value.items()}
        return value

    return replace(finding, message=plain(finding.message), suggestion=plain(finding.suggestion),
                   evidence=plain(dict(finding.evidence)) if finding.evidence else finding.evidence)


def _configured(config: Config, rule: str, category: str) -> Severity | None:
    """A severity the configuration sets for this rule or category (it overrides every default)."""
    return config.severity.get(rule) or config.severity.get(category)


def fingerprint(rule: str, text: str, before: str, after: str) -> str:
    """Stable across edits elsewhere in the file: the rule, the phrase and two words either side."""
    key = "|".join([rule, normalize_ar(text), " ".join(normalize_ar(before).split()[-2:]),
                    " ".join(normalize_ar(after).split()[:2])])
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:20]


def _unit(f: Flag, units: Mapping[int, int] | None) -> int | None:
    """The flag's unit (segment index → unit ordinal): units of a one-line XLIFF file share a line."""
    return units.get(f.segment) if units is not None and f.segment is not None else None


def dedupe(flags: Iterable[Flag], units: Mapping[int, int] | None = None) -> list[Flag]:
    """Sorted by position; an identical span flagged twice by one rule is kept once (most severe).
    ``units`` (segment index → unit) keeps apart the same span of two units that share a line."""
    best: dict[tuple[int, int | None, int, int, str], Flag] = {}
    for f in flags:
        key = (f.line, _unit(f, units), f.start, f.end, f.rule)
        if key not in best or severity_rank(f.severity) > severity_rank(best[key].severity):
            best[key] = f
    return sorted(best.values(), key=lambda f: (f.line, f.start, f.end, f.rule))


def _overlap(a: Flag, b: Flag) -> bool:
    if a.line != b.line:
        return False
    if a.start == a.end or b.start == b.end:  # a point (an omission) touches the span it lies in
        return a.start <= b.end and b.start <= a.end
    return a.start < b.end and b.start < a.end


def _rank(f: Flag) -> tuple[int, float, int, int]:
    """Which of overlapping same-kind flags speaks for them: the most severe, the most confident,
    the rule that can say most (its corroborated severity), the most precise (shortest span)."""
    rule = REGISTRY.get(f.rule)
    top = severity_rank(rule.corroborated) if rule is not None and rule.corroborated else 0
    return severity_rank(f.severity), f.confidence or 0.0, top, -(f.end - f.start)


def merge_same_kind(flags: list[Flag], units: Mapping[int, int] | None = None) -> list[Flag]:
    """One flag per span and kind: overlapping flags of one category become the strongest of them,
    carrying the others' rules and messages in ``evidence["also"]``. Flags of two units that share
    a line (``units``: segment index → unit) are never merged."""
    out: list[Flag] = []
    by_line: dict[tuple[int, int | None], list[Flag]] = {}
    for f in flags:
        by_line.setdefault((f.line, _unit(f, units)), []).append(f)
    for line_flags in by_line.values():
        groups: list[list[Flag]] = []
        for f in line_flags:
            hits = [g for g in groups if g[0].category == f.category and any(_overlap(f, o) for o in g)]
            if not hits:
                groups.append([f])
                continue
            keep = hits[0]
            keep.append(f)
            for g in hits[1:]:  # f bridges two groups: they are one now
                keep.extend(g)
                groups.remove(g)
        for g in groups:
            if len(g) == 1:
                out.append(g[0])
                continue
            best = max(g, key=_rank)
            also = [{"rule": o.rule, "message": o.message, "text": o.text} for o in g if o is not best]
            out.append(replace(best, evidence={**best.evidence, "also": also}))
    return sorted(out, key=lambda f: (f.line, f.start, f.end, f.rule))


#: A flag confirms another only when flags like it are right this often on their own (calibrated
#: confidence): two weak signals that fire together on clean copy are no evidence.
CONFIRM_MIN = 0.4


def _confirms(rule: str) -> bool:
    from mtqa.calibration import rule_confidence

    p = rule_confidence(rule)
    return p is not None and p >= CONFIRM_MIN


#: Kinds of flag that say nothing about meaning: they do not confirm another rule's flag (an unknown
#: word is also an unknown name, a misspelling, a spacing slip).
#: How ``corroborated_by`` names the model's source support when it confirms a flag.
MODEL_SUPPORT = "source-support"
_NOT_INDEPENDENT = frozenset({"spelling", "name", "punctuation", "grammar"})


def corroborate(flags: list[Flag], config: Config) -> list[Flag]:
    """Mark flags that another rule confirms (an independent second signal on the same span) and
    raise them to their rule's ``corroborated`` severity, unless the configuration fixes it.

    A rule's flag of the same kind, merged into this one (``evidence["also"]``), always confirms;
    a flag of another kind on the span confirms only rules that declare ``corroborated_by="any"``
    (a non-word where the meaning also diverges is a garble; a negation next to a misspelling is
    not thereby a flipped negation)."""
    out = []
    for f in flags:
        same = {a["rule"] for a in f.evidence.get("also", ()) if a["rule"] != f.rule and _confirms(a["rule"])}
        other = {o.rule for o in flags if o is not f and o.rule != f.rule and _overlap(f, o)
                 and o.category not in _NOT_INDEPENDENT and (o.confidence or 0.0) >= CONFIRM_MIN}
        rule = REGISTRY.get(f.rule)
        confirming = same | (other if rule is not None and rule.corroborated_by == "any" else set())
        # The model's forced decoding finds the source words unsupported (mtqa/checks/support.py): a
        # signal independent of every string comparison, so it confirms any rule.
        if f.evidence.get("support", {}).get("verdict") == "confirmed":
            confirming.add(MODEL_SUPPORT)
        if not confirming:
            out.append(f)
            continue
        severity = f.severity
        if (rule is not None and rule.corroborated and not _configured(config, f.rule, f.category)
                and severity_rank(rule.corroborated) > severity_rank(severity)):
            severity = rule.corroborated
        out.append(replace(f, severity=severity, evidence={**f.evidence, "corroborated_by": sorted(confirming)}))
    return out


def with_confidence(flag: Flag) -> Flag:
    """The flag with its measured confidence (mtqa/data/calibration.json), when calibrated."""
    from mtqa.calibration import confidence_of

    return replace(flag, confidence=confidence_of(flag))
