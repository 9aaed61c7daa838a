"""The stages in order: segment → back-translate → align → score → check → assemble.

Each stage is a plain function over plain data so it can be tested and swapped on its own;
:class:`mtqa.Checker` strings them together and owns the models.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from mtqa.align import align_by_length, align_sentences
from mtqa.checks.base import Context, SegmentView, SourceGap
from mtqa.checks.coverage import untranslated_flags
from mtqa.checks.runner import run_checks
from mtqa.config import Config
from mtqa.io.base import InputDocument
from mtqa.quality import quality_score
from mtqa.score import get_scorer
from mtqa.text.split import split_sentences
from mtqa.translate.base import Translation
from mtqa.types import DocumentResult, Flag, SegmentResult

__all__ = ["Aligned", "align_source", "assemble", "attach_backtranslations", "merge_windows", "segment_document"]


def segment_document(doc: InputDocument) -> list[SegmentView]:
    """Every unit split into sentences; every non-empty unit yields at least one segment."""
    out: list[SegmentView] = []
    for unit in doc.units:
        for sent in split_sentences(unit.text, "ar"):
            out.append(SegmentView(index=len(out), line=unit.line, line_text=unit.text,
                                   start=sent.start, end=sent.end, unit_id=unit.unit_id))
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
        per_unit.setdefault(s.line, []).append(s.index)
    out: list[Translation | None] = [None] * len(segments)
    for unit, bt in zip(doc.units, lines, strict=True):
        idx = per_unit.get(unit.line, [])
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


@dataclass(frozen=True)
class Aligned:
    """Per segment: aligned source text and lines; plus source sentences no segment took."""

    source: list[str | None]
    source_lines: list[tuple[int, ...]]
    unaligned: list[SourceGap]


def align_source(segments: list[SegmentView], source: InputDocument, config: Config,
                 target: InputDocument) -> Aligned:
    """Align source sentences to target segments through the back-translations.

    When target and source have the same number of paragraphs, alignment stays within each
    paragraph pair (robust against long-distance mismatches); otherwise over the whole document.
    Without back-translations, sentences are aligned by length.
    """
    src_sents: list[tuple[int, str]] = [
        (u.line, s.text) for u in source.units for s in split_sentences(u.text, "en")
    ]
    n = len(segments)
    result_src: list[str | None] = [None] * n
    result_lines: list[tuple[int, ...]] = [()] * n
    unaligned: list[SourceGap] = []
    if len(source.units) == len(target.units):
        unit_index = {u.line: k for k, u in enumerate(target.units)}
        src_by_unit: dict[int, list[int]] = {}
        for j, (line, _) in enumerate(src_sents):
            src_by_unit.setdefault(line, []).append(j)
        tgt_by_unit: dict[int, list[int]] = {}
        for s in segments:
            tgt_by_unit.setdefault(unit_index[s.line], []).append(s.index)
        groups = [(tgt_by_unit.get(k, []), src_by_unit.get(unit.line, [])) for k, unit in enumerate(source.units)]
    else:
        groups = [([s.index for s in segments], list(range(len(src_sents))))]
    scorer = get_scorer()
    for tgt_idx, src_idx in groups:
        beads: list[tuple[list[int], list[int]]]
        bts = [segments[i].bt_text for i in tgt_idx]
        srcs = [src_sents[j][1] for j in src_idx]
        if not tgt_idx or not src_idx:
            beads = [([], [j]) for j in range(len(src_idx))]
        elif all(b is not None and b.strip() for b in bts):
            beads = [(list(b.target), list(b.source)) for b in align_sentences(
                [b or "" for b in bts], srcs, similarity=scorer.chrf_only, threshold=config.thresholds.align_chrf,
                upper_bound=scorer.chrf_upper_bound)]
        elif len(tgt_idx) == len(src_idx):
            beads = [([k], [k]) for k in range(len(tgt_idx))]
        else:
            beads = [(list(b.target), list(b.source)) for b in align_by_length(
                [segments[i].text for i in tgt_idx], srcs, ratio=1.1)]
        last_target = tgt_idx[0] if tgt_idx else (segments[-1].index if segments else 0)
        seen_target = False  # until a target sentence is passed, a gap precedes tgt_idx[0]
        for t_local, s_local in beads:
            if t_local:
                last_target = tgt_idx[t_local[-1]]
                seen_target = True
            if not s_local:
                continue
            text = " ".join(srcs[j] for j in s_local)
            lines = tuple(sorted({src_sents[src_idx[j]][0] for j in s_local}))
            if not t_local:
                unaligned.append(SourceGap(lines[0], text, last_target, before=bool(tgt_idx) and not seen_target))
                continue
            for ti in t_local:
                seg = tgt_idx[ti]
                result_src[seg] = text
                result_lines[seg] = lines
    unaligned = _absorb_reordered(segments, result_src, result_lines, unaligned)
    return Aligned(result_src, result_lines, unaligned)


def _absorb_reordered(segments: list[SegmentView], result_src: list[str | None],
                      result_lines: list[tuple[int, ...]], unaligned: list[SourceGap],
                      ) -> list[SourceGap]:
    """Undo gaps the sentence DP leaves when translation regroups sentences.

    A translator often moves an attribution ("…," he said) or merges a quote's two sentences into one
    target sentence; chrF, which rewards recall, then prefers a 1-1 bead plus a skipped sentence. A
    skipped source sentence whose content words mostly appear in a neighbouring segment's
    back-translation (beyond what that segment's own source explains) belongs to that segment; a
    target segment left without a source whose back-translation is mostly explained by a neighbour's
    source shares that source.
    """
    from mtqa.wordalign import content_keys

    n = len(segments)
    if not unaligned and all(src is not None for src in result_src):
        return []  # nothing to absorb: the usual case
    keys: dict[int, set[str]] = {}

    def bt_keys(k: int) -> set[str]:  # only the few segments next to a gap are looked at
        if k not in keys:
            keys[k] = content_keys(segments[k].bt_text or "")
        return keys[k]

    kept: list[SourceGap] = []
    for gap in unaligned:
        line, text, nearest = gap.line, gap.text, gap.nearest
        best, best_cover = None, 0.0
        for cand in (nearest, nearest + 1):
            if not 0 <= cand < n or result_src[cand] is None or not bt_keys(cand):
                continue
            words = content_keys(text) - content_keys(result_src[cand] or "")
            if len(words) >= 2:
                cover = len(words & bt_keys(cand)) / len(words)
                if cover > best_cover:
                    best, best_cover = cand, cover
        if best is None or best_cover < 0.5:
            kept.append(gap)
            continue
        before = bool(result_lines[best]) and line < min(result_lines[best])
        current = result_src[best] or ""
        result_src[best] = f"{text} {current}" if before else f"{current} {text}"
        result_lines[best] = tuple(sorted({*result_lines[best], line}))
    for k in range(n):
        if result_src[k] is not None or not bt_keys(k):
            continue
        for nb in (k - 1, k + 1):
            if not 0 <= nb < n or result_src[nb] is None:
                continue
            words = bt_keys(k) - bt_keys(nb)
            if len(words) >= 2 and len(words & content_keys(result_src[nb] or "")) / len(words) >= 0.5:
                result_src[k], result_lines[k] = result_src[nb], result_lines[nb]
                break
    return kept


def assemble(*, target: InputDocument, source: InputDocument | None, segments: list[SegmentView],
             unaligned: list[SourceGap], config: Config, backtranslation_path: str | None,
             notes: Sequence[str], has_bt: bool) -> DocumentResult:
    """Score, run the checks and build the document result."""
    scorer = get_scorer()
    scored: list[SegmentView] = []
    for seg in segments:
        scores: dict[str, float | None] = dict(seg.scores)
        if seg.source and seg.bt_text:
            scores.update(scorer.sentence(seg.bt_text, seg.source))
        if seg.backtranslation is not None and seg.backtranslation.mean_logprob is not None:
            scores["bt_logprob"] = round(seg.backtranslation.mean_logprob, 4)
        scored.append(replace(seg, scores=scores))
    ctx = Context(config=config, segments=scored, unaligned_source=unaligned, has_source=source is not None)
    flags, errors = run_checks(ctx, has_bt=has_bt)
    if config.min_confidence > 0:
        flags = [f for f in flags if f.confidence is None or f.confidence >= config.min_confidence]
    # Units without a translation have no segment: reported here so that every unit is accounted for.
    missing, missing_notes = untranslated_flags(target.untranslated, config)
    if missing:
        flags = sorted([*flags, *missing], key=lambda f: (f.line, f.start, f.end, f.rule))
    notes = [*notes, *missing_notes]
    results = tuple(
        SegmentResult(
            line=s.line, start=s.start, end=s.end, target=s.text, index=s.index, unit_id=s.unit_id,
            source=s.source, source_lines=s.source_lines, backtranslation=s.bt_text,
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
        all_flags=tuple(flags), quality=quality, notes=tuple(notes), fail_on=config.fail_on,
    )


def _word_support(seg: SegmentView) -> tuple[dict[str, Any], ...]:
    """Each source word's support for the report (empty without a model's scores)."""
    support = seg.support
    if support is None:
        return ()
    return tuple({"word": w.word, "start": w.start, "end": w.end, "logprob": round(w.logprob, 4),
                  "pieces": w.pieces, "deficit": round(support.deficit(w), 4),
                  "arabic_span": list(w.arabic) if w.arabic else None} for w in support.words)


def _document_totals(segments: Sequence[SegmentResult], flags: Sequence[Flag],
                     config: Config) -> tuple[dict[str, float | None], dict[str, Any]]:
    """Corpus scores over the segments with a back-translation and a source, and the quality score."""
    doc_scores: dict[str, float | None] = {}
    pairs = [(s.backtranslation, s.source) for s in segments if s.backtranslation and s.source]
    if pairs:
        doc_scores.update(get_scorer().corpus([p[0] for p in pairs], [p[1] for p in pairs]))
    words = sum(len(s.target.split()) for s in segments)
    return doc_scores, quality_score(flags, words=words, threshold=config.thresholds.quality)


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
