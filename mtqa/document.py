"""The input side of the library: :class:`Document`, one validated document to check.

Every way a document reaches the checks — :func:`mtqa.check`, ``Checker.check``,
``Checker.check_many`` (with a ``Document``, a mapping or a ``(target, source)`` pair), the file
readers behind ``mtqa check`` and the Ray stages — builds a ``Document``, so its validation
(swapped languages, lone surrogates, a back-translation of the wrong length …) cannot be skipped.

This module sits below the API: the readers (:mod:`mtqa.io.files`) build documents without
importing :class:`~mtqa.Checker`.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, fields, replace
from typing import Any

from mtqa.errors import InputError
from mtqa.io import STDIN, read_document
from mtqa.io.base import InputDocument, Unit
from mtqa.io.text import parse_lines, read_backtranslation_lines
from mtqa.lang import arabic as ar
from mtqa.text.normalize import ARABIC_LETTER, has_arabic
from mtqa.types import DocumentStatus

__all__ = ["ARABIC_BACKTRANSLATION", "ARABIC_SOURCE", "DOCUMENT_KEYS", "NO_ARABIC", "Document", "TextInput",
           "as_document"]

#: A text as the API takes it: a string (paragraphs separated by newlines) or one string per paragraph.
TextInput = str | Sequence[str]

#: The keys of a document given as a mapping (``check_many([{"target": ..., "source": ...}])``):
#: the keyword arguments of :class:`Document`.
DOCUMENT_KEYS = ("target", "source", "backtranslation", "path", "source_path", "backtranslation_path")

NO_ARABIC = "target has no Arabic text — is this the source?"
ARABIC_SOURCE = ("the source looks Arabic, not English: scores and source checks compare Arabic with "
                 "Arabic; give the English original as the source")
ARABIC_BACKTRANSLATION = ("the back-translation looks Arabic, not English: give the English "
                          "back-translation, one line per target line")

_ARABIC_RUN = re.compile(f"[{ARABIC_LETTER}]")
_SURROGATE = re.compile("[\ud800-\udfff]")
_ACCEPTED = "a str (paragraphs separated by newlines) or a list of str (one per paragraph)"


@dataclass(frozen=True, init=False)
class Document:
    """One document to check: the Arabic target and, optionally, its English source and back-translation.

    ``Document(target=..., source=..., backtranslation=..., path=..., source_path=...,
    backtranslation_path=...)`` takes each text as a string (paragraphs separated by newlines), a list
    of paragraphs, or (target and source) an :class:`~mtqa.io.InputDocument` from a reader;
    ``path``/``source_path`` name the files in the report. The arguments are keyword-only, so that
    source and target cannot be swapped by position. The constructor validates: a target and source
    that look swapped, lone surrogates and a back-translation whose line count is not the target's
    are an :class:`~mtqa.InputError`; an English source or back-translation that looks Arabic, and a
    target without Arabic, become ``notes`` (the last also an ``error`` that fails the run).
    :meth:`from_files` reads the files.

    ``status`` is "checked" for a document to check; "error" (it could not be read) and "skipped"
    (left out on purpose) documents, made by :meth:`unchecked`, are not checked but still reported,
    with ``reason``.
    """

    target: InputDocument
    source: InputDocument | None = None
    backtranslation: tuple[str, ...] | None = None
    backtranslation_path: str | None = None
    #: Document-level problems found while validating: shown as notes; ``errors`` also fail the run.
    notes: tuple[str, ...] = ()
    errors: tuple[str, ...] = ()
    status: DocumentStatus = "checked"
    reason: str | None = None

    def __init__(self, *, target: TextInput | InputDocument, source: TextInput | InputDocument | None = None,
                 backtranslation: TextInput | None = None, path: str | os.PathLike[str] | None = None,
                 source_path: str | os.PathLike[str] | None = None,
                 backtranslation_path: str | os.PathLike[str] | None = None) -> None:
        path, source_path, backtranslation_path = (_path_name(p, name) for p, name in (
            (path, "path"), (source_path, "source_path"), (backtranslation_path, "backtranslation_path")))
        tgt = _as_input(target, path)
        src = _as_input(source, source_path, "source") if source is not None else None
        if src is None and tgt.bilingual:
            src = InputDocument(path=tgt.path, units=tuple(
                Unit(line=u.line, text=u.source or "", unit_id=u.unit_id) for u in tgt.units),
                format=tgt.format)
        for doc in (tgt, src):
            _reject_surrogates(doc)
        problems = _language_problems(tgt, src)
        bt = _bt_lines(backtranslation, tgt, backtranslation_path)
        notes = (*tgt.notes, *problems, *_language_warnings(src, bt))
        _set_fields(self, target=tgt, source=src, backtranslation=bt, backtranslation_path=backtranslation_path,
                    notes=notes, errors=problems, status="checked", reason=None)

    @classmethod
    def from_files(cls, target: str | os.PathLike[str], *, source: str | os.PathLike[str] | None = None,
                   backtranslation: str | os.PathLike[str] | None = None, fmt: str | None = None) -> Document:
        """The document in these files: ``target`` read by its extension (or ``fmt``; ``"-"`` is standard
        input), the English ``source`` likewise, ``backtranslation`` as one line per non-empty target
        line. A file that cannot be read, or does not validate, is an :class:`~mtqa.InputError`."""
        tgt = read_document(target, fmt)
        src = read_document(source) if source is not None else None
        bt_path = os.fspath(backtranslation) if backtranslation is not None else None
        bt = read_backtranslation_lines(bt_path) if bt_path is not None else None
        # Standard input has no path: the report names none, as for in-memory text.
        path = None if os.fspath(target) == STDIN else tgt.path
        return cls(target=tgt, source=src, backtranslation=bt, path=path, backtranslation_path=bt_path)

    @classmethod
    def unchecked(cls, path: str | None, reason: str, *, status: DocumentStatus = "error") -> Document:
        """A document that could not be read (``status="error"``) or was left out (``"skipped"``):
        reported with ``reason``, never checked."""
        doc = object.__new__(cls)
        _set_fields(doc, target=InputDocument(path=path, units=()), status=status, reason=reason)
        return doc

    @property
    def path(self) -> str | None:
        """The target's path as the report names it (None for in-memory text)."""
        return self.target.path

    @property
    def source_path(self) -> str | None:
        return self.source.path if self.source is not None else None

    def _evolve(self, **changes: Any) -> Document:
        """A copy with ``changes`` (a window of this document), not validated again: it already was."""
        doc = object.__new__(type(self))
        _set_fields(doc, **{**{f.name: getattr(self, f.name) for f in fields(self)}, **changes})
        return doc


