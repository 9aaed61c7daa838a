"""Helpers for the robustness suite: run the CLI in a subprocess, sample Arabic/English copy."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[2]
PYTHON = sys.executable


@dataclass
class CliResult:
    code: int
    out: str
    err: str


def run_subprocess(*args: str, env: dict[str, str] | None = None, timeout: float = 120,
                   cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """``python -m mtqa ARGS`` in a fresh interpreter (own memory, own signals)."""
    full_env = {**os.environ, "HF_HUB_OFFLINE": "1", "PYTHONHASHSEED": "random", **(env or {})}
    return subprocess.run([PYTHON, "-m", "mtqa", *args], capture_output=True, text=True, env=full_env,
                          timeout=timeout, cwd=cwd or ROOT, check=False)


def load_fuzz() -> ModuleType:
    """scripts/fuzz_check.py as a module: its strategies and document writers serve the tests too."""
    name = "mtqa_fuzz_check"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / "fuzz_check.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


AR_LINES = ["قال وزير الخارجية إن المحادثات ستستمر يوم الاثنين.",
            "وأضاف أن الحكومة خصصت 2.5 مليار دولار للمشروع. وسيبدأ العمل في مارس.",
            "ولم يعلق المتحدث باسم الوزارة على التقرير."]
EN_LINES = ["The foreign minister said the talks would continue on Monday.",
            "He added that the government had allocated $2.5 billion to the project. Work will start in March.",
            "The ministry spokesman did not comment on the report."]
