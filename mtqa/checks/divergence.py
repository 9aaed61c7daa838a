"""Divergence between a segment's back-translation and its aligned source, at word/phrase level.

Method (no model needed; the same with a model's back-translation):

1. Both English texts are cut into words; content words (not in a stopword list, not numbers) are
   matched across them by folded form (case, British/American spelling, light stem), shared
   prefix (inflection: *surprising/surprised*, *Turkey/Turkish*), containment (*quake/earthquake*),
   acronym ↔ expansion (*EU/European Union*, initials in any order), a small equivalence list
   (``mtqa/data/lexicon_en_equiv.txt``: *U.S./American*) and, for names, transliteration
   skeletons (*Khalil/Khaleel*). Word order is free.
2. What is left unmatched is judged conservatively, because a fluent back-translation paraphrases a
   correct sentence a lot (*lifted → raised*, *running above → exceeding*):

   * **calque** — a source word ends with a back-translated word that has no other counterpart
     (*overnight → night*, *flagship → ship*, *disagreed → agrees*): a literal, partial rendering;
   * **added name** — a capitalised run in the back-translation (not sentence-initial) that matches
     nothing in the source, and is not the expansion of an acronym next to it (*the World Bank*);
   * **omission / mistranslation** — source content words with no counterpart whose Arabic
     renderings (seed lexicon ``mtqa/data/lexicon_en_ar.tsv``) are all absent from the Arabic
     sentence. Where the back-translation has unmatched words at that place the Arabic there is
     flagged as a mistranslation, otherwise the Arabic next to the gap as an omission. Source words
     the lexicon does not know are never flagged alone (the Arabic might render them).

3. Flags land on the Arabic words the back-translated words align to (:func:`mtqa.wordalign.locate`:
   the model's attention when it produced the back-translation, the lexicon/position fallback
   otherwise).

Numbers, units, currencies, dates and negation are left to the number and polarity checks. A
sentence whose back-translation chrF falls below ``thresholds.segment_chrf`` is marked as a whole.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from mtqa.checks.base import Context, Finding, SegmentView, check
from mtqa.lang import english as en
from mtqa.lang import wordnet
from mtqa.lang.dictionaries import english_word, english_zipf, spelled_en
from mtqa.lang.lexicon import renderings
from mtqa.text.normalize import normalize_ar, normalize_digits, strip_clitics
from mtqa.text.tokenize import tokenize
from mtqa.translit import best_match as translit_best_match
from mtqa.translit import latin_skeleton, skeleton_similarity
from mtqa.wordalign import STOPWORDS as _STOP
from mtqa.wordalign import ar_words, carried_stems, en_key, locate

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
            and skeleton_similarity(latin_skeleton(a.text), latin_skeleton(b.text)) >= 0.7:
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


_IMPERFECT = ("ي", "ت", "ن", "ا")


@lru_cache(maxsize=4096)
def _ar_forms(ar_text: str) -> tuple[frozenset[str], str]:
    """The one-word stems the sentence renders (see :func:`_renders`) and its normalised text."""
    forms: set[str] = set()
    for tok in ar_words(ar_text):
        for cand in strip_clitics(normalize_ar(tok.text)):
            forms.add(cand)
            if len(cand) >= 4 and cand.startswith(_IMPERFECT):
                forms.add(cand[1:])  # يلزم / تلزم / نلزم share the stem لزم
    return carried_stems(forms), " ".join(normalize_ar(ar_text).split())


def _renders(stems: Sequence[str], ar_text: str) -> bool:
    """Does the Arabic sentence contain one of a source word's lexicon renderings?"""
    rendered, flat = _ar_forms(ar_text)
    return any(stem in flat if " " in stem else stem in rendered for stem in stems)


def _base(w: Word) -> str:
    return w.key.rstrip("e")


def _extend(words: Sequence[Word], match: Sequence[int | None], i: int, limit: int = 3) -> tuple[int, int]:
    """Grow an unmatched back-translation word into its unmatched phrase (stopwords inside kept)."""
    def free(k: int) -> bool:
        return 0 <= k < len(words) and match[k] is None

    lo = hi = i
    for step in (-1, 1):
        k, taken = i, 0
        while taken < limit:
            nxt = k + step
            if free(nxt) and words[nxt].content:
                k, taken = nxt, taken + 1
            elif free(nxt) and free(nxt + step) and words[nxt + step].content and not words[nxt].content:
                k, taken = nxt + step, taken + 2
            else:
                break
        lo, hi = (k, hi) if step < 0 else (lo, k)
    return lo, hi


