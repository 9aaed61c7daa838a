"""Stage 3, align: source sentences paired with target segments.

Sentence alignment is Bleualign-style dynamic programming over chrF of the back-translation.

Target sentences are compared with source sentences through their English back-translation.
Allowed beads: 1-1, 1-2, 2-1, 1-0 (an addition) and 0-1 (an omission). A bead's value is its chrF;
leaving a sentence unaligned is worth ``skip`` (half the alignment threshold per sentence), so a
pair is only aligned when it scores above the threshold.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from mtqa.checks.base import SegmentView, SourceGap
from mtqa.config import Config
from mtqa.io.base import InputDocument
from mtqa.score import get_scorer
from mtqa.text.normalize import check_view
from mtqa.text.split import split_sentences

__all__ = ["Aligned", "Bead", "align_by_length", "align_sentences", "align_source"]

# (target sentences, source sentences) a bead may cover.
_BEADS = ((1, 1), (1, 2), (2, 1), (1, 0), (0, 1))


@dataclass(frozen=True)
class Bead:
    """Indices of the target and source sentences aligned together (either may be empty)."""

    target: tuple[int, ...]
    source: tuple[int, ...]
    score: float | None = None


# Above this many DP cells the search keeps to a band around the diagonal, so a document of
# thousands of sentences (or a 100,000-character paragraph) aligns in linear, not quadratic, time.
_MAX_CELLS = 100_000
_MIN_BAND = 25


def _dp(n: int, m: int, value: Callable[[int, int, int, int], float | None],
        beads: Sequence[tuple[int, int]], *, max_cells: int = _MAX_CELLS) -> list[Bead]:
    band = None if (n + 1) * (m + 1) <= max_cells else max(_MIN_BAND, max_cells // (2 * (n + 1)))

    def columns(i: int) -> range:
        if band is None:
            return range(m + 1)
        centre = round(i * m / n) if n else m
        return range(max(0, centre - band), min(m, centre + band) + 1)

    neg = float("-inf")
    best: dict[tuple[int, int], float] = {(0, 0): 0.0}
    back: dict[tuple[int, int], tuple[int, int, float | None]] = {}
    for i in range(n + 1):
        for j in columns(i):
            here = best.get((i, j), neg)
            if here == neg:
                continue
            for di, dj in beads:
                ni, nj = i + di, j + dj
                if ni > n or nj > m or nj not in columns(ni):
                    continue
                v = value(i, di, j, dj)
                if v is None:
                    continue
                total = here + v
                if total > best.get((ni, nj), neg):
                    best[ni, nj] = total
                    back[ni, nj] = (di, dj, v)
    out: list[Bead] = []
    i, j = n, m
    while i or j:
        step = back.get((i, j))
        if step is None:  # pragma: no cover - every cell is reachable through 1-0 / 0-1
            raise RuntimeError("alignment failed")
        di, dj, v = step
        out.append(Bead(tuple(range(i - di, i)), tuple(range(j - dj, j)), v if di and dj else None))
        i, j = i - di, j - dj
    out.reverse()
    return out


def align_sentences(backtranslations: Sequence[str], sources: Sequence[str], *,
                    similarity: Callable[[str, str], float], threshold: float,
                    upper_bound: Callable[[Sequence[str], Sequence[str]], float] | None = None) -> list[Bead]:
    """Align back-translated target sentences with source sentences (see module docstring).

    ``upper_bound(hyps, refs)``, when given, must never be below the similarity of the joined
    sentences; it lets hopeless 1-2 and 2-1 beads go unscored (the alignment is the same with or
    without it).
    """
    skip = threshold / 2.0
    cache: dict[tuple[int, int, int, int], float] = {}
    # Pruning leans on every cell being reachable, which the band of a huge document breaks.
    prune = upper_bound is not None and (len(backtranslations) + 1) * (len(sources) + 1) <= _MAX_CELLS

    def scored(i: int, di: int, j: int, dj: int) -> float:
        key = (i, di, j, dj)
        if key not in cache:
            cache[key] = similarity(" ".join(backtranslations[i:i + di]), " ".join(sources[j:j + dj]))
        return cache[key]

    def value(i: int, di: int, j: int, dj: int) -> float | None:
        if di == 0 or dj == 0:
            return skip * (di + dj)
        if prune and di + dj == 3 and upper_bound is not None:
            # A 1-1 bead plus a skip reaches the same cell from the same one; a 1-2 or 2-1 bead that
            # cannot beat it is never the best way into that cell, so leaving it out changes nothing.
            # (The margin dwarfs float rounding in the DP's sums.)
            other = (scored(i, 1, j, 1), scored(i, 1, j + 1, 1)) if di == 1 else (scored(i, 1, j, 1),
                                                                                  scored(i + 1, 1, j, 1))
            bound = upper_bound(backtranslations[i:i + di], sources[j:j + dj])
            if bound < max(other) + skip - 1e-6:
                return None
        return scored(i, di, j, dj)

    return _dp(len(backtranslations), len(sources), value, _BEADS)


def align_by_length(left: Sequence[str], right: Sequence[str], *, ratio: float = 1.0) -> list[Bead]:
    """Align two sentence lists that translate each other without gaps (every sentence is used),
    preferring beads whose character lengths agree (Gale–Church style); ``ratio`` is the expected
    len(right) / len(left)."""
    left_sum, right_sum = _prefix_lengths(left), _prefix_lengths(right)

    def value(i: int, di: int, j: int, dj: int) -> float:
        if di == 0 or dj == 0:
            return -2.0  # a sentence left out: only when the counts differ more than 3:1
        a = (left_sum[i + di] - left_sum[i]) * ratio
        b = right_sum[j + dj] - right_sum[j]
        penalty = 0.0 if (di, dj) == (1, 1) else 0.15
        return 1.0 - abs(a - b) / max(a, b, 1.0) - penalty

    return _dp(len(left), len(right), value, ((1, 1), (1, 2), (2, 1), (1, 3), (3, 1), (1, 0), (0, 1)))


def _prefix_lengths(texts: Sequence[str]) -> list[int]:
    out = [0]
    for text in texts:
        out.append(out[-1] + len(text))
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
    src_sents: list[tuple[int, str]] = []
    src_unit: list[int] = []  # the unit of each source sentence (units may share a line)
    for k, u in enumerate(source.units):
        # (split where the check view splits: "３.５%" is one number, not two sentences)
        for sent in split_sentences(check_view(u.text, invisible=False), "en"):
            src_sents.append((u.line, u.text[sent.start:sent.end]))
            src_unit.append(k)
    n = len(segments)
    result_src: list[str | None] = [None] * n
    result_lines: list[tuple[int, ...]] = [()] * n
    unaligned: list[SourceGap] = []
    if len(source.units) == len(target.units):
        src_by_unit: dict[int, list[int]] = {}
        for j, k in enumerate(src_unit):
            src_by_unit.setdefault(k, []).append(j)
        tgt_by_unit: dict[int, list[int]] = {}
        for s in segments:
            tgt_by_unit.setdefault(s.unit, []).append(s.index)
        groups = [(tgt_by_unit.get(k, []), src_by_unit.get(k, [])) for k in range(len(source.units))]
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
