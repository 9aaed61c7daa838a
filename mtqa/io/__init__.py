"""Readers and the input model they produce."""

from __future__ import annotations

import os
from collections.abc import Callable

from mtqa.errors import InputError
from mtqa.io.base import InputDocument, Unit
from mtqa.io.po import read_po
from mtqa.io.text import read_jsonl, read_lines
from mtqa.io.tmx import read_tmx
from mtqa.io.tsv import read_tsv
from mtqa.io.xliff import read_xliff

__all__ = ["BILINGUAL_FORMATS", "READERS", "InputDocument", "Unit", "read_document"]

#: Reader by file extension (without dot). Unit-based formats register here too.
READERS: dict[str, Callable[[str], InputDocument]] = {
    "txt": read_lines,
    "text": read_lines,
    "jsonl": read_jsonl,
    "tsv": read_tsv,
    "xlf": read_xliff,
    "xliff": read_xliff,
    "tmx": read_tmx,
    "po": read_po,
}

#: Formats that carry their own source: in a directory they are targets whatever their name.
BILINGUAL_FORMATS = frozenset({"xlf", "xliff", "tmx", "po"})


def read_document(path: str | os.PathLike[str], fmt: str | None = None) -> InputDocument:
    """Read a target (or source) document, choosing the reader by ``fmt`` or the file extension."""
    name = os.fspath(path)
    key = (fmt or os.path.splitext(name)[1].lstrip(".") or "txt").lower()
    reader = READERS.get(key, read_lines if fmt is None else None)
    if reader is None:
        raise InputError(f"unknown input format {key!r} (known: {', '.join(sorted(READERS))})", path=name)
    if os.path.isdir(name):
        raise InputError("is a directory, expected a file", path=name)
    return reader(name)
