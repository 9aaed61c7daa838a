"""What the command line says and how it ends: exit codes, messages on stderr (escaped), and
streams that cannot encode Arabic."""

from __future__ import annotations

import codecs
import io
import logging
import sys
import traceback
from typing import TextIO

from mtqa.report import escape_text

__all__ = ["EXIT_FINDINGS", "EXIT_INTERNAL", "EXIT_INTERRUPTED", "EXIT_MODEL", "EXIT_OK", "EXIT_USAGE",
           "SafeFormatter", "fail", "say", "tolerant"]

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE, EXIT_MODEL, EXIT_INTERNAL, EXIT_INTERRUPTED = 0, 1, 2, 3, 4, 130


def say(message: str) -> None:
    """One message on stderr, each of its lines escaped: a file name or unit id from the input can
    neither hide text behind control characters nor start a CI workflow command."""
    print("\n".join(escape_text(line) for line in message.split("\n")), file=sys.stderr)


def fail(message: str, code: int, debug: bool = False) -> int:
    if debug:
        traceback.print_exc()
    say(message)
    return code


class SafeFormatter(logging.Formatter):
    """Log lines escaped like every other message: they quote paths from the input."""

    def format(self, record: logging.LogRecord) -> str:
        return "\n".join(escape_text(line) for line in super().format(record).split("\n"))


def _json_escapes(exc: UnicodeError) -> tuple[str, int]:
    """``\\uXXXX`` (a surrogate pair above U+FFFF) for what the stream cannot encode. Unlike Python's
    backslashreplace (``\\xab``, ``\\U0001f600``) these are valid JSON escapes of the same characters."""
    if not isinstance(exc, UnicodeEncodeError):
        raise exc
    out: list[str] = []
    for ch in exc.object[exc.start:exc.end]:
        units = ch.encode("utf-16-be")
        out.extend(f"\\u{int.from_bytes(units[i:i + 2], 'big'):04x}" for i in range(0, len(units), 2))
    return "".join(out), exc.end


codecs.register_error("mtqa-json-escapes", _json_escapes)


def tolerant(stream: TextIO) -> None:
    """Let a stream that cannot encode Arabic (PYTHONIOENCODING=ascii, a C locale) write ``\\uXXXX``
    escapes instead of failing: the JSON on stdout stays the same JSON, the text stays readable."""
    if isinstance(stream, io.TextIOWrapper) and stream.errors == "strict":
        stream.reconfigure(errors="mtqa-json-escapes")
