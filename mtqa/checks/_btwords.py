"""Step 1 of :mod:`mtqa.checks.divergence`: the words of a back-translation paired with those of
its source (folded form, inflection, containment, acronyms, equivalences, WordNet, transliteration).

The pairing and what it leaves unpaired (:class:`Divergence` is what step 2 reports) are shared by
the judging (:mod:`mtqa.checks._btjudge`) and the rules; nothing here is a rule.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from mtqa.lang import english as en
from mtqa.lang import translit, wordnet
from mtqa.lang.dictionaries import english_word
from mtqa.lang.translit import latin_skeleton, skeleton_similarity
from mtqa.text.normalize import normalize_digits
from mtqa.text.tokenize import tokenize
from mtqa.wordalign import STOPWORDS as _STOP
from mtqa.wordalign import en_key

#: Left to the polarity check: negation cues and their contractions.
_NEGATION = frozenset({*en.NEGATION_CUES, "can't", "won't", "don't", "didn't", "isn't"})
#: Left to the number and date checks: calendar, number, scale, currency and measure words.
_DATES_UNITS = frozenset({
    *en.WEEKDAYS, *en.MONTHS, *en.MONTH_ABBREVIATIONS, "sep", *en.CARDINALS, *en.ORDINALS, *en.SCALES,
    # ("try", the lira's ISO code, is also the verb)
    *(w for w in en.CURRENCIES if w.isalpha() and w != "try"), *(w for w in en.MEASURES if w.isalpha()),
    "percent", "percentage", "per", "cent", "kilogram", "kilograms", "ton", "tons", "tonne", "tonnes", "gram",
    "grams", "barrel", "barrels", "bpd", "mph", "degree", "degrees", "inch", "inches", "minute", "minutes",
    "hour", "hours", "second", "seconds", "gmt", "utc", "am", "pm", "a.m", "p.m", "dozen", "dozens", "half",
    "twice", "double", "triple"})
_NEGATIVE_PREFIXES = ("dis", "un", "in", "im", "il", "ir", "non", "anti", "de")
#: Light and copular verbs: a translation renders them in countless ways or not at all ("making him
#: the most expensive" → «ليصبح»), so their absence is no evidence of an omission.
_LIGHT = frozenset(en_key(w) for w in ["make", "take", "give", "get", "have", "do", "put", "set", "keep", "bring", "come", "go", "become"])
#: Measure nouns that a following figure carries ("cut the tax rate to 23%" → «خفض الضريبة إلى
#: 23%»): unrendered right before a number, they are no evidence either.
_MEASURE = frozenset(en_key(w) for w in ["rate", "level", "amount", "total", "figure", "sum", "value", "number"])
#: Words no back-translation paraphrases away: a swapped time unit (months → weeks) or a dropped
#: quantity qualifier (less than, at least) is a real change, however much else was reworded.
_TIME_UNITS = frozenset(en_key(w) for w in ["day", "days", "week", "weeks", "month", "months", "year", "years", "decade", "decades"])
_QUALIFIERS = frozenset(en_key(w) for w in ["less", "fewer", "least", "more", "most", "nearly", "almost", "over", "under"])
_NUMBER_WORDS = frozenset({*(w for w, v in en.CARDINALS.items() if 1 <= v <= 12), *en.SCALES, "dozen", "dozens",
                           "hundreds", "thousands", "half"})
_DOTTED_ACRONYM = re.compile(r"\b(?:[A-Za-z]\.){2,}")
_SENTENCE_OPENERS = ".!?:;\"“«(—–-"


@dataclass(frozen=True)
class Word:
    text: str
    start: int
    end: int
    key: str
    content: bool
    capital: bool  # capitalised and not sentence-initial: a name or a title
    number: str | None = None  # digits of a number token: numbers anchor the comparison
    possessive: bool = False  # "country's": often rendered as an adjective, weak evidence of omission
    low: str = field(init=False, repr=False, compare=False)  # lower-cased text, compared pairwise

    def __post_init__(self) -> None:
        object.__setattr__(self, "low", self.text.lower())


def _undot(text: str) -> str:
    """U.S. → "US  " (same length, so offsets hold): dotted acronyms become one word."""
    return _DOTTED_ACRONYM.sub(lambda m: m.group().replace(".", "").ljust(len(m.group())), text)


@lru_cache(maxsize=4096)
def _words(text: str) -> tuple[Word, ...]:
    """Words of an English text (sentence-level memo: a source sentence is read for the document's
    names and again for its comparison)."""
    out: list[Word] = []
    text = _undot(text)
    for tok in tokenize(text):
        if tok.kind == "num":
            out.append(Word(tok.text, tok.start, tok.end, tok.text, False, False,
                            number=re.sub(r"[^0-9.]", "", normalize_digits(tok.text)).rstrip(".")))
            continue
        if tok.kind not in ("lat", "other"):
            continue
        # Hyphenated compounds match part by part (sniffer-dog ~ dogs, Cairo-based ~ based in Cairo).
        offset = 0
        for part in re.split(r"(-)", tok.text) if "-" in tok.text else (tok.text,):
            if part and part != "-":
                out.append(_word(text, part, tok.start + offset, tok.kind))
            offset += len(part)
    return tuple(out)


def _word(text: str, part: str, start: int, kind: str) -> Word:
    low = part.lower().replace("’", "'")
    acronym = part.isupper() and len(part) >= 2
    content = kind == "lat" and (acronym or (
        low not in _STOP and low.split("'")[0] not in _STOP and len(low) > 1
        and low not in _NEGATION and low not in _DATES_UNITS))
    k = start - 1  # the last non-space character before the word (no copy of the whole prefix)
    while k >= 0 and text[k].isspace():
        k -= 1
    initial = k < 0 or text[k] in _SENTENCE_OPENERS
    return Word(part, start, start + len(part), en_key(part), content,
                part[:1].isupper() and not initial, possessive=low.endswith("'s"))


@lru_cache(maxsize=1)
def _equivalents() -> dict[str, frozenset[str]]:
    text = resources.files("mtqa").joinpath("data/lexicon_en_equiv.txt").read_text(encoding="utf-8")
    out: dict[str, frozenset[str]] = {}
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            group = frozenset(en_key(w.strip()) for w in line.split("|") if w.strip())
            for key in group:
                out[key] = out.get(key, frozenset()) | group
    return out


def _same(a: Word, b: Word) -> bool:
    """Do two English words (back-translation, source) count as the same content?"""
    x, y = a.key, b.key
    if x == y:
        return True
    if y in _equivalents().get(x, ()):
        return True
    lx, ly = a.low, b.low
    if lx[:1] == ly[:1]:  # else no common prefix: skip the prefix rules
        cp = len(_common_prefix(lx, ly))
        shorter = min(len(lx), len(ly))
        if cp >= 5 or (cp >= 4 and cp >= 0.66 * shorter) or (cp == shorter >= 3):
            return True
    if len(ly) >= 4 and lx.endswith(ly):  # quake → earthquake: the back-translation says more
        return True
    if a.text[:1].isupper() and b.text[:1].isupper() and min(len(lx), len(ly)) >= 4 \
            and skeleton_similarity(latin_skeleton(a.text), latin_skeleton(b.text)) >= translit.MATCH:
        return True
    # The same sense in other words ("intends"/"planned", "isolation"/"isolate"): WordNet synonyms
    # and words one relation apart.
    # Capitalised words of an institution's name may name it by a broader kind ("Department" of
    # Health for its "Ministry"); elsewhere a broader word is no paraphrase.
    # A name matches a name: "World" of the World Bank is no synonym of a source's "global"; and
    # within names only the same kind of thing, or a broader kind, matches ("Department" for
    # "Ministry", not "World" for "International").
    named = a.text[:1].isupper() and b.text[:1].isupper()
    return (a.content and b.content and _name_like(a) == _name_like(b) and _common(a) and _common(b)
            and wordnet.related(lx, ly, kind_of=named, links=not named))


def _name_like(w: Word) -> bool:
    """Capitalised mid-sentence, and not a common noun's acronym ("TV" is television)."""
    return w.capital and not (w.text.isupper() and wordnet.known(w.low))


