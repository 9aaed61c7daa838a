"""Run mtqa over calibration documents and count: false alarms on clean copy, hits on planted errors.

Every run is cold (no result or translation cache) and model-free; back-translations, where a
corpus has them, are given as precomputed text.
"""

from __future__ import annotations

import hashlib
import random
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from calib.corpora import Doc
from calib.inject import KINDS, REGISTRY, Planted, resources
from mtqa import Checker, Config
from mtqa.types import Flag, Report, severity_rank

MAJOR = severity_rank("major")
#: A flag longer than this many words points at a sentence, not a phrase (the devset's rule).
PHRASE_WORDS = 12


def checker(config: Config | None = None) -> Checker:
    return Checker(config or Config(use_model=False, cache=False))


def check_doc(ck: Checker, doc: Doc, *, with_bt: bool = False) -> Report:
    bt = list(doc.backtranslation) if with_bt and doc.backtranslation is not None else None
    return ck.check(target=list(doc.target), source=list(doc.source), backtranslation=bt)


def overlaps(flag: Flag, start: int, end: int) -> bool:
    if flag.start == flag.end:
        return start <= flag.start <= end
    return flag.start < end and start < flag.end


def is_phrase(flag: Flag) -> bool:
    return len(flag.text.split()) <= PHRASE_WORDS


def flag_row(doc: Doc, flag: Flag) -> dict[str, Any]:
    return {"corpus": doc.corpus, "doc": doc.doc_id, "line": flag.line - 1, "rule": flag.rule,
            "signal": flag.evidence.get("signal"), "corroborated": bool(flag.evidence.get("corroborated_by")),
            "severity": flag.severity, "confidence": flag.confidence, "start": flag.start, "end": flag.end,
            "text": flag.text, "message": flag.message,
            "source": doc.source[flag.line - 1] if 0 < flag.line <= len(doc.source) else None}


# -- clean copy ----------------------------------------------------------------------------------
@dataclass
class CleanCounts:
    lines: int = 0
    major_lines: int = 0
    docs: int = 0
    docs_passed: int = 0
    by_rule: Counter[str] = None  # type: ignore[assignment]
    by_rule_major: Counter[str] = None  # type: ignore[assignment]
    flags: list[dict[str, Any]] = None  # type: ignore[assignment]

    def __post_init__(self) -> None:
        self.by_rule = Counter()
        self.by_rule_major = Counter()
        self.flags = []

    def figures(self) -> dict[str, Any]:
        per1k = 1000 / max(self.lines, 1)
        return {
            "lines": self.lines, "documents": self.docs,
            "major_line_rate": round(self.major_lines / max(self.lines, 1), 4),
            "documents_passing": round(self.docs_passed / max(self.docs, 1), 4),
            "false_alarms_per_1000_lines": {r: round(n * per1k, 2) for r, n in sorted(self.by_rule.items())},
            "major_false_alarms_per_1000_lines": {r: round(n * per1k, 2)
                                                  for r, n in sorted(self.by_rule_major.items())},
        }


def clean_run(ck: Checker, docs: Sequence[Doc], *, with_bt: bool = False) -> CleanCounts:
    c = CleanCounts()
    for doc in docs:
        report = check_doc(ck, doc, with_bt=with_bt)
        flags = list(report.iter_flags())
        c.docs += 1
        c.docs_passed += report.passed
        c.lines += sum(1 for t in doc.target if t.strip())
        c.major_lines += len({f.line for f in flags if severity_rank(f.severity) >= MAJOR})
        for f in flags:
            c.by_rule[f.rule] += 1
            if severity_rank(f.severity) >= MAJOR:
                c.by_rule_major[f.rule] += 1
            c.flags.append(flag_row(doc, f))
    return c


# -- planted errors ------------------------------------------------------------------------------
@dataclass(frozen=True)
class Injection:
    kind: str
    doc: Doc  # the document with the one changed line
    line: int
    planted: Planted
    original: str


def _seed(*parts: object) -> int:
    return int(hashlib.sha256("|".join(map(str, parts)).encode()).hexdigest()[:12], 16)


