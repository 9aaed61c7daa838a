"""One validated Config dataclass, loadable from ``[tool.mtqa]`` in pyproject.toml or mtqa.toml."""

from __future__ import annotations

import dataclasses
import math
import os
import re
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mtqa.errors import ConfigError
from mtqa.types import SEVERITIES, Severity, names

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

__all__ = ["DEFAULT_MODEL", "DEFAULT_REVERSE_MODEL", "Config", "find_config_file", "load_config"]

DEFAULT_MODEL = "Helsinki-NLP/opus-mt-ar-en"
DEFAULT_REVERSE_MODEL = "Helsinki-NLP/opus-mt-en-ar"
BACKENDS = ("marian", "ct2")
_DEVICE = re.compile(r"auto|cpu|cuda(?::\d+)?|mps")
_LIST_KEYS = ("enable", "disable", "termbases", "exclude", "format")
#: Keys naming files: relative values in a config file are relative to that file's folder.
_PATH_KEYS = ("cache_dir", "baseline", "ignore_file", "output_dir")


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
    #: Source support (forced decoding, mtqa/support.py), all in nats and relative to the sentence:
    #: a source word whose log-probability falls more than this short of its pieces at the
    #: sentence's typical level is unsupported (3 nats: 20× less likely). Back-translation findings
    #: about supported words are demoted; about unsupported ones, confirmed.
    support_word: float = 3.0
    #: ...and a source phrase falling this short (6 nats: 400×) that the back-translation does not
    #: render either is an omission of its own (rule unsupported-source).
    support_phrase: float = 6.0
    #: A source at most this many nats per piece less likely than the model's own back-translation
    #: is as supported as the model's own wording: a divergence finding about supported words is
    #: then dismissed, and a low-chrF sentence demoted.
    support_gap: float = 1.0

    def __post_init__(self) -> None:
        for item in dataclasses.fields(self):  # TOML allows nan and inf; no JSON report could carry them
            value = getattr(self, item.name)
            if isinstance(value, float) and not math.isfinite(value):
                raise ConfigError("must be a finite number (nan and inf are not values)",
                                  key=f"thresholds.{item.name}")
        for name in ("segment_chrf", "align_chrf", "roundtrip_chrf", "quality"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 100:
                raise ConfigError("must be a number from 0 to 100", key=f"thresholds.{name}")
        if isinstance(self.logprob, bool) or not isinstance(self.logprob, (int, float)) or self.logprob > 0:
            raise ConfigError("must be a number <= 0 (a mean log-probability)", key="thresholds.logprob")
        for name in ("support_word", "support_phrase", "support_gap"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
                raise ConfigError("must be a number >= 0 (nats)", key=f"thresholds.{name}")


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
    #: Score the source with the back-translation model (forced decoding; docs/models.md) when a
    #: model back-translates: evidence for the checks, and the unsupported-source rule.
    support: bool = True
    cache: bool = True
    cache_dir: str | None = None
    fail_on: Severity = "major"
    #: Flags whose measured confidence (0–1, docs/quality.md) is below this are left out of the
    #: report and the verdict; flags of uncalibrated rules (no confidence) are always kept.
    min_confidence: float = 0.0
    thresholds: Thresholds = field(default_factory=Thresholds)
    enable: tuple[str, ...] = ()
    disable: tuple[str, ...] = ()
    severity: Mapping[str, Severity] = field(default_factory=dict)
    #: Rule parameters, ``[tool.mtqa.rules.<rule-id>]``: {rule id: {parameter: value}}; each rule
    #: declares its parameters and their defaults (``mtqa rules`` lists them).
    rules: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    termbases: tuple[str, ...] = ()
    default_termbase: bool = True
    #: File pairing: ``story.ar.txt`` ↔ ``story.en.txt`` ↔ ``story.bt.txt`` (see docs/ci.md).
    target_suffix: str = ".ar"
    source_suffix: str = ".en"
    backtranslation_suffix: str = ".bt"
    #: Glob patterns left out when expanding directories and globs (``drafts/**``, ``*.old.ar.txt``).
    exclude: tuple[str, ...] = ()
    #: Reader for targets, overriding the extension (txt, jsonl, tsv, xliff, tmx, po).
    input_format: str | None = None
    progress: bool = True
    timestamps: bool = False
    #: Baseline file (``mtqa baseline create``): only findings not in it are reported.
    baseline: str | None = None
    #: Ignore file; None means ``.mtqa-ignore.json`` next to the config file, when it exists.
    ignore_file: str | None = None
    #: Output formats, each ``NAME`` or ``NAME:PATH`` (empty: text to stdout).
    format: tuple[str, ...] = ()
    #: Folder for formats given without a path (``mtqa.sarif``, ``mtqa.junit.xml`` …).
    output_dir: str | None = None

    def __post_init__(self) -> None:
        for key in _LIST_KEYS:
            # Config(disable="punctuation-spacing") is one rule, not its letters; lists become tuples.
            value = getattr(self, key)
            if not isinstance(value, tuple) or not all(isinstance(v, str) for v in value):
                try:
                    object.__setattr__(self, key, names(value, key))
                except TypeError:
                    raise ConfigError("must be a string or a list of strings", key=key) from None
        _check_choice("fail_on", self.fail_on, SEVERITIES)
        if isinstance(self.min_confidence, bool) or not isinstance(self.min_confidence, (int, float)) \
                or not 0 <= self.min_confidence <= 1:
            raise ConfigError("must be a number from 0 to 1", key="min_confidence")
        _check_choice("backend", self.backend, BACKENDS)
        if not isinstance(self.beams, int) or self.beams < 1:
            raise ConfigError("must be an integer >= 1", key="beams")
        if not isinstance(self.batch_tokens, int) or self.batch_tokens < 16:
            raise ConfigError("must be an integer >= 16", key="batch_tokens")
        if not isinstance(self.model, str) or not self.model:
            raise ConfigError("must be a non-empty model id or path", key="model")
        if not isinstance(self.device, str) or not _DEVICE.fullmatch(self.device):
            raise ConfigError(f"{self.device!r} is not auto, cpu, cuda, cuda:N or mps", key="device")
        for rule, sev in self.severity.items():
            _check_choice(f"severity.{rule}", sev, SEVERITIES)
        self._check_suffixes()
        for item in self.format:
            if not isinstance(item, str) or not item.split(":", 1)[0]:
                raise ConfigError(f"{item!r} is not NAME or NAME:PATH", key="format")
        if self.input_format is not None:
            from mtqa.io import READERS

            _check_choice("input_format", self.input_format, tuple(sorted(READERS)))
        if self.enable or self.disable or self.severity:
            _check_rules(self)
        if self.rules:
            object.__setattr__(self, "rules", _check_rule_params(self.rules))

    def _check_suffixes(self) -> None:
        suffixes = {"target_suffix": self.target_suffix, "source_suffix": self.source_suffix,
                    "backtranslation_suffix": self.backtranslation_suffix}
        for key, value in suffixes.items():
            if not isinstance(value, str) or any(c in value for c in "/\\*?["):
                raise ConfigError(f"{value!r} must be a plain file-name suffix such as '.en'", key=key)
            if not value and key != "target_suffix":
                raise ConfigError("must not be empty", key=key)
        if len(set(suffixes.values())) != 3:
            raise ConfigError("target, source and back-translation suffixes must differ", key="source_suffix")

    def replace(self, **changes: Any) -> Config:
        """A copy with some fields changed (validated again)."""
        return dataclasses.replace(self, **changes)

    def to_dict(self) -> dict[str, Any]:
        data = dataclasses.asdict(self)
        for key in _LIST_KEYS:
            data[key] = list(getattr(self, key))
        data["severity"] = dict(self.severity)
        data["rules"] = {rule: dict(values) for rule, values in self.rules.items()}
        return data

    def report_settings(self) -> dict[str, Any]:
        """The settings a report records: :meth:`to_dict` without those that cannot change a result
        (the progress bar, where the cache lives)."""
        data = self.to_dict()
        data.pop("progress", None)
        data.pop("cache_dir", None)
        return data

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any], *, path: str | None = None) -> Config:
        """Build from a TOML-style mapping (dashes or underscores); unknown keys are errors."""
        known = {f.name: f for f in dataclasses.fields(cls)}
        kwargs: dict[str, Any] = {}
        spelled: dict[str, str] = {}
        for raw_key, value in data.items():
            key = raw_key.replace("-", "_")
            if key not in known:
                listing = ", ".join(sorted(k.replace("_", "-") for k in known))
                raise ConfigError(f"unknown key (known: {listing})", key=raw_key, path=path)
            if key in spelled:  # fail-on and fail_on: which one was meant is not ours to guess
                raise ConfigError(f"given twice, as {spelled[key]!r} and {raw_key!r}; keep one", key=raw_key,
                                  path=path)
            spelled[key] = raw_key
        try:
            for raw_key, value in data.items():
                kwargs[raw_key.replace("-", "_")] = _coerce(raw_key.replace("-", "_"), value, path)
            return cls(**kwargs)
        except ConfigError as exc:
            if path is not None:
                raise _with_path(exc, path) from None
            raise


