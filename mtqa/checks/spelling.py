"""Spelling: words no dictionary knows, and words run together without a space.

An unknown Arabic word is first explained, and only then reported:

1. **run together** — it splits into known words («قالتإنها» → «قالت إنها»): a typesetting slip,
   reported by ``missing-space`` with the split as the suggestion;
2. **a transliteration of a source word** — a name («زفاربريك» for "Zvarbrik") or a rare technical
   term («الليسوزيم» for "lysozyme") written in Arabic letters is not a misspelling, unless it uses
   a letter the source spelling does not call for («ريمديصيفير»: ص for an s); a common
   English word transliterated instead of translated («الإنفورسمنت» for "enforcement"), or one
   given English morphology the source lacks («الإنتربنكينغ» for "interbank"), is reported;
3. otherwise ``non-word``, with the closest frequent word when one is a single edit away (a
   garbled common word) — the strongest sign of a corrupted word.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from functools import lru_cache

from mtqa.checks.base import Context, Finding, Param, SegmentView, check
from mtqa.lang import translit
from mtqa.lang.arabic import CONFUSABLE_LETTERS, NOUN_PROCLITICS
from mtqa.lang.dictionaries import arabic_known, bare, english_zipf, frequent_neighbour, frequent_zipf
from mtqa.lang.translit import similarity as translit_similarity
from mtqa.lang.translit import unusual_letters
from mtqa.text.normalize import normalize_ar, strip_clitics
from mtqa.text.tokenize import tokenize
from mtqa.wordalign import STOPWORDS

__all__ = ["closest_frequent", "letter_slip", "split_run_on", "transliterated_source_word"]

#: Endings of English morphology in Arabic letters (-ing, -ment, -tion, -ism, -ist).
_FOREIGN_ENDINGS = ("ينغ", "ينج", "منت", "يشن", "يزم", "يست", "شنز", "ينغز")
# The rules' parameters ([tool.mtqa.rules.<id>]), declared once: both rules of this module read
# some of them, each through its own declaration, and the helpers default to the same values.
TRANSLIT_MATCH = Param(translit.MATCH, minimum=0, maximum=1, doc=(
    "a transliteration this close to a source word renders it (translit.similarity, 0-1)"))
COMMON_ENGLISH = Param(4.0, minimum=0, maximum=8, doc=(
    # Rarer words (technical terms: "polymerase" 3.0, "gigahertz" 2.0) are routinely transliterated.
    "a source word at least this common in English (Zipf) has an Arabic translation: "
    "a transliteration of it is untranslated copy"))
COMMON_MATCH = Param(0.85, minimum=0, maximum=1, doc=(
    # A common English word's consonants turn up inside many unrelated Arabic words ("turn" inside
    # a transliterated chemical name).
    "...and the transliteration must cover the whole common word this closely"))
FREQUENT_NEIGHBOUR = Param(3.0, minimum=0, maximum=8, doc=(
    "a known word this common (Zipf) one edit away makes an unknown word a likely garble"))
PIECE_COST = Param(9.0, minimum=0, doc=(
    # Zipf is log10 of the frequency per billion words: a split is scored as the product of its
    # pieces' unigram probabilities, so fewer and commoner pieces win.
    "a run-on split's piece scores its Zipf frequency minus this"))
#: Words longer than this are neither split nor searched for a neighbour (a pasted blob).
_LONGEST = 60
#: No Arabic word is this long: a longer run of letters is several words without spaces.
_BLOB = 25
#: Proclitics and the article are written joined to the next word, never as a piece of their own.
_CLITIC_PIECES = frozenset({*NOUN_PROCLITICS, "ا", "س", "ي", "ت", "ن"})
#: A source word, accented Latin letters included: "Belanović" is one word, not "Belanovi" (whose
#: transliteration «بيلانوفيتش» would then carry a letter "Belanovi" does not call for).
_SOURCE_WORD = re.compile(r"[A-Za-z\u00c0-\u024f][A-Za-z\u00c0-\u024f'’-]{2,}")


def _piece_score(piece: str) -> float | None:
    """A piece's Zipf frequency when it is common enough to be a word of its own: the shorter the
    piece, the more common it must be (two-letter strings are mostly fragments, «في» excepted)."""
    n = len(piece)
    if n < 2 or piece in _CLITIC_PIECES or piece[0] in "ةى" or "ة" in piece[:-1] or "ى" in piece[:-1]:
        return None  # ة and ى end a word; a piece cannot begin with them or hold them inside
    z = frequent_zipf(piece)
    floor = 5.0 if n == 2 else 3.5 if n == 3 else 2.5
    return z if z >= floor else None


@lru_cache(maxsize=8192)
def split_run_on(word: str, *, piece_cost: float = float(PIECE_COST.default),
                 neighbour_zipf: float = float(FREQUENT_NEIGHBOUR.default)) -> tuple[str, ...] | None:
    """The most probable split of ``word`` into common words (at least two), or None.

    Pieces are scored by frequency (each piece costs, so fewer and commoner pieces win). A split
    loses to a single-letter slip: when a frequent word is one edit away and it is commoner than
    the split's weakest piece, the word is a garble, not two words run together.
    """
    w = bare(word)
    n = len(w)
    if n < 5 or n > _LONGEST:
        return None  # (a run of 60 letters is no typo; its cost would grow with its length)
    # best[i]: (score, weakest piece, previous cut) of the best split of w[:i]
    best: list[tuple[float, float, int] | None] = [None] * (n + 1)
    best[0] = (0.0, 99.0, -1)
    for end in range(2, n + 1):
        for start in range(max(0, end - 20), end - 1):
            prev = best[start]
            z = _piece_score(w[start:end]) if prev is not None else None
            if prev is None or z is None:
                continue
            cand = (prev[0] + z - piece_cost, min(prev[1], z), start)
            cur = best[end]
            if cur is None or cand[0] > cur[0]:
                best[end] = cand
    last = best[n]
    if last is None or last[2] == 0:
        return None
    neighbour = closest_frequent(word, neighbour_zipf=neighbour_zipf)
    if neighbour is not None and frequent_zipf(neighbour) > last[1]:
        return None
    if normalize_ar(w).endswith(_FOREIGN_ENDINGS) and last[1] < 3.5:
        return None  # «الإنتربنكينغ»: a loanword with an English ending, not «الإنتر» + «بن» + «كينغ»
    pieces = []
    end = n
    while end > 0:
        start = best[end][2]  # type: ignore[index]
        pieces.append(w[start:end])
        end = start
    return tuple(reversed(pieces))


def transliterated_source_word(word: str, source_words: Sequence[str], *,
                               match: float = float(TRANSLIT_MATCH.default)) -> tuple[str, float] | None:
    """The source word this Arabic word best transliterates, when it does (similarity, 0–1); a
    capitalised source word (a name: "During" the surname) wins over the same word in lower case."""
    best, score = None, 0.0
    for en in sorted(source_words, key=lambda w: not w[:1].isupper()):
        s = translit_similarity(en, word)
        if s > score or (s == score and best is not None and best.lower() == en.lower() and en[:1].isupper()):
            best, score = en, s
    return (best, score) if best is not None and score >= match else None


SLIP_CONSONANTS = Param(4, minimum=1, doc=(
    # Two or three consonants leave room for a conventional variant (Spanish j as «خ»: «خوسيه»).
    "a transliteration needs this many consonants for one letter off the exact one to be a slip"))
#: The letters one dot or stroke from each letter (:data:`mtqa.lang.arabic.CONFUSABLE_LETTERS`).
_CONFUSED = {ch: frozenset().union(*(g for g in CONFUSABLE_LETTERS if ch in g)) - {ch}
             for ch in frozenset().union(*CONFUSABLE_LETTERS)}


def letter_slip(word: str, en: str, *, match: float = float(TRANSLIT_MATCH.default),
                consonants: int = int(SLIP_CONSONANTS.default)) -> str | None:
    """The spelling of ``word`` that transliterates ``en`` exactly but for one letter taken for
    another, one dot or stroke away («فولفستورغ» for "Wolfsburg": ت for ب; «أوميبزازول» for
    "omeprazole": ز for ر), clitics kept; None when there is none.

    For words no dictionary knows, which have no usual spelling to compare with (a new drug, a
    rare name): ``word`` must render ``en`` at least ``match`` as written and exactly with the one
    letter changed, and ``en`` must have ``consonants`` consonants or more, so that one letter off
    is a slip rather than a convention.
    """
    if len(translit.latin_skeleton(en)) < consonants:
        return None
    letters = bare(word)
    for reading in strip_clitics(normalize_ar(letters)):
        if not match <= translit_similarity(en, reading) < 1.0:
            continue
        for i, ch in enumerate(reading):
            # ي is a vowel inside a word: taking it for ن or ب changes no consonant, it adds one.
            for other in sorted(_CONFUSED.get(ch, frozenset()) - {"ي"}) if ch != "ي" else ():
                if translit.sounds_alike(ch, other):
                    continue  # ج for the g of "Goldson", as Egyptian usage writes it
                spelled = reading[:i] + other + reading[i + 1:]
                # A letter that merely repeats its neighbour's sound deletes a consonant («كرزيسون»
                # "Kresson" is no slip of «كرريسون»): the exact spelling keeps every consonant.
                if (translit_similarity(en, spelled) >= 1.0
                        and len(translit.arabic_skeleton(spelled)) >= len(translit.arabic_skeleton(reading))):
                    return _with_letter(letters, reading, i, other)
    return None


def _with_letter(letters: str, reading: str, i: int, letter: str) -> str:
    """``letters`` with ``letter`` at the place of ``reading[i]``, as written (hamza, clitics kept)."""
    norm = normalize_ar(letters)
    if len(norm) != len(letters) or not norm.endswith(reading):
        return reading[:i] + letter + reading[i + 1:]
    at = len(letters) - len(reading) + i
    return letters[:at] + letter + letters[at + 1:]


def _loose_common(en: str, score: float, p: dict[str, float]) -> bool:
    """A loose likeness to a common English word explains nothing: such words are translated, and a
    transliteration of one would render the whole word (``common_match``); a word this far from it
    («فيسينوس», "officials") is no transliteration of it."""
    return not en[:1].isupper() and score < p["common_match"] and english_zipf(en) >= p["common_english"]


NAME_PIECE_MATCH = Param(0.85, minimum=0, maximum=1, doc=(
    # Stricter than translit-match: a piece is chosen among many cut points.
    "a piece of a run-on word must transliterate a source name this closely to count as that name"))


def split_at_name(word: str, source_words: Sequence[str], *,
                  name_match: float = float(NAME_PIECE_MATCH.default),
                  neighbour_zipf: float = float(FREQUENT_NEIGHBOUR.default)) -> tuple[str, str] | None:
    """A known Arabic word and a source name written without the space between them
    («قالسميث» for «قال سميث»), which :func:`split_run_on` cannot see: a transliterated name is
    rarely in the frequency list, and one ending like an English suffix looks like a loanword."""
    # A capitalised function word ("The" opening a sentence) is no name; short names match
    # anything.
    names = [w for w in source_words if w[:1].isupper() and len(w) >= 4 and w.lower() not in STOPWORDS]
    w = bare(word)
    if not names or len(w) < 6 or len(w) > _BLOB or closest_frequent(word, neighbour_zipf=neighbour_zipf) is not None:
        return None  # (a frequent word one edit away: a garble, as in split_run_on)
    best: tuple[float, int, tuple[str, str]] | None = None
    for cut in range(3, len(w) - 2):
        left, right = w[:cut], w[cut:]
        for known, other in ((left, right), (right, left)):
            if len(known) < 3 or len(other) < 3 or known in _CLITIC_PIECES or not arabic_known(known):
                continue
            score = max(translit_similarity(n, other) for n in names)
            # The closest name reading wins, then the longer known word: «وأضاف بريست», not
            # «وأضا فبريست».
            if score >= name_match and (best is None or (score, len(known)) > best[:2]):
                best = (score, len(known), (left, right))
    return best[2] if best else None


def closest_frequent(word: str, *,
                     neighbour_zipf: float = float(FREQUENT_NEIGHBOUR.default)) -> str | None:
    """A frequent known word one edit away (substitution, transposition, deletion, insertion)."""
    found = frequent_neighbour(word, neighbour_zipf)
    return found[0] if found else None


#: How far either side of a word its neighbours are looked for (characters; longer than any word).
_NEAR_CHARS = 80


def _half_of_name(text: str, start: int, source_words: Sequence[str], *, match: float) -> bool:
    """Is the word at ``start`` one half of a source name that the Arabic writes as two words
    («وول ورثز» for "Woolworths", «كول مارثز»): joined to the word before or after it (a space or
    a hyphen between), does it transliterate a capitalised source word?"""
    # one English word: a hyphenated name ("SARS-CoV") is two already, each matched on its own
    names = [w for w in source_words if w[:1].isupper() and "-" not in w]
    if not names:
        return False
    # only the words around it: a paragraph of 100,000 characters has hundreds of unknown words
    lo, hi = max(0, start - _NEAR_CHARS), start + _BLOB + _NEAR_CHARS
    near = text[lo:hi]
    toks = [t for t in tokenize(near) if t.kind == "ar"]
    if hi < len(text) and toks and toks[-1].start > start - lo:
        toks.pop()  # the window may have cut the last word
    i = next((k for k, t in enumerate(toks) if t.start == start - lo), None)
    if i is None:
        return False
    for a, b in ((i - 1, i), (i, i + 1)):
        if a < 0 or b >= len(toks) or near[toks[a].end:toks[b].start] not in (" ", "-", "\u00a0"):
            continue
        if transliterated_source_word(toks[a].text + toks[b].text, names, match=match) is not None:
            return True
    return False


def _source_words(seg: SegmentView) -> list[str]:
    if not seg.source:
        return []
    return list(dict.fromkeys(m.group().strip("'’-") for m in _SOURCE_WORD.finditer(seg.source)))


def _unknown_words(seg: SegmentView) -> Iterator[tuple[int, int, str]]:
    for tok in tokenize(seg.text):
        if tok.kind == "ar" and len(normalize_ar(tok.text)) >= 4 and not arabic_known(tok.text):
            yield tok.start, tok.end, tok.text


@check("missing-space", category="spelling", severity="minor",
       params={"translit_match": TRANSLIT_MATCH, "frequent_neighbour": FREQUENT_NEIGHBOUR,
               "piece_cost": PIECE_COST, "name_piece_match": NAME_PIECE_MATCH})
def missing_space(seg: SegmentView, ctx: Context) -> Iterator[Finding]:
    """Words run together without a space («قالتإنها»): the split is the suggestion."""
    p = ctx.params()
    names = _source_words(seg)
    for start, end, word in _unknown_words(seg):
        if len(bare(word)) > _BLOB:
            yield Finding(start, end, f"«{word[:30]}…» is a run of {len(bare(word))} letters: words run together",
                          evidence={"signal": "run"})
            continue
        if transliterated_source_word(word, names, match=p["translit_match"]):
            continue
        pieces = (split_run_on(word, piece_cost=p["piece_cost"], neighbour_zipf=p["frequent_neighbour"])
                  or split_at_name(word, names, name_match=p["name_piece_match"],
                                   neighbour_zipf=p["frequent_neighbour"]))
        if pieces is None:
            continue
        yield Finding(start, end, f"«{word}» is {len(pieces)} words run together",
                      suggestion=" ".join(pieces), evidence={"split": list(pieces), "signal": "split"})


@check("non-word", category="spelling", severity="minor", signals={"transliterated": "major", "loanword": "major"},
       corroborated="major",
       params={"translit_match": TRANSLIT_MATCH, "common_english": COMMON_ENGLISH, "common_match": COMMON_MATCH,
               "frequent_neighbour": FREQUENT_NEIGHBOUR, "piece_cost": PIECE_COST,
               "name_piece_match": NAME_PIECE_MATCH, "slip_consonants": SLIP_CONSONANTS})
def non_word(seg: SegmentView, ctx: Context) -> Iterator[Finding]:
    """An Arabic word that is in no dictionary: a garbled word or transliteration («الإنتربنكينغ»).

    A word must be absent from wordfreq's Arabic list (clitics stripped, hamza variants tried) and
    rejected by the Hunspell Arabic dictionary; words that split into known words are left to
    ``missing-space``; a transliteration of a source name or rare term is not reported, but a
    transliterated common English word (one that has an Arabic translation) is, and so is one
    written with a letter the source word's spelling does not call for (ص for an s, ق for a v:
    :func:`mtqa.lang.translit.unusual_letters`), and so is one exact but for a letter a dot or a
    stroke away (:func:`letter_slip`). The evidence says which case it is and names the frequent
    word one edit away, if any.
    """
    p = ctx.params()
    words = _source_words(seg)
    for start, end, word in _unknown_words(seg):
        if len(bare(word)) > _BLOB:
            continue  # words run together: missing-space says so
        neighbour = closest_frequent(word, neighbour_zipf=p["frequent_neighbour"])
        match = transliterated_source_word(word, words, match=p["translit_match"])
        if match is not None and _loose_common(*match, p):
            match = None  # «فيسينوس» is no transliteration of "officials"
        if (match is not None and neighbour is not None and match[0][:1].isupper()
                and translit_similarity(match[0], neighbour) < match[1]):
            # a name («زفاربريك», "Zvarbrik") rendered better than by its frequent neighbour is a name
            # written in Arabic letters, not a slip of that neighbour («كيبيا» for "Kenya" is a slip of
            # «كينيا», which renders the name better).
            neighbour = None
        if match is None and (
                split_run_on(word, piece_cost=p["piece_cost"], neighbour_zipf=p["frequent_neighbour"]) is not None
                or split_at_name(word, words, name_match=p["name_piece_match"],
                                 neighbour_zipf=p["frequent_neighbour"]) is not None):
            continue  # words run together: missing-space says so
        if match is None and _half_of_name(seg.text, start, words, match=p["translit_match"]):
            continue  # «وول ورثز» for "Woolworths": a name written as two words
        norm = normalize_ar(word)
        foreign = norm.removeprefix("ال").endswith(_FOREIGN_ENDINGS)
        unusual = unusual_letters(match[0], word) if match is not None else []
        slip = (letter_slip(word, match[0], match=p["translit_match"], consonants=p["slip_consonants"])
                if match is not None and neighbour is None and not unusual else None)
        if slip is not None and match is not None:
            # A name or term no dictionary knows, spelt exactly but for one letter a dot or a
            # stroke away: a slip of the pen or of the model, not a convention.
            yield Finding(start, end, f"«{word}» is not an Arabic word: one letter from «{slip}», which "
                          f"transliterates “{match[0]}” exactly", suggestion=slip,
                          evidence={"source_word": match[0], "exact_spelling": slip, "signal": "letter-slip",
                                    "backtranslation": seg.bt_text})
            continue
        if match is not None and neighbour is None and not unusual:
            en, score = match
            if any(w.lower() == en.lower() and w[:1].isupper() for w in words):
                continue  # the source also writes it as a name
            stem = en.lower().removesuffix("s")
            adds_morphology = foreign and not stem.endswith(("ing", "ment", "tion", "sion", "ism", "ist"))
            common = (not en[:1].isupper() and english_zipf(en) >= p["common_english"]
                      and score >= p["common_match"])
            if not (adds_morphology or common):
                continue  # a name or a technical term written in Arabic letters
            yield Finding(start, end, f"«{word}» transliterates “{en}” instead of translating it",
                          category="untranslated",
                          evidence={"source_word": en, "similarity": round(score, 2),
                                    "signal": "transliterated", "backtranslation": seg.bt_text})
            continue
        if unusual and match is not None and not neighbour:
            # A transliteration of a source word, but with a letter its spelling does not call
            # for («ريمديصيفير»: ص for the s of "Remdesivir"): a slipped transliteration.
            letters = " ".join(f"«{c}»" for c in unusual)
            yield Finding(start, end, f"«{word}» is not an Arabic word: it transliterates “{match[0]}”, but "
                          f"with {letters}, which nothing in “{match[0]}” calls for",
                          evidence={"source_word": match[0], "unusual_letters": "".join(unusual),
                                    "signal": "unusual-letter", "backtranslation": seg.bt_text})
            continue
        yield Finding(start, end, f"«{word}» is not an Arabic word (no dictionary knows it)"
                      + (f"; did you mean «{neighbour}»?" if neighbour else ""),
                      suggestion=neighbour,
                      evidence={"closest_frequent": neighbour, "loanword_ending": foreign,
                                "signal": "near-miss" if neighbour else ("loanword" if foreign else "unknown"),
                                "backtranslation": seg.bt_text})
