"""Latin ↔ Arabic transliteration similarity for names and loanwords.

Both scripts are reduced to a *consonant skeleton* over one shared alphabet (vowels dropped,
since Arabic writes short vowels optionally and long ones as ا/و/ي): "Khalil" → ``xll`` and
«خليل»/«خاليل» → ``xll``; "Pütürge" → ``btrg`` and «بوتورغه» → ``btrg``. Skeletons are compared
with an edit distance that charges half for sounds the scripts render interchangeably (k/q/g,
t/d, s/z, h/x). Used by the name checks and useful to any check that asks "is this Arabic word a
transliteration of that English word?" (e.g. a garbled loanword such as «الإنتربنكينغ»).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from functools import lru_cache

from mtqa.text.normalize import normalize_ar, strip_clitics

__all__ = ["arabic_skeleton", "best_match", "fold_latin", "latin_skeleton", "similarity", "skeleton_similarity"]

_LATIN_SPECIAL = {"ı": "i", "ł": "l", "ß": "ss", "ø": "o", "æ": "ae", "œ": "oe", "đ": "d", "þ": "th"}
# Turkish ş/ç and similar letters keep their sound, not just their base letter.
_LATIN_SOUND = {"ş": "sh", "ș": "sh", "ç": "ch", "č": "ch", "š": "sh", "ž": "zh", "ğ": "g"}
_DIGRAPHS = [("sch", "S"), ("tch", "S"), ("sh", "S"), ("ch", "S"), ("kh", "X"), ("gh", "g"), ("th", "t"),
             ("dh", "d"), ("ph", "f"), ("ck", "k"), ("qu", "k"), ("zh", "j"), ("dj", "j"), ("ts", "s"),
             ("tz", "s"), ("x", "ks")]
_LATIN_MAP = {"b": "b", "p": "b", "t": "t", "d": "d", "k": "k", "c": "k", "q": "k", "g": "g", "j": "j",
              "s": "s", "z": "z", "f": "f", "v": "f", "h": "h", "l": "l", "m": "m", "n": "n", "r": "r",
              "S": "S", "X": "x"}
_ARABIC_MAP = {"ب": "b", "پ": "b", "ت": "t", "ط": "t", "ث": "t", "ج": "j", "ح": "h", "ه": "h", "خ": "x",
               "د": "d", "ذ": "d", "ض": "d", "ر": "r", "ز": "z", "ظ": "z", "س": "s", "ص": "s", "ش": "S",
               "غ": "g", "ف": "f", "ڤ": "f", "ق": "k", "ك": "k", "گ": "g", "ل": "l", "م": "m", "ن": "n",
               "و": "w", "ي": "y"}
#: Pairs of skeleton letters that transliteration swaps freely: half an edit.
_NEAR = {frozenset(p) for p in ("kg", "gj", "td", "sz", "hx", "bf", "Ss", "jz", "gx", "fw")}


def fold_latin(text: str) -> str:
    """Lower-cased Latin text with diacritics dropped (ı→i, ø→o); Turkish ş/ç become sh/ch."""
    out = []
    for ch in text.lower():
        if ch in _LATIN_SOUND:
            out.append(_LATIN_SOUND[ch])
            continue
        ch = _LATIN_SPECIAL.get(ch, ch)
        out.append("".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c)))
    return "".join(out)


@lru_cache(maxsize=16384)
def latin_skeleton(word: str) -> str:
    """Consonant skeleton of a Latin-script word or name."""
    w = re.sub(r"[^a-z]", "", fold_latin(word))
    w = re.sub(r"c(?=[eiy])", "s", w)  # Cecilia → s-s-l
    w = re.sub(r"^y(?=[aeiou])", "Y", w)  # initial consonantal y / w survive as consonants
    w = re.sub(r"^w(?=[aeiou])", "W", w)
    w = re.sub(r"h$", "", w)  # final -h is a vowel marker (Fatimah)
    for a, b in _DIGRAPHS:
        w = w.replace(a, b)
    out = [_LATIN_MAP.get(c, "") if c not in "YW" else c.lower() for c in w]
    return _collapse("".join(out))


@lru_cache(maxsize=16384)
def arabic_skeleton(word: str, *, strip_article: bool = True) -> str:
    """Consonant skeleton of an Arabic word (normalised; ال and و/ي as vowels dropped)."""
    w = normalize_ar(word)
    w = re.sub(r"[^\u0621-\u064a\u067e\u06a4\u06af]", "", w)
    if strip_article and w.startswith("ال") and len(w) > 4:
        w = w[2:]
    w = re.sub(r"ه$", "", w)  # ta marbuta / final ha: a vowel ending
    out = []
    for i, ch in enumerate(w):
        mapped = _ARABIC_MAP.get(ch, "")
        # و/ي are consonants only word-initially or between two long vowels; elsewhere vowels.
        if mapped in ("w", "y") and i > 0:
            mapped = ""
        out.append(mapped)
    return _collapse("".join(out))


def _collapse(s: str) -> str:
    return re.sub(r"(.)\1+", r"\1", s)


def _distance(a: str, b: str) -> float:
    prev = [float(j) for j in range(len(b) + 1)]
    for i, ca in enumerate(a, 1):
        cur = [float(i)]
        for j, cb in enumerate(b, 1):
            sub = 0.0 if ca == cb else (0.5 if frozenset((ca, cb)) in _NEAR else 1.0)
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + sub))
        prev = cur
    return prev[-1]


def skeleton_similarity(a: str, b: str) -> float:
    """1 - edit distance / longer length, between two skeletons (0 when either is empty)."""
    if not a or not b:
        return 0.0
    return max(0.0, 1.0 - _distance(a, b) / max(len(a), len(b)))


def similarity(latin: str, arabic: str) -> float:
    """How plausibly ``arabic`` transliterates ``latin`` (0–1). Multi-word inputs are compared as
    one skeleton each."""
    lat = "".join(latin_skeleton(w) for w in latin.split())
    words = arabic.split()
    if len(words) == 1:  # a lone word may carry و/ب/ل: try its stems too
        return max(_similarity(lat, [stem]) for stem in strip_clitics(normalize_ar(words[0])))
    return _similarity(lat, words)


def _similarity(lat: str, words: Sequence[str]) -> float:
    stripped = "".join(arabic_skeleton(w) for w in words)
    # «الكسندر» is Alexander, «الناتو» is NATO: try the first word with and without ال.
    kept = "".join(arabic_skeleton(w, strip_article=i > 0) for i, w in enumerate(words))
    return max(skeleton_similarity(lat, stripped), skeleton_similarity(lat, kept))


def best_match(latin: str, candidates: Sequence[str]) -> tuple[int, float]:
    """Index of the candidate Arabic word that best transliterates ``latin``, and its score
    ((-1, 0.0) when there are no candidates)."""
    best, score = -1, 0.0
    for i, cand in enumerate(candidates):
        s = similarity(latin, cand)
        if s > score:
            best, score = i, s
    return best, score
