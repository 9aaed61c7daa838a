"""Report writers, one module per format, all registered in :data:`WRITERS`."""

from __future__ import annotations

from collections.abc import Callable

from mtqa.report.json import render_json, render_jsonl
from mtqa.report.text import render_text
from mtqa.types import Report

__all__ = ["WRITERS", "render"]

#: format name -> function(report) -> str
WRITERS: dict[str, Callable[[Report], str]] = {
    "text": render_text,
    "json": render_json,
    "jsonl": render_jsonl,
}


def render(report: Report, fmt: str) -> str:
    try:
        writer = WRITERS[fmt]
    except KeyError:
        from mtqa.errors import ConfigError

        raise ConfigError(f"unknown format {fmt!r} (known: {', '.join(WRITERS)})", key="format") from None
    return writer(report)
