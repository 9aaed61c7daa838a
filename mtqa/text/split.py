"""Sentence splitting with code-point offsets into the original line."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

__all__ = ["Sentence", "count_utterances", "split_sentences"]


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str


# Abbreviations that end in a full stop without ending the sentence.
_AR_ABBREV = {"د", "م", "أ", "ا", "ش", "ص", "ق", "ج", "ه", "هـ", "ت", "ص.ب", "ق.م", "أ.د", "م.م", "ك", "كم", "س"}
_EN_ABBREV = {
    "mr", "mrs", "ms", "dr", "prof", "gen", "col", "lt", "sgt", "capt", "maj", "sen", "rep", "gov", "st",
    "jr", "sr", "inc", "ltd", "co", "corp", "vs", "no", "jan", "feb", "mar", "apr", "aug", "sep", "sept",
    "oct", "nov", "dec", "u.s", "u.k", "u.n", "e.g", "i.e", "etc", "approx", "dept", "est", "fig", "mt",
}
_LAST_WORD = re.compile(r"(\S+)\.\s*$")
_CLOSERS = "»”’)]"
#: A list marker standing alone ("1.", "b)", «ب.», «٣-»): it opens the sentence that follows it.
_LIST_MARKER = re.compile(r"\(?(?:[0-9٠-٩]{1,3}|[A-Za-z]|[\u0621-\u064a])[.)\-]")
#: A web address: a stop or question mark inside it (no space after) ends no sentence.
_URL_START = re.compile(r"[(\"'«“]*(?:[A-Za-z][A-Za-z0-9+.\-]*://|www\.)", re.IGNORECASE)
_AMBIGUOUS_QUOTES = "\"'"


def _ends_with_abbreviation(text: str, lang: str) -> bool:
    m = _LAST_WORD.search(text)
    if not m:
        return False
    word = m.group(1).lstrip("(\"'«“").lower()
    if lang == "ar":
        return word in _AR_ABBREV
    # single capital initials ("J. Smith") and the known list
    return word in _EN_ABBREV or (len(word) == 1 and word.isalpha())


def _inside_url(line: str, prev_end: int, start: int) -> bool:
    """Does the boundary between ``line[:prev_end]`` and the piece at ``start`` fall inside a web
    address (no space at the boundary, and the word before it opens with a scheme or "www.")?"""
    if start > prev_end or prev_end >= len(line) or line[prev_end - 1].isspace() or line[prev_end].isspace():
        return False
    word_start = max(line.rfind(" ", 0, prev_end), line.rfind("\n", 0, prev_end)) + 1
    return bool(_URL_START.match(line, word_start))


@lru_cache(maxsize=8192)
def split_sentences(line: str, lang: str = "ar") -> tuple[Sentence, ...]:
    """Sentences of one paragraph with ``line[s.start:s.end] == s.text``; surrounding spaces excluded.

    Splits on . ! ? ؟ and … (with closing quotes kept on the sentence); never on «:» or «،»;
    keeps abbreviations such as «د.» and "Mr." inside their sentence.
    """
    from sentencex import get_sentence_boundaries

    if not line.strip():
        return ()
    bounds = [(b["start_index"], b["end_index"]) for b in get_sentence_boundaries(lang, line)]
    # Merge pieces that end in an abbreviation, or that start with a closing quote or lowercase letter.
    merged: list[list[int]] = []
    for start, end in bounds:
        piece = line[start:end]
        if merged:
            # Only the tail matters (the last word); slicing the whole merged run made a paragraph
            # of 40,000 abbreviations quadratic.
            prev = line[max(merged[-1][0], merged[-1][1] - 80):merged[-1][1]]
            stripped = piece.lstrip()
            if (_ends_with_abbreviation(prev, lang) or not stripped or stripped[0] in _CLOSERS
                    or _LIST_MARKER.fullmatch(line[merged[-1][0]:merged[-1][1]].strip())
                    or _inside_url(line, merged[-1][1], start)
                    or (stripped[0] in _AMBIGUOUS_QUOTES and stripped[1:2] in ("", " "))
                    or (lang == "en" and stripped[:1].islower())):
                merged[-1][1] = end
                continue
        merged.append([start, end])
    out: list[Sentence] = []
    for start, end in merged:
        while start < end and line[start].isspace():
            start += 1
        while end > start and line[end - 1].isspace():
            end -= 1
        if start < end:
            out.append(Sentence(start, end, line[start:end]))
    return tuple(out) if out else (Sentence(0, len(line), line),)


#: Marks that may close a sentence inside a quotation or a transcript: a full stop, ! or ?, an ellipsis.
_CLOSE = re.compile(r"(\S*?)(\.{2,}|…|[.!?]+)[\"“”‘’«»)\]]*(\s*)(?=[\"“”‘’«»(\[]*\w)")


def count_utterances(text: str) -> int:
    """How many sentences an English text holds as a translator may close them: inside a quotation
    (“That's it. Let's go.”, which :func:`split_sentences` keeps whole), after an ellipsis
    ("Yeah…starving") and before a lowercase word (speech transcripts) too; an abbreviation or an
    initial ("U.S.", "Mr.", "J.") still ends none."""
    count = 1
    for m in _CLOSE.finditer(text):
        word, mark, space = m.groups()
        ellipsis = mark == "…" or mark.startswith("..")
        if ellipsis or (space and not (mark == "." and _ends_with_abbreviation(word + ".", "en"))):
            count += 1
    return count
