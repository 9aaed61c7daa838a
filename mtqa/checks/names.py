"""Names and acronyms: a source name spelled off its usual Arabic rendering, or two ways in one
document; a source acronym that the Arabic drops entirely."""

from __future__ import annotations

import os
import re
import unicodedata
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, replace

from mtqa.checks.base import Context, Finding, Param, SegmentView, check
from mtqa.lang import english as en
from mtqa.lang.arabic import one_slip
from mtqa.lang.dictionaries import bare, english_zipf, frequent_neighbours, frequent_zipf
from mtqa.lang.dictionaries import spelled_en as _spelled
from mtqa.lang.translit import (
    arabic_skeleton,
    best_match,
    latin_skeleton,
    similarity,
    skeleton_distance,
    skeleton_similarity,
)
from mtqa.text.normalize import normalize_ar, strip_clitics
from mtqa.text.tokenize import tokenize
from mtqa.wordalign import locate

__all__ = ["name_words"]

_CAP = re.compile(r"(?<![\w’'-])[A-Z\u00c0-\u00de][\w’'\-]*")
#: A possessive or a hyphenated tail ("Lumora's", "Luxembourg-based").
_SUFFIX = re.compile(r"(['’]s|-.*)$")
_ACRONYM = re.compile(r"(?<![\w.])(?:[A-Z]{3,6}|(?:[A-Z]\.){3,5})(?![\w])")
_STOP = {"of", "for", "the", "and", "on", "in", "to", "de", "la", "al"}
#: The name-spelling rule's parameters ([tool.mtqa.rules.name-spelling]); wordfreq Zipf scale for
#: frequencies, translit.similarity (0-1) for likeness.
_NAME_PARAMS = {
    "common_ar": Param(3.0, minimum=0, maximum=8, doc=(
        "an Arabic word this common is a conventional spelling, not a slip")),
    "match": Param(0.6, minimum=0, maximum=1, doc=(
        "a word renders a source name at least this closely to be located as it")),
    "common_word": Param(4.0, minimum=0, maximum=8, doc="a word this common (best spelling) is a dictionary word..."),
    "exact": Param(0.9, minimum=0, maximum=1, doc="...matched to a name only at this similarity"),
    "rare_spelling": Param(2.5, minimum=0, maximum=8, doc=(
        # (Zipf of its commonest form; 0 below 2.0)
        "a spelling of a name rarer than this...")),
    "usual_spelling": Param(3.0, minimum=0, maximum=8, doc=(
        "...one edit from a spelling at least this common...")),
    "usual_gap": Param(1.5, minimum=0, doc="...and this much commoner, is a slip..."),
    "usual_match": Param(0.75, minimum=0, maximum=1, doc="...when the word renders the name this closely"),
    # Countries, cities, well-known people and brands have one usual Arabic spelling that wordfreq's
    # Arabic list knows; a rarer name's spellings vary («فاراج»/«فراج» for "Farage"), and a common
    # Arabic word one slip from it is a coincidence («نويرت» "Nauert" is not «نورت»).
    "known_name": Param(3.5, minimum=0, maximum=8, doc=(
        "only a name this common in English is checked against its usual Arabic spelling")),
    # A name slipped by a consonant («كيبيا» for «كينيا» "Kenya") no longer reads as the name, so it is found from the other side: a rare word one edit from a known word that
    # renders the name, where the sentence renders the name nowhere as well.
    "render": Param(0.9, minimum=0, maximum=1, doc=(
        "a known word one edit from a rare one renders the source name at least this closely...")),
    "render_gain": Param(0.2, minimum=0, maximum=1, doc=(
        "...and this much more closely than the rare word (a consonant slip, not a variant)...")),
    "render_zipf": Param(2.0, minimum=0, maximum=8, doc=(
        "...and is at least this common (and usual_gap commoner than the rare word), while the rare "
        "word is rarer than slip_rare")),
    "slip_rare": Param(3.5, minimum=0, maximum=8, doc=(
        "a word this common (Zipf, under any reading) is a word of its own, not a slipped name")),
}
#: Letters that write vowels or endings, not consonants (matching form).
_NOT_CONSONANT = frozenset("اويهء")
#: Capitalised calendar words are not names, though a spell checker accepts them only capitalised.
_CALENDAR = frozenset({*en.WEEKDAYS, *en.MONTHS})
#: Adjective and demonym endings: "Brazilian" in a back-translation renders the name "Brazil",
#: "Portuguese" renders "Portugal" (the stem may change a little before the ending).
_DERIVED = ("n", "an", "ian", "ean", "ese", "i", "ish", "ic", "ite")


