"""All checks, registered in one place: importing this package registers every rule."""

# The import order is the rules' registration order: the order `mtqa rules` lists them in and the
# order the run signature hashes them in. Keep it (new modules go at the end) so that reports of
# the same rules keep their signature.
from mtqa.checks import lexical  # noqa: I001, F401 - before alignment, as it always registered
from mtqa.checks import alignment, confidence  # noqa: F401
from mtqa.checks import terminology  # noqa: F401 - before consistency, as it always registered
from mtqa.checks import (  # noqa: F401
    consistency,
    coverage,
    divergence,
    names,
    negation,
    numbers,
    omission,
    polarity,
    spelling,
    support,
)
from mtqa.checks import senses  # noqa: F401 - registered after the others (see above)
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