@lru_cache(maxsize=2048)
def analyse(ar_text: str, bt_text: str, source: str, doc_names: frozenset[str] = frozenset()
            ) -> tuple[Divergence, ...]:
    """Every divergence between a back-translation and its source (see the module docstring)."""
    d = _diff(bt_text, source)
    out: list[Divergence] = []
    used_src: set[int] = set()
    used_bt: set[int] = set()
    # 1. calques: the source word ends with an unmatched back-translated word
    for j, s in enumerate(d.src):
        if not s.content or d.src_match[j] is not None or len(s.text) < 6:
            continue
        for i, b in enumerate(d.bt):
            if (b.content and d.bt_match[i] is None and i not in used_bt and len(_base(b)) >= 3
                    and _base(s).endswith(_base(b)) and len(_base(s)) - len(_base(b)) >= 2
                    and not _base(s).startswith(_NEGATIVE_PREFIXES)
                    and not _transliterates_rest(_base(s)[: len(_base(s)) - len(_base(b))], ar_text)):
                lo, hi = _extend(d.bt, d.bt_match, i)
                used_bt.update(range(lo, hi + 1))
                used_src.add(j)
                out.append(Divergence("calque", (d.bt[lo].start, d.bt[hi].end), (s.text,),
                                      tuple(w.text for w in d.bt[lo:hi + 1])))
                break
    # 2. names the source does not have
    src_acr = _acronyms(source)
    i = 0
    while i < len(d.bt):
        b = d.bt[i]
        if not (b.capital and b.content):
            i += 1
            continue
        j = i
        # A name runs over capitalised words (and "of"/"and" between them), never across punctuation.
        while (j + 1 < len(d.bt) and not bt_text[d.bt[j].end:d.bt[j + 1].start].strip(" -")
               and (d.bt[j + 1].text[:1].isupper() or (d.bt[j + 1].text in ("of", "and") and j + 2 < len(d.bt)
                                                       and d.bt[j + 2].text[:1].isupper()))):
            j += 1
        run = range(i, j + 1)
        unknown = [k for k in run if d.bt[k].content and d.bt[k].text[:1].isupper() and d.bt_match[k] is None
                   and d.bt[k].key not in doc_names and k not in used_bt and not _spells_head(d.bt[k], d.src)]
        gloss = re.match(r"\s*\(([^)]{2,12})\)", bt_text[d.bt[j].end:])
        glossed = gloss is not None and (re.sub(r"[^A-Z]", "", gloss.group(1)) in src_acr
                                         or gloss.group(1) in source)
        if unknown and not glossed:
            lo, hi = unknown[0], unknown[-1]
            while lo - 1 >= i and d.bt_match[lo - 1] is None and d.bt[lo - 1].text[:1].isupper():
                lo -= 1
            while hi + 1 <= j and d.bt_match[hi + 1] is None and d.bt[hi + 1].text[:1].isupper():
                hi += 1
            used_bt.update(range(lo, hi + 1))
            out.append(Divergence("added-name", (d.bt[lo].start, d.bt[hi].end), (),
                                  tuple(w.text for w in d.bt[lo:hi + 1])))
        i = j + 1
    # 2b. a source name or title that the back-translation reads as common words
    out.extend(_literal_names(d, source, ar_text))
    # 2c. the same figure in another unit of the same dimension (hectares → acres)
    out.extend(_unit_swaps(d))
    # 3. source content the Arabic does not render
    spare_bt = sum(1 for i, b in enumerate(d.bt) if b.content and d.bt_match[i] is None and i not in used_bt)
    unexplained = sum(1 for j, s in enumerate(d.src) if s.content and d.src_match[j] is None and j not in used_src)
    weak = spare_bt >= unexplained
    j = 0
    while j < len(d.src):
        if not d.src[j].content or d.src_match[j] is not None or j in used_src:
            j += 1
            continue
        k = j
        while k + 1 < len(d.src) and d.src_match[k + 1] is None \
                and (k + 1) not in used_src and k + 1 - j < 8:
            k += 1
        while k > j and not d.src[k].content:
            k -= 1
        missing = [d.src[x] for x in range(j, k + 1) if d.src[x].content and d.src_match[x] is None]
        evidence = [w for x, w in enumerate(d.src[j:k + 1], j) if w.content and d.src_match[x] is None
                    and not w.possessive and renderings(w.text) and not _implied(d.src, x)]
        absent = [w for w in evidence if not _renders(renderings(w.text), ar_text)]
        sense = None
        if not evidence:
            sense = _sense_shift(d, j, k, missing, used_bt)
        if (absent and len(absent) > len(evidence) - len(absent)) or sense is not None:
            div = sense or _place(d, j, k, tuple(w.text for w in missing), used_bt)
            figure = next((f for w in absent if (f := _qualifies_number(source, w))), None)
            firm = figure is not None or bool(
                {w.key for w in absent} & _TIME_UNITS and {en_key(b) for b in div.bt_words} & _TIME_UNITS) or (
                weak and any(b.islower() and b.isalpha() and not english_word(b) for b in div.bt_words))
            span = div.bt_span
            if figure is not None and div.kind == "omission":
                # The qualifier belongs on its figure: flag where the figure stands.
                at = re.search(rf"(?<![\w.]){re.escape(figure)}(?:\s+[A-Za-z]+)?", bt_text)
                span = (at.start(), at.end()) if at else span
            # A verb or adverb missing with nothing in its place is mostly restructuring ("limited
            # the amount to" → "set the amount at", "deeply concerned" → "very concerned"): a fluent
            # back-translation absorbs them into other words. A lost noun or adjective (a thing, a
            # place, "alive") is not absorbed that way, so those stay firm.
            verbal = div.kind == "omission" and all(
                not w.capital and (share := wordnet.pos_share(w.low, "vr")) is not None and share > 0.5 for w in missing)
            out.append(Divergence(div.kind, span, div.source_words, div.bt_words,
                                  weak=(weak or verbal) and not firm and sense is None, sense=sense is not None))
        j = k + 1
    return tuple(o for o in out if o.bt_span is not None)


