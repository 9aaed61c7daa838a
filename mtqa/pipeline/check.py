"""Stage 5, check: every enabled rule over the document's segments, and the units left untranslated."""

from __future__ import annotations

from collections.abc import Sequence

from mtqa.checks.base import Context, SegmentView, SourceGap
from mtqa.checks.coverage import untranslated_flags
from mtqa.checks.runner import run_checks
from mtqa.config import Config
from mtqa.io.base import InputDocument
from mtqa.types import Flag

__all__ = ["check_document"]


def check_document(*, target: InputDocument, segments: Sequence[SegmentView], unaligned: Sequence[SourceGap],
                   has_source: bool, has_bt: bool, config: Config,
                   ) -> tuple[list[Flag], dict[int, list[str]], list[str]]:
    """(flags, errors of rules that raised, by segment index, notes) for one document."""
    ctx = Context(config=config, segments=list(segments), unaligned_source=list(unaligned), has_source=has_source)
    flags, errors = run_checks(ctx, has_bt=has_bt)
    if config.min_confidence > 0:
        flags = [f for f in flags if f.confidence is None or f.confidence >= config.min_confidence]
    # Units without a translation have no segment: reported here so that every unit is accounted for.
    missing, notes = untranslated_flags(target.untranslated, config)
    if missing:
        flags = sorted([*flags, *missing], key=lambda f: (f.line, f.start, f.end, f.rule))
    return flags, errors, list(notes)
