"""Sentence-level additions and omissions, from the source alignment (see :mod:`mtqa.pipeline.align`).

The pipeline aligns target sentences to source sentences through their back-translations. A target
sentence that no source sentence aligned to was added (web boilerplate, a duplicated paragraph, a
hallucinated sentence); a source sentence that no target sentence took was dropped.
"""

from __future__ import annotations

from collections.abc import Iterator

from mtqa.checks._boilerplate import boilerplate_spans
from mtqa.checks.base import Context, Finding, SegmentView, check
from mtqa.text.tokenize import words

_PREVIEW = 80


@check("sentence-addition", category="addition", severity="major", needs=("source",), corroborated="major")
def sentence_addition(seg: SegmentView, ctx: Context) -> Iterator[Finding]:
    """A target sentence with no counterpart in the source: added text.

    Only judged when the sentence alignment had back-translations to go by (otherwise every
    sentence is aligned by length). Sentences the boilerplate rule already reports are skipped.
    """
    if seg.source is not None or not seg.bt_text or not words(seg.text):
        return
    if not any(s.source is not None for s in ctx.segments):
        return  # nothing aligned at all: a wrong source file, not an addition
    if any(end - start >= len(seg.text.strip()) - 2 for start, end in boilerplate_spans(seg.text)):
        return
    yield Finding(0, len(seg.text), "this sentence has no counterpart in the source (added text?)",
                  evidence={"backtranslation": seg.bt_text})


@check("sentence-omission", category="omission", severity="major", scope="document", needs=("source",))
def sentence_omission(ctx: Context) -> Iterator[Finding]:
    """A source sentence with no counterpart in the target: dropped text.

    Reported on the word of the nearest target sentence next to where it should be (the last word
    of the sentence before it, or the first word of the sentence after it), with the omitted source
    sentence in the evidence.
    """
    by_index = {s.index: s for s in ctx.segments}
    for line, text, nearest, before in ctx.unaligned_source:
        seg = by_index.get(nearest)
        if seg is None:
            continue
        toks = words(seg.text)
        if not toks:
            continue
        after = before or (bool(seg.source_lines) and min(seg.source_lines) > line)
        tok = toks[0] if after else toks[-1]
        where = "before" if after else "after"
        preview = text if len(text) <= _PREVIEW else text[:_PREVIEW].rsplit(" ", 1)[0] + "…"
        yield Finding(tok.start, tok.end, f"source sentence missing {where} this point: “{preview}”",
                      segment=seg.index,
                      evidence={"omitted_source": text, "source_line": line, "position": where})
