"""Termbase checks: a forbidden rendering used, or a source term rendered off its preferred form."""

from __future__ import annotations

from collections.abc import Iterator

from mtqa.checks.base import Context, Finding, SegmentView, check
from mtqa.lang.terms import Term, find_rendering
from mtqa.text.normalize import normalize_ar, strip_clitics
from mtqa.text.tokenize import tokenize

__all__: list[str] = []


def _partial_span(term: Term, text: str) -> tuple[int, int] | None:
    """Best guess at where a multi-word term was rendered off its preferred form: a target word
    that one preferred rendering shares (its head, «المحكمة» of «المحكمة العامة») with as many
    words after it as the rendering has."""
    toks = [t for t in tokenize(text) if t.kind == "ar"]
    for rendering in term.preferred:
        words = [normalize_ar(w) for w in rendering.split()]
        if len(words) < 2:
            continue
        for k, word in enumerate(words):
            stems = {s for s in strip_clitics(word)}
            for i, tok in enumerate(toks):
                if stems & set(strip_clitics(normalize_ar(tok.text))):
                    lo, hi = i - k, i - k + len(words) - 1
                    if lo >= 0 and hi < len(toks):
                        return toks[lo].start, toks[hi].end
    return None


@check("terminology", category="terminology", severity="minor", needs=("source",))
def terminology(seg: SegmentView, ctx: Context) -> Iterator[Finding]:
    """A source term rendered with a forbidden form, or off its preferred form.

    Source terms come from the termbase (the shipped wire-copy list unless ``default_termbase =
    false``, plus ``termbases``). A forbidden rendering in the target sentence («نقطة مئوية» for
    "basis points», «مطابخ حقلية» for "field kitchens") is major; a multi-word term whose preferred
    rendering is absent while part of it is present («المحكمة الجنرال» for "General Court") is
    minor, flagged on that best-guess span. The suggestion is the preferred rendering.
    """
    if not seg.source:
        return
    seen: set[tuple[int, int]] = set()
    for term, s_start, s_end in ctx.source_terms(seg.source):
        source_term = seg.source[s_start:s_end]
        suggestion = term.preferred[0] if term.preferred else None
        forbidden = [span for f in term.forbidden for span in find_rendering(f, seg.text)]
        for start, end in forbidden:
            if (start, end) in seen:
                continue
            seen.add((start, end))
            yield Finding(start, end, f"«{seg.text[start:end]}» is a wrong rendering of “{source_term}”"
                          + (f"; use «{suggestion}»" if suggestion else ""), severity="major",
                          suggestion=suggestion, evidence={"term": term.source, "origin": term.origin})
        if forbidden or not term.preferred:
            continue
        if any(find_rendering(p, seg.text) for p in term.preferred):
            continue
        span = _partial_span(term, seg.text)
        if span is None or span in seen:
            continue
        seen.add(span)
        yield Finding(span[0], span[1], f"“{source_term}” is usually rendered «{suggestion}», not "
                      f"«{seg.text[span[0]:span[1]]}»", suggestion=suggestion,
                      evidence={"term": term.source, "preferred": list(term.preferred), "origin": term.origin})
