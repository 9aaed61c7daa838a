"""Latin ↔ Arabic transliteration similarity for names and loanwords.

Both scripts are reduced to a *consonant skeleton* over one shared alphabet (vowels dropped,
since Arabic writes short vowels optionally and long ones as ا/و/ي): "Khalil" → ``xl`` and
«خليل»/«خاليل» → ``xl``; "Pütürge" → ``btrg`` and «بوتورغه» → ``btrg``. Skeletons are compared
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

__all__ = ["LOOSE", "MATCH", "SURE", "arabic_skeleton", "best_match", "fold_latin", "latin_skeleton", "opens_with", "similarity", "skeleton_distance", "skeleton_similarity", "sounds_alike", "unusual_letters"]

# How close (:func:`similarity`, 0–1) an Arabic word must be to a Latin name, by the question asked.
# A fixed cut-off in a rule is one of these three; a rule that tunes its own declares a parameter
# (``translit_match`` defaults to MATCH, ``usual_match`` …) and says in its doc why it differs.
#: Could be a rendering of the name: enough to keep the word from being reported as something else
#: (a verb, a non-word) — a guard errs on the side of the name.
LOOSE = 0.6
#: Is a rendering of the name (the usual cut-off: vowel and doubling variants pass, another name does not).
MATCH = 0.7
#: Is certainly this name: enough to claim that the Arabic spells the English out, letter for letter.
SURE = 0.9

_LATIN_SPECIAL = {"ı": "i", "ł": "l", "ß": "ss", "ø": "o", "æ": "ae", "œ": "oe", "đ": "d", "þ": "th"}
# Turkish ş/ç, Slavic č/ć and similar letters keep their sound, not just their base letter.
_LATIN_SOUND = {"ş": "sh", "ș": "sh", "ç": "ch", "č": "ch", "ć": "ch", "š": "sh", "ž": "zh", "ğ": "g"}
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
    w = re.sub(r"(?<=[aeiou])h$", "", w)  # final -h after a vowel marks it (Fatimah); -ch, -sh are sounds
    for a, b in _DIGRAPHS:
        w = w.replace(a, b)
    out = [_LATIN_MAP.get(c, "") if c not in "YW" else c.lower() for c in w]
    return _collapse("".join(out))


_REPEAT = re.compile(r"(.)\1+")
_NOT_ARABIC = re.compile(r"[^\u0621-\u064a\u067e\u06a4\u06af]")
#: Skeleton letter of every letter ``arabic_skeleton`` keeps ("" for vowels and hamza). و/ي are
#: consonants only word-initially; elsewhere long vowels.
_AR_INITIAL = {cp: _ARABIC_MAP.get(chr(cp), "") for cp in [*range(0x0621, 0x064B), 0x067E, 0x06A4, 0x06AF]}
_AR_INNER = {**_AR_INITIAL, ord("و"): "", ord("ي"): ""}


@lru_cache(maxsize=16384)
def arabic_skeleton(word: str, *, strip_article: bool = True) -> str:
    """Consonant skeleton of an Arabic word (normalised; ال and و/ي as vowels dropped)."""
    letters = _arabic_letters(word)
    return _consonants(_strip_article(letters) if strip_article else letters)


def _arabic_letters(word: str) -> str:
    return _NOT_ARABIC.sub("", normalize_ar(word))


def _strip_article(letters: str) -> str:
    return letters[2:] if letters.startswith("ال") and len(letters) > 4 else letters


def _consonants(letters: str) -> str:
    letters = letters.removesuffix("ه")  # ta marbuta / final ha: a vowel ending
    if "تش" in letters:  # «تش» writes English ch/tch («تشيلتون» Chelton), as «ش» writes French ch
        letters = letters.replace("تش", "ش")
    if "تس" in letters:  # «تس» writes ts/tz and the Italian or German z («موتسارت» Mozart)
        letters = letters.replace("تس", "س")
    return _collapse(letters[:1].translate(_AR_INITIAL) + letters[1:].translate(_AR_INNER))


def _collapse(s: str) -> str:
    return _REPEAT.sub(r"\1", s) if _REPEAT.search(s) else s  # most skeletons have no repeat


#: Substitution cost of each skeleton letter against the letters it is near to (others cost 1).
_SUB = {a: {b: 0.5 for pair in _NEAR if a in pair for b in pair - {a}} for a in frozenset().union(*_NEAR)}


def _costs(letter: str, skeleton: str) -> tuple[float, ...]:
    """Substitution cost of ``letter`` for each letter of ``skeleton``."""
    near = _SUB.get(letter, {})
    return tuple(0.0 if letter == c else near.get(c, 1.0) for c in skeleton)


@lru_cache(maxsize=4096)
def _cost_rows(skeleton: str) -> dict[str, tuple[float, ...]]:
    """Memo of :func:`_costs` against ``skeleton``, by letter, that :func:`_distance` fills."""
    return {}


def _distance(a: str, b: str, cap: float = float("inf")) -> float:
    """Weighted edit distance; once it is sure to exceed ``cap``, some lower bound above ``cap``."""
    rows = _cost_rows(a)
    prev = [float(j) for j in range(len(a) + 1)]
    for i, cb in enumerate(b, 1):
        costs = rows.get(cb)
        if costs is None:
            costs = rows[cb] = _costs(cb, a)
        left = float(i)
        cur = [left]
        for diag, up, cost in zip(prev, prev[1:], costs):  # the hot loop: min() calls cost more here
            step = (up if up < left else left) + 1.0  # noqa: FURB136
            sub = diag + cost
            left = sub if sub < step else step  # noqa: FURB136
            cur.append(left)
        # Every alignment crosses each row and costs never fall, so a row's minimum bounds the total.
        if min(cur) > cap:
            return min(cur)
        prev = cur
    return prev[-1]


#: One bit per skeleton letter, for letter sets as ints (cheap to keep: the GC does not track them).
_BIT = {c: 1 << i for i, c in enumerate(sorted({*_LATIN_MAP.values(), *_ARABIC_MAP.values(), "y", "w"}))}


def _letters(skeleton: str) -> int:
    """The set of ``skeleton``'s letters as bits (a letter without a bit is left out)."""
    bits = 0
    for c in skeleton:
        bits |= _BIT.get(c, 0)
    return bits


