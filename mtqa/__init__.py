"""mtqa: catch bad machine translation of English news copy into Arabic before it is published.

    >>> import mtqa
    >>> report = mtqa.check(target="...", source="...")     # doctest: +SKIP
    >>> [f.text for f in report.flags(min_severity="major")]  # doctest: +SKIP

Importing mtqa is cheap: torch and transformers load only when a model is first used.
"""

from mtqa._version import __version__
from mtqa.api import Checker, DocumentInput, check
from mtqa.checks import Rule, rules
from mtqa.config import Config, Thresholds, load_config
from mtqa.errors import ConfigError, InputError, ModelUnavailable, MtqaError
from mtqa.io import InputDocument, Unit, read_document
from mtqa.report import render as render_report
from mtqa.translate.base import Translation, Translator
from mtqa.types import SEVERITIES, DocumentResult, Flag, Report, Segment, SegmentResult, Severity

__all__ = [
    "Checker",
    "Config",
    "ConfigError",
    "DocumentInput",
    "DocumentResult",
    "Flag",
    "InputDocument",
    "InputError",
    "ModelUnavailable",
    "MtqaError",
    "Report",
    "Rule",
    "SEVERITIES",
    "Segment",
    "SegmentResult",
    "Severity",
    "Thresholds",
    "Translation",
    "Translator",
    "Unit",
    "__version__",
    "check",
    "load_config",
    "read_document",
    "render_report",
    "rules",
]
