"""Tab-separated units: ``id<TAB>target[<TAB>source]``, or any column order under a header row.

A first row whose cells include ``target`` is a header; it must name ``target`` and may name ``id``
and ``source``, each once; other columns are ignored. Fields are not quoted (a tab or newline cannot
occur in a field): a row with more fields than the header is an error, not a row cut short. A row with an empty target is an untranslated unit (reported as a finding); ``line`` is the
row's line in the file.
"""

from __future__ import annotations

import os

from mtqa.errors import InputError
from mtqa.io.base import InputDocument, Unit, decode_bytes, read_bytes, unit_document

__all__ = ["parse_tsv", "read_tsv"]

_DEFAULT_COLUMNS = {"id": 0, "target": 1, "source": 2}


def _header(cells: list[str], path: str | None, line: int) -> dict[str, int] | None:
    names = [c.strip().lower() for c in cells]
    if "target" not in names:
        return None
    for name in ("id", "target", "source"):
        if names.count(name) > 1:
            raise InputError(f"the header names the column {name!r} twice", path=path, line=line)
    return {name: names.index(name) for name in ("id", "target", "source") if name in names}


def parse_tsv(text: str, path: str | None = None) -> InputDocument:
    """Units of a TSV document given as text."""
    columns: dict[str, int] | None = None
    width = 0  # the header's number of fields
    units: list[Unit] = []
    untranslated: list[Unit] = []
    for number, raw in enumerate(text.split("\n"), start=1):
        row = raw.removesuffix("\r")
        if not row.strip():
            continue
        cells = row.split("\t")
        if columns is None:
            columns = _header(cells, path, number)
            if columns is not None:
                width = len(cells)
                continue
            columns = _DEFAULT_COLUMNS
        if width and len(cells) > width:
            # a tab inside a field (a field cannot hold one): what follows it would be lost
            raise InputError(f"{len(cells)} fields but the header has {width}: a tab inside a field?",
                             path=path, line=number)
        if columns is _DEFAULT_COLUMNS and not 2 <= len(cells) <= 3:
            raise InputError(f"expected id<TAB>target[<TAB>source], found {len(cells)} field(s); "
                             "add a header row naming the columns (id, target, source)", path=path, line=number)
        if len(cells) <= columns["target"]:
            raise InputError(f"missing the target column (field {columns['target'] + 1})", path=path, line=number)
        target = cells[columns["target"]]
        unit_id = cells[columns["id"]].strip() if "id" in columns and columns["id"] < len(cells) else ""
        source = cells[columns["source"]] if "source" in columns and columns["source"] < len(cells) else ""
        unit = Unit(line=number, text=target if target.strip() else "", unit_id=unit_id or None,
                    source=source or None)
        (units if target.strip() else untranslated).append(unit)  # an empty target: untranslated, reported
    return unit_document(path, "tsv", units=units, untranslated=untranslated,
                         empty="empty file: no rows with a target")


def read_tsv(path: str | os.PathLike[str]) -> InputDocument:
    name = os.fspath(path)
    return parse_tsv(decode_bytes(read_bytes(name), name), name)
