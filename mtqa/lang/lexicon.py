"""The English→Arabic lexicon: which Arabic stems render an English word.

``mtqa/data/lexicon_core.tsv`` holds the renderings of the 3,000 most frequent English content
lemmas of wordfreq's English list (a general source: no evaluation set chose them), written by the
team from general bilingual knowledge of Modern Standard Arabic news usage (see its header). Heads
are matched by :func:`en_key` (spelling folded, light stem), Arabic forms after normalisation and
clitic stripping, as a stem that may take up to three suffix letters (:func:`mtqa.wordalign.ar_matches`).
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

from mtqa.text.normalize import fold_en, normalize_ar

__all__ = ["en_key", "lexicon", "phrases", "renderings"]

def en_key(word: str) -> str:
    """Matching key of an English word: folded spelling, light stem, no final e (raise = raised)."""
    key = fold_en(word.replace("’", "'").split("'")[0])
    return key[:-1] if len(key) > 3 and key.endswith("e") else key


def _stems(form: str) -> list[str]:
    """The matching stems of one rendering. Only single words anchor a word alignment: a phrase's
    words each render something else on their own («مجلس» of «مجلس الأمن» is no rendering of
    "security"); phrases are kept in :func:`phrases`."""
    words = form.split()
    return [normalize_ar(words[0])] if len(words) == 1 else []


@lru_cache(maxsize=1)
def lexicon() -> dict[str, tuple[str, ...]]:
    """English key → normalised Arabic stems."""
    out: dict[str, tuple[str, ...]] = {}
    text = resources.files("mtqa").joinpath("data/lexicon_core.tsv").read_text(encoding="utf-8")
    for line in text.splitlines():
        if not line.strip() or line.startswith("#") or "\t" not in line:
            continue
        en, ar = line.split("\t", 1)
        stems = [s for form in ar.split("|") if form.strip() for s in _stems(form.strip())]
        key = en_key(en.strip())
        out[key] = tuple(dict.fromkeys((*out.get(key, ()), *stems)))
    return out


@lru_cache(maxsize=1)
def phrases() -> dict[str, tuple[tuple[str, ...], ...]]:
    """English key → multi-word Arabic renderings, each as its normalised words."""
    out: dict[str, list[tuple[str, ...]]] = {}
    text = resources.files("mtqa").joinpath("data/lexicon_core.tsv").read_text(encoding="utf-8")
    for line in text.splitlines():
        if not line.strip() or line.startswith("#") or "\t" not in line:
            continue
        en, ar = line.split("\t", 1)
        forms = [tuple(normalize_ar(w) for w in f.split()) for f in ar.split("|") if len(f.split()) > 1]
        if forms:
            out.setdefault(en_key(en.strip()), []).extend(forms)
    return {k: tuple(v) for k, v in out.items()}


@lru_cache(maxsize=65536)
def renderings(word: str) -> tuple[str, ...]:
    """The Arabic stems of an English word as it stands in text: its own entry, else its lemma's
    ("children" → "child", "went" → "go", by WordNet's morphology)."""
    lex = lexicon()
    found = lex.get(en_key(word))
    if found:
        return found
    from mtqa.lang.wordnet import base_forms  # lazy: 0.4 s to load, needed only for inflected forms

    for base in base_forms(word):
        found = lex.get(en_key(base))
        if found:
            return found
    return ()
