"""Names and acronyms: a source name spelled off its usual Arabic rendering, or two ways in one
document; a source acronym that the Arabic drops entirely."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import replace

from mtqa.checks import _spellings as spell
from mtqa.checks.base import Context, Finding, Param, SegmentView, check
from mtqa.lang import translit
from mtqa.lang.dictionaries import bare
from mtqa.lang.dictionaries import spelled_en as _spelled
from mtqa.lang.translit import (
    best_match,
    latin_skeleton,
    similarity,
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
    "match": Param(translit.LOOSE, minimum=0, maximum=1, doc=(
        "a word renders a source name at least this closely to be located as it")),
    "common_word": Param(4.0, minimum=0, maximum=8, doc="a word this common (best spelling) is a dictionary word..."),
    "exact": Param(translit.SURE, minimum=0, maximum=1, doc="...matched to a name only at this similarity"),
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
    "render": Param(translit.SURE, minimum=0, maximum=1, doc=(
        "a known word one edit from a rare one renders the source name at least this closely...")),
    "render_gain": Param(0.2, minimum=0, maximum=1, doc=(
        "...and this much more closely than the rare word (a consonant slip, not a variant)...")),
    "render_zipf": Param(2.0, minimum=0, maximum=8, doc=(
        "...and is at least this common (and usual_gap commoner than the rare word), while the rare "
        "word is rarer than slip_rare")),
    "word_ar": Param(5.0, minimum=0, maximum=8, doc=(
        "an Arabic word this common (Zipf) is a word of its own, never the minority spelling of a name")),
    "slip_rare": Param(3.5, minimum=0, maximum=8, doc=(
        "a word this common (Zipf, under any reading) is a word of its own, not a slipped name")),
}
def name_words(text: str) -> list[tuple[str, int, int]]:
    """Proper-name words of English text: capitalised words that are not dictionary words
    (sentence-initial words included), e.g. "Khalil", "Pütürge"; (word, start, end)."""
    out = []
    for m in _CAP.finditer(text):
        word = _SUFFIX.sub("", m.group())
        if len(word) < 3 or word.isupper() or not word.isalpha() or word.lower() in spell.CALENDAR:
            continue
        if word.isascii() and _spelled(word.lower()):  # non-ASCII letters: a foreign name
            continue
        out.append((word, m.start(), m.start() + len(word)))
    return out


def _repeated(ctx: Context) -> Counter[str]:
    """How often each Arabic word (matching form) occurs in the document."""
    def build() -> Counter[str]:
        return Counter(normalize_ar(bare(tok.text)) for seg in ctx.segments for tok in tokenize(seg.text)
                       if tok.kind == "ar")

    counts: Counter[str] = ctx.resource("names:word-counts", build)
    return counts


#: Names of one sentence looked at (in order); more is no sentence but a list, or garbage.
_MAX_NAMES = 40


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
    "Kenya"; :func:`mtqa.checks._spellings.slipped_past`).
    """
    p = ctx.params()
    occurrences: list[spell.Occurrence] = []
    unlocated: dict[str, list[int]] = {}
    flagged: set[tuple[int, int]] = set()
    for seg in ctx.segments:
        text = seg.source or seg.bt_text
        if not text:
            continue
        # A sentence names a few people and places; a line of garbage the model read back as a
        # hundred capitalised words would make the matching below quadratic (minutes for one line).
        names = name_words(text)[:_MAX_NAMES]
        source_names = [n for n, _, _ in names]
        arabic = [tok.text for tok in tokenize(seg.text) if tok.kind == "ar"]
        located = {name: spell.best_arabic(name, seg, p) for name, _, _ in names}
        # One Arabic word renders one name: two names that find the same word («ماريلا» for "Marla"
        # and, loosely, for "Marlish") leave it to the one it transliterates best.
        best: dict[int, float] = {}
        for claim in filter(None, located.values()):
            best[claim.start] = max(best.get(claim.start, 0.0), claim.score)
        for name, _, _ in names:
            occ = located[name]
            if occ is not None and occ.score < best[occ.start]:
                occ = None
            if occ is None:
                unlocated.setdefault(spell.plain_form(name), []).append(seg.index)
                continue
            occurrences.append(occ)
            word = seg.text[occ.start:occ.end]
            variant = spell.bt_variant(name, seg.bt_text) if seg.source and seg.bt_text else None
            neighbour = (next(filter(None, (spell.usual_spelling(name, word, r, p) for r in occ.readings)), None)
                         or spell.common_neighbour(occ.stem))
            if (variant or neighbour) and spell.zipf_ar(occ.stem) < p["common_ar"]:
                flagged.add((seg.index, occ.start))
                suggestion = spell.respelt(word, occ.stem, neighbour) if neighbour else None
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
            slipped = spell.slipped_past(source_names, name, seg, flagged, p)
            # A slip is a one-off: a spelling the document repeats is the translator's rendering
            # of the name (a wrong one or not, it is not one letter slipped).
            if slipped is None or _repeated(ctx)[normalize_ar(bare(slipped[2]))] > 1:
                continue
            start, end, word, reading, spelled = slipped
            flagged.add((seg.index, start))
            suggestion = spell.respelt(word, reading, spelled)
            yield Finding(start, end, f"«{word}» where the source names “{name}”: one letter from «{suggestion}», "
                          f"which renders the name", segment=seg.index, suggestion=suggestion,
                          evidence={"source_name": name, "usual_spelling": spelled, "signal": "slipped-usual"})
    yield from _inconsistent(ctx, occurrences, unlocated, flagged, p)


