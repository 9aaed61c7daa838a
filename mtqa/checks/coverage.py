"""Coverage: a unit of the input without a translation is a finding, never a silent skip.

The readers of unit-based formats (XLIFF, TMX, PO, TSV, JSONL) keep every unit; those whose target is
empty or missing are :attr:`mtqa.io.InputDocument.untranslated`. They have no sentence, so no segment for
a check to point at: the pipeline turns each into a flag through :func:`untranslated_flags`, with the
metadata (and any configured severity, or ``disable``) of the rule registered here.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Sequence
from typing import Protocol

from mtqa.checks.base import REGISTRY, Context, Finding, check
from mtqa.config import Config
from mtqa.types import Flag

__all__ = ["RULE_ID", "untranslated_flags"]

RULE_ID = "untranslated-unit"


class Unit(Protocol):
    """What this rule reads of an untranslated unit (:class:`mtqa.io.base.Unit` has it): a protocol,
    so that the rules' layer does not import the readers' (tests/project/test_layering.py)."""

    @property
    def line(self) -> int: ...
    @property
    def unit_id(self) -> str | None: ...
    @property
    def source(self) -> str | None: ...


@check(RULE_ID, category="untranslated", severity="major", scope="document")
def untranslated_unit(ctx: Context) -> Iterator[Finding]:
    """A translation unit has no target text: its target is empty or missing.

    XLIFF units with an empty or absent <target>, TMX units without an Arabic variant, PO entries with
    an empty msgstr, TSV and JSONL rows with an empty target. Reported at the unit's line with its id
    and source, so that an untranslated unit is seen by a reviewer instead of disappearing from the
    report. With the rule disabled, the units are listed in a document note instead.
    """
    # Nothing to find among segments: these units have none. The pipeline reports them
    # (untranslated_flags); the registration gives the rule its id, metadata and configuration.
    return iter(())


def _fingerprint(unit: Unit) -> str:
    # The phrase is empty for every such unit: the unit id and source tell one from another.
    key = "|".join([RULE_ID, unit.unit_id or "", " ".join((unit.source or "").split())])
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:20]


def untranslated_flags(units: Sequence[Unit], config: Config) -> tuple[list[Flag], list[str]]:
    """One flag per untranslated unit, or (the rule disabled) one note naming them."""
    from mtqa.checks.runner import enabled_rules

    if not units:
        return [], []
    rule = REGISTRY[RULE_ID]
    if rule not in enabled_rules(config):
        listed = ", ".join(u.unit_id or f"line {u.line}" for u in units[:10]) + (" …" if len(units) > 10 else "")
        return [], [f"{len(units)} unit(s) with an empty or missing target not flagged ({RULE_ID} is disabled): "
                    + listed]
    severity = config.severity.get(rule.id) or config.severity.get(rule.category) or rule.severity
    flags = [
        Flag(line=u.line, start=0, end=0, text="", rule=rule.id, category=rule.category, severity=severity,
             message="untranslated unit: the target is empty or missing",
             evidence={"source": u.source} if u.source else {}, unit_id=u.unit_id,
             fingerprint=_fingerprint(u))
        for u in units
    ]
    return flags, []
