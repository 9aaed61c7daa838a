"""`import mtqa` stays light: no torch, transformers or ctranslate2."""

from __future__ import annotations

import subprocess
import sys


def test_import_mtqa_does_not_import_heavy_modules() -> None:
    code = (
        "import sys, mtqa, mtqa.cli\n"
        "heavy = [m for m in ('torch', 'transformers', 'ctranslate2', 'sentencepiece') if m in sys.modules]\n"
        "print(','.join(heavy))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