def _distance_within(a: str, a_letters: int, b: str, b_letters: int, cap: float) -> float | None:
    """``_distance(a, b)`` if it is at most ``cap``, else None; ``*_letters``: :func:`_letters`."""
    # A letter with no equal in the other skeleton costs an insert or delete, or half an edit when
    # substituted for such a letter of the other, so d >= |len diff| + min(unequalled) / 2 (fewer
    # letters counted, as when one has no bit, only lowers the bound).
    gap = abs(len(a) - len(b))
    if gap > cap:
        return None
    if gap + 0.5 * min((a_letters & ~b_letters).bit_count(), (b_letters & ~a_letters).bit_count()) > cap:
        return None
    dist = _distance(a, b, cap)
    return dist if dist <= cap else None


def skeleton_distance(a: str, b: str) -> float:
    """Weighted edit distance between two skeletons (a near pair such as s/z costs half an edit)."""
    return _distance(a, b)


def opens_with(latin: str, letter: str) -> bool:
    """Does the Latin name begin with the sound of the Arabic letter (or one transliteration swaps
    for it)? "Wuhan" opens with «و», "Paris" with «ب», "Gaza" with «ك» (k/g): a letter that reads
    as a clitic on the Arabic name may be the name's own."""
    skeleton, sound = latin_skeleton(latin), _ARABIC_MAP.get(letter, "")
    return bool(skeleton and sound) and (skeleton[0] == sound or frozenset((skeleton[0], sound)) in _NEAR)


def sounds_alike(a: str, b: str) -> bool:
    """Do two Arabic letters transliterate the same sound, or two that transliteration swaps
    freely (ج/غ for g, س/ش, ت/ط)? One written for the other is a convention, not a slip."""
    x, y = _ARABIC_MAP.get(a, ""), _ARABIC_MAP.get(b, "")
    return x == y or frozenset((x, y)) in _NEAR


def skeleton_similarity(a: str, b: str) -> float:
    """1 - edit distance / longer length, between two skeletons (0 when either is empty)."""
    if not a or not b:
        return 0.0
    return max(0.0, 1.0 - _distance(a, b) / max(len(a), len(b)))


@lru_cache(maxsize=16384)
def _readings(arabic: str) -> tuple[tuple[str, int], ...]:
    """The non-empty skeletons :func:`similarity` weighs ``arabic`` as, each with its letters."""
    words = arabic.split()
    if len(words) == 1:  # a lone word may carry و/ب/ل: its stems count too
        skeletons = []
        for stem in strip_clitics(normalize_ar(words[0])):
            letters = _arabic_letters(stem)
            skeletons += [_consonants(w) for w in dict.fromkeys((_strip_article(letters), letters))]
    else:  # «الكسندر» is Alexander, «الناتو» is NATO: the first word with and without ال
        skeletons = ["".join(arabic_skeleton(w) for w in words),
                     "".join(arabic_skeleton(w, strip_article=i > 0) for i, w in enumerate(words))]
    return tuple((s, _letters(s)) for s in dict.fromkeys(skeletons) if s)


