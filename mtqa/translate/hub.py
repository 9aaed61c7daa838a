"""Fetching Marian models from the Hugging Face hub (``mtqa models download``) and finding them offline.

Only safetensors weights are fetched. Many OPUS-MT repositories (opus-mt-ar-en, opus-mt-en-ar)
keep ``model.safetensors`` on an unmerged pull request opened by the hub's conversion bot rather
than on ``main``; :func:`download` falls back to that branch, as ``transformers`` itself does.
"""

from __future__ import annotations

import logging
from pathlib import Path

from mtqa.errors import ModelUnavailable
from mtqa.translate.resolve import hf_cache_dir, is_offline, model_problems

__all__ = ["ALLOW_PATTERNS", "download", "find_cached"]

log = logging.getLogger(__name__)

#: What a Marian model needs; pickled ``pytorch_model.bin`` and TF/Rust weights are never fetched.
ALLOW_PATTERNS = ["*.json", "*.spm", "*.safetensors", "README.md", "LICENSE*"]
_CONVERSION_TITLE = "Adding `safetensors` variant of this model"


def _repo_folder(model_id: str) -> Path:
    return hf_cache_dir() / ("models--" + model_id.replace("/", "--"))


def find_cached(model_id: str) -> Path | None:
    """A complete snapshot of ``model_id`` in the local Hugging Face cache, without network."""
    snapshots = _repo_folder(model_id) / "snapshots"
    if not snapshots.is_dir():
        return None
    main = _repo_folder(model_id) / "refs" / "main"
    preferred = main.read_text().strip() if main.is_file() else None
    candidates = sorted(snapshots.iterdir(), key=lambda p: (p.name != preferred, -p.stat().st_mtime))
    for candidate in candidates:
        if not model_problems(candidate):
            return candidate.resolve()
    return None


def download(model_id: str, dest: str | Path | None = None) -> Path:
    """Download ``model_id`` (safetensors only) into the hub cache, or into ``dest`` when given.

    Raises :class:`ModelUnavailable` when offline, when the repository does not exist, or when it
    has no safetensors weights anywhere.
    """
    if is_offline():
        raise ModelUnavailable(f"cannot download {model_id}: HF_HUB_OFFLINE is set", model=model_id,
                               tried=(f"download {model_id}: skipped, HF_HUB_OFFLINE is set",))
    try:
        import huggingface_hub
    except ImportError:  # pragma: no cover - transformers depends on it
        raise ModelUnavailable("huggingface_hub is not installed: pip install huggingface_hub",
                               model=model_id) from None
    tried: list[str] = []
    for revision in ("main", None):
        if revision is None:
            revision = _conversion_pr(huggingface_hub, model_id, tried)
            if revision is None:
                break
        try:
            path = Path(huggingface_hub.snapshot_download(
                model_id, revision=revision, allow_patterns=ALLOW_PATTERNS,
                cache_dir=None if dest is not None else hf_cache_dir(),
                local_dir=dest))
        except Exception as exc:  # noqa: BLE001 - network stacks raise many types; all mean "not downloaded"
            tried.append(f"download {model_id}@{revision}: {type(exc).__name__}: {exc}")
            break
        problems = model_problems(path)
        if not problems:
            log.info("downloaded %s@%s to %s", model_id, revision, path)
            return path.resolve()
        tried.append(f"download {model_id}@{revision}: " + "; ".join(problems))
    raise ModelUnavailable(f"cannot download {model_id}:\n  " + "\n  ".join(tried), model=model_id,
                           tried=tuple(tried))


def _conversion_pr(hub: object, model_id: str, tried: list[str]) -> str | None:
    """The ``refs/pr/N`` branch where the hub's bot added ``model.safetensors``, if there is one."""
    try:
        api = hub.HfApi()  # type: ignore[attr-defined]
        for discussion in api.get_repo_discussions(model_id, discussion_type="pull_request"):
            if discussion.title == _CONVERSION_TITLE and discussion.status in ("open", "merged"):
                return f"refs/pr/{discussion.num}"
    except Exception as exc:  # noqa: BLE001 - as above: any failure means "no such branch found"
        tried.append(f"look for a safetensors pull request on {model_id}: {type(exc).__name__}: {exc}")
        return None
    tried.append(f"{model_id} has no safetensors weights on main and no safetensors conversion pull request")
    return None
