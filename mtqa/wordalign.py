"""Word alignment between a segment's back-translation (English) and its Arabic text.

Checks that find something in the back-translation (an English word with no counterpart in the
source) need to point at the Arabic words it came from. :func:`locate` does that:

* **Model back-translation** (``seg.model_bt``): each output token carries the span of the Arabic
  input it attended to most (``Translation.alignment``); the span of an English range is the union
  of those, widened to whole Arabic words.
* **Precomputed back-translation** (no model): a fallback aligner, :func:`align_words`. It first
  fixes *lexical anchors* — numbers (digits folded), Latin-script tokens present in the Arabic,
  transliterated names (consonant-skeleton similarity, :func:`mtqa.lang.translit.similarity`) and entries
  of the English→Arabic lexicon (:mod:`mtqa.lang.lexicon`) — then places every
  other English word by *relative position* between its nearest anchors (monotone interpolation
  where the anchors are in order, an offset from the nearer anchor where the languages reorder).
  A located range finally prefers Arabic words that no other English word anchors to, since an
  anchored word is already explained.

Offsets are code points in ``seg.text`` (the segment's sentence text), as checks report them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from mtqa.lang.lexicon import en_key, lexicon, renderings
from mtqa.lang.translit import best_match as translit_best_match
from mtqa.text.normalize import normalize_ar, normalize_digits, strip_clitics
from mtqa.text.tokenize import Token, tokenize

if TYPE_CHECKING:
    from mtqa.checks.base import SegmentView

__all__ = [
    "STOPWORDS",
    "Alignment",
    "align_words",
    "ar_matches",
    "ar_words",
    "carried_stems",
    "content_keys",
    "en_key",
    "en_words",
    "lexicon",
    "locate",
    "locate_words",
]


#: English function words (and light verbs) that carry no content of their own.
STOPWORDS = frozenset(["a", "an", "the", "of", "to", "in", "on", "at", "by", "for", "from", "with", "as", "and", "or", "but", "if", "than", "then", "that", "this", "these", "those", "it", "its", "they", "them", "their", "there", "here", "he", "she", "his", "her", "him", "we", "our", "us", "you", "your", "i", "me", "my", "is", "are", "was", "were", "be", "been", "being", "am", "has", "have", "had", "having", "do", "does", "did", "done", "will", "would", "shall", "should", "can", "could", "may", "might", "must", "not", "no", "nor", "so", "such", "too", "very", "also", "just", "only", "about", "into", "onto", "over", "under", "after", "before", "during", "while", "when", "where", "which", "who", "whom", "whose", "what", "why", "how", "all", "any", "both", "each", "few", "more", "most", "other", "others", "some", "own", "same", "up", "down", "out", "off", "again", "further", "once", "said", "say", "says", "saying", "told", "tell", "tells", "added", "adding", "according", "per", "via", "whether", "either", "neither", "yet", "still", "new", "one", "ones", "its", "itself", "themselves", "himself", "herself", "we've", "i'm", "it's", "n't", "s", "mr", "mrs", "ms", "dr", "st", "there's", "that's", "what's", "well", "even", "much", "many", "lot", "lots", "thing", "things", "way", "ways", "part", "make", "made", "take", "took", "come", "came", "go", "went", "get", "got", "give", "gave", "put", "set", "see", "seen", "know", "known", "think", "thought", "want", "wanted", "like"])


def content_keys(text: str) -> set[str]:
    """Matching keys of the English content words of a text (no stopwords, no numbers)."""
    return {en_key(t.text) for t in tokenize(text)
            if t.kind == "lat" and len(t.text) > 1 and t.text.lower() not in STOPWORDS}


def en_words(text: str) -> list[Token]:
    return [t for t in tokenize(text) if t.kind in ("lat", "num", "other")]


def ar_words(text: str) -> list[Token]:
    return [t for t in tokenize(text) if t.kind in ("ar", "num", "lat", "other")]


@lru_cache(maxsize=65536)
def _ar_candidates(word: str) -> tuple[str, ...]:
    """Clitic readings of a word; an imperfect verb also read with the 3rd-person prefix «يـ» that
    lexicon entries use («توفر» → «يوفر», «نعمل» → «يعمل»)."""
    forms = strip_clitics(normalize_ar(word))
    return tuple(dict.fromkeys([*forms, *("ي" + f[1:] for f in forms if len(f) >= 4 and f[0] in "تنا")]))


def ar_matches(stem: str, word: str) -> bool:
    """Does an Arabic word (any clitics, inflectional suffixes) carry this normalised stem?"""
    for cand in _ar_candidates(word):
        if cand == stem:
            return True
        if len(stem) >= 3 and cand.startswith(stem) and len(cand) - len(stem) <= 3:
            return True
    return False


def carried_stems(forms: Iterable[str]) -> frozenset[str]:
    """Every stem ``s`` that one of ``forms`` carries by the rule of :func:`ar_matches`: the form
    itself, or a prefix of three letters or more that it extends by at most three."""
    out: set[str] = set()
    for form in forms:
        out.add(form)
        out.update(form[:k] for k in range(max(3, len(form) - 3), len(form)))
    return frozenset(out)


@lru_cache(maxsize=65536)
def ar_stems_matched(word: str) -> frozenset[str]:
    """Every stem ``s`` with ``ar_matches(s, word)`` (one set test per stem instead)."""
    return carried_stems(_ar_candidates(word))


# -- the fallback aligner ----------------------------------------------------------------------
@lru_cache(maxsize=65536)
def participle_stems(word: str) -> frozenset[str]:
    """Stems a participle or verbal noun carries behind its «مـ» prefix («المدافعة» → «دافع»,
    «مستخدم» → «ستخدم»): the lexicon lists the verb, the translation used the noun."""
    return carried_stems(c[1:] for c in _ar_candidates(word) if len(c) >= 5 and c[0] == "م")


#: Arabic function words (matching form): prepositions and pronoun-carrying prepositions,
#: conjunctions, particles (not negations: they carry polarity), demonstratives, relatives,
#: pronouns, the copula and modal verbs. An English content word never comes from one of these, so
#: a located range skips them.
_AR_FUNCTION = frozenset(normalize_ar(w) for w in """
في من على إلى الى عن مع حتى منذ عند لدى بين خلال حول نحو ضد عبر لـ له لها لهم لهما به بها بهم فيه فيها فيهم
منه منها منهم عليه عليها عليهم إليه إليها عنه عنها معه معها أو ثم لكن ولكن بل أم أن إن أنه أنها إنه إنها أنهم
إنهم لأن كان كانت كانوا يكون تكون يكونوا قد لقد سوف ما هل إذا إذ لو كما مثل هذا هذه ذلك تلك هؤلاء أولئك الذي
التي الذين اللذين اللتين اللاتي اللواتي هو هي هم هما هن نحن أنا أنت أنتم هناك هنا يمكن يجب ينبغي أيضا أيضاً
وهو وهي وهم وقد وما وأن وإن حيث بينما عندما كل بعض أي
""".split())  # noqa: SIM905


def ar_function_word(text: str) -> bool:
    """Is an Arabic token a function word (with or without a leading «و»/«ف»)?"""
    w = normalize_ar(text)
    return w in _AR_FUNCTION or (len(w) > 2 and w[0] in "وف" and w[1:] in _AR_FUNCTION)


_NUM_CLEAN = re.compile(r"[,\u066c\s]")


def _num_key(text: str) -> str:
    return _NUM_CLEAN.sub("", normalize_digits(text)).replace("\u066b", ".")


@dataclass(frozen=True)
class Alignment:
    """For each English word, its Arabic word index (or None) and whether it was a lexical anchor."""

    en: tuple[Token, ...]
    ar: tuple[Token, ...]
    target: tuple[int | None, ...]
    anchored: tuple[bool, ...]

    def anchored_ar(self, exclude: Iterable[int] = ()) -> set[int]:
        skip = set(exclude)
        return {j for i, j in enumerate(self.target) if self.anchored[i] and j is not None and i not in skip}


def _anchor_scores(en: Token, ar: Sequence[Token], ar_nums: Sequence[str | None],
                   lex: dict[str, tuple[str, ...]]) -> list[float]:
    """How strongly one English word anchors to each Arabic word: 1 for the same number or Latin
    word, 0.9 for a lexicon rendering, the transliteration similarity for a name or loanword."""
    if en.kind == "num":
        key = _num_key(en.text)
        return [1.0 if k is not None and k == key else 0.0 for k in ar_nums]
    lower = en.text.lower()
    stems = renderings(en.text) if lower not in STOPWORDS else lex.get(en_key(en.text))
    if not stems:
        stems = _calendar_stems(lower, capital=en.text[:1].isupper())
    # Names, and loanwords the translation transliterated («الإنفورسمنت» for "enforcement").
    name = en.text[:1].isupper() and len(en.text) >= 3
    translit = not stems and lower not in STOPWORDS and (name or len(en.text) >= 6)
    floor = 0.75 if name else 0.8
    out = []
    for tok, num in zip(ar, ar_nums, strict=True):
        score = 0.0
        if num is not None:
            pass
        elif tok.kind == "lat":
            score = 1.0 if tok.text.lower() == lower else 0.0
        elif stems:
            score = 0.0 if ar_stems_matched(tok.text).isdisjoint(stems) else 0.9
            if not score and not participle_stems(tok.text).isdisjoint(stems):
                score = 0.85
        elif translit:  # below the floor scores 0, so the search may give up early
            score = translit_best_match(en.text, (tok.text,), floor=floor)[1]
        out.append(score)
    return out


@lru_cache(maxsize=64)
def _calendar_stems(word: str, *, capital: bool) -> tuple[str, ...]:
    """A weekday's or month's Arabic names (normalised, the article off): "Wednesday" →
    «اربعاء», "March" → «مارس», «اذار» (a month that is also a common word only when
    capitalised). Calendar words anchor a sentence well: each is one word, and the lexicon does
    not list them."""
    from mtqa.lang import arabic as ar
    from mtqa.lang import english as en_tables

    if word in en_tables.WEEKDAYS:
        names = [w for w, i in ar.WEEKDAYS.items() if i == en_tables.WEEKDAYS[word]]
    elif word in en_tables.MONTHS and (capital or word not in en_tables.AMBIGUOUS_MONTHS):
        names = [w for w, i in ar.MONTHS.items() if i == en_tables.MONTHS[word]]
    else:
        return ()
    out = {normalize_ar(n) for n in names}
    out |= {n[2:] for n in out if n.startswith("ال") and len(n) > 4}
    return tuple(sorted(out))


@lru_cache(maxsize=4096)
def align_words(ar_text: str, en_text: str) -> Alignment:
    """Align each English word of ``en_text`` to an Arabic word of ``ar_text`` (see module docs)."""
    en, ar = tuple(en_words(en_text)), tuple(ar_words(ar_text))
    n, m = len(en), len(ar)
    target: list[int | None] = [None] * n
    anchored = [False] * n
    if not n or not m:
        return Alignment(en, ar, tuple(target), tuple(anchored))
    lex = lexicon()
    ar_nums = [_num_key(t.text) if t.kind == "num" else None for t in ar]
    taken: set[int] = set()
    for i, tok in enumerate(en):
        expected = i * (m - 1) / max(n - 1, 1)
        best: tuple[float, bool, float, int] | None = None
        for j, score in enumerate(_anchor_scores(tok, ar, ar_nums, lex)):
            if not score:
                continue
            # Prefer the best match, then a word no other English word took (one-to-one), then the
            # one nearest the word's relative position.
            key = (score, j not in taken, -abs(j - expected), j)
            if best is None or key[:3] > best[:3]:
                best = key
        if best is not None:
            target[i], anchored[i] = best[3], True
            taken.add(best[3])
    anchors = [i for i in range(n) if anchored[i]]
    for i in range(n):
        if anchored[i]:
            continue
        left = max((a for a in anchors if a < i), default=None)
        right = min((a for a in anchors if a > i), default=None)
        content = _segment_position(i, left, right, target, en, ar, en_text, ar_text)
        if content is None:
            content = _content_position(i, left, right, target, en, ar, anchored)
        target[i] = content if content is not None else min(m - 1, _interpolate(i, left, right, target, en))
    return Alignment(en, ar, tuple(target), tuple(anchored))


_CLAUSE_MARKS = re.compile(r"[,;،؛]")


def _segment_position(i: int, left: int | None, right: int | None, target: Sequence[int | None],
                      en: Sequence[Token], ar: Sequence[Token], en_text: str, ar_text: str) -> int | None:
    """An English content word placed by the commas around it: where both languages put as many
    commas between the two anchors (a list, "masks, gloves, soap"), the word's comma-delimited
    item in the English is the same item in the Arabic, and it goes to the Arabic content word of
    that item at its rank. None where the commas do not correspond."""
    if left is None or right is None or not _is_content_en(en[i]):
        return None
    jl, jr = target[left], target[right]
    if jl is None or jr is None or jr - jl < 2:
        return None
    en_marks = [mt.start() for mt in _CLAUSE_MARKS.finditer(en_text, en[left].end, en[right].start)]
    ar_marks = [mt.start() for mt in _CLAUSE_MARKS.finditer(ar_text, ar[jl].end, ar[jr].start)]
    if not en_marks or len(en_marks) != len(ar_marks):
        return None
    item = sum(1 for x in en_marks if x < en[i].start)
    words = [k for k in range(left + 1, right) if _is_content_en(en[k])
             and sum(1 for x in en_marks if x < en[k].start) == item]
    inner = [j for j in range(jl + 1, jr) if _is_content_ar(ar[j])
             and sum(1 for x in ar_marks if x < ar[j].start) == item]
    if not inner or i not in words:
        return None
    return inner[min(len(inner) - 1, int((words.index(i) + 0.5) / len(words) * len(inner)))]


# English words that Arabic writes as a clitic or not at all (the article, construct-state "of").
_NO_ARABIC_WORD = frozenset({"the", "a", "an", "of", "'s", "its", "their"})


def _is_content_en(tok: Token) -> bool:
    return tok.kind == "lat" and tok.text.lower() not in STOPWORDS and len(tok.text) > 1


def _is_content_ar(tok: Token) -> bool:
    return tok.kind != "ar" or not ar_function_word(tok.text)


def _content_position(i: int, left: int | None, right: int | None, target: Sequence[int | None],
                      en: Sequence[Token], ar: Sequence[Token], anchored: Sequence[bool]) -> int | None:
    """An English content word placed among the Arabic *content* words between its anchors (its
    rank among the English content words there, scaled to the Arabic ones): a particle or a modal
    («من», «يمكن») never produces a noun. None for a function word, or where no Arabic content
    word lies on that side."""
    if not _is_content_en(en[i]):
        return None
    # Arabic reorders inside a phrase («ورق مرحاض مُعاد تدويره» for "recycled toilet paper"): the
    # words before an English word end where the furthest of them landed, those after it begin
    # where the nearest of them did.
    if left is not None:
        left = max((a for a in range(max(0, i - 6), left + 1) if anchored[a] and target[a] is not None),
                   key=lambda a: (target[a] or 0, a), default=left)
    if right is not None:
        right = min((a for a in range(right, min(len(en), i + 7)) if anchored[a] and target[a] is not None),
                    key=lambda a: (target[a] or 0, -a), default=right)
    jl = target[left] if left is not None else None
    jr = target[right] if right is not None else None
    if jl is not None and jr is not None and jl < jr:
        assert left is not None and right is not None
        if min(i - left, right - i) <= 2:
            return None  # next to an anchor: plain interpolation between the two is best
        taken = {target[a] for a in range(len(en)) if anchored[a]}
        inner = [j for j in range(jl + 1, jr) if _is_content_ar(ar[j]) and j not in taken]
        ens = [k for k in range(left + 1, right) if _is_content_en(en[k]) and not anchored[k]]
        if not inner or not ens:
            return None
        rank = ens.index(i)
        return inner[min(len(inner) - 1, int((rank + 0.5) / len(ens) * len(inner)))]
    if jl is not None and left is not None and (jr is None or right is None or i - left <= right - i):
        after = [j for j in range(jl + 1, len(ar)) if _is_content_ar(ar[j])]
        steps = sum(1 for k in range(left + 1, i + 1) if _is_content_en(en[k]))
        return after[min(steps, len(after)) - 1] if after and steps else None
    if jr is not None and right is not None:
        before = [j for j in range(jr - 1, -1, -1) if _is_content_ar(ar[j])]
        steps = sum(1 for k in range(i, right) if _is_content_en(en[k]))
        return before[min(steps, len(before)) - 1] if before and steps else None
    return None


def _interpolate(i: int, left: int | None, right: int | None, target: Sequence[int | None],
                 en: Sequence[Token]) -> int:
    n = len(en)
    m = 1 + max((t for t in target if t is not None), default=0)

    def steps(a: int, b: int) -> int:  # Arabic words expected between English positions a < b
        return sum(1 for k in range(a + 1, b + 1) if en[k].text.lower() not in _NO_ARABIC_WORD)

    jl = target[left] if left is not None else None
    jr = target[right] if right is not None else None
    if left is not None and right is not None and jl is not None and jr is not None and jl < jr:
        return jl + round(steps(left, i) / max(steps(left, right), 1) * (jr - jl))
    if left is not None and jl is not None and (right is None or jr is None or i - left <= right - i):
        return jl + steps(left, i)
    if right is not None and jr is not None:
        return max(0, jr - steps(i, right))
    return round(i * (m - 1) / max(n - 1, 1))


def locate_words(ar_text: str, en_text: str, en_start: int, en_end: int, *, max_words: int = 4
                 ) -> tuple[int, int] | None:
    """Fallback location of ``en_text[en_start:en_end]`` in ``ar_text`` (code-point span)."""
    al = align_words(ar_text, en_text)
    idx = [i for i, t in enumerate(al.en) if t.start < en_end and en_start < t.end]
    if not idx or not al.ar:
        return None
    hits = sorted({j for i in idx if (j := al.target[i]) is not None})
    if not hits:
        return None
    explained = al.anchored_ar(exclude=idx)
    own = [j for i in idx if al.anchored[i] and (j := al.target[i]) is not None]
    if not own:
        # No word of the range is anchored: prefer nearby Arabic words nothing else explains.
        centre = hits[len(hits) // 2]
        around = range(max(0, centre - 2), min(len(al.ar), centre + 3))
        free = [j for j in around if j not in explained and _is_content_ar(al.ar[j])] \
            or [j for j in around if j not in explained]
        hits = sorted(free, key=lambda j: abs(j - centre))[:max(1, min(len(idx), max_words))] or [centre]
        hits.sort()
    else:
        # The anchored words, and the range's other words where they land right next to them
        # ("three hours": "hours" anchors to «ساعات», "three" lands on «ثلاث» before it).
        near = {j for i in idx if not al.anchored[i] and (j := al.target[i]) is not None
                and any(abs(j - o) <= 1 for o in own)}
        hits = sorted({*own, *near})
    lo, hi = hits[0], hits[-1]
    if hi - lo + 1 > max_words:
        mid = hits[len(hits) // 2]
        lo, hi = max(lo, mid - max_words // 2), min(hi, mid + max_words // 2)
    return al.ar[lo].start, al.ar[hi].end


def _widen_to_words(text: str, start: int, end: int) -> tuple[int, int]:
    for tok in ar_words(text):
        if tok.start < start < tok.end:
            start = tok.start
        if tok.start < end < tok.end:
            end = tok.end
    return start, end


def locate(seg: SegmentView, en_start: int, en_end: int) -> tuple[int, int] | None:
    """The Arabic span (code points in ``seg.text``) that back-translated ``bt_text[en_start:en_end]``.

    Uses the model's own alignment when the back-translation came from a model and carries one;
    otherwise the fallback aligner. None when nothing can be located.
    """
    bt = seg.backtranslation
    if bt is None or not bt.text:
        return None
    if seg.model_bt and bt.alignment and bt.token_spans:
        spans = [al for sp, al in zip(bt.token_spans, bt.alignment)
                 if sp is not None and al is not None and sp[0] < en_end and en_start < sp[1]]
        if spans:
            start, end = min(s for s, _ in spans), max(e for _, e in spans)
            start, end = max(0, start), min(len(seg.text), end)
            if start < end:
                return _widen_to_words(seg.text, start, end)
    return locate_words(seg.text, bt.text, en_start, en_end)
