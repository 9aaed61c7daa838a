"""From command-line paths to documents: expanding files, directories and globs, and pairing each
target with its source and back-translation by name (``story.ar.txt`` ↔ ``story.en.txt`` ↔
``story.bt.txt``) or through a manifest. The rules are documented in docs/ci.md.
"""

from __future__ import annotations

import csv
import io
import os
import re
import stat
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from fnmatch import fnmatchcase

from mtqa.config import Config
from mtqa.document import Document
from mtqa.errors import InputError
from mtqa.io import BILINGUAL_FORMATS, READERS, STDIN
from mtqa.io.base import decode_bytes, file_kind, read_bytes
from mtqa.io.text import json_objects, read_backtranslation_lines
from mtqa.types import names

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
    """One target file and the files that go with it; ``skipped`` says why a file found while
    scanning is left out (a special file, a symlink leaving the scanned folder)."""

    target: str
    source: str | None = None
    backtranslation: str | None = None
    skipped: str | None = None


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


def _is_target(path: str, config: Config) -> bool:
    """Whether a file found in a folder is a target: the target suffix, or a bilingual format."""
    name = os.path.basename(path)
    if name.startswith(".") or not _readable(path) or _role(path, config) != "target":
        return False
    _, stem, ext = _split(path)
    return not config.target_suffix or stem.endswith(config.target_suffix) or ext in BILINGUAL_FORMATS


def _within(path: str, root: str) -> bool:
    try:
        return os.path.commonpath([path, root]) == root
    except ValueError:  # another drive
        return False


@dataclass
class _Scan:
    """Walks folders for :func:`discover`, judging every entry before anything is opened.

    Each real folder is entered once (symlink loops are cut); a symlink whose target lies outside the
    scanned folder is not followed, and not read, unless ``follow``; FIFOs, devices and sockets are
    never opened (a FIFO would hang the run, ``/dev/zero`` exhaust memory). What is left out, and
    why, is collected in ``skipped`` for the files that would otherwise have been checked.
    """

    follow: bool
    skipped: list[tuple[str, str]] = field(default_factory=list)

    def entries(self, root: str, wanted: Callable[[str], bool]) -> Iterator[tuple[str, bool]]:
        """``(path, is_folder)`` below ``root``: a folder's files (sorted), then each subfolder in turn."""
        yield from self._folder(root, os.path.realpath(root), wanted, set())

    def _folder(self, folder: str, root: str, wanted: Callable[[str], bool],
                seen: set[tuple[int, int]]) -> Iterator[tuple[str, bool]]:
        try:
            info = os.stat(folder)
            with os.scandir(folder) as listing:
                names = sorted(entry.name for entry in listing)
        except OSError as exc:
            self.skipped.append((folder, f"cannot list this folder: {exc.strerror or exc}"))
            return
        if (info.st_dev, info.st_ino) in seen:
            return  # a symlink loop, or a second way into a folder already scanned
        seen.add((info.st_dev, info.st_ino))
        folders = []
        for name in names:
            if name.startswith("."):
                continue
            path = os.path.join(folder, name)
            kind = self._judge(path, root, wanted)
            if kind == "file":
                yield path, False
            elif kind == "folder":
                folders.append(path)
        for path in folders:
            yield path, True
            yield from self._folder(path, root, wanted, seen)

    def _judge(self, path: str, root: str, wanted: Callable[[str], bool]) -> str | None:
        """"file", "folder", or None (left out; noted when it would have been checked)."""
        try:
            own = os.lstat(path)
            link = stat.S_ISLNK(own.st_mode)
            info = os.stat(path) if link else own
        except OSError as exc:
            if wanted(path):
                self.skipped.append((path, f"a broken symlink ({exc.strerror or exc})"))
            return None
        if link and not self.follow and not _within(os.path.realpath(path), root):
            if stat.S_ISDIR(info.st_mode) or wanted(path):
                why = (f"a symlink to {os.path.realpath(path)}, outside the scanned folder; not followed "
                       "(--follow-symlinks follows it)")
                self.skipped.append((path, why))
            return None
        if stat.S_ISDIR(info.st_mode):
            # A link to a folder inside the scanned one: its files are found where they really are.
            return "folder" if not link or self.follow else None
        if stat.S_ISREG(info.st_mode):
            return "file"
        if wanted(path):
            self.skipped.append((path, f"{file_kind(info.st_mode)}, not a regular file"))
        return None


