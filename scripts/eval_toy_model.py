#!/usr/bin/env python3
"""Measure the committed toy models: held-out chrF and how often one-word swaps align correctly.

    .venv/bin/python scripts/eval_toy_model.py [--backend marian|ct2] [--n 200]

A swap replaces one Arabic slot word (city, weekday, month, country, nationality) in a held-out
sentence with another of its kind; it counts as aligned when the new English word appears and
every token of it aligns to exactly the replaced Arabic word.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "scripts")]
os.environ.setdefault("HF_HUB_OFFLINE", "1")

from train_toy_model import CITIES, MONTHS, NATIONS, WEEKDAYS

from mtqa.translate.factory import load_translator

CLASSES = [CITIES, WEEKDAYS, MONTHS, [(n[2], n[3]) for n in NATIONS], [(n[0], n[1]) for n in NATIONS]]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backend", default="marian", choices=["marian", "ct2"])
    parser.add_argument("--n", type=int, default=200)
    args = parser.parse_args()
    from sacrebleu.metrics.chrf import CHRF

    pairs = [line.split("\t") for line in (ROOT / "tests/models/toy-heldout.tsv").read_text("utf-8").splitlines()]
    tr = load_translator(ROOT / "tests/models/toy-ar-en", backend=args.backend, device="cpu")
    out = tr.translate([a for a, _ in pairs])
    print(f"{args.backend}: held-out chrF {CHRF().corpus_score([t.text for t in out], [[e for _, e in pairs]]).score:.1f}")

    rng = random.Random(0)
    swaps = []
    for ar, _ in pairs:
        words = ar.split()
        options = [(i, cls) for i, w in enumerate(words) for cls in CLASSES for a, e in cls
                   if a == w and " " not in e]
        if not options:
            continue
        i, cls = rng.choice(options)
        old = next((a, e) for a, e in cls if a == words[i])
        new = rng.choice([x for x in cls if x != old and " " not in x[1] and x[0] not in words])
        changed = words[:i] + [new[0]] + words[i + 1:]
        start = sum(len(w) + 1 for w in changed[:i])
        swaps.append((" ".join(changed), (start, start + len(new[0])), new[1]))
        if len(swaps) >= args.n:
            break
    results = tr.translate([s for s, _, _ in swaps])
    produced = aligned = 0
    for (_, span, en), res in zip(swaps, results, strict=True):
        if en not in res.text.split():
            continue
        produced += 1
        start = res.text.split().index(en)
        begin = len(" ".join(res.text.split()[:start])) + (1 if start else 0)
        tokens = [k for k, s in enumerate(res.token_spans) if s and s[0] < begin + len(en) and begin < s[1]]
        aligned += all(res.alignment[k] == span for k in tokens)
    print(f"{args.backend}: {len(swaps)} swaps, new word produced {produced}, aligned exactly {aligned} "
          f"({100 * aligned / max(1, produced):.0f}%)")


if __name__ == "__main__":
    main()
