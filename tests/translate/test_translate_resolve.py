"""Model resolution: local directories, the Hugging Face cache, and the ModelUnavailable message."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from mtqa.errors import ModelUnavailable
from mtqa.translate import hub
from mtqa.translate.resolve import model_identity, resolve_model

SHA = "0a22ca0fe7fd0e314f4913e606ddc07d1ff9d718"


@pytest.fixture
def empty_hf_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("HF_HOME", str(tmp_path / "hf"))
    monkeypatch.delenv("HF_HUB_CACHE", raising=False)
    return tmp_path / "hf" / "hub"


def test_local_directory_resolves_to_itself(tiny_model_dir: Path) -> None:
    assert resolve_model(str(tiny_model_dir)) == tiny_model_dir.resolve()


def test_identity_of_a_local_directory_hashes_its_files(tiny_model_dir: Path, tmp_path: Path) -> None:
    name, revision = model_identity(tiny_model_dir)
    assert name == tiny_model_dir.name and len(revision) == 12
    copy = shutil.copytree(tiny_model_dir, tmp_path / "copy")
    assert model_identity(copy)[1] == revision
    edited = shutil.copytree(tiny_model_dir, tmp_path / "edited")
    (edited / "vocab.json").write_text((edited / "vocab.json").read_text() + " ")
    assert model_identity(edited)[1] != revision


def test_hub_id_found_in_the_offline_cache(tiny_model_dir: Path, empty_hf_home: Path) -> None:
    repo = empty_hf_home / "models--Helsinki-NLP--opus-mt-ar-en"
    shutil.copytree(tiny_model_dir, repo / "snapshots" / SHA)
    (repo / "refs").mkdir()
    (repo / "refs" / "main").write_text(SHA)
    path = resolve_model("Helsinki-NLP/opus-mt-ar-en")
    assert path == (repo / "snapshots" / SHA).resolve()
    assert model_identity(path) == ("Helsinki-NLP/opus-mt-ar-en", SHA[:12])


def test_incomplete_cache_snapshot_is_skipped(tiny_model_dir: Path, empty_hf_home: Path) -> None:
    snapshot = empty_hf_home / "models--Helsinki-NLP--opus-mt-ar-en" / "snapshots" / SHA
    shutil.copytree(tiny_model_dir, snapshot)
    (snapshot / "model.safetensors").unlink()
    with pytest.raises(ModelUnavailable):
        resolve_model("Helsinki-NLP/opus-mt-ar-en")


def test_offline_and_not_cached_explains_what_was_tried_and_how_to_fix(empty_hf_home: Path) -> None:
    with pytest.raises(ModelUnavailable) as info:
        resolve_model("Helsinki-NLP/opus-mt-ar-en")
    message = str(info.value)
    assert "Helsinki-NLP/opus-mt-ar-en" in message and "back-translation" in message
    assert str(empty_hf_home) in message
    assert "HF_HUB_OFFLINE" in message
    for fix in ("mtqa models download Helsinki-NLP/opus-mt-ar-en", "--model /path/to/dir", "MTQA_MODEL",
                "--backtranslation FILE"):
        assert fix in message
    assert info.value.model == "Helsinki-NLP/opus-mt-ar-en"
    assert len(info.value.tried) >= 2


@pytest.mark.parametrize("missing", ["model.safetensors", "source.spm", "vocab.json", "config.json"])
def test_local_directory_missing_a_file(tiny_model_dir: Path, tmp_path: Path, missing: str) -> None:
    broken = shutil.copytree(tiny_model_dir, tmp_path / "broken")
    (broken / missing).unlink()
    with pytest.raises(ModelUnavailable, match=missing.replace(".", r"\.")):
        resolve_model(str(broken), purpose="round trip")


def test_pickle_only_weights_are_refused(tiny_model_dir: Path, tmp_path: Path) -> None:
    broken = shutil.copytree(tiny_model_dir, tmp_path / "pickled")
    (broken / "model.safetensors").rename(broken / "pytorch_model.bin")
    with pytest.raises(ModelUnavailable, match="safetensors only"):
        resolve_model(str(broken))


@pytest.mark.parametrize("model", ["/no/such/dir", "./relative/missing", "not a model id!"])
def test_wrong_path(model: str, empty_hf_home: Path) -> None:
    with pytest.raises(ModelUnavailable, match="mtqa models download"):
        resolve_model(model)


def test_download_refuses_when_offline() -> None:
    with pytest.raises(ModelUnavailable, match="HF_HUB_OFFLINE"):
        hub.download("Helsinki-NLP/opus-mt-ar-en")


def test_download_falls_back_to_the_safetensors_pull_request(
        tiny_model_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """opus-mt-ar-en keeps model.safetensors on refs/pr/1, not on main."""
    import huggingface_hub

    monkeypatch.delenv("HF_HUB_OFFLINE")
    calls: list[str] = []

    def snapshot_download(repo_id: str, *, revision: str, local_dir: Path | None, **_: object) -> str:
        calls.append(revision)
        dest = tmp_path / revision.replace("/", "_")
        shutil.copytree(tiny_model_dir, dest)
        if revision == "main":
            (dest / "model.safetensors").unlink()
        return str(dest)

    class Discussion:
        title, status, num = "Adding `safetensors` variant of this model", "open", 1

    class Api:
        def get_repo_discussions(self, repo_id: str, discussion_type: str) -> list[Discussion]:
            return [Discussion()]

    monkeypatch.setattr(huggingface_hub, "snapshot_download", snapshot_download)
    monkeypatch.setattr(huggingface_hub, "HfApi", Api)
    path = hub.download("Helsinki-NLP/opus-mt-ar-en")
    assert calls == ["main", "refs/pr/1"]
    assert (path / "model.safetensors").is_file()
