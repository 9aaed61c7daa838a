"""Negation compared between each source sentence and its Arabic, with no model.

The source's required cues (not, never, no, without, n't — :mod:`mtqa.lang.negation`; not the
negative verbs, antonyms and idioms such as "not until", which Arabic often renders with a word of
that meaning) are paired with the Arabic's particles and negative verbs (لا لم لن ليس غير عدم دون
بلا، رفض …), leaving out the Arabic phrases that only look negative («لا يزال» still, «لا سيما»
especially, «غير أن» however). The pairing ignores word order (Arabic puts a negated verb first)
except to choose which cue goes with which; an «… إلا» may render "only", and a particle next to a
"non-"/"un-" word renders that word. A source cue left over is a lost negation, flagged on the
Arabic verb that lost its particle; an Arabic particle nothing in the source accounts for (its
cues, or a nearby word translations render with one: "non-" a nominal «غير/عدم», "un-",
"only", "still", "below" … anything) is an added one, flagged with its verb.

With a back-translation, ``polarity-flip`` compares the same thing through it; the two flags on
one span corroborate each other.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import replace
from functools import lru_cache

from mtqa.checks.base import Context, Finding, Param, SegmentView, check
from mtqa.lang import arabic as ar
from mtqa.lang import english as en
from mtqa.lang import translit
from mtqa.lang.dictionaries import bare, english_zipf, frequent_zipf
from mtqa.lang.lexicon import renderings
from mtqa.lang.negation import (
    CONDITION_WORDS,
    LOWER_BOUND_WORDS,
    NEGATED_HOSTS,
    NEGATED_VERBS,
    SCOPE_SKIP,
    UPPER_BOUND_WORDS,
    WORD,
    ArabicNegation,
    Licence,
    Negation,
    arabic_negations,
    english_negations,
    negation_licences,
)
from mtqa.text.normalize import normalize_ar, strip_clitics
from mtqa.text.tokenize import Token, tokenize
from mtqa.wordalign import STOPWORDS, ar_stems_matched, participle_stems

__all__: list[str] = []


def _relative(pos: int, length: int) -> float:
    return pos / max(length, 1)


#: The rule's parameters (``[tool.mtqa.rules.negation-mismatch]``), in shares of sentence length.
PARAMS = {
    # Word order moves a word a little within its clause, not across the sentence.
    "pair_distance": Param(0.3, minimum=0, maximum=1, doc="how far apart a source word that allows a particle "
                           "(\"non-\", \"only\", \"still\") and the Arabic particle rendering it may stand"),
    # "indirectly" «بشكل غير مباشر»: the prefix word and its particle render each other.
    "close": Param(0.15, minimum=0, maximum=1, doc="a prefix word and a nominal particle («غير», «عدم») this close "
                   "render each other, whatever negation the sentence has elsewhere"),
}


def _match(need: Sequence[Negation], licences: Sequence[tuple[float, bool, bool]], exceptive_ok: bool,
           tgt: Sequence[ArabicNegation], rel_src: Sequence[float], rel_tgt: Sequence[float],
           only: int, *, pair_distance: float, close_distance: float,
           affinity: Sequence[Sequence[bool]] = (),
           licence_affinity: Sequence[Sequence[bool]] = (),
           anywhere: frozenset[int] = frozenset(),
           lexical: int = 0) -> tuple[list[int], list[int]]:
    """Pair the source's negations with the Arabic's; (source cues left without an Arabic negation,
    Arabic negations nothing in the source accounts for).

    ``licences`` are the source words that allow a particle without requiring one: (relative
    position, nominal particles only, a prefix or "-less" word). In order: an Arabic «… إلا» goes to an "only" word and a nominal
    particle to a prefix word right next to it (those render the words, not a negation); then each
    required source cue takes the nearest Arabic negation left, wherever it stands (Arabic puts a
    negated verb first: "I could not walk" «لم أستطع المشي»); then what is left of the Arabic goes
    to the licences nearby, a prefix word taking only a nominal particle (not «لا توفر» for
    "non-combat"). ``affinity[i][j]``: the Arabic negation ``j`` governs a word rendering what cue
    ``i`` negates ("don't leave" «لا يغادر»), which pairs them before position does;
    ``licence_affinity[k][j]``: it governs a rendering of prefix word ``k``'s stem
    ("asymptomatic" «دون ظهور أعراض»), which pairs them as far apart as ``pair_distance``, and at any
    distance for the first ``lexical`` ones (words of negative form: "illegal" «غير قانوني»); licences in
    ``anywhere`` pair at any distance too ("has yet to be decided" «لم يُحسم بعد», the verb first)."""
    used_t: set[int] = set()
    used_l: set[int] = set()
    close = sorted((abs(p - rel_tgt[j]), k, j) for k, (p, _, affixed) in enumerate(licences) if affixed
                   for j, t in enumerate(tgt) if not t.clausal and not t.lexical)
    for d, k, j in close:
        near = d <= close_distance or (d <= pair_distance and bool(licence_affinity and licence_affinity[k][j]))
        if near and k not in used_l and j not in used_t:
            used_l.add(k)
            used_t.add(j)
    lost = []
    # An «… إلا» is taken last: it renders the source's "only" as often as its "not … until".
    # As many "only" words as «… إلا» in the Arabic: each «… إلا» renders an "only" ("the match will
    # only start if …" «لن تبدأ المباراة إلا إذا …»), none is left to render a "not".
    reserved = only >= sum(t.exceptive for t in tgt)
    pairs = sorted((abs(rel_src[i] - rel_tgt[j]) + (t.exceptive and exceptive_ok)
                    - (_AFFINITY if affinity and affinity[i][j] else 0.0), i, j)
                   for i in range(len(need)) for j, t in enumerate(tgt) if not (t.exceptive and reserved))
    used_s: set[int] = set()
    for _, i, j in pairs:
        if i not in used_s and j not in used_t:
            used_s.add(i)
            used_t.add(j)
    lost = [i for i in range(len(need)) if i not in used_s]
    # Before distance decides: a word of negative form ("illegal", "non-binding") and a nominal particle governing a rendering
    # of its stem («غير قانوني») render each other however far word order moved them ("The
    # detention was illegal, the court ruled …" «قضت المحكمة … بأن الاحتجاز غير قانوني»); an "un-"
    # word and a negated verb governing its stem's rendering likewise (the verb opens the Arabic
    # clause: "The volunteers … are unpaid" «… لا يتقاضون أجرا»). A nominal particle of an "un-"
    # word stays within the pairing distances.
    # Of two such words with one stem ("unpopular … unpopular"), the nearer one takes the particle.
    governing = sorted((abs(licences[k][0] - rel_tgt[j]), k, j) for k, row in enumerate(licence_affinity)
                       if k < lexical or (licences[k][2] and not licences[k][1])
                       for j, governs in enumerate(row) if governs and tgt[j].clausal == (k >= lexical))
    for _, k, j in governing:
        if k not in used_l and j not in used_t:
            used_l.add(k)
            used_t.add(j)
    rest = sorted((abs(p - rel_tgt[j]), k, j) for k, (p, nominal, _) in enumerate(licences)
                  for j, t in enumerate(tgt) if j not in used_t and not (nominal and t.clausal))
    for d, k, j in rest:
        if (d <= pair_distance or k in anywhere) and k not in used_l and j not in used_t:
            used_l.add(k)
            used_t.add(j)
    return lost, [j for j, t in enumerate(tgt) if j not in used_t and not (t.exceptive and exceptive_ok)]


#: Pairing a cue with the Arabic negation of the word it negates outweighs any distance (relative
#: positions lie in 0–1).
_AFFINITY = 1.0


def _governed_stems(text: str, tgt: Sequence[ArabicNegation]) -> list[list[frozenset[str]]]:
    """The stems of the two words after each Arabic negation (what it negates)."""
    return [[_ar_stems(t.text) for t in tokenize(text[cue.end:cue.end + 40]) if t.kind == "ar"][:2] for cue in tgt]


def _affinity(source: str, need: Sequence[Negation], governed: Sequence[Sequence[frozenset[str]]]) -> list[list[bool]]:
    """Does Arabic negation ``j`` govern a rendering of what cue ``i`` negates? Only worth asking
    when there is a choice (two cues or two Arabic negations)."""
    if len(need) < 2 and len(governed) < 2:
        return []
    out = []
    for neg in need:
        wanted = [stems for stems in _negated_renderings(source, neg) if stems is not _COPULAS]
        out.append([any(not w.isdisjoint(stems) for w in words for stems in wanted) for words in governed])
    return out


#: Endings that make an adjective of a noun ("symptomatic", "governmental"): the noun is what the
#: Arabic renders after its «دون/غير/عدم».
_ADJECTIVE_ENDINGS = ("atic", "ical", "al", "ic", "ous", "ed", "ing", "able", "ible")


def _licence_affinity(stems: Sequence[str], governed: Sequence[Sequence[frozenset[str]]]) -> list[list[bool]]:
    """Does Arabic negation ``j`` govern a rendering of licence ``k``'s stem (:attr:`Licence.stem`:
    "asymptomatic" → "symptomatic", and the noun it is made from, "symptom" «أعراض»)?"""
    if not governed:
        return []
    out = []
    for stem in stems:
        forms = [stem] + [stem[:-len(e)] + tail for e in _ADJECTIVE_ENDINGS if stem.endswith(e)
                          and len(stem) - len(e) >= 4 for tail in ("", "e")] if stem else []
        wanted = {normalize_ar(r) for f in forms for r in renderings(f)}
        out.append([bool(wanted) and any(not w.isdisjoint(wanted) for w in ws) for ws in governed])
    return out


#: How many words past the cue's relative position a verb may stand to be taken for the one that
#: lost its particle.
_VERB_REACH = 3
_VERBISH = re.compile(r"^(?:[وف]?[يتن]\S{2,}|مع|ومع)$")
#: How much commoner a whole word must be than its reading without a «و/ف» for that letter to be
#: the word's own.
_PREFIX_MARGIN = 2.0


def _verbish(norm: str) -> bool:
    """Does a word (matching form) look like an imperfect verb? A «و/ف» before «يـ/تـ/نـ» is a
    conjunction only if the word without it is a word too: «فيروس» is a noun, not «ف» + «يروس»."""
    if not _VERBISH.match(norm):
        return False
    if norm[:1] in "وف" and norm[1:2] in "يتن":
        return frequent_zipf(norm[1:]) + _PREFIX_MARGIN >= frequent_zipf(norm)
    return True


#: A jussive or subjunctive form with no particle before it: «يكن», «يعد», «يفعلوا», «يفعلا»
#: stand after «لم/لن/أن/كي/ل/حتى» and nowhere else, so a bare one is where a «لم/لن» was lost.
#: (A dual «يفعلا» is left out: words in «ا» are mostly adverbs and pronoun forms, «تقريبا», «نفسها».)
_BARE_JUSSIVE = re.compile(r"^[وف]?(?:[يتن]كن|اكن|[يتن]عد|[يتن]زل|[يتن]\S{2,}(?:وا|وه|وها|وهم))$")
_GOVERNS_MOOD = ar.normed_set({"لم", "ولم", "فلم", "لن", "ولن", "أن", "وأن", "بأن", "لأن", "كي", "لكي", "حتى",
                               "ألا", "لئلا", "إن", "فإن", "وإن", "من", "لا", "ولا", "لما", "إذا", "لو", "ما",
                               "مهما", "أينما", "حيثما", "كيفما", "متى"})
_WITH = frozenset({"مع", "ومع", "بمع"})
_OR_AR = ar.normed_set({"أم", "أو"})
_AM = normalize_ar("أم")
#: "there is no …", "there were no …": Arabic says «لا يوجد/ليس هناك», not «دون/بلا».
_THERE_IS = re.compile(r"\bthere\s+(?:is|are|was|were|'s)\s*$", re.IGNORECASE)
#: «يُعد», «تُعد» (is considered, counts as): a damma on the prefix marks the passive or form IV,
#: never the jussive «يَعُد» that «لم» leaves ("no longer").
_PASSIVE_FIRST = re.compile(r"^[وف]?[يتن]\u064f")
#: English words that open a clause: a negated verb's Arabic often comes first in its clause
#: («لم يتم الإبلاغ عن …» for "… was not reported").
_CLAUSE_OPENERS = frozenset({"that", "and", "but", "which", "who", "because", "when", "if", "while", "although",
                             "though", "so", "as", "where", "since", "whether", "or"})


def _clause_start(source: str, neg: Negation) -> int:
    """Where the clause holding the cue begins in the source (after punctuation or a conjunction)."""
    before = source[:neg.start]
    cut = max(before.rfind(c) for c in ",;:.()\"“”")
    for m in WORD.finditer(before):
        if m.group().lower() in _CLAUSE_OPENERS and m.start() > cut:
            cut = m.start()
    return max(cut, 0)


def _verb_cost(norm: str, offset: float) -> float:
    """How unlikely a word is the verb that lost its particle, ``offset`` words from where the cue
    would stand. Arabic puts a negated verb early in its clause, so words before count half; a
    word in «ت» or «ن» may as well be a noun (تحديد، نتيجة), «يـ» is nearly always a verb."""
    cost = abs(offset) * (0.5 if offset < 0 else 1.0)
    bare = norm[1:] if norm[:1] in "وف" and len(norm) > 4 else norm
    return cost + (0.0 if bare.startswith("ي") or bare in _WITH else 1.5)


#: How much a verb that opens its Arabic clause is preferred: Arabic puts the verb first
#: («لم يتم الإبلاغ عن …» for "… was not reported"), English its subject.
_CLAUSE_FIRST = 1.0
_COMPLEMENTIZERS = ar.normed_set({"أن", "أنه", "أنها", "أنهم", "إن", "إنه", "إنها", "إنهم", "بأن", "بأنه", "بأنها", "وأن",
                                  "وأنه", "لأن", "لكن", "ولكن", "لكنه", "ولكنه", "لكنها", "ولكنها", "حين", "عندما",
                                  "حيث", "إذ", "التي", "الذي", "الذين"})


def _opens_clause(text: str, toks: Sequence[Token], norms: Sequence[str], k: int) -> bool:
    """Does token ``k`` open its Arabic clause (first in the line, after punctuation, or after a
    complementizer, a conjunction or a relative)?"""
    if k == 0:
        return True
    gap = text[toks[k - 1].end:toks[k].start]
    return any(c in gap for c in ",،:؛;.\"“”«»") or norms[k - 1] in _COMPLEMENTIZERS


def _lost_site(text: str, source: str, neg: Negation, tgt: Sequence[ArabicNegation]) -> tuple[int, int] | None:
    """Where a lost particle stood, with the word before it (the particle stood between them):

    * for a lost "without", the «مع» that replaced «دون»;
    * the Arabic rendering of the word the cue negated: the auxiliary carrying it ("can't" «يمكن»,
      "there isn't" «هناك»), else the next content words ("did not *attend*", "no *evidence*",
      "not *available*"), found by the lexicon near the cue's relative position;
    * a jussive or subjunctive verb with no particle governing it («يكن», «يفعلوا»): a «لم/لن»
      was there;
    * the verb nearest the cue's relative position, from the start of the cue's clause (Arabic
      puts the negated verb first) to a few words past the cue;
    * else the cue's relative position.

    Words an Arabic negation already governs are not candidates."""
    toks = [t for t in tokenize(text) if t.kind in ("ar", "lat", "num")]
    if not toks:
        return None
    cue_starts = {t.start for t in tgt}
    governed = {k for k in range(len(toks)) if toks[k].start in cue_starts or k and toks[k - 1].start in cue_starts}
    scale = len(toks) - 1
    at = _relative(neg.start, len(source)) * scale
    lo = _relative(_clause_start(source, neg), len(source)) * scale - 1
    norms = [normalize_ar(t.text) for t in toks]

    def nearest(cands: Sequence[int], low: float, high: float) -> int | None:
        cands = [k for k in cands if k not in governed and low <= k <= high]
        return min(cands, key=lambda k: abs(k - at)) if cands else None

    ar_idx = [k for k in range(len(toks)) if toks[k].kind == "ar"]
    k = None
    first = None  # where the flag begins when it is not the word before ``k``
    if neg.cue == "without" or neg.cue == "no" and source[:neg.start].rstrip().lower().endswith("with"):
        # «دون/بلا» turned into «مع» ("without", "with no"): the «مع» near the cue.
        k = nearest([k for k in ar_idx if norms[k] in _WITH], at - scale / 2, at + scale / 2)
    elif neg.cue == "not" and re.search(r"\bor\s*$", source[:neg.start], re.IGNORECASE):
        # "(whether …) or not" «أم لا»: the «أم/أو» the lost «لا» followed. «أم» asks "or?" and
        # nothing else, so it is taken wherever it stands (Arabic closes the «سواء …» clause
        # with it, English opens with "whether or not"); a plain «أو» only near the cue.
        k = nearest([k + 1 for k in ar_idx if norms[k] == _AM and k + 1 <= scale], -1.0, scale + 1.0)
        if k is None:
            k = nearest([k + 1 for k in ar_idx if norms[k] in _OR_AR and k + 1 <= scale], at - scale / 4 - 1,
                        at + scale / 4 + 1)
    elif neg.cue in ("no", "none", "nothing") and not _THERE_IS.search(source[:neg.start]):
        # "no fertiliser" is also rendered «دون/بلا سماد»: a «مع» close to the cue. ("there is no
        # reason" is «لا يوجد سبب»: a «مع» near it is some other "with".)
        k = nearest([k for k in ar_idx if norms[k] in _WITH], at - scale / 6 - 1, at + scale / 6 + 1)
    if k is None:
        k = nearest([k for k in ar_idx if _BARE_JUSSIVE.match(norms[k]) and "\u064b" not in toks[k].text
                     and not _PASSIVE_FIRST.match(toks[k].text) and (k == 0 or norms[k - 1] not in _GOVERNS_MOOD)],
                    at - scale / 2, at + scale / 2)
    if k is None:
        reach = scale / 3 + 2
        # Near the cue's position first; then anywhere in the line: Arabic may move the negated
        # verb across the sentence (a reported quote put last, «ويُعرف ما إذا …» first).
        windows = ((min(lo, at - reach), at + reach), (-1.0, scale + 1.0))
        for (low, high), stems in ((w, stems) for w in windows for stems in _negated_renderings(source, neg)):
            k = nearest([k for k in ar_idx if not _ar_stems(toks[k].text).isdisjoint(stems)], low, high)
            if k is not None:
                # A noun or adjective found ("no *symptoms*" «أعراض»): the particle stood before
                # the verb or copula that governs it, a word or two earlier («لا تظهر عليهم أعراض»).
                bare = norms[k][1:] if norms[k][:1] in "وف" and len(norms[k]) > 4 else norms[k]
                if not bare.startswith("ي"):
                    first = _governing_verb(text, toks, norms, k, governed)
                break
    if k is None:
        k = nearest(_transliterated(source, neg, toks, ar_idx), -1.0, scale + 1.0)
    if k is None:
        verbs = [k for k in ar_idx if k not in governed and min(lo, at - _VERB_REACH) <= k <= at + _VERB_REACH
                 and _verbish(norms[k])]
        if not verbs:
            # None near: the Arabic moved the clause (a reported quote first or last); any verb.
            verbs = [k for k in ar_idx if k not in governed and _verbish(norms[k])]
        if verbs:
            k = min(verbs, key=lambda k: _verb_cost(norms[k], k - at) - _CLAUSE_FIRST * _opens_clause(text, toks, norms, k))
    if k is None:
        k = min(max(round(at), 0), scale)
    # A negated noun with its governing verb: the flag runs from the verb to the noun, since the
    # particle stood before one of them («لا يصبح … ممكنًا», «يصبح … غير ممكن»); else the word
    # the particle stood before, with the word before it.
    return toks[first if first is not None else max(0, k - 1)].start, toks[k].end


#: How many words before a negated noun or adjective the verb or copula governing it may stand
#: («لم يتم الإبلاغ عن أي حريق» for "no fire was reported").
_GOVERNOR_REACH = 5


#: Zipf frequency from which an English word is too common to be looked for by transliteration.
_COMMON_ENGLISH = 3.5


def _governing_verb(text: str, toks: Sequence[Token], norms: Sequence[str], k: int,
                    governed: set[int]) -> int | None:
    """The verb a negated noun or adjective ``toks[k]`` hangs on, where Arabic puts the particle:
    the nearest verb-like word before it in its clause, skipping verbal nouns of the «تفعيل» and
    «…ة» shapes («توفير», «تجربة»), which look like «تـ» verbs."""
    for j in range(k - 1, max(-1, k - 1 - _GOVERNOR_REACH), -1):
        if any(c in text[toks[j].end:toks[j + 1].start] for c in ",،:؛;.\"“”«»()"):
            return None  # a clause break: the particle was not before it
        bare = norms[j][1:] if norms[j][:1] in "وف" and len(norms[j]) > 4 else norms[j]
        noun = toks[j].text.rstrip("".join(ar.DIACRITICS)).endswith("ة") or (bare[:1] == "ت" and len(bare) == 5
                                                                               and bare[3] == "ي")
        if j not in governed and _verbish(norms[j]) and norms[j] not in _WITH and not noun:
            return min(j, k - 1)
    return None


def _transliterated(source: str, neg: Negation, toks: Sequence[Token], candidates: Sequence[int]) -> list[int]:
    """The Arabic words spelling out a negated word the lexicon cannot render (a name, a
    fruit: "but not kumquats" «لكن ليس الكمكوات»), by transliteration. A common
    English word is left out: its consonants match Arabic words by chance ("seen" «الصناعة»)."""
    out = []
    for word in _scope_words(source, neg)[:_NEGATED_WORDS]:
        if len(word) < 4 or renderings(word) or english_zipf(word.lower()) >= _COMMON_ENGLISH:
            continue
        out += [k for k in candidates if translit.similarity(word, toks[k].text) >= translit.MATCH]
    return out


def _ar_stems(word: str) -> frozenset[str]:
    """The stems an Arabic word carries (:func:`ar_stems_matched`), and a verbal noun's or
    participle's verb behind its «مـ» («معروفة» → «عروف»)."""
    return ar_stems_matched(word) | participle_stems(word)


