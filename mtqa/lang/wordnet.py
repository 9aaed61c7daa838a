"""English senses from WordNet 3.0: do two words say the same thing, or a closely related one?

``mtqa/data/wordnet.json.gz`` (built by ``scripts/build_wordnet.py`` from the WordNet 3.0 database;
licence in ``mtqa/data/WORDNET_LICENSE``) keeps each lemma's synsets and, for each synset, the
synsets one relation away (hypernym, derivation, similar-to, pertainym, see-also, participle,
verb group). Two words are *related* when a base form of one shares a synset with a base form of
the other, or one of its synsets is one relation away: "intend"/"plan", "isolate"/"isolation" are related
("sanitiser"/"fertilizer" are not); on request, so is a word and a kind two levels above it (a
"ministry" is a government department, a "department"), which institution names need.

The data also keeps each lemma's senses in WordNet's sense order with their SemCor tag counts, so
:func:`pos_share` can say how much of a word's use is as a verb or adverb ("required",
"afterwards"), a noun ("fairs") or an adjective ("alive").

Loaded on first use (0.4 s); only the back-translation checks need it.
"""

from __future__ import annotations

import gzip
import json
from functools import lru_cache
from importlib import resources
from typing import Any

__all__ = ["base_forms", "known", "pos_share", "related"]

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


#: Endings that leave a noun a noun (plurals); every other ending makes a verb or adjective form.
_PLURAL = (("ses", "s"), ("xes", "x"), ("zes", "z"), ("ches", "ch"), ("shes", "sh"), ("men", "man"), ("ies", "y"),
           ("s", ""), ("es", "e"), ("es", ""))


def _pos(synset: int) -> str:
    starts = _data().get("pos_starts") or [0]
    return "nvar"[max(k for k, s in enumerate(starts) if synset >= s)]


@lru_cache(maxsize=65536)
def pos_share(word: str, parts: str) -> float | None:
    """How much of the word's use, as written, is as one of ``parts`` (letters of "nvar": noun,
    verb, adjective, adverb): its readings (the word itself, a
    plural's singular as a noun or a verb, other endings and irregular forms as verbs or
    adjectives), each sense weighted by how often SemCor tagged it (plus a little, so untagged
    senses count). None when WordNet does not know the word."""
    w = word.lower().replace("’", "'").removesuffix("'s")
    lemmas, tags = _data()["lemmas"], _data().get("tags", {})
    readings: list[tuple[str, str]] = [(w, "nvar")] if w in lemmas else []
    for suffix, repl in _PLURAL:
        if w.endswith(suffix) and len(w) > len(suffix) + 1 and (cand := w[: len(w) - len(suffix)] + repl) in lemmas:
            readings.append((cand, "nv"))
    readings.extend((b, "var") for b in _data()["exceptions"].get(w, ()) if b in lemmas)
    readings.extend((b, "var") for b in base_forms(w) if b != w and all(b != r for r, _ in readings))
    inside = outside = 0.0
    for lemma, allowed in dict.fromkeys(readings):
        counts = tags.get(lemma) or [0] * len(lemmas[lemma])
        for synset, count in zip(lemmas[lemma], counts, strict=False):
            pos = _pos(synset)
            if pos in allowed:
                if pos in parts:
                    inside += count + 0.2
                else:
                    outside += count + 0.2
    return inside / (inside + outside) if inside + outside else None


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
    if links and (not _linked(a).isdisjoint(sb) or not _linked(b).isdisjoint(sa)):
        return True
    if not kind_of:
        return False
    # a kind of the other, two levels up at most: a ministry is a government department, a department
    return not _kinds(a).isdisjoint(sb) or not _kinds(b).isdisjoint(sa)


# A word meets many others (every source word of its sentence): the synsets one relation from any
# of its senses, and its kinds, are gathered once per word rather than once per pair.
@lru_cache(maxsize=65536)
def _linked(word: str) -> frozenset[int]:
    return frozenset().union(*(_neighbours(x) for x in _synsets(word)))


@lru_cache(maxsize=65536)
def _kinds(word: str) -> frozenset[int]:
    return frozenset().union(*(_ancestors(x) for x in _synsets(word)))


@lru_cache(maxsize=131072)
def _ancestors(synset: int, depth: int = 2) -> frozenset[int]:
    hyper = _data()["hypernyms"]
    out: set[int] = set()
    level = {synset}
    for _ in range(depth):
        level = {h for s in level for h in hyper[s]}
        out |= level
    return frozenset(out)
