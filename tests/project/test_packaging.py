"""mtqa installs without make: a wheel built from the source tree, installed offline in a fresh
virtualenv, gives a working `mtqa` and `python -m mtqa`, with the metadata an index wants.

No network: the wheel is built with the setuptools of the environment running the tests (no build
isolation, so nothing is downloaded) and installed with ``--no-index``. The fresh virtualenv sees the
test environment's packages through a ``.pth`` file, standing in for the local wheel cache CI
installs them from (torch is never fetched again); mtqa itself comes only from the wheel, and pip
must find every dependency the wheel declares already satisfied.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "seeds" / "000_cf7ad39c2f50dbc3.txt"
SOURCE = ROOT / "seeds" / "000_cf7ad39c2f50dbc3.en.txt"
LICENSE_FILES = {"LICENSE", "NOTICE", "LICENSES/Apache-2.0.txt", "mtqa/data/WORDNET_LICENSE"}


def _run(*args: str | Path, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run([str(a) for a in args], cwd=cwd, capture_output=True, text=True, timeout=300,
                          check=False, env={**os.environ, "HF_HUB_OFFLINE": "1", **(env or {})})
    return proc


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel, built from a copy of what the source distribution holds (the tree stays clean)."""
    tmp = tmp_path_factory.mktemp("wheel")
    src = tmp / "src"
    src.mkdir()
    for name in ("pyproject.toml", "README.md", "LICENSE", "NOTICE"):
        shutil.copy2(ROOT / name, src / name)
    shutil.copytree(ROOT / "LICENSES", src / "LICENSES")
    shutil.copytree(ROOT / "mtqa", src / "mtqa", ignore=shutil.ignore_patterns("__pycache__", "*.so", "*.pyc"))
    proc = _run(sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index",
                "-w", tmp / "dist", src, cwd=tmp)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    (built,) = (tmp / "dist").glob("mtqa-*.whl")
    return built


@pytest.fixture(scope="module")
def venv(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh virtualenv with the wheel installed offline; returns its bin folder."""
    root = tmp_path_factory.mktemp("venv") / "env"
    # Without pip: a bundled old setuptools would shadow the one torch requires. This
    # environment's pip installs into it (--python).
    proc = _run(sys.executable, "-m", "venv", "--without-pip", root, cwd=root.parent)
    assert proc.returncode == 0, proc.stderr
    python = root / "bin" / "python"
    purelib = Path(_run(python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))",
                        cwd=root.parent).stdout.strip())
    deps = {sysconfig.get_path("purelib"), sysconfig.get_path("platlib")}
    (purelib / "_test_environment.pth").write_text("\n".join(sorted(deps)) + "\n", "utf-8")
    proc = _run(sys.executable, "-m", "pip", "--python", python, "install", "--no-index", wheel, cwd=root.parent)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    check = _run(sys.executable, "-m", "pip", "--python", python, "check", cwd=root.parent)
    assert check.returncode == 0, check.stdout
    return root / "bin"


def test_the_wheel_carries_metadata_for_an_index(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as zf:
        names = set(zf.namelist())
        info = next(n.split("/")[0] for n in names if n.endswith(".dist-info/METADATA"))
        meta = zf.read(f"{info}/METADATA").decode("utf-8")
    headers = meta.split("\n\n", 1)[0].splitlines()
    assert "License-Expression: MIT AND Apache-2.0 AND LicenseRef-WordNet-3.0" in headers
    assert {h.split(": ", 1)[1] for h in headers if h.startswith("License-File: ")} == LICENSE_FILES
    assert {f"{info}/licenses/{name}" for name in LICENSE_FILES} <= names
    assert any(h.startswith("Project-URL: Homepage, https://") for h in headers)
    classifiers = {h.split(": ", 1)[1] for h in headers if h.startswith("Classifier: ")}
    assert {"Natural Language :: Arabic", "Typing :: Typed", "Environment :: Console"} <= classifiers
    assert "Description-Content-Type: text/markdown" in headers
    # the data the checks read at run time, and the marker for type checkers
    assert {"mtqa/py.typed", "mtqa/data/calibration.json", "mtqa/data/wordnet.json.gz",
            "mtqa/data/termbase.csv", "mtqa/data/boilerplate.txt", "mtqa/data/word_senses.tsv"} <= names


def test_installed_from_the_wheel_mtqa_checks_the_seed(venv: Path, tmp_path: Path) -> None:
    # Run from an empty folder: the source tree's mtqa must not be what gets imported.
    env = {"HF_HOME": str(tmp_path / "hf"), "MTQA_CACHE_DIR": str(tmp_path / "cache")}
    where = _run(venv / "python", "-c", "import mtqa, sys; print(mtqa.__file__); print('torch' in sys.modules)",
                 cwd=tmp_path, env=env)
    file, torch_loaded = where.stdout.split()
    assert Path(file).is_relative_to(venv.parent) and torch_loaded == "False"
    for command in ([venv / "mtqa", "--version"], [venv / "python", "-m", "mtqa", "--version"]):
        version = _run(*command, cwd=tmp_path, env=env)
        assert version.returncode == 0 and version.stdout.startswith("mtqa 0."), version.stderr
    check = _run(venv / "mtqa", "check", SEED, "--source", SOURCE, cwd=tmp_path, env=env)
    assert check.returncode == 1, check.stderr  # findings at the default fail-on
    assert "[boilerplate]" in check.stdout and "FAILED (fail-on: major)" in check.stdout.splitlines()[-1]
    assert "back-translation is OFF" in check.stderr and "Traceback" not in check.stderr
    doctor = _run(venv / "mtqa", "models", "doctor", cwd=tmp_path, env=env)
    assert doctor.returncode == 3 and "dictionaries and termbases" in doctor.stdout and "UNUSABLE" in doctor.stdout
