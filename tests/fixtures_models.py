"""Model fixtures for tests that need a translation model, all offline.

* ``tiny_model_dir``: a randomly initialised Marian model (a few hundred KB) built once per
  session in a temporary directory — real files, real loading path, meaningless output.
* ``toy_model_dir`` / ``toy_reverse_model_dir``: the committed toy ar->en / en->ar models
  (``tests/models/``, trained by ``scripts/train_toy_model.py``) that really translate
  templated news sentences.
* ``toy_heldout``: (Arabic, English) pairs the toy models never saw.

Use from a conftest with ``pytest_plugins = ["fixtures_models"]`` (root conftest) or by importing
the fixtures. The session fixture ``offline_models_env`` sets ``HF_HUB_OFFLINE=1`` and points
``MTQA_CACHE_DIR`` at a session temporary directory.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

MODELS = Path(__file__).resolve().parent / "models"
TOY_AR_EN = MODELS / "toy-ar-en"
TOY_EN_AR = MODELS / "toy-en-ar"
TOY_HELDOUT = MODELS / "toy-heldout.tsv"


def read_heldout() -> list[tuple[str, str]]:
    pairs = []
    for line in TOY_HELDOUT.read_text(encoding="utf-8").splitlines():
        ar, en = line.split("\t")
        pairs.append((ar, en))
    return pairs


def build_tiny_marian(out: Path, *, seed: int = 0, decoder_layers: int = 2) -> Path:
    """Write a tiny random Marian model (SentencePiece, vocab.json, safetensors) to ``out``."""
    import sentencepiece as spm
    import torch
    from transformers import GenerationConfig, MarianConfig, MarianMTModel

    out.mkdir(parents=True, exist_ok=True)
    pairs = read_heldout()
    spms = []
    for lang, lines in (("ar", [a for a, _ in pairs]), ("en", [e for _, e in pairs])):
        text = out / f"{lang}.txt"
        text.write_text("\n".join(lines) + "\n", encoding="utf-8")
        spm.SentencePieceTrainer.train(
            input=str(text), model_prefix=str(out / lang), vocab_size=150, model_type="bpe",
            character_coverage=1.0, bos_id=-1, eos_id=1, unk_id=0, pad_id=-1, minloglevel=2, num_threads=1)
        text.unlink()
        spms.append(out / f"{lang}.model")
    pieces = ["</s>", "<unk>"]
    for path in spms:
        sp = spm.SentencePieceProcessor(model_file=str(path))
        pieces += [p for p in (sp.id_to_piece(i) for i in range(sp.get_piece_size()))
                   if p not in pieces and p not in ("<s>",)]
    pieces.append("<pad>")
    pad = len(pieces) - 1
    (out / "vocab.json").write_text(json.dumps({p: i for i, p in enumerate(pieces)}, ensure_ascii=False),
                                    encoding="utf-8")
    os.replace(spms[0], out / "source.spm")
    os.replace(spms[1], out / "target.spm")
    for leftover in out.glob("*.vocab"):
        leftover.unlink()
    (out / "tokenizer_config.json").write_text(json.dumps({
        "source_lang": "ar", "target_lang": "en", "model_max_length": 64, "separate_vocabs": False}))
    torch.manual_seed(seed)
    config = MarianConfig(
        vocab_size=len(pieces), decoder_vocab_size=len(pieces), d_model=32, encoder_layers=1,
        decoder_layers=decoder_layers, encoder_attention_heads=2, decoder_attention_heads=2,
        encoder_ffn_dim=64, decoder_ffn_dim=64, max_position_embeddings=64, pad_token_id=pad,
        decoder_start_token_id=pad, eos_token_id=0, forced_eos_token_id=0, scale_embedding=True,
        share_encoder_decoder_embeddings=True)
    model = MarianMTModel(config)
    with torch.no_grad():
        # A random model tends to stop at once or never; make EOS rare but possible.
        model.final_logits_bias[0, 0] = -3.0
    model.generation_config = GenerationConfig(decoder_start_token_id=pad, eos_token_id=0, pad_token_id=pad,
                                               forced_eos_token_id=0, bad_words_ids=[[pad]], max_length=64)
    model.save_pretrained(out, safe_serialization=True)
    return out


@pytest.fixture(scope="session")
def offline_models_env(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """HF_HUB_OFFLINE=1 and a session MTQA_CACHE_DIR (CTranslate2 conversions are reused)."""
    cache = tmp_path_factory.mktemp("mtqa-cache")
    saved = {k: os.environ.get(k) for k in ("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE", "MTQA_CACHE_DIR")}
    os.environ.update(HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1", MTQA_CACHE_DIR=str(cache))
    yield cache
    for key, value in saved.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value


@pytest.fixture(scope="session")
def tiny_model_dir(tmp_path_factory: pytest.TempPathFactory, offline_models_env: Path) -> Path:
    """A tiny random Marian ar->en model directory (built once per session)."""
    return build_tiny_marian(tmp_path_factory.mktemp("tiny-marian"))


@pytest.fixture(scope="session")
def toy_model_dir(offline_models_env: Path) -> Path:
    """The committed toy ar->en model."""
    return TOY_AR_EN


@pytest.fixture(scope="session")
def toy_reverse_model_dir(offline_models_env: Path) -> Path:
    """The committed toy en->ar model (multi-target style: needs the >>ara<< prefix)."""
    return TOY_EN_AR


@pytest.fixture(scope="session")
def toy_heldout() -> list[tuple[str, str]]:
    return read_heldout()
