"""How a name in the source is, and usually is, written in the Arabic: the helpers of ``name-spelling``
(:mod:`mtqa.checks.names`) — the Arabic word that renders a source name, its usual spelling (wordfreq),
a consonant slipped past the matcher, adjective (nisba) and derived forms, one-letter variants.
"""

from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from mtqa.checks.base import SegmentView
from mtqa.lang import english as en
from mtqa.lang.arabic import one_slip
from mtqa.lang.dictionaries import bare, english_zipf, frequent_neighbours, frequent_zipf
from mtqa.lang.translit import (
    arabic_skeleton,
    best_match,
    latin_skeleton,
    opens_with,
    similarity,
    skeleton_distance,
    skeleton_similarity,
)
from mtqa.text.normalize import normalize_ar, strip_clitics
from mtqa.text.tokenize import tokenize

__all__ = ["CALENDAR", "Occurrence", "best_arabic", "bt_variant", "common_neighbour", "much_commoner", "one_off",
           "plain_form", "respelt", "slipped_past", "spelling_key", "usual_spelling", "written", "zipf_ar"]

#: Letters that write vowels or endings, not consonants (matching form).
_NOT_CONSONANT = frozenset("اويهء")
#: Capitalised calendar words are not names, though a spell checker accepts them only capitalised.
CALENDAR = frozenset({*en.WEEKDAYS, *en.MONTHS})
#: Adjective and demonym endings: "Brazilian" in a back-translation renders the name "Brazil",
#: "Portuguese" renders "Portugal" (the stem may change a little before the ending).
_DERIVED = ("n", "an", "ian", "ean", "ese", "i", "ish", "ic", "ite")


def plain_form(word: str) -> str:
    """Lower case without diacritics ("Yıldırım" → "yildirim"), as a back-translation writes it."""
    if word.isascii():
        return word.lower()  # nothing to fold, and most words are ASCII
    word = word.lower().replace("ı", "i")
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))


@dataclass(frozen=True)
class Occurrence:
    name: str
    segment: int
    start: int
    end: int
    stem: str
    score: float
    readings: tuple[str, ...] = ()  # every reading rendering the name as well as ``stem``


def best_arabic(name: str, seg: SegmentView, p: dict[str, float]) -> Occurrence | None:
    # A dictionary word is no rendering of a name unless it is one letter for letter: «فريق» is not
    # "Africa", «من» is not "Moines" (a name that is a word, «بوريس», still matches itself).
    # (best_match with a floor stops comparing a word as soon as it cannot reach it: most words
    # are far from the name.)
    words = [tok for tok in tokenize(seg.text) if tok.kind == "ar"
             and (frequent_zipf(tok.text) < p["common_word"] or best_match(name, [tok.text], floor=p["exact"])[0] == 0)]
    i, score = best_match(name, [tok.text for tok in words], floor=p["match"])
    if i < 0:
        return None
    tok = words[i]
    readings = _name_readings(name, tok.text)
    return Occurrence(plain_form(name), seg.index, tok.start, tok.end, readings[0], score, readings)


def spelling_key(stem: str) -> str:
    """A name's spelling without the endings Arabic adds to it: the nisba adjective and its plural
    or feminine («لندني», «اللندنية», «البريطانيون» spell «لندن», «بريطانيا»), a final alef."""
    for suffix in ("يين", "يون", "يه", "ية", "ي", "ه", "ا"):
        if stem.endswith(suffix) and len(stem) - len(suffix) >= 3:
            return stem[: len(stem) - len(suffix)]
    return stem


def _name_stem(name: str, word: str) -> str:
    """The clitic-stripped reading of an Arabic word that best transliterates ``name``: «لريكيلمي»
    → «ريكيلمي» (a preposition on a name is not a second spelling of it); shorter on ties."""
    return _name_readings(name, word)[0]


def _name_readings(name: str, word: str) -> tuple[str, ...]:
    """Every clitic-stripped reading of ``word`` that transliterates ``name`` best, shortest first:
    «ووستر» is "Wooster" or "and «وستر»", both rendering the name alike."""
    best: list[str] = []
    best_score = -1.0
    for stem in strip_clitics(normalize_ar(word)):
        # Only a score at least the best so far can win, so the search may stop below it: a score
        # under that floor comes back as 0, which loses all the same (or is exact, under a floor of 0).
        _, score = best_match(name, [stem], floor=max(best_score, 0.0))
        if score > best_score:
            best, best_score = [stem], score
        elif score == best_score:
            best.append(stem)
    return tuple(sorted(best, key=len))


def zipf_ar(word: str) -> float:
    from wordfreq import zipf_frequency

    return float(zipf_frequency(word, "ar"))