@lru_cache(maxsize=16384)
def _latin(latin: str) -> tuple[str, ...]:
    """The skeletons ``latin`` may be written as: English says a final -s after a vowel or voiced
    consonant as z, which Arabic writes «ز» as often as «س» ("Holmes" «هولمز», «هولمس»); the last
    word's skeleton is also read with z."""
    words = latin.split()
    base = "".join(latin_skeleton(w) for w in words)
    last = fold_latin(words[-1]) if words else ""
    if base.endswith("s") and re.search(r"[aeioubdglmnrvwy]s$", last):
        return base, base[:-1] + "z"
    return (base,)


#: Letters a new transliteration of a foreign name uses only for certain Latin spellings (a
#: pattern over :func:`fold_latin`'s output), or never (None): the emphatics ص ض ظ belong to Arabic
#: words and to old, established names, which a dictionary knows; ق is q (or g, k in Gulf and
#: older spellings), ط t, ح and خ an h-sound, ث and ذ th, ش an sh-sound. Each is a slip of a dot
#: or of a sound away from the usual letter (س, د, ز, ف, ت, ه, ج, ك …).
_UNUSUAL = {"ص": None, "ض": None, "ظ": None, "ق": re.compile(r"[qgkc]"), "ط": re.compile(r"t"),
            "ح": re.compile(r"h"), "خ": re.compile(r"kh|ch|[jxh]"), "ث": re.compile(r"th"),
            "ذ": re.compile(r"th|dh|z"), "ش": re.compile(r"sh|ch|sch|ti|si|x|zh|sz|cz|rz|^s[tp]|j")}


def unusual_letters(latin: str, arabic: str) -> list[str]:
    """Letters of ``arabic`` that no spelling in ``latin`` calls for, were ``arabic`` a new
    transliteration of it («ريمديصيفير»: ص for the s of "Remdesivir"; «ريباقيرين»: ق for a v)."""
    folded = fold_latin(latin)
    letters = _NOT_ARABIC.sub("", arabic)
    return [ch for ch, allowed in _UNUSUAL.items() if ch in letters and (allowed is None or not allowed.search(folded))]


def similarity(latin: str, arabic: str) -> float:
    """How plausibly ``arabic`` transliterates ``latin`` (0–1). Multi-word inputs are compared as
    one skeleton each."""
    return best_match(latin, [arabic])[1]


def best_match(latin: str, candidates: Sequence[str], *, floor: float = 0.0) -> tuple[int, float]:
    """Index of the first candidate Arabic word that best transliterates ``latin``, and its score,
    among candidates scoring above 0 and at least ``floor`` ((-1, 0.0) when there are none)."""
    best, score = -1, 0.0
    for lat in _latin(latin):
        i, s = _best_match(lat, candidates, max(floor, score))
        if i >= 0 and (s > score or (s == score and i < best)):
            best, score = i, s
    return best, score


def _best_match(lat: str, candidates: Sequence[str], floor: float) -> tuple[int, float]:
    """:func:`best_match` for one Latin skeleton."""
    best, score = -1, 0.0
    if not lat:
        return best, score
    letters = _letters(lat)
    margin = 1.0 - max(score, floor)  # how far below a perfect score a reading may fall and count
    seen = set()  # a skeleton met again scores as before, which cannot beat the score now
    for i, cand in enumerate(candidates):
        for skeleton, skeleton_letters in _readings(cand):
            if skeleton in seen:
                continue
            seen.add(skeleton)
            longer = max(len(lat), len(skeleton))
            # Distances are multiples of 0.5, so a quarter's slack costs nothing and dwarfs float
            # rounding: a distance above the cap scores below max(score, floor).
            dist = _distance_within(lat, letters, skeleton, skeleton_letters, margin * longer + 0.25)
            if dist is None:
                continue
            sim = max(0.0, 1.0 - dist / longer)
            if sim > score and sim >= floor:
                best, score = i, sim
                if score >= 1.0:
                    return best, score  # nothing scores above 1
                margin = 1.0 - max(score, floor)
    return best, score
