"""The stages in order, one module each, and :func:`run`, the one place that strings them together.

1. :mod:`~mtqa.pipeline.segment` — a document's units split into sentences;
2. :mod:`~mtqa.pipeline.backtranslate` — the model's English, the round trip, the source's support;
3. :mod:`~mtqa.pipeline.align` — source sentences paired with target segments;
4. :mod:`~mtqa.pipeline.score` — chrF, BLEU and TER with their signatures;
5. :mod:`~mtqa.pipeline.check` — the rules;
6. :mod:`~mtqa.pipeline.assemble` — the document's result (and windows of a long document).

Each stage is a plain function over plain data, so it can be tested and swapped on its own.
:class:`mtqa.Checker` is the front door: it holds the models, caches and configuration, streams
documents in batches and calls :func:`run` on each batch.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from typing import Any

from mtqa.checks.base import SegmentView, SourceGap
from mtqa.config import Config
from mtqa.document import Document
from mtqa.pipeline.align import align_source
from mtqa.pipeline.assemble import assemble, merge_windows, windows
from mtqa.pipeline.backtranslate import model_backtranslations, roundtrip, source_support
from mtqa.pipeline.segment import attach_backtranslations, distribute_line_backtranslations, segment_document
from mtqa.text.normalize import check_view
from mtqa.translate.base import Translator, can_score
from mtqa.types import DocumentResult

__all__ = ["Models", "merge_windows", "run", "segment_document", "windows"]

#: Loads the back-translation models on first need: ``load(need_reverse=...) -> (ar→en, en→ar)``,
#: either None when unavailable. The pipeline never loads a model a batch does not need.
Models = Callable[..., tuple[Translator | None, Translator | None]]


def run(batch: Sequence[Document], *, config: Config, models: Models,
        model_status: Callable[[], Mapping[str, Any]]) -> list[DocumentResult]:
    """Check a batch of readable documents: every stage, in order; one result per document, in order.

    ``model_status`` says why there is no model when a document needs one and none loaded (the note
    its result carries).
    """
    segmented = [segment_document(d.target) for d in batch]
    need_model = [d.backtranslation is None for d in batch]
    need_reverse = any(need_model[k] and d.source is None for k, d in enumerate(batch))
    forward, reverse = models(need_reverse=need_reverse) if any(need_model) else (None, None)
    model_bt = model_backtranslations(segmented, need_model, forward) if forward is not None else {}
    prepared: list[tuple[list[SegmentView], list[str], list[SourceGap]]] = []
    for k, doc in enumerate(batch):
        segs = segmented[k]
        notes: list[str] = list(doc.notes)
        if doc.backtranslation is not None:
            segs = attach_backtranslations(
                segs, distribute_line_backtranslations(segs, doc.target, doc.backtranslation), from_model=False)
        elif forward is not None:
            segs = attach_backtranslations(segs, [model_bt[(k, s.index)] for s in segs], from_model=True)
            if doc.source is None and reverse is not None:
                segs = roundtrip(segs, reverse)
        else:  # one line here; the full explanation is the report's model.message
            message = str(model_status().get("message") or "no model").strip()
            notes.append("back-translation off: " + message.split("\n", 1)[0])
        unaligned: list[SourceGap] = []
        if doc.source is not None:
            aligned = align_source(segs, doc.source, config, doc.target)
            segs = [_with_source(s, aligned.source[s.index], aligned.source_lines[s.index]) for s in segs]
            unaligned = aligned.unaligned
        prepared.append((segs, notes, unaligned))
    if forward is not None and support_on(config, forward):
        supported = source_support([segs for segs, _, _ in prepared], forward, config)
        prepared = [(segs, notes, unaligned) for segs, (_, notes, unaligned) in zip(supported, prepared, strict=True)]
    results = []
    for doc, (segs, notes, unaligned) in zip(batch, prepared, strict=True):
        has_bt = any(s.backtranslation is not None and s.bt_text for s in segs)
        result = assemble(target=doc.target, source=doc.source, segments=segs, unaligned=unaligned,
                          config=config, backtranslation_path=doc.backtranslation_path,
                          notes=notes, has_bt=has_bt)
        if doc.errors and result.segments:  # document-level errors fail the run via the first segment
            first = result.segments[0]
            result = replace(result, segments=(replace(first, errors=(*doc.errors, *first.errors)),
                                               *result.segments[1:]))
        results.append(result)
    return results


def _with_source(seg: SegmentView, source: str | None, lines: tuple[int, ...]) -> SegmentView:
    """The segment with its aligned source, which the checks read as its check view (as they read
    the Arabic: a soft hyphen in "bil\u00adlion" must not hide the scale word); the report quotes it
    as written."""
    view = check_view(source) if source else source
    return replace(seg, source=view, source_lines=lines, source_written=source if view != source else None)


def support_on(config: Config, forward: Translator | None) -> bool:
    """Source support is computed when configured and the back-translator can score."""
    return config.support and forward is not None and can_score(forward)
