"""The boilerplate lexicon (``mtqa/data/boilerplate.txt``: strings of real CMS, comment and cookie-consent
locale files) and where its strings sit in a text; shared by the ``boilerplate`` rule and the
sentence-alignment checks, which must not report a CMS string as an added sentence as well.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

from mtqa.lang import arabic as ar
from mtqa.text.normalize import ARABIC_LETTER, normalize_ar, normalize_with_offsets

__all__ = ["boilerplate_lexicon", "boilerplate_spans"]


@lru_cache(maxsize=1)
def boilerplate_lexicon() -> tuple[tuple[tuple[tuple[str, ...], re.Pattern[str]], ...], frozenset[str]]:
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
    anywhere, whole = boilerplate_lexicon()
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


def _extend_punct(text: str, end: int) -> int:
    while end < len(text) and (text[end] in "!.:؛،…" or text[end] in ar.DIACRITICS):
        end += 1
    return end
