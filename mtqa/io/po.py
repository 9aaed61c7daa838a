"""Gettext PO through translate-toolkit.

Every entry becomes a :class:`Unit` (plural forms one each, ids suffixed ``[n]``); an empty
``msgstr`` is an untranslated unit (a finding); the header and obsolete (``#~``) entries are not
units. The header's ``charset`` decides how the bytes are decoded. ``line`` is the line of the entry's
``msgstr``; ``unit_id`` is the ``msgctxt`` when there is one, else the ``msgid``.
"""

from __future__ import annotations

import codecs
import os
import re
from typing import Any

from mtqa.errors import InputError
from mtqa.io.base import (
    InputDocument,
    Unit,
    decode_bytes,
    read_bytes,
    toolkit_storage,
    unit_document,
    utf8_under_one_byte_charset,
)

__all__ = ["parse_po", "read_po"]

_PARSE_LINE = re.compile(r"line (\d+)")


def _msgstr_line(lines: list[bytes], start: int, form: int = 0) -> int:
    """The line of the ``form``-th ``msgstr`` (``msgstr[form]`` of a plural entry: they may span
    several lines each) at or after the entry's first line (both 1-based)."""
    seen = 0
    for number in range(max(start, 1), len(lines) + 1):
        if lines[number - 1].lstrip().startswith(b"msgstr"):
            if seen == form:
                return number
            seen += 1
    return start


def _forms(value: Any) -> list[str]:
    strings = getattr(value, "strings", None)
    return [str(s) for s in strings] if strings else [str(value or "")]


_HEADER = re.compile(r'^msgid\s+""\s*$', re.MULTILINE)
_CHARSET = re.compile(r"charset=\s*([A-Za-z0-9_.:-]+)", re.IGNORECASE)
# What .pot templates carry before anyone picks an encoding; gettext reads it as ASCII/UTF-8.
_PLACEHOLDER = "charset"


def _charset_span(header_text: str) -> tuple[int, int, str] | None:
    """Where the header entry's ``charset=`` value is (start, end, value), if it has one."""
    head = _HEADER.search(header_text)
    if head is None:
        return None
    end = header_text.find("\n\n", head.end())
    m = _CHARSET.search(header_text, head.end(), end if end >= 0 else len(header_text))
    return (m.start(1), m.end(1), m.group(1)) if m else None


def _as_utf8(data: bytes, path: str | None) -> bytes:
    """The PO file re-encoded as UTF-8, decoded with the ``charset`` its header declares.

    translate-toolkit decodes every PO file as UTF-8 whatever its header says, so a Windows-1256 or
    ISO-8859-6 file failed; gettext honours the header, and so does mtqa.
    """
    # The header itself is ASCII in every charset a PO file can use (UTF-16 has a BOM: decode_bytes).
    ascii_view = data.decode("latin-1") if not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) else ""
    span = _charset_span(ascii_view)
    declared = span[2] if span else "utf-8"
    try:
        codec = codecs.lookup(declared).name if declared.lower() != _PLACEHOLDER else "utf-8"
    except LookupError:
        line = ascii_view.count("\n", 0, span[0]) + 1 if span else None
        raise InputError(f"unknown charset {declared!r} in the PO header", path=path, line=line) from None
    if codec in ("utf-8", "ascii"):
        return decode_bytes(data, path).encode("utf-8")
    if utf8_under_one_byte_charset(data, codec):
        line = ascii_view.count("\n", 0, span[0]) + 1 if span else None
        raise InputError(f"the PO header declares charset {declared!r} but the file is UTF-8 (read as "
                         f"{declared}, its Arabic would be garbled): set charset=UTF-8", path=path, line=line)
    try:
        decoded = data.decode(codec)
    except LookupError:  # a codec that is no text encoding: "base64", "rot13", "zlib"
        line = ascii_view.count("\n", 0, span[0]) + 1 if span else None
        raise InputError(f"charset {declared!r} in the PO header is not a text encoding", path=path,
                         line=line) from None
    except UnicodeDecodeError as exc:
        raise InputError(f"not valid {codec} (byte 0x{data[exc.start]:02x}), the charset its header declares",
                         path=path, line=data.count(b"\n", 0, exc.start) + 1) from None
    # the same control-character checks as every other text file
    text = decode_bytes(decoded.encode("utf-8"), path)
    if span is not None:  # the header now says what the bytes are
        start, end, _ = span
        text = text[:start] + "UTF-8" + text[end:]
    return text.encode("utf-8")


def parse_po(data: bytes, path: str | None = None) -> InputDocument:
    """Units of a PO file given as bytes (its own ``charset`` header decides the encoding)."""
    data = _as_utf8(data, path)
    try:
        po_file: Any = toolkit_storage("po", "PO").pofile  # partly typed upstream
        store = po_file.parsestring(data)
    except Exception as exc:  # noqa: BLE001 - PoParseError, UnicodeDecodeError, ValueError
        m = _PARSE_LINE.search(str(exc))
        raise InputError(f"malformed PO: {exc}", path=path, line=int(m.group(1)) if m else None) from None
    lines = data.split(b"\n")
    units: list[Unit] = []
    untranslated: list[Unit] = []
    fuzzy: list[str] = []
    for k, unit in enumerate(store.units):
        if unit.isobsolete():
            continue
        if unit.isheader():
            if k:  # gettext's msgfmt refuses it too: only the first entry may be the header
                line = _msgstr_line(lines, int(getattr(unit, "line_number", 0) or 0))
                raise InputError("an entry with an empty msgid after the header (only the header has one; "
                                 "give the entry its English msgid)", path=path, line=line or None)
            continue
        context = unit.getcontext()
        base_id = str(context) if context else _forms(unit.source)[0]
        first = int(getattr(unit, "line_number", 0) or 0)
        line = _msgstr_line(lines, first)
        forms = _forms(unit.target)
        sources = _forms(unit.source)
        if unit.isfuzzy() and any(f.strip() for f in forms):
            fuzzy.append(base_id or f"line {line}")
        for k, text in enumerate(forms):
            flat = text.replace("\r", " ").replace("\n", " ")
            unit_id = f"{base_id}[{k}]" if len(forms) > 1 else base_id
            source = sources[min(k, len(sources) - 1)]
            found = Unit(line=_msgstr_line(lines, first, k) if k else line, text=flat if flat.strip() else "",
                         unit_id=unit_id or None, source=source.replace("\n", " ") or None)
            if flat.strip():
                units.append(found)
            else:  # an empty msgstr: untranslated, reported as a finding
                untranslated.append(found)
    # A fuzzy entry is checked like any other, but msgfmt leaves it out of the compiled catalogue:
    # until a reviewer clears the flag, readers see the English.
    notes = [f"{len(fuzzy)} entr{'y is' if len(fuzzy) == 1 else 'ies are'} marked fuzzy (checked; msgfmt "
             "leaves them out, so the English is shown until they are reviewed): "
             + ", ".join(fuzzy[:10]) + (" …" if len(fuzzy) > 10 else "")] if fuzzy else []
    return unit_document(path, "po", units=units, untranslated=untranslated,
                         empty="no translated entries (every msgstr is empty)", notes=notes)


def read_po(path: str | os.PathLike[str]) -> InputDocument:
    name = os.fspath(path)
    return parse_po(read_bytes(name), name)
