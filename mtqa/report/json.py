"""JSON (one object) and JSONL (one flag per line) writers. The format is in docs/report-format.md."""

from __future__ import annotations

import json

from mtqa.types import Report

__all__ = ["render_json", "render_jsonl"]


def render_json(report: Report) -> str:
    return report.to_json(indent=2) + "\n"


def render_jsonl(report: Report) -> str:
    """One line per flag, each carrying its document path and the report signature."""
    lines = []
    for doc in report.documents:
        for flag in doc.flags:
            row = {"target_path": doc.target_path, **flag.to_dict(), "signature": report.signature}
            lines.append(json.dumps(row, ensure_ascii=False))
    return "\n".join(lines) + ("\n" if lines else "")
