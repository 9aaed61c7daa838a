"""Fixtures for the robustness suite (helpers live in ``_helpers.py``)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from mtqa.cli import main

from ._helpers import CliResult


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]) -> Callable[..., CliResult]:
    """``cli("check", path, ...)`` runs ``mtqa`` in-process and returns code, stdout and stderr."""

    def run(*args: str) -> CliResult:
        code = main(list(args))
        out, err = capsys.readouterr()
        return CliResult(code, out, err)

    return run


# The shared model fixtures (a tiny random Marian model built once per session), not rebuilt here.
from fixtures_models import offline_models_env, tiny_model_dir  # noqa: F401