def _with_path(exc: ConfigError, path: str) -> ConfigError:
    """The error naming the file, and the key as spelled in TOML (dashes)."""
    key = exc.key.replace("_", "-") if exc.key else None
    message = str(exc)
    if exc.path:
        message = message[len(exc.path) + 2:]
    if exc.key and message.startswith(f"{exc.key}: "):
        message = message[len(exc.key) + 2:]
    return ConfigError(message, key=key, path=path)


def _check_rules(config: Config) -> None:
    from mtqa.checks import REGISTRY, rules

    rules()  # registers every rule, plug-ins included
    known = set(REGISTRY) | {r.category for r in REGISTRY.values()}
    for key in ("enable", "disable", "severity"):
        for name in getattr(config, key):
            if name not in known:
                raise ConfigError(f"unknown rule or category {name!r}; see `mtqa rules`", key=key)


def _check_rule_params(rules: Any) -> dict[str, dict[str, Any]]:
    """``rules`` validated against what each rule declares: keys as declared (dashes read as
    underscores), values of the declared type and range. Unknown rules or keys name themselves."""
    from mtqa.checks import rules as registered

    by_id = {r.id: r for r in registered()}
    if not isinstance(rules, Mapping):
        raise ConfigError("must be a table of [rules.<rule-id>] tables", key="rules")
    out: dict[str, dict[str, Any]] = {}
    for rule_id, values in rules.items():
        rule = by_id.get(rule_id)
        if rule is None:
            raise ConfigError(f"unknown rule {rule_id!r}; see `mtqa rules`", key=f"rules.{rule_id}")
        if not isinstance(values, Mapping):
            raise ConfigError("must be a table of parameter = value", key=f"rules.{rule_id}")
        checked: dict[str, Any] = {}
        for raw, value in values.items():
            name = str(raw).replace("-", "_")
            key = f"rules.{rule_id}.{raw}"
            if name not in rule.params:
                known = ", ".join(n.replace("_", "-") for n in rule.params) or "none"
                raise ConfigError(f"unknown parameter (known: {known})", key=key)
            if name in checked:
                raise ConfigError("given twice (with dashes and with underscores); keep one", key=key)
            checked[name] = rule.params[name].validate(value, key)
        if checked:
            out[rule_id] = checked
    return out


