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
from mtqa.text.tokenize import Token, tokenize

__all__ = ["Term", "Termbase", "default_termbase", "find_rendering", "load_termbase", "load_termbases", "rendering_key"]

_STATUSES = ("preferred", "forbidden")
_MAX_SUFFIX = 3
_EN_WORD = re.compile(r"[A-Za-z0-9]+")


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
    return tuple(fold_en(w) for w in _EN_WORD.findall(text))


@lru_cache(maxsize=4096)
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


@lru_cache(maxsize=65536)
def _word_bases(word: str) -> frozenset[str]:
    """Every rendering word base that ``word`` matches: a prefix of one of its clitic-stripped
    stems at most ``_MAX_SUFFIX`` letters short (the allowed inflectional suffix)."""
    return frozenset(stem[:k] for stem in strip_clitics(normalize_ar(word))
                     for k in range(max(0, len(stem) - _MAX_SUFFIX), len(stem) + 1))


@lru_cache(maxsize=4096)
def _target_words(text: str) -> tuple[tuple[Token, ...], tuple[str, ...], str]:
    """The words of a target text, normalised, and all of them run together; every rendering of
    every term found in the source is looked for in it, by two checks."""
    toks = tuple(t for t in tokenize(text) if t.kind in ("ar", "num", "lat"))
    norms = tuple(normalize_ar(t.text) for t in toks)
    return toks, norms, "".join(norms)


@dataclass
class Termbase:
    """A set of terms, looked up by their source words."""

    terms: list[Term] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    _index: dict[str, list[tuple[int, tuple[str, ...], Term]]] | None = field(
        default=None, init=False, repr=False, compare=False)
    _indexed: int = field(default=0, init=False, repr=False, compare=False)

    @property
    def digest(self) -> str:
        """A short hash of the terms, for the report signature."""
        h = hashlib.sha256()
        for t in self.terms:
            h.update("\t".join([t.source, "|".join(t.preferred), "|".join(t.forbidden)]).encode())
        return h.hexdigest()[:8]

    def _copy(self) -> Termbase:
        """The same terms in a list of their own (to extend), sharing the term index."""
        self._by_first_word()
        tb = Termbase(list(self.terms), list(self.sources))
        tb._index, tb._indexed = self._index, self._indexed
        return tb

    def extend(self, other: Termbase) -> None:
        """Add another termbase's terms; a term both have gets the renderings of both (a house
        termbase that forbids a rendering of a term the default lists adds to it)."""
        where = {t.source_key: i for i, t in enumerate(self.terms)}
        for term in other.terms:
            i = where.get(term.source_key)
            if i is None:
                where[term.source_key] = len(self.terms)
                self.terms.append(term)
                continue
            old = self.terms[i]
            forbidden = tuple(dict.fromkeys((*old.forbidden, *term.forbidden)))
            preferred = tuple(p for p in dict.fromkeys((*old.preferred, *term.preferred)) if p not in forbidden)
            self.terms[i] = Term(old.source, preferred, forbidden, f"{old.origin}; {term.origin}")
            self._index = None  # the index holds the replaced term
        self.sources.extend(other.sources)

    def in_source(self, text: str) -> list[tuple[Term, int, int]]:
        """Terms whose source form occurs in ``text`` (longest match first), with spans."""
        words = list(_EN_WORD.finditer(text))
        keys = [fold_en(m.group()) for m in words]
        positions: dict[str, list[int]] = {}
        for i, k in enumerate(keys):
            positions.setdefault(k, []).append(i)
        # Only terms whose first word occurs are tried, in the order of a scan over all terms
        # (longest first), so that overlaps resolve the same way.
        by_first = self._by_first_word()
        candidates = sorted(c for k in positions for c in by_first.get(k, ()))
        out: list[tuple[Term, int, int]] = []
        taken = [False] * len(keys)
        for _, key, term in candidates:
            n = len(key)
            for i in positions[key[0]]:
                if tuple(keys[i:i + n]) == key and not any(taken[i:i + n]):
                    taken[i:i + n] = [True] * n
                    out.append((term, words[i].start(), words[i + n - 1].end()))
        return sorted(out, key=lambda x: x[1])

    def _by_first_word(self) -> dict[str, list[tuple[int, tuple[str, ...], Term]]]:
        """Terms by the first word of their source key, each with its rank in a longest-first scan."""
        if self._index is None or self._indexed != len(self.terms):
            keyed = sorted(((t.source_key, t) for t in self.terms), key=lambda kt: -len(kt[0]))
            index: dict[str, list[tuple[int, tuple[str, ...], Term]]] = {}
            for rank, (key, term) in enumerate(kt for kt in keyed if kt[0]):
                index.setdefault(key[0], []).append((rank, key, term))
            self._index, self._indexed = index, len(self.terms)
        return self._index


