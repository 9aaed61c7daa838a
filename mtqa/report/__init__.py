"""Report writers, one module per format, all registered in :data:`WRITERS`.

Each writer is a function ``render_<format>(report) -> str``; :func:`render` picks one by name.
The JSON format is documented in ``docs/report-format.md`` with short sections for the others.
"""

from __future__ import annotations

from collections.abc import Callable

from mtqa.report._escape import inline as escape_text
from mtqa.report.github import render_github, render_github_summary
from mtqa.report.html import render_html
from mtqa.report.json import render_json, render_jsonl
from mtqa.report.junit import render_junit
from mtqa.report.sarif import render_sarif
from mtqa.report.text import render_text
from mtqa.types import Report

__all__ = ["WRITERS", "escape_text", "formats", "render", "render_github_summary"]

#: format name -> function(report) -> str
WRITERS: dict[str, Callable[[Report], str]] = {
    "text": render_text,
    "json": render_json,
    "jsonl": render_jsonl,
    "sarif": render_sarif,
    "github": render_github,
    "junit": render_junit,
    "html": render_html,
}


def render(report: Report, fmt: str, *, show: str = "major", color: bool = False) -> str:
    """The report in format ``fmt`` (a key of :data:`WRITERS`); ConfigError for an unknown one.

    ``show`` and ``color`` shape the text format, the one a person reads in a terminal: findings from
    ``show`` up are listed one by one, the rest counted per rule; ``color`` adds ANSI colours. The
    other formats are for tools and always carry every finding.
    """
    try:
        writer = WRITERS[fmt]
    except KeyError:
        from mtqa.errors import ConfigError

        raise ConfigError(f"unknown format {fmt!r} (known: {', '.join(WRITERS)})", key="format") from None
    if writer is render_text:
        return render_text(report, show=show, color=color)
    return writer(report)


def formats() -> list[str]:
    """The names :func:`render` accepts."""
    return list(WRITERS)
