"""mtqa: catch bad machine translation of English news copy into Arabic before it is published.

    >>> import mtqa
    >>> report = mtqa.check(target="...", source="...")     # doctest: +SKIP
    >>> [f.text for f in report.flags(min_severity="major")]  # doctest: +SKIP

    >>> with mtqa.Checker(mtqa.Config()) as checker:          # doctest: +SKIP
    ...     for result in checker.check_many([mtqa.Document.from_files("story.ar.txt", source="story.en.txt")]):
    ...         print(result.target_path, result.passed)

``__all__`` is what a user of the library needs; everything else is importable from the module that
defines it (file discovery from :mod:`mtqa.io.files`, baselines from :mod:`mtqa.baseline`, report
writers from :mod:`mtqa.report`, model tools from :mod:`mtqa.translate`). ``__version__`` is the
installed version. Importing mtqa is cheap: torch and transformers load only when a model is first
used.
"""

from mtqa._doctor import doctor
from mtqa._store import CacheWarning
from mtqa._version import __version__
from mtqa.api import Checker, check
from mtqa.checks import rules
from mtqa.config import Config, Thresholds, load_config
from mtqa.document import Document
from mtqa.errors import ConfigError, InputError, ModelUnavailable, MtqaError, OutputError
from mtqa.report import render as render_report
from mtqa.translate.base import Translation, Translator
from mtqa.types import DocumentResult, Flag, Report, SegmentResult

__all__ = [
    "CacheWarning",
    "Checker",
    "Config",
    "ConfigError",
    "Document",
    "DocumentResult",
    "Flag",
    "InputError",
    "ModelUnavailable",
    "MtqaError",
    "OutputError",
    "Report",
    "SegmentResult",
    "Thresholds",
    "Translation",
    "Translator",
    "__version__",
    "check",
    "doctor",
    "load_config",
    "render_report",
    "rules",
]