def _spells_head(b: Word, src: Sequence[Word]) -> bool:
    """Is a capitalised back-translated word the sound of the first part of a longer source word
    ("Qurona" in "Qurona virus" for *coronavirus*): the compound's head kept as a loanword, no
    added name."""
    head = latin_skeleton(b.text)
    return len(head) >= 3 and any(len(s.text) >= len(b.text) + 3 and latin_skeleton(s.text).startswith(head)
                                  for s in src if s.content)


def _transliterates_rest(rest: str, ar_text: str) -> bool:
    """Does the Arabic spell out, in letters, the rest of a compound the back-translation keeps
    only the tail of? Then the compound is rendered whole, its head as a loanword, and only the
    back-translation misspells it: «فيروس كرونا» for *coronavirus* read as "krona virus"."""
    rest = rest.strip("-")
    if len(rest) < 4:
        return False
    words = tuple(t.text for t in ar_words(ar_text) if t.kind == "ar")
    return translit_best_match(rest, words, floor=0.85)[1] >= 0.85


def _units(words: Sequence[Word]) -> dict[str, list[int]]:
    """Each figure followed by a unit of measure: its digits → indices of the unit words."""
    out: dict[str, list[int]] = {}
    for i, w in enumerate(words[:-1]):
        if w.number and words[i + 1].low in en.MEASURES:
            out.setdefault(w.number, []).append(i + 1)
    return out


def _unit_swaps(d: _Diff) -> Iterator[Divergence]:
    """A figure the back-translation keeps with a different unit of the same dimension: "8,600
    hectares" → "8,600 acres", "12 miles" → "12 kilometres" (a converted figure would change
    too: the number checks judge that)."""
    src_units = _units(d.src)
    if not src_units:
        return
    for number, at in _units(d.bt).items():
        theirs = {en.MEASURES[d.src[k].low] for k in src_units.get(number, ())}
        for k in at:
            unit = en.MEASURES[d.bt[k].low]
            family = en.MEASURE_FAMILY.get(unit)
            others = [u for u in theirs if u != unit and en.MEASURE_FAMILY.get(u) == family]
            if family and others and unit not in theirs:
                src_word = next(d.src[j].text for j in src_units[number] if en.MEASURES[d.src[j].low] == others[0])
                yield Divergence("mistranslation", (d.bt[k - 1].start, d.bt[k].end),
                                 (d.src[src_units[number][0] - 1].text, src_word), (d.bt[k - 1].text, d.bt[k].text))


