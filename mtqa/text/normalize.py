"""Arabic and English normalisation for *matching only*; reported offsets stay on the original text."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from functools import lru_cache

from mtqa.lang import arabic as ar

__all__ = [
    "ARABIC_LETTER",
    "INVISIBLE",
    "check_view",
    "fold_en",
    "for_model",
    "has_arabic",
    "normalize_ar",
    "normalize_digits",
    "normalize_with_offsets",
    "spans_in",
    "strip_clitics",
    "written_end",
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


#: Characters that show nothing: zero-width space, non-joiner and joiner, bidi marks, embeddings,
#: overrides and isolates, the word joiner, soft hyphen, BOM and the Mongolian vowel separator.
INVISIBLE = frozenset("\u00ad\u061c\u180e\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
                      "\u2060\u2066\u2067\u2068\u2069\ufeff")
_INVISIBLE_RUN = re.compile("[" + "".join(sorted(INVISIBLE)) + "]+")
# Same-length equivalents: presentation forms, Persian kaf and yeh, full-width and Arabic-Indic
# digits, and spaces of other widths (NNBSP, thin, figure …) as a plain space; NBSP stays (the
# number rules read it).
_VIEW_TABLE = str.maketrans({
    # presentation forms of one letter (a PDF's shaped text) as that letter; ligatures stay
    **{chr(c): unicodedata.normalize("NFKC", chr(c)) for r in ((0xFB50, 0xFDFF), (0xFE80, 0xFEFC))
       for c in range(*r) if len(unicodedata.normalize("NFKC", chr(c))) == 1},
    "\u06a9": "\u0643", "\u06cc": "\u064a",
    **{chr(0xFF10 + i): str(i) for i in range(10)}, **_DIGITS,
    **{c: " " for c in "\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"},
})


def check_view(text: str, *, invisible: bool = True) -> str:
    """``text`` as the checks read it, of the same length, so that every offset into it is an
    offset into ``text``: invisible characters no longer split words or stand between a number and
    its scale word, equivalent characters are the ones the rules know.

    An invisible run inside an Arabic word (a zero-width space when the letters either side make a
    known word: they join across it), or a joiner right after an Arabic letter, becomes tatweel
    (part of the word, dropped when words are compared: «ال\u200cبنك» reads «البنك»); a run next to
    a space, between a number and a word, or a zero-width space between other words becomes spaces
    («2\u200f مليار» reads «2  مليار»); one inside a Latin word or a number moves, as spaces, to the
    end of its run of non-space characters ("bil\u00adlion," reads "billion, ", «3,\u200f000» reads
    «3,000 »); one next to other punctuation stays (it splits nothing, and a space there would read
    as one before a full stop). A combining hamza or madda takes its letter's composed form, the
    tatweel after it keeping the length («مسو\u0654ولون» reads «مسؤـولون»). A letter's
    presentation form (text copied out of a PDF), Persian ک and ی, full-width, Arabic-Indic and
    Persian digits and spaces of other widths become the letter, ك, ي, ASCII digits and a space.
    With ``invisible=False`` only these one-for-one equivalents are made (what sentence splitting
    reads: a sentence keeps the invisible characters at its edges).
    """
    if text.isascii():
        return text
    out = text.translate(_VIEW_TABLE)
    if "\u0653" in out or "\u0654" in out or "\u0655" in out:
        out = _COMBINING_HAMZA.sub(_compose, out)
    if invisible and _INVISIBLE_RUN.search(out):
        out = _CHUNK.sub(_chunk_view, out)
    return out


_JOINERS = frozenset("\u200c\u200d")
_CHUNK = re.compile(r"\S+")
_LATIN_LETTER = re.compile("[A-Za-z\u00c0-\u024f]")
_ARABIC_CHAR = re.compile(f"[{ARABIC_LETTER}{ar.DIACRITICS_CLASS}]")
_COMBINING_HAMZA = re.compile("([\u0627\u0648\u064a\u06c1\u06d2\u06d5])([\u0653\u0654\u0655])")


def _chunk_view(m: re.Match[str]) -> str:
    """A run of non-space characters with its invisible runs made tatweel, spaces, or moved."""
    chunk = m.group()
    if not _INVISIBLE_RUN.search(chunk):
        return chunk
    parts: list[str] = []
    moved = 0
    pos = 0
    for run in _INVISIBLE_RUN.finditer(chunk):
        parts.append(chunk[pos:run.start()])
        pos = run.end()
        n = run.end() - run.start()
        before = chunk[run.start() - 1] if run.start() else ""
        after = chunk[run.end()] if run.end() < len(chunk) else ""
        if before and _ARABIC_CHAR.match(before) and (
                (after and _ARABIC_CHAR.match(after) and ("\u200b" not in run.group() or _one_word(chunk, run)))
                or set(run.group()) <= _JOINERS):
            # Inside an Arabic word, or a joiner: part of the letter before it.
            parts.append("\u0640" * n)
        elif not before or not after or "\u200b" in run.group():
            parts.append(" " * n)  # next to a space, or a zero-width space between other words
        elif _inside_word_or_number(chunk, run.start(), run.end()):
            moved += n
        elif before.isalnum() and after.isalnum():
            parts.append(" " * n)  # between a number and a word, or two scripts: a word break
        else:
            parts.append(run.group())  # next to punctuation: it splits nothing
    parts.append(chunk[pos:])
    return "".join(parts) + " " * moved


def _one_word(chunk: str, run: re.Match[str]) -> bool:
    """Is a zero-width space between Arabic letters inside a word («أب\u200bريل»: the letters join
    across it, the reader sees «أبريل») rather than standing for a space between two («في\u200bالمدينة»)?
    Inside, when the letters either side make a word a dictionary knows."""
    from mtqa.lang.dictionaries import arabic_known

    left = _ARABIC_RUN_END.search(chunk[:run.start()])
    right = _ARABIC_RUN_START.match(chunk[run.end():])
    word = (left.group() if left else "") + (right.group() if right else "")
    return arabic_known(word.replace("\u0640", ""))


_ARABIC_RUN_END = re.compile(f"[{ARABIC_LETTER}{ar.DIACRITICS_CLASS}]+$")
_ARABIC_RUN_START = re.compile(f"[{ARABIC_LETTER}{ar.DIACRITICS_CLASS}]+")


def _inside_word_or_number(chunk: str, start: int, end: int) -> bool:
    """Is ``chunk[start:end]`` between two Latin letters, two digits, or a digit and a group or
    decimal separator with a digit beyond it («3,\u200f000», «2\u200f.5»; not «2023\u200f.»)?"""
    before, after = chunk[start - 1], chunk[end]
    if _LATIN_LETTER.match(before) and _LATIN_LETTER.match(after):
        return True
    if before.isdigit() and after.isdigit():
        return True
    if before.isdigit() and after in _NUMBER_SEPARATORS:
        return end + 1 < len(chunk) and chunk[end + 1].isdigit()
    return after.isdigit() and before in _NUMBER_SEPARATORS and start >= 2 and chunk[start - 2].isdigit()


_NUMBER_SEPARATORS = frozenset(".,\u066b\u066c")


def _compose(m: re.Match[str]) -> str:
    composed = unicodedata.normalize("NFC", m.group())
    return composed + "\u0640" if len(composed) == 1 else m.group()


def for_model(text: str) -> tuple[str, tuple[int, ...] | None]:
    """``text`` as a translation model should read it, and for each of its characters the offset of
    that character in ``text`` (one more entry for the end; None when the two are the same): the
    check view without tatweel, which it puts for invisible characters inside words and which the
    model's vocabulary does not expect (a toy model read «الجمعـة» as another weekday)."""
    if "\u0640" not in text:
        return text, None
    kept = [i for i, ch in enumerate(text) if ch != "\u0640"]
    return "".join(text[i] for i in kept), (*kept, len(text))


def spans_in(index: Sequence[int] | None, spans: tuple[tuple[int, int] | None, ...]
             ) -> tuple[tuple[int, int] | None, ...]:
    """Spans of a text :func:`for_model` gave, as spans of the text it was given."""
    if index is None:
        return spans

    def placed(span: tuple[int, int] | None) -> tuple[int, int] | None:
        if span is None:
            return None
        start, end = span
        return (index[start], index[end - 1] + 1 if end > start else index[start])

    return tuple(placed(s) for s in spans)


def written_end(view: str, written: str, start: int, end: int, limit: int | None = None) -> int:
    """The end of a span of the check view ``view`` in the text as ``written`` (at most ``limit``):
    the span takes in the spaces the view put where the text has an invisible character («2\u200f»)
    or the rest of a word the view closed up ("Reu\u00adters" read "Reuters ")."""
    limit = len(view) if limit is None else limit
    while start < end < limit and view[end] == " " and not written[end].isspace():
        end += 1
    return end


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
