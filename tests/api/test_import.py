"""`import mtqa` stays light: no torch, transformers, ctranslate2 or Ray (an optional extra)."""

from __future__ import annotations

import subprocess
import sys


def test_import_mtqa_does_not_import_heavy_modules() -> None:
    code = (
        "import sys, mtqa, mtqa.cli, mtqa.ray\n"
        "heavy = [m for m in ('torch', 'transformers', 'ctranslate2', 'sentencepiece', 'ray', 'pyarrow')\n"
        "         if m in sys.modules]\n"
        "print(','.join(heavy))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_ray_is_an_optional_extra_not_a_dependency() -> None:
    """`pip install mtqa` does not install Ray; `mtqa[ray]` (and the dev extra CI installs) does."""
    from importlib import metadata

    requires = metadata.requires("mtqa") or []
    plain = [r for r in requires if "extra ==" not in r]
    assert not [r for r in plain if r.split("[")[0].split(">")[0].split("=")[0].strip() == "ray"], plain
    extras = {r.split("extra ==")[1].strip().strip("'\"") for r in requires if r.startswith("ray") and "extra ==" in r}
    assert {"ray", "dev"} <= extras, requires
