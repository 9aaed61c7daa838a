"""The calibration corpora as lists of documents (line-aligned English source and Arabic target).

The data lives in ``../shared/calibration`` (read-only, see its README) and in
``benchmarks/data/realmt`` (the annotated real-MT development set with literal back-translations).
Nothing here is copied into mtqa: the corpora are only read to measure.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared" / "calibration"
REALMT = ROOT / "benchmarks" / "data" / "realmt"
#: TICO-19 comes as 2,100 lines without document boundaries: it is cut into documents of this
#: many consecutive lines (about the length of an NTREX news story, 16 lines on average).
TICO_DOC_LINES = 20


@dataclass(frozen=True)
class Doc:
    """One document: parallel lines, an optional literal back-translation, optional gold errors."""

    corpus: str
    doc_id: str
    source: tuple[str, ...]
    target: tuple[str, ...]
    backtranslation: tuple[str, ...] | None = None
    errors: tuple[dict[str, Any], ...] = ()
    meta: dict[str, Any] = field(default_factory=dict, compare=False)

    def __post_init__(self) -> None:
        if len(self.source) != len(self.target):
            raise ValueError(f"{self.corpus}/{self.doc_id}: {len(self.source)} source lines, {len(self.target)} target")
        if self.backtranslation is not None and len(self.backtranslation) != len(self.target):
            raise ValueError(f"{self.corpus}/{self.doc_id}: back-translation length differs from target")

    def pairs(self) -> Iterator[tuple[int, str, str]]:
        for i, (s, t) in enumerate(zip(self.source, self.target)):
            yield i, s, t


def _nonblank(doc: Doc) -> Doc:
    """Paragraph pairs where both sides are blank carry nothing to check; they are dropped."""
    keep = [i for i, (s, t) in enumerate(zip(doc.source, doc.target)) if s.strip() or t.strip()]
    bt = tuple(doc.backtranslation[i] for i in keep) if doc.backtranslation is not None else None
    return Doc(doc.corpus, doc.doc_id, tuple(doc.source[i] for i in keep), tuple(doc.target[i] for i in keep),
               bt, doc.errors, doc.meta)


def ntrex(shared: Path = SHARED) -> list[Doc]:
    """NTREX-128 development split: 83 professional news translations (clean copy)."""
    docs = []
    for line in (shared / "ntrex-dev" / "docs.jsonl").read_text(encoding="utf-8").splitlines():
        d = json.loads(line)
        docs.append(_nonblank(Doc("ntrex", d["doc_id"], tuple(d["source_en"]), tuple(d["target_ar"]))))
    return docs


def tico19(shared: Path = SHARED, doc_lines: int = TICO_DOC_LINES) -> list[Doc]:
    """TICO-19 test (COVID-19 domain, clean copy) cut into documents of ``doc_lines`` lines."""
    en = (shared / "tico19" / "test.en.txt").read_text(encoding="utf-8").split("\n")
    ar = (shared / "tico19" / "test.ar.txt").read_text(encoding="utf-8").split("\n")
    n = min(len(en), len(ar))
    while n and not en[n - 1].strip() and not ar[n - 1].strip():
        n -= 1
    return [_nonblank(Doc("tico19", f"lines-{i}-{min(i + doc_lines, n) - 1}", tuple(en[i:i + doc_lines]),
                          tuple(ar[i:i + doc_lines]), meta={"first_line": i}))
            for i in range(0, n, doc_lines)]


def wmt25(shared: Path = SHARED) -> list[Doc]:
    """WMT25 general-task MT output of two systems (unlabelled: judged by reading)."""
    docs = []
    for line in (shared / "wmt25-mt" / "docs.jsonl").read_text(encoding="utf-8").splitlines():
        d = json.loads(line)
        docs.append(_nonblank(Doc("wmt25", f"{d['system']}/{d['doc_id']}", tuple(d["source_en"]), tuple(d["mt_ar"]),
                                  meta={"system": d["system"], "domain": d["domain"]})))
    return docs


def realmt(folder: Path = REALMT) -> tuple[list[Doc], list[Doc]]:
    """The annotated real-MT set: (machine output with gold errors, the human reference), both with
    literal back-translations."""
    mt, ref = [], []
    for path in sorted(folder.glob("*.json")):
        d = json.loads(path.read_text(encoding="utf-8"))
        src = tuple(d["source_en"])
        mt.append(Doc("realmt", d["id"], src, tuple(d["mt_ar"]), tuple(d["backtranslation_en"]),
                      tuple(d["errors"]), meta={"origin": d.get("origin", {})}))
        ref.append(Doc("realmt-ref", d["id"], src, tuple(d["reference_ar"]), tuple(d["backtranslation_ref_en"]),
                       meta={"origin": d.get("origin", {})}))
    return mt, ref


def team_references(root: Path = ROOT / "benchmarks" / "data") -> list[Doc]:
    """The correct reference translations of the team-written devset and held-out articles, with
    their literal back-translations: more clean copy with back-translations (they are the team's
    own writing, so they only add to the professional references above)."""
    docs = []
    for path in sorted([*(root / "devset").glob("*.json"), *(root / "devset2").glob("*.json")]):
        d = json.loads(path.read_text(encoding="utf-8"))
        docs.append(Doc("team-ref", d["id"], tuple(d["source_en"]), tuple(d["reference_ar"]),
                        tuple(d["backtranslation_ref_en"])))
    return docs


def clean_corpora(shared: Path = SHARED) -> dict[str, list[Doc]]:
    """The clean-copy corpora the false-alarm figures are measured on."""
    return {"ntrex": ntrex(shared), "tico19": tico19(shared)}


def line_count(docs: Sequence[Doc]) -> int:
    return sum(1 for d in docs for t in d.target if t.strip())
