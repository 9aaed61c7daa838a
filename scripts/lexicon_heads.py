"""Write mtqa/data/lexicon_core_heads.txt: the head words of the core English→Arabic lexicon.

They are chosen by general English frequency alone (no evaluation data): the lemmas of the most
frequent words of wordfreq's English list, minus function words (mtqa.wordalign.STOPWORDS) and
words Hunspell en_US knows only capitalised (names), in frequency order; the first 3,000.

    pip install lemminflect        # the lemmatiser (not a dependency of mtqa)
    python scripts/lexicon_heads.py [--count 3000]
"""

from __future__ import annotations

import argparse
from pathlib import Path

from lemminflect import getAllLemmas
from wordfreq import top_n_list

from mtqa.lang.dictionaries import spelled_en
from mtqa.wordalign import STOPWORDS

OUT = Path(__file__).resolve().parent.parent / "mtqa" / "data" / "lexicon_core_heads.txt"
_CHAT = set(["gonna", "yeah", "okay", "lol", "hey", "yes", "wow", "uh", "um", "ah", "wanna", "etc", "vs", "via", "per"])


def heads(count: int) -> list[str]:
    order: list[str] = []
    seen: set[str] = set()
    for word in top_n_list("en", 15000):
        if not word.isalpha() or len(word) < 3 or word in STOPWORDS or word in _CHAT or not spelled_en(word):
            continue
        lemmas = getAllLemmas(word)
        lemma = next((lemmas[pos][0] for pos in ("NOUN", "VERB", "ADJ", "ADV") if pos in lemmas), None)
        if lemma is None:
            continue
        lemma = lemma.lower()
        if lemma in STOPWORDS or len(lemma) < 3 or lemma in seen:
            continue
        seen.add(lemma)
        order.append(lemma)
    return order[:count]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=3000)
    args = parser.parse_args()
    OUT.write_text("\n".join(heads(args.count)) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
