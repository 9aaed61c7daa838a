"""Turn ``--model ID_OR_PATH`` into a local Marian model directory, or say exactly why not."""

from __future__ import annotations

import hashlib
import json
import os
import re
from pathlib import Path
from typing import Any

from mtqa._json import JsonError, parse_json
from mtqa.errors import ModelUnavailable

__all__ = ["MODEL_FILES", "hf_cache_dir", "is_offline", "model_identity", "model_json", "model_problems",
           "resolve_model"]

#: The files a Marian directory needs besides its weights (``model.safetensors``).
MODEL_FILES = ("config.json", "vocab.json", "source.spm", "target.spm")
_REPO_ID = re.compile(r"^[A-Za-z0-9][\w.-]*(/[\w.-]+)?$")
_SNAPSHOT = re.compile(r"models--(?P<org>[^/]+?)--(?P<name>[^/]+)/snapshots/(?P<rev>[0-9a-f]{40})/?$")
#: Identities already hashed, by directory and the (size, mtime, inode) of its files: replacing or
#: editing a file changes its stat, so a model swapped in place is hashed again in the same process.
_identities: dict[tuple[Path, tuple[tuple[int, int, int] | None, ...]], tuple[str, str]] = {}
# tokenizer_config.json sets the input length limit, which changes how long lines are cut
_IDENTITY_FILES = ("config.json", "model.safetensors", "model.safetensors.index.json", "tokenizer_config.json",
                   *MODEL_FILES[1:])


def is_offline() -> bool:
    """True when the Hugging Face hub must not be contacted (``HF_HUB_OFFLINE``, read at call time)."""
    return os.environ.get("HF_HUB_OFFLINE", "").strip().upper() in {"1", "ON", "YES", "TRUE"}


def hf_cache_dir() -> Path:
    """The Hugging Face hub cache, from the environment at call time (tests change it)."""
    if cache := os.environ.get("HF_HUB_CACHE"):
        return Path(cache)
    home = os.environ.get("HF_HOME") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache"), "huggingface")
    return Path(home) / "hub"


def model_json(path: Path) -> dict[str, Any]:
    """A JSON object from a model directory (``config.json``, ``vocab.json`` …), read within the
    limits of :func:`mtqa._json.parse_json`; anything else is a :class:`ModelUnavailable` naming the
    file (the model is there but broken)."""
    try:
        data = parse_json(path.read_bytes())
    except OSError as exc:
        raise ModelUnavailable(f"{path}: cannot read: {exc.strerror or exc}", model=str(path.parent),
                               broken=True) from None
    except JsonError as exc:
        where = f":{exc.line}" if exc.line else ""
        raise ModelUnavailable(f"{path}{where}: not valid JSON: {exc.reason}", model=str(path.parent),
                               broken=True) from None
    if not isinstance(data, dict):
        raise ModelUnavailable(f"{path}: expected a JSON object, found {type(data).__name__}",
                               model=str(path.parent), broken=True)
    return data


#: Numbers of config.json the translators rely on: the least and the most value that make a model
#: (opus-mt: 6 layers, d_model 512, 62,802 pieces, 512 positions; the position table is allocated
#: whole, so a claim of 10^30 positions would exhaust memory before any check could run).
_CONFIG_NUMBERS = {"decoder_layers": (1, 1024), "encoder_layers": (1, 1024), "d_model": (1, 1 << 16),
                   "vocab_size": (2, 1 << 22), "max_position_embeddings": (8, 1 << 16),
                   "decoder_attention_heads": (1, 1024)}


