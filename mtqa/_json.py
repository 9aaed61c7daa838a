"""One loader for JSON that mtqa did not just write itself: input files (JSONL, manifests), baselines,
ignore files, cache rows and model directories.

``json.loads`` alone turns hostile input into the wrong exceptions: 100,000 nested brackets raise
``RecursionError``, a 5,001-digit integer ``ValueError`` from ``int()``, and ``NaN`` is accepted
although it is not JSON. :func:`parse_json` bounds nesting depth and number length and raises one
:class:`JsonError` (with line and column where known) that each caller turns into its own error:
an input error, a model problem, or a cache miss.
"""

from __future__ import annotations

import json
from typing import Any, NoReturn

__all__ = ["MAX_DEPTH", "MAX_NUMBER_CHARS", "JsonError", "parse_json"]

#: Deepest nesting accepted. mtqa's own files nest at most 6 levels (a report's flag evidence).
MAX_DEPTH = 64
#: Longest number literal accepted, in characters; far beyond any count, offset or score.
MAX_NUMBER_CHARS = 100


class JsonError(ValueError):
    """Malformed JSON, or JSON beyond the limits; ``reason`` reads well after ``PATH:LINE: ``."""

    def __init__(self, reason: str, *, line: int | None = None, column: int | None = None) -> None:
        self.reason = reason
        self.line = line
        self.column = column
        super().__init__(reason)


def _number(kind: str, limit: int) -> Any:
    convert = int if kind == "integer" else float

    def parse(literal: str) -> Any:
        if len(literal) > limit:
            raise JsonError(f"{kind} with {len(literal)} characters (at most {limit} accepted)")
        return convert(literal)

    return parse


def _constant(name: str) -> NoReturn:
    raise JsonError(f"{name} is not a JSON value")


def _depth_exceeds(value: Any, limit: int) -> bool:
    """True when containers nest deeper than ``limit`` (iterative: no recursion on hostile data)."""
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict):
            children: Any = item.values()
        elif isinstance(item, list):
            children = item
        else:
            continue
        if depth > limit:
            return True
        stack.extend((child, depth + 1) for child in children if isinstance(child, (dict, list)))
    return False


def parse_json(text: str | bytes, *, max_depth: int = MAX_DEPTH, max_number: int = MAX_NUMBER_CHARS) -> Any:
    """``text`` parsed as JSON within the limits, or :class:`JsonError`."""
    try:
        value = json.loads(text, parse_int=_number("integer", max_number),
                           parse_float=_number("number", max_number), parse_constant=_constant)
    except json.JSONDecodeError as exc:
        raise JsonError(f"malformed JSON: {exc.msg} (column {exc.colno})", line=exc.lineno,
                        column=exc.colno) from None
    except RecursionError:
        raise JsonError(f"JSON nested too deeply (at most {max_depth} levels accepted)") from None
    except UnicodeDecodeError as exc:  # bytes that are not UTF-8/16/32
        raise JsonError(f"not valid UTF-8 (byte {exc.start})") from None
    if _depth_exceeds(value, max_depth):
        raise JsonError(f"JSON nested too deeply (at most {max_depth} levels accepted)")
    return value