def _set_fields(doc: Document, **values: Any) -> None:
    # A frozen dataclass: its fields are set once, here, bypassing the frozen __setattr__.
    for f in fields(Document):
        object.__setattr__(doc, f.name, values.get(f.name, f.default))


def as_document(item: object) -> Document:
    """``item`` as a :class:`Document`: a Document, a mapping with :data:`DOCUMENT_KEYS`, or a
    ``(target, source)`` tuple; a TypeError naming what is accepted for anything else."""
    if isinstance(item, Document):
        return item
    if isinstance(item, Mapping):
        unknown = [k for k in item if k not in DOCUMENT_KEYS]
        if unknown:
            raise TypeError(f"unknown document key {unknown[0]!r}; a document mapping has the keys "
                            f"{', '.join(DOCUMENT_KEYS)}")
        if "target" not in item:
            raise TypeError("a document mapping needs a 'target' (and optionally "
                            f"{', '.join(DOCUMENT_KEYS[1:])})")
        return Document(**item)
    if isinstance(item, tuple) and len(item) == 2:
        target, source = item
        return Document(target=target, source=source)
    hint = ""
    if isinstance(item, (str, bytes, list)):  # the usual slips: one text, or one document's paragraphs
        hint = "; for one text, give Document(target=...) or use check(target=...)"
    raise TypeError("a document to check must be an mtqa.Document, a mapping with the keys "
                    f"{', '.join(DOCUMENT_KEYS)} (target required), or a (target, source) tuple; "
                    f"not {type(item).__name__}{hint}")


# -- validation --------------------------------------------------------------------------------------
def _arabic_share(doc: InputDocument, sample_units: int = 200) -> float:
    """Share of letters that are Arabic in the first ``sample_units`` units (0.0 with no letters)."""
    text = " ".join(u.text for u in doc.units[:sample_units])
    letters = sum(1 for ch in text if ch.isalpha())
    return len(_ARABIC_RUN.findall(text)) / letters if letters else 0.0


def _reject_surrogates(doc: InputDocument | None) -> None:
    """Lone surrogates (from bad decoding upstream) cannot be written out as UTF-8: refuse them here."""
    if doc is None:
        return
    for unit in (*doc.units, *doc.untranslated):
        for text in (unit.text, unit.source or ""):
            if m := _SURROGATE.search(text):
                raise InputError(f"not valid Unicode text: lone surrogate U+{ord(m.group()):04X} at column "
                                 f"{m.start() + 1}", path=doc.path, line=unit.line)
        if unit.unit_id and (m := _SURROGATE.search(unit.unit_id)):  # the id is written into every report
            raise InputError(f"not valid Unicode text: lone surrogate U+{ord(m.group()):04X} in the unit id",
                             path=doc.path, line=unit.line)


def _language_problems(tgt: InputDocument, src: InputDocument | None) -> tuple[str, ...]:
    """InputError when source and target are swapped; the no-Arabic error when the target has none."""
    if src is not None and _arabic_share(tgt) < 0.2 and _arabic_share(src) > 0.5:
        raise InputError("source and target look swapped: the target is not Arabic but the source is; "
                         "give the Arabic translation as TARGET and the English original as --source",
                         path=tgt.path)
    line = _visual_order_line(tgt)
    if line is not None:
        raise InputError("the Arabic is stored in visual order (presentation forms, each line reversed, as "
                         "text copied out of some PDFs is): put each line back in logical order (reverse its "
                         "right-to-left runs) before checking", path=tgt.path, line=line)
    if tgt.units and not any(has_arabic(u.text) for u in tgt.units):
        return (NO_ARABIC,)
    return ()


