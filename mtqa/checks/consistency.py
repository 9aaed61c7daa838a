"""One source term, two Arabic renderings in one document: the minority rendering is flagged."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from mtqa.checks.base import Context, Finding, check
from mtqa.lang.terms import find_rendering, rendering_key

__all__: list[str] = []

@dataclass(frozen=True)
class _Use:
    key: str
    variant: str
    segment: int
    start: int
    end: int


@lru_cache(maxsize=4096)
def _variant(rendering: str) -> str:
    """Identity of a rendering up to inflection: «محافظة»/«محافظات» and, with long vowels dropped,
    broken plurals «بنك»/«بنوك», «مصرف»/«مصارف» are one variant."""
    return " ".join(re.sub("[اوي]", "", w) for w in rendering_key(rendering))


def _term_uses(ctx: Context) -> list[_Use]:
    uses: list[_Use] = []
    for seg in ctx.segments:
        if not seg.source:
            continue
        for term, _, _ in ctx.source_terms(seg.source):
            found = {_variant(p): spans for p in term.preferred if (spans := find_rendering(p, seg.text))}
            if len(found) == 1:  # two renderings in one sentence: deliberate, not drift
                variant, spans = next(iter(found.items()))
                uses.append(_Use(f"term:{term.source.lower()}", variant, seg.index, *spans[0]))
    return uses


@check("inconsistent-term", category="inconsistency", severity="minor", scope="document", needs=("source",))
def inconsistent_term(ctx: Context) -> Iterator[Finding]:
    """The same source term rendered two ways in one document («البنك المركزي» / «المصرف المركزي»).

    Terms come from the termbase, each of its preferred renderings counting as one variant
    ("province" → «ولاية» / «محافظة»). (The seed lexicon was tried as a term source and dropped:
    its plural stems and verb/noun pairs read as variants.) The majority rendering wins (on a tie,
    the first one used); the others are flagged with it as suggestion.
    """
    seen: set[tuple[int, int]] = set()
    for uses in (_term_uses(ctx),):
        by_key: dict[str, list[_Use]] = {}
        for use in uses:
            by_key.setdefault(use.key, []).append(use)
        for key, group in by_key.items():
            counts = Counter(u.variant for u in group)
            if len(counts) < 2:
                continue
            top = max(counts, key=lambda v: (counts[v], -min(u.segment for u in group if u.variant == v)))
            model = next(u for u in group if u.variant == top)
            suggestion = ctx.segments[model.segment].text[model.start:model.end]
            for u in group:
                if u.variant == top or (u.segment, u.start) in seen:
                    continue
                seen.add((u.segment, u.start))
                text = ctx.segments[u.segment].text[u.start:u.end]
                yield Finding(u.start, u.end, f"«{text}» renders “{key.split(':', 1)[1]}” differently from "
                              f"«{suggestion}» used elsewhere in the document", segment=u.segment,
                              suggestion=suggestion, evidence={"variants": dict(counts)})
