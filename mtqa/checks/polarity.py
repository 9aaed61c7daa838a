"""Polarity flips: a negation the source has and the Arabic lost, or one the Arabic added.

The source and the back-translation are both English, so negation is compared there: cues (not,
n't, never, no, without, fail to, refuse, deny, lack, neither/nor) and prefix antonyms (disagree ↔
agree, unable ↔ able). Each cue carries the content words it governs; a cue on one side with no
cue governing the same words on the other, when the two sides' counts differ, is a flip. The
Arabic span comes from the back-translation's word alignment (:func:`mtqa.wordalign.locate`) and
is confirmed against the Arabic negation particles (لا لم لن ليس غير عدم دون), minding that
«لا يزال / ما زال» mean "still" and are not negations. A lost "will not X" lands on the Arabic
future verb (سـ + imperfect, «سوف» + verb) when the back-translation says "will X"; an added
"will not" lands on «لن».

Direction flips are the same idea for verbs of change: a source "fell" that back-translates as
"rose" (counts of rise/fall verbs compared), placed on the Arabic verb of that direction.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from mtqa.checks.base import Context, Finding, SegmentView, check
from mtqa.lang import translit
from mtqa.lang.negation import BOUND_WORDS, Negation, english_negations
from mtqa.lang.negation import SCOPE_SKIP as _FUNCTION
from mtqa.lang.negation import WORD as _WORD
from mtqa.lang.negation import arabic_negations as _arabic_negations
from mtqa.lang.translit import similarity as translit_similarity
from mtqa.text.normalize import normalize_ar, strip_clitics
from mtqa.text.tokenize import tokenize
from mtqa.wordalign import ar_matches, en_key, lexicon, locate


def arabic_negations(text: str) -> list[tuple[int, int]]:
    """Spans of the Arabic negation cues (see mtqa.lang.negation)."""
    return [(n.start, n.end) for n in _arabic_negations(text)]


def _words(text: str) -> frozenset[str]:
    return frozenset(m.group().lower() for m in _WORD.finditer(text))


def _unmatched(a: list[Negation], b: list[Negation]) -> list[Negation]:
    used: set[int] = set()
    out = []
    for neg in a:
        hit = next((k for k, other in enumerate(b) if k not in used and (neg.scope & other.scope or
                    (not neg.scope and not other.scope))), None)
        if hit is None:
            out.append(neg)
        else:
            used.add(hit)
    return out


def _bt_span_of(scope: frozenset[str], bt: str) -> tuple[int, int] | None:
    """Where the governed words stand in the back-translation, with the word before them."""
    words = list(_WORD.finditer(bt))
    for i, w in enumerate(words):
        if en_key(w.group()) in scope:
            prev = words[i - 1] if i and words[i - 1].group().lower() not in _FUNCTION else w
            return prev.start(), w.end()
    return None


def _verb_matches(stem: str, word: str) -> bool:
    """``ar_matches`` plus imperfect verb forms: «اتفق» → «يتفق / تتفق / نتفق»."""
    if ar_matches(stem, word):
        return True
    core = stem.removeprefix("ا")
    return len(core) >= 3 and any(
        w[:1] in "يتنا" and w[1:].startswith(core) and len(w) - 1 - len(core) <= 3
        for w in strip_clitics(normalize_ar(word)))


def _lexicon_span(scope: frozenset[str], text: str) -> tuple[int, int] | None:
    """The one Arabic word the seed lexicon gives for a governed word, when exactly one matches."""
    lex = lexicon()
    stems = [s for key in scope for s in lex.get(key, ())]
    hits = [t for t in tokenize(text) if t.kind == "ar" and any(_verb_matches(s, t.text) for s in stems)]
    return (hits[0].start, hits[0].end) if len(hits) == 1 else None


def _near_negation(negs: list[tuple[int, int]], start: int, end: int, text: str, reach: int = 2) -> tuple[int, int] | None:
    toks = [t for t in tokenize(text) if t.kind == "ar"]
    idx = [k for k, t in enumerate(toks) if t.start < end and start < t.end]
    if not idx:
        return None
    lo, hi = toks[max(0, idx[0] - reach)].start, toks[min(len(toks) - 1, idx[-1] + reach)].end
    return next(((s, e) for s, e in negs if lo <= s and e <= hi), None)


def _after(text: str, start: int, words: int) -> int:
    toks = [t for t in tokenize(text) if t.kind == "ar" and t.start >= start]
    return toks[min(words, len(toks) - 1)].end if toks else start


@check("polarity-flip", category="mistranslation", severity="minor", needs=("source", "backtranslation"),
       corroborated="critical")
def polarity_flip(seg: SegmentView, ctx: Context) -> Iterator[Finding]:
    """The Arabic says the opposite of the source: a negation dropped or added.

    Compared through the back-translation: source "will not hesitate" / BT "will hesitate", source
    "disagreed" / BT "agrees", source "remained cut off" / BT "no longer isolated". The flagged
    Arabic words are found by word alignment and must agree with the Arabic itself: a dropped
    negation is flagged only where no Arabic negation particle stands, an added one only at an
    Arabic particle (or a lexical cue such as «رفض»).
    """
    if not seg.source or not seg.bt_text:
        return
    # Source sentences the aligner left over next to this segment may hold the cue it renders.
    source = " ".join([seg.source, *(gap.text for gap in ctx.unaligned_source if gap.nearest == seg.index)])
    src, bt = english_negations(source), english_negations(seg.bt_text)
    # "did not exceed 5%" is "only 5%" or "at most 5%" said the other way: no flip
    src_words, bt_words = _words(source), _words(seg.bt_text)
    src = [n for n in src if not (n.bound and not bt_words.isdisjoint(BOUND_WORDS))]
    bt = [n for n in bt if not (n.bound and not src_words.isdisjoint(BOUND_WORDS))]
    if len(src) == len(bt):
        return
    ar_negs = arabic_negations(seg.text)
    if len(src) > len(bt):
        for neg in _unmatched(src, bt):
            where = _bt_span_of(neg.scope, seg.bt_text)
            span = _lexicon_span(neg.scope, seg.text) or (locate(seg, *where) if where else None)
            if span is None or _near_negation(ar_negs, span[0], span[1], seg.text, reach=1):
                continue
            future = _future_verb(seg, source, neg, where, span)
            # the phrase where the negation should stand, or the verb whose سـ/سوف replaced «لن»
            span = future or _widen(seg.text, *span)
            yield Finding(span[0], span[1], f"negation lost: the source says “{_context(source, neg)}”, "
                          f"the Arabic back-translates as “{seg.bt_text[where[0]:where[1]] if where else ''}”",
                          evidence={"source_cue": neg.cue, "backtranslation": seg.bt_text})
    else:
        for neg in _unmatched(bt, src):
            span = locate(seg, neg.start, neg.end + len(_next_word(seg.bt_text, neg.end)))
            if span is None:
                continue
            particle = _near_negation(ar_negs, span[0], span[1], seg.text)
            if particle is None and _is_future(seg.bt_text, neg):
                particle = _nearest(_particles(seg.text, "لن"), span)  # "will not" renders «لن»
            if particle is not None:
                span = (particle[0], _after(seg.text, particle[0], 2))
            elif not neg.lexical:
                continue
            yield Finding(span[0], span[1], f"negation added: the back-translation says "
                          f"“{_context(seg.bt_text, neg)}”, the source has no negation here",
                          evidence={"bt_cue": neg.cue, "source": source})


# -- future tense: "will not X" rendered «سـX» / «سوف X», "will X" rendered «لن X» -------------------
# Common nouns that begin like a future verb (سـ + imperfect prefix): «سيارة», «سنة», «ساعة»…
_S_NOUNS = re.compile(r"^(?:سيار|سياس|سيطر|سياد|سيد|سياح|سيول|سيناريو|سينما|سير|سيل|سيف|ستار|ست|ستين|"
                      r"ستون|سن|سنوات|سنوي|سنتين|سنين|ساع|سابق|ساح|ساحل|سادس|ساير|سايق|ساكن|سالم|سامي|"
                      r"ساري|ساق)(?:ه|ات|ي|يه|يين|ين|ون|ا|ان|هم|ها|ه?ي?)?$")


def _is_future(text: str, neg: Negation) -> bool:
    """Is the cue the negation of a future ("will not", "won't", "shall never")?"""
    return neg.cue in ("won't", "shan't") or neg.cue in ("not", "never") and bool(
        re.search(r"\b(?:will|shall)\s+$", text[:neg.start], re.IGNORECASE))


def _future_verbs(text: str) -> list[tuple[int, int]]:
    """Arabic future verbs: سـ + an imperfect verb («سأحكم», «وستواصل»), or «سوف» + the verb."""
    toks = [t for t in tokenize(text) if t.kind == "ar"]
    out = []
    for i, t in enumerate(toks):
        norm = normalize_ar(t.text)
        core = norm[1:] if norm[:1] in "وف" and len(norm) > 4 else norm
        if core == "سوف" and i + 1 < len(toks):
            out.append((t.start, toks[i + 1].end))
        elif len(core) >= 4 and core[0] == "س" and core[1] in "اينت" and not _S_NOUNS.match(core):
            out.append((t.start, t.end))
    return out


def _particles(text: str, particle: str) -> list[tuple[int, int]]:
    return [(t.start, t.end) for t in tokenize(text) if t.kind == "ar" and normalize_ar(t.text) in (
        particle, "و" + particle, "ف" + particle)]


def _nearest(spans: list[tuple[int, int]], near: tuple[int, int]) -> tuple[int, int] | None:
    return min(spans, key=lambda s: abs(s[0] - near[0])) if spans else None


def _future_verb(seg: SegmentView, source: str, neg: Negation, where: tuple[int, int] | None,
                 guess: tuple[int, int]) -> tuple[int, int] | None:
    """The Arabic future verb that renders a lost "will not X": the back-translation must say
    "will X" there; the future verb nearest the aligner's guess."""
    bt = seg.bt_text or ""
    if where is None or not _is_future(source, neg):
        return None
    verb_start = where[1] - len(bt[where[0]:where[1]].split()[-1])
    if not re.search(r"(?:\bwill|\bshall|'ll)\s+(?:[A-Za-z]+\s+)?$", bt[:verb_start], re.IGNORECASE):
        return None
    names = [w for w in re.findall(r"\b[A-Z][a-z]+", source)]
    verbs = [v for v in _future_verbs(seg.text)
             if not any(translit_similarity(n, seg.text[v[0]:v[1]]) >= translit.LOOSE for n in names)]  # «سانتياغو»
    return _nearest(verbs, guess)


