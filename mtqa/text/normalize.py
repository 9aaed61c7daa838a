"""Arabic and English normalisation for *matching only*; reported offsets stay on the original text."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from mtqa.lang import arabic as ar

__all__ = [
    "ARABIC_LETTER",
    "fold_en",
    "has_arabic",
    "normalize_ar",
    "normalize_digits",
    "normalize_with_offsets",
    "strip_clitics",
]

ARABIC_LETTER = ar.LETTERS
_HAS_ARABIC = re.compile(f"[{ARABIC_LETTER}]")

# Harakat, tanween, shadda, sukun, superscript alef, tatweel; Quranic marks.
_DROP = ar.DIACRITICS | ar.QURANIC_MARKS
_DIGITS = {**{chr(0x0660 + i): str(i) for i in range(10)}, **{chr(0x06F0 + i): str(i) for i in range(10)}}
_FOLD = {
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ٲ": "ا", "ٳ": "ا",
    "ى": "ي", "ئ": "ي", "ی": "ي", "ي": "ي",
    "ؤ": "و",
    "ة": "ه",
    "ک": "ك", "ڪ": "ك",
    "٫": ".", "٬": ",", "٪": "%", "،": ",", "؛": ";", "؟": "?",
    **_DIGITS,
}


def _fold_char(ch: str) -> str:
    if ch in _DROP:
        return ""
    folded = _FOLD.get(ch)
    if folded is not None:
        return folded
    nfkc = unicodedata.normalize("NFKC", ch)
    # NFKC turns Arabic presentation forms back into base letters; fold those too.
    return "".join(_FOLD.get(c, c) for c in nfkc if c not in _DROP)


class _FoldTable(dict[int, str]):
    """``_fold_char`` by code point, filled on first use: lets ``str.translate`` fold in C."""

    def __missing__(self, code: int) -> str:
        folded = self[code] = _fold_char(chr(code))
        return folded


_FOLD_TABLE = _FoldTable()


@lru_cache(maxsize=65536)
def normalize_ar(text: str) -> str:
    """Matching form of Arabic text: hamza/alef, ya/alef maqsura, ta marbuta folded, diacritics and
    tatweel dropped, Arabic-Indic and Persian digits made ASCII, NFKC applied."""
    return text.translate(_FOLD_TABLE)


def normalize_with_offsets(text: str) -> tuple[str, list[int]]:
    """The normalised text and, for each of its characters, the index of the original character.

    The map has one extra entry (``len(text)``) so that an end offset maps too.
    """
    out: list[str] = []
    index: list[int] = []
    table = _FOLD_TABLE
    for i, ch in enumerate(text):
        folded = table[ord(ch)]
        out.append(folded)
        index.extend([i] * len(folded))
    index.append(len(text))
    return "".join(out), index


_DIGIT_TABLE = str.maketrans("".join(_DIGITS) + "٫٬", "".join(_DIGITS.values()) + ".,")


def normalize_digits(text: str) -> str:
    """Arabic-Indic and Persian digits and Arabic decimal/thousands separators made ASCII."""
    return text.translate(_DIGIT_TABLE)


def has_arabic(text: str) -> bool:
    return bool(_HAS_ARABIC.search(text))


_PROCLITICS = ar.PROCLITICS


def strip_clitics(word: str, *, min_stem: int = 2) -> list[str]:
    """Candidate stems of a (normalised) Arabic word with proclitics و ف ب ل ك ال removed,
    longest form first. ``لل`` (لِ + ال) is handled."""
    candidates = [word]
    for prefix in _PROCLITICS:
        if word.startswith(prefix) and len(word) - len(prefix) >= min_stem:
            candidates.append(word[len(prefix):])
    seen: set[str] = set()
    return [c for c in candidates if not (c in seen or seen.add(c))]  # type: ignore[func-returns-value]


# British → American spellings, applied to English word forms before comparison.
_EN_VARIANTS = [
    (re.compile(r"(?<=[a-z])our$"), "or"),        # colour, labour
    (re.compile(r"(?<=[a-z]{2})ise(s|d)?$"), r"ize\1"),  # organise(d)
    (re.compile(r"(?<=[a-z]{2})isation(s)?$"), r"ization\1"),
    (re.compile(r"(?<=[a-z])tre(s)?$"), r"ter\1"),   # centre, metre
    (re.compile(r"(?<=[a-z])ence$"), "ense"),        # defence, licence
    (re.compile(r"(?<=[a-z])ogue$"), "og"),          # catalogue
]
_EN_SPECIAL = {"programme": "program", "programmes": "programs", "grey": "gray", "tonne": "ton",
               "tonnes": "tons", "kilometre": "kilometer", "kilometres": "kilometers"}


@lru_cache(maxsize=65536)
def fold_en(word: str) -> str:
    """Lower-cased English word with British spellings mapped to American and a light stem."""
    w = unicodedata.normalize("NFKC", word).lower().replace("’", "'")
    w = _EN_SPECIAL.get(w, w)
    for pattern, repl in _EN_VARIANTS:
        w = pattern.sub(repl, w)
    return _stem_en(w)


def _stem_en(w: str) -> str:
    if len(w) <= 3 or not w.isalpha():
        return w
    for suffix, repl in (("ies", "y"), ("ied", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", ""), ("ly", "")):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            if suffix == "s" and w.endswith(("ss", "us", "is")):
                return w
            stem = w[: len(w) - len(suffix)] + repl
            # hoping → hop, not hopp: undouble a doubled final consonant
            if suffix in ("ing", "ed") and len(stem) > 3 and stem[-1] == stem[-2] and stem[-1] not in "lsz":
                stem = stem[:-1]
            if suffix == "es" and not w.endswith(("sses", "shes", "ches", "xes", "zes")):
                stem = w[:-1]
            return stem
    return w