def _whole(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _value_problems(path: Path, data: dict[str, Any], config: dict[str, Any]) -> list[str]:
    """Values of a model file that would fail later, mid-run, as an internal error: named here."""
    out = []
    if path.name == "config.json" and data.get("model_type", "marian") != "marian":
        out.append(f"{path}: model_type is {data.get('model_type')!r}; mtqa runs Marian translation models")
    if path.name == "config.json":
        for key, (least, most) in _CONFIG_NUMBERS.items():
            value = data.get(key)
            if value is not None and not (_whole(value) and least <= value <= most):
                out.append(f"{path}: {key} must be a whole number from {least} to {most}, not {value!r}")
    elif path.name == "vocab.json":
        bad = next(((k, v) for k, v in data.items() if not _whole(v) or v < 0), None)
        if bad is not None:
            out.append(f"{path}: every piece needs a whole-number id; {bad[0]!r} has {bad[1]!r}")
        size = config.get("vocab_size") if _whole(config.get("vocab_size")) else None
        if bad is None and size is not None and (len(data) < size // 2 or max(data.values(), default=0) >= size):
            # a vocabulary cut short (or another model's): every output would be <unk>
            out.append(f"{path}: {len(data)} pieces (ids up to {max(data.values(), default=0)}) for a model of "
                       f"{size}: not this model's vocabulary")
    elif path.name == "tokenizer_config.json":
        value = data.get("model_max_length")
        # (Hugging Face writes a huge number for "no limit"; too few positions leave no room to translate)
        if value is not None and not (_whole(value) and value >= 8):
            out.append(f"{path}: model_max_length must be a whole number of at least 8, not {value!r}")
    return out


def _safetensors_problem(path: Path) -> str | None:
    """A weights file cut short or not safetensors at all (an interrupted download): its header
    (8 bytes of length, then JSON giving each tensor's byte range) must fit the file."""
    try:
        with path.open("rb") as fh:
            head = fh.read(8)
            size = path.stat().st_size
            length = int.from_bytes(head, "little") if len(head) == 8 else -1
            if not 2 <= length <= min(size - 8, 100 << 20):
                return f"{path}: not a safetensors file, or cut short"
            header = json.loads(fh.read(length))
        end = max((int(v["data_offsets"][1]) for k, v in header.items() if k != "__metadata__"), default=0)
    except (OSError, ValueError, TypeError, KeyError, IndexError, AttributeError):
        return f"{path}: not a safetensors file, or cut short"
    if 8 + length + end > size:
        return f"{path}: cut short ({size} bytes of {8 + length + end}): download or copy it again"
    return None


def model_problems(path: Path) -> list[str]:
    """What is missing from ``path`` for it to be a loadable Marian model directory (empty if nothing)."""
    if not path.is_dir():
        return [f"{path} is not a directory"]
    problems = [f"{path / name} is missing" for name in MODEL_FILES if not (path / name).is_file()]
    parsed: dict[str, dict[str, Any]] = {}
    for name in ("config.json", "vocab.json", "tokenizer_config.json"):  # read again at load time
        if (path / name).is_file():
            try:
                parsed[name] = model_json(path / name)
            except ModelUnavailable as exc:
                problems.append(str(exc))
    for name, data in parsed.items():
        problems.extend(_value_problems(path / name, data, parsed.get("config.json", {})))
    if (path / "model.safetensors").is_file() and (problem := _safetensors_problem(path / "model.safetensors")):
        problems.append(problem)
    if not ((path / "model.safetensors").is_file() or (path / "model.safetensors.index.json").is_file()):
        if any((path / name).is_file() for name in ("pytorch_model.bin", "tf_model.h5", "flax_model.msgpack")):
            problems.append(f"{path} has weights only in pickle/TF formats; mtqa loads safetensors only "
                            "(pickled weights can run code when loaded)")
        else:
            problems.append(f"{path / 'model.safetensors'} is missing")
    return problems


def resolve_model(model: str, *, purpose: str = "back-translation", allow_download: bool = True) -> Path:
    """A local directory holding ``model``: the directory itself, or its Hugging Face cache snapshot.

    Downloads only when ``allow_download``, the hub is reachable and ``HF_HUB_OFFLINE`` is unset; otherwise
    looks in the local cache. Raises :class:`ModelUnavailable` listing what was tried and how to fix it.
    """
    tried: list[str] = []
    expanded = Path(os.path.expanduser(model))
    if expanded.exists():
        problems = model_problems(expanded)
        if not problems:
            return expanded.resolve()
        tried.append(f"local directory {expanded}: " + "; ".join(problems))
        # There, but unusable: a problem to fix, not a model that is simply absent from this machine.
        raise ModelUnavailable(_explain(model, purpose, tried), model=model, tried=tuple(tried), broken=True)
    elif model.startswith((".", "/", "~")) or "\\" in model or model.count("/") > 1 or not _REPO_ID.match(model):
        tried.append(f"local directory {expanded}: no such directory")
    else:
        from mtqa.translate.hub import download, find_cached

        tried.append(f"local directory {expanded}: no such directory")
        cached = find_cached(model)
        if cached is not None:
            return cached
        tried.append(f"Hugging Face cache {hf_cache_dir()}: no complete safetensors snapshot of {model}")
        if is_offline():
            tried.append("download: skipped, HF_HUB_OFFLINE is set")
        elif not allow_download:
            tried.append("download: not tried (`mtqa models download` fetches it)")
        else:
            try:
                return download(model)
            except ModelUnavailable as exc:
                tried.extend(exc.tried or (str(exc),))
    raise ModelUnavailable(_explain(model, purpose, tried), model=model, tried=tuple(tried))


def _explain(model: str, purpose: str, tried: list[str]) -> str:
    lines = [f"The {purpose} model {model!r} is not available.", "Tried:"]
    lines += [f"  - {t}" for t in tried]
    lines += [
        "To fix it, one of:",
        f"  - download it once while online:  mtqa models download {model}",
        ("  - point at a local Marian directory (config.json, model.safetensors, vocab.json, source.spm, "
         "target.spm):  --model /path/to/dir  or  MTQA_MODEL=/path/to/dir"),
        "  - supply back-translations yourself:  --backtranslation FILE",
    ]
    return "\n".join(lines)


def model_identity(path: Path) -> tuple[str, str]:
    """(model id, revision) of a resolved directory, for signatures and cache keys.

    A hub snapshot is named by its repository and commit; any other directory by its name and a
    hash of its weights and vocabulary, so editing the files changes the identity.
    """
    path = path.resolve()
    match = _SNAPSHOT.search(path.as_posix())
    if match:  # a hub snapshot's files are named by their commit: they never change in place
        return f"{match['org']}/{match['name']}", match["rev"][:12]
    key = (path, tuple(_stat(path / name) for name in _IDENTITY_FILES))
    if key in _identities:
        return _identities[key]
    digest = hashlib.sha256()
    for name in _IDENTITY_FILES:
        file = path / name
        if file.is_file():
            digest.update(name.encode())
            with file.open("rb") as handle:
                for chunk in iter(lambda: handle.read(1 << 20), b""):
                    digest.update(chunk)
    identity = (path.name, digest.hexdigest()[:12])
    _identities[key] = identity
    return identity


def _stat(file: Path) -> tuple[int, int, int] | None:
    try:
        st = file.stat()
    except OSError:
        return None
    return st.st_size, st.st_mtime_ns, st.st_ino
