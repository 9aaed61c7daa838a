"""The ``run`` signal of ``clause-omitted`` (:mod:`mtqa.checks.omission`): a contiguous run of source
content words with no rendering in the Arabic, bounded like a clause, while the rest of the line is
rendered; placed at the gap it leaves."""

from __future__ import annotations

import re
from dataclasses import dataclass

from mtqa.checks.base import Context, Finding, SegmentView
from mtqa.lang.lexicon import renderings
from mtqa.text.tokenize import Token
from mtqa.wordalign import STOPWORDS, Alignment, align_words

__all__ = ["is_content", "run_finding"]


def is_content(tok: Token) -> bool:
    """A Latin word of three letters or more that is not a stopword: a source word worth finding."""
    low = tok.text.lower()
    return tok.kind == "lat" and len(low) >= 3 and low not in STOPWORDS


# -- a clause left out: a contiguous run of source words with no rendering -------------------------
#: Clause breaks of the Arabic: where a dropped clause leaves its trace (the comma or stop that
#: closed it). A stop, colon or hyphen inside a word is none: «كوفيد-19», «سارس-كوف-2», 13:10, 7.23.
_BREAK = re.compile(r"[،,؛;!؟?\"«»()]|[.:\-–—](?!\S)|(?<!\S)[\-–—]|[–—]")


#: What sets a clause off in English: punctuation, or a conjunction, relative or preposition that
#: opens one (the words a dropped clause most often starts with).
_CUE = re.compile(r"[,;:()\u2013\u2014\"]|\s-\s|\b(?:which|who|whom|whose|while|including|but|although|though|"
                  r"whereas|where|when|and|after|before|because|since|as|with|according|said|says|that|if|"
                  r"unless|until|or)\b", re.IGNORECASE)


@dataclass(frozen=True)
class _Run:
    """A run of source content words none of which the Arabic renders, bounded by rendered ones."""

    first: int  # index into the alignment's English tokens
    last: int
    missing: tuple[str, ...]  # the words the lexicon knows (or numbers) with no rendering
    rendered_rest: int  # known source words outside the run that are rendered …
    known_rest: int  # … of this many
    left: int | None  # Arabic index of the rendered word before the run
    right: int | None  # … and after it


def _word_states(al: Alignment) -> list[str | None]:
    """Per English token: "r" rendered, "m" missing (the lexicon knows it, or a number, and nothing
    renders it), "u" unknown (a name or word the lexicon cannot judge), None a function word."""
    out: list[str | None] = []
    seen: set[tuple[str, int]] = set()
    for i, tok in enumerate(al.en):
        if tok.kind == "num":
            out.append("r" if al.anchored[i] else "m")
            continue
        if not is_content(tok):
            out.append(None)
            continue
        j = al.target[i]
        if al.anchored[i] and j is not None:
            # A repeated word anchored to the Arabic word an earlier copy of it took is rendered
            # once for two: which copy the Arabic lost cannot be told.
            key = (tok.text.lower(), j)
            out.append("u" if key in seen else "r")
            seen.add(key)
            continue
        out.append("m" if renderings(tok.text) else "u")
    return out


def _unrendered_runs(al: Alignment) -> list[_Run]:
    """The maximal runs of source content words with no rendered word among them (words the
    lexicon cannot judge may stand inside), each with one missing word at least."""
    states = _word_states(al)
    content = [i for i, s in enumerate(states) if s is not None]
    runs: list[list[int]] = []
    cur: list[int] = []
    for i in content:
        if states[i] == "r":
            if cur:
                runs.append(cur)
            cur = []
        else:
            cur.append(i)
    if cur:
        runs.append(cur)
    out = []
    for run in runs:
        missing = tuple(al.en[i].text for i in run if states[i] == "m")
        if not missing:
            continue
        inside = set(run)
        rest = [s for i, s in enumerate(states) if i not in inside and s in ("r", "m")]
        before = [i for i in content if i < run[0] and states[i] == "r"]
        after = [i for i in content if i > run[-1] and states[i] == "r"]
        out.append(_Run(run[0], run[-1], missing, rest.count("r"), len(rest),
                        al.target[before[-1]] if before else None, al.target[after[0]] if after else None))
    return out


