"""From command-line paths to documents: expanding files, directories and globs, and pairing each
target with its source and back-translation by name (``story.ar.txt`` ↔ ``story.en.txt`` ↔
``story.bt.txt``) or through a manifest. The rules are documented in docs/ci.md.
"""

from __future__ import annotations

import csv
import glob
import io
import os
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from fnmatch import fnmatchcase

from mtqa.api import Checker, DocumentInput
from mtqa.config import Config
from mtqa.errors import InputError
from mtqa.io import BILINGUAL_FORMATS, READERS, read_document
from mtqa.io.base import decode_bytes, read_bytes
from mtqa.io.text import json_objects

__all__ = [
    "Pairing",
    "collect_inputs",
    "discover",
    "load_documents",
    "pair_target",
    "read_backtranslation_lines",
    "read_manifest",
    "resolve_inputs",
]

_GLOB_CHARS = frozenset("*?[")
_MANIFEST_COLUMNS = ("target", "source", "backtranslation")


@dataclass(frozen=True)
class Pairing:
    """One target file and the files that go with it."""

    target: str
    source: str | None = None
    backtranslation: str | None = None


def read_backtranslation_lines(path: str) -> list[str]:
    """Non-empty lines of a back-translation file (one per non-empty target line)."""
    text = decode_bytes(read_bytes(path), path)
    return [ln.rstrip("\r") for ln in text.split("\n") if ln.strip()]


def _split(path: str) -> tuple[str, str, str]:
    """``dir/story.ar.txt`` → (``dir``, ``story.ar``, ``txt``)."""
    folder, name = os.path.split(path)
    stem, ext = os.path.splitext(name)
    return folder, stem, ext.lstrip(".").lower()


def _role(path: str, config: Config) -> str:
    """"source", "backtranslation" or "target", judged by name alone."""
    _, stem, _ = _split(path)
    if stem.endswith(config.source_suffix):
        return "source"
    if stem.endswith(config.backtranslation_suffix):
        return "backtranslation"
    return "target"


def _partner(path: str, suffix: str, config: Config) -> str | None:
    folder, stem, ext = _split(path)
    base = stem[: -len(config.target_suffix)] if config.target_suffix and stem.endswith(config.target_suffix) \
        else stem
    for candidate_ext in dict.fromkeys([ext, "txt"]):
        candidate = os.path.join(folder, f"{base}{suffix}.{candidate_ext}" if candidate_ext else base + suffix)
        if os.path.isfile(candidate):
            return candidate
    return None


def pair_target(target: str, config: Config) -> Pairing:
    """The target with the source and back-translation files its name points to, when they exist."""
    return Pairing(target, _partner(target, config.source_suffix, config),
                   _partner(target, config.backtranslation_suffix, config))


def _excluded(path: str, config: Config) -> bool:
    name = os.path.basename(path)
    full = os.path.abspath(path).replace(os.sep, "/")
    for pattern in config.exclude:
        if "/" in pattern:
            if fnmatchcase(full, os.path.abspath(pattern).replace(os.sep, "/")):
                return True
        elif fnmatchcase(name, pattern):
            return True
    return False


def _readable(path: str) -> bool:
    return _split(path)[2] in READERS


def _walk(folder: str, config: Config) -> Iterator[str]:
    """Targets in ``folder``: files named with the target suffix, and bilingual formats."""
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            path = os.path.join(root, name)
            if name.startswith(".") or not _readable(path) or _role(path, config) != "target":
                continue
            _, stem, ext = _split(path)
            if not config.target_suffix or stem.endswith(config.target_suffix) or ext in BILINGUAL_FORMATS:
                yield path


def discover(paths: Sequence[str], config: Config) -> list[Pairing]:
    """Target files (with their partners) from files, directories and glob patterns, in order.

    A pattern or directory that yields nothing, or a missing file, is an :class:`InputError`.
    """
    found: list[tuple[str, bool]] = []  # (path, named explicitly)
    for arg in paths:
        if os.path.isdir(arg):
            hits = [p for p in _walk(arg, config) if not _excluded(p, config)]
            if not hits:
                raise InputError(f"no target files found (looked for *{config.target_suffix}.<ext> and "
                                 f"{', '.join(sorted(BILINGUAL_FORMATS))} files)", path=arg)
            found.extend((p, False) for p in hits)
        elif not os.path.exists(arg) and _GLOB_CHARS & set(arg):
            hits = []
            for match in sorted(glob.glob(arg, recursive=True)):
                if os.path.isdir(match):
                    hits.extend(_walk(match, config))
                elif _role(match, config) == "target":
                    hits.append(match)
            hits = [p for p in hits if not _excluded(p, config)]
            if not hits:
                raise InputError("no target files match this pattern", path=arg)
            found.extend((p, False) for p in hits)
        else:
            found.append((arg, True))  # a missing file is reported when it is read
    pairs = {os.path.abspath(p): pair_target(p, config) for p, _ in reversed(found)}
    partners = {os.path.abspath(x) for pr in pairs.values() for x in (pr.source, pr.backtranslation) if x}
    out: list[Pairing] = []
    seen: set[str] = set()
    for path, explicit in found:
        key = os.path.abspath(path)
        # `mtqa check stories/*` in a shell names sources too: they go with their target.
        if key in seen or (explicit and key in partners and _role(path, config) != "target"):
            continue
        seen.add(key)
        out.append(pairs[key])
    return out