def _plain(word: str) -> str:
    """Lower case without diacritics ("Yıldırım" → "yildirim"), as a back-translation writes it."""
    if word.isascii():
        return word.lower()  # nothing to fold, and most words are ASCII
    word = word.lower().replace("ı", "i")
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))


def name_words(text: str) -> list[tuple[str, int, int]]:
    """Proper-name words of English text: capitalised words that are not dictionary words
    (sentence-initial words included), e.g. "Khalil", "Pütürge"; (word, start, end)."""
    out = []
    for m in _CAP.finditer(text):
        word = _SUFFIX.sub("", m.group())
        if len(word) < 3 or word.isupper() or not word.isalpha() or word.lower() in _CALENDAR:
            continue
        if word.isascii() and _spelled(word.lower()):  # non-ASCII letters: a foreign name
            continue
        out.append((word, m.start(), m.start() + len(word)))
    return out


@dataclass(frozen=True)
class _Occurrence:
    name: str
    segment: int
    start: int
    end: int
    stem: str
    score: float
    readings: tuple[str, ...] = ()  # every reading rendering the name as well as ``stem``


def _best_arabic(name: str, seg: SegmentView, p: dict[str, float]) -> _Occurrence | None:
    # A dictionary word is no rendering of a name unless it is one letter for letter: «فريق» is not
    # "Africa", «من» is not "Moines" (a name that is a word, «بوريس», still matches itself).
    words = [tok for tok in tokenize(seg.text) if tok.kind == "ar"
             and (frequent_zipf(tok.text) < p["common_word"] or similarity(name, tok.text) >= p["exact"])]
    i, score = best_match(name, [tok.text for tok in words], floor=p["match"])
    if i < 0:
        return None
    tok = words[i]
    readings = _name_readings(name, tok.text)
    return _Occurrence(_plain(name), seg.index, tok.start, tok.end, readings[0], score, readings)


def _spelling_key(stem: str) -> str:
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


def _zipf_ar(word: str) -> float:
    from wordfreq import zipf_frequency

    return float(zipf_frequency(word, "ar"))


def _usual_spelling(name: str, word: str, stem: str, p: dict[str, float]) -> str | None:
    """A much commoner spelling of the name one slip away («روسيا» for «رسيا», «إيران» for «إيرن»,
    «تشيلسي» for «تشليسي»; :func:`mtqa.lang.arabic.one_slip`), as it is usually written, that
    transliterates ``name`` at least as well as ``word`` (whose reading ``stem`` renders the name).

    wordfreq's Arabic list knows the usual spellings of common names and places; a rare spelling
    one confusable letter, long vowel or swap away from one of them is a slip. The word must be
    rare under every reading (with and without its clitics: «المكسيك» is common, «مكسيك» is not),
    and the neighbour must render the name at least as well, or a rare name would be "corrected"
    to a common word that merely looks like it.
    """
    if english_zipf(name) < p["known_name"]:
        return None
    rarity = max(frequent_zipf(w) for w in strip_clitics(normalize_ar(word)))
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