def _common(w: Word) -> bool:
    """A word WordNet may compare by sense: lower case, or a capitalised common noun ("Ministry",
    "TV"), not a name ("Moon", "Hu")."""
    return not w.text[:1].isupper() or english_word(w.text)


def _common_prefix(a: str, b: str) -> str:
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return a[:n]


def _acronyms(text: str) -> set[str]:
    return {re.sub(r"[^A-Z]", "", t.text) for t in tokenize(_undot(text))
            if t.kind == "lat" and sum(map(str.isupper, t.text)) >= 2}


def _expansions(words: Sequence[Word], acronyms: set[str]) -> dict[int, str]:
    """Indices of capitalised runs whose initials spell (in any order) an acronym of the other text,
    each with the acronym it expands."""
    found: dict[int, str] = {}
    keys = {"".join(sorted(a)): a for a in acronyms if a}
    for i in range(len(words)):
        initials = ""
        run: list[int] = []
        for j in range(i, min(len(words), i + 7)):
            w = words[j]
            if not w.text[:1].isupper():
                if w.text.lower() in ("of", "and", "for", "the"):
                    continue
                break
            initials += w.text[0]
            run.append(j)
            if "".join(sorted(initials)) in keys:
                found.update((k, keys["".join(sorted(initials))]) for k in run)
    return found


@dataclass
class _Diff:
    bt: Sequence[Word]
    src: Sequence[Word]
    bt_match: list[int | None]
    src_match: list[int | None]