#: English auxiliaries that carry a "not" or "n't" ("could not", "isn't"), looked up as the
#: negated word when the Arabic renders them («لا يمكن», «ليس هناك»).
_AUX = frozenset({"can", "could", "ca", "have", "has", "had", "should", "must"})


_BE = frozenset(normalize_ar(w) for w in ("يكون", "تكون", "يكونوا", "نكون", "اكون", "يكن", "تكن"))


#: Verbs that carry "is" before a predicate noun or adjective (is considered, is seen as).
_COPULAS = frozenset(normalize_ar(w) for w in ("يعد", "تعد", "يعتبر", "تعتبر", "يكون", "تكون", "يظل", "تظل"))


def _verb_renderings(word: str) -> tuple[str, ...]:
    """``NEGATED_VERBS`` for a word or its lemma ("taking" → "take")."""
    from mtqa.lang.wordnet import base_forms  # lazy, as in the lexicon

    low = word.lower()
    return NEGATED_VERBS.get(low) or next((NEGATED_VERBS[b] for b in base_forms(low) if b in NEGATED_VERBS), ())


@lru_cache(maxsize=4096)  # asked for the same cue by the pairing and by the placement
def _negated_renderings(source: str, neg: Negation) -> tuple[frozenset[str], ...]:
    """The Arabic stems of what the cue negates, most telling first: the auxiliary carrying it
    ("can't", "could not", "there is no"), then the next content words."""
    out: list[frozenset[str]] = []
    low = neg.cue.replace("’", "'")
    before = [m.group().lower() for m in WORD.finditer(source[max(0, neg.start - 40):neg.start])]
    host = low[:-3] if low.endswith("n't") else "can" if low == "cannot" else before[-1] if before else ""
    host = {"ca": "can", "wo": "will", "is": "be", "was": "be", "are": "be", "were": "be"}.get(host, host)
    if host == "be" and len(before) >= (1 if low.endswith("n't") else 2) and \
            before[-1 if low.endswith("n't") else -2] == "there":
        host = "there"
    if neg.cue == "no" and before[-2:] in (["there", "is"], ["there", "are"], ["there", "was"], ["there", "were"]):
        host = "there"
    after = [m.group().lower() for m in WORD.finditer(source[neg.end:neg.end + 24])]
    if host not in NEGATED_HOSTS and after[:1] and after[0] in NEGATED_HOSTS and after[0] != "there":
        # "do not have", "did not have": the verb after the auxiliary («لا يمتلك»).
        host = after[0]
    if low in ("no", "nobody", "nothing", "none", "no-one"):
        # "no one can deny" «لا يمكن لأحد أن ينكر»: the modal after the subject carries the negation.
        host = next((w for w in after[:2] if w in NEGATED_HOSTS and w != "there"), host)
    if host in NEGATED_HOSTS:
        out.append(frozenset(normalize_ar(s) for s in NEGATED_HOSTS[host]))
    elif (neg.cue == "no" and before and before[-1] not in STOPWORDS and renderings(before[-1])
          and source[:neg.start].rstrip().lower().endswith(before[-1])):
        # "showed no spread" «لم تظهر أي انتشار»: the verb before "no" is what Arabic negates.
        out.append(frozenset(renderings(before[-1])))
    if host == "be" and low not in ("no", "none", "nothing", "nobody", "no-one"):
        # "are not effective": Arabic negates a copula verb («لا تُعد هذه الأقنعة فعالة»).
        out.append(_COPULAS)
    if after[:1] == ["be"]:
        # "might not be", "will not be": Arabic keeps the copula («قد لا تكون»).
        out.append(_BE)
    for word in _scope_words(source, neg)[:_NEGATED_WORDS]:
        stems = _verb_renderings(word) or renderings(word)
        if stems:
            out.append(frozenset(normalize_ar(s) for s in stems))
    return tuple(out)


