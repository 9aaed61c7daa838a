"""One exception family: everything mtqa raises on purpose is an :class:`MtqaError`.

The CLI maps :class:`InputError` and :class:`ConfigError` to exit code 2 and
:class:`ModelUnavailable` to exit code 3 (when a model is required).
"""

from __future__ import annotations

__all__ = ["ConfigError", "InputError", "ModelUnavailable", "MtqaError"]


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
    """A translation model could not be loaded; the message says what was tried and how to fix it."""

    def __init__(self, message: str, *, model: str | None = None, tried: tuple[str, ...] = ()) -> None:
        self.model = model
        self.tried = tried
        super().__init__(message)
