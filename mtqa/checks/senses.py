"""Wrong-sense renderings: a source word translated in a sense its story does not mean."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from mtqa.checks.base import Context, Finding, SegmentView, check
from mtqa.lang.lexicon import en_key, lexicon
from mtqa.lang.senses import Sense, WordSenses, ar_lemma_match, en_lemmas, find_sense, word_senses
from mtqa.text.normalize import normalize_ar
from mtqa.text.tokenize import Token, tokenize
from mtqa.wordalign import STOPWORDS, ar_matches

__all__: list[str] = []

# What may stand before a capitalised word that opens a sentence or a quotation (not a name).
_OPENERS = set(".!?:;\"'“‘«(—-\n")
_COMPOUND = re.compile(r"[a-z]+(?:-[a-z]+)+")


def _name_part(source: str, tok: Token, title_case: bool) -> bool:
    """A capitalised word inside a sentence is part of a name ("West Bank", "Security Council"):
    its rendering is fixed by usage, not chosen by sense. A title-case headline says nothing."""
    if title_case or not tok.text[:1].isupper():
        return False
    before = source[:tok.start].rstrip()
    return bool(before) and before[-1] not in _OPENERS


def _title_case(source: str) -> bool:
    """Most words of the sentence, function words included, capitalised: a headline."""
    words = [t for t in tokenize(source) if t.kind == "lat"]
    return sum(t.text[:1].isupper() for t in words) > len(words) / 2


def _entry(tok: Token) -> WordSenses | None:
    inventory = word_senses()
    return next((inventory[lemma] for lemma in en_lemmas(tok.text) if lemma in inventory), None)


def _document_lemmas(ctx: Context) -> frozenset[str]:
    """Every lemma of the document's source sentences, found once per document."""
    def build() -> frozenset[str]:
        sources = ctx.source_sentences()
        return frozenset({lemma for src in sources for t in tokenize(src) if t.kind == "lat"
                          for lemma in en_lemmas(t.text)} | {c for src in sources for c in _compounds(src)})
    lemmas: frozenset[str] = ctx.resource("wrong-sense:document-lemmas", build)
    return lemmas


def _compounds(source: str) -> set[str]:
    """Hyphenated words of the source as cues ("re-election"); the tokeniser splits them."""
    return set(_COMPOUND.findall(source.lower()))


def _rendered(entry: WordSenses, text: str) -> dict[str, list[tuple[int, int]]]:
    """The word's senses found in the Arabic, with their spans; a word inside a longer rendering
    of another sense belongs to that one («برد» inside «نزلة برد» is the illness, not the weather)."""
    found = {s.name: find_sense(s, text) for s in entry.senses}
    longer = [(name, sp) for name, spans in found.items() for sp in spans]
    out = {}
    for name, spans in found.items():
        kept = [sp for sp in spans if not any(n != name and o[0] <= sp[0] and sp[1] <= o[1] and o != sp
                                               for n, o in longer)]
        if kept:
            out[name] = kept
    return out


def _explained(word: str, others: Sequence[Token], head: str) -> bool:
    """Does another source word account for this Arabic word (the lexicon lists it as a rendering,
    or the word's own senses do)? «ملعب» is no wrong sense of "court" next to "stadium"."""
    inventory = word_senses()
    for tok in others:
        if any(ar_matches(stem, word) for stem in lexicon().get(en_key(tok.text), ())):
            return True
        for lemma in en_lemmas(tok.text):
            entry = inventory.get(lemma)
            if entry is not None and lemma != head and any(
                    len(forms) == 1 and ar_lemma_match(forms[0], word) for s in entry.senses for forms in s.forms):
                return True
    return False


