"""Plain text (one paragraph per line) and JSONL readers."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import replace
from typing import Any

from mtqa._json import JsonError, parse_json
from mtqa.errors import InputError
from mtqa.io.base import InputDocument, Unit, decode_bytes, iter_file_lines, read_bytes, unit_document

__all__ = ["json_objects", "parse_jsonl", "parse_lines", "read_backtranslation_lines", "read_jsonl", "read_lines"]


def parse_lines(text: str, path: str | None = None) -> InputDocument:
    """Non-empty lines as units, keeping their 1-based line numbers; CR before LF is dropped, and a
    lone CR ends a line (old Mac files), as editors count it."""
    return _lines_document(enumerate(text.split("\n"), start=1), path)


def _lines_document(lines: Iterable[tuple[int, str]], path: str | None) -> InputDocument:
    units: list[Unit] = []
    extra = 0  # lines ended by a lone CR so far: an editor counts each as a line
    for number, raw in lines:
        for k, line in enumerate(raw.removesuffix("\r").split("\r")):
            extra += k > 0
            if line.strip():
                units.append(Unit(line=number + extra, text=line))
    if not units:
        raise InputError("empty file: no non-blank lines", path=path)
    return InputDocument(path=path, units=tuple(units), format="txt")


def read_lines(path: str | os.PathLike[str]) -> InputDocument:
    """A plain-text file, streamed line by line (a 50 MB file is never held as one string)."""
    name = os.fspath(path)
    return _lines_document(iter_file_lines(name), name)


def read_backtranslation_lines(path: str) -> list[str]:
    """Non-empty lines of a back-translation file (one per non-empty target line)."""
    text = decode_bytes(read_bytes(path), path)
    return [ln for ln in text.replace("\r\n", "\n").replace("\r", "\n").split("\n") if ln.strip()]


def parse_jsonl(text: str, path: str | None = None) -> InputDocument:
    """One JSON object per line: ``{"id": ..., "target": "...", "source": "..."?}``."""
    return _jsonl_document(enumerate(text.split("\n"), start=1), path)


def json_objects(lines: Iterable[tuple[int, str]], path: str | None) -> Iterator[tuple[int, dict[str, Any]]]:
    """Non-blank numbered lines parsed as JSON objects (within :mod:`mtqa._json`'s depth and number
    limits); a malformed line is an error naming it."""
    for number, raw in lines:
        if not raw.strip():
            continue
        try:
            obj = parse_json(raw)
        except JsonError as exc:
            raise InputError(exc.reason, path=path, line=number) from None
        if not isinstance(obj, dict):
            raise InputError("expected a JSON object per line", path=path, line=number)
        yield number, obj


def _id(value: object) -> str | None:
    # Ids are shown, matched and hashed as text; containers are not ids.
    if value is None:
        return None
    if isinstance(value, (dict, list)):
        raise TypeError
    return str(value)


def _jsonl_document(lines: Iterable[tuple[int, str]], path: str | None) -> InputDocument:
    units: list[Unit] = []
    untranslated: list[Unit] = []
    for number, obj in json_objects(lines, path):
        target = obj.get("target")
        if not isinstance(target, str):
            raise InputError('missing "target" string', path=path, line=number)
        source = obj.get("source")
        if source is not None and not isinstance(source, str):
            raise InputError('"source" must be a string', path=path, line=number)
        try:
            unit_id = _id(obj.get("id"))
        except TypeError:
            raise InputError('"id" must be a string or a number', path=path, line=number) from None
        unit = Unit(line=number, text=target.replace("\n", " "), unit_id=unit_id,
                    source=None if source is None else source.replace("\n", " "))
        if target.strip():
            units.append(unit)
        else:  # an untranslated unit: reported, never dropped
            untranslated.append(replace(unit, text=""))
    return unit_document(path, "jsonl", units=units, untranslated=untranslated,
                         empty="empty file: no JSON lines with a target")


def read_jsonl(path: str | os.PathLike[str]) -> InputDocument:
    name = os.fspath(path)
    return _jsonl_document(iter_file_lines(name), name)