def _check_choice(key: str, value: object, choices: tuple[str, ...]) -> None:
    if value not in choices:
        raise ConfigError(f"{value!r} is not one of {', '.join(choices)}", key=key)


def _coerce(key: str, value: Any, path: str | None) -> Any:
    if key == "thresholds":
        if not isinstance(value, Mapping):
            raise ConfigError("must be a table", key=key, path=path)
        try:
            return _thresholds(value, path)
        except ConfigError as exc:
            raise (_with_path(exc, path) if path and not exc.path else exc) from None
    return _coerce_plain(key, value, path)


def _thresholds(value: Mapping[str, Any], path: str | None) -> Thresholds:
    known = {f.name for f in dataclasses.fields(Thresholds)}
    values: dict[str, float] = {}
    for raw, v in value.items():
        name = raw.replace("-", "_")
        if name not in known:
            listing = ", ".join(sorted(k.replace("_", "-") for k in known))
            raise ConfigError(f"unknown key (known: {listing})", key=f"thresholds.{raw}", path=path)
        if name in values:
            raise ConfigError("given twice (with dashes and with underscores); keep one", key=f"thresholds.{raw}",
                              path=path)
        if isinstance(v, bool) or not isinstance(v, (int, float)):
            raise ConfigError("must be a number", key=f"thresholds.{raw}", path=path)
        values[name] = float(v)
    return Thresholds(**values)