def _slipped_past(names: list[str], name: str, seg: SegmentView, flagged: set[tuple[int, int]],
                  p: dict[str, float]) -> tuple[int, int, str, str, str] | None:
    """A rare word of the sentence one edit from a known word that renders ``name`` closely, when
    the word itself renders it much less closely («كيبيا» for «كينيا» "Kenya", «مدريم» for «مدريد»
    "Madrid"): a consonant slip has taken the name past recognition (the matcher rates the word
    well below the name, or finds no rendering at all). (start, end, word, reading, known word).

    The caller asks only when no word of the sentence renders the name this closely already. A
    word that renders another source name as closely is that name, and a word common under any
    of its readings is a word of its own: neither is a slip.
    """
    for tok in tokenize(seg.text):
        if tok.kind != "ar" or (seg.index, tok.start) in flagged:
            continue
        readings = [r for r in strip_clitics(normalize_ar(tok.text)) if len(r) >= 3]
        if not readings:
            continue
        rarity = max(frequent_zipf(r) for r in readings)
        if rarity >= p["slip_rare"] or any(similarity(n, tok.text) >= p["render"] for n in names):
            continue
        for reading in readings:
            own = _renders(name, reading)
            floor = max(p["render_zipf"], rarity + p["usual_gap"])
            for spelled, _ in frequent_neighbours(reading, floor):
                renders = _renders(name, spelled)
                # The two must differ by a whole consonant: s for z («هولمس», «هولمز» "Holmes") or
                # a long vowel is how transliterations vary, not a slip.
                if renders >= p["render"] and renders - own >= p["render_gain"] and _whole_edit(reading, spelled):
                    return tok.start, tok.end, tok.text, reading, spelled
    return None


def _repeated(ctx: Context) -> Counter[str]:
    """How often each Arabic word (matching form) occurs in the document."""
    def build() -> Counter[str]:
        return Counter(normalize_ar(bare(tok.text)) for seg in ctx.segments for tok in tokenize(seg.text)
                       if tok.kind == "ar")

    counts: Counter[str] = ctx.resource("names:word-counts", build)
    return counts


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


def _nisba(a: str, b: str) -> bool:
    """Is one word the other's nisba adjective, the ي before its ending («كنديا», «سنغافورية» of
    «كندا», «سنغافورة»)? A derived form, not a second spelling."""
    longer, shorter = (a, b) if len(a) > len(b) else (b, a)
    return len(longer) == len(shorter) + 1 and longer[-2] == "ي" and longer[:-2] + longer[-1] == shorter


def _common_neighbour(stem: str) -> str | None:
    """A much more common spelling one long vowel away («خاليل» → «خليل»), if any, whatever the
    name's English frequency (:func:`_usual_spelling` asks more of the neighbour). (Any one-letter
    neighbour finds a few more slips but flags twice as many correct variant spellings of names on
    clean copy: measured with benchmarks/calibrate.py.)"""
    if _zipf_ar(stem) >= 1.0:
        return None
    for i, ch in enumerate(stem):
        if ch in "اوي" and 0 < i < len(stem) - 1:
            variant = stem[:i] + stem[i + 1:]
            if _zipf_ar(variant) >= 4.0:
                return variant
    return None



def _respelt(word: str, stem: str, spelling: str) -> str:
    """``word`` with its reading ``stem`` spelt ``spelling``, clitics kept («وإيطليا» → «وإيطاليا»)."""
    letters = bare(word)
    if len(normalize_ar(letters)) == len(letters) and normalize_ar(letters).endswith(stem):
        return letters[: len(letters) - len(stem)] + spelling
    return spelling


def _written(word: str, stem: str) -> str:
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


def _bt_variant(name: str, bt: str) -> str | None:
    """The back-translation's spelling of ``name`` when it differs ("Khaleel" for "Khalil")."""
    bt_words = {_plain(w): w for w in re.findall(r"[^\W\d_]+", bt)}
    plain = _plain(name)
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


@check("name-spelling", category="name", severity="minor", scope="document", corroborated="major",
       params=_NAME_PARAMS)
