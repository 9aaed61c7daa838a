"""All checks, registered in one place: importing this package registers every rule."""

from mtqa.checks import (
    alignment,  # noqa: F401
    confidence,  # noqa: F401
    consistency,  # noqa: F401
    coverage,  # noqa: F401
    divergence,  # noqa: F401
    lexical,  # noqa: F401
    names,  # noqa: F401
    negation,  # noqa: F401
    numbers,  # noqa: F401
    omission,  # noqa: F401
    polarity,  # noqa: F401
    spelling,  # noqa: F401
    support,  # noqa: F401
    terminology,  # noqa: F401
)
from mtqa.checks.base import (
    REGISTRY,
    Context,
    Finding,
    Param,
    PluginWarning,
    Rule,
    SegmentView,
    check,
    load_plugins,
    plugins,
)

__all__ = ["REGISTRY", "Context", "Finding", "Param", "PluginWarning", "Rule", "SegmentView", "check",
           "load_plugins", "plugins", "rules"]


def rules() -> list[Rule]:
    """Every registered rule, built-in then plug-in (``mtqa.rules`` entry points, loaded on first
    call), in registry order: what `mtqa rules`, SARIF, the configuration and the runner see."""
    load_plugins()
    return list(REGISTRY.values())
