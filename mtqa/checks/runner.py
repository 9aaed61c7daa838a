"""Runs the enabled checks over a document and turns findings into flags."""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterable

from mtqa.checks.base import REGISTRY, Context, Finding, Rule, SegmentView
from mtqa.config import Config
from mtqa.errors import MtqaError
from mtqa.text.normalize import normalize_ar
from mtqa.types import Flag, severity_rank

__all__ = ["enabled_rules", "run_checks"]

log = logging.getLogger(__name__)
_CONTEXT_CHARS = 60


def enabled_rules(config: Config) -> list[Rule]:
    """Rules in registry order, honouring ``enable``/``disable`` (rule ids or categories)."""
    from mtqa import checks  # noqa: F401  (registers every rule)

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
        if rule.scope == "document":
            try:
                found = [(f.segment, f) for f in rule.func(ctx)]
            except MtqaError:
                raise  # bad input a check loads (a termbase row, say) is the user's to fix, not a check bug
            except Exception as exc:  # noqa: BLE001 - one broken check must not sink the run
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
                except Exception as exc:  # noqa: BLE001
                    log.exception("check %s failed on segment %d", rule.id, seg.index)
                    errors.setdefault(seg.index, []).append(f"check {rule.id} failed: {exc!r}")
                    continue
                flags.extend(_to_flag(rule, seg, f, ctx.config) for f in found_seg)
    # The model's forced-decoding evidence weighs the back-translation findings (mtqa/checks/support.py).
    from mtqa.checks.support import weigh_findings

    return dedupe(weigh_findings(flags, ctx)), errors


def _to_flag(rule: Rule, seg: SegmentView, finding: Finding, config: Config) -> Flag:
    text_len = seg.end - seg.start
    start = max(0, min(finding.start, text_len))
    end = max(start, min(finding.end, text_len))
    abs_start, abs_end = seg.start + start, seg.start + end
    line = seg.line_text
    severity = config.severity.get(rule.id) or config.severity.get(rule.category) or finding.severity or rule.severity
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


def fingerprint(rule: str, text: str, before: str, after: str) -> str:
    """Stable across edits elsewhere in the file: the rule, the phrase and two words either side."""
    key = "|".join([rule, normalize_ar(text), " ".join(normalize_ar(before).split()[-2:]),
                    " ".join(normalize_ar(after).split()[:2])])
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:20]


def dedupe(flags: Iterable[Flag]) -> list[Flag]:
    """Sorted by position; an identical span flagged twice by one rule is kept once (most severe)."""
    best: dict[tuple[int, int, int, str], Flag] = {}
    for f in flags:
        key = (f.line, f.start, f.end, f.rule)
        if key not in best or severity_rank(f.severity) > severity_rank(best[key].severity):
            best[key] = f
    return sorted(best.values(), key=lambda f: (f.line, f.start, f.end, f.rule))