def _glob_segment(segment: str) -> str:
    """One path segment of a glob as a regular expression (``*`` and ``?`` never cross ``/``)."""
    out, i = [], 0
    while i < len(segment):
        ch = segment[i]
        end = -1
        if ch == "[":  # a class, as fnmatch reads it: [!…] negates, a ] right after [ or [! is literal
            j = i + 1 + (segment[i + 1:i + 2] == "!")
            end = segment.find("]", j + (segment[j:j + 1] == "]"))
        if ch == "*":
            out.append("[^/]*")
        elif ch == "?":
            out.append("[^/]")
        elif end > 0:
            body = segment[i + 1:end]
            out.append("[" + ("^" + body[1:] if body.startswith("!") else body).replace("\\", "\\\\") + "]")
            i = end
        else:
            out.append(re.escape(ch))
        i += 1
    return "".join(out)


def _glob(pattern: str) -> tuple[str, re.Pattern[str]]:
    """The folder a glob pattern starts from (its leading part without wildcards) and the pattern as a
    regular expression over ``/``-separated paths; ``**`` as a whole segment spans any folders."""
    segments = pattern.replace(os.sep, "/").split("/")
    fixed = 0
    while fixed < len(segments) - 1 and not _GLOB_CHARS & set(segments[fixed]):
        fixed += 1
    parts = []
    for i, segment in enumerate(segments):
        last = i == len(segments) - 1
        if i < fixed:
            parts.append(re.escape(segment) + "/")
        elif segment == "**":
            parts.append(".*" if last else "(?:[^/]+/)*")
        else:
            parts.append(_glob_segment(segment) + ("" if last else "/"))
    return "/".join(segments[:fixed]), re.compile("".join(parts))


def _expand_glob(pattern: str, config: Config, scan: _Scan) -> list[str]:
    """Targets a glob pattern names, walked like folders (no loops, no special files): matching files
    that are not sources or back-translations, and the targets inside matching folders."""
    base, regex = _glob(pattern)
    start = base or "."
    if not os.path.isdir(start):
        return []

    def shown(path: str) -> str:  # as glob.glob would give it: no "./" for a pattern without a folder
        return path[2:] if not base and path.startswith("./") else path

    def matches(path: str) -> bool:
        return bool(regex.fullmatch(shown(path).replace(os.sep, "/")))

    hits: list[str] = []
    for path, is_folder in sorted(scan.entries(start, matches), key=lambda entry: shown(entry[0])):
        if not matches(path):
            continue
        if is_folder:
            hits.extend(shown(p) for p, sub in scan.entries(path, lambda p: _is_target(p, config))
                        if not sub and _is_target(p, config))
        elif _role(path, config) == "target":
            hits.append(shown(path))
    return hits


def _real(path: str) -> str:
    """The key that makes each real file count once, however it was named."""
    return os.path.realpath(path)


def discover(paths: Sequence[str], config: Config, *, follow_symlinks: bool = False) -> list[Pairing]:
    """Target files (with their partners) from files, directories and glob patterns, in order.

    Each real file is checked once (by resolved path). Folders and globs are walked without
    following symlinks out of the scanned folder (``follow_symlinks`` follows them, loops still cut)
    and without opening special files; those found are returned as ``skipped`` pairings. ``-`` is
    standard input. A pattern or directory that yields nothing is an :class:`InputError`; a missing
    file is reported when it is read.
    """
    found: list[tuple[str, bool]] = []  # (path, named explicitly)
    skipped: dict[str, str] = {}
    for arg in names(paths, "paths"):  # one path given as a string is one path, not its letters
        scan = _Scan(follow_symlinks)
        if arg == STDIN:
            found.append((arg, True))
            continue
        if os.path.isdir(arg):
            hits = [p for p, sub in scan.entries(arg, lambda p: _is_target(p, config))
                    if not sub and _is_target(p, config) and not _excluded(p, config)]
            message = (f"no target files found (looked for *{config.target_suffix}.<ext> and "
                       f"{', '.join(sorted(BILINGUAL_FORMATS))} files)")
        elif not os.path.exists(arg) and _GLOB_CHARS & set(arg):
            hits = [p for p in _expand_glob(arg, config, scan) if not _excluded(p, config)]
            message = "no target files match this pattern"
        else:
            found.append((arg, True))
            continue
        left_out = [(p, why) for p, why in scan.skipped if not _excluded(p, config)]
        if not hits:
            if left_out:
                message += "; left out: " + "; ".join(f"{p}: {why}" for p, why in left_out[:5])
            raise InputError(message, path=arg)
        found.extend((p, False) for p in hits)
        for path, why in left_out:
            skipped.setdefault(path, why)
            found.append((path, False))
    pairs = {_real(p): pair_target(p, config) for p, _ in reversed(found) if p not in skipped}
    partners = {_real(x) for pr in pairs.values() for x in (pr.source, pr.backtranslation) if x}
    out: list[Pairing] = []
    seen: set[str] = set()
    for path, explicit in found:
        if path in skipped:
            if path not in seen:
                seen.add(path)
                out.append(Pairing(path, skipped=skipped[path]))
            continue
        key = _real(path)
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
            if value and os.path.isdir(os.path.join(folder, value)):
                raise InputError(f"{key} {value!r} is a directory: a manifest names files", path=path, line=line)
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
    for row in _rows(reader, path):
        number = reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        if header is None:
            header = [cell.strip().lower() for cell in row]
            if "target" not in header:
                raise InputError("the first row must name the columns: target, source, backtranslation",
                                 path=path, line=number)
            twice = sorted({name for name in header if name and header.count(name) > 1})
            if twice:
                raise InputError(f"the header names the column {twice[0]!r} twice", path=path, line=number)
            continue
        if len(row) > len(header):
            raise InputError(f"{len(row)} fields but the header has {len(header)}", path=path, line=number)
        yield number, dict(zip(header, row))