_PRESENTATION_WORD = re.compile(f"[{ar.PRESENTATION_LETTERS}]{{2,}}")


def _visual_order_line(doc: InputDocument) -> int | None:
    """The first line of a target whose presentation-form words read backwards, when most do.

    A word written in presentation forms shows its order in its shapes: in logical order it opens
    with an initial (or isolated) form and closes with a final one; stored in visual order, as
    some PDF extractors give it, it opens with a final form and closes with an initial one.
    """
    forward = backward = 0
    first: int | None = None
    for unit in doc.units:
        for m in _PRESENTATION_WORD.finditer(unit.text):
            head, tail = (unicodedata.name(ch, "") for ch in (m.group()[0], m.group()[-1]))
            fwd = head.endswith("INITIAL FORM") + tail.endswith("FINAL FORM")
            bwd = head.endswith("FINAL FORM") + tail.endswith("INITIAL FORM")
            forward, backward = forward + fwd, backward + bwd
            if bwd > fwd and first is None:
                first = unit.line
    return first if backward > forward else None


def _language_warnings(src: InputDocument | None, bt: Sequence[str] | None) -> tuple[str, ...]:
    """Notes for English inputs that are in fact Arabic (a wrong file, or the target given twice)."""
    warnings_: list[str] = []
    if src is not None and _arabic_share(src) > 0.5:
        warnings_.append(ARABIC_SOURCE)
    sample = InputDocument(path=None, units=tuple(Unit(line=0, text=t) for t in (bt or ())[:200]))
    if bt and _arabic_share(sample) > 0.5:
        warnings_.append(ARABIC_BACKTRANSLATION)
    return tuple(warnings_)


def _text_input(value: object, what: str, accepted: str = _ACCEPTED) -> str | list[str]:
    """``value`` checked against what the API accepts, or a TypeError saying what that is."""
    if isinstance(value, str):
        return value
    if isinstance(value, (bytes, bytearray, memoryview)):
        raise TypeError(f"{what} must be {accepted}, not {type(value).__name__}; decode bytes first "
                        "(e.g. data.decode('utf-8')) or use mtqa.Document.from_files for a file")
    if isinstance(value, (Sequence, Iterator)) and not isinstance(value, Mapping):
        items = list(value)
        for k, item in enumerate(items):
            if not isinstance(item, str):
                raise TypeError(f"{what} must be {accepted}; item {k} is {type(item).__name__}")
        return items
    raise TypeError(f"{what} must be {accepted}, not {type(value).__name__}")


def _path_name(value: object, name: str) -> str | None:
    """A path argument as the string every report writes: a str or an ``os.PathLike``; anything else
    is a TypeError that says so (a number or a list used to fail later, inside a report writer)."""
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, os.PathLike):
        text = os.fspath(value)
        if isinstance(text, str):
            return text
    raise TypeError(f"{name} must be a str or an os.PathLike naming a file (it labels the document in "
                    f"reports), not {type(value).__name__}")


def _as_input(text: object, path: str | None, what: str = "target") -> InputDocument:
    if isinstance(text, InputDocument):
        # The path given names the document in the report, whoever read it.
        return text if path is None or path == text.path else replace(text, path=path)
    value = _text_input(text, what, _ACCEPTED.replace(" or a list", ", a list") + " or an InputDocument")
    if isinstance(value, str):
        if not value.strip():  # said of the string, not of a file it never was
            raise InputError("empty document: no non-blank paragraphs", path=path)
        return parse_lines(value, path)
    units = tuple(Unit(line=i, text=t.replace("\n", " ")) for i, t in enumerate(value, start=1) if t.strip())
    if not units:
        raise InputError("empty document: no non-blank paragraphs", path=path)
    return InputDocument(path=path, units=units, format="list")


def _bt_lines(bt: object, target: InputDocument, path: str | None) -> tuple[str, ...] | None:
    if bt is None:
        return None
    value = _text_input(bt, "backtranslation")
    lines = [ln.rstrip("\r") for ln in value.split("\n")] if isinstance(value, str) else list(value)
    lines = [ln for ln in lines if ln.strip()]
    for number, line in enumerate(lines, start=1):
        if m := _SURROGATE.search(line):
            raise InputError(f"not valid Unicode text: lone surrogate U+{ord(m.group()):04X} at column "
                             f"{m.start() + 1}", path=path, line=number)
    if len(lines) != len(target.units):
        raise InputError(
            f"back-translation has {len(lines)} non-empty lines but the target has {len(target.units)} "
            "non-empty lines; give one back-translation line per target line, in order", path=path)
    return tuple(lines)