#: Words of the negated phrase looked up in the lexicon: the cue's next content words.
_SCOPE_WORDS = 4
#: … of which the first names what is negated; later ones are mostly its objects.
_NEGATED_WORDS = 1


def _scope_words(source: str, neg: Negation) -> list[str]:
    # The negated phrase ends at a clause break ("For those who do not, the time …").
    words = [m.group() for m in WORD.finditer(re.split(r"[,;:.!?()\"“”]", source[neg.end:neg.end + 80])[0])]
    # Adverbs ("not *fully* known", "not *well* adapted") qualify the negated word, not name it.
    # "not going to sell": the verb after "going to" is the one negated.
    words = [w for i, w in enumerate(words) if not (w.lower() == "going" and words[i + 1:i + 2] == ["to"])]
    return [w for w in words if w.lower() not in SCOPE_SKIP and not w.lower().endswith("ly") and w.lower() != "well"
            and (w.lower() not in STOPWORDS or _verb_renderings(w))][:_SCOPE_WORDS]


def _phrase_end(source: str, neg: Negation) -> int:
    """End of the negated phrase: the cue and the next two words ("did not provide advice")."""
    words = [t for t in tokenize(source[neg.end:]) if t.kind == "lat"][:2]
    return neg.end + words[-1].end if words else neg.end