def plant(corpora: dict[str, Sequence[Doc]], *, per_kind: int, seed: int = 0,
          kinds: Iterable[str] = KINDS) -> list[Injection]:
    """Up to ``per_kind`` planted errors of each kind, drawn evenly from the corpora, at most one per
    line; the same seed gives the same set."""
    res = resources()
    out: list[Injection] = []
    for kind in kinds:
        fn = REGISTRY[kind]
        per_corpus = {name: [(d, i) for d in docs for i, s, t in d.pairs() if s.strip() and t.strip()]
                      for name, docs in corpora.items()}
        for name, cands in per_corpus.items():
            random.Random(_seed(seed, kind, name)).shuffle(cands)
        quota = {name: per_kind // len(corpora) + (k < per_kind % len(corpora)) for k, name in enumerate(corpora)}
        got: dict[str, int] = defaultdict(int)
        for name, cands in per_corpus.items():
            for doc, i in cands:
                if got[name] >= quota[name]:
                    break
                planted = fn(doc.source[i], doc.target[i], random.Random(_seed(seed, kind, doc.doc_id, i)), res)
                if planted is None or not planted.line.strip() or planted.end <= planted.start:
                    continue
                target = list(doc.target)
                target[i] = planted.line
                out.append(Injection(kind, replace(doc, target=tuple(target)), i, planted, doc.target[i]))
                got[name] += 1
    return out


@dataclass
class KindCounts:
    planted: int = 0
    hit: int = 0  # a phrase-sized flag of any severity overlaps the gold span
    hit_major: int = 0  # … of severity major or critical
    line_major: int = 0  # some flag >= major anywhere on the line
    rules: Counter[str] = None  # type: ignore[assignment]
    missed: list[dict[str, Any]] = None  # type: ignore[assignment]

    def __post_init__(self) -> None:
        self.rules = Counter()
        self.missed = []

    def figures(self) -> dict[str, Any]:
        n = max(self.planted, 1)
        return {"planted": self.planted, "recall": round(self.hit / n, 4),
                "recall_major": round(self.hit_major / n, 4), "line_recall_major": round(self.line_major / n, 4),
                "rules": dict(self.rules.most_common())}


def injection_run(ck: Checker, injections: Sequence[Injection]) -> tuple[dict[str, KindCounts], list[dict[str, Any]]]:
    """Per kind counts, and every flag raised on a planted line (labelled hit or not)."""
    counts: dict[str, KindCounts] = defaultdict(KindCounts)
    rows: list[dict[str, Any]] = []
    for inj in injections:
        report = check_doc(ck, inj.doc)
        on_line = [f for f in report.iter_flags() if f.line - 1 == inj.line]
        p = inj.planted
        hits = [f for f in on_line if is_phrase(f) and overlaps(f, p.start, p.end)]
        c = counts[inj.kind]
        c.planted += 1
        c.hit += bool(hits)
        c.hit_major += any(severity_rank(f.severity) >= MAJOR for f in hits)
        c.line_major += any(severity_rank(f.severity) >= MAJOR for f in on_line)
        c.rules.update({f.rule for f in hits})
        if not hits:
            c.missed.append({"doc": inj.doc.doc_id, "line": inj.line, "note": p.note,
                             "span": p.line[p.start:p.end], "flags": [(f.rule, f.text) for f in on_line]})
        for f in on_line:
            rows.append({**flag_row(inj.doc, f), "kind": inj.kind, "hit": f in hits})
    return counts, rows


# -- annotated documents (real MT with gold spans) -------------------------------------------------
def gold_spans(doc: Doc) -> list[tuple[int, int, int, str]]:
    """(line, start, end, severity) of each annotated error."""
    out = []
    for e in doc.errors:
        text = doc.target[e["line"]]
        start = text.find(e["span"])
        if start < 0:
            raise ValueError(f"{doc.doc_id}: span {e['span']!r} not in line {e['line']}")
        out.append((e["line"], start, start + len(e["span"]), e["severity"]))
    return out


def labelled_flags(ck: Checker, docs: Sequence[Doc], *, with_bt: bool) -> list[dict[str, Any]]:
    """Every flag on annotated documents, labelled by whether it overlaps a gold span."""
    rows = []
    for doc in docs:
        gold = gold_spans(doc)
        for f in check_doc(ck, doc, with_bt=with_bt).iter_flags():
            hit = is_phrase(f) and any(f.line - 1 == g[0] and overlaps(f, g[1], g[2]) for g in gold)
            rows.append({**flag_row(doc, f), "hit": hit, "with_bt": with_bt})
    return rows
