"""Termbases: English source terms with their preferred and forbidden Arabic renderings.

Formats: CSV (``source,target[,status]``; status ``preferred`` (default) or ``forbidden``; several
renderings in one cell separated by ``|``; a header row and ``#`` comment rows are skipped) and TBX
(``termEntry``/``langSet``/``tig`` with an optional ``administrativeStatus`` note; XML is parsed
safely — no DTDs with entities, no external references). The default wire-copy termbase ships as
``mtqa/data/termbase.csv``. Matching is Arabic-aware: normalised, clitics (و ف ب ل ك ال)
stripped, and inflectional suffixes (ة ات ين ون ي ها …) allowed on each word.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

from mtqa.errors import InputError
from mtqa.text.normalize import fold_en, normalize_ar, strip_clitics
from mtqa.text.tokenize import tokenize

__all__ = ["Term", "Termbase", "default_termbase", "find_rendering", "load_termbase", "load_termbases", "rendering_key"]

_STATUSES = ("preferred", "forbidden")
_MAX_SUFFIX = 3


@dataclass(frozen=True)
class Term:
    """One source term and its Arabic renderings (each a tuple of normalised words)."""

    source: str
    preferred: tuple[str, ...] = ()
    forbidden: tuple[str, ...] = ()
    origin: str = ""

    @property
    def source_key(self) -> tuple[str, ...]:
        return _en_key(self.source)


@lru_cache(maxsize=16384)
def _en_key(text: str) -> tuple[str, ...]:
    return tuple(fold_en(w) for w in re.findall(r"[A-Za-z0-9]+", text))


def rendering_key(text: str) -> tuple[str, ...]:
    """Matching key of an Arabic rendering: normalised word bases (article, ات, final ة/ي dropped),
    so that «محافظة» and «محافظات» share one key."""
    words = [normalize_ar(t.text) for t in tokenize(text) if t.kind in ("ar", "num", "lat")]
    # The article and a final ta marbuta/ya are optional: «البنك المركزي» also matches «بنك مركزي».
    return tuple(_ar_base(w) for w in words)


def _ar_base(word: str) -> str:
    if word.startswith("ال") and len(word) > 4:
        word = word[2:]
    if word.endswith("ات") and len(word) > 3:  # sound feminine plural: «هزات» matches «هزة»
        return word[:-2]
    return word[:-1] if len(word) > 3 and word[-1] in "هي" else word


def _word_matches(base: str, word: str) -> bool:
    for stem in strip_clitics(normalize_ar(word)):
        if stem.startswith(base) and len(stem) - len(base) <= _MAX_SUFFIX:
            return True
    return False


@dataclass
class Termbase:
    """A set of terms, looked up by their source words."""

    terms: list[Term] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    _sorted: list[Term] | None = field(default=None, init=False, repr=False, compare=False)

    @property
    def digest(self) -> str:
        """A short hash of the terms, for the report signature."""
        h = hashlib.sha256()
        for t in self.terms:
            h.update("\t".join([t.source, "|".join(t.preferred), "|".join(t.forbidden)]).encode())
        return h.hexdigest()[:8]

    def extend(self, other: Termbase) -> None:
        self.terms.extend(other.terms)
        self.sources.extend(other.sources)

    def in_source(self, text: str) -> list[tuple[Term, int, int]]:
        """Terms whose source form occurs in ``text`` (longest match first), with spans."""
        toks = [(fold_en(m.group()), m.start(), m.end()) for m in re.finditer(r"[A-Za-z0-9]+", text)]
        keys = [k for k, _, _ in toks]
        # Candidate positions come from an index of each term's first word: one pass over the text
        # instead of one per term (long paragraphs made this quadratic).
        positions: dict[str, list[int]] = {}
        for i, k in enumerate(keys):
            positions.setdefault(k, []).append(i)
        out: list[tuple[Term, int, int]] = []
        taken = [False] * len(keys)
        for term in self._by_length():
            key = term.source_key
            n = len(key)
            for i in positions.get(key[0], ()):
                if tuple(keys[i:i + n]) == key and not any(taken[i:i + n]):
                    taken[i:i + n] = [True] * n
                    out.append((term, toks[i][1], toks[i + n - 1][2]))
        return sorted(out, key=lambda x: x[1])

    def _by_length(self) -> list[Term]:
        if self._sorted is None or len(self._sorted) != len(self.terms):
            self._sorted = sorted((t for t in self.terms if t.source_key), key=lambda t: -len(t.source_key))
        return self._sorted


def find_rendering(rendering: str, text: str) -> list[tuple[int, int]]:
    """Spans of ``text`` (code points) where an Arabic rendering occurs, Arabic-aware."""
    key = rendering_key(rendering)
    toks = [t for t in tokenize(text) if t.kind in ("ar", "num", "lat")]
    out = []
    for i in range(len(toks) - len(key) + 1):
        if key and all(_word_matches(k, toks[i + j].text) for j, k in enumerate(key)):
            out.append((toks[i].start, toks[i + len(key) - 1].end))
    return out


def _split(cell: str) -> tuple[str, ...]:
    return tuple(v.strip() for v in cell.split("|") if v.strip())


def _from_rows(rows: Iterable[tuple[int, list[str]]], path: str) -> Termbase:
    merged: dict[str, Term] = {}
    for line, row in rows:
        cells = [c.strip() for c in row]
        if not cells or not any(cells) or cells[0].startswith("#"):
            continue
        if line == 1 and cells[0].lower() == "source":
            continue
        if len(cells) < 2 or len(cells) > 3 or not cells[0] or not cells[1]:
            raise InputError("expected source,target[,status] with non-empty source and target", path=path, line=line)
        status = cells[2].lower() if len(cells) == 3 and cells[2] else "preferred"
        if status not in _STATUSES:
            raise InputError(f"status {cells[2]!r} is not one of {', '.join(_STATUSES)}", path=path, line=line)
        key = " ".join(_en_key(cells[0]))  # "aftershock" and "aftershocks" are one entry
        old = merged.get(key, Term(cells[0], origin=f"{path}:{line}"))
        targets = _split(cells[1])
        merged[key] = Term(old.source, old.preferred + targets if status == "preferred" else old.preferred,
                           old.forbidden + targets if status == "forbidden" else old.forbidden, old.origin)
    return Termbase(list(merged.values()), [path])


def _read_csv(text: str, path: str) -> Termbase:
    reader = csv.reader(io.StringIO(text))
    try:
        rows = [(reader.line_num, row) for row in reader]
    except csv.Error as exc:
        raise InputError(f"malformed CSV: {exc}", path=path, line=reader.line_num) from None
    return _from_rows(rows, path)


def _read_tbx(data: bytes, path: str) -> Termbase:
    from mtqa.io._xml import check_xml, local_name

    root = check_xml(data, path)
    rows: list[tuple[int, list[str]]] = []
    for n, entry in enumerate(e for e in root.iter() if local_name(e.tag) in ("termEntry", "conceptEntry")):
        english: list[str] = []
        arabic: list[tuple[str, str]] = []
        for lang_set in (e for e in entry.iter() if local_name(e.tag) == "langSet"):
            lang = next((v for k, v in lang_set.attrib.items() if local_name(k) == "lang"), "").lower()
            for tig in (e for e in lang_set.iter() if local_name(e.tag) in ("tig", "ntig", "termSec")):
                term = next((e.text or "" for e in tig.iter() if local_name(e.tag) == "term"), "").strip()
                notes = " ".join((e.text or "") for e in tig.iter() if local_name(e.tag) in ("termNote", "descrip"))
                status = "forbidden" if re.search(r"deprecated|forbidden|superseded", notes) else "preferred"
                if term and lang.startswith("en"):
                    english.append(term)
                elif term and lang.startswith("ar"):
                    arabic.append((term, status))
        for src in english:
            rows.extend((n + 1, [src, tgt, status]) for tgt, status in arabic)
    return _from_rows(rows, path)


def load_termbase(path: str | Path) -> Termbase:
    """Read one termbase file (``.csv`` or ``.tbx``); :class:`InputError` names file and row."""
    p = Path(path)
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read termbase: {exc.strerror or exc}", path=str(path)) from None
    if p.suffix.lower() in (".tbx", ".xml"):
        return _read_tbx(data, str(path))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"termbase is not UTF-8 (byte {exc.start})", path=str(path)) from None
    return _read_csv(text, str(path))


@lru_cache(maxsize=1)
def _default_text() -> str:
    return resources.files("mtqa").joinpath("data/termbase.csv").read_text(encoding="utf-8")


def default_termbase() -> Termbase:
    """The shipped wire-copy termbase (diplomatic, economic and news terms)."""
    return _read_csv(_default_text(), "mtqa:data/termbase.csv")


def load_termbases(paths: Sequence[str], *, include_default: bool = True) -> Termbase:
    """The default termbase (unless switched off) followed by the given files."""
    base = default_termbase() if include_default else Termbase()
    for path in paths:
        base.extend(load_termbase(path))
    return base
