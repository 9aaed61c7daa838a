"""Readers and the input model they produce."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from dataclasses import replace

from mtqa.errors import InputError
from mtqa.io.base import InputDocument, Unit, decode_bytes
from mtqa.io.po import parse_po, read_po
from mtqa.io.text import parse_jsonl, parse_lines, read_jsonl, read_lines
from mtqa.io.tmx import parse_tmx, read_tmx
from mtqa.io.tsv import parse_tsv, read_tsv
from mtqa.io.xliff import parse_xliff, read_xliff

__all__ = ["BILINGUAL_FORMATS", "PARSERS", "READERS", "STDIN", "STDIN_LABEL", "InputDocument", "Unit",
           "read_document"]

#: The path that means standard input (``mtqa check -``), and how messages name it.
STDIN = "-"
STDIN_LABEL = "<stdin>"

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

#: Parser by format for bytes that are not a file (standard input).
PARSERS: dict[str, Callable[[bytes, str], InputDocument]] = {
    "txt": lambda data, name: parse_lines(decode_bytes(data, name), name),
    "jsonl": lambda data, name: parse_jsonl(decode_bytes(data, name), name),
    "tsv": lambda data, name: parse_tsv(decode_bytes(data, name), name),
    "xliff": parse_xliff,
    "tmx": parse_tmx,
    "po": parse_po,
}
_PARSER_ALIASES = {"text": "txt", "xlf": "xliff"}

#: Formats that carry their own source: in a directory they are targets whatever their name.
BILINGUAL_FORMATS = frozenset({"xlf", "xliff", "tmx", "po"})


def read_document(path: str | os.PathLike[str], fmt: str | None = None) -> InputDocument:
    """Read a target (or source) document, choosing the reader by ``fmt`` or the file extension."""
    name = os.fspath(path)
    if name == STDIN:
        return _read_stdin(fmt)
    key = (fmt or os.path.splitext(name)[1].lstrip(".") or "txt").lower()
    reader = READERS.get(key, read_lines if fmt is None else None)
    if reader is None:
        raise InputError(f"unknown input format {key!r} (known: {', '.join(sorted(READERS))})", path=name)
    if os.path.isdir(name):
        raise InputError("is a directory, expected a file", path=name)
    return reader(name)


def _read_stdin(fmt: str | None) -> InputDocument:
    """Standard input as a document of format ``fmt`` (plain text by default); its path is None,
    as for in-memory text, and messages call it ``<stdin>``."""
    key = (fmt or "txt").lower()
    parser = PARSERS.get(_PARSER_ALIASES.get(key, key))
    if parser is None:
        raise InputError(f"unknown input format {key!r} (known: {', '.join(sorted(READERS))})", path=STDIN_LABEL)
    stream = getattr(sys.stdin, "buffer", None)
    if stream is None:
        raise InputError("standard input is not available", path=STDIN_LABEL)
    return replace(parser(stream.read(), STDIN_LABEL), path=None)
