"""Stage 1, segment: a document's units split into sentences (the segments every later stage sees),
and back-translations given with the input distributed over them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from mtqa.checks.base import SegmentView
from mtqa.io.base import InputDocument
from mtqa.pipeline.align import align_by_length
from mtqa.text.normalize import INVISIBLE, check_view
from mtqa.text.split import split_sentences
from mtqa.translate.base import Translation

__all__ = ["attach_backtranslations", "distribute_line_backtranslations", "segment_document"]


def segment_document(doc: InputDocument) -> list[SegmentView]:
    """Every unit split into sentences; every non-empty unit yields at least one segment."""
    out: list[SegmentView] = []
    for k, unit in enumerate(doc.units):
        # The checks read the line's check view (same length, so every offset holds for the line as
        # written): an RLM between a number and its scale word or a soft hyphen inside a name must
        # not change what they find.
        view = check_view(unit.text)
        # (split where the line as written splits, so that a sentence keeps an invisible character
        # at its edge and a line of nothing else is still a segment; its digits read as digits)
        spans: list[tuple[int, int]] = []
        for sent in split_sentences(check_view(unit.text, invisible=False), "ar"):
            start = sent.start
            if spans and spans[-1][1] == start:
                # An RLM right after a full stop ends that sentence, not the next one.
                while start < sent.end and unit.text[start] in INVISIBLE:
                    start += 1
                spans[-1] = (spans[-1][0], start)
                while start < sent.end and unit.text[start].isspace():
                    start += 1
            if start < sent.end:
                spans.append((start, sent.end))
        written = unit.text if view != unit.text else None
        for start, end in spans:
            out.append(SegmentView(index=len(out), line=unit.line, line_text=view, start=start, end=end,
                                   unit_id=unit.unit_id, unit=k, original_line=written))
    return out


def attach_backtranslations(segments: list[SegmentView], translations: Sequence[Translation | None], *,
                            from_model: bool) -> list[SegmentView]:
    return [replace(s, backtranslation=t, model_bt=from_model and t is not None)
            for s, t in zip(segments, translations, strict=True)]


def distribute_line_backtranslations(segments: list[SegmentView], doc: InputDocument,
                                     lines: Sequence[str]) -> list[Translation | None]:
    """Per-unit back-translations (one per target unit) split and length-aligned to its sentences."""
    per_unit: dict[int, list[int]] = {}
    for s in segments:
        per_unit.setdefault(s.unit, []).append(s.index)
    out: list[Translation | None] = [None] * len(segments)
    for k, (_, bt) in enumerate(zip(doc.units, lines, strict=True)):
        idx = per_unit.get(k, [])
        if not idx:
            continue
        bt_sents = [s.text for s in split_sentences(bt, "en")] or [bt]
        if len(idx) == 1 or not bt.strip():
            out[idx[0]] = Translation(text=bt.strip())
            for i in idx[1:]:
                out[i] = Translation(text="")
            continue
        ar_sents = [segments[i].text for i in idx]
        for bead in align_by_length(ar_sents, bt_sents, ratio=1.2):
            text = " ".join(bt_sents[j] for j in bead.source)
            for k, ti in enumerate(bead.target):
                # several Arabic sentences sharing one English sentence: the first carries it
                out[idx[ti]] = Translation(text=text if k == 0 else "")
    return out