_CONNECTORS = frozenset({"of", "and", "a", "an", "the", "for", "on", "in", "to"})


def _literal_names(d: _Diff, source: str, ar_text: str) -> Iterator[Divergence]:
    """Capitalised source names (a person, a work, a brand, a publication: not an institution,
    office, place or event, which Arabic translates word by word) whose words the back-translation
    renders as lower-case common words: "the impeachment of Moon" → "of the moon", "Foreign
    Policy" (the magazine) → "the foreign policy". A line in Title Case throughout (a headline)
    says nothing."""
    src = d.src
    content = [w for w in src if w.content and w.text[:1].isalpha()]
    if not content or sum(w.text[:1].isupper() for w in content) > 0.6 * len(content):
        return
    latin_ar = {t.lower() for t in re.findall(r"[A-Za-z]{2,}", ar_text)}
    j = 0
    while j < len(src):
        if not (src[j].capital and src[j].text[:1].isalpha()):
            j += 1
            continue
        k = j
        while k + 1 < len(src) and not source[src[k].end:src[k + 1].start].strip(" -") and (
                src[k + 1].text[:1].isupper()
                or (src[k + 1].low in _CONNECTORS and k + 2 < len(src) and src[k + 2].text[:1].isupper()
                    and not source[src[k + 1].end:src[k + 2].start].strip(" -"))):
            k += 1
        run = [x for x in range(j, k + 1) if src[x].text[:1].isupper()]
        j = k + 1
        words = [src[x] for x in run]
        if any(w.text.isupper() or w.number or w.low in en.TRANSLATED_NAME_HEADS
               or w.low.rstrip("s") in en.TRANSLATED_NAME_HEADS or w.low in latin_ar for w in words):
            continue
        if any(w.low in _DATES_UNITS or not w.content and w.low not in _STOP for w in words):
            continue
        named = [x for x in run if src[x].content]
        if len(named) > 3:
            continue  # a long designation ("… of International …") is a term, and translated
        lowered = [i for x in named if (i := d.src_match[x]) is not None and i >= 0
                   and d.bt[i].text[:1].islower() and english_word(d.bt[i].text)]
        if not lowered or 2 * len(lowered) < len(named):
            continue
        lo, hi = min(lowered), max(lowered)
        if hi - lo > len(named) + 1:
            continue  # the words scattered over the sentence: not one name read literally
        # the name's other words, read as something else, stand right next to them
        while hi + 1 < len(d.bt) and hi - lo + 1 < len(named) and d.bt[hi + 1].content and d.bt_match[hi + 1] is None:
            hi += 1
        yield Divergence("literal-name", (d.bt[lo].start, d.bt[hi].end), tuple(w.text for w in words),
                         tuple(w.text for w in d.bt[lo:hi + 1]))


def _sense_shift(d: _Diff, j: int, k: int, missing: Sequence[Word], used_bt: set[int]) -> Divergence | None:
    """A mistranslation found by sense alone: the source words the lexicon cannot look up are all
    WordNet words, and so are the back-translated words standing in their place, with no sense
    related between the two sides."""
    src = [w for w in missing if not w.capital and wordnet.known(w.low)]
    if not src or len(src) < len(missing) or any(_negative_form(w.low) for w in src):
        return None  # (a negative-prefix word against its positive stem is the polarity check's)
    div = _place(d, j, k, tuple(w.text for w in missing), used_bt)
    if div.kind != "mistranslation" or not div.bt_words:
        return None
    # the back-translated words in the gap that are not names (a capital at the start of the
    # sentence is no name when the word is also written in lower case: "Outputs such as …", not
    # "Shiite shrines …")
    lo, hi = div.bt_span or (0, 0)
    bt = [b.low for i, b in enumerate(d.bt) if lo <= b.start and b.end <= hi and b.content
          and d.bt_match[i] is None and not b.capital and (b.text[:1].islower() or spelled_en(b.low))]
    if not bt or not all(wordnet.known(b) for b in bt):
        return None
    if any(wordnet.related(s.low, b) for s in src for b in bt):
        return None
    # A rare, specific source word rendered by a far commoner, general one ("zoonotic" →
    # "believed animal", "cluster" → "group") is the translation generalising, a loss a reviewer
    # lets pass; a wrong sense reads as a word of its own rarity or an odd specific one.
    rarest = max(english_zipf(w.low) for w in src)
    if all(english_zipf(b) >= _GENERAL_ZIPF and english_zipf(b) - rarest >= _GENERALISED for b in bt):
        return None
    return div