def read_manifest(path: str) -> list[Pairing]:
    """Pairings from a JSONL or CSV/TSV manifest; relative paths are relative to the manifest."""
    text = decode_bytes(read_bytes(path), path)
    folder = os.path.dirname(path)
    rows = _jsonl_rows(text, path) if path.lower().endswith((".jsonl", ".json")) else _csv_rows(text, path)
    out = []
    for line, row in rows:
        unknown = sorted(set(row) - set(_MANIFEST_COLUMNS))
        if unknown:
            raise InputError(f"unknown column {unknown[0]!r} (known: {', '.join(_MANIFEST_COLUMNS)})",
                             path=path, line=line)
        values = {k: (row.get(k) or "").strip() for k in _MANIFEST_COLUMNS}
        if not values["target"]:
            raise InputError('missing "target"', path=path, line=line)
        for key, value in values.items():
            if value and not os.path.isfile(os.path.join(folder, value)):
                raise InputError(f"{key} file {value!r} not found (relative to the manifest)", path=path,
                                 line=line)
        resolved = {k: os.path.normpath(os.path.join(folder, v)) if v else None for k, v in values.items()}
        out.append(Pairing(resolved["target"] or "", resolved["source"], resolved["backtranslation"]))
    if not out:
        raise InputError("empty manifest: no rows", path=path)
    return out


def _jsonl_rows(text: str, path: str) -> Iterator[tuple[int, dict[str, str]]]:
    for number, obj in json_objects(enumerate(text.split("\n"), start=1), path):
        if not all(isinstance(v, (str, type(None))) for v in obj.values()):
            raise InputError('expected {"target": "...", "source": "...", "backtranslation": "..."}',
                             path=path, line=number)
        yield number, obj


def _csv_rows(text: str, path: str) -> Iterator[tuple[int, dict[str, str]]]:
    reader = csv.reader(io.StringIO(text), delimiter="\t" if path.lower().endswith(".tsv") else ",")
    header: list[str] | None = None
    for row in reader:
        number = reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        if header is None:
            header = [cell.strip().lower() for cell in row]
            if "target" not in header:
                raise InputError("the first row must name the columns: target, source, backtranslation",
                                 path=path, line=number)
            continue
        if len(row) > len(header):
            raise InputError(f"{len(row)} fields but the header has {len(header)}", path=path, line=number)
        yield number, dict(zip(header, row))


def load_documents(checker: Checker, pairs: Iterable[Pairing], *,
                   fmt: str | None = None) -> Iterator[DocumentInput]:
    """Read each pairing as it is needed, so a long run keeps only a batch in memory."""
    for pair in pairs:
        target = read_document(pair.target, fmt)
        source = read_document(pair.source, None) if pair.source else None
        bt = read_backtranslation_lines(pair.backtranslation) if pair.backtranslation else None
        yield checker.prepare(target=target, source=source, backtranslation=bt, target_path=pair.target,
                              source_path=pair.source, backtranslation_path=pair.backtranslation)


def resolve_inputs(targets: Sequence[str], config: Config, *, manifest: str | None = None,
                   source: str | None = None, backtranslation: str | None = None) -> list[Pairing]:
    """Every pairing to check: from ``targets`` (files, directories, globs) and a manifest.

    ``source``/``backtranslation`` need a single target file and take precedence over its partners.
    """
    if not targets and not manifest:
        raise InputError("nothing to check: give TARGET files, directories or globs, or --manifest FILE")
    pairs = discover(targets, config) if targets else []
    if source or backtranslation:
        if manifest or len(pairs) != 1:
            raise InputError("--source and --backtranslation need exactly one TARGET file")
        pair = pairs[0]
        pairs = [Pairing(pair.target, source or pair.source, backtranslation or pair.backtranslation)]
    if manifest:
        pairs.extend(read_manifest(manifest))
    return pairs


def collect_inputs(checker: Checker, targets: Sequence[str], *, source: str | None = None,
                   backtranslation: str | None = None, fmt: str | None = None) -> list[DocumentInput]:
    """Documents for ``targets`` (files, directories, globs), paired by name (see :func:`resolve_inputs`)."""
    pairs = resolve_inputs(targets, checker.config, source=source, backtranslation=backtranslation)
    return list(load_documents(checker, pairs, fmt=fmt))
