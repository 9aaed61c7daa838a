"""Probe (issue 19): can a wrong-sense term rendering be caught without a model? Measures only.

A planted term swap keeps the English source and replaces a correct Arabic rendering of a source
word with a rendering of another of its senses (the ``term`` kind of ``calib/inject.py``). This
script measures, on the calibration corpora, the two model-free signals that mtqa's own data can
give, so that a rule is built only if one of them is worth it. Nothing here is shipped in mtqa.

``lexicon-owner``
    Arabic stem X in the target renders the source word w (``lexicon_core.tsv`` lists it) but the
    lexicon lists X earlier under another head v (X's "dominant gloss" is v), v is not in the
    source and none of w's own stems is present; with ``--wordnet`` v must also not be a WordNet
    synonym/neighbour of w. The lexicon has no sense labels: its order within a head is not a
    dominance ranking across heads, so this reads synonyms (disease/illness) as senses.

``doc-drift``
    The same source word is rendered X on this line and D on ``--min-other`` or more other lines
    of the document, X is used nowhere else for it, X and D are not one root (a light skeleton
    test), and no other English head of the lexicon lists both X and D (they are not synonyms by
    the lexicon). Only lines whose source word recurs in the document can be reached.

Prints false alarms per 1,000 clean lines (ntrex, tico19, realmt references) and the share of
planted term swaps found (a finding overlapping the gold span).

Measured (seed 0, 300 planted swaps; clean FA per 1,000 lines ntrex / tico19 / realmt-ref):

    lexicon-owner              1639 / 2024 / 2553   found 0.36
    lexicon-owner --wordnet     971 / 1219 / 1667   found 0.24
    doc-drift --min-other 1     124 /  153 /  231   found 0.31
    doc-drift --min-other 2      21 /   22 /   47   found 0.21

Why the lexicon cannot separate senses: 258 of 300 planted wrong renderings are listed in
``lexicon_core.tsv`` as renderings of the very source word (a dictionary lists every sense), and
the lexicon carries no sense labels. doc-drift's ceiling is the 56 % of planted lines whose source
word recurs, rendered, elsewhere in the document; its clean false alarms are mostly true synonyms
and verb/noun pairs («قبض»/«اعتقال», «فحص»/«اختبار», «تقارير»/«ذكر»). Neither is shipped.

Sense-annotated bilingual resources looked for (issue 19): the Open Multilingual Wordnet's Arabic
WordNet (CC BY-SA 3.0, aligned to WordNet 3.0 senses) is in no package that pip or apt serves
here (``wn`` 0.0.x ships the OMW README and licence without the data; ``wn`` 0.1+ downloads at
run time); FreeDict eng-ara / ara-eng (Debian ``dict-freedict-eng-ara``, Arabeyes word list,
GPL-2+) gives one rendering per head and no senses ("board" → «اللّوحة» only).

    python benchmarks/term_sense_probe.py doc-drift --min-other 2
    python benchmarks/term_sense_probe.py lexicon-owner --wordnet
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Sequence
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "benchmarks")]

from calib import corpora, measure
from calib.corpora import Doc

from mtqa.lang.dictionaries import english_zipf
from mtqa.lang.lexicon import en_key, lexicon
from mtqa.lang.wordnet import base_forms, related
from mtqa.text.tokenize import tokenize
from mtqa.wordalign import STOPWORDS, ar_stems_matched

Flag = tuple[int, int, int, str]  # line, start, end, note

LEX = lexicon()
INV: dict[str, list[tuple[int, str]]] = defaultdict(list)
for _head, _stems in LEX.items():
    for _i, _s in enumerate(_stems):
        INV[_s].append((_i, _head))


@cache
def owner(stem: str) -> str:
    """The head that lists the stem earliest (ties: the commoner English word)."""
    return min(INV[stem], key=lambda p: (p[0], -english_zipf(p[1])))[1]


def source_keys(source: str) -> dict[str, str]:
    """Lexicon key → the source word, for the content words the lexicon knows."""
    out: dict[str, str] = {}
    for t in tokenize(source):
        if t.kind != "lat" or len(t.text) < 3 or t.text.lower() in STOPWORDS:
            continue
        for form in (t.text, *base_forms(t.text)):
            if en_key(form) in LEX:
                out.setdefault(en_key(form), t.text)
                break
    return out


def every_key(source: str) -> set[str]:
    return {en_key(f) for t in tokenize(source) if t.kind == "lat" for f in (t.text, *base_forms(t.text))}


def lexicon_owner(doc: Doc, *, wordnet: bool) -> list[Flag]:
    out = []
    for i, source, target in doc.pairs():
        keys, allk = source_keys(source), every_key(source)
        toks = [t for t in tokenize(target) if t.kind == "ar"]
        stems = [ar_stems_matched(t.text) for t in toks]
        for k, word in keys.items():
            own = [s for s in LEX[k] if owner(s) == k]
            if not own or any(s in ts for ts in stems for s in own):
                continue
            for tok, ts in zip(toks, stems):
                v = next((owner(s) for s in LEX[k] if s in ts and s not in own), None)
                if v is None or v in allk:
                    continue
                if wordnet and (related(word.lower(), v) or v.startswith(k) or k.startswith(v)):
                    continue
                out.append((i, tok.start, tok.end, f"{word}: {tok.text} ~ {v}"))
                break
    return out


def _skeleton(stem: str) -> str:
    return re.sub("[اويةءئؤىه]", "", stem)


def one_root(a: str, b: str) -> bool:
    """A light same-root test on normalised stems: one extends the other, or the consonant
    skeletons (weak letters and ta marbuta dropped) agree in their first two letters."""
    if a.startswith(b) or b.startswith(a):
        return True
    sa, sb = _skeleton(a), _skeleton(b)
    return sa == sb or sa.startswith(sb) or sb.startswith(sa) or (len(sa) >= 2 and sa[:2] == sb[:2])


def doc_drift(doc: Doc, *, min_other: int) -> list[Flag]:
    uses: list[dict[str, tuple[str, dict[str, tuple[int, int]]]]] = []
    for _, source, target in doc.pairs():
        toks = [t for t in tokenize(target) if t.kind == "ar"]
        stems = [ar_stems_matched(t.text) for t in toks]
        line: dict[str, tuple[str, dict[str, tuple[int, int]]]] = {}
        for k, word in source_keys(source).items():
            found: dict[str, tuple[int, int]] = {}
            for tok, ts in zip(toks, stems):
                s = next((r for r in LEX[k] if r in ts), None)
                if s is not None:
                    found.setdefault(s, (tok.start, tok.end))
            line[k] = (word, found)
        uses.append(line)
    out = []
    for i, line in enumerate(uses):
        for k, (word, found) in line.items():
            if len(found) != 1:
                continue
            (x, (start, end)), = found.items()
            other: Counter[str] = Counter()
            for j, line2 in enumerate(uses):
                if j != i and k in line2:
                    other.update(line2[k][1].keys())
            if not other or x in other or any(one_root(x, d) for d in other):
                continue
            d, count = other.most_common(1)[0]
            if count < min_other:
                continue
            if ({h for _, h in INV[x]} - {k}) & ({h for _, h in INV[d]} - {k}):
                continue
            out.append((i, start, end, f"{word}: {x} here, {d} x{count} elsewhere"))
    return out


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("signal", choices=("lexicon-owner", "doc-drift"))
    ap.add_argument("--wordnet", action="store_true", help="lexicon-owner: drop WordNet neighbours")
    ap.add_argument("--min-other", type=int, default=2, help="doc-drift: uses of the other rendering")
    ap.add_argument("--planted", type=int, default=300)
    ap.add_argument("--show", type=int, default=0, help="print this many clean false alarms")
    args = ap.parse_args(argv)

    def flags(doc: Doc) -> list[Flag]:
        if args.signal == "doc-drift":
            return doc_drift(doc, min_other=args.min_other)
        return lexicon_owner(doc, wordnet=args.wordnet)

    clean = corpora.clean_corpora()
    sets = {**clean, "realmt-ref": corpora.realmt()[1]}
    notes: Counter[str] = Counter()
    for name, docs in sets.items():
        lines = sum(1 for d in docs for _, s, t in d.pairs() if s.strip() and t.strip())
        found = [f for d in docs for f in flags(d)]
        notes.update(f[3] for f in found)
        print(f"{name}: {len(found)} flags on {lines} clean lines, {1000 * len(found) / lines:.1f} per 1,000")
    injections = measure.plant(clean, per_kind=args.planted, kinds=["term"])
    hit = sum(any(f[0] == j.line and f[1] < j.planted.end and j.planted.start < f[2] for f in flags(j.doc))
              for j in injections)
    print(f"planted term swaps found: {hit}/{len(injections)} ({hit / max(len(injections), 1):.2f})")
    for note, n in notes.most_common(args.show):
        print(f"  {n}  {note}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
