"""Where each report format goes (``--format NAME[:PATH]``, ``--output``, ``--output-dir``) and how it
is written. Command-line support only; the library renders with :func:`mtqa.render_report`.

Every file mtqa writes goes through :func:`write_output`: a regular file (or a symlink to one) is
replaced atomically; a FIFO, a terminal, ``/dev/stdout`` or another special file is opened and
written into, never replaced; a directory or an unwritable path is an :class:`~mtqa.errors.OutputError`.
"""

from __future__ import annotations

import errno
import logging
import os
import stat
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TextIO

from mtqa import ConfigError, OutputError, Report, render_report
from mtqa.report import formats as report_formats
from mtqa.report import render_github_summary

__all__ = ["FILE_NAMES", "STDOUT_FORMATS", "Output", "append_step_summary", "check_destination", "check_not_inputs",
           "color_wanted", "plan_outputs", "write_atomic", "write_output", "write_outputs"]

log = logging.getLogger("mtqa")

#: File name of each format under ``--output-dir``.
FILE_NAMES = {"text": "mtqa.txt", "json": "mtqa.json", "jsonl": "mtqa.jsonl", "sarif": "mtqa.sarif",
              "junit": "mtqa.junit.xml", "html": "mtqa.html", "github": "mtqa.github.txt"}
#: Formats meant for a console or a CI log: they go to stdout unless given a path.
STDOUT_FORMATS = ("text", "github")


@dataclass(frozen=True)
class Output:
    format: str
    path: str | None  # None: stdout


def _items(formats: Sequence[str]) -> list[tuple[str, str | None]]:
    out = []
    for item in formats:
        for part in item.split(","):
            part = part.strip()
            if not part:
                continue
            name, sep, path = part.partition(":")
            out.append((name.strip().lower(), path.strip() or None if sep else None))
    return out


def plan_outputs(formats: Sequence[str], *, output: str | None = None, output_dir: str | None = None,
                 known: Sequence[str] | None = None) -> list[Output]:
    """Resolve format items to destinations, or raise :class:`ConfigError` (key ``format``)."""
    if known is None:
        known = report_formats()
    items = _items(formats) or [("text", None)]
    for name, _ in items:
        if name not in known:
            raise ConfigError(f"unknown format {name!r} (known: {', '.join(known)})", key="format")
    pathless = [name for name, path in items if path is None]
    if output is not None and len(pathless) != 1:
        raise ConfigError("--output takes one format; for several use --output-dir DIR or FORMAT:PATH",
                          key="format")
    outputs = []
    for name, path in items:
        if path is None and output is not None:
            path = output
        elif path is None and output_dir is not None and name not in STDOUT_FORMATS:
            path = os.path.join(output_dir, FILE_NAMES.get(name, f"mtqa.{name}"))
        outputs.append(Output(name, path))
    to_stdout = [o.format for o in outputs if o.path is None]
    if len(to_stdout) > 1 and any(f not in STDOUT_FORMATS for f in to_stdout):
        raise ConfigError(f"formats {', '.join(to_stdout)} would all go to stdout; give --output-dir DIR "
                          "or FORMAT:PATH (e.g. sarif:mtqa.sarif)", key="format")
    paths = [os.path.abspath(o.path) for o in outputs if o.path is not None]
    if len(paths) != len(set(paths)):
        raise ConfigError("two formats would be written to the same file", key="format")
    return outputs


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _reason(exc: OSError) -> str:
    """Why a write failed, in the words of the other error messages."""
    if isinstance(exc, IsADirectoryError):
        return "is a directory, expected a file"
    if isinstance(exc, PermissionError):
        return "permission denied"
    if isinstance(exc, NotADirectoryError) or exc.errno == errno.EEXIST:
        return "a part of the path is a file, not a folder"
    if exc.errno == errno.ENOSPC:
        return "no space left on the device"
    if exc.errno == errno.EROFS:
        return "read-only file system"
    return f"cannot write: {exc.strerror or exc}"


def _output_error(exc: OSError, path: str) -> OutputError:
    return OutputError(_reason(exc), path=path)


def write_atomic(path: str, text: str) -> None:
    """Write via a temporary file and rename, so an interrupted run leaves no partial report.

    An :class:`OSError` becomes an :class:`~mtqa.errors.OutputError` naming ``path``.
    """
    directory = os.path.dirname(os.path.abspath(path))
    try:
        os.makedirs(directory, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".mtqa-", dir=directory)
    except OSError as exc:
        raise _output_error(exc, path) from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
        # mkstemp creates 0600; a report is an ordinary file and follows the umask like any other.
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, path)
    except BaseException as exc:
        if os.path.exists(tmp):
            os.unlink(tmp)
        if isinstance(exc, OSError):
            raise _output_error(exc, path) from None
        raise


