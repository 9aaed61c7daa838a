"""Input model shared by all readers: a document is an ordered list of units (paragraphs)."""

from __future__ import annotations

import codecs
import os
from dataclasses import dataclass

from mtqa.errors import InputError

__all__ = ["InputDocument", "Unit", "decode_bytes", "read_bytes"]


@dataclass(frozen=True)
class Unit:
    """One paragraph or translation unit. ``line`` is 1-based in the file it came from."""

    line: int
    text: str
    unit_id: str | None = None
    source: str | None = None


@dataclass(frozen=True)
class InputDocument:
    path: str | None
    units: tuple[Unit, ...]
    format: str = "txt"

    @property
    def bilingual(self) -> bool:
        return any(u.source is not None for u in self.units)


def read_bytes(path: str | os.PathLike[str]) -> bytes:
    name = os.fspath(path)
    try:
        with open(name, "rb") as fh:
            return fh.read()
    except FileNotFoundError:
        raise InputError("no such file", path=name) from None
    except IsADirectoryError:
        raise InputError("is a directory, expected a file", path=name) from None
    except PermissionError:
        raise InputError("permission denied", path=name) from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", path=name) from None


def decode_bytes(data: bytes, path: str | None) -> str:
    """UTF-8 (BOM allowed) or UTF-16 with a BOM; anything else is an error naming the line."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise InputError(f"invalid UTF-16 at byte {exc.start}", path=path) from None
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    nul = data.find(b"\x00")
    if nul >= 0:
        line = data.count(b"\n", 0, nul) + 1
        raise InputError("contains NUL bytes: binary file, or UTF-16 without a BOM; expected UTF-8 text",
                         path=path, line=line)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise InputError(f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at column {col}); "
                         "save the file as UTF-8", path=path, line=line) from None