#: wordfreq Zipf frequency of an everyday word (about once in 30,000 words and more common) …
_GENERAL_ZIPF = 4.5
#: … and how much more common than the source word it must be to count as a generalisation (1.3:
#: some twenty times as frequent).
_GENERALISED = 1.3


def _negative_form(word: str) -> bool:
    """"disagreed", "unable", "non-combat": a negative prefix on an English word."""
    return any(word.startswith(p) and len(word) - len(p) >= 4 and english_word(word[len(p):].lstrip("-"))
               for p in _NEGATIVE_PREFIXES)


def _qualifies_number(source: str, w: Word) -> str | None:
    """The figure that ``w`` qualifies when it is a quantity qualifier right before one ("less
    than two hours" → "two"), else None."""
    if w.key not in _QUALIFIERS:
        return None
    m = re.match(r"\s+(?:than\s+|to\s+)?([$€£]?[\w.,]+)", source[w.end:])
    if m is None:
        return None
    figure = m.group(1).rstrip(",.")
    return figure if figure[:1].isdigit() or figure[:1] in "$€£" or figure.lower() in _NUMBER_WORDS else None


def _implied(src: Sequence[Word], x: int) -> bool:
    """Is source word x one whose absence says nothing: a light verb, or a measure noun that the
    figure right after it carries?"""
    w = src[x]
    if w.key in _LIGHT:
        return True
    if w.key not in _MEASURE:
        return False
    after = [v for v in src[x + 1:x + 4] if v.content or v.number]
    return bool(after) and after[0].number is not None


def _place(d: _Diff, j: int, k: int, words: tuple[str, ...], used_bt: set[int]) -> Divergence:
    """Where missing source words j..k should be: unmatched back-translation words in the same gap
    (a mistranslation), else the matched neighbours around the gap (an omission)."""
    def matched(x: int) -> int | None:
        m = d.src_match[x]
        return m if m is not None and m >= 0 else None

    left = next((a for x in range(j - 1, -1, -1) if (a := matched(x)) is not None), None)
    right = next((a for x in range(k + 1, len(d.src)) if (a := matched(x)) is not None), None)
    reach = (k - j) + 8
    lo = left if left is not None else (right - reach - 1 if right is not None else -1)
    hi = right if right is not None else (left + reach + 1 if left is not None else -1)
    if lo < hi and hi - lo <= reach + 1 and (left is not None or right is not None):
        gap = [i for i in range(max(lo + 1, 0), min(hi, len(d.bt))) if d.bt[i].content
               and d.bt_match[i] is None and i not in used_bt]
        if gap:
            return Divergence("mistranslation", (d.bt[gap[0]].start, d.bt[gap[-1]].end), words,
                              tuple(d.bt[i].text for i in gap))
    anchor = left if left is not None else right
    if anchor is None:
        return Divergence("omission", None, words, ())
    span_end = right if right is not None and left is not None and 0 < right - left <= 2 else anchor
    return Divergence("omission", (d.bt[anchor].start, d.bt[span_end].end), words, ())


# -- the rules ----------------------------------------------------------------------------------
def _doc_names(ctx: Context) -> frozenset[str]:
    """Capitalised words anywhere in the source document: a name the back-translation spells out
    for a pronoun ("the company" → "Lumora") is not an addition."""
    def build() -> frozenset[str]:
        texts = [s.source for s in ctx.segments if s.source] + [gap.text for gap in ctx.unaligned_source]
        return frozenset(w.key for t in texts for w in _words(t) if w.text[:1].isupper())

    names: frozenset[str] = ctx.resource("divergence:doc-names", build)
    return names


def _findings(seg: SegmentView, ctx: Context, kind: str) -> Iterator[tuple[Divergence, tuple[int, int]]]:
    if not seg.source or not seg.bt_text:
        return
    for div in analyse(seg.text, seg.bt_text, seg.source, _doc_names(ctx)):
        if div.kind != kind or div.bt_span is None:
            continue
        span = locate(seg, *div.bt_span)
        if span is not None:
            yield div, span