def usual_spelling(name: str, word: str, stem: str, p: dict[str, float]) -> str | None:
    """A much commoner spelling of the name one slip away («روسيا» for «رسيا», «إيران» for «إيرن»,
    «تشيلسي» for «تشليسي»; :func:`mtqa.lang.arabic.one_slip`), as it is usually written, that
    transliterates ``name`` at least as well as ``word`` (whose reading ``stem`` renders the name).

    wordfreq's Arabic list knows the usual spellings of common names and places; a rare spelling
    one confusable letter, long vowel or swap away from one of them is a slip. The word must be
    rare under every reading that keeps the name's letters (with and without its clitics:
    «المكسيك» is common, «مكسيك» is not; but the «ب» of «بارسي» for "Paris" is the name's, so
    «أرسى» is no reading of it), and the neighbour must render the name at least as well, or a rare
    name would be "corrected" to a common word that merely looks like it.
    """
    if english_zipf(name) < p["known_name"]:
        return None
    rarity = max(frequent_zipf(w) for w in strip_clitics(normalize_ar(word))
                 if stem in w or similarity(name, w) >= p["usual_match"])
    if rarity >= p["rare_spelling"]:
        return None
    own = similarity(name, stem)
    if own < p["usual_match"]:
        return None
    # A usual spelling wordfreq knows only a little (a name newer than its list) counts when it
    # renders the name closely (``render``) and wordfreq does not know the word at all.
    floor = max(p["render_zipf"], rarity + p["usual_gap"])
    for spelled, zipf in frequent_neighbours(stem, floor):
        usual = normalize_ar(spelled)
        renders = similarity(name, spelled)
        if not one_slip(stem, usual) or _nisba(stem, usual) or renders < own:
            continue
        if zipf >= max(p["usual_spelling"], rarity + p["usual_gap"]) or (renders >= p["render"] and rarity == 0.0):
            return spelled
    return None


def slipped_past(names: list[str], name: str, seg: SegmentView, flagged: set[tuple[int, int]],
                 p: dict[str, float]) -> tuple[int, int, str, str, str] | None:
    """A rare word of the sentence one edit from a known word that renders ``name`` closely, when
    the word itself renders it much less closely («كيبيا» for «كينيا» "Kenya", «مدريم» for «مدريد»
    "Madrid"): a consonant slip has taken the name past recognition (the matcher rates the word
    well below the name, or finds no rendering at all). (start, end, word, reading, known word).

    The caller asks only when no word of the sentence renders the name this closely already. A
    word that renders another source name as closely is that name, and a word common under any
    of its readings is a word of its own: neither is a slip.
    """
    for start, end, text, readings, rarity in _slip_candidates(seg.text, tuple(names), p["render"], p["slip_rare"]):
        if (seg.index, start) in flagged:
            continue
        # A letter that reads as a clitic is the name's own when the name opens with its sound
        # (the «و» of «وستون» "Weston"): the word stripped of it, common or not, is no reading here.
        full = normalize_ar(bare(text))
        readings = tuple(r for r in readings if r == full or not opens_with(name, full[0]))
        rarity = max((frequent_zipf(r) for r in readings), default=rarity)
        for reading in readings:
            own = _renders(name, reading)
            floor = max(p["render_zipf"], rarity + p["usual_gap"])
            for spelled, _ in frequent_neighbours(reading, floor):
                renders = _renders(name, spelled)
                # The two must differ by a whole consonant: s for z («هولمس», «هولمز» "Holmes") or
                # a long vowel is how transliterations vary, not a slip.
                if renders >= p["render"] and renders - own >= p["render_gain"] and _whole_edit(reading, spelled):
                    return start, end, text, reading, spelled
    return None


@lru_cache(maxsize=256)
def _slip_candidates(text: str, names: tuple[str, ...], render: float, slip_rare: float
                     ) -> tuple[tuple[int, int, str, tuple[str, ...], float], ...]:
    """The words of ``text`` that may be a slipped name: rare under every reading, and rendering no
    source name closely already. Computed once per sentence, not once per name (a long line with
    many names made this quadratic: minutes for one line)."""
    out = []
    for tok in tokenize(text):
        if tok.kind != "ar":
            continue
        readings = tuple(r for r in strip_clitics(normalize_ar(tok.text)) if len(r) >= 3)
        if not readings:
            continue
        rarity = max(frequent_zipf(r) for r in readings)
        if rarity >= slip_rare or any(similarity(n, tok.text) >= render for n in names):
            continue
        out.append((tok.start, tok.end, tok.text, readings, rarity))
    return tuple(out)


def _renders(name: str, arabic: str) -> float:
    """How closely ``arabic`` renders ``name``; an English plural -s is rendered by Arabic's own
    plural ending ("Australians" «الأستراليين»), so the name counts without it
    when the Arabic ends in one."""
    score = similarity(name, arabic)
    if name.endswith("s") and len(name) > 4 and normalize_ar(arabic).endswith(("ين", "ون")):
        score = max(score, similarity(name[:-1], arabic))
    return score


