"""One exception family: everything mtqa raises on purpose is an :class:`MtqaError`.

The CLI maps :class:`InputError`, :class:`ConfigError` and :class:`OutputError` to exit code 2 and
:class:`ModelUnavailable` to exit code 3 (when a model is required, or present but broken).
"""

from __future__ import annotations

__all__ = ["ConfigError", "InputError", "ModelUnavailable", "MtqaError", "OutputError"]


class MtqaError(Exception):
    """Base class of every error mtqa raises deliberately."""


class InputError(MtqaError):
    """Unreadable or malformed input; names the file and, when known, the line."""

    def __init__(self, message: str, *, path: str | None = None, line: int | None = None) -> None:
        self.path = path
        self.line = line
        self.reason = message
        where = path or ""
        if path is not None and line is not None:
            where = f"{path}:{line}"
        super().__init__(f"{where}: {message}" if where else message)


class ConfigError(MtqaError):
    """An invalid configuration value or an unknown configuration key."""

    def __init__(self, message: str, *, key: str | None = None, path: str | None = None) -> None:
        self.key = key
        self.path = path
        prefix = ""
        if path:
            prefix += f"{path}: "
        if key:
            prefix += f"{key}: "
        super().__init__(prefix + message)


class ModelUnavailable(MtqaError):
    """A translation model could not be loaded; the message says what was tried and how to fix it.

    ``broken`` is True when the model is there but unusable (a model directory with a missing or
    invalid file, weights that fail to load): an error even without ``require_model``, because
    running without the model the user pointed at would hide a problem they must fix.
    """

    def __init__(self, message: str, *, model: str | None = None, tried: tuple[str, ...] = (),
                 broken: bool = False) -> None:
        self.model = model
        self.tried = tried
        self.broken = broken
        super().__init__(message)


class OutputError(MtqaError):
    """A report or baseline could not be written (a directory, an unwritable path, a full disk)."""

    def __init__(self, message: str, *, path: str | None = None) -> None:
        self.path = path
        super().__init__(f"{path}: {message}" if path else message)