def _next_word_end(text: str, pos: int) -> int:
    toks = [t for t in tokenize(text) if t.kind in ("ar", "lat", "num") and t.start >= pos]
    return toks[0].end if toks else pos


def _source_stems(source: str, licences: Sequence[Licence]) -> frozenset[str]:
    """The Arabic stems of the source's content words (lexicon renderings), but for the words that
    license a negation ("free" «خالية»: that negative word still renders the licence)."""
    return frozenset(s for m in WORD.finditer(source) if m.group().lower() not in STOPWORDS
                     and not any(lic.start <= m.start() < lic.end for lic in licences)
                     for s in renderings(m.group()))


def _names_la(source: str) -> bool:
    """The source names something "La …"/"Las …"/"Los …" («لا ستامبا» is La Stampa)."""
    return re.search(r"\b(?:La|la|Las|Los|Le)\s+[A-Z]|\bLa[A-Z]", source) is not None


#: Capitalised source words of four letters or more: names an Arabic particle may be the
#: transliteration of (Alice «أليس», Gere «غير»); not a word with an apostrophe or a hyphen after it
#: ("Don't", "Al-Qaeda"). ("La" and "Don" have tests of their own.)
_CAPITALISED = re.compile(r"\b[A-Z][a-z]{3,}\b(?!['’-])")
_NAME_MATCH = 0.9
_NOT_NAMES = STOPWORDS | en.NEGATION_CUES


