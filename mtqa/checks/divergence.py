"""Divergence between a segment's back-translation and its aligned source, at word/phrase level.

Method (no model needed; the same with a model's back-translation):

1. Both English texts are cut into words; content words (not in a stopword list, not numbers) are
   matched across them by folded form (case, British/American spelling, light stem), shared
   prefix (inflection: *surprising/surprised*, *Turkey/Turkish*), containment (*quake/earthquake*),
   acronym ↔ expansion (*EU/European Union*, initials in any order), a small equivalence list
   (``mtqa/data/lexicon_en_equiv.txt``: *U.S./American*) and, for names, transliteration
   skeletons (*Khalil/Khaleel*). Word order is free.
2. What is left unmatched is judged conservatively, because a fluent back-translation paraphrases a
   correct sentence a lot (*lifted → raised*, *running above → exceeding*):

   * **calque** — a source word ends with a back-translated word that has no other counterpart
     (*overnight → night*, *flagship → ship*, *disagreed → agrees*): a literal, partial rendering;
   * **added name** — a capitalised run in the back-translation (not sentence-initial) that matches
     nothing in the source, and is not the expansion of an acronym next to it (*the World Bank*);
   * **omission / mistranslation** — source content words with no counterpart whose Arabic
     renderings (seed lexicon ``mtqa/data/lexicon_en_ar.tsv``) are all absent from the Arabic
     sentence. Where the back-translation has unmatched words at that place the Arabic there is
     flagged as a mistranslation, otherwise the Arabic next to the gap as an omission. Source words
     the lexicon does not know are never flagged alone (the Arabic might render them).

3. Flags land on the Arabic words the back-translated words align to (:func:`mtqa.wordalign.locate`:
   the model's attention when it produced the back-translation, the lexicon/position fallback
   otherwise).

Numbers, units, currencies, dates and negation are left to the number and polarity checks. A
sentence whose back-translation chrF falls below ``thresholds.segment_chrf`` is marked as a whole.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from mtqa.checks._btjudge import (
    _base,
    _extend,
    _implied,
    _literal_names,
    _place,
    _qualifies_number,
    _renders,
    _sense_shift,
    _spells_head,
    _transliterates_rest,
    _unit_swaps,
)
from mtqa.checks._btwords import _NEGATIVE_PREFIXES, _TIME_UNITS, Divergence, _acronyms, _diff, _words
from mtqa.checks.base import Context, Finding, SegmentView, check
from mtqa.lang import wordnet
from mtqa.lang.dictionaries import english_word
from mtqa.lang.lexicon import renderings
from mtqa.wordalign import en_key, locate

__all__ = ["Divergence", "analyse"]


@lru_cache(maxsize=2048)
def analyse(ar_text: str, bt_text: str, source: str, doc_names: frozenset[str] = frozenset()
            ) -> tuple[Divergence, ...]:
    """Every divergence between a back-translation and its source (see the module docstring)."""
    d = _diff(bt_text, source)
    out: list[Divergence] = []
    used_src: set[int] = set()
    used_bt: set[int] = set()
    # 1. calques: the source word ends with an unmatched back-translated word
    for j, s in enumerate(d.src):
        if not s.content or d.src_match[j] is not None or len(s.text) < 6:
            continue
        for i, b in enumerate(d.bt):
            if (b.content and d.bt_match[i] is None and i not in used_bt and len(_base(b)) >= 3
                    and _base(s).endswith(_base(b)) and len(_base(s)) - len(_base(b)) >= 2
                    and not _base(s).startswith(_NEGATIVE_PREFIXES)
                    and not _transliterates_rest(_base(s)[: len(_base(s)) - len(_base(b))], ar_text)):
                lo, hi = _extend(d.bt, d.bt_match, i)
                used_bt.update(range(lo, hi + 1))
                used_src.add(j)
                out.append(Divergence("calque", (d.bt[lo].start, d.bt[hi].end), (s.text,),
                                      tuple(w.text for w in d.bt[lo:hi + 1])))
                break
    # 2. names the source does not have
    src_acr = _acronyms(source)
    i = 0
    while i < len(d.bt):
        b = d.bt[i]
        if not (b.capital and b.content):
            i += 1
            continue
        j = i
        # A name runs over capitalised words (and "of"/"and" between them), never across punctuation.
        while (j + 1 < len(d.bt) and not bt_text[d.bt[j].end:d.bt[j + 1].start].strip(" -")
               and (d.bt[j + 1].text[:1].isupper() or (d.bt[j + 1].text in ("of", "and") and j + 2 < len(d.bt)
                                                       and d.bt[j + 2].text[:1].isupper()))):
            j += 1
        run = range(i, j + 1)
        unknown = [k for k in run if d.bt[k].content and d.bt[k].text[:1].isupper() and d.bt_match[k] is None
                   and d.bt[k].key not in doc_names and k not in used_bt and not _spells_head(d.bt[k], d.src)]
        gloss = re.match(r"\s*\(([^)]{2,12})\)", bt_text[d.bt[j].end:])
        glossed = gloss is not None and (re.sub(r"[^A-Z]", "", gloss.group(1)) in src_acr
                                         or gloss.group(1) in source)
        if unknown and not glossed:
            lo, hi = unknown[0], unknown[-1]
            while lo - 1 >= i and d.bt_match[lo - 1] is None and d.bt[lo - 1].text[:1].isupper():
                lo -= 1
            while hi + 1 <= j and d.bt_match[hi + 1] is None and d.bt[hi + 1].text[:1].isupper():
                hi += 1
            used_bt.update(range(lo, hi + 1))
            out.append(Divergence("added-name", (d.bt[lo].start, d.bt[hi].end), (),
                                  tuple(w.text for w in d.bt[lo:hi + 1])))
        i = j + 1
    # 2b. a source name or title that the back-translation reads as common words
    out.extend(_literal_names(d, source, ar_text))
    # 2c. the same figure in another unit of the same dimension (hectares → acres)
    out.extend(_unit_swaps(d))
    # 3. source content the Arabic does not render
    spare_bt = sum(1 for i, b in enumerate(d.bt) if b.content and d.bt_match[i] is None and i not in used_bt)
    unexplained = sum(1 for j, s in enumerate(d.src) if s.content and d.src_match[j] is None and j not in used_src)
    weak = spare_bt >= unexplained
    j = 0
    while j < len(d.src):
        if not d.src[j].content or d.src_match[j] is not None or j in used_src:
            j += 1
            continue
        k = j
        while k + 1 < len(d.src) and d.src_match[k + 1] is None \
                and (k + 1) not in used_src and k + 1 - j < 8:
            k += 1
        while k > j and not d.src[k].content:
            k -= 1
        missing = [d.src[x] for x in range(j, k + 1) if d.src[x].content and d.src_match[x] is None]
        evidence = [w for x, w in enumerate(d.src[j:k + 1], j) if w.content and d.src_match[x] is None
                    and not w.possessive and renderings(w.text) and not _implied(d.src, x)]
        absent = [w for w in evidence if not _renders(renderings(w.text), ar_text)]
        sense = None
        if not evidence:
            sense = _sense_shift(d, j, k, missing, used_bt)
        if (absent and len(absent) > len(evidence) - len(absent)) or sense is not None:
            div = sense or _place(d, j, k, tuple(w.text for w in missing), used_bt)
            figure = next((f for w in absent if (f := _qualifies_number(source, w))), None)
            firm = figure is not None or bool(
                {w.key for w in absent} & _TIME_UNITS and {en_key(b) for b in div.bt_words} & _TIME_UNITS) or (
                weak and any(b.islower() and b.isalpha() and not english_word(b) for b in div.bt_words))
            span = div.bt_span
            if figure is not None and div.kind == "omission":
                # The qualifier belongs on its figure: flag where the figure stands.
                at = re.search(rf"(?<![\w.]){re.escape(figure)}(?:\s+[A-Za-z]+)?", bt_text)
                span = (at.start(), at.end()) if at else span
            # A verb or adverb missing with nothing in its place is mostly restructuring ("limited
            # the amount to" → "set the amount at", "deeply concerned" → "very concerned"): a fluent
            # back-translation absorbs them into other words. A lost noun or adjective (a thing, a
            # place, "alive") is not absorbed that way, so those stay firm.
            verbal = div.kind == "omission" and all(
                not w.capital and (share := wordnet.pos_share(w.low, "vr")) is not None and share > 0.5 for w in missing)
            out.append(Divergence(div.kind, span, div.source_words, div.bt_words,
                                  weak=(weak or verbal) and not firm and sense is None, sense=sense is not None))
        j = k + 1
    return tuple(o for o in out if o.bt_span is not None)


# -- the rules ----------------------------------------------------------------------------------
def _doc_names(ctx: Context) -> frozenset[str]:
    """Capitalised words anywhere in the source document: a name the back-translation spells out
    for a pronoun ("the company" → "Lumora") is not an addition."""
    def build() -> frozenset[str]:
        texts = [s.source for s in ctx.segments if s.source] + [gap.text for gap in ctx.unaligned_source]
        return frozenset(w.key for t in texts for w in _words(t) if w.text[:1].isupper())

    names: frozenset[str] = ctx.resource("divergence:doc-names", build)
    return names


def _findings(seg: SegmentView, ctx: Context, kind: str) -> Iterator[tuple[Divergence, tuple[int, int]]]:
    if not seg.source or not seg.bt_text:
        return
    for div in analyse(seg.text, seg.bt_text, seg.source, _doc_names(ctx)):
        if div.kind != kind or div.bt_span is None:
            continue
        span = locate(seg, *div.bt_span)
        if span is not None:
            yield div, span


def _evidence(seg: SegmentView, div: Divergence) -> dict[str, object]:
    bt = seg.bt_text or ""
    return {"source_words": list(div.source_words), "backtranslation_words": list(div.bt_words),
            "backtranslation_phrase": bt[div.bt_span[0]:div.bt_span[1]] if div.bt_span else None,
            "source": seg.source, "backtranslation": bt, "aligned_by": "model" if seg.model_bt else "fallback"}


@check("bt-calque", category="mistranslation", severity="minor", needs=("source", "backtranslation"),
       corroborated="major")
def bt_calque(seg: SegmentView, ctx: Context) -> Iterator[Finding]:
    """A literal, partial rendering of a compound: the back-translation keeps only part of a source
    word ("throughout the night" for *overnight*, "main ship" for *flagship*)."""
    for div, (start, end) in _findings(seg, ctx, "calque"):
        yield Finding(start, end, f"back-translates as «{' '.join(div.bt_words)}» where the source has "
                      f"«{div.source_words[0]}»: a literal rendering of part of the word?",
                      evidence=_evidence(seg, div))


@check("bt-added-name", category="addition", severity="minor", needs=("source", "backtranslation"),
       corroborated="major")
def bt_added_name(seg: SegmentView, ctx: Context) -> Iterator[Finding]:
    """A name or title in the back-translation that the source does not have («والبنك الدولي» →
    "and the World Bank")."""
    for div, (start, end) in _findings(seg, ctx, "added-name"):
        yield Finding(start, end, f"«{' '.join(div.bt_words)}» is not in the source (added?)",
                      evidence=_evidence(seg, div))


@check("bt-literal-name", category="name", severity="minor", needs=("source", "backtranslation"),
       corroborated="major")
def bt_literal_name(seg: SegmentView, ctx: Context) -> Iterator[Finding]:
    """A name translated word by word: a capitalised source name (a person, a work, a brand, a
    publication) that the back-translation reads as common words ("Moon" → "the moon", "Foreign
    Policy" → "the foreign policy"). Institutions, offices, places and events, which Arabic
    translates, are left alone."""
    for div, (start, end) in _findings(seg, ctx, "literal-name"):
        yield Finding(start, end, f"the name «{' '.join(div.source_words)}» back-translates as common words "
                      f"«{' '.join(div.bt_words)}»: translated word by word?", evidence=_evidence(seg, div))


@check("bt-missing", category="omission", severity="minor", needs=("source", "backtranslation"),
       corroborated="major")
def bt_missing(seg: SegmentView, ctx: Context) -> Iterator[Finding]:
    """Source content words that neither the back-translation nor the Arabic renders.

    Flagged as an omission next to where they belong, or as a mistranslation of the Arabic that
    stands in their place when the back-translation says something else there.
    """
    for kind in ("omission", "mistranslation"):
        for div, (start, end) in _findings(seg, ctx, kind):
            if div.weak:
                continue  # a paraphrase hint: right about one time in twenty-five (docs/quality.md, ledger)
            missing = " ".join(div.source_words)
            if kind == "omission":
                msg = f"source words «{missing}» are not rendered here"
            else:
                msg = f"back-translates as «{' '.join(div.bt_words)}» where the source has «{missing}»"
            if div.weak:
                msg += " (the back-translation may only paraphrase them)"
            signal = "sense" if div.sense else f"{kind}-weak" if div.weak else kind
            yield Finding(start, end, msg, category=kind, evidence={**_evidence(seg, div), "signal": signal},
                          severity="minor" if div.weak else None)


@check("bt-low-chrf", category="mistranslation", severity="minor", needs=("source", "backtranslation"),
       corroborated="major")
def bt_low_chrf(seg: SegmentView, ctx: Context) -> Iterator[Finding]:
    """The whole sentence's back-translation is far from its source (chrF below
    ``thresholds.segment_chrf``): it likely says something else."""
    chrf = seg.scores.get("chrf")
    if chrf is None or not seg.source or chrf >= ctx.config.thresholds.segment_chrf:
        return
    yield Finding(0, len(seg.text), f"back-translation chrF {chrf:.1f} is below "
                  f"{ctx.config.thresholds.segment_chrf:g}: the sentence may not translate its source",
                  evidence={"chrf": chrf, "source": seg.source, "backtranslation": seg.bt_text})
