"""A one-line progress bar on stderr for long command-line runs; silent where it would be noise."""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Mapping
from typing import TextIO

__all__ = ["ProgressBar", "progress_wanted"]

#: Variables CI systems set; their logs keep every carriage-return redraw, so no bar there.
_CI_VARIABLES = ("CI", "GITHUB_ACTIONS", "GITLAB_CI", "BUILDKITE", "TF_BUILD", "JENKINS_URL")


def progress_wanted(stream: TextIO, *, enabled: bool = True, environ: Mapping[str, str] | None = None) -> bool:
    """True when ``stream`` is a terminal, not in CI, and progress is enabled."""
    env = os.environ if environ is None else environ
    if not enabled or any(env.get(name) for name in _CI_VARIABLES):
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


class ProgressBar:
    """``progress(done, total)`` callback for :meth:`mtqa.Checker.check_many`.

    ``total`` given here wins over the callback's (a lazily read run does not know its length).
    """

    def __init__(self, total: int | None, *, stream: TextIO | None = None, label: str = "documents",
                 width: int = 28) -> None:
        self.total = total
        self.stream = stream if stream is not None else sys.stderr
        self.label = label
        self.width = width
        self.started = time.monotonic()
        self._drawn = False

    def __call__(self, done: int, total: int | None = None) -> None:
        total = self.total if self.total is not None else total
        elapsed = time.monotonic() - self.started
        if total:
            filled = min(self.width, round(self.width * done / total))
            bar = "█" * filled + "·" * (self.width - filled)
            line = f"mtqa [{bar}] {done}/{total} {self.label} {elapsed:.0f}s"
        else:
            line = f"mtqa {done} {self.label} {elapsed:.0f}s"
        self.stream.write("\r" + line + "\x1b[K")
        self.stream.flush()
        self._drawn = True

    def close(self) -> None:
        """Clear the bar so the report that follows starts on a clean line."""
        if self._drawn:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self._drawn = False
