"""Source content the Arabic does not render, found with the lexicon (no model needed).

Every content word of the aligned source sentence is looked up in the English→Arabic lexicon
(:mod:`mtqa.lang.lexicon`): it is *rendered* when one of its Arabic stems stands in the Arabic
sentence, *unknown* when the lexicon has no entry (no evidence either way). Names count as
rendered when a transliteration of them stands there.

* ``clause-omitted``: a line much shorter than its source whose source has words the lexicon
  cannot find in it; flagged at the clause break where they belong. Or, with a milder length
  test: a contiguous run of source words with no rendering, the rest of the sentence rendered,
  set off as a clause in the source (a comma, "which", "while" …); flagged at the gap where the
  run belongs (signal ``run``).
* ``qualifier-missing``: a qualifier of the source ("only", "at least", "about 30", "nearly" …;
  the table is ``mtqa.lang.arabic.QUALIFIERS``) with no Arabic rendering in the sentence; a bound
  rendered the other way round ("at least 12" «12 على الأكثر», "more than 40" «أقل من 40»: signal
  ``reversed``, a major mistranslation).
* ``content-omitted`` (off by default): a run of consecutive source content words, all known to
  the lexicon and none rendered, long enough that paraphrase rarely explains it; flagged where the
  run belongs (next to the Arabic rendering of the source word before it).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from mtqa.checks._clauses import is_content, run_finding
from mtqa.checks.base import Context, Finding, Param, SegmentView, check
from mtqa.lang import translit
from mtqa.lang.arabic import BOUND_PHRASES, BOUND_QUALIFIERS, QUALIFIERS, QUALIFIERS_EN
from mtqa.lang.lexicon import renderings
from mtqa.lang.numwords import arabic_number_words, english_number_words
from mtqa.lang.translit import best_match
from mtqa.text.normalize import normalize_ar, normalize_digits
from mtqa.text.tokenize import Token, tokenize
from mtqa.wordalign import align_words, ar_stems_matched

__all__: list[str] = []


@dataclass(frozen=True)
class _SourceWord:
    token: Token
    known: bool  # the lexicon (or a name reading) can tell whether it is rendered
    rendered: bool


def _source_words(source: str, ar_tokens: list[Token]) -> list[_SourceWord]:
    matched = [ar_stems_matched(t.text) for t in ar_tokens]
    ar_texts = [t.text for t in ar_tokens]
    out = []
    for tok in tokenize(source):
        if not is_content(tok):
            continue
        stems = renderings(tok.text)
        if stems:
            out.append(_SourceWord(tok, True, any(not m.isdisjoint(stems) for m in matched)))
        elif tok.text[:1].isupper():
            _, score = best_match(tok.text, ar_texts, floor=translit.LOOSE)
            out.append(_SourceWord(tok, score >= translit.LOOSE, score >= translit.LOOSE))
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
       corroborated="major",
       params={"min_run": Param(3, minimum=1, doc="unrendered known content words in a row that make an omission")})
def content_omitted(seg: SegmentView, ctx: Context) -> Iterator[Finding]:
    """A run of source content words with no rendering in the Arabic (a clause or phrase left out);
    a dropped qualifier is ``qualifier-missing``'s.

    Judged with the English→Arabic lexicon: only words it knows count, so a word it cannot look up
    is never called missing. Flagged where the missing words belong, with them as evidence.
    """
    if not seg.source:
        return
    ar_tokens = [t for t in tokenize(seg.text) if t.kind == "ar"]
    if not ar_tokens:
        return
    words = _source_words(seg.source, ar_tokens)
    run: list[int] = []
    for i, w in enumerate([*words, None]):
        if w is not None and w.known and not w.rendered:
            run.append(i)
            continue
        if len(run) >= ctx.param("min_run"):
            missing = [words[k].token.text for k in run]
            anchor = _anchor(words, run[0], ar_tokens)
            after = [t for t in ar_tokens if anchor is not None and t.start > anchor.start][:1]
            start = anchor.start if anchor is not None else ar_tokens[0].start
            end = after[0].end if after else (anchor.end if anchor is not None else ar_tokens[0].end)
            yield Finding(start, end, f"the source's “{' '.join(missing)}” has no rendering in the Arabic",
                          evidence={"source_words": missing, "signal": "run"})
        if w is not None and (w.rendered or not w.known) or w is None:
            run = []


# -- a clause left out: the Arabic too short for its source, source words unrendered ---------------
_GAP_PUNCT = re.compile(r"[،,؛;:.!؟?]")


def _gap(text: str, after: int) -> tuple[int, int] | None:
    """The word before and the word after the first clause break at or after ``after``: where a
    dropped clause stood (the break is what is left of it)."""
    toks = [t for t in tokenize(text) if t.kind in ("ar", "num", "lat")]
    if not toks:
        return None
    m = _GAP_PUNCT.search(text, after)
    pos = m.start() if m else len(text)
    before = [t for t in toks if t.end <= pos]
    nxt = [t for t in toks if t.start >= pos]
    if not before:
        return nxt[0].start, nxt[0].end
    return before[-1].start, (nxt[0].end if nxt else before[-1].end)


@check("clause-omitted", category="omission", severity="minor", needs=("source",), params={
    # A complete Arabic line runs about as long as its English; one that lost a clause falls well
    # below (the threshold trades recall on planted omissions against clean false alarms: see the
    # ledger, benchmarks/calibrate.py).
    "short_ratio": Param(0.68, minimum=0, doc="Arabic characters per source character below which a line is short"),
    # The ratio alone misfires on terse but complete translations.
    "min_unrendered": Param(2, minimum=0, doc="known source words with no rendering a short line must also have"),
    "min_source_chars": Param(60, minimum=0, doc="source lines shorter than this vary too much in length to judge"),
    # A contiguous run of unrendered source words is stronger evidence than a count (see
    # ``run_finding``); these bound it.
    "run_ratio": Param(0.8, minimum=0, doc="Arabic characters per source character below which a run is judged"),
    "run_missing": Param(3, minimum=2, doc="missing words a run set off at one end only needs"),
    "run_rest": Param(0.6, minimum=0, maximum=1, doc="share of the other known source words the Arabic must render"),
})
def clause_omitted(seg: SegmentView, ctx: Context) -> Iterator[Finding]:
    """A line much shorter than its source, whose source has words the Arabic does not render: a
    clause left out. Flagged at the clause break next to where the unrendered words belong.

    Length is compared over all the sentences that share the source; the missing words are
    judged with the English→Arabic lexicon, so a word it cannot look up never counts.
    """
    if not seg.source or len(seg.source) < ctx.param("min_source_chars"):
        return
    group = ctx.sharing_source(seg)
    ar_len = sum(len(s.text.strip()) for s in group)
    ratio = ar_len / len(seg.source)
    if len(group) == 1:
        found = run_finding(seg, ctx, ratio)
        if found is not None:
            yield found
            return
    if ratio >= ctx.param("short_ratio"):
        return
    ar_tokens = [t for t in tokenize(seg.text) if t.kind == "ar"]
    if not ar_tokens:
        return
    all_tokens = [t for s in group for t in tokenize(s.text) if t.kind == "ar"]
    words = _source_words(seg.source, all_tokens)
    missing = [i for i, w in enumerate(words) if w.known and not w.rendered]
    if len(missing) < ctx.param("min_unrendered"):
        return
    # Where the first missing word belongs: after the Arabic rendering of the source word before it.
    anchor = _anchor(words, missing[0], ar_tokens)
    if anchor is None and any(_anchor(words, missing[0], [t for t in tokenize(s.text) if t.kind == "ar"])
                              for s in group if s.index != seg.index):
        return  # it belongs in a sibling sentence, which reports it
    if anchor is None and seg.index != group[0].index:
        return
    span = _gap(seg.text, anchor.end if anchor is not None else 0)
    if span is None:
        return
    lost = [words[i].token.text for i in missing]
    yield Finding(*span, f"the Arabic is {ar_len / len(seg.source):.0%} of the source's length and does not render "
                  f"“{' '.join(lost[:8])}”{'…' if len(lost) > 8 else ''}: a clause left out here?",
                  evidence={"source_words": lost, "length_ratio": round(ar_len / len(seg.source), 2)})


# -- a qualifier left out ------------------------------------------------------------------------
#: "a" counts only before a unit ("about a week", "over a mile"): "over a struggling side" and
#: "about a question of taste" qualify no quantity.
_NUMBER_AFTER = r"(?=\s+(?:\$|€|£|US\$)?(?:\d|(?:one |two |three |four |five |six |seven |eight |nine |ten |"\
    r"a (?:second|minute|hour|day|week|fortnight|month|year|decade|century|mile|kilometre|kilometer|metre|meter|"\
    r"foot|yard|ton|tonne|pound|dollar|euro|percent)s?\b|"\
    r"a few |a dozen |dozens |hundreds |thousands |half |a third |a quarter |\w+ (?:million|billion|thousand|hundred|"\
    r"percent|per cent))))"


#: "if only", "not only": the word restricts nothing; "only to/for/just/as": idioms (a later
#: event, "barely", a comparison).
_NOT_IDIOM_BEFORE = r"(?<!\bif )(?<!\bnot )"
_NOT_IDIOM_AFTER = r"(?!\s+(?:to|for|just|as)\b)"


def _qualifier_patterns() -> list[tuple[str, re.Pattern[str]]]:
    out = []
    for key, spellings in QUALIFIERS_EN.items():
        for sp in spellings:
            word, _, num = sp.partition("+")
            idiom = word.endswith("!")
            after_word = word.endswith("~")
            word = word.rstrip("!~")
            rx = (r"(?<=\w )" if after_word else "") + rf"\b{re.escape(word)}\b" + (_NUMBER_AFTER if num else "")
            if idiom:
                rx = _NOT_IDIOM_BEFORE + rx + _NOT_IDIOM_AFTER
            out.append((key, re.compile(rx, re.IGNORECASE)))
    return out


_QUAL_PATTERNS = _qualifier_patterns()


def _normalised_words(ar_text: str) -> str:
    """The Arabic words of ``ar_text`` normalised, space-separated and padded with a space."""
    return " " + " ".join(normalize_ar(t.text) for t in tokenize(ar_text) if t.kind == "ar") + " "


def _has_rendering(norm: str, forms: tuple[str, ...]) -> bool:
    """Does one of ``forms`` stand in ``norm`` (see :func:`_normalised_words`)?"""
    for form in forms:
        f = normalize_ar(form)
        # the form as a word, or carrying one proclitic («وأيضا», «بنحو», «والأكثر»)
        if re.search(rf"(?<=\s)(?:[وفبلك]|ال|وال|بال)?{re.escape(f)}(?=\s)", norm):
            return True
    return False


@check("qualifier-missing", category="omission", severity="minor", needs=("source",), params={
    "window": Param(2, minimum=0, doc="words either side of the aligner's guess flagged for a qualifier without a number"),
})
def qualifier_missing(seg: SegmentView, ctx: Context) -> Iterator[Finding]:
    """A qualifier of the source ("only", "at least", "about 30", "more than 2,000", "also",
    "nearly") with no Arabic rendering in the line: the translation states more than the source.

    Flagged on the number it qualified, or where the fallback aligner puts the qualifier. A bound
    the Arabic gives the other way round next to a number ("at least 12" «12 على الأكثر») is a
    major mistranslation (signal ``reversed``), when the Arabic has no bound of the source's
    direction and the source none of the other.
    """
    if not seg.source:
        return
    # Normalised once: every qualifier of the source is looked up in the same Arabic.
    group = ctx.sharing_source(seg)
    ar_all: str = ctx.resource(f"qualifier-missing:{group[0].index}:{len(group)}",
                               lambda: _normalised_words(" ".join(s.text for s in group)))
    seen: set[str] = set()
    for key, pattern in _QUAL_PATTERNS:
        for m in pattern.finditer(seg.source):
            if key in seen:
                continue
            reversed_bound = _reversed_bound(seg, key, m)
            if reversed_bound is not None:
                seen.add(key)
                lo, hi = reversed_bound
                suggestion = BOUND_QUALIFIERS[key][1]
                yield Finding(lo, hi, f"the source's “{m.group()}” is rendered «{seg.text[lo:hi]}», a bound the other "
                              f"way round: the Arabic says the opposite («{suggestion}»)?",
                              severity="major", category="mistranslation", suggestion=suggestion,
                              evidence={"source_words": m.group().split(), "qualifier": key, "signal": "reversed"})
                continue
            if _has_rendering(ar_all, QUALIFIERS[key]) or _over_a_period(seg.source, m, ar_all):
                continue
            span = _qualifier_site(seg, m, ctx.param("window"))
            if span is None:
                continue
            seen.add(key)
            yield Finding(*span, f"the source's “{m.group()}” has no rendering in the Arabic "
                          f"({' / '.join(QUALIFIERS[key][:4])} …)",
                          evidence={"source_words": m.group().split(), "qualifier": key})


#: "over five years" as a span of time: «على مدى/مدار خمس سنوات», «خلال», «طوال».
_PERIOD_AFTER = re.compile(r"\s+(?:the\s+(?:past|next|last|coming)\s+)?(?:\d[\d,.]*|[a-z]+)(?:\s+|-)"
                           r"(?:years?|months?|weeks?|days?|decades?|hours?|seasons?)\b", re.IGNORECASE)
_DURING = tuple(normalize_ar(w) for w in ("على مدى", "على مدار", "خلال", "طوال", "طيلة"))


def _over_a_period(source: str, m: re.Match[str], ar_norm: str) -> bool:
    """Is this "over" a span of time ("cut 500 jobs over five years"), which the Arabic renders as
    one («على مدى خمس سنوات»), not "more than"?"""
    return m.group().lower() == "over" and _PERIOD_AFTER.match(source, m.end()) is not None and _has_rendering(
        ar_norm, _DURING)


def _phrases(direction: str) -> list[tuple[str, ...]]:
    return [tuple(normalize_ar(w) for w in phrase.split()) for phrase in BOUND_PHRASES[direction]]


_BOUND_WORDS = {direction: _phrases(direction) for direction in BOUND_PHRASES}
_OTHER_WAY = {"lower": "upper", "upper": "lower"}
#: How many words from a bound phrase its number may stand («12 شخصا على الأكثر»).
_BOUND_REACH = 3


def _bound_phrases(toks: list[Token], norms: list[str], direction: str) -> Iterator[tuple[int, int]]:
    """Token ranges [k, k + n) of the bound phrases of ``direction`` («يزيد على» not inside «لا يزيد على»)."""
    for phrase in _BOUND_WORDS[direction]:
        n = len(phrase)
        for k in range(len(toks) - n + 1):
            first = norms[k]
            if first != phrase[0] and not (first[:1] in "وفب" and first[1:] == phrase[0]):
                continue
            if tuple(norms[k + 1:k + n]) != phrase[1:] or (phrase[0] != "لا" and k and norms[k - 1] == "لا"):
                continue
            yield k, k + n


def _reversed_bound(seg: SegmentView, key: str, m: re.Match[str]) -> tuple[int, int] | None:
    """The span of an Arabic bound the other way round from the source's bound qualifier ("at least
    12" «12 على الأكثر»), next to a number, where the Arabic has no bound of the source's direction
    and the source none of the other."""
    assert seg.source is not None
    if key not in BOUND_QUALIFIERS or not _bounds_a_number(seg.source, m.end()):
        return None
    direction = BOUND_QUALIFIERS[key][0]
    other = _OTHER_WAY[direction]
    if any(p.search(seg.source) for k, p in _QUAL_PATTERNS if k in BOUND_QUALIFIERS and BOUND_QUALIFIERS[k][0] == other):
        return None
    toks = [t for t in tokenize(seg.text) if t.kind in ("ar", "num")]
    norms = [normalize_ar(t.text) if t.kind == "ar" else "" for t in toks]
    if next(_bound_phrases(toks, norms, direction), None) is not None:
        return None
    spans = [(w.start, w.end) for w in arabic_number_words(seg.text) if not w.ordinal]
    numbers = {k for k, t in enumerate(toks) if t.kind == "num" or any(a <= t.start < b for a, b in spans)}
    for lo, hi in _bound_phrases(toks, norms, other):
        rest = _normalised_words(seg.text[:toks[lo].start] + " " + seg.text[toks[hi - 1].end:])
        near = range(max(lo - _BOUND_REACH, 0), min(hi + _BOUND_REACH, len(toks)))
        if any(k in numbers for k in near) and not _has_rendering(rest, QUALIFIERS[key]):
            return toks[lo].start, toks[hi - 1].end
    return None


def _bounds_a_number(source: str, pos: int) -> bool:
    """Does a figure (digits or a number word) follow within a few words of ``pos``?"""
    after = " ".join(source[pos:].split()[:_BOUND_REACH])
    return any(c.isdigit() for c in after) or bool(english_number_words(after))


def _qualifier_site(seg: SegmentView, m: re.Match[str], window: int) -> tuple[int, int] | None:
    """Where the qualifier belongs in this sentence: around the number it qualifies, else a few
    words around where the aligner puts it. None when it belongs in another sentence."""
    assert seg.source is not None
    toks = [t for t in tokenize(seg.text) if t.kind in ("ar", "num", "lat")]
    if not toks:
        return None
    number = re.match(r"\s+(?:\$|€|£|US\$)?([\d.,]*\d)", seg.source[m.end():])
    if number:
        digits = re.sub(r"[,.]", "", number.group(1))
        for k, t in enumerate(toks):
            if t.kind == "num" and re.sub(r"[,.٫٬]", "", normalize_digits(t.text)) == digits:
                return toks[max(k - 1, 0)].start, toks[min(k + 1, len(toks) - 1)].end
    al = align_words(seg.text, seg.source)
    idx = [i for i, t in enumerate(al.en) if m.start() <= t.start < m.end()]
    j = al.target[idx[0]] if idx else None
    if j is None:
        return None
    ar = al.ar
    lo, hi = max(j - window, 0), min(j + window, len(ar) - 1)
    return ar[lo].start, ar[hi].end
