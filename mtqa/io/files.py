"""From command-line paths to documents: reading target, source and back-translation files."""

from __future__ import annotations

import os
from collections.abc import Sequence

from mtqa.api import Checker, DocumentInput
from mtqa.errors import InputError
from mtqa.io import read_document
from mtqa.io.base import decode_bytes, read_bytes

__all__ = ["collect_inputs", "read_backtranslation_lines"]


def read_backtranslation_lines(path: str) -> list[str]:
    """Non-empty lines of a back-translation file (one per non-empty target line)."""
    text = decode_bytes(read_bytes(path), path)
    return [ln.rstrip("\r") for ln in text.split("\n") if ln.strip()]


def collect_inputs(checker: Checker, targets: Sequence[str], *, source: str | None = None,
                   backtranslation: str | None = None, fmt: str | None = None) -> list[DocumentInput]:
    """Documents for the given target paths; ``source``/``backtranslation`` need a single target."""
    if (source or backtranslation) and len(targets) != 1:
        raise InputError("--source and --backtranslation need exactly one TARGET")
    docs = []
    for path in targets:
        if os.path.isdir(path):
            raise InputError("is a directory, expected a file", path=path)
        target = read_document(path, fmt)
        src = read_document(source, None) if source else None
        bt = read_backtranslation_lines(backtranslation) if backtranslation else None
        docs.append(checker.prepare(target=target, source=src, backtranslation=bt, target_path=path,
                                    source_path=source, backtranslation_path=backtranslation))
    return docs