def _transliterates_a_name(text: str, cue: ArabicNegation, source: str) -> bool:
    """Is the Arabic particle, as written, part of a name of the source transliterated ("Alice
    Springs" «أليس سبرينغز», "Richard Gere" «ريتشارد غير»): it renders a capitalised source word,
    and the Arabic word next to it renders the capitalised word next to that one? (A word alone is
    not enough: «ليست» reads as "Last".)"""
    word = normalize_ar(text[cue.start:cue.end])
    names = list(_CAPITALISED.finditer(source))
    if not names:
        return False
    before = [t.text for t in tokenize(text[:cue.start]) if t.kind == "ar"][-1:]
    after = [t.text for t in tokenize(text[cue.end:]) if t.kind == "ar"][:1]
    for k, m in enumerate(names):
        if m.group().lower() in _NOT_NAMES or translit.similarity(m.group(), word) < _NAME_MATCH:
            continue
        nxt = re.match(r"\s+([A-Z][A-Za-z]+)", source[m.end():])
        prev = re.search(r"([A-Z][A-Za-z]+)\s+$", source[:m.start()])
        if (nxt and after and translit.similarity(nxt.group(1), normalize_ar(after[0])) >= _NAME_MATCH) or (
                prev and before and translit.similarity(prev.group(1), normalize_ar(before[0])) >= _NAME_MATCH):
            return True
    return False