@check("wrong-sense", category="mistranslation", severity="minor", needs=("source",))
def wrong_sense(seg: SegmentView, ctx: Context) -> Iterator[Finding]:
    """A source word rendered in a sense news copy rarely means, which its story does not speak of
    ("party" as «حفلة», "minister" as «قس», "bill" as «منقار»).

    The word-sense inventory (``mtqa/data/word_senses.tsv``) lists English news words whose senses
    take different Arabic words, whether news copy commonly means each, and cue words that select
    it. A word is flagged when the Arabic carries words of one of its rare senses, no cue of that
    sense stands in the source sentence or anywhere in the document's source (a story about birds
    may mean a beak), and the senses the word may mean here are rendered less often than the source
    uses the word. An Arabic word that another source word accounts for is left alone,
    and so are capitalised words inside a sentence (parts of names). The suggestion is the first
    Arabic word of the sense the sentence's cues point at (else the story's, else the first sense
    news copy commonly means). Doubting a commonly meant sense against the cues of the sentence was
    measured and not kept: on clean copy it raised more false alarms than it found (docs/quality.md).
    """
    if not seg.source:
        return
    words = [t for t in tokenize(seg.source) if t.kind == "lat" and t.text.lower() not in STOPWORDS]
    title_case = _title_case(seg.source)
    seen: set[str] = set()
    for tok in words:
        entry = _entry(tok)
        if entry is None or entry.word in seen or _name_part(seg.source, tok, title_case):
            continue
        seen.add(entry.word)
        rendered = _rendered(entry, seg.text)
        if not rendered:
            continue
        others = [t for t in words if entry.word not in en_lemmas(t.text)]
        sentence = {lemma for t in others for lemma in en_lemmas(t.text)} | _compounds(seg.source)
        document = _document_lemmas(ctx) - {entry.word}
        sentence_cued = _cued(entry, sentence)
        cued = sentence_cued or _cued(entry, document)
        # The senses the word may mean here: those the sentence (else the story) speaks of, else
        # those news copy commonly means. Rendered once per use of the word is enough; a rendering
        # that another source word accounts for renders that word instead.
        plausible = cued.keys() or {s.name for s in entry.senses if s.common}
        uses = sum(1 for t in words if entry.word in en_lemmas(t.text))
        right = [sp for name in rendered.keys() & plausible for sp in rendered[name]
                 if not _explained(seg.text[sp[0]:sp[1]], others, entry.word)]
        if len(right) >= uses:
            continue
        for name, spans in rendered.items():
            wrong = entry.sense(name)
            if wrong.common or wrong.cues & (sentence | document):
                continue
            spans = [sp for sp in spans if not _explained(seg.text[sp[0]:sp[1]], others, entry.word)]
            if spans:
                yield _finding(seg, tok, entry, wrong, spans[0], cued, where="sentence" if sentence_cued else "story")
                break


def _cued(entry: WordSenses, lemmas: set[str] | frozenset[str]) -> dict[str, list[str]]:
    """The word's senses whose cues stand among ``lemmas``, with those cues."""
    return {s.name: sorted(s.cues & lemmas) for s in entry.senses if s.cues & lemmas}


def _finding(seg: SegmentView, tok: Token, entry: WordSenses, wrong: Sense, span: tuple[int, int],
             cues: dict[str, list[str]], *, where: str) -> Finding:
    # The expected sense: the one the cues point at most, else the first one news copy commonly means.
    best = max(entry.senses, key=lambda s: (len(cues.get(s.name, ())), s.common))
    phrase = seg.text[span[0]:span[1]]
    why = (f"the {where} speaks of {', '.join(cues[best.name])}" if cues
           else f"news copy rarely means “{wrong.gloss}”")
    return Finding(span[0], span[1],
                   f"«{phrase}» renders “{tok.text}” as “{wrong.gloss}”; {why}: “{best.gloss}” («{best.arabic[0]}»)?",
                   suggestion=best.arabic[0],
                   evidence={"source_word": tok.text, "source_span": [tok.start, tok.end],
                             "rendered_sense": wrong.name, "expected_sense": best.name,
                             "cues": cues.get(best.name, []), "arabic": normalize_ar(phrase), "origin": entry.origin})
