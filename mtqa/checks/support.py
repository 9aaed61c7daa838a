"""What source support (:mod:`mtqa.support`) does to the findings: one rule, and one step after all rules.

**The convention.** A finding about particular source words names them in
``evidence["source_words"]``: a list of English words as they stand in the source (the divergence
rules do). ``evidence["source_cue"]`` (polarity-flip: the negation the source has) is read as a
one-word list. A rule that wants its findings weighed by the model only has to fill that key.

**After the rules** (:func:`weigh_findings`, called once by the runner), for every finding of a rule
that compares the back-translation with the source:

* about source words: *confirmed* when one of them is unsupported (its deficit exceeds
  ``thresholds.support_word``) — the unsupported words and where they stand in the Arabic added
  to its evidence, and the confirmation counts as corroboration (the runner raises the flag to its
  rule's ``corroborated`` severity, ``corroborated_by: ["source-support"]``); otherwise *dismissed* (dropped) when the source as a whole is
  within ``thresholds.support_gap`` of the model's own back-translation, else *demoted* one
  severity level — the back-translation only worded them differently;
* about the whole sentence (a low chrF, no words named): demoted when the sentence gap is within
  ``thresholds.support_gap``, confirmed otherwise;
* additions (the back-translation has words the source lacks) and findings naming no source word
  are left alone: the source's probability says nothing about them.

Without a source (round trip), findings of the rules that read the back-translation alone get the
back-translation's own confidence per Arabic word in their span (``evidence["phrase_confidence"]``).
Without a model nothing here changes anything.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from typing import Any

from mtqa.checks.base import REGISTRY, Context, Finding, SegmentView, check
from mtqa.support import SourceSupport, rendered_keys
from mtqa.translate.base import WordSupport
from mtqa.types import SEVERITIES, Flag
from mtqa.wordalign import STOPWORDS, locate_words

__all__ = ["source_words_of", "unsupported_source", "weigh_findings"]

RULE = "unsupported-source"
_PARTS = re.compile(r"[-'’.]")


# Minor until calibrated: no real model can be loaded where mtqa is developed, so its false alarms
# on clean copy have not been measured (docs/models.md says how to raise it once they are).
@check(RULE, category="omission", severity="minor", needs=("source", "backtranslation"))
def unsupported_source(seg: SegmentView, ctx: Context) -> Iterator[Finding]:
    """A source phrase the Arabic gives no support to: an omission that string comparison misses.

    Needs a model. The back-translation model scores the source given the Arabic (forced
    decoding); a run of source words whose log-probability falls more than
    ``thresholds.support_phrase`` nats short of the sentence's typical level, holding a content word
    the back-translation does not render either, is flagged on the Arabic words the model read
    when it scored them (its cross-attention; the word aligner's guess without one).
    """
    support = seg.support
    if support is None or not seg.source or not seg.bt_text:
        return
    th = ctx.config.thresholds
    rendered = rendered_keys(seg.bt_text)
    for phrase in _runs(support, th.support_word):
        strong = [w for w in phrase if support.deficit(w) > th.support_phrase and _content(w)
                  and rendered_keys(w.word).isdisjoint(rendered)]
        if not strong:
            continue
        span = _arabic_span(seg, phrase)
        if span is None:
            continue
        words = " ".join(w.word for w in phrase)
        worst = max(support.deficit(w) for w in phrase)
        yield Finding(span[0], span[1], f"the source's «{words}» has no support in this Arabic: the model finds it "
                      f"{_times(worst)}× less likely than an ordinary word of the sentence",
                      evidence={"source_words": [w.word for w in phrase],
                                "support": _evidence(seg, support, phrase, "unsupported"),
                                "source": seg.source, "backtranslation": seg.bt_text})


def _runs(support: SourceSupport, margin: float) -> Iterator[list[WordSupport]]:
    """Maximal runs of consecutive unsupported source words."""
    run: list[WordSupport] = []
    for word in support.words:
        if support.unsupported(word, margin):
            run.append(word)
            continue
        if run:
            yield run
        run = []
    if run:
        yield run


def _content(word: WordSupport) -> bool:
    low = word.word.lower()
    return low not in STOPWORDS and (any(c.isdigit() for c in low) or len(low) > 1)


def _times(deficit: float) -> str:
    return f"{math.exp(min(deficit, 50.0)):,.0f}"


def _arabic_span(seg: SegmentView, words: Sequence[WordSupport]) -> tuple[int, int] | None:
    """The Arabic the words were read from: their forced-pass alignment, else the word aligner's
    lexicon/position guess (the fallback used for every alignment without attention)."""
    spans = [w.arabic for w in words if w.arabic is not None]
    if spans:
        return min(s for s, _ in spans), max(e for _, e in spans)
    if not seg.source:
        return None
    return locate_words(seg.text, seg.source, words[0].start, words[-1].end)


def _evidence(seg: SegmentView, support: SourceSupport, words: Sequence[WordSupport], verdict: str
              ) -> dict[str, Any]:
    described = []
    for w in words:
        item = support.describe(w, seg.text)
        if item["arabic_span"] is None and (span := _arabic_span(seg, [w])) is not None:
            item.update(arabic=seg.text[span[0]:span[1]], arabic_span=list(span), aligned_by="fallback")
        described.append(item)
    return {"verdict": verdict, "words": described,
            "source_support": _round(support.sentence), "backtranslation_support": _round(support.backtranslation),
            "gap": _round(support.gap)}


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


# -- after the rules -------------------------------------------------------------------------------
def source_words_of(evidence: Any) -> list[str]:
    """The source words a finding concerns, by the convention in the module docstring."""
    words = evidence.get("source_words") if hasattr(evidence, "get") else None
    if isinstance(words, (list, tuple)) and all(isinstance(w, str) for w in words) and words:
        return list(words)
    cue = evidence.get("source_cue") if hasattr(evidence, "get") else None
    return [cue] if isinstance(cue, str) and cue else []


def _match(support: SourceSupport, word: str) -> WordSupport | None:
    """The source word (scored) that ``word`` names; of several, the least supported (a finding is
    never demoted because another occurrence of its word is fine)."""
    low = word.lower().strip()
    if not low:
        return None
    found = [w for w in support.words
             if w.word.lower() == low or low in _PARTS.split(w.word.lower()) or w.word.lower().replace(".", "") == low]
    return max(found, key=support.deficit) if found else None


def weigh_findings(flags: Iterable[Flag], ctx: Context) -> list[Flag]:
    """Confirm, demote or dismiss back-translation findings by source support (module docstring);
    add the back-translation's phrase confidence to round-trip findings."""
    by_index = {s.index: s for s in ctx.segments}
    kept: list[Flag] = []
    ours: list[Flag] = []
    for flag in flags:
        seg = by_index.get(flag.segment) if flag.segment is not None else None
        rule = REGISTRY.get(flag.rule)
        if rule is not None and rule.id == RULE:
            ours.append(flag)
            continue
        if seg is not None and rule is not None and "backtranslation" in rule.needs:
            if "source" in rule.needs:
                weighed = _weigh(flag, seg, ctx)
                if weighed is None:
                    continue  # dismissed
                flag = weighed
            elif not ctx.has_source:
                flag = _with_confidence(flag, seg)
        kept.append(flag)
    # An unsupported-source finding on Arabic words another finding already covers is not reported
    # twice: its evidence confirms that finding instead, when the finding has none of its own.
    out: list[Flag] = []
    for flag in kept:
        covering = [o for o in ours if _overlap(o, flag)]
        if covering and "support" not in flag.evidence:
            flag = replace(flag, evidence={**flag.evidence,
                                           "support": {**covering[0].evidence["support"], "verdict": "confirmed"}})
        out.append(flag)
    out.extend(o for o in ours if not any(_overlap(o, f) for f in kept))
    return out


def _overlap(a: Flag, b: Flag) -> bool:
    return a.segment == b.segment and a.line == b.line and a.start < b.end and b.start < a.end


def _weigh(flag: Flag, seg: SegmentView, ctx: Context) -> Flag | None:
    support = seg.support
    if support is None or flag.category == "addition":
        return flag
    th = ctx.config.thresholds
    gap = support.gap
    named = source_words_of(flag.evidence)
    if not named:
        whole = flag.start == seg.start and flag.end == seg.end
        if not whole or gap is None:
            return flag
        verdict = "demoted" if gap <= th.support_gap else "confirmed"
        return _apply(flag, verdict, {"verdict": verdict, "source_support": _round(support.sentence),
                                      "backtranslation_support": _round(support.backtranslation),
                                      "gap": _round(gap)})
    words = [w for name in named if (w := _match(support, name)) is not None]
    if len(words) < len(named):
        return flag  # a word the scores cannot find: say nothing rather than guess
    if any(support.unsupported(w, th.support_word) for w in words):
        verdict = "confirmed"
    elif gap is not None and gap <= th.support_gap:
        return None  # dismissed
    else:
        verdict = "demoted"
    return _apply(flag, verdict, _evidence(seg, support, words, verdict))


def _apply(flag: Flag, verdict: str, evidence: dict[str, Any]) -> Flag:
    severity = flag.severity
    if verdict == "demoted":
        severity = SEVERITIES[max(0, SEVERITIES.index(flag.severity) - 1)]
    return replace(flag, severity=severity, evidence={**flag.evidence, "support": evidence})


def _with_confidence(flag: Flag, seg: SegmentView) -> Flag:
    """Round trip: per Arabic word in the flag's span, the back-translation's probability of the
    English it produced from it (the geometric mean over its tokens)."""
    bt = seg.backtranslation
    if bt is None or not seg.model_bt or not bt.alignment or not bt.token_logprobs:
        return flag
    start, end = flag.start - seg.start, flag.end - seg.start
    groups: dict[tuple[int, int], list[int]] = {}
    for i, span in enumerate(bt.alignment):
        if span is not None and i < len(bt.token_logprobs) and span[0] < end and start < span[1]:
            groups.setdefault(span, []).append(i)
    if not groups:
        return flag
    phrases: list[dict[str, Any]] = []
    for span in sorted(groups):
        tokens = groups[span]
        english = _english(bt.text, [bt.token_spans[i] for i in tokens if i < len(bt.token_spans)])
        mean = sum(bt.token_logprobs[i] for i in tokens) / len(tokens)
        phrases.append({"arabic": seg.text[span[0]:span[1]], "arabic_span": list(span), "english": english,
                        "confidence": round(math.exp(mean), 3)})
    least = min(phrases, key=lambda p: float(p["confidence"]))
    return replace(flag, evidence={**flag.evidence, "phrase_confidence": phrases,
                                   "least_confident": least["arabic"]})


def _english(text: str, spans: Sequence[tuple[int, int] | None]) -> str:
    placed = [s for s in spans if s is not None]
    if not placed:
        return ""
    return text[min(s for s, _ in placed):max(e for _, e in placed)]