def _names_don(source: str) -> bool:
    """The source names a "Don …" («دون» transliterates it)."""
    return re.search(r"\bDon\s+[A-Z]", source) is not None


#: "only" and its synonyms, not after "not" ("not only … but" is rendered «ليس فقط … بل»).
_ONLY = re.compile(r"(?<!\bnot )(?<!n't )\b(?:only|merely|solely|exclusively)\b", re.IGNORECASE)
#: "… or not": the one source wording an Arabic «أم لا» renders as a negation of its own.
_OR_NOT = re.compile(r"\bor\s+not\b", re.IGNORECASE)
#: "not only", "not just" … ("not only X but also Y"): Arabic «ليس/لا … فقط/فحسب، بل».
_NOT_ONLY = re.compile(r"\b(not)\s+(?:only|just|merely|simply|solely)\b", re.IGNORECASE)
_ONLY_AR = ar.normed_set({"فقط", "فحسب"})
#: How many words before «فقط/فحسب» the negation of "not only" may stand, in the same clause («لا
#: يقتصر دوره على … فقط», «ليس في المدن الكبرى فقط»): "not only" governs a whole phrase.
_NOT_ONLY_REACH = 20
_CLAUSE_MARK = re.compile(r"[.,،:؛;!?؟\"“”«»]")


def _lost_not_only(source: str, text: str, only: int) -> list[Negation]:
    """The "not" of a "not only/not just" the Arabic renders «… فقط» with no negation before it
    ("not only recommends" «يوصي … فحسب، بل»: "only recommends"). An «فقط» with no negation is
    first taken as the rendering of a plain "only" in the source."""
    cues = list(_NOT_ONLY.finditer(source))
    if not cues:
        return []
    toks = [t for t in tokenize(text) if t.kind == "ar"]
    norms = [normalize_ar(t.text) for t in toks]
    negs = {n.start for n in arabic_negations(text)}

    def negated(k: int) -> bool:
        """A negation before «فقط» in its clause (back to a punctuation mark)."""
        for j in range(k - 1, max(-1, k - 1 - _NOT_ONLY_REACH), -1):
            if toks[j].start in negs:
                return True
            if _CLAUSE_MARK.search(text[toks[j].end:toks[j + 1].start]):
                return False
        return False

    bare = [k for k, w in enumerate(norms) if w in _ONLY_AR and not negated(k)]
    lost = len(bare) - only
    return [Negation(m.start(1), m.end(1), "not", frozenset()) for m in cues[:max(0, lost)]]


_UNLESS = re.compile(r"\bunless\b", re.IGNORECASE)
_IF_EN = re.compile(r"\b(?:if|whether|in case|in the event)\b", re.IGNORECASE)
#: Conditional words: «إذا/إن/لو/في حال» "if".
_IF_AR = ar.normed_set({"إذا", "إن", "لو", "حال", "حالة"})
#: What makes a conditional "unless": «إلا/باستثناء/عدا» before it («إلا إذا»), or a negation soon after
#: it («إذا لم», «في حال عدم»); «ما لم» needs no conditional word.
_EXCEPT_AR = ar.normed_set({"إلا", "باستثناء", "عدا", "سوى"})
_NEGATED_IF_REACH = 3


