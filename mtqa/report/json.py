"""JSON (one object) and JSONL (one flag per line) writers. The format is in docs/report-format.md.

Both go through :func:`mtqa.report._escape.json_text`: the data is exactly the input's, but control
and bidi characters are written as ``\\uXXXX`` escapes, never raw.
"""

from __future__ import annotations

from mtqa.report._escape import json_text
from mtqa.types import Report

__all__ = ["render_json", "render_jsonl"]


def render_json(report: Report) -> str:
    return json_text(report.to_dict(), indent=2) + "\n"


def render_jsonl(report: Report) -> str:
    """One line per flag, each carrying its document path and the report signature; and one line per
    document that was not checked (``status`` "error" or "skipped", with its ``reason``) or whose
    checking raised errors, so that a stream of flags never hides an input it left out."""
    lines = []
    for doc in report.documents:
        for flag in doc.all_flags:
            row = {"target_path": doc.target_path, **flag.to_dict(), "signature": report.signature}
            lines.append(json_text(row))
        if doc.status != "checked" or doc.errors:
            row = {"target_path": doc.target_path, "status": doc.status, "reason": doc.reason,
                   "errors": list(doc.errors), "signature": report.signature}
            lines.append(json_text(row))
    return "\n".join(lines) + ("\n" if lines else "")
