"""Step 2 of :mod:`mtqa.checks.divergence`: what the pairing leaves unmatched, judged — unit swaps,
names translated word by word, wrong senses, and where on the Arabic each finding lands.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from functools import lru_cache

from mtqa.checks._btwords import (
    _DATES_UNITS,
    _LIGHT,
    _MEASURE,
    _NEGATIVE_PREFIXES,
    _NUMBER_WORDS,
    _QUALIFIERS,
    Divergence,
    Word,
    _Diff,
)
from mtqa.lang import english as en
from mtqa.lang import translit, wordnet
from mtqa.lang.dictionaries import english_word, english_zipf, spelled_en
from mtqa.lang.translit import best_match as translit_best_match
from mtqa.lang.translit import latin_skeleton
from mtqa.text.normalize import normalize_ar, strip_clitics
from mtqa.wordalign import STOPWORDS as _STOP
from mtqa.wordalign import ar_words, carried_stems

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
    return translit_best_match(rest, words, floor=translit.SURE)[1] >= translit.SURE


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
    renders as lower-case common words: "the resignation of Stone" → "of the stone", "Foreign
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
