"""Where each report format goes (``--format NAME[:PATH]``, ``--output``, ``--output-dir``) and the
atomic writes. Command-line support only; the library renders with :func:`mtqa.render_report`.
"""

from __future__ import annotations

import logging
import os
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TextIO

from mtqa import ConfigError, Report, render_github_summary, render_report, report_formats

__all__ = ["FILE_NAMES", "STDOUT_FORMATS", "Output", "append_step_summary", "plan_outputs", "write_atomic",
           "write_outputs"]

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


def write_atomic(path: str, text: str) -> None:
    """Write via a temporary file and rename, so an interrupted run leaves no partial report."""
    directory = os.path.dirname(os.path.abspath(path))
    os.makedirs(directory, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".mtqa-", dir=directory)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
        # mkstemp creates 0600; a report is an ordinary file and follows the umask like any other.
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def write_outputs(report: Report, outputs: Sequence[Output], stdout: TextIO) -> None:
    """Render every format once; files atomically, stdout ones in the order given."""
    for out in outputs:
        text = render_report(report, out.format)
        if out.path is None:
            stdout.write(text)
        else:
            write_atomic(out.path, text)
            log.info("wrote %s report to %s", out.format, out.path)


def append_step_summary(report: Report, outputs: Sequence[Output], environ: Mapping[str, str]) -> bool:
    """Inside GitHub Actions, with the github format, append the Markdown job summary."""
    summary_path = environ.get("GITHUB_STEP_SUMMARY")
    if environ.get("GITHUB_ACTIONS") != "true" or not summary_path:
        return False
    if not any(o.format == "github" for o in outputs):
        return False
    # GitHub collects the file after the step: appending (not replacing) keeps other tools' summaries.
    with open(summary_path, "a", encoding="utf-8", newline="\n") as fh:
        fh.write(render_github_summary(report))
    return True