def _widen(text: str, start: int, end: int) -> tuple[int, int]:
    toks = [t for t in tokenize(text) if t.kind == "ar"]
    idx = [k for k, t in enumerate(toks) if t.start < end and start < t.end]
    if not idx:
        return start, end
    return toks[max(0, idx[0] - 1)].start, toks[min(len(toks) - 1, idx[-1] + 1)].end


def _next_word(text: str, pos: int) -> str:
    m = re.match(r"\s*[A-Za-z]+", text[pos:])
    return m.group() if m else ""


def _context(text: str, neg: Negation) -> str:
    return text[neg.start:neg.end + len(_next_word(text, neg.end)) + len(_next_word(
        text, neg.end + len(_next_word(text, neg.end))))].strip()


# -- direction of change: "fell" in the source, "rose" in the back-translation -----------------
_UP = frozenset(["rise", "rises", "rose", "risen", "rising", "increase", "increases", "increased", "increasing", "gain", "gains", "gained", "gaining", "climb", "climbs", "climbed", "climbing", "jump", "jumps", "jumped", "jumping", "surge", "surges", "surged", "surging", "soar", "soars", "soared", "soaring", "strengthen", "strengthens", "strengthened", "strengthening", "rally", "rallies", "rallied", "rallying", "grow", "grows", "grew", "grown", "growing", "expand", "expands", "expanded", "expanding", "rebound", "rebounds", "rebounded", "rebounding"])
_DOWN = frozenset(["fall", "falls", "fell", "fallen", "falling", "decrease", "decreases", "decreased", "decreasing", "decline", "declines", "declined", "declining", "drop", "drops", "dropped", "dropping", "slip", "slips", "slipped", "slipping", "slide", "slides", "slid", "sliding", "weaken", "weakens", "weakened", "weakening", "dip", "dips", "dipped", "dipping", "plunge", "plunges", "plunged", "plunging", "tumble", "tumbles", "tumbled", "tumbling", "sink", "sinks", "sank", "sunk", "sinking", "shrink", "shrinks", "shrank", "shrunk", "shrinking", "slump", "slumps", "slumped", "slumping"])