def _rows(reader: Iterator[list[str]], path: str) -> Iterator[list[str]]:
    """The reader's rows; its own errors (a field over csv's size limit, a NUL) name the line."""
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise InputError(f"malformed CSV: {exc}", path=path, line=getattr(reader, "line_num", None)) from None
        yield row


def load_documents(pairs: Iterable[Pairing], *, fmt: str | None = None) -> Iterator[Document]:
    """Read each pairing as it is needed, so a long run keeps only a batch in memory.

    A pairing that cannot be read (a missing, undecodable or malformed file, a back-translation of
    the wrong length) becomes an "error" document naming the problem, and a skipped one a "skipped"
    document: the other documents are still checked, and the report accounts for every input.
    """
    for pair in pairs:
        if pair.skipped is not None:
            yield Document.unchecked(pair.target, pair.skipped, status="skipped")
            continue
        try:
            doc = Document.from_files(pair.target, source=pair.source or None,
                                      backtranslation=pair.backtranslation or None, fmt=fmt)
        except InputError as exc:
            doc = Document.unchecked(None if pair.target == STDIN else pair.target, str(exc))
        yield doc


def resolve_inputs(targets: Sequence[str], config: Config, *, manifest: str | None = None,
                   source: str | None = None, backtranslation: str | None = None,
                   follow_symlinks: bool = False) -> list[Pairing]:
    """Every pairing to check: from ``targets`` (files, directories, globs, ``-`` for standard input)
    and a manifest.

    ``source``/``backtranslation`` need a single target file and take precedence over its partners.
    """
    targets = names(targets, "targets")  # resolve_inputs("story.ar.txt", …) means that one file
    if not targets and not manifest:
        raise InputError("nothing to check: give TARGET files, directories or globs, or --manifest FILE")
    pairs = discover(targets, config, follow_symlinks=follow_symlinks) if targets else []
    if source or backtranslation:
        if manifest or len(pairs) != 1:
            raise InputError("--source and --backtranslation need exactly one TARGET file")
        pair = pairs[0]
        pairs = [Pairing(pair.target, source or pair.source, backtranslation or pair.backtranslation)]
    if manifest:
        pairs.extend(read_manifest(manifest))
    return _once(pairs)


def _once(pairs: list[Pairing]) -> list[Pairing]:
    """Each real target file once, whether named on the command line, in a manifest or in both (its
    first pairing kept); listed twice with different partners, which is meant cannot be told."""
    out: list[Pairing] = []
    first: dict[str, Pairing] = {}
    for pair in pairs:
        if pair.target == STDIN or pair.skipped is not None:
            out.append(pair)
            continue
        key = _real(pair.target)
        if key not in first:
            first[key] = pair
            out.append(pair)
            continue
        kept = first[key]
        if (pair.source or pair.backtranslation) and (
                (_real(pair.source) if pair.source else None, _real(pair.backtranslation) if pair.backtranslation else None)
                != (_real(kept.source) if kept.source else None,
                    _real(kept.backtranslation) if kept.backtranslation else None)):
            raise InputError("listed twice with different source or back-translation files", path=pair.target)
    return out


def collect_inputs(targets: Sequence[str], config: Config, *, source: str | None = None,
                   backtranslation: str | None = None, fmt: str | None = None) -> list[Document]:
    """Documents for ``targets`` (files, directories, globs), paired by name (see :func:`resolve_inputs`)."""
    pairs = resolve_inputs(targets, config, source=source, backtranslation=backtranslation)
    return list(load_documents(pairs, fmt=fmt))