def _coerce_plain(key: str, value: Any, path: str | None) -> Any:
    if key in _LIST_KEYS:
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ConfigError("must be a list of strings", key=key, path=path)
        if key == "format":  # "sarif,github" is allowed, as on the command line
            value = [part.strip() for v in value for part in v.split(",") if part.strip()]
        return tuple(value)
    if key == "rules":
        if not isinstance(value, Mapping):
            raise ConfigError("must be a table of [rules.<rule-id>] tables", key=key, path=path)
        return {rule: dict(v) if isinstance(v, Mapping) else v for rule, v in value.items()}
    if key == "severity":
        if not isinstance(value, Mapping):
            raise ConfigError("must be a table of rule = severity", key=key, path=path)
        for rule, sev in value.items():
            if not isinstance(sev, str):
                raise ConfigError(f"must be one of {', '.join(SEVERITIES)}", key=f"severity.{rule}", path=path)
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
            except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError, RecursionError):
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
        except RecursionError:  # arrays or tables nested hundreds deep: tomllib recurses
            raise ConfigError("not valid TOML: nested too deeply", path=source) from None
        if file.name == "pyproject.toml":
            parsed = parsed.get("tool", {}).get("mtqa", {})
        elif "tool" in parsed and "mtqa" in parsed["tool"]:
            parsed = parsed["tool"]["mtqa"]
        if not isinstance(parsed, dict):
            raise ConfigError("must be a table", key="tool.mtqa", path=source)
        data.update(parsed)
    if env_model := os.environ.get("MTQA_MODEL"):
        data["model"] = env_model  # the environment beats the config file, the CLI beats both
    config = Config.from_mapping(data, path=source)
    if file is not None:
        config = _relative_to(config, file.resolve().parent)
    clean = {k: v for k, v in overrides.items() if v is not None}
    return config.replace(**clean) if clean else config


def _relative_to(config: Config, base: Path) -> Config:
    """Paths from a config file are relative to its folder, wherever mtqa is run from."""
    changes: dict[str, Any] = {}
    for key in _PATH_KEYS:
        value = getattr(config, key)
        if value and not os.path.isabs(value):
            changes[key] = str(base / value)
    # A termbase may also be a built-in name: only paths that exist next to the config are rewritten.
    termbases = tuple(str(base / t) if not os.path.isabs(t) and (base / t).exists() else t
                      for t in config.termbases)
    if termbases != config.termbases:
        changes["termbases"] = termbases
    # Exclude patterns with a folder part are anchored at the config folder; bare ones match names.
    exclude = tuple(str(base / p) if "/" in p and not os.path.isabs(p) else p for p in config.exclude)
    if exclude != config.exclude:
        changes["exclude"] = exclude
    return config.replace(**changes) if changes else config