def name_spelling(ctx: Context) -> Iterator[Finding]:
    """A name spelled off its usual Arabic form, or spelled two ways in one document.

    Names are the source's capitalised non-dictionary words (the back-translation's, without a
    source); each is located in its Arabic sentence by transliteration similarity. Flagged: the
    back-translation spells the name differently from the source ("Khaleel" for "Khalil") while the
    Arabic spelling is rare; a rare spelling one slip from a much commoner one that renders the name
    as well («رسيا» for «روسيا», «خاليل» for «خليل»); and the minority spelling when one name is
    rendered two ways («لومرا» vs «لومورا»; see :func:`_inconsistent`). And where no word renders a
    source name closely, a rare word one letter from a known word that does («كيبيا» for «كينيا»
    "Kenya"; :func:`_slipped_past`).
    """
    p = ctx.params()
    occurrences: list[_Occurrence] = []
    unlocated: dict[str, list[int]] = {}
    flagged: set[tuple[int, int]] = set()
    for seg in ctx.segments:
        text = seg.source or seg.bt_text
        if not text:
            continue
        names = name_words(text)
        source_names = [n for n, _, _ in names]
        arabic = [tok.text for tok in tokenize(seg.text) if tok.kind == "ar"]
        for name, _, _ in names:
            occ = _best_arabic(name, seg, p)
            if occ is None:
                unlocated.setdefault(_plain(name), []).append(seg.index)
                continue
            occurrences.append(occ)
            word = seg.text[occ.start:occ.end]
            variant = _bt_variant(name, seg.bt_text) if seg.source and seg.bt_text else None
            neighbour = (next(filter(None, (_usual_spelling(name, word, r, p) for r in occ.readings)), None)
                         or _common_neighbour(occ.stem))
            if (variant or neighbour) and _zipf_ar(occ.stem) < p["common_ar"]:
                flagged.add((seg.index, occ.start))
                suggestion = _respelt(word, occ.stem, neighbour) if neighbour else None
                why = (f"back-translates as “{variant}”, not “{name}”" if variant
                       else f"is an unusual spelling of “{name}”; the usual one is «{suggestion}»")
                yield Finding(occ.start, occ.end, f"name «{word}» {why}", segment=seg.index,
                              suggestion=suggestion,
                              evidence={"source_name": name, "bt_name": variant, "usual_spelling": neighbour,
                                        "signal": "bt-variant" if variant else "usual-spelling"})
        for name, _, _ in names:
            # A name the sentence renders nowhere closely may be there, slipped by a consonant. A
            # name of one consonant ("Ugo": g) is rendered by too many words to say which.
            if len(latin_skeleton(name)) < 2 or best_match(name, arabic, floor=p["render"])[0] >= 0:
                continue
            slipped = _slipped_past(source_names, name, seg, flagged, p)
            # A slip is a one-off: a spelling the document repeats is the translator's rendering
            # of the name (a wrong one or not, it is not one letter slipped).
            if slipped is None or _repeated(ctx)[normalize_ar(bare(slipped[2]))] > 1:
                continue
            start, end, word, reading, spelled = slipped
            flagged.add((seg.index, start))
            suggestion = _respelt(word, reading, spelled)
            yield Finding(start, end, f"«{word}» where the source names “{name}”: one letter from «{suggestion}», "
                          f"which renders the name", segment=seg.index, suggestion=suggestion,
                          evidence={"source_name": name, "usual_spelling": spelled, "signal": "slipped-usual"})
    yield from _inconsistent(ctx, occurrences, unlocated, flagged, p)


