"""mtqa: catch bad machine translation of English news copy into Arabic before it is published.

    >>> import mtqa
    >>> report = mtqa.check(target="...", source="...")     # doctest: +SKIP
    >>> [f.text for f in report.flags(min_severity="major")]  # doctest: +SKIP

Importing mtqa is cheap: torch and transformers load only when a model is first used.
"""

from mtqa._version import __version__
from mtqa.api import Checker, DocumentInput, check
from mtqa.config import Config, Thresholds, load_config
from mtqa.errors import ConfigError, InputError, ModelUnavailable, MtqaError
from mtqa.translate.base import Translation, Translator
from mtqa.types import SEVERITIES, DocumentResult, Flag, Report, Segment, SegmentResult, Severity

__all__ = [
    "SEVERITIES",
    "Checker",
    "Config",
    "ConfigError",
    "DocumentInput",
    "DocumentResult",
    "Flag",
    "InputError",
    "ModelUnavailable",
    "MtqaError",
    "Report",
    "Segment",
    "SegmentResult",
    "Severity",
    "Thresholds",
    "Translation",
    "Translator",
    "__version__",
    "check",
    "load_config",
]
