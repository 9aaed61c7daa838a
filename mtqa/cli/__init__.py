"""Command line: parse arguments → Config → Checker → report → exit code. Nothing else lives here.

Exit codes: 0 checked, no finding at or above --fail-on; 1 checked, findings at or above it (or a
check failed on a segment); 2 usage, input or output error (an unreadable input among many is
reported in the report and exits 2 once every report is written); 3 a model problem (required but
unavailable, or present but broken); 4 an internal error (a bug: the message asks for --debug);
130 interrupted. Without ``--debug`` no traceback is ever printed.
"""

from __future__ import annotations

import io
import logging
import os
import sys
import warnings
from collections.abc import Sequence

from mtqa import ModelUnavailable, MtqaError
from mtqa.cli._commands import COMMANDS
from mtqa.cli._messages import (
    EXIT_INTERNAL,
    EXIT_INTERRUPTED,
    EXIT_MODEL,
    EXIT_USAGE,
    SafeFormatter,
    fail,
    say,
    tolerant,
)
from mtqa.cli._outputs import write_atomic
from mtqa.cli._parser import build_parser

__all__ = ["build_parser", "main", "write_atomic"]


def _load_plugins() -> None:
    """Plug-in rules loaded before the command runs, a broken one said on one line of its own (later
    loads are no-ops: a warning raised inside a check would be caught with the model's notes)."""
    from mtqa.checks import PluginWarning, load_plugins

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        load_plugins()
    for warning in caught:
        if issubclass(warning.category, PluginWarning):
            say(str(warning.message))
        else:  # not ours to silence
            warnings.warn_explicit(warning.message, warning.category, warning.filename, warning.lineno)


def main(argv: Sequence[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):
        tolerant(stream)
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0) if not isinstance(exc.code, str) else EXIT_USAGE
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(SafeFormatter("mtqa: %(message)s"))
    logging.basicConfig(level=logging.INFO if getattr(args, "verbose", False) else logging.WARNING,
                        handlers=[handler])
    debug = bool(getattr(args, "debug", False))
    if args.command != "models":
        _load_plugins()
    try:
        return COMMANDS[args.command](args)
    except ModelUnavailable as exc:
        return fail(f"mtqa: error: model unavailable: {exc}", EXIT_MODEL, debug)
    except MtqaError as exc:  # input, configuration and output errors
        return fail(f"mtqa: error: {exc}", EXIT_USAGE, debug)
    except KeyboardInterrupt:
        return fail("mtqa: interrupted", EXIT_INTERRUPTED)
    except BrokenPipeError:
        # The reader went away (`mtqa check … | head`): the report could not be written whole. Point
        # stdout at /dev/null so that the flush at exit does not fail a second time.
        try:
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        except (OSError, ValueError, io.UnsupportedOperation):
            pass
        return EXIT_USAGE
    except MemoryError:
        return fail("mtqa: error: out of memory (an input too large to check at once?)", EXIT_USAGE, debug)
    except Exception as exc:  # noqa: BLE001 - the last line of defence: a bug must not look like findings
        return fail(f"mtqa: internal error: {type(exc).__name__}: {exc} (a bug in mtqa; run again with "
                     "--debug for the traceback and report it)", EXIT_INTERNAL, debug)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
