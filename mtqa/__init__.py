"""mtqa: catch bad machine translation of English news copy into Arabic before it is published.

    >>> import mtqa
    >>> report = mtqa.check(target="...", source="...")     # doctest: +SKIP
    >>> [f.text for f in report.flags(min_severity="major")]  # doctest: +SKIP

Importing mtqa is cheap: torch and transformers load only when a model is first used.
"""

from mtqa._store import CacheWarning
from mtqa._version import __version__
from mtqa.api import Checker, DocumentInput, check
from mtqa.baseline import Baseline, IgnoreList, apply_baseline, create_baseline, load_baseline, load_ignore
from mtqa.checks import Rule, rules
from mtqa.config import Config, Thresholds, find_config_file, load_config
from mtqa._doctor import doctor
from mtqa.errors import ConfigError, InputError, ModelUnavailable, MtqaError, OutputError
from mtqa.io import InputDocument, Unit, read_document
from mtqa.io.files import Pairing, load_documents, resolve_inputs
from mtqa.report import render as render_report
from mtqa.report import formats as report_formats
from mtqa.report import render_github_summary
from mtqa.report._escape import inline as escape_text
from mtqa.translate.base import Translation, Translator
from mtqa.translate.ct2 import convert as convert_model
from mtqa.translate.hub import download as download_model
from mtqa.types import SEVERITIES, DocumentResult, Flag, Report, Segment, SegmentResult, Severity

__all__ = [
    "Baseline",
    "CacheWarning",
    "Checker",
    "Config",
    "ConfigError",
    "DocumentInput",
    "DocumentResult",
    "Flag",
    "IgnoreList",
    "InputDocument",
    "InputError",
    "ModelUnavailable",
    "MtqaError",
    "OutputError",
    "Pairing",
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
    "apply_baseline",
    "check",
    "convert_model",
    "create_baseline",
    "doctor",
    "download_model",
    "escape_text",
    "find_config_file",
    "load_baseline",
    "load_config",
    "load_documents",
    "load_ignore",
    "read_document",
    "render_github_summary",
    "render_report",
    "report_formats",
    "resolve_inputs",
    "rules",
]
