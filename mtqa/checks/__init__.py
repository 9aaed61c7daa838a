"""All checks, registered in one place: importing this package registers every rule."""

from mtqa.checks import lexical  # noqa: F401
from mtqa.checks import spelling  # noqa: F401
from mtqa.checks import alignment  # noqa: F401
from mtqa.checks import divergence  # noqa: F401
from mtqa.checks import numbers  # noqa: F401
from mtqa.checks import names  # noqa: F401
from mtqa.checks import polarity  # noqa: F401
from mtqa.checks import negation  # noqa: F401
from mtqa.checks import omission  # noqa: F401
from mtqa.checks import terminology  # noqa: F401
from mtqa.checks import consistency  # noqa: F401
from mtqa.checks import confidence  # noqa: F401
from mtqa.checks import coverage  # noqa: F401
from mtqa.checks import support  # noqa: F401
from mtqa.checks.base import REGISTRY, Context, Finding, Rule, SegmentView, check

__all__ = ["REGISTRY", "Context", "Finding", "Rule", "SegmentView", "check", "rules"]


def rules() -> list[Rule]:
    """Every registered rule, in registry order (what `mtqa rules`, SARIF and the docs list)."""
    return list(REGISTRY.values())
