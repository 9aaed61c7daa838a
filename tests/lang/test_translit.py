"""The pruned transliteration search scores exactly as the plain edit distance over every reading."""

from __future__ import annotations

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from mtqa.checks._spellings import _name_stem
from mtqa.lang import translit
from mtqa.lang.translit import (
    arabic_skeleton,
    best_match,
    latin_skeleton,
    opens_with,
    similarity,
    sounds_alike,
)
from mtqa.text.normalize import normalize_ar, strip_clitics


def plain_distance(a: str, b: str) -> float:
    """The textbook weighted edit distance: no cap, no bounds."""
    prev = [float(j) for j in range(len(b) + 1)]
    for i, ca in enumerate(a, 1):
        cur = [float(i)]
        for j, cb in enumerate(b, 1):
            sub = 0.0 if ca == cb else (0.5 if frozenset((ca, cb)) in translit._NEAR else 1.0)
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + sub))
        prev = cur
    return prev[-1]


def plain_similarity(latin: str, arabic: str) -> float:
    """:func:`similarity` scored exhaustively: every reading of ``arabic``, the full distance."""
    lat = "".join(latin_skeleton(w) for w in latin.split())
    # A final -s said as z ("Jones"): the skeleton is also read ending in z.
    last = latin.split()[-1] if latin.split() else ""
    voiced = lat.endswith("s") and last.endswith("s") and last[-2:-1] in set("aeioubdglmnrvwy")
    lats = (lat, lat[:-1] + "z") if voiced else (lat,)

    def score(words: list[str]) -> float:
        stripped = "".join(arabic_skeleton(w) for w in words)
        kept = "".join(arabic_skeleton(w, strip_article=i > 0) for i, w in enumerate(words))
        return max(0.0 if not la or not s else max(0.0, 1.0 - plain_distance(la, s) / max(len(la), len(s)))
                   for s in (stripped, kept) for la in lats)

    words = arabic.split()
    if len(words) == 1:
        return max(score([stem]) for stem in strip_clitics(normalize_ar(words[0])))
    return score(words)


# Few letters, several of them near each other (k/g/j, t/d, s/z): ties and half-cost substitutions
# are common; "?" is outside the skeleton alphabet.
_skeleton = st.text(alphabet="kgjtdszbf?", max_size=8)
# Latin and Arabic words over matching consonants, so that many pairs score high; the Arabic has
# clitics, the article, long vowels and spaces (multi-word candidates).
_latin = st.text(alphabet="kgtdszbfvlnraeiouh ", min_size=1, max_size=8)
_arabic = st.text(alphabet="كقغجتدطسزصبفلنرخحاويه ", max_size=9)


@settings(max_examples=500, deadline=None)
@given(a=_skeleton, b=_skeleton, cap=st.sampled_from([0.0, 0.5, 1.25, 2.0, 3.75]))
@example(a="k", b="g", cap=0.5)  # a half-cost substitution just within the cap
@example(a="kk", b="k", cap=0.0)  # a row minimum equal to the cap, the distance above it
def test_capped_distance_is_exact_up_to_the_cap(a: str, b: str, cap: float) -> None:
    full = plain_distance(a, b)
    assert translit._distance(a, b) == full
    capped = translit._distance(a, b, cap)
    assert capped == full if full <= cap else capped > cap
    within = translit._distance_within(a, translit._letters(a), b, translit._letters(b), cap)
    assert within == (full if full <= cap else None)


@settings(max_examples=500, deadline=None)
@given(latin=_latin, arabic=_arabic)
def test_similarity_is_the_exhaustive_score(latin: str, arabic: str) -> None:
    assert similarity(latin, arabic) == plain_similarity(latin, arabic)


@settings(max_examples=500, deadline=None)
@given(latin=_latin, candidates=st.lists(_arabic, max_size=12), floor=st.sampled_from([0.0, 0.5, 0.6, 1.0]))
def test_best_match_is_the_first_best_of_an_exhaustive_search(latin: str, candidates: list[str],
                                                             floor: float) -> None:
    best, score = -1, 0.0
    for i, cand in enumerate(candidates):
        s = plain_similarity(latin, cand)
        if s > score and s >= floor:
            best, score = i, s
    assert best_match(latin, candidates, floor=floor) == (best, score)


@settings(max_examples=300, deadline=None)
@given(latin=_latin, word=_arabic)
def test_name_stem_is_the_best_scoring_stem_shortest_on_ties(latin: str, word: str) -> None:
    stems = strip_clitics(normalize_ar(word))
    assert _name_stem(latin, word) == max(stems, key=lambda s: (plain_similarity(latin, s), -len(s)))


@pytest.mark.parametrize(("candidates", "expected"), [
    (["حليل", "خليل"], (1, 1.0)),  # a near miss, then the exact spelling
    (["خليل", "خاليل"], (0, 1.0)),  # a tie: the first
    (["في", "المحافظ"], (-1, 0.0)),
])
def test_best_match(candidates: list[str], expected: tuple[int, float]) -> None:
    assert best_match("Khalil", candidates, floor=0.6) == expected


@pytest.mark.parametrize(("word", "skeleton"), [
    ("Khalil", "xl"), ("Pütürge", "btrg"), ("Cecilia", "sl"), ("Fatimah", "ftm"), ("Yusuf", "ysf"),
])
def test_latin_skeleton(word: str, skeleton: str) -> None:
    assert latin_skeleton(word) == skeleton


@pytest.mark.parametrize(("word", "strip_article", "skeleton"), [
    ("خليل", True, "xl"), ("خاليل", True, "xl"), ("بوتورغه", True, "btrg"), ("يوسف", True, "ysf"),
    ("الناتو", True, "nt"), ("الناتو", False, "lnt"), ("مدرسة", True, "mdrs"), ("الصين", True, "sn"),
    ("الصين", False, "lsn"),
])
def test_arabic_skeleton(word: str, strip_article: bool, skeleton: str) -> None:
    assert arabic_skeleton(word, strip_article=strip_article) == skeleton


@pytest.mark.parametrize(("latin", "letter", "expected"), [
    ("Weston", "و", True), ("Paris", "ب", True), ("Gaza", "ك", True), ("Vienna", "ف", True),
    ("Lowkey", "و", False), ("Orange", "و", False), ("Kabul", "ل", False), ("", "و", False),
])
def test_opens_with(latin: str, letter: str, expected: bool) -> None:
    assert opens_with(latin, letter) is expected


@pytest.mark.parametrize(("a", "b", "expected"), [
    ("ج", "غ", True), ("س", "ش", True), ("ت", "ط", True), ("ك", "ق", True),
    ("ب", "ت", False), ("ر", "ز", False), ("ف", "ق", False),
])
def test_sounds_alike(a: str, b: str, expected: bool) -> None:
    assert sounds_alike(a, b) is expected
