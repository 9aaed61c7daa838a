"""Input model shared by all readers: a document is an ordered list of units (paragraphs)."""

from __future__ import annotations

import codecs
import importlib
import io
import os
import re
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from mtqa.errors import InputError

__all__ = ["InputDocument", "Unit", "decode_bytes", "file_kind", "iter_file_lines", "read_bytes", "toolkit_storage",
           "unit_document"]


@dataclass(frozen=True)
class Unit:
    """One paragraph or translation unit. ``line`` is 1-based in the file it came from."""

    line: int
    text: str
    unit_id: str | None = None
    source: str | None = None


@dataclass(frozen=True)
class InputDocument:
    """A target (or source) document: its units with text, in order.

    Every unit of the input is accounted for: ``units`` have target text; ``untranslated`` holds the
    units whose target is empty or missing (``text == ""``), which the checker reports as
    "untranslated-unit" findings; ``notes`` say what a reader left out on purpose and why.
    """

    path: str | None
    units: tuple[Unit, ...]
    format: str = "txt"
    untranslated: tuple[Unit, ...] = ()
    notes: tuple[str, ...] = ()

    @property
    def bilingual(self) -> bool:
        return any(u.source is not None for u in self.units)


def unit_document(path: str | None, fmt: str, *, units: list[Unit], untranslated: list[Unit], empty: str,
                  notes: list[str] | None = None) -> InputDocument:
    """The document a unit-based reader found, or an :class:`InputError` when no unit has a translation.

    A file in which *no* unit is translated is not a translation to check (a source-only export, the
    wrong file): an input error that says how many units were found. Otherwise every untranslated
    unit stays in the document and becomes a finding.
    """
    if not units:
        found = f" ({len(untranslated)} unit(s), every target empty or missing)" if untranslated else ""
        raise InputError(empty + found, path=path)
    return InputDocument(path=path, units=tuple(units), format=fmt, untranslated=tuple(untranslated),
                         notes=tuple(notes or ()))


def _open_error(exc: OSError, name: str) -> InputError:
    if isinstance(exc, FileNotFoundError):
        return InputError("no such file", path=name)
    if isinstance(exc, IsADirectoryError):
        return InputError("is a directory, expected a file", path=name)
    if isinstance(exc, PermissionError):
        return InputError("permission denied", path=name)
    return InputError(f"cannot read: {exc.strerror or exc}", path=name)


