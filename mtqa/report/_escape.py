"""One escaping policy for everything that came from the input, in every report format and on stderr.

Input text, unit ids, file names and the messages that quote them may hold control characters. Raw,
a line feed lets a field start a new line of the report, and a CI log runs a line that starts with
``::`` as a workflow command (GitHub also runs the older ``##[command]`` syntax anywhere in a line);
U+0085 and U+2028/9 break lines for other readers; C1 controls (U+009B) and ESC drive terminals;
bidi controls reorder what a reviewer sees. Every writer shows them as visible ``U+XXXX`` markers
(:func:`inline` for line-oriented text, :func:`json_text` for JSON, a marker of its own for HTML) so
that no line of any report begins with ``::`` unless mtqa wrote that command itself.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable

__all__ = ["UNSAFE", "inline", "json_text", "visible"]

#: C0 controls (tab and line breaks too: a field never spans lines), DEL, C1 controls, bidi
#: controls, line/paragraph separators, lone surrogates and the two non-characters XML cannot hold.
_NOT_C0 = ("\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069"
           "\ud800-\udfff\ufffe\uffff")
UNSAFE = re.compile(f"[\x00-\x1f{_NOT_C0}]")
# The same but line feeds and carriage returns, for text whose writer escapes those itself.
_UNSAFE_BUT_LINE_BREAKS = re.compile(f"[\x00-\x09\x0b\x0c\x0e-\x1f{_NOT_C0}]")
# GitHub's older command syntax (``##[add-mask]…``) is recognised anywhere in a log line.
_OLD_COMMAND = "##["


def _code(ch: str) -> str:
    return f"U+{ord(ch):04X}"


def visible(text: str, marker: Callable[[str], str] = lambda code: f"<{code}>", *,
            keep_line_breaks: bool = False) -> str:
    """``text`` with every :data:`UNSAFE` character replaced by ``marker("U+XXXX")`` (but LF and CR
    with ``keep_line_breaks``, for a writer that escapes those itself)."""
    pattern = _UNSAFE_BUT_LINE_BREAKS if keep_line_breaks else UNSAFE
    return pattern.sub(lambda m: marker(_code(m.group())), text)


def inline(text: str, *, keep_line_breaks: bool = False) -> str:
    """Input text for one line of a line-oriented report (text, GitHub, JUnit, SARIF messages, stderr).

    Controls become ``<U+XXXX>``; a field that begins with ``::`` (after spaces) has its first colon
    written ``<U+003A>`` and ``##[`` becomes ``#<U+0023>[``, so no workflow command can come from input.
    ``keep_line_breaks`` leaves LF and CR to the caller: a GitHub annotation's message escapes them
    as ``%0A``/``%0D``, and they become line breaks inside the annotation, not lines of the log.
    """
    text = visible(text, keep_line_breaks=keep_line_breaks).replace(_OLD_COMMAND, "#<U+0023>[")
    body = text.lstrip(" ")
    if body.startswith("::"):
        text = text[: len(text) - len(body)] + "<U+003A>" + body[1:]
    return text


def _json_escape(match: re.Match[str]) -> str:
    return "".join(f"\\u{ord(ch):04x}" for ch in match.group())


# json.dumps already writes every C0 control inside a string as an escape; a raw line feed in its
# output is the indentation's, so C0 is left alone here.
_JSON_UNSAFE = re.compile(f"[{_NOT_C0}]|##\\[")


def json_text(data: object, *, indent: int | None = None, extra: str = "") -> str:
    """``data`` as JSON (Arabic kept as is) with every :data:`UNSAFE` character and ``##[`` written as
    ``\\uXXXX`` escapes: the same data for a parser, nothing raw for a terminal or a CI log.

    ``extra`` names more characters to escape (the HTML page adds ``<>&``).
    """
    text = json.dumps(data, ensure_ascii=False, indent=indent, default=str)
    # Outside strings json.dumps writes only ASCII punctuation, digits, letters and the indent's
    # spaces and line feeds, none of which is matched: every match is inside a string.
    pattern = _JSON_UNSAFE if not extra else re.compile(f"{_JSON_UNSAFE.pattern}|[{re.escape(extra)}]")
    return pattern.sub(_json_escape, text)
