"""Fixtures for the back-translation engine tests; the model fixtures live in tests/fixtures_models.py."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from fixtures_models import (  # noqa: E402,F401  (re-exported as fixtures)
    offline_models_env,
    tiny_model_dir,
    toy_heldout,
    toy_model_dir,
    toy_reverse_model_dir,
)


@pytest.fixture(autouse=True)
def _offline(offline_models_env: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test here runs offline; none may reach the hub."""
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