def file_kind(mode: int) -> str:
    """What a non-regular file is, for messages ("a FIFO (named pipe)", "a character device" …)."""
    for test, name in ((stat.S_ISFIFO, "a FIFO (named pipe)"), (stat.S_ISCHR, "a character device"),
                       (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"), (stat.S_ISDIR, "a directory")):
        if test(mode):
            return name
    return "a special file"


def _open(name: str) -> io.BufferedReader:
    """``name`` opened for reading; a device or socket is refused before it is opened (``/dev/zero``
    would fill memory, a terminal wait for a person). A FIFO is read: ``<(command)`` gives one."""
    try:
        mode = os.stat(name).st_mode
        if not (stat.S_ISREG(mode) or stat.S_ISFIFO(mode) or stat.S_ISDIR(mode)):
            raise InputError(f"is {file_kind(mode)}, not a regular file", path=name)
        return open(name, "rb")  # the callers close it
    except OSError as exc:
        raise _open_error(exc, name) from None


def read_bytes(path: str | os.PathLike[str]) -> bytes:
    name = os.fspath(path)
    with _open(name) as fh:
        try:
            return fh.read()
        except OSError as exc:
            raise _open_error(exc, name) from None


_NUL_MESSAGE = "contains NUL bytes: binary file, or UTF-16 without a BOM; expected UTF-8 text"
# C0 controls never occur in copy (tab, line/page breaks and CR aside); Arabic saved as UTF-16
# without a BOM has no NUL bytes but decodes to "3\x067\x06..." as UTF-8, so these catch it.
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f]")


def _check_controls(text: str, path: str | None, first_line: int = 1) -> None:
    m = _CONTROL.search(text)
    if m:
        line = first_line + text.count("\n", 0, m.start())
        col = m.start() - (text.rfind("\n", 0, m.start()) + 1) + 1
        raise InputError(f"contains control character U+{ord(m.group()):04X} at column {col}: binary file, "
                         "or UTF-16 without a BOM; expected UTF-8 text", path=path, line=line)


def iter_file_lines(path: str | os.PathLike[str]) -> Iterator[tuple[int, str]]:
    """``(1-based line number, line)`` of a text file, decoded as :func:`decode_bytes` does, streamed.

    Memory stays bounded by the longest line, not the file; lines keep a trailing ``\\r`` (the
    caller decides) but not the ``\\n``. Errors are the same :class:`InputError` as decode_bytes's.
    """
    name = os.fspath(path)
    fh = _open(name)
    with fh:
        try:
            head = fh.peek(4)[:4] if isinstance(fh, io.BufferedReader) else b""
        except OSError as exc:
            raise _open_error(exc, name) from None
        _refuse_utf32(head, name)
        if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            yield from _utf16_lines(fh, name)
            return
        for number, raw in enumerate(fh, start=1):
            if number == 1 and raw.startswith(codecs.BOM_UTF8):
                raw = raw[len(codecs.BOM_UTF8):]
            if b"\x00" in raw:
                raise InputError(_NUL_MESSAGE, path=name, line=number)
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                raise InputError(f"not valid UTF-8 (byte 0x{raw[exc.start]:02x} at column {exc.start + 1}); "
                                 "save the file as UTF-8", path=name, line=number) from None
            _check_controls(text, name, number)
            yield number, text.removesuffix("\n")


def _refuse_utf32(head: bytes, path: str | None) -> None:
    """A UTF-32 BOM (whose little-endian form starts as UTF-16's does) is named as what it is."""
    if head.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        raise InputError("UTF-32 text is not supported: save the file as UTF-8", path=path, line=1)


def _utf16_lines(fh: io.BufferedReader, name: str) -> Iterator[tuple[int, str]]:
    reader = io.TextIOWrapper(fh, encoding="utf-16", newline="\n")
    number = 0
    try:
        for number, text in enumerate(reader, start=1):
            _check_controls(text, name, number)
            yield number, text.removesuffix("\n")
    except UnicodeDecodeError:
        raise InputError("invalid UTF-16", path=name, line=number + 1) from None
    finally:
        reader.detach()


def sub_flow_units(target: Any, source: Any, unit_id: str | None) -> list[Unit]:
    """The ``<sub>`` flows of a target segment element (TMX, XLIFF 1.2: a link's title inside a
    ``<bpt>``), each a unit of its own (id ``<id>#sub<k>``, at the sub's line), paired by order with
    the source segment's. Flows empty on both sides hold nothing and are left out."""
    from mtqa._xml import inline_text, sub_flows

    def flat(element: Any) -> str:
        return inline_text(element).replace("\r", " ").replace("\n", " ")

    if target is None:
        return []
    sources = [flat(s) for s in sub_flows(source)] if source is not None else []
    out = []
    for k, sub in enumerate(sub_flows(target)):
        text, src = flat(sub), sources[k] if k < len(sources) else ""
        if text.strip() or src.strip():
            out.append(Unit(line=int(getattr(sub, "sourceline", 0) or 0) or 1, text=text if text.strip() else "",
                            unit_id=f"{unit_id or ''}#sub{k + 1}", source=src or None))
    return out


def utf8_under_one_byte_charset(data: bytes, codec: str) -> bool:
    """Is ``data`` UTF-8 text (with some non-ASCII character) while a header declares the one-byte
    ``codec`` (a codecs name)? Arabic in a one-byte charset is never valid UTF-8 (its letters are
    runs of bytes UTF-8 forbids), so such a header was left over from another file: read as it
    says, every Arabic letter would become two wrong ones («غادر» as «ط؛ط§ط¯ط±») and the units
    would pass with nothing to flag."""
    if codec.startswith("utf") or codec == "ascii" or not any(b >= 0x80 for b in data):
        return False
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def decode_bytes(data: bytes, path: str | None) -> str:
    """UTF-8 (BOM allowed) or UTF-16 with a BOM; anything else is an error naming the line."""
    _refuse_utf32(data[:4], path)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise InputError(f"invalid UTF-16 at byte {exc.start}", path=path) from None
        _check_controls(text, path)
        return text
    data = data.removeprefix(codecs.BOM_UTF8)
    nul = data.find(b"\x00")
    if nul >= 0:
        line = data.count(b"\n", 0, nul) + 1
        raise InputError(_NUL_MESSAGE, path=path, line=line)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise InputError(f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at column {col}); "
                         "save the file as UTF-8", path=path, line=line) from None
    _check_controls(text, path)
    return text


def toolkit_storage(module: str, what: str) -> Any:
    """``translate.storage.<module>`` from translate-toolkit, imported when a reader first needs it."""
    try:
        return importlib.import_module(f"translate.storage.{module}")
    except ImportError as exc:  # pragma: no cover - a declared dependency
        raise InputError(f"reading {what} needs translate-toolkit: pip install translate-toolkit") from exc
