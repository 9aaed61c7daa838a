"""Gettext PO through translate-toolkit.

Every entry with a non-empty ``msgstr`` becomes a :class:`Unit` (plural forms one each, ids suffixed
``[n]``); the header and obsolete (``#~``) entries are skipped. ``line`` is the line of the entry's
``msgstr``; ``unit_id`` is the ``msgctxt`` when there is one, else the ``msgid``.
"""

from __future__ import annotations

import os
import re
from typing import Any

from mtqa.errors import InputError
from mtqa.io.base import InputDocument, Unit, read_bytes, toolkit_storage

__all__ = ["parse_po", "read_po"]

_PARSE_LINE = re.compile(r"line (\d+)")


def _msgstr_line(lines: list[bytes], start: int) -> int:
    """The line of the first ``msgstr`` at or after the entry's first line (both 1-based)."""
    for number in range(max(start, 1), len(lines) + 1):
        if lines[number - 1].lstrip().startswith(b"msgstr"):
            return number
    return start


def _forms(value: Any) -> list[str]:
    strings = getattr(value, "strings", None)
    return [str(s) for s in strings] if strings else [str(value or "")]


def parse_po(data: bytes, path: str | None = None) -> InputDocument:
    """Units of a PO file given as bytes (its own ``charset`` header decides the encoding)."""
    try:
        po_file: Any = toolkit_storage("po", "PO").pofile  # partly typed upstream
        store = po_file.parsestring(data)
    except Exception as exc:  # noqa: BLE001 - PoParseError, UnicodeDecodeError, ValueError
        m = _PARSE_LINE.search(str(exc))
        raise InputError(f"malformed PO: {exc}", path=path, line=int(m.group(1)) if m else None) from None
    lines = data.split(b"\n")
    units: list[Unit] = []
    for unit in store.units:
        if unit.isheader() or unit.isobsolete():
            continue
        context = unit.getcontext()
        base_id = str(context) if context else _forms(unit.source)[0]
        line = _msgstr_line(lines, int(getattr(unit, "line_number", 0) or 0))
        forms = _forms(unit.target)
        for k, text in enumerate(forms):
            flat = text.replace("\r", " ").replace("\n", " ")
            if not flat.strip():
                continue
            unit_id = f"{base_id}[{k}]" if len(forms) > 1 else base_id
            source = _forms(unit.source)[min(k, len(_forms(unit.source)) - 1)]
            units.append(Unit(line=line + k if len(forms) > 1 else line, text=flat, unit_id=unit_id or None,
                              source=source.replace("\n", " ") or None))
    if not units:
        raise InputError("no translated entries (every msgstr is empty)", path=path)
    return InputDocument(path=path, units=tuple(units), format="po")


def read_po(path: str | os.PathLike[str]) -> InputDocument:
    name = os.fspath(path)
    return parse_po(read_bytes(name), name)
