"""Baselines and ignore files: report and fail on *new* findings only, and never lose count of the rest.

A **baseline** records every finding of one run by its stable fingerprint (rule + normalised phrase +
two words either side, see :attr:`mtqa.Flag.fingerprint`), so it survives edits elsewhere in the file
and lines moving up or down. It is written by ``mtqa baseline create`` and read by ``--baseline``::

    {"format": "mtqa-baseline", "version": 1, "mtqa": "0.1.0",
     "findings": [{"path": "stories/a.ar.txt", "rule": "doubled-word", "fingerprint": "3f1c…",
                   "line": 13, "text": "مجلس مجلس", "severity": "minor"}]}

``path`` is relative to the baseline file's folder (POSIX separators); ``line``, ``text`` and
``severity`` are there for people reading the diff and are not matched. Matching counts: a phrase
recorded once and now found twice brings the second one back.

An **ignore file** (``.mtqa-ignore.json`` next to the config file, or ``--ignore FILE``) lists findings
that reviewers judged not to be errors (the HTML report's "not an error" export writes it)::

    {"version": 1,
     "ignore": [{"fingerprint": "3f1c…", "rule": "doubled-word", "path": "stories/a.ar.txt",
                 "text": "مجلس مجلس", "reason": "not an error"},
                {"rule": "punctuation-spacing", "path": "legacy/**", "reason": "old house style"}]}

Every key of an entry is optional, but an entry needs at least one of ``fingerprint``, ``rule``,
``path``, ``text``; a finding is ignored when it matches *all* the keys its entry gives. ``rule`` is a
rule id or a category; ``path`` is a glob (``*`` also crosses ``/``) matched against the path relative
to the ignore file's folder and against the path as reported; ``text`` is compared after Arabic
normalisation; ``reason`` is free text.

:func:`apply_baseline` removes matched findings and records the counts in
``report.settings["suppressed"]`` (``{"baseline": {"path", "suppressed", "entries", "stale"},
"ignore": {"path", "suppressed", "entries"}}``) and in each document's notes, so a summary can say
how many were suppressed.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from fnmatch import fnmatchcase
from typing import Any

from mtqa._json import JsonError, parse_json
from mtqa._version import __version__
from mtqa.errors import InputError
from mtqa.io.base import decode_bytes, read_bytes
from mtqa.quality import quality_score
from mtqa.text.normalize import normalize_ar
from mtqa.types import Flag, Report

__all__ = [
    "Baseline",
    "BaselineEntry",
    "IgnoreEntry",
    "IgnoreList",
    "apply_baseline",
    "create_baseline",
    "load_baseline",
    "load_ignore",
]

BASELINE_FORMAT = "mtqa-baseline"
_IGNORE_KEYS = ("fingerprint", "rule", "path", "text", "reason")
_MATCH_KEYS = ("fingerprint", "rule", "path", "text")


def _relative(path: str | None, root: str) -> str:
    """``path`` relative to ``root`` with POSIX separators (absolute when on another drive)."""
    if not path:
        return ""
    full = os.path.abspath(path)
    try:
        rel = os.path.relpath(full, os.path.abspath(root))
    except ValueError:  # another drive on Windows
        rel = full
    return rel.replace(os.sep, "/")


@dataclass(frozen=True)
class BaselineEntry:
    """One recorded finding; only ``path``, ``rule`` and ``fingerprint`` are matched."""

    path: str
    rule: str
    fingerprint: str
    line: int = 0
    text: str = ""
    severity: str = ""

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.path, self.rule, self.fingerprint)


@dataclass(frozen=True)
class Baseline:
    """Findings recorded at one point; ``root`` is the folder their paths are relative to."""

    entries: tuple[BaselineEntry, ...]
    root: str = "."
    path: str | None = None

    def to_json(self) -> str:
        findings = [{"path": e.path, "rule": e.rule, "fingerprint": e.fingerprint, "line": e.line,
                     "text": e.text, "severity": e.severity}
                    for e in sorted(self.entries, key=lambda e: (e.path, e.line, e.rule, e.fingerprint))]
        data = {"format": BASELINE_FORMAT, "version": 1, "mtqa": __version__, "findings": findings}
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def create_baseline(report: Report, *, root: str | os.PathLike[str] = ".") -> Baseline:
    """A baseline of every finding in ``report``, paths relative to ``root`` (the baseline's folder)."""
    base = os.fspath(root)
    entries = tuple(
        BaselineEntry(path=_relative(doc.target_path, base), rule=f.rule, fingerprint=f.fingerprint,
                      line=f.line, text=f.text, severity=f.severity)
        for doc in report.documents for f in doc.all_flags)
    return Baseline(entries=entries, root=base)


def _load_json(path: str) -> Any:
    """A baseline or ignore file: untrusted JSON, parsed within :mod:`mtqa._json`'s limits."""
    text = decode_bytes(read_bytes(path), path)
    try:
        return parse_json(text)
    except JsonError as exc:
        raise InputError(exc.reason, path=path, line=exc.line) from None


def load_baseline(path: str | os.PathLike[str]) -> Baseline:
    """Read a baseline written by :meth:`Baseline.to_json`; errors name the file."""
    name = os.fspath(path)
    data = _load_json(name)
    if not isinstance(data, dict) or data.get("format") != BASELINE_FORMAT:
        raise InputError(f'not an mtqa baseline (expected "format": "{BASELINE_FORMAT}"); '
                         "create one with `mtqa baseline create`", path=name)
    if data.get("version") != 1:
        raise InputError(f"unsupported baseline version {data.get('version')!r} (expected 1)", path=name)
    findings = data.get("findings")
    if not isinstance(findings, list):
        raise InputError('"findings" must be a list', path=name)
    entries = []
    for k, item in enumerate(findings):
        if not isinstance(item, dict) or not all(isinstance(item.get(f), str) for f in ("path", "rule",
                                                                                         "fingerprint")):
            raise InputError(f'findings[{k}]: needs "path", "rule" and "fingerprint" strings', path=name)
        line = item.get("line") or 0
        if not isinstance(line, int) or isinstance(line, bool):
            raise InputError(f'findings[{k}].line: must be a whole number', path=name)
        entries.append(BaselineEntry(path=item["path"], rule=item["rule"], fingerprint=item["fingerprint"],
                                     line=line, text=str(item.get("text") or ""),
                                     severity=str(item.get("severity") or "")))
    return Baseline(entries=tuple(entries), root=os.path.dirname(os.path.abspath(name)), path=name)


@dataclass(frozen=True)
class IgnoreEntry:
    """Findings matching every given key are ignored (see the module docstring)."""

    fingerprint: str | None = None
    rule: str | None = None
    path: str | None = None
    text: str | None = None
    reason: str | None = None

    def matches(self, flag: Flag, paths: Iterable[str]) -> bool:
        if self.fingerprint is not None and flag.fingerprint != self.fingerprint:
            return False
        if self.rule is not None and self.rule not in (flag.rule, flag.category):
            return False
        if self.text is not None and normalize_ar(self.text).strip() != normalize_ar(flag.text).strip():
            return False
        if self.path is not None:
            pattern = self.path.replace("\\", "/")
            return any(fnmatchcase(p, pattern) or p == pattern for p in paths if p)
        return True


@dataclass(frozen=True)
class IgnoreList:
    entries: tuple[IgnoreEntry, ...]
    root: str = "."
    path: str | None = None

    def to_json(self) -> str:
        items = [{k: getattr(e, k) for k in _IGNORE_KEYS if getattr(e, k) is not None} for e in self.entries]
        return json.dumps({"version": 1, "ignore": items}, ensure_ascii=False, indent=2) + "\n"


def load_ignore(path: str | os.PathLike[str]) -> IgnoreList:
    """Read an ignore file; an unknown key or an entry that would match everything is an error."""
    name = os.fspath(path)
    data = _load_json(name)
    if not isinstance(data, dict) or not isinstance(data.get("ignore"), list):
        raise InputError('expected {"version": 1, "ignore": [...]}', path=name)
    if data.get("version", 1) != 1:
        raise InputError(f"unsupported ignore-file version {data.get('version')!r} (expected 1)", path=name)
    unknown_top = sorted(set(data) - {"version", "ignore"})
    if unknown_top:
        raise InputError(f"unknown key {unknown_top[0]!r} (known: version, ignore)", path=name)
    entries = []
    for k, item in enumerate(data["ignore"]):
        if not isinstance(item, dict):
            raise InputError(f"ignore[{k}]: expected an object", path=name)
        unknown = sorted(set(item) - set(_IGNORE_KEYS))
        if unknown:
            raise InputError(f"ignore[{k}]: unknown key {unknown[0]!r} (known: {', '.join(_IGNORE_KEYS)})",
                             path=name)
        bad = [key for key in _IGNORE_KEYS if key in item and not isinstance(item[key], str)]
        if bad:
            raise InputError(f"ignore[{k}].{bad[0]}: must be a string", path=name)
        if not any(item.get(key) for key in _MATCH_KEYS):
            raise InputError(f"ignore[{k}]: give at least one of {', '.join(_MATCH_KEYS)} "
                             "(an empty entry would ignore everything)", path=name)
        if item.get("rule") and item["rule"] not in _known_rules():  # a misspelling would match nothing
            raise InputError(f"ignore[{k}].rule: unknown rule or category {item['rule']!r} (`mtqa rules` lists "
                             "them)", path=name)
        entries.append(IgnoreEntry(**{key: item.get(key) for key in _IGNORE_KEYS}))
    return IgnoreList(entries=tuple(entries), root=os.path.dirname(os.path.abspath(name)), path=name)


def _known_rules() -> frozenset[str]:
    from mtqa.checks import REGISTRY  # lazily: the rules load their language data
    from mtqa.types import CATEGORIES

    return frozenset(REGISTRY) | frozenset(CATEGORIES)


def apply_baseline(report: Report, baseline: Baseline | None = None, *,
                   ignore: IgnoreList | None = None) -> Report:
    """``report`` without the findings in ``baseline`` or matched by ``ignore``; the counts are kept.

    The verdict (:attr:`Report.passed`) then depends on new findings only. Suppressed counts go to
    ``settings["suppressed"]`` and to each affected document's notes.
    """
    if baseline is None and ignore is None:
        return report
    remaining: Counter[tuple[str, str, str]] = Counter(e.key for e in baseline.entries) if baseline else Counter()
    by_baseline = by_ignore = 0
    checked: set[str] = set()
    documents = []
    for doc in report.documents:
        kept: list[Flag] = []
        n_base = n_ignore = 0
        base_path = _relative(doc.target_path, baseline.root) if baseline else ""
        checked.add(base_path)
        ignore_paths = ((_relative(doc.target_path, ignore.root),
                         (doc.target_path or "").replace(os.sep, "/")) if ignore else ())
        for flag in doc.all_flags:
            if ignore is not None and any(e.matches(flag, ignore_paths) for e in ignore.entries):
                n_ignore += 1
                continue
            key = (base_path, flag.rule, flag.fingerprint)
            if remaining[key] > 0:
                remaining[key] -= 1
                n_base += 1
                continue
            kept.append(flag)
        notes = list(doc.notes)
        if n_base:
            notes.append(f"{n_base} finding(s) suppressed by the baseline")
        if n_ignore:
            notes.append(f"{n_ignore} finding(s) suppressed by the ignore file")
        by_baseline += n_base
        by_ignore += n_ignore
        changed: dict[str, Any] = {"all_flags": tuple(kept), "notes": tuple(notes)}
        if (n_base or n_ignore) and "words" in doc.quality:
            # the score, like the verdict, counts the findings that remain: a suppressed finding no
            # longer costs the document its quality threshold
            changed["quality"] = quality_score(kept, words=int(doc.quality["words"]),
                                               threshold=float(doc.quality.get("threshold", 0.0)))
        documents.append(replace(doc, **changed))
    suppressed: dict[str, Any] = dict(_mapping(report.settings.get("suppressed")))
    if baseline is not None:
        suppressed["baseline"] = {"path": baseline.path, "suppressed": by_baseline,
                                  "entries": len(baseline.entries), # recorded findings in the checked files that are gone (fixed): time to re-create
                                  "stale": sum(n for k, n in remaining.items() if k[0] in checked)}
    if ignore is not None:
        suppressed["ignore"] = {"path": ignore.path, "suppressed": by_ignore, "entries": len(ignore.entries)}
    return replace(report, documents=tuple(documents), settings={**report.settings, "suppressed": suppressed})


def _mapping(value: object) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}
