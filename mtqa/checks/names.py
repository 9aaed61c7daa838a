"""Names and acronyms: a source name spelled off its usual Arabic rendering, or two ways in one
document; a source acronym that the Arabic drops entirely."""

from __future__ import annotations

import os
import re
import unicodedata
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from mtqa.checks.base import Context, Finding, SegmentView, check
from mtqa.lang import english as en
from mtqa.lang.dictionaries import frequent_neighbour, frequent_zipf
from mtqa.lang.dictionaries import spelled_en as _spelled
from mtqa.text.normalize import normalize_ar, strip_clitics
from mtqa.text.tokenize import tokenize
from mtqa.translit import best_match, latin_skeleton, similarity, skeleton_similarity
from mtqa.wordalign import locate

__all__ = ["name_words"]

_CAP = re.compile(r"(?<![\w’'-])[A-Z\u00c0-\u00de][\w’'\-]*")
#: A possessive or a hyphenated tail ("Lumora's", "Luxembourg-based").
_SUFFIX = re.compile(r"(['’]s|-.*)$")
_ACRONYM = re.compile(r"(?<![\w.])(?:[A-Z]{3,6}|(?:[A-Z]\.){3,5})(?![\w])")
_STOP = {"of", "for", "the", "and", "on", "in", "to", "de", "la", "al"}
#: An Arabic word this common is a conventional spelling, not a slip (wordfreq Zipf scale).
_COMMON_AR = 3.0
_MATCH = 0.6
#: A word this common (Zipf, best spelling) is a dictionary word …
_COMMON_WORD = 4.0
#: … matched to a name only at this transliteration similarity.
_EXACT = 0.9
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


def _best_arabic(name: str, seg: SegmentView) -> _Occurrence | None:
    # A dictionary word is no rendering of a name unless it is one letter for letter: «فريق» is not
    # "Africa", «من» is not "Moines" (a name that is a word, «بوريس», still matches itself).
    words = [tok for tok in tokenize(seg.text) if tok.kind == "ar"
             and (frequent_zipf(tok.text) < _COMMON_WORD or similarity(name, tok.text) >= _EXACT)]
    i, score = best_match(name, [tok.text for tok in words], floor=_MATCH)
    if i < 0:
        return None
    tok = words[i]
    return _Occurrence(_plain(name), seg.index, tok.start, tok.end, _name_stem(name, tok.text), score)


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
    best, best_score = "", -1.0
    for stem in strip_clitics(normalize_ar(word)):
        # Only a score at least the best so far can win, so the search may stop below it: a score
        # under that floor comes back as 0, which loses all the same (or is exact, under a floor of 0).
        _, score = best_match(name, [stem], floor=max(best_score, 0.0))
        if (score, -len(stem)) > (best_score, -len(best)):
            best, best_score = stem, score
    return best


def _zipf_ar(word: str) -> float:
    from wordfreq import zipf_frequency

    return float(zipf_frequency(word, "ar"))


def _common_neighbour(stem: str) -> str | None:
    """A much more common spelling one long vowel away («خاليل» → «خليل»), if any. (Any one-letter
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


@check("name-spelling", category="name", severity="minor", scope="document", corroborated="major")
def name_spelling(ctx: Context) -> Iterator[Finding]:
    """A name spelled off its usual Arabic form, or spelled two ways in one document.

    Names are the source's capitalised non-dictionary words (the back-translation's, without a
    source); each is located in its Arabic sentence by transliteration similarity. Flagged: the
    back-translation spells the name differently from the source ("Khaleel" for "Khalil") while the
    Arabic spelling is rare; a rare spelling one long vowel away from a common one («خاليل» for
    «خليل»); and the minority spelling when one name is rendered two ways («لومرا» vs «لومورا»).
    """
    occurrences: list[_Occurrence] = []
    flagged: set[tuple[int, int]] = set()
    for seg in ctx.segments:
        text = seg.source or seg.bt_text
        if not text:
            continue
        for name, _, _ in name_words(text):
            occ = _best_arabic(name, seg)
            if occ is None:
                continue
            occurrences.append(occ)
            word = seg.text[occ.start:occ.end]
            variant = _bt_variant(name, seg.bt_text) if seg.source and seg.bt_text else None
            neighbour = _common_neighbour(occ.stem)
            if (variant or neighbour) and _zipf_ar(occ.stem) < _COMMON_AR:
                flagged.add((seg.index, occ.start))
                why = (f"back-translates as “{variant}”, not “{name}”" if variant
                       else f"is an unusual spelling; «{neighbour}» is the usual one")
                yield Finding(occ.start, occ.end, f"name «{word}» {why}", segment=seg.index,
                              suggestion=neighbour, evidence={"source_name": name, "bt_name": variant})
    by_name: dict[str, list[_Occurrence]] = {}
    for occ in occurrences:
        if len(latin_skeleton(occ.name)) >= 3:
            by_name.setdefault(occ.name, []).append(occ)
    for name, occs in by_name.items():
        counts = Counter(_spelling_key(o.stem) for o in occs)
        if len(counts) < 2:
            continue
        (top, n_top), (_, n_second) = counts.most_common(2)
        if n_top == n_second:
            continue
        usual = Counter(o.stem for o in occs if _spelling_key(o.stem) == top).most_common(1)[0][0]
        for o in occs:
            if _spelling_key(o.stem) != top and (o.segment, o.start) not in flagged:
                flagged.add((o.segment, o.start))
                seg = ctx.segments[o.segment]
                yield Finding(o.start, o.end, f"«{seg.text[o.start:o.end]}» spells “{name}” differently from "
                              f"«{usual}» used elsewhere in the document", segment=o.segment, suggestion=usual,
                              evidence={"variants": dict(Counter(x.stem for x in occs))})


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
        texts = [s.source for s in ctx.segments if s.source] + [t for _, t, _ in ctx.unaligned_source]
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
        said = sorted(q for q in known if q)[0].title()
        yield Finding(span[0], span[1], f"«{seg.text[span[0]:span[1]]}» back-translates as "
                      f"“{seg.bt_text[start:end]}”; the source only names “{said} {seg.bt_text[start:end]}”",
                      evidence={"backtranslation": seg.bt_text, "source": seg.source})
