"""Source content the Arabic does not render, found with the lexicon (no model needed).

Every content word of the aligned source sentence is looked up in the English→Arabic lexicon
(:mod:`mtqa.lang.lexicon`): it is *rendered* when one of its Arabic stems stands in the Arabic
sentence, *unknown* when the lexicon has no entry (no evidence either way). Names count as
rendered when a transliteration of them stands there.

* ``qualifier-dropped``: a quantity qualifier of the source ("only", "at least", "about", "more
  than", "nearly" …) with no Arabic qualifier at all in the sentence; flagged at the number or
  word it qualified.
* ``content-omitted``: a run of consecutive source content words, all known to the lexicon and
  none rendered, long enough that paraphrase rarely explains it; flagged where the run belongs
  (next to the Arabic rendering of the source word before it).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from mtqa.checks.base import Context, Finding, SegmentView, check
from mtqa.lang.lexicon import renderings
from mtqa.text.normalize import normalize_ar, normalize_digits
from mtqa.text.tokenize import Token, tokenize
from mtqa.translit import best_match
from mtqa.wordalign import STOPWORDS, ar_stems_matched

__all__: list[str] = []

#: Unrendered known content words in a row before the run counts as an omission.
MIN_RUN = 3
#: English qualifiers of a quantity and the Arabic words that render them.
_QUALIFIERS_EN = re.compile(r"\b(only|just|at least|at most|about|approximately|around|nearly|almost|roughly|some|"
                            r"more than|over|less than|fewer than|under|up to|as many as|as much as|no more than|"
                            r"no fewer than|upwards of)\b(?=\s+(?:\$|€|£)?\d)", re.IGNORECASE)
_QUALIFIERS_AR = frozenset(normalize_ar(w) for w in (
    "فقط", "إلا", "سوى", "الأقل", "أقل", "أكثر", "يزيد", "يزيد", "يفوق", "يتجاوز", "تتجاوز", "يقل", "نحو", "حوالي",
    "حوالى", "قرابة", "زهاء", "تقريبا", "تقريباً", "يقرب", "يناهز", "ناهز", "يصل", "تصل", "حتى", "بضع", "بضعة",
    "مجرد", "قرابه", "أزيد", "أدنى", "أعلى", "يربو", "فوق", "دون", "أقصى", "الأكثر", "أكثرمن"))


@dataclass(frozen=True)
class _SourceWord:
    token: Token
    known: bool  # the lexicon (or a name reading) can tell whether it is rendered
    rendered: bool


def _content(tok: Token) -> bool:
    low = tok.text.lower()
    return tok.kind == "lat" and len(low) >= 3 and low not in STOPWORDS


def _source_words(source: str, ar_tokens: list[Token]) -> list[_SourceWord]:
    matched = [ar_stems_matched(t.text) for t in ar_tokens]
    ar_texts = [t.text for t in ar_tokens]
    out = []
    for tok in tokenize(source):
        if not _content(tok):
            continue
        stems = renderings(tok.text)
        if stems:
            out.append(_SourceWord(tok, True, any(not m.isdisjoint(stems) for m in matched)))
        elif tok.text[:1].isupper():
            _, score = best_match(tok.text, ar_texts, floor=0.6)
            out.append(_SourceWord(tok, score >= 0.6, score >= 0.6))
        else:
            out.append(_SourceWord(tok, False, False))
    return out


def _anchor(words: list[_SourceWord], index: int, ar_tokens: list[Token]) -> Token | None:
    """The Arabic token rendering the nearest rendered source word before ``index``."""
    for w in reversed(words[:index]):
        if not w.rendered:
            continue
        stems = renderings(w.token.text)
        for t in ar_tokens:
            if stems and not ar_stems_matched(t.text).isdisjoint(stems):
                return t
    return None


@check("content-omitted", category="omission", severity="minor", needs=("source",), default_enabled=False,
       signals={"run": "minor", "qualifier": "minor"}, corroborated="major")
def content_omitted(seg: SegmentView, ctx: Context) -> Iterator[Finding]:
    """Source words the Arabic does not render: a dropped qualifier ("at least", "only") or a run of
    content words with no rendering (a clause or phrase left out).

    Judged with the English→Arabic lexicon: only words it knows count, so a word it cannot look up
    is never called missing. Flagged where the missing words belong, with them as evidence.
    """
    if not seg.source:
        return
    ar_tokens = [t for t in tokenize(seg.text) if t.kind == "ar"]
    if not ar_tokens:
        return
    yield from _qualifiers(seg, ar_tokens)
    words = _source_words(seg.source, ar_tokens)
    run: list[int] = []
    for i, w in enumerate([*words, None]):
        if w is not None and w.known and not w.rendered:
            run.append(i)
            continue
        if len(run) >= MIN_RUN:
            missing = [words[k].token.text for k in run]
            anchor = _anchor(words, run[0], ar_tokens)
            after = [t for t in ar_tokens if anchor is not None and t.start > anchor.start][:1]
            start = anchor.start if anchor is not None else ar_tokens[0].start
            end = after[0].end if after else (anchor.end if anchor is not None else ar_tokens[0].end)
            yield Finding(start, end, f"the source's “{' '.join(missing)}” has no rendering in the Arabic",
                          evidence={"source_words": missing, "signal": "run"})
        if w is not None and (w.rendered or not w.known) or w is None:
            run = []


def _qualifiers(seg: SegmentView, ar_tokens: list[Token]) -> Iterator[Finding]:
    assert seg.source is not None
    if any(not ar_stems_matched(t.text).isdisjoint(_QUALIFIERS_AR) or normalize_ar(t.text) in _QUALIFIERS_AR
           for t in ar_tokens):
        return
    for m in _QUALIFIERS_EN.finditer(seg.source):
        number = re.match(r"\s+(?:\$|€|£)?([\d.,]+)", seg.source[m.end():])
        digits = re.sub(r"[,.]", "", number.group(1)) if number else ""
        nums = [t for t in tokenize(seg.text) if t.kind == "num"
                and re.sub(r"[,.٫٬]", "", normalize_digits(t.text)) == digits]
        if not nums:
            continue
        before = [t for t in tokenize(seg.text) if t.kind in ("ar", "lat") and t.end <= nums[0].start][-1:]
        start = before[0].start if before else nums[0].start
        yield Finding(start, nums[0].end, f"the source's “{m.group()}” qualifies {number.group(1) if number else ''}; "
                      "the Arabic gives the number without it",
                      evidence={"source_words": m.group().split(), "signal": "qualifier"})