def _inconsistent(ctx: Context, occurrences: list[spell.Occurrence], unlocated: dict[str, list[int]],
                  flagged: set[tuple[int, int]], p: dict[str, float]) -> Iterator[Finding]:
    """The minority spelling of a name the document spells two ways («لومرا» vs «لومورا»).

    A short name (two consonants: "Rosa", "Daley") matches many words loosely, so its minority
    spelling counts only one slip from the usual one («رزا» for «روزا»). With no majority (one
    spelling each), a rare spelling one slip from a much commoner one loses. And a line whose
    source names it where no word renders the name closely enough to be found may hold it
    slipped past recognition («فال» for «فان» "Vann", «كف» for «كوف»): a rare-enough word there
    one slip from the document's spelling is flagged too.
    """
    by_name: dict[str, list[spell.Occurrence]] = {}
    for occ in occurrences:
        by_name.setdefault(occ.name, []).append(occ)
    for name, found in by_name.items():
        # An ambiguous clitic reading («ووستر»: "Wooster" or "and «وستر»") is read as the document's
        # other mentions of the name read.
        shared = Counter(r for o in found for r in set(o.readings))
        occs = [replace(o, stem=max(o.readings, key=lambda r: (shared[r], -len(r)))) if len(o.readings) > 1 else o
                for o in found]
        short = len(latin_skeleton(name)) < 3
        counts = Counter(spell.spelling_key(o.stem) for o in occs)
        ranked = counts.most_common()
        top, n_top = ranked[0]
        usual = Counter(o.stem for o in occs if spell.spelling_key(o.stem) == top).most_common(1)[0][0]
        written = {o.stem: spell.written(ctx.segments[o.segment].text[o.start:o.end], o.stem) for o in reversed(occs)}
        odd: list[tuple[spell.Occurrence, str]] = []
        if len(ranked) >= 2 and n_top > ranked[1][1]:
            odd = [(o, usual) for o in occs if spell.spelling_key(o.stem) != top
                   and (not short or spell.one_off(o.stem, usual))]
        elif len(ranked) >= 2:  # a tie: frequency decides between two spellings one slip apart
            stems = {o.stem for o in occs}
            for o in occs:
                better = [t for t in stems if spell.one_off(o.stem, t) and spell.much_commoner(t, o.stem, p)]
                if better:
                    odd.append((o, better[0]))
        for o, spelling in odd:
            if (o.segment, o.start) in flagged or spell.zipf_ar(o.stem) >= p["word_ar"]:
                continue  # a word that common is a word of its own («فريق» is no “Africa”)
            flagged.add((o.segment, o.start))
            seg = ctx.segments[o.segment]
            word = seg.text[o.start:o.end]
            yield Finding(o.start, o.end, f"«{word}» spells “{name}” differently from "
                          f"«{written[spelling]}» used elsewhere in the document", segment=o.segment,
                          suggestion=spell.respelt(word, o.stem, written[spelling]),
                          evidence={"variants": dict(Counter(x.stem for x in occs)), "signal": "variant"})
        for index in unlocated.get(name, []):
            seg = ctx.segments[index]
            for tok in tokenize(seg.text):
                if tok.kind != "ar" or (index, tok.start) in flagged:
                    continue
                readings = strip_clitics(normalize_ar(tok.text))
                slipped = next((r for r in readings if spell.one_off(r, usual)), None)
                if slipped is not None and not spell.much_commoner(tok.text, usual, p):
                    flagged.add((index, tok.start))
                    yield Finding(tok.start, tok.end, f"«{tok.text}» where the source names “{name}”, spelt "
                                  f"«{written[usual]}» elsewhere in the document", segment=index,
                                  suggestion=spell.respelt(tok.text, slipped, written[usual]),
                                  evidence={"variants": dict(Counter(x.stem for x in occs)), "signal": "slipped"})
                    break


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
    return any(similarity(acronym, t.text) >= translit.MATCH for t in tokenize(seg.text) if t.kind == "ar")


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
