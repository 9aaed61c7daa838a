"""One validated Config dataclass, loadable from ``[tool.mtqa]`` in pyproject.toml or mtqa.toml."""

from __future__ import annotations

import dataclasses
import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mtqa.errors import ConfigError
from mtqa.types import SEVERITIES, Severity

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

__all__ = ["DEFAULT_MODEL", "DEFAULT_REVERSE_MODEL", "Config", "find_config_file", "load_config"]

DEFAULT_MODEL = "Helsinki-NLP/opus-mt-ar-en"
DEFAULT_REVERSE_MODEL = "Helsinki-NLP/opus-mt-en-ar"
BACKENDS = ("marian", "ct2")


@dataclass(frozen=True)
class Thresholds:
    """Score thresholds (chrF is 0–100)."""

    #: Segment back-translation chrF against its aligned source below this marks the segment.
    segment_chrf: float = 35.0
    #: Alignment: a pair scoring below this chrF is treated as unaligned (addition / omission).
    align_chrf: float = 12.0
    #: No-source mode: round-trip chrF below this marks the segment.
    roundtrip_chrf: float = 30.0
    #: Mean token log-probability of the back-translation below this marks the segment.
    logprob: float = -2.5
    #: MQM-style quality score (0–100) below this fails the document.
    quality: float = 0.0


@dataclass(frozen=True)
class Config:
    """Everything that changes what mtqa reports. Bad values raise :class:`ConfigError`."""

    model: str = DEFAULT_MODEL
    reverse_model: str | None = DEFAULT_REVERSE_MODEL
    backend: str = "marian"
    device: str = "auto"
    beams: int = 1
    batch_tokens: int = 4096
    roundtrip: bool = True
    require_model: bool = False
    use_model: bool = True
    cache: bool = True
    cache_dir: str | None = None
    fail_on: Severity = "major"
    thresholds: Thresholds = field(default_factory=Thresholds)
    enable: tuple[str, ...] = ()
    disable: tuple[str, ...] = ()
    severity: Mapping[str, Severity] = field(default_factory=dict)
    termbases: tuple[str, ...] = ()
    default_termbase: bool = True
    target_suffix: str = ".ar"
    source_suffix: str = ".en"
    backtranslation_suffix: str = ".bt"
    progress: bool = True
    timestamps: bool = False

    def __post_init__(self) -> None:
        _check_choice("fail_on", self.fail_on, SEVERITIES)
        _check_choice("backend", self.backend, BACKENDS)
        if not isinstance(self.beams, int) or self.beams < 1:
            raise ConfigError("must be an integer >= 1", key="beams")
        if not isinstance(self.batch_tokens, int) or self.batch_tokens < 16:
            raise ConfigError("must be an integer >= 16", key="batch_tokens")
        if not isinstance(self.model, str) or not self.model:
            raise ConfigError("must be a non-empty model id or path", key="model")
        for rule, sev in self.severity.items():
            _check_choice(f"severity.{rule}", sev, SEVERITIES)

    def replace(self, **changes: Any) -> Config:
        """A copy with some fields changed (validated again)."""
        return dataclasses.replace(self, **changes)

    def to_dict(self) -> dict[str, Any]:
        data = dataclasses.asdict(self)
        data["enable"] = list(self.enable)
        data["disable"] = list(self.disable)
        data["termbases"] = list(self.termbases)
        data["severity"] = dict(self.severity)
        return data

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any], *, path: str | None = None) -> Config:
        """Build from a TOML-style mapping (dashes or underscores); unknown keys are errors."""
        known = {f.name: f for f in dataclasses.fields(cls)}
        kwargs: dict[str, Any] = {}
        for raw_key, value in data.items():
            key = raw_key.replace("-", "_")
            if key not in known:
                raise ConfigError(f"unknown key (known: {', '.join(sorted(known))})", key=raw_key, path=path)
            kwargs[key] = _coerce(key, value, path)
        try:
            return cls(**kwargs)
        except ConfigError as exc:
            if exc.path is None and path is not None:
                raise ConfigError(str(exc), path=path) from None
            raise


def _check_choice(key: str, value: object, choices: tuple[str, ...]) -> None:
    if value not in choices:
        raise ConfigError(f"{value!r} is not one of {', '.join(choices)}", key=key)


def _coerce(key: str, value: Any, path: str | None) -> Any:
    if key == "thresholds":
        if not isinstance(value, Mapping):
            raise ConfigError("must be a table", key=key, path=path)
        known = {f.name for f in dataclasses.fields(Thresholds)}
        values: dict[str, float] = {}
        for raw, v in value.items():
            name = raw.replace("-", "_")
            if name not in known:
                raise ConfigError(f"unknown key (known: {', '.join(sorted(known))})",
                                  key=f"thresholds.{raw}", path=path)
            if isinstance(v, bool) or not isinstance(v, (int, float)):
                raise ConfigError("must be a number", key=f"thresholds.{raw}", path=path)
            values[name] = float(v)
        return Thresholds(**values)
    if key in ("enable", "disable", "termbases"):
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ConfigError("must be a list of strings", key=key, path=path)
        return tuple(value)
    if key == "severity":
        if not isinstance(value, Mapping):
            raise ConfigError("must be a table of rule = severity", key=key, path=path)
        return dict(value)
    expected = {f.name: f.type for f in dataclasses.fields(Config)}[key]
    if "bool" in str(expected) and not isinstance(value, bool):
        raise ConfigError("must be true or false", key=key, path=path)
    if str(expected) == "int" and (isinstance(value, bool) or not isinstance(value, int)):
        raise ConfigError("must be an integer", key=key, path=path)
    if "str" in str(expected) and value is not None and not isinstance(value, str) and "bool" not in str(expected):
        raise ConfigError("must be a string", key=key, path=path)
    return value


def find_config_file(start: Path | None = None) -> Path | None:
    """The nearest mtqa.toml, or pyproject.toml with a [tool.mtqa] table, walking up from start."""
    here = (start or Path.cwd()).resolve()
    for directory in (here, *here.parents):
        candidate = directory / "mtqa.toml"
        if candidate.is_file():
            return candidate
        pyproject = directory / "pyproject.toml"
        if pyproject.is_file():
            try:
                data = tomllib.loads(pyproject.read_text(encoding="utf-8"))
            except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
                continue
            if "mtqa" in data.get("tool", {}):
                return pyproject
    return None


def load_config(path: str | os.PathLike[str] | None = None, *, search: bool = True,
                **overrides: Any) -> Config:
    """Config from ``path`` (or the nearest config file when ``search``), then ``overrides``."""
    data: dict[str, Any] = {}
    source: str | None = None
    file = Path(path) if path is not None else (find_config_file() if search else None)
    if file is not None:
        source = str(file)
        try:
            parsed = tomllib.loads(file.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise ConfigError("config file not found", path=source) from None
        except (OSError, UnicodeDecodeError) as exc:
            raise ConfigError(f"cannot read config file: {exc}", path=source) from None
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"not valid TOML: {exc}", path=source) from None
        if file.name == "pyproject.toml":
            parsed = parsed.get("tool", {}).get("mtqa", {})
        elif "tool" in parsed and "mtqa" in parsed["tool"]:
            parsed = parsed["tool"]["mtqa"]
        data.update(parsed)
    if env_model := os.environ.get("MTQA_MODEL"):
        data["model"] = env_model  # the environment beats the config file, the CLI beats both
    config = Config.from_mapping(data, path=source)
    clean = {k: v for k, v in overrides.items() if v is not None}
    return config.replace(**clean) if clean else config