def _lost_unless(source: str, text: str) -> list[tuple[int, int]]:
    """The Arabic "if" of each "unless" of the source rendered as a plain condition ("will go ahead
    unless the company raises wages" «… إذا رفعت الشركة الأجور»: the condition turned round)."""
    unless = [m.start() for m in _UNLESS.finditer(source)]
    if not unless:
        return []
    toks = [t for t in tokenize(text) if t.kind == "ar"]
    norms = [normalize_ar(t.text) for t in toks]
    negs = {n.start for n in arabic_negations(text) if not n.lexical}  # «إذا فشلت» "if it fails"
    rendered = sum(1 for k in range(len(norms) - 1) if norms[k] in ("ما", "وما") and norms[k + 1] == "لم")
    plain: list[tuple[int, int]] = []
    for k, word in enumerate(norms):
        stem = word[1:] if word[:1] in "وف" and word[1:] in _IF_AR else word
        phrase = stem in ("حال", "حاله")  # «في حال»
        if stem not in _IF_AR or (phrase and not (k and norms[k - 1] in ("في", "وفي"))):
            continue
        if (k > phrase and norms[k - 1 - phrase] in _EXCEPT_AR) or any(
                t.start in negs for t in toks[k + 1:k + 1 + _NEGATED_IF_REACH]):
            rendered += 1
        else:
            plain.append((toks[k - phrase].start, toks[k].end))
    # The source's own "if"s take plain conditionals first; of the rest, those nearest an "unless".
    lost = min(len(unless) - rendered, len(plain) - len(_IF_EN.findall(source)))
    if lost <= 0:
        return []
    spots = [_relative(u, len(source)) for u in unless]
    return sorted(plain, key=lambda sp: min(abs(_relative(sp[0], len(text)) - u) for u in spots))[:lost]


@check("negation-mismatch", category="mistranslation", severity="minor", needs=("source",), corroborated="critical",
       params=PARAMS)
def negation_mismatch(seg: SegmentView, ctx: Context) -> Iterator[Finding]:
    """A negation the source has and the Arabic lost, or one the Arabic adds (no model needed).

    The source's required cues (not, never, no, without, n't — not the negative verbs, antonyms
    and idioms, which Arabic often renders with a word of that meaning) are paired with the
    Arabic's negations, after the Arabic phrases that are not negations («لا يزال», «لا سيما») and
    those that render "only" or a prefix word («لا … إلا», «غير مباشر») are set aside. A cue left
    over is a lost negation, flagged on the Arabic word that renders the negated phrase; an Arabic
    particle nothing in the source accounts for is an added one, flagged with its verb.
    """
    if not seg.source:
        return
    balance: tuple[int, int] | None = None
    for finding in _segment_mismatches(seg, ctx):
        if balance is None:
            # read once, and only for a sentence with a finding; a one-sentence line has no gate
            balance = _line_balance(seg, ctx) or (1, 1)
        added, lost = balance
        signal = finding.evidence.get("signal")
        if (signal == "added" and added <= 0) or (signal == "dropped" and lost <= 0):
            continue  # the line's totals balance: a negation moved between its sentences
        yield finding


def _line_balance(seg: SegmentView, ctx: Context) -> tuple[int, int] | None:
    """For a line of several sentences (a transcript, a paragraph kept on one line): (added, lost),
    how many more negations the Arabic line carries than its source line accounts for, and how many
    more required negation cues the source line has than the Arabic line has negations. Sentences of
    such a line align loosely, so a negation the line renders may be paired with the wrong
    sentence; a line whose totals balance lost or added none. None for a one-sentence line."""
    line = ctx.sharing_source(seg)
    sources = list(dict.fromkeys(s.source for s in line if s.source))
    sources += [gap.text for gap in ctx.unaligned_source if gap.line in seg.source_lines]
    if len(line) < 2 and len(sources) < 2:
        return None
    key = tuple(s.index for s in line)
    cache: dict[tuple[int, ...], tuple[int, int]] = ctx.resource("negation-mismatch:lines", dict)
    if key not in cache:
        cues = [n for src in sources for n in english_negations(src)]
        licensed = [lic for src in sources for lic in negation_licences(src)]
        found = [t for s in line for t in arabic_negations(s.text, strict=True)]
        particles = [t for t in found if not t.lexical]
        # Lost: the required cues ("not only" is none of english_negations', but its «ليس/لا … فقط»
        # must be there) against the Arabic negations left once the source's other negative words
        # (negative verbs, antonyms, licences) have taken theirs.
        required = sum(n.required for n in cues)
        spare = len(cues) - required + len(licensed)
        required += sum(len(_NOT_ONLY.findall(src)) for src in sources)
        lost = required - max(0, len(found) - spare)
        # Added: the Arabic particles against the cues, and the "non-" words ("non-combat"), which
        # Arabic renders with a nominal negation («غير», «عدم») and nothing else. Other licences
        # (carriers such as "lost" or "other", prefix words such as "inexpensive") are rendered with
        # a negation or without one («رخيص»): they excuse a negation they are paired with, not a
        # surplus counted over a whole line.
        nominal = sum(lic.nominal and lic.affixed for lic in licensed)
        clausal = sum(t.clausal for t in particles)
        added = max(0, len(particles) - clausal - nominal) + clausal - len(cues)
        cache[key] = (added, lost)
    return cache[key]


def _segment_mismatches(seg: SegmentView, ctx: Context) -> Iterator[Finding]:
    """The sentence's lost and added negations, its source's cues paired with its own negations."""
    assert seg.source is not None
    group = ctx.sharing_sentence(seg)
    if len(group) == 1:
        yield from _mismatches(seg.source, seg.text, ctx)
        return
    # Several Arabic sentences render one source sentence (a source line the splitter kept whole):
    # its negations are paired with theirs together, each finding reported on its own sentence.
    found: dict[tuple[int, ...], list[tuple[int, Finding]]] = ctx.resource("negation-mismatch:groups", dict)
    key = tuple(s.index for s in group)
    if key not in found:
        joined, offsets = "", []
        for s in group:
            offsets.append(len(joined))
            joined += s.text + " "
        found[key] = [(max(k for k, off in enumerate(offsets) if off <= f.start), f)
                      for f in _mismatches(seg.source, joined, ctx)]
    here = key.index(seg.index)
    shift = sum(len(s.text) + 1 for s in group[:here])
    for k, f in found[key]:
        if k == here:
            yield replace(f, start=f.start - shift, end=min(f.end - shift, len(seg.text)))