def _gap_between(seg: SegmentView, al: Alignment, run: _Run, max_words: int) -> tuple[int, int] | None:
    """Where the run belongs in the Arabic. A run that closes the source sentence: the sentence's
    last words. Else from the Arabic word rendering the source word before it to the word after the
    first clause break that follows (a dropped clause leaves its comma or stop behind), at most
    ``max_words`` words; a run that opens the sentence: around the last break before the rendering
    of the word after it."""
    ar = al.ar
    if not ar:
        return None
    text = seg.text
    if run.right is None:
        return ar[max(len(ar) - 2, 0)].start, ar[-1].end
    if run.left is not None:
        lo = ar[run.left].end
        hi = ar[run.right].start if run.right > run.left else len(text)
        m = _BREAK.search(text, lo, hi)
        pos = m.start() if m else hi
        after = [t for t in ar if t.start >= pos]
        end = after[0].end if after else ar[-1].end
        if sum(1 for t in ar if ar[run.left].start <= t.start < end) <= max_words:
            return ar[run.left].start, end
    else:
        breaks = [m.start() for m in _BREAK.finditer(text, 0, ar[run.right].start)]
        pos = breaks[-1] if breaks else ar[run.right].start
    before = [t for t in ar if t.end <= pos]
    after = [t for t in ar if t.start >= pos]
    if not before:
        return (after[0].start, after[0].end) if after else None
    return before[-1].start, (after[0].end if after else before[-1].end)


#: The longest flag from the rendered word before a run to the break after it (a reviewer reads a
#: phrase, not a sentence).
_GAP_WORDS = 8


def run_finding(seg: SegmentView, ctx: Context, ratio: float) -> Finding | None:
    """A contiguous run of source words the Arabic does not render, the rest of the sentence well
    rendered, the Arabic shorter than its source: flagged where the run belongs.

    How much the run must hold depends on how much it looks like a clause: one the source sets off
    at both ends (a comma, a dash, "which", "who", "while", "including" …) needs two missing words,
    or one among three content words (the others names or words the lexicon cannot judge); one set
    off at one end, three missing words; a run with no clause shape, two, and the line as short as
    ``short_ratio`` (paraphrase leaves scattered words unrendered, rarely a whole clause).
    """
    assert seg.source is not None
    if ratio >= ctx.param("run_ratio"):
        return None
    al = align_words(seg.text, seg.source)
    best: tuple[tuple[int, int], _Run] | None = None
    for run in _unrendered_runs(al):
        if run.known_rest < 3 or run.rendered_rest / run.known_rest < ctx.param("run_rest"):
            continue
        starts, ends = _clause_bounded(seg.source, al, run)
        size = sum(1 for t in al.en[run.first:run.last + 1] if is_content(t) or t.kind == "num")
        if len(run.missing) < 2 and not (starts and ends and size >= 3):  # one word: paraphrase
            continue
        if not (ratio < ctx.param("short_ratio") or (starts and ends)
                or ((starts or ends) and len(run.missing) >= ctx.param("run_missing"))):
            continue
        key = (starts + ends, len(run.missing))
        if best is None or key > best[0]:
            best = key, run
    if best is None:
        return None
    run = best[1]
    span = _gap_between(seg, al, run, _GAP_WORDS)
    if span is None:
        return None
    src_lo, src_hi = al.en[run.first].start, al.en[run.last].end
    return Finding(*span, f"the source's “{seg.source[src_lo:src_hi]}” has no rendering in the Arabic, which is "
                   f"{ratio:.0%} of the source's length: left out here?",
                   evidence={"source_words": list(run.missing), "source_phrase": seg.source[src_lo:src_hi],
                             "length_ratio": round(ratio, 2), "signal": "run"})


def _clause_bounded(source: str, al: Alignment, run: _Run) -> tuple[bool, bool]:
    """Does a clause break (or the sentence's edge) stand between the run and the rendered words
    either side of it: (at its start, at its end)?"""
    prev = [t for t in al.en[:run.first] if is_content(t) or t.kind == "num"]
    nxt = [t for t in al.en[run.last + 1:] if is_content(t) or t.kind == "num"]
    lo = prev[-1].end if prev else 0
    hi = nxt[0].start if nxt else len(source)
    start = not prev or bool(_CUE.search(source, lo, al.en[run.first].start))
    end = not nxt or bool(_CUE.search(source, al.en[run.last].end, hi))
    return start, end