class _SameIndex:
    """Source content words by what :func:`_same` can match on, so that a back-translation word is
    compared only with the words it could possibly match (same key, an equivalent key, the same
    first or last letter, or both capitalised) instead of the whole sentence."""

    def __init__(self, src: Sequence[Word]) -> None:
        self.src = src
        self.by_key: dict[str, list[int]] = {}
        self.by_first: dict[str, list[int]] = {}
        self.by_last: dict[str, list[int]] = {}
        self.capitalised: list[int] = []
        self.content = [j for j, s in enumerate(src) if s.content and _common(s)]
        for j, s in enumerate(src):
            if s.content:
                self.by_key.setdefault(s.key, []).append(j)
                self.by_first.setdefault(s.low[:1], []).append(j)
                self.by_last.setdefault(s.low[-1:], []).append(j)
                if s.text[:1].isupper():
                    self.capitalised.append(j)

    def same(self, b: Word) -> list[int]:
        """Indices j (ascending) of the source content words with ``_same(b, src[j])``."""
        pool = {*self.by_first.get(b.low[:1], ()), *self.by_last.get(b.low[-1:], ())}
        for key in (b.key, *_equivalents().get(b.key, ())):
            pool.update(self.by_key.get(key, ()))
        if b.text[:1].isupper():
            pool.update(self.capitalised)
        if b.content and _common(b):  # a synonym shares no letters: every common content word may be one
            pool.update(self.content)
        return [j for j in sorted(pool) if _same(b, self.src[j])]


def _diff(bt_text: str, source: str) -> _Diff:
    bt, src = _words(bt_text), _words(source)
    bt_match: list[int | None] = [None] * len(bt)
    src_match: list[int | None] = [None] * len(src)
    index = _SameIndex(src)
    for i, b in enumerate(bt):
        if b.number:
            nums = [j for j, s in enumerate(src) if s.number == b.number and src_match[j] is None]
            if nums:
                bt_match[i], src_match[nums[0]] = nums[0], i
            continue
        if not b.content:
            continue
        cands = index.same(b)
        if cands:
            # The nearest free candidate by relative position keeps repeated words apart.
            pos = i / max(len(bt), 1)
            free = [j for j in cands if src_match[j] is None] or cands
            # The same word before a related one: "product" pairs with the source's "product",
            # not with "quantities" nearer its position (a product is also a quantity in WordNet).
            same = [j for j in free if src[j].key == b.key or src[j].low == b.low]
            j = min(same or free, key=lambda k: abs(k / max(len(src), 1) - pos))
            bt_match[i] = j
            src_match[j] = i
    # A two-word term on one side and one word on the other ("Prime Minister" / "Premier", "set
    # off" / "sparked"): WordNet lists the pair as one lemma. The word left over in the pair is
    # matched to the same source word as its partner, or both to a source word still unmatched.
    _match_pairs(bt, src, bt_match, src_match)
    # An acronym on one side and its expansion on the other match each other.
    for words, match, other, other_match, other_text in ((bt, bt_match, src, src_match, source),
                                                         (src, src_match, bt, bt_match, bt_text)):
        for i, acronym in _expansions(words, _acronyms(other_text)).items():
            match[i] = match[i] if match[i] is not None else -1
            for j, w in enumerate(other):
                if w.text.upper() == w.text and re.sub(r"[^A-Z]", "", _undot(w.text)) == acronym:
                    other_match[j] = other_match[j] if other_match[j] is not None else -1
    return _Diff(bt, src, bt_match, src_match)


def _match_pairs(bt: Sequence[Word], src: Sequence[Word], bt_match: list[int | None],
                 src_match: list[int | None]) -> None:
    for words, match, other, other_match in ((bt, bt_match, src, src_match), (src, src_match, bt, bt_match)):
        for i in range(len(words) - 1):
            a, b = words[i], words[i + 1]
            if not (a.text[:1].isalpha() and b.text[:1].isalpha()) or (match[i] is not None and match[i + 1] is not None):
                continue
            if not (a.content or b.content) or not _common(a) or not _common(b):
                continue
            pair = f"{a.low} {b.low}"
            if not wordnet.known(pair):
                continue
            partner = match[i] if match[i] is not None else match[i + 1]
            if partner is not None and partner >= 0:
                if wordnet.related(pair, other[partner].low):
                    match[i] = match[i] if match[i] is not None else partner
                    match[i + 1] = match[i + 1] if match[i + 1] is not None else partner
                continue
            for j, w in enumerate(other):
                if other_match[j] is None and w.content and _common(w) and wordnet.related(pair, w.low):
                    match[i] = match[i + 1] = j
                    other_match[j] = i
                    break


# -- judging what is left unmatched ------------------------------------------------------------
@dataclass(frozen=True)
class Divergence:
    kind: str  # "calque" | "added-name" | "omission" | "mistranslation"
    bt_span: tuple[int, int] | None  # what to locate in the Arabic (back-translation offsets)
    source_words: tuple[str, ...]
    bt_words: tuple[str, ...]
    #: The back-translation has at least as many unexplained words as the source: the gap may be
    #: a paraphrase (synonyms, reordering) rather than a loss, so it is reported as a hint.
    weak: bool = False
    #: Found by sense: the source words (unknown to the lexicon) and the back-translated words in
    #: their place are WordNet words with no sense in common ("sanitiser" / "fertilizer").
    sense: bool = False