def _inconsistent(ctx: Context, occurrences: list[_Occurrence], unlocated: dict[str, list[int]],
                  flagged: set[tuple[int, int]], p: dict[str, float]) -> Iterator[Finding]:
    """The minority spelling of a name the document spells two ways («لومرا» vs «لومورا»).

    A short name (two consonants: "Rosa", "Daley") matches many words loosely, so its minority
    spelling counts only one slip from the usual one («رزا» for «روزا»). With no majority (one
    spelling each), a rare spelling one slip from a much commoner one loses. And a line whose
    source names it where no word renders the name closely enough to be found may hold it
    slipped past recognition («فال» for «فان» "Vann", «كف» for «كوف»): a rare-enough word there
    one slip from the document's spelling is flagged too.
    """
    by_name: dict[str, list[_Occurrence]] = {}
    for occ in occurrences:
        by_name.setdefault(occ.name, []).append(occ)
    for name, found in by_name.items():
        # An ambiguous clitic reading («ووستر»: "Wooster" or "and «وستر»") is read as the document's
        # other mentions of the name read.
        shared = Counter(r for o in found for r in set(o.readings))
        occs = [replace(o, stem=max(o.readings, key=lambda r: (shared[r], -len(r)))) if len(o.readings) > 1 else o
                for o in found]
        short = len(latin_skeleton(name)) < 3
        counts = Counter(_spelling_key(o.stem) for o in occs)
        ranked = counts.most_common()
        top, n_top = ranked[0]
        usual = Counter(o.stem for o in occs if _spelling_key(o.stem) == top).most_common(1)[0][0]
        written = {o.stem: _written(ctx.segments[o.segment].text[o.start:o.end], o.stem) for o in reversed(occs)}
        odd: list[tuple[_Occurrence, str]] = []
        if len(ranked) >= 2 and n_top > ranked[1][1]:
            odd = [(o, usual) for o in occs if _spelling_key(o.stem) != top
                   and (not short or _one_off(o.stem, usual))]
        elif len(ranked) >= 2:  # a tie: frequency decides between two spellings one slip apart
            stems = {o.stem for o in occs}
            for o in occs:
                better = [t for t in stems if _one_off(o.stem, t) and _much_commoner(t, o.stem, p)]
                if better:
                    odd.append((o, better[0]))
        for o, spelling in odd:
            if (o.segment, o.start) in flagged:
                continue
            flagged.add((o.segment, o.start))
            seg = ctx.segments[o.segment]
            word = seg.text[o.start:o.end]
            yield Finding(o.start, o.end, f"«{word}» spells “{name}” differently from "
                          f"«{written[spelling]}» used elsewhere in the document", segment=o.segment,
                          suggestion=_respelt(word, o.stem, written[spelling]),
                          evidence={"variants": dict(Counter(x.stem for x in occs)), "signal": "variant"})
        for index in unlocated.get(name, []):
            seg = ctx.segments[index]
            for tok in tokenize(seg.text):
                if tok.kind != "ar" or (index, tok.start) in flagged:
                    continue
                readings = strip_clitics(normalize_ar(tok.text))
                slipped = next((r for r in readings if _one_off(r, usual)), None)
                if slipped is not None and not _much_commoner(tok.text, usual, p):
                    flagged.add((index, tok.start))
                    yield Finding(tok.start, tok.end, f"«{tok.text}» where the source names “{name}”, spelt "
                                  f"«{written[usual]}» elsewhere in the document", segment=index,
                                  suggestion=_respelt(tok.text, slipped, written[usual]),
                                  evidence={"variants": dict(Counter(x.stem for x in occs)), "signal": "slipped"})
                    break


def _one_off(a: str, b: str) -> bool:
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


def _much_commoner(a: str, b: str, p: dict[str, float]) -> bool:
    """Is ``a`` (any clitic reading) much commoner than ``b`` (wordfreq)?"""
    za = max(frequent_zipf(w) for w in strip_clitics(normalize_ar(a)))
    zb = max(frequent_zipf(w) for w in strip_clitics(normalize_ar(b)))
    return za >= p["usual_spelling"] and za - zb >= p["usual_gap"]


def _initials_in(acronym: str, text: str) -> bool:
    letters = acronym.replace(".", "").lower()
    words = [w for w in re.findall(r"[A-Za-z]+", text) if w.lower() not in _STOP]
    initials = "".join(w[0].lower() for w in words)
    return letters in initials


def _rendered(acronym: str, seg: SegmentView) -> bool:
    if re.search(rf"(?<![A-Za-z]){re.escape(acronym)}(?![A-Za-z])", seg.text.replace(".", "")):
        return True
    if seg.bt_text and (acronym.lower() in seg.bt_text.replace(".", "").lower() or _initials_in(acronym, seg.bt_text)):
        return True
    return any(similarity(acronym, t.text) >= 0.75 for t in tokenize(seg.text) if t.kind == "ar")