#: English words «غيّر» renders: an undotted «غير» before its object is that verb, not "non-".
_CHANGE = frozenset({"change", "changed", "changes", "changing"})


def _verb_object(text: str, cue: ArabicNegation) -> bool:
    """Is the «غير» a bare word followed by a definite or possessed noun («غير موعده», «غير
    الخطة»), as the verb «غيّر» written without its shadda is? Not after a definite noun, which
    «غير» + adjective describes («المنظمات غير الحكومية»)."""
    if normalize_ar(text[cue.start:cue.end]) != "غير":
        return False
    prev = [t.text for t in tokenize(text[:cue.start]) if t.kind == "ar"][-1:]
    if prev and any(r.startswith("ال") for r in strip_clitics(normalize_ar(prev[0]))):
        return False
    nxt = next((t.text for t in tokenize(text[cue.end:]) if t.kind == "ar"), "")
    # The pronoun is read off the word as written: normalised, a ta marbuta («قانونية») reads «ه» too.
    return normalize_ar(nxt).startswith("ال") or bare(nxt).endswith(("ه", "ها", "هم", "هن"))


def _mismatches(source: str, text: str, ctx: Context) -> Iterator[Finding]:
    # A cue the Arabic keeps in English, quoted ("file not found", "Don't be evil"), is not lost.
    copied = {m.group().lower() for m in WORD.finditer(text)}
    src = [n for n in english_negations(source) if source[n.start:n.end].lower() not in copied]
    need = [n for n in src if n.required]
    words = {m.group().lower() for m in WORD.finditer(source)}
    # A transliterated "La …" is written «لا» or «ولا», never «فلا» (a particle: «فلا يجوز»).
    tgt = [t for t in arabic_negations(text, strict=True)
           if not (t.particle == "لا" and normalize_ar(text[t.start:t.end]) in ("لا", "ولا") and _names_la(source))
           and not (t.particle == "دون" and _names_don(source))
           and not _transliterates_a_name(text, t, source)
           and not (t.alternative and not _OR_NOT.search(source))
           and not (t.bound and not words.isdisjoint(LOWER_BOUND_WORDS if t.lower else UPPER_BOUND_WORDS))
           and not (t.conditional and not words.isdisjoint(CONDITION_WORDS))
           and not (t.particle == "غير" and not words.isdisjoint(_CHANGE) and _verb_object(text, t))]
    # An Arabic negative verb that renders a source word of that meaning ("deny" «ينكر», "rejected"
    # «رفض») is that word, not the rendering of a "not"/"no" elsewhere in the sentence.
    source_licences = negation_licences(source)
    rendered = _source_stems(source, source_licences)
    tgt = [t for t in tgt if not (t.lexical and not ar_stems_matched(text[t.start:t.end]).isdisjoint(rendered))]
    # Negative verbs, antonyms and idioms license any Arabic negation; prefix words a nominal one.
    lexical = [(_relative(n.start, len(source)), False, False) for n in src if not n.required]
    # An "only" accounts for «لا … إلا» alone, which ``exceptive_ok`` already excuses.
    kept = [lic for lic in source_licences if not lic.exceptive]
    licences = lexical + [(_relative(lic.start, len(source)), lic.nominal, lic.affixed) for lic in kept]
    stems = [en.ANTONYMS.get(n.cue.lower(), "") for n in src if not n.required] + [lic.stem for lic in kept]
    anywhere = frozenset(len(lexical) + k for k, lic in enumerate(kept) if lic.anywhere)
    # What each Arabic negation governs, read only when it can decide a pairing.
    governed = _governed_stems(text, tgt) if len(need) > 1 or len(tgt) > 1 or any(stems) else []
    exceptive_ok = any(m.group().lower() in en.EXCEPTIVE_WORDS for m in WORD.finditer(source))
    only = len(_ONLY.findall(source))
    lost, added = _match(need, licences, exceptive_ok, tgt, [_relative(n.start, len(source)) for n in need],
                         [_relative(t.start, len(text)) for t in tgt], only,
                         pair_distance=ctx.param("pair_distance"), close_distance=ctx.param("close"),
                         affinity=_affinity(source, need, governed),
                         licence_affinity=_licence_affinity(stems, governed), anywhere=anywhere,
                         lexical=len(lexical))
    for neg in _lost_not_only(source, text, only):
        need.append(neg)
        lost.append(len(need) - 1)
    for i in lost:
        neg = need[i]
        site = _lost_site(text, source, neg, tgt)
        if site is None:
            continue
        said = source[neg.start:_phrase_end(source, neg)]
        yield Finding(site[0], site[1], f"negation lost: the source says “{said}”, the Arabic has no negation "
                      "that renders it", evidence={"source_words": said.split(), "source_cue": neg.cue,
                                                    "signal": "dropped"})
    for lo, hi in _lost_unless(source, text):
        yield Finding(lo, hi, f"negation lost: the source says “unless”, the Arabic «{text[lo:hi]}» says “if”",
                      suggestion="ما لم", evidence={"source_words": ["unless"], "source_cue": "unless",
                                                    "signal": "dropped"})
    for j in added:
        cue = tgt[j]
        if cue.lexical:
            continue  # «رفض», «غياب»: a word of negative meaning, often the source's own verb
        stop = _next_word_end(text, cue.end)
        yield Finding(cue.start, stop, f"negation added: «{text[cue.start:stop]}» negates, the source has "
                      "no negation here", evidence={"arabic_cue": cue.particle, "signal": "added"})
