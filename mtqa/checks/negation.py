"""Negation compared between each source sentence and its Arabic, with no model.

The source's negation cues (not, never, no, without, n't … — :mod:`mtqa.lang.negation`) are
counted against the Arabic's particles and negative verbs (لا لم لن ليس غير عدم دون بلا، رفض،
فشل), leaving out the Arabic phrases that only look negative («لا يزال» still, «لا سيما»
especially, «لا … إلا» only, «غير أن» however). Fewer Arabic cues than source cues: a negation
was lost, and the Arabic words that render the negated source phrase are flagged (found by the
word aligner). More Arabic cues than the source can account for (its cues, and the words a
translation renders with a particle: "non-", "un-", "only", "still", "below" …): a negation was
added, and the extra particle with its verb is flagged.

With a back-translation, ``polarity-flip`` compares the same thing through it; the two flags on
one span corroborate each other.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from mtqa.checks.base import Context, Finding, SegmentView, check
from mtqa.lang import english as en
from mtqa.lang.negation import Negation, arabic_negations, english_negations, negation_carriers
from mtqa.text.normalize import normalize_ar
from mtqa.text.tokenize import tokenize
from mtqa.wordalign import locate_words

__all__: list[str] = []


def _relative(pos: int, length: int) -> float:
    return pos / max(length, 1)


#: How far apart (as a share of sentence length) a cue and the Arabic particle rendering it may
#: stand: word order moves a negation a little within its clause, not across the sentence.
PAIR_DISTANCE = 0.3


def _pair(src: Sequence[tuple[int, int]], tgt: Sequence[tuple[int, int]], source: str, text: str,
          reach: float = 1.0) -> tuple[list[int], list[int]]:
    """Source spans and Arabic spans paired by relative position (closest first, within ``reach``);
    the indices left over on each side."""
    pairs = sorted((d, i, j) for i, s in enumerate(src) for j, t in enumerate(tgt)
                   if (d := abs(_relative(s[0], len(source)) - _relative(t[0], len(text)))) <= reach)
    used_s: set[int] = set()
    used_t: set[int] = set()
    for _, i, j in pairs:
        if i not in used_s and j not in used_t:
            used_s.add(i)
            used_t.add(j)
    return [i for i in range(len(src)) if i not in used_s], [j for j in range(len(tgt)) if j not in used_t]


def _phrase_end(source: str, neg: Negation) -> int:
    """End of the negated phrase: the cue and the next two words ("did not provide advice")."""
    words = [t for t in tokenize(source[neg.end:]) if t.kind == "lat"][:2]
    return neg.end + words[-1].end if words else neg.end


#: How many words from the aligner's guess (or the cue's relative position) a verb may stand.
_VERB_REACH = 3
_VERBISH = re.compile(r"^(?:[وف]?[يتنأ]\S{2,}|مع|ومع)$")


def _lost_site(text: str, guess: tuple[int, int], relative: float) -> tuple[int, int]:
    """Where a lost particle stood: the imperfect verb (or «مع» for a lost «دون») nearest the
    aligner's guess and the cue's relative position in the source, with the word before it; the
    guess itself when no such word is near."""
    toks = [t for t in tokenize(text) if t.kind in ("ar", "lat", "num")]
    if not toks:
        return guess
    centre = min(range(len(toks)), key=lambda k: abs(toks[k].start - guess[0]))
    by_position = round(relative * (len(toks) - 1))
    near = [k for k in range(len(toks)) if toks[k].kind == "ar" and _VERBISH.match(normalize_ar(toks[k].text))
            and min(abs(k - centre), abs(k - by_position)) <= _VERB_REACH]
    k = min(near, key=lambda k: min(abs(k - centre), abs(k - by_position))) if near else centre
    return toks[max(0, k - 1)].start, toks[k].end


def _next_word_end(text: str, pos: int) -> int:
    toks = [t for t in tokenize(text) if t.kind in ("ar", "lat", "num") and t.start >= pos]
    return toks[0].end if toks else pos


def _names_la(source: str) -> bool:
    """The source names something "La …"/"Las …"/"Los …" («لا ستامبا» is La Stampa)."""
    return re.search(r"\b(?:La|Las|Los|Le)\s+[A-Z]", source) is not None


@check("negation-mismatch", category="mistranslation", severity="minor", needs=("source",), corroborated="critical")
def negation_mismatch(seg: SegmentView, ctx: Context) -> Iterator[Finding]:
    """A negation the source has and the Arabic lost, or one the Arabic adds (no model needed).

    Source cues are counted against Arabic particles and negative verbs, minus the Arabic phrases
    that are not negations («لا يزال», «لا سيما», «لا … إلا»). A lost negation is flagged on the
    Arabic words the word aligner gives for the negated source phrase; an added one on the extra
    particle and its verb.
    """
    if not seg.source:
        return
    source = seg.source
    src = english_negations(source)
    strict = [n for n in src if not n.lexical or n.cue in en.NEGATION_LEXICAL]  # not the antonyms
    tgt = arabic_negations(seg.text, strict=True)
    if len(strict) > len(tgt):
        lost, _ = _pair([(n.start, n.end) for n in strict], [(t.start, t.end) for t in tgt], source, seg.text)
        for i in lost[:len(strict) - len(tgt)]:
            neg = strict[i]
            end = _phrase_end(source, neg)
            guess = locate_words(seg.text, source, neg.start, end, max_words=3)
            if guess is None:
                continue
            start, stop = _lost_site(seg.text, guess, _relative(neg.start, len(source)))
            said = source[neg.start:end]
            yield Finding(start, stop, f"negation lost: the source says “{said}”, the Arabic has no negation "
                          "that renders it", evidence={"source_words": said.split(), "source_cue": neg.cue,
                                                        "signal": "dropped"})
    particles = [t for t in tgt if not t.lexical and not (t.particle == "لا" and _names_la(source))]
    cues = [(n.start, n.end) for n in src] + negation_carriers(source)
    _, added = _pair(cues, [(t.start, t.end) for t in particles], source, seg.text, reach=PAIR_DISTANCE)
    for j in added:
        cue = particles[j]
        stop = _next_word_end(seg.text, cue.end)
        yield Finding(cue.start, stop, f"negation added: «{seg.text[cue.start:stop]}» negates, the source has "
                      "no negation here", evidence={"arabic_cue": cue.particle, "signal": "added"})
