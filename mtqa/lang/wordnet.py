"""English senses from WordNet 3.0: do two words say the same thing, or a closely related one?

``mtqa/data/wordnet.json.gz`` (built by ``scripts/build_wordnet.py`` from the WordNet 3.0 database;
licence in ``mtqa/data/WORDNET_LICENSE``) keeps each lemma's synsets and, for each synset, the
synsets one relation away (hypernym, derivation, similar-to, pertainym, see-also, participle,
verb group). Two words are *related* when a base form of one shares a synset with a base form of
the other, or one of its synsets is one relation away: "intend"/"plan", "isolate"/"isolation" are related
("sanitiser"/"fertilizer" are not); on request, so is a word and a kind two levels above it (a
"ministry" is a government department, a "department"), which institution names need.

Loaded on first use (0.4 s); only the back-translation checks need it.
"""

from __future__ import annotations

import gzip
import json
from functools import lru_cache
from importlib import resources
from typing import Any

__all__ = ["base_forms", "known", "related"]

#: Regular inflection endings WordNet's morphy strips (suffix → replacement).
_DETACH = (("ses", "s"), ("xes", "x"), ("zes", "z"), ("ches", "ch"), ("shes", "sh"), ("men", "man"), ("ies", "y"),
           ("s", ""), ("es", "e"), ("es", ""), ("ed", "e"), ("ed", ""), ("ing", "e"), ("ing", ""), ("er", ""),
           ("est", ""), ("er", "e"), ("est", "e"))


@lru_cache(maxsize=1)
def _data() -> dict[str, Any]:
    raw = resources.files("mtqa").joinpath("data/wordnet.json.gz").read_bytes()
    data: dict[str, Any] = json.loads(gzip.decompress(raw))
    return data


@lru_cache(maxsize=65536)
def base_forms(word: str) -> tuple[str, ...]:
    """The word's WordNet lemmas (irregular forms from the exception lists, regular endings
    detached): "went" → ("go",), "isolating" → ("isolate",)."""
    w = word.lower().replace("’", "'").removesuffix("'s")
    lemmas = _data()["lemmas"]
    out = [w] if w in lemmas else []
    out.extend(b for b in _data()["exceptions"].get(w, ()) if b in lemmas)
    for suffix, repl in _DETACH:
        if w.endswith(suffix) and len(w) > len(suffix) + 1:
            cand = w[: len(w) - len(suffix)] + repl
            if cand in lemmas:
                out.append(cand)
    return tuple(dict.fromkeys(out))


@lru_cache(maxsize=65536)
def _synsets(word: str) -> frozenset[int]:
    lemmas = _data()["lemmas"]
    return frozenset(s for b in base_forms(word) for s in lemmas[b])


def known(word: str) -> bool:
    """Does WordNet know the word (in any inflection)?"""
    return bool(_synsets(word))


@lru_cache(maxsize=131072)
def _neighbours(synset: int) -> frozenset[int]:
    return frozenset(_data()["links"][synset])


@lru_cache(maxsize=262144)
def related(a: str, b: str, *, kind_of: bool = False, links: bool = True) -> bool:
    """Same sense or one relation apart (see the module docs); with ``kind_of`` also a word and a
    kind two levels above it; without ``links`` only the same sense or that. False when either is
    unknown."""
    sa, sb = _synsets(a), _synsets(b)
    if not sa or not sb:
        return False
    if not sa.isdisjoint(sb):
        return True
    if links and (any(not _neighbours(x).isdisjoint(sb) for x in sa)
                  or any(not _neighbours(y).isdisjoint(sa) for y in sb)):
        return True
    if not kind_of:
        return False
    # a kind of the other, two levels up at most: a ministry is a government department, a department
    return any(not _ancestors(x).isdisjoint(sb) for x in sa) or any(not _ancestors(y).isdisjoint(sa) for y in sb)


@lru_cache(maxsize=131072)
def _ancestors(synset: int, depth: int = 2) -> frozenset[int]:
    hyper = _data()["hypernyms"]
    out: set[int] = set()
    level = {synset}
    for _ in range(depth):
        level = {h for s in level for h in hyper[s]}
        out |= level
    return frozenset(out)
