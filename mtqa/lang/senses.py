"""Word senses: English news words whose senses take different Arabic words.

English→Arabic MT often renders a word of the source in a sense the story does not mean:
"party" as «حفلة» for a political party, "minister" as «قس» (a clergyman), "interest" as «اهتمام»
(attention) in a story about interest rates. ``mtqa/data/word_senses.tsv``
lists such words with, per sense: the Arabic words specific to it, whether news copy commonly
means it, and English *cue* words that select it when they stand in the same sentence ("rate",
"loan" for the financial "interest"). It was written from general bilingual knowledge of Modern
Standard Arabic news usage (see its header); no evaluation or calibration set was consulted.

Matching is Arabic-aware: normalised (:func:`mtqa.text.normalize.normalize_ar`), clitics (و ف ب ل ك
ال) stripped, and an inflectional suffix allowed («سلامة» matches «سلامته», «أحزاب» «الأحزاب»);
English words are matched by their WordNet lemmas, so "charged" finds "charge".
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from mtqa.errors import InputError
from mtqa.lang.wordnet import base_forms
from mtqa.text.normalize import normalize_ar, strip_clitics
from mtqa.text.tokenize import Token, tokenize

__all__ = ["Sense", "WordSenses", "ar_lemma_match", "en_lemmas", "find_sense", "load_senses", "word_senses"]

_DATA = "data/word_senses.tsv"
_NEWS = ("common", "rare")

# Inflectional endings a listed Arabic form may take in running text (forms are listed as
# singular, masculine, without pronoun): the feminine and dual/plural endings, the nisba, and the
# attached pronouns — also after a ta marbuta turned «ت» («سلامة» → «سلامته»).
_ENDINGS = ("ه", "ات", "ان", "ين", "ون", "ي", "يه", "يات", "يين", "يون", "يا", "ها", "هم", "هما", "هن", "كم",
            "نا", "وا", "تم", "ت", "تا")
_TA_ENDINGS = ("ت", "ته", "تها", "تهم", "تهما", "تي", "تنا", "تكم", "ات", "تان", "تين", "اته", "اتها", "اتهم")


@dataclass(frozen=True)
class Sense:
    """One sense of an English word: the Arabic words specific to it and the cues that select it."""

    word: str
    name: str
    common: bool  # news copy commonly means it
    arabic: tuple[str, ...]  # as written in the inventory
    forms: tuple[tuple[str, ...], ...]  # the same, normalised, word by word
    cues: frozenset[str]
    gloss: str


@dataclass(frozen=True)
class WordSenses:
    """The senses of one English word, in the inventory's order."""

    word: str
    senses: tuple[Sense, ...]
    origin: str  # file:line of its first row

    def sense(self, name: str) -> Sense:
        return next(s for s in self.senses if s.name == name)


def en_lemmas(word: str) -> tuple[str, ...]:
    """The lower-cased word and its WordNet lemmas ("charged" → charged, charge)."""
    low = word.lower().replace("’", "'")
    return tuple(dict.fromkeys((low, *base_forms(low))))


@lru_cache(maxsize=65536)
def _keys(word: str) -> frozenset[str]:
    """Every normalised form a word of running text carries: each clitic reading, and that reading
    without an inflectional ending (a ta marbuta restored before «ت» endings)."""
    out: set[str] = set()
    for reading in strip_clitics(normalize_ar(word)):
        out.add(reading)
        out.update(reading[:-len(e)] + "ه" for e in _TA_ENDINGS if reading.endswith(e) and len(reading) > len(e))
        out.update(base for e in _ENDINGS if reading.endswith(e) and len(base := reading[:-len(e)]) >= 2
                   and not base.endswith("ه"))
    return frozenset(out)


def ar_lemma_match(form: str, word: str) -> bool:
    """Does an Arabic word of running text carry this normalised form (any clitics, an
    inflectional ending)? «والسلامة» carries «سلامه», «أحزابهم» «احزاب»; «عرقلة» does not carry «عرق»."""
    return form in _keys(word)


@lru_cache(maxsize=4096)
def _index(text: str) -> tuple[tuple[Token, ...], dict[str, list[int]]]:
    """The Arabic words of a text, and where each form they carry stands."""
    toks = tuple(t for t in tokenize(text) if t.kind == "ar")
    where: dict[str, list[int]] = {}
    for i, tok in enumerate(toks):
        for key in _keys(tok.text):
            where.setdefault(key, []).append(i)
    return toks, where


def find_sense(sense: Sense, text: str) -> list[tuple[int, int]]:
    """Spans of ``text`` (code points) where one of the sense's Arabic words stands."""
    toks, where = _index(text)
    spans = set()
    for forms in sense.forms:
        n = len(forms)
        for i in where.get(forms[0], ()):
            if i + n <= len(toks) and all(f in _keys(toks[i + j].text) for j, f in enumerate(forms[1:], 1)):
                spans.add((toks[i].start, toks[i + n - 1].end))
    return sorted(spans)


def _split(cell: str) -> list[str]:
    return [v.strip() for v in cell.split("|") if v.strip()]


def _parse(text: str, path: str) -> dict[str, WordSenses]:
    rows: dict[str, list[Sense]] = {}
    origins: dict[str, str] = {}
    for line_no, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if len(cells) != 6:
            raise InputError(f"expected 6 tab-separated fields (word, sense, news, arabic, cues, gloss), got {len(cells)}",
                             path=path, line=line_no)
        word, name, news, arabic, cues, gloss = (c.strip() for c in cells)
        if news not in _NEWS:
            raise InputError(f"news must be one of {', '.join(_NEWS)}, not {news!r}", path=path, line=line_no)
        if not word or not name or not _split(arabic):
            raise InputError("word, sense and at least one Arabic rendering are required", path=path, line=line_no)
        forms = tuple(tuple(normalize_ar(w) for w in a.split()) for a in _split(arabic))
        origins.setdefault(word.lower(), f"{path}:{line_no}")
        rows.setdefault(word.lower(), []).append(
            Sense(word.lower(), name, news == "common", tuple(_split(arabic)), forms,
                  frozenset(c.lower() for c in _split(cues)), gloss))
    return {w: WordSenses(w, tuple(s), origins[w]) for w, s in rows.items() if len(s) >= 2}


def load_senses(text: str, *, path: str = "<senses>") -> dict[str, WordSenses]:
    """Parse a sense inventory (the format of ``mtqa/data/word_senses.tsv``); a malformed row is an
    :class:`~mtqa.errors.InputError` naming the file and line. Words with one sense are dropped
    (nothing to confuse it with)."""
    return _parse(text, path)


@lru_cache(maxsize=1)
def word_senses() -> dict[str, WordSenses]:
    """The shipped inventory, by English word."""
    text = resources.files("mtqa").joinpath(_DATA).read_text(encoding="utf-8")
    return _parse(text, f"mtqa/{_DATA}")