def find_rendering(rendering: str, text: str) -> list[tuple[int, int]]:
    """Spans of ``text`` (code points) where an Arabic rendering occurs, Arabic-aware."""
    key = rendering_key(rendering)
    toks, norms, joined = _target_words(text)
    # A base is a substring of the normalised word it matches: a cheap test before the stems.
    if not key or not all(k in joined for k in key):
        return []
    first, n = key[0], len(key)
    return [(toks[i].start, toks[i + n - 1].end) for i in range(len(toks) - n + 1)
            if first in norms[i] and all(k in norms[i + j] and k in _word_bases(toks[i + j].text)
                                         for j, k in enumerate(key))]


def _split(cell: str) -> tuple[str, ...]:
    return tuple(v.strip() for v in cell.split("|") if v.strip())


def _from_rows(rows: Iterable[tuple[int, list[str]]], path: str) -> Termbase:
    # source key -> (source, origin, preferred, forbidden); the first row names and places an entry
    merged: dict[str, tuple[str, str, list[str], list[str]]] = {}
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
        if not _split(cells[1]):
            raise InputError(f"no Arabic term in {cells[1]!r} (renderings are separated by '|')", path=path,
                             line=line)
        key = " ".join(_en_key(cells[0]))  # "aftershock" and "aftershocks" are one entry
        _, _, preferred, forbidden = merged.setdefault(key, (cells[0], f"{path}:{line}", [], []))
        (preferred if status == "preferred" else forbidden).extend(_split(cells[1]))
    terms = [Term(source, tuple(pref), tuple(forb), origin) for source, origin, pref, forb in merged.values()]
    if not terms:  # a termbase given on purpose that says nothing is a mistake, not a silent no-op
        raise InputError("the termbase has no terms (expected rows source,target[,status], or TBX entries with "
                         "English and Arabic terms)", path=path)
    return Termbase(terms, [path])


# The parsers are cached by content, since every document of a run loads the run's termbases
# again (an edited file is parsed afresh); callers get a copy of the cached Termbase.
@lru_cache(maxsize=16)
def _read_csv(text: str, path: str) -> Termbase:
    reader = csv.reader(io.StringIO(text))
    try:
        rows = [(reader.line_num, row) for row in reader]
    except csv.Error as exc:
        raise InputError(f"malformed CSV: {exc}", path=path, line=reader.line_num) from None
    return _from_rows(rows, path)


@lru_cache(maxsize=16)
def _read_tbx(data: bytes, path: str) -> Termbase:
    from mtqa._xml import check_xml, local_name

    root = check_xml(data, path)
    if local_name(root.tag) not in ("martif", "tbx"):
        raise InputError(f"not a TBX file: the root element is <{local_name(root.tag)}>, expected <martif> or <tbx>",
                         path=path)
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
        return _read_tbx(data, str(path))._copy()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"termbase is not UTF-8 (byte {exc.start})", path=str(path)) from None
    return _read_csv(text, str(path))._copy()


@lru_cache(maxsize=1)
def _default_text() -> str:
    return resources.files("mtqa").joinpath("data/termbase.csv").read_text(encoding="utf-8")


def default_termbase() -> Termbase:
    """The shipped wire-copy termbase (diplomatic, economic and news terms)."""
    return _read_csv(_default_text(), "mtqa:data/termbase.csv")._copy()


def load_termbases(paths: Sequence[str], *, include_default: bool = True) -> Termbase:
    """The default termbase (unless switched off) followed by the given files."""
    base = default_termbase() if include_default else Termbase()
    for path in paths:
        base.extend(load_termbase(path))
    return base