def _existing(path: str) -> os.stat_result | None:
    """``path``'s status, following symlinks; None when nothing is there (a dangling link included)."""
    try:
        return os.stat(path)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise _output_error(exc, path) from None


def check_destination(path: str) -> None:
    """Fail early, before a long run, when ``path`` cannot receive a report: a directory, a path
    through a file, or a place this user cannot write."""
    if path.endswith(("/", os.sep)):
        raise OutputError("names a folder (it ends with a slash); give a file name, or --output-dir for a folder",
                          path=path)
    info = _existing(path)
    if info is not None:
        if stat.S_ISDIR(info.st_mode):
            raise OutputError("is a directory, expected a file", path=path)
        if not os.access(path, os.W_OK):
            raise OutputError("permission denied", path=path)
        return
    folder = os.path.dirname(os.path.abspath(path))
    while not os.path.exists(folder):  # the folders write_output will create
        folder = os.path.dirname(folder)
    if not os.path.isdir(folder):
        raise OutputError(f"a part of the path is a file, not a folder: {folder}", path=path)
    if not os.access(folder, os.W_OK | os.X_OK):
        raise OutputError(f"permission denied: cannot create files in {folder}", path=path)


def _same_file(a: str, b: str) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:  # one of them does not exist (yet): compare where they would be
        return os.path.realpath(a) == os.path.realpath(b)


def check_not_inputs(outputs: Sequence[str], inputs: Sequence[str | None]) -> None:
    """Refuse to write a report or a baseline over a file the run reads (a target, its paired
    source or back-translation, the config, a baseline or ignore file): ``--output story.en.txt``
    would replace the English source with JSON."""
    for out in outputs:
        for source in inputs:
            if source and source != "-" and os.path.isfile(source) and _same_file(out, source):
                raise OutputError(f"is an input of this run ({source}); write the report elsewhere", path=out)


def write_output(path: str, text: str, *, append: bool = False) -> None:
    """Write ``text`` (UTF-8) to ``path``; the one way mtqa writes a file (see the module docstring).

    ``append`` adds to the end instead (GitHub's job summary collects several tools' output).
    """
    info = _existing(path)
    if info is not None and stat.S_ISDIR(info.st_mode):
        raise OutputError("is a directory, expected a file", path=path)
    if append or (info is not None and not stat.S_ISREG(info.st_mode)):
        # A FIFO's reader, a terminal or a device must receive the report: replacing the node would
        # leave the reader with nothing and put a regular file where the device was.
        try:
            with open(path, "a" if append else "w", encoding="utf-8", newline="\n") as fh:
                fh.write(text)
        except OSError as exc:
            raise _output_error(exc, path) from None
        return
    # A symlink to a regular file stays a symlink: the file it points to is replaced.
    write_atomic(os.path.realpath(path) if os.path.islink(path) else path, text)


def color_wanted(stream: TextIO, environ: Mapping[str, str]) -> bool:
    """ANSI colours for the text report on ``stream``: only on a terminal, never with ``NO_COLOR``
    set (https://no-color.org) or a ``TERM=dumb`` terminal."""
    if environ.get("NO_COLOR") or environ.get("TERM") == "dumb":
        return False
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # a closed or stream-like object
        return False


def write_outputs(report: Report, outputs: Sequence[Output], stdout: TextIO, *, show: str = "major",
                  color: bool = False) -> list[OutputError]:
    """Render and write every format once, stdout ones in the order given.

    The text format lists findings from ``show`` up one by one and summarises the rest by rule;
    ``color`` applies to text written to ``stdout`` only (a file never gets escape codes).
    A destination that fails does not stop the others: every report that can be written is, and
    the errors are returned for the caller to report (and to exit 2).
    """
    failed: list[OutputError] = []
    for out in outputs:
        text = render_report(report, out.format, show=show, color=color and out.path is None)
        if out.path is None:
            stdout.write(text)
            continue
        try:
            write_output(out.path, text)
        except OutputError as exc:
            failed.append(exc)
            continue
        log.info("wrote %s report to %s", out.format, out.path)
    return failed


def append_step_summary(report: Report, outputs: Sequence[Output], environ: Mapping[str, str]) -> bool:
    """Inside GitHub Actions, with the github format, append the Markdown job summary.

    An unwritable summary file is an :class:`~mtqa.errors.OutputError`.
    """
    summary_path = environ.get("GITHUB_STEP_SUMMARY")
    if environ.get("GITHUB_ACTIONS") != "true" or not summary_path:
        return False
    if not any(o.format == "github" for o in outputs):
        return False
    # GitHub collects the file after the step: appending (not replacing) keeps other tools' summaries.
    write_output(summary_path, render_github_summary(report), append=True)
    return True
