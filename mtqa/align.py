"""Sentence alignment: Bleualign-style dynamic programming over chrF of the back-translation.

Target sentences are compared with source sentences through their English back-translation.
Allowed beads: 1-1, 1-2, 2-1, 1-0 (an addition) and 0-1 (an omission). A bead's value is its chrF;
leaving a sentence unaligned is worth ``skip`` (half the alignment threshold per sentence), so a
pair is only aligned when it scores above the threshold.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

__all__ = ["Bead", "align_by_length", "align_sentences"]

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