def _evidence(seg: SegmentView, div: Divergence) -> dict[str, object]:
    bt = seg.bt_text or ""
    return {"source_words": list(div.source_words), "backtranslation_words": list(div.bt_words),
            "backtranslation_phrase": bt[div.bt_span[0]:div.bt_span[1]] if div.bt_span else None,
            "source": seg.source, "backtranslation": bt, "aligned_by": "model" if seg.model_bt else "fallback"}


@check("bt-calque", category="mistranslation", severity="minor", needs=("source", "backtranslation"),
       corroborated="major")
def bt_calque(seg: SegmentView, ctx: Context) -> Iterator[Finding]:
    """A literal, partial rendering of a compound: the back-translation keeps only part of a source
    word ("throughout the night" for *overnight*, "main ship" for *flagship*)."""
    for div, (start, end) in _findings(seg, ctx, "calque"):
        yield Finding(start, end, f"back-translates as «{' '.join(div.bt_words)}» where the source has "
                      f"«{div.source_words[0]}»: a literal rendering of part of the word?",
                      evidence=_evidence(seg, div))


@check("bt-added-name", category="addition", severity="minor", needs=("source", "backtranslation"),
       corroborated="major")
def bt_added_name(seg: SegmentView, ctx: Context) -> Iterator[Finding]:
    """A name or title in the back-translation that the source does not have («والبنك الدولي» →
    "and the World Bank")."""
    for div, (start, end) in _findings(seg, ctx, "added-name"):
        yield Finding(start, end, f"«{' '.join(div.bt_words)}» is not in the source (added?)",
                      evidence=_evidence(seg, div))


@check("bt-literal-name", category="name", severity="minor", needs=("source", "backtranslation"),
       corroborated="major")
def bt_literal_name(seg: SegmentView, ctx: Context) -> Iterator[Finding]:
    """A name translated word by word: a capitalised source name (a person, a work, a brand, a
    publication) that the back-translation reads as common words ("Moon" → "the moon", "Foreign
    Policy" → "the foreign policy"). Institutions, offices, places and events, which Arabic
    translates, are left alone."""
    for div, (start, end) in _findings(seg, ctx, "literal-name"):
        yield Finding(start, end, f"the name «{' '.join(div.source_words)}» back-translates as common words "
                      f"«{' '.join(div.bt_words)}»: translated word by word?", evidence=_evidence(seg, div))


@check("bt-missing", category="omission", severity="minor", needs=("source", "backtranslation"),
       corroborated="major")
def bt_missing(seg: SegmentView, ctx: Context) -> Iterator[Finding]:
    """Source content words that neither the back-translation nor the Arabic renders.

    Flagged as an omission next to where they belong, or as a mistranslation of the Arabic that
    stands in their place when the back-translation says something else there.
    """
    for kind in ("omission", "mistranslation"):
        for div, (start, end) in _findings(seg, ctx, kind):
            if div.weak:
                continue  # a paraphrase hint: right about one time in twenty-five (docs/quality.md, ledger)
            missing = " ".join(div.source_words)
            if kind == "omission":
                msg = f"source words «{missing}» are not rendered here"
            else:
                msg = f"back-translates as «{' '.join(div.bt_words)}» where the source has «{missing}»"
            if div.weak:
                msg += " (the back-translation may only paraphrase them)"
            signal = "sense" if div.sense else f"{kind}-weak" if div.weak else kind
            yield Finding(start, end, msg, category=kind, evidence={**_evidence(seg, div), "signal": signal},
                          severity="minor" if div.weak else None)


@check("bt-low-chrf", category="mistranslation", severity="minor", needs=("source", "backtranslation"),
       corroborated="major")
def bt_low_chrf(seg: SegmentView, ctx: Context) -> Iterator[Finding]:
    """The whole sentence's back-translation is far from its source (chrF below
    ``thresholds.segment_chrf``): it likely says something else."""
    chrf = seg.scores.get("chrf")
    if chrf is None or not seg.source or chrf >= ctx.config.thresholds.segment_chrf:
        return
    yield Finding(0, len(seg.text), f"back-translation chrF {chrf:.1f} is below "
                  f"{ctx.config.thresholds.segment_chrf:g}: the sentence may not translate its source",
                  evidence={"chrf": chrf, "source": seg.source, "backtranslation": seg.bt_text})
