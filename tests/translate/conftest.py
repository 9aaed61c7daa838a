"""Fixtures for the back-translation engine tests; the model fixtures live in tests/fixtures_models.py."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from fixtures_models import (  # noqa: F401  (re-exported as fixtures)
    offline_models_env,
    tiny_model_dir,
    toy_heldout,
    toy_model_dir,
    toy_reverse_model_dir,
)


@pytest.fixture(autouse=True)
def _offline(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test here runs offline; none may reach the hub."""
    request.getfixturevalue("offline_models_env")
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
