"""Stage 6, assemble: a document's segments, scores and flags become its :class:`~mtqa.DocumentResult`;
a long document is cut into windows of paragraphs and their results merged back into one."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from mtqa.checks.base import SegmentView, SourceGap
from mtqa.config import Config
from mtqa.document import Document
from mtqa.io.base import InputDocument
from mtqa.pipeline.check import check_document
from mtqa.pipeline.score import corpus_scores, score_segments
from mtqa.quality import quality_score
from mtqa.text.normalize import written_end
from mtqa.types import DocumentResult, Flag, SegmentResult

__all__ = ["assemble", "merge_windows", "windows"]


def assemble(*, target: InputDocument, source: InputDocument | None, segments: list[SegmentView],
             unaligned: list[SourceGap], config: Config, backtranslation_path: str | None,
             notes: Sequence[str], has_bt: bool) -> DocumentResult:
    """Score, run the checks and build the document result."""
    scored = score_segments(segments)
    flags, errors, check_notes = check_document(target=target, segments=scored, unaligned=unaligned,
                                                has_source=source is not None, has_bt=has_bt, config=config)
    results = tuple(
        SegmentResult(
            line=s.line, start=s.start, end=s.end, target=s.written_text, index=s.index, unit_id=s.unit_id,
            source=s.source_written if s.source_written is not None else s.source, source_lines=s.source_lines,
            backtranslation=s.bt_text,
            roundtrip=s.roundtrip, scores=dict(s.scores), errors=tuple(errors.get(s.index, ())),
            notes=s.backtranslation.notes if s.backtranslation is not None else (),
            support=_word_support(s),
        )
        for s in scored
    )
    doc_scores, quality = _document_totals(results, flags, config)
    return DocumentResult(
        target_path=target.path, source_path=source.path if source else None,
        backtranslation_path=backtranslation_path, scores=doc_scores, segments=results,
        all_flags=tuple(flags), quality=quality, notes=(*notes, *check_notes), fail_on=config.fail_on,
    )


def _word_support(seg: SegmentView) -> tuple[dict[str, Any], ...]:
    """Each source word's support for the report (empty without a model's scores)."""
    support = seg.support
    if support is None:
        return ()
    # the words as the source writes them ("arr\u00adived", read "arrived ")
    view = seg.source or ""
    written = seg.source_written if seg.source_written is not None else view
    out = []
    for w in support.words:
        end = written_end(view, written, w.start, w.end)
        out.append({"word": written[w.start:end], "start": w.start, "end": end, "logprob": round(w.logprob, 4),
                    "pieces": w.pieces, "deficit": round(support.deficit(w), 4),
                    "arabic_span": list(w.arabic) if w.arabic else None})
    return tuple(out)


def _document_totals(segments: Sequence[SegmentResult], flags: Sequence[Flag],
                     config: Config) -> tuple[dict[str, float | None], dict[str, Any]]:
    """Corpus scores over the segments with a back-translation and a source, and the quality score."""
    words = sum(len(s.target.split()) for s in segments)
    return corpus_scores(segments), quality_score(flags, words=words, threshold=config.thresholds.quality)


def windows(doc: Document, size: int) -> list[Document] | None:
    """Consecutive slices of a document longer than ``size`` units; None for a shorter one, or when
    its source has a different number of paragraphs (alignment then needs the whole document)."""
    units = doc.target.units
    if len(units) <= size or (doc.source is not None and len(doc.source.units) != len(units)):
        return None
    out = []
    starts = [units[i].line for i in range(0, len(units), size)]
    for k, i in enumerate(range(0, len(units), size)):
        # each untranslated unit goes with the window whose lines it falls among, so it is reported once
        low = starts[k] if k else -1
        high = starts[k + 1] if k + 1 < len(starts) else None
        untranslated = tuple(u for u in doc.target.untranslated
                             if u.line >= low and (high is None or u.line < high))
        tgt = replace(doc.target, units=units[i:i + size], untranslated=untranslated)
        src = replace(doc.source, units=doc.source.units[i:i + size]) if doc.source is not None else None
        bt = doc.backtranslation[i:i + size] if doc.backtranslation is not None else None
        out.append(doc._evolve(target=tgt, source=src, backtranslation=bt,
                               notes=doc.notes if i == 0 else (), errors=doc.errors if i == 0 else ()))
    return out


def merge_windows(parts: Sequence[DocumentResult], config: Config, notes: Sequence[str] = ()) -> DocumentResult:
    """One document result from the results of consecutive windows of its units.

    Segment indices are renumbered across windows; scores and quality are recomputed over the
    whole document, so only document-level checks (which saw one window each) can differ from an
    unwindowed run.
    """
    segments: list[SegmentResult] = []
    flags: list[Flag] = []
    for part in parts:
        offset = len(segments)
        segments.extend(replace(s, index=s.index + offset) for s in part.segments)
        flags.extend(f if f.segment is None else replace(f, segment=f.segment + offset) for f in part.all_flags)
    doc_scores, quality = _document_totals(segments, flags, config)
    first = parts[0]
    return DocumentResult(
        target_path=first.target_path, source_path=first.source_path,
        backtranslation_path=first.backtranslation_path, scores=doc_scores, segments=tuple(segments),
        all_flags=tuple(flags), quality=quality, fail_on=config.fail_on,
        notes=tuple(dict.fromkeys([*(n for p in parts for n in p.notes), *notes])),
    )