def _directions(text: str) -> list[tuple[int, int, int]]:
    """(start, end, +1 up / -1 down) for each verb of change in English text."""
    out = []
    for m in _WORD.finditer(text):
        low = m.group().lower()
        if low in _UP or low in _DOWN:
            out.append((m.start(), m.end(), 1 if low in _UP else -1))
    return out


_LEMMAS = {1: ("rise", "increase", "raise"), -1: ("fall", "drop", "decline", "weaken")}


def _direction_word(text: str, sign: int, near: tuple[int, int] | None) -> tuple[int, int] | None:
    """The Arabic verb of change of that direction (seed lexicon) nearest the aligner's guess;
    the guess itself when the lexicon finds none."""
    lex = lexicon()
    stems = [s for lemma in _LEMMAS[sign] for s in lex.get(en_key(lemma), ())]
    hits = [(t.start, t.end) for t in tokenize(text) if t.kind == "ar" and any(_verb_matches(s, t.text) for s in stems)]
    if not hits:
        return near
    pivot = near[0] if near else 0
    return min(hits, key=lambda h: abs(h[0] - pivot))


@check("direction-flip", category="mistranslation", severity="critical", needs=("source", "backtranslation"))
def direction_flip(seg: SegmentView, ctx: Context) -> Iterator[Finding]:
    """The Arabic reverses a change: the source says prices *fell*, the back-translation that they
    *rose* (or the other way round). Flagged when the back-translation has more verbs of one
    direction and fewer of the other than the source, at the surplus verbs nearest the source's."""
    if not seg.source or not seg.bt_text:
        return
    source, bt_text = seg.source, seg.bt_text
    src, bt = _directions(source), _directions(bt_text)
    for sign in (1, -1):
        extra = sum(d == sign for *_, d in bt) - sum(d == sign for *_, d in src)
        lost = sum(d == -sign for *_, d in src) - sum(d == -sign for *_, d in bt)
        if extra <= 0 or lost <= 0:
            continue
        # The surplus verbs placed most like the source's opposite ones are the reversed ones.
        wanted = [s / len(source) for s, _, d in src if d == -sign]
        cands = sorted((b for b in bt if b[2] == sign),
                       key=lambda b: min(abs(b[0] / len(bt_text) - w) for w in wanted))
        for start, end, _ in cands[:min(extra, lost)]:
            span = _direction_word(seg.text, sign, locate(seg, start, end))
            if span is None:
                continue
            word = bt_text[start:end]
            yield Finding(span[0], span[1], f"direction reversed: the back-translation says “{word}”, "
                          f"the source has {'a fall' if sign == 1 else 'a rise'} here",
                          evidence={"bt_verb": word, "source": seg.source, "backtranslation": seg.bt_text})