@check("acronym-missing", category="name", severity="minor", needs=("source",), corroborated="major")
def acronym_missing(seg: SegmentView, ctx: Context) -> Iterator[Finding]:
    """A source acronym (NATO, KFOR) with no trace in the Arabic.

    Accepted traces: the acronym in Latin script, an Arabic transliteration of it («آفاد»), or —
    in the back-translation — the acronym or its spelled-out form ("Office for the Coordination
    of Humanitarian Affairs"). An acronym rendered anywhere in the document is not flagged (later
    mentions may say «المكتب»). Flags the whole sentence, since the missing name has no span.
    """
    if not seg.source:
        return
    for m in _ACRONYM.finditer(seg.source):
        acronym = m.group()
        bare = acronym.replace(".", "")
        if not seg.bt_text or _rendered(bare, seg):
            continue  # rendered here, or no back-translation to judge by
        if any(_rendered(bare, other) for other in ctx.segments if other.index != seg.index):
            continue  # named elsewhere in the document; a later «المكتب» may refer back to it
        yield Finding(0, len(seg.text), f"the source acronym “{acronym}” does not appear in the Arabic",
                      evidence={"acronym": acronym, "backtranslation": seg.bt_text})


# -- a place named without the qualifier the source always gives it ("South Africa" → "Africa") --
#: Compass qualifiers that make a different place: South Africa / Africa, North Korea / Korea.
_QUALIFIERS = frozenset({"south", "north", "east", "west", "southern", "northern", "eastern", "western"})
_CAPWORD = re.compile(r"\b[A-Z][a-z]+")


def _place_key(word: str) -> str:
    """"African" and "Africa", "Korean" and "Korea" share a key."""
    low = word.lower()
    return low[:-1] if low.endswith("an") and len(low) > 4 else low


def _qualifiers(text: str) -> Iterator[tuple[str | None, str, int, int]]:
    """(qualifier or None, place key, span of the place word) for each capitalised word."""
    for m in _CAPWORD.finditer(text):
        if m.group().lower() in _QUALIFIERS:
            continue
        prev = re.search(r"\b([A-Z][a-z]+)\s+$", text[max(0, m.start() - 20):m.start()])
        qual = prev.group(1).lower() if prev and prev.group(1).lower() in _QUALIFIERS else None
        yield qual, _place_key(m.group()), m.start(), m.end()


def _doc_qualifiers(ctx: Context) -> dict[str, frozenset[str | None]]:
    def build() -> dict[str, frozenset[str | None]]:
        texts = [s.source for s in ctx.segments if s.source] + [gap.text for gap in ctx.unaligned_source]
        seen: dict[str, set[str | None]] = {}
        for text in texts:
            for qual, key, _, _ in _qualifiers(text):
                seen.setdefault(key, set()).add(qual)
        return {k: frozenset(v) for k, v in seen.items()}

    table: dict[str, frozenset[str | None]] = ctx.resource("names:qualifiers", build)
    return table


@check("name-qualifier-lost", category="mistranslation", severity="minor", needs=("source", "backtranslation"),
       corroborated="major")
def name_qualifier_lost(seg: SegmentView, ctx: Context) -> Iterator[Finding]:
    """A place the source only ever names with a compass qualifier ("South Africa", "North Korea")
    back-translates without it, or with another one ("Africa", "South Korea"): another place."""
    if not seg.source or not seg.bt_text:
        return
    doc = _doc_qualifiers(ctx)
    for qual, key, start, end in _qualifiers(seg.bt_text):
        known = doc.get(key)
        if not known or None in known or qual in known:
            continue
        span = locate(seg, start, end)
        if span is None:
            continue
        said = min(q for q in known if q).title()
        yield Finding(span[0], span[1], f"«{seg.text[span[0]:span[1]]}» back-translates as "
                      f"“{seg.bt_text[start:end]}”; the source only names “{said} {seg.bt_text[start:end]}”",
                      evidence={"backtranslation": seg.bt_text, "source": seg.source})