def _whole_edit(a: str, b: str) -> bool:
    """Do the consonant skeletons of two Arabic words differ by at least one whole edit (not only
    by letters that transliterate the same sound: س/ز, ت/د, ك/ق …)?"""
    return skeleton_distance(arabic_skeleton(a), arabic_skeleton(b)) >= 1.0


def _nisba(word: str, usual: str) -> bool:
    """Is one word the other's nisba adjective, the ي before its ending («كنديا», «سنغافورية» of
    «كندا», «سنغافورة»)? A derived form, not a second spelling. But a name in «ـيا» that lost its
    ي («إسبانا» for «إسبانيا») is a slip: the countries' «ـيا» is no nisba ending."""
    longer, shorter = (word, usual) if len(word) > len(usual) else (usual, word)
    if longer is usual and usual.endswith("يا"):
        return False
    return len(longer) == len(shorter) + 1 and longer[-2] == "ي" and longer[:-2] + longer[-1] == shorter


def common_neighbour(stem: str) -> str | None:
    """A much more common spelling one long vowel away («خاليل» → «خليل»), if any, whatever the
    name's English frequency (:func:`usual_spelling` asks more of the neighbour). (Any one-letter
    neighbour finds a few more slips but flags twice as many correct variant spellings of names on
    clean copy: measured with benchmarks/calibrate.py.)"""
    if zipf_ar(stem) >= 1.0:
        return None
    for i, ch in enumerate(stem):
        if ch in "اوي" and 0 < i < len(stem) - 1:
            variant = stem[:i] + stem[i + 1:]
            if zipf_ar(variant) >= 4.0:
                return variant
    return None


def respelt(word: str, stem: str, spelling: str) -> str:
    """``word`` with its reading ``stem`` spelt ``spelling``, clitics kept («وإيطليا» → «وإيطاليا»)."""
    letters = bare(word)
    if len(normalize_ar(letters)) == len(letters) and normalize_ar(letters).endswith(stem):
        return letters[: len(letters) - len(stem)] + spelling
    return spelling


def written(word: str, stem: str) -> str:
    """The reading ``stem`` (matching form) of ``word`` as ``word`` writes it («إيطاليا», not «ايطاليا»)."""
    letters = bare(word)
    if len(normalize_ar(letters)) == len(letters) and normalize_ar(letters).endswith(stem):
        return letters[len(letters) - len(stem):]
    return stem


def _derived(name: str, word: str) -> bool:
    """Is ``word`` an adjective/demonym of the (lower-case) name: Brazil → brazilian, Portugal →
    portuguese? A respelt name (khalil → khaleel) has no such ending."""
    if not word.endswith(_DERIVED) or len(word) <= len(name):
        return False
    shared = len(os.path.commonprefix([name, word]))
    return shared == len(name) or shared >= max(4, len(name) - 3)


def bt_variant(name: str, bt: str) -> str | None:
    """The back-translation's spelling of ``name`` when it differs ("Khaleel" for "Khalil")."""
    bt_words = {plain_form(w): w for w in re.findall(r"[^\W\d_]+", bt)}
    plain = plain_form(name)
    if plain in bt_words or any(_derived(plain, w) for w in bt_words):
        return None
    skeleton = latin_skeleton(name)
    best, score = None, 0.0
    for word in bt_words.values():
        if not word[:1].isupper():
            continue
        s = skeleton_similarity(skeleton, latin_skeleton(word))
        if s > score:
            best, score = word, s
    return best if score >= 0.6 else None


def one_off(a: str, b: str) -> bool:
    """One slip (:func:`mtqa.lang.arabic.one_slip`), or one consonant after the first taken for
    another: with the document's own spelling to compare against, any wrong consonant counts
    («فال» for «فان»). Vowel letters and ه change with the ending («إيطاليا», «الإيطالية»),
    and a different first letter makes a different word («سان» is not «فان»)."""
    if one_slip(a, b):
        return True
    if len(a) != len(b):
        return False
    diff = [i for i, (x, y) in enumerate(zip(a, b)) if x != y]
    return len(diff) == 1 and diff[0] > 0 and a[diff[0]] not in _NOT_CONSONANT and b[diff[0]] not in _NOT_CONSONANT


def much_commoner(a: str, b: str, p: dict[str, float]) -> bool:
    """Is ``a`` (any clitic reading) much commoner than ``b`` (wordfreq)?"""
    za = max(frequent_zipf(w) for w in strip_clitics(normalize_ar(a)))
    zb = max(frequent_zipf(w) for w in strip_clitics(normalize_ar(b)))
    return za >= p["usual_spelling"] and za - zb >= p["usual_gap"]
