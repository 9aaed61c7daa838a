"""The README's picture of the review page is what mtqa shows today: scripts/readme_screenshot.py
regenerates it, and the new picture has the committed one's size and lists the same findings in the
same order (pixels differ between Chromium and font versions; those do not)."""

from __future__ import annotations

import importlib.util
import json
import re
import sys
from pathlib import Path
from types import ModuleType

import pytest
from reportkit import ROOT

pytestmark = pytest.mark.browser

COMMITTED = ROOT / "docs" / "review-page.png"


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("readme_screenshot", ROOT / "scripts" / "readme_screenshot.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("readme_screenshot", module)
    spec.loader.exec_module(module)
    return module


def test_the_readme_shows_the_committed_picture() -> None:
    readme = (ROOT / "README.md").read_text("utf-8")
    first_screen = readme[:readme.index("\n## ", readme.index("\n## ") + 1)]  # before the second section
    assert re.search(r"!\[[^\]]+\]\(docs/review-page\.png\)", first_screen)
    size, texts = _script().read_png(COMMITTED)
    assert size == (1280, 960) and json.loads(texts["mtqa-findings"])


def test_the_picture_regenerates_with_the_same_size_and_findings(chromium: str, tmp_path: Path) -> None:
    script = _script()
    fresh = tmp_path / "review-page.png"
    assert script.main(["--output", str(fresh), "--chromium", chromium]) == 0
    committed_size, committed = script.read_png(COMMITTED)
    size, texts = script.read_png(fresh)
    assert size == committed_size
    listed = json.loads(texts["mtqa-findings"])
    assert listed == json.loads(committed["mtqa-findings"]), "run scripts/readme_screenshot.py and commit the PNG"
    # the page lists the major findings first, as the README says
    severities = [s for s, *_ in listed]
    assert severities == sorted(severities, key=["critical", "major", "minor"].index) and severities[0] == "major"
